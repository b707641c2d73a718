"""Boards (figures side by side, naming, coverage) and curation on the seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.boards import coverage, figure_board, naming_board
from reader.config import Config, load_config, save_config
from reader.corpus import bundled_seeds
from reader.curation import (
    ignore_name,
    merge_entities,
    rename_entity,
    split_variant,
)
from reader.linking import Linked, apply_splits
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
    board = figure_board(seeds)
    assert board[0].disagreement >= board[-1].disagreement
    assert rows["October 7, 2023"].spread is None  # "--10-07" does not dispute 2023-10-07


def test_naming_board_shows_each_outlets_labels(seeds: FactIndex) -> None:
    cells = {c.outlet: c for c in naming_board(seeds, "e:hamas")}
    labels = {o: {label for label, _ in c.labels} for o, c in cells.items()}
    assert "resistance group …" in labels["TRT World"]
    assert "terror group …" in labels["The Times of Israel"]
    assert "… terrorists" in labels["All Israel News"]
    assert ("Islamic Resistance Movement", 1) in cells["The Times of Israel"].spellings


def test_coverage_lists_single_outlet_facts_first(seeds: FactIndex) -> None:
    columns, rows = coverage(seeds)
    assert "TRT World" in columns and len(columns) == 5
    singles = [r for r in rows if len(r.columns) == 1]
    assert rows[: len(singles)] == singles
    hostages = next(r for r in rows if r.label == "hostages")
    assert hostages.columns == {"The Times of Israel"}


def test_merge_rename_split_ignore_edit_the_config() -> None:
    config = Config(aliases={"Hamas": ("Islamic Resistance Movement",)})
    merged = merge_entities(config, "Hamas", ["Harakat al-Muqawama"])
    assert merged.aliases["Hamas"] == ("Islamic Resistance Movement", "Harakat al-Muqawama")
    renamed = rename_entity(merged, "Hamas", "Hamas movement")
    assert "Hamas" not in renamed.aliases
    assert renamed.aliases["Hamas movement"][0] == "Hamas"
    split = split_variant(renamed, "Hamas movement", "Harakat al-Muqawama")
    assert split.split["Hamas movement"] == ("Harakat al-Muqawama",)
    assert "Harakat al-Muqawama" not in split.aliases["Hamas movement"]
    assert ignore_name(split, "Reading Time").ignore == ("Reading Time",)


def test_merging_a_name_filed_elsewhere_moves_its_group() -> None:
    config = Config(aliases={"A": ("a1",), "B": ("b1",)})
    merged = merge_entities(config, "A", ["b1"])
    assert set(merged.aliases) == {"A"}
    assert set(merged.aliases["A"]) == {"a1", "B", "b1"}


def test_apply_splits_moves_mentions_written_that_way() -> None:
    ent = Linked(
        "e:x",
        "Moussa Abu Marzouk",
        "person",
        ("Moussa Abu Marzouk", "Musa Abu Marzouk"),
        (
            ("Moussa Abu Marzouk", "Moussa Abu Marzouk", 3),
            ("Musa Abu Marzouk", "Musa Abu Marzouk", 2),
        ),
    )
    out = apply_splits([ent], {"Moussa Abu Marzouk": ("musa abu marzouk",)})
    assert sorted((e.id, e.name, e.variants, e.mentions) for e in out) == [
        ("e:x", "Moussa Abu Marzouk", ("Moussa Abu Marzouk",), 3),
        ("e:x--musa-abu-marzouk", "musa abu marzouk", ("musa abu marzouk",), 2),
    ]


def test_curation_survives_a_rebuild(tmp_path: Path) -> None:
    corpus = tmp_path / "seeds"
    shutil.copytree(bundled_seeds(), corpus)
    index, _ = build_index(corpus, cache_dir=tmp_path / "cache")
    marzouk = next(e for e in index.entities() if "Abu Marzouk" in e.name)
    path = corpus / "seedread.yaml"
    config = split_variant(load_config(path), marzouk.name, "Musa Abu Marzouk")
    config = rename_entity(config, marzouk.name, "Mousa Abu Marzook")
    save_config(config, path)
    index, stats = build_index(corpus, cache_dir=tmp_path / "cache")
    assert stats.extracted == 0  # a config change relinks; nothing is extracted again
    names = {e.name for e in index.entities()}
    assert "Mousa Abu Marzook" in names and "Musa Abu Marzouk" in names
    assert load_config(path).articles  # the per-article metadata is still there


def test_a_decision_relinks_in_place_as_a_cold_build_would(tmp_path: Path) -> None:
    corpus = tmp_path / "seeds"
    shutil.copytree(bundled_seeds(), corpus)
    index, _ = build_index(corpus, cache_dir=tmp_path / "cache")
    marzouk = next(e for e in index.entities() if "Abu Marzouk" in e.name)
    fatah = next(e for e in index.entities() if e.name == "Fatah")
    path = corpus / "seedread.yaml"
    config = split_variant(load_config(path), marzouk.name, "Musa Abu Marzouk")
    config = merge_entities(config, fatah.name, ["Hamas"])
    save_config(ignore_name(config, "Beijing"), path)
    patched, stats = build_index(corpus, cache_dir=tmp_path / "cache")
    assert stats.in_place and stats.extracted == 0
    cold, _ = build_index(corpus, cache_dir=tmp_path / "cold")

    def facts(index: FactIndex) -> list:
        return sorted((e.id, e.name, e.kind, e.variants, e.mentions) for e in index.entities()) + [
            (g.id, g.label, g.mentions) for g in index.figure_groups()
        ]

    assert facts(patched) == facts(cold)
    assert "Beijing" not in {e.name for e in patched.entities()}
