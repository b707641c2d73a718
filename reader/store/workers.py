"""The build's runner: extracts articles in this process or in a pool of worker processes
that write their facts to shard databases (results never travel back through pickling)."""

from __future__ import annotations

import gc
import json
import os
import shutil
import sqlite3
import tempfile
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path

from reader.models import Article, FigureMention, Problem
from reader.names import NameRow
from reader.pipeline import extract_facts
from reader.store.schema import FACT_TABLES, StoryRow, story_row

PARALLEL_THRESHOLD = 400
"""Below this many articles to extract, worker processes cost more than they save."""

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): called from the building thread."""


class BuildCancelled(Exception):
    """Raised inside `build_index` when its cancel event is set; the cache is left untouched."""


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise BuildCancelled()


_SHARD: sqlite3.Connection | None = None
"""In a worker process: the shard database its results go to."""
_FORMS: Counter[tuple[str, str, str]] = Counter()
"""In a worker: the names stored in its shard, by (name, kind, text)."""
_FLUSHED = False
"""In a worker: whether `_FORMS` has been written to the shard."""


BUILD_GC_THRESHOLD = (50_000, 50, 100)
"""Collector thresholds while building: extraction makes millions of short-lived objects and
few cycles, so young collections can be rare (a few % of extraction time)."""


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect garbage less often inside the block (then as before)."""
    before = gc.get_threshold()
    gc.set_threshold(*BUILD_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _init_worker(shard_dir: str) -> None:
    global _SHARD
    # The extractors' tables (gazetteers, given names) live as long as the worker: out of
    # the collector's way, and young objects collected less often.
    gc.freeze()
    gc.set_threshold(*BUILD_GC_THRESHOLD)
    _SHARD = sqlite3.connect(Path(shard_dir) / f"shard-{os.getpid()}.sqlite")
    _SHARD.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + FACT_TABLES)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """In a worker: exit when the builder is gone (killed), instead of waiting forever for
    work that will never come."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


Chunk = list[tuple]
"""Articles as sent to a worker: (id, path, title, text, date, boilerplate, outlet, story)."""

Extracted = tuple[list[tuple[str, str]], list[StoryRow]]
"""What a chunk gives back: (path, reason) for each failure, and each article's story row."""


def chunk_of(articles: Sequence[Article]) -> Chunk:
    """The plain, picklable form of articles that crosses to a worker."""
    return [
        (a.id, a.path, a.title, a.text, a.date, a.boilerplate, a.outlet, a.story) for a in articles
    ]


def _extract_items(
    db: sqlite3.Connection, items: Chunk, forms: Counter[tuple[str, str, str]] | None = None
) -> Extracted:
    """Run the per-article stages (`reader.pipeline.extract_facts`) over a chunk, writing
    names and figures into `db`; returns the failures and the story rows (small: they travel
    back to the builder). Each name stored is counted in `forms` by (name, kind, text)."""
    failures = []
    names: list[NameRow] = []
    figures: list[FigureMention] = []
    stories: list[StoryRow] = []
    for aid, path, title, text, date, boilerplate, outlet, story in items:
        article = Article(
            id=aid,
            path=path,
            title=title,
            text=text,
            date=date,
            boilerplate=boilerplate,
            outlet=outlet,
            story=story,
        )
        facts = extract_facts(article)
        names += facts.names
        figures += facts.figures
        if facts.story is not None:
            stories.append(story_row(facts.story))
        if facts.failures:
            failures.append((path, "; ".join(facts.failures)))
    _store_facts(db, names, figures)  # one insert of each kind for the whole chunk
    if forms is not None:
        forms.update((n[4], n[5], n[3]) for n in names)
    return failures, stories


def _extract_to_shard(items: Chunk) -> Extracted:
    """Worker: extract a chunk of articles into this process' shard."""
    assert _SHARD is not None
    done = _extract_items(_SHARD, items, _FORMS)
    _SHARD.commit()
    return done


def _flush_forms() -> str | None:
    """Worker: write the names counted by form into this shard's `forms` table (what
    `_count_shard_forms` would count, without reading the names back); returns the shard's
    path, or None when this worker has already written them (another worker should)."""
    global _FLUSHED
    assert _SHARD is not None
    if _FLUSHED:
        time.sleep(0.05)  # leave the next task to a worker that has not written yet
        return None
    _SHARD.executescript(
        "DROP TABLE IF EXISTS forms;"
        " CREATE TABLE forms (name TEXT, kind TEXT, text TEXT, n INTEGER);"
    )
    _SHARD.executemany(
        "INSERT INTO forms VALUES (?, ?, ?, ?)", [(*k, n) for k, n in _FORMS.items()]
    )
    _SHARD.commit()
    _FORMS.clear()
    _FLUSHED = True
    return os.path.realpath(_SHARD.execute("PRAGMA database_list").fetchone()[2])


def _flush_shard_forms(pool: ProcessPoolExecutor, workers: int) -> set[str]:
    """Have every worker write its counts of names by form (`_flush_forms`); returns the
    shards written. Tasks go to whichever worker is free, so rounds are sent until each
    worker has taken one (a worker that already wrote returns at once, a little later)."""
    flushed: set[str] = set()
    for _ in range(8):
        for done in [pool.submit(_flush_forms) for _ in range(workers - len(flushed))]:
            shard = done.result()
            if shard is not None:
                flushed.add(shard)
        if len(flushed) >= workers:
            break
    return flushed


class Extractor:
    """Extracts articles as they are submitted: in this process for a small corpus, else in a
    pool of worker processes that write to shard databases, merged into the index at the end
    (results never travel back through pickling)."""

    CHUNK = 64
    """Articles per task: large enough to amortise the hop, small enough for smooth progress."""

    def __init__(
        self,
        db: sqlite3.Connection,
        db_path: Path,
        report: Progress,
        cancel: threading.Event | None,
        workers: int | None,
    ) -> None:
        self.db = db
        self.db_path = db_path
        self.report = report
        self.cancel = cancel
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.pending: list[Article] = []
        self.submitted = 0
        self.expected = 0
        self.extracted = 0
        self.failures: list[Problem] = []
        self.pool: ProcessPoolExecutor | None = None
        self.shard_dir: Path | None = None
        self.name_shards: list[Path] = []
        self.flushed: set[str] = set()
        """Shards (real paths) whose worker wrote its counts of names by form."""
        self.inflight: deque[tuple[Chunk, Future[Extracted]]] = deque()

    def expect(self, submitted: int, share: float) -> None:
        """Estimate the articles to extract: `submitted` of them came from `share` of the bytes."""
        if share > 0:
            # Not the highest estimate so far: a file's first records are often shorter than
            # its average, so early estimates run high; this one shrinks back to the count.
            self.expected = max(submitted, round(submitted / share))

    def submit(self, articles: Sequence[Article]) -> None:
        """Queue articles for extraction (may start the pool, may wait for a free slot)."""
        self.pending.extend(articles)
        self.submitted += len(articles)
        self.expected = max(self.expected, self.submitted)
        if self.pool is None and self.workers > 1 and len(self.pending) >= PARALLEL_THRESHOLD:
            self.shard_dir = Path(
                tempfile.mkdtemp(prefix=f".shards-{os.getpid()}-", dir=self.db_path.parent)
            )
            # spawn, not fork: the TUI builds from a thread; forking a threaded process can hang.
            self.pool = ProcessPoolExecutor(
                self.workers,
                mp_context=get_context("spawn"),
                initializer=_init_worker,
                initargs=(str(self.shard_dir),),
            )
        if self.pool is not None:
            self._dispatch(final=False)

    def _dispatch(self, final: bool) -> None:
        assert self.pool is not None
        while len(self.pending) >= self.CHUNK or (final and self.pending):
            chunk, self.pending = self.pending[: self.CHUNK], self.pending[self.CHUNK :]
            items = chunk_of(chunk)
            self.inflight.append((items, self.pool.submit(_extract_to_shard, items)))
            # Bound the work in flight so memory stays flat on a huge corpus.
            while len(self.inflight) > 4 * self.workers:
                self._collect_one()

    def _collect_one(self) -> None:
        check_cancel(self.cancel)
        items, fut = self.inflight.popleft()
        try:
            failures, stories = fut.result()
        except BrokenProcessPool:
            # A worker died (killed, out of memory): do its chunk here rather than lose it.
            failures, stories = _extract_items(self.db, items)
        self._store_stories(stories)
        self.failures.extend(Problem(p, f) for p, f in failures)
        self.extracted += len(items)
        self.report("extracting", self.extracted, self.expected)

    def _store_stories(self, rows: Sequence[StoryRow]) -> None:
        """Keep a chunk's story features in the index (replacing an older article's)."""
        self.db.executemany(
            "INSERT OR REPLACE INTO story_features VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows
        )

    def finish(self, keep_names: bool = False) -> list[Problem]:
        """Extract what is left, merge the shards; returns the articles that failed.

        With `keep_names`, when every name is in the shards, the names stay there (listed in
        `name_shards`) and the pool stays up to link them shard by shard; `close` ends both.
        """
        self.expected = self.submitted
        if self.pool is None:
            items = chunk_of(self.pending)
            self.pending = []
            for i in range(0, len(items), self.CHUNK):
                check_cancel(self.cancel)
                failures, stories = _extract_items(self.db, items[i : i + self.CHUNK])
                self._store_stories(stories)
                self.failures.extend(Problem(p, f) for p, f in failures)
                self.extracted += len(items[i : i + self.CHUNK])
                self.report("extracting", self.extracted, self.expected)
            return self.failures
        self._dispatch(final=True)
        while self.inflight:
            self._collect_one()
        assert self.shard_dir is not None
        shards = sorted(self.shard_dir.glob("shard-*.sqlite"))
        # A chunk done here after a worker died, or facts reused from the old index, put
        # names or figures in the index itself: then every fact is gathered here.
        keep_names = (
            keep_names
            and not self.db.execute(
                "SELECT 1 FROM names UNION ALL SELECT 1 FROM figures LIMIT 1"
            ).fetchone()
        )
        if keep_names:
            # The figures come later, with their groups (`group_shards`).
            self.name_shards = shards
            # While every worker is idle: each writes the counts of its names by form.
            self.flushed = _flush_shard_forms(self.pool, len(shards))
        else:
            for shard in shards:
                self.db.execute("ATTACH DATABASE ? AS shard", (str(shard),))
                self.db.execute("INSERT INTO names SELECT * FROM shard.names")
                self.db.execute("INSERT INTO figures SELECT * FROM shard.figures")
                self.db.commit()
                self.db.execute("DETACH DATABASE shard")
            self.close()
        return self.failures

    def close(self) -> None:
        """Stop the workers and remove the shards."""
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None
        if self.shard_dir is not None:
            shutil.rmtree(self.shard_dir, ignore_errors=True)
        self.name_shards = []

    def abort(self) -> None:
        """Stop the workers and remove the shards (after an error or a cancel)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        if self.shard_dir is not None:
            shutil.rmtree(self.shard_dir, ignore_errors=True)


def _store_facts(
    db: sqlite3.Connection, names: Sequence[NameRow], figures: Sequence[FigureMention]
) -> None:
    db.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?, ?, NULL)", names)
    db.executemany(
        "INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
        [
            (
                f.article,
                f.start,
                f.end,
                f.text,
                json.dumps(f.value),
                f.unit,
                f.qualifier,
                f.counted,
                f.subject,
                f.kind,
            )
            for f in figures
        ],
    )
