"""The fact sheet: a Markdown report of every figure group and every entity, with citations."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import IO

from reader.attribution import find_attribution, sentence_of
from reader.models import ArticleSummary
from reader.store import FactIndex
from reader.text import make_printable
from reader.values import format_value, spread


def cell(text: object) -> str:
    """Text made safe for one Markdown table cell."""
    return make_printable(str(text)).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def write_markdown(index: FactIndex, out: IO[str]) -> None:
    """Write the fact sheet: figure groups (values per outlet, spread, cited sentences), then
    entities (spellings per outlet)."""
    articles = {a.id: a for a in index.articles()}
    outlets = sorted({a.outlet for a in articles.values() if a.outlet})
    dates = sorted(a.date for a in articles.values() if a.date)
    out.write(f"# Fact sheet: {cell(index.name)}\n\n")
    span = f", {dates[0]} to {dates[-1]}" if dates else ""
    out.write(f"{len(articles)} articles from {len(outlets)} known outlets{span}.\n\n")

    def who(a: ArticleSummary) -> str:
        return a.outlet or f"unknown outlet ({a.id})"

    groups = sorted(
        index.figure_groups(),
        key=lambda g: (-len({m.article for m in g.mentions}), -len(g.mentions), g.id),
    )
    out.write("## Figures\n\n")
    if not groups:
        out.write("No figures found.\n\n")
    for g in groups:
        mark = spread(g.mentions, g.mentions[0].unit if g.mentions else None)
        head = f"### {cell(g.label)}"
        if mark:
            head += f" — ≠ {cell(mark)}"
        out.write(f"{head}\n\n")
        out.write("| outlet | date | value | as written | attribution | article |\n")
        out.write("|---|---|---|---|---|---|\n")
        citations = []
        for m in sorted(g.mentions, key=lambda m: (articles[m.article].date or "~", m.article)):
            a = articles[m.article]
            text = index.article(m.article).text
            source = find_attribution(text, m.start, m.end) or ""
            value = format_value(m.value, m.unit, m.text)
            out.write(
                f"| {cell(who(a))} | {cell(a.date or '?')} | {cell(value)}"
                f" | {cell(m.text)} | {cell(source)} | {cell(a.id)} |\n"
            )
            citations.append((a, m, sentence_of(text, m.start, m.end)))
        out.write("\n")
        cited = set()
        for a, m, sentence in citations:
            if (a.id, sentence) in cited:
                continue
            cited.add((a.id, sentence))
            out.write(
                f"> {cell(sentence)}\n>\n> — {cell(who(a))}, {cell(a.date or 'undated')},"
                f" `{cell(a.id)}` at {m.start}\n\n"
            )

    out.write("## Names\n\n")
    for e in index.entities():
        arts = {n.article for n in e.mentions}
        counts = f"{len(e.mentions)} mentions in {len(arts)} articles"
        out.write(f"### {cell(e.name)} ({e.kind}) — {counts}\n\n")
        by_outlet: dict[str, Counter[str]] = defaultdict(Counter)
        for n in e.mentions:
            by_outlet[who(articles[n.article])][n.text] += 1
        out.write("| outlet | spellings (mentions) |\n|---|---|\n")
        for outlet in sorted(by_outlet):
            spellings = ", ".join(f"{s} ({n})" for s, n in by_outlet[outlet].most_common())
            out.write(f"| {cell(outlet)} | {cell(spellings)} |\n")
        out.write("\n")
