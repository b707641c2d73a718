"""Names across articles on real multi-outlet news, against a hand-annotated table (issue 18).

tests/data/names_truth.yaml lists, for four events of ../shared/corpora/clusters.jsonl
(politics, an accident, business, international) and the five seeds, the central referents
and every spelling their articles use. The corpus is read, extracted and linked as the build
does it (`tests/name_truth.py`), and per referent:

- found: a mention with one of its spellings in each article annotated as mentioning it;
- linked: every two of its mentions in one entity;
- wrong merges: no entity holds the mentions of two referents (none of the `apart` pairs).

The floors sit a little below what was measured, so a change that loses names fails; raise
them with the rules. Issue 18's targets are found >= 0.97, linked 1.000, 0 wrong merges.
"""

from __future__ import annotations

from functools import cache

import pytest
from name_truth import Scored, available, score

pytestmark = pytest.mark.skipif(not available(), reason="needs ../shared/corpora/clusters.jsonl")

FLOORS = {"found": 0.97, "linked": 0.99}
"""Overall, measured before any rule change: found 0.909, linked 0.910, 0 wrong merges (the
four held-out events 0.888 and 0.894; the seeds 1.000 and 0.953); after issue 18's fixes of
hyphens, captions, leading words, glued names, short forms, initialisms, legal forms and
companies' first words: found 0.978, linked 0.993, 0 wrong merges (held-out 0.973 and 0.992;
the seeds 1.000 and 0.999)."""

SEED_FLOORS = {"found": 1.0, "linked": 0.99}


@cache
def _scored() -> Scored:
    return score()


@pytest.mark.parametrize("rate", sorted(FLOORS))
def test_overall_rate_stays_at_its_floor(rate: str) -> None:
    assert _scored().rates()[rate] >= FLOORS[rate]


@pytest.mark.parametrize("rate", sorted(SEED_FLOORS))
def test_seed_rate_stays_at_its_floor(rate: str) -> None:
    assert _scored().rates("seeds")[rate] >= SEED_FLOORS[rate]


def test_no_entity_holds_two_referents() -> None:
    merged = _scored().merged()
    assert not merged, merged


def test_every_event_is_scored() -> None:
    scored = _scored()
    events = {r.event for r in scored.referents}
    assert len(events) == 5
    for event in events:
        assert scored.rates(event)["mentions"] > 0
