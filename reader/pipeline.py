"""The build's stages, in order. Per-article stages run over chunks of articles wherever the
runner sends them (`reader.store.workers`); corpus stages run once over all their results.

    load          reader.corpus            files -> articles
    per article   extract_facts (here)     names (reader.names), figures (reader.figures),
                                           what each figure is (reader.figures.readings),
                                           story features (reader.stories),
                                           quotes and their speakers (reader.quotes)
    corpus        reader.stories           articles -> stories, wire copies -> origins
                  reader.linking           spellings -> entities (across the whole corpus)
                  reader.figures.groups    figures -> quantities (within one story), each
                                           with its history (reader.figures.history)
                  reader.quotes.statements quotes -> statements (within one story), their
                                           wordings aligned
    store         reader.store             all of it, in SQLite

A new per-article stage is one field of `ArticleFacts` and one line in `extract_facts`; a new
corpus stage is one module and one call in `reader.store.build`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from reader.figures import extract_figures
from reader.figures.history import Sentences
from reader.figures.readings import read_figures
from reader.models import Article, FigureMention, NameMention
from reader.names import NameRow, name_rows
from reader.quotes import Quote, extract_quotes
from reader.stories import StoryFeatures, story_features

T = TypeVar("T")


@dataclass(slots=True)
class ArticleFacts:
    """What the per-article stages found in one article."""

    names: list[NameRow] = field(default_factory=list)
    """Name mentions, as stored (`reader.names.NameRow`)."""
    figures: list[FigureMention] = field(default_factory=list)
    """Figure mentions."""
    quotes: list[Quote] = field(default_factory=list)
    """Direct quotations with their speakers."""
    story: StoryFeatures | None = None
    """What story detection needs to know about the article."""
    failures: list[str] = field(default_factory=list)
    """One message per stage that failed on this article."""


def _guarded(
    stage: str, run: Callable[[Article], T], article: Article, failures: list[str]
) -> T | None:
    """`run(article)`, or None with a message in `failures` when it raises: one stage failing
    on one article must not cost the corpus, nor the other stages' results."""
    try:
        return run(article)
    except Exception as exc:  # noqa: BLE001 - reported as a problem, never fatal
        failures.append(f"{stage} failed ({type(exc).__name__}: {exc})")
        return None


def extract_facts(article: Article) -> ArticleFacts:
    """Run every per-article stage over one article (the unit of parallel work)."""
    facts = ArticleFacts()
    facts.names = _guarded("name extraction", name_rows, article, facts.failures) or []
    facts.figures = _guarded("figure extraction", extract_figures, article, facts.failures) or []
    # The sentence ends, found once for the two stages that read a fact's sentence.
    sentences = _guarded("sentence ends", lambda a: Sentences(a.text), article, facts.failures)
    found, names = facts.figures, facts.names
    facts.figures = (
        _guarded(
            "figure reading", lambda a: read_figures(a, found, sentences), article, facts.failures
        )
        or found
    )
    facts.quotes = (
        _guarded(
            "quote extraction",
            lambda a: extract_quotes(a, names, sentences),
            article,
            facts.failures,
        )
        or []
    )
    facts.story = _guarded(
        "story features", lambda a: story_features(a, a.story), article, facts.failures
    )
    return facts


def extract_article(
    article: Article,
) -> tuple[list[NameMention], list[FigureMention], str | None]:
    """Names and figures of one article, and what failed (None when nothing did)."""
    facts = extract_facts(article)
    names = [NameMention(*row) for row in facts.names]
    return names, facts.figures, "; ".join(facts.failures) or None
