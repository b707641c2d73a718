"""A reader's decisions about stories: config edits, and how they change detected stories."""

from __future__ import annotations

import pytest

from reader.config import Config
from reader.curation import merge_stories, move_to_story
from reader.stories import StoryAssignment, curate_stories

FOUND = [
    StoryAssignment("a1", "sA", "a1"),
    StoryAssignment("a2", "sA", "a1"),  # a reprint of a1
    StoryAssignment("b1", "sB", "b1"),
    StoryAssignment("c1", "sC", "c1"),
]


def stories(assignments: list[StoryAssignment]) -> dict[str, str]:
    return {a.article: a.story for a in assignments}


@pytest.mark.parametrize(
    "merge, move, together, apart",
    [
        pytest.param((), {}, [("a1", "a2")], [("a1", "b1"), ("b1", "c1")], id="nothing"),
        pytest.param((("a2", "b1"),), {}, [("a1", "b1")], [("a1", "c1")], id="merge-two"),
        pytest.param(
            (("a1", "b1"), ("b1", "c1")), {}, [("a2", "c1")], [], id="merge-chain-of-three"
        ),
        pytest.param((), {"c1": "a1"}, [("c1", "a2")], [("c1", "b1")], id="move-into"),
        pytest.param((), {"a2": None}, [], [("a2", "a1")], id="move-alone"),
        pytest.param(
            (("a1", "b1"),), {"b1": None}, [("a1", "a2")], [("b1", "a1")], id="merge-then-leave"
        ),
        pytest.param((("a1", "zz"),), {"zz": "a1"}, [], [("a1", "b1")], id="unknown-ids"),
    ],
)
def test_decisions_join_what_they_say_and_keep_the_rest_apart(
    merge: tuple[tuple[str, str], ...],
    move: dict[str, str | None],
    together: list[tuple[str, str]],
    apart: list[tuple[str, str]],
) -> None:
    story = stories(curate_stories(FOUND, merge, move))
    assert all(story[x] == story[y] for x, y in together)
    assert all(story[x] != story[y] for x, y in apart)


def test_a_moved_reprint_is_its_own_origin_and_decisions_are_deterministic() -> None:
    out = curate_stories(FOUND, (), {"a2": "b1"})
    assert {a.article: a.origin for a in out}["a2"] == "a2"  # its origin stayed behind
    assert out == curate_stories(list(FOUND), (), {"a2": "b1"})
    merged = stories(curate_stories(FOUND, (("b1", "a1"),), {}))
    assert merged["a1"] == merged["b1"] == "sA"  # the merged story keeps the smaller id


def test_config_edits_record_merges_once_and_moves_by_article() -> None:
    config = merge_stories(Config(), "a1", "b1")
    assert merge_stories(config, "b1", "a1") == config  # the same pair, either way round
    assert merge_stories(config, "a1", "a1") == config
    config = move_to_story(config, "c1", None)
    config = move_to_story(config, "c1", "a1")  # the last decision about an article wins
    assert config.stories.merge == (("a1", "b1"),)
    assert dict(config.stories.move) == {"c1": "a1"}
