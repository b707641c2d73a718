"""The build's runner: extracts articles in this process or in a pool of worker processes
that write their facts to shard databases (results never travel back through pickling)."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import sqlite3
import tempfile
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path

from reader.linking import STORY_KINDS
from reader.models import Article, Problem
from reader.names import NameRow
from reader.pipeline import extract_facts
from reader.store.schema import (
    SHARD_TABLES,
    StoryRow,
    figure_columns,
    quote_columns,
    story_row,
)

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
_FORMS: Counter[tuple[str, str, str, str]] = Counter()
"""In a worker: the names stored in its shard, by (name, kind, text, article), the article
"" where the story does not matter (`reader.store.schema.FORM_STORY`)."""
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
    # ctrl+c reaches every process of the terminal: the builder stops the build and the pool,
    # so a worker ignores it rather than print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _SHARD = sqlite3.connect(Path(shard_dir) / f"shard-{os.getpid()}.sqlite")
    # WAL, so that a worker killed mid-chunk leaves its committed chunks readable and the
    # killed one simply absent (with the journal off, a kill mid-write can tear the file).
    _SHARD.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;" + SHARD_TABLES)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _init_linker() -> None:
    """A worker that links and groups once extraction is over: as `_init_worker`, without
    a shard of its own."""
    gc.set_threshold(*BUILD_GC_THRESHOLD)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """In a worker: exit when the builder is gone (killed), instead of waiting forever for
    work that will never come."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


Chunk = list[tuple]
"""Articles as sent to a worker: (id, path, title, text, date, boilerplate, outlet, story)."""

ChunkFacts = tuple[list[NameRow], list[tuple], list[StoryRow], list[tuple[str, str]], list[tuple]]
"""What the per-article stages found in a chunk, as stored: name rows, figure rows, story
rows, (path, reason) for each article a stage failed on, and quote rows. Plain and
picklable."""


def chunk_of(articles: Sequence[Article]) -> Chunk:
    """The plain, picklable form of articles that crosses to a worker."""
    return [
        (a.id, a.path, a.title, a.text, a.date, a.boilerplate, a.outlet, a.story) for a in articles
    ]


def extract_chunk(items: Chunk) -> ChunkFacts:
    """Run the per-article stages (`reader.pipeline.extract_facts`) over a chunk: a plain
    function of plain data, so any `concurrent.futures.Executor` can run it."""
    names: list[NameRow] = []
    figures: list[tuple] = []
    stories: list[StoryRow] = []
    failures: list[tuple[str, str]] = []
    quotes: list[tuple] = []
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
        figures += [figure_columns(f) for f in facts.figures]
        quotes += [quote_columns(q) for q in facts.quotes]
        if facts.story is not None:
            stories.append(story_row(facts.story))
        if facts.failures:
            failures.append((path, "; ".join(facts.failures)))
    return names, figures, stories, failures, quotes


def store_chunk(db: sqlite3.Connection, facts: ChunkFacts) -> None:
    """Write a chunk's names, figures, quotes and story features (one insert of each kind)."""
    names, figures, stories, _, quotes = facts
    db.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?, ?, NULL)", names)
    db.executemany("INSERT INTO figures VALUES (" + "?, " * 17 + "NULL)", figures)
    db.executemany("INSERT OR REPLACE INTO story_features VALUES (?, ?, ?, ?, ?, ?, ?, ?)", stories)
    db.executemany("INSERT INTO quotes VALUES (" + "?, " * 12 + "NULL, NULL)", quotes)


def _extract_to_shard(seq: int, items: Chunk) -> int:
    """Worker: extract chunk `seq` into this process' shard, with its failures and its
    number, in one transaction (a chunk is in a shard whole, or not at all)."""
    assert _SHARD is not None
    facts = extract_chunk(items)
    store_chunk(_SHARD, facts)
    _SHARD.executemany("INSERT INTO failures VALUES (?, ?)", facts[3])
    _SHARD.execute("INSERT INTO chunks VALUES (?)", (seq,))
    _SHARD.commit()
    # By article where the story matters (`FORM_STORY`): stories are found after extraction.
    _FORMS.update(
        (n[4], n[5], n[3], n[0] if n[5] in STORY_KINDS or " " in n[4] else "") for n in facts[0]
    )
    return seq


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
        " CREATE TABLE forms (name TEXT, kind TEXT, text TEXT, article TEXT, n INTEGER);"
    )
    _SHARD.executemany(
        "INSERT INTO forms VALUES (?, ?, ?, ?, ?)", [(*k, n) for k, n in _FORMS.items()]
    )
    _SHARD.commit()
    _FORMS.clear()
    _FLUSHED = True
    # Extraction is over: the shard leaves WAL (which kept it whole should this worker be
    # killed), so that linking writes it directly. Not possible while another process
    # holds it open; then it simply stays in WAL.
    try:
        _SHARD.execute("PRAGMA journal_mode=OFF").fetchone()
    except sqlite3.OperationalError:
        pass
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
    """The runner of the per-article stages: extracts articles as they are submitted.

    Three ways, the same results:
    - in this process, for a small corpus (or after the worker pool died twice);
    - in a pool of worker processes (the default for a large corpus) that write to shard
      databases on local disk, merged into the index at the end: results never travel back
      through pickling, and the names can stay in the shards to be linked in parallel;
    - on any `concurrent.futures.Executor` given (`executor`, e.g. a Dask or Ray executor for
      a corpus that outgrows one machine): `extract_chunk` runs there on plain, picklable
      chunks and its results come back to be written here.

    A worker that dies (killed, out of memory) costs one chunk's work, not the build: the
    chunks it had not committed are done again here, and a new pool takes the rest.
    """

    CHUNK = 64
    """Articles per task: large enough to amortise the hop, small enough for smooth progress."""
    POOL_RESTARTS = 2
    """New pools started after one dies; after that, the rest is extracted in this process."""

    def __init__(
        self,
        db: sqlite3.Connection,
        db_path: Path,
        report: Progress,
        cancel: threading.Event | None,
        workers: int | None,
        executor: Executor | None = None,
    ) -> None:
        self.db = db
        self.db_path = db_path
        self.report = report
        self.cancel = cancel
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.executor = executor
        """An executor given by the caller: chunks go there, results come back here."""
        self.pending: list[Article] = []
        self.submitted = 0
        self.expected = 0
        self.extracted = 0
        self.failures: list[Problem] = []
        self.pool: ProcessPoolExecutor | None = None
        self.restarts = 0
        """Pools started again after one died."""
        self.shard_dir: Path | None = None
        self.name_shards: list[Path] = []
        self.flushed: set[str] = set()
        """Shards (real paths) whose worker wrote its counts of names by form."""
        self.seq = 0
        """Chunks sent so far (each chunk's number)."""
        self.inflight: deque[tuple[int, Chunk, Future]] = deque()
        self.starting: list[Future] = []
        """The fresh workers' first tasks (`_fresh_pool`)."""

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
        if self.executor is not None:
            self._dispatch(final=False)
            return
        parallel = self.workers > 1 and len(self.pending) >= PARALLEL_THRESHOLD
        if self.pool is None and self.shard_dir is None and parallel:
            self.shard_dir = Path(
                tempfile.mkdtemp(prefix=f".shards-{os.getpid()}-", dir=self.db_path.parent)
            )
            self._start_pool()
        if self.pool is not None:
            self._dispatch(final=False)

    def _start_pool(self) -> None:
        # spawn, not fork: the TUI builds from a thread; forking a threaded process can hang.
        self.pool = ProcessPoolExecutor(
            self.workers,
            mp_context=get_context("spawn"),
            initializer=_init_worker,
            initargs=(str(self.shard_dir),),
        )

    def _fresh_pool(self) -> None:
        """Once extraction is over, replace the workers with new ones to link and group: the
        old ones hold what extraction left them (about 250 MB each at 37,554 articles, a
        sixth of the build's peak), the new ones only what linking and grouping take. They
        start now, while this process finds the stories, so they are ready by then."""
        assert self.pool is not None
        self.pool.shutdown(wait=True)
        self.pool = ProcessPoolExecutor(
            self.workers, mp_context=get_context("spawn"), initializer=_init_linker
        )
        # Each started and ready before linking sends them work (`ready`): a worker killed
        # while it starts could leave the pool waiting for it.
        self.starting = [self.pool.submit(time.sleep, 0.01) for _ in range(self.workers)]

    def ready(self) -> None:
        """Wait until the fresh workers (`_fresh_pool`) have started (raises
        BrokenProcessPool when one died)."""
        for started in self.starting:
            started.result()
        self.starting = []

    def _dispatch(self, final: bool) -> None:
        while len(self.pending) >= self.CHUNK or (final and self.pending):
            chunk, self.pending = self.pending[: self.CHUNK], self.pending[self.CHUNK :]
            items = chunk_of(chunk)
            self.seq += 1
            if self.executor is not None:
                future: Future = self.executor.submit(extract_chunk, items)
            elif self.pool is not None:
                try:
                    future = self.pool.submit(_extract_to_shard, self.seq, items)
                except BrokenProcessPool:  # a worker died since the last chunk came back
                    self._recover([(self.seq, items)])
                    continue
            else:  # the pool died for good: the rest is done here
                self._extract_here(items)
                continue
            self.inflight.append((self.seq, items, future))
            # Bound the work in flight so memory stays flat on a huge corpus.
            while len(self.inflight) > 4 * self.workers:
                self._collect_one()

    def _collect_one(self) -> None:
        check_cancel(self.cancel)
        seq, items, future = self.inflight.popleft()
        try:
            result = future.result()
        except BrokenProcessPool:
            self._recover([(seq, items)])
            return
        if self.executor is not None:
            store_chunk(self.db, result)
            self.failures.extend(Problem(p, f) for p, f in result[3])
        self._done(len(items))

    def _done(self, articles: int) -> None:
        self.extracted += articles
        self.report("extracting", self.extracted, self.expected)

    def _extract_here(self, items: Chunk) -> None:
        facts = extract_chunk(items)
        store_chunk(self.db, facts)
        self.failures.extend(Problem(p, f) for p, f in facts[3])
        self._done(len(items))

    def _recover(self, lost: list[tuple[int, Chunk]]) -> None:
        """A worker died and took the pool with it: every chunk in flight (and `lost`) is
        either whole in a shard (committed before the death) or nowhere. Do the missing ones
        here, then go on with a new pool."""
        broken = self.pool
        self.pool = None
        if broken is not None:
            broken.shutdown(wait=True, cancel_futures=True)
        lost = [*lost, *((s, i) for s, i, _ in self.inflight)]
        self.inflight.clear()
        committed = self._committed_chunks()
        for chunk_seq, chunk_items in lost:
            check_cancel(self.cancel)
            if chunk_seq in committed:
                self._done(len(chunk_items))
            else:
                self._extract_here(chunk_items)
        if self.restarts < self.POOL_RESTARTS:
            self.restarts += 1
            self._start_pool()

    def _shards(self) -> list[Path]:
        """The workers' shards that hold their tables: a worker killed while it started may
        leave a file without them, which holds nothing to gather."""
        if self.shard_dir is None:
            return []
        found = []
        for path in sorted(self.shard_dir.glob("shard-*.sqlite")):
            db = sqlite3.connect(path, timeout=60)
            try:
                made = db.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chunks'"
                ).fetchone()
            except sqlite3.DatabaseError:
                made = None
            finally:
                db.close()
            if made is not None:
                found.append(path)
        return found

    def _committed_chunks(self) -> set[int]:
        """The numbers of the chunks whose results are in some shard."""
        done: set[int] = set()
        for shard in self._shards():
            db = sqlite3.connect(shard, timeout=60)
            try:
                done.update(seq for (seq,) in db.execute("SELECT seq FROM chunks"))
            except sqlite3.DatabaseError:
                pass  # a worker killed before it made its tables: nothing committed there
            finally:
                db.close()
        return done

    def finish(self, keep_names: bool = False) -> list[Problem]:
        """Extract what is left, gather the shards; returns the articles that failed.

        With `keep_names`, when every name is in the shards, the names stay there (listed in
        `name_shards`) and the pool stays up to link them shard by shard; `close` ends both.
        """
        self.expected = self.submitted
        if self.executor is not None or self.pool is not None:
            self._dispatch(final=True)
            while self.inflight:
                self._collect_one()
        items = chunk_of(self.pending)
        self.pending = []
        for i in range(0, len(items), self.CHUNK):
            check_cancel(self.cancel)
            self._extract_here(items[i : i + self.CHUNK])
        shards = self._shards()
        if not shards:
            return self.failures
        for shard in shards:  # story features, quotes and failures are always needed here
            self.db.execute("ATTACH DATABASE ? AS shard", (str(shard),))
            self.db.execute(
                "INSERT OR REPLACE INTO story_features SELECT * FROM shard.story_features"
            )
            self.db.execute("INSERT INTO quotes SELECT * FROM shard.quotes")
            self.failures.extend(
                Problem(path, reason)
                for path, reason in self.db.execute("SELECT path, reason FROM shard.failures")
            )
            self.db.commit()
            self.db.execute("DETACH DATABASE shard")
        # A chunk done here, or facts reused from the old index, put names or figures in the
        # index itself: then every fact is gathered here.
        keep_names = (
            keep_names
            and self.pool is not None
            and not self.db.execute(
                "SELECT 1 FROM names UNION ALL SELECT 1 FROM figures LIMIT 1"
            ).fetchone()
        )
        if keep_names:
            assert self.pool is not None
            try:
                # While every worker is idle: each writes the counts of its names by form.
                self.flushed = _flush_shard_forms(self.pool, self.workers)
                # The figures come later, with their groups (`group_shards`).
                self.name_shards = shards
                self._fresh_pool()
            except BrokenProcessPool:  # a worker died now: gather every fact here instead
                keep_names = False
                self.pool.shutdown(wait=True, cancel_futures=True)
                self.pool = None
        if not keep_names:
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
