"""Curation: a reader's decisions about names, saved to seedread.yaml, applied by every build."""

from __future__ import annotations

import shutil
from pathlib import Path

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
            ("Moussa Abu Marzouk", "Moussa Abu Marzouk", "", 3),
            ("Musa Abu Marzouk", "Musa Abu Marzouk", "", 2),
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
