"""The quotes' data: a direct quotation in one article, and a statement across a story."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Quote:
    """One direct quotation in one article, with who the article says spoke it."""

    article: str
    """Id of the article it is in."""
    start: int
    """Offset of the first quoted character, after the opening mark."""
    end: int
    """Offset one past the last quoted character, before the closing mark (a trailing comma
    is left out); `article.text[start:end] == text`. A quote over several paragraphs keeps the
    inner paragraph breaks and continuation marks in its text."""
    text: str
    """The quoted words exactly as written."""
    speaker_name: str | None = None
    """The words naming the speaker here ("Lin", "Lin Jian", "an Israeli intelligence source"),
    or None when the article does not say, or not surely."""
    speaker_start: int | None = None
    """Offset of the speaker's words (for a pronoun: of the named speaker it stands for)."""
    speaker_end: int | None = None
    """Offset one past the speaker's words."""
    description: bool = False
    """True when the speaker is described ("a Beijing-based diplomat"), not named."""
    partial: bool = False
    """True for a fragment inside a sentence ("called it “a grave mistake”")."""
    speaker_full: str | None = None
    """The speaker's full name as name extraction resolved it in the article ("Lin" ->
    "Lin Jian"), else `speaker_name`."""
    speaker_kind: str | None = None
    """person, org, place or other (from `reader.names`), "description", or None when the
    speaker is a capitalised run name extraction did not take."""
    how: str | None = None
    """The attribution rule that found the speaker: after, before, according, pronoun,
    previous (named in the sentence before a quote that stands alone)."""


@dataclass(frozen=True, slots=True)
class Statement:
    """One utterance as a story's articles quote it: its variants, however worded."""

    id: str
    """Stable id within a build (`q:<story>:<n>`)."""
    story: str | None
    """The story its quotes lie in (a statement never spans two)."""
    quotes: tuple[Quote, ...]
    """Every variant, ordered by article then offset."""
    speaker: str | None
    """The speaker entity most variants name, or None."""
    speakers: tuple[str, ...] = ()
    """Every distinct speaker entity its variants name, most named first."""
    misattributed: bool = False
    """True when the same words are given to two different people."""


@dataclass(frozen=True, slots=True)
class StatementSummary:
    """A statement as the index stores it, for lists and boards."""

    id: str
    story: str | None
    speaker: str | None
    """The speaker's entity id, or None (a description, or no speaker)."""
    speaker_name: str | None
    """How the variants name the speaker ("Lin Jian", "a Beijing-based diplomat")."""
    words: str
    """The longest variant's words."""
    quotes: int
    articles: int
    outlets: int
    origins: int
    """Independent origins: reprints of one wire copy count once."""
    verdict: str
    """"same words", "trimmed", "words differ" or "different speakers"."""
    divergence: float
    """The largest share of one variant's words that the longest does not hold, in order."""
    misattributed: bool

    @property
    def differs(self) -> bool:
        """True when the outlets' wordings are not all the same or trimmed."""
        return self.verdict in ("words differ", "different speakers")


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """One quote of a statement, with where it appeared."""

    quote: Quote
    statement: str | None
    entity: str | None
    """The entity its speaker resolves to, or None."""
    outlet: str | None
    date: str | None
    title: str
    origin: str
    """The article whose copy it reprints, or its own id."""
