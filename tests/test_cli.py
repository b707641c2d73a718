"""The command line: each command, its exit status and its one-line errors."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

from reader.cli import main


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text(
        "Talks in Doha\nHamas official Ismail Haniyeh said at least 120 people were killed.\n",
        encoding="utf-8",
    )
    (root / "b.txt").write_text(
        "Abbas speaks\nFatah leader Mahmoud Abbas said more than 125 people were killed.\n",
        encoding="utf-8",
    )
    return root


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    """Run seedread in a fresh interpreter, as a user's shell would."""
    return subprocess.run(
        [sys.executable, "-m", "widgets", *argv],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=300,
    )


def test_help_and_version() -> None:
    out = run("--help")
    assert out.returncode == 0 and "export" in out.stdout and "facts" in out.stdout
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("seedread ")
    assert "extractors" in out.stdout  # compiled or not: says which


def test_index_builds_then_reuses(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(corpus)]) == 0
    first = capsys.readouterr().out
    assert "2 articles" in first and "extracted 2 articles" in first
    assert main(["index", str(corpus)]) == 0
    assert "reused the cache" in capsys.readouterr().out
    assert main(["index", str(corpus), "--rebuild"]) == 0
    assert "extracted 2 articles" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, message",
    [
        pytest.param(["index", "/no/such/folder"], "no such file or folder", id="missing-path"),
        pytest.param(["export", "--format", "xml"], "invalid choice", id="bad-format"),
        pytest.param(["index"], "required", id="index-needs-path"),
        pytest.param(["/no/such/folder"], "no such file or folder", id="reader-missing-path"),
        pytest.param(["--bogus"], "unrecognized arguments", id="unknown-option"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_empty_folder_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["index", str(tmp_path / "empty")]) == 2
    assert "no readable article" in capsys.readouterr().err


def test_bad_config_names_file_line_and_column(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "seedread.yaml").write_text("ignore: []\naliases: [Hamas]\n", encoding="utf-8")
    assert main(["export", str(corpus)]) == 2
    err = capsys.readouterr().err
    assert "seedread.yaml:2:" in err and "Traceback" not in err


def test_export_json_to_file(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert main(["export", str(corpus), "--format", "json", "-o", str(target)]) == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert {"articles", "entities", "figures"} <= doc.keys()
    assert {a["id"] for a in doc["articles"]} == {"a", "b"}


def test_export_csv_to_stdout(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(corpus), "--format", "csv"]) == 0
    rows = list(csv.reader(StringIO(capsys.readouterr().out)))
    assert rows[0][0] == "type" and len(rows) > 1


def test_export_seeds_from_another_folder(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "widgets", "export", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert len(json.loads(out.stdout)["articles"]) == 5


def test_facts_table_and_lookup(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts"]) == 0
    table = capsys.readouterr().out
    assert "NAME" in table and "FIGURE" in table
    assert main(["facts", "marzuk"]) == 0
    lookup = capsys.readouterr().out
    assert "Marzouk" in lookup and "OUTLET" in lookup


def test_skipped_files_are_named_and_exit_zero(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "broken.jsonl").write_text('{"text": "ok text about Gaza", "id": "r1"}\n{oops\n')
    assert main(["index", str(corpus)]) == 0
    captured = capsys.readouterr()
    assert "3 articles" in captured.out
    assert "broken.jsonl:2" in captured.err


def test_a_record_read_with_a_loss_is_kept_and_not_called_skipped(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "dated.jsonl").write_text(
        '{"text": "Talks in Beijing went on.", "id": "r1", "date": "0001-11-30"}\n'
    )
    assert main(["index", str(corpus)]) == 0
    captured = capsys.readouterr()
    assert "3 articles" in captured.out
    assert "seedread: dated.jsonl:1: date '0001-11-30' is not a recognisable date; ignored" in (
        captured.err
    )
    assert "skipped" not in captured.err
