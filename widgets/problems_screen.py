"""The problems screen: every file or record that was skipped or read with a loss, and why."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.models import Problem
from reader.text import make_printable


class ProblemsScreen(ModalScreen[None]):
    """Lists the corpus' problems; escape closes."""

    BINDINGS = [
        Binding("escape,q,p", "dismiss", "Close", tooltip="Back to reading", id="problems.close"),
    ]

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.problems = list(problems)
        """The problems to list."""

    def compose(self) -> ComposeResult:
        count = len(self.problems)
        with Vertical(id="problems-box", classes="dialog"):
            yield Static(
                Content.styled(
                    f"⚠ {count} problem{'s' * (count != 1)} while reading the corpus", "bold"
                ),
                classes="dialog-title",
            )
            yield OptionList(
                *[
                    Option(
                        Content.assemble(
                            (make_printable(p.source), "bold"),
                            "\n  ",
                            (make_printable(p.reason), "$text-muted"),
                        )
                    )
                    for p in self.problems
                ],
                id="problems-list",
            )
            yield Static(Content.styled("escape to close", "$text-muted"), classes="dialog-hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
