"""Cross-corpus linking: merge name mentions of one referent into entities by blocked keys."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from reader.models import Entity, EntityKind, Mention, NameMention
from reader.names import PARTICLES, fold, is_common_word, is_known_org, is_place

__all__ = ["link_names", "name_key", "slug"]

_KIND_ORDER = {"person": 0, "org": 1, "place": 2, "other": 3}
_MIN_RATIO = 72.0  # token-joined similarity two transliterations must still reach
_DOUBLE_RE = re.compile(r"([^\W\d_])\1+")
_VOWELS_RE = re.compile(r"[aeiouy]+")
_SLUG_RE = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 16)
def _tokens(name: str) -> tuple[str, ...]:
    """Folded tokens without name particles ("Azzam al-Ahmad" -> ("azzam", "ahmad"))."""
    toks = tuple(fold(name).split())
    # Particles and middle initials vary between outlets ("Rex W. Tillerson", "Rex Tillerson").
    core = tuple(t for t in toks if t not in PARTICLES and (len(t) > 1 or t.isdigit()))
    return core or toks


def _skel(tok: str) -> str:
    # Transliterations mostly disagree on vowels, doubled letters and a final -h, so the key
    # keeps the first letter and the consonant frame: Moussa/Musa/Mousa -> "ms".
    t = _DOUBLE_RE.sub(r"\1", tok.replace("ph", "f").replace("q", "k").replace("ck", "k"))
    if len(t) > 2 and t.endswith("h") and t[-2] in "aeiouy":
        t = t[:-1]
    return t[:1] + _VOWELS_RE.sub("", t[1:])


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> tuple[str, ...]:
    """The blocking key of a name: one consonant skeleton per non-particle token."""
    return tuple(_skel(t) for t in _tokens(name))


def _light(tok: str) -> str:
    t = _DOUBLE_RE.sub(r"\1", tok)
    return t.replace("ou", "u").replace("oo", "u").replace("ee", "i")


def _same_referent(a: str, b: str) -> bool:
    """Confirm two names with one skeleton key are spellings of one name, not two names."""
    ta, tb = _tokens(a), _tokens(b)
    if len(ta) != len(tb) or (is_place(a) and is_place(b) and ta != tb):
        return False
    if len(ta) == 1 and ta[0] != tb[0] and not _rare_pair(ta[0], tb[0]):
        return False  # one word alone is too little evidence for a loose match (Niger, Nigeria)
    for x, y in zip(ta, tb, strict=True):
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


def _tail_fits(short: str, fulls: list[str]) -> bool:
    """True when the short form's tokens really end one of the full names, not just its key."""
    ts = _tokens(short)
    for full in fulls:
        tf = _tokens(full)[-len(ts) :]
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


def _vote(kinds: Counter[str]) -> EntityKind:
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
) -> list[Entity]:
    """Group `mentions` into entities; `aliases` merges names, `ignore` drops names.

    Names are blocked by a transliteration-tolerant skeleton key and only names sharing a key
    are compared, so the work grows with the number of distinct names, not their pairs.
    """
    # One "form" per distinct full name; mentions hang off their form.
    form_ix: dict[str, int] = {}
    forms: list[str] = []
    form_mentions: list[list[NameMention]] = []
    for m in mentions:
        i = form_ix.get(m.name)
        if i is None:
            i = form_ix[m.name] = len(forms)
            forms.append(m.name)
            form_mentions.append([])
        form_mentions[i].append(m)

    alias_keys: dict[str, str] = {}  # folded alias or key -> key
    if aliases:
        for key in sorted(aliases):
            if key not in form_ix:
                form_ix[key] = len(forms)
                forms.append(key)
                form_mentions.append([])
            alias_keys.setdefault(fold(key), key)
            for alt in aliases[key]:
                alias_keys.setdefault(fold(alt), key)

    n = len(forms)
    uf = _UF(n)
    counts = [len(ms) for ms in form_mentions]
    kinds: list[Counter[str]] = [Counter(m.kind for m in ms) for ms in form_mentions]

    # 1. Spellings of one name: block on the skeleton key, confirm within the block.
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, name in enumerate(forms):
        blocks[name_key(name)].append(i)
    for members in blocks.values():
        if len(members) < 2:
            continue
        reps: list[int] = []
        for i in sorted(members, key=lambda j: (-counts[j], forms[j])):
            for r in reps[:16]:  # a block is a handful of spellings; cap hostile ones
                if _same_referent(forms[i], forms[r]):
                    uf.union(i, r)
                    break
            else:
                reps.append(i)

    # 2. Aliases the user gave: fold-equal names join the key's form.
    if alias_keys:
        for i, form in enumerate(forms):
            target = alias_keys.get(fold(form))
            if target is not None:
                uf.union(form_ix[target], i)

    def cluster_kinds() -> dict[int, Counter[str]]:
        out: dict[int, Counter[str]] = defaultdict(Counter)
        for i in range(n):
            out[uf.find(i)].update(kinds[i])
        return out

    # 3. Acronyms defined somewhere ("PA" written as "Palestinian Authority") resolve bare ones.
    expansions: dict[str, set[int]] = defaultdict(set)
    for i, ms in enumerate(form_mentions):
        for m in ms:
            if m.text != m.name and _is_acronym(m.text):
                expansions[m.text.replace(".", "")].add(i)
    if expansions:
        for i, name in enumerate(forms):
            if not _is_acronym(name):
                continue
            roots = {uf.find(j) for j in expansions.get(name.replace(".", ""), ())}
            if len(roots) == 1:
                uf.union(next(iter(roots)), i)

    # 4. Short forms left unresolved in their article: join the one full name they end.
    ck = cluster_kinds()
    longest: dict[int, int] = defaultdict(int)
    for i, name in enumerate(forms):
        r = uf.find(i)
        longest[r] = max(longest[r], len(_tokens(name)))
    tails: dict[tuple[str, ...], set[int]] = defaultdict(set)
    members_tail: dict[int, list[str]] = defaultdict(list)
    for i, name in enumerate(forms):
        toks = name_key(name)
        if len(toks) < 2 or _is_acronym(name):
            continue
        r = uf.find(i)
        kind = _vote(ck[r])
        if len(members_tail[r]) < 8:
            members_tail[r].append(name)
        if kind == "person":
            tails[toks[-1:]].add(r)
        if kind in ("person", "org"):
            for k in range(2, len(toks)):
                tails[toks[-k:]].add(r)
    joins: list[tuple[int, int]] = []
    for i, name in enumerate(forms):
        r = uf.find(i)
        toks = name_key(name)
        if not toks or longest[r] > len(toks) or is_place(name) or _is_acronym(name):
            continue
        own = _vote(ck[r])
        if own == "place":
            continue
        # Skeleton keys collide ("Romney", "Romano"): only targets the spelling really ends
        # count towards ambiguity.
        cands = tails.get(toks, ())
        if len(cands) > 32:
            continue  # a surname dozens of people share is never resolved by guessing
        targets = {t for t in cands if t != r and _tail_fits(name, members_tail[t])}
        if len(targets) == 1:
            t = next(iter(targets))
            if own != "other" and own != _vote(ck[t]) and is_known_org(name):
                # "Apple" the company is no short form of "Fiona Apple" the singer; a vote
                # from context alone ("Romney aides") is too weak to refuse the join.
                continue
            if longest[t] > len(toks):
                joins.append((t, i))
    for t, i in joins:
        uf.union(t, i)

    # 5. Build entities.
    members_of: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members_of[uf.find(i)].append(i)
    ignored = {fold(x) for x in ignore}
    built: list[tuple[str, EntityKind, tuple[str, ...], tuple[Mention, ...]]] = []
    for members in members_of.values():
        ms = [m for i in members for m in form_mentions[i]]
        alias_key = next((forms[i] for i in members if forms[i] in (aliases or {})), None)
        if not ms:
            continue  # an alias nobody mentioned
        if alias_key is not None:
            canonical = alias_key
        else:
            # Acronyms are short forms: a spelled-out name wins whenever there is one.
            canonical = min(
                (forms[i] for i in members if counts[i]),
                key=lambda f: (_is_acronym(f), -counts[form_ix[f]], -len(f), f),
            )
        spell: Counter[str] = Counter()
        for i in members:
            spell[forms[i]] += counts[i]
            for m in form_mentions[i]:
                spell[m.text] += 1
        spell.pop(canonical, None)
        variants = (canonical,) + tuple(sorted(spell, key=lambda v: (-spell[v], v)))
        if ignored and any(fold(v) in ignored for v in variants):
            continue
        kc: Counter[str] = Counter()
        for i in members:
            kc.update(kinds[i])
        ms.sort(key=lambda m: (m.article, m.start, m.end))
        mentions_t = tuple(Mention(m.article, m.start, m.end, m.text) for m in ms)
        built.append((canonical, _vote(kc), variants, mentions_t))

    built.sort(key=lambda b: (b[0], b[3][0].article if b[3] else "", b[3][0].start if b[3] else 0))
    taken: set[str] = set()
    entities: list[Entity] = []
    for canonical, kind, variants, ms_t in built:
        base = eid = "e:" + slug(canonical)
        k = 2
        while eid in taken:
            eid = f"{base}-{k}"
            k += 1
        taken.add(eid)
        entities.append(Entity(eid, canonical, kind, variants, ms_t))
    entities.sort(key=lambda e: (-len(e.mentions), e.name, e.id))
    return entities
