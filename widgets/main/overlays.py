"""What the main screen opens over itself: the boards, search, the stories view, a fact's
mentions, problems, help; and what it hands outside: the fact sheet, a URL, a citation."""

from __future__ import annotations

import io
from pathlib import Path

from textual import work
from textual.content import Content
from textual.message import Message
from textual.screen import Screen

from reader.citation import cite
from reader.export import WRITERS
from reader.models import SearchHit
from reader.store.cache import write_atomic
from reader.text import make_printable
from widgets.fact_detail import MentionList, load_fact_view
from widgets.main.base import MainBase
from widgets.mentions_screen import MentionEntry
from widgets.messages import (
    JumpToMention,
)


class Overlays(MainBase):
    """Opens boards and dialogs, and acts on what they are dismissed with."""

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

    def _open_board(self, screen: Screen[Message | None]) -> None:
        """Push a board; what it is dismissed with (a jump, a fact to open) is acted on here."""

        def done(request: Message | None) -> None:
            if request is not None:
                self.post_message(request)

        self.app.push_screen(screen, done)

    def action_figure_board(self) -> None:
        if self.index is None:
            return
        from widgets.boards.figures import FigureBoardScreen

        self._open_board(FigureBoardScreen(self.index, self.board_cache, self.story_filter))

    def action_quote_board(self) -> None:
        if self.index is None:
            return
        from widgets.boards.quotes import QuoteBoardScreen

        self._open_board(QuoteBoardScreen(self.index, self.board_cache, self.story_filter))

    def action_naming_board(self) -> None:
        if self.index is None:
            return
        from widgets.boards.naming import NamingBoardScreen

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
        from widgets.boards.coverage import CoverageScreen

        self._open_board(CoverageScreen(self.index, self.board_cache))

    def action_stories(self) -> None:
        """Open the stories view; enter there narrows the reader to one story."""
        if self.index is None:
            return
        from widgets.stories_screen import StoriesScreen

        self._open_board(StoriesScreen(self.index, self.board_cache, self.story_filter))

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
