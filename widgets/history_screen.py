"""The history chart of one figure in a dialog over the board; escape closes it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.figures.history import History
from reader.text import make_printable
from widgets.fact_sidebar import KIND_STYLE
from widgets.history_chart import HistoryChart

FIGURE_STYLE = f"bold {KIND_STYLE['figure']}"
"""A figure's label, marked as figures are in the text."""


class HistoryScreen(ModalScreen[None]):
    """A quantity's chart (`HistoryChart`) under its title; escape or c closes it."""

    BINDINGS = [
        Binding("escape,c", "close", "Close", tooltip="Close the chart", id="chart.close"),
    ]

    def __init__(self, label: str, history: History) -> None:
        super().__init__()
        dated = len(history.readings)
        self.title_content = Content.assemble(
            (make_printable(label), FIGURE_STYLE),
            (f"  {dated:,} dated reading{'s' * (dated != 1)} over time", "$text-muted"),
        )
        """The dialog's title: what is counted, and how many readings are charted."""
        self.history = history
        """The history charted."""

    def compose(self) -> ComposeResult:
        with Vertical(id="chart-box", classes="dialog"):
            yield Static(self.title_content, classes="dialog-title")
            yield HistoryChart(self.history, id="history-chart")
            yield Static(Content.styled("escape to close", "$text-muted"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
