"""Boards (figures side by side, naming, coverage) and curation on the seeds."""

from __future__ import annotations

import json

import pytest

from reader.boards import attributed, coverage, figure_board, naming_board
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


def test_a_disagreement_repeated_by_many_outlets_is_one_dispute(tmp_path) -> None:
    """Three outlets give 40 dead, one gives 58, on the same day: one pair of values in
    dispute, not three; a board sorts by that."""
    corpus = tmp_path / "flood"
    corpus.mkdir()
    records = [
        (f"w{i}", f"Wire {i}", "The flood in Varnel killed 40 people, officials said.")
        for i in range(3)
    ] + [("x", "Other Wire", "The flood in Varnel killed 58 people, officials said.")]
    lines = [
        json.dumps({"id": i, "outlet": o, "date": "2021-06-01", "title": "Flood in Varnel",
                    "text": t, "story": "flood"})
        for i, o, t in records
    ]  # fmt: skip
    (corpus / "flood.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    index, _ = build_index(corpus, cache_dir=tmp_path / "cache")
    (row,) = [r for r in figure_board(index) if r.label == "killed"]
    assert row.disputes == 1 and row.outlets == 4


def test_the_board_lists_its_most_disputed_first_without_reading_the_rest(tmp_path) -> None:
    """The order was counted at indexing: the first k of the board are the board's first k
    rows, and a story's board is that story's rows of the whole board, in the same order."""
    corpus = tmp_path / "two"
    corpus.mkdir()
    texts = {
        "flood": ["The flood in Varnel killed 40 people.", "The flood in Varnel killed 58 people."],
        "fire": ["The fire in Osk injured 12 people.", "The fire in Osk injured 12 people."],
    }
    lines = [
        json.dumps({"id": f"{story}{i}", "outlet": f"Wire {i}", "date": "2021-06-01",
                    "title": f"The {story}", "text": text, "story": story})
        for story, both in texts.items()
        for i, text in enumerate(both)
    ]  # fmt: skip
    (corpus / "news.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    index, _ = build_index(corpus, cache_dir=tmp_path / "cache")
    board = figure_board(index)
    assert [(r.label, r.disputes) for r in board] == [("killed", 1), ("wounded", 0)]
    assert figure_board(index, limit=1) == board[:1]
    assert index.figure_board_total() == (2, 1)
    flood = index.summary("flood0").story
    assert [r.id for r in figure_board(index, story=flood)] == [board[0].id]
    assert index.figure_board_total(flood) == (1, 1)


def test_a_board_without_attributions_gets_them_row_by_row(seeds: FactIndex) -> None:
    bare = figure_board(seeds, attribute=False)
    assert not any(r.attributed for r in bare)
    assert all(c.attribution is None for r in bare for c in r.cells)
    assert attributed(seeds, bare) == figure_board(seeds)
    assert attributed(seeds, bare[:1]) + bare[1:] != bare  # the first row only
