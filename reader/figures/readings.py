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

Quantities a modifier makes (a design choice: one event, a qualified population): a count of
the wounded whose clause grades it ("critically injured", "in critical condition", "serious
injuries", "slightly hurt") is counted "wounded" with whom "people (critical)", "people
(serious)" or "people (slight)", even when taken to hospital; so it never joins nor disputes
the plain toll. A part written "N of the X" ("five of the dead", "ten of the 12 victims") is
whom its clause says it is ("were US citizens": American, "were relatives": relative), else
"<whom> (part)"; its event is its whole's when it has none of its own. "Those two" takes the
event and population of the same number just before it.

Past: a count is `past` when its sentence anchors it in an earlier year (`history.historical`),
when it heads a paragraph about one (a subheading "Texas restaurant: 22 dead"), or when words
for an earlier time of the year ("last week", "months ago") date it and its value is far from
the article's first count of that event and population (a follow-up's own toll stays close).

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
    article_day,
    as_of,
    bounds,
    historical,
    part_of,
    revision_in,
    sentence_span,
)
from reader.figures.vocabulary import CATEGORY, GENERIC_SUBJECTS, SEVERITY_WORDS, VAGUE
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
    wounded those total consumers customers users citizens residents spectators onlookers
    bystanders revellers revelers partygoers concertgoers festivalgoers beachgoers attendees
    crowds""".split()
)
"""Nouns that name the people of a story only by where they were or what they did there
("spectators", "revellers", "onlookers"): `people`, one population with "thousands of people"."""
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
_CREW = {
    w: "crew"
    for w in """crew crews crewmember crewmembers crewman crewmen pilot pilots copilot copilots
    co-pilot co-pilots attendants stewardesses""".split()
}
_IRREGULAR = {"children": "child", "women": "woman", "men": "man", "people": "people"}
_WORD = re.compile(r"[A-Za-z][\w.'’-]*")
_CLAUSE_END = re.compile(r"[.;:!?()\n]|,\s|\s(?:and|but|while|after|as)\s|\d")
_HOSPITAL = re.compile(
    r"(?i)\bhospitali[sz]ed\b|\b(?:to|in)\s+(?:a\s+|the\s+|two\s+|three\s+|several\s+|local\s+"
    r"|nearby\s+)?hospitals?\b"
)
_TO_SAFETY = re.compile(
    r"(?i)\b(?:moved|taken|led|brought|ushered|evacuated|fled)[ \t]+to[ \t]+safety\b"
)
# A verb that ends the words before a bare number and makes it the value of something named
# earlier in the sentence: "the death toll from the bombing rose to at least six".
_RISEN_TO = re.compile(
    r"(?i)\b(?:rose|risen|rising|climbed|jumped|increased|grew|grown|reached|reaching|stood|"
    r"stands|is\s+now|was\s+now)(?:\s+(?:to|at))?\s+$"
)
_SUBJECT_REACH = 160
"""How far back in its sentence the noun a risen-to number is the value of is looked for."""
_VERSION_AFTER = re.compile(r"(?i)[ \t]+(?:update|version|release|patch|firmware|beta)s?\b")
_VERSION_BEFORE = re.compile(r"(?i)\b(?:version|v|release|update|iOS|Android)[ \t.]*$")
_AFTER_WORDS = 8
"""How many words after a figure its event is looked for."""
_SEVERITY = [
    (grade, re.compile(r"(?i)\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"))
    for grade, words in SEVERITY_WORDS.items()
]
_SEVERITY_REACH = 80
"""How many characters of its clause a count's severity word is looked for in."""
_CONDITION = re.compile(r"(?i)\bcondition\b|\binjur|\bwound|\bhurt\b")
# "five of the dead", "ten of the 12 victims", "two of those 80 people", "eight of them": the
# count is a part of a population named after it.
_OF_THE = re.compile(r"(?i)[ \t]+of[ \t]+(?:the|those|these|them|whom)\b")
# What a part is said to be: "... were US citizens", "... were their relatives".
_COMPLEMENT = re.compile(
    r"(?i)\b(?:were|are|was|is)[ \t]+(?:(?:all|also|both|mostly)[ \t]+)?"
    r"(?:(?:their|his|her|its|the)[ \t]+)?(?P<w>[A-Za-z][\w.'’-]*)"
    r"(?:[ \t]+(?P<w2>[A-Za-z][\w'’-]*))?"
)
_COMPLEMENT_REACH = 100
# "those two people", "the 80 victims": a number that refers back to one given just before.
_BACK_REFERENCE = re.compile(r"(?i)\b(?:the|those|these)[ \t]+$")
_RECALLED_RATIO = 1.25
"""A count dated to an earlier time whose value is this far from the article's first count of
its event is a recalled event's (a toll revised between outlets stays within it)."""
_LIST_MIN = 3
"""Subheadings it takes to make a list of earlier events (`_past_lists`)."""
_LIST_GAP = 1200
"""Characters between two subheadings of one list, at most."""
_BACK_REACH = 300
"""How far back (characters) the figure a "those two" refers to is looked for."""


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
    few words after the number (`after`): a nationality, "people", or a head noun. A crew's
    roles are one population ("pilots", "crewmembers", "flight attendants": `crew`), and a
    role outranks a nationality ("two Costa Rican pilots" are crew)."""
    words = subject.split() if subject else _WORD.findall(after)[:3]
    if subject and words and (role := _CREW.get(words[-1].lower())) is not None:
        return role
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
        found: list[str] = _WORD.findall(clause)
        for w in found[:_AFTER_WORDS]:
            # The counted noun the extractor kept as a noun is not the event ("saved 100
            # lives": `lives`, no death toll).
            if w == mention.counted:
                continue
            if (event := _event_word(w)) is not None:
                break
    if event is None and _TO_SAFETY.search(clause):
        event = "displaced"  # "moved to safety", "led to safety": evacuated
    if event is None and before:
        previous: list[str] = _WORD.findall(before)[-_BEFORE_WORDS:]
        for w in reversed(previous):
            if (event := _event_word(w)) is not None:
                break
    if event in ("wounded", None) and _HOSPITAL.search(clause):
        return "hospitalized"
    return event


def _is_version(mention: FigureMention, text: str) -> bool:
    """Whether a number with a decimal point names a version ("the 5.50 update", "version
    2.1"), not a quantity."""
    if "." not in mention.text:
        return False
    return bool(
        _VERSION_AFTER.match(text, mention.end)
        or _VERSION_BEFORE.search(text, max(0, mention.start - 12), mention.start)
    )


def _risen_event(text: str, begin: int) -> str | None:
    """For a number right after a rise verb ("rose to", "reached", "stood at"), the event of
    the nearest event word earlier in its sentence ("the death toll from the bombing ... rose
    to at least six"): killed; else None."""
    if not _RISEN_TO.search(text, max(0, begin - 30), begin):
        return None
    lo, _ = sentence_span(text, begin, begin)
    before = text[max(lo, begin - _SUBJECT_REACH) : begin]
    found: list[str] = _WORD.findall(before)
    for w in reversed(found):
        if (event := _event_word(w)) is not None:
            return event
    return None


def _severity(clause: str) -> str | None:
    """How badly a count of the wounded was hurt, from the first words of its clause:
    "critical", "serious", "slight" (`SEVERITY_WORDS`), or None."""
    head = clause[:_SEVERITY_REACH]
    for grade, pattern in _SEVERITY:
        if pattern.search(head):
            return grade
    return None


def _complement(text: str, end: int) -> str | None:
    """What a part ("ten of the 12 victims") is said to be in the rest of its clause: a
    nationality ("were US citizens": American) or a plural noun in the singular ("were their
    relatives": relative); None when the clause says what happened instead ("were killed")."""
    window = text[end : end + _COMPLEMENT_REACH]
    stop = re.search(r"[.;:!?\n]|,\s", window)
    c = _COMPLEMENT.search(window[: stop.start()] if stop else window)
    if c is None:
        return None
    for w in (c.group("w"), c.group("w2")):
        if not w:
            break
        if (nation := _nation(w)) is not None:
            return nation
        low = w.lower()
        if _event_word(w) is not None or low in CATEGORY or low.endswith(_PARTICIPLE):
            return None
        if low in _IRREGULAR or (low.endswith("s") and not low.endswith("ss") and len(low) > 3):
            return _singular(low)
    return None


def _back_reference(
    m: FigureMention, text: str, earlier: Sequence[FigureMention], read: dict[int, FigureMention]
) -> FigureMention | None:
    """The count a "those two" or "the 80" refers to: the nearest earlier count of the same
    value within `_BACK_REACH` characters whose event is known, or None."""
    if not _BACK_REFERENCE.search(text, max(0, m.start - 8), m.start):
        return None
    for other in reversed(earlier):
        if other.start < m.start - _BACK_REACH:
            break
        r = read.get(other.start)
        if r is not None and r.whom is not None and other.value == m.value:
            return r
    return None


def _subheading_end(m: FigureMention, text: str) -> int:
    """Where the line of a count in a subheading ("Texas restaurant: 22 dead", a short line
    with a colon before the count and no full stop) ends, or -1 when it is in none."""
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    if line_end < 0 or line_end - line_start > 80 or ":" not in text[line_start : m.start]:
        return -1
    if text[line_start:line_end].rstrip()[-1:] in ".!?":
        return -1
    return line_end


def _heads_past_paragraph(
    m: FigureMention, text: str, ordered: Sequence[FigureMention], past: dict[int, bool]
) -> bool:
    """Whether a count in a subheading (`_subheading_end`) heads a paragraph about an earlier
    event: a count of the next line is `past`."""
    line_end = _subheading_end(m, text)
    if line_end < 0:
        return False
    next_end = text.find("\n", line_end + 1)
    next_end = len(text) if next_end < 0 else min(next_end, line_end + 600)
    return any(past.get(f.start, False) for f in ordered if line_end < f.start < next_end)


def _is_vague(m: FigureMention) -> bool:
    """Whether a count is a vague multiple ("scores", "dozens", "hundreds of")."""
    first: str = m.text.split(" ", 1)[0].lower()
    return first in VAGUE


def _far_apart(a: FigureMention, b: FigureMention) -> bool:
    """Whether two counts' values are too far apart (`_RECALLED_RATIO`) to be one toll."""
    x, y = float(a.value), float(b.value)  # type: ignore[arg-type]
    return min(x, y) <= 0 or max(x, y) / min(x, y) > _RECALLED_RATIO


def read_figures(
    article: Article, figures: Sequence[FigureMention], sentences: Sentences | None = None
) -> list[FigureMention]:
    """`figures` (the article's, as extracted) with what this module reads filled in (module
    docstring), ordered by start; `sentences` are the article's when the caller has them."""
    text, day = article.text, article.date
    ordered = sorted(figures, key=lambda f: (f.start, f.end))
    wholes = {part.start: whole for part, whole in part_of(ordered, text)}
    if sentences is None:
        sentences = Sentences(text)
    at = {m.start: i for i, m in enumerate(ordered)}
    read: dict[int, FigureMention] = {}

    def read_one(i: int) -> FigureMention:
        # A part may come before its whole ("two of those 80 people"): the whole is read first.
        m = ordered[i]
        if (done := read.get(m.start)) is not None:
            return done
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
            if event is None:
                event = _risen_event(text, m.start)
            grade = _severity(clause) if event in ("wounded", "hospitalized", None) else None
            if grade is not None and (event is not None or _CONDITION.search(clause)):
                event = "wounded"  # "in critical condition", "taken to hospital, badly hurt"
            else:
                grade = None
            whole = wholes.get(m.start)
            if event is None and whole is not None:
                event = read_one(at[whole.start]).counted
                if event not in EVENTS:
                    event = _event(whole, _clause_after(text, whole.end))
            referred = _back_reference(m, text, ordered[:i], read) if event is None else None
            if referred is not None:
                counted, whom = referred.counted, referred.whom
            elif event is not None:
                # The population is the noun the number counts, unless that noun is the event
                # or a verb's participle ("more than 50 taken to hospital").
                subject = m.subject if m.counted == event or m.counted not in EVENTS else None
                if subject and subject.lower().endswith(_PARTICIPLE):
                    subject = None
                counted, whom = event, whom_of(subject, clause)
                if _OF_THE.match(text, m.end):
                    # A part of a population named after it: what it is said to be, else a
                    # population of its own ("five of the dead" is not the toll).
                    whom = _complement(text, m.end) or f"{whom} (part)"
                if grade is not None:
                    whom = f"{whom} ({grade})"
        # Only a count of an event has a history: its own day and the revision its sentence
        # states are read for it alone (the costly part); any other figure holds for its
        # article's day. Whether it is a past event's is read for every count (a past figure
        # is grouped apart).
        timed = counted in EVENTS and m.kind == "count"
        span = sentences.span(m.start, m.end) if m.kind == "count" else (0, 0)
        m = replace(
            m,
            counted=counted,
            as_of=as_of(m, text, day, ordered, span) if timed else article_day(day),
            low=low,
            high=high,
            past=m.kind == "count" and historical(m, text, day, ordered, span),
            revision=revision_in(text[span[0] : span[1]]) if timed else None,
            whole=wholes[m.start].start if m.start in wholes else None,
            whom=whom,
        )
        read[m.start] = m
        return m

    out = [read_one(i) for i in range(len(ordered))]
    # Per event and population, the article's first current count, a vague multiple
    # ("scores", "dozens") only until a number is given: it says little about the toll's size.
    lead: dict[tuple[str, str], FigureMention] = {}
    for j, m in enumerate(out):
        if m.kind != "count" or m.past or m.counted not in EVENTS:
            continue
        key = (m.counted, m.whom or "")
        first = lead.get(key)
        if first is None:
            lead[key] = m
        elif _far_apart(first, m) and historical(m, text, day, ordered, earlier=True):
            # Dated to an earlier time ("last week", "months ago") and far from the article's
            # own figure: another event's, recalled. A follow-up's mention of its own toll
            # ("the attack last week that killed 84") is close to its lead.
            out[j] = replace(m, past=True)
        elif _is_vague(first) and not _is_vague(m):
            lead[key] = m
    past = {m.start: m.past for m in out}
    out = [
        replace(m, past=True)
        if m.kind == "count" and not m.past and _heads_past_paragraph(m, text, ordered, past)
        else m
        for m in out
    ]
    return _past_lists(out, text)


def _past_lists(out: list[FigureMention], text: str) -> list[FigureMention]:
    """A list of subheaded paragraphs ("Florida club: 49 killed", "Sandy Hook: 26 killed",
    ...) is a list of earlier events when most of its subheadings head a past paragraph: an
    item whose own paragraph gives no year ("in April") is one of them too. Items are one list
    while each is within `_LIST_GAP` characters of the one before."""
    heads = [j for j, m in enumerate(out) if m.kind == "count" and _subheading_end(m, text) >= 0]
    if len(heads) < _LIST_MIN:
        return out
    runs: list[list[int]] = [[heads[0]]]
    for j in heads[1:]:
        if out[j].start - out[runs[-1][-1]].start > _LIST_GAP:
            runs.append([])
        runs[-1].append(j)
    for run in runs:
        recalled = sum(1 for j in run if out[j].past)
        if len(run) >= _LIST_MIN and recalled * 2 > len(run):
            for j in run:
                out[j] = replace(out[j], past=True)
    return out
