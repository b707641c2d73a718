"""Every mention of one fact, each with the sentence it sits in; enter jumps to one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.attribution import sentence_bounds
from reader.store import FactIndex
from reader.text import make_printable
from widgets.messages import JumpToMention

MAX_LISTED = 500
"""Mentions listed at most (the rest are counted)."""


@dataclass(frozen=True)
class MentionEntry:
    """One mention to list: where it is and the line said about it."""

    article: str
    """Article id."""
    start: int
    """Offset of the mention."""
    end: int
    """End offset."""
    head: Content
    """The first line: outlet, date, value, attribution…"""


def sentence_line(text: str, start: int, end: int, style: str) -> Content:
    """The sentence around text[start:end] on one line, the mention drawn in `style`."""
    lo, hi = sentence_bounds(text, start, end, limit=300)
    before = make_printable(" ".join(text[lo:start].split()))
    mention = make_printable(" ".join(text[start:end].split()))
    after = make_printable(" ".join(text[end:hi].split()))
    return Content.assemble(
        "  ",
        before + (" " if before and text[start - 1 : start].isspace() else ""),
        (mention, style),
        (" " if after and text[end : end + 1].isspace() else "") + after,
    )


class MentionsScreen(ModalScreen[JumpToMention | None]):
    """A fact's mentions in context; enter answers with a jump to one, escape with None."""

    BINDINGS = [
        Binding("escape", "cancel", "Back", tooltip="Back to the board", id="mentions.close"),
        Binding("j", "move(1)", "Down", show=False, id="mentions.list.down"),
        Binding("k", "move(-1)", "Up", show=False, id="mentions.list.up"),
    ]

    def __init__(
        self,
        index: FactIndex,
        fact_id: str,
        title: Content,
        entries: Sequence[MentionEntry],
        style: str = "reverse $text-warning",
    ) -> None:
        super().__init__()
        self.index = index
        """The index the sentences are read from."""
        self.fact_id = fact_id
        """The fact listed."""
        self.title_content = title
        """The dialog's title."""
        self.entries = list(entries)
        """The mentions, in order."""
        self.mark_style = style
        """How the mention is drawn inside its sentence."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="mentions-box"):
            yield Static(self.title_content, classes="dialog-title")
            yield OptionList(id="mentions-list")
            yield Static(
                Content.styled("↑↓ choose · enter jump to it · escape back", "$text-muted"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        listing = self.query_one("#mentions-list", OptionList)
        listing.set_options(
            [Option(Content.styled("loading the sentences…", "italic $text-muted"), disabled=True)]
        )
        listing.focus()
        self.load_sentences()

    @work(thread=True, exclusive=True, group="sentences")
    def load_sentences(self) -> None:
        """Read each mention's sentence off the UI thread (articles come from the index)."""
        worker = get_current_worker()
        options: list[Option | None] = []
        for i, entry in enumerate(self.entries[:MAX_LISTED]):
            if worker.is_cancelled:
                return
            text = self.index.article(entry.article).text
            line = sentence_line(text, entry.start, entry.end, self.mark_style)
            if options:
                options.append(None)
            options.append(Option(Content("\n").join([entry.head, line]), id=str(i)))
        more = len(self.entries) - MAX_LISTED
        if more > 0:
            note = Content.styled(f"… and {more:,} more mentions", "italic $text-muted")
            options.append(Option(note, disabled=True))
        self.app.call_from_thread(self._show, options)

    def _show(self, options: list[Option | None]) -> None:
        listing = self.query_one("#mentions-list", OptionList)
        listing.set_options(options)
        listing.highlighted = 0 if self.entries else None

    def action_move(self, delta: int) -> None:
        listing = self.query_one("#mentions-list", OptionList)
        if delta > 0:
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()

    @on(OptionList.OptionSelected, "#mentions-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        entry = self.entries[int(event.option.id)]
        self.dismiss(JumpToMention(entry.article, entry.start, entry.end, self.fact_id))

    def action_cancel(self) -> None:
        self.dismiss(None)
