"""Cross-corpus linking: merge name mentions of one referent into entities by blocked keys.

Installs compile this module with mypyc (hatch_build.py): every update of the index, even one
article added, links all of the corpus' forms again (about 1.4x faster compiled, the same
entities: `tests/test_compiled.py` compares them)."""

from __future__ import annotations

import gc
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations

from rapidfuzz import fuzz

from reader.models import Entity, EntityKind, Mention, NameMention
from reader.names import (
    LEGAL_FORMS,
    PARTICLES,
    PLACE_KEYS,
    SUFFIXES,
    fold,
    is_common_word,
    is_known_org,
)

__all__ = [
    "FormRow",
    "STORY_KINDS",
    "Linked",
    "form_story",
    "is_one_word",
    "link_forms",
    "link_names",
    "name_key",
    "slug",
    "story_key",
]

_KIND_ORDER = {"person": 0, "org": 1, "place": 2, "other": 3}
_DOMINANT = 4  # one form of a name used this many times as often as the other is its variant
_WELL_KNOWN_STORIES = 3
"""A person whose full name is written in at least this many stories is well established in
the corpus: a bare surname of a story that names nobody with it may be theirs (step 6)."""
_WELL_KNOWN_SHARE = 0.8
"""...if they hold at least this share of the full-name mentions of people with that surname
(Donald Trump among the Trumps; not one of several Davises)."""
_MIN_RATIO = 72.0  # token-joined similarity two transliterations must still reach
_DOUBLE_RE = re.compile(r"([^\W\d_])\1+")
_NO_VOWELS = str.maketrans("", "", "aeiouy")
_SLUG_RE = re.compile(r"[^a-z0-9]+")
_REAL_KINDS = frozenset(("person", "org", "place"))
_GROUP_WORDS = frozenset("group holdings companies".split())
_AREA_HEADS = frozenset("strip peninsula region".split())
"""Heads that name the same area as the word before them alone ("Gaza Strip": "Gaza"), unlike
a city's or a river's ("Mexico City" is not "Mexico")."""


def _initials(name: str) -> str:
    """The capitals that open a name's words and hyphenated parts ("Korean Central News
    Agency" -> "KCNA"; connectors in lower case give none)."""
    out = []
    for w in name.replace("-", " ").split():
        if w[:1].isupper():
            out.append(w[0])
    return "".join(out)


"""Words before a legal form that the short name also leaves out ("Goldman Sachs Group Inc")."""
# The uncached fold: linking folds each distinct name once, and a corpus has more of them than
# the extraction cache holds, so going through the cache would only evict extraction's entries.
_fold = fold.__wrapped__

FormRow = tuple[str, str, str, str, int]
"""(name, kind, text, story, count): how often one full name was written one way with one
kind in one story.

Linking reads nothing else of a mention, so a corpus of millions of mentions is linked from a
few hundred thousand of these rows (one SQL GROUP BY), never from the mentions themselves.
`story` is the story of the articles counted, or "" when it does not matter (`form_story`):
a one-word name a person's or of unknown kind (`is_one_word`) is a form of its story only, a
longer name is one form across the corpus and its stories only say where it appears (an
organisation's too: "Security Council" is the one council of its story). An organisation's or
a place's one-word name is counted across the corpus: "Hamas" is Hamas in every story, and
keying it by story made most of the rows.
"""


def is_one_word(name: str) -> bool:
    """Whether a name is one word ("Warren", "al-Sisi"): such a name stands for a referent
    of its story only, so its spellings are keyed by story (`STORY_SCOPED` in the store)."""
    return " " not in name


STORY_KINDS = frozenset(("person", "other"))
"""The kinds of mentions counted by story (`FormRow`); an organisation or a place is not."""


def story_key(name: str, kind: str, story: str) -> str:
    """The story a spelling of `name` mentioned as `kind` is keyed by: its own for a one-word
    name of a person or of unknown kind, else "" (`reader.store.schema.FORM_STORY`)."""
    return story if " " not in name and kind in STORY_KINDS else ""


def form_story(name: str, kind: str, story: str) -> str:
    """The story a mention of `name` as `kind` is counted in as a form (`FormRow`): its own
    for a one-word name of a person or of unknown kind (its spellings are keyed by it) and
    for any longer name (which then knows the stories it appears in), else ""
    (`reader.store.schema.FORM_STORY`)."""
    return story if kind in STORY_KINDS or " " in name else ""


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
    spellings: tuple[tuple[str, str, str, int], ...]
    """The (name, text, story, count) spellings whose mentions belong to it; story is ""
    but for one-word names (`story_key`)."""
    ambiguous: tuple[str, ...] = ()
    """For a bare name left apart: the full names of its story it could stand for."""

    @property
    def mentions(self) -> int:
        """How many mentions it has."""
        return sum(c for _, _, _, c in self.spellings)


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
    """Union-find over form indices; the smaller index stays root so results are deterministic.

    `members` holds the members of every root of more than one form (most forms stay alone),
    so votes and entities are built from the clusters without another pass over every form.
    """

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {}
        self.changed: set[int] = set()  # roots whose members changed since `votes` last ran

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
            members = self.members
            joined = members.setdefault(ra, [ra])
            joined.extend(members.pop(rb, (rb,)))
            self.changed.discard(rb)
            self.changed.add(ra)


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
    stories: Mapping[str, str] | None = None,
) -> list[Entity]:
    """Group `mentions` into entities; `aliases` merges names, `ignore` drops names, `split`
    moves spellings out of an entity, `stories` gives each article's story (the linking
    stage, as the build runs it).

    Without `stories` the mentions are one story. The mentions are counted into form rows,
    linked with `link_forms`, and attached to the entity their spelling went to, ordered by
    article then offset.
    """
    story_of = stories or {}
    by_spelling: dict[tuple[str, str, str], list[NameMention]] = defaultdict(list)
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for m in mentions:
        story = story_of.get(m.article, "")
        by_spelling[(m.name, m.text, story_key(m.name, m.kind, story))].append(m)
        counts[(m.name, m.kind, m.text, form_story(m.name, m.kind, story))] += 1
    rows = [(n, k, t, s, c) for (n, k, t, s), c in counts.items()]
    entities = []
    for linked in apply_splits(link_forms(rows, aliases, ignore), split or {}):
        ms = sorted(
            (m for n, t, s, _ in linked.spellings for m in by_spelling[(n, t, s)]),
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
    *,
    ordered: bool = False,
) -> list[Linked]:
    """Link counted forms into entities, most mentioned first; `aliases` merges names,
    `ignore` drops names. With `ordered`, the rows come sorted already (a query ordered by
    the forms' key, whose text order is Python's): they are read one by one, never held.

    Names are blocked by a transliteration-tolerant skeleton key and only names sharing a key
    are compared, so the work grows with the number of distinct names, not their pairs.
    """
    # Linking allocates many small objects that cannot form cycles; the cyclic collector
    # would rescan the growing heap over and over for garbage that cannot exist.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _link(rows if ordered else sorted(rows), aliases, ignore)
    finally:
        _light.cache_clear()
        if enabled:
            gc.enable()


def _link(
    rows: Iterable[FormRow],
    aliases: Mapping[str, Sequence[str]] | None,
    ignore: Collection[str],
) -> list[Linked]:
    """The linking steps, in order (each a method of `_Linker`, which holds the forms)."""
    linker = _Linker(rows, aliases)
    linker.join_spellings(range(linker.n))
    linker.join_aliases()
    linker.join_acronyms()
    linker.join_extra_names()
    linker.join_legal_forms()
    linker.join_short_forms()
    resolved, ambiguous = linker.join_bare_names()
    linker.join_first_words(resolved, ambiguous)
    linker.join_own_names(resolved)
    return linker.entities(ignore, ambiguous)


class _Linker:
    """The forms being linked, as parallel lists indexed by form, and their union-find.

    One "form" per distinct full name, and per story for a one-word name, with its mention
    count, kind votes, spellings and (a longer name) the stories it appears in. Sorted rows
    give the forms one order whatever order the articles came in, so every tie is broken the
    same way. Everything derived from a form's spelling is computed once per form, in
    per-call tables rather than module caches: a corpus has far more distinct names than any
    fixed cache holds, and a long-running reader should not keep them after the index is
    built.
    """

    def __init__(self, rows: Iterable[FormRow], aliases: Mapping[str, Sequence[str]] | None):
        self.forms: list[str] = []
        self.scope: list[str] = []
        """A one-word form's story; "" for a longer name, or one counted corpus-wide."""
        self.counts: list[int] = []
        self.kinds: list[dict[str, int]] = []
        self.texts: list[dict[str, int]] = []
        self.seen_in: list[set[str]] = []
        """The stories a longer name appears in (empty for a one-word form)."""
        self.form_ix: dict[tuple[str, str], int] = {}
        self._read(rows)
        self.aliases = aliases or {}
        self.alias_keys = self._add_aliases()
        """Each folded alias or key -> its key."""
        self.n = n = len(self.forms)
        self.uf = _UF(n)
        self.folded: list[str] = []
        self.toks: list[tuple[str, ...]] = []
        """Each form's core tokens (`_core_tokens`)."""
        self.keys: list[tuple[str, ...]] = []
        """Each form's blocking key: one skeleton a core token."""
        self._derive()
        self.one_word = [" " not in f for f in self.forms]
        self.acr = [_is_acronym(f) for f in self.forms]
        self.place = [f in PLACE_KEYS for f in self.folded]
        # Each root's kind: a form alone votes its own kinds; only the clusters joined since
        # the last `cluster_votes` are summed again (most forms stay alone).
        self.vote: list[EntityKind] = [_vote(kc) for kc in self.kinds]
        self.roots: list[int] = []
        self._word_kinds: dict[str, dict[str, int]] | None = None
        self.companies: set[int] = set()
        """Forms written with a legal form ("Citigroup Inc"): their entity is an organisation
        whatever the context of its other mentions suggested."""

    def _read(self, rows: Iterable[FormRow]) -> None:
        # A name, a kind and a story come in many rows, each its own string as SQLite gives
        # it: one copy of each is kept (`share`).
        pool: dict[str, str] = {}
        share = pool.setdefault
        form_ix, forms, scope, counts = self.form_ix, self.forms, self.scope, self.counts
        kinds, texts, seen_in = self.kinds, self.texts, self.seen_in
        no_stories: set[str] = set()  # shared by one-word forms, which never add to it
        for name, kind, text, story, count in rows:
            name, kind, story = share(name, name), share(kind, kind), share(story, story)
            one = " " not in name
            fkey = (name, story if one else "")
            i = form_ix.get(fkey)
            if i is None:
                form_ix[fkey] = len(forms)
                forms.append(name)
                scope.append(fkey[1])
                counts.append(count)
                kinds.append({kind: count})
                texts.append({text: count})
                seen_in.append(no_stories if one else set())
                if not one:
                    seen_in[-1].add(story)
                continue
            counts[i] += count
            kc, tc = kinds[i], texts[i]
            kc[kind] = kc.get(kind, 0) + count
            tc[text] = tc.get(text, 0) + count
            if not one:
                seen_in[i].add(story)

    def _add_aliases(self) -> dict[str, str]:
        """A form for each alias key nobody wrote; each folded alias or key -> its key."""
        alias_keys: dict[str, str] = {}
        for akey in sorted(self.aliases):
            if (akey, "") not in self.form_ix:
                self.form_ix[(akey, "")] = len(self.forms)
                self.forms.append(akey)
                self.scope.append("")
                self.counts.append(0)
                self.kinds.append({})
                self.texts.append({})
                self.seen_in.append(set())
            alias_keys.setdefault(fold(akey), akey)
            for alt in self.aliases[akey]:
                alias_keys.setdefault(fold(alt), akey)
        return alias_keys

    def _derive(self) -> None:
        """Each form's folded name, core tokens and key; a one-word name's forms (one a
        story) share them."""
        fold_of: dict[str, str] = {}
        folded = self.folded
        for f in self.forms:
            ff = fold_of.get(f)
            if ff is None:
                ff = fold_of[f] = _fold(f)
            folded.append(ff)
        skel: dict[str, str] = {}
        derived: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        toks, keys = self.toks, self.keys
        for f in folded:
            got = derived.get(f)
            if got is None:
                ts = _core_tokens(f)
                frame: list[str] = []
                for tok in ts:
                    sk = skel.get(tok)
                    if sk is None:
                        sk = skel[tok] = _skel(tok)
                    frame.append(sk)
                got = derived[f] = (ts, tuple(frame))
            toks.append(got[0])
            keys.append(got[1])

    def cluster_votes(self) -> tuple[list[int], list[EntityKind]]:
        """Each form's root, and each root's kind (the votes of its members)."""
        uf, vote, kinds = self.uf, self.vote, self.kinds
        find = uf.find
        self.roots = roots = [find(i) for i in range(self.n)]
        companies = self.companies
        for r in uf.changed:
            kc: Counter[str] = Counter()
            for i in uf.members[r]:
                kc.update(kinds[i])
            vote[r] = _vote(kc)
            if companies and not companies.isdisjoint(uf.members[r]):
                vote[r] = "org"
        uf.changed.clear()
        return roots, vote

    def _longest(self, roots: list[int]) -> dict[int, int]:
        """Each root's longest name, in core tokens."""
        longest: dict[int, int] = defaultdict(int)
        for i, r in enumerate(roots):
            if len(self.toks[i]) > longest[r]:
                longest[r] = len(self.toks[i])
        return longest

    def join_spellings(self, candidates: Iterable[int], across: bool = False) -> None:
        """1. Spellings of one name: block `candidates` on the skeleton key (and a one-word
        form's story, unless `across` stories: step 7 joins the ones that may cross), and
        confirm within each block."""
        keys, scope, counts, forms = self.keys, self.scope, self.counts, self.forms
        toks, place, uf = self.toks, self.place, self.uf
        blocks: dict[tuple[tuple[str, ...], str], list[int]] = defaultdict(list)
        for i in candidates:
            blocks[(keys[i], "" if across else scope[i])].append(i)
        for members in blocks.values():
            if len(members) < 2:
                continue
            reps: list[int] = []
            for i in sorted(members, key=lambda j: (-counts[j], forms[j], scope[j])):
                for r in reps[:16]:  # a block is a handful of spellings; cap hostile ones
                    if _same_referent(toks[i], toks[r], place[i] and place[r]):
                        uf.union(i, r)
                        break
                else:
                    reps.append(i)

    def join_aliases(self) -> None:
        """2. Aliases the user gave: fold-equal names join the key's form (in every story)."""
        if not self.alias_keys:
            return
        for i, f in enumerate(self.folded):
            target = self.alias_keys.get(f)
            if target is not None:
                self.uf.union(self.form_ix[(target, "")], i)

    def join_acronyms(self) -> None:
        """3. Acronyms defined somewhere ("PA" written as "Palestinian Authority") resolve
        bare ones."""
        forms, uf = self.forms, self.uf
        expansions: dict[str, set[int]] = defaultdict(set)
        for i, tc in enumerate(self.texts):
            if len(tc) == 1 and forms[i] in tc:
                continue  # every mention spells the name out: nothing is defined here
            for text in tc:
                if text != forms[i] and _is_acronym(text):
                    expansions[text.replace(".", "")].add(i)
        undefined: list[int] = []
        for i, name in enumerate(forms):
            if not self.acr[i]:
                continue
            got = expansions.get(name.replace(".", "")) if expansions else None
            defined = {uf.find(j) for j in got} if got else set()
            if len(defined) == 1:
                uf.union(next(iter(defined)), i)
            elif not defined and self.scope[i]:
                undefined.append(i)
        if undefined:
            self._join_story_initials(undefined)

    def _join_story_initials(self, acronyms: list[int]) -> None:
        """3b. An initialism no article defines ("KCTV said") is the one longer name of its
        story whose initials it is (a person's never)."""
        forms, seen_in, one_word, acr = self.forms, self.seen_in, self.one_word, self.acr
        roots, vote = self.cluster_votes()
        wanted = {(self.scope[i], forms[i].replace(".", "").rstrip("s")) for i in acronyms}
        stories = {story for story, _ in wanted}
        found: dict[tuple[str, str], set[int]] = defaultdict(set)
        for j, name in enumerate(forms):
            if one_word[j] or acr[j] or vote[roots[j]] == "person":
                continue
            here = seen_in[j] & stories
            if not here:
                continue
            key = _initials(name)
            for story in here:
                if (story, key) in wanted:
                    found[(story, key)].add(roots[j])
        for i in acronyms:
            got = found.get((self.scope[i], forms[i].replace(".", "").rstrip("s")), set())
            if len(got) == 1:
                self.uf.union(next(iter(got)), i)

    def join_extra_names(self) -> None:
        """4. Extra names: a full name with a middle name, patronymic or second family name
        more ("Elizabeth Ann Warren", "Oscar Arias Sánchez") is the same person as the shorter
        name ("Elizabeth Warren", "Oscar Arias") when the corpus has one person of each shape:
        with two longer people, or a generational suffix, the shorter name could be either.
        Particles never count ("bin", "da", "al-" are not core tokens). Two forms in different
        stories, both in common use, are two people each known by their own name ("John
        Edwards", "John Bel Edwards"); in one story they are one. A middle initial must fit
        ("John F. Kennedy" is not "John Neely Kennedy")."""
        roots, vote = self.cluster_votes()
        shapes: dict[tuple[str, ...], set[int]] = defaultdict(set)  # core tokens -> people
        longer: dict[tuple[str, ...], set[int]] = defaultdict(set)  # shorter tokens -> people
        initials: dict[int, set[str]] = defaultdict(set)  # middle initials the forms show
        middles: dict[int, set[str]] = defaultdict(set)  # first letters of longer names' words
        stories_of: dict[int, set[str]] = defaultdict(set)
        size: dict[int, int] = defaultdict(int)
        counts, seen_in, folded = self.counts, self.seen_in, self.folded
        for i, ts in enumerate(self.toks):
            r = roots[i]
            size[r] += counts[i]
            if len(ts) < 2 or ts[0] == ts[-1] or vote[r] != "person" or not SUFFIXES.isdisjoint(ts):
                continue  # "Trump Trump" is a stutter of the layout, not a first and last name
            shapes[ts].add(r)
            stories_of[r].update(seen_in[i])
            initials[r].update(t for t in folded[i].split()[1:-1] if len(t) == 1)
            if len(ts) > 2:
                middles[r].update(t[0] for t in ts[1:])
                for short in _shorter_names(ts):
                    longer[short].add(r)
        for short, longs in longer.items():
            shorts = shapes.get(short)
            if shorts is None or len(shorts) != 1 or len(longs) != 1:
                continue
            a, b = next(iter(shorts)), next(iter(longs))
            if a == b or not initials[a] <= middles[b]:
                continue
            dominant = max(size[a], size[b]) >= _DOMINANT * min(size[a], size[b])
            if dominant or not stories_of[a].isdisjoint(stories_of[b]):
                self.uf.union(a, b)

    def join_legal_forms(self) -> None:
        """4b. A company's name with its legal form ("Citigroup Inc", "Bank of America
        Corp", "Goldman Sachs Group Inc") is the name without it, and an organisation: the
        legal form says so even where a "Goldman Sachs said" read as a person's. A one-word
        name joins only its corpus-wide form (an organisation's), never a story's bare word."""
        by_folded: dict[str, list[int]] = defaultdict(list)
        folded, one_word, scope, place = self.folded, self.one_word, self.scope, self.place
        legal: list[tuple[int, list[str]]] = []
        for i, f in enumerate(folded):
            if one_word[i] and scope[i]:
                continue
            by_folded[f].append(i)
            if not one_word[i] and f.rsplit(" ", 1)[-1] in LEGAL_FORMS:
                legal.append((i, f.split()))
        if not legal:
            return
        roots, vote = self.cluster_votes()
        for i, toks in legal:
            n = len(toks)
            while n > 1 and toks[n - 1] in LEGAL_FORMS:
                n -= 1
            keys = [" ".join(toks[:n])]
            if n > 2 and toks[n - 1] in _GROUP_WORDS:
                keys.append(" ".join(toks[: n - 1]))
            for key in keys:
                for j in by_folded.get(key, ()):
                    if not place[j] and vote[roots[j]] != "place":
                        self.uf.union(i, j)
                        self.companies.add(i)
            if i in self.companies or vote[roots[i]] in ("org", "other"):
                self.companies.add(i)
                r = self.uf.find(i)
                if r in self.uf.members:
                    self.uf.changed.add(r)  # its vote is taken again, as an organisation's
                else:
                    vote[r] = "org"

    def join_short_forms(self) -> None:
        """5. Short forms of several words left unresolved in their article ("Abu Marzouk"):
        join the one full name they end, a person's or an organisation's anywhere in the
        corpus, or else one of their own story whose kind is unknown ("Lopez Obrador")."""
        roots, vote = self.cluster_votes()
        keys, toks, acr, one_word = self.keys, self.toks, self.acr, self.one_word
        seen_in, place = self.seen_in, self.place
        longest = self._longest(roots)
        tails: dict[tuple[str, ...], set[int]] = defaultdict(set)
        other_tails: dict[tuple[str, ...], set[int]] = defaultdict(set)
        members_tail: dict[int, list[tuple[str, ...]]] = defaultdict(list)
        where: dict[int, set[str]] = defaultdict(set)  # the stories of "other" names with tails
        stories_of: dict[int, set[str]] = defaultdict(set)  # the stories of names with tails
        for i, key in enumerate(keys):
            if len(key) < 3 or acr[i] or one_word[i]:
                continue
            r = roots[i]
            kind = vote[r]
            stories_of[r].update(seen_in[i])
            if kind == "other":
                where[r].update(seen_in[i])
                into = other_tails
            elif kind in ("person", "org"):
                into = tails
            else:
                continue
            if len(members_tail[r]) < 8:
                members_tail[r].append(toks[i])
            for k in range(2, len(key)):
                into[key[-k:]].add(r)
        joins: list[tuple[int, int]] = []
        for i, key in enumerate(keys):
            r = roots[i]
            if len(key) < 2 or one_word[i] or longest[r] > len(key) or place[i] or acr[i]:
                continue
            own = vote[r]
            if own == "place":
                continue
            # Skeleton keys collide ("Romney", "Romano"): only targets the spelling really
            # ends count towards ambiguity.
            fits = _fitting(toks[i], r, tails.get(key, ()), members_tail)
            if len(fits) > 1 and own == "org":
                # Two bodies end so ("UN Security Council", "National Security Council"):
                # the one of the short form's stories, when only one is there.
                here = seen_in[i] - {""}
                fits = _fitting(
                    toks[i],
                    r,
                    [t for t in tails.get(key, ()) if not stories_of[t].isdisjoint(here)],
                    members_tail,
                )
            if not fits and own == "other":
                here = seen_in[i]
                fits = _fitting(
                    toks[i],
                    r,
                    [t for t in other_tails.get(key, ()) if not where[t].isdisjoint(here)],
                    members_tail,
                )
            if len(fits) == 1 and longest[fits[0]] > len(key):
                joins.append((fits[0], i))
        for t, i in joins:
            self.uf.union(t, i)

    def word_kinds(self) -> dict[str, dict[str, int]]:
        """Every one-word form's kinds, summed by word (its folded name)."""
        if self._word_kinds is not None:
            return self._word_kinds
        word_kinds: dict[str, dict[str, int]] = {}
        self._word_kinds = word_kinds
        for i in range(self.n):
            if self.one_word[i]:
                f = self.folded[i]
                wk = word_kinds.get(f)
                if wk is None:
                    word_kinds[f] = dict(self.kinds[i])
                else:
                    for kind, c in self.kinds[i].items():
                        wk[kind] = wk.get(kind, 0) + c
        return word_kinds

    def _well_known(self) -> dict[str, int]:
        """Each surname's well-established person (a root), if any: named in full in
        `_WELL_KNOWN_STORIES` stories or more, with `_WELL_KNOWN_SHARE` of the full-name
        mentions of everyone of that surname."""
        roots, vote, counts, seen_in = self.roots, self.vote, self.counts, self.seen_in
        by_surname: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        full_stories: dict[int, set[str]] = defaultdict(set)
        plain: set[int] = set()  # people named without a generational suffix
        for i, ts in enumerate(self.toks):
            r = roots[i]
            if len(ts) < 2 or self.one_word[i] or not counts[i] or vote[r] != "person":
                continue
            last = ts[-1]
            if last in SUFFIXES:
                last = ts[-2]  # "Donald Trump Jr." is a Trump too, but not "Trump"
            else:
                plain.add(r)
            if ts[0] == last:
                continue
            by_surname[last][r] += counts[i]
            full_stories[r].update(seen_in[i])
        famous: dict[str, int] = {}
        for last, people in by_surname.items():
            best = min(people, key=lambda p: (-people[p], p))
            if (
                best in plain
                and people[best] >= _WELL_KNOWN_SHARE * sum(people.values())
                and len(full_stories[best] - {""}) >= _WELL_KNOWN_STORIES
            ):
                famous[last] = best
        return famous

    def join_bare_names(self) -> tuple[set[int], dict[int, set[int]]]:
        """6. A bare name ("Warren", "Senator Warren" and "Elizabeth" alone) left unresolved
        in its article: the one person of its own story whose surname or given name it is.
        With two (two Warrens) it stays apart, and says whom it could be. A surname of a story
        that names nobody with it joins the one person the corpus knows well by it ("Trump"),
        never a person named in a story or two, nor one of several in common use.

        Returns the forms resolved, and the forms left apart with the roots they could be."""
        roots, vote = self.cluster_votes()
        forms, toks, keys, one_word = self.forms, self.toks, self.keys, self.one_word
        counts, seen_in = self.counts, self.seen_in
        longest = self._longest(roots)
        has_full = {r for i, r in enumerate(roots) if not one_word[i] and counts[i]}
        by_last: dict[tuple[str, str], list[int]] = defaultdict(list)  # (story, skeleton)
        by_given: dict[tuple[str, str], list[int]] = defaultdict(list)  # (story, given name)
        for i, ts in enumerate(toks):
            if len(ts) < 2 or one_word[i]:
                continue
            # A surname also names a full name of unknown kind ("Tunde Okafor, a former
            # auditor"); a given name alone only a person's.
            person = vote[roots[i]] == "person"
            if not person and vote[roots[i]] != "other":
                continue
            suffixed = ts[-1] in SUFFIXES
            for story in seen_in[i]:
                if not suffixed:
                    by_last[(story, keys[i][-1])].append(i)
                if person:
                    by_given[(story, ts[0])].append(i)
        famous = self._well_known()
        word_kinds = self.word_kinds()
        place, acr, scope, union = self.place, self.acr, self.scope, self.uf.union
        ambiguous: dict[int, set[int]] = {}
        resolved: set[int] = set()
        for i in range(self.n):
            r = roots[i]
            if place[i] or acr[i] or vote[r] == "place":
                continue
            ts = toks[i]
            if one_word[i]:
                if r in has_full:
                    continue  # an alias or an acronym's definition resolved it
                stories: Collection[str] = (scope[i],)
            elif len(ts) == 1 and longest[r] == 1:
                stories = seen_in[i]  # a surname with a particle ("Abu Marzouk"): its stories
            else:
                continue
            fits_at: set[int] = set()
            for story in stories:
                fits_at.update(
                    roots[j]
                    for j in by_last.get((story, keys[i][-1]), ())
                    if _tail_fits(ts, [toks[j]])
                    and (vote[roots[j]] == "person" or not is_common_word(forms[i]))
                )
                if len(ts) == 1:
                    fits_at.update(roots[j] for j in by_given.get((story, ts[0]), ()))
            if not fits_at and len(ts) == 1:
                # Nobody of its story has the name: the surname's well-established person, if
                # any ("Trump" where no article of the story writes "Donald Trump"). A mention
                # of unknown kind fits as in its story, or (a common word) where most of the
                # word's mentions are a person's; one taken for an organisation's name ("Trump
                # said" read as a company) where the corpus calls the word a person's more
                # than an organisation's or a place's, and it is no known organisation.
                t = famous.get(ts[0], -1)
                own = vote[r]
                if t >= 0 and own != "person":
                    wk = word_kinds.get(self.folded[i], {})
                    if own == "other":
                        ok = not is_common_word(forms[i]) or 2 * wk.get("person", 0) > sum(
                            wk.values()
                        )
                    else:
                        ok = _vote(wk) == "person" and not is_known_org(forms[i])
                    if not ok:
                        t = -1
                if t >= 0:
                    fits_at.add(t)
            if len(fits_at) > 1 and any(vote[t] == "person" for t in fits_at):
                # A person named in full outranks names of unknown kind that end alike (a
                # glued "CNN Abe" beside "Shinzo Abe").
                fits_at = {t for t in fits_at if vote[t] == "person"}
            if len(fits_at) == 1:
                t = next(iter(fits_at))
                own = vote[r]
                if own != "other" and own != vote[t] and is_known_org(forms[i]):
                    # "Apple" the company is no short form of "Fiona Apple" the singer; a vote
                    # from context alone ("Romney aides") is too weak to refuse the join.
                    continue
                union(t, i)
                resolved.add(i)
            elif fits_at:
                ambiguous[i] = fits_at
        return resolved, ambiguous

    def join_first_words(self, resolved: set[int], ambiguous: dict[int, set[int]]) -> None:
        """6b. A one-word name left alone that opens the name of the one company (a name
        written with its legal form) of its story, or, an organisation's word counted across
        the corpus, of the corpus ("Goldman": "Goldman Sachs Group Inc"), is that company; a
        body's name alone is not ("Ferguson" beside "Ferguson Police Department"). A place's
        one word is the one place of the corpus it names with an area's head ("Gaza": "Gaza
        Strip"; not "Mexico City", another place)."""
        roots, vote = self.cluster_votes()
        forms, toks, one_word, scope, seen_in = (
            self.forms,
            self.toks,
            self.one_word,
            self.scope,
            self.seen_in,
        )
        companies = {roots[i] for i in self.companies}
        # (story, first word) -> bodies
        firsts: dict[tuple[str, str], set[int]] = defaultdict(set)
        firms: dict[str, set[int]] = defaultdict(set)  # first word -> companies
        areas: dict[str, set[int]] = defaultdict(set)  # first word -> places with an area head
        for j, ts in enumerate(toks):
            if one_word[j] or len(ts) < 2 or self.acr[j]:
                continue
            r = roots[j]
            if r in companies:
                firms[ts[0]].add(r)
                for story in seen_in[j]:
                    if story:
                        firsts[(story, ts[0])].add(r)
            elif vote[r] == "place" and len(ts) == 2 and ts[1] in _AREA_HEADS:
                areas[ts[0]].add(r)
        if not firms and not areas:
            return
        for i in range(self.n):
            if not one_word[i] or i in resolved or i in ambiguous or self.acr[i]:
                continue
            r = roots[i]
            if (
                r != i
                and len(self.uf.members.get(r, ())) > 1
                and any(not one_word[k] for k in self.uf.members[r])
            ):
                continue  # already part of a longer name's entity
            word = toks[i][0] if toks[i] else ""
            own = vote[r]
            if own == "place" or self.place[i]:
                got = areas.get(word, set())
            elif scope[i]:
                got = firsts.get((scope[i], word), set()) if own != "person" else set()
            elif own == "org" and not is_known_org(forms[i]):
                got = firms.get(word, set())
            else:
                continue
            if len(got) == 1:
                self.uf.union(next(iter(got)), i)
                resolved.add(i)

    def join_own_names(self, resolved: set[int]) -> None:
        """7. A one-word name that is its own full name (an organisation, a place, an acronym,
        or a word no person of the corpus is named with: "Hamas", "Brexit") is one referent in
        every story. A bare surname or given name never links across stories on its own:
        "Davis" in two stories without a Davis named in full may be two people (unless step 6,
        which `resolved` these forms, gave it its surname's well-established person).

        Uses the roots and votes of step 6, as they were before its joins."""
        roots, vote, toks, one_word = self.roots, self.vote, self.toks, self.one_word
        person_words: set[str] = set()
        for i, ts in enumerate(toks):
            if not one_word[i] and len(ts) > 1 and vote[roots[i]] == "person":
                person_words.add(ts[0])
                person_words.add(ts[-1])
        own_name: dict[str, bool] = {}
        for f, kc in self.word_kinds().items():
            kind = _vote(kc)
            own_name[f] = kind in ("org", "place") or (kind == "other" and f not in person_words)
        acr, place, folded = self.acr, self.place, self.folded
        standalone = [
            i
            for i in range(self.n)
            if one_word[i] and i not in resolved and (acr[i] or place[i] or own_name[folded[i]])
        ]
        self.join_spellings(standalone, across=True)

    def entities(self, ignore: Collection[str], ambiguous: dict[int, set[int]]) -> list[Linked]:
        """8. The entities: one a cluster of forms, most mentioned first."""
        uf, forms, counts, texts, scope = self.uf, self.forms, self.counts, self.texts, self.scope
        acr, vote, kinds = self.acr, self.vote, self.kinds
        clusters = uf.members
        members_of = (
            sorted(clusters[i]) if i in clusters else [i]
            for i in range(self.n)
            if uf.parent[i] == i
        )
        ignored = {fold(x) for x in ignore}
        alias_set = set(self.aliases)
        built: list[tuple[str, str, int, EntityKind, tuple[str, ...], list[int]]] = []
        for members in members_of:
            if not any(counts[i] for i in members):
                continue  # an alias nobody mentioned
            alias_ix = (
                next((i for i in members if forms[i] in alias_set), None) if alias_set else None
            )
            if alias_ix is not None:
                ci = alias_ix
            elif len(members) == 1:
                ci = members[0]
            else:
                # Acronyms are short forms: a spelled-out name wins whenever there is one.
                ci = min(
                    (i for i in members if counts[i]),
                    key=lambda i: (acr[i], -counts[i], -len(forms[i]), forms[i], scope[i]),
                )
            canonical = forms[ci]
            if len(members) == 1:
                i = members[0]
                spell = dict(texts[i])
                spell[forms[i]] = spell.get(forms[i], 0) + counts[i]
                kind = vote[i]  # a form alone: its own vote
            else:
                spell = Counter()
                kind_counts: Counter[str] = Counter()
                for i in members:
                    spell[forms[i]] += counts[i]
                    spell.update(texts[i])
                    kind_counts.update(kinds[i])
                kind = _vote(kind_counts)
                if self.companies and not self.companies.isdisjoint(members):
                    kind = "org"
            spell.pop(canonical, None)
            variants: tuple[str, ...] = (canonical,)
            if spell:
                variants += tuple(sorted(spell, key=lambda v: (-spell[v], v)))
            if ignored and any(fold(v) in ignored for v in variants):
                continue
            first = scope[members[0]] if len(members) == 1 else min(scope[i] for i in members)
            built.append((canonical, first, ci, kind, variants, members))

        # A canonical name is one form, or one story's form of a one-word name: sorting by
        # the name and the first story is deterministic.
        built.sort(key=lambda b: (b[0], b[1]))
        taken: set[str] = set()
        entities: list[tuple[int, Linked]] = []  # with its mentions, to sort by
        canonical_of = {uf.find(b[2]): b[0] for b in built}
        for canonical, _story, ci, kind, variants, members in built:
            # slug() would fold the name again; its folded form is at hand.
            base = eid = "e:" + (_SLUG_RE.sub("-", self.folded[ci]).strip("-") or "name")
            k = 2
            while eid in taken:
                eid = f"{base}-{k}"
                k += 1
            taken.add(eid)
            # `members` are sorted already.
            spellings = tuple(
                (forms[i], text, scope[i], c) for i in members for text, c in texts[i].items()
            )
            could_be: set[str] = set()
            for i in members:
                for t in ambiguous.get(i, ()):
                    other = canonical_of.get(uf.find(t))
                    if other is not None and other != canonical:
                        could_be.add(other)
            linked = Linked(eid, canonical, kind, variants, spellings, tuple(sorted(could_be)))
            entities.append((-sum(counts[i] for i in members), linked))
        entities.sort(key=lambda e: (e[0], e[1].name, e[1].id))
        return [e for _, e in entities]


def _shorter_names(ts: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The shorter names a longer name's core tokens are also written as: without one or more
    middle names, or without a second family name ("oscar arias sanchez" -> "oscar arias")."""
    first, mid, last = ts[0], ts[1:-1], ts[-1]
    out = {ts[:-1]}
    if len(mid) <= 4:
        for k in range(len(mid)):
            for sub in combinations(mid, k):
                out.add((first, *sub, last))
    return out


def _fitting(
    ts: tuple[str, ...],
    own: int,
    candidates: Collection[int],
    members_tail: Mapping[int, list[tuple[str, ...]]],
) -> list[int]:
    """The candidates (up to two) whose names the short form's tokens `ts` really end."""
    if len(candidates) > 32:
        return []  # a surname dozens of people share is never resolved by guessing
    fits: list[int] = []
    for t in candidates:
        if t != own and _tail_fits(ts, members_tail[t]):
            fits.append(t)
            if len(fits) > 1:
                break  # ambiguous: the rest cannot change the answer
    return fits


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
