"""The fact sidebar: the current article's names by kind, then its figures, with counts."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.index import FactSummary
from reader.text import make_printable
from widgets.messages import CurationRequested, FactHighlighted, FactSelected
from widgets.scroll_mark import ScrollMark

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("People", ("person",)),
    ("Organisations", ("org",)),
    ("Places", ("place",)),
    ("Other", ("other",)),
    ("Figures", ("count", "percent", "money", "date", "year")),
)
"""Sidebar sections in order, with the fact kinds each holds."""

KIND_STYLE = {
    "person": "underline $text-accent",
    "org": "bold underline $text-primary",
    "place": "italic underline $text-success",
    "other": "bold italic underline $text-secondary",
    "figure": "reverse $text-warning",
}
"""The same marking as the reading pane, so the sidebar doubles as a legend."""

DIFFERS = "≠"


def fact_style(kind: str, fact_id: str) -> str:
    """The Content style string a fact's label is drawn in."""
    return KIND_STYLE["figure"] if fact_id.startswith("f:") else KIND_STYLE.get(kind, "")


def counts_text(fact: FactSummary) -> str:
    """`3 · 4 art`: mentions in this article, articles across the corpus."""
    return f"{fact.here} · {fact.articles} art"


class FactSidebar(ScrollMark, OptionList):
    """Names grouped (People, Organisations, Places, Other) and figures; enter opens one."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="facts.down"),
        Binding("k", "cursor_up", "Up", show=False, id="facts.up"),
        Binding("g", "first", "Top", show=False, id="facts.top"),
        Binding("G", "last", "Bottom", show=False, id="facts.bottom"),
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
            show=False,
            id="facts.split",
        ),
        Binding("r", "curate('rename')", "Rename", tooltip="Rename the name", id="facts.rename"),
        Binding(
            "x",
            "curate('ignore')",
            "Ignore",
            tooltip="Ignore: not a name",
            show=False,
            id="facts.ignore",
        ),
    ]

    DEFAULT_CSS = """
    FactSidebar { border: none; padding: 0 1 0 0; overflow-y: hidden; }
    """

    filter_text: reactive[str] = reactive("")
    """Only facts whose label contains this (case-insensitive) are listed."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.facts: list[FactSummary] = []
        """Every fact of the current article."""
        self.article_id: str | None = None
        """The article whose facts are listed."""
        self.differs: set[str] = set()
        """Figure groups whose values differ across the corpus (drawn with ≠)."""
        self._width = 0

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
        option = self.highlighted_option
        return option.id if option is not None and not option.disabled else None

    def select_fact(self, fact_id: str) -> bool:
        """Move the cursor onto a fact (clearing the filter if it hides it); False if absent."""
        if not any(f.id == fact_id for f in self.facts):
            return False
        try:
            index = self.get_option_index(fact_id)
        except Exception:  # filtered out
            self.filter_text = ""
            index = self.get_option_index(fact_id)
        self.highlighted = index
        return True

    def watch_filter_text(self) -> None:
        self._rebuild(self.fact_id)

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._rebuild(self.fact_id)

    def _prompt(self, fact: FactSummary, width: int) -> Content:
        counts = counts_text(fact)
        marker = DIFFERS if fact.id in self.differs else " "
        label = make_printable(fact.label).replace("\n", " ")
        room = max(width - cell_len(counts) - 4, 4)
        if cell_len(label) > room:
            label = label[: room - 1] + "…"
        pad = " " * max(room - cell_len(label), 0)
        return Content.assemble(
            " ",
            (label, fact_style(fact.kind, fact.id)),
            pad,
            (f" {marker} ", "bold $text-error" if marker != " " else ""),
            (counts, "$text-muted"),
        )

    def _rebuild(self, keep: str | None) -> None:
        width = self.scrollable_content_region.width or 30
        self._width = self.scrollable_content_region.width
        needle = self.filter_text.casefold().strip()
        options: list[Option] = []
        for heading, kinds in GROUPS:
            group = [
                f
                for f in self.facts
                if (f.is_figure if heading == "Figures" else not f.is_figure and f.kind in kinds)
                and (not needle or needle in f.label.casefold())
            ]
            if not group:
                continue
            title = Content.assemble(
                (heading, "bold $text-muted"), (f"  {len(group)}", "$text-muted")
            )
            options.append(Option(title, id=f"heading:{heading}", disabled=True))
            options.extend(Option(self._prompt(f, width), id=f.id) for f in group)
        if not options:
            empty = "no match for the filter" if needle else "no names or figures"
            options.append(Option(Content.styled(empty, "italic $text-muted"), disabled=True))
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(options)
        target = None
        if keep is not None:
            try:
                target = self.get_option_index(keep)
            except Exception:
                target = None
        if target is None:
            target = next((i for i, o in enumerate(options) if not o.disabled), None)
        self.highlighted = target

    def action_curate(self, action: str) -> None:
        fact = self.fact_id
        if fact is None:
            self.notify("Move the cursor onto a name first.", timeout=2)
            return
        self.post_message(CurationRequested(action, fact))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(FactHighlighted(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and not event.option.disabled:
            self.post_message(FactSelected(event.option.id))
