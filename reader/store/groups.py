"""Grouping figures, as the store runs it: from the figures table or the workers' shards,
written in bulk or, for an index patched in place, only where a figure's group changed."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path

from reader.figures import group_figures
from reader.models import FigureGroup, FigureMention
from reader.store.schema import (
    FIGURE_ROWS,
    FIGURES_TABLE,
    GROUP_TABLES,
    figure_columns,
    figure_mention,
    key_table,
)


def _assign(db: sqlite3.Connection, table: str, column: str, source: str) -> None:
    """Set `table.column` from `source` (article, start, fact; indexed on article, start) by
    rewriting the table with a join: one bulk copy is several times cheaper than updating
    millions of rows in place."""
    cols = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
    select = ", ".join(f"a.fact AS {c}" if c == column else f't."{c}"' for c in cols)
    db.executescript(
        f"""
        CREATE TABLE assigned AS SELECT {select} FROM {table} t
            LEFT JOIN {source} a ON a.article = t.article AND a.start = t.start;
        DROP TABLE {table};
        ALTER TABLE assigned RENAME TO {table};
        """
    )


def _insert_groups(
    db: sqlite3.Connection,
    groups: Sequence[FigureGroup],
    story_of: Mapping[str, str],
    table: str,
    differing: str,
) -> None:
    """Insert the groups' rows (with the story each lies in) into `table` and the ids of
    those that disagree into `differing` (tables shaped as `groups` and `differing`)."""
    # Most groups (one figure of a story of one article) have one mention: no set, no test.
    db.executemany(
        f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                g.id,
                g.label,
                g.kind,
                len(g.mentions),
                len({m.article for m in g.mentions}) if len(g.mentions) > 1 else 1,
                story_of.get(g.mentions[0].article) if g.mentions else None,
                g.counted,
                g.whom,
                g.part_of,
                g.updates,
                int(g.disputed),
                g.disputes,
                g.score,
            )
            for g in groups
        ],
    )
    db.executemany(f"INSERT INTO {differing} VALUES (?)", [(g.id,) for g in groups if g.disputed])


def _store_groups(
    db: sqlite3.Connection,
    groups: Sequence[FigureGroup],
    story_of: Mapping[str, str],
    schema: str,
) -> None:
    """Write groups and each mention's group to `groups_out`, `differing_out` and `assign`
    (in `schema`)."""
    db.executescript(
        GROUP_TABLES.format(schema=schema)
        + f"CREATE TABLE IF NOT EXISTS {schema}assign (article TEXT, start INTEGER, fact TEXT);"
    )
    _insert_groups(db, groups, story_of, f"{schema}groups_out", f"{schema}differing_out")
    db.executemany(
        f"INSERT INTO {schema}assign VALUES (?, ?, ?)",
        ((m.article, m.start, g.id) for g in groups for m in g.mentions),
    )
    db.execute(f"CREATE INDEX {schema}assign_at ON assign(article, start)")  # after the rows


def group_shards(
    shards: Sequence[str], out: str, story_of: Mapping[str, str], outlet_of: Mapping[str, str]
) -> None:
    """Worker: group the figures of every shard (within each article's story, `story_of`;
    each article's outlet, `outlet_of`) and write the groups, the disagreeing ones and the
    figures with their group (shard after shard: the order of the index) to the database
    `out`."""
    mentions: list[FigureMention] = []
    share = _Interned()
    for shard in shards:
        db = sqlite3.connect(shard)
        # Row by row: the rows are not kept (their tuples and JSON values were a tenth of
        # the build's peak memory at 37,554 articles).
        mentions += (share.mention(r) for r in db.execute(FIGURE_ROWS))
        db.close()
    groups = group_figures(mentions, story_of, (), outlet_of)
    group_of = {id(m): g.id for g in groups for m in g.mentions}
    db = sqlite3.connect(out)
    db.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
        + GROUP_TABLES.format(schema="")
        + FIGURES_TABLE
    )
    _insert_groups(db, groups, story_of, "groups_out", "differing_out")
    del groups
    # Written whole here, the figures need no second pass in the index to set their group.
    db.executemany(
        "INSERT INTO figures VALUES (" + "?, " * 17 + "?)",
        ((*figure_columns(m), group_of[id(m)]) for m in mentions),
    )
    db.commit()
    db.close()


def write_grouped(db: sqlite3.Connection, grouped: Path) -> int:
    """Take the figures, with their groups, and the groups a worker wrote to the database
    `grouped` (`group_shards`) into the index."""
    db.execute("ATTACH DATABASE ? AS grouped", (str(grouped),))
    count = _replace_groups(db, "grouped")
    db.execute("INSERT INTO figures SELECT * FROM grouped.figures")
    db.commit()
    db.execute("DETACH DATABASE grouped")
    return count


def _take_groups(db: sqlite3.Connection, schema: str) -> int:
    """Replace the groups and every figure's group with those in `schema` (`_store_groups`)."""
    count = _replace_groups(db, schema)
    _assign(db, "figures", "grp", f"{schema}.assign")
    return count


def _replace_groups(db: sqlite3.Connection, schema: str) -> int:
    """Replace the groups and the disagreeing ones with `schema`'s `groups_out` and
    `differing_out`; returns how many groups there are."""
    db.executescript(
        f"DELETE FROM groups; INSERT INTO groups SELECT * FROM {schema}.groups_out;"
        f" DELETE FROM differing; INSERT INTO differing SELECT grp FROM {schema}.differing_out;"
    )
    return int(db.execute("SELECT count(*) FROM groups").fetchone()[0])


def _group_rows(
    rows: Sequence[tuple],
    story_of: Mapping[str, str],
    outlet_of: Mapping[str, str],
    taken: Iterable[str] = (),
) -> list[FigureGroup]:
    """Group the figures table's rows (`FIGURE_ROWS`), never across two stories."""
    share = _Interned()
    return group_figures((share.mention(r) for r in rows), story_of, taken, outlet_of)


class _Interned:
    """Figures from stored rows, their repeated strings shared: hundreds of thousands of
    figures have a few thousand article ids and as-of days."""

    def __init__(self) -> None:
        self.pool: dict[str, str] = {}

    def mention(self, row: Sequence) -> FigureMention:
        return figure_mention(row[:17], self.pool.setdefault)


def _groups_before(rows: Sequence[tuple]) -> dict[tuple[str, int], str]:
    """Each figure's group as the rows (`FIGURE_ROWS`) have it, by (article, start)."""
    return {(r[0], r[1]): r[17] for r in rows}


def _changed(
    groups: Sequence[FigureGroup], before: dict[tuple[str, int], str]
) -> list[tuple[str, str, int]]:
    """(group, article, start) of every mention whose group is not the one it had."""
    return [
        (g.id, m.article, m.start)
        for g in groups
        for m in g.mentions
        if before[(m.article, m.start)] != g.id
    ]


def write_groups(
    db: sqlite3.Connection,
    rows: Sequence[tuple],
    story_of: Mapping[str, str],
    outlet_of: Mapping[str, str],
) -> int:
    """Group the figure rows (within each article's story, `story_of`; `outlet_of` for their
    histories) and write the groups and each figure's group, in bulk (a new index)."""
    groups = _group_rows(rows, story_of, outlet_of)
    _store_groups(db, groups, story_of, "temp.")
    count = _take_groups(db, "temp")
    db.executescript(
        "DROP TABLE temp.groups_out; DROP TABLE temp.assign; DROP TABLE temp.differing_out;"
    )
    return count


def regroup_stories(
    db: sqlite3.Connection,
    stories: Collection[str],
    story_of: Mapping[str, str],
    outlet_of: Mapping[str, str],
) -> int:
    """In an index patched in place: group anew the figures of `stories` only (those whose
    articles changed, came or went; a group never spans two stories, so no other group can
    change), keeping every other group and id; returns how many groups there are."""
    key = key_table(db, "regroup_stories", stories)
    rows = db.execute(
        FIGURE_ROWS + f" WHERE article IN (SELECT id FROM articles WHERE story IN {key})"
    ).fetchall()
    db.execute(f"DELETE FROM differing WHERE grp IN (SELECT id FROM groups WHERE story IN {key})")
    db.execute(f"DELETE FROM groups WHERE story IN {key}")
    taken = [gid for (gid,) in db.execute("SELECT id FROM groups")]
    groups = _group_rows(rows, story_of, outlet_of, taken)
    _insert_groups(db, groups, story_of, "groups", "differing")
    db.executemany(
        "UPDATE figures SET grp = ? WHERE article = ? AND start = ?",
        _changed(groups, _groups_before(rows)),
    )
    return int(db.execute("SELECT count(*) FROM groups").fetchone()[0])
