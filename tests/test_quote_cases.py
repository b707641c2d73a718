"""Quotes and their speakers on real multi-outlet news, against a hand-annotated table (issue 22).

tests/data/quotes.yaml lists, for six events in ../shared/corpora/clusters.jsonl (politics,
sports, a disaster, crime, business), every direct quotation of their articles with its
speaker and the statement it renders. Each article's quotes are extracted as the build does
(its name rows given) and each event's quotes grouped as one story (`tests/quote_truth.py`):

- found: an extracted quote overlaps each annotated one;
- speaker: the extracted speaker is the annotated one;
- joined: two quotes of one statement are in one statement ("must join");
- apart: two quotes of different statements are not ("must stay apart").

The floors sit a little below what was measured; the named statement pairs are individual
cases. The annotation is the ground truth: a failure here is the product's, not the table's.
"""

from __future__ import annotations

from functools import cache

import pytest
from quote_truth import EVENTS, HELDOUT, HELDOUT2, HELDOUT3, Scored, available, score

pytestmark = pytest.mark.skipif(not available(), reason="needs ../shared/corpora/clusters.jsonl")

FLOORS = {"found": 0.95, "speaker": 0.93, "joined": 0.95, "apart": 0.995}
"""Measured: found 0.974, speaker 0.937, joined 1.000, apart 1.000 (speaker 0.921 before
"the letter began" reported a document, "when telling" took the sentence's subject and "he
told reporters" reached back past paragraphs naming no one; speaker 0.894 before a
quote paragraph ran on from the speaker of the paragraph before, a quote after a too-short
fragment took the attribution before it, and a second verb after "and" took the sentence's
subject; 0.884 before "the
report read" stood for the name right before "released a report"; 0.878 before the
pronoun search passed over caption lines between a paragraph and its "he said"; 0.825 before
unclassed names with a title or a role counted as people, participles after a short quote
spoke for the sentence's subject and "it said" for the organisation opening the sentence
before; 0.788 before
definite descriptions stood for the one entity the article ties them to; 0.624 and joined
0.970 before credit-line names, participles, asides and end-of-sentence attributions, and
pronouns read from reporting clauses; 0.864, 0.509, 0.769, 0.999 before single quotation
marks, appositives, pronouns standing for a named person and the statement fixes)."""

HELDOUT_FLOORS = {"found": 0.97, "speaker": 0.72, "joined": 0.96, "apart": 0.995}
"""On tests/data/quotes_heldout.yaml, two events the rules were not written on. Measured:
found 1.000, speaker 0.723, joined 0.984, apart 1.000 (speaker 0.681 before the pronoun
search passed over caption lines, one ending on a quote with no full stop; 0.660 before a name in
apposition or opening the sentence was the subject of a verb after a comma; 0.979, 0.630,
0.849, 1.000 before descriptions and caption lines naming their speaker: a Daily Mail
caption quoting Freed's whole apology was read as a heading and dropped; 0.957, 0.511,
0.843, 1.000 before the
speaker rules of the round before)."""

HELDOUT2_FLOORS = {"found": 0.95, "speaker": 0.72, "joined": 0.95, "apart": 0.995}
"""On tests/data/quotes_heldout2.yaml, one more event, annotated before the description and
caption rules were written. Measured: found 0.980, speaker 0.729, joined 0.983, apart 1.000
(speaker 0.646 before the reporting verbs "exclaimed" and the like, unclassed names with a
role counted as people, and names in apposition before a verb; 0.625 before the description
and caption rules)."""


@cache
def _scored() -> Scored:
    return score()


@pytest.mark.parametrize("rate", sorted(FLOORS))
def test_rate_floor(rate: str) -> None:
    got = _scored().rates()[rate]
    assert got >= FLOORS[rate], f"{rate}: {got:.3f} < {FLOORS[rate]}"


@cache
def _heldout() -> Scored:
    return score(HELDOUT)


@pytest.mark.parametrize("rate", sorted(HELDOUT_FLOORS))
def test_heldout_rate_floor(rate: str) -> None:
    got = _heldout().rates()[rate]
    assert got >= HELDOUT_FLOORS[rate], f"held-out {rate}: {got:.3f} < {HELDOUT_FLOORS[rate]}"


HELDOUT3_FLOORS = {"found": 0.95, "speaker": 0.81, "joined": 0.90, "apart": 0.995}
"""On tests/data/quotes_heldout3.yaml, two more events (the Chibok release, the Croydon tram),
annotated before the run-on, fragment and sentence-subject rules were written. Measured:
found 0.960, speaker 0.817, joined 0.923, apart 0.999 (speaker 0.792 before organisation nouns
stood for the one organisation of their kind named; 0.775 before those rules)."""


@cache
def _heldout3() -> Scored:
    return score(HELDOUT3)


@pytest.mark.parametrize("rate", sorted(HELDOUT3_FLOORS))
def test_heldout3_rate_floor(rate: str) -> None:
    got = _heldout3().rates()[rate]
    assert got >= HELDOUT3_FLOORS[rate], f"held-out 3 {rate}: {got:.3f} < {HELDOUT3_FLOORS[rate]}"


@cache
def _heldout2() -> Scored:
    return score(HELDOUT2)


@pytest.mark.parametrize("rate", sorted(HELDOUT2_FLOORS))
def test_heldout2_rate_floor(rate: str) -> None:
    got = _heldout2().rates()[rate]
    assert got >= HELDOUT2_FLOORS[rate], f"held-out 2 {rate}: {got:.3f} < {HELDOUT2_FLOORS[rate]}"


def test_every_annotated_cue_is_in_its_article() -> None:
    truths = _scored().truths
    assert len(truths) >= 150
    assert sum(t.speaker is not None and t.speaker.startswith("~") for t in truths) >= 5


def _statement_pairs() -> list[tuple[str, str, str]]:
    """(event, statement, statement) for the annotated must-stay-apart pairs."""
    return [(e["id"], a, b) for e in EVENTS for a, b in e.get("apart") or []]


def _multi_outlet() -> list[tuple[str, str]]:
    """(event, statement) for each statement that two or more articles quote."""
    out = []
    for e in EVENTS:
        seen: dict[str, set[str]] = {}
        for row in e["quotes"]:
            seen.setdefault(row[3], set()).add(row[0])
        out += [(e["id"], s) for s, aliases in seen.items() if len(aliases) > 1]
    return out


KNOWN_SPLITS: dict[tuple[str, str], str] = {
    ("kim-olive-branch", "kim-button"): "the Reuters subheading quoting Kim in capitals "
    "('REALITY, NOT A THREAT') names no one and is not read as a quote",
    ("arians-retires", "arians-tears"): "a Daily Mail caption attributes the quote to 'the "
    "two-time NFL coach of the year' only, and is read as a headline said by no one",
    ("tamimi-indicted", "haaretz-joan"): "a capitalised epithet is read as a title",
}
"""Statements whose variants are known not to be joined yet, with why."""


@pytest.mark.parametrize(
    ("event", "statement"),
    [
        pytest.param(*k, marks=pytest.mark.xfail(strict=True, reason=KNOWN_SPLITS[k]))
        if k in KNOWN_SPLITS
        else k
        for k in _multi_outlet()
    ],
)
def test_statement_variants_are_joined(event: str, statement: str) -> None:
    scored = _scored()
    variants = [t for t in scored.truths if t.event == event and t.statement == statement]
    found = [t for t in variants if t in scored.found]
    assert len(found) == len(variants), [t.key for t in variants if t not in scored.found]
    ids = {scored.statement_of[scored.found[t]] for t in found}
    assert len(ids) == 1, [(t.key, scored.statement_of[scored.found[t]]) for t in found]


@pytest.mark.parametrize(("event", "a", "b"), _statement_pairs())
def test_statements_of_one_speaker_stay_apart(event: str, a: str, b: str) -> None:
    scored = _scored()
    ids = {
        t.statement: scored.statement_of[scored.found[t]]
        for t in scored.truths
        if t.event == event and t.statement in (a, b) and t in scored.found
    }
    if len(ids) < 2:
        pytest.skip("a quote of the pair was not found (counted by the found rate)")
    assert ids[a] != ids[b]
