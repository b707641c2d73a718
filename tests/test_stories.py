"""Tests for story detection: real events from the corpora (by id), the seeds, and edge cases."""

from __future__ import annotations

import random
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest

from reader.corpus import bundled_seeds, load_corpus
from reader.models import Article
from reader.stories import (
    StoryAssignment,
    StoryFeatures,
    attach_stories,
    detect_stories,
    story_features,
    summarise_stories,
)

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
G = "g5w1h/"

# Real events, annotated by reading the articles (ids only; the text is read at test time).
SAME_EVENT = {
    "nice-truck-attack-over-two-days": [
        G + "1f500d301693b2f58e25789abd360a5814fa0a9276678ef7021708f9",  # NYT, 14 July
        G + "544db91c72dce4dbe8644c8bc299a17471fcd93197cd4f0b9cfd9642",  # CNN, 14 July
        G + "e951663c53b6a024569b5eaf1040d621a0a2441ab8548de2659e1e74",  # NPR, 14 July
        G + "6134ba149dcae1612e7639a2004f94bc6b540a8e08bb7a4b2ad928af",  # China Daily, 15 July
    ],
    "nyc-subway-work-trains-collide": [
        G + "2216ac1653dbe4e74e65fb459401445f7b44202fec43b08c4a47af82",
        G + "5ab7894a2174f1575138b4c57cd950d516d1ffce569f5c960fd1c0fa",
        G + "e5b73024b43cab7dc2ea4f72b04bf98842e3958b97afe44402935312",
    ],
    "goldman-sachs-5bn-tax-hit": [
        G + "22f61b23943672063f35def3c8e187307507bf8b9f6e455ce8e18483",  # CNN Money
        G + "535543435b93281c56ad8fbceaec2d7e533f5fcf4c376005cc66d5a2",  # Washington Post
        G + "b81ff83f0b8b55309d57d91ca8dddf986c1f86fd9e9ae1fbe7551984",  # NYT
        G + "8f5bf843dc8e16275dd5e880b78bf39b392112de69c69e0aabbbd1ba",  # Bloomberg
    ],
    "missile-over-japan-august-2017": [
        G + "88167f71dba9fde243411117c9ae522ff537095ee330c61a62cae258",  # NYT
        G + "939a3e0e11d055b8f8b911ba50ba878c031af171e4f4904d850e5398",  # NPR
        G + "2989428ad5737c66b7832be5344f2c2fc6086447c32fe93b0b8fd079",  # HuffPost
    ],
    "missile-over-japan-september-2017": [
        G + "093c655f7b04e78f432a7b220b219c495031363d1319363f5d0bed37",  # CNN
        G + "bad7d665ca0946c864c36efb97d038845370b85a6aeb62a6dfd6e75a",  # NPR
    ],
    "mary-cheney-criticises-her-sister": [
        "basil/c356e514-a20d-45e3-b1ad-159636013822",  # NYT
        "basil/25af626f-79cd-464b-8efd-c36b5a96cb8b",  # Fox News
    ],
}

DIFFERENT_EVENTS = {
    # Two launches over Japan of the same kind, about two weeks apart.
    "two-missile-launches-over-japan": (
        G + "88167f71dba9fde243411117c9ae522ff537095ee330c61a62cae258",
        G + "093c655f7b04e78f432a7b220b219c495031363d1319363f5d0bed37",
    ),
    # Two collisions on the same day: subway work trains in New York, a ship on the Rhine.
    "subway-collision-vs-rhine-ship-collision": (
        G + "2216ac1653dbe4e74e65fb459401445f7b44202fec43b08c4a47af82",
        G + "d65eae9cae0dc897f36f2e5fd18e408f678360fbbd6654a060d56228",
    ),
    # Two NFL coaches leaving on the same day: Bruce Arians retires, the Bears fire John Fox.
    "arians-retires-vs-bears-fire-fox": (
        G + "5a7c11ed666ae65e5e832fd959cfb7244f8196a02d93990848a4156a",
        G + "0eb7713529eca2763bf13c56c19a3e53a252edbbf19af96445761405",
    ),
    # Same town, same week: Erie's snowfall record and an Erie woman's $284bn electricity bill.
    "erie-snow-record-vs-erie-electricity-bill": (
        G + "4b2798693f5bf9c8f97dec0485b2aa4ff1c7d0cc3dbe3f41a8e1250a",
        G + "d184a1e408ebb65e30eab517ace772de5063667f6dd02286dc6bf937",
    ),
}

# Wire copy reprinted word for word by two outlets, and two outlets' own reporting.
SAME_COPY = {
    "angola-satellite-ap-copy": (
        G + "2ea0c85e8b8adfd02aa27a7306e4f7b9afba90f6aef8613e5b2fce59",  # Fox News
        G + "4c06bb5412a15ba2ca552b4cbf0b1b2c62182cce25228a07ced63de3",  # Times of India
    ),
}
OWN_COPY = {
    "nice-nyt-vs-cnn": (
        G + "1f500d301693b2f58e25789abd360a5814fa0a9276678ef7021708f9",
        G + "544db91c72dce4dbe8644c8bc299a17471fcd93197cd4f0b9cfd9642",
    ),
}


@lru_cache(maxsize=1)
def _corpus() -> tuple[Article, ...]:
    """clusters.jsonl and basil.jsonl, read by the reader's own loader."""
    files = [CORPORA / "clusters.jsonl", CORPORA / "basil.jsonl"]
    if not all(f.exists() for f in files):
        pytest.skip("shared corpora not available")
    return tuple(a for f in files for a in load_corpus(f).articles)


@lru_cache(maxsize=1)
def _features() -> tuple[StoryFeatures, ...]:
    return tuple(story_features(a) for a in _corpus())


@lru_cache(maxsize=1)
def _stories() -> dict[str, StoryAssignment]:
    return {a.article: a for a in detect_stories(_features())}


@pytest.mark.parametrize("ids", SAME_EVENT.values(), ids=SAME_EVENT.keys())
def test_reports_of_one_event_join(ids: list[str]) -> None:
    stories = _stories()
    assert len({stories[i].story for i in ids}) == 1


HARD_APART = [
    pytest.param(
        "basil/0be5b4d1-ad0c-4f8a-8f78-29bfcde0cb52",
        "basil/1a70c4b1-dba8-4f9a-8067-7f2293109289",
        id="indiana-vs-arkansas-religious-freedom-law",
        marks=pytest.mark.xfail(
            reason="Known miss: two states' religious-freedom laws days apart, one backlash; "
            "apart in the benchmark mix (3,683 articles), joined among these 683",
            strict=False,
        ),
    ),
]


@pytest.mark.parametrize(("first", "second"), HARD_APART)
def test_hard_different_events_stay_apart(first: str, second: str) -> None:
    stories = _stories()
    assert stories[first].story != stories[second].story


@pytest.mark.parametrize("pair", DIFFERENT_EVENTS.values(), ids=DIFFERENT_EVENTS.keys())
def test_different_events_of_one_kind_stay_apart(pair: tuple[str, str]) -> None:
    stories = _stories()
    assert stories[pair[0]].story != stories[pair[1]].story


@pytest.mark.parametrize("pair", SAME_COPY.values(), ids=SAME_COPY.keys())
def test_wire_copy_has_one_origin(pair: tuple[str, str]) -> None:
    stories = _stories()
    first, second = stories[pair[0]], stories[pair[1]]
    assert first.story == second.story
    assert first.origin == second.origin == min(pair)  # same day: the smaller id


@pytest.mark.parametrize("pair", OWN_COPY.values(), ids=OWN_COPY.keys())
def test_own_reporting_is_its_own_origin(pair: tuple[str, str]) -> None:
    stories = _stories()
    assert [stories[i].origin for i in pair] == list(pair)


def test_labelled_corpora_are_mostly_split_by_event() -> None:
    """A coarse guard: no story mixes many labelled events, none is a giant."""
    sizes: dict[str, int] = {}
    for a in _stories().values():
        sizes[a.story] = sizes.get(a.story, 0) + 1
    assert max(sizes.values()) <= 20
    assert 150 <= len(sizes) <= 450  # 169 labelled events, some split by date on purpose


# ---------------------------------------------------------------------------
# The seeds
# ---------------------------------------------------------------------------


def test_seed_reports_of_the_april_beijing_talks_are_one_story() -> None:
    articles = load_corpus(bundled_seeds()).articles
    stories = {a.article: a.story for a in detect_stories([story_features(a) for a in articles])}
    by_prefix = {aid[:3]: story for aid, story in stories.items()}
    assert by_prefix["000"] == by_prefix["001"] == by_prefix["002"] == by_prefix["004"]
    # 003 is the July round with no date: either answer is right.


# ---------------------------------------------------------------------------
# Determinism, given ids, attach
# ---------------------------------------------------------------------------


def test_shuffled_input_gives_the_same_stories() -> None:
    feats = list(_features())
    first = detect_stories(feats)
    random.Random(7).shuffle(feats)
    assert detect_stories(feats) == first


def test_features_are_deterministic_and_small() -> None:
    article = _corpus()[0]
    assert story_features(article) == story_features(article)
    import pickle

    assert len(pickle.dumps(story_features(article))) < 4000


def _article(aid: str, text: str, date: str | None = "2024-04-30", title: str = "") -> Article:
    return Article(id=aid, path=f"{aid}.txt", title=title, text=text, date=date)


BEIJING = (
    "Rival Palestinian factions Hamas and Fatah met in Beijing on Tuesday for reconciliation "
    "talks hosted by China, officials in Ramallah and Gaza said."
)
STORM = (
    "A powerful tornado tore through the town of Elmwood in Nebraska overnight, flattening "
    "barns and cutting power to thousands of homes, the county sheriff said."
)


def test_a_given_story_id_is_honoured_whatever_the_similarity() -> None:
    feats = [
        story_features(_article("a", BEIJING), given="agg:1"),
        story_features(_article("b", STORM), given="agg:1"),
        story_features(_article("c", BEIJING)),
    ]
    stories = {a.article: a.story for a in detect_stories(feats)}
    assert stories["a"] == stories["b"] == "agg:1"
    assert stories["c"] != "agg:1"


EDGE_CASES = {
    "empty-text": [_article("a", ""), _article("b", "")],
    "no-date": [_article("a", BEIJING, date=None), _article("b", STORM, date=None)],
    "month-only-date": [_article("a", BEIJING, date="2024-04"), _article("b", STORM)],
    "one-article": [_article("a", BEIJING)],
    "nothing": [],
}


@pytest.mark.parametrize("articles", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_edge_cases_give_one_assignment_per_article(articles: list[Article]) -> None:
    result = detect_stories([story_features(a) for a in articles])
    assert [a.article for a in result] == sorted(a.id for a in articles)
    assert all(a.story.startswith("s:") and a.origin == a.article for a in result)


def test_story_ids_come_from_the_earliest_article() -> None:
    copy = [_article("late", BEIJING, "2024-05-01"), _article("early", BEIJING, "2024-04-30")]
    result = detect_stories([story_features(a) for a in copy])
    assert {a.story for a in result} == {detect_stories([story_features(copy[1])])[0].story}
    assert {a.origin for a in result} == {"early"}


def test_attach_puts_a_new_copy_into_its_original_story() -> None:
    feats = _features()
    stories = _stories()
    original = SAME_COPY["angola-satellite-ap-copy"][0]
    source = next(a for a in _corpus() if a.id == original)
    copy = replace(source, id="new/copy-of-angola", date="2017-12-30")
    existing = [(f, stories[f.id]) for f in feats]
    (got,) = attach_stories([story_features(copy)], existing)
    assert got.story == stories[original].story
    assert got.origin == stories[original].origin


def test_attach_agrees_with_detect_on_a_held_out_report() -> None:
    held = SAME_EVENT["goldman-sachs-5bn-tax-hit"][0]
    feats = [f for f in _features() if f.id != held]
    stories = {a.article: a for a in detect_stories(feats)}
    (got,) = attach_stories(
        [next(f for f in _features() if f.id == held)], [(f, stories[f.id]) for f in feats]
    )
    assert got.story == stories[SAME_EVENT["goldman-sachs-5bn-tax-hit"][1]].story
    assert got.origin == held


def test_attach_leaves_a_given_story_to_its_given_articles() -> None:
    base = [story_features(_article("a", BEIJING), given="agg:1")]
    existing = list(zip(base, detect_stories(base), strict=True))
    (got,) = attach_stories([story_features(_article("n", BEIJING + " "))], existing)
    assert got.story != "agg:1"
    (given,) = attach_stories([story_features(_article("m", STORM), given="agg:1")], existing)
    assert given.story == "agg:1"


def test_attach_starts_a_new_story_for_an_unrelated_article() -> None:
    base = [story_features(_article("a", BEIJING)), story_features(_article("b", BEIJING + " "))]
    existing = list(zip(base, detect_stories(base), strict=True))
    (got,) = attach_stories([story_features(_article("n", STORM))], existing)
    assert got.story not in {a.story for _, a in existing}
    assert attach_stories([], existing) == []


def test_summaries_name_each_story_once() -> None:
    articles = load_corpus(bundled_seeds()).articles
    feats = [story_features(a) for a in articles]
    result = detect_stories(feats)
    summaries = summarise_stories(result, feats)
    assert sorted(i for s in summaries for i in s.articles) == sorted(a.id for a in articles)
    assert summarise_stories(result, list(articles)) == summaries
    top = summaries[0]
    assert top.title and top.first is not None and top.first <= (top.last or "")
    assert top.origins <= len(top.articles)
