"""What a figure is: the bounds its words give it, the day it holds for, and how one quantity's
figures follow each other (updates) or contradict each other (disputes).

Pure groundwork for figure histories, not yet used by the index or the reader.

- `bounds(mention)`: the interval of values the figure's words allow ("at least 7" is
  [7, inf), "dozens" [24, 99]); two figures `agree` when their intervals meet.
- `as_of(mention, text, date)`: the day the figure's own sentence dates it to ("on Monday",
  "as of Oct. 7", "yesterday"), else the article's date.
- `read(mention, article)`: a `Reading` (mention, as-of day, outlet, revision word).
- `history(readings)`: the readings of one quantity in as-of order, each compared with the
  figure standing before it: an update (a later day and a higher value, or a value the
  sentence says was revised) or a dispute (the same day and values that cannot both hold, or a
  later lower value with no correction).
- `part_of(mentions, text)` ("21 of the more than 200", "12 people, including 10 US citizens")
  and `historical(mention, text, date)` ("In October 1991, a man shoots dead 22 people").

Every function reads a bounded window around the figure (its sentence, at most `_REACH`
characters either side), so the cost per figure is constant and a whole article is linear.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal, NamedTuple

from reader.figures.extract import extract_figures
from reader.figures.history_words import (
    ABOVE,
    AGO_WORDS,
    APPROXIMATE,
    APPROXIMATE_SHARE,
    AS_OF_MARKERS,
    BELOW,
    CORRECTION_WORDS,
    DAY_BEFORE_WORDS,
    EARLIER_WORDS,
    JUST_BELOW,
    LOWER_BOUND,
    NEARLY_SHARE,
    NOT_AS_OF_MARKERS,
    REPORTING_VERBS,
    RISE_WORDS,
    SAME_DAY_WORDS,
    UPPER_BOUND,
    VAGUE_CEILING,
    WEEKDAYS,
)
from reader.figures.vocabulary import MONEY_SCALES, SCALES, VAGUE
from reader.models import Article, FigureMention, FigureValue
from reader.text import MONTH_NUMBERS
from reader.values import disagreement, is_number

__all__ = [
    "Change",
    "History",
    "Interval",
    "Reading",
    "Sentences",
    "agree",
    "article_day",
    "as_of",
    "bounds",
    "compare",
    "historical",
    "history",
    "part_of",
    "read",
    "revision_in",
    "sentence_span",
    "stored_bounds",
    "stored_reading",
]

# --- bounds ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a figure's words allow, from `low` to `high`."""

    low: float
    """The smallest value allowed (or the infimum, when `low_open`)."""
    high: float
    """The largest value allowed (`math.inf` for "at least"), or the supremum when `high_open`."""
    low_open: bool = False
    """True when `low` itself is excluded ("more than 50")."""
    high_open: bool = False
    """True when `high` itself is excluded ("nearly 80", "fewer than 10")."""

    def intersects(self, other: Interval) -> bool:
        """Whether some value lies in both intervals (so both figures can hold at once)."""
        low, low_open = max((self.low, self.low_open), (other.low, other.low_open))
        high, high_closed = min((self.high, not self.high_open), (other.high, not other.high_open))
        return low < high or (low == high and not low_open and high_closed)

    def meet(self, other: Interval) -> Interval:
        """The values both intervals allow (empty when they do not `intersect`)."""
        low = max((self.low, self.low_open), (other.low, other.low_open))
        high = min((self.high, not self.high_open), (other.high, not other.high_open))
        return Interval(low[0], high[0], low_open=low[1], high_open=not high[1])

    def above(self, other: Interval) -> bool:
        """Whether every value of this interval is greater than every value of `other`."""
        return self.low > other.high or (
            self.low == other.high and (self.low_open or other.high_open)
        )


_SCALED_DIGITS = re.compile(
    r"(?i)(?P<num>\d[\d,]*)(?:\.(?P<dec>\d+))?[ \t-]*(?P<scale>thousand|million|billion"
    r"|trillion|bn|mn|tn|m|b|k)\b"
)
_SCALE_WORD = re.compile(r"(?i)\b(thousand|million|billion|trillion)\b")


def _rounding(mention: FigureMention) -> float:
    """Half the place of the last digit written when a scale word rounds the number: "11.5
    million" is given to 0.1 million (0.05 either side), "2 million" to a million, "$5m" to a
    million; 0 when the number is written out in full ("34,356") and so is exact as written."""
    m = _SCALED_DIGITS.search(mention.text)
    if m is not None:
        word = m.group("scale").lower()
        # "m", "b", "k" scale only sums ("$5m"), as in the extractor.
        scale = SCALES.get(word) or (MONEY_SCALES.get(word) if mention.unit == "money" else None)
        if scale is not None:
            return 0.5 * scale / 10 ** len(m.group("dec") or "")
    if not any(ch.isdigit() for ch in mention.text):
        words = _SCALE_WORD.findall(mention.text)
        if words:
            return 0.5 * max(SCALES[w.lower()] for w in words)
    return 0.0


def _vague_ceiling(mention: FigureMention, value: float) -> float | None:
    """The upper end of a vague multiple ("dozens" 99, "tens of thousands" 99,999, "several
    hundred" 999), or None when the mention is not one."""
    words = mention.text.lower().split()
    if not words or mention.qualifier != "at least":
        return None
    if words[0] in VAGUE:
        if len(words) >= 3 and words[-2] == "of" and words[-1] in VAGUE:
            return (VAGUE_CEILING[words[0]] + 1) * VAGUE[words[-1]] - 1
        return VAGUE_CEILING[words[0]]
    if words[0] in ("several", "few") or words[:2] == ["a", "few"]:
        # "several hundred" is read as 2 x 100: it stops below ten of the multiple.
        return value / 2 * 10 - 1
    return None


def bounds(mention: FigureMention) -> Interval:
    """The values `mention`'s words allow, from its value and qualifier (rules: the
    constants of `reader.figures.history_words`).

    at least N [N, inf); more than / over N (N, inf); up to N [0, N]; fewer / less than N
    [0, N); nearly / almost N [0.9N, N); about / around / some / approximately / roughly /
    estimated N [0.9N, 1.1N], or wider when the number is rounded by a scale word; vague
    multiples from the extractor's lower bound to `VAGUE_CEILING` ("dozens" [24, 99]); an
    exact N is [N, N], or N plus or minus its rounding when a scale word rounds it ("11.5
    million"). Raises ValueError when the value is not a number (a date).
    """
    if not is_number(mention.value):
        raise ValueError(f"not a number: {mention.value!r}")
    value = float(mention.value)  # type: ignore[arg-type]
    qualifier = mention.qualifier
    ceiling = _vague_ceiling(mention, value)
    if ceiling is not None:
        return Interval(value, float(ceiling))
    rounding = _rounding(mention)
    if qualifier in LOWER_BOUND:
        return Interval(value - rounding, math.inf)
    if qualifier in ABOVE:
        return Interval(value - rounding, math.inf, low_open=not rounding)
    if qualifier in UPPER_BOUND:
        return Interval(0.0, value + rounding)
    if qualifier in BELOW:
        return Interval(0.0, value + rounding, high_open=not rounding)
    if qualifier in JUST_BELOW:
        return Interval(NEARLY_SHARE * value, value, high_open=True)
    if qualifier in APPROXIMATE:
        width = max(APPROXIMATE_SHARE * abs(value), rounding)
        return Interval(value - width, value + width)
    return Interval(value - rounding, value + rounding)


def stored_bounds(mention: FigureMention) -> Interval:
    """`bounds(mention)` from the interval a build stored on it (`FigureMention.low` and
    `high`, read by `reader.figures.readings`), without reading its words again; computed
    when none is stored."""
    if mention.low is None:
        return bounds(mention)
    q = mention.qualifier
    value = float(mention.value) if is_number(mention.value) else mention.low  # type: ignore[arg-type]
    high = math.inf if mention.high is None else mention.high
    return Interval(
        mention.low,
        high,
        low_open=q in ABOVE and mention.low == value,
        high_open=q in JUST_BELOW or (q in BELOW and high == value),
    )


def agree(a: FigureMention, b: FigureMention) -> bool:
    """Whether two figures can both be true: their `bounds` meet."""
    return bounds(a).intersects(bounds(b))


# --- the figure's sentence ------------------------------------------------------------------

_REACH = 400
"""How far a sentence is looked for either side of a figure, in characters."""
_ABBREVIATIONS = (
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mr Mrs Ms Dr St No Gen Sen Rep Gov Lt "
    "Col Sgt Capt Prof Jr Sr Mt Ft Inc Corp Co"
).split()
# A sentence ends at a line break, or at . ! ? followed by a blank and a capital, digit or
# quote, unless the full stop closes an abbreviation ("Oct. 7", "Mr. Smith"; "10 U.S.
# citizens" goes on as the next word is lowercase); a headline line is a sentence of its own.
_SENTENCE_END = re.compile(
    # The look-ahead first: most characters are not . ! ? and fail at once, before the
    # abbreviations' look-behinds are tried (which made this the readings' hot spot).
    r"\n|(?=[.!?])"
    + "".join(rf"(?<!\b{a})" for a in _ABBREVIATIONS)
    + r"[.!?][\"”’)]?[ \t]+(?=[A-Z0-9\"“‘(])"
)


_END_CHARS = re.compile(r"[\n.!?]")
"""The characters a sentence end starts with (`_SENTENCE_END`)."""


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of `text` around the span [start, end): its start and end offsets, each
    looked for at most `_REACH` characters away."""
    lo = max(0, start - _REACH)
    sentence_start = lo
    # One character past `start`, so that the look-ahead for the next sentence's first
    # character can see the figure's own.
    for m in _SENTENCE_END.finditer(text, lo, min(len(text), start + 1)):
        sentence_start = m.end()
    stop = _SENTENCE_END.search(text, end, min(len(text), end + _REACH))
    return sentence_start, (stop.start() + 1 if stop is not None else min(len(text), end + _REACH))


class Sentences:
    """Every sentence end of a text, found in one pass, so that each figure's sentence is a
    lookup (`span`) rather than a scan: what `sentence_span` gives, for a whole article."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Only where a sentence can end is the whole pattern tried (scanning every character
        # with it cost as much as the rest of the quote stage); ends do not overlap.
        ends: list[tuple[int, int]] = []
        for c in _END_CHARS.finditer(text):
            if ends and c.start() < ends[-1][1]:
                continue
            m = _SENTENCE_END.match(text, c.start())
            if m is not None:
                ends.append((m.start(), m.end()))
        self.stops = [a for a, _ in ends]
        """Where each end's punctuation or line break is."""
        self.starts = [b for _, b in ends]
        """Where the sentence after each end starts."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """`sentence_span(text, start, end)`, by lookup."""
        lo = max(0, start - _REACH)
        i = bisect_right(self.starts, start) - 1
        sentence_start = self.starts[i] if i >= 0 and self.starts[i] >= lo else lo
        j = bisect_left(self.stops, end)
        limit = min(len(self.text), end + _REACH)
        stop = self.stops[j] + 1 if j < len(self.stops) and self.stops[j] < limit else limit
        return sentence_start, stop


def _day(iso: str | None) -> date | None:
    """The day of a full ISO date ("2016-07-14", "2017-09-15T00:00:00"), else None."""
    if not iso or not re.match(r"\d{4}-\d{2}-\d{2}", iso):
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class _Dated:
    """A date named in a sentence: where, which day, and how it is introduced."""

    start: int
    end: int
    day: date
    rank: int
    """0 when an as-of word introduces it ("as of", "by"), 1 after a reporting verb ("said
    Monday"), 2 otherwise: the lowest rank wins, then the nearest to the figure."""


def _words(names: Iterable[str]) -> str:
    return "|".join(re.escape(n).replace(r"\ ", r"[ \t]+") for n in names)


_WEEKDAY = re.compile(rf"(?i)\b(?P<last>last[ \t]+)?(?P<d>{_words(WEEKDAYS)})\b(?!s\b)")
_RELATIVE = re.compile(
    rf"(?i)\b(?:(?P<same>{_words(SAME_DAY_WORDS)})|(?P<before>{_words(DAY_BEFORE_WORDS)}))\b"
)
_AS_OF_BEFORE = re.compile(rf"(?i)\b(?:{_words(AS_OF_MARKERS)})[ \t]+(?:the[ \t]+)?$")
_REPORTED_BEFORE = re.compile(
    rf"(?i)\b(?:{_words(REPORTING_VERBS)})[ \t]+(?:on[ \t]+)?(?:(?:late|early)[ \t]+)?$"
)
_NOT_AS_OF_BEFORE = re.compile(
    rf"(?i)\b(?:{_words(NOT_AS_OF_MARKERS)})[ \t]+(?:(?:on|in)[ \t]+)?"
    r"(?:(?:late|early|last)[ \t]+)?$"
)


class _Figure(NamedTuple):
    """A figure of a sentence, in the sentence's coordinates (what the rules here read)."""

    start: int
    end: int
    kind: str
    value: FigureValue
    text: str


def _sentence_figures(
    sentence: str, offset: int, article_date: str | None, figures: Sequence[FigureMention] | None
) -> list[_Figure]:
    """The figures of a sentence that starts at `offset` of its article, in the sentence's
    coordinates: taken from the article's `figures` (ordered by start) when given, else
    extracted from the sentence alone."""
    if figures is None:
        probe = Article(id="", path="", title="", text=sentence, date=article_date)
        return [_Figure(f.start, f.end, f.kind, f.value, f.text) for f in extract_figures(probe)]
    lo = bisect_left(figures, offset, key=lambda f: f.start)
    stop = offset + len(sentence)
    out = []
    for f in figures[lo:]:
        if f.start >= stop:
            break
        if f.end <= stop:
            out.append(_Figure(f.start - offset, f.end - offset, f.kind, f.value, f.text))
    return out


def _dates_in(
    sentence: str, published: date | None, figures: Sequence[_Figure] | None = None
) -> list[_Dated]:
    """The days a sentence names and that could date a figure in it: full dates (year read
    from the article's date when not written), weekdays and "yesterday" resolved against the
    article's date; never one introduced by "since", "before", ... nor one after publication.
    `figures` are the sentence's figures (`_sentence_figures`), extracted when None."""
    found: list[tuple[int, int, date]] = []
    pub_iso = published.isoformat() if published else None
    if figures is None:
        figures = _sentence_figures(sentence, 0, pub_iso, None)
    for m in figures:
        if m.kind == "date" and isinstance(m.value, str) and (d := _day(m.value)) is not None:
            found.append((m.start, m.end, d))
    if published is not None:
        for w in _WEEKDAY.finditer(sentence):
            wanted = WEEKDAYS.index(w.group("d").lower())
            back = (published.weekday() - wanted) % 7
            if w.group("last") and back == 0:
                back = 7
            if back == 6:
                # The day after the article's: its date is more often a time zone early
                # ("said Monday" in a piece dated Sunday) than the day a week before.
                continue
            found.append((w.start(), w.end(), published - timedelta(days=back)))
        for r in _RELATIVE.finditer(sentence):
            shift = 0 if r.group("same") else 1
            found.append((r.start(), r.end(), published - timedelta(days=shift)))
        # "in June" (no day, no year) in an article of a later month: that June, dated to its
        # last day so that a toll given early next month is still within days of it. A month
        # not before the article's is left alone (last year's, or a plan).
        for mo in _IN_MONTH.finditer(sentence):
            number = MONTH_NUMBERS[mo.group("m")[:3].lower()]
            if number < published.month:
                last = date(published.year, number + 1, 1) - timedelta(days=1)
                found.append((mo.start(), mo.end(), last))
    out = []
    for start, end, day in found:
        before = sentence[max(0, start - 24) : start]
        if _NOT_AS_OF_BEFORE.search(before) or (published is not None and day > published):
            continue
        rank = 0 if _AS_OF_BEFORE.search(before) else 1 if _REPORTED_BEFORE.search(before) else 2
        out.append(_Dated(start, end, day, rank))
    return out


@lru_cache(maxsize=64)
def _sentence_dates(
    sentence: str, published: date | None, figures: tuple[_Figure, ...]
) -> list[_Dated]:
    return _dates_in(sentence, published, figures)


def as_of(
    mention: FigureMention,
    article_text: str,
    article_date: str | None,
    figures: Sequence[FigureMention] | None = None,
    span: tuple[int, int] | None = None,
) -> str | None:
    """The ISO day `mention` holds for: the day its own sentence names for it, else the
    article's date (as given, possibly None or only a month). `figures`, the article's
    figures ordered by start, spare extracting the sentence's again; `span`, the figure's
    sentence (`sentence_span`), finding it again.

    Of the days the sentence names (`_dates_in`), one introduced by "as of" / "by" / "through"
    wins, then one after a reporting verb ("said Monday"), then the one nearest the figure.
    Weekdays resolve to the latest such day on or before the article's date ("last Friday":
    strictly before), but never to six days before (that weekday is the day after the
    article's: a date slip, not last week); "today", "tonight" are the article's day,
    "yesterday", "last night" the day before; without an article date only a full written
    date counts.
    """
    published = _day(article_date)
    s, e = span or sentence_span(article_text, mention.start, mention.end)
    sentence = article_text[s:e]
    here, there = mention.start - s, mention.end - s
    best: tuple[int, int] | None = None
    chosen: date | None = None
    if figures is None:
        named = _dates_in(sentence, published)
    else:
        # Figures of one sentence share its dates: read them once (`_sentence_dates`).
        named = _sentence_dates(
            sentence, published, tuple(_sentence_figures(sentence, s, None, figures))
        )
    for d in named:
        if d.start < there and here < d.end:
            continue  # the figure itself
        distance = d.start - there if d.start >= there else here - d.end
        rank = (d.rank, distance)
        if best is None or rank < best:
            best, chosen = rank, d.day
    if chosen is not None:
        return chosen.isoformat()
    return article_day(article_date)


def article_day(article_date: str | None) -> str | None:
    """What `as_of` gives a figure whose sentence names no day: its article's day in ISO
    form, or the article's date as given when it is not a full day (None, or a month)."""
    published = _day(article_date)
    return published.isoformat() if published is not None else article_date


# --- one quantity over time -----------------------------------------------------------------

Revision = Literal["correction", "rise"]
ChangeKind = Literal["agrees", "update", "dispute"]

_CORRECTION = re.compile(rf"(?i)\b(?:{_words(CORRECTION_WORDS)})\b")
_RISE = re.compile(rf"(?i)\b(?:{_words(RISE_WORDS)})\b")


@dataclass(frozen=True, slots=True)
class Reading:
    """One figure of a quantity, placed in time: what one outlet said it was on one day."""

    mention: FigureMention
    """The figure as extracted."""
    as_of: str | None
    """The ISO day it holds for (`as_of`); None or a month when unknown."""
    outlet: str | None = None
    """Who published it."""
    revision: Revision | None = None
    """"correction" when its sentence says it revises an earlier figure ("revised", "lowered"),
    "rise" when it says it rose ("rose to", "climbed"), else None."""
    historical: bool = False
    """True when its sentence anchors it in an earlier year (`historical`): a past event's
    figure, not this story's quantity."""
    interval: Interval | None = None
    """Its bounds when already known (`stored_bounds`), else computed when asked."""

    @property
    def bounds(self) -> Interval:
        """The values its words allow (`bounds`)."""
        return self.interval if self.interval is not None else bounds(self.mention)


def stored_reading(mention: FigureMention, outlet: str | None) -> Reading:
    """`mention` as a `Reading` from what a build stored on it (its as-of day, revision word,
    historical flag and interval: `reader.figures.readings`), with its article's outlet."""
    revision: Revision | None = "correction" if mention.revision == "correction" else None
    if mention.revision == "rise":
        revision = "rise"
    return Reading(mention, mention.as_of, outlet, revision, mention.past, stored_bounds(mention))


@lru_cache(maxsize=64)
def revision_in(sentence: str) -> Revision | None:
    """ "correction" or "rise" when the sentence says a figure changed, else None."""
    if _CORRECTION.search(sentence):
        return "correction"
    if _RISE.search(sentence):
        return "rise"
    return None


def read(mention: FigureMention, article: Article) -> Reading:
    """`mention` as a `Reading`: its as-of day, its article's outlet, its sentence's revision,
    whether it is historical."""
    s, e = sentence_span(article.text, mention.start, mention.end)
    return Reading(
        mention=mention,
        as_of=as_of(mention, article.text, article.date),
        outlet=article.outlet,
        revision=revision_in(article.text[s:e]),
        historical=historical(mention, article.text, article.date),
    )


@dataclass(frozen=True, slots=True)
class Change:
    """How one reading stands to the figure standing before it."""

    before: Reading
    """The earlier (or same-day) reading."""
    after: Reading
    """The reading compared with it."""
    kind: ChangeKind
    """agrees (both can hold), update, or dispute."""
    reason: str
    """Why, in a few words ("a later day, higher", "same day, cannot both hold")."""


@dataclass(frozen=True, slots=True)
class History:
    """The readings of one quantity, in as-of order, and how they follow each other."""

    readings: tuple[Reading, ...]
    """The readings with a full as-of day, by day, then article, then offset."""
    undated: tuple[Reading, ...]
    """Readings with no full as-of day: not placed in time, compared only among themselves."""
    historical: tuple[Reading, ...]
    """Readings of a past event (`Reading.historical`): another quantity, so not compared."""
    changes: tuple[Change, ...]
    """Each dated reading after the first compared with the figure standing before it, plus
    every same-day pair that cannot both hold."""
    latest: Reading | None
    """The figure standing at the end: the last update, replaced by later or narrower
    readings that agree with it; a disputing reading never replaces it."""

    @property
    def updates(self) -> tuple[Change, ...]:
        """The changes that moved the figure on: the quantity's timeline."""
        return tuple(c for c in self.changes if c.kind == "update")

    @property
    def disputes(self) -> tuple[Change, ...]:
        """The changes where two readings contradict each other."""
        return tuple(c for c in self.changes if c.kind == "dispute")

    @property
    def disputed(self) -> bool:
        """Whether any two readings contradict each other."""
        return any(c.kind == "dispute" for c in self.changes)

    @property
    def dispute_pairs(self) -> int:
        """How many pairs of values are in dispute: seven outlets giving 40 against one giving
        more than 50 on the same day are one disagreement, not seven."""
        return len({frozenset((c.before.bounds, c.after.bounds)) for c in self.disputes})

    @property
    def first(self) -> Reading | None:
        """The earliest dated reading."""
        return self.readings[0] if self.readings else None


def _replaces(c: Change) -> bool:
    """Whether `c.after` stands in for `c.before`: an update, or an agreeing reading on a
    later day or narrower than the standing one."""
    if c.kind == "update":
        return True
    if c.kind == "dispute":
        return False
    a, b = c.before.bounds, c.after.bounds
    later = (c.after.as_of or "") > (c.before.as_of or "")
    return later or (b.high - b.low) < (a.high - a.low)


def _statement(r: Reading) -> tuple[object, ...]:
    """What makes two readings one statement: article, bounds and revision word."""
    return (r.mention.article, r.bounds, r.revision)


def compare(before: Reading, after: Reading) -> Change:
    """Classify `after` against `before` (`after` is not earlier).

    On a later day, a higher figure is an update, even one the earlier bound allows ("at
    least 34,356" then 34,535: the toll rose); a lower one is an update only when its sentence
    says it was corrected, else a dispute if the two cannot both hold. On the same day, figures
    that can both hold agree ("at least 40" and 58); ones that cannot are an update when the
    higher one's sentence says it rose or was revised, or the lower one's that it was
    corrected, else a dispute. Anything else agrees.
    """
    a, b = before.bounds, after.bounds
    same_day = before.as_of == after.as_of
    if not same_day and _higher(after, before):
        return Change(before, after, "update", "a later day, higher")
    if a.intersects(b):
        return Change(before, after, "agrees", "both can hold")
    rose = b.above(a)
    high, low = (after, before) if rose else (before, after)
    if not same_day:
        if after.revision == "correction":
            return Change(before, after, "update", "a later day, corrected down")
        return Change(before, after, "dispute", "a later day, lower with no correction")
    if high.revision is not None:
        return Change(low, high, "update", f"same day, the higher one {high.revision}")
    if low.revision == "correction":
        return Change(high, low, "update", "same day, the lower one a correction")
    return Change(before, after, "dispute", "same day, cannot both hold")


def _higher(after: Reading, before: Reading) -> bool:
    """Whether `after` states a higher figure than `before`: a larger number whose interval
    starts no lower ("at least 20" then 31; not "about 200" then "at least 201")."""
    a, b = before.bounds, after.bounds
    return float(after.mention.value) > float(before.mention.value) and b.low >= a.low  # type: ignore[arg-type]


_PAIRWISE = 16
"""Up to this many distinct statements a day, each new one is compared with every other."""


class _Day:
    """The readings of one day, each new statement compared with those before it: with every
    one while there are few (`_PAIRWISE`), then only with the two that bound the day (the
    lowest ceiling and the highest floor: if it meets both, intervals on a line that meet
    pairwise meet all together), so a day of thousands of readings stays linear."""

    def __init__(self, add: Callable[[Change], None]) -> None:
        self.add = add
        self.seen: set[tuple[object, ...]] = set()
        self.few: list[Reading] = []
        self.ceiling: Reading | None = None
        self.floor: Reading | None = None

    def take(self, r: Reading) -> None:
        key = _statement(r)
        if key in self.seen:
            return
        self.seen.add(key)
        if len(self.seen) <= _PAIRWISE:
            others = list(self.few)
            self.few.append(r)
        else:
            others = [o for o in (self.ceiling, self.floor) if o is not None]
        for other in others:
            if (c := compare(other, r)).kind != "agrees":
                self.add(c)
        b = r.bounds
        if self.ceiling is None or b.high < self.ceiling.bounds.high:
            self.ceiling = r
        if self.floor is None or b.low > self.floor.bounds.low:
            self.floor = r


def history(readings: Iterable[Reading]) -> History:
    """The history of one quantity from its readings (several outlets, several days).

    Dated readings are walked in as-of order; each is compared (`compare`) with the figure
    standing before it, which an update or a narrower or later agreeing reading replaces
    and a dispute leaves standing. Every same-day pair that cannot both hold is a dispute
    too (unless a revision word orders it), once per pair of distinct intervals, so the order
    of same-day readings decides nothing (past `_PAIRWISE` distinct ones a day, each new one
    is compared with the day's bounds only: `_Day`). Undated readings are compared among
    themselves as one day's are, never placed in time; historical readings are set aside.
    Work is linear in the readings.
    """
    dated: list[Reading] = []
    undated: list[Reading] = []
    past: list[Reading] = []
    for r in readings:
        if r.historical:
            past.append(r)
        else:
            (dated if _day(r.as_of) is not None else undated).append(r)
    dated.sort(key=lambda r: (r.as_of or "", r.mention.article, r.mention.start))
    changes: list[Change] = []
    seen: set[tuple[object, ...]] = set()

    def add(c: Change) -> None:
        # One change per pair of statements: the same figures repeated in one article (a
        # headline and its lead) are one statement.
        ends = sorted([_statement(c.before), _statement(c.after)], key=repr)
        if (key := (*ends, c.kind)) not in seen:
            seen.add(key)
            changes.append(c)

    standing: Reading | None = None
    day = _Day(add)
    for i, r in enumerate(dated):
        if i and r.as_of != dated[i - 1].as_of:
            day = _Day(add)
        day.take(r)
        if standing is None:
            standing = r
            continue
        c = compare(standing, r)
        add(c)
        if _replaces(c):
            standing = c.after
    # With no day to order them, undated readings (a corpus without dates) can only be told
    # apart as the readings of one day are: a pair that cannot both hold is a dispute.
    day = _Day(add)
    for r in undated:
        day.take(r)
    return History(tuple(dated), tuple(undated), tuple(past), tuple(changes), standing)


# --- part-of and historical -----------------------------------------------------------------

_PART_THEN_WHOLE = re.compile(
    r"(?i)^[ \t]+(?:[^\W\d_][\w'’-]*[ \t]+){0,3}?(?:of|among)[ \t]+(?:the|those|these)[ \t]+$"
)
_WHOLE_THEN_PART = re.compile(
    r"(?i)^[^.;:!?\n]{0,60}?(?:,[ \t]*|[ \t]+)(?:including|among[ \t]+them|of[ \t]+whom"
    r"|of[ \t]+them)[ \t]+$"
)

# Between two parts of one list: "three Tunisians and three", "10 children, two".
_LIST_BETWEEN = re.compile(
    r"(?i)[ \t]+(?:[^\W\d_][\w'’-]*[ \t]+){0,3}?(?:and|or)[ \t]+$"
    r"|(?:[ \t]+[^\W\d_][\w'’-]*){0,3}?,[ \t]*(?:and[ \t]+)?$"
)


def part_of(
    mentions: Sequence[FigureMention], text: str
) -> list[tuple[FigureMention, FigureMention]]:
    """Pairs (part, whole) of counts of one article where the sentence makes one a part of the
    other: "21 of the more than 200 schoolgirls", "three Algerians were among the 84 people",
    "12 people, including 10 US citizens". `mentions` are the article's figures by offset;
    only neighbours are read, so the work is linear."""
    counts = [m for m in mentions if m.kind == "count" and is_number(m.value)]
    out: list[tuple[FigureMention, FigureMention]] = []
    for a, b in zip(counts, counts[1:], strict=False):
        between = text[a.end : b.start]
        if len(between) > 80:
            continue
        if _PART_THEN_WHOLE.match(between):
            part, whole = a, b
        elif _WHOLE_THEN_PART.match(between):
            part, whole = b, a
        else:
            continue
        if bounds(part).low <= bounds(whole).high:
            out.append((part, whole))
    # A list of parts shares its whole: "three Tunisians and three Algerians were among the
    # 84", "84 people, including 10 children and two Americans".
    at = {m.start: i for i, m in enumerate(counts)}
    for part, whole in list(out):
        i, step = at[part.start], (-1 if part.start < whole.start else 1)
        while 0 <= i + step < len(counts):
            a, b = sorted((counts[i], counts[i + step]), key=lambda m: m.start)
            if not _LIST_BETWEEN.match(text, a.end, b.start) or b.start - a.end > 60:
                break
            i += step
            if bounds(counts[i]).low <= bounds(whole).high:
                out.append((counts[i], whole))
    return out


# "since 2015", "since October last year": a period that runs to now, so not a past event.
_PERIOD_BEFORE = re.compile(rf"(?i)\b(?:{_words(NOT_AS_OF_MARKERS)})[ \t]+(?:[\w.]+[ \t]+){{0,2}}$")
_IN_MONTH = re.compile(
    r"\b(?:in|In)[ \t]+(?:(?:early|late|mid)[ \t-]+)?(?P<m>January|February|March|April|May|June"
    r"|July|August|September|October|November|December)\b(?![ \t]*,?[ \t]*\d)"
)
"""A month named with no day or year ("in June", "in early March")."""
_WHEN_AFTER = re.compile(r",?[ \t]+when\b")
_AGO = re.compile(rf"(?i)\b(?:{_words(AGO_WORDS)})\b")
_EARLIER = re.compile(rf"(?i)\b(?:{_words(EARLIER_WORDS)})\b")
# "13 people and wounding 42", "14 people, wounding 22 others": one event's second toll.
_SAME_EVENT_BETWEEN = re.compile(
    r"(?i)^(?:[ \t]+[^\W\d_][\w'’-]*){0,2}?(?:,[ \t]*|[ \t]+and[ \t]+)(?:[^\W\d_]+ing)[ \t]+$"
)


def _past(date_mention: _Figure, year: str) -> bool:
    """Whether a date figure names a written year before `year` ("April 2014")."""
    value = str(date_mention.value)
    return value[:4].isdigit() and value[:4] < year and value[:4] in date_mention.text


def historical(
    mention: FigureMention,
    article_text: str,
    article_date: str | None,
    figures: Sequence[FigureMention] | None = None,
    span: tuple[int, int] | None = None,
    *,
    earlier: bool = False,
) -> bool:
    """Whether the figure's sentence anchors it in an earlier year than the article's: a
    written year or dated month before it ("In October 1991, a man shoots dead 22 people",
    "a 1999 crash that killed 31"), or "last year", "two years ago", with no other count
    between that anchor and the figure (the anchor belongs to the nearest count). A year
    introduced by "since", "from", "between", ... starts a period that runs to now and
    anchors nothing. Needs the article's year; False without it.

    With `earlier`, whether it is anchored instead by words for an earlier time of the same
    year (`EARLIER_WORDS`: "last week", "four months ago"), which the caller weighs: they
    also date a follow-up's mention of its own story's toll."""
    year = article_date[:4] if article_date and re.match(r"\d{4}", article_date) else None
    if year is None:
        return False
    s, e = span or sentence_span(article_text, mention.start, mention.end)
    sentence = article_text[s:e]
    found = _sentence_figures(sentence, s, article_date, figures)
    here = next((f for f in found if f.start == mention.start - s), None)
    if here is None:
        return False
    if earlier:
        anchors = [(m.start(), m.end()) for m in _EARLIER.finditer(sentence)]
        # "in June" with no day or year, in an article of November: earlier this year.
        month = article_date[5:7] if article_date and len(article_date) >= 7 else ""
        for m in _IN_MONTH.finditer(sentence):
            if month.isdigit() and MONTH_NUMBERS[m.group("m")[:3].lower()] < int(month):
                anchors.append((m.start(), m.end()))
    else:
        anchors = [
            (f.start, f.end)
            for f in found
            if (f.kind == "year" and str(f.value) < year or f.kind == "date" and _past(f, year))
        ]
        anchors += [(m.start(), m.end()) for m in _AGO.finditer(sentence)]
    # A period's start ("since 2004") anchors nothing, unless a "when" clause tells what
    # happened then ("the worst since 2004, when seven people were killed").
    anchors = [
        (a, b)
        for a, b in anchors
        if not _PERIOD_BEFORE.search(sentence, max(0, a - 40), a) or _WHEN_AFTER.match(sentence, b)
    ]
    counts = [f for f in found if f.kind == "count" and f is not here]
    for a_start, a_end in anchors:
        lo, hi = (a_end, here.start) if a_end <= here.start else (here.end, a_start)
        between = [c for c in counts if lo <= c.start < hi]
        if not between or _one_event(sentence, between[-1], here):
            return True
    return False


def _one_event(sentence: str, other: _Figure, here: _Figure) -> bool:
    """Whether the count right before `here` tells the same event's other toll, so the anchor
    before it holds for `here` too: "killing 13 people and wounding 42"."""
    between = sentence[other.end : here.start]
    return other.end <= here.start and _SAME_EVENT_BETWEEN.match(between) is not None


def dispute_score(mentions: Sequence[FigureMention], outlets: Iterable[str]) -> float:
    """How much a disputed quantity deserves a fact-checker's eye (the figure board's order
    after its disputes): its spread, capped at 100%, weighed by how many `outlets` give it (a
    2-vs-4 split between two blogs matters less than a 0.5% spread across four outlets' death
    tolls, and without the cap a pair of small numbers would always come first)."""
    spread_ratio = min(disagreement(mentions), 1.0)
    return spread_ratio * math.log2(1 + len(set(outlets))) if spread_ratio else 0.0
