"""Boards (figures side by side, naming, coverage) and curation on the seeds."""

from __future__ import annotations

import pytest

from reader.boards import coverage, figure_board, naming_board
from reader.corpus import bundled_seeds
from reader.store import FactIndex, build_index


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> FactIndex:
    index, _ = build_index(bundled_seeds(), cache_dir=tmp_path_factory.mktemp("cache"))
    return index


def test_figure_board_puts_disputed_tolls_first_with_attributions(seeds: FactIndex) -> None:
    rows = {r.label: r for r in figure_board(seeds)}
    toll = rows["Palestinians killed"]
    assert toll.spread == "34,356 – 34,535 (0.5%)" and toll.outlets == 4
    assert sorted(c.value for c in toll.cells) == [34356, 34450, 34500, 34535]
    sources = {c.attribution for c in toll.cells}
    assert "Hamas-run health authorities say" in sources
    assert "According to Gaza’s Ministry of Health" in sources
    # The toll rose from 26 to 30 April: one update, no dispute.
    assert (toll.first, toll.latest, toll.updates, toll.disputes) == (
        "at least 34,356",
        "at least 34,450",
        1,
        0,
    )
    assert toll.origins == 4
    board = figure_board(seeds)
    assert [r.disputes for r in board] == sorted((r.disputes for r in board), reverse=True)
    assert rows["October 7, 2023"].spread is None  # "--10-07" does not dispute 2023-10-07


def test_naming_board_shows_each_outlets_labels(seeds: FactIndex) -> None:
    cells = {c.outlet: c for c in naming_board(seeds, "e:hamas")}
    labels = {o: {label for label, _ in c.labels} for o, c in cells.items()}
    assert "resistance group …" in labels["TRT World"]
    assert "terror group …" in labels["The Times of Israel"]
    assert "… terrorists" in labels["All Israel News"]
    assert ("Islamic Resistance Movement", 1) in cells["The Times of Israel"].spellings


def test_coverage_lists_every_fact_most_outlets_first(seeds: FactIndex) -> None:
    columns, rows = coverage(seeds)
    assert "TRT World" in columns and len(columns) == 5
    counts = [len(r.columns) for r in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1
    assert len(rows) == len({f for f, _ in seeds.fact_article_pairs()})  # no cap
    assert len(coverage(seeds, limit=3)[1]) == 3
    hostages = next(r for r in rows if r.label == "hostages")
    assert hostages.columns == {"The Times of Israel"}
