"""App-wide messages: past tense for what happened, imperative for what a widget asks for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from reader.store import BuildStats, FactIndex
    from widgets.article_rows import ArticleRows


@dataclass
class IndexProgressed(Message):
    """The index worker made progress."""

    stage: str
    """reading, extracting or linking."""
    done: int
    """Units done in this stage."""
    total: int
    """Units in this stage."""
    rate: float
    """Units per second in this stage so far."""
    eta: float | None
    """Seconds left in this stage, if known."""


@dataclass
class IndexLoaded(Message):
    """The index is built and open."""

    index: FactIndex
    """The opened index."""
    stats: BuildStats | None
    """What the build did (None when the index was given ready-made)."""
    rows: ArticleRows | None = None
    """The first articles of the list, when the worker fetched them (None: fetch all)."""


@dataclass
class ArticlesListed(Message):
    """The whole article list was fetched, after its first screenful was shown."""

    rows: ArticleRows
    """Every article, in the order asked for."""


@dataclass
class IndexFailed(Message):
    """The corpus could not be indexed."""

    title: str
    """What failed, in a few words."""
    reason: str
    """Why, in one line, for a person."""


@dataclass
class ArticleHighlighted(Message):
    """The article list's cursor moved onto an article."""

    article_id: str
    """The article under the cursor."""


@dataclass
class OpenArticle(Message):
    """Request: show this article in the reading pane."""

    article_id: str
    """The article to open."""


@dataclass
class FactSelected(Message):
    """A fact was chosen in the sidebar: show its mentions across the corpus."""

    fact_id: str
    """Entity id (`e:…`) or figure group id (`f:…`)."""


@dataclass
class MentionChosen(Message):
    """A mention was chosen in the fact detail panel."""

    fact_id: str
    """The fact mentioned."""
    article_id: str
    """The article the mention is in."""
    start: int
    """Offset of the mention in the article text."""
    end: int
    """End offset of the mention."""


@dataclass
class JumpToMention(Message):
    """Request: open an article at a span and highlight it, remembering where we were."""

    article_id: str
    """The article to open."""
    start: int
    """Offset of the span to highlight."""
    end: int
    """End offset of the span."""
    fact_id: str | None = None
    """The fact the span belongs to, if any (selected in the sidebar)."""


@dataclass
class DetailClosed(Message):
    """The fact detail panel was dismissed (escape)."""


@dataclass
class OpenFact(Message):
    """Request: go to a fact's first mention and show its detail in the sidebar."""

    fact_id: str
    """Entity id (`e:…`) or figure group id (`f:…`)."""


@dataclass
class NarrowToStory(Message):
    """Request: show one story's articles only (None: every article again)."""

    story: str | None
    """The story id, or None to clear the filter."""


@dataclass
class StoryCurationRequested(Message):
    """The stories view asked to correct a story: merge two, or move an article to another."""

    action: str
    """merge (the stories of `article` and `target` are one) or move (`article` joins the
    story of `target`; a story of its own when `target` is None)."""
    article: str
    """The article whose story is corrected (for a merge, any article of the story)."""
    target: str | None
    """An article of the other story, or None."""
    label: str
    """What to say once it is done ("Merged … into …")."""


@dataclass
class CurationRequested(Message):
    """The sidebar asked to correct a name: merge, split, rename or ignore it."""

    action: str
    """merge, split, rename or ignore."""
    fact_id: str
    """The entity under the sidebar's cursor."""
