"""The data seedread passes around: articles, problems, mentions, entities, figure groups."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

EntityKind = Literal["person", "org", "place", "other"]
"""What a name refers to."""

FigureValue = Union[int, float, str]
"""A figure's value: a number, or an ISO date string (`2023-10-07`, `2023-10`, `2023`)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A file or record that could not be read as an article, or was read with a loss."""

    source: str
    """The file, relative to the corpus root where possible (`file.jsonl:12` for a record)."""
    reason: str
    """One human sentence saying what is wrong."""


@dataclass(frozen=True, slots=True)
class Article:
    """One article as the reader shows it."""

    id: str
    """Stable id: the path relative to the corpus root without extension, or a record's `id`."""
    path: str
    """Where it came from, relative to the corpus root (`file.jsonl:12` for a record)."""
    title: str
    """The headline (first line of prose when the source gives none)."""
    text: str
    """The text the reader shows; every mention's offsets index into it. Line ends are `\\n`."""
    outlet: str | None = None
    """Who published it, when known."""
    date: str | None = None
    """Publication date as ISO `YYYY-MM-DD` (or shorter when only the month/year is known)."""
    url: str | None = None
    """The original address, when known."""
    author: str | None = None
    """The byline, when known."""
    boilerplate: tuple[tuple[int, int], ...] = ()
    """Spans (start, end) of text flagged as boilerplate; no facts are taken from them."""
    warnings: tuple[str, ...] = ()
    """Things the loader noticed while reading this article (e.g. undecodable bytes replaced)."""
    story: str | None = None
    """A story id given with the article (a record's or front matter's `story`, such as an
    aggregator's cluster id): articles that share one form one story, as given."""

    @property
    def words(self) -> int:
        """Number of whitespace-separated words in the text."""
        return len(self.text.split())

    def in_boilerplate(self, start: int, end: int) -> bool:
        """True when the span [start, end) overlaps a flagged boilerplate line."""
        return any(s < end and start < e for s, e in self.boilerplate)


@dataclass(frozen=True, slots=True)
class NameMention:
    """One occurrence of a name in one article, as extraction found it."""

    article: str
    """Id of the article it is in."""
    start: int
    """Offset of the first character in the article text."""
    end: int
    """Offset one past the last character; `text == article.text[start:end]`."""
    text: str
    """The surface form exactly as written (without a possessive `'s` or a `-led` suffix)."""
    name: str
    """The full form this mention stands for in its article ("Haniyeh" -> "Ismail Haniyeh")."""
    kind: EntityKind = "other"
    """Best guess at what the name refers to."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of an article that belongs to an entity."""

    article: str
    """Id of the article."""
    start: int
    """Offset of the first character."""
    end: int
    """Offset one past the last character."""
    text: str
    """The text of the span, exactly."""


@dataclass(frozen=True, slots=True)
class Entity:
    """One referent (person, organisation, place) with every spelling and mention in the corpus."""

    id: str
    """Stable id derived from the canonical name (`e:mousa-abu-marzouk`)."""
    name: str
    """Canonical name: the most used full form."""
    kind: EntityKind
    """person, org, place or other."""
    variants: tuple[str, ...]
    """Every distinct full form and surface spelling seen, canonical first."""
    mentions: tuple[Mention, ...]
    """Every mention, ordered by article then offset."""


@dataclass(frozen=True, slots=True)
class FigureMention:
    """One number or date in one article, with what it counts."""

    article: str
    """Id of the article it is in."""
    start: int
    """Offset of the first character of the figure's text."""
    end: int
    """Offset one past the last character; `text == article.text[start:end]`."""
    text: str
    """The figure as written ("at least 34,356", "2.3 million", "Oct. 7")."""
    value: FigureValue
    """The number (34356, 2300000, 70) or the ISO date ("2023-10-07")."""
    unit: str
    """count, percent, money, date, year, age, duration, ..."""
    qualifier: str | None = None
    """at least, over, nearly, some, about, estimated, more than, ... (normalised), or None."""
    counted: str | None = None
    """What is counted, normalised: killed, wounded, missing, hostages, displaced, ..."""
    subject: str | None = None
    """The noun the number counts as written ("Palestinians", "people", "soldiers")."""
    kind: str = "count"
    """count, percent, money, date, year, other."""
    as_of: str | None = None
    """The ISO day the figure holds for: the day its sentence names, else the article's date
    (`reader.figures.history.as_of`); None until read (`reader.figures.readings`)."""
    low: float | None = None
    """The smallest value its words allow ("at least 7": 7; "dozens": 24); None for dates."""
    high: float | None = None
    """The largest value its words allow; None when unbounded ("at least 7") or a date."""
    past: bool = False
    """True when its sentence puts it in an earlier year: a past event's figure, for context."""
    revision: str | None = None
    """"correction" or "rise" when its sentence says the figure was revised or rose."""
    whole: int | None = None
    """The start offset of the figure (same article) it is stated to be a part of ("21 of the
    200 schoolgirls", "30 people, including four children"), or None."""
    whom: str | None = None
    """Who or what the counted thing happens to, normalised ("people", "us", "crew",
    "child"); None when not a count of an event."""


@dataclass(frozen=True, slots=True)
class FigureGroup:
    """Figure mentions across the corpus that state one thing (possibly with different values)."""

    id: str
    """Stable id (`f:killed-palestinians`, `f:date-2023-10-07`)."""
    label: str
    """What is counted, for people ("Palestinians killed", "October 7, 2023")."""
    kind: str
    """count, percent, money, date, year, other."""
    mentions: tuple[FigureMention, ...] = field(default_factory=tuple)
    """Every mention, ordered by article then offset."""
    story: str | None = None
    """The story its mentions lie in (a group never spans two)."""
    counted: str | None = None
    """What happens or is counted (killed, wounded, hospitalized, ...), or None."""
    whom: str | None = None
    """To whom (`FigureMention.whom`), or None."""
    part_of: str | None = None
    """The id of the group its figures are stated to be a part of, or None."""
    updates: int = 0
    """How many times its value moved on over as-of days (`reader.figures.history`)."""
    disputes: int = 0
    """How many pairs of its values are in dispute (`History.dispute_pairs`)."""
    score: float = 0.0
    """How much its disputes deserve a look (`reader.figures.history.dispute_score`): the
    figure board's order after the disputes."""

    @property
    def disputed(self) -> bool:
        """Whether outlets give values for it that cannot both hold (not an update)."""
        return self.disputes > 0


# The index's answers (`reader.store.FactIndex`).


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What the article list needs of an article (no text)."""

    id: str
    """Article id."""
    title: str
    """Headline."""
    outlet: str | None
    """Publisher, if known."""
    date: str | None
    """ISO date, if known."""
    words: int
    """Word count."""
    path: str
    """Source path relative to the corpus root."""
    story: str | None = None
    """The story it belongs to (`reader.stories`)."""
    origin: str | None = None
    """The article whose copy it reprints; its own id when it reprints no one's."""


@dataclass(frozen=True, slots=True)
class FactSummary:
    """A name or figure as the sidebar lists it for one article."""

    id: str
    """Entity id (`e:…`), figure group id (`f:…`) or statement id (`q:…`)."""
    label: str
    """Canonical name, or what the figure counts."""
    kind: str
    """person, org, place, other for names; count, percent, money, date, year for figures."""
    here: int
    """Mentions in the article asked about."""
    mentions: int
    """Mentions across the corpus."""
    articles: int
    """Articles that mention it."""
    in_story: int | None = None
    """Articles of this article's story that mention it, for a name when the story has other
    articles (a figure group lies in one story: `articles` says it)."""

    @property
    def is_figure(self) -> bool:
        """True for a figure group, False for a name or a statement."""
        return self.id.startswith("f:")

    @property
    def is_quote(self) -> bool:
        """True for a statement (`q:…`: quotes of one utterance)."""
        return self.id.startswith("q:")


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One mention of a fact, with what the figure says there (value None for names)."""

    article: str
    """Article id."""
    start: int
    """Start offset in the article text."""
    end: int
    """End offset in the article text."""
    text: str
    """The mention as written."""
    value: int | float | str | None = None
    """A figure's value."""
    unit: str | None = None
    """A figure's unit."""
    qualifier: str | None = None
    """A figure's qualifier (at least, over, ...)."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of an article that belongs to a fact, for marking the reading pane."""

    start: int
    """Start offset."""
    end: int
    """End offset."""
    fact: str
    """The fact's id."""
    kind: str
    """The fact's kind."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result."""

    target: str
    """A fact id (`e:…`, `f:…`) or an article id prefixed with `a:`."""
    label: str
    """What to show."""
    detail: str
    """Why it matched (a variant, a value, a line of text)."""
    score: float
    """Higher is better; 0–100."""
    start: int | None = None
    """For a text hit, the offset of the match in the article."""
