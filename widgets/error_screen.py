"""A full-screen message for a corpus that cannot be opened (no traceback)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.text import make_printable

EXIT_CORPUS_ERROR = 2
"""Exit status after a corpus or config error, as the command line uses."""


class ErrorScreen(Screen[None]):
    """Says what went wrong and how to go on; q quits with status 2, r tries again (when the
    screen was given a way to)."""

    BINDINGS = [
        Binding("q,escape,enter", "quit", "Quit", tooltip="Quit seedread", id="error.quit"),
        Binding("r", "retry", "Try again", tooltip="Build the index again", id="error.retry"),
    ]

    def __init__(
        self,
        title: str,
        reason: str,
        retry: Callable[[], None] | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        """What failed."""
        self.reason = reason
        """Why."""
        self.retry = retry
        """What `r` does (None: `r` does nothing)."""
        self.hint = hint
        """How to go on, when not the corpus hint."""

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box"):
            yield Static(
                Content.styled(f"✖ {self.title_text}", "bold $text-error"), id="error-title"
            )
            yield Static(Content(make_printable(self.reason)), id="error-reason")
            hint = self.hint or (
                "Check the path (a folder of .txt, .md, .json or .jsonl files, or one such "
                "file) and its seedread.yaml, then run seedread again. Press q to quit."
            )
            yield Static(Content.styled(hint, "$text-muted"), id="error-hint")
        yield Footer()

    def action_quit(self) -> None:
        self.app.exit(return_code=EXIT_CORPUS_ERROR)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "retry" or self.retry is not None  # no `r` in the footer otherwise

    def action_retry(self) -> None:
        if self.retry is not None:
            self.dismiss()
            self.retry()
