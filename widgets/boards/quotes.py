"""The quote board: the statements two or more articles quote (in the story read alone, or
every story), the most outlets and the most divergent wordings first; below, the highlighted
statement's variants, each against the longest."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from reader.quotes import QuoteVariant, StatementSummary
from reader.quotes.wording import reference
from reader.text import make_printable
from widgets.boards.screen import BoardScreen
from widgets.fact_detail import wording_runs
from widgets.fact_sidebar import DIFFERS
from widgets.grid_view import Cell, Column, GridView, RowsOf, Run, cell
from widgets.messages import JumpToMention

ROW_COLUMNS = (
    Column(DIFFERS, 1),
    Column("Speaker", 22),
    Column("Outlets", 7, "right"),
    Column("Origins", 7, "right"),
    Column("Wordings", 18),
    Column("Words (the longest variant)", 90),
)
VARIANT_COLUMNS = (
    Column("Outlet", 22),
    Column("Date", 10),
    Column("Speaker as named", 22),
    Column("Words against the longest: [-dropped-] {+added or changed+}", 120),
)


MAX_ROWS = 1000
"""Statements listed at most (the most outlets first; `S` narrows the board to a story): a
corpus of 37,554 articles has 11,000 shared ones, and reading them all made the board slow to
open."""
ROLES = {"": "", "dropped": "differs", "added": "yes"}
"""The grid's role for each run of a wording (`reader.quotes.wording.marked_runs`)."""
WORD_STYLES = {"": "", "dropped": "strike $text-error", "added": "bold $text-success"}
"""The same, as styles of the wrapped wording under the table."""


def statement_cells(s: StatementSummary) -> list[Cell]:
    """One line of the board."""
    return [
        cell((DIFFERS, "differs")) if s.differs else cell(" "),
        cell((make_printable(s.speaker_name or "no speaker named"), "strong")),
        cell(f"{s.outlets}"),
        cell(f"{s.origins}"),
        cell((s.verdict, "differs" if s.differs else "muted")),
        cell((f"“{make_printable(s.words)}”", "italic")),
    ]


def variant_cells(variants: list[QuoteVariant]) -> list[list[Cell]]:
    """One line per variant: outlet, date, speaker as named, words against the longest."""
    if not variants:
        return []
    longest = reference(v.quote for v in variants)
    lines = []
    for v in variants:
        runs: list[str | Run] = [
            (make_printable(t), ROLES[role]) for t, role in wording_runs(longest, v.quote)
        ]
        lines.append(
            [
                cell((make_printable(v.outlet or v.title), "strong")),
                cell((v.date or "undated", "muted")),
                cell((make_printable(v.quote.speaker_name or "—"), "italic")),
                cell(*runs),
            ]
        )
    return lines


class QuoteBoardScreen(BoardScreen):
    """Statements, the most outlets first; below, the highlighted one's variants."""

    BINDINGS = [
        *BoardScreen.BINDINGS,
        Binding("Q", "close", "Back", show=False, id="quotes.close"),
        Binding(
            "tab",
            "switch",
            "Variants",
            tooltip="Between the statements and the variants",
            id="quotes.switch",
        ),
    ]
    FROZEN = 2
    NAME = "Quote board"
    _shown: list[QuoteVariant] = []
    """The highlighted statement's variants, as listed."""

    def compose_detail(self) -> ComposeResult:
        yield GridView(frozen=1, id="quote-variants")
        yield Static(id="quote-words")

    @property
    def variants(self) -> GridView:
        return self.query_one("#quote-variants", GridView)

    def compute(self) -> tuple[list[StatementSummary], int]:
        rows = self.index.statements(story=self.story, shared=True, limit=MAX_ROWS)
        total = (
            len(rows)
            if len(rows) < MAX_ROWS
            else self.index.statement_total(story=self.story, shared=True)
        )
        return rows, total

    def show(self, data: tuple[list[StatementSummary], int]) -> None:
        rows, total = data
        self.data = rows  # the rows, from here on (what `compute` gave is cached as it was)
        differ = sum(1 for s in rows if s.differs)
        scope = "in this story" if self.story else "each within one story"
        shown = (
            f"the {len(rows):,} with the most outlets of {total:,} statements"
            if total > len(rows)
            else f"{total:,} statements"
        )
        self.set_title(
            ("Quote board", "bold"),
            f" · {shown} quoted by two or more articles, {scope} · ",
            (f"{DIFFERS} {differ:,} worded differently", "bold $text-error"),
        )
        self.set_legend(
            (
                "Most outlets, then most divergent first · enter: read it · tab: its variants"
                " (enter jumps to one; the wording in full below) · ←→ scroll · escape back",
                "$text-muted",
            )
        )
        if not rows:
            self.grid.set_placeholder("No statement is quoted by two or more articles.")
            self.variants.set_placeholder("")
            return
        self.grid.set_data(ROW_COLUMNS, RowsOf(rows, statement_cells))
        self._show_variants(0)

    def _variants_of(self, row: int) -> list[QuoteVariant]:
        statement: StatementSummary = self.data[row]
        return self.index.statement_quotes(statement.id)

    def _show_variants(self, row: int) -> None:
        self._shown = self._variants_of(row)
        self.variants.set_data(VARIANT_COLUMNS, variant_cells(self._shown))
        self._show_words(0)

    def _show_words(self, variant: int) -> None:
        """The variant's whole wording, wrapped, under the table (the grid cuts it)."""
        words = self.query_one("#quote-words", Static)
        if not self._shown:
            words.update("")
            return
        longest = reference(v.quote for v in self._shown)
        v = self._shown[min(variant, len(self._shown) - 1)]
        said = make_printable(v.quote.speaker_name or "no speaker named")
        words.update(
            Content.assemble(
                (make_printable(v.outlet or v.title), "bold"),
                (f" · {v.date or 'undated'} · {said}: ", "$text-muted"),
                *[(t, WORD_STYLES[role]) for t, role in wording_runs(longest, v.quote)],
            )
        )

    @on(GridView.Highlighted, "#quote-variants")
    def _variant_highlighted(self, event: GridView.Highlighted) -> None:
        self._show_words(event.row)

    @on(GridView.Highlighted, "#board-grid")
    def _statement_highlighted(self, event: GridView.Highlighted) -> None:
        if self.data:
            self._show_variants(event.row)

    @on(GridView.Chosen, "#board-grid")
    def _statement_chosen(self, event: GridView.Chosen) -> None:
        self._jump(event.row, 0)

    @on(GridView.Chosen, "#quote-variants")
    def _variant_chosen(self, event: GridView.Chosen) -> None:
        self._jump(self.grid.cursor, event.row)

    def _jump(self, row: int, variant: int) -> None:
        variants = self._variants_of(row)
        if variants:
            q = variants[min(variant, len(variants) - 1)].quote
            self.dismiss(JumpToMention(q.article, q.start, q.end, self.data[row].id))

    def action_switch(self) -> None:
        if self.variants.has_focus:
            self.grid.focus()
        else:
            self.variants.focus()
