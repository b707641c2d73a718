"""The coverage grid: which outlets mention which names and figures, most outlets first."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.content import Content

from reader.boards import CoverageRow, coverage
from reader.text import make_printable
from widgets.boards.screen import BoardScreen
from widgets.grid_view import Cell, Column, GridView, RowsOf, cell
from widgets.messages import OpenFact

YES = cell(("●", "yes"))
NO = cell(("·", "no"))
SOLE = "◆"
"""Marks a fact only one outlet reports."""
COLUMN_WIDTH = 10
"""Width of an outlet column (the full name is under the grid)."""
KIND_NAMES = {"person": "person", "org": "org", "place": "place", "other": "other"}


def coverage_cells(row: CoverageRow, columns: list[str]) -> list[Cell]:
    """A fact's line: sole-source mark, label, kind, outlets, then ● or · per outlet."""
    figure = row.id.startswith("f:")
    return [
        cell((SOLE, "warning")) if len(row.columns) == 1 else cell(" "),
        cell((make_printable(row.label), "figure" if figure else "strong")),
        cell((KIND_NAMES.get(row.kind, row.kind), "muted")),
        cell(f"{len(row.columns)}"),
        *(YES if key in row.columns else NO for key in columns),
    ]


class CoverageScreen(BoardScreen):
    """Facts × outlets: ● where an outlet mentions the fact, · where it does not."""

    BINDINGS = [
        *BoardScreen.BINDINGS,
        Binding("C", "close", "Back", show=False, id="coverage.close"),
    ]
    FROZEN = 4
    NAME = "Coverage"
    CELL_CURSOR = True

    def compute(self) -> tuple[list[str], list[CoverageRow]]:
        return coverage(self.index)

    def show(self, data: tuple[list[str], list[CoverageRow]]) -> None:
        keys, rows = data
        sole = sum(1 for r in rows if len(r.columns) == 1)
        self.set_title(
            ("Coverage", "bold"),
            f" · all {len(rows):,} names and figures × {len(keys):,} outlets,",
            " most outlets first · ",
            (f"{SOLE} {sole:,} reported by one outlet only (last)", "bold $text-warning"),
        )
        self.set_legend(
            (
                "● mentions it · · does not · ↑↓ facts · ←→ outlets (full name below)"
                " · enter: open the fact · escape back",
                "$text-muted",
            )
        )
        if not rows:
            self.grid.set_placeholder("No names or figures.")
            return
        columns = [
            Column(SOLE, 1),
            Column("Name or figure", 30),
            Column("Kind", 6),
            Column("Out", 3, "right"),
            *(Column(make_printable(key), COLUMN_WIDTH, "center") for key in keys),
        ]
        self.grid.set_data(columns, RowsOf(rows, lambda row: coverage_cells(row, keys)))

    @on(GridView.Highlighted, "#board-grid")
    def _highlighted(self, event: GridView.Highlighted) -> None:
        if not self.data:
            return
        keys, rows = self.data
        if event.row >= len(rows) or not keys:
            return
        row, outlet = rows[event.row], keys[min(event.column, len(keys) - 1)]
        said = outlet in row.columns
        self.set_detail(
            Content.assemble(
                (make_printable(outlet), "bold"),
                (
                    "  ● mentions " if said else "  · does not mention ",
                    "$text-success" if said else "$text-muted",
                ),
                (make_printable(row.label), "bold"),
                (
                    f"  ·  {len(row.columns)} of {len(keys)} outlets · {row.mentions:,} mentions",
                    "$text-muted",
                ),
            )
        )

    @on(GridView.Chosen, "#board-grid")
    def _chosen(self, event: GridView.Chosen) -> None:
        _, rows = self.data
        self.dismiss(OpenFact(rows[event.row].id))
