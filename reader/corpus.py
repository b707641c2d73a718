"""Finding corpus files and reading them into Articles, naming every file that cannot be read."""

from __future__ import annotations

import errno
import gzip
import json
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import yaml

from reader.config import CONFIG_NAME, MAX_DEPTH, ArticleMeta, Config, load_config, too_deep
from reader.html import HTML_SUFFIXES, read_html
from reader.models import Article, Problem
from reader.text import (
    decode_bytes,
    detect_title,
    flag_boilerplate,
    looks_binary,
    normalise_date,
    normalise_newlines,
    sniff_metadata,
)

__all__ = [
    "SUFFIXES",
    "Corpus",
    "CorpusError",
    "bundled_seeds",
    "corpus_path_stat",
    "find_sources",
    "load_corpus",
    "read_source",
    "unique_ids",
]

SUFFIXES: tuple[str, ...] = (
    ".jsonl.gz",
    ".html.gz",
    ".htm.gz",
    ".jsonl",
    ".html",
    ".json",
    ".htm",
    ".txt",
    ".md",
)
"""File endings read as article sources (longest first, so `.jsonl.gz` wins over `.gz`)."""

_MAX_FILE_BYTES = 512 * 1024 * 1024
_MAX_LINE_BYTES = 128 * 1024 * 1024
_META_FIELDS = ("title", "outlet", "date", "url", "author", "story")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


@dataclass(frozen=True)
class Corpus:
    """Every article read from one folder or file, with what could not be read."""

    root: Path
    """The folder the corpus lives in (a single file's parent)."""
    name: str
    """A short name for the corpus: the folder's name or the file's stem."""
    articles: tuple[Article, ...]
    """The articles, in source order (files sorted by path, records by line)."""
    problems: tuple[Problem, ...]
    """Files and records skipped or read with a loss, each with a reason."""
    config: Config = field(default_factory=Config)
    """The corpus's `seedread.yaml` (empty when there is none)."""


class CorpusError(Exception):
    """The corpus path does not exist or holds no readable article; the message is one line."""


def bundled_seeds() -> Path:
    """Return the folder of seed articles shipped with seedread.

    Installed from a wheel they live in `reader/_seeds`; in a source checkout in `<repo>/seeds`.
    """
    here = Path(__file__).resolve().parent
    installed = here / "_seeds"
    if installed.is_dir():
        return installed
    return here.parent / "seeds"


def _suffix(path: Path) -> str | None:
    name = path.name.lower()
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return suffix
    return None


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "is a symbolic link that loops back on itself"
    if exc.errno == errno.ENOENT:
        return "is a broken symbolic link (its target does not exist)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied"
    return f"cannot be read: {exc.strerror or exc}"


def _failure(exc: BaseException) -> str:
    """One sentence for an unexpected failure while reading one record or file.

    Reading is isolated per record and per file: whatever goes wrong with one (a value nested
    too deeply for the parser, memory, a value of a type no rule expected) skips it, names it,
    and keeps the rest of the corpus.
    """
    if isinstance(exc, RecursionError):
        return "is nested too deeply to read"
    if isinstance(exc, MemoryError):
        return "is too large to read into memory"
    if isinstance(exc, UnicodeError):
        return f"cannot be decoded as text: {exc}"
    detail = " ".join(str(exc).split())
    if len(detail) > 200:
        detail = detail[:199] + "…"
    return f"could not be read ({type(exc).__name__}{': ' + detail if detail else ''})"


def _not_regular(mode: int) -> str:
    """What a path that is neither a folder nor a regular file is, as "is a ..."."""
    if stat.S_ISCHR(mode):
        return "is a character device"
    if stat.S_ISBLK(mode):
        return "is a block device"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    return "is not a regular file"


def corpus_path_stat(path: Path) -> os.stat_result:
    """The stat of a corpus path (symlinks followed), which is a folder or a regular file.

    Raises CorpusError when it does not exist, is a broken or looping link, or is something
    else (`/dev/null`, a pipe: reading one would block or read nothing).
    """
    try:
        st = path.stat()
    except OSError as exc:
        if path.is_symlink():
            raise CorpusError(f"{path} {_os_reason(exc)}") from None
        raise CorpusError(f"{path} does not exist") from None
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
        raise CorpusError(f"{path} {_not_regular(st.st_mode)}, not a folder or a corpus file")
    return st


def find_sources(path: Path) -> tuple[Path, list[Path], list[Problem]]:
    """Return (root, article files sorted by path, problems) for a folder or a single file.

    A folder is searched recursively, skipping hidden entries and the root's `seedread.yaml`;
    broken or looping symlinks, unreadable folders, directories named like article files and
    files of unsupported types are reported as problems. Raises CorpusError when `path` does
    not exist or is neither a folder nor a regular file (`/dev/null`, a pipe).
    """
    path = Path(path)
    st = corpus_path_stat(path)
    if stat.S_ISREG(st.st_mode):
        # One file named on the command line: read it even with an unusual ending (as text).
        return path.parent, [path], []
    root = path
    files: list[Path] = []
    problems: list[Problem] = []
    visited: set[tuple[int, int]] = {(st.st_dev, st.st_ino)}
    _walk(root, root, files, problems, visited)
    files.sort(key=lambda p: _rel(p, root))
    return root, files, problems


def _walk(
    folder: Path,
    root: Path,
    files: list[Path],
    problems: list[Problem],
    visited: set[tuple[int, int]],
) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.append(Problem(_rel(folder, root) + "/", f"folder {_os_reason(exc)}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        entry_path = Path(entry.path)
        rel = _rel(entry_path, root)
        if folder == root and entry.name == CONFIG_NAME:
            continue
        try:
            st = entry_path.stat()  # follows symlinks: dangling/looping links raise here
        except OSError as exc:
            problems.append(Problem(rel, _os_reason(exc)))
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in visited:
                problems.append(Problem(rel, "is a link to a folder already read; skipped"))
                continue
            visited.add(key)
            if _suffix(entry_path):
                problems.append(
                    Problem(rel, "is a directory, not an article file; its contents are read")
                )
            _walk(entry_path, root, files, problems, visited)
        elif not stat.S_ISREG(st.st_mode):
            problems.append(Problem(rel, "is not a regular file (device, pipe or socket)"))
        elif _suffix(entry_path) is None:
            problems.append(
                Problem(rel, f"is not a supported article file ({', '.join(SUFFIXES)})")
            )
        else:
            files.append(entry_path)


def _file_id(file: Path, root: Path, suffix: str | None) -> str:
    rel = _rel(file, root)
    if suffix and rel.lower().endswith(suffix):
        return rel[: -len(suffix)]
    return rel.rsplit(".", 1)[0] if "." in file.name else rel


def _merge(
    article_id: str,
    path: str,
    text: str,
    source: dict[str, str | None],
    config: Config,
    warnings: list[str],
) -> Article:
    """Build the Article: config overrides first, then the source's fields, then the text."""
    override = config.articles.get(article_id, ArticleMeta())
    sniffed: dict[str, str | None] = {}
    missing = [
        k for k in ("date", "outlet", "author") if not (source.get(k) or getattr(override, k))
    ]
    if missing:
        sniffed = sniff_metadata(text, missing)

    def pick(name: str) -> str | None:
        value = getattr(override, name) or source.get(name) or sniffed.get(name)
        return value or None

    title = override.title or source.get("title") or detect_title(text) or article_id
    return Article(
        id=article_id,
        path=path,
        title=title,
        text=text,
        outlet=pick("outlet"),
        date=pick("date"),
        url=pick("url"),
        author=pick("author"),
        boilerplate=flag_boilerplate(text),
        warnings=tuple(warnings),
        story=override.story or source.get("story"),
    )


def _read_bytes(file: Path, rel: str) -> tuple[bytes | None, Problem | None]:
    try:
        size = file.stat().st_size
        if size > _MAX_FILE_BYTES:
            return None, Problem(rel, f"is too large ({size // 2**20} MB; the limit is 512 MB)")
        return file.read_bytes(), None
    except IsADirectoryError:
        return None, Problem(rel, "is a directory, not an article file")
    except OSError as exc:
        return None, Problem(rel, _os_reason(exc))


def _decode_file(data: bytes, rel: str) -> tuple[str | None, list[str], Problem | None]:
    if not data.strip():
        return None, [], Problem(rel, "is empty")
    if looks_binary(data):
        return (
            None,
            [],
            Problem(rel, "looks like a binary file, not text (it has NUL/control bytes)"),
        )
    text, warnings = decode_bytes(data)
    text = normalise_newlines(text)
    if not text.strip():
        return None, [], Problem(rel, "is empty")
    return text, warnings, None


def read_source(file: Path, root: Path, config: Config) -> tuple[list[Article], list[Problem]]:
    """Read one source file into articles, with problems for what was skipped or lost.

    `.txt`: the whole file is the text. `.md`: optional YAML front matter, then the text.
    `.json` / `.jsonl` / `.jsonl.gz`: records with `text` and optional `id, title, outlet, date,
    url, author`. `.html` / `.htm` (gzipped or not): the page's main text and metadata (see
    `reader.html`). Metadata from `config` (keyed by article id) wins over the file's own.
    Ids are unique within the file (see `unique_ids`); across files the caller makes them so.
    Never raises for what is in the file: any failure becomes a problem naming it.
    """
    rel = _rel(file, root)
    suffix = _suffix(file)
    if suffix in (".jsonl", ".jsonl.gz"):
        return _read_jsonl(file, rel, suffix, root, config)
    try:
        return _read_one_file(file, rel, suffix, root, config)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the corpus
        return [], [Problem(rel, f"skipped: it {_failure(exc)}")]


def _read_one_file(
    file: Path, rel: str, suffix: str | None, root: Path, config: Config
) -> tuple[list[Article], list[Problem]]:
    """`read_source` for every format but JSON lines (which streams record by record)."""
    data, problem = _read_bytes(file, rel)
    if data is None:
        return [], [problem] if problem else []
    if suffix == ".json":
        return _read_json(data, file, rel, root, config)
    if suffix in HTML_SUFFIXES:
        page, problem = read_html(data, rel, gzipped=suffix.endswith(".gz"))
        if page is None:
            return [], [problem] if problem else []
        losses = [Problem(rel, f"read with a loss: {warning}") for warning in page.warnings]
        article_id = _file_id(file, root, suffix)
        return [_merge(article_id, rel, page.text, page.fields, config, page.warnings)], losses
    text, warnings, problem = _decode_file(data, rel)
    if text is None:
        return [], [problem] if problem else []
    article_id = _file_id(file, root, suffix)
    source: dict[str, str | None] = {}
    located: list[Problem] = []
    if suffix == ".md":
        text, source, located = _front_matter(text, rel, warnings)
        if "title" not in source or not source["title"]:
            heading = re.search(r"^#{1,2}[ \t]+(\S[^\n]*)$", text[:4000], re.MULTILINE)
            if heading:
                source["title"] = heading[1].strip().rstrip("#").strip()
        if not text.strip():
            return [], [Problem(rel, "has front matter but no text")]
    problems = [Problem(rel, f"read with a loss: {warning}") for warning in warnings]
    problems.extend(located)
    warnings.extend(problem.reason for problem in located)  # the article carries them too
    return [_merge(article_id, rel, text, source, config, warnings)], problems


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_MATTER_OPEN = re.compile(r"\A---[ \t]*\n")


def _front_matter(
    text: str, rel: str, warnings: list[str]
) -> tuple[str, dict[str, str | None], list[Problem]]:
    """Split YAML front matter off a Markdown text: (body, fields, problems located in the file).

    Front matter that is opened but never closed, or is not valid YAML, is a problem at its
    line (and column) in the file, and the article is still read; other faults (not a mapping,
    a field of the wrong type) are appended to `warnings`.
    """
    m = _FRONT_MATTER.match(text)
    if not m:
        if _FRONT_MATTER_OPEN.match(text):
            reason = "front matter opened on line 1 is never closed; it is read as text"
            return text, {}, [Problem(f"{rel}:1", reason)]
        return text, {}, []
    body = text[m.end() :]
    yaml_text = m[1] or ""
    deep = too_deep(yaml_text)
    if deep is not None:  # found before parsing: deep YAML is slow to parse, and recursive
        line, column = deep
        reason = f"front matter ignored: nested too deeply (more than {MAX_DEPTH} levels)"
        return body, {}, [Problem(f"{rel}:{line + 1}:{column}", reason)]
    try:
        for event in yaml.parse(yaml_text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                problem = _yaml_problem(rel, event.start_mark, "YAML aliases are not supported")
                return body, {}, [problem]
        data = yaml.safe_load(yaml_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return body, {}, [_yaml_problem(rel, mark, what)]
    if data is None:
        return body, {}, []
    if not isinstance(data, dict):
        warnings.append("front matter ignored: it is not a mapping of field: value")
        return body, {}, []
    source, bad = _fields(data)
    warnings.extend(bad)
    return body, source, []


def _yaml_problem(rel: str, mark: Any, what: str) -> Problem:
    """Bad front matter at its line and column in the file (its YAML starts on line 2)."""
    where = f"{rel}:{mark.line + 2}:{mark.column + 1}" if mark is not None else f"{rel}:2"
    return Problem(where, f"front matter ignored: not valid YAML ({what})")


def _fields(record: dict[Any, Any]) -> tuple[dict[str, str | None], list[str]]:
    """The metadata fields of a record or front matter, with a note for each one dropped."""
    source: dict[str, str | None] = {}
    notes: list[str] = []
    for name in _META_FIELDS:
        value = record.get(name)
        if value is None:
            continue
        if name == "date" and hasattr(value, "isoformat"):
            value = value.isoformat()  # YAML front matter turns 2024-04-30 into a date object
        if name == "story" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # an aggregator's cluster id may be a number
        if not isinstance(value, str):
            notes.append(f"field {name!r} should be text, not {type(value).__name__}; ignored")
            continue
        value = value.strip()
        if not value:
            continue
        if name == "date":
            iso = normalise_date(value)
            if iso is None:
                notes.append(f"date {value!r} is not a recognisable date; ignored")
                continue
            value = iso
        source[name] = value
    return source, notes


def _record_article(
    record: Any,
    default_id: str,
    path: str,
    config: Config,
    warnings: list[str],
    maybe_surrogates: bool = True,
) -> tuple[Article | None, list[str], str | None]:
    """Return (article, notes about dropped fields, reason the record was skipped)."""
    if not isinstance(record, dict):
        return None, [], f"is a JSON {type(record).__name__}, not an object with a 'text' field"
    text = record.get("text")
    if text is None:
        return None, [], "has no 'text' field"
    if not isinstance(text, str):
        return None, [], f"has a 'text' field that is {type(text).__name__}, not text"
    if not text.strip():
        return None, [], "has an empty 'text'"
    if "\r" in text:
        text = normalise_newlines(text)
    if maybe_surrogates and _SURROGATE.search(text):
        # JSON may escape lone surrogates ("\ud800"); they cannot be shown or encoded.
        text = _SURROGATE.sub("\ufffd", text)
        warnings.append("invalid UTF-16 surrogates in 'text' were replaced with \ufffd")
    notes: list[str] = []
    raw_id = record.get("id")
    article_id = default_id
    if isinstance(raw_id, str) and raw_id.strip():
        article_id = raw_id.strip()
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        article_id = str(raw_id)
    elif raw_id is not None:
        notes.append(f"field 'id' should be text, not {type(raw_id).__name__}; using {default_id}")
    source, field_notes = _fields(record)
    notes.extend(field_notes)
    warnings.extend(field_notes)
    return _merge(article_id, path, text, source, config, warnings), notes, None


class _Lines:
    """A JSON-lines file's lines; None stands for a line longer than the limit (its bytes are
    skipped). `share` is the part of the file's bytes read so far (compressed bytes for gzip).

    The limit keeps a gzip bomb or a corrupt file from reading gigabytes into one line.
    """

    def __init__(self, file: Path, suffix: str) -> None:
        self.file = file
        self.gzipped = suffix == ".jsonl.gz"
        self.size = 1
        self._raw: IO[bytes] | None = None

    @property
    def share(self) -> float:
        """How much of the file has been read, 0 to 1."""
        if self._raw is None or self._raw.closed:
            return 1.0
        return min(1.0, self._raw.tell() / self.size)

    def __iter__(self) -> Iterator[bytes | None]:
        with open(self.file, "rb") as raw:
            self._raw = raw
            self.size = max(1, os.fstat(raw.fileno()).st_size)
            handle = gzip.GzipFile(fileobj=raw, mode="rb") if self.gzipped else raw
            with handle:
                readline = handle.readline
                while True:
                    line = readline(_MAX_LINE_BYTES)
                    if not line:
                        return
                    if len(line) < _MAX_LINE_BYTES or line.endswith(b"\n"):
                        yield line
                        continue
                    while line and not line.endswith(b"\n"):
                        line = readline(_MAX_LINE_BYTES)
                    yield None


def _read_jsonl(
    file: Path, rel: str, suffix: str, root: Path, config: Config
) -> tuple[list[Article], list[Problem]]:
    articles: list[Article] = []
    problems: list[Problem] = []
    for got, bad, _ in _iter_jsonl(file, rel, suffix, root, config):
        articles.extend(got)
        problems.extend(bad)
    return articles, problems


def _iter_jsonl(
    file: Path, rel: str, suffix: str, root: Path, config: Config, batch: int = 256
) -> Iterator[tuple[list[Article], list[Problem], float]]:
    """A JSON-lines file's articles and problems, `batch` records at a time, in file order,
    each batch with the part of the file read so far."""
    articles: list[Article] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    stem = _file_id(file, root, suffix)
    lineno = 0
    any_read = False
    try:
        lines = _Lines(file, suffix)
        for lineno, raw in enumerate(lines, start=1):
            if len(articles) >= batch:
                any_read = True
                yield unique_ids(articles, problems, seen), problems, lines.share
                articles, problems = [], []
            where = f"{rel}:{lineno}"
            if raw is None:
                problems.append(
                    Problem(where, f"is longer than {_MAX_LINE_BYTES >> 20} MB; skipped")
                )
                continue
            if not raw.strip():
                continue
            try:
                record, warnings = _load_json(raw)
                # Lone surrogates can only come from a `\\uD8xx`-style escape: skip the
                # search of every text when the raw line has none.
                article, notes, skipped = _record_article(
                    record,
                    f"{stem}:{lineno}",
                    where,
                    config,
                    warnings,
                    _SURROGATE_ESCAPE.search(raw) is not None,
                )
            except ValueError as exc:
                problems.append(Problem(where, f"is not valid JSON: {exc}"))
                continue
            except Exception as exc:  # noqa: BLE001 - one bad record must not stop the file
                problems.append(Problem(where, f"record skipped: it {_failure(exc)}"))
                continue
            if article is None:
                problems.append(Problem(where, f"record skipped: it {skipped}"))
                continue
            problems.extend(Problem(where, note) for note in notes)
            articles.append(article)
    except (OSError, EOFError, zlib.error) as exc:
        at = f"{rel}:{lineno + 1}" if lineno else rel
        reason = _os_reason(exc) if isinstance(exc, OSError) and exc.errno else None
        problems.append(Problem(at, reason or f"cannot be read further: {exc}"))
    except Exception as exc:  # noqa: BLE001 - keep the records read so far
        at = f"{rel}:{lineno + 1}" if lineno else rel
        problems.append(Problem(at, f"cannot be read further: it {_failure(exc)}"))
    if not any_read and not articles and not problems:
        problems.append(Problem(rel, "is empty"))
    yield unique_ids(articles, problems, seen), problems, 1.0


def iter_source(
    file: Path, root: Path, config: Config
) -> Iterator[tuple[list[Article], list[Problem], float]]:
    """Like `read_source`, in batches: a large JSON-lines file streams a few hundred records
    at a time, so its first articles can be at work while the rest is still being read.

    Each batch comes with the part of the file read so far (0 to 1), for progress.
    """
    suffix = _suffix(file)
    if suffix in (".jsonl", ".jsonl.gz"):
        yield from _iter_jsonl(file, _rel(file, root), suffix, root, config)
    else:
        yield (*read_source(file, root, config), 1.0)


def _load_json(data: bytes) -> tuple[Any, list[str]]:
    """Parse JSON bytes; bytes that are not UTF-8 are decoded as text first (with warnings).

    Raises ValueError when it is not valid JSON either way.
    """
    try:
        return json.loads(data), []
    except UnicodeDecodeError:
        text, warnings = decode_bytes(data)
        return json.loads(text), warnings


@dataclass(frozen=True)
class _Unread:
    """A record of a JSON list that could not be parsed on its own."""

    error: BaseException
    """Why (a RecursionError: nested too deeply)."""


_JSON_SPECIAL = re.compile(r'["\\\[\]{}]')
_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def _skip_json_value(text: str, pos: int) -> int:
    """The end of the JSON array or object that starts at `pos`, found without parsing it
    (a linear scan of brackets outside strings). Raises ValueError when it never ends."""
    depth, in_string = 0, False
    for m in _JSON_SPECIAL.finditer(text, pos):
        ch = m[0]
        if in_string:
            if ch == '"' and not _escaped(text, m.start()):
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return m.end()
    raise ValueError("unterminated JSON value")


def _skip_space(text: str, pos: int) -> int:
    m = _JSON_SPACE.match(text, pos)
    return m.end() if m else pos


def _escaped(text: str, pos: int) -> bool:
    """Whether the character at `pos` is escaped by an odd run of backslashes before it."""
    run = 0
    while pos - run - 1 >= 0 and text[pos - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def _json_list_one_by_one(data: bytes) -> list[Any] | None:
    """A top-level JSON list's records, each parsed on its own; a record the parser cannot
    take (nested too deeply) is an `_Unread` in its place. None when the document is not a
    list. Raises ValueError when it is not valid JSON."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text, _ = decode_bytes(data)
    decoder = json.JSONDecoder()
    pos = _skip_space(text, 0)
    if not text.startswith("[", pos):
        return None
    records: list[Any] = []
    pos = _skip_space(text, pos + 1)
    if text.startswith("]", pos):
        return records
    while True:
        try:
            record, pos = decoder.raw_decode(text, pos)
        except RecursionError as exc:
            records.append(_Unread(exc))
            pos = _skip_json_value(text, pos)
        else:
            records.append(record)
        pos = _skip_space(text, pos)
        if text.startswith(",", pos):
            pos = _skip_space(text, pos + 1)
        elif text.startswith("]", pos):
            return records
        else:
            raise ValueError(f"expected ',' or ']' at character {pos}")


def _read_json(
    data: bytes, file: Path, rel: str, root: Path, config: Config
) -> tuple[list[Article], list[Problem]]:
    if not data.strip():
        return [], [Problem(rel, "is empty")]
    loaded: Any
    try:
        loaded, warnings = _load_json(data)
    except ValueError as exc:
        return [], [Problem(rel, f"is not valid JSON: {exc}")]
    except RecursionError as exc:
        # Some value is nested too deeply for the parser: in a list of records, read the
        # records one by one so only the deep one is lost.
        try:
            loaded, warnings = _json_list_one_by_one(data), []
        except ValueError:
            loaded = None
        if loaded is None:
            return [], [Problem(rel, f"skipped: it {_failure(exc)}")]
    except Exception as exc:  # noqa: BLE001 - e.g. out of memory
        return [], [Problem(rel, f"skipped: it {_failure(exc)}")]
    records: list[Any]
    if isinstance(loaded, list):
        records = loaded
    elif isinstance(loaded, dict) and isinstance(loaded.get("articles"), list):
        records = loaded["articles"]
    elif isinstance(loaded, dict):
        records = [loaded]
    else:
        return [], [Problem(rel, "holds no article records (expected a list or an object)")]
    stem = _file_id(file, root, ".json")
    articles: list[Article] = []
    problems: list[Problem] = []
    for number, record in enumerate(records, start=1):
        # A .json file has no useful line numbers; records are numbered from 1 instead.
        where = f"{rel}:{number}" if len(records) > 1 else rel
        default_id = f"{stem}:{number}" if len(records) > 1 else stem
        if isinstance(record, _Unread):
            problems.append(Problem(where, f"record skipped: it {_failure(record.error)}"))
            continue
        try:
            article, notes, skipped = _record_article(
                record, default_id, where, config, list(warnings)
            )
        except Exception as exc:  # noqa: BLE001 - one bad record must not stop the file
            problems.append(Problem(where, f"record skipped: it {_failure(exc)}"))
            continue
        if article is None:
            problems.append(Problem(where, f"record skipped: it {skipped}"))
            continue
        problems.extend(Problem(where, note) for note in notes)
        articles.append(article)
    return unique_ids(articles, problems), problems


def unique_ids(
    articles: list[Article], problems: list[Problem], seen: set[str] | None = None
) -> list[Article]:
    """Return `articles` with unique ids: a repeated id gets a `~2`, `~3`, ... suffix.

    Each renaming is appended to `problems` and to the article's warnings. `seen` (ids taken
    already) is updated in place, so it can be shared across calls.
    """
    seen = set() if seen is None else seen
    result: list[Article] = []
    for article in articles:
        if article.id not in seen:
            seen.add(article.id)
            result.append(article)
            continue
        n = 2
        while f"{article.id}~{n}" in seen:
            n += 1
        new_id = f"{article.id}~{n}"
        seen.add(new_id)
        problems.append(
            Problem(article.path, f"duplicate article id {article.id!r}; renamed to {new_id!r}")
        )
        result.append(
            Article(
                id=new_id,
                path=article.path,
                title=article.title,
                text=article.text,
                outlet=article.outlet,
                date=article.date,
                url=article.url,
                author=article.author,
                boilerplate=article.boilerplate,
                warnings=(*article.warnings, f"duplicate id {article.id!r} renamed to {new_id!r}"),
            )
        )
    return result


def _corpus_name(path: Path, root: Path) -> str:
    if path.is_dir():
        resolved = path.resolve()
        if resolved == bundled_seeds().resolve():
            return "seeds"  # installed from a wheel the folder is called `_seeds`
        return resolved.name or str(path)
    suffix = _suffix(path)
    return path.name[: -len(suffix)] if suffix else path.stem


def load_corpus(path: Path, progress: Callable[[int, int], None] | None = None) -> Corpus:
    """Read the corpus at `path` (a folder or one file) with its root's `seedread.yaml`.

    `progress(done, total)` is called with counts of source files. Raises CorpusError when
    `path` does not exist or no article could be read, and ConfigError for a bad config.
    """
    path = Path(path)
    root, files, problems = find_sources(path)
    config = load_config(root / CONFIG_NAME)
    articles: list[Article] = []
    total = len(files)
    if progress:
        progress(0, total)
    for done, file in enumerate(files, start=1):
        got, trouble = read_source(file, root, config)
        articles.extend(got)
        problems.extend(trouble)
        if progress:
            progress(done, total)
    articles = unique_ids(articles, problems)
    if not articles:
        if problems:
            first = problems[0]
            raise CorpusError(
                f"{path}: no readable article ({len(problems)} problem(s); "
                f"first: {first.source} {first.reason})"
            )
        raise CorpusError(f"{path}: no article files found ({', '.join(SUFFIXES)})")
    return Corpus(
        root=root,
        name=_corpus_name(path, root),
        articles=tuple(articles),
        problems=tuple(problems),
        config=config,
    )
