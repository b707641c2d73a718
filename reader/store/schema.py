"""The index's SQLite schema, and how values are stored in it (one place for both)."""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Sequence
from hashlib import blake2b

from reader.models import Article, FigureMention, FigureValue, MentionRow
from reader.quotes import Quote
from reader.stories import StoryFeatures

SCHEMA_VERSION = 22
"""Bump when the tables or the extraction rules change: older caches are then rebuilt."""


FIGURES_TABLE = """
CREATE TABLE IF NOT EXISTS figures (
    article TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    value TEXT NOT NULL, unit TEXT NOT NULL, qualifier TEXT, counted TEXT, subject TEXT,
    kind TEXT NOT NULL, as_of TEXT, low REAL, high REAL, past INTEGER NOT NULL DEFAULT 0,
    revision TEXT, whole INTEGER, whom TEXT, grp TEXT);
"""
QUOTES_TABLE = """
CREATE TABLE IF NOT EXISTS quotes (
    article TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    speaker_name TEXT, speaker_start INTEGER, speaker_end INTEGER, speaker_full TEXT,
    speaker_kind TEXT, how TEXT, description INTEGER NOT NULL, partial INTEGER NOT NULL,
    entity TEXT, statement TEXT);
"""
"""Each direct quotation (`reader.quotes.Quote`; `text`, its words, is the article's text
from `start` to `end`, kept here so that grouping and listing quotes never read the articles'
texts), its speaker's entity and the statement it renders (both set by
`reader.store.quotes`, after linking)."""

FACT_TABLES = (
    """
CREATE TABLE IF NOT EXISTS names (
    article TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    name TEXT NOT NULL, kind TEXT NOT NULL, entity TEXT);
"""
    + FIGURES_TABLE
    + QUOTES_TABLE
)

STORY_FEATURES_TABLE = """
CREATE TABLE IF NOT EXISTS story_features (
    id TEXT PRIMARY KEY, day INTEGER, outlet TEXT, given TEXT, title TEXT NOT NULL,
    terms BLOB NOT NULL, weights BLOB NOT NULL, sketch BLOB NOT NULL) WITHOUT ROWID;
"""

SHARD_TABLES = (
    FACT_TABLES
    + STORY_FEATURES_TABLE
    + """
CREATE TABLE IF NOT EXISTS failures (path TEXT NOT NULL, reason TEXT NOT NULL);
-- The chunks whose results this shard holds, committed with them: after a worker dies, a
-- chunk is done again only when no shard has it.
CREATE TABLE IF NOT EXISTS chunks (seq INTEGER PRIMARY KEY);
"""
)
"""A worker's shard: everything the per-article stages found in its chunks."""

TABLES = (
    """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER);
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, file TEXT NOT NULL, path TEXT NOT NULL,
    title TEXT NOT NULL, outlet TEXT, date TEXT, url TEXT, author TEXT, words INTEGER NOT NULL,
    boilerplate TEXT NOT NULL, warnings TEXT NOT NULL, digest TEXT NOT NULL,
    given_story TEXT, found_story TEXT, found_origin TEXT, story TEXT, origin TEXT,
    story_seq INTEGER);
-- found_*: what story detection found; story, origin: that with the reader's decisions
-- (seedread.yaml's stories:) applied, what everything else reads; story_seq: the story's
-- place when stories are listed by their first date.
-- Story detection's input for each article (`reader.stories.StoryFeatures`, its int tuples
-- as arrays, in story_features), kept so that an update assigns new articles to stories
-- without re-clustering.
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, first TEXT, last TEXT, outlets TEXT NOT NULL,
    origins INTEGER NOT NULL, articles INTEGER NOT NULL);
-- Texts live apart so listing and sorting 37k articles never pages through their bodies.
CREATE TABLE IF NOT EXISTS texts (id TEXT PRIMARY KEY, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_file ON articles(file);
CREATE TABLE IF NOT EXISTS problems (source TEXT NOT NULL, reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, variants TEXT NOT NULL,
    mentions INTEGER NOT NULL, articles INTEGER NOT NULL, ambiguous TEXT);
-- ambiguous: for a bare name linking left apart, the full names of its story it could stand
-- for (JSON), e.g. "Warren" in a story of Elizabeth and Mark Warren.
-- Linking's input (mentions counted by form) and output (each spelling's entity), kept so
-- that an update relinks from counts and rewrites only the mentions whose entity changed.
-- A form's and a spelling's story: see `FORM_STORY` and `LINKED_NAMES`.
CREATE TABLE IF NOT EXISTS forms (
    name TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, story TEXT NOT NULL,
    n INTEGER NOT NULL, PRIMARY KEY (name, kind, text, story)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS spellings (
    name TEXT NOT NULL, text TEXT NOT NULL, story TEXT NOT NULL, entity TEXT NOT NULL,
    PRIMARY KEY (name, text, story)) WITHOUT ROWID;
-- The figure groups whose outlets give values that cannot both hold (`FigureGroup.disputed`).
CREATE TABLE IF NOT EXISTS differing (grp TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS groups (
    id TEXT PRIMARY KEY, label TEXT NOT NULL, kind TEXT NOT NULL,
    mentions INTEGER NOT NULL, articles INTEGER NOT NULL, story TEXT, counted TEXT, whom TEXT,
    part_of TEXT, updates INTEGER NOT NULL DEFAULT 0, disputed INTEGER NOT NULL DEFAULT 0,
    disputes INTEGER NOT NULL DEFAULT 0, score REAL NOT NULL DEFAULT 0);
-- A story's quotes that render one utterance (`reader.quotes.Statement`): its speaker entity
-- (or NULL), what it says ("first": the longest variant's words), how many quotes, articles,
-- outlets and independent origins carry it, the verdict on its wordings and how far they
-- diverge (0: the same words; 1: nothing in common).
CREATE TABLE IF NOT EXISTS statements (
    id TEXT PRIMARY KEY, story TEXT, speaker TEXT, speaker_name TEXT, words TEXT NOT NULL,
    quotes INTEGER NOT NULL, articles INTEGER NOT NULL, outlets INTEGER NOT NULL,
    origins INTEGER NOT NULL, verdict TEXT NOT NULL, divergence REAL NOT NULL,
    misattributed INTEGER NOT NULL);
"""
    + FACT_TABLES
    + STORY_FEATURES_TABLE
)

# Built after linking, which rewrites the fact tables (`_link` makes names_entity itself):
# inserting into indexed tables is several times slower.
FIGURE_INDEXES = """
CREATE INDEX IF NOT EXISTS figures_article ON figures(article, start);
CREATE INDEX IF NOT EXISTS figures_grp ON figures(grp, article);
CREATE INDEX IF NOT EXISTS figures_number ON figures(CAST(value AS REAL));
"""
LINK_INDEXES = (
    FIGURE_INDEXES
    + """
CREATE INDEX IF NOT EXISTS names_article ON names(article, start);
CREATE INDEX IF NOT EXISTS articles_by_date ON articles(date IS NULL, date, id);
CREATE INDEX IF NOT EXISTS articles_by_outlet ON articles(
    outlet IS NULL, outlet COLLATE NOCASE, date, id);
CREATE INDEX IF NOT EXISTS articles_by_title ON articles(title COLLATE NOCASE, id);
CREATE INDEX IF NOT EXISTS articles_by_story ON articles(story, date IS NULL, date, id);
CREATE INDEX IF NOT EXISTS articles_by_story_seq ON articles(
    story_seq, date IS NULL, date, id);
CREATE INDEX IF NOT EXISTS groups_by_story ON groups(story);
CREATE INDEX IF NOT EXISTS groups_board ON groups(
    disputes DESC, score DESC, updates DESC, articles DESC, mentions DESC, id) WHERE articles >= 2;
"""
)
STATEMENT_INDEXES = """
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article, start);
CREATE INDEX IF NOT EXISTS quotes_statement ON quotes(statement, article);
CREATE INDEX IF NOT EXISTS statements_by_story ON statements(story);
CREATE INDEX IF NOT EXISTS statements_shared ON statements(
    outlets DESC, divergence DESC, quotes DESC, id) WHERE articles > 1;
"""
"""Built after the statements are written (`reader.store.quotes`); the quote board reads
the statements two or more articles quote in its order from `statements_shared`."""


LINKED_NAMES = (
    'SELECT n.article, n.start, n."end", n.text, n.name, n.kind, s.entity FROM names n'
    " LEFT JOIN {spellings} s ON s.name = n.name AND s.text = n.text AND s.story ="
    " CASE WHEN instr(n.name, ' ') OR n.kind NOT IN ('person', 'other') THEN '' ELSE"
    " coalesce((SELECT a.story FROM {stories} a WHERE a.id = n.article), '') END"
)
"""The names with each one's entity, in the column order of the index's names table: a
one-word name's spelling (a person's or of unknown kind) is looked up in its article's story
(from `stories`, a table with the columns id and story), any other's across the corpus
(`reader.linking.story_key`)."""

FORM_STORY = (
    "CASE WHEN {kind} IN ('person', 'other') OR instr({name}, ' ') > 0"
    " THEN coalesce({story}, '') ELSE '' END"
)
"""The story a mention is counted in as a form (`reader.linking.form_story`): a person's (or
an unknown kind's) one-word name's story keys its spellings, and a longer name's tells linking
where it appears (an organisation's too: the one council or company of its story); an
organisation's or a place's one-word name needs none ("" keeps the forms few: keyed by story,
they were a fifth of the rows)."""


FIGURE_COLUMNS = (
    'article, start, "end", text, value, unit, qualifier, counted, subject, kind, as_of, low,'
    " high, past, revision, whole, whom"
)
"""A figure's columns as stored, in `FigureMention`'s field order (`figure_mention`)."""
FIGURE_ROWS = f"SELECT {FIGURE_COLUMNS}, grp FROM figures"
"""Every figure with its group (`grp`, last)."""

GROUP_TABLES = """
CREATE TABLE IF NOT EXISTS {schema}groups_out (
    id TEXT, label TEXT, kind TEXT, mentions INTEGER, articles INTEGER, story TEXT,
    counted TEXT, whom TEXT, part_of TEXT, updates INTEGER, disputed INTEGER, disputes INTEGER,
    score REAL);
CREATE TABLE IF NOT EXISTS {schema}differing_out (grp TEXT);
"""


def key_table(db: sqlite3.Connection, name: str, keys: Iterable[str]) -> str:
    """Fill the temp table `name` with `keys` (replacing what it held); returns a subquery
    over it for `... IN (...)`."""
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (key TEXT PRIMARY KEY)")
    db.execute(f"DELETE FROM {name}")
    db.executemany(f"INSERT OR IGNORE INTO {name} VALUES (?)", [(k,) for k in keys])
    return f"(SELECT key FROM {name})"


def figure_mention_row(row: Sequence) -> MentionRow:
    """A MentionRow from (article, start, end, text, stored value, unit, qualifier)."""
    a, s, e, t, v, u, q = row
    return MentionRow(a, s, e, t, figure_value(v), u, q)


def figure_mention(row: Sequence, intern: Callable[[str, str], str] | None = None) -> FigureMention:
    """A FigureMention from its stored columns (`FIGURE_COLUMNS`, in order); `intern`
    (`dict.setdefault` of a pool) shares its words (article id, unit, as-of day, whom, ...)
    with other figures' (a million figures have a few thousand of each)."""
    a, s, e, t, v, u, q, c, subj, k, as_of, low, high, past, rev, whole, whom = row
    if intern is not None:
        # SQLite gives each row's text as new strings: a million figures would hold a
        # million copies of "count" and "people".
        a, u, k = intern(a, a), intern(u, u), intern(k, k)
        q = q if q is None else intern(q, q)
        c = c if c is None else intern(c, c)
        subj = subj if subj is None else intern(subj, subj)
        as_of = as_of if as_of is None else intern(as_of, as_of)
        rev = rev if rev is None else intern(rev, rev)
        whom = whom if whom is None else intern(whom, whom)
    value = figure_value(v)
    return FigureMention(
        a, s, e, t, value, u, q, c, subj, k, as_of, low, high, bool(past), rev, whole, whom
    )


def figure_columns(m: FigureMention) -> tuple:
    """A figure's stored columns (`FIGURE_COLUMNS`, in order), without its group."""
    return (
        m.article, m.start, m.end, m.text, json.dumps(m.value), m.unit, m.qualifier, m.counted,
        m.subject, m.kind, m.as_of, m.low, m.high, int(m.past), m.revision, m.whole, m.whom,
    )  # fmt: skip


QUOTE_COLUMNS = (
    'article, start, "end", text, speaker_name, speaker_start, speaker_end, speaker_full,'
    " speaker_kind, how, description, partial"
)
"""A quote's columns as stored, without its statement (`quote_columns`)."""


def quote_columns(q: Quote) -> tuple:
    """A quote's stored columns (`QUOTE_COLUMNS`, in order)."""
    return (
        q.article, q.start, q.end, q.text, q.speaker_name, q.speaker_start, q.speaker_end,
        q.speaker_full, q.speaker_kind, q.how, int(q.description), int(q.partial),
    )  # fmt: skip


def stored_quote(row: Sequence) -> Quote:
    """A Quote from its stored columns (`QUOTE_COLUMNS`, in order)."""
    a, s, e, quoted, name, s_start, s_end, full, kind, how, description, partial = row
    return Quote(
        article=a,
        start=s,
        end=e,
        text=quoted,
        speaker_name=name,
        speaker_start=s_start,
        speaker_end=s_end,
        description=bool(description),
        partial=bool(partial),
        speaker_full=full,
        speaker_kind=kind,
        how=how,
    )


def figure_value(stored: str) -> FigureValue:
    """A figure's value from its JSON text, as `json.loads` gives it: a count's digits and a
    date's quoted ISO text are read directly (json.loads, 5 µs each, took a third of the
    time to group 470k figures)."""
    if stored.isascii() and stored.isdigit():
        return int(stored)
    if stored[:1] == '"' and stored[-1:] == '"' and "\\" not in stored:
        return stored[1:-1]
    return json.loads(stored)


StoryRow = tuple[str, int | None, str | None, str | None, str, bytes, bytes, bytes]
"""A `story_features` row: (id, day, outlet, given, title, terms, weights, sketch)."""


def story_row(f: StoryFeatures) -> StoryRow:
    """How an article's story features are stored (and sent back by the workers): the int
    tuples as packed arrays, a fifth of their size as Python ints."""
    return (
        f.id,
        f.day,
        f.outlet,
        f.given,
        f.title,
        array("I", f.terms).tobytes(),
        array("I", f.weights).tobytes(),
        array("Q", f.sketch).tobytes(),
    )


def story_features_of(row: Sequence) -> StoryFeatures:
    """The story features a `story_features` row stores."""
    aid, day, outlet, given, title, terms, weights, sketch = row
    return StoryFeatures(
        id=aid,
        day=day,
        outlet=outlet,
        given=given,
        title=title,
        terms=tuple(_ints("I", terms)),
        weights=tuple(_ints("I", weights)),
        sketch=tuple(_ints("Q", sketch)),
    )


def _ints(typecode: str, blob: bytes) -> list[int]:
    values = array(typecode)
    values.frombytes(blob)
    return values.tolist()


def article_digest(article: Article) -> str:
    """Identifies what extraction read of an article: an unchanged article's facts are
    reused; the reader checks a stored text against it before showing it."""
    h = blake2b(digest_size=16)
    h.update(article.text.encode("utf-8", "surrogatepass"))
    h.update(repr((article.date, article.boilerplate, article.outlet, article.story)).encode())
    return h.hexdigest()
