"""The fact sidebar: the current article's names by kind, then its figures, then the
statements it quotes, with counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip

from reader.models import FactSummary
from reader.text import make_printable
from widgets.messages import CurationRequested, FactSelected
from widgets.row_cursor import RowCursorView, cursor_bindings
from widgets.scroll_mark import ScrollMark

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("People", ("person",)),
    ("Organisations", ("org",)),
    ("Places", ("place",)),
    ("Other", ("other",)),
    ("Figures", ("count", "percent", "money", "date", "year")),
    ("Quotes", ("quote",)),
)
"""Sidebar sections in order, with the fact kinds each holds."""

KIND_STYLE = {
    "person": "underline $text-accent",
    "org": "bold underline $text-primary",
    "place": "italic underline $text-success",
    "other": "bold italic underline $text-secondary",
    "figure": "reverse $text-warning",
    "quote": "italic $text-secondary",
}
"""The same marking as the reading pane, so the sidebar doubles as a legend."""

DIFFERS = "≠"


def fact_style(kind: str, fact_id: str) -> str:
    """The Content style string a fact's label is drawn in."""
    if fact_id.startswith("f:"):
        return KIND_STYLE["figure"]
    if fact_id.startswith("q:"):
        return KIND_STYLE["quote"]
    return KIND_STYLE.get(kind, "")


def counts_text(fact: FactSummary) -> str:
    """`3 · 4 art`: mentions in this article, articles across the corpus; for a name in a
    story of several articles, `3 · 2/9 art`: articles of this story / of the corpus."""
    if fact.in_story is not None and fact.in_story != fact.articles:
        return f"{fact.here} · {fact.in_story}/{fact.articles} art"
    return f"{fact.here} · {fact.articles} art"


@dataclass(frozen=True)
class SidebarRow:
    """One line of the sidebar: a group's heading, a fact, or the note that none is listed."""

    text: str
    """The heading or the note (empty for a fact)."""
    fact: FactSummary | None = None
    count: int = 0
    """Facts under a heading."""


class FactSidebar(ScrollMark, RowCursorView, can_focus=True):
    """Names grouped (People, Organisations, Places, Other), figures and quotes (a statement:
    speaker, first words, articles; ≠ when the outlets' wordings differ); enter opens one.

    Line API, like the article list: a new article's facts are drawn from their rows, with no
    option widgets measured and laid out, so the sidebar fills in the frame that opens it.
    The cursor only ever rests on a fact.
    """

    BINDINGS = [
        *cursor_bindings("facts"),
        Binding("enter", "choose", "Open", show=False, id="facts.open"),
        Binding(
            "m",
            "curate('merge')",
            "Merge",
            tooltip="Merge the name with another (choose it)",
            id="facts.merge",
        ),
        Binding(
            "s",
            "curate('split')",
            "Split",
            tooltip="Split out a spelling (it is someone else)",
            id="facts.split",
        ),
        Binding("r", "curate('rename')", "Rename", tooltip="Rename the name", id="facts.rename"),
        Binding(
            "x",
            "curate('ignore')",
            "Ignore",
            tooltip="Ignore: not a name",
            id="facts.ignore",
        ),
        # The screen keeps the decisions made, so it undoes them (any of them, not only names').
        Binding(
            "u",
            "screen.undo_curation",
            "Undo",
            tooltip="Undo the last decision (merge, split, rename, ignore, story): seedread.yaml"
            " as it was before it",
            id="facts.undo",
        ),
    ]

    COMPONENT_CLASSES = {
        "fact-sidebar--cursor",
        "fact-sidebar--heading",
        "fact-sidebar--count",
        "fact-sidebar--differs",
        "fact-sidebar--note",
    }

    DEFAULT_CSS = """
    FactSidebar { padding: 0 1 0 0; overflow-y: hidden; }
    FactSidebar > .fact-sidebar--cursor { background: $block-cursor-blurred-background; }
    FactSidebar:focus > .fact-sidebar--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    FactSidebar > .fact-sidebar--heading { color: $text-muted; text-style: bold; }
    FactSidebar > .fact-sidebar--count { color: $text-muted; }
    FactSidebar > .fact-sidebar--differs { color: $text-error; text-style: bold; }
    FactSidebar > .fact-sidebar--note { color: $text-muted; text-style: italic; }
    """

    filter_text: reactive[str] = reactive("")
    """Only facts whose label contains this (case-insensitive) are listed."""
    cursor: reactive[int] = reactive(0, always_update=True)
    """Row under the cursor; set anew when the rows change even if the number is the same,
    since the fact under it is not (the screen watches it)."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.facts: list[FactSummary] = []
        """Every fact of the current article."""
        self.article_id: str | None = None
        """The article whose facts are listed."""
        self.differs: set[str] = set()
        """Figure groups whose values differ across the corpus, and statements whose outlets'
        wordings differ (drawn with ≠)."""
        self.rows: list[SidebarRow] = []
        self._kind_styles: dict[str, Style] = {}

    # -- data

    def set_facts(
        self,
        facts: Sequence[FactSummary],
        differs: set[str],
        keep: str | None,
        article_id: str | None = None,
    ) -> None:
        """Show the facts of a new article; keeps the cursor on fact `keep` if it is listed."""
        self.article_id = article_id
        self.facts = list(facts)
        self.differs = differs
        self._rebuild(keep)

    @property
    def fact_id(self) -> str | None:
        """The fact under the cursor."""
        row = self.rows[self.cursor] if self.rows else None
        return row.fact.id if row is not None and row.fact is not None else None

    def select_fact(self, fact_id: str) -> bool:
        """Move the cursor onto a fact (clearing the filter if it hides it); False if absent."""
        if not any(f.id == fact_id for f in self.facts):
            return False
        if self._row_of(fact_id) is None:  # filtered out
            self.filter_text = ""
        row = self._row_of(fact_id)
        if row is not None:
            self.cursor = row
        return True

    def _row_of(self, fact_id: str) -> int | None:
        return next(
            (i for i, r in enumerate(self.rows) if r.fact is not None and r.fact.id == fact_id),
            None,
        )

    def watch_filter_text(self) -> None:
        self._rebuild(self.fact_id)

    def _rebuild(self, keep: str | None) -> None:
        needle = self.filter_text.casefold().strip()
        rows: list[SidebarRow] = []
        for heading, kinds in GROUPS:
            group = [
                f
                for f in self.facts
                if (
                    f.is_figure
                    if heading == "Figures"
                    else f.is_quote
                    if heading == "Quotes"
                    else not f.is_figure and not f.is_quote and f.kind in kinds
                )
                and (not needle or needle in f.label.casefold())
            ]
            if group:
                rows.append(SidebarRow(heading, count=len(group)))
                rows.extend(SidebarRow("", fact=f) for f in group)
        if not rows:
            rows.append(
                SidebarRow("no match for the filter" if needle else "no names, figures or quotes")
            )
        self.rows = rows
        self.virtual_size = Size(self.virtual_size.width, len(rows))
        target = self._row_of(keep) if keep is not None else None
        if target is None:
            target = next((i for i, r in enumerate(rows) if r.fact is not None), 0)
        self.cursor = target  # its watcher scrolls to it and repaints

    # -- cursor

    def validate_cursor(self, cursor: int) -> int:
        """Clamp to the rows, and step off a heading onto the nearest fact."""
        cursor = super().validate_cursor(cursor)
        if not self.rows or self.rows[cursor].fact is not None:
            return cursor
        below = next((i for i in range(cursor, len(self.rows)) if self.rows[i].fact), None)
        above = next((i for i in range(cursor, -1, -1) if self.rows[i].fact), None)
        if below is None or above is None:
            return below if below is not None else above if above is not None else cursor
        return below if below - cursor <= cursor - above else above

    def action_cursor(self, delta: int) -> None:
        """Move to the next fact up or down, over the headings between."""
        step = 1 if delta > 0 else -1
        row = self.cursor + delta
        while 0 <= row < len(self.rows) and self.rows[row].fact is None:
            row += step
        if 0 <= row < len(self.rows):
            self.cursor = row

    def watch_cursor(self) -> None:
        self.scroll_to_cursor()
        self.refresh()

    def scroll_to_cursor(self) -> None:
        """Scroll so the cursor's row is in view (with its group's heading, if just above)."""
        height = max(self.scrollable_content_region.height, 1)
        line = self.cursor
        top = line - 1 if line and self.rows and self.rows[line - 1].fact is None else line
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif line >= self.scroll_y + height:
            self.scroll_to(y=line - height + 1, animate=False, immediate=True)

    # -- actions

    def action_choose(self) -> None:
        if self.fact_id is not None:
            self.post_message(FactSelected(self.fact_id))

    def action_curate(self, action: str) -> None:
        fact = self.fact_id
        if fact is None:
            self.notify("Move the cursor onto a name first.", timeout=2)
            return
        self.post_message(CurationRequested(action, fact))

    async def _on_click(self, event: events.Click) -> None:
        row = event.y + int(self.scroll_y)
        if 0 <= row < len(self.rows) and self.rows[row].fact is not None:
            self.cursor = row
            self.action_choose()

    # -- rendering

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"fact-sidebar--{name}")

    def _kind_style(self, fact: FactSummary) -> Style:
        key = fact_style(fact.kind, fact.id)
        style = self._kind_styles.get(key)
        if style is None:
            style = self._kind_styles[key] = self.app.stylesheet.parse_style(key).rich_style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.base_style
        line = y + int(self.scroll_y)
        if line >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[line]
        fact = row.fact
        if fact is None:
            lift = Style(bgcolor=base.bgcolor)
            if row.count:
                segments = [
                    Segment(row.text, base + self._style("heading") + lift),
                    Segment(f"  {row.count}", base + self._style("count") + lift),
                ]
            else:
                segments = [Segment(row.text, base + self._style("note") + lift)]
            return Strip(segments).adjust_cell_length(width, base)
        if line == self.cursor:
            base = base + self._style("cursor")
        # Component styles carry a background of their own: keep the row's (cursor or not).
        lift = Style(bgcolor=base.bgcolor)
        counts = counts_text(fact)
        differs = fact.id in self.differs
        label = make_printable(fact.label).replace("\n", " ")
        room = max(width - cell_len(counts) - 4, 4)
        if cell_len(label) > room:
            label = set_cell_size(label, room - 1) + "…"
        segments = [
            Segment(" ", base),
            Segment(label, base + self._kind_style(fact) + lift),
            Segment(" " * max(room - cell_len(label), 0), base),
            Segment(f" {DIFFERS} " if differs else "   ", base + self._style("differs") + lift),
            Segment(counts, base + self._style("count") + lift),
        ]
        return Strip(segments).adjust_cell_length(width, base)

    def notify_style_update(self) -> None:
        self._kind_styles.clear()  # the theme may have changed its colours
        super().notify_style_update()
