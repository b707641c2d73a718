"""Tests for linking names across the articles of a story and across stories (issue 18): a
bare name resolves within its story only, a longer full name joins its shorter form, and the
result does not depend on the order the articles come in."""

from __future__ import annotations

import json
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.linking import link_forms, link_names
from reader.models import Article, Entity, NameMention
from reader.names import extract_names

ROOT = Path(__file__).resolve().parent.parent
CLUSTERS = ROOT.parent / "shared" / "corpora" / "clusters.jsonl"

Stories = dict[str, list[str]]
"""Story id -> the text of each of its articles (one article per string)."""


def _link_stories(stories: Stories) -> tuple[tuple[Entity, ...], dict[str, str]]:
    """Extract every article's names and link them with the stories as the build gives them."""
    mentions: list[NameMention] = []
    story_of: dict[str, str] = {}
    for story, texts in stories.items():
        for k, text in enumerate(texts):
            aid = f"{story}-{k}"
            story_of[aid] = story
            mentions.extend(extract_names(Article(id=aid, path="x", title="", text=text)))
    return tuple(link_names(mentions, stories=story_of)), story_of


def _entity_at(ents: tuple[Entity, ...], story_of: dict[str, str], story: str, text: str) -> str:
    """The id of the one entity that has a mention written `text` in an article of `story`."""
    hits = {
        e.id
        for e in ents
        for m in e.mentions
        if m.text == text and story_of.get(m.article) == story
    }
    assert len(hits) == 1, f"{text!r} in {story} is in {len(hits)} entities"
    return hits.pop()


# Each case: the stories' articles, then spellings (story, text) that must be one entity.
MUST_LINK = [
    pytest.param(
        {
            "s1": [
                "Rachel Okafor, the county's fire chief, said crews worked through the night.",
                "Okafor said the blaze was contained by dawn.",
            ]
        },
        [("s1", "Rachel Okafor"), ("s1", "Okafor")],
        id="surname-in-another-article-of-the-story",
    ),
    pytest.param(
        {
            "s1": [
                "Senator Maria Delgado opened the hearing on Monday.",
                "Senator Delgado said the bill would pass.",
            ]
        },
        [("s1", "Maria Delgado"), ("s1", "Delgado")],
        id="title-and-surname",
    ),
    pytest.param(
        {
            "s1": [
                "The report was written by Tunde Okafor, a former auditor.",
                "Mr. Okafor declined to comment on the report.",
            ]
        },
        [("s1", "Tunde Okafor"), ("s1", "Okafor")],
        id="honorific-and-surname",
    ),
    pytest.param(
        {
            "s1": [
                "Priya Raman won the chess final in Oslo on Sunday.",
                "Priya said she had not slept before the last game.",
            ]
        },
        [("s1", "Priya Raman"), ("s1", "Priya")],
        id="given-name-alone",
    ),
    pytest.param(
        {
            "s1": [
                "Elizabeth Ann Warren was born in 1949 in Oklahoma City.",
                "Sen. Elizabeth Warren spoke to reporters on Tuesday.",
                "Senator Warren said no to the proposal.",
            ]
        },
        [("s1", "Elizabeth Ann Warren"), ("s1", "Elizabeth Warren"), ("s1", "Warren")],
        id="middle-name-and-title-surname",
    ),
    pytest.param(
        {
            "s1": [
                "President Oscar Arias Sánchez met officials on Monday.",
                "President Oscar Arias met officials. Arias said the talks went well.",
            ]
        },
        [("s1", "Oscar Arias Sánchez"), ("s1", "Oscar Arias"), ("s1", "Arias")],
        id="second-family-name",
    ),
    pytest.param(
        {
            "s1": [
                "Andres Manuel Lopez Obrador won the election on Sunday.",
                "Lopez Obrador spoke to supporters in the capital.",
            ]
        },
        [("s1", "Andres Manuel Lopez Obrador"), ("s1", "Lopez Obrador")],
        id="two-word-short-form-of-unknown-kind",
    ),
    pytest.param(
        {
            "s1": [
                "Sergei Ivanovich Petrov signed the order on Monday.",
                "Sergei Petrov said the order takes effect at once.",
            ]
        },
        [("s1", "Sergei Ivanovich Petrov"), ("s1", "Sergei Petrov")],
        id="patronymic",
    ),
    pytest.param(
        {
            "s1": [
                "Ahmed bin Khalid al-Rashid arrived in Doha on Monday.",
                "Ahmed al-Rashid said the talks would resume.",
            ]
        },
        [("s1", "Ahmed bin Khalid al-Rashid"), ("s1", "Ahmed al-Rashid")],
        id="particle-and-middle-name",
    ),
    pytest.param(
        {
            "s1": ["Hamas said the talks in Cairo had ended."],
            "s2": ["Hamas rejected the proposal on Friday."],
        },
        [("s1", "Hamas"), ("s2", "Hamas")],
        id="one-word-organisation-across-stories",
    ),
    pytest.param(
        {
            "s1": [
                "Valdor Holdings Inc said it would take a charge of $2 billion.",
                "Shares of Valdor Holdings rose after Valdor Holdings said profits were up.",
            ]
        },
        [("s1", "Valdor Holdings Inc"), ("s1", "Valdor Holdings")],
        id="legal-form",
    ),
    pytest.param(
        {
            "s1": ["Marrick Lane Group Inc said it would pay its staff more."],
            "s2": ["Marrick shares fell on Monday."],
        },
        [("s1", "Marrick Lane Group Inc"), ("s2", "Marrick")],
        id="company-first-word-across-stories",
    ),
    pytest.param(
        {
            "s1": [
                "Marrick Lane Group Inc said it would pay its staff more.",
                "Analysts at Marrick said profits would rise.",
            ]
        },
        [("s1", "Marrick Lane Group Inc"), ("s1", "Marrick")],
        id="company-first-word-in-story",
    ),
    pytest.param(
        {
            "s1": ["Korean Central Television (KCTV) reported the launch on Sunday."],
            "s2": ["KCTV said the satellite had entered orbit."],
        },
        [("s1", "Korean Central Television"), ("s2", "KCTV")],
        id="initialism-defined-in-another-article",
    ),
    pytest.param(
        {
            "s1": [
                "The Valdor Broadcasting Union reported the launch on Sunday.",
                "VBU said the satellite had entered orbit.",
            ]
        },
        [("s1", "Valdor Broadcasting Union"), ("s1", "VBU")],
        id="initialism-of-a-name-in-its-story",
    ),
    pytest.param(
        {
            "s1": [
                "The UN Security Council met on Sunday.",
                "China, a member of the Security Council, said little.",
            ]
        },
        [("s1", "UN Security Council"), ("s1", "Security Council")],
        id="org-tail-in-story",
    ),
    pytest.param(
        {
            "s1": ["Rockets were fired from the Gaza Strip on Monday."],
            "s2": ["Aid trucks entered Gaza on Tuesday."],
        },
        [("s1", "Gaza Strip"), ("s2", "Gaza")],
        id="place-with-area-head",
    ),
]


@pytest.mark.parametrize(("stories", "spellings"), MUST_LINK)
def test_spellings_of_one_referent_link(stories: Stories, spellings: list[tuple[str, str]]) -> None:
    ents, story_of = _link_stories(stories)
    assert len({_entity_at(ents, story_of, s, t) for s, t in spellings}) == 1


# Each case: the stories' articles, then spellings (story, text) that must all be apart.
MUST_NOT_LINK = [
    pytest.param(
        {
            "s1": ["Rachel Davis, the county prosecutor, filed charges on Monday."],
            "s2": ["Davis scored twice in the second half."],
            "s3": ["Davis said the bridge would reopen in May."],
        },
        [("s1", "Rachel Davis"), ("s2", "Davis"), ("s3", "Davis")],
        id="bare-surname-never-crosses-stories",
    ),
    pytest.param(
        {
            "s1": [
                "Elizabeth Warren spoke to reporters on Tuesday.",
                "Her aide Mark Warren said he would vote yes.",
                "Warren said the vote would be close.",
            ]
        },
        [("s1", "Elizabeth Warren"), ("s1", "Mark Warren"), ("s1", "Warren")],
        id="two-warrens-in-one-story",
    ),
    pytest.param(
        {
            "s1": [
                "John Paul Smith testified on Monday.",
                "John David Smith testified on Tuesday.",
                "John Smith said he would appeal.",
            ]
        },
        [("s1", "John Paul Smith"), ("s1", "John David Smith"), ("s1", "John Smith")],
        id="shorter-name-shared-by-two-people",
    ),
    pytest.param(
        {
            "s1": ["Senator Maria Delgado opened the hearing on Monday."],
            "s2": ["Senator Delgado said the bill would pass."],
        },
        [("s1", "Maria Delgado"), ("s2", "Delgado")],
        id="title-surname-in-another-story",
    ),
    pytest.param(
        {
            "s1": ["Valdor Holdings Inc said it would take a charge of $2 billion."],
            "s2": ["Marta Valdor said she would run for mayor."],
        },
        [("s1", "Valdor Holdings Inc"), ("s2", "Marta Valdor")],
        id="legal-form-is-no-person",
    ),
    pytest.param(
        {
            "s1": [
                "Marrick Lane Group Inc said it would pay its staff more.",
                "Marrick Bay Group Inc said it would not.",
            ],
            "s2": ["Marrick shares fell on Monday."],
        },
        [("s1", "Marrick Lane Group Inc"), ("s1", "Marrick Bay Group Inc"), ("s2", "Marrick")],
        id="two-companies-share-the-first-word",
    ),
    pytest.param(
        {
            "s1": ["The rocket lifted off from the Tonghae Launch Center on Sunday."],
            "s2": ["Satellite images of Tonghae showed new work."],
        },
        [("s1", "Tonghae Launch Center"), ("s2", "Tonghae")],
        id="body-first-word-in-another-story",
    ),
    pytest.param(
        {
            "s1": [
                "The UN Security Council met on Sunday.",
                "Seoul's National Security Council met too.",
                "China, a member of the Security Council, said little.",
            ]
        },
        [
            ("s1", "UN Security Council"),
            ("s1", "National Security Council"),
            ("s1", "Security Council"),
        ],
        id="org-tail-of-two-bodies-in-story",
    ),
    pytest.param(
        {
            "s1": ["Traffic was heavy in Mexico City on Monday."],
            "s2": ["Mexico said it would reply."],
        },
        [("s1", "Mexico City"), ("s2", "Mexico")],
        id="city-is-not-its-country",
    ),
    pytest.param(
        {
            "s1": ["The Valdor Broadcasting Union reported the launch on Sunday."],
            "s2": ["VBU said the satellite had entered orbit."],
        },
        [("s1", "Valdor Broadcasting Union"), ("s2", "VBU")],
        id="initialism-of-a-name-in-another-story",
    ),
    pytest.param(
        {
            "s1": [
                "The rocket lifted off from the Tonghae Launch Center on Sunday.",
                "Satellite images of Tonghae showed new work at the pad.",
            ]
        },
        [("s1", "Tonghae Launch Center"), ("s1", "Tonghae")],
        id="body-first-word-in-story",
    ),
]


@pytest.mark.parametrize(("stories", "spellings"), MUST_NOT_LINK)
def test_different_referents_stay_apart(stories: Stories, spellings: list[tuple[str, str]]) -> None:
    ents, story_of = _link_stories(stories)
    ids = [_entity_at(ents, story_of, s, t) for s, t in spellings]
    assert len(set(ids)) == len(ids)


def _row(name: str, story: str, count: int = 1, kind: str = "person") -> tuple:
    return (name, kind, name, story, count)


# Form rows as the store counts them: "Name@story*k" is a name in a story, k mentions.
@pytest.mark.parametrize(
    ("forms", "groups"),
    [
        pytest.param(
            ["John Edwards@s1*3", "John Bel Edwards@s2*2"],
            [["John Edwards"], ["John Bel Edwards"]],
            id="extra-name-in-common-use-in-other-story-apart",
        ),
        pytest.param(
            ["John Edwards@s1*3", "John Bel Edwards@s1*2"],
            [["John Edwards", "John Bel Edwards"]],
            id="extra-name-in-one-story-links",
        ),
        pytest.param(
            ["Hillary Clinton@s1*6", "Hillary Rodham Clinton@s2"],
            [["Hillary Clinton", "Hillary Rodham Clinton"]],
            id="extra-name-dominant-across-stories-links",
        ),
        pytest.param(
            ["Oscar Arias@s1", "Oscar Arias Sánchez@s1", "Oscar Arias Lopez@s2"],
            [["Oscar Arias"], ["Oscar Arias Sánchez"], ["Oscar Arias Lopez"]],
            id="shorter-form-shared-in-corpus-apart",
        ),
    ],
)
def test_extra_names(forms: list[str], groups: list[list[str]]) -> None:
    rows = []
    for f in forms:
        name, _, rest = f.partition("@")
        story, _, k = rest.partition("*")
        rows.append(_row(name, story, int(k or 1)))
    linked = link_forms(rows)
    owner = {n: e.id for e in linked for n, _, _, _ in e.spellings}
    assert len(linked) == len(groups)
    for group in groups:
        assert len({owner[n] for n in group}) == 1


def test_ambiguous_bare_name_says_whom_it_could_be() -> None:
    rows = [
        _row("Elizabeth Warren", "s1"),
        _row("Mark Warren", "s1"),
        _row("Warren", "s1"),
        _row("Warren", "s2"),
    ]
    linked = {(e.name, e.spellings[0][2]): e for e in link_forms(rows)}
    assert linked[("Warren", "s1")].ambiguous == ("Elizabeth Warren", "Mark Warren")
    assert linked[("Warren", "s2")].ambiguous == ()  # no Warren in its story: just apart


def test_one_word_spellings_are_keyed_by_story_longer_names_are_not() -> None:
    rows = [_row("Rachel Davis", "s1"), _row("Davis", "s1"), _row("Davis", "s2")]
    spellings = {s[:3] for e in link_forms(rows) for s in e.spellings}
    assert spellings == {
        ("Rachel Davis", "Rachel Davis", ""),
        ("Davis", "Davis", "s1"),
        ("Davis", "Davis", "s2"),
    }


# Order independence: the same mentions in any order link into the same entities.
_ORDER_MENTIONS = [
    NameMention(aid, start, start + len(text), text, name, kind)  # type: ignore[arg-type]
    for aid, start, text, name, kind in [
        ("a1", 0, "Elizabeth Ann Warren", "Elizabeth Ann Warren", "person"),
        ("a2", 0, "Elizabeth Warren", "Elizabeth Warren", "person"),
        ("a3", 0, "Warren", "Warren", "person"),
        ("a4", 0, "Mark Warren", "Mark Warren", "person"),
        ("a4", 20, "Warren", "Warren", "person"),
        ("a5", 0, "Davis", "Davis", "other"),
        ("a6", 0, "Rachel Davis", "Rachel Davis", "person"),
        ("a6", 20, "Davis", "Davis", "person"),
        ("a7", 0, "Hamas", "Hamas", "org"),
        ("a8", 0, "Hamas", "Hamas", "org"),
        ("a8", 10, "Marzouk", "Marzouk", "person"),
        ("a9", 0, "Marzuk", "Marzuk", "person"),
        ("a9", 10, "Oscar Arias Sánchez", "Oscar Arias Sánchez", "person"),
        ("a10", 0, "Oscar Arias", "Oscar Arias", "person"),
        ("a10", 20, "Arias", "Oscar Arias", "person"),
        ("a11", 0, "Lopez Obrador", "Lopez Obrador", "other"),
        ("a12", 0, "Andres Manuel Lopez Obrador", "Andres Manuel Lopez Obrador", "other"),
    ]
]
_ORDER_STORIES = {
    "a1": "s1", "a2": "s1", "a3": "s1", "a4": "s2", "a5": "s3", "a6": "s4", "a7": "s3",
    "a8": "s5", "a9": "s5", "a10": "s5", "a11": "s6", "a12": "s6",
}  # fmt: skip


def _as_sets(ents: list[Entity]) -> list[tuple[str, str, str, tuple, frozenset]]:
    return sorted((e.id, e.name, e.kind, e.variants, frozenset(e.mentions)) for e in ents)


@settings(max_examples=60, deadline=None)
@given(st.permutations(_ORDER_MENTIONS))
def test_linking_does_not_depend_on_article_order(shuffled: list[NameMention]) -> None:
    expected = _as_sets(link_names(_ORDER_MENTIONS, stories=_ORDER_STORIES))
    assert _as_sets(link_names(shuffled, stories=_ORDER_STORIES)) == expected


@lru_cache(maxsize=1)
def _clusters() -> tuple[tuple[Entity, ...], dict[str, str]]:
    if not CLUSTERS.exists():
        pytest.skip("clusters.jsonl corpus not available")
    mentions: list[NameMention] = []
    story_of: dict[str, str] = {}
    with CLUSTERS.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            art = Article(id=rec["id"], path="clusters.jsonl", title=rec["title"], text=rec["text"])
            story_of[art.id] = rec.get("cluster") or art.id
            mentions.extend(extract_names(art))
    return tuple(link_names(mentions, stories=story_of)), story_of


@pytest.mark.parametrize("text", ["Davis", "Love"])
def test_corpus_bare_surnames_stay_within_their_story(text: str) -> None:
    """On clusters.jsonl, "Davis" used to pull three events into "Rachel Davis" and "Love"
    seven into "Lauri Love": now every entity with such a spelling is of one story."""
    ents, story_of = _clusters()
    holders = [e for e in ents if any(m.text == text for m in e.mentions)]
    assert holders
    for e in holders:
        bare = {story_of[m.article] for m in e.mentions if " " not in m.text}
        full = {story_of[m.article] for m in e.mentions if " " in m.text}
        # A bare spelling is in a story where its entity is named in full, or in one story.
        assert bare <= full or (not full and len(bare) == 1), (e.name, bare, full)


def test_corpus_full_names_still_link_across_stories() -> None:
    ents, story_of = _clusters()
    by_name: dict[str, set[str]] = defaultdict(set)
    for e in ents:
        if " " in e.name:
            by_name[e.name].add(e.id)
    assert all(len(ids) == 1 for ids in by_name.values())
    # and some full name does span stories
    assert any(
        len({story_of[m.article] for m in e.mentions}) > 1 for e in ents if e.kind == "person"
    )


def _stories_rows(spec: list[str]) -> list[tuple]:
    """Form rows from "Name@s1,s2*k:kind": the name in each story, k mentions in each, as a
    person unless a kind is given (an organisation's is counted across the corpus)."""
    rows = []
    for f in spec:
        f, _, kind = f.partition(":")
        name, _, rest = f.partition("@")
        stories, _, k = rest.partition("*")
        for story in stories.split(","):
            where = story if kind in ("", "person", "other") else ""
            rows.append(_row(name, where, int(k or 1), kind or "person"))
    return rows


def _owner(linked: list, name: str, story: str) -> str:
    """The entity of a one-word form in a story, or of a longer name."""
    key = story if " " not in name else ""
    (eid,) = {e.id for e in linked for n, _, s, _ in e.spellings if n == name and s == key}
    return eid


# Corpus-level surnames: rows, then (name, story) pairs that must be one entity or all apart.
WELL_KNOWN = [
    pytest.param(
        ["Donald Trump@s1,s2,s3*5", "Ivanka Trump@s4", "Trump@s5", "Trump@s6*3"],
        [("Donald Trump", ""), ("Trump", "s5"), ("Trump", "s6")],
        True,
        id="famous-surname-joins-across-stories",
    ),
    pytest.param(
        ["Maria Delgado@s1,s2,s3", "Delgado@s4"],
        [("Maria Delgado", ""), ("Delgado", "s4")],
        True,
        id="exactly-three-stories-and-alone-joins",
    ),
    pytest.param(
        ["Lauri Love@s1*4", "Love@s2", "Love@s3"],
        [("Lauri Love", ""), ("Love", "s2"), ("Love", "s3")],
        False,
        id="person-of-one-story-stays-apart",
    ),
    pytest.param(
        ["Rachel Davis@s1,s2*9", "Davis@s3"],
        [("Rachel Davis", ""), ("Davis", "s3")],
        False,
        id="person-of-two-stories-stays-apart",
    ),
    pytest.param(
        ["Rachel Davis@s1,s2,s3*3", "Mark Davis@s4,s5,s6*2", "Davis@s7"],
        [("Rachel Davis", ""), ("Mark Davis", ""), ("Davis", "s7")],
        False,
        id="two-well-known-neither-dominant-apart",
    ),
    pytest.param(
        ["Donald Trump@s1,s2,s3*5", "Ivanka Trump@s4*4", "Trump@s5"],
        [("Donald Trump", ""), ("Ivanka Trump", ""), ("Trump", "s5")],
        False,
        id="under-four-fifths-of-the-surname-apart",
    ),
    pytest.param(
        ["Donald Trump@s1,s2,s3*5", "Trump@s4,s5*3", "Trump@s6:other", "Trump@s7:org"],
        [("Donald Trump", ""), ("Trump", "s4"), ("Trump", "s6"), ("Trump", "")],
        True,
        id="common-word-surname-a-person-in-most-of-the-corpus-joins",
    ),
    pytest.param(
        ["Mary Good@s1,s2,s3*5", "Good@s4:other", "Good@s5:other", "Good@s6"],
        [("Mary Good", ""), ("Good", "s4"), ("Good", "s5")],
        False,
        id="common-word-mostly-not-a-person-stays-apart",
    ),
]


@pytest.mark.parametrize(("spec", "pairs", "joined"), WELL_KNOWN)
def test_bare_surname_of_a_well_known_person(
    spec: list[str], pairs: list[tuple[str, str]], joined: bool
) -> None:
    linked = link_forms(_stories_rows(spec))
    ids = [_owner(linked, n, s) for n, s in pairs]
    assert len(set(ids)) == (1 if joined else len(ids))


def test_story_own_candidate_wins_over_the_well_known_person() -> None:
    rows = _stories_rows(["Donald Trump@s1,s2,s3*20", "Fred Trump@s4", "Trump@s4,s5"])
    linked = link_forms(rows)
    assert _owner(linked, "Trump", "s4") == _owner(linked, "Fred Trump", "")
    assert _owner(linked, "Trump", "s5") == _owner(linked, "Donald Trump", "")


def test_story_own_ambiguity_wins_over_the_well_known_person() -> None:
    rows = _stories_rows(["Donald Trump@s1,s2,s3*40", "Fred Trump@s4", "Mary Trump@s4", "Trump@s4"])
    linked = link_forms(rows)
    trump = _owner(linked, "Trump", "s4")
    assert trump not in {_owner(linked, n, "") for n in ("Donald Trump", "Fred Trump")}


def test_famous_surname_links_across_stories_from_text() -> None:
    stories: Stories = {
        f"s{k}": [f"President Donald Trump spoke in city {k} on Monday."] for k in range(1, 4)
    }
    stories["s4"] = ["Trump said the wall would be built."]
    stories["s5"] = ["Mr. Trump signed the order on Friday."]
    ents, story_of = _link_stories(stories)
    ids = {
        _entity_at(ents, story_of, s, t)
        for s, t in [("s1", "Donald Trump"), ("s4", "Trump"), ("s5", "Trump")]
    }
    assert len(ids) == 1


def test_the_index_keeps_whom_a_bare_name_left_apart_could_be(tmp_path) -> None:
    """Through the build and the store: the entity "Warren" of a story with two Warrens says
    whom it could be (the detail and the export show it); a Warren alone says nothing."""
    import json as json_
    from io import StringIO

    from two_events import two_warrens

    from reader.export import write_json
    from reader.store import build_index

    root = two_warrens(tmp_path / "corpus")
    index, _ = build_index(root, cache_dir=tmp_path / "cache")
    by_name = {e.name: e.id for e in index.entities()}
    assert index.could_be(by_name["Warren"]) == ("Elizabeth Warren", "Mark Warren")
    assert index.could_be(by_name["Elizabeth Warren"]) == ()
    out = StringIO()
    write_json(index, out)
    records = {e["name"]: e for e in json_.loads(out.getvalue())["entities"]}
    assert records["Warren"]["could_be"] == ["Elizabeth Warren", "Mark Warren"]
    assert records["Mark Warren"]["could_be"] == []
