"""The index: building, caching, incremental updates, queries and export invariants."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import threading
from io import StringIO
from pathlib import Path

import pytest

from reader.corpus import CorpusError, bundled_seeds
from reader.export import write_csv, write_json, write_yaml
from reader.store import BuildCancelled, FactIndex, build_index, cache

HAMAS_TEXT = (
    "Hamas official Ismail Haniyeh met envoys in Doha on Monday.\n"
    "Haniyeh said at least 120 people were killed in the strikes.\n"
)
FATAH_TEXT = (
    "Fatah leader Mahmoud Abbas spoke in Ramallah.\n"
    "Abbas said more than 125 people had been killed.\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text("Talks in Doha\n" + HAMAS_TEXT, encoding="utf-8")
    (root / "b.txt").write_text("Abbas speaks\n" + FATAH_TEXT, encoding="utf-8")
    return root


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_build_then_reuse_cache(corpus: Path, cache_dir: Path) -> None:
    index, stats = build_index(corpus, cache_dir=cache_dir)
    assert (stats.articles, stats.extracted, stats.from_cache) == (2, 2, False)
    assert [a.id for a in index.articles(order="id")] == ["a", "b"]
    index2, stats2 = build_index(corpus, cache_dir=cache_dir)
    assert stats2.from_cache and stats2.extracted == 0 and stats2.articles == 2


def test_rebuild_forces_cold_build(corpus: Path, cache_dir: Path) -> None:
    build_index(corpus, cache_dir=cache_dir)
    _, stats = build_index(corpus, cache_dir=cache_dir, rebuild=True)
    assert not stats.from_cache and stats.extracted == 2


def test_changed_file_reextracts_only_that_article(corpus: Path, cache_dir: Path) -> None:
    build_index(corpus, cache_dir=cache_dir)
    (corpus / "b.txt").write_text("Abbas speaks again\n" + FATAH_TEXT + "More.\n", "utf-8")
    (corpus / "c.txt").write_text("New one\nA new article about Doha.\n", "utf-8")
    index, stats = build_index(corpus, cache_dir=cache_dir)
    assert stats.extracted == 2 and stats.articles == 3
    assert index.article("b").title == "Abbas speaks again"


def test_deleted_file_leaves_the_index(corpus: Path, cache_dir: Path) -> None:
    build_index(corpus, cache_dir=cache_dir)
    (corpus / "b.txt").unlink()
    index, _ = build_index(corpus, cache_dir=cache_dir)
    assert [a.id for a in index.articles()] == ["a"]


def test_corrupt_cache_is_rebuilt(corpus: Path, cache_dir: Path) -> None:
    build_index(corpus, cache_dir=cache_dir)
    db = cache.index_path(corpus, cache_dir)
    db.write_bytes(b"this is not a database" * 100)
    index, stats = build_index(corpus, cache_dir=cache_dir)
    assert not stats.from_cache and index.article_count == 2


def test_stale_schema_is_rebuilt(corpus: Path, cache_dir: Path) -> None:
    build_index(corpus, cache_dir=cache_dir)
    db = cache.index_path(corpus, cache_dir)
    with sqlite3.connect(db) as con:
        con.execute("UPDATE meta SET value = '-1' WHERE key = 'schema'")
    _, stats = build_index(corpus, cache_dir=cache_dir)
    assert not stats.from_cache and stats.extracted == 2


def test_cancelled_build_keeps_previous_cache(corpus: Path, cache_dir: Path) -> None:
    build_index(corpus, cache_dir=cache_dir)
    before = cache.index_path(corpus, cache_dir).read_bytes()
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(BuildCancelled):
        build_index(corpus, cache_dir=cache_dir, rebuild=True, cancel=cancel)
    assert cache.index_path(corpus, cache_dir).read_bytes() == before
    assert not [p for p in cache_dir.iterdir() if p.name.endswith(".tmp")]


def test_missing_path_and_empty_folder_raise(tmp_path: Path, cache_dir: Path) -> None:
    with pytest.raises(CorpusError):
        build_index(tmp_path / "nope", cache_dir=cache_dir)
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError):
        build_index(tmp_path / "empty", cache_dir=cache_dir)


def test_cache_honours_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_root().is_relative_to(tmp_path / "xdg")


def test_progress_is_reported(corpus: Path, cache_dir: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    build_index(corpus, cache_dir=cache_dir, progress=lambda *a: seen.append(a))
    stages = {s for s, _, _ in seen}
    assert {"reading", "extracting", "linking"} <= stages
    assert ("reading", 2, 2) in seen


@pytest.fixture(scope="module")
def seeds_export(tmp_path_factory: pytest.TempPathFactory) -> dict:
    index, _ = build_index(bundled_seeds(), cache_dir=tmp_path_factory.mktemp("cache"))
    out = StringIO()
    write_json(index, out)
    return json.loads(out.getvalue())


def test_seed_export_offsets_always_hold(seeds_export: dict) -> None:
    texts = {a["id"]: a["text"] for a in seeds_export["articles"]}
    assert len(texts) == 5
    for section in ("entities", "figures"):
        for fact in seeds_export[section]:
            for m in fact["mentions"]:
                assert texts[m["article"]][m["start"] : m["end"]] == m["text"], (fact["id"], m)


def test_seed_export_text_is_the_file_with_normalised_newlines(seeds_export: dict) -> None:
    for a in seeds_export["articles"]:
        raw = (bundled_seeds() / f"{a['id']}.txt").read_bytes().decode("utf-8")
        assert a["text"] == raw.replace("\r\n", "\n").replace("\r", "\n")


def test_seed_export_metadata_from_yaml_and_text(seeds_export: dict) -> None:
    arts = {a["id"]: a for a in seeds_export["articles"]}
    assert arts["004_0f31c42e23a18593"]["outlet"] == "The Times of Israel"
    assert arts["004_0f31c42e23a18593"]["date"] == "2024-04-30"
    assert arts["000_51b63aaced070d53"]["date"] == "2024-04-26"
    assert arts["000_51b63aaced070d53"]["outlet"] == "TRT World"
    assert arts["003_289270c1bab496bb"]["outlet"] == "All Israel News"


def test_csv_and_yaml_exports_parse(corpus: Path, cache_dir: Path) -> None:
    import csv

    import yaml

    index, _ = build_index(corpus, cache_dir=cache_dir)
    out = StringIO()
    write_csv(index, out)
    rows = list(csv.reader(StringIO(out.getvalue())))
    assert rows[0][:3] == ["type", "fact", "label"]
    out = StringIO()
    write_yaml(index, out)
    doc = yaml.safe_load(out.getvalue())
    assert {a["id"] for a in doc["articles"]} == {"a", "b"}


def test_two_builders_do_not_corrupt_each_other(corpus: Path, cache_dir: Path) -> None:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            build_index(corpus, cache_dir=cache_dir, rebuild=True)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    index, stats = build_index(corpus, cache_dir=cache_dir)
    assert stats.from_cache and index.article_count == 2
    assert not [p for p in os.listdir(cache_dir) if p.endswith(".tmp")]


def test_an_extractor_failure_is_a_problem_not_a_crash(
    corpus: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.pipeline

    real = reader.pipeline.extract_figures

    def flaky(article):  # type: ignore[no-untyped-def]
        if article.id == "b":
            raise ValueError("boom")
        return real(article)

    monkeypatch.setattr(reader.pipeline, "extract_figures", flaky)
    index, stats = build_index(corpus, cache_dir=cache_dir)
    assert stats.articles == 2
    assert [p.source for p in index.problems] == ["b.txt"]
    assert "figure extraction failed" in index.problems[0].reason
    assert any(e.name == "Mahmoud Abbas" for e in index.entities())


def test_parallel_build_matches_in_process_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.store.workers

    root = tmp_path / "many"
    root.mkdir()
    for i in range(12):
        (root / f"a{i:02}.txt").write_text(f"Story {i}\n{HAMAS_TEXT}{FATAH_TEXT}", "utf-8")
    serial, _ = build_index(root, cache_dir=tmp_path / "c1", workers=1)
    monkeypatch.setattr(reader.store.workers, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(reader.store.workers.Extractor, "CHUNK", 5)
    parallel, stats = build_index(root, cache_dir=tmp_path / "c2", workers=2)
    assert stats.extracted == 12

    def facts(index: FactIndex) -> list:
        return sorted((e.name, len(e.mentions)) for e in index.entities())

    assert facts(parallel) == facts(serial)
    assert [g.label for g in parallel.figure_groups()] == [g.label for g in serial.figure_groups()]
    assert not list((tmp_path / "c2").glob(".shards-*"))


def test_killed_writer_leaves_a_usable_cache(corpus: Path, cache_dir: Path) -> None:
    """Kill a build at several moments: the next run finds the old or the new index, never a
    torn one, and sweeps the dead writer's temp file."""
    import signal
    import subprocess
    import sys
    import time

    build_index(corpus, cache_dir=cache_dir)
    for i in range(40):
        (corpus / f"extra{i}.txt").write_text(f"Extra {i}\n" + HAMAS_TEXT * 50, "utf-8")
    code = (
        "import sys; from pathlib import Path; from reader.store import build_index\n"
        "build_index(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]), rebuild=True, workers=1)\n"
    )
    for delay in (0.05, 0.3, 0.8):
        proc = subprocess.Popen([sys.executable, "-c", code, str(corpus), str(cache_dir)])
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        index, _ = build_index(corpus, cache_dir=cache_dir)
        assert index.article_count in (2, 42)
        assert not list(cache_dir.glob(".*.tmp"))


def _export(index: FactIndex) -> dict:
    out = StringIO()
    write_json(index, out)
    doc = json.loads(out.getvalue())
    doc["articles"] = sorted(doc["articles"], key=lambda a: a["id"])
    return doc


def _facts(index: FactIndex) -> dict:
    """The export but what depends on the stories: an update attaches new articles to the
    stories there are, where a cold build clusters them all again, so the two may group an
    article differently; every fact, and every article's text and data, must agree."""
    doc = _export(index)
    for a in doc["articles"]:
        del a["story"], a["origin"]
    del doc["stories"]
    doc["figures"] = sorted(
        (m["article"], m["start"], m["text"], m["value"], m["counted"])
        for g in doc["figures"]
        for m in g["mentions"]
    )
    return doc


def _grouped_as_its_stories_say(index: FactIndex) -> None:
    """The figure groups are what grouping the index's own figures within its own stories
    gives (so an update rewrote every group that changed), and none spans two stories."""
    from reader.figures import group_figures

    story_of = {a.id: a.story for a in index.articles()}
    groups = list(index.figure_groups())
    for g in groups:
        assert len({story_of[m.article] for m in g.mentions}) == 1, g.id
    expected = group_figures([m for g in groups for m in g.mentions], story_of)

    def partition(gs: list) -> set:
        return {frozenset((m.article, m.start) for m in g.mentions) for g in gs}

    # The same groups; their ids may differ: an update keeps every untouched group's id.
    assert partition(groups) == partition(expected)
    assert len({g.id for g in groups}) == len(groups)


def _same_as_cold(patched: FactIndex, cold: FactIndex) -> None:
    assert _facts(patched) == _facts(cold)
    _grouped_as_its_stories_say(patched)
    assert all(a.story for a in patched.articles())


def test_a_small_change_patches_the_index_in_place_as_a_cold_build_would(
    tmp_path: Path,
) -> None:
    root = tmp_path / "story"
    shutil.copytree(bundled_seeds(), root)
    for i in range(20):
        (root / f"brief{i:02}.txt").write_text(
            f"Brief {i}\nOfficials in Town{i} said {i + 3} people were hurt on Monday.\n",
            "utf-8",
        )
    build_index(root, cache_dir=tmp_path / "warm")
    # A new spelling that joins an existing name, a changed brief, a removed one.
    (root / "late.txt").write_text(
        "Late report\nMusa Abu Marzouk said at least 34,500 Palestinians had been killed.\n",
        "utf-8",
    )
    (root / "brief03.txt").write_text("Brief 3\nNobody was hurt in Town3, police said.\n", "utf-8")
    (root / "brief07.txt").unlink()
    patched, stats = build_index(root, cache_dir=tmp_path / "warm")
    assert stats.in_place and stats.extracted == 2
    cold, cold_stats = build_index(root, cache_dir=tmp_path / "cold")
    assert not cold_stats.in_place
    _same_as_cold(patched, cold)
    marzouk = next(e for e in patched.entities() if "Musa Abu Marzouk" in e.variants)
    assert any(m.article == "late" for m in marzouk.mentions)


def test_one_changed_record_of_a_large_file_is_patched_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.store.workers

    monkeypatch.setattr(reader.store.workers, "PARALLEL_THRESHOLD", 2)
    root = tmp_path / "wire"
    root.mkdir()
    records = [
        {"id": f"w{i}", "title": f"Wire {i}", "text": f"Ismail Haniyeh said {i + 10} people died."}
        for i in range(30)
    ]

    def write() -> None:
        (root / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")

    write()
    build_index(root, cache_dir=tmp_path / "warm")
    records[4]["text"] = "Ismail Haniya said 99 people died in Rafah."
    records[9]["title"] = "Wire nine, retitled"
    write()
    patched, stats = build_index(root, cache_dir=tmp_path / "warm")
    assert stats.in_place and stats.extracted == 1
    assert patched.summary("w9").title == "Wire nine, retitled"
    _same_as_cold(patched, build_index(root, cache_dir=tmp_path / "cold")[0])

    # Most records changed: a new index is written in bulk instead, with the same result.
    for r in records:
        r["text"] += " Hamas agreed."
    write()
    rebuilt, stats = build_index(root, cache_dir=tmp_path / "warm")
    assert not stats.in_place and stats.extracted == 30
    assert _export(rebuilt) == _export(build_index(root, cache_dir=tmp_path / "cold2")[0])


def test_a_dead_builders_shard_folder_is_swept(tmp_path: Path) -> None:
    import subprocess
    import sys

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = tmp_path / f".shards-{int(dead.stdout)}-abc"
    live = tmp_path / f".shards-{os.getpid()}-def"
    for folder in (stale, live):
        folder.mkdir()
        (folder / "shard-1.sqlite").write_bytes(b"x" * 100)
    assert cache.sweep_stale_temps(tmp_path) == 1
    assert not stale.exists() and live.exists()


def test_differing_groups_are_the_disputed_quantities_not_the_updated_ones(
    tmp_path: Path,
) -> None:
    """The seeds' toll rose from 26 to 30 April: an update, not a dispute. Two outlets giving
    40 and 58 dead on one day dispute it; a toll that rose a day later does not."""
    index, _ = build_index(bundled_seeds(), cache_dir=tmp_path / "cache")
    groups = list(index.figure_groups())
    assert index.differing_groups(index.group_ids()) == {g.id for g in groups if g.disputed}
    toll = next(g for g in groups if g.counted == "killed" and len(g.mentions) == 4)
    assert (toll.updates, toll.disputed, toll.whom) == (1, False, "people")
    corpus = tmp_path / "flood"
    corpus.mkdir()
    day = "A flood hit the town of Varnel on {date}. "
    records = [
        ("a", "Wire One", "2021-06-01", "The flood killed 40 people, officials said."),
        ("b", "Wire Two", "2021-06-01", "The flood killed 58 people, officials said."),
        ("c", "Wire Three", "2021-06-03", "The flood has killed 71 people, officials said."),
    ]
    lines = [
        json.dumps({"id": i, "outlet": o, "date": d, "title": "Flood in Varnel",
                    "text": day.format(date=d) + t, "story": "flood"})
        for i, o, d, t in records
    ]  # fmt: skip
    (corpus / "flood.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    flood, _ = build_index(corpus, cache_dir=tmp_path / "cache2")
    (killed,) = [g for g in flood.figure_groups() if g.counted == "killed"]
    assert sorted(m.value for m in killed.mentions) == [40, 58, 71]
    assert killed.disputed and killed.updates >= 1
    assert flood.differing_groups([killed.id]) == {killed.id}


def test_the_first_mentions_of_a_frequent_fact_come_in_date_order_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.store.query

    index, _ = build_index(bundled_seeds(), cache_dir=tmp_path / "cache")
    facts = [e.id for e in sorted(index.entities(), key=lambda e: -len(e.mentions))[:5]]
    facts += [g.id for g in sorted(index.figure_groups(), key=lambda g: -len(g.mentions))[:5]]
    sorted_first = {f: index.mentions_of(f)[:3] for f in facts}
    monkeypatch.setattr(reader.store.query, "WALK_MENTIONS", 0)  # every fact walks the articles
    assert {f: index.mentions_of(f, limit=3) for f in facts} == sorted_first
    assert all(index.fact_counts(f)[0] >= len(sorted_first[f]) for f in facts)


def _whole_text_context(text: str, start: int, end: int, width: int) -> tuple[str, int, int]:
    """The context line cut from the whole text: what the windowed read must give."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    lo = max(line_start, start - width // 2)
    hi = min(line_end, max(end + width // 2, lo + width))
    if lo > line_start:
        lo = text.find(" ", lo, start) + 1 or lo
    prefix = "…" if lo > line_start else ""
    suffix = "…" if hi < line_end else ""
    return prefix + text[lo:hi] + suffix, start - lo + len(prefix), end - lo + len(prefix)


def test_context_reads_a_window_but_cuts_as_the_whole_text_would(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    long_line = " ".join(f"word{i}" for i in range(400))  # one paragraph of ~3,500 characters
    text = f"Short title\nA line.\n{long_line}\nLast line with Haniyeh at the end"
    (root / "a.txt").write_text(text, encoding="utf-8")
    index, _ = build_index(root, cache_dir=tmp_path / "cache")
    shown = index.article("a").text
    spans = [(0, 5), (len(shown) - 7, len(shown)), (len(shown) // 2, len(shown) // 2 + 6)]
    spans += [(i, i + 3) for i in range(0, len(shown) - 3, 97)]
    for start, end in spans:
        for width in (40, 70, 120):
            line, s, e = index.context("a", start, end, width)
            assert (line, s, e) == _whole_text_context(shown, start, end, width)
            assert line[s:e] == shown[start:end]


def test_distinct_values_gives_one_mention_per_value(tmp_path: Path) -> None:
    index, _ = build_index(bundled_seeds(), cache_dir=tmp_path / "cache")
    seen_spread = False
    for group in index.figure_groups():
        values = [json.dumps(r.value) for r in index.distinct_values(group.id)]
        assert sorted(values) == sorted({json.dumps(m.value) for m in group.mentions})
        seen_spread |= len(values) > 1
    assert seen_spread  # the seeds' death tolls differ between outlets


@pytest.mark.parametrize("value", [0, 7, 34356, 2.5, -3, 1e20, "2023-10-07", "--10-07", "é", 'a"b'])
def test_figure_values_read_back_as_json_gives_them(value: object) -> None:
    from reader.store.schema import figure_value

    stored = json.dumps(value)
    assert figure_value(stored) == json.loads(stored)
    assert type(figure_value(stored)) is type(json.loads(stored))


def _linking_tables(root: Path, cache_dir: Path) -> dict[str, list]:
    """The index's linking tables as stored (the entities in their stored order)."""
    db = sqlite3.connect(cache.index_path(root, cache_dir))
    try:
        return {
            "forms": sorted(db.execute("SELECT * FROM forms")),
            "spellings": sorted(db.execute("SELECT * FROM spellings")),
            "entities": list(db.execute("SELECT * FROM entities")),
            "names": sorted(db.execute("SELECT * FROM names"), key=repr),
        }
    finally:
        db.close()


def test_an_update_counts_and_links_the_names_as_a_cold_build_would(tmp_path: Path) -> None:
    """An update changes the counts of the names' forms by what it dropped and added (and
    moved to another story), not by counting them all again: every step leaves the forms,
    spellings, entities (with their counts) and mentions a cold build of the same files has."""
    from dataclasses import replace

    from reader.config import StoryCuration, load_config, save_config

    root = tmp_path / "story"
    shutil.copytree(bundled_seeds(), root)
    warm = tmp_path / "warm"
    build_index(root, cache_dir=warm)
    late = root / "late.txt"
    steps = [
        lambda: late.write_text(
            "Late report\nMusa Abu Marzouk said at least 34,500 Palestinians had been killed."
            " Marzouk spoke in Cairo.\n",
            "utf-8",
        ),
        lambda: late.write_text(
            "Late report\nMousa Abu Marzook told Reuters that Haniyeh and Marzook met.\n", "utf-8"
        ),
        lambda: save_config(
            replace(
                load_config(root / "seedread.yaml"),
                stories=StoryCuration(move={"late": None}),
            ),
            root / "seedread.yaml",
        ),
        late.unlink,
    ]
    for i, step in enumerate(steps):
        step()
        _, stats = build_index(root, cache_dir=warm)
        assert stats.in_place
        build_index(root, cache_dir=tmp_path / f"cold{i}")
        assert _linking_tables(root, warm) == _linking_tables(root, tmp_path / f"cold{i}"), i


def test_realistic_updates_link_in_place_as_a_cold_build_would(tmp_path: Path) -> None:
    """The updates whose links an in-place relink could get wrong if it relinked too little:
    a surname alone that must join the person of its story (or the corpus' well-known one), a
    second person of that surname in the story (the surname then stands apart, ambiguous), a
    changed text, a removed article, an alias added to and taken out of `seedread.yaml`.
    After each, the linking tables and the facts equal a cold build's of the same files."""
    from dataclasses import replace

    from reader.config import StoryCuration, load_config, save_config

    root = tmp_path / "story"
    shutil.copytree(bundled_seeds(), root)
    config = root / "seedread.yaml"
    # The added articles' stories are the reader's (an update attaches an article to a story,
    # a cold build clusters: they may differ, and a story's id orders its one-word entities).
    save_config(
        replace(
            load_config(config), stories=StoryCuration(move={"zlate": "wire0", "zother": None})
        ),
        config,
    )
    for i in range(4):  # Ismail Haniyeh named in full in several stories: well known
        (root / f"wire{i}.txt").write_text(
            f"Wire {i}\nIsmail Haniyeh met envoys in Town{i} on Monday.\n", "utf-8"
        )
    warm = tmp_path / "warm"
    build_index(root, cache_dir=warm)
    late, other = root / "zlate.txt", root / "zother.txt"  # after the wires: same story ids
    steps = [
        lambda: late.write_text(  # a surname alone, in a story naming him in full
            "Late report\nHaniyeh said 30 people were killed in Rafah on Monday.\n", "utf-8"
        ),
        lambda: other.write_text(  # two people of that surname in one story
            "Other report\nIsmail Haniyeh and his son Abdel Salam Haniyeh spoke in Doha."
            " Haniyeh said talks would go on.\n",
            "utf-8",
        ),
        lambda: late.write_text(
            "Late report\nMousa Abu Marzook said Haniyeh and Marzook met in Cairo.\n", "utf-8"
        ),
        lambda: save_config(
            replace(
                load_config(config), aliases={**load_config(config).aliases, "Haniyeh": ("Haniya",)}
            ),
            config,
        ),
        other.unlink,
        lambda: save_config(
            replace(
                load_config(config),
                aliases={k: v for k, v in load_config(config).aliases.items() if k != "Haniyeh"},
            ),
            config,
        ),
        late.unlink,
    ]
    for i, step in enumerate(steps):
        step()
        patched, stats = build_index(root, cache_dir=warm)
        assert stats.in_place, i
        cold, _ = build_index(root, cache_dir=tmp_path / f"cold{i}")
        assert _linking_tables(root, warm) == _linking_tables(root, tmp_path / f"cold{i}"), i
        _same_as_cold(patched, cold)
