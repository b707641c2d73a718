"""The main screen: article list, reading pane and fact sidebar; loads the index in a worker."""

from __future__ import annotations

import io
import sqlite3
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label, ProgressBar, Static
from textual.worker import get_current_worker

from reader.citation import cite
from reader.config import Config, ConfigError, save_config
from reader.corpus import CorpusError
from reader.curation import (
    config_path,
    load_corpus_config,
    merge_stories,
    move_to_story,
)
from reader.export import WRITERS
from reader.models import Mark, SearchHit
from reader.navigation import History, Location, MentionWalk
from reader.progress import describe
from reader.store import BuildCancelled, FactIndex, build_index
from reader.store.cache import corpus_key, write_atomic
from reader.text import make_printable
from widgets.article_list import SORT_ORDERS, ArticleList
from widgets.article_rows import ArticleRows
from widgets.fact_detail import FactDetail, FactView, MentionList, load_fact_view
from widgets.fact_sidebar import FactSidebar
from widgets.mentions_screen import MentionEntry
from widgets.messages import (
    ArticleHighlighted,
    ArticlesListed,
    CurationRequested,
    DetailClosed,
    FactSelected,
    IndexFailed,
    IndexLoaded,
    IndexProgressed,
    JumpToMention,
    MentionChosen,
    NarrowToStory,
    OpenArticle,
    OpenFact,
    StoryCurationRequested,
)
from widgets.reading_pane import BIG_TEXT, ReadingPane
from widgets.search_screen import prepare_search
from widgets.steady_footer import SteadyFooter

REPLACED_CHECK = 5.0
"""Seconds between looks at whether another seedread has rebuilt the index (one stat)."""
PROGRESS_INTERVAL = 0.05
"""Seconds between progress messages from the worker: looks live, costs little."""
FIRST_PAGE = 100
"""Articles fetched for the first paint; the rest follow right after it."""
LOADING_DELAY = 0.3
"""Seconds before "Opening the corpus…" shows: a warm cache opens sooner, and painting a
screen it replaces at once would only slow it down."""


WALKS_KEPT = 64
"""Facts whose mention walks are remembered."""


class MainScreen(Screen[None]):
    """List, reader and sidebar; handles the widgets' messages and owns the navigation history."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-normal"), (150, "-wide")]

    BINDINGS = [
        Binding(
            "n",
            "next_mention",
            "Next",
            tooltip="Next mention of the fact across the corpus",
            id="mention.next",
        ),
        Binding(
            "N",
            "previous_mention",
            "Prev",
            tooltip="Previous mention across the corpus",
            show=False,
            id="mention.previous",
        ),
        Binding(
            "backspace",
            "back",
            "Back",
            tooltip="Back to where you were before a jump",
            id="history.back",
        ),
        Binding(
            "alt+right",
            "forward",
            "Forward",
            tooltip="Forward again after going back",
            show=False,
            id="history.forward",
        ),
        Binding(
            "slash",
            "search",
            "Search",
            tooltip="Search names, figures, titles and text",
            id="search",
        ),
        Binding(
            "f",
            "filter_facts",
            "Filter facts",
            tooltip="Filter the fact sidebar",
            show=False,
            id="facts.filter",
        ),
        Binding(
            "o",
            "cycle_sort",
            "Sort",
            tooltip="Sort the list by date, outlet or title",
            show=False,
            id="list.sort",
        ),
        Binding(
            "b",
            "toggle_boilerplate",
            "Boilerplate",
            tooltip="Hide or show boilerplate (credits, links)",
            show=False,
            id="reader.boilerplate",
        ),
        Binding(
            "backslash",
            "toggle_sidebar",
            "Sidebar",
            tooltip="Hide or show the fact sidebar",
            show=False,
            id="facts.toggle",
        ),
        Binding(
            "p",
            "problems",
            "Problems",
            tooltip="Files that could not be read",
            show=False,
            id="problems",
        ),
        Binding(
            "F",
            "figure_board",
            "Figures",
            tooltip="Figure board: values, spread and sources",
            id="board.figures",
        ),
        Binding(
            "L",
            "naming_board",
            "Naming",
            tooltip="Naming board: how each outlet names it",
            show=False,
            id="board.naming",
        ),
        Binding(
            "C",
            "coverage",
            "Coverage",
            tooltip="Coverage: which outlets report which fact",
            show=False,
            id="board.coverage",
        ),
        Binding(
            "Q",
            "quote_board",
            "Quotes",
            tooltip="Quote board: statements several outlets quote, and how their words differ",
            show=False,
            id="board.quotes",
        ),
        Binding(
            "S",
            "stories",
            "Stories",
            tooltip="Stories: the reports of one event each; enter reads one story alone",
            id="stories",
        ),
        Binding(
            "ctrl+r",
            "reload",
            "Reload",
            tooltip="Read the index again (after another seedread rebuilt it)",
            show=False,
            id="reload",
        ),
        Binding(
            "M",
            "move_to_story",
            "Move to story",
            tooltip="Move the article to another story (saved in seedread.yaml)",
            show=False,
            id="stories.move",
        ),
        Binding(
            "A",
            "all_stories",
            "All stories",
            tooltip="Every story again, after reading one alone",
            show=False,
            id="stories.all",
        ),
        Binding(
            "d",
            "fact_mentions",
            "Mentions",
            tooltip="Every mention of the chosen fact across the corpus (works with the"
            " sidebar hidden)",
            show=False,
            id="facts.mentions",
        ),
        Binding(
            "O",
            "open_url",
            "Open URL",
            tooltip="Open the article's original address in the browser",
            show=False,
            id="article.open_url",
        ),
        Binding(
            "y",
            "copy_citation",
            "Cite",
            tooltip="Copy a citation of the mention (or the article): quote, outlet, date, URL",
            show=False,
            id="article.cite",
        ),
        Binding(
            "question_mark",
            "help",
            "Help",
            tooltip="Help: keys and marking legend",
            id="help",
        ),
    ]

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

    # -- layout

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        with Vertical(id="loading"):
            yield Label("Opening the corpus…", id="loading-stage")
            with Center():
                yield ProgressBar(id="loading-bar", show_eta=False)
            yield Label("", id="loading-rate")
        with Horizontal(id="panes"):
            yield ArticleList(id="articles")
            yield ReadingPane(id="reader")
            with Vertical(id="facts"):
                yield Input(placeholder="filter facts…", id="fact-filter")
                yield FactSidebar(id="fact-list")
                yield FactDetail(id="fact-detail")
        yield SteadyFooter()

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

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        blurred = self.focused
        super().set_focus(widget, scroll_visible=scroll_visible, from_app_focus=from_app_focus)
        if self.focused is not blurred:
            # `:focus` styles follow `has_focus`, which Textual sets only when the Focus and
            # Blur events arrive: often after the next frame, which then shows the old focus
            # and is drawn again. Set now (the events then change nothing), so the frame that
            # shows the key's answer also shows where the focus went.
            if blurred is not None:
                blurred.has_focus = False
            if self.focused is not None:
                self.focused.has_focus = True
            column = self.query_one("#facts")
            inside = self.focused is not None and column in self.focused.ancestors
            if column.has_class("-focus-inside") != inside:
                column.set_class(inside, "-focus-inside")
            if self.focused is self.sidebar:
                self._read_ahead()
        for footer in self.query(SteadyFooter):
            footer.update_keys()

    def on_mount(self) -> None:
        # The panes are laid out (empty) from the start and keep the list focused, so a warm
        # cache only fills them in: no second layout of the screen, no footer rebuilt.
        self._update_status()
        # The sidebar's cursor marks its fact in the text in the same frame as it moves (a
        # message from the sidebar would arrive after it is drawn: a second frame).
        self.watch(self.sidebar, "cursor", self._sidebar_moved, init=False)
        self.set_interval(REPLACED_CHECK, self._check_replaced)
        if isinstance(self.source, FactIndex):
            self.post_message(IndexLoaded(self.source, None))
        else:
            self.set_timer(LOADING_DELAY, self._show_loading)
            self.load_index(Path(self.source), self.list_order, FIRST_PAGE)

    def _show_loading(self) -> None:
        """Show the loading stage in place of the panes while the index is opened or built."""
        if self.index is None:
            self.query_one("#panes").display = False
            self.query_one("#loading").display = True

    def on_unmount(self) -> None:
        self._cancel.set()

    # -- loading

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
        source = self.source
        path = source.root if isinstance(source, FactIndex) else Path(source)
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
        source = self.source
        path = source.root if isinstance(source, FactIndex) else Path(source)

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

    def on_index_loaded(self, event: IndexLoaded) -> None:
        index = self.index = event.index
        if self._progress_timer is not None:
            self._progress_timer.stop()
            self._progress_timer = None
        self._progress = None
        index.prefetch()
        self._corpus_key = corpus_key(index.root)
        self._walks.clear()
        self.board_cache.clear()
        rows = event.rows
        if self.story_filter is not None and not index.has_story(self.story_filter):
            # Stories are found anew when the corpus changes: this one is gone.
            self.set_reactive(MainScreen.story_filter, None)
            self.notify("The story shown before is no longer there: every article is listed.")
        if rows is None or rows.order != self.list_order or rows.story != self.story_filter:
            rows = ArticleRows.fetch(index, self.list_order, story=self.story_filter)
        read: list[str] = getattr(self.app, "read_marks", lambda key: [])(self._corpus_key)
        # Marks of articles no longer in the corpus are dropped once the whole list is known.
        self.articles.read = {a for a in read if a in rows.positions or not rows.complete}
        keep = self.articles.highlighted.id if self.articles.highlighted else None
        self.articles.set_rows(rows, keep=keep if self._restore else None)
        if not rows.complete:
            # Started once the first screenful is painted, so as not to slow that paint down.
            self.call_after_refresh(self.list_all, index, rows.order, rows.story)
        else:
            self._settle_heap()
        loading = self.query_one("#loading")
        if loading.display:
            loading.display = False
            self.query_one("#panes").display = True
        self._update_status()
        if self._restore is not None:
            self._restore_after_reindex(*self._restore)
            self._restore = None
            return
        if rows.rows:
            self._show_article(rows.rows[0].id)
        self.articles.focus()
        if index.problems:
            count = len(index.problems)
            self.notify(
                # A problem is a file or a record, skipped or read with a loss.
                f"{count} problem{'s' * (count != 1)} reading the corpus: press p to see them.",
                severity="warning",
            )

    def on_articles_listed(self, event: ArticlesListed) -> None:
        rows = event.rows
        if (
            self.index is None
            or rows.order != self.list_order
            or rows.story != self.story_filter
            or self.articles.complete
        ):
            return  # sorted or narrowed anew meanwhile: that fetched every article already
        keep = self.articles.highlighted.id if self.articles.highlighted else None
        self.articles.read.intersection_update(rows.positions)
        self.articles.set_rows(rows, keep=keep)
        self._walks.clear()  # made from the first articles only
        self._update_status()
        self._settle_heap()

    def _settle_heap(self) -> None:
        """Once every article is listed: clear the collector's way, then build the search's
        lookups in the background, so that `/` answers from the first letter."""
        settle = getattr(self.app, "settle_heap", None)
        if settle is not None:
            self.set_timer(0.2, settle)  # once the screen is painted
        self.set_timer(0.5, self.build_search_lookups)

    @work(thread=True, exclusive=True, group="search-prepare")
    def build_search_lookups(self) -> None:
        if self.index is not None:
            prepare_search(self.app, self.index)

    # -- status

    def _update_status(self) -> None:
        status = self.query_one("#status", Static)
        index = self.index
        if index is None:
            status.update(Content.assemble(("seedread", "bold"), " · loading…"))
            return
        count = self.articles.total
        narrow = self.has_class("-narrow")
        parts: list[str | tuple[str, str]] = []
        if not narrow:  # 80 columns keep what changes as you read
            parts += [("seedread", "bold"), " · "]
        unread = max(count - len(self.articles.read), 0)
        parts.append((make_printable(index.name), "bold $text-accent"))
        if not narrow:
            parts += [f" · {count:,} article{'s' * (count != 1)}", f" · {unread:,} unread"]
        if self.sidebar_hidden:
            # Said, not silent: n, N and d act on a fact that is then nowhere else on screen.
            parts += [" · ", ("sidebar hidden (\\)", "bold $text-warning")]
            if self.current_fact is not None:
                label = make_printable(index.fact_label(self.current_fact)[0])
                parts += [
                    (" · fact: ", "$text-muted"),
                    (label[:40], "bold $text-accent"),
                    (" (n · d)" if narrow else " (n next · d mentions)", "$text-muted"),
                ]
        if narrow:  # after the fact: 80 columns cut the line's end
            parts.append(f" · {unread:,}/{count:,} unread")
        parts.append(f" · sorted by {self.list_order}")
        if self.story_filter is not None and index.has_story(self.story_filter):
            story = index.story(self.story_filter)
            parts += [
                " · ",
                ("story: ", "$text-muted"),
                (make_printable(story.title[:48]), "bold $text-accent"),
                (f" ({len(story.articles)}) · A all stories", "$text-muted"),
            ]
        problems = len(index.problems)
        if problems:
            parts += [
                " · ",
                (f"⚠ {problems} problem{'s' * (problems != 1)} (p)", "bold $text-warning"),
            ]
        status.update(Content.assemble(*parts))

    # -- showing things

    def _show_article(self, article_id: str, force: bool = False) -> None:
        """Put an article in the reading pane and its facts in the sidebar."""
        index = self.index
        if index is None:
            return
        if force or self.reader.article_id != article_id:
            article = index.article(article_id)
            summary = self.articles.summary(article_id)
            words = summary.words if summary else len(article.text.split())
            if len(article.text) > BIG_TEXT:
                # A huge article has hundreds of thousands of marks: show its text now and
                # mark it when a thread has fetched them, so keys keep answering meanwhile.
                self.reader.show(article, [], words)
                self.load_marks(article_id)
            else:
                self.reader.show(article, index.marks_in(article_id), words)
            facts = index.facts_in(article_id)
            # Which figures disagree and which quotes differ was decided at indexing: a lookup.
            differs = index.differing_groups(f.id for f in facts if f.is_figure or f.is_quote)
            self.sidebar.set_facts(facts, differs, keep=self.current_fact, article_id=article_id)
            self.current_fact = self.sidebar.fact_id  # the cursor may be on a new fact
        self.articles.current_id = article_id
        self.articles.move_to(article_id)
        if article_id not in self.articles.read:
            self.articles.mark_read(article_id)
            save = getattr(self.app, "save_read_marks", None)
            if save is not None:
                save(self._corpus_key, sorted(self.articles.read))
            self._update_status()

    @work(thread=True, exclusive=True, group="marks")
    def load_marks(self, article_id: str) -> None:
        """Fetch a huge article's marks off the UI thread, then hand them to the reader."""
        assert self.index is not None
        marks = self.index.marks_in(article_id)  # already ordered by offset
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._marks_ready, article_id, marks)

    def _marks_ready(self, article_id: str, marks: list[Mark]) -> None:
        if self.reader.article_id == article_id:
            self.reader.set_marks(marks)

    def here(self) -> Location | None:
        """Where the reader is now."""
        reader = self.reader
        if reader.article_id is None:
            return None
        if reader.focused is not None:
            return Location(reader.article_id, *reader.focused, fact=self.current_fact)
        return Location(reader.article_id, reader.top_offset, None, self.current_fact)

    def go(self, where: Location, record: bool = True) -> None:
        """Show a location; with `record`, remember the current one for backspace."""
        if record:
            self.history.record(self.here(), where)
        self._show_article(where.article)
        if where.fact is not None and self.sidebar.select_fact(where.fact):
            self.current_fact = where.fact
        if where.start is not None and where.end is not None:
            self.reader.focus_span(where.start, where.end)
        else:
            self.reader.focused = None
            if where.start is not None:
                self.reader.scroll_to_offset(where.start, center=False)
            else:
                self.reader.action_top()

    # -- messages from the widgets

    def on_article_highlighted(self, event: ArticleHighlighted) -> None:
        event.stop()

    def on_open_article(self, event: OpenArticle) -> None:
        event.stop()
        if event.article_id != self.reader.article_id:
            self.go(Location(event.article_id))
        # At once rather than after this message, so the new focus is drawn in the same frame.
        self.set_focus(self.reader)

    def _sidebar_moved(self) -> None:
        if self.sidebar.display:
            self.current_fact = self.sidebar.fact_id
            if self.focused is self.sidebar:  # not when a new article refills it
                self._read_ahead()

    def _read_ahead(self) -> None:
        """Start reading the detail of the fact under the sidebar's cursor."""
        fact = self.sidebar.fact_id
        if fact is not None and self.index is not None:
            self.prefetch_detail(self.index, fact, self.detail.panel_width(), self._story_here())

    @work(thread=True, exclusive=True, group="detail-prefetch")
    def prefetch_detail(
        self, index: FactIndex, fact_id: str, width: int, story: str | None
    ) -> None:
        """Read the detail of the fact under the sidebar's cursor while the reader looks at
        it: enter then only lays it out (its queries are most of choosing a fact)."""
        view = load_fact_view(index, fact_id, width, story)
        if get_current_worker().is_cancelled:
            return
        self._prefetched = (index, width, view)
        # And its walk: n right after enter then steps at once (a common name's articles,
        # by list position, take 10-60 ms to gather).
        key = self._walk_key(fact_id)
        if self.articles.complete and key not in self._walks:
            walk = MentionWalk(index, fact_id, self.articles.positions)
            current = index is self.index and key == self._walk_key(fact_id)
            if current and not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._keep_walk, key, walk)

    def watch_current_fact(self, fact_id: str | None) -> None:
        self.reader.selected_fact = fact_id
        if self.sidebar_hidden:
            self._update_status()  # it names the chosen fact then

    def on_fact_selected(self, event: FactSelected) -> None:
        event.stop()
        self.current_fact = event.fact_id
        self.open_detail(event.fact_id)

    def open_detail(self, fact_id: str) -> None:
        """Show a fact's mentions across the corpus in place of the fact list."""
        if self.index is None:
            return
        here = self.here()
        current = (here.article, here.start or 0) if here else None
        self.sidebar.display = False
        self.query_one("#fact-filter").display = False
        self.detail.display = True
        # Read ahead as the sidebar's cursor came onto it, else now (a few ms, even for a name
        # mentioned 30,000 times): either way it is drawn in one frame.
        width = self.detail.panel_width()
        story = self._story_here()
        ready = self._prefetched
        if (
            ready is not None
            and ready[:2] == (self.index, width)
            and (ready[2].fact_id, ready[2].story) == (fact_id, story)
        ):
            view = ready[2]
        else:
            view = load_fact_view(self.index, fact_id, width, story)
        self.detail.show_view(view, current)
        self.detail.focus_mentions()

    def on_detail_closed(self, event: DetailClosed) -> None:
        event.stop()
        self.close_detail()

    def close_detail(self) -> None:
        """Back from the detail panel to the fact list."""
        self.detail.display = False
        self.sidebar.display = True
        self.query_one("#fact-filter").display = bool(self.sidebar.filter_text)
        self.sidebar.focus()

    def on_mention_chosen(self, event: MentionChosen) -> None:
        event.stop()
        self.post_message(JumpToMention(event.article_id, event.start, event.end, event.fact_id))

    def on_jump_to_mention(self, event: JumpToMention) -> None:
        event.stop()
        self.go(Location(event.article_id, event.start, event.end, event.fact_id))

    @on(Input.Changed, "#fact-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.sidebar.filter_text = event.value

    @on(Input.Submitted, "#fact-filter")
    def _filter_done(self) -> None:
        self.sidebar.focus()

    # -- actions

    def action_next_mention(self) -> None:
        self._step_mention(1)

    def action_previous_mention(self) -> None:
        self._step_mention(-1)

    def _walk(self, fact_id: str) -> MentionWalk:
        """A fact's walk in the list's current order (made again once the whole list is in)."""
        key = self._walk_key(fact_id)
        walk = self._walks.get(key)
        if walk is None:
            assert self.index is not None
            walk = MentionWalk(self.index, fact_id, self.articles.positions)
            if self.articles.complete:
                self._keep_walk(key, walk)
        return walk

    def _story_here(self) -> str | None:
        """The story of the article in the reading pane."""
        article = self.reader.article_id
        row = self.articles.summary(article) if article is not None else None
        return row.story if row is not None else None

    def _walk_key(self, fact_id: str) -> tuple[str, str, str]:
        """What a fact's walk depends on: the fact, the list's order and its story."""
        return (fact_id, self.list_order, self.story_filter or "")

    def _keep_walk(self, key: tuple[str, str, str], walk: MentionWalk) -> None:
        """Remember a walk; the oldest go beyond WALKS_KEPT (a common name's holds 10k+ ids)."""
        self._walks[key] = walk
        while len(self._walks) > WALKS_KEPT:
            self._walks.pop(next(iter(self._walks)))

    def _step_mention(self, direction: int) -> None:
        fact = self.current_fact
        if self.index is None or self.reader.article_id is None:
            return
        if fact is None:
            self.notify(self._no_fact_hint())
            return
        article = self.reader.article_id
        here = self.articles.position(article) or 0
        focused = self.reader.focused
        if focused is not None:
            row, wrapped = self._walk(fact).step(article, here, focused[0], direction, False)
        else:  # from the first line in view (a mention there counts going forward)
            top = self.reader.top_offset or 0
            row, wrapped = self._walk(fact).step(article, here, top, direction, direction > 0)
        if row is None:
            return
        if wrapped:
            label = self.index.fact_label(fact)[0]
            where = "first" if direction > 0 else "last"
            self.notify(f"Wrapped round to the {where} mention of {label}.", timeout=2)
        crossing = row.article != self.reader.article_id
        self.go(Location(row.article, row.start, row.end, fact), record=crossing)
        if self.detail.display:
            self.detail.query_one("#detail-mentions", MentionList).move_to(row.article, row.start)

    def action_back(self) -> None:
        target = self.history.go_back(self.here())
        if target is None:
            self.notify("Nothing to go back to.", timeout=2)
            return
        self.go(target, record=False)

    def action_forward(self) -> None:
        target = self.history.go_forward(self.here())
        if target is None:
            self.notify("Nothing to go forward to.", timeout=2)
            return
        self.go(target, record=False)

    def action_cycle_sort(self) -> None:
        order = SORT_ORDERS[(SORT_ORDERS.index(self.list_order) + 1) % len(SORT_ORDERS)]
        self.list_order = order

    def watch_list_order(self, order: str) -> None:
        if self.index is None:
            return
        keep = self.articles.highlighted.id if self.articles.highlighted else None
        self.articles.set_rows(
            ArticleRows.fetch(self.index, order, story=self.story_filter), keep=keep
        )
        self._update_status()

    def watch_story_filter(self, story: str | None) -> None:
        if self.index is None:
            return
        rows = ArticleRows.fetch(self.index, self.list_order, story=story)
        current = self.reader.article_id
        keep = current if current in rows.positions else None
        self.articles.set_rows(rows, keep=keep)
        self._walks.clear()
        if keep is None and rows.rows:
            self.go(Location(rows.rows[0].id))
        self._update_status()

    def action_stories(self) -> None:
        """Open the stories view; enter there narrows the reader to one story."""
        if self.index is None:
            return
        from widgets.stories_screen import StoriesScreen

        self._open_board(StoriesScreen(self.index, self.board_cache, self.story_filter))

    def action_all_stories(self) -> None:
        """List every article again after narrowing to one story."""
        if self.story_filter is None:
            self.notify("Every story is listed already (S chooses one).", timeout=2)
            return
        self.story_filter = None
        self.notify("Every story is listed again.", timeout=2)

    def action_move_to_story(self) -> None:
        """Choose, in the stories view, the story the open article belongs to."""
        if self.index is None or self.reader.article_id is None:
            return
        from widgets.stories_screen import StoriesScreen

        article = self.index.summary(self.reader.article_id)
        screen = StoriesScreen(
            self.index, self.board_cache, article.story, move=(article.id, article.title)
        )
        self._open_board(screen)

    def on_story_curation_requested(self, event: StoryCurationRequested) -> None:
        event.stop()
        if event.action == "merge" and event.target is not None:
            self.apply_curation(
                partial(merge_stories, article=event.article, other=event.target),
                event.label,
                None,
            )
        elif event.action == "move":
            self.apply_curation(
                partial(move_to_story, article=event.article, target=event.target),
                event.label,
                None,
            )

    def on_narrow_to_story(self, event: NarrowToStory) -> None:
        event.stop()
        if event.story is None:
            self.action_all_stories()
        else:
            self.narrow_to_story(event.story)

    def narrow_to_story(self, story: str) -> None:
        """List one story's articles only (and step through its mentions only)."""
        self.story_filter = story
        self.articles.focus()

    def action_toggle_boilerplate(self) -> None:
        reader = self.reader
        reader.hide_boilerplate = not reader.hide_boilerplate
        state = "hidden" if reader.hide_boilerplate else "shown (dimmed, ┆ in the gutter)"
        self.notify(f"Boilerplate lines {state}.", timeout=2)

    @property
    def sidebar_hidden(self) -> bool:
        """Whether the fact sidebar is off screen (a narrow terminal, or hidden with `\\`)."""
        if self.has_class("-narrow"):
            return not self.has_class("-show-facts")
        return self.has_class("-hide-facts")

    def show_sidebar(self, shown: bool = True) -> None:
        """Show (or hide) the fact sidebar, whatever the terminal's width."""
        self.set_class(not shown, "-hide-facts")
        self.set_class(shown, "-show-facts")
        if shown and self.has_class("-narrow") and self.focused is self.articles:
            # A narrow terminal shows the sidebar in place of the list (the reader keeps
            # its width): the focus goes where the eyes go.
            if self.sidebar.display:
                self.sidebar.focus()
            else:
                self.detail.focus_mentions()
        elif not shown and self.focused is not None and self.focused is not self.articles:
            if self.query_one("#facts") in self.focused.ancestors:
                self.reader.focus()
        self._update_status()

    def on_resize(self) -> None:
        # The breakpoint classes (-narrow, -wide) have just been set: the status line says
        # whether that hid the sidebar.
        self._update_status()

    def action_toggle_sidebar(self) -> None:
        self.show_sidebar(self.sidebar_hidden)

    def action_fact_mentions(self) -> None:
        """The chosen fact's mentions: in the sidebar when it is shown, else in an overlay."""
        fact = self.current_fact
        if self.index is None:
            return
        if fact is None:
            self.notify(self._no_fact_hint(), timeout=4)
            return
        if not self.sidebar_hidden:
            self.open_detail(fact)
            return
        from widgets.mentions_screen import MentionsScreen

        view = load_fact_view(self.index, fact, 60)
        entries = [
            MentionEntry(
                row.article,
                row.start,
                row.end,
                Content.assemble(
                    (place.outlet, "bold"),
                    (f" · {place.date} · ", "$text-muted"),
                    (f"“{make_printable(row.text)}”", "bold"),
                ),
            )
            for row, place in zip(view.rows, view.places, strict=True)
        ]
        more = f" (the first {len(entries):,})" if len(entries) < view.total else ""
        mentions = f"{view.total:,} mention{'s' * (view.total != 1)}"
        articles = f"{view.articles:,} article{'s' * (view.articles != 1)}"
        title = Content.assemble(
            (make_printable(view.label), "bold reverse"),
            f"  {mentions} in {articles}{more}",
        )

        def jumped(jump: JumpToMention | None) -> None:
            if jump is not None:
                self.post_message(jump)
                self.reader.focus()

        self.app.push_screen(MentionsScreen(self.index, fact, title, entries), jumped)

    def _no_fact_hint(self) -> str:
        """What to do to choose a fact, said for where the sidebar is."""
        if self.sidebar_hidden:
            return "No name or figure chosen: press \\ to show the sidebar and choose one there."
        return "Choose a name or figure in the sidebar first (tab to it)."

    def action_filter_facts(self) -> None:
        self.show_sidebar()
        if self.detail.display:
            self.close_detail()
        field = self.query_one("#fact-filter", Input)
        field.display = True
        field.focus()

    def action_search(self) -> None:
        if self.index is None:
            return
        from widgets.search_screen import SearchScreen

        def chosen(choice: tuple[SearchHit, str] | None) -> None:
            if choice is None:
                return
            if choice[0].target.startswith("a:"):
                self.open_search_hit(*choice)
            else:
                self.action_go_to_fact(choice[0].target)  # orders its mentions in a worker

        self.app.push_screen(SearchScreen(self.index), chosen)

    def open_search_hit(self, hit: SearchHit, query: str = "") -> None:
        """Go to what a search result points at: an article at a text match, or a fact."""
        if self.index is None:
            return
        if hit.target.startswith("a:"):
            article = hit.target[2:]
            if hit.start is not None:
                self.go(Location(article, hit.start, hit.start + max(len(query.strip()), 1)))
            else:
                self.go(Location(article))
            self.reader.focus()
            return
        fact = hit.target
        row = self._walk(fact).first(prefer=self.reader.article_id)
        if row is None:
            self.notify("No article mentions that any more.")
            return
        self.go(Location(row.article, row.start, row.end, fact))
        self.current_fact = fact
        self.show_sidebar()
        self.open_detail(fact)

    def action_open_url(self) -> None:
        """Open the article's original address in the browser, or say it has none."""
        if self.index is None or self.reader.article_id is None:
            return
        url = self.index.article(self.reader.article_id).url
        if not url:
            self.notify("This article has no URL: its source gave none.", timeout=3)
            return
        self.app.open_url(url)
        # markup=False: the address is the corpus' text, not markup.
        self.notify(f"Opening {make_printable(url)}", timeout=3, markup=False)

    def action_copy_citation(self) -> None:
        """Copy a citation of a mention's sentence: the one under the cursor of the fact's
        mention list when it has the focus, else the one jumped to in the reader (▶); without
        either, of the whole article."""
        if self.index is None or self.reader.article_id is None:
            return
        article_id, span = self.reader.article_id, self.reader.focused
        listing = self.focused
        if isinstance(listing, MentionList) and listing.rows:
            row = listing.rows[listing.cursor]
            article_id, span = row.article, (row.start, row.end)
        article = self.index.article(article_id)
        citation = cite(article, span)
        self.app.copy_to_clipboard(str(citation))
        what = "the mention's sentence" if citation.offset is not None else "the article"
        quoted = citation.quoted if len(citation.quoted) <= 120 else citation.quoted[:118] + "…”"
        self.notify(
            f"Copied a citation of {what}:\n{quoted}\n{citation.source}",
            title="Citation copied",
            timeout=5,
            markup=False,  # article text, not markup
        )

    def action_problems(self) -> None:
        if self.index is None:
            return
        if not self.index.problems:
            self.notify("No problems: every file was read.", timeout=2)
            return
        from widgets.problems_screen import ProblemsScreen

        self.app.push_screen(ProblemsScreen(self.index.problems))

    def action_help(self) -> None:
        from widgets.help_screen import HelpScreen, help_sections

        self.app.push_screen(HelpScreen(help_sections(self.app.BINDINGS, self.BINDINGS)))

    def action_go_to_article(self, article_id: str) -> None:
        """Open an article (used by the command palette)."""
        if self.index is not None and self.articles.position(article_id) is not None:
            self.go(Location(article_id))
            self.reader.focus()

    def action_go_to_fact(self, fact_id: str) -> None:
        """Open a fact's first mention and its detail (the palette, the coverage grid)."""
        self.open_search_hit(SearchHit(fact_id, "", "", 100.0))

    # -- boards

    def _open_board(self, screen: Screen[Message | None]) -> None:
        """Push a board; what it is dismissed with (a jump, a fact to open) is acted on here."""

        def done(request: Message | None) -> None:
            if request is not None:
                self.post_message(request)

        self.app.push_screen(screen, done)

    def action_figure_board(self) -> None:
        if self.index is None:
            return
        from widgets.figure_board import FigureBoardScreen

        self._open_board(FigureBoardScreen(self.index, self.board_cache, self.story_filter))

    def action_quote_board(self) -> None:
        if self.index is None:
            return
        from widgets.quote_board import QuoteBoardScreen

        self._open_board(QuoteBoardScreen(self.index, self.board_cache, self.story_filter))

    def action_naming_board(self) -> None:
        if self.index is None:
            return
        from widgets.naming_board import NamingBoardScreen

        fact = self.current_fact
        if fact is not None and fact.startswith("e:"):
            self._open_board(NamingBoardScreen(self.index, fact, self.board_cache))
            return
        from widgets.search_screen import EntityChooser

        def chosen(choice: tuple[SearchHit, str] | None) -> None:
            if choice is not None and self.index is not None:
                board = NamingBoardScreen(self.index, choice[0].target, self.board_cache)
                self._open_board(board)

        self.app.push_screen(EntityChooser(self.index), chosen)

    def action_coverage(self) -> None:
        if self.index is None:
            return
        from widgets.coverage_screen import CoverageScreen

        self._open_board(CoverageScreen(self.index, self.board_cache))

    def on_open_fact(self, event: OpenFact) -> None:
        event.stop()
        self.action_go_to_fact(event.fact_id)

    # -- curation

    def on_curation_requested(self, event: CurationRequested) -> None:
        event.stop()
        if self.index is None:
            return
        if not event.fact_id.startswith("e:"):
            self.notify("Merge, split, rename and ignore work on names, not figures.", timeout=3)
            return
        from widgets.curation_dialogs import ask

        ask(event.action, self.app, self.index, event.fact_id, self.apply_curation)

    @work(thread=True, exclusive=True, group="curation")
    def apply_curation(
        self, edit: Callable[[Config], Config], message: str, keep: str | None
    ) -> None:
        """Write a decision to the corpus' seedread.yaml, then re-index (only relinking)."""
        index = self.index
        assert index is not None
        path = config_path(index.root)
        try:
            before = path.read_text(encoding="utf-8") if path.exists() else None
            save_config(edit(load_corpus_config(index.root)), path)
            self._undo.append((path, before, message))
        except (OSError, ConfigError, ValueError) as error:
            self.app.call_from_thread(
                self.notify,
                f"Could not write {path}: {error}",
                title="Decision not saved",
                severity="error",
                timeout=8,
            )
            return
        self.app.call_from_thread(self._reindex, message, keep)

    def action_undo_curation(self) -> None:
        """Put back the seedread.yaml from before the last decision, and re-index."""
        if self.index is None:
            return
        if not self._undo:
            self.notify("Nothing to undo: no decision was made since seedread opened.", timeout=3)
            return
        path, before, message = self._undo.pop()
        try:
            if before is None:
                path.unlink(missing_ok=True)  # there was none before the decision
            else:
                write_atomic(path, before)
        except OSError as error:
            self._undo.append((path, before, message))
            self.notify(
                f"Could not write {path}: {error.strerror or error}",
                title="Not undone",
                severity="error",
                timeout=8,
            )
            return
        self._reindex(f"Undone: {message}", None)

    def _reindex(self, message: str, keep: str | None) -> None:
        """Rebuild the index after a decision, then come back to the same place."""
        focus_sidebar = self.focused is self.sidebar
        self._restore = (self.here(), keep, message, focus_sidebar)
        source = self.source
        path = source.root if isinstance(source, FactIndex) else Path(source)
        self.query_one("#status", Static).update(
            Content.assemble(("seedread", "bold"), " · applying: ", message, "…")
        )
        self.load_index(path, self.list_order, story=self.story_filter)

    def _restore_after_reindex(
        self, where: Location | None, keep: str | None, message: str, focus_sidebar: bool
    ) -> None:
        """Same article and place as before; the sidebar on the entity that resulted."""
        if where is not None and self.articles.position(where.article) is not None:
            self._show_article(where.article, force=True)
            if where.start is not None and where.end is not None:
                self.reader.focus_span(where.start, where.end)
            elif where.start is not None:
                self.reader.scroll_to_offset(where.start, center=False)
        elif self.articles.rows:
            self._show_article(self.articles.rows[0].id, force=True)
        if keep is not None:
            wanted = keep.casefold()
            fact = next((f.id for f in self.sidebar.facts if f.label.casefold() == wanted), None)
            if fact is not None and self.sidebar.select_fact(fact):
                self.current_fact = fact
        (self.sidebar if focus_sidebar else self.articles).focus()
        self.notify(message, title="Applied", timeout=6)

    # -- export

    def action_export_factsheet(self) -> None:
        """Ask where to write the Markdown fact sheet, then write it."""
        if self.index is None:
            return
        from widgets.prompts import InputPrompt

        default = Path.cwd() / f"{self.index.name}-factsheet.md"

        def chosen(answer: str | None) -> None:
            if answer and answer.strip():
                self.export_factsheet(Path(answer.strip()).expanduser())

        self.app.push_screen(
            InputPrompt(
                "Export fact sheet (Markdown) to:",
                str(default),
                "figures per outlet with spread and sources, names and their spellings",
            ),
            chosen,
        )

    @work(thread=True, exclusive=True, group="export")
    def export_factsheet(self, path: Path) -> None:
        """Write the fact sheet off the UI thread, atomically (a temp file, then a rename)."""
        assert self.index is not None
        out = io.StringIO()
        try:
            WRITERS["md"](self.index, out)
            write_atomic(path, out.getvalue())
        except OSError as error:
            self.app.call_from_thread(
                self.notify,
                f"Could not write {path}: {error.strerror or error}",
                title="Fact sheet not written",
                severity="error",
                timeout=8,
            )
            return
        self.app.call_from_thread(self.notify, f"Fact sheet written to {path}", timeout=6)
