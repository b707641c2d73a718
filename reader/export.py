"""Export the index as JSON, CSV or YAML (schema in README.md), streamed to a text file."""

from __future__ import annotations

import csv
import json
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import yaml

from reader.models import FigureMention
from reader.store import FactIndex
from reader.store.cache import process_alive

FORMATS = ("json", "csv", "yaml", "md")
"""The formats `seedread export --format` accepts (md: the fact sheet)."""


def article_records(index: FactIndex) -> Iterator[dict[str, Any]]:
    """Each article as its export record, in id order."""
    for summary in index.articles(order="id"):
        a = index.article(summary.id)
        yield {
            "id": a.id,
            "path": a.path,
            "title": a.title,
            "outlet": a.outlet,
            "date": a.date,
            "url": a.url,
            "words": a.words,
            "text": a.text,
            "warnings": list(a.warnings),
            "story": summary.story,
            "origin": summary.origin,
        }


def entity_records(index: FactIndex) -> Iterator[dict[str, Any]]:
    """Each entity as its export record, most mentioned first."""
    for e in index.entities():
        yield {
            "id": e.id,
            "name": e.name,
            "kind": e.kind,
            "variants": list(e.variants),
            "could_be": list(index.could_be(e.id)),
            "mentions": [
                {"article": m.article, "start": m.start, "end": m.end, "text": m.text}
                for m in e.mentions
            ],
        }


def figure_records(index: FactIndex) -> Iterator[dict[str, Any]]:
    """Each figure group as its export record, most widely reported first."""
    for g in index.figure_groups():
        yield {
            "id": g.id,
            "label": g.label,
            "kind": g.kind,
            "story": g.story,
            "counted": g.counted,
            "whom": g.whom,
            "part_of": g.part_of,
            "updates": g.updates,
            "disputed": g.disputed,
            "mentions": [
                {
                    "article": m.article,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "value": m.value,
                    "unit": m.unit,
                    "qualifier": m.qualifier,
                    "counted": m.counted,
                    "as_of": m.as_of,
                    "low": m.low,
                    "high": m.high,
                    "quantity": _quantity(m),
                }
                for m in g.mentions
            ],
        }


def _quantity(m: FigureMention) -> str | None:
    """What a count is the quantity of, as "event · whom" ("killed · people"); None for a
    figure that is not a count of an event."""
    if m.whom is None or m.counted is None:
        return None
    return f"{m.counted} · {m.whom}" + (" · earlier event" if m.past else "")


def story_records(index: FactIndex) -> Iterator[dict[str, Any]]:
    """Each story as its export record, the most articles first: its articles by date, its
    outlets and how many independent origins (texts that are not reprints) it has."""
    for s in index.stories():
        yield {
            "id": s.id,
            "title": s.title,
            "articles": list(s.articles),
            "first": s.first,
            "last": s.last,
            "outlets": list(s.outlets),
            "origins": s.origins,
        }


def quote_id(article: str, start: int) -> str:
    """A quote's id in the exports: its article and where its words start."""
    return f"{article}@{start}"


def quote_records(index: FactIndex) -> Iterator[dict[str, Any]]:
    """Each direct quotation, by story then article and offset: `start`/`end` are the quoted
    words' offsets in the article's text (without the quotation marks)."""
    for v in index.all_quotes():
        q = v.quote
        yield {
            "id": quote_id(q.article, q.start),
            "article": q.article,
            "start": q.start,
            "end": q.end,
            "text": q.text,
            "speaker": {"entity": v.entity, "name": q.speaker_name},
            "statement": v.statement,
        }


def statement_records(index: FactIndex) -> Iterator[dict[str, Any]]:
    """Each statement (the quotes of one story that render one utterance), the most outlets
    first: its quotes, outlets, independent origins and the verdict on its wordings."""
    members: dict[str, list[str]] = {}
    for statement, article, start in index.statement_members():
        members.setdefault(statement, []).append(quote_id(article, start))
    for s in index.statements():
        yield {
            "id": s.id,
            "story": s.story,
            "speaker": s.speaker,
            "speaker_name": s.speaker_name,
            "quotes": members.get(s.id, []),
            "articles": s.articles,
            "outlets": s.outlets,
            "origins": s.origins,
            "verdict": s.verdict,
            "divergence": s.divergence,
            "misattributed": s.misattributed,
        }


def problem_records(index: FactIndex) -> list[dict[str, str]]:
    """Files and records that were skipped or read with a loss."""
    return [{"source": p.source, "reason": p.reason} for p in index.problems]


def _json_array(out: IO[str], records: Iterator[dict[str, Any]]) -> None:
    # Streamed record by record so a large corpus never sits in memory as one document.
    out.write("[")
    for i, rec in enumerate(records):
        out.write(",\n  " if i else "\n  ")
        out.write(json.dumps(rec, ensure_ascii=False))
    out.write("\n ]")


def write_json(index: FactIndex, out: IO[str]) -> None:
    """Write `{"articles", "stories", "entities", "figures", "quotes", "statements",
    "problems"}`, each a list."""
    out.write('{"articles": ')
    _json_array(out, article_records(index))
    out.write(',\n "stories": ')
    _json_array(out, story_records(index))
    out.write(',\n "entities": ')
    _json_array(out, entity_records(index))
    out.write(',\n "figures": ')
    _json_array(out, figure_records(index))
    out.write(',\n "quotes": ')
    _json_array(out, quote_records(index))
    out.write(',\n "statements": ')
    _json_array(out, statement_records(index))
    out.write(',\n "problems": ')
    out.write(json.dumps(problem_records(index), ensure_ascii=False))
    out.write("}\n")


CSV_COLUMNS = (
    "type",
    "fact",
    "label",
    "kind",
    "article",
    "outlet",
    "date",
    "start",
    "end",
    "text",
    "value",
    "unit",
    "qualifier",
    "story",
)
"""One row per mention: a name's, a figure's or a quote's (its fact: the statement; its
label: the speaker as the article names them; its kind: the statement's verdict)."""


def write_csv(index: FactIndex, out: IO[str]) -> None:
    """Write one row per mention with the columns CSV_COLUMNS, story by story (the largest
    first): in each, its names' mentions, then its figures'."""
    summaries = index.articles(order="id")
    meta = {a.id: (a.outlet or "", a.date or "") for a in summaries}
    story_of = {a.id: a.story or "" for a in summaries}
    rank = {s.id: i for i, s in enumerate(index.stories())}
    rows: list[tuple[object, ...]] = []
    for e in index.entities():
        for m in e.mentions:
            outlet, date = meta.get(m.article, ("", ""))
            rows.append(
                (
                    "name",
                    e.id,
                    e.name,
                    e.kind,
                    m.article,
                    outlet,
                    date,
                    m.start,
                    m.end,
                    m.text,
                    "",
                    "",
                    "",
                    story_of.get(m.article, ""),
                )
            )
    for g in index.figure_groups():
        for f in g.mentions:
            outlet, date = meta.get(f.article, ("", ""))
            rows.append(
                (
                    "figure",
                    g.id,
                    g.label,
                    g.kind,
                    f.article,
                    outlet,
                    date,
                    f.start,
                    f.end,
                    f.text,
                    f.value,
                    f.unit,
                    f.qualifier or "",
                    story_of.get(f.article, ""),
                )
            )
    verdicts = {s.id: s.verdict for s in index.statements()}
    for v in index.all_quotes():
        q = v.quote
        outlet, date = meta.get(q.article, ("", ""))
        rows.append(
            (
                "quote",
                v.statement or "",
                q.speaker_full or q.speaker_name or "",
                verdicts.get(v.statement or "", ""),
                q.article,
                outlet,
                date,
                q.start,
                q.end,
                q.text,
                "",
                "",
                "",
                story_of.get(q.article, ""),
            )
        )
    # Stable: within a story, names, then figures, then quotes, each in the index's order.
    order = {"name": 0, "figure": 1, "quote": 2}
    rows.sort(key=lambda r: (rank.get(str(r[-1]), len(rank)), order[str(r[0])]))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)


def write_yaml(index: FactIndex, out: IO[str]) -> None:
    """Write the same document as JSON, as block-style YAML."""
    for key, records in (
        ("articles", article_records(index)),
        ("stories", story_records(index)),
        ("entities", entity_records(index)),
        ("figures", figure_records(index)),
        ("quotes", quote_records(index)),
        ("statements", statement_records(index)),
    ):
        out.write(f"{key}:\n")
        wrote = False
        for rec in records:
            out.write(yaml.safe_dump([rec], allow_unicode=True, sort_keys=False, width=100))
            wrote = True
        if not wrote:
            out.write("  []\n")
    out.write(yaml.safe_dump({"problems": problem_records(index)}, allow_unicode=True))


def write_factsheet(index: FactIndex, out: IO[str]) -> None:
    """Write the Markdown fact sheet (see `reader.factsheet`)."""
    from reader.factsheet import write_markdown

    write_markdown(index, out)


WRITERS = {"json": write_json, "csv": write_csv, "yaml": write_yaml, "md": write_factsheet}
"""Format name -> writer(index, stream)."""


TEMP_MARK = ".seedread-tmp-"
"""Names an export's temp file: `.NAME.seedread-tmp-PID`, beside the file it will replace."""

_DIRECT_PREFIXES = ("/dev/", "/proc/")
"""Paths written in place even when they name a regular file (`/dev/stdout` redirected to a
file, `/dev/fd/3`): replacing what they point to would break the redirection."""


def sweep_stale_exports(folder: Path) -> int:
    """Remove the temp files of exports into `folder` that were killed mid-write (their
    process is gone); returns how many. A running export's temp file is left alone."""
    removed = 0
    try:
        entries = list(folder.glob(f".*{TEMP_MARK}*"))
    except OSError:
        return 0
    for tmp in entries:
        try:
            pid = int(tmp.name.rsplit(TEMP_MARK, 1)[1])
        except ValueError:
            continue
        if pid == os.getpid() or process_alive(pid):
            continue
        try:
            tmp.unlink()
            removed += 1
        except OSError:
            pass
    return removed


def write_to_path(target: Path, write: Callable[[IO[str]], None]) -> Path:
    """Write what `write(stream)` writes to the file `target`; returns the file written.

    A regular file (or a new path) is written atomically: a temp file in the same folder,
    then a rename over it, keeping the old file's permissions; a symlink is followed and its
    target written that way, so the link stays. A FIFO, a device (`/dev/null`) or a path
    under /dev or /proc (`/dev/stdout`) is opened and written in place: replacing it would
    swap a device node or pipe for a plain file. No failure the process survives (an
    exception, ctrl+c) leaves a temp file; one left by a killed export is removed by the
    next export into the same folder. Raises OSError when `target` cannot be written.
    """
    target = Path(target)
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None  # a new file, or a symlink whose target is still to be made
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(0, "is a directory", str(target))
    direct = str(target.absolute()).startswith(_DIRECT_PREFIXES)
    if direct or (st is not None and not stat.S_ISREG(st.st_mode)):
        with open(target, "w", encoding="utf-8", newline="") as out:
            write(out)
        return target
    real = Path(os.path.realpath(target))
    sweep_stale_exports(real.parent)
    tmp = real.with_name(f".{real.name}{TEMP_MARK}{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as out:
            write(out)
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
        os.replace(tmp, real)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return real
