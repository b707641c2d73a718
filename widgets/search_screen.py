"""The search screen: names (any spelling), figures, titles and text, searched as you type."""

from __future__ import annotations

import gc

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.models import SearchHit
from reader.search import lookups_built, name_lookup, search_facts, search_texts, text_lookups
from reader.store import FactIndex
from reader.text import make_printable

RESULT_LIMIT = 40
TEXT_DELAY = 0.25
"""Seconds of no typing before article texts are searched: names, figures and titles answer
every keystroke at once; the text scan, which reads every article, waits for a pause."""

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


def prepare_search(app: App[object], index: FactIndex) -> None:
    """Build the index's fuzzy name matcher and its title and label lookups (about 2 s at
    37k articles, once), with the garbage collector paused: it would walk the growing tables
    again and again. Then keep them, for good, out of the collector's way. Does nothing
    once they are built (each search screen calls it as it opens)."""
    if lookups_built(index):
        return
    gc.disable()
    try:
        name_lookup(index)
        text_lookups(index)
    finally:
        gc.enable()
    settle = getattr(app, "settle_heap", None)
    if settle is not None:
        try:
            app.call_from_thread(settle, False)
        except RuntimeError:
            pass  # the app closed meanwhile


class SearchScreen(ModalScreen[tuple[SearchHit, str] | None]):
    """Type to search; enter opens the highlighted result, escape goes back."""

    BINDINGS = [
        Binding("escape", "cancel", "Close", tooltip="Close the search", id="search.close"),
        Binding("down", "move(1)", "Next result", show=False, id="search.down"),
        Binding("up", "move(-1)", "Previous result", show=False, id="search.up"),
    ]

    SEARCHES_TEXT = True
    """Whether article texts are searched (choosers of names do not)."""
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
        self.generation = 0
        """Bumped by every keystroke: a text scan for an older one stops."""
        self._text_timer: Timer | None = None

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
        else:
            self.prepare()

    @work(thread=True, group="search-prepare")
    def prepare(self) -> None:
        """Build the lookups while the first letters are typed (if not built already)."""
        prepare_search(self.app, self.index)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        """Search names, figures and titles now; article texts after a pause in typing."""
        self.generation += 1
        if self._text_timer is not None:
            self._text_timer.stop()
            self._text_timer = None
        self.search_facts(query)
        if self.SEARCHES_TEXT and len(query.strip()) >= 3:
            generation = self.generation
            self._text_timer = self.set_timer(
                TEXT_DELAY, lambda: self.search_texts(query, generation)
            )

    @work(thread=True, exclusive=True, group="search")
    def search_facts(self, query: str) -> None:
        """Find names, figures and titles off the UI thread and show them."""
        hits = search_facts(self.index, query, RESULT_LIMIT)
        self.app.call_from_thread(self._show_hits, query, *self._prompted(hits))

    @work(thread=True, exclusive=True, group="search-text")
    def search_texts(self, query: str, generation: int) -> None:
        """Scan the article texts off the UI thread; a newer keystroke stops the scan."""
        hits = search_texts(
            self.index, query, RESULT_LIMIT, cancelled=lambda: generation != self.generation
        )
        if hits and generation == self.generation:
            self.app.call_from_thread(self._add_hits, query, *self._prompted(hits))

    def _prompted(self, hits: list[SearchHit]) -> tuple[list[SearchHit], list[Content]]:
        hits = [hit for hit in hits if self.accept(hit)]
        prompts = [
            hit_prompt(
                hit, self.index.variants_of(hit.target) if hit.target.startswith("e:") else ()
            )
            for hit in hits
        ]
        return hits, prompts

    def accept(self, hit: SearchHit) -> bool:
        """Whether a hit is listed (every kind here; choosers narrow it)."""
        return True

    def _add_hits(self, query: str, hits: list[SearchHit], prompts: list[Content]) -> None:
        """Append text hits below the quick ones (articles already listed are skipped)."""
        if query != self.query_text:
            return
        listed = {hit.target for hit in self.hits}
        room = RESULT_LIMIT - len(self.hits)
        new = [(h, p) for h, p in zip(hits, prompts, strict=True) if h.target not in listed][:room]
        if not new:
            return
        results = self.query_one("#search-results", OptionList)
        if not self.hits:
            results.clear_options()
        start = len(self.hits)
        self.hits = [*self.hits, *(h for h, _ in new)]
        results.add_options([Option(p, id=str(start + i)) for i, (_, p) in enumerate(new)])
        if results.highlighted is None:
            results.highlighted = 0

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

    SEARCHES_TEXT = False

    TITLE_TEXT = "Choose a name (any spelling, fuzzy)"
    PLACEHOLDER = "e.g. hamas, marzuk"

    def __init__(self, index: FactIndex, query: str = "", exclude: str | None = None) -> None:
        super().__init__(index, query)
        self.exclude = exclude
        """An entity not to offer (the one being merged into)."""

    def accept(self, hit: SearchHit) -> bool:
        return hit.target.startswith("e:") and hit.target != self.exclude
