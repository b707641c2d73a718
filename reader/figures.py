"""Figure extraction and grouping: numbers, percentages and dates with what they count (stub)."""

from __future__ import annotations

from collections.abc import Iterable

from reader.models import Article, FigureGroup, FigureMention


def extract_figures(article: Article) -> list[FigureMention]:
    """Return every figure in `article` outside boilerplate, ordered by offset."""
    return []


def group_figures(mentions: Iterable[FigureMention]) -> list[FigureGroup]:
    """Group figure mentions across articles that state the same thing."""
    return []
