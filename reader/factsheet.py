"""The fact sheet: a Markdown report of every figure group, every statement quoted by two or
more articles, and every entity, with citations."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import IO

from reader.attribution import find_attribution
from reader.citation import cite
from reader.figures.history import History, Interval, Reading
from reader.models import ArticleSummary, FigureGroup
from reader.quotes.wording import marked, reference
from reader.store import FactIndex
from reader.stories import Story
from reader.text import make_printable
from reader.values import format_number, format_value, spread


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
        if mark and g.disputed:
            head += f" — ≠ {cell(mark)}, outlets disagree"
        elif mark:
            moved = f"{g.updates} update{'s' * (g.updates != 1)}, " if g.updates else ""
            head += f" — {cell(mark)}, {moved}no dispute"
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
        history = index.figure_history(g.id)
        if len(history.readings) >= 2:
            out.writelines(line + "\n" for line in history_table(history))
            out.write("\n")

    _write_statements(index, out, articles, stories)

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


def _write_statements(
    index: FactIndex, out: IO[str], articles: dict[str, ArticleSummary], stories: list[Story]
) -> None:
    """The statements two or more articles quote, story by story: each variant with its
    outlet and the speaker as the outlet names them, and its words against the longest
    variant's ([-dropped-], {+added or changed+})."""
    shared = index.statements(shared=True)
    out.write("## Statements, story by story\n\n")
    if not shared:
        out.write("No statement is quoted by two or more articles.\n\n")
        return
    by_story: dict[str | None, list] = defaultdict(list)
    for s in shared:
        by_story[s.story].append(s)
    for story in [*stories, None]:
        if story is not None and story.id not in by_story:
            continue
        if story is None and None not in by_story:
            break
        if story is not None:
            out.write(_story_heading(story))
        for s in by_story[story.id if story is not None else None]:
            who_said = s.speaker_name or "unknown speaker"
            out.write(
                f"### {cell(who_said)}: “{cell(_first_words(s.words))}” — {s.verdict},"
                f" {s.outlets} outlets, {s.origins} independent origins\n\n"
            )
            variants = index.statement_quotes(s.id)
            longest = reference(v.quote for v in variants)
            out.write("| outlet | date | speaker as named | words (against the longest) |\n")
            out.write("|---|---|---|---|\n")
            for v in variants:
                a = articles[v.quote.article]
                words = v.quote.text if v.quote is longest else marked(longest, v.quote)
                out.write(
                    f"| {cell(a.outlet or f'unknown outlet ({a.id})')} | {cell(a.date or '?')}"
                    f" | {cell(v.quote.speaker_name or '?')} | {cell(words)} |\n"
                )
            out.write("\n")


def _first_words(text: str, n: int = 12) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def interval_text(bounds: Interval) -> str:
    """The values a figure's words allow, written for people: "34,356" when exact,
    "[34,450, ∞)" for "at least", "(50, ∞)" for "more than", "[180, 220]" for "about 200"."""
    if bounds.low == bounds.high and not (bounds.low_open or bounds.high_open):
        return format_number(bounds.low)
    high = "∞" if math.isinf(bounds.high) else format_number(bounds.high)
    closes = ")" if bounds.high_open or math.isinf(bounds.high) else "]"
    return f"{'(' if bounds.low_open else '['}{format_number(bounds.low)}, {high}{closes}"


def history_table(history: History) -> list[str]:
    """A figure group's history as Markdown lines: a heading line saying how many updates and
    disputes, then one row per dated reading in as-of order (as-of day, outlet, value as
    written, interval, and how it stands to the figure before it). A statement repeated in
    one article (headline and lead) is listed once."""
    notes: dict[int, list[str]] = defaultdict(list)
    for c in history.changes:
        if c.kind == "agrees":
            continue
        word = "update" if c.kind == "update" else "≠ dispute"
        notes[id(c.after)].append(f"{word}: {c.reason}")
        if c.kind == "dispute" and c.before.as_of == c.after.as_of:
            notes[id(c.before)].append(f"{word}: {c.reason}")
    updates, disputes = len(history.updates), len(history.disputes)
    counts = f"{updates} update{'s' * (updates != 1)}"
    if disputes:
        counts += f", ≠ {disputes} dispute{'s' * (disputes != 1)}"
    if history.undated:
        counts += f"; {len(history.undated)} undated, not placed in time"
    lines = [
        f"History, in as-of order ({counts}):",
        "",
        "| as of | outlet | value as written | interval | change |",
        "|---|---|---|---|---|",
    ]
    seen: set[tuple[object, ...]] = set()
    for r in history.readings:
        key = (r.mention.article, r.as_of, r.mention.text, _bounds_or_none(r))
        if key in seen:
            continue
        seen.add(key)
        bounds = _bounds_or_none(r)
        change = "; ".join(dict.fromkeys(notes.get(id(r), [])))
        if not change:
            change = "first" if r is history.first else "agrees"
        lines.append(
            f"| {cell(r.as_of)} | {cell(r.outlet or 'unknown outlet')} | {cell(r.mention.text)}"
            f" | {cell(interval_text(bounds) if bounds else '—')} | {cell(change)} |"
        )
    return lines


def _bounds_or_none(r: Reading) -> Interval | None:
    try:
        return r.bounds
    except ValueError:  # not a number (a date)
        return None


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
