"""How the articles read reach the build's stages: every build feeds the same stages (the
runner's per-article stages, then stories, linking, grouping, statements), in one of two ways.

- `NewIndex` writes a new index: every article read is extracted, but an article the previous
  index (attached as `prev`) holds with the same text has its facts copied instead, and the
  articles of an unchanged file are copied without being read (a cold build is this with no
  previous index).
- `Patch` patches a copy of the previous index in place: only the changed articles' rows are
  rewritten, and only the links, groups and statements they touch are updated.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Sequence

from reader.config import Config
from reader.models import Article
from reader.store.groups import regroup_stories
from reader.store.links import note_dropped, relink
from reader.store.quotes import stale_speakers
from reader.store.schema import FIGURE_COLUMNS, QUOTE_COLUMNS, article_digest, key_table
from reader.store.stories import outlet_map, story_map


class NotWorthPatching(Exception):
    """Raised inside an in-place update once so many articles changed that a new index is
    cheaper to write."""


class NewIndex:
    """Feeds a new index (`db`), reusing what the previous one (`prev`, attached) holds."""

    def __init__(self, db: sqlite3.Connection, old_digests: dict[str, str]) -> None:
        self.db = db
        self.old_digests = old_digests
        """Each article of the previous index by id: its text's digest."""
        self.fresh: list[str] = []
        """The articles extracted anew, in the order they were read."""

    def keep(self, kept: set[str]) -> set[str]:
        """Take the articles of the files `kept` (unchanged) as they are; their ids."""
        if kept:
            _copy_kept(self.db, kept)
        return {r[0] for r in self.db.execute("SELECT id FROM articles")}

    def take(self, got: Sequence[Article]) -> list[Article]:
        """Write the articles read and reuse the facts of those whose text is unchanged;
        the others, to extract."""
        digests = {a.id: article_digest(a) for a in got}
        reuse = [a.id for a in got if self.old_digests.get(a.id) == digests[a.id]]
        _insert_articles(self.db, got, digests)
        if reuse:
            _copy_facts(self.db, reuse)
        return self._extract(got, set(reuse))

    def _extract(self, got: Sequence[Article], reused: set[str]) -> list[Article]:
        todo = [a for a in got if a.id not in reused]
        self.fresh.extend(a.id for a in todo)
        return todo

    def finish(self) -> None:
        """After the last article was read."""


class Patch(NewIndex):
    """Feeds a copy of the previous index (`db`) in place: drops the facts of the articles
    that changed and the rows of those gone, and gives up (`NotWorthPatching`) once more than
    `limit` articles are to be extracted."""

    def __init__(self, db: sqlite3.Connection, old_digests: dict[str, str], limit: float) -> None:
        super().__init__(db, old_digests)
        self.limit = limit
        self.before: dict[str, str] = dict(db.execute("SELECT id, story FROM articles"))
        """Each article's story before the update, to regroup only what it touches."""
        self.stale: set[str] = set()
        """The articles of changed or removed files not read (again) yet."""

    def keep(self, kept: set[str]) -> set[str]:
        self.stale = _stale_articles(self.db, kept)
        return {r[0] for r in self.db.execute("SELECT id FROM articles")} - self.stale

    def take(self, got: Sequence[Article]) -> list[Article]:
        # An article read again with the same text keeps its text and facts; the others' go.
        digests = {a.id: article_digest(a) for a in got}
        reused = {
            a.id for a in got if a.id in self.stale and self.old_digests.get(a.id) == digests[a.id]
        }
        _drop_facts(self.db, [a.id for a in got if a.id in self.stale and a.id not in reused])
        self.stale.difference_update(a.id for a in got)
        _insert_articles(self.db, got, digests, keep_text=reused)
        todo = self._extract(got, reused)
        if len(self.fresh) > self.limit:
            raise NotWorthPatching()
        return todo

    def finish(self) -> None:
        """The articles never read again are gone."""
        _drop_facts(self.db, self.stale)
        _drop_articles(self.db, self.stale)

    def relink(self, config: Config) -> tuple[int, int, set[str]]:
        """Update the links of the names and regroup the figures of the stories the update
        touched; returns (entities, figure groups, stories whose statements to regroup)."""
        db, before = self.db, self.before
        after = story_map(db)
        moved = {a for a in before.keys() | after.keys() if before.get(a) != after.get(a)}
        moved.update(self.fresh)
        # A one-word name is linked within its story: an article that moved to another
        # story may change the entity of its names, as a fresh one does. A fresh article's
        # old names were dropped (`_drop_facts`).
        kept_ids = after.keys() - set(self.fresh)
        entities = relink(db, config, self.fresh, {a: before.get(a) for a in moved & kept_ids})
        # Only the stories whose articles changed, came or went are grouped again.
        touched = {s for a in moved for s in (before.get(a), after.get(a)) if s is not None}
        groups = regroup_stories(db, touched, after, outlet_map(db))
        return entities, groups, touched | stale_speakers(db)


def _copy_kept(db: sqlite3.Connection, kept: set[str]) -> None:
    """Copy unchanged files' articles, texts and facts from the previous index (`prev`)."""
    # In SQL, attached: millions of rows never pass through Python.
    keep = key_table(db, "keep_files", kept)
    cols = (
        "id, file, path, title, outlet, date, url, author, words, boilerplate, warnings, digest,"
        " given_story"
    )
    db.execute(
        f"INSERT INTO articles ({cols}) SELECT {cols} FROM prev.articles WHERE file IN {keep}"
    )
    db.execute(
        "INSERT INTO texts SELECT t.id, t.text FROM prev.texts t JOIN prev.articles a"
        f" ON a.id = t.id WHERE a.file IN {keep}"
    )
    _copy_facts(
        db, [r[0] for r in db.execute(f"SELECT id FROM prev.articles WHERE file IN {keep}")]
    )


def _copy_facts(db: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Copy these articles' extracted names and figures from the previous index (`prev`)."""
    keep = key_table(db, "keep_ids", ids)
    db.execute(
        'INSERT INTO names SELECT article, start, "end", text, name, kind, NULL FROM prev.names'
        f" WHERE article IN {keep}"
    )
    db.execute(
        f"INSERT INTO figures SELECT {FIGURE_COLUMNS}, NULL FROM prev.figures"
        f" WHERE article IN {keep}"
    )
    db.execute(f"INSERT INTO story_features SELECT * FROM prev.story_features WHERE id IN {keep}")
    db.execute(
        f"INSERT INTO quotes SELECT {QUOTE_COLUMNS}, NULL, NULL FROM prev.quotes"
        f" WHERE article IN {keep}"
    )


def _stale_articles(db: sqlite3.Connection, kept: set[str]) -> set[str]:
    """In a copy of the old index: the ids of the articles of every file not in `kept`
    (changed or gone)."""
    keep = key_table(db, "keep_files", kept)
    return {r[0] for r in db.execute(f"SELECT id FROM articles WHERE file NOT IN {keep}")}


def _drop_articles(db: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Delete these articles, their texts and their story features."""
    rows = [(i,) for i in ids]
    db.executemany("DELETE FROM articles WHERE id = ?", rows)
    db.executemany("DELETE FROM texts WHERE id = ?", rows)
    db.executemany("DELETE FROM story_features WHERE id = ?", rows)


def _drop_facts(db: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Delete these articles' names (noted for `relink`), figures and quotes."""
    ids = list(ids)
    if not ids:
        return
    keys = key_table(db, "drop_ids", ids)
    note_dropped(db, keys)
    where = f"article IN {keys}"
    db.execute(f"DELETE FROM names WHERE {where}")
    db.execute(f"DELETE FROM figures WHERE {where}")
    db.execute(f"DELETE FROM quotes WHERE {where}")


def _insert_articles(
    db: sqlite3.Connection,
    articles: Sequence[Article],
    digests: dict[str, str],
    keep_text: Collection[str] = (),
) -> None:
    """Write articles (replacing rows of the same id) and their texts, but for `keep_text`:
    articles whose text is already there. An article rewritten with the same digest keeps
    the story found for it (an update then attaches only the new and changed ones)."""
    db.executemany(
        "INSERT INTO articles (id, file, path, title, outlet, date, url, author, words,"
        " boilerplate, warnings, digest, given_story) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT (id) DO UPDATE SET file = excluded.file, path = excluded.path,"
        " title = excluded.title, outlet = excluded.outlet, date = excluded.date,"
        " url = excluded.url, author = excluded.author, words = excluded.words,"
        " boilerplate = excluded.boilerplate, warnings = excluded.warnings,"
        " given_story = excluded.given_story,"
        " found_story = iif(digest = excluded.digest, found_story, NULL),"
        " found_origin = iif(digest = excluded.digest, found_origin, NULL),"
        " digest = excluded.digest",
        [
            (
                a.id,
                a.path.split(":", 1)[0] if _is_record_path(a.path) else a.path,
                a.path,
                a.title,
                a.outlet,
                a.date,
                a.url,
                a.author,
                a.words,
                json.dumps(a.boilerplate),
                json.dumps(a.warnings),
                digests[a.id],
                a.story,
            )
            for a in articles
        ],
    )
    db.executemany(
        "INSERT OR REPLACE INTO texts VALUES (?, ?)",
        [(a.id, a.text) for a in articles if a.id not in keep_text],
    )


def _is_record_path(path: str) -> bool:
    head, sep, tail = path.rpartition(":")
    return bool(sep) and tail.isdigit()
