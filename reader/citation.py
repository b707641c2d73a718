"""A citation of one sentence of one article, in the one format the reader and the fact
sheet both use (copy with `y`, the fact sheet's quotes)."""

from __future__ import annotations

from dataclasses import dataclass

from reader.attribution import sentence_of
from reader.models import Article
from reader.text import make_printable


@dataclass(frozen=True)
class Citation:
    """What a citation says: the quoted words and where to find them again."""

    quote: str
    """The sentence quoted, on one line (the article's title when no mention is cited)."""
    article: str
    """The article's id in the corpus."""
    outlet: str | None = None
    """Who published it, when known."""
    date: str | None = None
    """Its ISO date, when known."""
    url: str | None = None
    """Its original address, when known."""
    offset: int | None = None
    """Where the cited words start in the article's text, or None for the whole article."""

    @property
    def source(self) -> str:
        """The second line: `— outlet, date, url (article id, offset n)`; what is unknown
        is said ("unknown outlet", "undated") or left out (no url, no offset)."""
        parts = [make_printable(self.outlet) if self.outlet else "unknown outlet"]
        parts.append(self.date or "undated")
        if self.url:
            parts.append(make_printable(self.url))
        where = f"article {make_printable(self.article)}"
        if self.offset is not None:
            where += f", offset {self.offset}"
        return f"— {', '.join(parts)} ({where})"

    @property
    def quoted(self) -> str:
        """The first line: the quote between curly quotes, on one line."""
        return f"“{' '.join(make_printable(self.quote).split())}”"

    def __str__(self) -> str:
        return f"{self.quoted}\n{self.source}"


def cite(article: Article, span: tuple[int, int] | None = None) -> Citation:
    """A citation of the sentence holding `span` (start, end) of `article`, or of the whole
    article (its title, no offset) when `span` is None."""
    if span is None:
        return Citation(article.title, article.id, article.outlet, article.date, article.url)
    start, end = span
    quote = sentence_of(article.text, start, end)
    return Citation(quote, article.id, article.outlet, article.date, article.url, start)
