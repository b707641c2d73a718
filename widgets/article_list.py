"""The article list: a virtualised Line API widget, one line per article, no widget per row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip

from reader.models import ArticleSummary
from reader.text import make_printable
from widgets.article_rows import ArticleRows
from widgets.messages import ArticleHighlighted, OpenArticle
from widgets.row_cursor import RowCursorView, cursor_bindings
from widgets.scroll_mark import ScrollMark

SORT_ORDERS = ("date", "outlet", "title", "story")
"""The orders `o` cycles through."""

UNREAD = "●"
READ = " "
REPRINT = "≡"
"""Before the title of an article that reprints another's copy (one origin, not two)."""


def fit(text: str, width: int) -> str:
    """`text` cut or padded to exactly `width` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


def short_outlet(outlet: str) -> str:
    """An outlet as the list shows it: a web address without its scheme, `www.` and path
    ("https://www.nytimes.com/" -> "nytimes.com"); a name as it is ("New York Times - News")."""
    text = " ".join(outlet.split())
    if " " in text or "." not in text:
        return text  # a name, not an address
    for scheme in ("https://", "http://"):
        if text.lower().startswith(scheme):
            text = text[len(scheme) :]
    text = text.split("/", 1)[0]
    if text.lower().startswith("www.") and text.count(".") >= 2:
        text = text[4:]
    return text or outlet


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "go", "ne", "or"})


def fit_outlet(outlet: str, width: int) -> str:
    """`outlet` in `width` cells: an address too long for them loses its domain suffix first
    ("dailymail.co.uk" -> "dailymail", "edition.cnn.com" -> "edition.cnn"), then is cut."""
    labels = outlet.split(".")
    if cell_len(outlet) > width and " " not in outlet and len(labels) >= 2 and all(labels):
        labels.pop()  # com, uk, cn
        if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL:
            labels.pop()  # co.uk, com.cn
        outlet = ".".join(labels)
    return fit(outlet, width)


@dataclass(frozen=True)
class ListColumns:
    """How many cells each column of an article-list line takes (0: not shown)."""

    date: int
    """The date, full ISO (`2013-01-30`), or 0."""
    outlet: int
    """The outlet (shortened by `short_outlet`, cut with an ellipsis to fit), or 0."""
    title: int
    """The title: whatever the other columns leave."""
    words: int
    """The word count, or 0."""


DATE_WIDTH = 10
"""A full ISO date; a date is never shown without its year."""
OUTLET_WIDTH = (10, 20)
"""An outlet column's narrowest and widest: "nytimes.com" fits in 11, "New York Times…" in 16."""
WORDS_WIDTH = 5
TITLE_KEPT = 16
"""The title keeps at least this many cells: a column that would leave it fewer drops."""
TITLE_ROOMY = 40
"""The title gets this many before the word count shows."""


def list_columns(width: int, order: str = "date") -> ListColumns:
    """The column widths for a list line of `width` cells (after the read mark), when the
    list is sorted by `order`.

    Sorted by date, as the pane narrows the columns drop in this order: the word count
    first (it shows only while the title keeps TITLE_ROOMY cells), then the outlet
    (narrowing from OUTLET_WIDTH[1] to OUTLET_WIDTH[0] cells before it goes), then the
    date; the title last, taking every cell the others leave. Sorted any other way, the
    date drops before the outlet (who wrote it then says more than when); sorted by outlet,
    the outlet is kept even where the title alone would fill the line (in OUTLET_WIDTH[0]
    cells, so that the order can be seen). A shown date is always the full ISO date.
    """
    if width <= 0:
        return ListColumns(0, 0, 0, 0)
    kept = ("date", "outlet") if order == "date" else ("outlet", "date")
    shown = dict.fromkeys(("date", "outlet", "words"), 0)
    least = {"date": DATE_WIDTH, "outlet": OUTLET_WIDTH[0]}
    room = width
    for column in kept:
        if room - least[column] - 1 < TITLE_KEPT:
            break  # this one drops, and so does every column after it
        shown[column] = least[column]
        room -= least[column] + 1
    if order == "outlet" and not shown["outlet"] and width >= 2 * OUTLET_WIDTH[0] + 1:
        shown["outlet"] = OUTLET_WIDTH[0]
        room -= OUTLET_WIDTH[0] + 1
    if shown["outlet"] and room > TITLE_KEPT:
        # The outlet widens by a third of what the title has beyond its least, so "The
        # Times of Israel" is read whole once the title has room to spare too.
        wider = min(OUTLET_WIDTH[1] - shown["outlet"], (room - TITLE_KEPT) // 3)
        shown["outlet"] += wider
        room -= wider
    if shown["outlet"] and room - WORDS_WIDTH - 1 >= TITLE_ROOMY:
        shown["words"] = WORDS_WIDTH
        room -= WORDS_WIDTH + 1
    return ListColumns(shown["date"], shown["outlet"], max(room, 0), shown["words"])


_COUNT_UNITS = (("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12))


def compact_count(n: int, width: int) -> str:
    """`n` in at most `width` cells: as it is when it fits ("84417" in 5), else in thousands
    or millions with one decimal when it fits ("17.1M", "84.4k" in 4 cells), else none
    ("100k"); cut with an ellipsis only when even that cannot fit."""
    plain = str(n)
    if len(plain) <= width:
        return plain
    for unit, size in _COUNT_UNITS:
        for decimals in (1, 0):
            text = f"{n / size:.{decimals}f}"
            if float(text) >= 1000:
                break  # rounds up to the next unit: "1000k" is "1.0M"
            if len(text) + len(unit) <= width:
                return text + unit
    return fit(plain, width)


class ArticleList(ScrollMark, RowCursorView, can_focus=True):
    """Every article as a line: read mark, date, outlet, title, words. Only visible lines render."""

    BINDINGS = [
        *cursor_bindings("list"),
        # Not in the footer: a key shown there in one pane only makes each move between panes
        # rebuild it and lay out the whole screen again (80 ms at 37k articles). Help lists it.
        Binding(
            "enter",
            "open",
            "Open",
            tooltip="Open the article under the cursor",
            id="list.open",
            show=False,
        ),
    ]

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--current",
        "article-list--unread",
        "article-list--meta",
        "article-list--heading",
    }

    DEFAULT_CSS = """
    ArticleList > .article-list--cursor { background: $block-cursor-blurred-background; }
    ArticleList:focus > .article-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    ArticleList > .article-list--current { text-style: bold; }
    ArticleList > .article-list--unread { color: $accent; }
    ArticleList > .article-list--meta { color: $text-muted; }
    ArticleList > .article-list--heading { color: $text-muted; text-style: bold; }
    """

    current_id: reactive[str | None] = reactive(None)
    """The article shown in the reading pane (drawn bold)."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.rows: Sequence[ArticleSummary] = []
        """The articles in display order (the first ones only until all have been fetched)."""
        self.total = 0
        """How many articles the corpus has."""
        self.read: set[str] = set()
        """Ids of articles already opened."""
        self._position: dict[str, int] = {}
        self.order = "date"
        """The order the rows are in (the column it sorts by is kept longest)."""

    # -- data

    def set_rows(self, rows: ArticleRows, keep: str | None = None) -> None:
        """Show `rows`, keeping the cursor on article `keep` when given."""
        self.rows = rows.rows
        self._position = rows.positions
        self.total = rows.total
        self.order = rows.order
        self.virtual_size = Size(self.size.width, self.total + 1)
        target = self._position.get(keep, 0) if keep else 0
        self.set_reactive(ArticleList.cursor, target)
        self.scroll_to_cursor()
        self.refresh()

    @property
    def positions(self) -> dict[str, int]:
        """Row of every article id in the current order."""
        return self._position

    def position(self, article_id: str) -> int | None:
        """The row of an article in the current order, or None."""
        return self._position.get(article_id)

    def summary(self, article_id: str) -> ArticleSummary | None:
        """The row of an article, or None."""
        row = self._position.get(article_id)
        return None if row is None else self.rows[row]

    def move_to(self, article_id: str) -> None:
        """Put the cursor on an article without asking to open it."""
        row = self._position.get(article_id)
        if row is not None:
            self.cursor = row

    def mark_read(self, article_id: str) -> None:
        """Clear an article's unread mark."""
        if article_id not in self.read:
            self.read.add(article_id)
            self.refresh()

    @property
    def highlighted(self) -> ArticleSummary | None:
        """The article under the cursor."""
        return self.rows[self.cursor] if self.rows else None

    # -- reactives

    def watch_cursor(self, old: int, new: int) -> None:
        self.scroll_to_cursor()
        self.refresh()
        if self.rows and old != new:
            self.post_message(ArticleHighlighted(self.rows[new].id))

    def watch_current_id(self) -> None:
        self.refresh()

    def scroll_to_cursor(self) -> None:
        """Scroll so the cursor row (below the heading line) is visible."""
        line = self.cursor + 1
        height = max(self.scrollable_content_region.height, 1)
        top = int(self.scroll_y)
        if line < top + 1:
            self.scroll_to(y=max(line - 1, 0), animate=False, immediate=True)
        elif line >= top + height:
            self.scroll_to(y=line - height + 1, animate=False, immediate=True)

    # -- actions

    def action_open(self) -> None:
        if self.rows:
            self.post_message(OpenArticle(self.rows[self.cursor].id))

    async def _on_click(self, event: events.Click) -> None:
        row = event.y + int(self.scroll_y) - 1
        if 0 <= row < len(self.rows):
            self.cursor = row
            self.action_open()

    @property
    def complete(self) -> bool:
        """Whether every article is listed (not only the first screenful)."""
        return len(self.rows) >= self.total

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.total + 1)

    # -- rendering

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = y + int(self.scroll_y)
        columns = list_columns(width - 2, self.order)
        date_w, outlet_w, title_w, words_w = (
            columns.date,
            columns.outlet,
            columns.title,
            columns.words,
        )
        meta = self.get_component_rich_style("article-list--meta")
        if line == 0:
            heading = self.get_component_rich_style("article-list--heading")
            parts = ["  "]
            if date_w:
                parts.append(fit("date", date_w) + " ")
            if outlet_w:
                parts.append(fit("outlet", outlet_w) + " ")
            parts.append(fit("title", title_w))
            if words_w:
                parts.append(" " + fit("words", words_w))
            return Strip([Segment(fit("".join(parts), width), heading)], width)
        row_index = line - 1
        if row_index >= len(self.rows):
            return Strip.blank(width, self.base_style)
        row = self.rows[row_index]
        base = self.base_style
        if row.id == self.current_id:
            base = base + self.get_component_rich_style("article-list--current")
        if row_index == self.cursor:
            base = base + self.get_component_rich_style("article-list--cursor")
            meta_style = base
        else:
            meta_style = base + meta
        unread = row.id not in self.read
        mark_style = base + self.get_component_rich_style("article-list--unread")
        segments = [Segment(UNREAD if unread else READ, mark_style), Segment(" ", base)]
        if date_w:
            date = row.date or "undated"
            segments.append(Segment(fit(date, date_w) + " ", meta_style))
        if outlet_w:
            outlet = short_outlet(make_printable(row.outlet)) if row.outlet else "—"
            segments.append(Segment(fit_outlet(outlet, outlet_w) + " ", meta_style))
        title = make_printable(row.title).replace("\n", " ")
        if row.origin is not None and row.origin != row.id:
            title = f"{REPRINT} {title}"  # a reprint of another article's copy
        segments.append(Segment(fit(title, title_w), base))
        if words_w:
            words = compact_count(row.words, words_w)
            segments.append(Segment(" " + f"{words:>{words_w}}", meta_style))
        strip = Strip(segments)
        return strip.adjust_cell_length(width, base)
