"""Name extraction: find people, organisations and places in one article (stub, being written)."""

from __future__ import annotations

from reader.models import Article, NameMention


def extract_names(article: Article) -> list[NameMention]:
    """Return every name mention in `article` outside boilerplate, ordered by offset."""
    return []
