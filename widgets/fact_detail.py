"""The fact detail panel: one fact's mentions across the corpus, with spellings or values."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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

MAX_MENTIONS = 300
"""Mentions listed at most (the rest are counted): keeps a very common name responsive."""
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


def values_differ(rows: Sequence[MentionRow]) -> bool:
    """True when a figure's mentions do not all give the same value."""
    return len({row.value for row in rows if row.value is not None}) > 1


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


class FactDetail(Vertical):
    """A fact's spellings (names) or values side by side (figures), then every mention."""

    BINDINGS = [
        Binding("escape", "close", "Facts", tooltip="Back to the fact list", id="detail.close"),
    ]

    DEFAULT_CSS = """
    FactDetail { height: 1fr; }
    FactDetail > #detail-head { height: auto; max-height: 50%; padding: 0 1; }
    FactDetail > OptionList { height: 1fr; border: none; padding: 0; }
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

    def show_fact(
        self,
        index: FactIndex,
        fact_id: str,
        summary_of: Callable[[str], ArticleSummary | None],
        current: tuple[str, int] | None = None,
    ) -> None:
        """Fill the panel for `fact_id`, the cursor on `current` (article, start) if listed."""
        self.fact_id = fact_id
        label, kind = index.fact_label(fact_id)
        rows = index.mentions_of(fact_id)
        self.rows = rows[:MAX_MENTIONS]
        articles = len({r.article for r in rows})
        # Laid out while still hidden, so measure the column the panel is about to fill.
        panel = self.size.width or (self.parent.size.width if self.parent else 0) or 34
        width = max(panel - 2, 20)
        head = [
            Content.assemble(
                (make_printable(label), fact_style(kind, fact_id) + " bold"),
                (f"  {kind}", "$text-muted"),
            ),
            Content.styled(
                f"{len(rows)} mention{'s' * (len(rows) != 1)} in {articles} "
                f"article{'s' * (articles != 1)}",
                "$text-muted",
            ),
        ]
        if fact_id.startswith("f:"):
            head.append(Content.styled("Each outlet's value:", "bold"))
            outlet_width = min(max(width // 2, 10), 22)
            for row in rows[:40]:
                place = place_of(summary_of(row.article))
                value = format_value(row)
                qualifier = f"{row.qualifier} " if row.qualifier else ""
                head.append(
                    Content.assemble(
                        (set_cell_size(cut(place.outlet, outlet_width), outlet_width), ""),
                        " ",
                        (qualifier, "italic $text-muted"),
                        (value, "bold"),
                    )
                )
            spread = figure_spread(rows)
            if spread:
                head.append(Content.styled(spread, "bold $text-error"))
            else:
                head.append(Content.styled("= every mention gives the same value", "$text-success"))
        else:
            variants = index.variants_of(fact_id)
            head.append(Content.styled(f"Spellings ({len(variants)}):", "bold"))
            for variant in variants:
                head.append(Content.assemble("  • ", (make_printable(variant), "")))
        head.append(Content.styled("Mentions · enter jumps to one", "$text-muted"))
        self.query_one("#detail-head", Static).update(Content("\n").join(head))
        mention_list = self.query_one(MentionList)
        mention_list.show(self.rows, len(rows), summary_of, index, fact_id, panel)
        if current is not None:
            mention_list.move_to(*current)

    def action_close(self) -> None:
        self.post_message(DetailClosed())

    def focus_mentions(self) -> None:
        """Give the keyboard to the mention list."""
        self.query_one(MentionList).focus()


class MentionList(OptionList):
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

    def show(
        self,
        rows: Sequence[MentionRow],
        total: int,
        summary_of: Callable[[str], ArticleSummary | None],
        index: FactIndex,
        fact_id: str,
        width: int,
    ) -> None:
        """List `rows` (of `total` mentions) with contexts about two lines of `width` long."""
        self.rows = list(rows)
        self.fact_id = fact_id
        style = fact_style(index.fact_label(fact_id)[1], fact_id)
        options: list[Option | None] = []
        # About two lines of the panel: enough to see how the name or figure is used.
        width = max(CONTEXT_MIN, 2 * width - 8)
        for i, row in enumerate(rows):
            place = place_of(summary_of(row.article))
            line, s, e = index.context(row.article, row.start, row.end, width)
            line = make_printable(line).replace("\n", " ").replace("\t", " ")
            head = Content.assemble(
                (place.outlet, "bold"),
                (f" · {place.date} · ", "$text-muted"),
                (f"“{make_printable(row.text)}”", "italic"),
            )
            context = Content.assemble(
                "  ",
                line[:s],
                (line[s:e], style + " bold"),
                line[e:],
            )
            if options:
                options.append(None)
            options.append(Option(Content("\n").join([head, context]), id=f"m{i}"))
        if total > len(rows):
            more = f"… and {total - len(rows)} more mentions"
            options.append(Option(Content.styled(more, "italic $text-muted"), disabled=True))
        self.set_options(options)
        self.highlighted = 0 if rows else None

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
