"""The fact index: build it from a corpus (cached in SQLite, incremental), then query it.

`build_index(path)` loads the corpus, extracts names and figures from every article (in
parallel on large corpora), links names into entities and figures into groups, and stores it
all in a SQLite file in the user cache dir. `FactIndex` opens that file and answers the
reader's questions without loading every article's text into memory.
"""

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
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from hashlib import blake2b
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

from reader import cache
from reader.config import Config, load_config
from reader.corpus import CorpusError, find_sources, iter_source, unique_ids
from reader.curation import apply_splits
from reader.figures import extract_figures, group_figures, values_differ
from reader.linking import FormRow, Linked, link_forms
from reader.models import (
    Article,
    Entity,
    FigureGroup,
    FigureMention,
    FigureValue,
    Mention,
    NameMention,
    Problem,
)
from reader.names import NameRow, name_rows

if TYPE_CHECKING:
    from reader.search import NameLookup, SubstringLookup

SCHEMA_VERSION = 12
"""Bump when the tables or the extraction rules change: older caches are then rebuilt."""

SORT_THREADS = min(os.cpu_count() or 1, 4)
"""Helper threads SQLite may use for one sort while building (`PRAGMA threads`)."""
JOIN_CACHE_KIB = -65536
"""SQLite's page cache (KiB, as `PRAGMA cache_size` takes them) while a shard's mentions are
joined to their spellings. Not for the index's own sorts: those slow down with more."""
PARALLEL_THRESHOLD = 400
"""Below this many articles to extract, worker processes cost more than they save."""

REGROUP_APART = 100_000
"""From this many figures on, an in-place update regroups them in a process of its own."""

IN_PLACE_SHARE = 0.25
"""While no more than this share of the articles (or `PARALLEL_THRESHOLD`) changed, a copy
of the old index is patched: only the changed articles' rows are rewritten and only the
links that change are updated. Past it, a new index is written in bulk, with the unchanged
articles' facts copied into it."""


class _NotWorthPatching(Exception):
    """Raised inside an in-place update once so many articles changed that a new index is
    cheaper to write."""


Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): called from the building thread."""


class BuildCancelled(Exception):
    """Raised inside `build_index` when its cancel event is set; the cache is left untouched."""


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What the article list needs of an article (no text)."""

    id: str
    """Article id."""
    title: str
    """Headline."""
    outlet: str | None
    """Publisher, if known."""
    date: str | None
    """ISO date, if known."""
    words: int
    """Word count."""
    path: str
    """Source path relative to the corpus root."""


@dataclass(frozen=True, slots=True)
class FactSummary:
    """A name or figure as the sidebar lists it for one article."""

    id: str
    """Entity id (`e:…`) or figure group id (`f:…`)."""
    label: str
    """Canonical name, or what the figure counts."""
    kind: str
    """person, org, place, other for names; count, percent, money, date, year for figures."""
    here: int
    """Mentions in the article asked about."""
    mentions: int
    """Mentions across the corpus."""
    articles: int
    """Articles that mention it."""

    @property
    def is_figure(self) -> bool:
        """True for a figure group, False for a name."""
        return self.id.startswith("f:")


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One mention of a fact, with what the figure says there (value None for names)."""

    article: str
    """Article id."""
    start: int
    """Start offset in the article text."""
    end: int
    """End offset in the article text."""
    text: str
    """The mention as written."""
    value: int | float | str | None = None
    """A figure's value."""
    unit: str | None = None
    """A figure's unit."""
    qualifier: str | None = None
    """A figure's qualifier (at least, over, ...)."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of an article that belongs to a fact, for marking the reading pane."""

    start: int
    """Start offset."""
    end: int
    """End offset."""
    fact: str
    """The fact's id."""
    kind: str
    """The fact's kind."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result."""

    target: str
    """A fact id (`e:…`, `f:…`) or an article id prefixed with `a:`."""
    label: str
    """What to show."""
    detail: str
    """Why it matched (a variant, a value, a line of text)."""
    score: float
    """Higher is better; 0–100."""
    start: int | None = None
    """For a text hit, the offset of the match in the article."""


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


_FIGURES_TABLE = """
CREATE TABLE IF NOT EXISTS figures (
    article TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    value TEXT NOT NULL, unit TEXT NOT NULL, qualifier TEXT, counted TEXT, subject TEXT,
    kind TEXT NOT NULL, grp TEXT);
"""
_FACT_TABLES = (
    """
CREATE TABLE IF NOT EXISTS names (
    article TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    name TEXT NOT NULL, kind TEXT NOT NULL, entity TEXT);
"""
    + _FIGURES_TABLE
)

_TABLES = (
    """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER);
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, file TEXT NOT NULL, path TEXT NOT NULL,
    title TEXT NOT NULL, outlet TEXT, date TEXT, url TEXT, author TEXT, words INTEGER NOT NULL,
    boilerplate TEXT NOT NULL, warnings TEXT NOT NULL, digest TEXT NOT NULL);
-- Texts live apart so listing and sorting 37k articles never pages through their bodies.
CREATE TABLE IF NOT EXISTS texts (id TEXT PRIMARY KEY, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_file ON articles(file);
CREATE TABLE IF NOT EXISTS problems (source TEXT NOT NULL, reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, variants TEXT NOT NULL,
    mentions INTEGER NOT NULL, articles INTEGER NOT NULL);
-- Linking's input (mentions counted by form) and output (each spelling's entity), kept so
-- that an update relinks from counts and rewrites only the mentions whose entity changed.
CREATE TABLE IF NOT EXISTS forms (
    name TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (name, kind, text)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS spellings (
    name TEXT NOT NULL, text TEXT NOT NULL, entity TEXT NOT NULL,
    PRIMARY KEY (name, text)) WITHOUT ROWID;
-- The figure groups whose mentions give different values (`figures.values_differ`).
CREATE TABLE IF NOT EXISTS differing (grp TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS groups (
    id TEXT PRIMARY KEY, label TEXT NOT NULL, kind TEXT NOT NULL,
    mentions INTEGER NOT NULL, articles INTEGER NOT NULL);
"""
    + _FACT_TABLES
)

# Built after linking, which rewrites the fact tables (`_link` makes names_entity itself):
# inserting into indexed tables is several times slower.
_FIGURE_INDEXES = """
CREATE INDEX IF NOT EXISTS figures_article ON figures(article, start);
CREATE INDEX IF NOT EXISTS figures_grp ON figures(grp, article);
CREATE INDEX IF NOT EXISTS figures_number ON figures(CAST(value AS REAL));
"""
_LINK_INDEXES = (
    _FIGURE_INDEXES
    + """
CREATE INDEX IF NOT EXISTS names_article ON names(article, start);
CREATE INDEX IF NOT EXISTS articles_by_date ON articles(date IS NULL, date, id);
CREATE INDEX IF NOT EXISTS articles_by_outlet ON articles(
    outlet IS NULL, outlet COLLATE NOCASE, date, id);
CREATE INDEX IF NOT EXISTS articles_by_title ON articles(title COLLATE NOCASE, id);
"""
)


# ---------------------------------------------------------------- building


def extract_article(
    article: Article,
) -> tuple[list[NameMention], list[FigureMention], str | None]:
    """Run both extractors over one article (the unit of parallel work).

    An extractor that fails on one article must not cost the corpus: the article keeps what
    the other extractor found, and the failure comes back as a message to report.
    """
    rows, figures, failure = _extract_rows(article)
    return [NameMention(*row) for row in rows], figures, failure


def _extract_rows(article: Article) -> tuple[list[NameRow], list[FigureMention], str | None]:
    """`extract_article` with the names as rows (as stored)."""
    failures = []
    try:
        names = name_rows(article)
    except Exception as exc:  # noqa: BLE001 - reported as a problem, never fatal
        names, failures = [], [f"name extraction failed ({type(exc).__name__}: {exc})"]
    try:
        figures = extract_figures(article)
    except Exception as exc:  # noqa: BLE001
        figures = []
        failures.append(f"figure extraction failed ({type(exc).__name__}: {exc})")
    return names, figures, "; ".join(failures) or None


def _digest(article: Article) -> str:
    """Identifies an article's extraction input: reused when unchanged."""
    h = blake2b(digest_size=16)
    h.update(article.text.encode("utf-8", "surrogatepass"))
    h.update(repr((article.date, article.boilerplate)).encode())
    return h.hexdigest()


def _file_signature(root: Path, files: Sequence[Path]) -> dict[str, tuple[int, int]]:
    sig = {}
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue
        sig[f.relative_to(root).as_posix()] = (st.st_size, st.st_mtime_ns)
    return sig


def _cut_context(window: str, first: int, start: int, end: int, width: int) -> tuple[str, int, int]:
    """The context line of text[start:end] from `window`, the text from offset `first` to
    `width` past the span: the paragraph trimmed to about `width` characters around it."""
    ends_text = first + len(window) < end + width + 1
    start, end = start - first, end - first
    # Where the window is cut mid-line, the line goes on beyond it: past `width`.
    line_start = window.rfind("\n", 0, start) + 1 or (-width if first else 0)
    line_end = window.find("\n", end)
    if line_end < 0:
        line_end = len(window) if ends_text else len(window) + width
    lo = max(line_start, start - width // 2)
    hi = min(line_end, max(end + width // 2, lo + width), len(window))
    if lo > line_start:
        lo = window.find(" ", lo, start) + 1 or lo
    prefix = "…" if lo > line_start else ""
    suffix = "…" if hi < line_end else ""
    return prefix + window[lo:hi] + suffix, start - lo + len(prefix), end - lo + len(prefix)


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
) -> tuple[FactIndex, BuildStats]:
    """Build (or reuse, or update) the index of the corpus at `path`.

    Returns the opened index and what the build did. Raises CorpusError when PATH does not
    exist or holds no article, ConfigError for a bad `seedread.yaml`, BuildCancelled when
    `cancel` is set (the previous cache is then left as it was).
    """
    started = time.perf_counter()
    report = progress or (lambda stage, done, total: None)
    path = Path(path)
    root, files, scan_problems = find_sources(path)
    config = load_config(root / "seedread.yaml")
    db_path = cache.index_path(path, cache_dir)
    cache.sweep_stale_temps(db_path.parent)
    files_sig = _file_signature(root, files)
    config_sig = _config_signature(root)
    reading_sig = _reading_signature(config)

    if not rebuild:
        existing = cache.open_valid(db_path, SCHEMA_VERSION)
        if existing is not None:
            old_files = {
                p: (s, m) for p, s, m in existing.execute("SELECT path, size, mtime_ns FROM files")
            }
            meta = dict(existing.execute("SELECT key, value FROM meta"))
            if old_files == files_sig and meta.get("config") == config_sig:
                existing.close()
                index = FactIndex(db_path, name=_corpus_name(path))
                return index, BuildStats(
                    articles=index.article_count,
                    extracted=0,
                    entities=index.entity_count,
                    figure_groups=index.group_count,
                    problems=len(index.problems),
                    seconds=time.perf_counter() - started,
                    from_cache=True,
                )
            existing.close()
            old_db: Path | None = db_path
            # Try patching a copy of the old index (a curation decision only relinks); it
            # gives up if much more than a few articles turn out to have changed.
            in_place = meta.get("reading") == reading_sig
        else:
            old_db, in_place = None, False
    else:
        old_db, in_place = None, False

    def build(in_place: bool) -> dict[str, int]:
        return _build_into(
            db_path,
            root,
            files,
            files_sig,
            config,
            (config_sig, reading_sig),
            scan_problems,
            old_db,
            in_place,
            report,
            cancel,
            workers,
        )

    with _fewer_collections():
        try:
            stats = build(in_place)
        except _NotWorthPatching:
            in_place = False
            stats = build(in_place)
    index = FactIndex(db_path, name=_corpus_name(path))
    return index, BuildStats(
        **stats, seconds=time.perf_counter() - started, from_cache=False, in_place=in_place
    )


def _corpus_name(path: Path) -> str:
    from reader.corpus import bundled_seeds

    try:
        if Path(path).resolve() == bundled_seeds().resolve():
            return "seeds"
    except OSError:
        pass
    return Path(path).resolve().name or str(path)


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise BuildCancelled()


def _build_into(
    db_path: Path,
    root: Path,
    files: Sequence[Path],
    files_sig: dict[str, tuple[int, int]],
    config: Config,
    signatures: tuple[str, str],
    scan_problems: Sequence[Problem],
    old_db: Path | None,
    in_place: bool,
    report: Progress,
    cancel: threading.Event | None,
    workers: int | None,
) -> dict[str, int]:
    """Write a complete new index to a temp file, then atomically replace the old one.

    Files are read one by one and their articles streamed to the extractor as they come, so
    reading overlaps extraction. An unchanged file's articles, and an unchanged article's
    facts, are copied from the old index instead of being read or extracted again.
    """
    old = sqlite3.connect(old_db) if old_db is not None else None
    old_files: dict[str, tuple[int, int]] = {}
    old_digests: dict[str, str] = {}
    config_sig, reading_sig = signatures
    reading_same = False  # the config reads every file as before
    if old is not None:
        old_files = {p: (s, m) for p, s, m in old.execute("SELECT path, size, mtime_ns FROM files")}
        reading_same = (
            dict(old.execute("SELECT key, value FROM meta")).get("reading") == reading_sig
        )
        old_digests = dict(old.execute("SELECT id, digest FROM articles"))

    tmp = cache.temp_path(db_path)
    if in_place:
        assert old_db is not None
        shutil.copyfile(old_db, tmp)
    db = sqlite3.connect(tmp)
    extractor = _Extractor(db, tmp, report, cancel, workers)
    try:
        # Sorts (the indexes, made after the rows) may use helper threads: the index of the
        # names by entity and by article is made while the workers have nothing left to do.
        db.executescript(
            f"PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA threads={SORT_THREADS};"
            + _TABLES
        )
        if old_db is not None and not in_place:
            db.execute("ATTACH DATABASE ? AS prev", (str(old_db),))
        problems: list[Problem] = list(scan_problems)
        seen: set[str] = set()

        # 1. Read what changed, stream it to the extractor; keep what did not change.
        kept = {
            f.relative_to(root).as_posix()
            for f in files
            if reading_same
            and old_files.get(f.relative_to(root).as_posix())
            == files_sig.get(f.relative_to(root).as_posix())
        }
        # In place: the articles of changed or removed files, whose facts may still be reused.
        stale = _stale_articles(db, kept) if in_place else set()
        limit = max(PARALLEL_THRESHOLD, IN_PLACE_SHARE * len(old_digests))
        if old is not None and kept:
            if not in_place:
                _copy_kept(db, kept)
            seen.update(r[0] for r in db.execute("SELECT id FROM articles"))
            seen -= stale
            problems.extend(
                Problem(s, r)
                for s, r in old.execute("SELECT source, reason FROM problems")
                if s.split(":", 1)[0] in kept
            )
        dropped: list[FormRow] = []  # in place: the mentions removed, counted by form
        fresh: list[str] = []  # the articles extracted anew
        to_read = [f for f in files if f.relative_to(root).as_posix() not in kept]
        sizes = {
            f: max(1, files_sig.get(f.relative_to(root).as_posix(), (1, 0))[0]) for f in to_read
        }
        total_bytes, read_bytes = sum(sizes.values()) or 1, 0
        for done, file in enumerate(files, 1):
            _check(cancel)
            if file in sizes:
                # A large JSON-lines file arrives in batches: extraction starts at once, and
                # its total is estimated from the share of the corpus' bytes read so far.
                for got, bad, share in iter_source(file, root, config):
                    _check(cancel)
                    extractor.expect(
                        extractor.submitted + len(got),
                        (read_bytes + share * sizes[file]) / total_bytes,
                    )
                    problems.extend(bad)
                    got = unique_ids(got, problems, seen)
                    digests = {a.id: _digest(a) for a in got}
                    reuse = [a.id for a in got if old_digests.get(a.id) == digests[a.id]]
                    if in_place:  # a reused article keeps its text and facts; the others' go
                        reuse = [i for i in reuse if i in stale]
                    reused = set(reuse)
                    if in_place:
                        changed = [a.id for a in got if a.id in stale and a.id not in reused]
                        dropped += _drop_facts(db, changed)
                        stale.difference_update(a.id for a in got)
                    _insert_articles(db, got, digests, keep_text=reused if in_place else ())
                    if reuse and old is not None and not in_place:
                        _copy_facts(db, reuse)
                    todo = [a for a in got if a.id not in reused]
                    fresh.extend(a.id for a in todo)
                    if in_place and len(fresh) > limit:
                        raise _NotWorthPatching()
                    extractor.submit(todo)
                    # The texts are in the database now; holding them through linking would
                    # double the peak memory of a large corpus.
                    del got, digests
                read_bytes += sizes[file]
            report("reading", done, len(files))
        if not seen:
            raise CorpusError(f"{root}: no readable article found")
        if in_place:  # articles that are gone
            dropped += _drop_facts(db, stale)
            _drop_articles(db, stale)
        problems.extend(extractor.finish(keep_names=not in_place))
        db.executescript("DELETE FROM problems; DELETE FROM files; DELETE FROM meta;")
        db.executemany(
            "INSERT INTO problems VALUES (?, ?)", [(p.source, p.reason) for p in problems]
        )
        db.executemany(
            "INSERT INTO files VALUES (?, ?, ?)", [(p, s, m) for p, (s, m) in files_sig.items()]
        )
        db.commit()

        # 2. Link names and group figures over the whole corpus.
        _check(cancel)
        report("linking", 0, 2)
        if extractor.name_shards:
            # A worker groups the figures (from the shards) while the others link the names.
            grouped = extractor.shard_dir / "groups.sqlite"  # type: ignore[operator]
            assert extractor.pool is not None
            grouping = extractor.pool.submit(
                _group_shards, [str(s) for s in extractor.name_shards], str(grouped)
            )

            def take_groups() -> int:
                grouping.result()
                count = _write_grouped(db, grouped)
                db.executescript(_FIGURE_INDEXES)
                return count

            entities, groups = _link_shards(db, config, extractor, take_groups)
            report("linking", 1, 2)
            extractor.close()
        elif in_place and _figure_count(db) >= REGROUP_APART:
            # A process of its own regroups the figures while this one relinks the names.
            db.commit()
            out = cache.temp_path(tmp)
            try:
                with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
                    regrouping = pool.submit(_regroup, str(tmp), str(out))
                    entities = _relink(db, config, dropped, fresh)
                    report("linking", 1, 2)
                    regrouping.result()
                groups = _take_regrouped(db, out)
            finally:
                out.unlink(missing_ok=True)
        else:
            if in_place:
                entities = _relink(db, config, dropped, fresh)
            else:
                entities = _link(db, config)
            report("linking", 1, 2)
            groups = _write_groups(db, db.execute(_FIGURE_ROWS).fetchall(), in_place)
        _check(cancel)
        db.executescript(_LINK_INDEXES)
        report("linking", 2, 2)
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("schema", str(SCHEMA_VERSION)),
                ("config", config_sig),
                ("reading", reading_sig),
                ("root", str(root)),
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
    }


def _copy_kept(db: sqlite3.Connection, kept: set[str]) -> None:
    """Copy unchanged files' articles, texts and facts from the previous index (`prev`)."""
    # In SQL, attached: millions of rows never pass through Python.
    keep = _key_table(db, "keep_files", kept)
    cols = "id, file, path, title, outlet, date, url, author, words, boilerplate, warnings, digest"
    db.execute(
        f"INSERT INTO articles ({cols}) SELECT {cols} FROM prev.articles WHERE file IN {keep}"
    )
    db.execute(
        "INSERT INTO texts SELECT t.id, t.text FROM prev.texts t JOIN prev.articles a"
        f" ON a.id = t.id WHERE a.file IN {keep}"
    )
    _copy_facts(
        db, [r[0] for r in db.execute(f"SELECT id FROM prev.articles WHERE file IN {keep}")]
    )


def _copy_facts(db: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Copy these articles' extracted names and figures from the previous index (`prev`)."""
    keep = _key_table(db, "keep_ids", ids)
    db.execute(
        'INSERT INTO names SELECT article, start, "end", text, name, kind, NULL FROM prev.names'
        f" WHERE article IN {keep}"
    )
    db.execute(
        'INSERT INTO figures SELECT article, start, "end", text, value, unit, qualifier, counted,'
        f" subject, kind, NULL FROM prev.figures WHERE article IN {keep}"
    )


def _key_table(db: sqlite3.Connection, name: str, keys: Iterable[str]) -> str:
    """Fill the temp table `name` with `keys` (replacing what it held); returns a subquery
    over it for `... IN (...)`."""
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (key TEXT PRIMARY KEY)")
    db.execute(f"DELETE FROM {name}")
    db.executemany(f"INSERT OR IGNORE INTO {name} VALUES (?)", [(k,) for k in keys])
    return f"(SELECT key FROM {name})"


def _stale_articles(db: sqlite3.Connection, kept: set[str]) -> set[str]:
    """In a copy of the old index: the ids of the articles of every file not in `kept`
    (changed or gone)."""
    keep = _key_table(db, "keep_files", kept)
    return {r[0] for r in db.execute(f"SELECT id FROM articles WHERE file NOT IN {keep}")}


def _drop_articles(db: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Delete these articles and their texts."""
    rows = [(i,) for i in ids]
    db.executemany("DELETE FROM articles WHERE id = ?", rows)
    db.executemany("DELETE FROM texts WHERE id = ?", rows)


def _drop_facts(db: sqlite3.Connection, ids: Iterable[str]) -> list[FormRow]:
    """Delete these articles' names and figures; returns the names removed, counted by form."""
    ids = list(ids)
    if not ids:
        return []
    where = f"article IN {_key_table(db, 'drop_ids', ids)}"
    removed = db.execute(
        f"SELECT name, kind, text, count(*) FROM names WHERE {where} GROUP BY name, kind, text"
    ).fetchall()
    db.execute(f"DELETE FROM names WHERE {where}")
    db.execute(f"DELETE FROM figures WHERE {where}")
    return removed


def _insert_articles(
    db: sqlite3.Connection,
    articles: Sequence[Article],
    digests: dict[str, str],
    keep_text: Collection[str] = (),
) -> None:
    """Write articles (replacing rows of the same id) and their texts, but for `keep_text`:
    articles whose text is already there."""
    db.executemany(
        "INSERT OR REPLACE INTO articles (id, file, path, title, outlet, date, url, author, words,"
        " boilerplate, warnings, digest) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                a.id,
                a.path.split(":", 1)[0] if _is_record_path(a.path) else a.path,
                a.path,
                a.title,
                a.outlet,
                a.date,
                a.url,
                a.author,
                a.words,
                json.dumps(a.boilerplate),
                json.dumps(a.warnings),
                digests[a.id],
            )
            for a in articles
        ],
    )
    db.executemany(
        "INSERT OR REPLACE INTO texts VALUES (?, ?)",
        [(a.id, a.text) for a in articles if a.id not in keep_text],
    )


def _is_record_path(path: str) -> bool:
    head, sep, tail = path.rpartition(":")
    return bool(sep) and tail.isdigit()


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
def _fewer_collections() -> Iterator[None]:
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
    _SHARD.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _FACT_TABLES)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """In a worker: exit when the builder is gone (killed), instead of waiting forever for
    work that will never come."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _extract_items(
    db: sqlite3.Connection, items: list[tuple], forms: Counter[tuple[str, str, str]] | None = None
) -> list[tuple[str, str]]:
    """Extract a chunk of (id, path, title, text, date, boilerplate) articles into `db`;
    returns (path, reason) for each article an extractor failed on. Each name stored is
    counted in `forms` by (name, kind, text), when given."""
    failures = []
    names: list[NameRow] = []
    figures: list[FigureMention] = []
    for aid, path, title, text, date, boilerplate in items:
        article = Article(
            id=aid, path=path, title=title, text=text, date=date, boilerplate=boilerplate
        )
        found, figured, failure = _extract_rows(article)
        names += found
        figures += figured
        if failure:
            failures.append((path, failure))
    _store_facts(db, names, figures)  # one insert of each kind for the whole chunk
    if forms is not None:
        forms.update((n[4], n[5], n[3]) for n in names)
    return failures


def _extract_to_shard(items: list[tuple]) -> list[tuple[str, str]]:
    """Worker: extract a chunk of articles into this process' shard; return the failures."""
    assert _SHARD is not None
    failures = _extract_items(_SHARD, items, _FORMS)
    _SHARD.commit()
    return failures


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


class _Extractor:
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
        self.inflight: deque[tuple[list[tuple], Future[list[tuple[str, str]]]]] = deque()

    def expect(self, submitted: int, share: float) -> None:
        """Estimate the articles to extract: `submitted` of them came from `share` of the bytes."""
        if share > 0:
            self.expected = max(self.expected, submitted, round(submitted / share))

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
            items = [(a.id, a.path, a.title, a.text, a.date, a.boilerplate) for a in chunk]
            self.inflight.append((items, self.pool.submit(_extract_to_shard, items)))
            # Bound the work in flight so memory stays flat on a huge corpus.
            while len(self.inflight) > 4 * self.workers:
                self._collect_one()

    def _collect_one(self) -> None:
        _check(self.cancel)
        items, fut = self.inflight.popleft()
        try:
            failures = fut.result()
        except BrokenProcessPool:
            # A worker died (killed, out of memory): do its chunk here rather than lose it.
            failures = _extract_items(self.db, items)
        self.failures.extend(Problem(p, f) for p, f in failures)
        self.extracted += len(items)
        self.report("extracting", self.extracted, self.expected)

    def finish(self, keep_names: bool = False) -> list[Problem]:
        """Extract what is left, merge the shards; returns the articles that failed.

        With `keep_names`, when every name is in the shards, the names stay there (listed in
        `name_shards`) and the pool stays up to link them shard by shard; `close` ends both.
        """
        self.expected = self.submitted
        if self.pool is None:
            items = [(a.id, a.path, a.title, a.text, a.date, a.boilerplate) for a in self.pending]
            self.pending = []
            for i in range(0, len(items), self.CHUNK):
                _check(self.cancel)
                self.failures.extend(
                    Problem(p, f) for p, f in _extract_items(self.db, items[i : i + self.CHUNK])
                )
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
            # The figures come later, with their groups (`_group_shards`).
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


_LINKED_NAMES = (
    'SELECT n.article, n.start, n."end", n.text, n.name, n.kind, s.entity FROM names n'
    " LEFT JOIN {spellings} s ON s.name = n.name AND s.text = n.text"
)
"""The names with each one's entity, in the column order of the index's names table."""


def _link(db: sqlite3.Connection, config: Config) -> int:
    """Link the names table into entities and write each mention's entity.

    Linking reads one row per distinct (name, kind, text), never the millions of mentions;
    the mentions get their entity in one SQL pass that rewrites the table (a bulk copy with a
    join is several times cheaper than updating rows in place), and the entity index holds
    the article so that counting each entity's articles reads the index alone.
    """
    db.execute("DELETE FROM forms")
    db.execute(
        "INSERT INTO forms SELECT name, kind, text, count(*) FROM names GROUP BY name, kind, text"
    )
    linked = _link_forms(db, config)
    db.executescript(
        f"CREATE TABLE linked_names AS {_LINKED_NAMES.format(spellings='spellings')};"
        " DROP TABLE names; ALTER TABLE linked_names RENAME TO names;"
        " CREATE INDEX names_entity ON names(entity, article);"
    )
    return _write_entities(db, _entity_rows(linked))


def _link_shards(
    db: sqlite3.Connection,
    config: Config,
    extractor: _Extractor,
    take_groups: Callable[[], int],
) -> tuple[int, int]:
    """`_link` for names still in the workers' shards: the shards' forms (counted by the
    workers as they stored them) are summed, this process links them, the workers join each
    shard's mentions to their entity in parallel, and this process gathers the linked
    mentions and takes the figure groups (`take_groups`, while the workers join). Returns
    the number of entities and of figure groups.

    The workers read the spellings from a file of their own, so this process can write to
    the index while they join.
    """
    pool, shards = extractor.pool, extractor.name_shards
    assert pool is not None and extractor.shard_dir is not None
    # The workers counted their names by form as they stored them, and wrote the counts
    # (`finish`); a shard left without them is counted from its names.
    unflushed = [str(s) for s in shards if os.path.realpath(s) not in extractor.flushed]
    counting = [pool.submit(_count_shard_forms, shard) for shard in unflushed[:-1]]
    if unflushed:
        _count_shard_forms(unflushed[-1])
    for done in counting:
        done.result()
    db.execute("CREATE TEMP TABLE shard_forms (name TEXT, kind TEXT, text TEXT, n INTEGER)")
    for shard in shards:
        db.execute("ATTACH DATABASE ? AS shard", (str(shard),))
        db.execute("INSERT INTO shard_forms SELECT * FROM shard.forms")
        db.commit()
        db.execute("DETACH DATABASE shard")
    db.execute("DELETE FROM forms")
    db.execute(
        "INSERT INTO forms SELECT name, kind, text, sum(n) FROM shard_forms"
        " GROUP BY name, kind, text"
    )
    db.execute("DROP TABLE temp.shard_forms")
    linked = _link_forms(db, config)
    spellings = extractor.shard_dir / "spellings.sqlite"
    db.execute("ATTACH DATABASE ? AS sp", (str(spellings),))
    db.executescript(
        "CREATE TABLE sp.spellings (name TEXT NOT NULL, text TEXT NOT NULL,"
        " entity TEXT NOT NULL, PRIMARY KEY (name, text)) WITHOUT ROWID;"
        " INSERT INTO sp.spellings SELECT * FROM main.spellings;"
    )
    db.commit()
    db.execute("DETACH DATABASE sp")
    joining = [pool.submit(_link_shard, str(shard), str(spellings)) for shard in shards]
    groups = take_groups()
    entity_rows = _entity_rows(linked)  # while the workers join
    db.execute("DROP TABLE names")
    tallies = []
    for i, (shard, joined) in enumerate(zip(shards, joining, strict=True)):
        joined.result()
        # The worker counts the shard's entities while this process gathers its mentions.
        tallies.append(pool.submit(_count_linked, str(shard)))
        db.execute("ATTACH DATABASE ? AS shard", (str(shard),))
        if i == 0:
            db.execute("CREATE TABLE names AS SELECT * FROM shard.linked")
        else:
            db.execute("INSERT INTO names SELECT * FROM shard.linked")
        db.commit()
        db.execute("DETACH DATABASE shard")
    db.execute("CREATE INDEX names_entity ON names(entity, article)")
    # An article's names are all in one shard: its counts add up across shards.
    counts: dict[str, tuple[int, int]] = {}
    for tally in tallies:
        for eid, mentions, articles in tally.result():
            m, a = counts.get(eid, (0, 0))
            counts[eid] = (m + mentions, a + articles)
    return _write_entities(db, entity_rows, counts), groups


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


def _count_shard_forms(shard: str) -> None:
    """Count a shard's name mentions by form (in a worker, or this process)."""
    db = sqlite3.connect(shard)
    db.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; DROP TABLE IF EXISTS forms;"
        " CREATE TABLE forms AS SELECT name, kind, text, count(*) AS n FROM names"
        " GROUP BY name, kind, text;"
    )
    db.close()


def _link_shard(shard: str, spellings: str) -> None:
    """Worker: write a shard's name mentions with their entity (from the database
    `spellings`) into its table `linked`, the column order of the index's names table."""
    db = sqlite3.connect(shard)
    db.execute("ATTACH DATABASE ? AS sp", (spellings,))
    db.executescript(
        # Every mention looks its spelling up: with the spellings' pages all held (SQLite's
        # default keeps 2 MB), the join reads far fewer pages from the file.
        f"PRAGMA sp.cache_size={JOIN_CACHE_KIB}; PRAGMA cache_size={JOIN_CACHE_KIB};"
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; DROP TABLE IF EXISTS linked;"
        f" CREATE TABLE linked AS {_LINKED_NAMES.format(spellings='sp.spellings')};"
    )
    db.close()


def _count_linked(shard: str) -> list[tuple[str, int, int]]:
    """Worker: each entity's (mentions, articles) in a shard's linked mentions."""
    db = sqlite3.connect(shard)
    try:
        return db.execute(
            "SELECT entity, count(*), count(DISTINCT article) FROM linked"
            " WHERE entity IS NOT NULL GROUP BY entity"
        ).fetchall()
    finally:
        db.close()


def _relink(
    db: sqlite3.Connection, config: Config, dropped: Sequence[FormRow], fresh: Sequence[str]
) -> int:
    """Update the links of an index patched in place: `dropped` are the mentions removed
    (counted by form), `fresh` the articles whose names were extracted anew.

    The forms' counts are adjusted, the forms linked again (cheap: one row per form), and only
    the mentions whose entity changed are rewritten: the fresh articles', and those of the
    spellings that moved to another entity.
    """
    in_fresh = f"article IN {_key_table(db, 'fresh_ids', fresh)}"
    db.executemany(
        "UPDATE forms SET n = n - ? WHERE name = ? AND kind = ? AND text = ?",
        [(c, n, k, t) for n, k, t, c in dropped],
    )
    db.execute(
        "INSERT INTO forms SELECT name, kind, text, count(*) FROM names"
        f" WHERE {in_fresh} GROUP BY name, kind, text"
        " ON CONFLICT (name, kind, text) DO UPDATE SET n = n + excluded.n"
    )
    db.execute("DELETE FROM forms WHERE n <= 0")
    before = {(n, t): e for n, t, e in db.execute("SELECT name, text, entity FROM spellings")}
    linked = _link_forms(db, config)
    after = {(n, t): e.id for e in linked for n, t, _ in e.spellings}
    # Mentions of a spelling that moved (or was ignored before, or is ignored now).
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        if old != new:
            db.execute(
                "UPDATE names SET entity = ? WHERE entity IS ? AND name = ? AND text = ?",
                (new, old, *key),
            )
    db.execute(
        "UPDATE names SET entity = (SELECT s.entity FROM spellings s"
        " WHERE s.name = names.name AND s.text = names.text)"
        f" WHERE {in_fresh}"
    )
    return _write_entities(db, _entity_rows(linked))


def _link_forms(db: sqlite3.Connection, config: Config) -> list[Linked]:
    """Link the forms table into entities and write the spellings table from it."""
    rows = db.execute("SELECT name, kind, text, n FROM forms").fetchall()
    linked = apply_splits(link_forms(rows, config.aliases, config.ignore), dict(config.split))
    db.execute("DELETE FROM spellings")
    db.executemany(
        "INSERT INTO spellings VALUES (?, ?, ?)",
        sorted((name, text, ent.id) for ent in linked for name, text, _ in ent.spellings),
    )
    return linked


def _entity_rows(linked: Sequence[Linked]) -> list[tuple[str, str, str, str]]:
    """The entities table's rows but their counts: (id, name, kind, variants as JSON)."""
    return [(ent.id, ent.name, ent.kind, json.dumps(ent.variants)) for ent in linked]


def _write_entities(
    db: sqlite3.Connection,
    rows: Sequence[tuple[str, str, str, str]],
    counts: dict[str, tuple[int, int]] | None = None,
) -> int:
    """Write the entities table from `_entity_rows` with each entity's (mentions, articles):
    `counts`, or counted from the names table's entity index. An entity without mentions is
    left out; returns how many are written."""
    db.execute("DELETE FROM entities")
    if counts is None:
        counts = {
            eid: (m, a)
            for eid, m, a in db.execute(
                "SELECT entity, count(*), count(DISTINCT article) FROM names"
                " WHERE entity IS NOT NULL GROUP BY entity"
            )
        }
    db.executemany(
        "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?)",
        [(*row, *counts[row[0]]) for row in rows if row[0] in counts],
    )
    return len(counts)


def _assign(db: sqlite3.Connection, table: str, column: str, source: str) -> None:
    """Set `table.column` from `source` (article, start, fact; indexed on article, start) by
    rewriting the table with a join: one bulk copy is several times cheaper than updating
    millions of rows in place."""
    cols = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
    select = ", ".join(f"a.fact AS {c}" if c == column else f't."{c}"' for c in cols)
    db.executescript(
        f"""
        CREATE TABLE assigned AS SELECT {select} FROM {table} t
            LEFT JOIN {source} a ON a.article = t.article AND a.start = t.start;
        DROP TABLE {table};
        ALTER TABLE assigned RENAME TO {table};
        """
    )


_FIGURE_ROWS = (
    'SELECT article, start, "end", text, value, unit, qualifier, counted, subject, kind, grp'
    " FROM figures"
)

_GROUP_TABLES = """
CREATE TABLE IF NOT EXISTS {schema}groups_out (
    id TEXT, label TEXT, kind TEXT, mentions INTEGER, articles INTEGER);
CREATE TABLE IF NOT EXISTS {schema}differing_out (grp TEXT);
"""


def _insert_groups(
    db: sqlite3.Connection, groups: Sequence[FigureGroup], table: str, differing: str
) -> None:
    """Insert the groups' rows into `table` and the ids of those that disagree into
    `differing` (tables shaped as `groups` and `differing`)."""
    db.executemany(
        f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?)",
        [
            (g.id, g.label, g.kind, len(g.mentions), len({m.article for m in g.mentions}))
            for g in groups
        ],
    )
    db.executemany(
        f"INSERT INTO {differing} VALUES (?)",
        [(g.id,) for g in groups if values_differ(g.mentions)],
    )


def _store_groups(db: sqlite3.Connection, groups: Sequence[FigureGroup], schema: str) -> None:
    """Write groups and each mention's group to `groups_out`, `differing_out` and `assign`
    (in `schema`)."""
    db.executescript(
        _GROUP_TABLES.format(schema=schema)
        + f"CREATE TABLE IF NOT EXISTS {schema}assign (article TEXT, start INTEGER, fact TEXT);"
    )
    _insert_groups(db, groups, f"{schema}groups_out", f"{schema}differing_out")
    db.executemany(
        f"INSERT INTO {schema}assign VALUES (?, ?, ?)",
        ((m.article, m.start, g.id) for g in groups for m in g.mentions),
    )
    db.execute(f"CREATE INDEX {schema}assign_at ON assign(article, start)")  # after the rows


def _group_shards(shards: Sequence[str], out: str) -> None:
    """Worker: group the figures of every shard and write the groups, the disagreeing ones
    and the figures with their group (shard after shard: the order of the index) to the
    database `out`."""
    rows: list[tuple] = []
    for shard in shards:
        db = sqlite3.connect(shard)
        rows += db.execute(_FIGURE_ROWS).fetchall()
        db.close()
    groups = _group_rows(rows)
    group_of = {(m.article, m.start): g.id for g in groups for m in g.mentions}
    db = sqlite3.connect(out)
    db.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
        + _GROUP_TABLES.format(schema="")
        + _FIGURES_TABLE
    )
    _insert_groups(db, groups, "groups_out", "differing_out")
    del groups
    # Written whole here, the figures need no second pass in the index to set their group.
    db.executemany(
        "INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((*r[:10], group_of[r[0], r[1]]) for r in rows),
    )
    db.commit()
    db.close()


def _write_grouped(db: sqlite3.Connection, grouped: Path) -> int:
    """Take the figures, with their groups, and the groups a worker wrote to the database
    `grouped` (`_group_shards`) into the index."""
    db.execute("ATTACH DATABASE ? AS grouped", (str(grouped),))
    count = _replace_groups(db, "grouped")
    db.execute("INSERT INTO figures SELECT * FROM grouped.figures")
    db.commit()
    db.execute("DETACH DATABASE grouped")
    return count


def _take_groups(db: sqlite3.Connection, schema: str) -> int:
    """Replace the groups and every figure's group with those in `schema` (`_store_groups`)."""
    count = _replace_groups(db, schema)
    _assign(db, "figures", "grp", f"{schema}.assign")
    return count


def _replace_groups(db: sqlite3.Connection, schema: str) -> int:
    """Replace the groups and the disagreeing ones with `schema`'s `groups_out` and
    `differing_out`; returns how many groups there are."""
    db.executescript(
        f"DELETE FROM groups; INSERT INTO groups SELECT * FROM {schema}.groups_out;"
        f" DELETE FROM differing; INSERT INTO differing SELECT grp FROM {schema}.differing_out;"
    )
    return int(db.execute("SELECT count(*) FROM groups").fetchone()[0])


def _figure_count(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT count(*) FROM figures").fetchone()[0])


def _regroup(index: str, out: str) -> None:
    """Process: group the figures of an index patched in place; write the groups, the
    disagreeing ones and the mentions whose group changed to the database `out`."""
    db = sqlite3.connect(f"file:{index}?mode=ro", uri=True, timeout=60)
    rows = db.execute(_FIGURE_ROWS).fetchall()
    db.close()
    groups, before = _group_rows(rows), _groups_before(rows)
    del rows
    odb = sqlite3.connect(out)
    odb.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
        + _GROUP_TABLES.format(schema="")
        + " CREATE TABLE changed (fact TEXT, article TEXT, start INTEGER);"
    )
    _insert_groups(odb, groups, "groups_out", "differing_out")
    odb.executemany("INSERT INTO changed VALUES (?, ?, ?)", _changed(groups, before))
    odb.commit()
    odb.close()


def _take_regrouped(db: sqlite3.Connection, out: Path) -> int:
    """Take what `_regroup` wrote into the index: groups, disagreements, changed mentions."""
    db.execute("ATTACH DATABASE ? AS regrouped", (str(out),))
    count = _replace_groups(db, "regrouped")
    db.executemany(
        "UPDATE figures SET grp = ? WHERE article = ? AND start = ?",
        db.execute("SELECT fact, article, start FROM regrouped.changed").fetchall(),
    )
    db.commit()
    db.execute("DETACH DATABASE regrouped")
    return count


def _figure_mention_row(row: Sequence) -> MentionRow:
    """A MentionRow from (article, start, end, text, stored value, unit, qualifier)."""
    a, s, e, t, v, u, q = row
    return MentionRow(a, s, e, t, _figure_value(v), u, q)


def _figure_value(stored: str) -> FigureValue:
    """A figure's value from its JSON text, as `json.loads` gives it: a count's digits and a
    date's quoted ISO text are read directly (json.loads, 5 µs each, took a third of the
    time to group 470k figures)."""
    if stored.isascii() and stored.isdigit():
        return int(stored)
    if stored[:1] == '"' and stored[-1:] == '"' and "\\" not in stored:
        return stored[1:-1]
    return json.loads(stored)


def _group_rows(rows: Sequence[tuple]) -> list[FigureGroup]:
    """Group the figures table's rows (`_FIGURE_ROWS`)."""
    pool: dict[str, str] = {}
    share = pool.setdefault
    mentions = [
        FigureMention(share(a, a), s, e, t, _figure_value(v), u, q, c, subj, k)
        for a, s, e, t, v, u, q, c, subj, k, _ in rows
    ]
    return group_figures(mentions)


def _groups_before(rows: Sequence[tuple]) -> dict[tuple[str, int], str]:
    """Each figure's group as the rows (`_FIGURE_ROWS`) have it, by (article, start)."""
    return {(r[0], r[1]): r[10] for r in rows}


def _changed(
    groups: Sequence[FigureGroup], before: dict[tuple[str, int], str]
) -> list[tuple[str, str, int]]:
    """(group, article, start) of every mention whose group is not the one it had."""
    return [
        (g.id, m.article, m.start)
        for g in groups
        for m in g.mentions
        if before[(m.article, m.start)] != g.id
    ]


def _write_groups(db: sqlite3.Connection, rows: Sequence[tuple], in_place: bool) -> int:
    """Group the figure rows and write the groups and each figure's group; `in_place` (an
    index patched in place) rewrites only the mentions whose group changed."""
    groups = _group_rows(rows)
    if not in_place:
        _store_groups(db, groups, "temp.")
        count = _take_groups(db, "temp")
        db.executescript(
            "DROP TABLE temp.groups_out; DROP TABLE temp.assign; DROP TABLE temp.differing_out;"
        )
        return count
    db.executescript("DELETE FROM groups; DELETE FROM differing;")
    _insert_groups(db, groups, "groups", "differing")
    db.executemany(
        "UPDATE figures SET grp = ? WHERE article = ? AND start = ?",
        _changed(groups, _groups_before(rows)),
    )
    return len(groups)


# ---------------------------------------------------------------- querying


WALK_MENTIONS = 1000
"""From this many mentions on, a fact's first mentions by date are found by walking the
articles in date order instead of sorting all its mentions."""

_ORDERS = {
    "date": "date IS NULL, date, id",
    "outlet": "outlet IS NULL, outlet COLLATE NOCASE, date, id",
    "title": "title COLLATE NOCASE, id",
    "id": "id",
}
"""The article orders, as the indexes on `articles` spell them."""


MMAP_SIZE = 2**31 - 2**16
"""Bytes of the index file read through a memory map (SQLite's default ceiling)."""


class FactIndex:
    """A built index, opened read-only from its SQLite file. Safe to share between threads."""

    def __init__(self, db_path: Path, name: str = "corpus") -> None:
        self.db_path = Path(db_path)
        self.name = name
        """The corpus' short name (folder name, or "seeds")."""
        self._lock = threading.Lock()
        self._db = sqlite3.connect(
            f"file:{self.db_path}?mode=ro", uri=True, check_same_thread=False
        )
        # Read pages straight from the OS cache: a fact's first hundred contexts come from a
        # hundred articles' texts (20 ms -> 10 ms the first time, at 37k articles).
        self._db.execute(f"PRAGMA mmap_size={MMAP_SIZE}")
        meta = dict(self._db.execute("SELECT key, value FROM meta"))
        self.root = Path(meta.get("root", "."))
        """The corpus root folder."""
        self._scan_db: sqlite3.Connection | None = None
        self._scan_lock = threading.Lock()
        self._article_cache = lru_cache(maxsize=64)(self._load_article)
        self._name_lookup: NameLookup | None = None
        self._text_lookups: tuple[SubstringLookup, SubstringLookup] | None = None
        self._lookup_lock = threading.Lock()

    def prefetch(self) -> None:
        """Ask the OS to read the index file into its cache, in the background (returns at
        once). On a cold cache the first look at a common name reads its mentions from disk:
        0.6 s at 37k articles, where a cached file answers in 5 ms."""
        advise = getattr(os, "posix_fadvise", None)
        if advise is None:
            return
        try:
            fd = os.open(self.db_path, os.O_RDONLY)
            try:
                advise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
            finally:
                os.close(fd)
        except OSError:
            pass  # only a hint

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()
        with self._scan_lock:
            if self._scan_db is not None:
                self._scan_db.close()

    def _rows(self, sql: str, args: Sequence[object] = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def _rows_in(self, sql: str, keys: Sequence[str]) -> list[tuple]:
        """Rows of `sql`, whose `{}` is filled with placeholders for `keys`, 500 at a time
        (SQLite caps the number of parameters)."""
        rows: list[tuple] = []
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            rows += self._rows(sql.format(",".join("?" * len(chunk))), chunk)
        return rows

    # -- counts and lists

    @property
    def article_count(self) -> int:
        """Number of articles."""
        return int(self._rows("SELECT count(*) FROM articles")[0][0])

    @property
    def entity_count(self) -> int:
        """Number of linked entities."""
        return int(self._rows("SELECT count(*) FROM entities")[0][0])

    @property
    def group_count(self) -> int:
        """Number of figure groups."""
        return int(self._rows("SELECT count(*) FROM groups")[0][0])

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Files and records skipped or read with a loss, in the order found."""
        return tuple(Problem(s, r) for s, r in self._rows("SELECT source, reason FROM problems"))

    def articles(self, order: str = "date", limit: int | None = None) -> list[ArticleSummary]:
        """Every article (the first `limit` only), sorted by `order`: date (undated last),
        outlet, title, or id. The first screenful of 37,554 takes a tenth of the time of all."""
        return [
            ArticleSummary(*row)
            for row in self._rows(
                "SELECT id, title, outlet, date, words, path FROM articles"
                f" ORDER BY {_ORDERS.get(order, 'id')}"
                + ("" if limit is None else f" LIMIT {int(limit)}")
            )
        ]

    def article_ids(self, order: str = "date") -> list[str]:
        """Every article's id, sorted as `articles` sorts them (read from an index: 37,554 in
        a fifth of the time of their list rows)."""
        return [
            r[0] for r in self._rows(f"SELECT id FROM articles ORDER BY {_ORDERS.get(order, 'id')}")
        ]

    def summaries(self, ids: Sequence[str]) -> list[ArticleSummary]:
        """The list rows of these articles, in no particular order."""
        return [
            ArticleSummary(*row)
            for row in self._rows_in(
                "SELECT id, title, outlet, date, words, path FROM articles WHERE id IN ({})", ids
            )
        ]

    def article(self, article_id: str) -> Article:
        """The article with its text. Raises KeyError for an unknown id."""
        return self._article_cache(article_id)

    def _load_article(self, article_id: str) -> Article:
        rows = self._rows(
            "SELECT a.id, a.path, a.title, t.text, a.outlet, a.date, a.url, a.author,"
            " a.boilerplate, a.warnings FROM articles a JOIN texts t ON t.id = a.id"
            " WHERE a.id = ?",
            (article_id,),
        )
        if not rows:
            raise KeyError(article_id)
        aid, path, title, text, outlet, date, url, author, bp, warnings = rows[0]
        return Article(
            id=aid,
            path=path,
            title=title,
            text=text,
            outlet=outlet,
            date=date,
            url=url,
            author=author,
            boilerplate=tuple(tuple(s) for s in json.loads(bp)),
            warnings=tuple(json.loads(warnings)),
        )

    def summary(self, article_id: str) -> ArticleSummary:
        """The list row of one article."""
        rows = self._rows(
            "SELECT id, title, outlet, date, words, path FROM articles WHERE id = ?", (article_id,)
        )
        if not rows:
            raise KeyError(article_id)
        return ArticleSummary(*rows[0])

    # -- facts of one article

    def facts_in(self, article_id: str) -> list[FactSummary]:
        """The names and figures of one article, most mentioned first."""
        names = self._rows(
            "SELECT e.id, e.name, e.kind, count(*), e.mentions, e.articles FROM names n"
            " JOIN entities e ON e.id = n.entity WHERE n.article = ?"
            " GROUP BY e.id ORDER BY count(*) DESC, e.articles DESC, e.name",
            (article_id,),
        )
        figures = self._rows(
            "SELECT g.id, g.label, g.kind, count(*), g.mentions, g.articles FROM figures f"
            " JOIN groups g ON g.id = f.grp WHERE f.article = ?"
            " GROUP BY g.id ORDER BY min(f.start)",
            (article_id,),
        )
        return [FactSummary(*r) for r in names] + [FactSummary(*r) for r in figures]

    def marks_in(self, article_id: str) -> list[Mark]:
        """Every linked name and grouped figure span of an article, by offset."""
        rows = self._rows(
            'SELECT n.start, n."end", n.entity, e.kind FROM names n'
            " JOIN entities e ON e.id = n.entity"
            " WHERE n.article = ?"
            ' UNION ALL SELECT f.start, f."end", f.grp, g.kind FROM figures f'
            " JOIN groups g ON g.id = f.grp WHERE f.article = ? ORDER BY 1",
            (article_id, article_id),
        )
        return [Mark(*r) for r in rows]

    # -- one fact across the corpus

    def fact_label(self, fact_id: str) -> tuple[str, str]:
        """(label, kind) of a fact. Raises KeyError for an unknown id."""
        table, col = ("groups", "label") if fact_id.startswith("f:") else ("entities", "name")
        rows = self._rows(f"SELECT {col}, kind FROM {table} WHERE id = ?", (fact_id,))
        if not rows:
            raise KeyError(fact_id)
        return rows[0][0], rows[0][1]

    def mentions_of(self, fact_id: str, limit: int | None = None) -> list[MentionRow]:
        """Mentions of a fact, ordered by article date then offset (the first `limit` only)."""
        tail = "" if limit is None else f" LIMIT {int(limit)}"
        # The first few hundred of a fact mentioned 100k times: walk the articles by date and
        # look each up (20 ms), rather than sort every mention (150 ms). Rare facts sort.
        walk = limit is not None and self.fact_counts(fact_id)[0] > WALK_MENTIONS
        if fact_id.startswith("f:"):
            source = (
                "FROM articles a CROSS JOIN figures f ON f.grp = ? AND f.article = a.id"
                if walk
                else "FROM figures f JOIN articles a ON a.id = f.article WHERE f.grp = ?"
            )
            rows = self._rows(
                'SELECT f.article, f.start, f."end", f.text, f.value, f.unit, f.qualifier '
                + source
                + " ORDER BY a.date IS NULL, a.date, a.id, f.start"
                + tail,
                (fact_id,),
            )
            return [_figure_mention_row(r) for r in rows]
        source = (
            "FROM articles a CROSS JOIN names n ON n.entity = ? AND n.article = a.id"
            if walk
            else "FROM names n JOIN articles a ON a.id = n.article WHERE n.entity = ?"
        )
        rows = self._rows(
            'SELECT n.article, n.start, n."end", n.text '
            + source
            + " ORDER BY a.date IS NULL, a.date, a.id, n.start"
            + tail,
            (fact_id,),
        )
        return [MentionRow(*r) for r in rows]

    def fact_articles(self, fact_id: str) -> list[str]:
        """Ids of the articles that mention a fact, read from the fact's index alone."""
        table, column = ("figures", "grp") if fact_id.startswith("f:") else ("names", "entity")
        return [
            a
            for (a,) in self._rows(
                f"SELECT DISTINCT article FROM {table} WHERE {column} = ?", (fact_id,)
            )
        ]

    def mention_near(
        self, fact_id: str, article_id: str, offset: int, direction: int, inclusive: bool = False
    ) -> MentionRow | None:
        """A fact's first mention in an article after `offset` (direction 1; at it too when
        `inclusive`), or its last before it (direction -1); None when there is none."""
        op = (">=" if inclusive else ">") if direction > 0 else "<"
        order = "" if direction > 0 else " DESC"
        if fact_id.startswith("f:"):
            rows = self._rows(
                'SELECT article, start, "end", text, value, unit, qualifier FROM figures'
                f" WHERE grp = ? AND article = ? AND start {op} ? ORDER BY start{order} LIMIT 1",
                (fact_id, article_id, offset),
            )
            return _figure_mention_row(rows[0]) if rows else None
        rows = self._rows(
            'SELECT article, start, "end", text FROM names'
            f" WHERE entity = ? AND article = ? AND start {op} ? ORDER BY start{order} LIMIT 1",
            (fact_id, article_id, offset),
        )
        return MentionRow(*rows[0]) if rows else None

    def distinct_values(self, group_id: str) -> list[MentionRow]:
        """One mention for each value a figure group gives (enough to tell the spread)."""
        rows = self._rows(
            'SELECT article, start, "end", text, value, unit, qualifier FROM figures'
            " WHERE grp = ? GROUP BY value",
            (group_id,),
        )
        return [_figure_mention_row(r) for r in rows]

    def fact_counts(self, fact_id: str) -> tuple[int, int]:
        """(mentions, articles) of a fact; (0, 0) for an unknown id."""
        table = "groups" if fact_id.startswith("f:") else "entities"
        rows = self._rows(f"SELECT mentions, articles FROM {table} WHERE id = ?", (fact_id,))
        return (int(rows[0][0]), int(rows[0][1])) if rows else (0, 0)

    def differing_groups(self, ids: Iterable[str]) -> set[str]:
        """The figure groups among `ids` whose mentions do not all give the same value
        (decided when the index is built: `figures.values_differ`)."""
        wanted = [i for i in ids if i.startswith("f:")]
        return {r[0] for r in self._rows_in("SELECT grp FROM differing WHERE grp IN ({})", wanted)}

    def variants_of(self, entity_id: str) -> tuple[str, ...]:
        """Every spelling of an entity, canonical first."""
        rows = self._rows("SELECT variants FROM entities WHERE id = ?", (entity_id,))
        return tuple(json.loads(rows[0][0])) if rows else ()

    def entity(self, entity_id: str) -> Entity:
        """The whole entity. Raises KeyError for an unknown id."""
        rows = self._rows(
            "SELECT id, name, kind, variants FROM entities WHERE id = ?", (entity_id,)
        )
        if not rows:
            raise KeyError(entity_id)
        eid, name, kind, variants = rows[0]
        mentions = tuple(
            Mention(*r)
            for r in self._rows(
                'SELECT article, start, "end", text FROM names WHERE entity = ?'
                " ORDER BY article, start",
                (eid,),
            )
        )
        return Entity(eid, name, kind, tuple(json.loads(variants)), mentions)

    def entities(self) -> Iterator[Entity]:
        """Every entity, most mentioned first."""
        for (eid,) in self._rows("SELECT id FROM entities ORDER BY mentions DESC, id"):
            yield self.entity(eid)

    def figure_group(self, group_id: str) -> FigureGroup:
        """The whole figure group. Raises KeyError for an unknown id."""
        rows = self._rows("SELECT id, label, kind FROM groups WHERE id = ?", (group_id,))
        if not rows:
            raise KeyError(group_id)
        gid, label, kind = rows[0]
        mentions = tuple(
            FigureMention(a, s, e, t, _figure_value(v), u, q, c, subj, k)
            for a, s, e, t, v, u, q, c, subj, k in self._rows(
                'SELECT article, start, "end", text, value, unit, qualifier, counted, subject, kind'
                " FROM figures WHERE grp = ? ORDER BY article, start",
                (gid,),
            )
        )
        return FigureGroup(gid, label, kind, mentions)

    def figure_groups(self) -> Iterator[FigureGroup]:
        """Every figure group, most articles first."""
        for (gid,) in self._rows("SELECT id FROM groups ORDER BY articles DESC, mentions DESC, id"):
            yield self.figure_group(gid)

    def context(
        self, article_id: str, start: int, end: int, width: int = 120
    ) -> tuple[str, int, int]:
        """A line of context around a span: (line, span start in line, span end in line)."""
        found = self.contexts([(article_id, start, end)], width)
        if not found:
            raise KeyError(article_id)
        return found[0]

    def contexts(
        self, spans: Sequence[tuple[str, int, int]], width: int = 120
    ) -> list[tuple[str, int, int]]:
        """`context` of many (article, start, end) spans, in one query (those of unknown
        articles are left out).

        Reads only the text around each span (SQLite's substr), not whole articles: a fact
        detail asks for a hundred articles' contexts at once, on the UI thread."""
        out: list[tuple[str, int, int]] = []
        for i in range(0, len(spans), 200):  # SQLite caps the parameters of one statement
            chunk = spans[i : i + 200]
            # Every offset the trimming below can reach lies within `width` of the span.
            firsts = [max(start - width, 0) for _, start, _ in chunk]
            args: list[object] = []
            for n, ((aid, _, end), first) in enumerate(zip(chunk, firsts, strict=True)):
                args += [n, aid, first + 1, end + width + 1 - first]
            rows = self._rows(
                "WITH w(n, id, at, len) AS (VALUES "
                + ",".join(["(?, ?, ?, ?)"] * len(chunk))
                + ") SELECT w.n, substr(t.text, w.at, w.len) FROM w JOIN texts t ON t.id = w.id"
                " ORDER BY w.n",
                args,
            )
            for n, window in rows:
                _, start, end = chunk[n]
                out.append(_cut_context(window, firsts[n], start, end, width))
        return out

    # -- search

    def search(self, query: str, limit: int = 40) -> list[SearchHit]:
        """Find names (any variant, fuzzy), figures (by value), titles and text."""
        from reader.search import search_index

        return search_index(self, query, limit)

    def name_lookup(self) -> NameLookup:
        """The fuzzy name matcher over every spelling, built once per opened index (about a
        second at 37k articles: the search screen starts it as it opens)."""
        with self._lookup_lock:
            if self._name_lookup is None:
                from reader.search import NameLookup

                self._name_lookup = NameLookup(self.all_variants())
            return self._name_lookup

    @property
    def lookups_built(self) -> bool:
        """Whether `name_lookup` and `text_lookups` are built already."""
        return self._name_lookup is not None and self._text_lookups is not None

    def text_lookups(self) -> tuple[SubstringLookup, SubstringLookup]:
        """Article titles (by date) and figure labels (most articles first), each in one
        folded string, searched by substring as you type (a scan of 37k titles in SQLite
        takes 10 ms a keystroke, a find in one string 1 ms). Built once, like `name_lookup`."""
        with self._lookup_lock:
            if self._text_lookups is None:
                from reader.search import SubstringLookup

                titles = self._rows("SELECT id, title FROM articles ORDER BY date, id")
                labels = self._rows(
                    "SELECT id, label FROM groups ORDER BY articles DESC, mentions DESC, id"
                )
                self._text_lookups = (SubstringLookup(titles), SubstringLookup(labels))
            return self._text_lookups

    def all_variants(self) -> list[tuple[str, str, str]]:
        """(entity id, canonical name, variant) for every variant, for fuzzy name search."""
        out = []
        for eid, name, variants in self._rows("SELECT id, name, variants FROM entities"):
            for v in json.loads(variants):
                out.append((eid, name, v))
        return out

    def raw(self, sql: str, args: Sequence[object] = ()) -> list[tuple]:
        """Run a read-only query (for search and export helpers inside `reader`)."""
        return self._rows(sql, args)

    def scan(
        self,
        sql: str,
        args: Sequence[object] = (),
        cancelled: Callable[[], bool] | None = None,
    ) -> list[tuple]:
        """Run a slow read-only query (one that reads every text) on a connection of its own,
        so quick queries never wait behind it; it gives up, returning nothing, as soon as
        `cancelled()` is true."""
        if cancelled is not None and cancelled():
            return []
        with self._scan_lock:
            if self._scan_db is None:
                self._scan_db = sqlite3.connect(
                    f"file:{self.db_path}?mode=ro", uri=True, check_same_thread=False
                )
            db = self._scan_db
            db.set_progress_handler(cancelled, 1_000)
            try:
                return db.execute(sql, args).fetchall()
            except sqlite3.OperationalError:
                if cancelled is not None and cancelled():
                    return []
                raise
            finally:
                db.set_progress_handler(None, 0)
