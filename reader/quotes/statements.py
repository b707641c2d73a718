"""Statements: a story's quotes that render one utterance, and how their wordings differ.

Outlets trim, splice, re-tense and translate what was said; `group_statements` joins such
variants on their words (shared word stems, the share of the shorter quote found in the
longer, a rapidfuzz ratio), with the speaker as a strong but not absolute key. Candidate pairs
come from an inverted index of each quote's rarest stems, not from all pairs of a story.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from difflib import SequenceMatcher
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from reader.quotes.model import Quote, Statement
from reader.quotes.vocabulary import CONTRACTED, STOPWORDS

Op = Literal["equal", "insert", "delete", "replace"]
Verdict = Literal["same words", "trimmed", "words differ", "different speakers"]

_TOKEN_RE = re.compile(r"[\w’'-]+")
_STEM = 5
"""Stems are a word's first letters: "appreciated" and "appreciate" share one."""
_KEYS = 6
"""How many of its rarest stems index a quote for candidate pairs."""
_SAME_SPEAKER = 0.5
"""Share of the shorter quote's stems the longer must hold, when one speaker says both."""
_UNKNOWN_SPEAKER = 0.55
"""... when either speaker is unknown, an organisation or a description."""
_OTHER_SPEAKER = 0.8
"""... when two different people are named: the same words given to two people."""
_MAX_POSTING = 400
"""A stem in more of a story's quotes than this is too common to look up pairs by."""
_FEW = 6
"""A quote of fewer stems shares them with another only when in the same order (a fragment
"for peaceful resolution" is not "will peacefully resolve" of another speaker)."""
_MIN_SHARED = 3
"""Fewer shared stems never make one statement, whatever the share."""
_VERBATIM = 0.85
"""Share of the shorter quote's words, in order, that the longer holds for two people to be
given the same words (a misattribution) rather than saying alike things."""
_FUZZ = 85.0
"""A rapidfuzz ratio of the two normalised wordings at or above which they are one."""


_ASCII_BREAKS: dict[int, str] = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) in "_'-")}
)
"""Every ASCII character outside `_TOKEN_RE`'s words, made a space."""


def words(text: str) -> list[str]:
    """The words of a quote, lower-cased, with curly apostrophes made straight."""
    # Lowered and straightened once, not word by word: this runs over every quote of a corpus.
    low = text.lower().replace("’", "'")
    if low.isascii():
        # Most quotes: the same words as `_TOKEN_RE` finds (in ASCII its word characters are
        # letters, digits, "_", "'" and "-"), split in C at a fraction of the regex's cost.
        found: list[str] = low.translate(_ASCII_BREAKS).split()
    else:
        found = _TOKEN_RE.findall(low)
    return [w.strip("'-") for w in found]


def stems(text: str, wording: list[str] | None = None) -> set[str]:
    """The quote's content-word stems (stop words and their contractions left out: "I'll",
    "don't" and "it's" are no content); `wording` is its `words` when the caller has them."""
    out = set()
    for w in words(text) if wording is None else wording:
        if w and w not in STOPWORDS:
            if "'" not in w:  # most words: no contraction to look into
                out.add(w[:_STEM])
                continue
            base = w.partition("'")[0]
            if base not in STOPWORDS and base not in CONTRACTED:
                out.add(w[:_STEM])
    return out


def group_statements(
    quotes: Iterable[Quote],
    story_of: Callable[[str], str | None],
    speaker_entity_of: Callable[[Quote], str | None],
) -> list[Statement]:
    """Group `quotes` into statements: within each story (`story_of(article id)`; quotes of an
    article without a story stay within it), variants of one utterance are one statement.
    `speaker_entity_of(quote)` is the entity a quote's speaker resolves to, or None. Every
    quote lies in exactly one statement; statements are ordered by story then first quote."""
    stories: dict[str, list[Quote]] = defaultdict(list)
    story_ids: dict[str, str | None] = {}
    for q in quotes:
        story = story_of(q.article)
        key = story if story is not None else "article:" + q.article
        stories[key].append(q)
        story_ids[key] = story
    out: list[Statement] = []
    for key in sorted(stories):
        group = sorted(stories[key], key=lambda q: (q.article, q.start))
        speakers = [speaker_entity_of(q) for q in group]
        parts = _components(group, speakers) if len(group) > 1 else [[0]]
        for n, members in enumerate(parts, start=1):
            out.append(_statement(f"q:{key}:{n}", story_ids[key], group, speakers, members))
    return out


def _components(group: list[Quote], speakers: list[str | None]) -> list[list[int]]:
    wordings = [words(q.text) for q in group]
    stem_sets = [stems(q.text, w) for q, w in zip(group, wordings, strict=True)]
    df: Counter[str] = Counter(s for ss in stem_sets for s in ss)
    # Every quote is posted under all its stems and looks up its rarest few: a trimmed quote's
    # rare words are in the longer variant, whose own rarest words may be the ones cut.
    index: dict[str, list[int]] = defaultdict(list)
    for i, ss in enumerate(stem_sets):
        for s in ss:
            index[s].append(i)
    weight = {s: math.log(1 + len(group) / n) for s, n in df.items()}
    parent = list(range(len(group)))
    n = len(group)
    # Pairs looked at, as one number each (i * n + j, i < j): cheaper to hash than a tuple.
    seen: set[int] = set()
    joins: list[tuple[float, int, int]] = []
    for i, ss in enumerate(stem_sets):
        # its rarest stems: (count, stem) pairs sort as the stems by that key would
        rarest: list[tuple[int, str]] = sorted([(df[s], s) for s in ss])
        for count, s in rarest[:_KEYS]:
            if count > _MAX_POSTING:
                break
            for j in index[s]:
                if j == i:
                    continue
                lo, hi = (i, j) if i < j else (j, i)
                pair = lo * n + hi
                if pair in seen:
                    continue
                seen.add(pair)
                if _same_utterance(group, speakers, stem_sets, wordings, weight, lo, hi):
                    joins.append((_closeness(stem_sets[i], stem_sets[j], weight), lo, hi))
    # The closest pairs join first, and two groups join only when their longest variants are
    # one utterance too: a fragment shared by two different statements (single-link) must not
    # chain them into one.
    anchor = list(range(len(group)))
    for _, i, j in sorted(joins, key=lambda t: (-t[0], t[1], t[2])):
        ri, rj = _find(parent, i), _find(parent, j)
        if ri == rj:
            continue
        ai, aj = anchor[ri], anchor[rj]
        if (
            (ai, aj) != (i, j)
            and (aj, ai) != (i, j)
            and not _same_utterance(
                group, speakers, stem_sets, wordings, weight, min(ai, aj), max(ai, aj)
            )
        ):
            continue
        parent[rj] = ri
        anchor[ri] = ai if len(wordings[ai]) >= len(wordings[aj]) else aj
    parts: dict[int, list[int]] = defaultdict(list)
    for i in range(len(group)):
        parts[_find(parent, i)].append(i)
    return sorted(parts.values(), key=lambda p: p[0])


def _find(parent: list[int], i: int) -> int:
    """The root of `i`'s set in the union-find forest `parent`, halving the path to it."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _closeness(a: set[str], b: set[str], weight: dict[str, float]) -> float:
    """The weighted share of the smaller stem set that the other holds (1: all of it)."""
    small = a if len(a) <= len(b) else b
    total = math.fsum(weight[s] for s in small)
    return math.fsum(weight[s] for s in a & b) / total if total else 0.0


def _same_utterance(
    group: list[Quote],
    speakers: list[str | None],
    stem_sets: list[set[str]],
    wordings: list[list[str]],
    weight: dict[str, float],
    i: int,
    j: int,
) -> bool:
    a, b = stem_sets[i], stem_sets[j]
    shared = a & b
    if not shared:
        return False
    if len(shared) < _MIN_SHARED:  # a quote of a word or two: only the same words in order
        return _verbatim(a, b, shared, wordings[i], wordings[j])
    # The share of the shorter quote's words the longer holds, each word weighed by how rare
    # it is in the story: "North Korea" and "nuclear" in two quotes of a story on North Korea's
    # nuclear weapons are not the same words in the sense that "a ton of bricks" is.
    small = a if len(a) <= len(b) else b
    share = math.fsum(weight[s] for s in shared) / math.fsum(weight[s] for s in small)
    if _people_differ(group[i], group[j], speakers[i], speakers[j]):
        return share >= _OTHER_SPEAKER and _verbatim(a, b, shared, wordings[i], wordings[j])
    elif speakers[i] is not None and speakers[i] == speakers[j]:
        need = _SAME_SPEAKER
    else:
        need = _UNKNOWN_SPEAKER
    if share >= need and (len(small) >= _FEW or _in_order(wordings[i], wordings[j]) >= 0.6):
        return True
    ratio = fuzz.ratio(" ".join(wordings[i]), " ".join(wordings[j]))
    return ratio >= max(_FUZZ, need * 100)


def _verbatim(a: set[str], b: set[str], shared: set[str], wa: list[str], wb: list[str]) -> bool:
    """Whether the shorter wording's words are nearly all in the other, in order (`_VERBATIM`
    of them). Each of its stems the other lacks costs at least one word: when those alone are
    too many, no alignment is needed (most candidate pairs of a corpus end here)."""
    short, stems_of_short = (wa, a) if len(wa) <= len(wb) else (wb, b)
    if len(stems_of_short) - len(shared) > (1 - _VERBATIM) * len(short):
        return False
    return _in_order(wa, wb) >= _VERBATIM


def _in_order(wa: list[str], wb: list[str]) -> float:
    """The share of the shorter wording's words (`words`) that the other has in the same
    order (their longest common subsequence of words)."""
    return LCSseq.similarity(wa, wb) / max(1, min(len(wa), len(wb)))


def _people_differ(qa: Quote, qb: Quote, a: str | None, b: str | None) -> bool:
    """Two different people are named: a country or ministry speaking through its spokesman,
    or a description, is not a different speaker."""
    return (
        a is not None
        and b is not None
        and a != b
        and qa.speaker_kind == qb.speaker_kind == "person"
        and not _name_forms(a, b)
    )


def _name_forms(a: str, b: str) -> bool:
    """Two forms of one person's name: "Fandal", "Randy Fandal", "Chief Randy Fandal"."""
    wa, wb = set(a.lower().replace("-", " ").split()), set(b.lower().replace("-", " ").split())
    return wa <= wb or wb <= wa


def _statement(
    id_: str, story: str | None, group: list[Quote], speakers: list[str | None], members: list[int]
) -> Statement:
    if len(members) == 1:  # most quotes of a corpus are quoted once
        (i,) = members
        said = () if speakers[i] is None else (speakers[i],)
        return Statement(id_, story, (group[i],), speakers[i], said)  # type: ignore[arg-type]
    named: Counter[str] = Counter(s for s in (speakers[i] for i in members) if s is not None)
    people = {speakers[i] for i in members if speakers[i] and group[i].speaker_kind == "person"}
    order = tuple(s for s, _ in sorted(named.items(), key=lambda kv: (-kv[1], kv[0])))
    return Statement(
        id=id_,
        story=story,
        quotes=tuple(group[i] for i in members),
        speaker=order[0] if order else None,
        speakers=order,
        misattributed=len(people) > 1,
    )


def align(a: Quote | str, b: Quote | str) -> list[tuple[Op, tuple[str, ...], tuple[str, ...]]]:
    """Two wordings aligned word by word: (op, words of a, words of b) runs, where op is
    equal, insert (words only b has), delete (only a) or replace. Words are compared
    lower-cased without punctuation and returned as written."""
    ta = _surface(a.text if isinstance(a, Quote) else a)
    tb = _surface(b.text if isinstance(b, Quote) else b)
    na = [w.lower().replace("’", "'").strip("'-") for w in ta]
    nb = [w.lower().replace("’", "'").strip("'-") for w in tb]
    matcher = SequenceMatcher(None, na, nb, autojunk=False)
    out: list[tuple[Op, tuple[str, ...], tuple[str, ...]]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        out.append((op, tuple(ta[i1:i2]), tuple(tb[j1:j2])))  # type: ignore[arg-type]
    return out


def _surface(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def verdict(statement: Statement) -> Verdict:
    """One line on a statement's variants: "different speakers" when the words are given to
    two people; "same words" when every variant has the same words; "trimmed" when each is
    the longest with words left out (trimmed or spliced); else "words differ"."""
    if statement.misattributed:
        return "different speakers"
    wordings = [words(q.text) for q in statement.quotes]
    longest = max(wordings, key=len)
    if all(w == longest for w in wordings):
        return "same words"
    # Trimmed or spliced: every word of each variant is the longest's, in the same order.
    if all(LCSseq.similarity(longest, w) == len(w) for w in wordings):
        return "trimmed"
    return "words differ"


def divergence(statement: Statement) -> float:
    """How far a statement's wordings part: the largest share of one variant's words that the
    longest variant does not hold in the same order (0 for the same or trimmed words, near 1
    for wordings with little in common), rounded to thousandths."""
    wordings = [words(q.text) for q in statement.quotes]
    longest = max(wordings, key=len)
    worst = max(1 - LCSseq.similarity(longest, w) / (len(w) or 1) for w in wordings)
    return round(worst, 3)
