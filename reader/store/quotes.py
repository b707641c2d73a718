"""Statements, as the store runs them: a story's stored quotes grouped into the utterances
they render (`reader.quotes.statements`), each with its speaker entity, outlets, origins and
the verdict on its wordings. Runs after linking (a speaker is an entity)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Collection, Iterator
from itertools import groupby

from reader.quotes import Quote, Statement
from reader.quotes.statements import divergence, group_statements, verdict
from reader.quotes.wording import reference
from reader.store.schema import QUOTE_COLUMNS, key_table, stored_quote

_SPEAKER_ENTITY = (
    "CASE WHEN q.description OR q.speaker_start IS NULL THEN NULL ELSE coalesce("
    "  (SELECT n.entity FROM names n WHERE n.article = q.article AND n.start = q.speaker_start),"
    "  (SELECT n.entity FROM names n WHERE n.article = q.article AND n.name = q.speaker_full"
    "   LIMIT 1)) END"
)
_KEYED = (
    "INSERT INTO quote_keys SELECT q.rowid, coalesce(a.story, 'article:' || q.article), "
    + _SPEAKER_ENTITY
    + " FROM quotes q JOIN articles a ON a.id = q.article"
)
"""Each quote's story key (a quote of an article without a story stays within its article)
and its speaker's entity: the name at the speaker's words, else the article's name of the
speaker's full name; none for a description or a quote no one is named for (the name
lookups are the stage's costliest SQL: only quotes with a named speaker make them)."""

_ALONE = """
CREATE TEMP TABLE alone AS SELECT k.qid, 'q:' || k.key || ':'
    || row_number() OVER (PARTITION BY k.key ORDER BY q.start) AS sid
FROM quote_keys k JOIN quotes q ON q.rowid = k.qid
WHERE k.key IN (SELECT k.key FROM quote_keys k JOIN quotes q ON q.rowid = k.qid
                GROUP BY k.key HAVING count(DISTINCT q.article) = 1);
INSERT INTO statements SELECT s.sid, CASE WHEN k.key LIKE 'article:%' THEN NULL ELSE k.key END,
    k.entity, coalesce(q.speaker_full, q.speaker_name),
    q.text, 1, 1, 1, 1, 'same words', 0.0, 0
FROM alone s JOIN quote_keys k ON k.qid = s.qid JOIN quotes q ON q.rowid = s.qid;
UPDATE quotes SET entity = k.entity, statement = s.sid
FROM alone s JOIN quote_keys k ON k.qid = s.qid WHERE quotes.rowid = s.qid;
"""
"""The statements of the stories whose quotes all lie in one article, written in SQL: with
no second article to quote them, each quote is a statement of its own (numbered as
`group_statements` numbers them, by offset). That is most of a large corpus' quotes."""

_GROUPED = (
    "SELECT k.key, a.outlet, coalesce(a.origin, a.id), k.entity, q.rowid, "
    + ", ".join(f"q.{c.strip()}" for c in QUOTE_COLUMNS.split(","))
    + " FROM quote_keys k JOIN quotes q ON q.rowid = k.qid JOIN articles a ON a.id = q.article"
    " WHERE k.qid NOT IN (SELECT qid FROM alone)"
    " ORDER BY k.key, q.article, q.start"
)
"""The quotes of the stories where two or more articles quote someone, for grouping."""


def stale_speakers(db: sqlite3.Connection) -> set[str]:
    """The stories with a quote whose speaker's entity is no longer the one stored: after an
    update relinked names, a speaker may have joined another entity in a story the update
    did not touch, and its statements are grouped again."""
    return {
        story
        for (story,) in db.execute(
            "SELECT DISTINCT coalesce(a.story, 'article:' || q.article) FROM quotes q"
            " JOIN articles a ON a.id = q.article WHERE q.speaker_start IS NOT NULL"
            f" AND q.entity IS NOT ({_SPEAKER_ENTITY})"
        )
    }


def write_statements(db: sqlite3.Connection, stories: Collection[str] | None = None) -> int:
    """Group the quotes of `stories` (every story when None) into statements, replacing what
    the index held for them; returns how many statements were written."""
    db.executescript(
        "DROP TABLE IF EXISTS temp.quote_keys; DROP TABLE IF EXISTS temp.alone;"
        " CREATE TEMP TABLE quote_keys (qid INTEGER PRIMARY KEY, key TEXT, entity TEXT);"
    )
    if stories is None:
        db.execute("DELETE FROM statements")
        db.execute(_KEYED)
    else:
        keys = key_table(db, "statement_stories", stories)
        db.execute(f"DELETE FROM statements WHERE story IN {keys}")
        db.execute(_KEYED + f" WHERE a.story IN {keys}")
    db.executescript(_ALONE)
    alone = db.execute("SELECT count(*) FROM alone").fetchone()[0]
    statements: list[tuple] = []
    assigned: list[tuple[str | None, int, str]] = []
    for story, members in groupby(db.execute(_GROUPED), key=lambda r: r[0]):
        # Each quote's speaker entity and row id, by (article, start).
        stored: dict[tuple[str, int], tuple[str | None, int]] = {}
        for statement, row in _story_statements(story, list(members), stored):
            statements.append(row)
            assigned.extend((*stored[q.article, q.start], statement.id) for q in statement.quotes)
    db.executemany("INSERT INTO statements VALUES (" + ", ".join("?" * 12) + ")", statements)
    db.executemany(
        "UPDATE quotes SET entity = ?, statement = ? WHERE rowid = ?",
        [(e, sid, rowid) for e, rowid, sid in assigned],
    )
    return alone + len(statements)


def _story_statements(
    story: str, rows: list[tuple], stored: dict[tuple[str, int], tuple[str | None, int]]
) -> Iterator[tuple[Statement, tuple]]:
    """One story's statements, each with its stored row; fills `stored`: each quote's
    speaker entity and row id by (article, start)."""
    quotes: list[Quote] = []
    entity: dict[tuple[str, int], str | None] = {}
    outlet: dict[str, str | None] = {}
    origin: dict[str, str] = {}
    for _, out, org, speaker, rowid, *columns in rows:
        q = stored_quote(columns)
        quotes.append(q)
        entity[q.article, q.start] = speaker
        stored[q.article, q.start] = (speaker, rowid)
        outlet[q.article], origin[q.article] = out, org
    given = None if story.startswith("article:") else story
    for s in group_statements(quotes, lambda _a: given, lambda q: entity[q.article, q.start]):
        if len(s.quotes) == 1:  # most quotes of a corpus are quoted once
            (q,) = s.quotes
            name = q.speaker_full or q.speaker_name
            yield s, (s.id, given, s.speaker, name, q.text, 1, 1, 1, 1, "same words", 0.0, 0)
            continue
        articles = {q.article for q in s.quotes}
        # The speaker as the variants that name the statement's entity name it.
        named = Counter(
            q.speaker_full or q.speaker_name
            for q in s.quotes
            if q.speaker_name is not None
            and (s.speaker is None or entity[q.article, q.start] == s.speaker)
        )
        longest = reference(s.quotes)
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
