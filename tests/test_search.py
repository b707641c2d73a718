"""Search: names by any spelling (fuzzy), figures by value, titles, and article text."""

from __future__ import annotations

from pathlib import Path

from reader.corpus import bundled_seeds
from reader.store import build_index

HAMAS_TEXT = (
    "Hamas official Ismail Haniyeh met envoys in Doha on Monday.\n"
    "Haniyeh said at least 120 people were killed in the strikes.\n"
)


def test_a_text_scan_stops_when_cancelled_and_quick_search_skips_texts(tmp_path: Path) -> None:
    from reader.search import search_facts, search_texts

    index, _ = build_index(bundled_seeds(), cache_dir=tmp_path / "cache")
    assert [h.target[:2] for h in search_texts(index, "carnage")] == ["a:"]
    assert search_texts(index, "carnage", cancelled=lambda: True) == []
    assert not any(h.start is not None for h in search_facts(index, "carnage"))
    assert any(h.target.startswith("e:") for h in search_facts(index, "marzuk"))
    # The scan's own connection still answers afterwards.
    assert search_texts(index, "carnage")


def test_a_text_scan_gives_up_midway_when_a_newer_keystroke_comes(tmp_path: Path) -> None:
    from reader.search import search_texts

    root = tmp_path / "many"
    root.mkdir()
    for i in range(300):
        (root / f"a{i:03}.txt").write_text(f"Story {i}\n" + HAMAS_TEXT * 5, "utf-8")
    index, _ = build_index(root, cache_dir=tmp_path / "cache", workers=1)
    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > 1  # the keystroke after this search arrives mid-scan

    assert search_texts(index, "no such words here", cancelled=cancelled) == []
    assert len(asked) > 1


def test_substring_lookup_finds_rows_in_order_ignoring_case() -> None:
    from reader.search import SubstringLookup

    rows = [("a", "Gaza talks"), ("b", "Beijing\nTalks resume"), ("c", "STRASSE"), ("d", "Talks")]
    lookup = SubstringLookup(rows)
    assert [i for i, _ in lookup.find("talks", 10)] == ["a", "b", "d"]
    assert [i for i, _ in lookup.find("TALKS", 2)] == ["a", "b"]
    assert [i for i, _ in lookup.find("beijing talks", 10)] == ["b"]  # a line end reads as a space
    assert [i for i, _ in lookup.find("straße", 10)] == ["c"]  # casefolded, not only lowered
    assert lookup.find("", 10) == [] and lookup.find("xyz", 10) == []
    assert lookup.find("strasse talks", 10) == []  # never across two rows ("c" then "d")


def test_name_lookup_scores_only_spellings_sharing_a_words_first_letter() -> None:
    from reader.search import NameLookup

    lookup = NameLookup(
        [
            ("e:m", "Moussa Abu Marzouk", "Moussa Abu Marzouk"),
            ("e:h", "Ismail Haniyeh", "Ismail Haniyeh"),
            ("e:k", "Kaniyeh", "Kaniyeh"),
        ]
    )
    rows = lambda query: {lookup.variants[r][0] for _, r in lookup.find(query, 10)}  # noqa: E731
    assert rows("marzuk") == {"e:m"}  # a misspelt word of a longer name
    assert rows("abu marzouk") == {"e:m"}
    assert rows("haniyeh") == {"e:h"}  # not Kaniyeh: a first letter is rarely misspelt
    assert rows("kaniyeh") == {"e:k"}
    assert rows("hani") == {"e:h"}  # the start of a word
