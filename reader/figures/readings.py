"""Reading an article's figures: for each, the day it holds for, the interval its words
allow, whether it is a past event's, the revision its sentence states, the figure it is a part
of, and what happens to whom. A per-article stage of the build (`reader.pipeline`), after
extraction: what the corpus stage `reader.figures.groups` needs to tell one quantity from
another and an update from a dispute.

What happens: the extractor's `counted` when it names an event (killed, wounded, missing,
hostages, displaced, arrested); else an event word in the clause after the noun the number
counts ("3 crew members died", "two police officers were killed"); else, for a part, its
whole's ("three Americans were among the 84 people killed"). A wounded figure whose clause
says it was taken to hospital is `hospitalized`, a quantity of its own.

To whom (`whom`): a nationality, capitalised, when the counted words name one ("Americans",
"US citizens", "American passengers" are all `American`), "people" for generic nouns (people,
victims, civilians, others), else the head noun in the singular ("crew", "child", "soldier").
Whether two populations are one is the story's to say (`reader.figures.groups`).

A number with a decimal point that names a version ("the 5.50 update") is not a count.

Every rule reads the figure's sentence or a few words around it: linear in the article.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

from reader.figures.history import (
    Sentences,
    as_of,
    bounds,
    historical,
    part_of,
    revision_in,
)
from reader.figures.vocabulary import CATEGORY, GENERIC_SUBJECTS
from reader.models import Article, FigureMention
from reader.values import is_number

__all__ = ["EVENTS", "read_figures", "whom_of"]

EVENTS = frozenset(
    {"killed", "wounded", "hospitalized", "missing", "hostages", "displaced", "arrested",
     "affected", "rescued", "infected"}
)  # fmt: skip
"""The events a count can be the quantity of: one quantity per event and population."""

_GENERIC = GENERIC_SUBJECTS | frozenset(
    """person civilians civilian dead deaths fatalities lives casualties bodies injured
    wounded those total consumers customers users citizens residents""".split()
)
# Words for an event the extractor's categories do not have, and nouns that are themselves
# what happened to the people counted ("12 victims", "20 patients").
_MORE_EVENTS = {
    "affected": "affected", "impacted": "affected", "exposed": "affected",
    "compromised": "affected", "rescued": "rescued", "infected": "infected",
}  # fmt: skip
_EVENT_NOUNS = {
    "victims": "killed", "dead": "killed", "bodies": "killed", "fatalities": "killed",
    "patients": "hospitalized", "casualties": "wounded",
}  # fmt: skip
_PARTICIPLE = ("ed", "taken", "seen", "hurt")
_BEFORE_WORDS = 4
"""How many words before a figure its event is looked for when none follows it."""
_NATION_ALIASES = {
    "us": "american", "u.s": "american", "usa": "american", "u.s.a": "american",
    "uk": "british", "u.k": "british", "briton": "british", "brit": "british",
}  # fmt: skip
_IRREGULAR = {"children": "child", "women": "woman", "men": "man", "people": "people"}
_WORD = re.compile(r"[A-Za-z][\w.'’-]*")
_CLAUSE_END = re.compile(r"[.;:!?()\n]|,\s|\s(?:and|but|while|after|as)\s|\d")
_HOSPITAL = re.compile(r"(?i)\bhospitali[sz]ed\b|\b(?:to|in)\s+(?:a\s+|the\s+)?hospitals?\b")
_VERSION_AFTER = re.compile(r"(?i)[ \t]+(?:update|version|release|patch|firmware|beta)s?\b")
_VERSION_BEFORE = re.compile(r"(?i)\b(?:version|v|release|update|iOS|Android)[ \t.]*$")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_AFTER_WORDS = 8
"""How many words after a figure its event is looked for."""


def _singular(word: str) -> str:
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def _nation(word: str) -> str | None:
    """The nationality a capitalised word names ("Americans", "US", "Briton"), or None."""
    if not word[:1].isupper():
        return None
    key = word.rstrip(".").lower()
    if key in _NATION_ALIASES:
        return _NATION_ALIASES[key].capitalize()
    if word.isupper() or len(key) < 4:
        return None
    if key.endswith(("ans", "an", "ese", "is", "i", "ish")):
        return _singular(key).capitalize()
    return None


def whom_of(subject: str | None, after: str) -> str:
    """To whom a counted event happens, from the counted noun (`subject`) or, without one, the
    few words after the number (`after`): a nationality, "people", or a head noun."""
    words = subject.split() if subject else _WORD.findall(after)[:3]
    for w in words:
        if (nation := _nation(w)) is not None:
            return nation
    if not subject:
        return "people"
    head = words[-1].lower() if words else ""
    if not head or head in _GENERIC or head in CATEGORY:
        return "people"
    if head == "members" and len(words) > 1:  # "crew members", "family members"
        head = words[-2].lower()
    return _singular(head)


def _clause_before(text: str, start: int) -> str:
    """The words before a figure back to the start of its clause (or the previous number)."""
    window = text[max(0, start - 80) : start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(window)), default=0)
    return window[cut:]


def _clause_after(text: str, end: int) -> str:
    """The words after a figure up to the end of its clause (or the next number)."""
    window = text[end : end + 120]
    stop = _CLAUSE_END.search(window)
    return window[: stop.start()] if stop else window


def _event_word(word: str) -> str | None:
    w = word.lower()
    found = CATEGORY.get(w) or _MORE_EVENTS.get(w)
    return found if found in EVENTS else None


def _event(mention: FigureMention, clause: str, before: str = "") -> str | None:
    """The event a count is of: its counted word when that is an event (or a noun that is
    one: "12 victims"), else the first event word in the words after it, else the nearest in
    the few words before it ("the toll rose to 85"); hospitalized when its clause says so."""
    event = mention.counted if mention.counted in EVENTS else None
    if event is None and mention.counted is not None:
        event = _EVENT_NOUNS.get(mention.counted.lower())
    if event is None:
        for w in _WORD.findall(clause)[:_AFTER_WORDS]:
            if (event := _event_word(w)) is not None:
                break
    if event is None and before:
        previous: list[str] = _WORD.findall(before)[-_BEFORE_WORDS:]
        for w in reversed(previous):
            if (event := _event_word(w)) is not None:
                break
    if event in ("wounded", None) and _HOSPITAL.search(clause):
        return "hospitalized"
    return event


def _article_day(day: str | None) -> str | None:
    """The article's day as `as_of` gives it when its sentence names none."""
    return day[:10] if day and _ISO_DAY.match(day) else day


def _is_version(mention: FigureMention, text: str) -> bool:
    """Whether a number with a decimal point names a version ("the 5.50 update", "version
    2.1"), not a quantity."""
    if "." not in mention.text:
        return False
    return bool(
        _VERSION_AFTER.match(text, mention.end)
        or _VERSION_BEFORE.search(text, max(0, mention.start - 12), mention.start)
    )


def read_figures(article: Article, figures: Sequence[FigureMention]) -> list[FigureMention]:
    """`figures` (the article's, as extracted) with what this module reads filled in (module
    docstring), ordered by start."""
    text, day = article.text, article.date
    ordered = sorted(figures, key=lambda f: (f.start, f.end))
    wholes = {part.start: whole for part, whole in part_of(ordered, text)}
    sentences = Sentences(text)
    events: dict[int, str | None] = {}
    out: list[FigureMention] = []
    for m in ordered:
        if m.kind == "count" and _is_version(m, text):
            m = replace(m, kind="other", unit="version", counted=None, subject=None)
        low = high = None
        counted, whom = m.counted, None
        numeric = is_number(m.value) and m.kind in ("count", "percent", "money", "other")
        if numeric:
            interval = bounds(m)
            # As floats: a vague multiple's ceiling is an int, and SQLite holds no int past 2**63.
            low = float(interval.low)
            high = None if math.isinf(interval.high) else float(interval.high)
        if m.kind == "count" and is_number(m.value):
            clause = _clause_after(text, m.end)
            event = _event(m, clause, _clause_before(text, m.start))
            whole = wholes.get(m.start)
            if event is None and whole is not None:
                event = events.get(whole.start)
                if event is None:
                    event = _event(whole, _clause_after(text, whole.end))
            events[m.start] = event
            if event is not None:
                # The population is the noun the number counts, unless that noun is the event
                # or a verb's participle ("more than 50 taken to hospital").
                subject = m.subject if m.counted == event or m.counted not in EVENTS else None
                if subject and subject.lower().endswith(_PARTICIPLE):
                    subject = None
                counted, whom = event, whom_of(subject, clause)
        s, e = sentences.span(m.start, m.end)
        out.append(
            replace(
                m,
                counted=counted,
                # A date or a year holds for itself: the article's day stands for it.
                as_of=as_of(m, text, day, ordered, (s, e)) if numeric else _article_day(day),
                low=low,
                high=high,
                past=m.kind == "count" and historical(m, text, day, ordered, (s, e)),
                revision=revision_in(text[s:e]),
                whole=wholes[m.start].start if m.start in wholes else None,
                whom=whom,
            )
        )
    return out
