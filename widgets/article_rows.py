"""The article list's rows in one order, fetched from the index as they are drawn (no Textual)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

from reader.models import ArticleSummary
from reader.store import FactIndex


class LazyRows(Sequence[ArticleSummary]):
    """Every article of an order by id; a row's details are fetched, a page at a time, when
    it is first drawn or asked for. A list of 37,554 costs its ids, not their rows."""

    PAGE = 128

    def __init__(self, index: FactIndex, ids: list[str]) -> None:
        self._index = index  # not `index`: that is Sequence.index
        self.ids = ids
        """Every article id, in order."""
        self._pages: dict[int, list[ArticleSummary]] = {}

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, i: int) -> ArticleSummary: ...

    @overload
    def __getitem__(self, i: slice) -> list[ArticleSummary]: ...

    def __getitem__(self, i: int | slice) -> ArticleSummary | list[ArticleSummary]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self.ids)))]
        if i < 0:
            i += len(self.ids)
        if not 0 <= i < len(self.ids):
            raise IndexError(i)
        number, at = divmod(i, self.PAGE)
        page = self._pages.get(number)
        if page is None:
            ids = self.ids[number * self.PAGE : (number + 1) * self.PAGE]
            by_id = {row.id: row for row in self._index.summaries(ids)}
            page = self._pages[number] = [by_id[a] for a in ids]
        return page[at]


@dataclass(frozen=True)
class ArticleRows:
    """The articles in one order (all, or the first screenful), with the row of each id."""

    order: str
    """The sort order (one of `SORT_ORDERS`)."""
    rows: Sequence[ArticleSummary]
    """The articles in display order: all of them (fetched as drawn), or the first ones."""
    positions: dict[str, int]
    """Row of every article in `rows`."""
    total: int
    """How many articles the list has (the corpus', or the story's)."""
    story: str | None = None
    """The story the list is narrowed to, or None for every article."""

    @property
    def complete(self) -> bool:
        """Whether every article is in `rows`."""
        return len(self.rows) >= self.total

    @classmethod
    def fetch(
        cls, index: FactIndex, order: str, limit: int | None = None, story: str | None = None
    ) -> ArticleRows:
        """The index's articles (those of `story` only, when given) sorted by `order`, the
        first `limit` only when given.

        All of them come as ids, their rows fetched as they are drawn (37,554 ids take a
        fiftieth of a second); the first screenful comes as rows, for the first paint.
        """
        if limit is None:
            ids = index.article_ids(order, story)
            rows = LazyRows(index, ids)
            return cls(order, rows, {a: i for i, a in enumerate(ids)}, len(ids), story)
        first = index.articles(order, limit, story)
        if len(first) < limit:
            total = len(first)
        elif story is None:
            total = index.article_count
        else:
            total = len(index.article_ids(order, story))
        return cls(order, first, {row.id: i for i, row in enumerate(first)}, total, story)
