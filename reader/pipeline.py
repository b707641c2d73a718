"""The build's stages, in order. Per-article stages run over chunks of articles wherever
the runner sends them (`reader.store.workers`); corpus stages run once over their results.

    load (reader.corpus) -> extract names (reader.names) and figures (reader.figures)
    -> link names (reader.linking) -> group figures (reader.figures) -> store (reader.store)
"""

from __future__ import annotations

from reader.figures import extract_figures
from reader.models import Article, FigureMention, NameMention
from reader.names import NameRow, name_rows


def extract_article(
    article: Article,
) -> tuple[list[NameMention], list[FigureMention], str | None]:
    """Run both extractors over one article (the unit of parallel work).

    An extractor that fails on one article must not cost the corpus: the article keeps what
    the other extractor found, and the failure comes back as a message to report.
    """
    rows, figures, failure = extract_rows(article)
    return [NameMention(*row) for row in rows], figures, failure


def extract_rows(article: Article) -> tuple[list[NameRow], list[FigureMention], str | None]:
    """`extract_article` with the names as rows (as stored)."""
    failures = []
    try:
        names = name_rows(article)
    except Exception as exc:  # noqa: BLE001 - reported as a problem, never fatal
        names, failures = [], [f"name extraction failed ({type(exc).__name__}: {exc})"]
    try:
        figures = extract_figures(article)
    except Exception as exc:  # noqa: BLE001
        figures = []
        failures.append(f"figure extraction failed ({type(exc).__name__}: {exc})")
    return names, figures, "; ".join(failures) or None
