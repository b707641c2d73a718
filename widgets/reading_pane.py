"""The reading pane: an article's text with names and figures marked, drawn with the Line API."""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.models import Article, Mark
from reader.text import make_printable
from widgets.scroll_mark import ScrollMark

WORDS_PER_MINUTE = 230
"""Reading speed for the byline's reading time."""
MAX_MEASURE = 96
"""Longest text line in cells: wider lines are hard to read."""
GUTTER = 2
BIG_TEXT = 300_000
"""Articles longer than this (characters) finish their layout in a thread."""
BIG_PREVIEW = 20_000
"""How much of a huge article is laid out at once, before the rest."""
BIG_PARAGRAPH = 50_000
"""A paragraph longer than this (characters) is laid out in batches."""
LAYOUT_SLICE = 0.008
"""Seconds of layout work between two looks at the keyboard, for a huge article."""
FOCUS_GLYPH = "▶"
SELECTED_GLYPH = "•"
BOILERPLATE_GLYPH = "┆"

MARK_LEGEND: tuple[tuple[str, str, str], ...] = (
    ("person", "people", "underlined"),
    ("org", "organisations", "bold + underlined"),
    ("place", "places", "italic + underlined"),
    ("other", "other names", "bold italic + underlined"),
    ("figure", "figures", "reverse video"),
)
"""How each kind of fact is marked in the text: by style, never by colour alone."""

_WORD = re.compile(r"\S+\s*|\s+")


@dataclass(slots=True)
class Line:
    """One screen line of the pane: a slice of the article text, or a header line."""

    kind: str
    """title, byline, rule, blank, text or boilerplate."""
    start: int = -1
    """Offset of the slice in the article text (text and boilerplate lines)."""
    end: int = -1
    """End offset of the slice."""
    text: str = ""
    """The line's own text (header lines)."""


@lru_cache(maxsize=16)
def _ascii_line(width: int) -> re.Pattern[str]:
    # The longest run whose last word ends within `width` cells, with its trailing spaces; or,
    # when one word is longer than a line, `width` characters of it.
    return re.compile(rf"[^\n]{{0,{width - 1}}}\S(?=\s|$)\s*|\s+(?=\S)|[^\n]{{{width}}}")


def wrap_span(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Word-wrap `text[start:end]` to `width` cells; returns (start, end) offsets of each line."""
    if start >= end:
        return [(start, start)]
    width = max(width, 1)
    if text[start:end].isascii():
        # One cell per character: a regex lays out a 10 MB article in a fraction of a second,
        # where the word-by-word loop below takes seconds and would freeze the screen.
        spans = [m.span() for m in _ascii_line(width).finditer(text, start, end)]
        if not spans:
            return [(start, end)]
        spans[-1] = (spans[-1][0], end)
        return spans
    return wrap_words(text, start, end, width)


def wrap_words(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """The general word wrap, for text with wide or combining characters."""
    if start >= end:
        return [(start, start)]
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    line_start = start
    used = 0
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        word_cells = cell_len(word.rstrip())
        if used and used + word_cells > width:
            lines.append((line_start, match.start()))
            line_start, used = match.start(), 0
        if word_cells > width:  # a word longer than the line: break it anywhere
            pos = match.start()
            for i, char in enumerate(word):
                char_cells = cell_len(char)
                if used + char_cells > width and used:
                    lines.append((line_start, pos + i))
                    line_start, used = pos + i, 0
                used += char_cells
            continue
        used += cell_len(word)
    lines.append((line_start, end))
    return lines


class ReadingPane(ScrollMark, ScrollView, can_focus=True):
    """Title, byline and the text of one article, marks styled by kind; scrolls to any offset."""

    BINDINGS = [
        Binding("j,down", "scroll_lines(1)", "Down", show=False, id="reader.down"),
        Binding("k,up", "scroll_lines(-1)", "Up", show=False, id="reader.up"),
        # Not in the footer: a key shown there in one pane only makes each move between panes
        # rebuild it and lay out the whole screen again (80 ms at 37k articles). Help lists it.
        Binding(
            "space,pagedown",
            "page(1)",
            "Page",
            tooltip="Next page",
            id="reader.page_down",
            show=False,
        ),
        Binding("shift+space,pageup", "page(-1)", "Page up", show=False, id="reader.page_up"),
        Binding("g,home", "top", "Top", show=False, id="reader.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="reader.bottom"),
    ]

    COMPONENT_CLASSES = {
        "reading-pane--title",
        "reading-pane--byline",
        "reading-pane--rule",
        "reading-pane--boilerplate",
        "reading-pane--gutter",
        "reading-pane--person",
        "reading-pane--org",
        "reading-pane--place",
        "reading-pane--other",
        "reading-pane--figure",
        "reading-pane--selected",
        "reading-pane--focused",
    }

    DEFAULT_CSS = """
    ReadingPane > .reading-pane--title { text-style: bold; color: $text; }
    ReadingPane > .reading-pane--byline { color: $text-muted; }
    ReadingPane > .reading-pane--rule { color: $panel-lighten-2; }
    ReadingPane > .reading-pane--boilerplate { color: $text-disabled; text-style: dim; }
    ReadingPane > .reading-pane--gutter { color: $text-accent; }
    ReadingPane > .reading-pane--person { text-style: underline; color: $text-accent; }
    ReadingPane > .reading-pane--org { text-style: bold underline; color: $text-primary; }
    ReadingPane > .reading-pane--place { text-style: italic underline; color: $text-success; }
    ReadingPane > .reading-pane--other {
        text-style: bold italic underline; color: $text-secondary;
    }
    ReadingPane > .reading-pane--figure { text-style: reverse; color: $text-warning; }
    ReadingPane > .reading-pane--selected { background: $primary 35%; text-style: bold; }
    ReadingPane > .reading-pane--focused {
        background: $accent; color: $text; text-style: bold underline;
    }
    """

    hide_boilerplate: reactive[bool] = reactive(False)
    """When True, boilerplate lines (credits, related links, datelines) are left out."""
    selected_fact: reactive[str | None] = reactive(None)
    """The fact whose mentions are highlighted (chosen in the sidebar)."""
    focused: reactive[tuple[int, int] | None] = reactive(None)
    """The span of the mention being looked at: drawn reversed, with ▶ in the gutter."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.article: Article | None = None
        """The article shown."""
        self.words = 0
        self._text = ""
        self._marks: list[Mark] = []
        self._mark_starts: list[int] = []
        self._lines: list[Line] = []
        self._line_starts: list[int] = []
        self._boiler_starts: set[int] = set()
        self._layout_width = -1
        self._layout_generation = 0

    # -- data

    @property
    def article_id(self) -> str | None:
        """Id of the article shown, or None."""
        return self.article.id if self.article else None

    def show(self, article: Article, marks: Sequence[Mark], words: int) -> None:
        """Show `article` with its `marks` from the top."""
        self.article = article
        self.words = words
        # Same length as the original, so every offset from the index still holds.
        self._text = make_printable(article.text).replace("\t", " ")
        self._marks = sorted(marks, key=lambda m: (m.start, m.end))
        self._mark_starts = [m.start for m in self._marks]
        self._boiler_starts = {start for start, _ in article.boilerplate}
        self._boiler_spans = sorted(article.boilerplate)
        self.set_reactive(ReadingPane.focused, None)
        self._relayout()
        self.scroll_to(y=0, animate=False, immediate=True)

    def set_marks(self, marks: Sequence[Mark]) -> None:
        """Replace the marks of the article shown (already sorted by start, end)."""
        self._marks = list(marks)
        self._mark_starts = [m.start for m in self._marks]
        self.refresh()

    def marks_of(self, fact_id: str) -> list[Mark]:
        """This article's marks of one fact, by offset."""
        return [m for m in self._marks if m.fact == fact_id]

    def mark_at(self, start: int, end: int) -> Mark | None:
        """The mark covering exactly the span, if any."""
        i = bisect_right(self._mark_starts, start) - 1
        while i >= 0 and i < len(self._marks) and self._marks[i].start == start:
            if self._marks[i].end == end:
                return self._marks[i]
            i -= 1
        return None

    @property
    def lines(self) -> list[Line]:
        """The laid-out lines (for tests and screenshots)."""
        return self._lines

    # -- layout

    def _is_boilerplate(self, start: int) -> bool:
        spans = self._boiler_spans
        i = bisect_right(spans, (start, float("inf"))) - 1
        return i >= 0 and spans[i][0] <= start < max(spans[i][1], spans[i][0] + 1)

    def _relayout(self) -> None:
        self._layout_generation += 1  # a huge article's unfinished layout is now stale
        width = self.scrollable_content_region.width
        self._layout_width = width
        measure = max(min(width - GUTTER - 1, MAX_MEASURE), 10)
        lines: list[Line] = []
        article = self.article
        if article is None:
            self._lines, self._line_starts = [], []
            self.virtual_size = Size(width, 0)
            self.refresh()
            return
        title = make_printable(article.title).replace("\n", " ")
        for s, e in wrap_span(title, 0, len(title), measure):
            lines.append(Line("title", text=title[s:e]))
        minutes = max(1, round(self.words / WORDS_PER_MINUTE))
        byline = " · ".join(
            [
                make_printable(article.outlet or "unknown outlet"),
                article.date or "undated",
                f"{self.words:,} words",
                f"{minutes} min read",
            ]
        )
        if article.author:
            byline = f"by {make_printable(article.author)} · {byline}"
        for s, e in wrap_span(byline, 0, len(byline), measure):
            lines.append(Line("byline", text=byline[s:e]))
        if article.url:  # where to check it (O opens it, y cites it)
            url = make_printable(article.url)
            for s, e in wrap_span(url, 0, len(url), measure):
                lines.append(Line("byline", text=url[s:e]))
        lines.append(Line("rule", text="─" * min(measure, cell_len(byline) + 4)))
        text = self._text
        if len(text) <= BIG_TEXT:
            lines.extend(self._layout_body(text, len(text), measure, self.hide_boilerplate))
            self._install(lines, width)
            return
        # A huge article: lay out its opening now, the rest in a thread, so the screen
        # answers keys while a 10 MB text is measured line by line.
        preview_end = text.find("\n", BIG_PREVIEW, 5 * BIG_PREVIEW)
        if preview_end < 0:  # one paragraph of megabytes: preview its opening only
            preview_end = BIG_PREVIEW
        header = list(lines)
        lines.extend(self._layout_body(text, preview_end, measure, self.hide_boilerplate))
        lines.append(Line("byline", text="… laying out the rest of this long article …"))
        self._install(lines, width)
        self._layout_rest(article.id, text, header, width, measure, self.hide_boilerplate)

    def _layout_body(
        self, text: str, stop: int, measure: int, hide_boilerplate: bool
    ) -> list[Line]:
        """Lines of text[0:stop] (stop at a line end), boilerplate dimmed or left out."""
        lines: list[Line] = []
        for paragraph in self._iter_body(text, stop, measure, hide_boilerplate):
            lines.extend(paragraph)
        return lines

    def _iter_body(
        self, text: str, stop: int, measure: int, hide_boilerplate: bool
    ) -> Iterator[list[Line]]:
        """The lines of text[0:stop], one paragraph at a time."""
        pos = 0
        blank_run = 0
        while pos <= stop:
            nl = text.find("\n", pos, stop)
            end = stop if nl < 0 else nl
            boiler = self._is_boilerplate(pos) and end > pos
            if boiler and hide_boilerplate:
                pass
            elif not text[pos:end].strip():
                blank_run += 1
                if blank_run == 1:
                    yield [Line("blank", pos, pos)]
            else:
                blank_run = 0
                kind = "boilerplate" if boiler else "text"
                if end - pos > BIG_PARAGRAPH and text[pos:end].isascii():
                    # One paragraph of megabytes (a scraped page with no line breaks):
                    # hand it over in batches so a layout slice stays a few milliseconds.
                    yield from self._iter_long_paragraph(text, pos, end, measure, kind)
                else:
                    yield [Line(kind, s, e) for s, e in wrap_span(text, pos, end, measure)]
            if nl < 0:
                break
            pos = nl + 1

    @staticmethod
    def _iter_long_paragraph(
        text: str, start: int, end: int, measure: int, kind: str
    ) -> Iterator[list[Line]]:
        """wrap_span's lines of one huge ASCII paragraph, a batch at a time."""
        batch: list[Line] = []
        last: Line | None = None
        for match in _ascii_line(max(measure, 1)).finditer(text, start, end):
            if last is not None:
                batch.append(last)
                if len(batch) >= 2000:
                    yield batch
                    batch = []
            last = Line(kind, *match.span())
        # As in wrap_span, the last line runs to the paragraph's end.
        batch.append(Line(kind, last.start if last else start, end))
        yield batch

    def _layout_rest(
        self,
        article_id: str,
        text: str,
        header: list[Line],
        width: int,
        measure: int,
        hide_boilerplate: bool,
    ) -> None:
        """Lay out a huge article in slices of a few milliseconds on the UI thread.

        Between slices the app handles keys, so the reader answers while a 10 MB text is
        measured (a thread would compete with the UI for the interpreter lock instead).
        """
        self._layout_generation += 1
        generation = self._layout_generation
        lines = list(header)
        paragraphs = self._iter_body(text, len(text), measure, hide_boilerplate)

        def step() -> None:
            if generation != self._layout_generation:
                return  # another article or width took over
            deadline = time.perf_counter() + LAYOUT_SLICE
            for paragraph in paragraphs:
                lines.extend(paragraph)
                if time.perf_counter() > deadline:
                    self.set_timer(0.001, step)
                    return
            self._install_if_current(article_id, width, lines)

        self.set_timer(0.001, step)

    def _install_if_current(self, article_id: str, width: int, lines: list[Line]) -> None:
        # The reader may have moved on (another article, another width) meanwhile.
        if self.article_id == article_id and self._layout_width == width:
            anchor = self.focused[0] if self.focused else self.top_offset
            self._install(lines, width)
            if anchor is not None:
                self.scroll_to_offset(anchor, center=self.focused is not None)

    def _install(self, lines: list[Line], width: int) -> None:
        self._lines = lines
        self._line_starts = [line.start for line in lines]
        self.virtual_size = Size(width, len(lines))
        self.refresh()

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._layout_width and self.article:
            anchor = self.focused[0] if self.focused else self.top_offset
            self._relayout()
            if anchor is not None:
                self.scroll_to_offset(anchor, center=self.focused is not None)

    def watch_hide_boilerplate(self) -> None:
        if self.article is not None:
            anchor = self.focused[0] if self.focused else self.top_offset
            self._relayout()
            if anchor is not None:
                self.scroll_to_offset(anchor, center=self.focused is not None)

    def watch_selected_fact(self) -> None:
        self.refresh()

    def watch_focused(self) -> None:
        self.refresh()

    # -- positions

    def line_of(self, offset: int) -> int:
        """Index of the screen line showing text offset `offset` (or the nearest before it)."""
        i = bisect_right(self._line_starts, offset) - 1
        return max(i, 0)

    @property
    def top_offset(self) -> int | None:
        """Text offset of the first text line in view, or None before any text line."""
        top = int(self.scroll_y)
        if top >= len(self._lines) or self._lines[top].start < 0:
            return None  # the title and byline are in view: "the top" is the top
        return self._lines[top].start

    def scroll_to_offset(self, offset: int, center: bool = True) -> None:
        """Scroll so the line holding `offset` is in view (a third down the pane if `center`)."""
        line = self.line_of(offset)
        height = self.scrollable_content_region.height
        y = line - height // 3 if center else line
        self.scroll_to(y=max(y, 0), animate=False, immediate=True)

    def focus_span(self, start: int, end: int) -> None:
        """Highlight the span and scroll to it."""
        self.focused = (start, end)
        self.scroll_to_offset(start)

    # -- actions

    def action_scroll_lines(self, delta: int) -> None:
        self.scroll_to(y=self.scroll_y + delta, animate=False, immediate=True)

    def action_page(self, direction: int) -> None:
        height = max(self.scrollable_content_region.height - 2, 1)
        self.scroll_to(y=self.scroll_y + direction * height, animate=False, immediate=True)

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    # -- rendering

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"reading-pane--{name}")

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_y)
        base = self.base_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        if line.start < 0:
            style = base + self._style(line.kind)
            strip = Strip([Segment(" " * GUTTER, base), Segment(line.text, style)])
            return strip.adjust_cell_length(width, base)
        text_style = base + self._style("boilerplate") if line.kind == "boilerplate" else base
        segments: list[Segment] = []
        gutter = " "
        focused = self.focused
        pos = line.start
        i = max(bisect_right(self._mark_starts, line.start) - 1, 0)
        while i < len(self._marks) and self._marks[i].start < line.end:
            mark = self._marks[i]
            i += 1
            if mark.end <= line.start:
                continue
            s, e = max(mark.start, line.start, pos), min(mark.end, line.end)
            if s >= e:
                continue
            if s > pos:
                segments.append(Segment(self._text[pos:s], text_style))
            kind = "figure" if mark.fact.startswith("f:") else mark.kind
            style = text_style + self._style(kind if kind in _KINDS else "other")
            if mark.fact == self.selected_fact:
                style += self._style("selected")
                gutter = SELECTED_GLYPH if gutter == " " else gutter
            if focused is not None and mark.start == focused[0] and mark.end == focused[1]:
                style += self._style("focused")
                gutter = FOCUS_GLYPH
            segments.append(Segment(self._text[s:e], style))
            pos = e
        if focused is not None and gutter != FOCUS_GLYPH:
            # A focused span that is not a mark (a text search hit).
            s, e = max(focused[0], line.start), min(focused[1], line.end)
            if s < e and s >= pos:
                if s > pos:
                    segments.append(Segment(self._text[pos:s], text_style))
                segments.append(Segment(self._text[s:e], text_style + self._style("focused")))
                pos = e
                gutter = FOCUS_GLYPH
        if pos < line.end:
            segments.append(Segment(self._text[pos : line.end].rstrip("\n"), text_style))
        if line.kind == "boilerplate" and gutter == " ":
            gutter = BOILERPLATE_GLYPH
        gutter_style = base + self._style("gutter")
        strip = Strip([Segment(gutter + " ", gutter_style), *segments])
        return strip.adjust_cell_length(width, base)


_KINDS = frozenset({"person", "org", "place", "other", "figure"})
