"""Scoring quote extraction against the hand-annotated truth set in tests/data/quotes.yaml.

Shared by tests/test_quote_cases.py and benchmarks/quote_quality.py. The articles are read the
way the build reads them (`load_corpus`, so boilerplate is flagged); each article's quotes are
extracted with its name rows given (`name_rows`), and each event's quotes grouped as one story
with `q.speaker_full` as the speaker entity. Four rates come out:

- found: annotated quotes that an extracted quote overlaps (at the annotation's cue);
- speaker: found quotes whose extracted speaker is the annotated one (see `speaker_right`);
- joined: pairs of found quotes annotated as one statement that share a statement;
- apart: pairs of found quotes of one event annotated as different statements that do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

from reader.corpus import load_corpus
from reader.models import Article
from reader.names import name_rows
from reader.quotes import Quote, extract_quotes
from reader.quotes.statements import group_statements

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
DATA = Path(__file__).resolve().parent / "data"


def load(name: str) -> list[dict[str, Any]]:
    """The events of one annotated table in tests/data."""
    events: list[dict[str, Any]] = yaml.safe_load((DATA / name).read_text("utf-8"))["events"]
    return events


EVENTS = load("quotes.yaml")
HELDOUT = load("quotes_heldout.yaml")
"""Two further events annotated the same way and not used to write the rules (a check that
the attribution carries over)."""
HELDOUT2 = load("quotes_heldout2.yaml")
"""One more event annotated before the rules of the next round were written."""
HELDOUT3 = load("quotes_heldout3.yaml")
"""Two more events (a government statement story, an accident story) annotated before the
rules of the round after that were written."""

_TITLES = frozenset("mr mrs ms dr the a an".split())
_TOKEN_RE = re.compile(r"[\w.]+")


def available(events: list[dict[str, Any]] | None = None) -> bool:
    """True when every corpus the table names is here."""
    return all((CORPORA / e["corpus"]).exists() for e in events or EVENTS)


@cache
def _corpus(name: str) -> dict[str, Article]:
    return {a.id: a for a in load_corpus(CORPORA / name).articles}


@dataclass(frozen=True)
class Truth:
    """One annotated quote, located in its article."""

    event: str
    alias: str
    article: str
    cue: str
    start: int
    end: int
    speaker: str | None
    statement: str

    @property
    def key(self) -> str:
        return f"{self.event}/{self.alias}: {self.cue}"


@dataclass
class Scored:
    """The extraction and grouping of every annotated article, matched to the truth."""

    truths: list[Truth]
    found: dict[Truth, Quote] = field(default_factory=dict)
    statement_of: dict[Quote, str] = field(default_factory=dict)
    quotes: dict[str, list[Quote]] = field(default_factory=dict)
    """Every extracted quote of each annotated article."""

    def speaker_right(self, t: Truth) -> bool:
        return speaker_right(t.speaker, self.found[t])

    def same_statement(self, a: Truth, b: Truth) -> bool:
        return self.statement_of[self.found[a]] == self.statement_of[self.found[b]]

    def pairs(self, joined: bool) -> list[tuple[Truth, Truth]]:
        """Pairs of found quotes within an event, annotated as one statement (`joined`) or not."""
        out = []
        for a, b in combinations(self.truths, 2):
            if a.event == b.event and a in self.found and b in self.found:
                if (a.statement == b.statement) == joined:
                    out.append((a, b))
        return out

    def extra(self) -> list[Quote]:
        """Extracted quotes that no annotated quote overlaps (scare quotes, titles, ...)."""
        used = set(self.found.values())
        return [q for qs in self.quotes.values() for q in qs if q not in used]

    def rates(self) -> dict[str, float]:
        found = [t for t in self.truths if t in self.found]
        joined = self.pairs(True)
        apart = self.pairs(False)
        return {
            "found": len(found) / len(self.truths),
            "speaker": sum(self.speaker_right(t) for t in found) / max(1, len(found)),
            "joined": sum(self.same_statement(a, b) for a, b in joined) / max(1, len(joined)),
            "apart": sum(not self.same_statement(a, b) for a, b in apart) / max(1, len(apart)),
        }


def _tokens(name: str) -> set[str]:
    words = _TOKEN_RE.findall(name.lower().replace("-", " ").replace("’", "'"))
    return {w.rstrip(".") for w in words if w.rstrip(".") not in _TITLES} - {""}


def speaker_right(annotated: str | None, q: Quote) -> bool:
    """The extracted speaker is the annotated one: none for none; else the words of one name
    hold the other's ("Kim" for "Kim Jong Un", "the spokesperson" for "~a spokesperson for the
    US State Department", "Israeli military" for "the military"), titles and articles aside."""
    got = q.speaker_full or q.speaker_name
    if annotated is None or got is None:
        return annotated is None and got is None
    want, have = _tokens(annotated.lstrip("~")), _tokens(got)
    return bool(have) and (have <= want or want <= have)


def truths(events: list[dict[str, Any]] | None = None) -> list[Truth]:
    out = []
    for e in events or EVENTS:
        articles = _corpus(e["corpus"])
        for row in e["quotes"]:
            alias, cue, speaker, statement = row[:4]
            nth = row[4] if len(row) > 4 else 0
            article = articles[e["articles"][alias]]
            pos = -1
            for _ in range(nth + 1):
                pos = article.text.find(cue, pos + 1)
                if pos < 0:
                    raise AssertionError(f"annotation error: {cue!r} #{nth} not in {alias}")
            out.append(
                Truth(e["id"], alias, article.id, cue, pos, pos + len(cue), speaker, statement)
            )
    return out


def score(events: list[dict[str, Any]] | None = None) -> Scored:
    """Extract, group and match every annotated event (of quotes.yaml unless `events`)."""
    events = events or EVENTS
    scored = Scored(truths(events))
    for e in events:
        articles = _corpus(e["corpus"])
        event_quotes: list[Quote] = []
        for article_id in e["articles"].values():
            article = articles[article_id]
            quotes = extract_quotes(article, name_rows(article))
            scored.quotes[article_id] = quotes
            event_quotes.extend(quotes)
        story = e["id"]
        statements = group_statements(
            event_quotes, lambda _a, story=story: story, lambda q: q.speaker_full
        )
        for s in statements:
            for q in s.quotes:
                scored.statement_of[q] = s.id
    for t in scored.truths:
        for q in scored.quotes[t.article]:
            if q.start < t.end and t.start < q.end:
                scored.found[t] = q
                break
    return scored
