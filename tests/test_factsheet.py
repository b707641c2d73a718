"""Attribution of figures, and the Markdown fact sheet."""

from __future__ import annotations

import math
from io import StringIO
from pathlib import Path

import pytest
from readings import reading

from reader.attribution import find_attribution, sentence_of
from reader.corpus import bundled_seeds
from reader.factsheet import cell, history_table, interval_text, write_markdown
from reader.figures.history import Interval, history
from reader.store import build_index
from reader.values import format_value


@pytest.mark.parametrize(
    "text, figure, expected",
    [
        pytest.param(
            "Intro. According to Gaza's Ministry of Health, 34,535 people have been killed.",
            "34,535",
            "According to Gaza's Ministry of Health",
            id="according-to",
        ),
        pytest.param(
            "Hamas-run health authorities say it has killed at least 34,450 people.",
            "34,450",
            "Hamas-run health authorities say",
            id="x-say",
        ),
        pytest.param(
            "At least 58 people died, the Clark County Sheriff said.",
            "58",
            "the Clark County Sheriff said",
            id="trailing-said",
        ),
        pytest.param(
            "The storm destroyed 200 homes in the valley.",
            "200",
            None,
            id="no-source",
        ),
        pytest.param(
            "Officials citing the United Nations put the toll at 1,000.",
            "1,000",
            "citing the United Nations",
            id="citing",
        ),
    ],
)
def test_find_attribution(text: str, figure: str, expected: str | None) -> None:
    start = text.index(figure)
    got = find_attribution(text, start, start + len(figure))
    if expected is None:
        assert got is None
    else:
        assert got is not None and expected.lower() in got.lower()


def test_sentence_of_stays_in_its_sentence() -> None:
    text = "First one. The toll rose to 12 on Monday. Then more."
    start = text.index("12")
    assert sentence_of(text, start, start + 2) == "The toll rose to 12 on Monday."


def test_attribution_is_linear_on_hostile_runs() -> None:
    text = "X-" * 20000 + " 5 " + "Aa " * 20000
    start = text.index(" 5 ") + 1
    assert find_attribution(text, start, start + 1) is None


@pytest.mark.parametrize(
    "value, unit, expected",
    [
        (34356, "count", "34,356"),
        (70, "percent", "70%"),
        (2.5, "count", "2.5"),
        ("2023-10-07", "date", "2023-10-07"),
        (1948, "year", "1948"),
        (1500000.0, "count", "1,500,000"),
        (2.345678, "count", "2.35"),
        (40, "age", "aged 40"),
    ],
)
def test_format_value(value: object, unit: str, expected: str) -> None:
    assert format_value(value, unit) == expected


def test_cell_escapes_markdown_and_controls() -> None:
    assert cell("a|b\nc\x1b[31m") == "a\\|b c␛[31m"


def test_seed_fact_sheet(tmp_path: Path) -> None:
    index, _ = build_index(bundled_seeds(), cache_dir=tmp_path)
    out = StringIO()
    write_markdown(index, out)
    md = out.getvalue()
    assert md.startswith("# Fact sheet: seeds")
    assert "### Palestinians killed — 34,356 – 34,535 (0.5%), 1 update, no dispute" in md
    assert "According to Gaza’s Ministry of Health" in md
    assert "Hamas-run health authorities say" in md
    # Every citation names the article and offset of a real mention, in the format of `y`.
    assert "(article 002_6f423198392cab83, offset " in md
    quote = next(line for line in md.splitlines() if line.startswith("> “"))
    source = md.splitlines()[md.splitlines().index(quote) + 2]
    assert source.startswith("> — ") and "(article " in source
    assert "| The Times of Israel | 2024-04-30 | 34,450 | at least 34,450 |" in md
    # The toll's history: its two dated readings in as-of order, the second an update.
    history = md[md.index("History, in as-of order (1 update; 2 undated, not placed in time):") :]
    assert "| 2024-04-26 | TRT World | at least 34,356 | [34,356, ∞) | first |" in history
    assert "| The Times of Israel | at least 34,450 | [34,450, ∞) | update: a later day" in history


@pytest.mark.parametrize(
    "bounds, expected",
    [
        pytest.param(Interval(34356, 34356), "34,356", id="exact"),
        pytest.param(Interval(34450, math.inf), "[34,450, ∞)", id="at-least"),
        pytest.param(Interval(50, math.inf, low_open=True), "(50, ∞)", id="more-than"),
        pytest.param(Interval(180, 220), "[180, 220]", id="about"),
        pytest.param(Interval(72, 80, high_open=True), "[72, 80)", id="nearly"),
        pytest.param(Interval(11.45e6, 11.55e6), "[11,450,000, 11,550,000]", id="rounded"),
    ],
)
def test_interval_text(bounds: Interval, expected: str) -> None:
    assert interval_text(bounds) == expected


def test_history_table() -> None:
    h = history(
        [
            reading("34,356", "2024-04-29", "TRT World", article="a1"),
            reading("34,356", "2024-04-29", "TRT World", article="a1"),  # its headline
            reading("at least 34,450", "2024-04-30", "Times", article="a2", qualifier="at least"),
            reading("34,100", "2024-05-01", "AP", article="a3"),
            reading("12", None, "Undated", article="a4"),
        ]
    )
    assert history_table(h) == [
        "History, in as-of order (1 update, ≠ 1 dispute; 1 undated, not placed in time):",
        "",
        "| as of | outlet | value as written | interval | change |",
        "|---|---|---|---|---|",
        "| 2024-04-29 | TRT World | 34,356 | 34,356 | first |",
        "| 2024-04-30 | Times | at least 34,450 | [34,450, ∞) | update: a later day, higher |",
        "| 2024-05-01 | AP | 34,100 | 34,100 | ≠ dispute: a later day, lower with no correction |",
    ]


def test_history_table_same_day_dispute_marks_both() -> None:
    h = history(
        [
            reading("27", "2024-06-01", "A", article="a1"),
            reading("25", "2024-06-01", "B", article="a2"),
        ]
    )
    rows = history_table(h)[4:]
    assert all("≠ dispute: same day, cannot both hold" in row for row in rows)
