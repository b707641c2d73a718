"""Story detection: which articles report one real-world event, and which reprint one wire copy."""

from __future__ import annotations

import bisect
import datetime as _dt
import hashlib
import heapq
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
from scipy import sparse

from reader.models import Article
from reader.story_words import STOP_WORDS

__all__ = [
    "Story",
    "StoryAssignment",
    "StoryFeatures",
    "attach_stories",
    "detect_stories",
    "story_features",
    "summarise_stories",
]

# ---------------------------------------------------------------------------
# Tunables. Each is set by what it means, not fitted to a labelled file.
# ---------------------------------------------------------------------------

MAX_TERMS = 160
"""At most this many distinct content terms per article (the heaviest; ties: smaller hash)."""
TITLE_WEIGHT = 5
"""A title word counts as this many words of text."""
NAME_BOOST = 2
"""Added to a word's count per capitalised use in the text (it looks like a name)."""
SKETCH_SIZE = 64
"""Bottom-k sketch size: resemblance is estimated to within about +-0.06."""
SHINGLE_WORDS = 4
"""Words per shingle for near-duplicate text."""
MAX_LEAD_CHARS = 2000
"""Only the first characters (about 300 words) are read: news states its event in the lead,
and a reprint copies the lead, whatever it does to the tail."""

SAME_EVENT = 0.16
"""Average tf-idf cosine between two groups at or above which they report one event."""
LONE_EVENT = 0.12
"""An article left alone by the linkage joins the story of several articles it is most
similar to when its average cosine to that story's articles is at least this (3/4 of
SAME_EVENT). One article's similarities are depressed by what it alone carries (a short
page's chrome, a feature's own angle), while the story's are a consensus of several
reports; two lone articles, or two stories, still need SAME_EVENT."""
UNDATED_FACTOR = 0.75
"""Similarity is scaled by this when either article has no date (be conservative)."""
FULL_DAYS = 3
"""Articles at most this many days apart are compared at full similarity."""
WINDOW_DAYS = 10
"""Beyond FULL_DAYS similarity fades linearly to nothing at this many days apart."""
COPY_RESEMBLANCE = 0.5
"""Shingle resemblance (Jaccard) at or above which one article reprints the other's copy."""
COPY_MIN_COSINE = 0.5
"""Only pairs at least this similar in content are checked for copied text."""
BLOCK_MAX_DF = 0.05
"""Terms in more than this share of the corpus (and more than BLOCK_MIN_DF articles) never
make a candidate pair on their own: they are too common to name an event."""
BLOCK_MIN_DF = 40
"""See BLOCK_MAX_DF: small corpora keep every term that is in at most this many articles."""
BACKGROUND = 300
"""Inverse document frequency counts this many unseen articles in with the corpus: a word in
3 of 5 seed articles is still rare in the news at large, so a small corpus is weighed like a
slice of a larger one (and a large one hardly changes)."""
UNDATED_BLOCK_DF = 30
"""A term in at most this many articles is rare enough to pair an undated article..."""
UNDATED_MIN_SHARED = 2
"""...with another that shares at least this many of them."""
EDGE_FLOOR = 0.05
"""Pairs less similar than this count as unrelated (zero) in the average."""


@dataclass(frozen=True, slots=True)
class StoryFeatures:
    """What story detection needs to know about one article; small, plain and picklable."""

    id: str
    """The article's id."""
    day: int | None
    """Publication date as a proleptic Gregorian ordinal, or None when not known to the day."""
    outlet: str | None
    """Who published it, when known."""
    given: str | None
    """A story id given with the article (an aggregator's cluster id), honoured as-is."""
    title: str
    """The headline (cut to 200 characters), to name the story."""
    terms: tuple[int, ...]
    """Hashed content words of the title and lead (CRC-32 of the lower-cased word), ascending."""
    weights: tuple[int, ...]
    """Weighted count of each term in the lead: x TITLE_WEIGHT in the title, + NAME_BOOST per
    capitalised (name-like) use."""
    sketch: tuple[int, ...]
    """Bottom-k sketch: the smallest hashes of the text's word shingles, ascending."""


@dataclass(frozen=True, slots=True)
class StoryAssignment:
    """Which story one article belongs to, and whose copy it reprints."""

    article: str
    """The article's id."""
    story: str
    """Stable story id: the given id, or `s:` + a hash of the story's earliest article id."""
    origin: str
    """Id of the earliest (then smallest-id) article of its near-duplicate group; its own id
    when it reprints nobody's copy."""


@dataclass(frozen=True, slots=True)
class Story:
    """One story as the reader lists it."""

    id: str
    """The story id."""
    title: str
    """A representative headline: the most reprinted copy's, else the earliest article's."""
    articles: tuple[str, ...]
    """Ids of its articles, by date then id (undated last)."""
    first: str | None
    """The earliest publication date (ISO), or None when no article is dated."""
    last: str | None
    """The latest publication date (ISO), or None when no article is dated."""
    outlets: tuple[str, ...]
    """The distinct outlets, sorted."""
    origins: int
    """How many distinct texts it has: articles minus reprinted copies."""


# ---------------------------------------------------------------------------
# Per-article stage
# ---------------------------------------------------------------------------


class _WordIds(dict[str, int]):
    """Memoised CRC-32 of words: stable across processes, unlike `hash(str)`."""

    def __missing__(self, word: str) -> int:
        if len(self) > 500_000:  # bound a long-lived worker's memory
            self.clear()
        value = zlib.crc32(word.encode("utf-8", "surrogatepass"))
        self[word] = value
        return value


_WORD_IDS = _WordIds()
_PUNCTUATION = "\"'()[]{}<>/\\|,;:!?.*#@+=&%$^~`_-\u2018\u2019\u201c\u201d\u2013\u2014\u2026"
_NAME_LIKE = re.compile(r"[A-Z][a-z]{2,}")
"""A capitalised word: likely part of a name (sentence openers are mostly stop words)."""


def _day(date: str | None) -> int | None:
    if not date or len(date) < 10:
        return None
    try:
        return _dt.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None


def _body(article: Article) -> str:
    if not article.boilerplate:
        return article.text
    text, parts, pos = article.text, [], 0
    for start, end in sorted(article.boilerplate):
        if start > pos:
            parts.append(text[pos:start])
        pos = max(pos, end)
    parts.append(text[pos:])
    return "\n".join(parts)


def _shingle_sketch(ids: list[int]) -> tuple[int, ...]:
    """The SKETCH_SIZE smallest hashes of the word SHINGLE_WORDS-grams of `ids`."""
    if not ids:
        return ()
    words = np.asarray(ids, dtype=np.uint64)
    if len(words) < SHINGLE_WORDS:
        words = np.concatenate([words, np.zeros(SHINGLE_WORDS - len(words), dtype=np.uint64)])
    n = len(words) - SHINGLE_WORDS + 1
    h = np.zeros(n, dtype=np.uint64)
    for k, mult in enumerate(_SHINGLE_MULTIPLIERS):
        h = (h + words[k : k + n] * mult) * _MIX  # wraps modulo 2**64, as a hash should
    h ^= h >> np.uint64(29)
    h.sort()
    smallest = h[: 2 * SKETCH_SIZE].tolist()  # repeated shingles are rare; drop them here
    return tuple(sorted(set(smallest)))[:SKETCH_SIZE]


_SHINGLE_MULTIPLIERS = tuple(
    np.uint64(m)
    for m in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5)
)
_MIX = np.uint64(0xFF51AFD7ED558CCD)


class _TermIds(dict[str, int]):
    """Memoised term id of a lower-cased token: punctuation and a possessive 's stripped; 0
    for a stop word, a number or a word of one or two letters."""

    def __missing__(self, token: str) -> int:
        if len(self) > 500_000:
            self.clear()
        word = token.strip(_PUNCTUATION)
        if word[-2:] in _POSSESSIVES:  # Trump's, Hamas’s
            word = word[:-2]
        keep = len(word) > 2 and word.isalpha() and word not in STOP_WORDS
        value = _WORD_IDS[word] if keep else 0
        self[token] = value
        return value


_TERM_IDS = _TermIds()
_POSSESSIVES = ("'s", "\u2019s")


def story_features(article: Article, given: str | None = None) -> StoryFeatures:
    """The features of one article (title and text outside boilerplate), for `detect_stories`.

    `given` is a story id that came with the article; articles sharing one form one story.
    It runs on every article, so it reads only the first MAX_LEAD_CHARS characters, with
    whitespace splits, C-level counting and numpy, and Python-level work per distinct word.
    """
    title = article.title or ""
    text = _body(article)[:MAX_LEAD_CHARS]
    lower = text.lower().split()
    # Sketch: shingles of the lower-cased words as written (punctuation included: a copy
    # copies it too). Word ids are CRC-32s, so the hashes agree across processes.
    sketch = _shingle_sketch(list(map(_WORD_IDS.__getitem__, lower)))
    # Terms: title and lead. A capitalised word in the text (not in the title-cased
    # headline) looks like a name and counts extra.
    counts = Counter(lower)
    for token, n in Counter(title.lower().split()).items():
        counts[token] += n * TITLE_WEIGHT
    for name, n in Counter(_NAME_LIKE.findall(text)).items():
        counts[name.lower()] += n * NAME_BOOST
    weights: dict[int, int] = {}
    term_ids = _TERM_IDS
    for token, n in counts.items():
        term = term_ids[token]
        if term:
            weights[term] = weights.get(term, 0) + n
    kept = sorted(weights)
    if len(kept) > MAX_TERMS:
        kept = sorted(sorted(kept, key=lambda t: -weights[t])[:MAX_TERMS])
    return StoryFeatures(
        id=article.id,
        day=_day(article.date),
        outlet=article.outlet,
        given=given,
        title=title[:200],
        terms=tuple(kept),
        weights=tuple(weights[t] for t in kept),
        sketch=sketch,
    )


# ---------------------------------------------------------------------------
# Corpus stage
# ---------------------------------------------------------------------------


def _story_id(first_article: str) -> str:
    return "s:" + hashlib.blake2b(first_article.encode("utf-8"), digest_size=5).hexdigest()


def _order_key(f: StoryFeatures) -> tuple[int, int, str]:
    """Earliest first, then smallest id; undated after every dated article."""
    return (0, f.day, f.id) if f.day is not None else (1, 0, f.id)


def _resemblance(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Jaccard resemblance of two texts' shingle sets, estimated from their bottom-k sketches."""
    if not a or not b:
        return 0.0
    k = min(SKETCH_SIZE, len(set(a) | set(b)))
    union_bottom = heapq.nsmallest(k, set(a) | set(b))
    both = set(a) & set(b)
    return sum(1 for h in union_bottom if h in both) / k


def _date_factor(d1: int | None, d2: int | None) -> float:
    if d1 is None or d2 is None:
        return UNDATED_FACTOR
    gap = abs(d1 - d2)
    if gap <= FULL_DAYS:
        return 1.0
    if gap >= WINDOW_DAYS:
        return 0.0
    return 1.0 - (gap - FULL_DAYS) / (WINDOW_DAYS - FULL_DAYS)


@dataclass(frozen=True, slots=True)
class _Vectors:
    """The corpus as sparse matrices, one row per article (rows in `features` order)."""

    tfidf: sparse.csr_matrix
    """Row-normalised tf-idf weights; a row's dot product with another is their cosine."""
    block: sparse.csr_matrix
    """1 where an article has a block term: in 2 to BLOCK_MAX_DF of the corpus."""
    rare: sparse.csr_matrix
    """1 where an article has a rare term: in 2 to UNDATED_BLOCK_DF articles."""


def _vectors(
    features: Sequence[StoryFeatures], cols: np.ndarray, df: np.ndarray, n: int
) -> _Vectors:
    """Matrices of `features`; `cols` and `df` give each (article, term) entry, in the order
    of the articles' terms, its column and its document frequency over `n` articles.

    Terms seen in only one article still weigh in each norm: they are evidence of difference.
    Arrays are 32-bit: at 37,554 articles there are about 5 million entries.
    """
    lengths = np.fromiter((len(f.terms) for f in features), dtype=np.int64, count=len(features))
    offsets = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(lengths)])
    values = np.fromiter(
        chain.from_iterable(f.weights for f in features), dtype=np.float32, count=int(offsets[-1])
    )
    np.maximum(values, 1.0, out=values)
    np.log(values, out=values)
    values += 1.0
    values *= np.log((n + BACKGROUND) / df).astype(np.float32)
    row_of = np.repeat(np.arange(len(features), dtype=np.int32), lengths)
    norms = np.sqrt(np.bincount(row_of, weights=values * values, minlength=len(features)))
    values /= np.where(norms > 0, norms, 1.0).astype(np.float32)[row_of]
    shape = (len(features), int(cols.max()) + 1 if len(cols) else 0)
    block_cap = max(BLOCK_MIN_DF, BLOCK_MAX_DF * n)

    def indicator(keep: np.ndarray) -> sparse.csr_matrix:
        counts = np.bincount(row_of[keep], minlength=len(features))
        kept_offsets = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(counts)])
        ones = np.ones(int(kept_offsets[-1]), dtype=np.float32)
        return sparse.csr_matrix((ones, cols[keep], kept_offsets), shape=shape)

    return _Vectors(
        tfidf=sparse.csr_matrix((values, cols, offsets), shape=shape),
        block=indicator((df > 1) & (df <= block_cap)),
        rare=indicator((df > 1) & (df <= UNDATED_BLOCK_DF)),
    )


def _corpus_vectors(features: Sequence[StoryFeatures]) -> _Vectors:
    """`_vectors` with document frequencies counted over `features` themselves."""
    total = sum(len(f.terms) for f in features)
    terms = np.fromiter(
        chain.from_iterable(f.terms for f in features), dtype=np.uint32, count=total
    )
    _, cols, counts = np.unique(terms, return_inverse=True, return_counts=True)
    del terms
    cols = cols.astype(np.int32)
    df = counts[cols].astype(np.float32)
    return _vectors(features, cols, df, len(features))


def _date_factors(d1: np.ndarray, d2: np.ndarray) -> np.ndarray:
    """`_date_factor` of every pair of days in d1 x d2 (both dated)."""
    gap = np.abs(d1[:, None] - d2[None, :]).astype(np.float64)
    return np.clip(1.0 - (gap - FULL_DAYS) / (WINDOW_DAYS - FULL_DAYS), 0.0, 1.0)


def _pair_similarities(
    features: Sequence[StoryFeatures], vectors: _Vectors
) -> dict[tuple[int, int], float]:
    """Cosine (scaled by date distance) of every candidate pair i < j at least EDGE_FLOOR.

    Dated candidates share a block term and are dated within WINDOW_DAYS of each other: rows
    are taken in date order, a chunk at a time, against the rows of their date window, so the
    cost grows with the corpus times the articles per window. An undated article is a
    candidate of any other that shares UNDATED_MIN_SHARED rare terms with it.
    """
    n = len(features)
    x, xb, xr = vectors.tfidf, vectors.block, vectors.rare
    day_of = [f.day for f in features]
    dated = np.asarray(
        sorted((i for i in range(n) if day_of[i] is not None), key=lambda i: (day_of[i], i)),
        dtype=np.int64,
    )
    undated = np.asarray([i for i in range(n) if day_of[i] is None], dtype=np.int64)
    days = np.asarray([day_of[i] for i in dated.tolist()], dtype=np.int64)
    lefts: list[np.ndarray] = []
    rights: list[np.ndarray] = []
    scores: list[np.ndarray] = []
    chunk = 256
    for start in range(0, len(dated), chunk):
        stop = min(start + chunk, len(dated))
        hi = int(np.searchsorted(days, days[stop - 1] + WINDOW_DAYS, side="right"))
        rows, others = dated[start:stop], dated[start:hi]  # partners after the row: pairs once
        cos = (x[rows] @ x[others].T).toarray()
        shared = (xb[rows] @ xb[others].T).toarray()
        score = cos * _date_factors(days[start:stop], days[start:hi])
        later = np.arange(start, hi)[None, :] > np.arange(start, stop)[:, None]
        r, c = np.nonzero((shared > 0) & (score >= EDGE_FLOOR) & later)
        lefts.append(rows[r])
        rights.append(others[c])
        scores.append(score[r, c])
    everyone = np.concatenate([dated, undated])
    for start in range(0, len(undated), chunk):
        rows = undated[start : start + chunk]
        others = everyone[: len(dated) + start + chunk]  # undated partners: each pair once
        shared = (xr[rows] @ xr[others].T).tocoo()
        keep = shared.data >= UNDATED_MIN_SHARED
        left, right = rows[shared.row[keep]], others[shared.col[keep]]
        position = np.searchsorted(undated, right)
        is_undated = (position < len(undated)) & (
            undated[np.minimum(position, len(undated) - 1)] == right
        )
        once = ~is_undated | (right > left)
        left, right = left[once], right[once]
        if len(left):
            cos = np.asarray(x[left].multiply(x[right]).sum(axis=1)).ravel()
            score = cos * UNDATED_FACTOR
            ok = score >= EDGE_FLOOR
            lefts.append(left[ok])
            rights.append(right[ok])
            scores.append(score[ok])
    if not lefts:
        return {}
    i_all = np.concatenate(lefts).tolist()
    j_all = np.concatenate(rights).tolist()
    return {
        (i, j) if i < j else (j, i): s
        for i, j, s in zip(i_all, j_all, np.concatenate(scores).tolist(), strict=True)
    }


class _Groups:
    """Union-find over article indices; the root is the smallest index."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _average_linkage(
    start: list[list[int]], sims: dict[tuple[int, int], float], member_of: list[int]
) -> list[list[int]]:
    """Merge the two groups with the highest average pair similarity while it is at least
    SAME_EVENT.

    Pairs never compared count as zero in the average, so a group only absorbs another that
    is similar to most of it: one bridging article cannot join two events.
    """
    size = {g: len(m) for g, m in enumerate(start)}
    members = {g: list(m) for g, m in enumerate(start)}
    links: dict[int, dict[int, float]] = defaultdict(dict)  # sum of similarities across
    for (i, j), s in sims.items():
        a, b = member_of[i], member_of[j]
        if a >= 0 and b >= 0 and a != b:
            links[a][b] = links[b][a] = links[a].get(b, 0.0) + s
    heap = [
        (-cross / (size[a] * size[b]), a, b)
        for a, nbrs in links.items()
        for b, cross in nbrs.items()
        if a < b and cross / (size[a] * size[b]) >= SAME_EVENT
    ]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members or b not in links[a]:
            continue
        if abs(links[a][b] / (size[a] * size[b]) + neg) > 1e-12:
            continue  # stale entry; the current value was pushed when it changed
        keep, gone = (a, b) if size[a] > size[b] or (size[a] == size[b] and a < b) else (b, a)
        members[keep].extend(members.pop(gone))
        size[keep] += size.pop(gone)
        for other, cross in links.pop(gone).items():
            del links[other][gone]
            if other != keep:
                links[keep][other] = links[other][keep] = links[keep].get(other, 0.0) + cross
        for other, cross in links[keep].items():
            avg = cross / (size[keep] * size[other])
            if avg >= SAME_EVENT:
                heapq.heappush(heap, (-avg, min(keep, other), max(keep, other)))
    return [members[g] for g in sorted(members)]


def _attach_lone(
    groups: list[list[int]], sims: dict[tuple[int, int], float], n: int
) -> list[list[int]]:
    """Each article left alone (of `n`) joins the story it is most similar to on average
    (ties: the first), when that is a story of several articles and the average is at least
    LONE_EVENT. All at once, from the groups as given: a joined article draws in no other."""
    if not groups or not sims:
        return groups
    group_of = np.full(n, -1, dtype=np.int64)
    for g, members in enumerate(groups):
        group_of[members] = g
    size = np.asarray([len(m) for m in groups], dtype=np.int64)
    pairs = np.fromiter(chain.from_iterable(sims), dtype=np.int64, count=2 * len(sims))
    i, j = pairs[0::2], pairs[1::2]
    s = np.fromiter(sims.values(), dtype=np.float64, count=len(sims))
    gi, gj = group_of[i], group_of[j]
    apart = (gi >= 0) & (gj >= 0) & (gi != gj)
    i_alone = apart & (size[np.maximum(gi, 0)] == 1)
    j_alone = apart & (size[np.maximum(gj, 0)] == 1)
    article = np.concatenate([i[i_alone], j[j_alone]])
    if not len(article):
        return groups
    story = np.concatenate([gj[i_alone], gi[j_alone]])
    keys, at = np.unique(article * len(groups) + story, return_inverse=True)
    avg = (
        np.bincount(at, weights=np.concatenate([s[i_alone], s[j_alone]])) / size[keys % len(groups)]
    )
    article, story = keys // len(groups), keys % len(groups)
    order = np.lexsort((story, -avg, article))  # per article: best average, then first story
    first = order[np.r_[True, article[order][1:] != article[order][:-1]]]
    out = [list(m) for m in groups]
    for a, g, v in zip(
        article[first].tolist(), story[first].tolist(), avg[first].tolist(), strict=True
    ):
        if size[g] > 1 and v >= LONE_EVENT:
            out[g].append(a)
            out[int(group_of[a])] = []
    return [m for m in out if m]


def _assign(
    features: Sequence[StoryFeatures], stories: Iterable[list[int]], copies: _Groups
) -> list[StoryAssignment]:
    out: list[StoryAssignment] = []
    for story in stories:
        ordered = sorted(story, key=lambda i: _order_key(features[i]))
        head = features[ordered[0]]
        story_id = head.given if head.given is not None else _story_id(head.id)
        origin: dict[int, str] = {}
        for i in ordered:  # earliest first, so the first of each copy group is its origin
            origin.setdefault(copies.find(i), features[i].id)
            out.append(StoryAssignment(features[i].id, story_id, origin[copies.find(i)]))
    return out


def detect_stories(features: Sequence[StoryFeatures]) -> list[StoryAssignment]:
    """Split a corpus into stories and mark wire copies; one assignment per article, by id.

    Deterministic: the same features in any order give the same assignments.
    """
    feats = sorted(features, key=lambda f: f.id)
    n = len(feats)
    if n == 0:
        return []
    sims = _pair_similarities(feats, _corpus_vectors(feats))
    copies = _Groups(n)
    for (i, j), s in sims.items():
        if s >= COPY_MIN_COSINE * _date_factor(feats[i].day, feats[j].day):
            if _resemblance(feats[i].sketch, feats[j].sketch) >= COPY_RESEMBLANCE:
                copies.union(i, j)
    # Start groups: a given story id is one fixed story; copies of one text start together.
    fixed: dict[str, list[int]] = defaultdict(list)
    start_of: dict[int, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        if f.given is not None:
            fixed[f.given].append(i)
        else:
            start_of[copies.find(i)].append(i)
    start = [start_of[root] for root in sorted(start_of)]
    member_of = [-1] * n
    for g, group in enumerate(start):
        for i in group:
            member_of[i] = g
    free = _attach_lone(_average_linkage(start, sims, member_of), sims, n)
    stories = free + [fixed[g] for g in sorted(fixed)]
    out = _assign(feats, stories, copies)
    out.sort(key=lambda a: a.article)
    return out


def _document_frequencies(terms: set[int], every_term: np.ndarray) -> Counter[int]:
    """How many articles have each of `terms`, given every article's terms concatenated."""
    wanted = np.asarray(sorted(terms), dtype=np.uint32)
    if not len(wanted):
        return Counter()
    # A bitmap on the low 20 bits first: most entries are dismissed by one lookup each.
    bitmap = np.zeros(1 << 20, dtype=bool)
    bitmap[wanted & 0xFFFFF] = True
    maybe = every_term[bitmap[every_term & 0xFFFFF]]
    at = np.minimum(np.searchsorted(wanted, maybe), len(wanted) - 1)
    hits = np.bincount(at[wanted[at] == maybe], minlength=len(wanted))
    return Counter(dict(zip(wanted.tolist(), hits.tolist(), strict=True)))


def attach_stories(
    new: Sequence[StoryFeatures], existing: Sequence[tuple[StoryFeatures, StoryAssignment]]
) -> list[StoryAssignment]:
    """Assign newly added articles to existing stories (or new ones), without re-clustering.

    Each new article (earliest first) is compared only with its blocked candidates (as in
    `detect_stories`) and the other new articles; it joins the story whose average
    similarity to it is highest when that is at least SAME_EVENT, or LONE_EVENT for a story
    of several articles (a reprint joins its copy's story), else starts its own. Existing
    assignments are left as they are; a new article given a story id joins that one.
    Cost: two set intersections per existing article.
    """
    if not new:
        return []
    known = [f for f, _ in existing]
    assigned = [a for _, a in existing]
    n = len(known) + len(new)
    every_term = np.fromiter(
        chain.from_iterable(f.terms for f in chain(known, new)),
        dtype=np.uint32,
        count=sum(len(f.terms) for f in chain(known, new)),
    )
    df = _document_frequencies(set(chain.from_iterable(f.terms for f in new)), every_term)
    # Who could pair with a new article: dated articles in its date window (through block
    # terms), and undated ones or any for an undated new article (through rare terms).
    new_days = sorted({f.day for f in new if f.day is not None})
    any_undated = len(new_days) < len(new)

    def near(day: int | None) -> bool:
        if day is None or any_undated:
            return True
        at = bisect.bisect_left(new_days, day - WINDOW_DAYS + 1)
        return at < len(new_days) and new_days[at] < day + WINDOW_DAYS

    nearby = [i for i, f in enumerate(known) if near(f.day)]
    block_cap = max(BLOCK_MIN_DF, BLOCK_MAX_DF * n)
    candidates: set[int] = set()
    for f in new:
        block = {t for t in f.terms if 1 < df[t] <= block_cap}
        rare = {t for t in f.terms if 1 < df[t] <= UNDATED_BLOCK_DF}
        for idx in nearby:
            their_day = known[idx].day
            if f.day is not None and their_day is not None:
                if _date_factor(f.day, their_day) > 0 and not block.isdisjoint(known[idx].terms):
                    candidates.add(idx)
            elif len(rare.intersection(known[idx].terms)) >= UNDATED_MIN_SHARED:
                candidates.add(idx)
    cands = sorted(candidates)
    rows = [*new, *(known[i] for i in cands)]
    df.update(_document_frequencies({t for f in rows for t in f.terms} - df.keys(), every_term))
    terms = np.fromiter(chain.from_iterable(f.terms for f in rows), dtype=np.int64)
    _, cols = np.unique(terms, return_inverse=True)
    dfs = np.asarray([max(1, df[t]) for t in terms.tolist()], dtype=np.float64)
    x = _vectors(rows, cols.astype(np.int32), dfs, n).tfidf
    cos = (x[: len(new)] @ x.T).toarray()
    row_of_known = {idx: len(new) + k for k, idx in enumerate(cands)}

    story_size = Counter(a.story for a in assigned)
    order_of = {f.id: _order_key(f) for f in known}
    done: dict[int, StoryAssignment] = {}  # position in `new` -> its assignment
    for pos in sorted(range(len(new)), key=lambda p: _order_key(new[p])):
        f = new[pos]
        story: str | None = f.given
        origin = f.id
        partners = [(row_of_known[i], known[i], assigned[i]) for i in cands] + [
            (p, new[p], a) for p, a in done.items()
        ]
        if story is None:
            totals: dict[str, float] = defaultdict(float)
            copy_of: tuple[StoryFeatures, StoryAssignment] | None = None
            for row, other, other_assignment in partners:
                if other.given is not None:
                    continue  # a given story is exactly its given articles, as in detection
                factor = _date_factor(f.day, other.day)
                score = float(cos[pos, row]) * factor
                if score >= EDGE_FLOOR:
                    totals[other_assignment.story] += score
                if (
                    copy_of is None
                    and factor > 0
                    and score >= COPY_MIN_COSINE * factor
                    and _resemblance(f.sketch, other.sketch) >= COPY_RESEMBLANCE
                ):
                    copy_of = (other, other_assignment)
            if copy_of is not None:
                story = copy_of[1].story
                first = copy_of[1].origin
                if order_of.get(first, _order_key(copy_of[0])) < _order_key(f):
                    origin = first
            elif totals:
                # The most similar story on average, as in detection: at SAME_EVENT, or at
                # LONE_EVENT when it is a story of several articles.
                best = max(sorted(totals), key=lambda sid: totals[sid] / story_size[sid])
                avg = totals[best] / story_size[best]
                if avg >= SAME_EVENT or (story_size[best] > 1 and avg >= LONE_EVENT):
                    story = best
        assignment = StoryAssignment(f.id, story or _story_id(f.id), origin)
        done[pos] = assignment
        order_of[f.id] = _order_key(f)
        story_size[assignment.story] += 1
    return sorted(done.values(), key=lambda a: a.article)


def summarise_stories(
    assignments: Sequence[StoryAssignment], items: Sequence[StoryFeatures] | Sequence[Article]
) -> list[Story]:
    """One `Story` per story id, largest first (then earliest), from assignments and the
    features or articles they were made from."""
    by_id: dict[str, StoryFeatures | Article] = {item.id: item for item in items}
    grouped: dict[str, list[StoryAssignment]] = defaultdict(list)
    for a in assignments:
        grouped[a.story].append(a)

    def day(item: StoryFeatures | Article) -> int | None:
        return item.day if isinstance(item, StoryFeatures) else _day(item.date)

    def key(a: StoryAssignment) -> tuple[int, int, str]:
        d = day(by_id[a.article]) if a.article in by_id else None
        return (0, d, a.article) if d is not None else (1, 0, a.article)

    stories: list[Story] = []
    for story_id, members in grouped.items():
        members.sort(key=key)
        copies = Counter(a.origin for a in members)
        top = max(copies.values())
        head = next(a.origin for a in members if copies[a.origin] == top)
        days = [d for a in members if a.article in by_id for d in [day(by_id[a.article])] if d]
        titled = [by_id[i].title for i in [head] + [a.article for a in members] if i in by_id]
        stories.append(
            Story(
                id=story_id,
                title=next((t for t in titled if t), ""),
                articles=tuple(a.article for a in members),
                first=_dt.date.fromordinal(min(days)).isoformat() if days else None,
                last=_dt.date.fromordinal(max(days)).isoformat() if days else None,
                outlets=tuple(
                    sorted(
                        {
                            o
                            for a in members
                            if a.article in by_id
                            for o in [by_id[a.article].outlet]
                            if o
                        }
                    )
                ),
                origins=len(copies),
            )
        )
    stories.sort(key=lambda s: (-len(s.articles), s.first or "9999", s.id))
    return stories


def curate_stories(
    assignments: Sequence[StoryAssignment],
    merge: Sequence[tuple[str, str]] = (),
    move: Mapping[str, str | None] | None = None,
) -> list[StoryAssignment]:
    """Apply a reader's decisions (`seedread.yaml`'s `stories:`) to detected stories.

    `merge` pairs name two articles whose stories become one; `move` puts an article in the
    story of another article (None: a story of its own). Stories are named by their articles,
    so a decision survives the stories being found again. An article whose origin is no longer
    in its story is its own origin. Unknown article ids are ignored.
    """
    story = {a.article: a.story for a in assignments}
    parent: dict[str, str] = {}

    def find(s: str) -> str:
        while parent.get(s, s) != s:
            s = parent[s]
        return s

    for first, second in merge:
        if first in story and second in story:
            keep, other = sorted((find(story[first]), find(story[second])))
            if keep != other:
                parent[other] = keep  # the merged story keeps the smaller id: deterministic
    story = {aid: find(s) for aid, s in story.items()}
    for aid, target in (move or {}).items():
        if aid not in story:
            continue
        if target is None:
            # Not `_story_id(aid)`: that may be the id of the story it leaves.
            story[aid] = _story_id("alone:" + aid)
        elif target in story and target != aid:
            story[aid] = story[target]
    out = []
    for given in assignments:
        mine = story[given.article]
        origin = given.origin if story.get(given.origin) == mine else given.article
        out.append(StoryAssignment(given.article, mine, origin))
    return out
