"""Small dialogs that ask one thing: a line of text, one of a few choices, or yes/no."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.text import make_printable


class InputPrompt(ModalScreen[str | None]):
    """A question and a text field; enter answers with the text, escape with None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Cancel", id="prompt.cancel")]

    def __init__(self, question: str, value: str = "", hint: str = "") -> None:
        super().__init__()
        self.question = question
        """What is asked."""
        self.value = value
        """The text the field starts with."""
        self.hint = hint
        """A line under the field."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt"):
            yield Static(Content.styled(self.question, "bold"), classes="dialog-title")
            yield Input(self.value, id="prompt-input", select_on_focus=False)
            yield Static(
                Content.styled(self.hint or "enter to confirm · escape to cancel", "$text-muted"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#prompt-input", Input).focus()

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoicePrompt(ModalScreen[str | None]):
    """A question and a list of choices; enter answers with the chosen one, escape with None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Cancel", id="choice.cancel"),
        Binding("j", "move(1)", "Down", show=False, id="choice.down"),
        Binding("k", "move(-1)", "Up", show=False, id="choice.up"),
    ]

    def __init__(self, question: str, choices: Sequence[str]) -> None:
        super().__init__()
        self.question = question
        """What is asked."""
        self.choices = list(choices)
        """What can be answered."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt choice"):
            yield Static(Content.styled(self.question, "bold"), classes="dialog-title")
            yield OptionList(
                *[
                    Option(Content(make_printable(c)), id=str(i))
                    for i, c in enumerate(self.choices)
                ],
                id="choice-list",
            )
            yield Static(
                Content.styled("↑↓ choose · enter confirm · escape cancel", "$text-muted"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#choice-list", OptionList).focus()

    def action_move(self, delta: int) -> None:
        choices = self.query_one("#choice-list", OptionList)
        if delta > 0:
            choices.action_cursor_down()
        else:
            choices.action_cursor_up()

    @on(OptionList.OptionSelected, "#choice-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmPrompt(ModalScreen[bool]):
    """A yes/no question: y or enter says yes, n or escape says no."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        """What is asked."""
        self.detail = detail
        """What a yes will do."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt confirm"):
            yield Static(Content.styled(self.question, "bold"), classes="dialog-title")
            if self.detail:
                yield Static(Content(make_printable(self.detail)), classes="prompt-detail")
            yield Static(Content.styled("y / enter: yes · n / escape: no", "$text-muted"))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
