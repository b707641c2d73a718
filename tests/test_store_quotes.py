"""Quotes in the index: the quote stage's rows, the statements it groups within each story,
the export's `quotes` and `statements`, the fact sheet and `seedread quotes`; an update in
place regroups what it touches as a cold build would."""

from __future__ import annotations

import csv
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from two_events import seeds_with_flood

from reader.cli import main
from reader.corpus import bundled_seeds
from reader.export import write_csv, write_json
from reader.factsheet import write_markdown
from reader.quotes.statements import group_statements
from reader.store import FactIndex, build_index

LIN = "e:lin-jian"


def _export(index: FactIndex) -> dict:
    out = StringIO()
    write_json(index, out)
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> FactIndex:
    index, _ = build_index(bundled_seeds(), cache_dir=tmp_path_factory.mktemp("cache"))
    return index


def test_the_spokesman_statements_are_linked_across_the_three_reports(seeds: FactIndex) -> None:
    shared = seeds.statements(shared=True)
    spokesman = [s for s in shared if s.speaker == LIN]
    assert len(spokesman) >= 3
    reports = {v.quote.article for s in spokesman for v in seeds.statement_quotes(s.id)}
    assert len(reports) == 3
    for s in spokesman:
        assert s.verdict == "words differ" and s.divergence > 0 and not s.misattributed
        variants = seeds.statement_quotes(s.id)
        assert len({v.quote.article for v in variants}) == s.articles >= 2
        # Each outlet names the speaker its own way; the entity is one.
        assert {v.entity for v in variants if v.quote.speaker_kind == "person"} <= {LIN}


def test_every_quote_is_in_one_statement_of_its_own_story(seeds: FactIndex) -> None:
    quotes = seeds.all_quotes()
    assert quotes and all(v.statement for v in quotes)
    ids = {s.id for s in seeds.statements()}
    assert {v.statement for v in quotes} == ids
    story = {a.id: a.story for a in seeds.articles()}
    for s in seeds.statements():
        assert {story[v.quote.article] for v in seeds.statement_quotes(s.id)} == {s.story}


def test_the_export_gives_quotes_with_offsets_and_statements(seeds: FactIndex) -> None:
    doc = _export(seeds)
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    quote_ids = set()
    for q in doc["quotes"]:
        assert texts[q["article"]][q["start"] : q["end"]] == q["text"]
        assert set(q["speaker"]) == {"entity", "name"}
        quote_ids.add(q["id"])
    members = [qid for s in doc["statements"] for qid in s["quotes"]]
    assert sorted(members) == sorted(quote_ids)  # every quote in exactly one statement
    for s in doc["statements"]:
        assert {"id", "story", "speaker", "quotes", "outlets", "origins", "verdict"} <= set(s)
    by_id = {q["id"]: q for q in doc["quotes"]}
    lin = [s for s in doc["statements"] if s["speaker"] == LIN and len(s["quotes"]) > 1]
    assert lin and all(by_id[q]["statement"] == s["id"] for s in lin for q in s["quotes"])


def test_csv_and_fact_sheet_list_statements_with_their_variants(seeds: FactIndex) -> None:
    out = StringIO()
    write_csv(seeds, out)
    rows = [r for r in csv.DictReader(StringIO(out.getvalue())) if r["type"] == "quote"]
    assert len(rows) == len(seeds.all_quotes())
    verdicts = {"same words", "trimmed", "words differ", "different speakers"}
    assert {r["kind"] for r in rows} <= verdicts
    sheet = StringIO()
    write_markdown(seeds, sheet)
    text = sheet.getvalue()
    section = text[text.index("## Statements") : text.index("## Names")]
    assert "### Lin Jian:" in section and "words differ" in section
    assert "[-appreciated-] {+appreciate+}" in section


def test_seedread_quotes_prints_a_speakers_statements(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert main(["quotes"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split("\t")[:3] == ["speaker", "outlets", "origins"]
    assert any(line.startswith("Lin Jian\t") for line in table[1:])
    assert main(["quotes", "lin jian"]) == 0
    out = capsys.readouterr().out
    assert "Lin Jian: words differ" in out and "{+appreciate+}" in out
    assert main(["quotes", "Nobody Atall"]) == 1
    assert "no quotes of 'Nobody Atall'" in capsys.readouterr().err


def _partition(index: FactIndex) -> set[frozenset[tuple[str, int]]]:
    members: dict[str, set[tuple[str, int]]] = {}
    for v in index.all_quotes():
        members.setdefault(v.statement or "", set()).add((v.quote.article, v.quote.start))
    return {frozenset(m) for m in members.values()}


def _stated_as_its_stories_say(index: FactIndex) -> None:
    """The statements are what grouping the index's own quotes within its own stories gives."""
    story = {a.id: a.story for a in index.articles()}
    quotes = index.all_quotes()
    entity = {(v.quote.article, v.quote.start): v.entity for v in quotes}
    expected = group_statements(
        [v.quote for v in quotes], story.get, lambda q: entity[q.article, q.start]
    )
    grouped = {frozenset((q.article, q.start) for q in s.quotes) for s in expected}
    assert _partition(index) == grouped


def test_an_update_in_place_regroups_the_statements_it_touches(tmp_path: Path) -> None:
    root = seeds_with_flood(tmp_path / "corpus")
    build_index(root, cache_dir=tmp_path / "warm")
    # A late report quoting the spokesman word for word joins his statement; the flood story
    # gets a quote of its own.
    (root / "late.txt").write_text(
        "Beijing talks continue\nChinese foreign ministry spokesman Lin Jian said on Tuesday"
        " that “the two sides highly appreciated China’s firm support for the just cause of the"
        " Palestinian people to restore their legitimate national rights.”\n",
        "utf-8",
    )
    flood = root / "flood.md"
    flood.write_text(
        flood.read_text("utf-8")
        + "“We have never seen the water rise this fast in forty years,” said Mayor Ana Kovac.\n",
        "utf-8",
    )
    patched, stats = build_index(root, cache_dir=tmp_path / "warm")
    assert stats.in_place
    cold, _ = build_index(root, cache_dir=tmp_path / "cold")
    _stated_as_its_stories_say(patched)
    assert _partition(patched) == _partition(cold)
    late = [v for v in patched.quotes_in("late") if "highly appreciated" in v.quote.text]
    statement = patched.statement(late[0].statement or "")
    assert statement is not None and statement.articles == 3 and statement.speaker == LIN
    (kovac,) = [v for v in patched.quotes_in("flood") if "forty years" in v.quote.text]
    assert kovac.quote.speaker_name == "Ana Kovac"


def test_a_broken_quote_stage_costs_only_the_quotes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.pipeline

    def broken(*_a: object, **_k: object) -> list:
        raise RuntimeError("boom")

    monkeypatch.setattr(reader.pipeline, "extract_quotes", broken)
    root = tmp_path / "corpus"
    shutil.copytree(bundled_seeds(), root)
    index, stats = build_index(root, cache_dir=tmp_path / "cache", workers=1)
    assert stats.articles == 5 and index.statement_count == 0 and index.entity_count > 0
    assert any("quote extraction failed" in p.reason for p in index.problems)


def test_an_update_that_relinks_a_speaker_regroups_the_statements_it_names(
    tmp_path: Path,
) -> None:
    """A decision in seedread.yaml relinks names in place and touches no article: the
    statements whose speaker joined another entity follow it."""
    root = tmp_path / "corpus"
    shutil.copytree(bundled_seeds(), root)
    index, _ = build_index(root, cache_dir=tmp_path / "cache")
    assert any(s.speaker == LIN for s in index.statements(shared=True))
    config = root / "seedread.yaml"
    text = config.read_text("utf-8")
    assert "\naliases:\n" in text
    text = text.replace("\naliases:\n", "\naliases:\n  Spokesman Lin Jian: [Lin Jian]\n")
    config.write_text(text, "utf-8")
    patched, stats = build_index(root, cache_dir=tmp_path / "cache")
    assert stats.in_place and stats.extracted == 0
    renamed = next(e.id for e in patched.entities() if e.name == "Spokesman Lin Jian")
    speakers = {s.speaker for s in patched.statements(shared=True)}
    assert renamed in speakers and LIN not in speakers
    assert not [v for v in patched.all_quotes() if v.entity == LIN]
