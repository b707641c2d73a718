"""Linking names into entities, as the store runs it: from counted spellings, in three
modes (one index, the workers' shards, an index patched in place)."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Collection, Mapping, Sequence

from reader.config import Config
from reader.linking import Linked, apply_splits, link_forms
from reader.store.schema import FORM_STORY, LINKED_NAMES, key_table
from reader.store.workers import Extractor

FORMS_IN_ORDER = "SELECT name, kind, text, story, n FROM forms ORDER BY name, kind, text, story"
"""The forms table's rows as `reader.linking.link_forms` sorts them (its key, the table's
primary key, in SQLite's text order: the code points', as Python's)."""

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
        f" {FORM_STORY.format(name='name', kind='kind', story='article')} AS article,"
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


DROPPED_FORMS = (
    "CREATE TEMP TABLE IF NOT EXISTS dropped_forms"
    " (name TEXT, kind TEXT, text TEXT, story TEXT, n INTEGER, entity TEXT)"
)
"""The names an update deleted, counted by form (in the story they were counted in) and by
the entity they had: what `relink` takes off the forms and the entities' counts."""


def note_dropped(db: sqlite3.Connection, articles: str) -> None:
    """Before an update deletes the names of `articles` (a subquery of their ids): count them
    by form and entity (`DROPPED_FORMS`), so that `relink` updates the forms' counts instead
    of counting every mention of the index again."""
    story = FORM_STORY.format(name="n.name", kind="n.kind", story="a.story")
    db.execute(DROPPED_FORMS)
    db.execute(
        f"INSERT INTO temp.dropped_forms SELECT n.name, n.kind, n.text, {story}, count(*),"
        " n.entity FROM names n LEFT JOIN articles a ON a.id = n.article"
        f" WHERE n.article IN {articles} GROUP BY 1, 2, 3, 4, 6"
    )


def relink(
    db: sqlite3.Connection,
    config: Config,
    fresh: Collection[str],
    moved: Mapping[str, str | None],
) -> int:
    """Update the links of an index patched in place: `fresh` are the articles whose names
    were extracted anew, `moved` the other articles whose story changed (with the story they
    had). The names deleted were noted by `note_dropped`.

    The forms' counts are updated by what changed (the names dropped, those of the fresh
    articles, those of the moved ones from their old story to their new one), the forms are
    linked again (one row per form), and only what changed is rewritten: the spellings that
    moved to another entity, the mentions of those and of the touched articles, and the
    counts of the entities whose mentions changed.
    """
    db.execute(DROPPED_FORMS)
    touched = set(fresh) | set(moved)
    in_touched = key_table(db, "touched_ids", touched)
    _update_forms(db, in_touched, moved)
    # Entities whose mentions change: those of the names dropped and of the touched articles
    # (before and after), and both ends of every spelling that moved.
    affected = {e for (e,) in db.execute("SELECT DISTINCT entity FROM temp.dropped_forms")}
    affected.update(
        e for (e,) in db.execute(f"SELECT DISTINCT entity FROM names WHERE article IN {in_touched}")
    )
    before = {
        (n, t, s): e for n, t, s, e in db.execute("SELECT name, text, story, entity FROM spellings")
    }
    linked = _linked(db, config)
    # Each spelling linked now is taken off `before`: what is left there lost its entity.
    # (One pass, no second dict of every spelling: this diff was a tenth of an update.)
    changed: list[tuple[tuple[str, str, str], str | None, str | None]] = []
    take = before.pop
    for e in linked:
        eid = e.id
        for n, t, s, _ in e.spellings:
            key = (n, t, s)
            old = take(key, None)
            if old != eid:
                changed.append((key, old, eid))
    changed.extend((key, old, None) for key, old in before.items())
    del before
    db.executemany(
        "DELETE FROM spellings WHERE name = ? AND text = ? AND story = ?",
        [key for key, old, _ in changed if old is not None],
    )
    db.executemany(
        "INSERT INTO spellings VALUES (?, ?, ?, ?)",
        sorted((*key, new) for key, _, new in changed if new is not None),
    )
    # Mentions of a spelling that moved (or was ignored before, or is ignored now).
    for (name, text, story), old, new in changed:
        affected.update((old, new))
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
    db.execute(
        "UPDATE names SET entity = (SELECT s.entity FROM spellings s"
        " WHERE s.name = names.name AND s.text = names.text AND s.story ="
        " CASE WHEN instr(names.name, ' ') OR names.kind NOT IN ('person', 'other') THEN '' ELSE"
        " coalesce((SELECT a.story FROM articles a WHERE a.id = names.article), '') END)"
        f" WHERE article IN {in_touched}"
    )
    affected.update(
        e for (e,) in db.execute(f"SELECT DISTINCT entity FROM names WHERE article IN {in_touched}")
    )
    affected.discard(None)
    db.execute("DELETE FROM temp.dropped_forms")
    # Every other entity keeps the mentions it had, so its counts.
    counts = {
        eid: (m, a)
        for eid, m, a in db.execute("SELECT id, mentions, articles FROM entities")
        if eid not in affected
    }
    counts.update(
        (eid, (m, a))
        for eid, m, a in db.execute(
            "SELECT entity, count(*), count(DISTINCT article) FROM names"
            f" WHERE entity IN {key_table(db, 'affected_ids', affected)} GROUP BY entity"
        )
    )
    return _write_entities(db, _entity_rows(linked), counts)


def _update_forms(db: sqlite3.Connection, touched: str, moved: Mapping[str, str | None]) -> None:
    """Update the forms' counts (`_count_forms`) by what an update changed: less the names
    dropped (`note_dropped`) and the moved articles' names in their old story, plus the
    touched articles' names (`touched`, a subquery) in their story now."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS moved_from (id TEXT PRIMARY KEY, story TEXT)")
    db.execute("DELETE FROM temp.moved_from")
    db.executemany("INSERT INTO temp.moved_from VALUES (?, ?)", moved.items())
    old = FORM_STORY.format(name="n.name", kind="n.kind", story="m.story")
    new = FORM_STORY.format(name="n.name", kind="n.kind", story="a.story")
    db.execute(
        # WHERE true: an upsert's SELECT needs a WHERE (SQLite's parsing ambiguity).
        "INSERT INTO forms SELECT name, kind, text, story, sum(n) FROM ("
        " SELECT name, kind, text, story, -n AS n FROM temp.dropped_forms"
        f" UNION ALL SELECT n.name, n.kind, n.text, {old}, -1 FROM names n"
        " JOIN temp.moved_from m ON m.id = n.article"
        f" UNION ALL SELECT n.name, n.kind, n.text, {new}, 1 FROM names n"
        f" LEFT JOIN articles a ON a.id = n.article WHERE n.article IN {touched})"
        " WHERE true GROUP BY 1, 2, 3, 4 HAVING sum(n) != 0"
        " ON CONFLICT (name, kind, text, story) DO UPDATE SET n = n + excluded.n"
    )
    db.execute("DELETE FROM forms WHERE n <= 0")


def _count_forms(db: sqlite3.Connection) -> None:
    """Count the index's name mentions by form, each in its story where it matters."""
    story = FORM_STORY.format(name="n.name", kind="n.kind", story="a.story")
    db.execute("DELETE FROM forms")
    db.execute(
        f"INSERT INTO forms SELECT n.name, n.kind, n.text, {story}, count(*) FROM names n"
        " LEFT JOIN articles a ON a.id = n.article GROUP BY 1, 2, 3, 4"
    )


def _linked(db: sqlite3.Connection, config: Config) -> list[Linked]:
    """Link the forms table into entities. Its rows are read in its key's order, one by one
    (held all at once, they were a tenth of the build's peak memory)."""
    rows = db.execute(FORMS_IN_ORDER)
    return apply_splits(
        link_forms(rows, config.aliases, config.ignore, ordered=True), dict(config.split)
    )


def _link_forms(db: sqlite3.Connection, config: Config) -> list[Linked]:
    """Link the forms table into entities and write the spellings table from it."""
    linked = _linked(db, config)
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
    written = [(*row[:4], *counts[row[0]], row[4]) for row in rows if row[0] in counts]
    db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)", written)
    return len(written)
