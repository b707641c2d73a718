"""Faults: a bad record, file, config or output target is named and never stops the rest."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

import reader.corpus
import reader.export
from reader.cli import main
from reader.config import ConfigError, load_config
from reader.export import TEMP_MARK
from reader.store import build_index

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


@pytest.fixture
def corpus_with_config(tmp_path: Path) -> Path:
    """Two plain-text articles, no config yet."""
    root = tmp_path / "small"
    root.mkdir()
    (root / "a.txt").write_text("Talks in Doha\nHaniyeh said 120 were killed.\n")
    (root / "b.txt").write_text("Abbas speaks\nMahmoud Abbas said 125 were killed.\n")
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


# ---------------------------------------------------------------------------
# 2. Config files: type, size and depth checked before parsing
# ---------------------------------------------------------------------------


def test_config_fifo_is_refused_without_blocking(
    corpus_with_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(corpus_with_config / "seedread.yaml")
    assert main(["index", str(corpus_with_config)]) == 2
    err = capsys.readouterr().err
    assert (
        err
        == f"seedread: config error: {corpus_with_config / 'seedread.yaml'}: not a regular file\n"
    )


def test_config_huge_sparse_file_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "seedread.yaml"
    with open(path, "wb") as fh:
        fh.truncate(1 << 30)  # 1 GB, sparse: costs no disk
    opened: list[object] = []
    monkeypatch.setattr(os, "open", lambda *a, **k: opened.append(a))  # must not be called
    with pytest.raises(ConfigError, match=r"seedread.yaml: is too large .*over 16 MB"):
        load_config(path)
    assert opened == []


@pytest.mark.parametrize(
    "text, line",
    [
        pytest.param("aliases: " + "[" * 1000 + "]" * 1000 + "\n", 1, id="flow-1000"),
        pytest.param("[" * 200_000 + "]" * 200_000, 1, id="flow-200000"),
        pytest.param('{"a":' * 1000 + "1" + "}" * 1000, 1, id="flow-mapping-1000"),
        pytest.param("- " * 200_000 + "x\n", 1, id="compact-sequence-200000"),
        pytest.param("".join("  " * i + "a:\n" for i in range(1000)), 33, id="indented-1000"),
        pytest.param("ignore:\n  - x\naliases:\n  Hamas: " + "[" * 70 + "\n", 4, id="late"),
    ],
)
def test_config_nested_too_deeply_is_refused(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "seedread.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"nested too deeply") as caught:
        load_config(path)
    assert caught.value.line == line and caught.value.column >= 1
    assert str(caught.value).startswith(f"{path}:{line}:{caught.value.column}: nested too deeply")


def test_config_depth_is_found_in_linear_time(tmp_path: Path) -> None:
    from growth import assert_linear

    def run(k: int) -> Callable[[], None]:
        path = tmp_path / f"seedread-{k}.yaml"
        path.write_text("aliases: " + "[" * k + "]" * k + "\n", encoding="utf-8")

        def refuse() -> None:
            with pytest.raises(ConfigError, match=r"nested too deeply"):
                load_config(path)

        return refuse

    assert_linear(run, 25_000)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("ignore: ['don''t [[[[', \"a \\\" [[[[\"]\n", id="brackets-in-quotes"),
        pytest.param("articles:\n  a:\n    title: a [b [c [d\n" * 1, id="brackets-in-plain"),
        pytest.param("ignore: [a, b] # [[[[[[[[[[[[[[[[[[[[[[\n" * 1, id="brackets-in-comment"),
        pytest.param(
            "articles:\n  a:\n    title: >\n" + "".join(f"      {'[' * 70}\n" for _ in range(3)),
            id="brackets-in-block-scalar",
        ),
    ],
)
def test_config_depth_scan_ignores_brackets_that_are_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "seedread.yaml"
    path.write_text(text, encoding="utf-8")
    load_config(path)  # no ConfigError


def test_seed_config_is_not_too_deep() -> None:
    from reader.corpus import bundled_seeds

    assert load_config(bundled_seeds() / "seedread.yaml").aliases


# ---------------------------------------------------------------------------
# 3. export -o: links followed, pipes and devices written in place, no temp file left
# ---------------------------------------------------------------------------


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if TEMP_MARK in p.name or ".tmp" in p.name)


def test_export_through_a_symlink_writes_its_target_and_keeps_the_link(
    corpus_with_config: Path, tmp_path: Path
) -> None:
    real = tmp_path / "out" / "facts.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert main(["export", str(corpus_with_config), "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text(encoding="utf-8"))["articles"]
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # the file's permissions are kept
    assert _temps(real.parent) == [] and _temps(tmp_path) == []


def test_export_to_a_fifo_writes_into_the_pipe(corpus_with_config: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "facts.pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    try:
        assert main(["export", str(corpus_with_config), "--format", "csv", "-o", str(fifo)]) == 0
    finally:
        reader.join(10)
        if reader.is_alive():  # the export failed before opening the pipe: unblock the reader
            # Not a blocking open: once the export has written and the reader is done, no
            # reader remains, and a blocking open would wait for one forever.
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            reader.join(10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got and got[0].startswith("type,fact,label")


@pytest.mark.skipif(not os.access("/dev/null", os.W_OK), reason="/dev/null is not writable")
def test_export_to_dev_null_leaves_the_device(corpus_with_config: Path) -> None:
    assert main(["export", str(corpus_with_config), "-o", "/dev/null"]) == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("failure", [RuntimeError("disk gone"), KeyboardInterrupt()])
def test_a_failing_export_leaves_no_temp_file(
    corpus_with_config: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: BaseException,
) -> None:
    def half_then_fail(index: object, out: IO[str]) -> None:
        out.write("x" * 100_000)
        raise failure

    monkeypatch.setitem(reader.export.WRITERS, "json", half_then_fail)
    target = tmp_path / "out" / "facts.json"
    target.parent.mkdir()
    target.write_text("previous", encoding="utf-8")
    assert main(["export", str(corpus_with_config), "-o", str(target)]) != 0
    assert target.read_text(encoding="utf-8") == "previous"
    assert _temps(target.parent) == []


def test_a_killed_exports_temp_file_is_swept_by_the_next(
    corpus_with_config: Path, tmp_path: Path
) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    folder = tmp_path / "out"
    folder.mkdir()
    stale = folder / f".facts.json{TEMP_MARK}{gone.pid}"
    running = folder / f".other.json{TEMP_MARK}{os.getppid()}"  # a live process's
    stale.write_text("x" * 1000)
    running.write_text("x")
    assert main(["export", str(corpus_with_config), "-o", str(folder / "facts.json")]) == 0
    assert not stale.exists() and running.exists()


# ---------------------------------------------------------------------------
# 4. The output file's extension chooses the format
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, argv, starts",
    [
        pytest.param("fs.csv", [], "type,fact,label", id="csv"),
        pytest.param("fs.yaml", [], "articles:\n", id="yaml"),
        pytest.param("fs.YML", [], "articles:\n", id="yml"),
        pytest.param("fs.md", [], "# ", id="md"),
        pytest.param("fs.json", [], '{"articles"', id="json"),
        pytest.param("fs.txt", [], '{"articles"', id="unknown-is-json"),
        pytest.param("fs.csv", ["--format", "json"], '{"articles"', id="format-wins"),
    ],
)
def test_export_format_follows_the_extension(
    corpus_with_config: Path, tmp_path: Path, name: str, argv: list[str], starts: str
) -> None:
    target = tmp_path / name
    assert main(["export", str(corpus_with_config), "-o", str(target), *argv]) == 0
    assert target.read_text(encoding="utf-8").startswith(starts)


def test_top_level_help_mentions_the_fact_sheet(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "md" in out.split("export", 1)[1].split("facts", 1)[0]


# ---------------------------------------------------------------------------
# 5. A path that is missing, or is not a folder or a corpus file, says so
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, message",
    [
        pytest.param(
            ["facts", "/nonexistent"], "/nonexistent does not exist", id="facts-missing-path"
        ),
        pytest.param(
            ["facts", "nothere.jsonl"], "nothere.jsonl does not exist", id="facts-missing-file"
        ),
        pytest.param(
            ["facts", "./no/such", "Hamas"], "./no/such does not exist", id="facts-path-and-name"
        ),
        pytest.param(
            ["index", "/dev/null"],
            "/dev/null is a character device, not a folder or a corpus file",
            id="index-device",
        ),
        pytest.param(
            ["export", "/dev/null"],
            "/dev/null is a character device, not a folder or a corpus file",
            id="export-device",
        ),
        pytest.param(
            ["/dev/null"],
            "/dev/null is a character device, not a folder or a corpus file",
            id="reader-device",
        ),
    ],
)
def test_a_path_that_cannot_be_a_corpus_is_a_usage_error(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"seedread: error: {message}") and err.count("\n") == 1


def test_a_fifo_named_as_the_corpus_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "news.jsonl"
    os.mkfifo(fifo)
    assert main(["index", str(fifo)]) == 2
    assert "is a named pipe (FIFO), not a folder or a corpus file" in capsys.readouterr().err


def test_a_word_that_is_no_path_is_still_a_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "marzuk"]) == 0
    assert "Marzouk" in capsys.readouterr().out


# ---------------------------------------------------------------------------
# 6. The reader needs a terminal
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("stdin_is_terminal", [False, True], ids=["no-stdin", "no-stdout"])
def test_the_reader_refuses_without_a_terminal(
    corpus_with_config: Path, stdin_is_terminal: bool
) -> None:
    """`seedread md >out </dev/null` once started a UI that never exited."""
    if stdin_is_terminal:
        controller, terminal = os.openpty()
        stdin: int = terminal
    else:
        stdin = subprocess.DEVNULL
    try:
        out = subprocess.run(
            [sys.executable, "-m", "widgets", str(corpus_with_config)],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        if stdin_is_terminal:
            os.close(controller)
            os.close(terminal)
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr == ("seedread: not a terminal: use `seedread export` or `seedread facts`\n")


# ---------------------------------------------------------------------------
# 7. Markdown front matter: unclosed or invalid is named at its line, the text still read
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, source, reason, body",
    [
        pytest.param(
            "---\ntitle: Talks\nHaniyeh said 120 were killed.\n",
            "m.md:1",
            "front matter opened on line 1 is never closed; it is read as text",
            "---\ntitle: Talks\nHaniyeh said 120 were killed.\n",
            id="unclosed",
        ),
        pytest.param(
            "---\ntitle: Talks\noutlet: [Reuters\n---\nHaniyeh said 120 were killed.\n",
            "m.md:4:1",
            "front matter ignored: not valid YAML (expected ',' or ']', but got '<stream end>')",
            "Haniyeh said 120 were killed.\n",
            id="invalid-yaml",
        ),
        pytest.param(
            "---\ntitle: Talks\noutlet: a: b\n---\nHaniyeh said 120 were killed.\n",
            "m.md:3:10",
            "front matter ignored: not valid YAML (mapping values are not allowed here)",
            "Haniyeh said 120 were killed.\n",
            id="invalid-yaml-column",
        ),
        pytest.param(
            "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\nHaniyeh said 120 were killed.\n",
            "m.md:2:70",
            "front matter ignored: nested too deeply (more than 64 levels)",
            "Haniyeh said 120 were killed.\n",
            id="nested-too-deeply",
        ),
    ],
)
def test_bad_front_matter_is_named_at_its_line_and_the_article_kept(
    tmp_path: Path, text: str, source: str, reason: str, body: str
) -> None:
    (tmp_path / "m.md").write_text(text, encoding="utf-8")
    corpus = reader.corpus.load_corpus(tmp_path)
    (article,) = corpus.articles
    assert article.text == body
    assert [(p.source, p.reason) for p in corpus.problems] == [(source, reason)]
    assert reason in article.warnings


def test_unclosed_front_matter_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "m.md").write_text("---\ntitle: Talks\nHaniyeh said 120 were killed.\n")
    assert main(["index", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "1 articles" in captured.out
    assert "seedread: m.md:1: front matter opened on line 1 is never closed" in captured.err


# ---------------------------------------------------------------------------
# 9. The article list's word column shows large counts compactly, never cut
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words, width, shown",
    [
        pytest.param(17_084_417, 5, "17.1M", id="millions"),
        pytest.param(84_417, 5, "84417", id="fits-as-is"),
        pytest.param(99_999, 5, "99999", id="widest-plain"),
        pytest.param(100_000, 5, "100k", id="hundred-thousand"),
        pytest.param(84_417, 4, "84k", id="narrow"),
        pytest.param(999_999, 5, "1.0M", id="rounds-to-next-unit"),
        pytest.param(123_456_789_012, 5, "123G", id="billions"),
        pytest.param(812, 5, "812", id="short"),
        pytest.param(0, 5, "0", id="zero"),
    ],
)
def test_word_counts_are_compact_in_a_narrow_column(words: int, width: int, shown: str) -> None:
    from widgets.article_list import compact_count

    assert compact_count(words, width) == shown
    assert len(compact_count(words, width)) <= width


def test_a_deep_record_in_a_json_list_costs_only_that_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    tricky = '{"id": "g4", "text": "Brackets in text: ]]} \\\\\\" [[{ stay text."}'
    # Brackets and escaped quotes in the deep record's strings must not end it early.
    deep_tricky = '{"x": "]]}\\\\", "y": "\\"]", "a":' + DEEP_OBJECT + "}"
    records = [GOOD[0], DEEP_ARRAY, GOOD[1], deep_tricky, tricky, GOOD[2]]
    (root / "list.json").write_text("[\n  " + ",\n  ".join(records) + "\n]\n", encoding="utf-8")
    index, _ = build_index(root, cache_dir=tmp_path / "cache")
    try:
        assert {a.id for a in index.articles()} == {"g1", "g2", "g3", "g4"}
        assert index.article("g4").text == 'Brackets in text: ]]} \\" [[{ stay text.'
        named = {p.source: p.reason for p in index.problems}
        assert named == {
            "list.json:2": "record skipped: it is nested too deeply to read",
            "list.json:4": "record skipped: it is nested too deeply to read",
        }
    finally:
        index.close()


def _nesting(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max((_nesting(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_nesting(v) for v in value), default=0)
    return 0


def test_config_depth_scan_never_under_estimates() -> None:
    """Random nested documents in every PyYAML style: the scan finds at least their depth."""
    import random

    import yaml

    from reader.config import too_deep

    words = ["a", "b c", "x: y", "[q]", "{r}", "'s'", '"t"', "#u", "- v", "? w", "|", "it's"]
    words += ["a\nb", "  lead", "k,l", ">"]
    rng = random.Random(7)

    def nested(depth: int) -> object:
        if depth == 0 or rng.random() < 0.2:
            return rng.choice(words)
        if rng.random() < 0.5:
            return [nested(depth - 1) for _ in range(rng.randint(1, 3))]
        return {rng.choice(words): nested(depth - 1) for _ in range(rng.randint(1, 3))}

    # Found by an earlier run: compact sequences, then lines indented under them (depth 7).
    compact = "- - x\n- - - '[q]':\n        it's:\n        - k,l: '|'\n"
    assert _nesting(yaml.safe_load(compact)) == 7 and too_deep(compact, 6) is not None
    for _ in range(60):
        value = nested(rng.randint(1, 12))
        for flow in (False, True, None):
            for indent in (2, 4):
                text = yaml.safe_dump(
                    value, default_flow_style=flow, indent=indent, width=rng.choice([20, 1000])
                )
                depth = _nesting(yaml.safe_load(text))
                assert depth == 0 or too_deep(text, depth - 1) is not None, text


# ---------------------------------------------------------------------------
# The index: damaged pages and texts, a full disk, a second builder, a reader left open
# ---------------------------------------------------------------------------


def _seeds_copy(tmp_path: Path) -> Path:
    import shutil

    from reader.corpus import bundled_seeds

    root = tmp_path / "seeds"
    shutil.copytree(bundled_seeds(), root)
    return root


def _export_json(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["export", str(root), "--format", "json"])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_damaged_page_of_the_index_is_rebuilt_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = _seeds_copy(tmp_path)
    status, clean, _ = _export_json(root, capsys)
    assert status == 0
    (db,) = (tmp_path / "cache").rglob("index-*.sqlite")
    with open(db, "r+b") as fh:  # one 4 KB page in the middle, overwritten
        fh.seek((db.stat().st_size // 4096 // 2) * 4096)
        fh.write(os.urandom(4096))
    # `index` does not call it reused: it checks the file, then builds it again.
    assert main(["index", str(root)]) == 0
    err = capsys.readouterr().err
    assert "damaged" in err and "Traceback" not in err and "internal error" not in err
    status, again, err = _export_json(root, capsys)
    assert status == 0 and again == clean


def test_a_stored_text_changed_on_disk_is_never_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = _seeds_copy(tmp_path)
    status, clean, _ = _export_json(root, capsys)

    def damage() -> None:
        (db,) = (tmp_path / "cache").rglob("index-*.sqlite")
        con = sqlite3.connect(db)
        con.execute("UPDATE texts SET text = replace(text, 'Hamas', 'Hamaz')")
        con.commit()
        con.close()

    # To a file: the damage is found, the index rebuilt and the file written whole.
    damage()
    target = tmp_path / "out.json"
    assert main(["export", str(root), "-o", str(target)]) == 0
    err = capsys.readouterr().err
    assert "does not match its digest" in err and "building it again" in err
    assert target.read_text("utf-8") == clean
    # To standard output, once part of it is written: one line, exit 1, and the next run
    # reads an index built anew.
    damage()
    status, _, err = _export_json(root, capsys)
    assert status == 1 and err.count("\n") == 1 and "run the command again" in err
    status, again, _ = _export_json(root, capsys)
    assert status == 0 and again == clean


DISK_FULL = """
import resource, signal, sys
from pathlib import Path
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail, as on a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
from reader.cli import main
sys.exit(main(["index", sys.argv[1]]))
"""


def test_a_full_disk_is_one_line_and_leaves_nothing_behind(tmp_path: Path) -> None:
    root = tmp_path / "big"
    root.mkdir()
    records = [
        json.dumps(
            {"id": f"r{i}", "text": f"Officials in Town{i} said {i} people were hurt. " * 20}
        )
        for i in range(600)
    ]
    (root / "feed.jsonl").write_text("\n".join(records), "utf-8")
    cache_home = tmp_path / "cache"
    run = subprocess.run(
        [sys.executable, "-c", DISK_FULL, str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache_home)},
        timeout=300,
    )
    assert run.returncode == 1, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert "no space left writing the index in" in lines[0] and "XDG_CACHE_HOME" in lines[0]
    leftovers = [p.name for p in cache_home.rglob("*") if not p.name.endswith(".lock")]
    assert leftovers == ["seedread"], leftovers  # no index, temp or shard left behind


def test_a_second_build_of_one_corpus_waits_and_reuses_the_first(tmp_path: Path) -> None:
    root = _seeds_copy(tmp_path)
    started, waiting = threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def slow(stage: str, done: int, total: int) -> None:
        started.set()
        if stage == "reading":
            waiting.wait(10)  # hold the lock until the second build has seen it

    def first() -> None:
        results["first"] = build_index(root, cache_dir=tmp_path / "c", progress=slow)[1]

    thread = threading.Thread(target=first)
    thread.start()
    started.wait(10)
    seen: list[tuple[str, int]] = []

    def second_progress(stage: str, done: int, total: int) -> None:
        seen.append((stage, total))
        if stage == "waiting":
            waiting.set()

    _, second = build_index(root, cache_dir=tmp_path / "c", progress=second_progress)
    thread.join(10)
    assert seen[0] == ("waiting", os.getpid())  # told who holds it
    assert second.from_cache and not results["first"].from_cache  # type: ignore[attr-defined]


def test_a_reader_keeps_the_index_it_opened_while_another_build_replaces_it(
    tmp_path: Path,
) -> None:
    from reader.search import search_facts, search_texts

    root = _seeds_copy(tmp_path)
    index, _ = build_index(root, cache_dir=tmp_path / "c")
    before = index.article_count
    (root / "late.txt").write_text("Late report\nMusa Abu Marzouk spoke in Cairo.\n", "utf-8")
    newer, stats = build_index(root, cache_dir=tmp_path / "c")
    assert stats.in_place and newer.article_count == before + 1
    assert index.replaced and not newer.replaced
    # The old session reads its own generation whole: text search, facts, articles agree.
    assert index.article_count == before
    assert all(h.target != "a:late" for h in search_texts(index, "Cairo"))
    assert search_facts(index, "marzouk")
    assert index.article(index.article_ids()[0]).text
