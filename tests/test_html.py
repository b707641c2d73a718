"""Saved web pages (.html/.htm, gzipped or not) read as articles through trafilatura."""

from __future__ import annotations

import builtins
import gzip
import json
import os
import re
import shutil
import socket
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import reader.html as html_mod
from reader.config import Config
from reader.corpus import load_corpus, read_source
from reader.figures import extract_figures
from reader.html import INSTALL_HINT, read_html
from reader.names import extract_names

REAL_PAGES = Path(
    os.environ.get(
        "SEEDREAD_HTML_CORPUS",
        Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "html",
    )
)
# News pages from three outlets whose true text is in the corpus's ground-truth.json.
REAL_IDS = (
    "04a6711caa7c687592777718866e781e976e0fe684faebe8b3cedcef8cd0ea34",  # NYT opinion
    "05844573ca7e1fba714d715bb11ca08c26e25328999c74a1cb3bc8a0e4399f0f",  # AP via CT Post
    "06e5123e4ef7cfb4533250dc45d1e03d0838fc66223f45c583c4d12f48b4da85",  # Reuters via VentureBeat
)

PARAGRAPHS = (
    "The city council voted 7-2 on Tuesday to approve a budget of $4.2 million for the new "
    "water treatment plant, Mayor Jane Alvarez said after the meeting in Springfield.",
    "Opponents, led by councillor Tom Becker, argued that the plant would cost at least "
    "$6 million once interest was included, and that 1,200 households would see higher bills.",
    "Construction is expected to start in March 2025 and to last about 18 months, according "
    "to the city's public works department, which will hire 40 contractors for the project.",
)


def _page(body: str = "", head: str = "", charset: str = "utf-8") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>Council approves water plant budget - Springfield Gazette</title>
<meta property="og:title" content="Council approves water plant budget">
<meta property="og:site_name" content="Springfield Gazette">
<meta property="article:published_time" content="2024-04-26T10:00:00Z">
<meta name="author" content="Maria Lopez">
<link rel="canonical" href="https://gazette.example.com/2024/04/26/water-plant">
{head}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/subscribe">Subscribe now for unlimited access</a></li></ul></nav>
<article><h1>Council approves water plant budget</h1>
{paragraphs}
{body}
</article>
<footer><p>Copyright 2024 Springfield Gazette. All rights reserved.</p></footer>
</body></html>"""


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.casefold()))


def _recall(got: str, truth: str) -> float:
    g, t = _words(got), _words(truth)
    return sum((g & t).values()) / max(1, sum(t.values()))


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    # tmp_path also holds the isolated user dirs (conftest): the corpus gets its own folder.
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


@pytest.fixture
def extractor() -> Any:
    return pytest.importorskip("trafilatura")


# --- Without trafilatura ----------------------------------------------------------------------


def test_missing_extractor_names_the_extra(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A None entry in sys.modules makes `import trafilatura` fail as if it were not installed.
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    monkeypatch.setattr(html_mod, "_trafilatura", None)
    (corpus_dir / "page.html").write_text(_page(), encoding="utf-8")
    (corpus_dir / "other.htm.gz").write_bytes(gzip.compress(_page().encode()))
    (corpus_dir / "note.txt").write_text("A plain article still loads.\n", encoding="utf-8")
    corpus = load_corpus(corpus_dir)
    assert [a.id for a in corpus.articles] == ["note"]
    reasons = {p.source: p.reason for p in corpus.problems}
    assert set(reasons) == {"page.html", "other.htm.gz"}
    for reason in reasons.values():
        assert reason == f"is a web page; {INSTALL_HINT}"
        assert "pip install 'seedread[html]'" in reason


def test_broken_extractor_install_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def failing_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "trafilatura":
            # What old pips leave behind: justext needs lxml's html_clean extra, never installed.
            raise ModuleNotFoundError("No module named 'lxml_html_clean'", name="lxml_html_clean")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing_import)
    monkeypatch.setattr(html_mod, "_trafilatura", None)
    page, problem = read_html(_page().encode(), "page.html")
    assert page is None and problem is not None
    assert problem.reason == (
        "is a web page, but the extractor cannot load (No module named 'lxml_html_clean'); "
        + INSTALL_HINT
    )


# --- Synthetic pages --------------------------------------------------------------------------


def test_page_text_and_metadata(corpus_dir: Path, extractor: Any) -> None:
    (corpus_dir / "water.html").write_text(_page(), encoding="utf-8")
    corpus = load_corpus(corpus_dir)
    assert corpus.problems == ()
    (article,) = corpus.articles
    assert article.id == "water"
    assert article.path == "water.html"
    assert article.title == "Council approves water plant budget"
    assert article.outlet == "Springfield Gazette"
    assert article.date == "2024-04-26"
    assert article.author == "Maria Lopez"
    assert article.url == "https://gazette.example.com/2024/04/26/water-plant"
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text.split("\n")  # one paragraph per line
    assert "Subscribe now" not in article.text
    assert "All rights reserved" not in article.text
    assert "\r" not in article.text and "\n\n\n" not in article.text


def test_offsets_index_the_extracted_text(corpus_dir: Path, extractor: Any) -> None:
    (corpus_dir / "water.html").write_text(_page(), encoding="utf-8")
    (article,) = load_corpus(corpus_dir).articles
    names = extract_names(article)
    figures = extract_figures(article)
    assert any(m.text == "Jane Alvarez" for m in names)
    assert any(f.value == 4200000 for f in figures)
    for m in (*names, *figures):
        assert article.text[m.start : m.end] == m.text


def test_gzipped_and_htm_suffixes_give_plain_ids(corpus_dir: Path, extractor: Any) -> None:
    (corpus_dir / "a.html.gz").write_bytes(gzip.compress(_page().encode()))
    (corpus_dir / "b.HTM").write_text(_page(), encoding="utf-8")
    (corpus_dir / "sub").mkdir()
    (corpus_dir / "sub" / "c.htm.gz").write_bytes(gzip.compress(_page().encode()))
    # Saved under a .gz name without being compressed: read as it is.
    (corpus_dir / "d.html.gz").write_text(_page(), encoding="utf-8")
    corpus = load_corpus(corpus_dir)
    assert [a.id for a in corpus.articles] == ["a", "b", "d", "sub/c"]
    assert corpus.problems == ()


def test_declared_charset_is_honoured(corpus_dir: Path, extractor: Any) -> None:
    cyrillic = "Мэр Москвы Сергей Собянин заявил, что строительство продлится два года. " * 4
    page = _page(body=f"<p>{cyrillic}</p>", charset="windows-1251")
    (corpus_dir / "ru.html").write_bytes(page.encode("cp1251"))
    latin = "The café’s owner said the “menu” would change — again. " * 4
    page = _page(body=f"<p>{latin}</p>", charset="iso-8859-1")
    (corpus_dir / "fr.html").write_bytes(page.encode("cp1252"))
    corpus = load_corpus(corpus_dir)
    assert corpus.problems == ()
    texts = {a.id: a.text for a in corpus.articles}
    assert "Сергей Собянин" in texts["ru"]
    assert "café’s owner said the “menu” would change — again" in texts["fr"]


def test_legacy_bytes_without_a_charset_are_read_as_windows_1252(
    corpus_dir: Path, extractor: Any
) -> None:
    page = _page(body="<p>" + "Caf\xe9 owners said prices rose by 5%. " * 6 + "</p>")
    # No declaration at all, and a wrong one: both are decoded like other corpus files.
    (corpus_dir / "none.html").write_bytes(
        page.replace('<meta charset="utf-8">', "").encode("cp1252")
    )
    (corpus_dir / "wrong.html").write_bytes(page.encode("cp1252"))
    corpus = load_corpus(corpus_dir)
    assert corpus.problems == ()
    for article in corpus.articles:
        assert "Café owners said prices rose by 5%." in article.text


def test_bad_bytes_in_the_declared_charset_are_a_loss(corpus_dir: Path, extractor: Any) -> None:
    page = _page(
        body="<p>" + "Shift_JIS text ends badly: \u65e5\u672c. " * 6 + "</p>", charset="shift_jis"
    )
    data = page.encode("shift_jis").replace(b"ends", b"\x81\xff")
    (corpus_dir / "jp.html").write_bytes(data)
    corpus = load_corpus(corpus_dir)
    (article,) = corpus.articles
    assert "\u65e5\u672c" in article.text
    (problem,) = corpus.problems
    assert problem.reason.startswith("read with a loss: ")
    assert problem.reason.endswith(" undecodable byte(s) (shift_jis) were replaced with \ufffd")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.html", b"", "is empty"),
        ("blank.htm", b"  \n\t\n", "is empty"),
        ("junk.html", bytes(range(256)) * 64, "looks like a binary file"),
        ("shell.html", b"<html><head><title>x</title></head><body></body></html>", "no article"),
        ("script.html", b"<html><body><script>var a = 1;</script></body></html>", "no article"),
        ("bad.html.gz", b"\x1f\x8b\x08\x00garbage that is not deflate" * 10, "not a valid gzip"),
        ("empty.html.gz", gzip.compress(b""), "is empty"),
    ],
)
def test_unreadable_pages_are_problems(
    corpus_dir: Path, extractor: Any, name: str, content: bytes, reason: str
) -> None:
    path = corpus_dir / name
    path.write_bytes(content)
    articles, problems = read_source(path, corpus_dir, Config())
    assert articles == []
    assert len(problems) == 1
    assert problems[0].source == name
    assert reason in problems[0].reason


def test_truncated_gzip_keeps_what_was_there(corpus_dir: Path, extractor: Any) -> None:
    whole = gzip.compress(_page().encode())
    (corpus_dir / "cut.html.gz").write_bytes(whole[: len(whole) - 40])
    articles, problems = read_source(corpus_dir / "cut.html.gz", corpus_dir, Config())
    assert len(articles) == 1
    assert PARAGRAPHS[0] in articles[0].text
    assert [p.reason for p in problems] == [
        "read with a loss: the gzip file is truncated; only its start was read"
    ]
    assert articles[0].warnings == ("the gzip file is truncated; only its start was read",)


def test_gzip_bomb_stops_at_the_limit(
    corpus_dir: Path, extractor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(html_mod, "_MAX_PAGE_BYTES", 100_000)
    (corpus_dir / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * 1_000_000))
    articles, problems = read_source(corpus_dir / "bomb.html.gz", corpus_dir, Config())
    assert articles == []
    assert "too large once decompressed" in problems[0].reason


def test_malformed_html_never_raises(extractor: Any) -> None:
    pages = [
        b"<html><body>" + b"<div>" * 50_000 + b"deep" + b"</div>" * 10 + b"</body></html>",
        b"<html><body><p>unclosed <b>bold <i>and <table><tr><td>cell" + b"</p>" * 500,
        b"<?xml version='1.0' encoding='iso-8859-1'?>" + _page().encode("cp1252"),
        _page(body="<p>broken \xff\xfe\x80 bytes</p>").encode("latin-1", "replace"),
        b"<html>" + b"<p>word " * 20_000 + b"</html>",
        b"<html><body><p>" + "Юникод ".encode() * 3_000 + b"\xc3</p></body></html>",
        b"not html at all, just one short line",
        b"<" * 100_000,
    ]
    for number, data in enumerate(pages):
        page, problem = read_html(data, f"p{number}.html")
        assert (page is None) != (problem is None)


def test_utf16_pages(extractor: Any) -> None:
    for data in (_page().encode("utf-16"), _page().encode("utf-16-le")):
        page, problem = read_html(data, "wide.html")
        assert problem is None and page is not None
        assert PARAGRAPHS[1] in page.text


def test_nothing_is_fetched(extractor: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the web-page reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    head = (
        '<link rel="stylesheet" href="https://cdn.example.com/site.css">'
        '<script src="https://cdn.example.com/app.js"></script>'
    )
    body = (
        '<img src="https://images.example.com/plant.jpg"><iframe src="https://x.example/"></iframe>'
    )
    page, problem = read_html(_page(body=body, head=head).encode(), "net.html")
    assert problem is None and page is not None
    assert PARAGRAPHS[2] in page.text


# --- Real pages ---------------------------------------------------------------------------------


@pytest.fixture
def real_pages(corpus_dir: Path, extractor: Any) -> tuple[Path, dict[str, Any]]:
    truth_file = REAL_PAGES / "ground-truth.json"
    if not truth_file.is_file():
        pytest.skip(f"no saved-page corpus at {REAL_PAGES}")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    for page_id in REAL_IDS:
        # Copies in the test's temp folder only: the pages are never part of the repository.
        shutil.copyfile(REAL_PAGES / f"{page_id}.html.gz", corpus_dir / f"{page_id}.html.gz")
    return corpus_dir, truth


def test_real_pages_load_as_articles(real_pages: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = real_pages
    corpus = load_corpus(folder)
    assert corpus.problems == ()
    assert [a.id for a in corpus.articles] == sorted(REAL_IDS)
    for article in corpus.articles:
        assert article.title and article.title != article.id
        assert article.outlet
        assert article.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.date)
        assert article.words > 300
        assert _recall(article.text, truth[article.id]["articleBody"]) > 0.9
        for start, end in article.boilerplate:
            assert 0 <= start < end <= len(article.text)
            assert start == 0 or article.text[start - 1] == "\n"
        names = extract_names(article)
        figures = extract_figures(article)
        assert names
        for m in (*names, *figures):
            assert article.text[m.start : m.end] == m.text
