"""The fact detail panel: one fact's mentions across the corpus, with spellings or values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.index import ArticleSummary, FactIndex, MentionRow
from reader.text import make_printable
from widgets.fact_sidebar import DIFFERS, fact_style
from widgets.messages import DetailClosed, MentionChosen
from widgets.scroll_mark import ScrollMark

MAX_MENTIONS = 50
"""Mentions listed at most (the rest are counted): keeps a very common name responsive."""
MAX_VALUES = 40
"""Figure values listed side by side at most."""
CONTEXT_MIN = 40
"""Fewest characters of context shown around a mention."""


def format_value(row: MentionRow) -> str:
    """A figure's value as a reader would write it: 34,356 · 70% · 2,000,000."""
    value = row.value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return make_printable(row.text)
    if row.unit == "percent":
        return f"{value:g}%"
    if row.unit in ("year",):
        return str(value)
    if row.unit in ("count", None, ""):
        return f"{value:,}" if isinstance(value, int) or value.is_integer() else f"{value:,.2f}"
    if row.unit in ("duration", "date"):
        return make_printable(row.text)
    return f"{value:,} {row.unit}"


def figure_spread(rows: Sequence[MentionRow]) -> str | None:
    """`≠ 34,356 – 34,535 (0.5%)` when a figure's values differ across mentions, else None."""
    values = {row.value for row in rows if row.value is not None}
    if len(values) < 2:
        return None
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if len(numbers) == len(values):
        low_row = min(rows, key=lambda r: r.value if r.value is not None else float("inf"))
        high_row = max(rows, key=lambda r: r.value if r.value is not None else float("-inf"))
        low, high = min(numbers), max(numbers)
        spread = f" ({(high - low) / low * 100:.1f}%)" if low else ""
        return f"{DIFFERS} {format_value(low_row)} – {format_value(high_row)}{spread}"
    return f"{DIFFERS} {len(values)} different values"


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
    rows: list[MentionRow]
    """The mentions listed (at most MAX_MENTIONS)."""
    places: list[Place]
    """Outlet and date of each listed mention's article."""
    contexts: list[tuple[str, int, int]]
    """A line of context for each listed mention: (line, start, end of the mention in it)."""
    variants: tuple[str, ...]
    """Every spelling (names)."""
    spread: str | None
    """The `≠ low – high (x%)` line when a figure's values differ."""


def load_fact_view(index: FactIndex, fact_id: str, width: int) -> FactView:
    """Query the index for a fact's detail."""
    label, kind = index.fact_label(fact_id)
    total, articles = index.fact_counts(fact_id)
    shown = index.mentions_of(fact_id, limit=MAX_MENTIONS)
    # One query for the outlets and dates of the articles listed (they are spread over the
    # whole corpus: fetched through the article list, each would page in 128 rows).
    summaries = {s.id: s for s in index.summaries(list(dict.fromkeys(r.article for r in shown)))}
    figure = fact_id.startswith("f:")
    # Every value only when they differ (decided at indexing): a spread needs them all.
    differs = figure and bool(index.differing_groups([fact_id]))
    # About two lines of the panel: enough to see how the name or figure is used.
    context_width = max(CONTEXT_MIN, 2 * width - 8)
    return FactView(
        fact_id=fact_id,
        label=label,
        kind=kind,
        total=total,
        articles=articles,
        rows=shown,
        places=[place_of(summaries.get(r.article)) for r in shown],
        contexts=index.contexts([(r.article, r.start, r.end) for r in shown], context_width),
        variants=() if figure else index.variants_of(fact_id),
        spread=figure_spread(index.distinct_values(fact_id)) if differs else None,
    )


class FactDetail(Vertical):
    """A fact's spellings (names) or values side by side (figures), then every mention."""

    BINDINGS = [
        Binding("escape", "close", "Facts", tooltip="Back to the fact list", id="detail.close"),
    ]

    DEFAULT_CSS = """
    FactDetail { height: 1fr; }
    FactDetail > #detail-head { height: auto; max-height: 50%; padding: 0 1; }
    FactDetail > OptionList { height: 1fr; border: none; padding: 0 1 0 0; overflow-y: hidden; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.fact_id: str | None = None
        """The fact shown."""
        self.rows: list[MentionRow] = []
        """Its mentions across the corpus, as listed."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-head")
        yield MentionList(id="detail-mentions")

    def panel_width(self) -> int:
        """The column's width (measured from the parent while the panel is still hidden)."""
        return self.size.width or (self.parent.size.width if self.parent else 0) or 34

    def show_view(self, view: FactView, current: tuple[str, int] | None = None) -> None:
        """Fill the panel from a loaded `view`, the cursor on `current` (article, start)."""
        self.fact_id = view.fact_id
        self.rows = view.rows
        width = max(self.panel_width() - 2, 20)
        plural = "s" * (view.total != 1)
        head = [
            Content.assemble(
                (make_printable(view.label), fact_style(view.kind, view.fact_id) + " bold"),
                (f"  {view.kind}", "$text-muted"),
            ),
            Content.styled(
                f"{view.total:,} mention{plural} in {view.articles:,} "
                f"article{'s' * (view.articles != 1)}",
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
                head.append(Content.styled(view.spread, "bold $text-error"))
            else:
                head.append(Content.styled("= every mention gives the same value", "$text-success"))
        else:
            head.append(Content.styled(f"Spellings ({len(view.variants)}):", "bold"))
            for variant in view.variants:
                head.append(Content.assemble("  • ", (make_printable(variant), "")))
        head.append(Content.styled("Mentions · enter jumps to one", "$text-muted"))
        self.query_one("#detail-head", Static).update(Content("\n").join(head))
        mention_list = self.query_one(MentionList)
        mention_list.show(view)
        if current is not None:
            mention_list.move_to(*current)

    def action_close(self) -> None:
        self.post_message(DetailClosed())

    def focus_mentions(self) -> None:
        """Give the keyboard to the mention list (at once: drawn in the same frame)."""
        self.screen.set_focus(self.query_one(MentionList))


class MentionList(ScrollMark, OptionList):
    """One option per mention: outlet · date · spelling, then a line of context."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="mentions.down"),
        Binding("k", "cursor_up", "Up", show=False, id="mentions.up"),
        Binding("g", "first", "Top", show=False, id="mentions.top"),
        Binding("G", "last", "Bottom", show=False, id="mentions.bottom"),
    ]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.rows: list[MentionRow] = []
        self.fact_id = ""

    def show(self, view: FactView) -> None:
        """List the view's mentions with their lines of context."""
        self.rows = list(view.rows)
        self.fact_id = view.fact_id
        style = fact_style(view.kind, view.fact_id)
        options: list[Option | None] = []
        for i, (row, place, (line, s, e)) in enumerate(
            zip(view.rows, view.places, view.contexts, strict=True)
        ):
            line = make_printable(line).replace("\n", " ").replace("\t", " ")
            head = Content.assemble(
                (place.outlet, "bold"),
                (f" · {place.date} · ", "$text-muted"),
                (f"“{make_printable(row.text)}”", "italic"),
            )
            context = Content.assemble("  ", line[:s], (line[s:e], style + " bold"), line[e:])
            if options:
                options.append(None)
            options.append(Option(Content("\n").join([head, context]), id=f"m{i}"))
        if view.total > len(view.rows):
            more = f"… and {view.total - len(view.rows):,} more mentions (n / N step through all)"
            options.append(Option(Content.styled(more, "italic $text-muted"), disabled=True))
        self.set_options(options)
        self.highlighted = 0 if view.rows else None

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
            self.highlighted = self.get_option_index(f"m{best}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("m"):
            row = self.rows[int(option_id[1:])]
            self.post_message(MentionChosen(self.fact_id, row.article, row.start, row.end))


def cut(text: str, width: int) -> str:
    """`text` shortened to `width` cells with an ellipsis."""
    return text if cell_len(text) <= width else set_cell_size(text, width - 1) + "…"
