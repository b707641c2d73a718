"""Building the index: decide between reuse, an in-place patch and a new index, feed the
changed articles to the runner, then link, group and write the result atomically."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from hashlib import blake2b
from pathlib import Path

from reader.config import Config, load_config
from reader.corpus import CorpusError, bundled_seeds, find_sources, iter_source, unique_ids
from reader.models import Problem
from reader.store import cache
from reader.store import workers as runner
from reader.store.feed import NewIndex, NotWorthPatching, Patch
from reader.store.groups import group_shards, write_grouped, write_groups
from reader.store.links import link_all, link_shards
from reader.store.query import FactIndex
from reader.store.quotes import write_statements
from reader.store.schema import (
    FACT_TABLES,
    FIGURE_INDEXES,
    FIGURE_ROWS,
    LINK_INDEXES,
    SCHEMA_VERSION,
    STATEMENT_INDEXES,
    TABLES,
)
from reader.store.stories import assign_stories, outlet_map, story_map
from reader.store.workers import (
    Extractor,
    Progress,
    check_cancel,
    fewer_collections,
)

SORT_THREADS = min(os.cpu_count() or 1, 4)
"""Helper threads SQLite may use for one sort while building (`PRAGMA threads`)."""


IN_PLACE_SHARE = 0.25
"""While no more than this share of the articles (or `PARALLEL_THRESHOLD`) changed, a copy
of the old index is patched: only the changed articles' rows are rewritten and only the
links that change are updated. Past it, a new index is written in bulk, with the unchanged
articles' facts copied into it."""


@dataclass(frozen=True, slots=True)
class BuildStats:
    """What a build did, for the CLI to print."""

    articles: int
    """Articles in the index."""
    extracted: int
    """Articles whose names and figures were (re-)extracted in this build."""
    entities: int
    """Entities after linking."""
    figure_groups: int
    """Figure groups after grouping."""
    problems: int
    """Files or records skipped or read with a loss."""
    seconds: float
    """Wall time of the build."""
    from_cache: bool
    """True when nothing changed and the cache was reused as is."""
    in_place: bool = False
    """True when a few files changed and a copy of the old index was patched."""
    stories: int = 0
    """Stories the articles form (`reader.stories`)."""
    statements: int = 0
    """Statements the quotes render (`reader.quotes`)."""
    stages: tuple[tuple[str, float], ...] = ()
    """Seconds each stage took (reading, extracting, stories, linking), in order."""


def _file_signature(root: Path, files: Sequence[Path]) -> dict[str, tuple[int, int]]:
    sig = {}
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue
        sig[f.relative_to(root).as_posix()] = (st.st_size, st.st_mtime_ns)
    return sig


def _config_signature(root: Path) -> str:
    path = root / "seedread.yaml"
    try:
        return blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return ""


def _reading_signature(config: Config) -> str:
    """Identifies the part of the config that changes what is read (per-article metadata);
    the rest (aliases, ignore, split) changes only the linking."""
    articles = sorted((k, repr(v)) for k, v in config.articles.items())
    return blake2b(repr(articles).encode(), digest_size=16).hexdigest()


def build_index(
    path: Path,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    cache_dir: Path | None = None,
    workers: int | None = None,
    executor: Executor | None = None,
) -> tuple[FactIndex, BuildStats]:
    """Build (or reuse, or update) the index of the corpus at `path`.

    The per-article stages run in this process for a small corpus, else in `workers` local
    processes (default: one a core), or on `executor` when one is given (any
    `concurrent.futures.Executor`: a Dask or Ray one runs them across machines).

    Returns the opened index and what the build did. Raises CorpusError when PATH does not
    exist or holds no article, ConfigError for a bad `seedread.yaml`, BuildCancelled when
    `cancel` is set (the previous cache is then left as it was).
    """
    started = time.perf_counter()
    stages = _StageClock(progress or (lambda stage, done, total: None))
    report = stages.report
    path = Path(path)
    root, files, scan_problems = find_sources(path)
    config = load_config(root / "seedread.yaml")
    folder = Path(cache_dir) if cache_dir is not None else cache.cache_root()
    files_sig = _file_signature(root, files)
    # An index takes about as much room as its corpus' text: the figure for "needs about".
    needed_mb = max(1, 2 * sum(size for size, _ in files_sig.values()) // 2**20)
    try:
        db_path = cache.index_path(path, cache_dir)
        cache.sweep_stale_temps(db_path.parent)
        with cache.build_lock(db_path, lambda pid: report("waiting", 0, pid)):
            sources = _Sources(
                root,
                files,
                files_sig,
                scan_problems,
                config,
                _config_signature(root),
                _reading_signature(config),
            )
            run = _Run(report, cancel, workers, executor)
            index, stats = _reuse_or_build(path, db_path, sources, run, rebuild)
    except (OSError, sqlite3.OperationalError) as exc:
        error = cache.write_error(exc, folder, needed_mb)
        if error is None:
            raise
        raise error from None
    return index, replace(
        stats, seconds=time.perf_counter() - started, stages=tuple(stages.finish().items())
    )


class _StageClock:
    """Passes progress on, noting how long each stage took (from its first report to the
    next stage's)."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.seconds: dict[str, float] = {}
        self.stage: str | None = None
        self.since = time.perf_counter()

    def report(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self._close()
            self.stage = stage
        self.progress(stage, done, total)

    def _close(self) -> None:
        now = time.perf_counter()
        if self.stage is not None:
            self.seconds[self.stage] = self.seconds.get(self.stage, 0.0) + now - self.since
        self.since = now

    def finish(self) -> dict[str, float]:
        self._close()
        self.stage = None
        return self.seconds


def _reuse_or_build(
    path: Path, db_path: Path, sources: _Sources, run: _Run, rebuild: bool
) -> tuple[FactIndex, BuildStats]:
    """The decision: reuse the index when nothing changed, patch a copy of it when a few
    articles or only the config's linking changed, else write a new one."""
    if not rebuild:
        existing = cache.open_valid(db_path, SCHEMA_VERSION)
        if existing is not None:
            old_files = {
                p: (s, m) for p, s, m in existing.execute("SELECT path, size, mtime_ns FROM files")
            }
            meta = dict(existing.execute("SELECT key, value FROM meta"))
            if old_files == sources.signature and meta.get("config") == sources.config_sig:
                existing.close()
                index = FactIndex(db_path, name=corpus_name(path))
                return index, BuildStats(
                    articles=index.article_count,
                    extracted=0,
                    entities=index.entity_count,
                    figure_groups=index.group_count,
                    problems=len(index.problems),
                    stories=index.story_count,
                    seconds=0.0,
                    from_cache=True,
                )
            existing.close()
            old_db: Path | None = db_path
            # Try patching a copy of the old index (a curation decision only relinks); it
            # gives up if much more than a few articles turn out to have changed.
            in_place = meta.get("reading") == sources.reading_sig
        else:
            old_db, in_place = None, False
    else:
        old_db, in_place = None, False

    def build(in_place: bool) -> dict[str, int]:
        return _build_into(db_path, sources, old_db, in_place, run)

    with fewer_collections():
        try:
            stats = build(in_place)
        except NotWorthPatching:
            in_place = False
            stats = build(in_place)
    index = FactIndex(db_path, name=corpus_name(path))
    return index, BuildStats(
        articles=stats["articles"],
        extracted=stats["extracted"],
        entities=stats["entities"],
        figure_groups=stats["figure_groups"],
        problems=stats["problems"],
        stories=stats["stories"],
        statements=stats["statements"],
        seconds=0.0,
        from_cache=False,
        in_place=in_place,
    )


def corpus_name(path: Path) -> str:
    """The corpus' short name: its folder's name, or "seeds" for the bundled seeds."""
    try:
        if Path(path).resolve() == bundled_seeds().resolve():
            return "seeds"
    except OSError:
        pass
    return Path(path).resolve().name or str(path)


@dataclass(frozen=True)
class _Sources:
    """What a build reads: the corpus' files as found, and the config that reads them."""

    root: Path
    files: Sequence[Path]
    signature: dict[str, tuple[int, int]]
    """Each file's (size, mtime_ns), by path from the root."""
    problems: Sequence[Problem]
    """Files that could not even be listed."""
    config: Config
    config_sig: str
    """Identifies the whole config (any change relinks)."""
    reading_sig: str
    """Identifies the part of the config that changes what is read."""


@dataclass(frozen=True)
class _Run:
    """How a build runs: where it reports, what stops it, where the per-article stages run."""

    report: Progress
    cancel: threading.Event | None
    workers: int | None
    executor: Executor | None


def _build_into(
    db_path: Path, sources: _Sources, old_db: Path | None, in_place: bool, run: _Run
) -> dict[str, int]:
    """Write a complete new index to a temp file, then atomically replace the old one.

    The stages in order: read the articles (`_read_articles`: what changed is extracted by
    the runner as it is read, what did not is taken as it is), then stories, links and
    groups (`_link_and_group`), then statements. `in_place` patches a copy of the old index
    (`feed.Patch`), else a new one is written (`feed.NewIndex`).
    """
    config = sources.config
    report, cancel = run.report, run.cancel
    old = sqlite3.connect(old_db) if old_db is not None else None
    tmp = cache.temp_path(db_path)
    if in_place:
        assert old_db is not None
        shutil.copyfile(old_db, tmp)
    db = sqlite3.connect(tmp)
    extractor = Extractor(db, tmp, report, cancel, run.workers, run.executor)
    try:
        # Sorts (the indexes, made after the rows) may use helper threads: the index of the
        # names by entity and by article is made while the workers have nothing left to do.
        db.executescript(
            f"PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA threads={SORT_THREADS};"
            + TABLES
        )
        if old_db is not None and not in_place:
            db.execute("ATTACH DATABASE ? AS prev", (str(old_db),))

        # 1. Read what changed, stream it to the extractor; keep what did not change.
        feed, problems = _read_articles(db, sources, old, in_place, extractor, run)
        problems.extend(extractor.finish(keep_names=not in_place))
        db.executescript("DELETE FROM problems; DELETE FROM files; DELETE FROM meta;")
        db.executemany(
            "INSERT INTO problems VALUES (?, ?)", [(p.source, p.reason) for p in problems]
        )
        db.executemany(
            "INSERT INTO files VALUES (?, ?, ?)",
            [(p, s, m) for p, (s, m) in sources.signature.items()],
        )
        db.commit()

        # 2. Stories: figures are grouped within one story only, so they come first.
        check_cancel(cancel)
        report("stories", 0, 1)
        stories = assign_stories(db, in_place, config.stories)
        db.commit()
        report("stories", 1, 1)

        # 3. Link names over the whole corpus (a one-word name within its story, so linking
        # needs the stories too), group figures within each story.
        check_cancel(cancel)
        report("linking", 0, 2)
        entities, groups, touched = _link_and_group(db, config, extractor, feed)
        report("linking", 1, 2)
        check_cancel(cancel)
        db.executescript(LINK_INDEXES)
        report("linking", 2, 2)

        # 4. Statements: a story's quotes that render one utterance (a speaker is an entity).
        check_cancel(cancel)
        report("quotes", 0, 1)
        statements = write_statements(db, touched)
        db.executescript(STATEMENT_INDEXES)
        report("quotes", 1, 1)
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("schema", str(SCHEMA_VERSION)),
                ("config", sources.config_sig),
                ("reading", sources.reading_sig),
                ("root", str(sources.root)),
            ],
        )
        db.commit()
        db.execute("PRAGMA journal_mode=DELETE")
        count = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        db.close()
        if old is not None:
            old.close()
        os.replace(tmp, db_path)
    except BaseException:
        extractor.abort()
        db.close()
        if old is not None:
            old.close()
        tmp.unlink(missing_ok=True)
        raise
    return {
        "articles": count,
        "extracted": extractor.extracted,
        "entities": entities,
        "figure_groups": groups,
        "problems": len(problems),
        "stories": stories,
        "statements": statements,
    }


def _read_articles(
    db: sqlite3.Connection,
    sources: _Sources,
    old: sqlite3.Connection | None,
    in_place: bool,
    extractor: Extractor,
    run: _Run,
) -> tuple[NewIndex, list[Problem]]:
    """Read the corpus' changed files one by one and stream their articles to the extractor
    as they come, so reading overlaps extraction; an unchanged file's articles, and an
    unchanged article's facts, are taken from the old index (`old`) instead of being read or
    extracted again. Returns the feed (what was extracted anew, for the later stages) and the
    problems met."""
    root, files, files_sig = sources.root, sources.files, sources.signature
    report, cancel = run.report, run.cancel
    old_files: dict[str, tuple[int, int]] = {}
    old_digests: dict[str, str] = {}
    reading_same = False  # the config reads every file as before
    if old is not None:
        old_files = {p: (s, m) for p, s, m in old.execute("SELECT path, size, mtime_ns FROM files")}
        reading_same = (
            dict(old.execute("SELECT key, value FROM meta")).get("reading") == sources.reading_sig
        )
        old_digests = dict(old.execute("SELECT id, digest FROM articles"))
    limit = max(runner.PARALLEL_THRESHOLD, IN_PLACE_SHARE * len(old_digests))
    feed = Patch(db, old_digests, limit) if in_place else NewIndex(db, old_digests)
    rel = {f: f.relative_to(root).as_posix() for f in files}
    kept = {
        rel[f] for f in files if reading_same and old_files.get(rel[f]) == files_sig.get(rel[f])
    }
    seen = feed.keep(kept)
    problems: list[Problem] = list(sources.problems)
    if old is not None and kept:
        problems.extend(
            Problem(s, r)
            for s, r in old.execute("SELECT source, reason FROM problems")
            if s.split(":", 1)[0] in kept
        )
    to_read = [f for f in files if rel[f] not in kept]
    sizes = {f: max(1, files_sig.get(rel[f], (1, 0))[0]) for f in to_read}
    total_bytes, read_bytes = sum(sizes.values()) or 1, 0
    for done, file in enumerate(files, 1):
        check_cancel(cancel)
        if file in sizes:
            # A large JSON-lines file arrives in batches: extraction starts at once, and its
            # total is estimated from the share of the corpus' bytes read so far.
            for got, bad, share in iter_source(file, root, sources.config):
                check_cancel(cancel)
                extractor.expect(
                    extractor.submitted + len(got),
                    (read_bytes + share * sizes[file]) / total_bytes,
                )
                problems.extend(bad)
                extractor.submit(feed.take(unique_ids(got, problems, seen)))
                # The texts are in the database now; holding them through linking would
                # double the peak memory of a large corpus.
                del got
            read_bytes += sizes[file]
        report("reading", done, len(files))
    if not seen:
        where = files[0] if len(files) == 1 else root
        raise CorpusError(f"{where}: no readable article found")
    feed.finish()
    return feed, problems


def _link_and_group(
    db: sqlite3.Connection, config: Config, extractor: Extractor, feed: NewIndex
) -> tuple[int, int, set[str] | None]:
    """Link the names and group the figures: in the workers' shards when the runner used
    them, in place when patching, else here. Returns (entities, figure groups, the stories
    whose statements to regroup: None for every story)."""
    if extractor.name_shards:
        try:
            entities, groups = _link_in_shards(db, config, extractor)
        except BrokenProcessPool:  # a worker died while linking: link them all here
            entities, groups = _link_here(db, config, extractor)
        extractor.close()
        return entities, groups, None
    if isinstance(feed, Patch):
        return feed.relink(config)
    entities = link_all(db, config)
    rows = db.execute(FIGURE_ROWS).fetchall()
    return entities, write_groups(db, rows, story_map(db), outlet_map(db)), None


def _link_in_shards(
    db: sqlite3.Connection, config: Config, extractor: Extractor
) -> tuple[int, int]:
    """Link the names in the workers' shards while one worker groups the figures (from the
    shards); returns (entities, figure groups)."""
    grouped = extractor.shard_dir / "groups.sqlite"  # type: ignore[operator]
    extractor.ready()
    assert extractor.pool is not None
    grouping = extractor.pool.submit(
        group_shards,
        [str(s) for s in extractor.name_shards],
        str(grouped),
        story_map(db),
        outlet_map(db),
    )

    def take_groups() -> int:
        grouping.result()
        count = write_grouped(db, grouped)
        db.executescript(FIGURE_INDEXES)
        return count

    return link_shards(db, config, extractor, take_groups)


def _link_here(db: sqlite3.Connection, config: Config, extractor: Extractor) -> tuple[int, int]:
    """After a worker died while the shards were being linked: gather every shard's names and
    figures (committed whole: the shards are intact) into the index, link and group them in
    this process, as a small corpus is; returns (entities, figure groups)."""
    if extractor.pool is not None:
        extractor.pool.shutdown(wait=True, cancel_futures=True)
        extractor.pool = None
    for schema in ("shard", "grouped", "sp"):  # whatever the linking had attached
        try:
            db.execute(f"DETACH DATABASE {schema}")
        except sqlite3.OperationalError:
            pass
    db.executescript(
        "DROP TABLE IF EXISTS names; DELETE FROM figures; DELETE FROM groups;"
        " DELETE FROM differing;" + FACT_TABLES
    )
    for shard in extractor.name_shards:
        db.execute("ATTACH DATABASE ? AS shard", (str(shard),))
        db.execute("INSERT INTO names SELECT * FROM shard.names")
        db.execute("INSERT INTO figures SELECT * FROM shard.figures")
        db.commit()
        db.execute("DETACH DATABASE shard")
    entities = link_all(db, config)
    groups = write_groups(db, db.execute(FIGURE_ROWS).fetchall(), story_map(db), outlet_map(db))
    db.executescript(FIGURE_INDEXES)
    return entities, groups
