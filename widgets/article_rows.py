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
    """How many articles the corpus has."""

    @property
    def complete(self) -> bool:
        """Whether every article is in `rows`."""
        return len(self.rows) >= self.total

    @classmethod
    def fetch(cls, index: FactIndex, order: str, limit: int | None = None) -> ArticleRows:
        """The index's articles sorted by `order`, the first `limit` only when given.

        All of them come as ids, their rows fetched as they are drawn (37,554 ids take a
        fiftieth of a second); the first screenful comes as rows, for the first paint.
        """
        if limit is None:
            ids = index.article_ids(order)
            return cls(order, LazyRows(index, ids), {a: i for i, a in enumerate(ids)}, len(ids))
        rows = index.articles(order, limit)
        total = len(rows) if len(rows) < limit else index.article_count
        return cls(order, rows, {row.id: i for i, row in enumerate(rows)}, total)
