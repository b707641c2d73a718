"""The fact sheet: a Markdown report of every figure group and every entity, with citations."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import IO

from reader.attribution import find_attribution, sentence_of
from reader.models import ArticleSummary, FigureMention
from reader.store import FactIndex
from reader.text import make_printable


def cell(text: object) -> str:
    """Text made safe for one Markdown table cell."""
    return make_printable(str(text)).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def format_value(value: object, unit: str | None = None) -> str:
    """A figure's value for people: 34356 -> "34,356", 70 percent -> "70%"."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    return number + ("%" if unit == "percent" else "")


def spread(mentions: Sequence[FigureMention]) -> str | None:
    """ "34,356 – 34,535 (0.5%)" when numeric values differ; a list when dates differ; else None."""
    values = [m.value for m in mentions]
    if mentions and mentions[0].unit == "date":
        # A date without its year ("--10-07") does not disagree with the full date.
        full = [v for v in values if not str(v).startswith("--")]
        values = full or values
    if len(set(map(str, values))) < 2:
        return None
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if len(numbers) == len(values):
        lo, hi = min(numbers), max(numbers)
        pct = f" ({(hi - lo) / lo * 100:.1f}%)" if lo else ""
        unit = mentions[0].unit
        return f"{format_value(lo, unit)} – {format_value(hi, unit)}{pct}"
    return " / ".join(sorted(set(map(str, values))))


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
        mark = spread(g.mentions)
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
            out.write(
                f"| {cell(who(a))} | {cell(a.date or '?')} | {cell(format_value(m.value, m.unit))}"
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
