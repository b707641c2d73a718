"""Tests for reader.corpus: formats, ids, metadata precedence, hostile input, seeds, scale."""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.config import Config, ConfigError
from reader.corpus import (
    Corpus,
    CorpusError,
    bundled_seeds,
    find_sources,
    iter_source,
    load_corpus,
    read_source,
    unique_ids,
)
from reader.models import Article, Problem
from reader.text import normalise_date

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CLUSTERS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "clusters.jsonl"


def by_id(corpus: Corpus) -> dict[str, Article]:
    """The corpus's articles keyed by id."""
    return {a.id: a for a in corpus.articles}


def problem_sources(corpus: Corpus) -> set[str]:
    """Every source named by a problem."""
    return {p.source for p in corpus.problems}


def jsonl(*records: object) -> str:
    """JSON-lines text for `records` (strings are written as raw lines)."""
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


# --- seeds -----------------------------------------------------------------------------------


def test_bundled_seeds_is_the_seed_folder() -> None:
    assert bundled_seeds().resolve() == SEEDS.resolve()
    assert len(list(bundled_seeds().glob("*.txt"))) == 5


def test_seeds_load_with_config_metadata() -> None:
    corpus = load_corpus(bundled_seeds())
    assert corpus.problems == ()
    assert corpus.name == "seeds"
    assert corpus.config.path == bundled_seeds() / "seedread.yaml"
    articles = by_id(corpus)
    assert list(articles) == [
        "000_51b63aaced070d53",
        "001_10f973c8524d19f5",
        "002_6f423198392cab83",
        "003_289270c1bab496bb",
        "004_0f31c42e23a18593",
    ]
    meta = {i: (a.outlet, a.date) for i, a in articles.items()}
    assert meta == {
        "000_51b63aaced070d53": ("TRT World", "2024-04-26"),
        "001_10f973c8524d19f5": (None, None),
        "002_6f423198392cab83": (None, None),
        "003_289270c1bab496bb": ("All Israel News", None),
        "004_0f31c42e23a18593": ("The Times of Israel", "2024-04-30"),
    }


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_text_is_the_file_byte_for_byte(name: str) -> None:
    article = by_id(load_corpus(SEEDS))[name.removesuffix(".txt")]
    assert article.text == (SEEDS / name).read_bytes().decode("utf-8")
    assert article.path == name
    assert article.warnings == ()
    for start, end in article.boilerplate:
        assert 0 <= start < end <= len(article.text)


def test_single_file_corpus_uses_parent_config() -> None:
    corpus = load_corpus(SEEDS / "004_0f31c42e23a18593.txt")
    assert corpus.root == SEEDS
    (article,) = corpus.articles
    assert article.id == "004_0f31c42e23a18593"
    assert article.outlet == "The Times of Israel"


def test_progress_is_reported() -> None:
    calls: list[tuple[int, int]] = []
    load_corpus(SEEDS, progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 5) and calls[-1] == (5, 5)


# --- formats ---------------------------------------------------------------------------------

RECORD = {
    "id": "r1",
    "title": "Record title",
    "outlet": "Outlet",
    "date": "2024-04-30T10:00:00Z",
    "url": "https://example.org/a",
    "author": "A. Writer",
    "text": "Body line one.\r\nBody line two.",
    "extra": {"ignored": True},
}
EXPECTED_RECORD = {
    "title": "Record title",
    "outlet": "Outlet",
    "date": "2024-04-30",
    "url": "https://example.org/a",
    "author": "A. Writer",
    "text": "Body line one.\nBody line two.",
}


def _write_gz(path: Path, text: str) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(text)


FORMATS: list[tuple[str, Callable[[Path], None], str, str, dict[str, str | None]]] = [
    (
        "txt",
        lambda d: (d / "a.txt").write_bytes(b" date 2024-04-26 WORLD\r\nHeadline\r\nBody.\r\n"),
        "a",
        "a.txt",
        {
            "title": "Headline",
            "date": "2024-04-26",
            "text": " date 2024-04-26 WORLD\nHeadline\nBody.\n",
        },
    ),
    (
        "md-front-matter",
        lambda d: (d / "m.md").write_text(
            "---\ntitle: FM title\noutlet: FM Outlet\ndate: 2024-04-30\nauthor: Me\n---\n"
            "# Heading\nText.\n"
        ),
        "m",
        "m.md",
        {
            "title": "FM title",
            "outlet": "FM Outlet",
            "date": "2024-04-30",
            "author": "Me",
            "text": "# Heading\nText.\n",
        },
    ),
    (
        "md-plain",
        lambda d: (d / "m.md").write_text("# Heading\n\nText.\n"),
        "m",
        "m.md",
        {"title": "Heading", "text": "# Heading\n\nText.\n"},
    ),
    (
        "jsonl",
        lambda d: (d / "recs.jsonl").write_text(jsonl(RECORD)),
        "r1",
        "recs.jsonl:1",
        EXPECTED_RECORD,
    ),
    (
        "jsonl-gz",
        lambda d: _write_gz(d / "recs.jsonl.gz", jsonl(RECORD)),
        "r1",
        "recs.jsonl.gz:1",
        EXPECTED_RECORD,
    ),
    (
        "json-list",
        lambda d: (d / "recs.json").write_text(json.dumps([RECORD, {"text": "x"}])),
        "r1",
        "recs.json:1",
        EXPECTED_RECORD,
    ),
    (
        "json-articles",
        lambda d: (d / "recs.json").write_text(json.dumps({"articles": [RECORD]})),
        "r1",
        "recs.json",
        EXPECTED_RECORD,
    ),
    (
        "json-one-record",
        lambda d: (d / "one.json").write_text(json.dumps({"text": "Just text."})),
        "one",
        "one.json",
        {"title": "Just text.", "text": "Just text."},
    ),
    (
        "jsonl-no-id",
        lambda d: (d / "recs.jsonl").write_text("\n" + jsonl({"text": "T"})),
        "recs:2",
        "recs.jsonl:2",
        {"title": "T", "text": "T"},
    ),
]


@pytest.mark.parametrize(
    ("make", "article_id", "path", "expected"),
    [pytest.param(*f[1:], id=f[0]) for f in FORMATS],
)
def test_formats(
    tmp_path: Path,
    make: Callable[[Path], None],
    article_id: str,
    path: str,
    expected: dict[str, str | None],
) -> None:
    make(tmp_path)
    corpus = load_corpus(tmp_path)
    article = by_id(corpus)[article_id]
    assert article.path == path
    for name, value in expected.items():
        assert getattr(article, name) == value, name


@pytest.mark.parametrize(
    ("rel", "article_id"),
    [
        pytest.param("000_51b63aaced070d53.txt", "000_51b63aaced070d53", id="top"),
        pytest.param("sub/x.txt", "sub/x", id="nested"),
        pytest.param("a/b/c.d.md", "a/b/c.d", id="dots"),
        pytest.param("s/recs.jsonl.gz", "s/recs:1", id="gz-stem"),
    ],
)
def test_ids(tmp_path: Path, rel: str, article_id: str) -> None:
    path = tmp_path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if rel.endswith(".gz"):
        _write_gz(path, jsonl({"text": "Body."}))
    else:
        path.write_text("Title\nBody.\n")
    (article,) = load_corpus(tmp_path).articles
    assert article.id == article_id


@pytest.mark.parametrize(
    ("config", "record", "text", "expected"),
    [
        pytest.param(
            "articles:\n  r:\n    outlet: Config Outlet\n    date: 2024-01-02\n",
            {"outlet": "Record Outlet", "date": "2023-05-06"},
            "Title\nSOURCE: Text Outlet\n",
            ("Config Outlet", "2024-01-02"),
            id="config-wins",
        ),
        pytest.param(
            "",
            {"outlet": "Record Outlet", "date": "2023-05-06"},
            "Title\nApril 1, 2020\nSOURCE: Text Outlet\n",
            ("Record Outlet", "2023-05-06"),
            id="record-beats-text",
        ),
        pytest.param(
            "",
            {},
            "Title\nApril 1, 2020\nBody.\nSOURCE: Text Outlet and agencies\n",
            ("Text Outlet", "2020-04-01"),
            id="text-last",
        ),
        pytest.param(
            "articles:\n  r:\n    title: Config Title\n",
            {"date": "2023-05-06"},
            "Title\n",
            (None, "2023-05-06"),
            id="partial-override",
        ),
    ],
)
def test_metadata_precedence(
    tmp_path: Path,
    config: str,
    record: dict[str, str],
    text: str,
    expected: tuple[str | None, str | None],
) -> None:
    (tmp_path / "seedread.yaml").write_text(config)
    (tmp_path / "r.jsonl").write_text(jsonl({"id": "r", "text": text, **record}))
    (article,) = load_corpus(tmp_path).articles
    assert (article.outlet, article.date) == expected
    if "Config Title" in config:
        assert article.title == "Config Title"


@pytest.mark.parametrize(
    ("text", "warning", "body"),
    [
        pytest.param(
            "---\ntitle: [unclosed\n---\nBody.\n", "not valid YAML", "Body.\n", id="bad-yaml"
        ),
        pytest.param("---\n- a\n- b\n---\nBody.\n", "not a mapping", "Body.\n", id="list"),
        pytest.param(
            "---\ntitle: [a, b]\n---\nBody.\n", "'title' should be text", "Body.\n", id="type"
        ),
        pytest.param(
            "---\ndate: someday\n---\nBody.\n", "not a recognisable date", "Body.\n", id="date"
        ),
        pytest.param("---\na: &x 1\nb: *x\n---\nBody.\n", "aliases", "Body.\n", id="alias"),
        pytest.param(
            "---\nno end marker\nBody.\n",
            "never closed",
            "---\nno end marker\nBody.\n",
            id="no-end",
        ),
    ],
)
def test_markdown_bad_front_matter_keeps_text(
    tmp_path: Path, text: str, warning: str | None, body: str
) -> None:
    (tmp_path / "m.md").write_text(text)
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert article.text == body
    if warning is None:
        assert corpus.problems == () and article.warnings == ()
    else:
        assert any(warning in w for w in article.warnings), article.warnings
        # Invalid or unclosed front matter is named at its line (and column): m.md:3:1.
        assert [p.source.split(":")[0] for p in corpus.problems] == ["m.md"]


def test_duplicate_ids_are_suffixed(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(jsonl({"id": "x", "text": "one"}, {"id": "x", "text": "two"}))
    (tmp_path / "x.txt").write_text("three")
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["x", "x~2", "x~3"]
    assert [a.text for a in corpus.articles] == ["one", "two", "three"]
    assert problem_sources(corpus) == {"a.jsonl:2", "x.txt"}
    assert corpus.articles[1].warnings


def test_read_source_makes_ids_unique_within_a_file(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps([{"id": "x", "text": "1"}, {"id": "x", "text": "2"}])
    )
    articles, problems = read_source(tmp_path / "a.json", tmp_path, Config())
    assert [a.id for a in articles] == ["x", "x~2"]
    assert [p.source for p in problems] == ["a.json:2"]


def test_unique_ids_shares_seen_ids() -> None:
    seen = {"x"}
    problems: list[Problem] = []
    got = unique_ids([Article(id="x", path="p", title="t", text="t")], problems, seen)
    assert got[0].id == "x~2" and seen == {"x", "x~2"} and len(problems) == 1


def test_find_sources_skips_hidden_and_config(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("hidden")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "seedread.yaml").write_text("")
    (tmp_path / "b.md").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    root, files, problems = find_sources(tmp_path)
    assert root == tmp_path
    assert [f.name for f in files] == ["a.txt", "b.md"]
    assert problems == []


def test_find_sources_single_file(tmp_path: Path) -> None:
    (tmp_path / "notes.text").write_text("Title\nBody")
    root, files, problems = find_sources(tmp_path / "notes.text")
    assert (root, files, problems) == (tmp_path, [tmp_path / "notes.text"], [])
    articles, problems = read_source(tmp_path / "notes.text", tmp_path, Config())
    assert [a.id for a in articles] == ["notes"] and problems == []


# --- errors ----------------------------------------------------------------------------------


def test_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nope")


def test_empty_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no article files"):
        load_corpus(tmp_path)


def test_all_bad_raises_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(CorpusError) as info:
        load_corpus(tmp_path)
    assert "\n" not in str(info.value) and "empty.txt" in str(info.value)


def test_bad_config_propagates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "seedread.yaml").write_text("aliases: [x]\n")
    with pytest.raises(ConfigError):
        load_corpus(tmp_path)


def _hostile(root: Path) -> dict[str, str]:
    """Write a hostile corpus into `root`; return {source: words its problem must contain}."""
    (root / "good.txt").write_text("Good title\nGood body.\n")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.md").write_text("  \n\n")
    (root / "folder.txt").mkdir()
    (root / "folder.txt" / "inner.txt").write_text("Inner title\nInner body.\n")
    (root / "dangling.txt").symlink_to(root / "missing-target.txt")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)
    (root / "latin1.txt").write_bytes("München Straße\nCafé.\n".encode("latin-1"))
    (root / "utf16.txt").write_bytes("UTF-16 title\nBody ü.\n".encode("utf-16"))
    (root / "bom.txt").write_bytes(b"\xef\xbb\xbfBOM title\nBody.\n")
    (root / "esc.txt").write_text("Esc \x1b[31mred\x1b[0m title\n\x07Body\x08.\n")
    (root / "broken.txt").write_bytes(b"Broken \xff\xfe\x81 title\nbody\n")
    (root / "picture.png").write_bytes(b"\x89PNG")
    (root / "recs.jsonl").write_text(
        jsonl(
            {"id": "ok1", "text": "Record one."},
            "{not json",
            {"id": "wrongtext", "text": 42},
            {"id": "wrongtitle", "text": "Record two.", "title": ["a"]},
            ["not", "an", "object"],
            {"id": "notext"},
            {"id": "baddate", "text": "Record three.", "date": "someday"},
        )
        + "\n"
    )
    (root / "badjson.json").write_text("{oops")
    expected = {
        "binary.txt": "binary",
        "empty.txt": "empty",
        "blank.md": "empty",
        "folder.txt": "directory",
        "dangling.txt": "broken symbolic link",
        "loop.txt": "loops",
        "sub/up": "already read",
        "picture.png": "not a supported",
        "recs.jsonl:2": "not valid JSON",
        "recs.jsonl:3": "'text' field that is int, not text",
        "recs.jsonl:4": "'title' should be text",
        "recs.jsonl:5": "not an object",
        "recs.jsonl:6": "no 'text'",
        "recs.jsonl:7": "not a recognisable date",
        "badjson.json": "not valid JSON",
        "broken.txt": "replaced",
    }
    unreadable = root / "secret.txt"
    unreadable.write_text("secret")
    unreadable.chmod(0)
    if os.geteuid() != 0:
        expected["secret.txt"] = "permission denied"
    return expected


def test_hostile_corpus(tmp_path: Path) -> None:
    expected = _hostile(tmp_path)
    try:
        corpus = load_corpus(tmp_path)
    finally:
        (tmp_path / "secret.txt").chmod(0o644)
    articles = by_id(corpus)
    reasons = {p.source: p.reason for p in corpus.problems}
    for source, words in expected.items():
        assert source in reasons, f"{source} not reported; problems: {reasons}"
        assert words in reasons[source], (source, reasons[source])
    good = {
        "good": "Good title",
        "folder.txt/inner": "Inner title",
        "latin1": "München Straße",
        "utf16": "UTF-16 title",
        "bom": "BOM title",
        "esc": "Esc \x1b[31mred\x1b[0m title",
        "broken": "Broken ÿþ\ufffd title",  # Windows-1252 has no character for 0x81
        "ok1": "Record one.",
        "wrongtitle": "Record two.",
        "baddate": "Record three.",
    }
    for article_id, title in good.items():
        assert articles[article_id].title == title, article_id
    assert articles["broken"].warnings
    assert articles["bom"].text == "BOM title\nBody.\n"
    assert articles["latin1"].text == "München Straße\nCafé.\n"
    assert "wrongtext" not in articles and "notext" not in articles
    if os.geteuid() == 0:
        assert "secret" in articles  # root reads a chmod 000 file; nothing to report


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("ok")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    secret.chmod(0)
    try:
        corpus = load_corpus(tmp_path)
    finally:
        secret.chmod(0o644)
    assert [p.source for p in corpus.problems] == ["secret.txt"]


def test_truncated_gzip_keeps_earlier_records(tmp_path: Path) -> None:
    data = gzip.compress(jsonl(*({"id": f"r{i}", "text": "x" * 100} for i in range(2000))).encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    corpus = load_corpus(tmp_path)
    assert len(corpus.articles) > 0
    assert any(p.source.startswith("cut.jsonl.gz") for p in corpus.problems)


def test_overlong_jsonl_line_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.corpus

    monkeypatch.setattr(reader.corpus, "_MAX_LINE_BYTES", 64)
    (tmp_path / "a.jsonl").write_text(
        jsonl({"text": "short"}, {"text": "x" * 500}, {"text": "end"})
    )
    corpus = load_corpus(tmp_path)
    assert [a.text for a in corpus.articles] == ["short", "end"]
    assert [a.path for a in corpus.articles] == ["a.jsonl:1", "a.jsonl:3"]
    assert [p.source for p in corpus.problems] == ["a.jsonl:2"]


def test_lone_surrogate_in_json_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "s.jsonl").write_text('{"id": "s", "text": "bad \\ud800 here"}\n')
    (article,) = load_corpus(tmp_path).articles
    assert article.text == "bad \ufffd here" and article.warnings


# --- scale -----------------------------------------------------------------------------------


def _big_corpus(folder: Path, k: int) -> Path:
    """An article of k paragraphs and one of a single line of 5k words, in `folder`."""
    paragraph = "A sentence of ordinary news prose, with a figure of 1,234 people.\n"
    folder.mkdir()
    (folder / "big.txt").write_text("Big title\n" + paragraph * k)
    (folder / "line.txt").write_text("word " * (5 * k))
    return folder


def test_large_article_and_long_line_load_linearly(tmp_path: Path) -> None:
    from growth import assert_linear

    articles = by_id(load_corpus(_big_corpus(tmp_path / "huge", 300_000)))
    assert len(articles["big"].text) > 19_000_000
    assert len(articles["line"].title) <= 201
    sizes: dict[int, Path] = {}

    def run(k: int) -> Callable[[], object]:
        folder = sizes.setdefault(k, _big_corpus(tmp_path / f"k{k}", k))
        return lambda: load_corpus(folder)

    assert_linear(run, 10_000, repeat=2)


@pytest.mark.skipif(not CLUSTERS.exists(), reason="shared corpus not available")
def test_clusters_corpus_loads() -> None:
    corpus = load_corpus(CLUSTERS)
    assert len(corpus.articles) == 383
    assert all(a.outlet and a.date for a in corpus.articles)


# --- never raise -----------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=600).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(
            st.dictionaries(
                st.sampled_from(["id", "text", "title", "date", "outlet", "url", "author", "x"]),
                st.one_of(st.none(), st.integers(), st.text(max_size=40), st.lists(st.integers())),
            ),
            max_size=4,
        ).map(lambda rs: "\n".join(json.dumps(r) for r in rs).encode()),
    ),
    suffix=st.sampled_from([".txt", ".md", ".json", ".jsonl"]),
)
def test_read_source_never_raises(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / f"f{suffix}"
        path.write_bytes(data)
        articles, problems = read_source(path, root, Config())
    assert articles or problems
    for article in articles:
        assert article.text.strip()
        assert article.date is None or normalise_date(article.date) == article.date
        for start, end in article.boilerplate:
            assert 0 <= start <= end <= len(article.text)


@pytest.mark.parametrize("name", ["big.jsonl", "big.jsonl.gz"])
def test_a_large_jsonl_file_streams_in_batches_with_its_share_read(
    tmp_path: Path, name: str
) -> None:
    records = [
        {"id": f"r{i % 700}", "text": f"Record {i} says {i} people came."} for i in range(900)
    ]
    records.insert(300, "{not json")
    text = jsonl(*records)
    path = tmp_path / name
    _write_gz(path, text) if name.endswith(".gz") else path.write_text(text, encoding="utf-8")
    config = Config()
    batches = list(iter_source(path, tmp_path, config))
    shares = [share for _, _, share in batches]
    assert len(batches) == 4 and shares == sorted(shares) and shares[-1] == 1.0
    streamed = [a for got, _, _ in batches for a in got]
    whole, problems = read_source(path, tmp_path, config)
    assert [a.id for a in streamed] == [a.id for a in whole]
    assert len({a.id for a in streamed}) == 900  # repeated ids renamed across batches too
    assert sorted(p.source for _, bad, _ in batches for p in bad) == sorted(
        p.source for p in problems
    )
