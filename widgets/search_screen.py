"""The search screen: names (any spelling), figures, titles and text, searched as you type."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.index import FactIndex, SearchHit
from reader.text import make_printable

RESULT_LIMIT = 40

KIND_TAGS = {
    "e": ("name", "$text-accent"),
    "f": ("figure", "$text-warning"),
    "a": ("article", "$text-primary"),
}


def hit_prompt(hit: SearchHit, variants: tuple[str, ...] = ()) -> Content:
    """Two lines for a hit: tag and label, then why it matched (or the other spellings)."""
    tag, style = KIND_TAGS.get(hit.target[:1], ("", ""))
    kind = "text" if hit.target.startswith("a:") and hit.start is not None else tag
    detail = make_printable(hit.detail).replace("\n", " ")
    others = [v for v in variants if v != hit.label]
    if others:
        spelled = "also " + ", ".join(make_printable(v) for v in others)
        detail = f"{detail} · {spelled}" if detail else spelled
    return Content.assemble(
        (f"{kind:<7}", f"bold {style}"),
        " ",
        (make_printable(hit.label).replace("\n", " "), "bold"),
        "\n        ",
        (detail, "$text-muted"),
    )


class SearchScreen(ModalScreen[tuple[SearchHit, str] | None]):
    """Type to search; enter opens the highlighted result, escape goes back."""

    BINDINGS = [
        Binding("escape", "cancel", "Close", tooltip="Close the search", id="search.close"),
        Binding("down", "move(1)", "Next result", show=False, id="search.down"),
        Binding("up", "move(-1)", "Previous result", show=False, id="search.up"),
    ]

    TITLE_TEXT = "Search names (any spelling), figures, titles and text"
    PLACEHOLDER = "e.g. marzuk, 34,356, Beijing"

    def __init__(self, index: FactIndex, query: str = "") -> None:
        super().__init__()
        self.index = index
        """The index searched."""
        self.query_text = query
        """What was last searched for."""
        self.hits: list[SearchHit] = []
        """The results shown."""

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box", classes="dialog"):
            yield Static(Content.styled(self.TITLE_TEXT, "bold"), classes="dialog-title")
            yield Input(self.query_text, placeholder=self.PLACEHOLDER, id="search-input")
            yield OptionList(id="search-results")
            yield Static(
                Content.styled("↑↓ choose · enter open · escape close", "$text-muted"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()
        if self.query_text:
            self.run_search(self.query_text)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        """Search off the UI thread (text search scans every article) and show the hits."""
        hits = self.index.search(query, RESULT_LIMIT) if query.strip() else []
        hits = [hit for hit in hits if self.accept(hit)]
        prompts = [
            hit_prompt(
                hit, self.index.variants_of(hit.target) if hit.target.startswith("e:") else ()
            )
            for hit in hits
        ]
        self.app.call_from_thread(self._show_hits, query, hits, prompts)

    def accept(self, hit: SearchHit) -> bool:
        """Whether a hit is listed (every kind here; choosers narrow it)."""
        return True

    def _show_hits(self, query: str, hits: list[SearchHit], prompts: list[Content]) -> None:
        if query != self.query_text:
            return  # a later keystroke's search is on its way
        self.hits = hits
        results = self.query_one("#search-results", OptionList)
        if not hits:
            empty = "no match" if query.strip() else "type to search"
            results.set_options(
                [Option(Content.styled(empty, "italic $text-muted"), disabled=True)]
            )
            return
        results.set_options([Option(p, id=str(i)) for i, p in enumerate(prompts)])
        results.highlighted = 0

    def action_move(self, delta: int) -> None:
        results = self.query_one("#search-results", OptionList)
        if delta > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if self.hits and results.highlighted is not None:
            self.dismiss((self.hits[results.highlighted], self.query_text))

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.hits):
            self.dismiss((self.hits[event.option_index], self.query_text))

    def action_cancel(self) -> None:
        self.dismiss(None)


class EntityChooser(SearchScreen):
    """Choose a name (fuzzy, any spelling): for the naming board and for merging."""

    TITLE_TEXT = "Choose a name (any spelling, fuzzy)"
    PLACEHOLDER = "e.g. hamas, marzuk"

    def __init__(self, index: FactIndex, query: str = "", exclude: str | None = None) -> None:
        super().__init__(index, query)
        self.exclude = exclude
        """An entity not to offer (the one being merged into)."""

    def accept(self, hit: SearchHit) -> bool:
        return hit.target.startswith("e:") and hit.target != self.exclude
