"""The `seedread` command line: open the reader, build the index, export it, print facts."""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, NoReturn

from rapidfuzz import fuzz, process

from reader import __version__, extractors_compiled
from reader.config import ConfigError
from reader.corpus import SUFFIXES, CorpusError, bundled_seeds, corpus_path_stat
from reader.export import FORMATS, WRITERS, write_to_path
from reader.names import fold
from reader.progress import describe
from reader.quotes import StatementSummary
from reader.quotes.wording import marked, reference
from reader.search import search_index
from reader.store import BuildCancelled, BuildStats, FactIndex, build_index
from reader.store.cache import index_path
from reader.text import make_printable

EXIT_USAGE = 2
"""Usage errors, config errors, and a PATH that does not exist or holds no article."""

COMMANDS = ("index", "export", "facts", "stories", "quotes")

NOT_A_TERMINAL = "seedread: not a terminal: use `seedread export` or `seedread facts`"
"""Said when the reader is asked for but standard input or output is not a terminal."""

OpenReader = Callable[[Path], int]
"""Starts the terminal UI on a corpus path and returns the exit status."""


class UsageError(Exception):
    """A command-line mistake: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not a usage dump
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _extractors() -> str:
    """How this install runs the extractors: compiled at install (hatch_build.py) or not."""
    if extractors_compiled():
        return "extractors compiled"
    return "extractors in plain Python; see README: compiling them makes indexing faster"


def _top_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="seedread",
        description=(
            "A terminal reader that links every name and figure across several outlets' "
            "reports of one story. With no command, opens PATH (default: the bundled seeds) "
            "in the reader."
        ),
        epilog=(
            "commands:\n"
            "  index PATH [--rebuild]      build or refresh the cached index\n"
            "  export [PATH] [-f F] [-o FILE]\n"
            "                              write the index as json, csv or yaml, or the fact\n"
            "                              sheet as md (default: FILE's extension, else json)\n"
            "  facts [PATH] [NAME]         print names and figures, or every mention of NAME\n"
            "  stories [PATH]              print the stories the articles form\n"
            "  quotes [PATH] [SPEAKER]     print the statements two or more articles quote,\n"
            "                              or every statement of SPEAKER with its wordings\n"
            "Run 'seedread COMMAND --help' for a command's options."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("path", nargs="?", help="a corpus folder or file (default: bundled seeds)")
    p.add_argument("--rebuild", action="store_true", help="ignore the cache and index again")
    p.add_argument(
        "--version", action="version", version=f"seedread {__version__} ({_extractors()})"
    )
    return p


def _command_parser(command: str) -> argparse.ArgumentParser:
    p = _Parser(prog=f"seedread {command}")
    if command == "index":
        p.description = "Build the index of PATH, or reuse the cache when no file changed."
        p.add_argument("path", help="a corpus folder or file")
        p.add_argument("--rebuild", action="store_true", help="force a cold build")
        p.add_argument("--timings", action="store_true", help="also print how long each stage took")
    elif command == "export":
        p.description = "Write the index of PATH (default: bundled seeds)."
        p.add_argument("path", nargs="?", help="a corpus folder or file")
        p.add_argument(
            "--format",
            "-f",
            choices=FORMATS,
            help="md is the fact sheet (default: from the output file's extension, else json)",
        )
        p.add_argument("-o", "--output", help="file to write (default: standard output)")
        p.add_argument("--rebuild", action="store_true", help="ignore the cache")
    elif command == "stories":
        p.description = (
            "Print the stories of PATH (default: bundled seeds): the articles that report one "
            "event, with their dates, outlets, independent origins (reprints of one wire copy "
            "count once) and disputed figures, the largest first. Tab-separated when standard "
            "output is not a terminal."
        )
        p.add_argument("path", nargs="?", help="a corpus folder or file (default: bundled seeds)")
        p.add_argument("--rebuild", action="store_true", help="ignore the cache")
    elif command == "quotes":
        p.description = (
            "Print the statements of PATH (default: bundled seeds) that two or more articles "
            "quote, the most outlets first: speaker, outlets, independent origins, the verdict "
            "on their wordings and the words. With SPEAKER (a name, fuzzy), every statement of "
            "that speaker with each outlet's wording against the longest: [-dropped-], "
            "{+added or changed+}. Tab-separated when standard output is not a terminal."
        )
        p.add_argument("path", nargs="?", help="a corpus folder or file (default: bundled seeds)")
        p.add_argument("speaker", nargs="?", help="a speaker's name")
        p.add_argument("--all", action="store_true", help="also statements one article quotes")
        p.add_argument("--rebuild", action="store_true", help="ignore the cache")
    else:
        p.description = (
            "Print the corpus' names and figures, or for NAME (fuzzy) every mention across "
            "the corpus with outlet, date and a line of context."
        )
        p.add_argument("path", nargs="?", help="a corpus folder or file (default: bundled seeds)")
        p.add_argument("name", nargs="?", help="a name or figure to look up")
        p.add_argument("--rebuild", action="store_true", help="ignore the cache")
    return p


def _resolve_path(raw: str | None) -> Path:
    if raw is None:
        return bundled_seeds()
    path = Path(raw).expanduser()
    if not path.exists() and not path.is_symlink():
        raise CorpusError(f"{raw} does not exist: no such file or folder")
    corpus_path_stat(path)  # before the reader opens: `seedread /dev/null` is an error too
    return path


def looks_like_path(raw: str) -> bool:
    """Whether a command-line word names a file or folder rather than a name to look up: it
    exists, holds a path separator or `~`, or ends like a corpus file (`news.jsonl`)."""
    if os.path.lexists(os.path.expanduser(raw)):
        return True
    if "/" in raw or os.sep in raw or raw.startswith("~"):
        return True
    return raw.lower().endswith(SUFFIXES)


class ProgressLine:
    """A one-line progress bar on stderr (only on a terminal), saying each stage in words.

    A stage of a few long steps (stories, linking) reports nothing for seconds: a ticker
    thread redraws the line meanwhile, so the seconds so far keep moving."""

    def __init__(self, stream: IO[str], tick: float = 0.5) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.tick = tick
        """Seconds between redraws while no progress is reported."""
        self.stage = ""
        self.stage_started = time.perf_counter()
        self.last = 0.0
        self.state: tuple[str, int, int] | None = None
        """The last report: (stage, done, total)."""
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        with self._lock:
            if stage != self.stage:
                self.stage, self.stage_started = stage, now
            self.state = (stage, done, total)
            if now - self.last < 0.1 and done != total:
                return
            self._draw(now)
        if self._ticker is None:
            self._ticker = threading.Thread(target=self._tick, name="progress", daemon=True)
            self._ticker.start()

    def _tick(self) -> None:
        while not self._stop.wait(self.tick):
            with self._lock:
                if self.state is not None and not self._stop.is_set():
                    self._draw(time.perf_counter())

    def _draw(self, now: float) -> None:
        """Write the line for the last report (the lock held)."""
        assert self.state is not None
        stage, done, total = self.state
        self.last = now
        text = describe(stage, done, total, now - self.stage_started)
        rest = f" {text.count} · {text.pace}"
        columns = shutil.get_terminal_size().columns
        width = min(30, columns - len(text.stage) - len(rest) - 2)
        frac = min(done / total, 1.0) if total else 1.0
        bar = (
            " " + "█" * int(frac * width) + "░" * (width - int(frac * width)) if width >= 10 else ""
        )
        # One line, never wrapped: a wrapped line is not overwritten by the next `\r`.
        self.stream.write(f"\r\033[K{(text.stage + bar + rest)[: columns - 1]}")
        self.stream.flush()

    def clear(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        if self.enabled:
            with self._lock:
                self.stream.write("\r\033[K")
                self.stream.flush()


def _build(path: Path, rebuild: bool) -> tuple[FactIndex, BuildStats]:
    bar = ProgressLine(sys.stderr)
    cancel = threading.Event()

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "waiting":  # another seedread is building this index: `total` is its pid
            who = f"pid {total}" if total else "another seedread"
            print(f"seedread: waiting for the index being built by {who}…", file=sys.stderr)
        else:
            bar(stage, done, total)

    try:
        return build_index(path, rebuild=rebuild, progress=progress, cancel=cancel)
    finally:
        bar.clear()


def _warn_problems(index: FactIndex) -> None:
    for p in index.problems:
        # Not every problem is a skip: a record read with a loss (a field dropped) is kept.
        print(f"seedread: {make_printable(p.source)}: {p.reason}", file=sys.stderr)


def cmd_index(args: argparse.Namespace) -> int:
    index, stats = _build(_resolve_path(args.path), args.rebuild)
    if stats.from_cache:
        index.verify()  # never "reused the cache" for a file it cannot read whole
    _warn_problems(index)
    articles = f"{stats.extracted} article{'s' * (stats.extracted != 1)}"
    how = "reused the cache" if stats.from_cache else f"extracted {articles}"
    if stats.in_place:
        how = f"updated in place, {articles} extracted"
    print(
        f"{index.name}: {stats.articles} articles in {stats.stories} stories, "
        f"{stats.entities} names, {stats.figure_groups} figure groups, {stats.problems} problems "
        f"({how} in {stats.seconds:.2f}s)"
    )
    if args.timings:
        print("  ".join(f"{stage} {seconds:.2f}s" for stage, seconds in stats.stages))
    return 0


FORMAT_OF_EXTENSION = {".json": "json", ".csv": "csv", ".yaml": "yaml", ".yml": "yaml", ".md": "md"}
"""The format `export -o FILE` writes when `--format` is not given."""


def export_format(chosen: str | None, output: str | None) -> str:
    """The format to export: `chosen` (`--format`), else the output file's extension's, else
    json."""
    if chosen is not None:
        return chosen
    suffix = Path(output).suffix.lower() if output not in (None, "-") else ""
    return FORMAT_OF_EXTENSION.get(suffix, "json")


def cmd_export(args: argparse.Namespace) -> int:
    args.format = export_format(args.format, args.output)
    index, _ = _build(_resolve_path(args.path), args.rebuild)
    _warn_problems(index)
    writer = WRITERS[args.format]
    if args.output in (None, "-"):
        writer(index, sys.stdout)
        return 0
    target = Path(args.output)
    try:
        write_to_path(target, lambda out: writer(index, out))
    except BrokenPipeError:
        raise  # a pipe's reader went away, as with `| head`: not an error
    except OSError as exc:
        raise CorpusError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
    print(f"wrote {target} ({args.format})", file=sys.stderr)
    return 0


def _table(rows: Sequence[Sequence[str]], out: IO[str]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")


def cmd_stories(args: argparse.Namespace) -> int:
    index, _ = _build(_resolve_path(args.path), args.rebuild)
    _warn_problems(index)
    disputes = index.disputes_by_story()
    header = ("story", "first", "last", "articles", "origins", "outlets", "disputed", "title")
    rows = [
        (
            s.id,
            s.first or "-",
            s.last or "-",
            str(len(s.articles)),
            str(s.origins),
            str(len(s.outlets)),
            str(disputes.get(s.id, 0)),
            make_printable(s.title),
        )
        for s in index.stories()
    ]
    if sys.stdout.isatty():
        _table([header, *rows], sys.stdout)
    else:  # for scripts: one tab-separated line a story, titles whole
        for row in (header, *rows):
            print("\t".join(c.replace("\t", " ") for c in row))
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    if args.path is not None and args.speaker is None and not looks_like_path(args.path):
        args.speaker, args.path = args.path, None
    index, _ = _build(_resolve_path(args.path), args.rebuild)
    _warn_problems(index)
    out = sys.stdout
    if args.speaker is None:
        header = ("speaker", "outlets", "origins", "articles", "verdict", "words")
        rows = [
            (
                make_printable(s.speaker_name or "?"),
                str(s.outlets),
                str(s.origins),
                str(s.articles),
                s.verdict,
                make_printable(s.words if not out.isatty() else _cut(s.words, 60)),
            )
            for s in index.statements(shared=not args.all)
        ]
        if out.isatty():
            _table([header, *rows], out)
        else:
            for row in (header, *rows):
                print("\t".join(c.replace("\t", " ") for c in row))
        if not rows:
            print("No statement is quoted by two or more articles.", file=sys.stderr)
        return 0
    chosen = _speaker_statements(index, args.speaker)
    if not chosen:
        print(f"seedread: no quotes of {args.speaker!r}", file=sys.stderr)
        return 1
    for s in chosen:
        out.write(
            f"{make_printable(s.speaker_name or '?')}: {s.verdict},"
            f" {_plural(s.outlets, 'outlet')}, {_plural(s.origins, 'independent origin')}"
            f" ({s.id})\n"
        )
        variants = index.statement_quotes(s.id)
        longest = reference(v.quote for v in variants)
        for v in variants:
            words = v.quote.text if v.quote is longest else marked(longest, v.quote)
            said = v.quote.speaker_name or "?"
            out.write(
                f"  {make_printable(v.outlet or v.quote.article)} · {v.date or 'undated'}"
                f" · {make_printable(said)}\n    {make_printable(words)}\n"
            )
        out.write("\n")
    return 0


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _speaker_statements(index: FactIndex, query: str) -> list[StatementSummary]:
    """The statements of the speaker `query` names: the speaker names that contain it (folded),
    else the closest one (rapidfuzz), with every statement given to it."""
    statements = index.statements()
    names = {s.speaker_name for s in statements if s.speaker_name}
    wanted = fold(query)
    hits = {n for n in names if wanted in fold(n)}
    if not hits and names:
        best = process.extractOne(wanted, {n: fold(n) for n in names}, scorer=fuzz.WRatio)
        if best is not None and best[1] >= 85:
            hits = {best[2]}
    entities = {s.speaker for s in statements if s.speaker_name in hits and s.speaker}
    return [s for s in statements if s.speaker_name in hits or (s.speaker in entities)]


def cmd_facts(args: argparse.Namespace) -> int:
    # `seedread facts NAME` with no PATH: a first argument that is not a path is the name;
    # one that looks like a path but is missing is an error (below), not a name to look up.
    if args.path is not None and args.name is None and not looks_like_path(args.path):
        args.name, args.path = args.path, None
    index, _ = _build(_resolve_path(args.path), args.rebuild)
    _warn_problems(index)
    out = sys.stdout
    if args.name is None:
        rows = [("KIND", "NAME", "MENTIONS", "ARTICLES", "VARIANTS")]
        for e in index.entities():
            arts = len({m.article for m in e.mentions})
            variants = ", ".join(v for v in e.variants if v != e.name)
            rows.append((e.kind, e.name, str(len(e.mentions)), str(arts), variants))
        _table([tuple(make_printable(c) for c in r) for r in rows], out)
        out.write("\n")
        rows = [("KIND", "FIGURE", "MENTIONS", "ARTICLES", "VALUES")]
        for g in index.figure_groups():
            arts = len({m.article for m in g.mentions})
            values = " / ".join(dict.fromkeys(m.text for m in g.mentions))
            rows.append((g.kind, g.label, str(len(g.mentions)), str(arts), values))
        _table([tuple(make_printable(c) for c in r) for r in rows], out)
        return 0
    hits = [h for h in search_index(index, args.name, limit=10) if not h.target.startswith("a:")]
    if not hits:
        print(f"seedread: no name or figure matches {args.name!r}", file=sys.stderr)
        return 1
    fact = hits[0].target
    label, kind = index.fact_label(fact)
    summaries = {a.id: a for a in index.articles()}
    mentions = index.mentions_of(fact)
    arts = len({m.article for m in mentions})
    out.write(make_printable(f"{label} ({kind}) — {len(mentions)} mentions in {arts} articles\n"))
    if fact.startswith("e:"):
        out.write(make_printable("spellings: " + ", ".join(index.variants_of(fact))) + "\n")
    rows = [("OUTLET", "DATE", "ARTICLE", "AS WRITTEN", "CONTEXT")]
    for m in mentions:
        a = summaries[m.article]
        line, _, _ = index.context(m.article, m.start, m.end, width=90)
        rows.append((a.outlet or "?", a.date or "?", a.id, m.text, line.replace("\n", " ")))
    _table([tuple(make_printable(c) for c in r) for r in rows], out)
    return 0


class _Watched:
    """Standard output, noting whether anything was written to it."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.written = False

    def write(self, text: str) -> int:
        self.written = self.written or bool(text)
        return self.stream.write(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)


def _run_repairing(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command; if its cached index turns out damaged (a page of the file overwritten,
    a text that no longer matches its digest), remove the cache, say so in one line, and run
    the command again on an index built anew (or, when it had already written part of its
    output, ask for it to be run again)."""
    out = sys.stdout
    watched = _Watched(out)
    sys.stdout = watched  # type: ignore[assignment]
    try:
        return handler(args)
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) or getattr(args, "rebuild", True):
            raise
        damaged = index_path(_resolve_path(args.path))
        damaged.unlink(missing_ok=True)
        what = f"seedread: the cached index was damaged ({make_printable(str(exc))}): removed it"
        if watched.written:
            print(f"{what}; run the command again to build it anew", file=sys.stderr)
            return 1
        print(f"{what}, building it again", file=sys.stderr)
        args.rebuild = True
        sys.stdout = out
        return handler(args)
    finally:
        sys.stdout = out


def main(argv: Sequence[str] | None = None, open_reader: OpenReader | None = None) -> int:
    """Run the command line; returns the exit status. `open_reader` starts the UI."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            args = _command_parser(argv[0]).parse_args(argv[1:])
            handler = {
                "index": cmd_index,
                "export": cmd_export,
                "facts": cmd_facts,
                "stories": cmd_stories,
                "quotes": cmd_quotes,
            }[argv[0]]
            return _run_repairing(handler, args)
        args = _top_parser().parse_args(argv)
        path = _resolve_path(args.path)
        if open_reader is None:
            raise UsageError("the reader needs the UI package (widgets) installed")
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            # `seedread md >out </dev/null` would start a UI no one can see or quit.
            print(NOT_A_TERMINAL, file=sys.stderr)
            return EXIT_USAGE
        return open_reader(path)
    except (UsageError, CorpusError) as exc:
        print(f"seedread: error: {make_printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except ConfigError as exc:
        print(f"seedread: config error: {make_printable(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except (KeyboardInterrupt, BuildCancelled):
        print("\nseedread: interrupted; the previous index is unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `seedread facts | head`: the reader went away; that is not an error.
        sys.stderr.close()
        return 0
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"seedread: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        print(
            f"seedread: internal error: {type(exc).__name__}: {make_printable(str(exc))}"
            " (please report this)",
            file=sys.stderr,
        )
        return 1
