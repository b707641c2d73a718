"""Tests for reader.config: loading, validating, dumping and saving seedread.yaml."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import MappingProxyType

import pytest

from reader.config import ArticleMeta, Config, ConfigError, dump_config, load_config, save_config

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def write(tmp_path: Path, text: str) -> Path:
    """Write `text` as seedread.yaml in `tmp_path` and return its path."""
    path = tmp_path / "seedread.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_empty_config(tmp_path: Path) -> None:
    config = load_config(tmp_path / "seedread.yaml")
    assert config == Config()
    assert config.path is None
    assert dict(config.aliases) == {} and config.ignore == () and dict(config.articles) == {}


def test_seed_config() -> None:
    config = load_config(SEEDS / "seedread.yaml")
    assert config.path == SEEDS / "seedread.yaml"
    assert config.articles["004_0f31c42e23a18593"] == ArticleMeta(
        outlet="The Times of Israel", date="2024-04-30"
    )
    assert config.articles["000_51b63aaced070d53"].outlet == "TRT World"
    assert config.articles["003_289270c1bab496bb"].outlet == "All Israel News"
    assert "001_10f973c8524d19f5" not in config.articles
    assert "002_6f423198392cab83" not in config.articles
    assert config.aliases["Hamas"] == ("Islamic Resistance Movement",)
    assert config.aliases["Fatah"] == ("Palestine National Liberation Movement",)


@pytest.mark.parametrize(
    ("text", "check"),
    [
        pytest.param("", lambda c: c.aliases == {} and c.ignore == (), id="empty-file"),
        pytest.param("# only a comment\n", lambda c: c.articles == {}, id="comment-only"),
        pytest.param("aliases:\n", lambda c: c.aliases == {}, id="null-aliases"),
        pytest.param(
            "aliases:\n  Hamas:\n", lambda c: c.aliases == {"Hamas": ()}, id="alias-no-names"
        ),
        pytest.param(
            "aliases:\n  Hamas: Islamic Resistance Movement\n",
            lambda c: c.aliases["Hamas"] == ("Islamic Resistance Movement",),
            id="alias-single-string",
        ),
        pytest.param(
            "ignore: [Reuters, AP]\n", lambda c: c.ignore == ("Reuters", "AP"), id="ignore"
        ),
        pytest.param(
            "articles:\n  x:\n    date: '2024-04-30'\n    title: 1984\n",
            lambda c: c.articles["x"] == ArticleMeta(title="1984", date="2024-04-30"),
            id="quoted-date-numeric-title",
        ),
        pytest.param(
            "articles:\n  sub/x:\n    outlet: ~\n    url: https://e.com/a?b=1\n",
            lambda c: c.articles["sub/x"] == ArticleMeta(url="https://e.com/a?b=1"),
            id="null-field",
        ),
        pytest.param("\ufeffignore: [a]\n", lambda c: c.ignore == ("a",), id="utf8-bom"),
    ],
)
def test_load_valid(tmp_path: Path, text: str, check: object) -> None:
    config = load_config(write(tmp_path, text))
    assert callable(check) and check(config)


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        pytest.param("aliases: [a, b]\n", 1, 10, "aliases must be a mapping", id="aliases-list"),
        pytest.param(
            "aliases:\n  Hamas:\n    bad: map\n", 3, 5, "must be a list of names", id="alias-map"
        ),
        pytest.param(
            "aliases:\n  Hamas: [ok, [nested]]\n", 2, 15, "must be text", id="alias-nested"
        ),
        pytest.param(
            "articles:\n  x:\n    date: 30/04/2024\n", 3, 11, "ISO date", id="date-not-iso"
        ),
        pytest.param(
            "articles:\n  x:\n    date: 2024-02-30\n", 3, 11, "ISO date", id="date-invalid"
        ),
        pytest.param(
            "articles:\n  x:\n    outlet: [a]\n", 3, 13, "outlet must be text", id="outlet-list"
        ),
        pytest.param(
            "articles:\n  x:\n    publisher: X\n", 3, 5, "unknown article field", id="bad-field"
        ),
        pytest.param(
            "aliases:\n  Hamas: [X]\n  Fatah: [Y, X]\n",
            3,
            14,
            "already listed under aliases of 'Hamas'",
            id="alias-twice",
        ),
        pytest.param(
            "aliases:\n  Hamas: [Fatah]\n  Fatah: [Y]\n",
            3,
            3,
            "already listed",
            id="canonical-is-alias",
        ),
        pytest.param("articles: 3\n", 1, 11, "articles must be a mapping", id="articles-int"),
        pytest.param("articles:\n  x: text\n", 2, 6, "must be a mapping", id="article-scalar"),
        pytest.param("alias: {}\n", 1, 1, "unknown key 'alias'", id="unknown-top-key"),
        pytest.param("- a\n- b\n", 1, 1, "must be a mapping", id="top-list"),
        pytest.param("ignore: {a: b}\n", 1, 9, "list of names", id="ignore-map"),
        pytest.param("ignore: [a\n", 2, 1, "invalid YAML", id="syntax"),
        pytest.param("ignore: [a]\nignore: [b]\n", 2, 1, "duplicate key", id="duplicate"),
        pytest.param(
            "ignore: !!python/object/apply:os.system [echo]\n",
            1,
            9,
            "unsupported YAML tag",
            id="python-tag",
        ),
        pytest.param("stories:\n  merge:\n    - [a]\n", 3, 7, "names two articles", id="merge-one"),
        pytest.param(
            "stories:\n  merge: {a: b}\n", 2, 10, "list of [article, article]", id="merge-map"
        ),
        pytest.param("stories:\n  move:\n    a: [b]\n", 3, 8, "must be text", id="move-to-list"),
        pytest.param("stories:\n  join: []\n", 2, 3, "expected merge or move", id="stories-key"),
        pytest.param("a: &x [1]\nignore: *x\n", 1, 4, "anchors and aliases", id="anchor"),
        pytest.param(
            "x: &a [l, l]\ny: &b [*a, *a]\nz: &c [*b, *b]\nignore: [*c, *c]\n",
            1,
            4,
            "anchors and aliases",
            id="billion-laughs",
        ),
    ],
)
def test_load_errors(tmp_path: Path, text: str, line: int, column: int, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    err = info.value
    assert (err.line, err.column) == (line, column), str(err)
    assert message in err.message
    assert err.path == path
    assert str(err) == f"{path}:{line}:{column}: {err.message}"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "seedread.yaml"
    path.write_bytes(b"ignore: [\xff]\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path)


def test_directory_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "seedread.yaml").mkdir()
    with pytest.raises(ConfigError, match="directory"):
        load_config(tmp_path / "seedread.yaml")


def sample_config() -> Config:
    """A config with every kind of entry."""
    return Config(
        aliases=MappingProxyType(
            {
                "Hamas": ("Islamic Resistance Movement",),
                "Fatah": ("Palestine National Liberation Movement", "Fateh"),
            }
        ),
        ignore=("Reuters", "Anadolu"),
        articles=MappingProxyType(
            {
                "004_0f31c42e23a18593": ArticleMeta(
                    outlet="The Times of Israel", date="2024-04-30"
                ),
                "000": ArticleMeta(title="Title: with colon", author="Ünïcode Name"),
            }
        ),
    )


def test_dump_is_sorted_block_yaml() -> None:
    text = dump_config(sample_config())
    assert text.index("aliases:") < text.index("articles:") < text.index("ignore:")
    assert text.index("  Fatah:") < text.index("  Hamas:")
    assert "{" not in text and "[" not in text  # block style, one value per line
    assert "Ünïcode Name" in text


def test_dump_round_trips(tmp_path: Path) -> None:
    config = sample_config()
    path = write(tmp_path, dump_config(config))
    loaded = load_config(path)
    assert loaded.aliases == config.aliases
    assert loaded.ignore == config.ignore
    assert loaded.articles == config.articles


def test_dump_empty() -> None:
    assert load_config_text(dump_config(Config())) == Config()


def load_config_text(text: str) -> Config:
    """Load `text` through a temporary file; the result has path None for comparison."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seedread.yaml"
        path.write_text(text, encoding="utf-8")
        loaded = load_config(path)
    return dataclasses.replace(loaded, path=None)


def test_seed_config_round_trips() -> None:
    config = load_config(SEEDS / "seedread.yaml")
    again = load_config_text(dump_config(config))
    assert again == Config(config.aliases, config.ignore, config.articles, None)


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "seedread.yaml"
    path.write_text("ignore: [old]\n", encoding="utf-8")
    path.chmod(0o644)
    save_config(sample_config(), path)
    assert load_config(path).ignore == ("Reuters", "Anadolu")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seedread.yaml"]
    assert path.stat().st_mode & 0o777 == 0o644


def test_save_failure_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    path = tmp_path / "seedread.yaml"
    path.write_text("ignore: [old]\n", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_config(sample_config(), path)
    assert path.read_text(encoding="utf-8") == "ignore: [old]\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seedread.yaml"]


def test_save_keeps_the_opening_comments(tmp_path: Path) -> None:
    path = tmp_path / "seedread.yaml"
    path.write_text("# why this file exists\n# second line\nignore: [old]\n", encoding="utf-8")
    config = load_config(path)
    save_config(dataclasses.replace(config, ignore=("old", "new")), path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# why this file exists\n# second line\n")
    assert load_config(path).ignore == ("old", "new")
