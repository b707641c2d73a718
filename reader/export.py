"""Export the index as JSON, CSV or YAML (schema in README.md), streamed to a text file."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

import yaml

from reader.store import FactIndex

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
        }


def entity_records(index: FactIndex) -> Iterator[dict[str, Any]]:
    """Each entity as its export record, most mentioned first."""
    for e in index.entities():
        yield {
            "id": e.id,
            "name": e.name,
            "kind": e.kind,
            "variants": list(e.variants),
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
                }
                for m in g.mentions
            ],
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
    """Write `{"articles": [...], "entities": [...], "figures": [...], "problems": [...]}`."""
    out.write('{"articles": ')
    _json_array(out, article_records(index))
    out.write(',\n "entities": ')
    _json_array(out, entity_records(index))
    out.write(',\n "figures": ')
    _json_array(out, figure_records(index))
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
)
"""One row per mention: a name's or a figure's."""


def write_csv(index: FactIndex, out: IO[str]) -> None:
    """Write one row per mention (names first, then figures) with the columns CSV_COLUMNS."""
    meta = {a.id: (a.outlet or "", a.date or "") for a in index.articles(order="id")}
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in index.entities():
        for m in e.mentions:
            outlet, date = meta.get(m.article, ("", ""))
            writer.writerow(
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
                )
            )
    for g in index.figure_groups():
        for f in g.mentions:
            outlet, date = meta.get(f.article, ("", ""))
            writer.writerow(
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
                )
            )


def write_yaml(index: FactIndex, out: IO[str]) -> None:
    """Write the same document as JSON, as block-style YAML."""
    for key, records in (
        ("articles", article_records(index)),
        ("entities", entity_records(index)),
        ("figures", figure_records(index)),
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
