"""A lone article joins the story of several reports it is most like, at a lower bar
(LONE_EVENT) than two stories or two lone articles need (SAME_EVENT). Invented texts."""

from __future__ import annotations

from reader.models import Article
from reader.stories import (
    LONE_EVENT,
    SAME_EVENT,
    _attach_lone,
    _corpus_vectors,
    _pair_similarities,
    attach_stories,
    detect_stories,
    story_features,
)


def _art(aid: str, title: str, text: str, date: str) -> Article:
    return Article(id=aid, path=f"{aid}.txt", title=title, text=text, date=date)


BRIDGE = [
    _art(
        "bridge-1",
        "Kestrel Street bridge collapses into the Mure in Varnholt",
        "The Kestrel Street bridge in Varnholt collapsed into the Mure river early on Tuesday, "
        "taking two lorries with it. Rescue crews pulled four drivers from the water, and mayor "
        "Ilse Brandauer closed the riverside road while engineers inspected the piers.",
        "2031-03-04",
    ),
    _art(
        "bridge-2",
        "Four drivers rescued after Varnholt bridge falls into river",
        "Four drivers were rescued from the Mure after the Kestrel Street bridge in Varnholt "
        "gave way under morning traffic. Engineers said a corroded pier failed; mayor Ilse "
        "Brandauer promised an inquiry into the collapse.",
        "2031-03-04",
    ),
    _art(
        "bridge-3",
        "Varnholt inquiry into Kestrel Street bridge collapse",
        "A day after the Kestrel Street bridge dropped two lorries into the Mure, Varnholt "
        "engineers blamed a corroded pier. Mayor Ilse Brandauer opened an inquiry and kept the "
        "riverside road closed.",
        "2031-03-05",
    ),
]
GALLERY = _art(
    "bridge-gallery",
    "In pictures: the bridge collapse",
    "Sign in to see every picture. Subscribe for full access. Share this gallery with friends. "
    "Cookie settings and privacy choices. Photographs by our staff.",
    "2031-03-04",
)
"""A short page: its title names the event, its text is page chrome."""
BUDGET = [
    _art(
        "budget",
        "Varnholt council passes school budget",
        "The Varnholt council approved next year's school budget on Wednesday, adding two "
        "teachers and a new gymnasium roof. The finance committee said the oldest schools "
        "would be repaired first, before the summer closure.",
        "2031-03-05",
    ),
    _art(
        "budget-row",
        "Varnholt school budget rows over gymnasium",
        "Parents in Varnholt said the river district schools need more than a gymnasium roof, "
        "and asked the council to inspect every school building after the collapse.",
        "2031-03-06",
    ),
]
"""Another event in the same town and week; the second mentions the collapse in passing."""
FESTIVAL = _art(
    "festival",
    "Spring festival returns to Varnholt",
    "The spring festival returns to the old town park in Varnholt on Saturday with music, "
    "food stalls and a lantern parade, organisers said.",
    "2031-03-06",
)
FERRY = _art(
    "ferry",
    "Varnholt ferry adds weekend sailings",
    "The Varnholt ferry will add evening sailings at weekends from April, the operator "
    "said, expecting more passengers once the festival season starts.",
    "2031-03-05",
)
"""Two lone articles of different events, alike enough for LONE_EVENT, not for SAME_EVENT."""
CORPUS = [*BRIDGE, GALLERY, *BUDGET, FESTIVAL, FERRY]


def _similarity() -> dict[tuple[str, str], float]:
    feats = sorted((story_features(a) for a in CORPUS), key=lambda f: f.id)
    sims = _pair_similarities(feats, _corpus_vectors(feats))
    out = {}
    for (i, j), s in sims.items():
        out[feats[i].id, feats[j].id] = out[feats[j].id, feats[i].id] = s
    return out


def _average(article: str, others: list[Article]) -> float:
    sims = _similarity()
    return sum(sims.get((article, o.id), 0.0) for o in others) / len(others)


def _stories() -> dict[str, str]:
    return {a.article: a.story for a in detect_stories([story_features(a) for a in CORPUS])}


def test_the_cases_sit_between_the_two_bars() -> None:
    """What the other tests rely on: each is decided by the lone-article rule."""
    assert LONE_EVENT <= _average(GALLERY.id, BRIDGE) < SAME_EVENT
    assert LONE_EVENT <= _similarity()[FERRY.id, FESTIVAL.id] < SAME_EVENT


def test_a_short_page_joins_the_story_its_title_names() -> None:
    stories = _stories()
    assert stories[GALLERY.id] == stories["bridge-1"] == stories["bridge-2"] == stories["bridge-3"]


def test_other_events_of_the_same_town_and_week_stay_apart() -> None:
    stories = _stories()
    bridge = stories["bridge-1"]
    # A report that mentions the collapse goes with its own event, not the collapse.
    assert stories["budget"] == stories["budget-row"] != bridge
    # Two lone articles need SAME_EVENT between them, whatever LONE_EVENT allows a story.
    assert len({stories[FESTIVAL.id], stories[FERRY.id], bridge, stories["budget"]}) == 4


def test_attach_joins_a_short_page_as_detection_does() -> None:
    base = [story_features(a) for a in CORPUS if a is not GALLERY]
    existing = list(zip(sorted(base, key=lambda f: f.id), detect_stories(base), strict=True))
    bridge = next(a.story for f, a in existing if f.id == "bridge-1")
    (got,) = attach_stories([story_features(GALLERY)], existing)
    assert got.story == bridge


def test_attach_keeps_a_lone_pair_of_different_events_apart() -> None:
    base = [story_features(a) for a in CORPUS if a is not FERRY]
    existing = list(zip(sorted(base, key=lambda f: f.id), detect_stories(base), strict=True))
    (got,) = attach_stories([story_features(FERRY)], existing)
    assert got.story not in {a.story for _, a in existing}


def test_a_lone_article_goes_to_its_best_match_only() -> None:
    # Article 0 is alone; stories {1, 2} and {3, 4}; article 5 alone.
    groups = [[0], [1, 2], [3, 4], [5]]
    between = (LONE_EVENT + SAME_EVENT) / 2
    lower = LONE_EVENT - 0.01
    # 0 is most like story {1, 2}: it joins it.
    sims = {(0, 1): between, (0, 2): between, (0, 3): lower, (0, 4): lower}
    assert _attach_lone(groups, sims, 6) == [[1, 2, 0], [3, 4], [5]]
    # 0 is most like the lone 5: neither joins anything (lone articles need SAME_EVENT).
    sims[0, 5] = between + 0.01
    assert _attach_lone(groups, sims, 6) == groups
    # Below LONE_EVENT on average: stays alone.
    assert _attach_lone(groups, {(0, 1): lower, (0, 2): lower}, 6) == groups
    # Two stories between the bars are not merged here.
    assert _attach_lone(groups, {(1, 3): between, (2, 4): between}, 6) == groups
