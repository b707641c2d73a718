"""What the boards share: a title, a table filled by a thread worker ("loading…" until then)."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from reader.store import FactIndex
from widgets.grid_view import GridView


class BoardScreen(Screen[Message | None]):
    """A full-screen board over the reader; escape goes back.

    Subclasses say how to compute their data (`compute`, run in a thread worker: on a big
    corpus a board takes seconds) and how to show it (`show`). Computed data is kept in
    `cache` (owned by the main screen, cleared when the index changes), so a board opens
    again at once. The screen is dismissed with a message for the main screen to act on
    (`JumpToMention`, `OpenFact`), or None.
    """

    BINDINGS = [
        Binding("escape", "close", "Back", tooltip="Back to reading", id="board.close"),
    ]

    NAME = "Board"
    """The board's name, in the title."""
    LOADING = "loading… (a large corpus takes a few seconds)"
    """The placeholder while the worker computes."""
    FROZEN = 1
    """Columns that stay put when the table scrolls sideways."""
    CELL_CURSOR = False
    """Whether ←/→ move a column cursor."""

    def __init__(
        self, index: FactIndex, cache: dict[Any, Any] | None = None, story: str | None = None
    ) -> None:
        super().__init__()
        self.index = index
        """The index the board is computed from."""
        self.story = story
        """The story the reader is narrowed to (a board may show that story only), or None."""
        self.cache = cache if cache is not None else {}
        """Computed boards by `cache_key`, shared across openings."""
        self.data: Any = None
        """What `compute` returned, once it has."""

    def compose(self) -> ComposeResult:
        yield Static(id="board-title")
        yield Static(id="board-legend")
        yield GridView(frozen=self.FROZEN, cell_cursor=self.CELL_CURSOR, id="board-grid")
        yield from self.compose_detail()
        yield Footer()

    def compose_detail(self) -> ComposeResult:
        """Widgets under the table (the highlighted row's detail)."""
        yield Static(id="board-detail")

    @property
    def grid(self) -> GridView:
        return self.query_one("#board-grid", GridView)

    def on_mount(self) -> None:
        self.set_title((self.NAME, "bold"), (f" · {self.LOADING}", "$text-muted"))
        self.grid.focus()
        self.reload()

    def reload(self) -> None:
        """Show the board from the cache, or start the worker that computes it."""
        key = self.cache_key()
        if key in self.cache:
            self._loaded(key, self.cache[key])
            return
        self.grid.set_placeholder(self.LOADING)
        self.load(key)

    @work(thread=True, exclusive=True, group="board")
    def load(self, key: Any) -> None:
        """Compute the board off the UI thread."""
        try:
            data = self.compute()
        except Exception as error:  # noqa: BLE001 - a notification beats a crash
            self.app.call_from_thread(self._failed, f"{type(error).__name__}: {error}")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, key, data)

    def _loaded(self, key: Any, data: Any) -> None:
        self.cache[key] = data
        self.data = data
        self.show(data)

    def _failed(self, reason: str) -> None:
        self.grid.set_placeholder("could not compute the board")
        self.notify(reason, title="Board failed", severity="error")

    def set_title(self, *parts: str | tuple[str, str]) -> None:
        """The line above the table."""
        self.query_one("#board-title", Static).update(Content.assemble(*parts))

    def set_legend(self, *parts: str | tuple[str, str]) -> None:
        """The muted line saying how to read and drive the table."""
        self.query_one("#board-legend", Static).update(Content.assemble(*parts))

    def set_detail(self, content: Content) -> None:
        """The text under the table."""
        self.query_one("#board-detail", Static).update(content)

    # -- for subclasses

    def cache_key(self) -> Any:
        """What the computed data is cached under."""
        return (type(self).__name__, self.story)

    def compute(self) -> Any:
        """The board's data (called in a thread worker)."""
        raise NotImplementedError

    def show(self, data: Any) -> None:
        """Fill the table from computed data."""
        raise NotImplementedError

    def action_close(self) -> None:
        self.dismiss(None)
