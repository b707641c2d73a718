"""Stories in the index: every article has one, figure groups never span two, the export and
`seedread stories` give them, an added article is attached in place, a given story is kept."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from io import StringIO
from pathlib import Path

import pytest
from two_events import seeds_with_flood

from reader.corpus import bundled_seeds
from reader.export import write_json
from reader.store import FactIndex, build_index

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
TRT = "000_51b63aaced070d53"


def _export(index: FactIndex) -> dict:
    out = StringIO()
    write_json(index, out)
    return json.loads(out.getvalue())


def _groups_within_stories(index: FactIndex) -> None:
    story_of = {a.id: a.story for a in index.articles()}
    for g in index.figure_groups():
        assert len({story_of[m.article] for m in g.mentions}) == 1, g.id


def test_every_article_is_in_exactly_one_story_and_the_export_says_so(tmp_path: Path) -> None:
    index, stats = build_index(bundled_seeds(), cache_dir=tmp_path)
    doc = _export(index)
    stories = doc["stories"]
    assert stats.stories == len(stories) == index.story_count
    members = [a for s in stories for a in s["articles"]]
    assert sorted(members) == sorted(a["id"] for a in doc["articles"])  # each exactly once
    story_of = {a: s["id"] for s in stories for a in s["articles"]}
    for a in doc["articles"]:
        assert a["story"] == story_of[a["id"]]
        assert story_of[a["origin"]] == a["story"]  # a reprint's origin is in its story
    for s in stories:
        assert s["origins"] <= len(s["articles"])
        assert set(s) == {"id", "title", "articles", "first", "last", "outlets", "origins"}


@pytest.mark.skipif(not (CORPORA / "clusters.jsonl").exists(), reason="needs ../shared/corpora")
def test_no_figure_group_spans_two_stories_on_a_real_mixed_corpus(tmp_path: Path) -> None:
    index, stats = build_index(CORPORA / "clusters.jsonl", cache_dir=tmp_path)
    assert 1 < stats.stories < stats.articles
    _groups_within_stories(index)
    # And what the figure board flags: each disputed group is one story's.
    disputes = index.disputes_by_story()
    assert sum(disputes.values()) == len(index.differing_groups(index.group_ids()))


def test_an_added_article_is_attached_to_its_story_in_place(tmp_path: Path) -> None:
    root = tmp_path / "seeds"
    shutil.copytree(bundled_seeds(), root)
    build_index(root, cache_dir=tmp_path / "cache")
    # Another outlet runs TRT's copy word for word.
    text = (root / f"{TRT}.txt").read_text("utf-8")
    (root / "reprint.txt").write_text(text, "utf-8")
    index, stats = build_index(root, cache_dir=tmp_path / "cache")
    assert stats.in_place and stats.extracted == 1
    reprint, original = index.summary("reprint"), index.summary(TRT)
    assert reprint.story == original.story
    assert {reprint.origin, original.origin} == {TRT}  # one text, the earlier id its origin
    _groups_within_stories(index)
    # A name in that text: one more article and outlet, but no new independent origin.
    hamas = next(e for e in index.entities() if e.name == "Hamas")
    articles = len({m.article for m in hamas.mentions})
    outlets, origins = index.fact_sources(hamas.id)
    assert origins == articles - 1 and outlets >= origins


def test_a_given_story_is_kept_as_given(tmp_path: Path) -> None:
    root = tmp_path / "given"
    root.mkdir()
    records = [
        {
            "id": "a",
            "title": "Budget vote",
            "text": "The council passed the budget.",
            "story": "c7",
        },
        {"id": "b", "title": "Storm", "text": "A storm hit the coast on Monday.", "story": "c7"},
        {"id": "c", "title": "Storm again", "text": "A storm hit the coast on Monday.", "story": 9},
    ]
    (root / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records), "utf-8")
    index, _ = build_index(root, cache_dir=tmp_path / "cache")
    stories = {a.id: a.story for a in index.articles()}
    assert stories["a"] == stories["b"] == "c7"
    assert stories["c"] == "9"
    assert index.article("a").story == "c7"  # what the source gave is kept with the article


def test_the_stories_command_prints_one_line_a_story_for_scripts(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "widgets", "stories", str(bundled_seeds())],
        capture_output=True,
        text=True,
        env={"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    lines = [line.split("\t") for line in out.stdout.splitlines()]
    assert lines[0] == [
        "story",
        "first",
        "last",
        "articles",
        "origins",
        "outlets",
        "disputed",
        "title",
    ]
    assert all(len(line) == 8 for line in lines)
    assert sum(int(line[3]) for line in lines[1:]) == 5


def test_a_readers_story_decisions_are_applied_and_undone_in_place(tmp_path: Path) -> None:
    from reader.config import StoryCuration, load_config, save_config

    root = seeds_with_flood(tmp_path / "two-events")
    index, _ = build_index(root, cache_dir=tmp_path / "cache")
    found = {a.id: a.story for a in index.articles()}
    assert found["flood"] != found[TRT]
    path = root / "seedread.yaml"
    config = load_config(path)
    # Merge the flood into the talks' story; take one report of the talks out of it.
    curation = StoryCuration(merge=(("flood", TRT),), move={"004_0f31c42e23a18593": None})
    save_config(replace(config, stories=curation), path)
    index, stats = build_index(root, cache_dir=tmp_path / "cache")
    assert stats.in_place and stats.extracted == 0
    story = {a.id: a.story for a in index.articles()}
    assert story["flood"] == story[TRT]
    assert story["004_0f31c42e23a18593"] not in set(story.values()) - {
        story["004_0f31c42e23a18593"]
    }
    _groups_within_stories(index)
    assert load_config(path).stories == curation  # written and read back as it was
    # The decisions go: the stories are what was found again.
    save_config(replace(config, stories=StoryCuration()), path)
    index, stats = build_index(root, cache_dir=tmp_path / "cache")
    assert {a.id: a.story for a in index.articles()} == found


def test_a_names_mentions_in_the_open_story_come_first(tmp_path: Path) -> None:
    root = tmp_path / "two-events"
    shutil.copytree(bundled_seeds(), root)
    (root / "later.md").write_text(
        "---\ntitle: Flood in the valley\noutlet: Valley Post\ndate: 2025-06-02\n---\n"
        "The river flooded the valley town of Ostrava Mill on Monday.\n"
        "A Hamas spokesman was not among those evacuated, the mayor said.\n",
        "utf-8",
    )
    index, _ = build_index(root, cache_dir=tmp_path / "cache")
    later = index.summary("later")
    assert later.story != index.summary(TRT).story
    hamas = next(e.id for e in index.entities() if e.name == "Hamas")
    by_date = index.mentions_of(hamas, limit=5)
    first = index.mentions_of(hamas, limit=5, story=later.story)
    assert by_date[0].article != "later" and first[0].article == "later"
    assert len(first) == 5 and {r.article for r in first[1:]} <= {a.id for a in index.articles()}
    everything = index.mentions_of(hamas, story=later.story)
    key = lambda r: (r.article, r.start)  # noqa: E731
    assert sorted(everything, key=key) == sorted(index.mentions_of(hamas), key=key)


def test_the_list_by_story_keeps_each_story_together_earliest_story_first(tmp_path: Path) -> None:
    root = seeds_with_flood(tmp_path / "two-events", date="2023-01-05")
    index, _ = build_index(root, cache_dir=tmp_path / "cache")
    order = index.article_ids("story")
    assert order[0] == "flood"  # its story began in 2023, the talks' in 2024
    stories = [index.summary(a).story for a in order]
    assert stories[1:] == [stories[1]] * 5
