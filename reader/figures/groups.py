"""Figure groups: the mentions across articles that state one thing, possibly with different
values.

Grouping rule: the key is (kind, unit, counted) plus the currency for money. Within a key the
values are sorted once and cut into clusters in a single pass: the next value joins the current
cluster while it is within `step` of the previous value and within `span` of the cluster's
smallest value (both ratios). Casualty tolls (killed, wounded, hostages, arrested) use step
1.25 and span 1.5: breaking-news tolls are revised and rounded between outlets ("at least 50"
-> 58 -> 59 dead; "nearly 80" vs 84) by up to a fifth, while distinct facts of the same
category that a reader must not confuse usually differ by far more (1,200 killed on one day
vs 34,000 over a war). Estimates of people missing, displaced or living somewhere are rounder
and vaguer ("an estimated 10,000" vs "at least 7,000"), so they use step 1.5 and span 2.
Other counted nouns use step and span 1.15. Figures with no counted category (percentages,
money, durations, ages, bare counts) group only when unit, subject and value are identical.
Dates group by ISO value; a month-day without a known year ("--10-07") joins the full date
with that month and day when exactly one such date exists among the mentions. Sorting makes
grouping O(n log n) and deterministic.

Installs compile this module with mypyc too (hatch_build.py): it groups every figure of the
corpus at each build.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from reader.figures.vocabulary import GENERIC_SUBJECTS
from reader.models import FigureGroup, FigureMention, FigureValue
from reader.text import MONTH_NAMES
from reader.values import format_number, is_number

_TOLERANCES: dict[str, tuple[float, float]] = {
    "killed": (1.25, 1.5), "wounded": (1.25, 1.5), "hostages": (1.25, 1.5),
    "arrested": (1.25, 1.5), "missing": (1.5, 2.0), "displaced": (1.5, 2.0),
    "population": (1.5, 2.0),
}  # fmt: skip
_DEFAULT_TOLERANCE = (1.15, 1.15)
_CATEGORIES = frozenset(_TOLERANCES)


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
        subjects = Counter(
            m.subject for m in members if m.subject and m.subject.lower() not in GENERIC_SUBJECTS
        )
        if counted in _CATEGORIES and counted not in ("hostages", "population") and subjects:
            best = min(subjects.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            if best.lower() != counted:
                return f"{best} {counted}"
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


def group_figures(
    mentions: Iterable[FigureMention],
    story_of: Mapping[str, str] | None = None,
    taken: Iterable[str] = (),
) -> list[FigureGroup]:
    """Group figure mentions across articles that state the same thing (rule: module docstring).

    With `story_of` (article id -> story id), a group never spans two stories: a figure is
    only comparable with the same quantity of the same event. Every mention lands in exactly
    one group; groups are ordered by how many articles they span, then size, then id, and ids
    are `f:` + slug of the label, made unique with `-2`, `-3` (the widest group keeps the
    plain id), and unlike any of `taken` (the ids of groups kept from elsewhere).
    """
    stories = story_of or {}
    buckets: dict[tuple[object, ...], list[FigureMention]] = defaultdict(list)
    items = list(mentions)
    full_by_md: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in items:
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
        elif m.counted is not None and m.kind == "count" and isinstance(m.value, (int, float)):
            buckets[(story, "tol", m.kind, m.unit, m.counted)].append(m)
        else:
            buckets[
                (story, "eq", m.kind, m.unit, m.counted, (m.subject or "").lower(), str(m.value))
            ].append(m)
    # In any order: each bucket is cut on its own, and the groups are sorted at the end by a
    # key that tells every two apart (sorting 300k story-scoped keys by repr took seconds).
    for key, ms in buckets.items():
        first = ms[0]
        if key[1] != "tol":
            clusters.append((first.kind, first.unit, first.counted, ms))
            continue
        category = str(key[4])
        step, span = _TOLERANCES.get(category, _DEFAULT_TOLERANCE)
        ms = sorted(ms, key=lambda x: (_numeric(x.value), x.article, x.start))
        current: list[FigureMention] = []
        low = prev = 0.0
        for m in ms:
            v = _numeric(m.value)
            if current and (v <= 0 < low or v > prev * step or v > low * span) and v != prev:
                clusters.append((first.kind, first.unit, category, current))
                current = []
            if not current:
                low = v
            current.append(m)
            prev = v
        if current:
            clusters.append((first.kind, first.unit, category, current))
    groups: list[tuple[str, str, list[FigureMention]]] = []
    for kind, unit, counted, ms in clusters:
        ms = sorted(ms, key=_sort_key)
        groups.append((_label(kind, unit, counted, ms), kind, ms))
    groups.sort(key=_group_order)
    seen: set[str] = set(taken)
    tried: dict[str, int] = {}  # per base, the suffix to try next: a common label ("3") is
    out: list[FigureGroup] = []  # given -2, -3 … without trying all the taken ones again
    for label, kind, ms in groups:
        base = "f:" + _slug(label)
        n = tried.get(base)
        gid = base if n is None else f"{base}-{n}"
        n = n or 2
        while gid in seen:
            gid, n = f"{base}-{n}", n + 1
        tried[base] = n
        seen.add(gid)
        out.append(FigureGroup(id=gid, label=label, kind=kind, mentions=tuple(ms)))
    return out


def _number_text(v: FigureValue) -> str:
    """A label's number: `reader.values.format_number` for numbers, as stored otherwise."""
    return format_number(v) if is_number(v) else str(v)  # type: ignore[arg-type]
