"""The fact sheet: a Markdown report of every figure group and every entity, with citations."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import IO

from reader.attribution import find_attribution
from reader.citation import cite
from reader.models import ArticleSummary, FigureGroup
from reader.store import FactIndex
from reader.stories import Story
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

    # Figures story by story (the largest first): a figure is compared only within its story.
    stories = index.stories()
    rank = {s.id: i for i, s in enumerate(stories)}

    def story_rank(g: FigureGroup) -> int:
        story = articles[g.mentions[0].article].story if g.mentions else None
        return rank.get(story or "", len(rank))

    groups = sorted(
        index.figure_groups(),
        key=lambda g: (
            story_rank(g),
            -len({m.article for m in g.mentions}),
            -len(g.mentions),
            g.id,
        ),
    )
    out.write("## Figures, story by story\n\n")
    if not groups:
        out.write("No figures found.\n\n")
    shown = -1
    for g in groups:
        if story_rank(g) != shown and story_rank(g) < len(stories):
            shown = story_rank(g)
            out.write(_story_heading(stories[shown]))
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
            full = index.article(m.article)
            text = full.text
            source = find_attribution(text, m.start, m.end) or ""
            value = format_value(m.value, m.unit, m.text)
            out.write(
                f"| {cell(who(a))} | {cell(a.date or '?')} | {cell(value)}"
                f" | {cell(m.text)} | {cell(source)} | {cell(a.id)} |\n"
            )
            citations.append(cite(full, (m.start, m.end)))
        out.write("\n")
        cited = set()
        for citation in citations:
            if (citation.article, citation.quote) in cited:
                continue
            cited.add((citation.article, citation.quote))
            # The same format as `y` in the reader (reader/citation.py), quoted in Markdown.
            out.write(f"> {cell(citation.quoted)}\n>\n> {cell(citation.source)}\n\n")

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


def _story_heading(story: Story) -> str:
    """A story's heading in the fact sheet: its title, dates, outlets and origins."""
    if story.first and story.last and story.first != story.last:
        when = f"{story.first} to {story.last}"
    else:
        when = story.first or "undated"
    copies = len(story.articles) - story.origins
    reprints = f", {copies} of them reprints" if copies else ""
    return (
        f"## Story: {cell(story.title)}\n\n"
        f"{len(story.articles)} articles{reprints}, {story.origins} independent origins,"
        f" from {len(story.outlets)} known outlets; {when}. Story `{story.id}`.\n\n"
    )
