"""Moving through the corpus: a fact's mentions in the article list's order, and the places
visited (backspace / alt+right). Pure: no Textual, one query per step."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from reader.models import MentionRow
from reader.store import FactIndex

HISTORY_LIMIT = 200
"""Places remembered for backspace."""


class MentionWalk:
    """Steps through a fact's mentions in the article list's order without loading them: the
    articles that mention it, by list position (from the fact's index alone, a few ms for a
    name in 9,000 articles), and one query per step for the mention itself."""

    def __init__(self, index: FactIndex, fact_id: str, positions: dict[str, int]) -> None:
        self.index = index
        self.fact_id = fact_id
        found = index.fact_articles(fact_id)
        self.order = sorted((positions[a], a) for a in found if a in positions)
        """(list position, article id) of each article that mentions the fact."""
        self.articles = {a for _, a in self.order}

    def first(self, prefer: str | None = None) -> MentionRow | None:
        """The first mention in article `prefer` if it has one, else in the list's order."""
        article = prefer if prefer in self.articles else (self.order[0][1] if self.order else None)
        if article is None:
            return None
        return self.index.mention_near(self.fact_id, article, -1, 1)

    def step(
        self, article: str, position: int, offset: int, direction: int, inclusive: bool
    ) -> tuple[MentionRow | None, bool]:
        """The next (direction 1) or previous (-1) mention from `offset` in `article`, at
        list `position`; and whether the walk wrapped round the end of the list."""
        row = None
        if article in self.articles:
            row = self.index.mention_near(self.fact_id, article, offset, direction, inclusive)
        if row is not None or not self.order:
            return row, False
        if direction > 0:
            i = bisect_right(self.order, (position, "\uffff"))
            wrapped = i >= len(self.order)
            target = self.order[0 if wrapped else i][1]
            return self.index.mention_near(self.fact_id, target, -1, 1), wrapped
        i = bisect_left(self.order, (position, "")) - 1
        wrapped = i < 0
        target = self.order[i][1]
        end = 2**62
        return self.index.mention_near(self.fact_id, target, end, -1), wrapped


@dataclass(frozen=True)
class Location:
    """A place in the corpus to go back to: an article and a span (or a scroll offset)."""

    article: str
    """Article id."""
    start: int | None = None
    """Offset of the focused span, or of the first line in view when `end` is None."""
    end: int | None = None
    """End of the focused span; None when only a scroll position is remembered."""
    fact: str | None = None
    """The fact selected there."""


@dataclass
class History:
    """The places visited: backspace goes to the most recent, alt+right undoes a backspace."""

    back: list[Location] = field(default_factory=list)
    """Where backspace goes, most recent last."""
    forward: list[Location] = field(default_factory=list)
    """Where alt+right goes after going back."""

    def record(self, now: Location | None, going: Location) -> None:
        """Remember `now` before going to `going` (a new jump forgets the way forward)."""
        if now is not None and now != going:
            self.back.append(now)
            del self.back[:-HISTORY_LIMIT]
            self.forward.clear()

    def go_back(self, now: Location | None) -> Location | None:
        """The place to go back to (None when there is none); `now` becomes the way forward."""
        if not self.back:
            return None
        target = self.back.pop()
        if now is not None:
            self.forward.append(now)
        return target

    def go_forward(self, now: Location | None) -> Location | None:
        """The place a backspace left (None when there is none); `now` goes back on the stack."""
        if not self.forward:
            return None
        target = self.forward.pop()
        if now is not None:
            self.back.append(now)
        return target
