"""The stories view: every story the articles form, with its dates, outlets, independent
origins and disputed figures; enter narrows the reader to one story."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.binding import Binding
from textual.content import Content

from reader.store import FactIndex
from reader.stories import Story
from reader.text import make_printable
from widgets.boards.screen import BoardScreen
from widgets.fact_sidebar import DIFFERS
from widgets.grid_view import Cell, Column, GridView, cell
from widgets.messages import NarrowToStory, StoryCurationRequested

COLUMNS = [
    Column("#", 5, "right"),
    Column("Dates", 23),
    Column("Arts", 4, "right"),
    Column("Orig", 4, "right"),
    Column("Outl", 4, "right"),
    Column(DIFFERS, 3, "right"),
    Column("Story (a representative headline)", 70),
]
"""The stories table: rank, date span, articles, independent origins, outlets, disputed
figures, headline."""


@dataclass(frozen=True)
class StoryLine:
    """One story as the view lists it."""

    story: Story
    """The story."""
    disputed: int
    """Its figure groups whose values differ."""


def dates(story: Story) -> str:
    """ "2016-11-09 – 2016-11-10", one date, or "undated"."""
    if story.first and story.last and story.first != story.last:
        return f"{story.first} – {story.last}"
    return story.first or "undated"


def story_cells(rank: int, line: StoryLine) -> list[Cell]:
    """One story's line."""
    s = line.story
    copies = len(s.articles) - s.origins
    return [
        cell((f"{rank}", "muted")),
        cell((dates(s), "muted" if s.first else "warning")),
        cell(f"{len(s.articles)}"),
        cell((f"{s.origins}", "accent" if copies else "")),
        cell(f"{len(s.outlets)}"),
        cell((f"{line.disputed}", "differs")) if line.disputed else cell(("·", "muted")),
        cell((make_printable(s.title), "strong")),
    ]


class StoriesScreen(BoardScreen):
    """Stories, the most articles first; enter reads one story alone, `a` every story.

    Corrections, saved in seedread.yaml: `m` marks a story to merge, then enter on the story it
    joins merges them. Opened to move an article (`move`), enter puts the article in the story
    under the cursor and `o` makes it a story of its own.
    """

    BINDINGS = [
        *BoardScreen.BINDINGS,
        Binding("S", "close", "Back", show=False, id="stories.close"),
        Binding(
            "a",
            "all_stories",
            "All stories",
            tooltip="Read every story again (clear the story filter)",
            id="stories.all",
        ),
        Binding(
            "m",
            "merge",
            "Merge",
            tooltip="Merge this story with the one you choose next (saved in seedread.yaml)",
            id="stories.merge",
        ),
        Binding(
            "o",
            "own_story",
            "Own story",
            tooltip="When moving an article: make it a story of its own",
            show=False,
            id="stories.own",
        ),
    ]
    FROZEN = 1
    NAME = "Stories"

    def __init__(
        self,
        index: FactIndex,
        cache: dict[Any, Any] | None = None,
        story: str | None = None,
        move: tuple[str, str] | None = None,
    ) -> None:
        super().__init__(index, cache, story)
        self.move = move
        """(article id, title) of the article to move to the story chosen, or None."""
        self.merging: Story | None = None
        """The story marked with `m`, to merge into the one chosen next."""

    def compute(self) -> list[StoryLine]:
        disputes = self.index.disputes_by_story()
        return [StoryLine(s, disputes.get(s.id, 0)) for s in self.index.stories()]

    def show(self, data: list[StoryLine]) -> None:
        lines: list[StoryLine] = data
        articles = sum(len(line.story.articles) for line in lines)
        several = sum(1 for line in lines if len(line.story.articles) > 1)
        disputed = sum(1 for line in lines if line.disputed)
        self.set_title(
            ("Stories", "bold"),
            f" · {len(lines):,} stor{'y' if len(lines) == 1 else 'ies'} of {articles:,} articles"
            f" · {several:,} told by two or more · ",
            (f"{DIFFERS} {disputed:,} with disputed figures", "bold $text-error"),
        )
        self._legend()
        if not lines:
            self.grid.set_placeholder("No stories.")
            return
        cursor = 0
        if self.story is not None:
            cursor = next((i for i, line in enumerate(lines) if line.story.id == self.story), 0)
        rows = [story_cells(i, line) for i, line in enumerate(lines, 1)]
        self.grid.set_data(COLUMNS, rows, cursor=cursor)

    def _legend(self) -> None:
        if self.move is not None:
            self.set_legend(
                (f"Moving “{make_printable(self.move[1][:60])}”: ", "bold $text-warning"),
                (
                    "enter puts it in the story under the cursor · o: a story of its own"
                    " · escape: leave it where it is",
                    "$text-muted",
                ),
            )
        elif self.merging is not None:
            self.set_legend(
                (f"Merging “{make_printable(self.merging.title[:60])}”: ", "bold $text-warning"),
                ("enter on the story it joins · escape: cancel", "$text-muted"),
            )
        else:
            self.set_legend(
                (
                    "An article belongs to one story: the reports of one event. Orig: independent"
                    " texts (reprints of one wire copy count once) · enter: read this story"
                    " alone · a: all stories · m: merge two stories · escape back",
                    "$text-muted",
                )
            )

    @on(GridView.Highlighted, "#board-grid")
    def _highlighted(self, event: GridView.Highlighted) -> None:
        if not self.data or event.row >= len(self.data):
            return
        s: Story = self.data[event.row].story
        shared = self.index.story_names(s.id, limit=8)
        names = ", ".join(f"{make_printable(name)} ({n})" for name, n in shared) or "none"
        outlets = ", ".join(make_printable(o) for o in s.outlets) or "unknown outlets"
        copies = len(s.articles) - s.origins
        self.set_detail(
            Content.assemble(
                (f"{dates(s)} · {len(s.articles)} articles", "bold"),
                (f" ({copies} reprints)" if copies else "", "$text-accent"),
                "\n",
                ("Shared names (articles naming each): ", "$text-muted"),
                names,
                "\n",
                (f"Outlets: {outlets}", "$text-muted"),
            )
        )

    @on(GridView.Chosen, "#board-grid")
    def _chosen(self, event: GridView.Chosen) -> None:
        chosen: Story = self.data[event.row].story
        if self.move is not None:
            article, title = self.move
            self.dismiss(
                StoryCurationRequested(
                    "move",
                    article,
                    chosen.articles[0],
                    f"Moved “{title[:40]}” into “{chosen.title[:40]}”",
                )
            )
        elif self.merging is not None:
            marked, self.merging = self.merging, None
            if marked.id == chosen.id:
                self.notify("Choose another story to merge it with.", timeout=3)
                self._legend()
                return
            self.dismiss(
                StoryCurationRequested(
                    "merge",
                    marked.articles[0],
                    chosen.articles[0],
                    f"Merged “{marked.title[:40]}” with “{chosen.title[:40]}”",
                )
            )
        else:
            self.dismiss(NarrowToStory(chosen.id))

    def action_all_stories(self) -> None:
        self.dismiss(NarrowToStory(None))

    def action_merge(self) -> None:
        if self.move is not None or not self.data:
            return
        self.merging = self.data[self.grid.cursor].story
        self._legend()

    def action_own_story(self) -> None:
        if self.move is None:
            return
        article, title = self.move
        self.dismiss(
            StoryCurationRequested("move", article, None, f"“{title[:40]}” is a story of its own")
        )

    def action_close(self) -> None:
        if self.merging is not None:  # escape cancels a merge first
            self.merging = None
            self._legend()
            return
        super().action_close()
