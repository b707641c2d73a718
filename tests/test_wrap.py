"""The reading pane's word wrap (the fast ASCII path lays out exactly like the general one) and
the panes' scroll thumb."""

from __future__ import annotations

import random

import pytest

from widgets.reading_pane import wrap_span, wrap_words
from widgets.scroll_mark import thumb_rows


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("width", [8, 20, 60])
def test_ascii_fast_path_matches_general_path(seed: int, width: int) -> None:
    rng = random.Random(seed)
    words = ["".join(rng.choice("abc.,") for _ in range(rng.randint(1, 7))) for _ in range(40)]
    text = rng.choice(["", " ", "  "]) + "".join(w + rng.choice([" ", "  "]) for w in words)
    assert wrap_span(text, 0, len(text), width) == wrap_words(text, 0, len(text), width)


def test_long_words_are_split_and_every_character_is_kept() -> None:
    text = "a" * 25 + " bb cc"
    lines = wrap_span(text, 0, len(text), 10)
    assert "".join(text[s:e] for s, e in lines) == text
    assert all(len(text[s:e].rstrip()) <= 10 for s, e in lines)
    assert [text[s:e] for s, e in lines] == ["a" * 10, "a" * 10, "aaaaa bb ", "cc"]


@pytest.mark.parametrize(
    ("height", "virtual", "top", "rows"),
    [
        pytest.param(10, 10, 0, range(0), id="all-fits-no-thumb"),
        pytest.param(10, 100, 0, range(0, 1), id="top"),
        pytest.param(10, 100, 90, range(9, 10), id="bottom"),
        pytest.param(10, 20, 5, range(2, 7), id="half-the-text-half-the-column"),
        pytest.param(38, 37_555, 37_555 - 38, range(37, 38), id="huge-list-at-end"),
    ],
)
def test_scroll_thumb_rows(height: int, virtual: int, top: float, rows: range) -> None:
    assert thumb_rows(height, virtual, top) == rows
