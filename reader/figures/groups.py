"""Figure groups: the mentions across articles that state one thing, possibly with different
values. A group never spans two stories.

A count of an event (`FigureMention.whom` set by `reader.figures.readings`: killed, wounded,
hospitalized, missing, hostages, displaced, arrested) is grouped by *quantity*: the event and
the population it happens to, whatever the values (an early "at least 40 dead" and a later
"58" are one toll, and its history says whether that is an update or a dispute).
- Populations: a nationality is one with "people" when the story gives values for both within
  a quarter of each other ("at least 34,356 Palestinians", "34,450 people"); any two are one
  when the story gives both the same exact value of 10 or more; never when the text makes one
  a part of the other ("10 US citizens" among "12 people": `FigureMention.whole`).
- Magnitudes: a jump by more than three times is another quantity (1,200 killed on a war's
  first day, 34,000 over six months) unless the dates show the toll rising within 30 days.
- Earlier events: counts dated more than 30 days before the others (by their own sentence's
  date), and counts whose sentence puts them in an earlier year, are groups apart.

Counts of other nouns ("69 yards", "276 girls") are not known to be one quantity: only figures
whose intervals all meet are grouped ("more than 270 girls" and "276 girls"; never 69 and 75
yards, nor "dozens" and 21). Figures with no counted category (percentages, money, durations,
ages, bare counts) group only when unit, subject and value are identical. Dates group by ISO
value; a month-day without a known year ("--10-07") joins the full date with that month and
day when exactly one such date exists among the mentions. Sorting makes grouping O(n log n)
and deterministic.

Installs compile this module with mypyc too (hatch_build.py): it groups every figure of the
corpus at each build.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from reader.figures.history import (
    History,
    Interval,
    dispute_score,
    history,
    stored_bounds,
    stored_reading,
)
from reader.figures.readings import EVENTS
from reader.figures.vocabulary import CATEGORY, GENERIC_SUBJECTS
from reader.models import FigureGroup, FigureMention, FigureValue
from reader.text import MONTH_NAMES
from reader.values import format_number, is_number

_NOT_LABELS = GENERIC_SUBJECTS | frozenset(CATEGORY)
"""Counted nouns that say nothing a label needs ("people", "deaths")."""
_PARTICIPLES = ("ed", "taken", "seen", "hurt")
"""A verb read as the counted noun ("more than 50 taken to hospital") names no label."""
_LABELLED = EVENTS - {"hostages"}
"""Categories labelled with the noun they count ("Palestinians killed")."""
_SAME_POPULATION_FROM = 10
"""The smallest value that, given for two populations of one event, makes them one."""
_CLOSE = 1.25
"""Values within this ratio could be one toll given by two outlets or on two days."""
_GAP = 3.0
"""A jump in one population's values by more than this ratio is two quantities, unless the
dates show a toll rising (`_RISE_DAYS`)."""
_RISE_DAYS = 30


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(label: str) -> str:
    slug = _NOT_SLUG.sub("-", label.lower()).strip("-")
    return slug[:60].strip("-") or "figure"


def _group_order(g: tuple[str, str, list[FigureMention]]) -> tuple[int, int, str, str, int, int]:
    """Groups by how many articles give them, then size, label, first mention (a total
    order: no two groups share their first mention)."""
    label, _, ms = g
    articles = len({m.article for m in ms}) if len(ms) > 1 else 1
    first = ms[0]
    return (-articles, -len(ms), label, first.article, first.start, first.end)


def _sort_key(m: FigureMention) -> tuple[str, int, int]:
    return (m.article, m.start, m.end)


def _date_label(iso: str) -> str:
    m = re.fullmatch(r"(\d{4}|-)-(\d{2})(?:-(\d{2}))?", iso)
    if m is None:
        return iso
    month = MONTH_NAMES[int(m.group(2)) - 1]
    if m.group(3) is None:
        return f"{month} {m.group(1)}"
    day = int(m.group(3))
    return f"{month} {day}" if m.group(1) == "-" else f"{month} {day}, {m.group(1)}"


def _label(kind: str, unit: str, counted: str | None, members: list[FigureMention]) -> str:
    first = members[0]
    if kind == "date":
        # A group may mix "--10-07" with the full date it joined; name it by the fullest.
        return _date_label(max((str(m.value) for m in members), key=lambda v: (v[0] != "-", v)))
    if kind == "year":
        return str(first.value)
    if counted is not None:
        subjects = (
            Counter(
                m.subject
                for m in members
                if m.subject
                and m.subject.lower() not in _NOT_LABELS
                and not m.subject.lower().endswith(_PARTICIPLES)
            )
            if counted in _LABELLED
            else None
        )
        if subjects:
            best = min(subjects.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            if best.lower() != counted:
                return f"{best} {counted}"
        whom = _whom(members)
        if whom is not None and whom != "people" and whom != counted:
            return f"{whom} {counted}"
        return counted
    if kind == "percent":
        return f"{_number_text(first.value)}%" if unit == "percent" else f"{first.value} points"
    if kind == "money":
        return f"{first.subject or ''} {_number_text(first.value)}".strip()
    if unit == "age":
        return f"aged {_number_text(first.value)}"
    tail = f" {first.subject}" if first.subject else ("" if unit == "count" else f" {unit}")
    return f"{_number_text(first.value)}{tail}"


def _numeric(v: FigureValue) -> float:
    return float(v) if isinstance(v, (int, float)) else 0.0


def _populations(
    ms: list[FigureMention], whole_whom: Mapping[tuple[str, int], str | None]
) -> dict[str, str]:
    """Within one story's counts of one event: each population (`whom`) -> the population it
    is one with. A nationality is one with "people" when the story gives values for both that
    could be one toll (within `_CLOSE`, at least `_SAME_POPULATION_FROM`: "at least 34,356
    Palestinians", "34,450 people"), unless the text makes one a part of the other; any two
    populations are one when the story gives both the same exact value of that size. Equal
    small values ("2 soldiers", "2 children") coincide too often to say anything."""
    parent: dict[str, str] = {}

    def root(w: str) -> str:
        while parent.get(w, w) != w:
            w = parent[w]
        return w

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb and frozenset((a, b)) not in apart:
            # "people" names the merged population when it is one of them.
            keep, gone = (ra, rb) if ra == "people" or (rb != "people" and ra < rb) else (rb, ra)
            parent[gone] = keep

    apart = {
        frozenset((m.whom, whole_whom.get((m.article, m.whole)))) for m in ms if m.whole is not None
    }
    exact: dict[float, set[str]] = defaultdict(set)
    people: list[float] = []
    nations: list[tuple[float, str]] = []
    for m in ms:
        whom = m.whom or ""
        parent.setdefault(whom, whom)
        v = _numeric(m.value)
        if v < _SAME_POPULATION_FROM:
            continue
        if m.low == m.high:
            exact[v].add(whom)
        if whom == "people":
            people.append(v)
        elif whom[:1].isupper():
            nations.append((v, whom))
    for v in sorted(exact):
        whoms = sorted(exact[v])
        for w in whoms[1:]:
            join(whoms[0], w)
    people.sort()
    for v, nation in sorted(nations):
        i = bisect_left(people, v / _CLOSE)
        if i < len(people) and people[i] <= v * _CLOSE:
            join("people", nation)
    return {w: root(w) for w in parent}


def _rising(lower: list[FigureMention], upper: list[FigureMention]) -> bool:
    """Whether far lower values before far higher ones are one toll that rose: every lower
    one dated before every higher one, within `_RISE_DAYS`."""
    low_days = [m.as_of for m in lower]
    high_days = [m.as_of for m in upper]
    if not all(d and len(d) == 10 for d in low_days + high_days):
        return False
    first, last = min(low_days), max(low_days)  # type: ignore[type-var]
    start = min(high_days)  # type: ignore[type-var]
    if last >= start:  # type: ignore[operator]
        return False
    gap = date.fromisoformat(start) - date.fromisoformat(first)  # type: ignore[arg-type]
    return gap.days <= _RISE_DAYS


def _earlier_apart(ms: list[FigureMention]) -> list[list[FigureMention]]:
    """Counts dated more than `_RISE_DAYS` before the median day of the others are an earlier
    event's, recalled for context ("the attacks in Paris that killed 130"): a group apart."""
    days = sorted(m.as_of for m in ms if m.as_of and len(m.as_of) == 10)
    if len(days) < 2:
        return [ms]
    median = date.fromisoformat(days[len(days) // 2])
    earlier = [
        m
        for m in ms
        if m.as_of
        and len(m.as_of) == 10
        and (median - date.fromisoformat(m.as_of)).days > _RISE_DAYS
    ]
    if not earlier or len(earlier) == len(ms):
        return [ms]
    return [[m for m in ms if m not in earlier], earlier]


def _magnitudes(ms: list[FigureMention]) -> list[list[FigureMention]]:
    """One population's counts of one event, cut where the values jump by more than `_GAP`
    (1,200 killed on the first day of a war, 34,000 over six months) unless the dates show
    one toll rising (`_rising`)."""
    ms = sorted(ms, key=lambda m: (_numeric(m.value), m.article, m.start))
    runs: list[list[FigureMention]] = [[ms[0]]]
    for m in ms[1:]:
        if _numeric(m.value) > _GAP * max(_numeric(runs[-1][-1].value), 0.5):
            runs.append([])
        runs[-1].append(m)
    out = [runs[0]]
    for run in runs[1:]:
        if _rising(out[-1], run):
            out[-1] = out[-1] + run
        else:
            out.append(run)
    return out


def _history(ms: list[FigureMention], outlet_of: Mapping[str, str | None]) -> History:
    return history(stored_reading(m, outlet_of.get(m.article)) for m in ms)


def group_figures(
    mentions: Iterable[FigureMention],
    story_of: Mapping[str, str] | None = None,
    taken: Iterable[str] = (),
    outlet_of: Mapping[str, str | None] | None = None,
) -> list[FigureGroup]:
    """Group figure mentions across articles that state the same thing (rule: module docstring).

    With `story_of` (article id -> story id), a group never spans two stories: a figure is
    only comparable with the same quantity of the same event. Every mention lands in exactly
    one group; groups are ordered by how many articles they span, then size, then id, and ids
    are `f:` + slug of the label, made unique with `-2`, `-3` (the widest group keeps the
    plain id), and unlike any of `taken` (the ids of groups kept from elsewhere). Each group
    with numbers is given its history (`reader.figures.history`, with each article's outlet
    from `outlet_of`): how many updates, whether disputed; and the group its figures are
    stated to be a part of.
    """
    stories = story_of or {}
    outlets = outlet_of or {}
    buckets: dict[tuple[object, ...], list[FigureMention]] = defaultdict(list)
    items = list(mentions)
    full_by_md: dict[tuple[str, str], set[str]] = defaultdict(set)
    whole_whom: dict[tuple[str, int], str | None] = {}
    wholes = {(m.article, m.whole) for m in items if m.whole is not None}
    for m in items:
        if (m.article, m.start) in wholes:
            whole_whom[(m.article, m.start)] = m.whom
        if m.kind == "date" and isinstance(m.value, str) and len(m.value) == 10:
            if m.value[:2] != "--":
                full_by_md[(stories.get(m.article, ""), m.value[5:])].add(m.value)
    clusters: list[tuple[str, str, str | None, list[FigureMention]]] = []
    for m in items:
        story = stories.get(m.article, "")
        if m.kind == "date":
            iso = str(m.value)
            if iso.startswith("--"):
                known = full_by_md.get((story, iso[2:]), set())
                if len(known) == 1:
                    iso = next(iter(known))
            buckets[(story, "date", iso)].append(m)
        elif m.kind == "count" and m.whom is not None and isinstance(m.value, (int, float)):
            buckets[(story, "event", m.unit, m.counted, m.past)].append(m)
        elif m.counted is not None and m.kind == "count" and isinstance(m.value, (int, float)):
            buckets[(story, "tol", m.kind, m.unit, m.counted, m.past)].append(m)
        else:
            buckets[
                (story, "eq", m.kind, m.unit, m.counted, (m.subject or "").lower(), str(m.value))
            ].append(m)
    # In any order: each bucket is cut on its own, and the groups are sorted at the end by a
    # key that tells every two apart (sorting 300k story-scoped keys by repr took seconds).
    for key, ms in buckets.items():
        first = ms[0]
        if key[1] == "event":
            # One quantity per population, whatever its values: 40 and 58 dead are one toll.
            one_with = _populations(ms, whole_whom)
            by_population: dict[str, list[FigureMention]] = defaultdict(list)
            for m in ms:
                by_population[one_with[m.whom or ""]].append(m)
            for population in by_population.values():
                for run in _magnitudes(population):
                    for part in _earlier_apart(run):
                        clusters.append((first.kind, first.unit, first.counted, part))
            continue
        if key[1] != "tol":
            clusters.append((first.kind, first.unit, first.counted, ms))
            continue
        # Not known to be one quantity: only figures that can all hold at once are one group
        # ("more than 270 girls", "276 girls"; never 69 and 75 yards, nor "dozens" and 21).
        category = str(key[4])
        ms = sorted(ms, key=lambda x: (_numeric(x.value), x.article, x.start))
        current: list[FigureMention] = []
        common = Interval(-math.inf, math.inf)  # the values every figure of `current` allows
        for m in ms:
            b = stored_bounds(m)
            if current and not common.intersects(b):
                clusters.append((first.kind, first.unit, category, current))
                current, common = [], Interval(-math.inf, math.inf)
            current.append(m)
            common = common.meet(b)
        if current:
            clusters.append((first.kind, first.unit, category, current))
    groups: list[tuple[str, str, list[FigureMention]]] = []
    for kind, unit, counted, ms in clusters:
        ms = sorted(ms, key=_sort_key)
        groups.append((_label(kind, unit, counted, ms), kind, ms))
    groups.sort(key=_group_order)
    seen: set[str] = set(taken)
    tried: dict[str, int] = {}  # per base, the suffix to try next: a common label ("3") is
    ids: list[str] = []  # given -2, -3 … without trying all the taken ones again
    for label, _, _ in groups:
        base = "f:" + _slug(label)
        n = tried.get(base)
        gid = base if n is None else f"{base}-{n}"
        n = n or 2
        while gid in seen:
            gid, n = f"{base}-{n}", n + 1
        tried[base] = n
        seen.add(gid)
        ids.append(gid)
    group_at = {
        (m.article, m.start): gid for gid, (_, _, ms) in zip(ids, groups, strict=True) for m in ms
    }
    out: list[FigureGroup] = []
    for gid, (label, kind, ms) in zip(ids, groups, strict=True):
        first = ms[0]
        updates, disputes, score = 0, 0, 0.0
        if len(ms) > 1 and first.whom is not None:
            h = _history(ms, outlets)
            updates, disputes = len(h.updates), h.dispute_pairs
            if disputes:
                score = dispute_score(ms, [outlets.get(m.article) or m.article for m in ms])
        # Most groups have no part in them: a Counter each would cost a second at 37k articles.
        wholes_of: dict[str, int] = {}
        for m in ms:
            if m.whole is not None and (whole := group_at.get((m.article, m.whole))) != gid:
                if whole is not None:
                    wholes_of[whole] = wholes_of.get(whole, 0) + 1
        out.append(
            FigureGroup(
                id=gid,
                label=label,
                kind=kind,
                mentions=tuple(ms),
                story=stories.get(first.article),
                counted=first.counted,
                whom=_whom(ms),
                part_of=min(wholes_of.items(), key=lambda kv: (-kv[1], kv[0]))[0]
                if wholes_of
                else None,
                updates=updates,
                disputes=disputes,
                score=score,
            )
        )
    return out


def _whom(ms: list[FigureMention]) -> str | None:
    """The population a group counts: "people" when it is one of its mentions', else the
    most given."""
    if len(ms) == 1:
        return ms[0].whom
    whoms = Counter(m.whom for m in ms if m.whom)
    if not whoms:
        return None
    if "people" in whoms:
        return "people"
    return min(whoms.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _number_text(v: FigureValue) -> str:
    """A label's number: `reader.values.format_number` for numbers, as stored otherwise."""
    return format_number(v) if is_number(v) else str(v)  # type: ignore[arg-type]
