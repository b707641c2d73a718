"""Scoring names across articles against the hand-annotated table tests/data/names_truth.yaml.

Shared by tests/test_name_cases.py and benchmarks/name_quality.py. The articles are read the
way the build reads them (`load_corpus`, so boilerplate is flagged), every article's names
extracted (`extract_names`) and the whole corpus linked as the build links it (`link_names`,
over `link_forms`), each article in the story of its annotated event (the stories taken as
given: clusters.jsonl's `cluster`, one story for the five seeds, which are linked with their
`seedread.yaml`). Linking the whole corpus, not one event, lets a bare name of one event be
pulled into another's entity, as it can be in an index.

A mention is a referent's when its text (curly apostrophes, soft hyphens and a final full
stop aside) is one of the referent's spellings and its article is one the referent is
annotated `in`. Three rates:

- found: (referent, article) pairs of the annotation where some mention is the referent's;
- linked: pairs of a referent's mentions (across its event's articles) in one entity;
- wrong merges: entities that hold the mentions of two referents (different ids).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from reader.config import Config
from reader.corpus import bundled_seeds, load_corpus
from reader.linking import link_names
from reader.models import Article, Entity, Mention, NameMention
from reader.names import extract_names

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
DATA = Path(__file__).resolve().parent / "data"
SEEDS = "seeds"
"""The corpus name of the bundled seed articles."""


def load(name: str = "names_truth.yaml") -> list[dict[str, Any]]:
    """The events of one annotated table in tests/data."""
    events: list[dict[str, Any]] = yaml.safe_load((DATA / name).read_text("utf-8"))["events"]
    return events


EVENTS = load()


def available(events: list[dict[str, Any]] | None = None) -> bool:
    """True when every corpus the table names is here."""
    return all(e["corpus"] == SEEDS or (CORPORA / e["corpus"]).exists() for e in events or EVENTS)


def norm(text: str) -> str:
    """A spelling as compared: curly apostrophes straight, soft hyphens and a final full stop
    ("Citigroup Inc.") dropped."""
    return text.replace("\u2019", "'").replace("\xad", "").removesuffix(".")


@dataclass(frozen=True, eq=False)
class Referent:
    """One annotated referent of one event."""

    event: str
    id: str
    kind: str
    spellings: frozenset[str]
    articles: dict[str, str]
    """Alias -> article id of the articles it is annotated in."""

    @property
    def key(self) -> str:
        return f"{self.event}/{self.id}"


@dataclass
class Scored:
    """The linked corpus matched to the annotation."""

    referents: list[Referent]
    apart: list[tuple[Referent, Referent]]
    mentions: dict[Referent, list[tuple[str, Mention, str]]] = field(default_factory=dict)
    """Each referent's mentions found: (article alias, mention, entity id)."""
    entities: dict[str, Entity] = field(default_factory=dict)

    def found(self, r: Referent) -> set[str]:
        """The aliases of the articles where one of `r`'s mentions was found."""
        return {alias for alias, _, _ in self.mentions[r]}

    def pairs(self, r: Referent) -> tuple[int, int]:
        """(pairs of `r`'s mentions in one entity, all pairs of its mentions)."""
        per = Counter(e for _, _, e in self.mentions[r])
        n = sum(per.values())
        return sum(k * (k - 1) // 2 for k in per.values()), n * (n - 1) // 2

    def merged(self) -> dict[str, set[str]]:
        """Entities holding mentions of more than one referent -> the referents' ids."""
        held: dict[str, set[str]] = defaultdict(set)
        for r, ms in self.mentions.items():
            for _, _, e in ms:
                held[e].add(r.id)
        return {e: ids for e, ids in held.items() if len(ids) > 1}

    def rates(self, event: str | None = None) -> dict[str, float]:
        """found, linked and wrong merges (a count) of one event or of all."""
        refs = [r for r in self.referents if event is None or r.event == event]
        ids = {r.id for r in refs}
        wanted = sum(len(r.articles) for r in refs)
        got = sum(len(self.found(r)) for r in refs)
        same = total = 0
        for r in refs:
            s, t = self.pairs(r)
            same, total = same + s, total + t
        wrong = sum(1 for held in self.merged().values() if held & ids)
        return {
            "found": got / max(1, wanted),
            "linked": same / total if total else 1.0,
            "wrong": float(wrong),
            "referents": float(len(refs)),
            "annotated": float(wanted),
            "mentions": float(sum(len(self.mentions[r]) for r in refs)),
        }


@cache
def _clusters(name: str) -> tuple[dict[str, Article], tuple[Entity, ...]]:
    """A clusters-style corpus read and linked whole, each article in its `cluster`'s story."""
    path = CORPORA / name
    story: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            story[rec["id"]] = rec.get("cluster") or rec["id"]
    articles = {a.id: a for a in load_corpus(path).articles}
    return articles, _link(articles, story, None)


@cache
def _seeds() -> tuple[dict[str, Article], tuple[Entity, ...]]:
    """The five seed articles, one story, linked with their config."""
    corpus = load_corpus(bundled_seeds())
    articles = {a.id: a for a in corpus.articles}
    return articles, _link(articles, dict.fromkeys(articles, SEEDS), corpus.config)


def _link(
    articles: dict[str, Article], story: dict[str, str], config: Config | None
) -> tuple[Entity, ...]:
    mentions: list[NameMention] = []
    for a in articles.values():
        mentions.extend(extract_names(a))
    if config is None:
        return tuple(link_names(mentions, stories=story))
    return tuple(
        link_names(mentions, config.aliases, config.ignore, dict(config.split), stories=story)
    )


def referents(events: list[dict[str, Any]] | None = None) -> list[Referent]:
    """The table's referents; raises on an annotation error (an unknown alias, a spelling
    listed for two referents of one event, an `in` article without any of the spellings)."""
    out = []
    for e in events or EVENTS:
        articles = _seeds()[0] if e["corpus"] == SEEDS else _clusters(e["corpus"])[0]
        owner: dict[str, str] = {}
        for row in e["referents"]:
            spellings = frozenset(norm(s) for s in row["spellings"])
            for s in spellings:
                if owner.setdefault(s, row["id"]) != row["id"]:
                    raise AssertionError(f"annotation error: {s!r} of {owner[s]} and {row['id']}")
            where = {alias: e["articles"][alias] for alias in row["in"]}
            for alias, aid in where.items():
                text = norm(articles[aid].text)
                if not any(s in text for s in spellings):
                    raise AssertionError(f"annotation error: {row['id']} not in {alias}")
            out.append(Referent(e["id"], row["id"], row["kind"], spellings, where))
    return out


def score(events: list[dict[str, Any]] | None = None) -> Scored:
    """Match every annotated referent to the mentions and entities of its linked corpus."""
    events = events or EVENTS
    refs = referents(events)
    by_key = {(r.event, r.id): r for r in refs}
    apart = [(by_key[e["id"], a], by_key[e["id"], b]) for e in events for a, b in e["apart"]]
    scored = Scored(refs, apart)
    corpora = {e["corpus"] for e in events}
    # (article id, spelling) -> the referent whose mention it is there
    wanted: dict[tuple[str, str], tuple[Referent, str]] = {}
    for r in refs:
        scored.mentions[r] = []
        for alias, aid in r.articles.items():
            for s in r.spellings:
                wanted[aid, s] = (r, alias)
    for corpus in sorted(corpora):
        entities = _seeds()[1] if corpus == SEEDS else _clusters(corpus)[1]
        for ent in entities:
            for m in ent.mentions:
                hit = wanted.get((m.article, norm(m.text)))
                if hit is not None:
                    r, alias = hit
                    eid = f"{corpus}:{ent.id}"  # two corpora may both have "e:china"
                    scored.mentions[r].append((alias, m, eid))
                    scored.entities[eid] = ent
    return scored
