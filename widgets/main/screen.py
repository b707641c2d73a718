"""The main screen: article list, reading pane and fact sidebar, and how they answer keys."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, ProgressBar, Static
from textual.worker import get_current_worker

from reader.models import Mark, SearchHit
from reader.navigation import Location, MentionWalk
from reader.store import FactIndex
from reader.store.cache import corpus_key
from reader.text import make_printable
from widgets.article_list import SORT_ORDERS, ArticleList
from widgets.article_rows import ArticleRows
from widgets.fact_detail import FactDetail, MentionList, load_fact_view
from widgets.fact_sidebar import FactSidebar
from widgets.main.decisions import Decisions
from widgets.main.keys import MAIN_KEYS
from widgets.main.loading import REPLACED_CHECK, IndexLoading
from widgets.main.overlays import Overlays
from widgets.messages import (
    ArticleHighlighted,
    ArticlesListed,
    DetailClosed,
    FactSelected,
    IndexLoaded,
    JumpToMention,
    MentionChosen,
    NarrowToStory,
    OpenArticle,
    OpenFact,
)
from widgets.reading_pane import BIG_TEXT, ReadingPane
from widgets.steady_footer import SteadyFooter

FIRST_PAGE = 100
"""Articles fetched for the first paint; the rest follow right after it."""
LOADING_DELAY = 0.3
"""Seconds before "Opening the corpus…" shows: a warm cache opens sooner, and painting a
screen it replaces at once would only slow it down."""


WALKS_KEPT = 64
"""Facts whose mention walks are remembered."""


class MainScreen(IndexLoading, Decisions, Overlays):
    """List, reader and sidebar; handles the widgets' messages and owns the navigation history.

    What it delegates: loading the index (`IndexLoading`), the reader's decisions written to
    seedread.yaml (`Decisions`), the boards and dialogs it opens (`Overlays`); its state is
    `MainBase`'s and its keys are `MAIN_KEYS`."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-normal"), (150, "-wide")]

    BINDINGS = MAIN_KEYS

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

    def on_unmount(self) -> None:
        self._cancel.set()

    # -- loading

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

    def action_all_stories(self) -> None:
        """List every article again after narrowing to one story."""
        if self.story_filter is None:
            self.notify("Every story is listed already (S chooses one).", timeout=2)
            return
        self.story_filter = None
        self.notify("Every story is listed again.", timeout=2)

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

    def action_go_to_article(self, article_id: str) -> None:
        """Open an article (used by the command palette)."""
        if self.index is not None and self.articles.position(article_id) is not None:
            self.go(Location(article_id))
            self.reader.focus()

    def action_go_to_fact(self, fact_id: str) -> None:
        """Open a fact's first mention and its detail (the palette, the coverage grid)."""
        self.open_search_hit(SearchHit(fact_id, "", "", 100.0))

    # -- boards

    def on_open_fact(self, event: OpenFact) -> None:
        event.stop()
        self.action_go_to_fact(event.fact_id)

    # -- curation

    # -- export
