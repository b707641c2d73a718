"""The figure board: every figure group with each outlet's value, spread and attribution."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.worker import get_current_worker

from reader.boards import FigureCell, FigureRow, attributed, figure_board
from reader.models import MentionRow
from reader.store import FactIndex
from reader.text import make_printable
from widgets.boards.screen import BoardScreen
from widgets.fact_detail import format_value
from widgets.fact_sidebar import DIFFERS
from widgets.grid_view import Cell, Column, GridView, RowsOf, cell
from widgets.history_chart import UNCHARTED_KINDS
from widgets.history_screen import HistoryScreen
from widgets.mentions_screen import MentionEntry, MentionsScreen
from widgets.messages import JumpToMention

ROW_COLUMNS = (
    Column(DIFFERS, 1),
    Column("What is counted", 26),
    Column("History", 34),
    Column("Outlets", 7, "right"),
    Column("Origins", 7, "right"),
    Column("Values by outlet", 60),
    Column("Attribution", 60),
)
ATTRIBUTION_BATCH = 40
"""Rows whose attributions the worker finds at a time (about a screenful)."""
MAX_ROWS = 300
"""Figure groups listed at most, the most disputed first (`S` narrows the board to a story,
whose board is whole): a corpus of 37,554 articles has 23,000 quantities given by two or more
articles, 379 of them disputed; reading a thousand rows took 0.3 s, three hundred 0.1 s."""
CELL_COLUMNS = (
    Column(DIFFERS, 1),
    Column("Outlet", 24),
    Column("Date", 10),
    Column("Value", 20),
    Column("Attribution", 44),
    Column("As written", 24),
)


def value_text(c: FigureCell) -> str:
    """A cell's value as a reader writes it, with its qualifier: "at least 34,356"."""
    row = MentionRow(c.article, c.start, c.end, c.text, c.value, c.unit, c.qualifier)
    value = format_value(row)
    return f"{c.qualifier} {value}" if c.qualifier and not value.startswith(c.qualifier) else value


def disputed_values(row: FigureRow) -> set[Any]:
    """The values to mark ≠: those not given by the majority (all of them when none leads),
    in a disputed group only."""
    if row.spread is None or not row.disputes:
        return set()
    counts = Counter(c.value for c in row.cells).most_common()
    if len(counts) > 1 and counts[0][1] > counts[1][1]:
        return {value for value, _ in counts[1:]}
    return {value for value, _ in counts}


def outlet_values(cells: Sequence[FigureCell]) -> list[tuple[str, list[str]]]:
    """Each outlet (in first-mention order) with the distinct values it gives."""
    out: dict[str, list[str]] = {}
    for c in cells:
        values = out.setdefault(c.outlet, [])
        text = value_text(c)
        if text not in values:
            values.append(text)
    return list(out.items())


def row_cells(row: FigureRow) -> list[Cell]:
    """One line of the board."""
    values: list[str | tuple[str, str]] = []
    for i, (outlet, given) in enumerate(outlet_values(row.cells)):
        if i:
            values.append((" · ", "muted"))
        values += [(make_printable(outlet), "muted"), " ", (" / ".join(given), "strong")]
    sources = list(dict.fromkeys(c.attribution for c in row.cells if c.attribution))
    attribution = "; ".join(make_printable(s) for s in sources) or "—"
    return [
        cell((DIFFERS, "differs")) if row.disputes else cell(" "),
        cell((make_printable(row.label), "figure")),
        history_cell(row),
        cell(f"{row.outlets}"),
        cell(f"{row.origins}"),
        cell(*values),
        cell((attribution if row.attributed else "…", "italic")),
    ]


def history_cell(row: FigureRow) -> Cell:
    """What became of the figure: its disputes, else its updates (first → latest), else
    whether its values agree."""
    moved = (
        f"{make_printable(row.first)} → {make_printable(row.latest)}"
        if row.first and row.latest and row.first != row.latest
        else row.spread or ""
    )
    updates = f"{row.updates} update{'s' * (row.updates != 1)}" if row.updates else ""
    if row.disputes:
        disputes = f"{row.disputes} dispute{'s' * (row.disputes != 1)}"
        text = " · ".join(t for t in (f"{DIFFERS} {disputes}", updates, moved) if t)
        return cell((text, "differs"))
    if row.updates:
        return cell((f"{updates} · {moved}", "strong"))
    if row.spread:
        return cell((f"can all hold · {row.spread}", "muted"))
    return cell(("= all agree", "muted"))


def mention_cells(row: FigureRow, disputed: set[Any]) -> list[list[Cell]]:
    """One line per mention of a group: outlet, date, value, attribution, as written."""
    lines = []
    for c in row.cells:
        marked = c.value in disputed
        lines.append(
            [
                cell((DIFFERS, "differs")) if marked else cell(" "),
                cell((make_printable(c.outlet), "strong")),
                cell((c.date or "undated", "muted")),
                cell((value_text(c), "differs" if marked else "strong")),
                cell((make_printable(c.attribution or "—"), "italic")),
                cell((f"“{make_printable(c.text)}”", "muted")),
            ]
        )
    return lines


def board_data(index: FactIndex, story: str | None) -> tuple[list[FigureRow], int, int]:
    """What the figure board shows: its rows, how many groups it would list without
    `MAX_ROWS`, how many of them are disputed. Attributions are found after the board shows
    (`FigureBoardScreen._attribute`), but the first screenful's: they read the text of every
    article a row quotes, most of the time a large corpus' board took."""
    rows = figure_board(index, limit=MAX_ROWS, story=story, attribute=False)
    rows[:ATTRIBUTION_BATCH] = attributed(index, rows[:ATTRIBUTION_BATCH])
    if len(rows) < MAX_ROWS:
        return rows, len(rows), sum(1 for r in rows if r.disputes)
    return rows, *index.figure_board_total(story)


class FigureBoardScreen(BoardScreen):
    """Figure groups, most disputed first; below, the highlighted group's every mention."""

    BINDINGS = [
        *BoardScreen.BINDINGS,
        Binding("F", "close", "Back", show=False, id="figures.close"),
        Binding(
            "tab",
            "switch",
            "Mentions",
            tooltip="Between the groups and the mentions",
            id="figures.switch",
        ),
        Binding(
            "c",
            "chart",
            "Chart",
            tooltip="Chart of the figure over time: each outlet's value by as-of day",
            id="figures.chart",
        ),
    ]
    FROZEN = 2
    NAME = "Figure board"

    def compose_detail(self) -> ComposeResult:
        yield GridView(frozen=2, id="figure-mentions")

    @property
    def mentions(self) -> GridView:
        return self.query_one("#figure-mentions", GridView)

    def compute(self) -> tuple[list[FigureRow], int, int]:
        return board_data(self.index, self.story)

    def show(self, data: tuple[list[FigureRow], int, int]) -> None:
        rows, total, disputed = data
        self.data = rows  # the rows, from here on (what `compute` gave is cached as it was)
        scope = "in this story" if self.story else "each within one story"
        shown = (
            f"the {len(rows):,} most disputed of {total:,} figures"
            if total > len(rows)
            else f"all {total:,} figures"
        )
        self.set_title(
            ("Figure board", "bold"),
            f" · {shown} given by two or more articles, {scope} · ",
            (f"{DIFFERS} {disputed:,} disputed", "bold $text-error"),
        )
        self.set_legend(
            (
                "Most disputed first · enter: every mention in its sentence · c: its chart over"
                " time · tab: the mentions below (enter jumps to one) · ←→ scroll · escape back",
                "$text-muted",
            )
        )
        if not rows:
            self.grid.set_placeholder("No figure is given by two or more articles.")
            self.mentions.set_placeholder("")
            return
        self.grid.set_data(ROW_COLUMNS, RowsOf(range(len(rows)), lambda i: row_cells(rows[i])))
        self._show_mentions(0)
        if not all(r.attributed for r in rows):
            self._attribute(rows)

    def _row(self, index: int) -> FigureRow:
        """The `index`th row, with its attributions (found now when the worker has not yet)."""
        rows: list[FigureRow] = self.data
        if not rows[index].attributed:
            rows[index] = attributed(self.index, [rows[index]])[0]
        return rows[index]

    @work(thread=True, exclusive=True, group="attributions")
    def _attribute(self, rows: list[FigureRow]) -> None:
        """Find the rows' attributions, a screenful at a time from the top, and show them."""
        for start in range(0, len(rows), ATTRIBUTION_BATCH):
            batch = attributed(self.index, rows[start : start + ATTRIBUTION_BATCH])
            if get_current_worker().is_cancelled:
                return
            self.app.call_from_thread(self._attributed, rows, start, batch)

    def _attributed(self, rows: list[FigureRow], start: int, batch: list[FigureRow]) -> None:
        for i, row in enumerate(batch, start):
            if not rows[i].attributed:
                rows[i] = row
        self.grid.refresh()
        if rows is self.data and start <= self.grid.cursor < start + len(batch):
            self._show_mentions(self.grid.cursor)

    def _show_mentions(self, index: int) -> None:
        row = self._row(index)
        self.mentions.set_data(CELL_COLUMNS, mention_cells(row, disputed_values(row)))

    @on(GridView.Highlighted, "#board-grid")
    def _group_highlighted(self, event: GridView.Highlighted) -> None:
        if self.data:
            self._show_mentions(event.row)

    @on(GridView.Chosen, "#board-grid")
    def _group_chosen(self, event: GridView.Chosen) -> None:
        row = self._row(event.row)
        disputed = disputed_values(row)
        entries = [
            MentionEntry(
                c.article,
                c.start,
                c.end,
                Content.assemble(
                    (DIFFERS + " " if c.value in disputed else "  ", "bold $text-error"),
                    (make_printable(c.outlet), "bold"),
                    (f" · {c.date or 'undated'} · ", "$text-muted"),
                    (value_text(c), "bold"),
                    (f" · {make_printable(c.attribution)}" if c.attribution else "", "italic"),
                ),
            )
            for c in row.cells
        ]
        title = Content.assemble(
            (make_printable(row.label), "bold reverse $text-warning"),
            f"  {len(row.cells):,} mentions in {row.articles:,} articles",
            (
                f"  {DIFFERS} {row.spread}" if row.spread and row.disputes else "",
                "bold $text-error",
            ),
        )

        def jumped(jump: JumpToMention | None) -> None:
            if jump is not None:
                self.dismiss(jump)

        self.app.push_screen(MentionsScreen(self.index, row.id, title, entries), jumped)

    @on(GridView.Chosen, "#figure-mentions")
    def _mention_chosen(self, event: GridView.Chosen) -> None:
        row: FigureRow = self.data[self.grid.cursor]
        c = row.cells[event.row]
        self.dismiss(JumpToMention(c.article, c.start, c.end, row.id))

    def action_chart(self) -> None:
        """The highlighted figure's history as a chart, in a dialog."""
        if not self.data:
            return
        row: FigureRow = self.data[self.grid.cursor]
        if row.kind in UNCHARTED_KINDS:
            self.notify(
                f"“{make_printable(row.label)}” is a {row.kind}, not a quantity: no history"
                " to chart.",
                timeout=4,
            )
            return
        history = self.index.figure_history(row.id)
        if not history.readings:
            self.notify(
                f"No figure of “{make_printable(row.label)}” has a known day: nothing to chart.",
                timeout=4,
            )
            return
        self.app.push_screen(HistoryScreen(row.label, history))

    def action_switch(self) -> None:
        if self.mentions.has_focus:
            self.grid.focus()
        else:
            self.mentions.focus()
