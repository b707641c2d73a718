"""The fact-checker's boards: figures side by side, how outlets name an entity, coverage.

Each board is a function of a built `FactIndex` that returns plain rows for a view to show.
They read through the index's SQL, so they stay usable on a corpus of tens of thousands of
articles (run them off the UI thread there).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

from reader.attribution import find_attribution
from reader.figures.history import history, stored_reading
from reader.models import FigureMention, MentionRow
from reader.store import FactIndex
from reader.values import disagreement, is_number, spread


@dataclass(frozen=True, slots=True)
class FigureCell:
    """One outlet's statement of a figure."""

    outlet: str
    """The outlet, or a label made from the article's title when the outlet is unknown."""
    article: str
    """Article id."""
    date: str | None
    """The article's date."""
    value: int | float | str
    """The figure's value."""
    unit: str
    """count, percent, money, date, ..."""
    qualifier: str | None
    """at least, over, ... or None."""
    text: str
    """The figure as written."""
    start: int
    """Offset of the figure in the article."""
    end: int
    """End offset of the figure in the article."""
    attribution: str | None
    """The source the sentence gives ("according to Gaza's Ministry of Health"), if any."""


@dataclass(frozen=True, slots=True)
class FigureRow:
    """One figure group on the figure board."""

    id: str
    """The figure group's id."""
    label: str
    """What is counted."""
    kind: str
    """count, percent, money, date, year."""
    cells: tuple[FigureCell, ...]
    """Every mention, by article date."""
    spread: str | None
    """"34,356 – 34,535 (0.5%)" when the values differ, else None."""
    disagreement: float
    """Relative spread (max - min) / min of numeric values; 1.0 for differing dates; else 0."""
    articles: int
    """Articles that give the figure."""
    outlets: int
    """Distinct outlets (unknown outlets count per article)."""
    first: str | None = None
    """A quantity's earliest dated value as written ("at least 34,356"), else None."""
    latest: str | None = None
    """The value standing at the end of its history (updates replace, disputes do not)."""
    updates: int = 0
    """How many times the value moved on over the days (`reader.figures.history`)."""
    disputes: int = 0
    """How many pairs of its values cannot both hold and are not an update."""
    origins: int = 0
    """Independent origins of its articles (reprints of one wire copy are one)."""
    attributed: bool = True
    """Whether the cells' attributions were looked for (`attributed`)."""


@dataclass(frozen=True, slots=True)
class NamingCell:
    """How one outlet names and labels an entity."""

    outlet: str
    """The outlet (or a title-based label)."""
    spellings: tuple[tuple[str, int], ...]
    """Spellings it uses, with counts, most used first."""
    labels: tuple[tuple[str, int], ...]
    """Words it puts around the name ("resistance group …", "… terrorists"), most used first."""
    mentions: tuple[MentionRow, ...]
    """The mentions behind the cell."""


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """Which outlets mention one fact."""

    id: str
    """Entity or figure group id."""
    label: str
    """Its name or label."""
    kind: str
    """Its kind."""
    columns: AbstractSet[str]
    """The column keys (outlets) that mention it (not to be changed: a board of every fact
    of a large corpus has half a million, and copying each into a frozenset costs seconds)."""
    mentions: int
    """Mentions across the corpus."""


def outlet_labels(index: FactIndex, ids: Sequence[str] | None = None) -> dict[str, str]:
    """Article id -> the outlet to show, for every article or those of `ids`; an article of
    unknown outlet gets a title label."""
    labels = {}
    for a in index.articles() if ids is None else index.summaries(ids):
        if a.outlet:
            labels[a.id] = a.outlet
        else:
            title = " ".join(a.title.split())
            labels[a.id] = f"“{title[:22]}…”" if len(title) > 22 else f"“{title}”"
    return labels


def figure_board(
    index: FactIndex, limit: int | None = None, story: str | None = None, attribute: bool = True
) -> list[FigureRow]:
    """Figure groups given by two or more articles (of `story` only, when given), most
    disputed first; every such group unless `limit` is given. A group never spans two
    stories, so a dispute is always about one quantity of one event.

    The order is the build's (`FactIndex.figure_board_order`: each quantity's disputes and
    updates, from its history, were counted when it was grouped): disputed groups first, most
    disputes first, then ranked by `FigureGroup.score`; then those updated, most updates
    first; then the rest, most widely reported first. Only the rows listed are read, so the
    most disputed thousand of a large corpus come at once. Without `attribute`, the cells'
    attributions are left for `attributed` to find when a row is shown (they read every
    article's text: most of a large board's cost).
    """
    order = index.figure_board_order(story, limit)
    ranked = [gid for gid, _, _ in order]
    counts = {gid: (disputes, updates) for gid, disputes, updates in order}
    by_group: dict[str, list[FigureMention]] = defaultdict(list)
    meta: dict[str, tuple[str, str, int]] = {}
    ids = ranked if limit is not None else None
    for (gid, label, kind, arts), mention in index.grouped_figures(2, story, ids):
        by_group[gid].append(mention)
        meta[gid] = (label, kind, arts)
    # Only the articles the board shows (one story's few, not the corpus' every one).
    shown = sorted({m.article for gid in ranked for m in by_group[gid]})
    outlets = outlet_labels(index, shown)
    dates = {a.id: a.date for a in index.summaries(shown)}
    histories = {
        gid: history(stored_reading(m, outlets.get(m.article)) for m in by_group[gid])
        for gid in ranked
        if by_group[gid][0].whom is not None and all(is_number(m.value) for m in by_group[gid])
    }
    origin_of = index.origins_of({m.article for gid in ranked for m in by_group[gid]})
    rows = []
    for gid in ranked:
        mentions = sorted(
            by_group[gid], key=lambda m: (dates.get(m.article) or "~", m.article, m.start)
        )
        cells = [
            FigureCell(
                outlet=outlets.get(m.article, m.article),
                article=m.article,
                date=dates.get(m.article),
                value=m.value,
                unit=m.unit,
                qualifier=m.qualifier,
                text=m.text,
                start=m.start,
                end=m.end,
                attribution=None,
            )
            for m in mentions
        ]
        label, kind, arts = meta[gid]
        h = histories.get(gid)
        first = h.first if h is not None else None
        rows.append(
            FigureRow(
                id=gid,
                label=label,
                kind=kind,
                cells=tuple(cells),
                spread=spread(mentions, mentions[0].unit if mentions else None),
                disagreement=disagreement(mentions),
                articles=arts,
                outlets=len({c.outlet for c in cells}),
                first=first.mention.text if first else None,
                latest=h.latest.mention.text if h is not None and h.latest else None,
                updates=counts[gid][1],
                disputes=counts[gid][0],
                origins=len({origin_of.get(c.article, c.article) for c in cells}),
                attributed=False,
            )
        )
    return attributed(index, rows) if attribute else rows


def attributed(index: FactIndex, rows: Sequence[FigureRow]) -> list[FigureRow]:
    """The rows with each cell's attribution, the source its sentence gives. Each article's
    text is read once for all its figures (an article gives figures to many groups)."""
    todo = [r for r in rows if not r.attributed]
    by_article: dict[str, list[FigureCell]] = defaultdict(list)
    for row in todo:
        for c in row.cells:
            by_article[c.article].append(c)
    found: dict[tuple[str, int, int], str | None] = {}
    for article, cells in by_article.items():
        text = index.article(article).text
        for c in cells:
            found[(article, c.start, c.end)] = find_attribution(text, c.start, c.end)
    return [
        row
        if row.attributed
        else replace(
            row,
            cells=tuple(
                replace(c, attribution=found[(c.article, c.start, c.end)]) for c in row.cells
            ),
            attributed=True,
        )
        for row in rows
    ]


_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_FUNCTION_WORDS = frozenset(
    """a an the of to in on at by for from with and or but as that this these those its his her
    their our your my which who whom whose what when where while after before since during
    between against into onto over under about than then also not no nor so yet if is are was
    were be been being has have had do does did said says say told tells added stated according
    will would can could may might must shall should led run backed based last next first such
    he she it they we i you there here all both each other another more most some any
    many""".split()
)


_VERBS = frozenset(
    """met meet meets held hold holds came come comes agreed agree agrees govern governs
    governed host hosts destroy destroys support supports reflect reflects invade invades won
    win wins took take takes made make makes gave give gives went go goes get gets got seized
    seize seizes called call calls urged urge urges sent send sends rejected reject rejects
    accused accuse accuses blamed blame blames warned warn warns met visited visit visits
    claimed claim claims launched launch launches killed kill kills attacked attack attacks
    fired fire fires remains remain remained became become becomes seen see sees saw want
    wants wanted need needs needed didn't doesn't don't isn't wasn't won't can't""".split()
)


def _verbish(word: str) -> bool:
    """A cheap guess that a word is a verb or adverb, not part of a label."""
    w = word.casefold()
    return (
        w in _VERBS
        or w in _FUNCTION_WORDS
        or w.endswith(("ed", "ing", "ly", "ize", "ise", "izes", "ises"))
        or "'" in w
        or "’" in w
    )


def _left_label(text: str, start: int) -> str | None:
    """The descriptor written right before a name: "resistance group", "Hamas chief"."""
    window = text[max(0, start - 60) : start]
    if window and not window[-1].isspace():
        return None
    tail = re.split(r"[.,;:!?()\[\]\"“”—–\n]", window)[-1]
    words = _WORD.findall(tail)[-3:]
    kept: list[str] = []
    for w in reversed(words):
        if _verbish(w):
            break
        kept.insert(0, w)
    if not kept:
        return None
    return " ".join(kept).casefold() + " …"


def _right_label(text: str, end: int) -> str | None:
    """The noun written right after a name: "terrorists", "political leader"."""
    window = text[end : end + 40]
    if window[:2] in ("’s", "'s"):
        window = window[2:]
    elif window[:1] == "-":  # Hamas-run, Fatah-led
        word = _WORD.match(window[1:])
        return f"…-{word.group(0).casefold()}" if word else None
    if not window[:1].isspace():
        return None
    head = re.split(r"[.,;:!?()\[\]\"“”—–\n]", window)[0]
    kept: list[str] = []
    for w in _WORD.findall(head)[:2]:
        if w[0].isupper() or _verbish(w):
            break
        kept.append(w.casefold())
    return "… " + " ".join(kept) if kept else None


def naming_board(index: FactIndex, entity_id: str) -> list[NamingCell]:
    """Per outlet: the spellings of an entity and the words put around it, most mentions first."""
    outlets = outlet_labels(index)
    per_outlet: dict[str, list[MentionRow]] = defaultdict(list)
    for m in index.mentions_of(entity_id):
        per_outlet[outlets.get(m.article, m.article)].append(m)
    cells = []
    for outlet, mentions in per_outlet.items():
        spellings = Counter(m.text for m in mentions)
        labels: Counter[str] = Counter()
        for m in mentions:
            text = index.article(m.article).text
            for label in (_left_label(text, m.start), _right_label(text, m.end)):
                if label:
                    labels[label] += 1
        cells.append(
            NamingCell(
                outlet=outlet,
                spellings=tuple(spellings.most_common()),
                labels=tuple(labels.most_common()),
                mentions=tuple(mentions),
            )
        )
    cells.sort(key=lambda c: (-len(c.mentions), c.outlet))
    return cells


def coverage(index: FactIndex, limit: int | None = None) -> tuple[list[str], list[CoverageRow]]:
    """(column keys, rows): which outlets mention which facts; every fact unless `limit`.

    The facts most outlets report come first (then the most mentioned), so those named by
    one outlet only come last. Columns are outlets, most articles first.
    """
    outlets = outlet_labels(index)
    per_fact: dict[str, set[str]] = defaultdict(set)
    for fact, article in index.fact_article_pairs():
        per_fact[fact].add(outlets.get(article, article))
    info = {fid: (label, kind, n) for fid, label, kind, n in index.fact_infos()}
    ranked = sorted(
        (f for f in per_fact if f in info),
        key=lambda f: (-len(per_fact[f]), -info[f][2], f),
    )[:limit]
    rows = [CoverageRow(f, info[f][0], info[f][1], per_fact[f], info[f][2]) for f in ranked]
    articles_per_outlet = Counter(outlets.values())
    columns = sorted(articles_per_outlet, key=lambda o: (-articles_per_outlet[o], o))
    return columns, rows
