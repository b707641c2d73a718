"""Loading the index for the main screen: building or opening it in a worker, its progress,
a damaged or replaced index, reading it again."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from textual import work
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, ProgressBar
from textual.worker import get_current_worker

from reader.config import ConfigError
from reader.corpus import CorpusError
from reader.progress import describe
from reader.store import BuildCancelled, FactIndex, build_index
from widgets.article_rows import ArticleRows
from widgets.main.base import MainBase
from widgets.messages import (
    ArticlesListed,
    IndexFailed,
    IndexLoaded,
    IndexProgressed,
)
from widgets.search_screen import prepare_search

REPLACED_CHECK = 5.0
"""Seconds between looks at whether another seedread has rebuilt the index (one stat)."""
PROGRESS_INTERVAL = 0.05
"""Seconds between progress messages from the worker: looks live, costs little."""


class IndexLoading(MainBase):
    """Builds or opens the index off the UI thread and says how it goes."""

    def _show_loading(self) -> None:
        """Show the loading stage in place of the panes while the index is opened or built."""
        if self.index is None:
            self.query_one("#panes").display = False
            self.query_one("#loading").display = True

    @work(thread=True, exclusive=True, group="index")
    def load_index(
        self, path: Path, order: str, first: int | None = None, story: str | None = None
    ) -> None:
        """Build or open the index and list its articles in `order`, off the UI thread.

        With `first`, only that many articles come with the index, so the list shows as soon
        as the index opens; the whole list is fetched once that is on screen (`list_all`).
        """
        stage_started: dict[str, Any] = {"stage": "", "at": time.monotonic(), "last": 0.0}

        def progress(stage: str, done: int, total: int) -> None:
            now = time.monotonic()
            if stage != stage_started["stage"]:
                stage_started.update(stage=stage, at=now)
            elif now - stage_started["last"] < PROGRESS_INTERVAL and done < total:
                return
            stage_started["last"] = now
            elapsed = max(now - stage_started["at"], 1e-6)
            rate = done / elapsed
            eta = (total - done) / rate if rate > 0 and done else None
            self.post_message(IndexProgressed(stage, done, total, rate, eta))

        try:
            index, stats = build_index(path, progress=progress, cancel=self._cancel)
            rows = ArticleRows.fetch(index, order, first, story)
        except BuildCancelled:
            return
        except CorpusError as error:
            self.post_message(IndexFailed("Cannot open the corpus", str(error)))
            return
        except ConfigError as error:
            self.post_message(IndexFailed("The corpus' seedread.yaml is not valid", str(error)))
            return
        except OSError as error:
            self.post_message(IndexFailed("Cannot read or write the index", str(error)))
            return
        except Exception as error:  # noqa: BLE001 - a message screen beats a traceback
            self.post_message(
                IndexFailed("Indexing failed unexpectedly", f"{type(error).__name__}: {error}")
            )
            return
        self.post_message(IndexLoaded(index, stats, rows))

    @work(thread=True, exclusive=True, group="listing")
    def list_all(self, index: FactIndex, order: str, story: str | None) -> None:
        """Fetch the whole article list after its first screenful is shown."""
        rows = ArticleRows.fetch(index, order, story=story)
        if not get_current_worker().is_cancelled:
            self.post_message(ArticlesListed(rows))

    def on_index_progressed(self, event: IndexProgressed) -> None:
        now = time.monotonic()
        if self._progress is None or self._progress[0] != event.stage:
            self._stage_started = now
        self._progress = (event.stage, event.done, event.total)
        self._show_loading()
        if event.stage != "waiting":  # for "waiting", total is the other builder's pid
            bar = self.query_one("#loading-bar", ProgressBar)
            bar.update(total=max(event.total, 1), progress=event.done)
        self._draw_progress()
        if self._progress_timer is None:
            # A stage of a few long steps reports nothing for seconds: the time keeps moving.
            self._progress_timer = self.set_interval(0.5, self._draw_progress)

    def _draw_progress(self) -> None:
        """The loading screen's words for the last progress report, with the seconds so far."""
        if self._progress is None or self.index is not None:
            return
        text = describe(*self._progress, time.monotonic() - self._stage_started)
        self.query_one("#loading-stage", Label).update(Content(f"{text.stage} · {text.count}"))
        self.query_one("#loading-rate", Label).update(Content(text.pace))

    def _check_replaced(self) -> None:
        """Say, once, when another seedread has rebuilt this corpus' index: this session goes
        on reading the generation it opened, whole, until ctrl+r."""
        index = self.index
        if index is None or self._told_replaced or not index.replaced:
            return
        self._told_replaced = True
        self.notify(
            "The corpus changed: another seedread rebuilt its index. What you read here stays"
            " as it was; press ctrl+r to read the new index.",
            title="Corpus changed",
            timeout=30,
        )

    def action_reload(self) -> None:
        """Read the corpus' index again (building what changed), keeping order and story."""
        path = self.corpus_path()
        self._told_replaced = False
        self._restore = (self.here(), None, "Read the index again.", self.focused is self.sidebar)
        self.load_index(path, self.list_order, story=self.story_filter)

    async def _dispatch_message(self, message: Message) -> None:
        # A damaged index met while handling a message (an article opened, a fact chosen)
        # is said on screen; let through, it would end this screen's message loop.
        try:
            await super()._dispatch_message(message)
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError) or not self.damaged_index(error):
                raise

    def damaged_index(self, error: Exception) -> bool:
        """The open index turned out damaged: remove it (the next build writes it anew) and
        say so, with `r` to build it again here. False when no index is open."""
        if isinstance(error, sqlite3.ProgrammingError):
            # A query on the index closed for its damage, still on its way: nothing new.
            return self._closed_damaged
        index = self.index
        if index is None:
            return False
        if self._damage_shown:  # a second query met it too: one screen says it
            return True
        self._closed_damaged = True
        self._damage_shown = True
        from widgets.error_screen import ErrorScreen

        index.close()
        index.db_path.unlink(missing_ok=True)
        path = self.corpus_path()

        def rebuild() -> None:
            self.index = None
            self._damage_shown = False
            self.load_index(path, self.list_order, story=self.story_filter)

        self.app.push_screen(
            ErrorScreen(
                "The cached index is damaged",
                f"{error} ({index.db_path}). It has been removed.",
                retry=rebuild,
                hint="Press r to build it again from the corpus (your corpus is untouched),"
                " or q to quit.",
            )
        )
        return True

    def on_index_failed(self, event: IndexFailed) -> None:
        if self._progress_timer is not None:
            self._progress_timer.stop()
            self._progress_timer = None
        from widgets.error_screen import ErrorScreen

        self.app.push_screen(ErrorScreen(event.title, event.reason))

    def _settle_heap(self) -> None:
        """Once every article is listed: clear the collector's way, then build the search's
        lookups in the background, so that `/` answers from the first letter."""
        settle = getattr(self.app, "settle_heap", None)
        if settle is not None:
            self.set_timer(0.2, settle)  # once the screen is painted
        self.set_timer(0.5, self.build_search_lookups)

    @work(thread=True, exclusive=True, group="search-prepare")
    def build_search_lookups(self) -> None:
        """Build the search's lookups, then read the figure board ahead, so that `/` and `F`
        answer at once once the reader has settled."""
        index = self.index
        if index is None:
            return
        prepare_search(self.app, index)
        from widgets.boards.figures import FigureBoardScreen, board_data

        key = (FigureBoardScreen.__name__, None)  # `BoardScreen.cache_key` of the whole board
        if key in self.board_cache or get_current_worker().is_cancelled:
            return
        data = board_data(index, None)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._board_ready, index, key, data)

    def _board_ready(self, index: FactIndex, key: Any, data: Any) -> None:
        """Keep a board read ahead, unless the index changed meanwhile (its cache with it)."""
        if index is self.index:
            self.board_cache.setdefault(key, data)
