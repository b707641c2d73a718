"""Stories, as the store runs them: detect them over every article's stored features (a new
index), or attach the articles that have none yet to the stories there are (an update), then
write each article's story and origin and the stories table."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from reader.config import StoryCuration
from reader.store.schema import story_features_of
from reader.stories import (
    StoryAssignment,
    StoryFeatures,
    attach_stories,
    curate_stories,
    detect_stories,
    summarise_stories,
)

_FEATURES = (
    "SELECT a.id, f.day, f.outlet, f.given, f.title, f.terms, f.weights, f.sketch,"
    " a.title, a.outlet, a.given_story, a.found_story, a.found_origin"
    " FROM articles a LEFT JOIN story_features f ON f.id = a.id"
)


def _features(row: Sequence) -> StoryFeatures:
    """An article's stored features; for an article whose features failed, its title, outlet
    and given story alone (it then stays a story of its own unless a story id was given)."""
    if row[4] is not None:
        return story_features_of(row[:8])
    return StoryFeatures(
        id=row[0], day=None, outlet=row[9], given=row[10], title=row[8][:200],
        terms=(), weights=(), sketch=(),
    )  # fmt: skip


def assign_stories(db: sqlite3.Connection, in_place: bool, curation: StoryCuration) -> int:
    """Give every article of the index its story and origin, and write the stories table;
    returns how many stories there are.

    A new index detects the stories over every article; an index patched in place attaches
    only the articles without a story (new or changed ones) to the stories it found before,
    comparing them with their blocked candidates only. Then the reader's decisions
    (`curation`) are applied to what was found.
    """
    rows = db.execute(_FEATURES).fetchall()
    if in_place:
        kept = [
            (_features(r), StoryAssignment(r[0], r[11], r[12])) for r in rows if r[11] is not None
        ]
        new = [_features(r) for r in rows if r[11] is None]
        del rows
        added = attach_stories(new, kept) if new else []
        _write_found(db, added)
        features = [f for f, _ in kept] + new
        found = [a for _, a in kept] + added
    else:
        features = [_features(r) for r in rows]
        del rows
        found = detect_stories(features)
        _write_found(db, found)
    assignments = curate_stories(found, curation.merge, curation.move)
    stories = summarise_stories(assignments, features)
    # The article list's "by story" order: stories by their first date (undated last).
    by_date = sorted(stories, key=lambda s: (s.first is None, s.first or "", s.id))
    seq = {s.id: i for i, s in enumerate(by_date)}
    db.executemany(
        "UPDATE articles SET story = ?, origin = ?, story_seq = ? WHERE id = ?",
        [(a.story, a.origin, seq[a.story], a.article) for a in assignments],
    )
    db.execute("DELETE FROM stories")
    db.executemany(
        "INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (s.id, s.title, s.first, s.last, json.dumps(s.outlets), s.origins, len(s.articles))
            for s in stories
        ],
    )
    return len(stories)


def _write_found(db: sqlite3.Connection, assignments: Sequence[StoryAssignment]) -> None:
    db.executemany(
        "UPDATE articles SET found_story = ?, found_origin = ? WHERE id = ?",
        [(a.story, a.origin, a.article) for a in assignments],
    )


def outlet_map(db: sqlite3.Connection) -> dict[str, str]:
    """Each article's outlet, by article id (who said what, in a figure's history)."""
    return {aid: outlet for aid, outlet in db.execute("SELECT id, outlet FROM articles")}


def story_map(db: sqlite3.Connection) -> dict[str, str]:
    """Each article's story, by article id (what figure grouping keeps apart)."""
    return {aid: story for aid, story in db.execute("SELECT id, story FROM articles")}
