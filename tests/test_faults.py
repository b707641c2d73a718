"""Faults: a bad record, file, config or output target is named and never stops the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

import reader.corpus
from reader.cli import main
from reader.index import build_index

GOOD = (
    '{"id": "g1", "text": "Hamas official Ismail Haniyeh said at least 120 people were killed."}',
    '{"id": "g2", "text": "Fatah leader Mahmoud Abbas spoke in Beijing on Tuesday."}',
    '{"id": "g3", "text": "Talks in Doha went on for a third day, officials said."}',
)
DEEP_ARRAY = '{"text": ' + "[" * 1000 + "]" * 1000 + "}"
DEEP_OBJECT = '{"a":' * 1000 + "1" + "}" * 1000


@pytest.fixture
def deep_corpus(tmp_path: Path) -> Path:
    """Good records around two nested 1,000 levels deep (lines 2 and 4)."""
    root = tmp_path / "corpus"
    root.mkdir()
    lines = [GOOD[0], DEEP_ARRAY, GOOD[1], DEEP_OBJECT, GOOD[2]]
    (root / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


# ---------------------------------------------------------------------------
# 1. Every record isolated
# ---------------------------------------------------------------------------


def test_deeply_nested_records_are_skipped_and_named(deep_corpus: Path, tmp_path: Path) -> None:
    index, stats = build_index(deep_corpus, cache_dir=tmp_path / "cache")
    try:
        assert {a.id for a in index.articles()} == {"g1", "g2", "g3"}
        named = {p.source: p.reason for p in index.problems}
        assert named.keys() == {"news.jsonl:2", "news.jsonl:4"}
        assert all("nested too deeply" in reason for reason in named.values())
    finally:
        index.close()


def test_deep_record_cli_exit_zero(deep_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(deep_corpus)]) == 0
    captured = capsys.readouterr()
    assert "3 articles" in captured.out
    assert "seedread: news.jsonl:2: record skipped: it is nested too deeply" in captured.err
    assert "internal error" not in captured.err


def test_deep_json_file_is_skipped_and_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "deep.json").write_text(DEEP_ARRAY, encoding="utf-8")
    (root / "good.json").write_text("[" + ",".join(GOOD) + "]", encoding="utf-8")
    assert main(["index", str(root)]) == 0
    captured = capsys.readouterr()
    assert "3 articles" in captured.out
    assert "seedread: deep.json: skipped: it is nested too deeply to read" in captured.err


def test_any_failure_in_one_record_skips_only_that_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure no rule foresaw (here the boilerplate flagger raising) costs one record."""
    real = reader.corpus.flag_boilerplate

    def flaky(text: str) -> tuple[tuple[int, int], ...]:
        if "Doha" in text:
            raise TypeError("unexpected value")
        return real(text)

    monkeypatch.setattr(reader.corpus, "flag_boilerplate", flaky)
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "news.jsonl").write_text("\n".join(GOOD) + "\n", encoding="utf-8")
    (root / "doha.txt").write_text("Talks in Doha\nThey went on.\n", encoding="utf-8")
    (root / "gaza.txt").write_text("Talks in Gaza\nThey went on.\n", encoding="utf-8")
    index, _ = build_index(root, cache_dir=tmp_path / "cache")
    try:
        assert {a.id for a in index.articles()} == {"g1", "g2", "gaza"}
        named = {p.source: p.reason for p in index.problems}
        assert named == {
            "doha.txt": "skipped: it could not be read (TypeError: unexpected value)",
            "news.jsonl:3": "record skipped: it could not be read (TypeError: unexpected value)",
        }
    finally:
        index.close()
