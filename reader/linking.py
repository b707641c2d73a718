"""Cross-corpus linking: merge name mentions of one referent into entities by blocked keys."""

from __future__ import annotations

import gc
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz

from reader.models import Entity, EntityKind, Mention, NameMention
from reader.names import PARTICLES, PLACE_KEYS, SUFFIXES, fold, is_common_word, is_known_org

__all__ = ["FormRow", "Linked", "link_forms", "link_names", "name_key", "slug"]

_KIND_ORDER = {"person": 0, "org": 1, "place": 2, "other": 3}
_DOMINANT = 4  # one form of a name used this many times as often as the other is its variant
_MIN_RATIO = 72.0  # token-joined similarity two transliterations must still reach
_DOUBLE_RE = re.compile(r"([^\W\d_])\1+")
_NO_VOWELS = str.maketrans("", "", "aeiouy")
_SLUG_RE = re.compile(r"[^a-z0-9]+")
_REAL_KINDS = frozenset(("person", "org", "place"))
# The uncached fold: linking folds each distinct name once, and a corpus has more of them than
# the extraction cache holds, so going through the cache would only evict extraction's entries.
_fold = fold.__wrapped__

FormRow = tuple[str, str, str, int]
"""(name, kind, text, count): how often one full name was written one way with one kind.

Linking reads nothing else of a mention, so a corpus of millions of mentions is linked from a
few hundred thousand of these rows (one SQL GROUP BY), never from the mentions themselves.
"""


@dataclass(frozen=True, slots=True)
class Linked:
    """An entity as linking decides it, before its mentions are attached."""

    id: str
    """Stable id from the canonical name (`e:mousa-abu-marzouk`)."""
    name: str
    """Canonical name."""
    kind: EntityKind
    """person, org, place or other."""
    variants: tuple[str, ...]
    """Every spelling, canonical first."""
    spellings: tuple[tuple[str, str, int], ...]
    """The (name, text, count) spellings of full names whose mentions belong to it."""

    @property
    def mentions(self) -> int:
        """How many mentions it has."""
        return sum(c for _, _, c in self.spellings)


def _core_tokens(folded: str) -> tuple[str, ...]:
    """Tokens of an already folded name without particles ("azzam al ahmad" -> azzam, ahmad)."""
    toks = tuple(folded.split())
    # Particles and middle initials vary between outlets ("Rex W. Tillerson", "Rex Tillerson").
    core = tuple(t for t in toks if t not in PARTICLES and (len(t) > 1 or t.isdigit()))
    return core or toks


def _tokens(name: str) -> tuple[str, ...]:
    """Folded tokens without name particles ("Azzam al-Ahmad" -> ("azzam", "ahmad"))."""
    return _core_tokens(fold(name))


def _skel(tok: str) -> str:
    # Transliterations mostly disagree on vowels, doubled letters and a final -h, so the key
    # keeps the first letter and the consonant frame: Moussa/Musa/Mousa -> "ms".
    t = tok.replace("ph", "f").replace("q", "k").replace("ck", "k")
    if _DOUBLE_RE.search(t):  # rare; the search is much cheaper than a substitution
        t = _DOUBLE_RE.sub(r"\1", t)
    if len(t) > 2 and t.endswith("h") and t[-2] in "aeiouy":
        t = t[:-1]
    return t[:1] + t[1:].translate(_NO_VOWELS)


def name_key(name: str) -> tuple[str, ...]:
    """The blocking key of a name: one consonant skeleton per non-particle token."""
    return tuple(_skel(t) for t in _tokens(name))


# Unbounded while a call runs (a corpus has a few hundred thousand distinct tokens) and
# emptied when it returns, so a long-running reader keeps nothing between builds.
@lru_cache(maxsize=None)
def _light(tok: str) -> str:
    t = _DOUBLE_RE.sub(r"\1", tok)
    return t.replace("ou", "u").replace("oo", "u").replace("ee", "i")


def _same_referent(ta: tuple[str, ...], tb: tuple[str, ...], places: bool) -> bool:
    """Confirm two names with one skeleton key are spellings of one name, not two names.

    `ta`/`tb` are the names' core tokens; `places` is true when both are gazetteer places.
    """
    if len(ta) != len(tb) or (places and ta != tb):
        return False
    if len(ta) == 1 and ta[0] != tb[0] and not _rare_pair(ta[0], tb[0]):
        return False  # one word alone is too little evidence for a loose match (Niger, Nigeria)
    for x, y in zip(ta, tb, strict=True):
        if x != y and (x in SUFFIXES or y in SUFFIXES):
            return False  # "John Smith II" and "John Smith III" are father and son
        # Short tokens carry too little to tell a transliteration from another name (Yi, Ye).
        if (len(x) <= 3 or len(y) <= 3) and _light(x) != _light(y):
            return False
    return fuzz.ratio(" ".join(ta), " ".join(tb)) >= _MIN_RATIO


def _rare_pair(a: str, b: str) -> bool:
    """Two single words close enough to be one name spelled two ways, neither a common word.

    A lone word carries little evidence: "Series"/"Serious", "Chang"/"Change", "Nato"/"Naito"
    and "Good"/"God" are near-identical strings and different things. Only long, very close,
    unusual spellings ("Marzouk"/"Marzuk") count.
    """
    if _light(a) == _light(b):
        return not (is_common_word(a) or is_common_word(b)) or a == b
    return (
        min(len(a), len(b)) >= 5
        and fuzz.ratio(a, b) >= 85
        and not is_common_word(a)
        and not is_common_word(b)
    )


def _tail_fits(ts: tuple[str, ...], fulls: list[tuple[str, ...]]) -> bool:
    """True when the short form's tokens really end one of the full names, not just its key."""
    for full in fulls:
        tf = full[-len(ts) :]
        if len(tf) != len(ts):
            continue
        if len(ts) == 1:
            if ts[0] == tf[0] or _rare_pair(ts[0], tf[0]):
                return True
        elif all(
            _light(a) == _light(b) or (len(a) > 3 and fuzz.ratio(a, b) >= 75)
            for a, b in zip(ts, tf, strict=True)
        ):
            return True
    return False


def slug(name: str) -> str:
    """A lowercase ASCII slug of a name for ids ("Mousa Abu Marzouk" -> "mousa-abu-marzouk")."""
    s = _SLUG_RE.sub("-", fold(name)).strip("-")
    return s or "name"


class _UF:
    """Union-find over form indices; the smaller index stays root so results are deterministic."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def _is_acronym(text: str) -> bool:
    bare = text.replace(".", "")
    return 2 <= len(bare) <= 8 and bare.rstrip("s").isupper() and bare.isalpha()


def _vote(kinds: Mapping[str, int]) -> EntityKind:
    if len(kinds) == 1:
        for k in kinds:
            return k if k in _REAL_KINDS else "other"  # type: ignore[return-value]
    real = [(k, n) for k, n in kinds.items() if k != "other"]
    if not real:
        return "other"
    best = min(real, key=lambda kv: (-kv[1], _KIND_ORDER[kv[0]]))[0]
    if best == "person":
        return "person"
    if best == "org":
        return "org"
    return "place"


def link_names(
    mentions: Iterable[NameMention],
    aliases: Mapping[str, Sequence[str]] | None = None,
    ignore: Collection[str] = (),
    split: Mapping[str, Sequence[str]] | None = None,
) -> list[Entity]:
    """Group `mentions` into entities; `aliases` merges names, `ignore` drops names, `split`
    moves spellings out of an entity (the linking stage, as the build runs it).

    The mentions are counted into form rows, linked with `link_forms`, and attached to the
    entity their (name, text) spelling went to, ordered by article then offset.
    """
    by_spelling: dict[tuple[str, str], list[NameMention]] = defaultdict(list)
    counts: Counter[tuple[str, str, str]] = Counter()
    for m in mentions:
        by_spelling[(m.name, m.text)].append(m)
        counts[(m.name, m.kind, m.text)] += 1
    rows = [(n, k, t, c) for (n, k, t), c in counts.items()]
    entities = []
    for linked in apply_splits(link_forms(rows, aliases, ignore), split or {}):
        ms = sorted(
            (m for n, t, _ in linked.spellings for m in by_spelling[(n, t)]),
            key=lambda m: (m.article, m.start, m.end, m.text),
        )
        entities.append(
            Entity(
                linked.id,
                linked.name,
                linked.kind,
                linked.variants,
                tuple(Mention(m.article, m.start, m.end, m.text) for m in ms),
            )
        )
    return entities


def link_forms(
    rows: Iterable[FormRow],
    aliases: Mapping[str, Sequence[str]] | None = None,
    ignore: Collection[str] = (),
) -> list[Linked]:
    """Link counted forms into entities, most mentioned first; `aliases` merges names,
    `ignore` drops names.

    Names are blocked by a transliteration-tolerant skeleton key and only names sharing a key
    are compared, so the work grows with the number of distinct names, not their pairs.
    """
    # Linking allocates many small objects that cannot form cycles; the cyclic collector
    # would rescan the growing heap over and over for garbage that cannot exist.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _link(rows, aliases, ignore)
    finally:
        _light.cache_clear()
        if enabled:
            gc.enable()


def _link(
    rows: Iterable[FormRow],
    aliases: Mapping[str, Sequence[str]] | None,
    ignore: Collection[str],
) -> list[Linked]:
    # One "form" per distinct full name, with its mention count, kind votes and spellings.
    form_ix: dict[str, int] = {}
    forms: list[str] = []
    counts: list[int] = []
    kinds: list[dict[str, int]] = []
    texts: list[dict[str, int]] = []
    for name, kind, text, count in rows:
        i = form_ix.get(name)
        if i is None:
            form_ix[name] = len(forms)
            forms.append(name)
            counts.append(count)
            kinds.append({kind: count})
            texts.append({text: count})
            continue
        counts[i] += count
        kc, tc = kinds[i], texts[i]
        kc[kind] = kc.get(kind, 0) + count
        tc[text] = tc.get(text, 0) + count

    alias_keys: dict[str, str] = {}  # folded alias or key -> key
    if aliases:
        for akey in sorted(aliases):
            if akey not in form_ix:
                form_ix[akey] = len(forms)
                forms.append(akey)
                counts.append(0)
                kinds.append({})
                texts.append({})
            alias_keys.setdefault(fold(akey), akey)
            for alt in aliases[akey]:
                alias_keys.setdefault(fold(alt), akey)

    n = len(forms)
    uf = _UF(n)

    # Everything derived from a form's spelling, computed once per form. Per-call tables rather
    # than module caches: a corpus has far more distinct names than any fixed cache holds, and
    # a long-running reader should not keep them after the index is built.
    folded = [_fold(f) for f in forms]
    toks = [_core_tokens(f) for f in folded]
    skel: dict[str, str] = {}
    keys: list[tuple[str, ...]] = []
    for ts in toks:
        frame: list[str] = []
        for tok in ts:
            sk = skel.get(tok)
            if sk is None:
                sk = skel[tok] = _skel(tok)
            frame.append(sk)
        keys.append(tuple(frame))
    acr = [_is_acronym(f) for f in forms]
    place = [f in PLACE_KEYS for f in folded]

    # 1. Spellings of one name: block on the skeleton key, confirm within the block.
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        blocks[key].append(i)
    for members in blocks.values():
        if len(members) < 2:
            continue
        reps: list[int] = []
        for i in sorted(members, key=lambda j: (-counts[j], forms[j])):
            for r in reps[:16]:  # a block is a handful of spellings; cap hostile ones
                if _same_referent(toks[i], toks[r], place[i] and place[r]):
                    uf.union(i, r)
                    break
            else:
                reps.append(i)
    del blocks

    # 2. Aliases the user gave: fold-equal names join the key's form.
    if alias_keys:
        for i, f in enumerate(folded):
            target = alias_keys.get(f)
            if target is not None:
                uf.union(form_ix[target], i)

    # 3. Acronyms defined somewhere ("PA" written as "Palestinian Authority") resolve bare ones.
    expansions: dict[str, set[int]] = defaultdict(set)
    for i, tc in enumerate(texts):
        if len(tc) == 1 and forms[i] in tc:
            continue  # every mention spells the name out: nothing is defined here
        for text in tc:
            if text != forms[i] and _is_acronym(text):
                expansions[text.replace(".", "")].add(i)
    if expansions:
        for i, name in enumerate(forms):
            if not acr[i]:
                continue
            defined = {uf.find(j) for j in expansions.get(name.replace(".", ""), ())}
            if len(defined) == 1:
                uf.union(next(iter(defined)), i)

    def cluster_votes() -> tuple[list[int], dict[int, EntityKind]]:
        roots = [uf.find(i) for i in range(n)]
        cluster: dict[int, list[int]] = defaultdict(list)
        for i, r in enumerate(roots):
            cluster[r].append(i)
        vote: dict[int, EntityKind] = {}
        for r, mem in cluster.items():
            if len(mem) == 1:
                vote[r] = _vote(kinds[r])  # most forms are alone: no need to sum counts
            else:
                kc: Counter[str] = Counter()
                for i in mem:
                    kc.update(kinds[i])
                vote[r] = _vote(kc)
        return roots, vote

    # 4. A middle name added ("Hillary Rodham Clinton") is the same person as the plain first
    # and last name ("Hillary Clinton") when the corpus has only one person of each shape:
    # with two middle-named people, or a generational suffix, the plain name could be either.
    # Two forms both in common use are two people each known by their own name ("John
    # Edwards", "John Bel Edwards"), and a middle initial must fit ("John F. Kennedy" is not
    # "John Neely Kennedy").
    roots, vote = cluster_votes()
    plain: dict[tuple[str, str], set[int]] = defaultdict(set)
    middled: dict[tuple[str, str], set[int]] = defaultdict(set)
    initials: dict[int, set[str]] = defaultdict(set)  # middle initials the plain forms show
    middles: dict[int, set[str]] = defaultdict(set)  # first letters of the middle names
    size: dict[int, int] = defaultdict(int)
    for i, ts in enumerate(toks):
        r = roots[i]
        size[r] += counts[i]
        if len(ts) < 2 or ts[0] == ts[-1] or vote[r] != "person" or not SUFFIXES.isdisjoint(ts):
            continue  # "Trump Trump" is a stutter of the layout, not a first and last name
        if len(ts) == 2:
            plain[(ts[0], ts[-1])].add(r)
            initials[r].update(t for t in folded[i].split()[1:-1] if len(t) == 1)
        else:
            middled[(ts[0], ts[-1])].add(r)
            middles[r].update(t[0] for t in ts[1:-1])
    for fl, longs in middled.items():
        shorts = plain.get(fl)
        if shorts is None or len(shorts) != 1 or len(longs) != 1:
            continue
        a, b = next(iter(shorts)), next(iter(longs))
        if a == b or max(size[a], size[b]) < _DOMINANT * min(size[a], size[b]):
            continue
        if initials[a] <= middles[b]:
            uf.union(a, b)

    # 5. Short forms left unresolved in their article: join the one full name they end.
    roots, vote = cluster_votes()
    longest: dict[int, int] = defaultdict(int)
    for i, r in enumerate(roots):
        if len(toks[i]) > longest[r]:
            longest[r] = len(toks[i])
    tails: dict[tuple[str, ...], set[int]] = defaultdict(set)
    members_tail: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for i, key in enumerate(keys):
        if len(key) < 2 or acr[i]:
            continue
        r = roots[i]
        kind = vote[r]
        if len(members_tail[r]) < 8:
            members_tail[r].append(toks[i])
        if kind == "person" and toks[i][-1] not in SUFFIXES:
            tails[key[-1:]].add(r)
        if kind in ("person", "org"):
            for k in range(2, len(key)):
                tails[key[-k:]].add(r)
    joins: list[tuple[int, int]] = []
    for i, key in enumerate(keys):
        r = roots[i]
        if not key or longest[r] > len(key) or place[i] or acr[i]:
            continue
        own = vote[r]
        if own == "place":
            continue
        # Skeleton keys collide ("Romney", "Romano"): only targets the spelling really ends
        # count towards ambiguity.
        cands = tails.get(key, ())
        if len(cands) > 32:
            continue  # a surname dozens of people share is never resolved by guessing
        fits: list[int] = []
        for t in cands:
            if t != r and _tail_fits(toks[i], members_tail[t]):
                fits.append(t)
                if len(fits) > 1:
                    break  # ambiguous: the rest cannot change the answer
        if len(fits) == 1:
            t = fits[0]
            if own != "other" and own != vote[t] and is_known_org(forms[i]):
                # "Apple" the company is no short form of "Fiona Apple" the singer; a vote
                # from context alone ("Romney aides") is too weak to refuse the join.
                continue
            if longest[t] > len(key):
                joins.append((t, i))
    for t, i in joins:
        uf.union(t, i)
    del tails, members_tail, vote, roots

    # 6. Build entities.
    members_of: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members_of[uf.find(i)].append(i)
    ignored = {fold(x) for x in ignore}
    alias_set = set(aliases or ())
    built: list[tuple[str, int, EntityKind, tuple[str, ...], list[int]]] = []
    for members in members_of.values():
        if not any(counts[i] for i in members):
            continue  # an alias nobody mentioned
        alias_ix = next((i for i in members if forms[i] in alias_set), None) if alias_set else None
        if alias_ix is not None:
            ci = alias_ix
        elif len(members) == 1:
            ci = members[0]
        else:
            # Acronyms are short forms: a spelled-out name wins whenever there is one.
            ci = min(
                (i for i in members if counts[i]),
                key=lambda i: (acr[i], -counts[i], -len(forms[i]), forms[i]),
            )
        canonical = forms[ci]
        if len(members) == 1:
            i = members[0]
            spell = dict(texts[i])
            spell[forms[i]] = spell.get(forms[i], 0) + counts[i]
            kind = _vote(kinds[i])
        else:
            spell = Counter()
            kind_counts: Counter[str] = Counter()
            for i in members:
                spell[forms[i]] += counts[i]
                spell.update(texts[i])
                kind_counts.update(kinds[i])
            kind = _vote(kind_counts)
        spell.pop(canonical, None)
        variants: tuple[str, ...] = (canonical,)
        if spell:
            variants += tuple(sorted(spell, key=lambda v: (-spell[v], v)))
        if ignored and any(fold(v) in ignored for v in variants):
            continue
        built.append((canonical, ci, kind, variants, members))

    # Canonical names are distinct forms, so sorting by them alone is deterministic.
    built.sort(key=lambda b: b[0])
    taken: set[str] = set()
    entities: list[Linked] = []
    for canonical, ci, kind, variants, members in built:
        # slug() would fold the name again; its folded form is at hand.
        base = eid = "e:" + (_SLUG_RE.sub("-", folded[ci]).strip("-") or "name")
        k = 2
        while eid in taken:
            eid = f"{base}-{k}"
            k += 1
        taken.add(eid)
        spellings = tuple(
            (forms[i], text, c) for i in sorted(members) for text, c in texts[i].items()
        )
        entities.append(Linked(eid, canonical, kind, variants, spellings))
    entities.sort(key=lambda e: (-e.mentions, e.name, e.id))
    return entities


def same_spelling(a: str, b: str) -> bool:
    """Whether two spellings are the same to a reader's curation (Unicode-normalised, any case):
    how `seedread.yaml`'s names are matched to the corpus' spellings."""
    return (
        unicodedata.normalize("NFKC", a).casefold() == unicodedata.normalize("NFKC", b).casefold()
    )


def apply_splits(entities: Sequence[Linked], split: Mapping[str, Sequence[str]]) -> list[Linked]:
    """Move the spellings written as a split-out spelling into an entity of their own."""
    if not split:
        return list(entities)
    wanted = {unicodedata.normalize("NFKC", k).casefold(): v for k, v in split.items()}
    out: list[Linked] = []
    taken = {e.id for e in entities}
    for entity in entities:
        spellings = wanted.get(unicodedata.normalize("NFKC", entity.name).casefold())
        if not spellings:
            out.append(entity)
            continue
        rest = list(entity.spellings)
        for spelling in spellings:
            moved = tuple(s for s in rest if same_spelling(s[1], spelling))
            if not moved:
                continue
            rest = [s for s in rest if not same_spelling(s[1], spelling)]
            eid = base = f"{entity.id}--{slug(spelling)}"
            n = 2
            while eid in taken:
                eid, n = f"{base}-{n}", n + 1
            taken.add(eid)
            out.append(Linked(eid, spelling, entity.kind, (spelling,), moved))
        if rest:
            kept = tuple(
                v for v in entity.variants if not any(same_spelling(v, s) for s in spellings)
            )
            out.append(replace(entity, variants=kept, spellings=tuple(rest)))
    return out
