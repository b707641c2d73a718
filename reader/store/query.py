"""Reading a built index: `FactIndex` answers the reader's questions with named queries,
without loading every article's text into memory."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from reader.figures.history import History, history, stored_reading
from reader.models import (
    Article,
    ArticleSummary,
    Entity,
    FactSummary,
    FigureGroup,
    FigureMention,
    Mark,
    Mention,
    MentionRow,
    Problem,
)
from reader.quotes import QuoteVariant, StatementSummary
from reader.store.schema import (
    FIGURE_COLUMNS,
    QUOTE_COLUMNS,
    article_digest,
    figure_mention,
    figure_mention_row,
    stored_quote,
)
from reader.stories import Story
from reader.values import is_number

FigureGroupInfo = tuple[str, str, str, int]
"""A figure group's (id, label, kind, articles)."""

T = TypeVar("T")


def _cut_context(window: str, first: int, start: int, end: int, width: int) -> tuple[str, int, int]:
    """The context line of text[start:end] from `window`, the text from offset `first` to
    `width` past the span: the paragraph trimmed to about `width` characters around it."""
    ends_text = first + len(window) < end + width + 1
    start, end = start - first, end - first
    # Where the window is cut mid-line, the line goes on beyond it: past `width`.
    line_start = window.rfind("\n", 0, start) + 1 or (-width if first else 0)
    line_end = window.find("\n", end)
    if line_end < 0:
        line_end = len(window) if ends_text else len(window) + width
    lo = max(line_start, start - width // 2)
    hi = min(line_end, max(end + width // 2, lo + width), len(window))
    if lo > line_start:
        lo = window.find(" ", lo, start) + 1 or lo
    prefix = "…" if lo > line_start else ""
    suffix = "…" if hi < line_end else ""
    return prefix + window[lo:hi] + suffix, start - lo + len(prefix), end - lo + len(prefix)


WALK_MENTIONS = 1000
"""From this many mentions on, a fact's first mentions by date are found by walking the
articles in date order instead of sorting all its mentions."""

_ORDERS = {
    "date": "date IS NULL, date, id",
    "outlet": "outlet IS NULL, outlet COLLATE NOCASE, date, id",
    "title": "title COLLATE NOCASE, id",
    "story": "story_seq, date IS NULL, date, id",
    "id": "id",
}
"""The article orders, as the indexes on `articles` spell them."""


STORY_COUNTS_MAX = 400
"""Up to this many articles in a story, the sidebar counts a name's articles in the story."""

_STATEMENTS = (
    "SELECT id, story, speaker, speaker_name, words, quotes, articles, outlets, origins,"
    " verdict, divergence, misattributed FROM statements"
)
_SUMMARIES = "SELECT id, title, outlet, date, words, path, story, origin FROM articles"
"""The columns of an `ArticleSummary`."""

MMAP_SIZE = 2**31 - 2**16
"""Bytes of the index file read through a memory map (SQLite's default ceiling)."""


class FactIndex:
    """A built index, opened read-only from its SQLite file. Safe to share between threads."""

    def __init__(self, db_path: Path, name: str = "corpus") -> None:
        self.db_path = Path(db_path)
        self.name = name
        """The corpus' short name (folder name, or "seeds")."""
        self._lock = threading.Lock()
        # Every connection is opened now, on the same file: a build that replaces the index
        # meanwhile (another terminal) makes a new file, and this index goes on reading the
        # generation it opened, whole, until it is closed (`replaced` says when).
        self._generation = _file_identity(self.db_path)
        self._db = sqlite3.connect(
            f"file:{self.db_path}?mode=ro", uri=True, check_same_thread=False
        )
        # Read pages straight from the OS cache: a fact's first hundred contexts come from a
        # hundred articles' texts (20 ms -> 10 ms the first time, at 37k articles).
        self._db.execute(f"PRAGMA mmap_size={MMAP_SIZE}")
        meta = dict(self._db.execute("SELECT key, value FROM meta"))
        self.root = Path(meta.get("root", "."))
        """The corpus root folder."""
        self._scan_db = sqlite3.connect(
            f"file:{self.db_path}?mode=ro", uri=True, check_same_thread=False
        )
        self._scan_db.execute("SELECT 1 FROM meta LIMIT 1").fetchall()  # opens the file now
        self._scan_lock = threading.Lock()
        self._article_cache = lru_cache(maxsize=64)(self._load_article)
        self._derived: dict[str, object] = {}
        self._lookup_lock = threading.Lock()

    def prefetch(self) -> None:
        """Ask the OS to read the index file into its cache, in the background (returns at
        once). On a cold cache the first look at a common name reads its mentions from disk:
        0.6 s at 37k articles, where a cached file answers in 5 ms."""
        advise = getattr(os, "posix_fadvise", None)
        if advise is None:
            return
        try:
            fd = os.open(self.db_path, os.O_RDONLY)
            try:
                advise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
            finally:
                os.close(fd)
        except OSError:
            pass  # only a hint

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()
        with self._scan_lock:
            self._scan_db.close()

    @property
    def replaced(self) -> bool:
        """Whether another build has replaced the index file since this index was opened
        (this one still reads the generation it opened)."""
        return _file_identity(self.db_path) != self._generation

    def verify(self) -> None:
        """Check every page of the index (SQLite's quick_check); raises sqlite3.DatabaseError
        when the file is damaged."""
        problems = [r[0] for r in self._rows("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise sqlite3.DatabaseError("; ".join(map(str, problems)))

    def _rows(self, sql: str, args: Sequence[object] = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def _rows_in(self, sql: str, keys: Sequence[str]) -> list[tuple]:
        """Rows of `sql`, whose `{}` is filled with placeholders for `keys`, 500 at a time
        (SQLite caps the number of parameters)."""
        rows: list[tuple] = []
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            rows += self._rows(sql.format(",".join("?" * len(chunk))), chunk)
        return rows

    # -- counts and lists

    @property
    def article_count(self) -> int:
        """Number of articles."""
        return int(self._rows("SELECT count(*) FROM articles")[0][0])

    @property
    def entity_count(self) -> int:
        """Number of linked entities."""
        return int(self._rows("SELECT count(*) FROM entities")[0][0])

    @property
    def group_count(self) -> int:
        """Number of figure groups."""
        return int(self._rows("SELECT count(*) FROM groups")[0][0])

    @property
    def story_count(self) -> int:
        """Number of stories (`reader.stories`)."""
        return int(self._rows("SELECT count(*) FROM stories")[0][0])

    @property
    def statement_count(self) -> int:
        """Number of statements (`reader.quotes`)."""
        return int(self._rows("SELECT count(*) FROM statements")[0][0])

    # -- stories

    def stories(self) -> list[Story]:
        """Every story, the most articles first (then the earliest), with its articles by date."""
        members: dict[str, list[str]] = {}
        for aid, story in self._rows(f"SELECT id, story FROM articles ORDER BY {_ORDERS['story']}"):
            members.setdefault(story, []).append(aid)
        return [
            Story(sid, title, tuple(members.get(sid, ())), first, last, tuple(json.loads(o)), n)
            for sid, title, first, last, o, n in self._rows(
                "SELECT id, title, first, last, outlets, origins FROM stories"
                " ORDER BY articles DESC, first IS NULL, first, id"
            )
        ]

    def has_story(self, story_id: str) -> bool:
        """Whether the index has this story."""
        return bool(self._rows("SELECT 1 FROM stories WHERE id = ?", (story_id,)))

    def story(self, story_id: str) -> Story:
        """One story with its articles by date. Raises KeyError for an unknown id."""
        rows = self._rows(
            "SELECT id, title, first, last, outlets, origins FROM stories WHERE id = ?",
            (story_id,),
        )
        if not rows:
            raise KeyError(story_id)
        sid, title, first, last, outlets, origins = rows[0]
        ids = self._rows(
            f"SELECT id FROM articles WHERE story = ? ORDER BY {_ORDERS['story']}", (story_id,)
        )
        return Story(
            sid, title, tuple(a for (a,) in ids), first, last, tuple(json.loads(outlets)), origins
        )

    def same_figure_elsewhere(
        self, group_id: str, limit: int = 8
    ) -> list[tuple[MentionRow, str | None]]:
        """Mentions of the same counted thing with one of the group's values, in other stories
        (each with its story's title): worth seeing, never to be compared. Counts, percentages
        and sums only; one an article, at most `limit`, the earliest first."""
        rows = self._rows(
            'SELECT f2.article, min(f2.start), f2."end", f2.text, f2.value, f2.unit,'
            " f2.qualifier, s.title, a.date FROM figures f1"
            " JOIN figures f2 ON CAST(f2.value AS REAL) = CAST(f1.value AS REAL)"
            " AND f2.value = f1.value AND f2.unit = f1.unit AND f2.kind = f1.kind"
            " AND f2.counted IS f1.counted"
            " JOIN groups g1 ON g1.id = f1.grp JOIN groups g2 ON g2.id = f2.grp"
            " JOIN articles a ON a.id = f2.article LEFT JOIN stories s ON s.id = g2.story"
            " WHERE f1.grp = ? AND f1.kind IN ('count', 'percent', 'money')"
            " AND f1.counted IS NOT NULL AND g2.story IS NOT g1.story"
            " GROUP BY f2.article ORDER BY a.date IS NULL, a.date, f2.article LIMIT ?",
            (group_id, limit),
        )
        return [(figure_mention_row(r[:7]), r[7]) for r in rows]

    def disputes_by_story(self) -> dict[str, int]:
        """How many figure groups of each story give different values (stories with none are
        left out)."""
        return dict(
            self._rows(
                "SELECT g.story, count(*) FROM groups g JOIN differing d ON d.grp = g.id"
                " WHERE g.story IS NOT NULL GROUP BY g.story"
            )
        )

    def origins_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The origin (the article whose copy it reprints, or itself) of each article."""
        return dict(
            self._rows_in("SELECT id, origin FROM articles WHERE id IN ({})", list(article_ids))
        )

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Files and records skipped or read with a loss, in the order found."""
        return tuple(Problem(s, r) for s, r in self._rows("SELECT source, reason FROM problems"))

    def articles(
        self, order: str = "date", limit: int | None = None, story: str | None = None
    ) -> list[ArticleSummary]:
        """Every article (the first `limit` only; those of `story` only), sorted by `order`:
        date (undated last), outlet, title, story or id. The first screenful of 37,554 takes a
        tenth of the time of all."""
        where, args = ("", ()) if story is None else (" WHERE story = ?", (story,))
        return [
            ArticleSummary(*row)
            for row in self._rows(
                _SUMMARIES
                + where
                + f" ORDER BY {_ORDERS.get(order, 'id')}"
                + ("" if limit is None else f" LIMIT {int(limit)}"),
                args,
            )
        ]

    def article_ids(self, order: str = "date", story: str | None = None) -> list[str]:
        """Every article's id (those of `story` only), sorted as `articles` sorts them (read
        from an index: 37,554 in a fifth of the time of their list rows)."""
        where, args = ("", ()) if story is None else (" WHERE story = ?", (story,))
        return [
            r[0]
            for r in self._rows(
                f"SELECT id FROM articles{where} ORDER BY {_ORDERS.get(order, 'id')}", args
            )
        ]

    def story_names(self, story_id: str, limit: int = 8) -> list[tuple[str, int]]:
        """The names most of a story's articles share: (canonical name, articles naming it),
        the most shared first (what tells why these articles are one story)."""
        return self._rows(
            "SELECT e.name, count(DISTINCT n.article) AS k FROM articles a"
            " JOIN names n ON n.article = a.id JOIN entities e ON e.id = n.entity"
            " WHERE a.story = ? GROUP BY n.entity ORDER BY k DESC, e.mentions DESC, e.name"
            " LIMIT ?",
            (story_id, limit),
        )

    def summaries(self, ids: Sequence[str]) -> list[ArticleSummary]:
        """The list rows of these articles, in no particular order."""
        return [
            ArticleSummary(*row) for row in self._rows_in(_SUMMARIES + " WHERE id IN ({})", ids)
        ]

    def article(self, article_id: str) -> Article:
        """The article with its text. Raises KeyError for an unknown id."""
        return self._article_cache(article_id)

    def _load_article(self, article_id: str) -> Article:
        rows = self._rows(
            "SELECT a.id, a.path, a.title, t.text, a.outlet, a.date, a.url, a.author,"
            " a.boilerplate, a.warnings, a.given_story, a.digest"
            " FROM articles a JOIN texts t ON t.id = a.id"
            " WHERE a.id = ?",
            (article_id,),
        )
        if not rows:
            raise KeyError(article_id)
        aid, path, title, text, outlet, date, url, author, bp, warnings, story, digest = rows[0]
        article = Article(
            id=aid,
            path=path,
            title=title,
            text=text,
            outlet=outlet,
            date=date,
            url=url,
            author=author,
            boilerplate=tuple(tuple(s) for s in json.loads(bp)),
            warnings=tuple(json.loads(warnings)),
            story=story,
        )
        if article_digest(article) != digest:
            # Bytes changed inside the file: never show a text other than the one indexed.
            raise sqlite3.DatabaseError(f"article {aid}: its stored text does not match its digest")
        return article

    def summary(self, article_id: str) -> ArticleSummary:
        """The list row of one article."""
        rows = self._rows(_SUMMARIES + " WHERE id = ?", (article_id,))
        if not rows:
            raise KeyError(article_id)
        return ArticleSummary(*rows[0])

    # -- facts of one article

    def facts_in(self, article_id: str) -> list[FactSummary]:
        """The names of one article, most mentioned first, then its figures and the
        statements it quotes, in text order."""
        names = self._rows(
            "SELECT e.id, e.name, e.kind, count(*), e.mentions, e.articles FROM names n"
            " JOIN entities e ON e.id = n.entity WHERE n.article = ?"
            " GROUP BY e.id ORDER BY count(*) DESC, e.articles DESC, e.name",
            (article_id,),
        )
        figures = self._rows(
            "SELECT g.id, g.label, g.kind, count(*), g.mentions, g.articles FROM figures f"
            " JOIN groups g ON g.id = f.grp WHERE f.article = ?"
            " GROUP BY g.id ORDER BY min(f.start)",
            (article_id,),
        )
        statements = self._rows(
            # This article's words for the statement: its first quote of it (SQLite takes a
            # bare column from the row that gives the min()).
            "SELECT s.id, s.speaker_name, q.text, count(*), s.quotes, s.articles, min(q.start)"
            " FROM quotes q JOIN statements s ON s.id = q.statement WHERE q.article = ?"
            " GROUP BY s.id ORDER BY min(q.start)",
            (article_id,),
        )
        in_story = self._names_in_story(article_id) if names else {}
        return (
            [
                FactSummary(eid, name, kind, here, mentions, articles, in_story.get(eid))
                for eid, name, kind, here, mentions, articles in names
            ]
            + [FactSummary(*r) for r in figures]
            + [
                FactSummary(sid, statement_label_of(who, words), "quote", here, n, articles)
                for sid, who, words, here, n, articles, _ in statements
            ]
        )

    def _names_in_story(self, article_id: str) -> dict[str, int]:
        """Entity id -> articles of this article's story that name it, for the entities this
        article names; empty for a story of one article or of more than STORY_COUNTS_MAX
        (counting them would slow every article's opening)."""
        rows = self._rows(
            "SELECT count(*) FROM articles WHERE story = (SELECT story FROM articles WHERE id = ?)",
            (article_id,),
        )
        size = int(rows[0][0]) if rows else 0
        if not 1 < size <= STORY_COUNTS_MAX:
            return {}
        return dict(
            self._rows(
                "SELECT n2.entity, count(DISTINCT n2.article) FROM articles a"
                " JOIN names n2 ON n2.article = a.id"
                " WHERE a.story = (SELECT story FROM articles WHERE id = ?)"
                " AND n2.entity IN (SELECT entity FROM names WHERE article = ?)"
                " GROUP BY n2.entity",
                (article_id, article_id),
            )
        )

    def marks_in(self, article_id: str) -> list[Mark]:
        """Every linked name and grouped figure span of an article, by offset."""
        rows = self._rows(
            'SELECT n.start, n."end", n.entity, e.kind FROM names n'
            " JOIN entities e ON e.id = n.entity"
            " WHERE n.article = ?"
            ' UNION ALL SELECT f.start, f."end", f.grp, g.kind FROM figures f'
            " JOIN groups g ON g.id = f.grp WHERE f.article = ? ORDER BY 1",
            (article_id, article_id),
        )
        return [Mark(*r) for r in rows]

    # -- one fact across the corpus

    def fact_label(self, fact_id: str) -> tuple[str, str]:
        """(label, kind) of a fact. Raises KeyError for an unknown id."""
        if fact_id.startswith("q:"):
            statement = self.statement(fact_id)
            if statement is None:
                raise KeyError(fact_id)
            return statement_label(statement), "quote"
        table, col = ("groups", "label") if fact_id.startswith("f:") else ("entities", "name")
        rows = self._rows(f"SELECT {col}, kind FROM {table} WHERE id = ?", (fact_id,))
        if not rows:
            raise KeyError(fact_id)
        return rows[0][0], rows[0][1]

    def mentions_of(
        self, fact_id: str, limit: int | None = None, story: str | None = None
    ) -> list[MentionRow]:
        """Mentions of a fact, ordered by article date then offset (the first `limit` only);
        for a name and a `story`, that story's mentions first (a figure group lies in one)."""
        tail = "" if limit is None else f" LIMIT {int(limit)}"
        # The first few hundred of a fact mentioned 100k times: walk the articles by date and
        # look each up (20 ms), rather than sort every mention (150 ms). Rare facts sort.
        walk = limit is not None and self.fact_counts(fact_id)[0] > WALK_MENTIONS
        if fact_id.startswith("q:"):  # a statement lies in one story, and has few quotes
            rows = self._rows(
                'SELECT q.article, q.start, q."end", q.text'
                " FROM quotes q JOIN articles a ON a.id = q.article WHERE q.statement = ?"
                " ORDER BY a.date IS NULL, a.date, a.id, q.start" + tail,
                (fact_id,),
            )
            return [MentionRow(*r) for r in rows]
        if fact_id.startswith("f:"):
            source = (
                "FROM articles a CROSS JOIN figures f ON f.grp = ? AND f.article = a.id"
                if walk
                else "FROM figures f JOIN articles a ON a.id = f.article WHERE f.grp = ?"
            )
            rows = self._rows(
                'SELECT f.article, f.start, f."end", f.text, f.value, f.unit, f.qualifier '
                + source
                + " ORDER BY a.date IS NULL, a.date, a.id, f.start"
                + tail,
                (fact_id,),
            )
            return [figure_mention_row(r) for r in rows]
        first: list[tuple] = []
        if story is not None:  # this story's mentions first, then the others
            first = self._rows(
                'SELECT n.article, n.start, n."end", n.text FROM articles a'
                " JOIN names n ON n.article = a.id AND n.entity = ? WHERE a.story = ?"
                " ORDER BY a.date IS NULL, a.date, a.id, n.start" + tail,
                (fact_id, story),
            )
            if limit is not None:
                tail = f" LIMIT {max(int(limit) - len(first), 0)}"
        source = (
            "FROM articles a CROSS JOIN names n ON n.entity = ? AND n.article = a.id"
            + (" WHERE a.story IS NOT ?" if story is not None else "")
            if walk
            else "FROM names n JOIN articles a ON a.id = n.article WHERE n.entity = ?"
            + (" AND a.story IS NOT ?" if story is not None else "")
        )
        rows = self._rows(
            'SELECT n.article, n.start, n."end", n.text '
            + source
            + " ORDER BY a.date IS NULL, a.date, a.id, n.start"
            + tail,
            (fact_id,) if story is None else (fact_id, story),
        )
        return [MentionRow(*r) for r in first + rows]

    def fact_articles(self, fact_id: str) -> list[str]:
        """Ids of the articles that mention a fact, read from the fact's index alone."""
        table, column = _fact_table(fact_id)
        return [
            a
            for (a,) in self._rows(
                f"SELECT DISTINCT article FROM {table} WHERE {column} = ?", (fact_id,)
            )
        ]

    def mention_near(
        self, fact_id: str, article_id: str, offset: int, direction: int, inclusive: bool = False
    ) -> MentionRow | None:
        """A fact's first mention in an article after `offset` (direction 1; at it too when
        `inclusive`), or its last before it (direction -1); None when there is none."""
        op = (">=" if inclusive else ">") if direction > 0 else "<"
        order = "" if direction > 0 else " DESC"
        if fact_id.startswith("q:"):
            rows = self._rows(
                'SELECT q.article, q.start, q."end", q.text'
                " FROM quotes q WHERE q.statement = ?"
                f" AND q.article = ? AND q.start {op} ? ORDER BY q.start{order} LIMIT 1",
                (fact_id, article_id, offset),
            )
            return MentionRow(*rows[0]) if rows else None
        if fact_id.startswith("f:"):
            rows = self._rows(
                'SELECT article, start, "end", text, value, unit, qualifier FROM figures'
                f" WHERE grp = ? AND article = ? AND start {op} ? ORDER BY start{order} LIMIT 1",
                (fact_id, article_id, offset),
            )
            return figure_mention_row(rows[0]) if rows else None
        rows = self._rows(
            'SELECT article, start, "end", text FROM names'
            f" WHERE entity = ? AND article = ? AND start {op} ? ORDER BY start{order} LIMIT 1",
            (fact_id, article_id, offset),
        )
        return MentionRow(*rows[0]) if rows else None

    def distinct_values(self, group_id: str) -> list[MentionRow]:
        """One mention for each value a figure group gives (enough to tell the spread)."""
        rows = self._rows(
            'SELECT article, start, "end", text, value, unit, qualifier FROM figures'
            " WHERE grp = ? GROUP BY value",
            (group_id,),
        )
        return [figure_mention_row(r) for r in rows]

    def fact_counts(self, fact_id: str) -> tuple[int, int]:
        """(mentions, articles) of a fact; (0, 0) for an unknown id."""
        if fact_id.startswith("q:"):
            table, mentions = "statements", "quotes"
        else:
            table, mentions = ("groups" if fact_id.startswith("f:") else "entities"), "mentions"
        rows = self._rows(f"SELECT {mentions}, articles FROM {table} WHERE id = ?", (fact_id,))
        return (int(rows[0][0]), int(rows[0][1])) if rows else (0, 0)

    def fact_sources(self, fact_id: str) -> tuple[int, int]:
        """(outlets, independent origins) of the articles that mention a fact: forty reprints
        of one wire copy are forty articles but one origin. An article of unknown outlet
        counts as an outlet of its own (outlet names are never empty, so "#id" cannot clash)."""
        table, column = _fact_table(fact_id)
        rows = self._rows(
            "SELECT count(DISTINCT coalesce(a.outlet, '#' || a.id)),"
            " count(DISTINCT coalesce(a.origin, a.id)) FROM articles a"
            f" WHERE a.id IN (SELECT article FROM {table} WHERE {column} = ?)",
            (fact_id,),
        )
        return (int(rows[0][0]), int(rows[0][1])) if rows else (0, 0)

    def figure_changes(self, group_id: str) -> tuple[int, bool]:
        """(updates, disputed) of a figure group's history, as the build found them; (0,
        False) for an unknown id."""
        rows = self._rows("SELECT updates, disputed FROM groups WHERE id = ?", (group_id,))
        return (int(rows[0][0]), bool(rows[0][1])) if rows else (0, False)

    def differing_groups(self, ids: Iterable[str]) -> set[str]:
        """The figure groups among `ids` that are disputed: outlets give values that cannot
        both hold and are not an update (decided at build: `FigureGroup.disputed`); and the
        statements among them whose outlets' wordings differ."""
        ids = list(ids)
        wanted = [i for i in ids if i.startswith("f:")]
        found = {r[0] for r in self._rows_in("SELECT grp FROM differing WHERE grp IN ({})", wanted)}
        said = [i for i in ids if i.startswith("q:")]
        return found | {
            r[0]
            for r in self._rows_in(
                "SELECT id FROM statements WHERE id IN ({}) AND verdict IN"
                " ('words differ', 'different speakers')",
                said,
            )
        }

    # -- quotes

    def statements(
        self,
        story: str | None = None,
        speaker: str | None = None,
        shared: bool = False,
        limit: int | None = None,
    ) -> list[StatementSummary]:
        """The statements of one story (every story when None), of one speaker entity when
        given, only those two or more articles carry when `shared`; the most outlets first,
        then the most divergent wordings; the first `limit` only, when given."""
        where, args = self._statement_filter(story, speaker, shared)
        sql = _STATEMENTS + where + " ORDER BY outlets DESC, divergence DESC, quotes DESC, id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_statement(r) for r in self._rows(sql, args)]

    def statement_total(
        self, story: str | None = None, speaker: str | None = None, shared: bool = False
    ) -> int:
        """How many statements `statements` would list without a limit."""
        where, args = self._statement_filter(story, speaker, shared)
        return int(self._rows("SELECT count(*) FROM statements" + where, args)[0][0])

    @staticmethod
    def _statement_filter(
        story: str | None, speaker: str | None, shared: bool
    ) -> tuple[str, list[object]]:
        where: list[str] = []
        args: list[object] = []
        if story is not None:
            where.append("story = ?")
            args.append(story)
        if speaker is not None:
            where.append("speaker = ?")
            args.append(speaker)
        if shared:
            where.append("articles > 1")
        return (" WHERE " + " AND ".join(where) if where else ""), args

    def statement(self, statement_id: str) -> StatementSummary | None:
        """One statement, or None for an unknown id."""
        rows = self._rows(_STATEMENTS + " WHERE id = ?", (statement_id,))
        return _statement(rows[0]) if rows else None

    def quotes_in(self, article_id: str) -> list[QuoteVariant]:
        """The quotes of one article, in text order."""
        return self._variants("q.article = ? ORDER BY q.start", (article_id,))

    def statement_quotes(self, statement_id: str) -> list[QuoteVariant]:
        """A statement's variants, the earliest article first (as `mentions_of` lists them)."""
        return self._variants(
            "q.statement = ? ORDER BY a.date IS NULL, a.date, a.id, q.start",
            (statement_id,),
        )

    def all_quotes(self) -> list[QuoteVariant]:
        """Every quote, by story (as articles are listed) then article and offset."""
        return self._variants(
            "1 ORDER BY a.story_seq, a.date IS NULL, a.date, q.article, q.start", ()
        )

    def statement_members(self) -> list[tuple[str, str, int]]:
        """(statement, article, start) of every quote in a statement, in the order
        `all_quotes` lists them: what the export needs, without the quotes' words."""
        return self._rows(
            "SELECT q.statement, q.article, q.start FROM quotes q JOIN articles a"
            " ON a.id = q.article WHERE q.statement IS NOT NULL"
            " ORDER BY a.story_seq, a.date IS NULL, a.date, q.article, q.start"
        )

    def _variants(self, where: str, args: Sequence[object]) -> list[QuoteVariant]:
        cols = ", ".join(f"q.{c.strip()}" for c in QUOTE_COLUMNS.split(","))
        rows = self._rows(
            f"SELECT {cols}, q.statement,"
            " q.entity, a.outlet, a.date, a.title, coalesce(a.origin, a.id) FROM quotes q"
            " JOIN articles a ON a.id = q.article"
            f" WHERE {where}",
            args,
        )
        return [QuoteVariant(stored_quote(r[:12]), *r[12:]) for r in rows]

    def variants_of(self, entity_id: str) -> tuple[str, ...]:
        """Every spelling of an entity, canonical first."""
        rows = self._rows("SELECT variants FROM entities WHERE id = ?", (entity_id,))
        return tuple(json.loads(rows[0][0])) if rows else ()

    def could_be(self, entity_id: str) -> tuple[str, ...]:
        """For a bare name linking left apart ("Warren"), the full names of its story it could
        stand for ("Elizabeth Warren", "Mark Warren"); () otherwise."""
        rows = self._rows("SELECT ambiguous FROM entities WHERE id = ?", (entity_id,))
        return tuple(json.loads(rows[0][0])) if rows and rows[0][0] else ()

    def entity(self, entity_id: str) -> Entity:
        """The whole entity. Raises KeyError for an unknown id."""
        rows = self._rows(
            "SELECT id, name, kind, variants FROM entities WHERE id = ?", (entity_id,)
        )
        if not rows:
            raise KeyError(entity_id)
        eid, name, kind, variants = rows[0]
        mentions = tuple(
            Mention(*r)
            for r in self._rows(
                'SELECT article, start, "end", text FROM names WHERE entity = ?'
                " ORDER BY article, start",
                (eid,),
            )
        )
        return Entity(eid, name, kind, tuple(json.loads(variants)), mentions)

    def entities(self) -> Iterator[Entity]:
        """Every entity, most mentioned first."""
        for (eid,) in self._rows("SELECT id FROM entities ORDER BY mentions DESC, id"):
            yield self.entity(eid)

    def figure_group(self, group_id: str) -> FigureGroup:
        """The whole figure group. Raises KeyError for an unknown id."""
        rows = self._rows(
            "SELECT id, label, kind, story, counted, whom, part_of, updates, disputes, score"
            " FROM groups WHERE id = ?",
            (group_id,),
        )
        if not rows:
            raise KeyError(group_id)
        gid, label, kind, story, counted, whom, part_of, updates, disputes, score = rows[0]
        mentions = tuple(
            figure_mention(row)
            for row in self._rows(
                f"SELECT {FIGURE_COLUMNS} FROM figures WHERE grp = ? ORDER BY article, start",
                (gid,),
            )
        )
        return FigureGroup(
            gid, label, kind, mentions, story, counted, whom, part_of, updates, disputes, score
        )

    def figure_history(self, group_id: str) -> History:
        """The history of a figure group's quantity (`reader.figures.history`): its readings
        in as-of order with each one's outlet, its updates and disputes. Raises KeyError for
        an unknown id."""
        group = self.figure_group(group_id)
        outlets = dict(
            self._rows_in(
                "SELECT id, outlet FROM articles WHERE id IN ({})",
                sorted({m.article for m in group.mentions}),
            )
        )
        return history(
            stored_reading(m, outlets.get(m.article)) for m in group.mentions if is_number(m.value)
        )

    def figure_groups(self) -> Iterator[FigureGroup]:
        """Every figure group, most articles first."""
        for (gid,) in self._rows("SELECT id FROM groups ORDER BY articles DESC, mentions DESC, id"):
            yield self.figure_group(gid)

    def context(
        self, article_id: str, start: int, end: int, width: int = 120
    ) -> tuple[str, int, int]:
        """A line of context around a span: (line, span start in line, span end in line)."""
        found = self.contexts([(article_id, start, end)], width)
        if not found:
            raise KeyError(article_id)
        return found[0]

    def contexts(
        self, spans: Sequence[tuple[str, int, int]], width: int = 120
    ) -> list[tuple[str, int, int]]:
        """`context` of many (article, start, end) spans, in one query (those of unknown
        articles are left out).

        Reads only the text around each span (SQLite's substr), not whole articles: a fact
        detail asks for a hundred articles' contexts at once, on the UI thread."""
        out: list[tuple[str, int, int]] = []
        for i in range(0, len(spans), 200):  # SQLite caps the parameters of one statement
            chunk = spans[i : i + 200]
            # Every offset the trimming below can reach lies within `width` of the span.
            firsts = [max(start - width, 0) for _, start, _ in chunk]
            args: list[object] = []
            for n, ((aid, _, end), first) in enumerate(zip(chunk, firsts, strict=True)):
                args += [n, aid, first + 1, end + width + 1 - first]
            rows = self._rows(
                "WITH w(n, id, at, len) AS (VALUES "
                + ",".join(["(?, ?, ?, ?)"] * len(chunk))
                + ") SELECT w.n, substr(t.text, w.at, w.len) FROM w JOIN texts t ON t.id = w.id"
                " ORDER BY w.n",
                args,
            )
            for n, window in rows:
                _, start, end = chunk[n]
                out.append(_cut_context(window, firsts[n], start, end, width))
        return out

    # -- derived structures (search lookups)

    def derived(self, key: str, build: Callable[[], T]) -> T:
        """A structure derived from this index (such as a search lookup), built by `build` the
        first time it is asked for and kept as long as the index is open."""
        with self._lookup_lock:
            if key not in self._derived:
                self._derived[key] = build()
            return self._derived[key]  # type: ignore[return-value]  # stored by `build` for `key`

    def has_derived(self, *keys: str) -> bool:
        """Whether the derived structures `keys` are built already."""
        return all(key in self._derived for key in keys)

    def titles_by_date(self) -> list[tuple[str, str]]:
        """(id, title) of every article, by date."""
        return self._rows("SELECT id, title FROM articles ORDER BY date, id")

    def group_labels_by_reach(self) -> list[tuple[str, str]]:
        """(id, label) of every figure group, the most articles first."""
        return self._rows("SELECT id, label FROM groups ORDER BY articles DESC, mentions DESC, id")

    def all_variants(self) -> list[tuple[str, str, str]]:
        """(entity id, canonical name, variant) for every variant, for fuzzy name search."""
        out = []
        for eid, name, variants in self._rows("SELECT id, name, variants FROM entities"):
            for v in json.loads(variants):
                out.append((eid, name, v))
        return out

    def grouped_figures(
        self, min_articles: int, story: str | None = None, ids: Iterable[str] | None = None
    ) -> Iterator[tuple[FigureGroupInfo, FigureMention]]:
        """Every mention of every figure group given by at least `min_articles` articles (of
        `story` only, when given; or of the groups `ids` only, when given), with its group's
        (id, label, kind, articles)."""
        columns = ", ".join("f." + c.strip() for c in FIGURE_COLUMNS.split(","))
        select = (
            f"SELECT g.id, g.label, g.kind, g.articles, {columns}"
            f" FROM groups g JOIN figures f ON f.grp = g.id WHERE g.articles >= {int(min_articles)}"
        )
        if ids is not None:
            rows = self._rows_in(select + " AND g.id IN ({})", sorted(set(ids)))
        elif story is not None:
            rows = self._rows(select + " AND g.story = ?", (story,))
        else:
            rows = self._rows(select)
        for row in rows:
            yield (row[0], row[1], row[2], row[3]), figure_mention(row[4:])

    def figure_board_order(
        self, story: str | None = None, limit: int | None = None
    ) -> list[tuple[str, int, int]]:
        """The figure groups given by two or more articles (of `story` only, when given), in
        the figure board's order: most disputes first, then the most deserving a look (the
        build's `FigureGroup.score`), the most updates, articles and mentions; each as
        (id, disputes, updates). At most `limit` of them."""
        where, args = ("", ()) if story is None else (" AND story = ?", (story,))
        return self._rows(
            # `articles >= 2` as written in the partial index groups_board, so it is used.
            "SELECT id, disputes, updates FROM groups WHERE articles >= 2"
            + where
            + " ORDER BY disputes DESC, score DESC, updates DESC, articles DESC, mentions DESC,"
            " id" + ("" if limit is None else f" LIMIT {int(limit)}"),
            args,
        )

    def figure_board_total(self, story: str | None = None) -> tuple[int, int]:
        """How many groups `figure_board_order` lists without a limit, and how many of them
        are disputed."""
        where, args = ("", ()) if story is None else (" AND story = ?", (story,))
        total, disputed = self._rows(
            "SELECT count(*), count(*) FILTER (WHERE disputes > 0) FROM groups"
            " WHERE articles >= 2" + where,
            args,
        )[0]
        return int(total), int(disputed or 0)

    def fact_article_pairs(self) -> list[tuple[str, str]]:
        """(fact id, article id) for every fact (entity or figure group) and article naming it."""
        return self._rows(
            "SELECT DISTINCT entity, article FROM names WHERE entity IS NOT NULL"
            " UNION SELECT DISTINCT grp, article FROM figures WHERE grp IS NOT NULL"
        )

    def fact_infos(self) -> list[tuple[str, str, str, int]]:
        """(id, name or label, kind, mentions) of every entity and figure group."""
        return self._rows(
            "SELECT id, name, kind, mentions FROM entities"
            " UNION ALL SELECT id, label, kind, mentions FROM groups"
        )

    def figures_valued(self, number: float, limit: int) -> list[tuple[str, str, str]]:
        """(group id, group label, text as written) of figures whose value is `number`."""
        return self._rows(
            "SELECT DISTINCT f.grp, g.label, f.text FROM figures f JOIN groups g ON g.id = f.grp"
            " WHERE CAST(f.value AS REAL) = ? LIMIT ?",
            (number, limit),
        )

    def group_ids(self) -> list[str]:
        """Every figure group's id."""
        return [gid for (gid,) in self._rows("SELECT id FROM groups")]

    def texts_containing(
        self, needle: str, limit: int, cancelled: Callable[[], bool] | None = None
    ) -> list[tuple[str, str, int]]:
        """(article id, title, offset) of the articles whose text contains `needle` (case
        folded as SQLite's `lower` does), with the offset of its first occurrence. It reads every
        text, so it gives up, returning nothing, as soon as `cancelled()` is true."""
        like = "%" + needle.replace("%", r"\%").replace("_", r"\_") + "%"
        rows = self._scan(
            "SELECT a.id, a.title, instr(lower(t.text), lower(?)) FROM texts t"
            " JOIN articles a ON a.id = t.id"
            " WHERE t.text LIKE ? ESCAPE '\\' LIMIT ?",
            (needle, like, limit),
            cancelled,
        )
        return [(aid, title, max(int(pos) - 1, 0)) for aid, title, pos in rows]

    def _scan(
        self,
        sql: str,
        args: Sequence[object] = (),
        cancelled: Callable[[], bool] | None = None,
    ) -> list[tuple]:
        """Run a slow read-only query (one that reads every text) on a connection of its own,
        so quick queries never wait behind it; it gives up, returning nothing, as soon as
        `cancelled()` is true."""
        if cancelled is not None and cancelled():
            return []
        with self._scan_lock:
            db = self._scan_db
            db.set_progress_handler(cancelled, 1_000)
            try:
                return db.execute(sql, args).fetchall()
            except sqlite3.OperationalError:
                if cancelled is not None and cancelled():
                    return []
                raise
            finally:
                db.set_progress_handler(None, 0)


def _fact_table(fact_id: str) -> tuple[str, str]:
    """The table of a fact's mentions and the column naming the fact there."""
    if fact_id.startswith("f:"):
        return "figures", "grp"
    if fact_id.startswith("q:"):
        return "quotes", "statement"
    return "names", "entity"


QUOTE_LABEL_WORDS = 8
"""Words of a statement shown in its label."""


def statement_label_of(speaker: str | None, words: str) -> str:
    """A statement as a fact's label: its speaker and its first words."""
    cut = words.split()
    shown = " ".join(cut[:QUOTE_LABEL_WORDS]) + ("…" if len(cut) > QUOTE_LABEL_WORDS else "")
    return f"{speaker or 'unattributed'}: “{shown}”"


def statement_label(statement: StatementSummary) -> str:
    """`statement_label_of` a stored statement."""
    return statement_label_of(statement.speaker_name, statement.words)


def _statement(row: Sequence) -> StatementSummary:
    """A statement from its stored row (`_STATEMENTS`' columns)."""
    sid, story, speaker, name, words, quotes, articles, outlets, origins, verdict, div, mis = row
    return StatementSummary(
        sid,
        story,
        speaker,
        name,
        words,
        quotes,
        articles,
        outlets,
        origins,
        verdict,
        div,
        bool(mis),
    )


def _file_identity(path: Path) -> tuple[int, int, int]:
    """(device, inode, mtime) of a file; a file put in its place by a rename differs."""
    try:
        st = path.stat()
    except OSError:
        return (0, 0, 0)
    return (st.st_dev, st.st_ino, st.st_mtime_ns)
