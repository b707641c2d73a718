"""The history chart of one figure in a dialog over the board; escape closes it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.figures.history import History
from widgets.history_chart import HistoryChart


class HistoryScreen(ModalScreen[None]):
    """A quantity's chart (`HistoryChart`) under its title; escape or c closes it."""

    BINDINGS = [
        Binding("escape,c", "close", "Close", tooltip="Close the chart", id="chart.close"),
    ]

    def __init__(self, title: Content, history: History) -> None:
        super().__init__()
        self.title_content = title
        """The dialog's title: what is counted."""
        self.history = history
        """The history charted."""

    def compose(self) -> ComposeResult:
        with Vertical(id="chart-box", classes="dialog"):
            yield Static(self.title_content, classes="dialog-title")
            yield HistoryChart(self.history, id="history-chart")
            yield Static(Content.styled("escape to close", "$text-muted"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
