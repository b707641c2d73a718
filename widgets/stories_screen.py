"""The stories view: every story the articles form, with its dates, outlets, independent
origins and disputed figures; enter narrows the reader to one story."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.content import Content

from reader.stories import Story
from reader.text import make_printable
from widgets.board_screen import BoardScreen
from widgets.fact_sidebar import DIFFERS
from widgets.grid_view import Cell, Column, GridView, cell
from widgets.messages import NarrowToStory

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
    """Stories, the most articles first; enter reads one story alone, `a` every story."""

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
    ]
    FROZEN = 1
    NAME = "Stories"

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
        self.set_legend(
            (
                "An article belongs to one story: the reports of one event. Orig: independent"
                " texts (reprints of one wire copy count once) · enter: read this story alone"
                " · a: all stories · escape back",
                "$text-muted",
            )
        )
        if not lines:
            self.grid.set_placeholder("No stories.")
            return
        self.grid.set_data(COLUMNS, [story_cells(i, line) for i, line in enumerate(lines, 1)])

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
                (f" · {outlets}", "$text-muted"),
                "\n",
                ("Shared names (articles naming each): ", "$text-muted"),
                names,
            )
        )

    @on(GridView.Chosen, "#board-grid")
    def _chosen(self, event: GridView.Chosen) -> None:
        self.dismiss(NarrowToStory(self.data[event.row].story.id))

    def action_all_stories(self) -> None:
        self.dismiss(NarrowToStory(None))
