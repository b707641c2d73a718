"""The fact detail panel: one fact's mentions across the corpus, with spellings or values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from reader.figures.history import History
from reader.models import ArticleSummary, MentionRow
from reader.quotes import Quote, StatementSummary
from reader.quotes.wording import ADDED, DROPPED, marked_runs, reference
from reader.store import FactIndex
from reader.text import make_printable
from reader.values import format_value as format_value_as
from reader.values import spread
from widgets.fact_sidebar import DIFFERS, fact_style
from widgets.history_chart import UNCHARTED_KINDS, HistoryChart
from widgets.history_screen import HistoryScreen
from widgets.messages import DetailClosed, MentionChosen
from widgets.reading_pane import wrap_span
from widgets.row_cursor import RowCursorView, cursor_bindings
from widgets.scroll_mark import ScrollMark

MAX_MENTIONS = 50
"""Mentions listed at most (the rest are counted): keeps a very common name responsive."""
MAX_VALUES = 40
"""Figure values listed side by side at most."""
CONTEXT_MIN = 40
"""Fewest characters of context shown around a mention."""
CHART_HEIGHT = (10, 14)
"""Lines the history chart takes in the panel, at least and at most (a third of it)."""
CHART_COLUMN = 30
"""Lines the panel needs to chart a figure; in a shorter one the chart is its summary line
(c opens it whole)."""


def format_value(row: MentionRow) -> str:
    """A mention's value as a reader would write it (`reader.values.format_value`)."""
    return format_value_as(row.value, row.unit, make_printable(row.text))


def figure_spread(rows: Sequence[MentionRow], disputed: bool, updates: int) -> str | None:
    """`≠ 34,356 – 34,535 (0.5%)` when outlets dispute a figure's value; `34,356 – 34,535
    (0.5%) · 1 update, no dispute` when it changed over time or its values can all hold;
    None when every mention gives the same value."""
    text = spread(rows, rows[0].unit if rows else None)
    if not text:
        return None
    if disputed:
        return f"{DIFFERS} {make_printable(text)} · outlets disagree"
    moved = f"{updates} update{'s' * (updates != 1)}, " if updates else ""
    return f"{make_printable(text)} · {moved}no dispute"


@dataclass(frozen=True)
class Place:
    """Where an article sits, for the detail rows."""

    outlet: str
    date: str


def place_of(summary: ArticleSummary | None) -> Place:
    """Outlet and date as shown in the detail panel ("unknown outlet", "undated")."""
    if summary is None:
        return Place("unknown article", "")
    # Two articles without an outlet must still be told apart: name them by their title.
    outlet = summary.outlet or f"“{cut(summary.title.replace(chr(10), ' '), 16)}”"
    return Place(make_printable(outlet), summary.date or "undated")


@dataclass(frozen=True)
class FactView:
    """Everything the detail panel shows of one fact."""

    fact_id: str
    label: str
    kind: str
    total: int
    """Mentions across the corpus."""
    articles: int
    """Articles that mention it."""
    outlets: int
    """Outlets of those articles."""
    origins: int
    """Independent origins among them (reprints of one copy count once)."""
    rows: list[MentionRow]
    """The mentions listed (at most MAX_MENTIONS)."""
    places: list[Place]
    """Outlet and date of each listed mention's article."""
    contexts: list[tuple[str, int, int]]
    """A line of context for each listed mention: (line, start, end of the mention in it)."""
    variants: tuple[str, ...]
    """Every spelling (names)."""
    spread: str | None
    """The `low – high (x%)` line when a figure's values differ (`figure_spread`)."""
    disputed: bool = False
    """Whether outlets give values of the figure that cannot both hold."""
    story: str | None = None
    """The story whose mentions of a name come first (the open article's)."""
    in_story: int = 0
    """How many of the listed mentions are in that story (listed first)."""
    elsewhere: list[tuple[MentionRow, Place, str]] = field(default_factory=list)
    """The same counted thing with the same value in other stories: each mention, its place
    and its story's title (never compared with this story's)."""
    history: History | None = None
    """A figure group's readings over time (`FactIndex.figure_history`); None for a name."""
    could_be: tuple[str, ...] = ()
    """For a bare name left apart: the full names of its story it could stand for."""
    statement: StatementSummary | None = None
    """A statement's verdict, speaker and counts; None for a name or a figure."""
    said_by: list[str] = field(default_factory=list)
    """For a statement: how each listed quote's article names the speaker."""
    wordings: list[list[tuple[str, str]]] = field(default_factory=list)
    """For a statement: each listed quote's words against the longest variant, as runs of
    (text, "" | "dropped" | "added") (`wording_runs`)."""

    @property
    def charted(self) -> bool:
        """Whether the panel charts the figure: two dated readings or more."""
        return self.history is not None and len(self.history.readings) >= 2


def load_fact_view(
    index: FactIndex, fact_id: str, width: int, story: str | None = None
) -> FactView:
    """Query the index for a fact's detail; a name's mentions in `story` come first."""
    label, kind = index.fact_label(fact_id)
    total, articles = index.fact_counts(fact_id)
    outlets, origins = index.fact_sources(fact_id)
    figure = fact_id.startswith("f:")
    # A figure group and a statement lie in one story: their mentions need no story first.
    one_story = figure or fact_id.startswith("q:")
    shown = index.mentions_of(fact_id, limit=MAX_MENTIONS, story=None if one_story else story)
    # One query for the outlets and dates of the articles listed (they are spread over the
    # whole corpus: fetched through the article list, each would page in 128 rows).
    summaries = {s.id: s for s in index.summaries(list(dict.fromkeys(r.article for r in shown)))}
    in_story = (
        sum(1 for r in shown if (s := summaries.get(r.article)) and s.story == story)
        if story is not None and not one_story
        else 0
    )
    # Every value only when they differ: a spread needs them all.
    updates, disputed = index.figure_changes(fact_id) if figure else (0, False)
    values = index.distinct_values(fact_id) if figure else []
    # About two lines of the panel: enough to see how the name or figure is used.
    context_width = max(CONTEXT_MIN, 2 * width - 8)
    return FactView(
        fact_id=fact_id,
        label=label,
        kind=kind,
        total=total,
        articles=articles,
        outlets=outlets,
        origins=origins,
        rows=shown,
        places=[place_of(summaries.get(r.article)) for r in shown],
        contexts=index.contexts([(r.article, r.start, r.end) for r in shown], context_width),
        variants=() if one_story else index.variants_of(fact_id),
        could_be=() if one_story else index.could_be(fact_id),
        spread=figure_spread(values, disputed, updates) if len(values) > 1 else None,
        disputed=disputed,
        elsewhere=_elsewhere(index, fact_id) if figure else [],
        history=index.figure_history(fact_id) if figure and kind not in UNCHARTED_KINDS else None,
        story=story,
        in_story=in_story,
        **(_statement_view(index, fact_id, shown) if fact_id.startswith("q:") else {}),
    )


def wording_runs(reference: Quote, variant: Quote) -> list[tuple[str, str]]:
    """`variant`'s words against `reference`'s as styled runs (`marked_runs`: "dropped",
    "added"); the reference itself as written."""
    if variant is reference:
        return [(make_printable(variant.text), "")]
    return [(make_printable(t), role) for t, role in marked_runs(reference, variant)]


def _statement_view(index: FactIndex, fact_id: str, rows: list[MentionRow]) -> dict:
    """The statement fields of a quote's `FactView`, in the order of `rows`."""
    variants = {(v.quote.article, v.quote.start): v for v in index.statement_quotes(fact_id)}
    if not variants:
        return {}
    longest = reference(v.quote for v in variants.values())
    listed = [variants[r.article, r.start] for r in rows if (r.article, r.start) in variants]
    return {
        "statement": index.statement(fact_id),
        "said_by": [make_printable(v.quote.speaker_name or "no speaker named") for v in listed],
        "wordings": [wording_runs(longest, v.quote) for v in listed],
    }


VERDICT_STYLE = {
    "same words": ("= every outlet quotes the same words", "$text-success"),
    "trimmed": ("= the same words, some outlets quote fewer of them", "$text-success"),
    "words differ": (f"{DIFFERS} the outlets' wordings differ", "bold $text-error"),
    "different speakers": (
        f"{DIFFERS} the same words given to different speakers",
        "bold $text-error",
    ),
}
"""A statement's verdict as the detail says it."""


def statement_head(statement: StatementSummary) -> list[Content]:
    """The detail's lines on a statement: its speaker, its verdict, how to read the marks."""
    text, style = VERDICT_STYLE.get(statement.verdict, (statement.verdict, ""))
    if statement.articles == 1:  # no other outlet to compare with
        text, style = "only this article quotes it", "$text-muted"
    lines = [
        Content.assemble(
            ("Speaker: ", "bold"),
            make_printable(statement.speaker_name or "no speaker named"),
        ),
        Content.styled(text, style),
    ]
    if statement.quotes > 1:
        lines.append(
            Content.assemble(
                ("Each wording against the longest: ", "$text-muted"),
                (DROPPED[0] + "dropped" + DROPPED[1], "strike $text-error"),
                " ",
                (ADDED[0] + "added or changed" + ADDED[1], "bold $text-success"),
            )
        )
    return lines


def _elsewhere(index: FactIndex, fact_id: str) -> list[tuple[MentionRow, Place, str]]:
    """`FactView.elsewhere` of a figure group."""
    found = index.same_figure_elsewhere(fact_id)
    summaries = {s.id: s for s in index.summaries(list({r.article for r, _ in found}))}
    return [(r, place_of(summaries.get(r.article)), title or "") for r, title in found]


class FactDetail(Vertical):
    """A fact's spellings (names) or values side by side (figures), then every mention."""

    BINDINGS = [
        Binding("escape", "close", "Facts", tooltip="Back to the fact list", id="detail.close"),
        Binding(
            "c",
            "chart",
            "Chart",
            tooltip="A figure's values over time, as a chart",
            show=False,
            id="detail.chart",
        ),
    ]

    DEFAULT_CSS = """
    FactDetail { height: 1fr; }
    FactDetail > #detail-head { height: auto; max-height: 50%; padding: 0 1; }
    FactDetail > HistoryChart { display: none; padding: 0 1; }
    FactDetail > #detail-mentions-title { height: 1; padding: 0 1; }
    FactDetail > MentionList { height: 1fr; padding: 0 1 0 0; overflow-y: hidden; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.fact_id: str | None = None
        """The fact shown."""
        self.label = ""
        """What it counts or names."""
        self.rows: list[MentionRow] = []
        """Its mentions across the corpus, as listed."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-head")
        yield HistoryChart(id="detail-chart")
        yield Static(
            Content.styled("Mentions · enter jumps to one", "$text-muted"),
            id="detail-mentions-title",
        )
        yield MentionList(id="detail-mentions")

    def panel_width(self) -> int:
        """The column's width (measured from the parent while the panel is still hidden)."""
        parent = self.parent
        return self.size.width or (parent.size.width if isinstance(parent, Widget) else 0) or 34

    def show_view(self, view: FactView, current: tuple[str, int] | None = None) -> None:
        """Fill the panel from a loaded `view`, the cursor on `current` (article, start)."""
        self.fact_id = view.fact_id
        self.label = view.label
        self.rows = view.rows
        width = max(self.panel_width() - 2, 20)
        plural = "s" * (view.total != 1)
        head = [
            Content.assemble(
                (make_printable(view.label), fact_style(view.kind, view.fact_id) + " bold"),
                (f"  {view.kind}", "$text-muted"),
            ),
            Content.styled(
                f"{view.total:,} {'quote' if view.statement else 'mention'}{plural}"
                f" in {view.articles:,} "
                f"article{'s' * (view.articles != 1)}"
                f" · {view.outlets:,} outlet{'s' * (view.outlets != 1)},"
                f" {view.origins:,} independent origin{'s' * (view.origins != 1)}"
                + (
                    f" · {view.in_story:,} in this story, listed first"
                    if view.in_story and view.in_story < len(view.rows)
                    else ""
                ),
                "$text-muted",
            ),
        ]
        if view.fact_id.startswith("f:"):
            head.append(Content.styled("Each outlet's value:", "bold"))
            outlet_width = min(max(width // 2, 10), 22)
            for row, place in list(zip(view.rows, view.places, strict=True))[:MAX_VALUES]:
                qualifier = f"{row.qualifier} " if row.qualifier else ""
                head.append(
                    Content.assemble(
                        (set_cell_size(cut(place.outlet, outlet_width), outlet_width), ""),
                        " ",
                        (qualifier, "italic $text-muted"),
                        (format_value(row), "bold"),
                    )
                )
            if view.spread:
                style = "bold $text-error" if view.disputed else "bold $text-warning"
                head.append(Content.styled(view.spread, style))
            else:
                head.append(Content.styled("= every mention gives the same value", "$text-success"))
            if view.elsewhere:
                head.append(Content.styled("The same in other stories (not compared):", "bold"))
                story_width = max(width - outlet_width - 22, 10)
                for row, place, story in view.elsewhere:
                    where = cut(f"{place.outlet} · {place.date}", outlet_width + 10)
                    story_text = f" · {cut(make_printable(story), story_width)}"
                    head.append(
                        Content.assemble(
                            "  ",
                            where,
                            " ",
                            (format_value(row), "bold"),
                            (story_text, "$text-muted"),
                        )
                    )
        elif view.statement is not None:
            head.extend(statement_head(view.statement))
        else:
            if view.could_be:
                names = " or ".join(make_printable(n) for n in view.could_be)
                head.append(
                    Content.styled(
                        f"Left apart: in its story it could be {names}", "bold $text-warning"
                    )
                )
            head.append(Content.styled(f"Spellings ({len(view.variants)}):", "bold"))
            for variant in view.variants:
                head.append(Content.assemble("  • ", (make_printable(variant), "")))
        self.query_one("#detail-head", Static).update(Content("\n").join(head))
        mention_list = self.query_one(MentionList)
        # Its height before the panel is first laid out (the head takes at most half), so the
        # cursor can be scrolled into view in the frame that shows the panel.
        parent = self.parent
        column = self.size.height or (parent.size.height if isinstance(parent, Widget) else 0)
        chart = self.query_one("#detail-chart", HistoryChart)
        chart.history = view.history if view.charted else None
        chart.display = view.charted
        chart_height = 0
        if view.charted:
            low, high = CHART_HEIGHT
            chart_height = 1 if column < CHART_COLUMN else min(max(column // 3, low), high)
            chart.styles.height = chart_height
        taken = min(len(head), column // 2) + chart_height + 1  # the mentions' title
        mention_list.height_hint = max(column - taken, 1)
        mention_list.show(view)
        if current is not None:
            mention_list.move_to(*current)

    def action_close(self) -> None:
        self.post_message(DetailClosed())

    def action_chart(self) -> None:
        chart = self.query_one("#detail-chart", HistoryChart)
        if chart.history is None:
            self.notify("Only a figure given on two days or more has a chart.", timeout=3)
            return
        self.app.push_screen(HistoryScreen(self.label, chart.history))

    def focus_mentions(self) -> None:
        """Give the keyboard to the mention list (at once: drawn in the same frame)."""
        self.screen.set_focus(self.query_one(MentionList))


INDENT = 2
"""Cells a mention's context is indented by, under its outlet and date."""


class MentionList(ScrollMark, RowCursorView, can_focus=True):
    """One entry per mention: outlet · date · spelling, its context (word-wrapped), a rule.

    Line API, like the article list: the entries are laid out when they are set (no widget
    and no measuring pass per option), so the panel is drawn in the frame of the key that
    filled it, and the cursor can be scrolled to before the panel has ever been shown.
    """

    BINDINGS = [
        *cursor_bindings("mentions"),
        Binding("enter", "choose", "Jump", show=False, id="mentions.choose"),
    ]

    COMPONENT_CLASSES = {
        "mention-list--cursor",
        "mention-list--outlet",
        "mention-list--meta",
        "mention-list--spelling",
        "mention-list--rule",
        "mention-list--more",
        "mention-list--dropped",
        "mention-list--added",
    }

    DEFAULT_CSS = """
    MentionList > .mention-list--cursor { background: $block-cursor-blurred-background; }
    MentionList:focus > .mention-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    MentionList > .mention-list--outlet { text-style: bold; }
    MentionList > .mention-list--meta { color: $text-muted; }
    MentionList > .mention-list--spelling { text-style: italic; }
    MentionList > .mention-list--rule { color: $panel-lighten-1; }
    MentionList > .mention-list--more { color: $text-muted; text-style: italic; }
    MentionList > .mention-list--dropped { color: $text-error; text-style: strike; }
    MentionList > .mention-list--added { color: $text-success; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._view: FactView | None = None
        self._lines: list[tuple[int, list[tuple[str, str]]]] = []
        """Per line: the entry it belongs to (-1 for a rule or the "and more" line) and its
        runs of (text, style name)."""
        self._tops: list[int] = []
        """The first line of each entry; its last is the line above the next one's rule."""
        self._mark_style: Style | None = None
        self.height_hint = 1
        """Lines in view while the list has not been laid out yet (set by the panel)."""

    # -- data

    def show(self, view: FactView) -> None:
        """List the view's mentions, the cursor on the first."""
        self._view = view
        self._mark_style = None
        self.set_reactive(MentionList.cursor, 0)
        self._layout(self._width())
        self.scroll_to(y=0, animate=False, immediate=True, force=True)
        self.refresh()

    @property
    def rows(self) -> list[MentionRow]:  # type: ignore[override]  # a view of the fact's rows
        """The mentions listed."""
        return self._view.rows if self._view is not None else []

    def _width(self) -> int:
        """Text width (taken from the panel while the list has never been laid out)."""
        width = self.scrollable_content_region.width
        if not width and isinstance(self.parent, FactDetail):
            width = self.parent.panel_width() - 1  # the scroll column
        return max(width, 10)

    def _layout(self, width: int) -> None:
        """Word-wrap every entry to `width`: its head (outlet · date · spelling) and its
        context, indented, with the mention marked."""
        view = self._view
        self._lines, self._tops = [], []
        if view is None:
            self.virtual_size = Size(width, 0)
            return
        for i, (row, place, (line, s, e)) in enumerate(
            zip(view.rows, view.places, view.contexts, strict=True)
        ):
            if i:
                self._lines.append((-1, [("─" * width, "rule")]))
            self._tops.append(len(self._lines))
            if view.wordings:  # a statement: who the outlet says spoke, and its wording
                head = [(place.outlet, "outlet"), (f" · {place.date} · ", "meta")]
                head.append((view.said_by[i], "spelling"))
                context = view.wordings[i]
            else:
                head = [
                    (place.outlet, "outlet"),
                    (f" · {place.date} · ", "meta"),
                    (f"“{make_printable(row.text)}”", "spelling"),
                ]
                line = _one_line(line)
                context = [(line[:s], ""), (line[s:e], "mark"), (line[e:], "")]
            self._lines.extend((i, runs) for runs in _wrap_runs(head, width, 0))
            self._lines.extend((i, runs) for runs in _wrap_runs(context, width, INDENT))
        if view.total > len(view.rows):
            more = f"… and {view.total - len(view.rows):,} more mentions (n / N step through all)"
            self._lines.append((-1, [("─" * width, "rule")]))
            self._lines.extend((-1, runs) for runs in _wrap_runs([(more, "more")], width, 0))
        self.virtual_size = Size(width, len(self._lines))

    def move_to(self, article_id: str, start: int) -> None:
        """Put the cursor on the mention at (article, start), or the first in that article."""
        best = None
        for i, row in enumerate(self.rows):
            if row.article == article_id:
                if best is None or row.start == start:
                    best = i
                if row.start == start:
                    break
        if best is not None:
            self.cursor = best
            self.scroll_to_cursor()

    # -- cursor

    def watch_cursor(self) -> None:
        self.scroll_to_cursor()
        self.refresh()

    def scroll_to_cursor(self) -> None:
        """Scroll so the whole entry under the cursor is in view."""
        if not self._tops:
            return
        top = self._tops[self.cursor]
        bottom = top
        while bottom < len(self._lines) and self._lines[bottom][0] == self.cursor:
            bottom += 1
        height = self.scrollable_content_region.height or self.height_hint
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True, force=True)
        elif bottom > self.scroll_y + height:
            self.scroll_to(y=max(bottom - height, 0), animate=False, immediate=True, force=True)

    def action_page(self, direction: int) -> None:
        height = max(self.scrollable_content_region.height, 1)
        entry = len(self._lines) // max(len(self._tops), 1)
        self.cursor += direction * max(height // max(entry, 1), 1)

    def action_choose(self) -> None:
        if self._view is not None and self._view.rows:
            row = self._view.rows[self.cursor]
            self.post_message(MentionChosen(self._view.fact_id, row.article, row.start, row.end))

    async def _on_click(self, event: events.Click) -> None:
        line = event.y + int(self.scroll_y)
        if 0 <= line < len(self._lines) and self._lines[line][0] >= 0:
            self.cursor = self._lines[line][0]
            self.action_choose()

    def on_resize(self) -> None:
        width = self._width()
        if width != self.virtual_size.width:
            self._layout(width)
        self.scroll_to_cursor()

    # -- rendering

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"mention-list--{name}")

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.base_style
        line = y + int(self.scroll_y)
        if line >= len(self._lines):
            return Strip.blank(width, base)
        entry, runs = self._lines[line]
        if entry == self.cursor:
            base = base + self._style("cursor")
        # Component styles carry a background of their own: keep the row's (cursor or not).
        lift = Style(bgcolor=base.bgcolor)
        segments = [
            Segment(text, base + self._run_style(name) + lift) for text, name in runs if text
        ]
        return Strip(segments).adjust_cell_length(width, base)

    def _run_style(self, name: str) -> Style:
        if not name:
            return Style()
        if name != "mark":
            return self._style(name)
        if self._mark_style is None:
            assert self._view is not None
            kind = fact_style(self._view.kind, self._view.fact_id)
            self._mark_style = self.app.stylesheet.parse_style(kind + " bold").rich_style
        return self._mark_style

    def notify_style_update(self) -> None:
        self._mark_style = None  # the theme may have changed its colours
        super().notify_style_update()


def _one_line(text: str) -> str:
    return make_printable(text).replace("\n", " ").replace("\t", " ")


def _wrap_runs(runs: list[tuple[str, str]], width: int, indent: int) -> list[list[tuple[str, str]]]:
    """Word-wrap styled runs of text to `width` cells, each line indented by `indent`."""
    text = "".join(t for t, _ in runs)
    bounds = []
    pos = 0
    for t, _ in runs:
        bounds.append((pos, pos + len(t)))
        pos += len(t)
    lines = []
    for a, b in wrap_span(text, 0, len(text), max(width - indent, 1)):
        b = a + len(text[a:b].rstrip())  # a wrapped line keeps its trailing blanks
        line = [(" " * indent, "")] if indent else []
        for (s, e), (_, name) in zip(bounds, runs, strict=True):
            if s < b and a < e:
                line.append((text[max(a, s) : min(b, e)], name))
        lines.append(line)
    return lines


def cut(text: str, width: int) -> str:
    """`text` shortened to `width` cells with an ellipsis."""
    return text if cell_len(text) <= width else set_cell_size(text, width - 1) + "…"
