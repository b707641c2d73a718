"""Where the index cache lives, and how it is validated and replaced atomically."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from hashlib import blake2b
from pathlib import Path
from uuid import uuid4

from platformdirs import user_cache_dir, user_data_dir


def cache_root() -> Path:
    """The user cache dir for seedread (honours XDG_CACHE_HOME)."""
    return Path(user_cache_dir("seedread", appauthor=False))


def data_root() -> Path:
    """The user data dir for seedread's state (honours XDG_DATA_HOME)."""
    return Path(user_data_dir("seedread", appauthor=False))


def corpus_key(path: Path) -> str:
    """A short stable key for a corpus path (its resolved absolute path)."""
    resolved = str(Path(path).expanduser().resolve())
    return blake2b(resolved.encode("utf-8", "surrogateescape"), digest_size=10).hexdigest()


def index_path(path: Path, cache_dir: Path | None = None) -> Path:
    """The cache file for the corpus at `path`; its folder is created."""
    folder = Path(cache_dir) if cache_dir is not None else cache_root()
    folder.mkdir(parents=True, exist_ok=True)
    name = Path(path).expanduser().resolve().name or "root"
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:40]
    return folder / f"index-{safe}-{corpus_key(path)}.sqlite"


def temp_path(target: Path) -> Path:
    """A temp file beside `target`, unique to this writer, for write-then-rename."""
    return target.with_name(f".{target.name}.{os.getpid()}.{uuid4().hex[:8]}.tmp")


def sweep_stale_temps(folder: Path) -> int:
    """Remove temp files and shard folders left by writers that were killed mid-write;
    returns how many.

    A temp file names its writer's pid; one whose writer is still alive (another instance
    building the same corpus right now) is left alone.
    """
    removed = 0
    for tmp in folder.glob(".*.tmp"):
        parts = tmp.name.rsplit(".", 3)
        try:
            pid = int(parts[-3])
        except (IndexError, ValueError):
            continue
        if pid == os.getpid() or process_alive(pid) or tmp.is_dir():
            continue
        try:
            tmp.unlink()
            removed += 1
        except OSError:
            pass
    # The extraction workers' shard folders (`.shards-<pid>-…`), which can be large.
    for shards in folder.glob(".shards-*-*"):
        try:
            pid = int(shards.name.split("-")[1])
        except (IndexError, ValueError):
            continue
        if pid == os.getpid() or process_alive(pid) or not shards.is_dir():
            continue
        shutil.rmtree(shards, ignore_errors=True)
        removed += 1
    return removed


def process_alive(pid: int) -> bool:
    """Whether process `pid` exists (one we may not signal counts: it is someone's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def open_valid(db_path: Path, schema_version: int) -> sqlite3.Connection | None:
    """Open a cache file if it is a readable index of `schema_version`, else None.

    A corrupt, truncated, foreign or stale file is removed so that it is rebuilt, never trusted.
    """
    if not db_path.is_file():
        return None
    db = None
    try:
        db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        meta = dict(db.execute("SELECT key, value FROM meta"))
        if meta.get("schema") != str(schema_version):
            raise sqlite3.DatabaseError("stale schema")
        db.execute("SELECT count(*) FROM articles").fetchone()
        db.execute("SELECT count(*) FROM entities").fetchone()
        return db
    except sqlite3.Error:
        if db is not None:
            db.close()
        try:
            db_path.unlink()
        except OSError:
            pass
        return None


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a file so a crash leaves either the old or the new version, never a torn one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(path)
    mode = "wb" if isinstance(data, bytes) else "w"
    kwargs = {} if isinstance(data, bytes) else {"encoding": "utf-8"}
    try:
        with open(tmp, mode, **kwargs) as fh:  # type: ignore[call-overload]
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class IndexWriteError(OSError):
    """The index could not be written (disk full, read-only, no permission): the message says
    where and what to do. The previous index is left as it was."""


_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EACCES, errno.EPERM, errno.EROFS}
_WRITE_MESSAGES = ("disk is full", "readonly database", "unable to open database", "disk i/o")


def write_error(exc: BaseException, folder: Path, needed_mb: int) -> IndexWriteError | None:
    """The IndexWriteError that `exc` (raised while writing an index in `folder`) stands for,
    or None when it is something else."""
    text = str(exc).lower()
    if isinstance(exc, sqlite3.OperationalError) and any(m in text for m in _WRITE_MESSAGES):
        # A write refused for its size (a full disk, a quota, a file size limit) shows in
        # SQLite as "disk is full" or, for EFBIG, as an I/O error.
        full = "full" in text or "i/o" in text
    elif isinstance(exc, OSError) and exc.errno in _WRITE_ERRNOS:
        full = exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
    else:
        return None
    if full:
        return IndexWriteError(
            f"no space left writing the index in {folder} (needs about {needed_mb:,} MB):"
            " free some space or set XDG_CACHE_HOME to a disk with room"
        )
    return IndexWriteError(
        f"cannot write the index in {folder} ({exc}): make it writable or set XDG_CACHE_HOME"
        " to a folder you can write"
    )


@contextmanager
def build_lock(db_path: Path, waiting: Callable[[int], None]) -> Iterator[None]:
    """Hold the lock on building the index `db_path` while the block runs: a second build of
    the same corpus waits for the first (calling `waiting(pid)` with the builder's pid once),
    then finds its index ready. Without `fcntl` (Windows) builds do not wait for each other."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on the platforms seedread is tested on
        yield
        return
    lock_path = db_path.with_name(db_path.name + ".lock")
    with open(lock_path, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip()
            waiting(int(holder) if holder.isdigit() else 0)
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(str(os.getpid()))
            fh.flush()
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
