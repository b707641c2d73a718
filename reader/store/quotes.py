"""Statements, as the store runs them: a story's stored quotes grouped into the utterances
they render (`reader.quotes.statements`), each with its speaker entity, outlets, origins and
the verdict on its wordings. Runs after linking (a speaker is an entity)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Collection, Iterator
from itertools import groupby

from reader.quotes import Quote, Statement
from reader.quotes.statements import align, group_statements, verdict, words
from reader.store.schema import QUOTE_COLUMNS, key_table, stored_quote

_QUOTES = (
    "SELECT coalesce(a.story, 'article:' || q.article), a.outlet, coalesce(a.origin, a.id),"
    ' substr(t.text, q.start + 1, q."end" - q.start),'
    " coalesce((SELECT n.entity FROM names n WHERE n.article = q.article"
    "   AND n.start = q.speaker_start AND q.description = 0),"
    "  (SELECT n.entity FROM names n WHERE n.article = q.article AND n.name = q.speaker_full"
    "   AND q.description = 0 LIMIT 1)),"
    " " + ", ".join(f"q.{c.strip()}" for c in QUOTE_COLUMNS.split(",")) + " FROM quotes q"
    " JOIN articles a ON a.id = q.article JOIN texts t ON t.id = q.article"
)


def write_statements(db: sqlite3.Connection, stories: Collection[str] | None = None) -> int:
    """Group the quotes of `stories` (every story when None) into statements, replacing what
    the index held for them; returns how many statements were written."""
    if stories is None:
        db.execute("DELETE FROM statements")
        where = ""
    else:
        keys = key_table(db, "statement_stories", stories)
        db.execute(f"DELETE FROM statements WHERE story IN {keys}")
        where = f" WHERE a.story IN {keys}"
    rows = db.execute(_QUOTES + where + " ORDER BY 1, q.article, q.start")
    statements: list[tuple] = []
    assigned: list[tuple[str | None, str, str, int]] = []
    for story, members in groupby(rows, key=lambda r: r[0]):
        entity: dict[tuple[str, int], str | None] = {}
        for statement, row in _story_statements(story, list(members), entity):
            statements.append(row)
            assigned.extend(
                (entity[q.article, q.start], statement.id, q.article, q.start)
                for q in statement.quotes
            )
    db.executemany("INSERT INTO statements VALUES (" + ", ".join("?" * 12) + ")", statements)
    db.executemany(
        "UPDATE quotes SET entity = ?, statement = ? WHERE article = ? AND start = ?", assigned
    )
    return len(statements)


def _story_statements(
    story: str, rows: list[tuple], entity: dict[tuple[str, int], str | None]
) -> Iterator[tuple[Statement, tuple]]:
    """One story's statements, each with its stored row; fills `entity`, each quote's
    speaker entity by (article, start)."""
    quotes: list[Quote] = []
    outlet: dict[str, str | None] = {}
    origin: dict[str, str] = {}
    for _, out, org, quoted, speaker, *columns in rows:
        q = stored_quote(columns, quoted)
        quotes.append(q)
        entity[q.article, q.start] = speaker
        outlet[q.article], origin[q.article] = out, org
    given = None if story.startswith("article:") else story
    for s in group_statements(quotes, lambda _a: given, lambda q: entity[q.article, q.start]):
        articles = {q.article for q in s.quotes}
        # The speaker as the variants that name the statement's entity name it.
        named = Counter(
            q.speaker_full or q.speaker_name
            for q in s.quotes
            if q.speaker_name is not None
            and (s.speaker is None or entity[q.article, q.start] == s.speaker)
        )
        longest = max(s.quotes, key=lambda q: len(q.text))
        yield (
            s,
            (
                s.id,
                given,
                s.speaker,
                named.most_common(1)[0][0] if named else None,
                longest.text,
                len(s.quotes),
                len(articles),
                len({outlet[a] or a for a in articles}),
                len({origin[a] for a in articles}),
                verdict(s),
                divergence(s),
                int(s.misattributed),
            ),
        )


def divergence(statement: Statement) -> float:
    """How far a statement's wordings part: the largest share of one variant's words that the
    longest variant does not hold, in order (0 for the same or trimmed words)."""
    longest = max(statement.quotes, key=lambda q: len(words(q.text)))
    worst = 0.0
    for q in statement.quotes:
        if q is longest:
            continue
        n = len(words(q.text)) or 1
        equal = sum(len(b) for op, _, b in align(longest, q) if op == "equal")
        worst = max(worst, 1 - equal / n)
    return round(worst, 3)
