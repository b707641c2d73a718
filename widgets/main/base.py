"""The main screen's state, shared by the parts it delegates to (`widgets.main`)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

from reader.models import SearchHit
from reader.navigation import History, Location, MentionWalk
from reader.store import FactIndex
from widgets.article_list import ArticleList
from widgets.fact_detail import FactDetail, FactView
from widgets.fact_sidebar import FactSidebar
from widgets.reading_pane import ReadingPane


class MainBase(Screen[None]):
    """What the main screen knows: the corpus, the open index, the reader's place, the
    list's order and story; and its panes."""

    # None of these repaints the screen itself: the widgets they change repaint themselves,
    # and a whole-screen repaint costs 15-25 ms on every key that sets one.
    list_order: var[str] = var("date")
    """How the article list is sorted: date, outlet, title or story."""
    story_filter: var[str | None] = var(None)
    """The story the list is narrowed to (`S`), or None for every article."""
    current_fact: var[str | None] = var(None)
    """The fact n/N step through: the one under the sidebar's cursor."""
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """Textual's focused widget (its focus styles repaint the two widgets concerned)."""

    def __init__(self, source: Path | FactIndex) -> None:
        super().__init__()
        self.source = source
        """The corpus path, or an index built beforehand (tests)."""
        self.index: FactIndex | None = None
        """The open index, once loaded."""
        self.history = History()
        """The places visited, for backspace and alt+right."""
        self._cancel = threading.Event()
        self._walks: dict[tuple[str, str, str], MentionWalk] = {}
        self._prefetched: tuple[FactIndex, int, FactView] | None = None
        """The fact detail read ahead (index, panel width, view)."""
        self._corpus_key = ""
        self.board_cache: dict[Any, Any] = {}
        """Computed boards, kept until the index changes (a big corpus' board takes seconds)."""
        self._restore: tuple[Location | None, str | None, str, bool] | None = None
        self._told_replaced = False
        self._damage_shown = False
        self._closed_damaged = False
        self._progress: tuple[str, int, int] | None = None
        """The last progress report of the index worker: (stage, done, total)."""
        self._stage_started = 0.0
        self._progress_timer: Timer | None = None
        self._undo: list[tuple[Path, str | None, str]] = []
        """The decisions made since opening, last last: (seedread.yaml, its text before the
        decision or None when there was none, what the decision was)."""

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> ReadingPane:
        return self.query_one(ReadingPane)

    @property
    def sidebar(self) -> FactSidebar:
        return self.query_one(FactSidebar)

    @property
    def detail(self) -> FactDetail:
        return self.query_one(FactDetail)

    def corpus_path(self) -> Path:
        """The corpus' folder or file, also when the screen was given an index."""
        source = self.source
        return source.root if isinstance(source, FactIndex) else Path(source)

    if TYPE_CHECKING:  # the main screen's own, used by the parts it delegates to

        def here(self) -> Location | None: ...

        def _show_article(self, article_id: str, force: bool = False) -> None: ...

        def open_detail(self, fact_id: str) -> None: ...

        def open_search_hit(self, hit: SearchHit, query: str = "") -> None: ...

        def action_go_to_fact(self, fact_id: str) -> None: ...

        def _no_fact_hint(self) -> str: ...

        @property
        def sidebar_hidden(self) -> bool: ...

        def load_index(self, *args: Any, **kwargs: Any) -> Any:
            """`IndexLoading.load_index` (a worker)."""
