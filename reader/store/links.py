"""Linking names into entities, as the store runs it: from counted spellings, in three
modes (one index, the workers' shards, an index patched in place)."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Collection, Sequence

from reader.config import Config
from reader.linking import Linked, apply_splits, link_forms
from reader.store.schema import FORM_STORY, LINKED_NAMES, key_table
from reader.store.workers import Extractor

JOIN_CACHE_KIB = -65536
"""SQLite's page cache (KiB, as `PRAGMA cache_size` takes them) while a shard's mentions are
joined to their spellings. Not for the index's own sorts: those slow down with more."""


def link_all(db: sqlite3.Connection, config: Config) -> int:
    """Link the names table into entities and write each mention's entity.

    Linking reads one row per distinct (name, kind, text), never the millions of mentions;
    the mentions get their entity in one SQL pass that rewrites the table (a bulk copy with a
    join is several times cheaper than updating rows in place), and the entity index holds
    the article so that counting each entity's articles reads the index alone. Linking runs
    after the stories: a one-word name is counted, linked and joined to its mentions within
    its story (`reader.linking.FormRow`).
    """
    _count_forms(db)
    linked = _link_forms(db, config)
    db.executescript(
        "CREATE TABLE linked_names AS"
        f" {LINKED_NAMES.format(spellings='spellings', stories='articles')};"
        " DROP TABLE names; ALTER TABLE linked_names RENAME TO names;"
        " CREATE INDEX names_entity ON names(entity, article);"
    )
    return _write_entities(db, _entity_rows(linked))


def link_shards(
    db: sqlite3.Connection,
    config: Config,
    extractor: Extractor,
    take_groups: Callable[[], int],
) -> tuple[int, int]:
    """`_link` for names still in the workers' shards: the shards' forms (counted by the
    workers as they stored them) are summed, this process links them, the workers join each
    shard's mentions to their entity in parallel, and this process gathers the linked
    mentions and takes the figure groups (`take_groups`, while the workers join). Returns
    the number of entities and of figure groups.

    The workers read the spellings from a file of their own, so this process can write to
    the index while they join.
    """
    pool, shards = extractor.pool, extractor.name_shards
    assert pool is not None and extractor.shard_dir is not None
    # The workers counted their names by form as they stored them, and wrote the counts
    # (`finish`); a shard left without them is counted from its names.
    unflushed = [str(s) for s in shards if os.path.realpath(s) not in extractor.flushed]
    counting = [pool.submit(_count_shard_forms, shard) for shard in unflushed[:-1]]
    if unflushed:
        _count_shard_forms(unflushed[-1])
    for done in counting:
        done.result()
    db.execute(
        "CREATE TEMP TABLE shard_forms (name TEXT, kind TEXT, text TEXT, article TEXT, n INTEGER)"
    )
    for shard in shards:
        db.execute("ATTACH DATABASE ? AS shard", (str(shard),))
        db.execute("INSERT INTO shard_forms SELECT * FROM shard.forms")
        db.commit()
        db.execute("DETACH DATABASE shard")
    db.execute("DELETE FROM forms")
    # The workers counted a form by article where its story matters (`FORM_STORY`, with ""
    # for the article where it does not): the articles' stories are known only now.
    db.execute(
        "INSERT INTO forms SELECT f.name, f.kind, f.text, coalesce(a.story, ''), sum(f.n)"
        " FROM shard_forms f LEFT JOIN articles a ON a.id = f.article GROUP BY 1, 2, 3, 4"
    )
    db.execute("DROP TABLE temp.shard_forms")
    linked = _link_forms(db, config)
    spellings = extractor.shard_dir / "spellings.sqlite"
    db.execute("ATTACH DATABASE ? AS sp", (str(spellings),))
    db.executescript(
        "CREATE TABLE sp.spellings (name TEXT NOT NULL, text TEXT NOT NULL,"
        " story TEXT NOT NULL, entity TEXT NOT NULL, PRIMARY KEY (name, text, story))"
        " WITHOUT ROWID; INSERT INTO sp.spellings SELECT * FROM main.spellings;"
        " CREATE TABLE sp.stories (id TEXT PRIMARY KEY, story TEXT) WITHOUT ROWID;"
        " INSERT INTO sp.stories SELECT id, story FROM main.articles;"
    )
    db.commit()
    db.execute("DETACH DATABASE sp")
    joining = [pool.submit(_link_shard, str(shard), str(spellings)) for shard in shards]
    groups = take_groups()
    entity_rows = _entity_rows(linked)  # while the workers join
    db.execute("DROP TABLE names")
    tallies = []
    for i, (shard, joined) in enumerate(zip(shards, joining, strict=True)):
        joined.result()
        # The worker counts the shard's entities while this process gathers its mentions.
        tallies.append(pool.submit(_count_linked, str(shard)))
        db.execute("ATTACH DATABASE ? AS shard", (str(shard),))
        if i == 0:
            db.execute("CREATE TABLE names AS SELECT * FROM shard.linked")
        else:
            db.execute("INSERT INTO names SELECT * FROM shard.linked")
        db.commit()
        db.execute("DETACH DATABASE shard")
    db.execute("CREATE INDEX names_entity ON names(entity, article)")
    # An article's names are all in one shard: its counts add up across shards.
    counts: dict[str, tuple[int, int]] = {}
    for tally in tallies:
        for eid, mentions, articles in tally.result():
            m, a = counts.get(eid, (0, 0))
            counts[eid] = (m + mentions, a + articles)
    return _write_entities(db, entity_rows, counts), groups


def _count_shard_forms(shard: str) -> None:
    """Count a shard's name mentions by form (in a worker, or this process)."""
    db = sqlite3.connect(shard)
    db.executescript(
        # No journal_mode change: a shard is in WAL while its worker may still hold it open.
        "PRAGMA synchronous=OFF; DROP TABLE IF EXISTS forms;"
        " CREATE TABLE forms AS SELECT name, kind, text,"
        f" {FORM_STORY.format(kind='kind', story='article')} AS article,"
        " count(*) AS n FROM names GROUP BY 1, 2, 3, 4;"
    )
    db.close()


def _link_shard(shard: str, spellings: str) -> None:
    """Worker: write a shard's name mentions with their entity (from the database
    `spellings`) into its table `linked`, the column order of the index's names table."""
    db = sqlite3.connect(shard)
    db.execute("ATTACH DATABASE ? AS sp", (spellings,))
    db.executescript(
        # Every mention looks its spelling up: with the spellings' pages all held (SQLite's
        # default keeps 2 MB), the join reads far fewer pages from the file.
        f"PRAGMA sp.cache_size={JOIN_CACHE_KIB}; PRAGMA cache_size={JOIN_CACHE_KIB};"
        "PRAGMA synchronous=OFF; DROP TABLE IF EXISTS linked;"
        " CREATE TABLE linked AS"
        f" {LINKED_NAMES.format(spellings='sp.spellings', stories='sp.stories')};"
    )
    db.close()


def _count_linked(shard: str) -> list[tuple[str, int, int]]:
    """Worker: each entity's (mentions, articles) in a shard's linked mentions."""
    db = sqlite3.connect(shard)
    try:
        return db.execute(
            "SELECT entity, count(*), count(DISTINCT article) FROM linked"
            " WHERE entity IS NOT NULL GROUP BY entity"
        ).fetchall()
    finally:
        db.close()


def relink(db: sqlite3.Connection, config: Config, touched: Collection[str]) -> int:
    """Update the links of an index patched in place: `touched` are the articles whose names
    were extracted anew or whose story changed.

    The forms are counted again (one GROUP BY: an update may move kept articles to another
    story, which changes their one-word forms), linked again (cheap: one row per form), and
    only the mentions whose entity changed are rewritten: the touched articles', and those of
    the spellings that moved to another entity.
    """
    _count_forms(db)
    before = {
        (n, t, s): e for n, t, s, e in db.execute("SELECT name, text, story, entity FROM spellings")
    }
    linked = _link_forms(db, config)
    after = {(n, t, s): e.id for e in linked for n, t, s, _ in e.spellings}
    # Mentions of a spelling that moved (or was ignored before, or is ignored now).
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        name, text, story = key
        if story:
            db.execute(
                "UPDATE names SET entity = ? WHERE entity IS ? AND name = ? AND text = ?"
                " AND article IN (SELECT id FROM articles WHERE story = ?)",
                (new, old, name, text, story),
            )
        elif " " not in name:  # a one-word organisation's or place's: not the people's
            db.execute(
                "UPDATE names SET entity = ? WHERE entity IS ? AND name = ? AND text = ?"
                " AND kind NOT IN ('person', 'other')",
                (new, old, name, text),
            )
        else:
            db.execute(
                "UPDATE names SET entity = ? WHERE entity IS ? AND name = ? AND text = ?",
                (new, old, name, text),
            )
    in_touched = f"article IN {key_table(db, 'touched_ids', touched)}"
    db.execute(
        "UPDATE names SET entity = (SELECT s.entity FROM spellings s"
        " WHERE s.name = names.name AND s.text = names.text AND s.story ="
        " CASE WHEN instr(names.name, ' ') OR names.kind NOT IN ('person', 'other') THEN '' ELSE"
        " coalesce((SELECT a.story FROM articles a WHERE a.id = names.article), '') END)"
        f" WHERE {in_touched}"
    )
    return _write_entities(db, _entity_rows(linked))


def _count_forms(db: sqlite3.Connection) -> None:
    """Count the index's name mentions by form, each in its story where it matters."""
    story = FORM_STORY.format(kind="n.kind", story="a.story")
    db.execute("DELETE FROM forms")
    db.execute(
        f"INSERT INTO forms SELECT n.name, n.kind, n.text, {story}, count(*) FROM names n"
        " LEFT JOIN articles a ON a.id = n.article GROUP BY 1, 2, 3, 4"
    )


def _link_forms(db: sqlite3.Connection, config: Config) -> list[Linked]:
    """Link the forms table into entities and write the spellings table from it."""
    rows = db.execute("SELECT name, kind, text, story, n FROM forms").fetchall()
    linked = apply_splits(link_forms(rows, config.aliases, config.ignore), dict(config.split))
    db.execute("DELETE FROM spellings")
    db.executemany(
        "INSERT INTO spellings VALUES (?, ?, ?, ?)",
        sorted((n, t, s, ent.id) for ent in linked for n, t, s, _ in ent.spellings),
    )
    return linked


EntityRow = tuple[str, str, str, str, str | None]
"""An entities row but its counts: (id, name, kind, variants as JSON, and for a bare name
left apart the full names of its story it could stand for, as JSON, else None)."""


def _entity_rows(linked: Sequence[Linked]) -> list[EntityRow]:
    """The entities table's rows but their counts (`EntityRow`)."""
    return [
        (
            ent.id,
            ent.name,
            ent.kind,
            json.dumps(ent.variants),
            json.dumps(ent.ambiguous) if ent.ambiguous else None,
        )
        for ent in linked
    ]


def _write_entities(
    db: sqlite3.Connection,
    rows: Sequence[EntityRow],
    counts: dict[str, tuple[int, int]] | None = None,
) -> int:
    """Write the entities table from `_entity_rows` with each entity's (mentions, articles):
    `counts`, or counted from the names table's entity index. An entity without mentions is
    left out; returns how many are written."""
    db.execute("DELETE FROM entities")
    if counts is None:
        counts = {
            eid: (m, a)
            for eid, m, a in db.execute(
                "SELECT entity, count(*), count(DISTINCT article) FROM names"
                " WHERE entity IS NOT NULL GROUP BY entity"
            )
        }
    db.executemany(
        "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(*row[:4], *counts[row[0]], row[4]) for row in rows if row[0] in counts],
    )
    return len(counts)
