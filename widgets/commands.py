"""Command palette providers: go to an article, go to a fact (every action is a system command)."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.search import search_index
from reader.text import make_printable

GO_TO_ARTICLE = "Go to article… "
GO_TO_FACT = "Go to fact… "
MAX_DISCOVERY = 30
"""Hits listed before anything is typed."""


def _main_screen(provider: Provider):  # -> MainScreen | None, imported late (no cycle)
    from widgets.main import MainScreen

    for screen in provider.app.screen_stack:
        if isinstance(screen, MainScreen) and screen.index is not None:
            return screen
    return None


class ArticleCommands(Provider):
    """`Go to article… <title>` for every article, matched on title and outlet."""

    async def discover(self) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        for row in screen.articles.rows[:MAX_DISCOVERY]:
            title = make_printable(row.title)
            yield DiscoveryHit(
                GO_TO_ARTICLE + title,
                partial(screen.action_go_to_article, row.id),
                help=make_printable(f"{row.outlet or 'unknown outlet'} · {row.date or 'undated'}"),
            )

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        matcher = self.matcher(query)
        for row in screen.articles.rows:
            text = GO_TO_ARTICLE + make_printable(f"{row.title} · {row.outlet or ''}")
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(screen.action_go_to_article, row.id),
                    help=row.date or "undated",
                )


class FactCommands(Provider):
    """`Go to fact… <name or figure>`, found with the corpus search (fuzzy, every spelling)."""

    async def discover(self) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        for fact in screen.sidebar.facts[:MAX_DISCOVERY]:
            label = make_printable(fact.label)
            yield DiscoveryHit(
                GO_TO_FACT + label,
                partial(screen.action_go_to_fact, fact.id),
                help=f"{fact.kind} · {fact.articles} articles",
            )

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        if screen is None or screen.index is None:
            return
        text = query.removeprefix("go to fact").strip(" ….") or query
        # The text search scans every article: off the event loop, so typing stays smooth.
        hits = await asyncio.to_thread(search_index, screen.index, text, 20)
        matcher = self.matcher(query)
        for hit in hits:
            if hit.target.startswith("a:"):
                continue
            label = GO_TO_FACT + make_printable(hit.label)
            yield Hit(
                max(hit.score / 100, matcher.match(label)),
                matcher.highlight(label),
                partial(screen.action_go_to_fact, hit.target),
                help=make_printable(hit.detail) or None,
            )


GO_TO_STORY = "Go to story… "


class StoryCommands(Provider):
    """`Go to story… <headline>`: read one story alone (the largest stories first)."""

    async def _lines(self) -> list[tuple[str, str, str]]:
        """(story id, headline, help) of every story, read off the event loop."""
        screen = _main_screen(self)
        if screen is None or screen.index is None:
            return []
        stories = await asyncio.to_thread(screen.index.stories)
        return [
            (
                s.id,
                make_printable(s.title),
                f"{len(s.articles)} articles · {s.origins} origins · {s.first or 'undated'}",
            )
            for s in stories
        ]

    async def discover(self) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        for sid, title, info in (await self._lines())[:MAX_DISCOVERY]:
            yield DiscoveryHit(GO_TO_STORY + title, partial(screen.narrow_to_story, sid), help=info)

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        matcher = self.matcher(query)
        for sid, title, info in await self._lines():
            text = GO_TO_STORY + title
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(text), partial(screen.narrow_to_story, sid), help=info
                )
