"""The build's runner: the per-article stages on a given executor, and a worker that dies
costing one chunk, not the build. Each result is compared with a build in this process."""

from __future__ import annotations

import json
import os
import signal
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from io import StringIO
from multiprocessing import active_children, get_context
from pathlib import Path

import pytest

import reader.store.workers
from reader.export import write_json
from reader.store import FactIndex, build_index

TEMPLATES = (
    "Officials in Town{i} said {n} people were killed and {m} wounded on Monday.\n"
    "Mayor Anna Berg{j} of Town{i} met Governor Tomas Reyes in Town{i} on Tuesday.\n",
    "Flooding forced {n} families from their homes in Valley{i}, the Red Cross said.\n"
    "About {m} percent of Valley{i} was under water, Minister Lena Ortiz{j} said.\n",
)


def _corpus(root: Path, articles: int) -> Path:
    root.mkdir()
    lines = []
    for i in range(articles):
        text = TEMPLATES[i % 2].format(i=i % 37, j=i % 11, n=10 + i % 90, m=3 + i % 40)
        lines.append(json.dumps({"id": f"r{i:05}", "title": f"Report {i}", "text": text}))
    (root / "feed.jsonl").write_text("\n".join(lines), "utf-8")
    return root


def _facts(index: FactIndex) -> dict:
    out = StringIO()
    write_json(index, out)
    doc = json.loads(out.getvalue())
    doc["problems"] = sorted(doc["problems"], key=json.dumps)
    return doc


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return _corpus(tmp_path / "corpus", 600)


@pytest.fixture
def in_process(corpus: Path, tmp_path: Path) -> dict:
    index, _ = build_index(corpus, cache_dir=tmp_path / "serial", workers=1)
    return _facts(index)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader.store.workers, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(reader.store.workers.Extractor, "CHUNK", 8)


def test_a_given_thread_executor_gives_the_same_index(
    corpus: Path, tmp_path: Path, in_process: dict
) -> None:
    with ThreadPoolExecutor(2) as executor:
        index, stats = build_index(corpus, cache_dir=tmp_path / "threads", executor=executor)
    assert stats.extracted == 600
    assert _facts(index) == in_process


def test_a_given_process_executor_gives_the_same_index(
    corpus: Path, tmp_path: Path, in_process: dict, small_chunks: None
) -> None:
    # What crosses the executor is plain and picklable: chunks out, rows back.
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as executor:
        index, _ = build_index(corpus, cache_dir=tmp_path / "procs", executor=executor)
    assert _facts(index) == in_process


def test_a_killed_worker_costs_its_chunk_not_the_build(
    corpus: Path, tmp_path: Path, in_process: dict, small_chunks: None
) -> None:
    killed: list[int] = []

    def progress(stage: str, done: int, total: int) -> None:
        # As the out-of-memory killer would: SIGKILL to one worker, mid-extraction.
        if stage == "extracting" and done >= 40 and not killed:
            workers = [p.pid for p in active_children() if p.pid is not None]
            if workers:
                os.kill(workers[0], signal.SIGKILL)
                killed.append(workers[0])

    index, stats = build_index(corpus, cache_dir=tmp_path / "killed", workers=2, progress=progress)
    assert killed, "no worker was running to kill"
    assert stats.extracted == 600
    assert _facts(index) == in_process
    assert not list((tmp_path / "killed").rglob(".shards-*"))  # no shard left behind


def test_a_worker_killed_while_linking_costs_nothing(
    corpus: Path, tmp_path: Path, in_process: dict, small_chunks: None
) -> None:
    killed: list[int] = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "linking" and not killed:  # the workers are linking their shards now
            workers = [p.pid for p in active_children() if p.pid is not None]
            if workers:
                os.kill(workers[0], signal.SIGKILL)
                killed.append(workers[0])

    index, _ = build_index(corpus, cache_dir=tmp_path / "killed", workers=2, progress=progress)
    assert killed, "no worker was running to kill"
    assert _facts(index) == in_process


def test_a_shard_without_its_tables_is_left_out(tmp_path: Path) -> None:
    """A worker killed while it started can leave a shard file with no tables: gathering the
    shards must pass it by (it failed a build as 'no such table: shard.story_features')."""
    import sqlite3

    from reader.store.schema import SHARD_TABLES
    from reader.store.workers import Extractor

    whole = sqlite3.connect(tmp_path / "shard-1.sqlite")
    whole.executescript("PRAGMA journal_mode=WAL;" + SHARD_TABLES)
    whole.close()
    torn = sqlite3.connect(tmp_path / "shard-2.sqlite")
    torn.executescript("PRAGMA journal_mode=WAL;")  # killed before its tables
    torn.close()
    extractor = Extractor.__new__(Extractor)
    extractor.shard_dir = tmp_path
    assert extractor._shards() == [tmp_path / "shard-1.sqlite"]
