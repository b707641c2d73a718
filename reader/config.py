"""Loading and saving `seedread.yaml`: name aliases, ignored names and per-article metadata."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from reader.text import normalise_date

__all__ = [
    "ArticleMeta",
    "StoryCuration",
    "Config",
    "ConfigError",
    "dump_config",
    "load_config",
    "save_config",
    "too_deep",
]

CONFIG_NAME = "seedread.yaml"
"""The name of the config file at a corpus root."""

_MAX_CONFIG_BYTES = 16 * 1024 * 1024
_NONBLOCK = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_META_FIELDS = ("title", "outlet", "date", "url", "author", "story")
_TOP_KEYS = ("aliases", "ignore", "split", "articles", "stories")
_STANDARD_TAG = "tag:yaml.org,2002:"
_SAFE_TAGS = frozenset(
    _STANDARD_TAG + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)


@dataclass(frozen=True)
class ArticleMeta:
    """Metadata for one article that overrides what its file or text says."""

    title: str | None = None
    """The headline."""
    outlet: str | None = None
    """Who published it."""
    date: str | None = None
    """Publication date, ISO `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`)."""
    url: str | None = None
    """The original address."""
    author: str | None = None
    """The byline."""
    story: str | None = None
    """A story id to put the article in, as a source's `story` field would."""


def _empty_moves() -> Mapping[str, str | None]:
    return MappingProxyType({})


@dataclass(frozen=True)
class StoryCuration:
    """A reader's decisions about stories, which no rule can know. Stories are named by an
    article in them: a story's id changes when its earliest article does, an article's never."""

    merge: tuple[tuple[str, str], ...] = ()
    """Pairs of article ids whose stories are one story."""
    move: Mapping[str, str | None] = field(default_factory=_empty_moves)
    """Article id -> the article whose story it joins; None: a story of its own."""


def _empty_aliases() -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({})


def _empty_articles() -> Mapping[str, ArticleMeta]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Config:
    """What `seedread.yaml` at a corpus root says; empty when there is none."""

    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=_empty_aliases)
    """Canonical name -> other names that refer to the same entity."""
    ignore: tuple[str, ...] = ()
    """Names that are never treated as entities."""
    articles: Mapping[str, ArticleMeta] = field(default_factory=_empty_articles)
    """Per-article metadata overrides, keyed by article id."""
    path: Path | None = None
    """The file it was read from; None when there was none."""
    split: Mapping[str, tuple[str, ...]] = field(default_factory=_empty_aliases)
    """Canonical name -> spellings that are a different referent and must stand alone."""
    stories: StoryCuration = field(default_factory=StoryCuration)
    """Stories merged, articles moved to another story."""


class ConfigError(Exception):
    """`seedread.yaml` is malformed or holds a value of the wrong type."""

    def __init__(self, path: Path | str, line: int, column: int, message: str) -> None:
        self.path = Path(path)
        """The config file."""
        self.line = line
        """1-based line of the offending node; 0 when the fault is the file itself."""
        self.column = column
        """1-based column of the offending node; 0 when the fault is the file itself."""
        self.message = message
        """What was expected, in one sentence."""
        where = f"{self.path}:{line}:{column}" if line else str(self.path)
        super().__init__(f"{where}: {message}")


class _Reader:
    """Turns a composed YAML node tree into a Config, raising ConfigError at the bad node."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def error(self, node: yaml.Node | None, message: str) -> ConfigError:
        if node is None or node.start_mark is None:
            return ConfigError(self.path, 1, 1, message)
        mark = node.start_mark
        return ConfigError(self.path, mark.line + 1, mark.column + 1, message)

    def check_tag(self, node: yaml.Node) -> None:
        # safe_load semantics: only the standard YAML types, never `!!python/...` or custom tags.
        if node.tag not in _SAFE_TAGS:
            raise self.error(node, f"unsupported YAML tag {node.tag}")

    def mapping(self, node: yaml.Node, what: str) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
        self.check_tag(node)
        if self.is_null(node):
            return []
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, f"{what} must be a mapping")
        seen: dict[str, yaml.Node] = {}
        pairs: list[tuple[yaml.ScalarNode, yaml.Node]] = []
        for key, value in node.value:
            self.check_tag(key)
            if not isinstance(key, yaml.ScalarNode) or self.is_null(key):
                raise self.error(key, f"keys in {what} must be plain text")
            if key.value == "<<":
                raise self.error(key, "YAML merge keys (<<) are not supported")
            if key.value in seen:
                raise self.error(key, f"duplicate key {key.value!r} in {what}")
            seen[key.value] = key
            pairs.append((key, value))
        return pairs

    @staticmethod
    def is_null(node: yaml.Node) -> bool:
        return isinstance(node, yaml.ScalarNode) and node.tag == _STANDARD_TAG + "null"

    def text(self, node: yaml.Node, what: str) -> str:
        self.check_tag(node)
        if not isinstance(node, yaml.ScalarNode) or self.is_null(node):
            raise self.error(node, f"{what} must be text")
        value = str(node.value).strip()
        if not value:
            raise self.error(node, f"{what} must not be empty")
        return value

    def optional_text(self, node: yaml.Node, what: str) -> str | None:
        if self.is_null(node):
            return None
        return self.text(node, what)

    def names(self, node: yaml.Node, what: str) -> tuple[str, ...]:
        self.check_tag(node)
        if self.is_null(node):
            return ()
        if isinstance(node, yaml.ScalarNode):
            return (self.text(node, what),)
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(node, f"{what} must be a list of names")
        return tuple(self.text(item, f"each name in {what}") for item in node.value)

    def config(self, root: yaml.Node | None) -> Config:
        if root is None:
            return Config(path=self.path)
        aliases: dict[str, tuple[str, ...]] = {}
        ignore: tuple[str, ...] = ()
        split: dict[str, tuple[str, ...]] = {}
        articles: dict[str, ArticleMeta] = {}
        stories = StoryCuration()
        for key, value in self.mapping(root, "the top level of seedread.yaml"):
            if key.value == "aliases":
                aliases = self.aliases(value)
            elif key.value == "ignore":
                ignore = self.names(value, "ignore")
            elif key.value == "split":
                split = self.split(value)
            elif key.value == "articles":
                articles = self.articles(value)
            elif key.value == "stories":
                stories = self.stories(value)
            else:
                raise self.error(
                    key, f"unknown key {key.value!r}; expected one of {', '.join(_TOP_KEYS)}"
                )
        return Config(
            aliases=MappingProxyType(aliases),
            ignore=ignore,
            split=MappingProxyType(split),
            articles=MappingProxyType(articles),
            path=self.path,
            stories=stories,
        )

    def stories(self, node: yaml.Node) -> StoryCuration:
        merge: list[tuple[str, str]] = []
        move: dict[str, str | None] = {}
        for key, value in self.mapping(node, "stories"):
            if key.value == "merge":
                self.check_tag(value)
                if self.is_null(value):
                    continue
                if not isinstance(value, yaml.SequenceNode):
                    raise self.error(value, "stories.merge must be a list of [article, article]")
                for pair in value.value:
                    ids = self.names(pair, "each pair in stories.merge")
                    if len(ids) != 2:
                        raise self.error(pair, "each pair in stories.merge names two articles")
                    merge.append((ids[0], ids[1]))
            elif key.value == "move":
                for article, target in self.mapping(value, "stories.move"):
                    move[self.text(article, "an article id")] = self.optional_text(
                        target, f"the article {article.value!r} joins"
                    )
            else:
                raise self.error(
                    key, f"unknown key {key.value!r} in stories; expected merge or move"
                )
        return StoryCuration(tuple(merge), MappingProxyType(move))

    def split(self, node: yaml.Node) -> dict[str, tuple[str, ...]]:
        if not self.is_null(node) and not isinstance(node, yaml.MappingNode):
            raise self.error(node, "split must be a mapping of name -> list of spellings")
        return {
            self.text(key, "a name"): self.names(value, "split spellings")
            for key, value in self.mapping(node, "split")
        }

    def aliases(self, node: yaml.Node) -> dict[str, tuple[str, ...]]:
        if not self.is_null(node) and not isinstance(node, yaml.MappingNode):
            raise self.error(node, "aliases must be a mapping of name -> list of names")
        result: dict[str, tuple[str, ...]] = {}
        owner: dict[str, str] = {}
        for key, value in self.mapping(node, "aliases"):
            name = self.text(key, "an alias name")
            others = self.names(value, f"aliases of {name!r}")
            # One name under two canonical names would merge two entities unpredictably.
            items = value.value if isinstance(value, yaml.SequenceNode) else [value][: len(others)]
            for other, item in zip((name, *others), (key, *items), strict=True):
                if other in owner and owner[other] != name:
                    raise self.error(
                        item, f"{other!r} is already listed under aliases of {owner[other]!r}"
                    )
                owner[other] = name
            result[name] = others
        return result

    def articles(self, node: yaml.Node) -> dict[str, ArticleMeta]:
        if not self.is_null(node) and not isinstance(node, yaml.MappingNode):
            raise self.error(node, "articles must be a mapping of article id -> metadata")
        result: dict[str, ArticleMeta] = {}
        for key, value in self.mapping(node, "articles"):
            article_id = self.text(key, "an article id")
            fields: dict[str, str | None] = {}
            for fkey, fvalue in self.mapping(value, f"articles[{article_id!r}]"):
                if fkey.value not in _META_FIELDS:
                    raise self.error(
                        fkey,
                        f"unknown article field {fkey.value!r}; "
                        f"expected one of {', '.join(_META_FIELDS)}",
                    )
                text = self.optional_text(fvalue, fkey.value)
                if fkey.value == "date" and text is not None:
                    iso = normalise_date(text)
                    if iso is None or iso != text:
                        raise self.error(
                            fvalue, f"date must be an ISO date like 2024-04-30, not {text!r}"
                        )
                fields[fkey.value] = text
            result[article_id] = ArticleMeta(**fields)
        return result


def _reject_aliases(source: str, path: Path) -> None:
    """Refuse YAML anchors and aliases: they allow exponential expansion ("billion laughs")."""
    for event in yaml.parse(source, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise ConfigError(path, line, column, "YAML anchors and aliases are not supported")


_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What PyYAML counts as a line break."""

MAX_DEPTH = 64
"""The deepest nesting a config may have; seedread's own keys need four levels."""


def too_deep(source: str, limit: int = MAX_DEPTH) -> tuple[int, int] | None:
    """The 1-based (line, column) where `source` first nests deeper than `limit`, else None.

    PyYAML's parser slows quadratically with flow nesting (200,000 `[` take minutes) and its
    composer recurses once a level, so depth is found first by a linear scan that builds
    nothing. It over-estimates, never under-estimates: a line counts two more than the node
    it is indented under (a sequence may sit at its key's indentation), each `- ` or `? `
    one more (its content's column is remembered, so lines indented under it count from
    there), each open `[` or `{` one; quotes, comments and block scalars are skipped as
    YAML does.
    """
    # (column, depth) of the block nodes open above the current line, columns increasing.
    indents: list[tuple[int, int]] = []
    flow = 0  # open flow collections
    quote = ""  # the quote of a quoted scalar that runs on past the line end
    scalar_above = -1  # indentation of the line that opened a block scalar (| or >)
    base = 0  # block depth at which the open flow collections started
    for number, line in enumerate(_YAML_LINE_BREAK.split(source), start=1):
        pos, n = 0, len(line)
        if scalar_above >= 0:
            indent = len(line) - len(line.lstrip(" "))
            if not line.strip() or indent > scalar_above:
                continue
            scalar_above = -1
        if not quote and not flow:
            stripped = line.lstrip(" ")
            if not stripped or stripped.startswith("#"):
                continue
            if line.startswith(("---", "...")) and line[3:4] in ("", " ", "\t"):
                indents.clear()
                pos = 3
            indent = n - len(stripped)
            while indents and indents[-1][0] >= indent:
                indents.pop()
            base = (indents[-1][1] if indents else 0) + 2
            if base > limit:
                return number, indent + 1
            indents.append((indent, base))
            pos = max(pos, indent)
        token_start = True  # where a node may begin: a quote opens a quoted scalar there
        while pos < n:
            ch = line[pos]
            if quote:
                if ch == "\\" and quote == '"':
                    pos += 2
                    continue
                if ch == quote:
                    if quote == "'" and line[pos + 1 : pos + 2] == "'":
                        pos += 2
                        continue
                    quote, token_start = "", False
                pos += 1
                continue
            if ch in " \t":
                pos += 1
                continue
            if ch == "#" and (pos == 0 or line[pos - 1] in " \t"):
                break
            if token_start and ch in "'\"":
                quote = ch
            elif ch in "[{" and (flow or token_start):
                flow += 1
                if base + flow > limit:
                    return number, pos + 1
                token_start = True
            elif ch in "]}" and flow:
                flow -= 1
                token_start = flow > 0
            elif ch == "," and flow:
                token_start = True
            elif ch in "-?:" and line[pos + 1 : pos + 2] in ("", " ", "\t"):
                if not flow and ch in "-?":
                    base += 1
                    if base > limit:
                        return number, pos + 1
                    indents.append((pos + 1, base))  # lines indented past it are inside it
                token_start = True
            elif ch in "|>" and token_start and not flow:
                scalar_above = n - len(line.lstrip(" "))
                break
            elif ch in "!&*" and token_start:
                # A tag, anchor or alias comes before a node (or is one): skip it whole.
                while pos < n and line[pos] not in " \t,[]{}":
                    pos += 1
                continue
            elif not flow:
                # A plain scalar in block context: brackets inside it are text; a key ends at
                # ": " and its value may begin after it.
                end = pos
                while end < n:
                    if line[end] == ":" and line[end + 1 : end + 2] in ("", " ", "\t"):
                        break
                    if line[end] == "#" and line[end - 1] in " \t":
                        break
                    end += 1
                pos, token_start = end, False
                continue
            else:
                token_start = False
            pos += 1
    return None


def _read_config_bytes(path: Path) -> bytes | None:
    """The config file's bytes, None when there is none.

    Its type and size are checked before a byte is read: a FIFO or device named
    `seedread.yaml` must not block the reader, nor a huge (or sparse) file fill its memory.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(path, 0, 0, f"cannot be read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ConfigError(path, 0, 0, "is a directory, expected a YAML file")
    if not stat.S_ISREG(st.st_mode):
        raise ConfigError(path, 0, 0, "not a regular file")
    if st.st_size > _MAX_CONFIG_BYTES:
        raise ConfigError(path, 0, 0, "is too large for a config file (over 16 MB)")
    try:
        # Non-blocking, then checked again: the path may have been swapped since the stat.
        fd = os.open(path, os.O_RDONLY | _NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(path, 0, 0, f"cannot be read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise ConfigError(path, 0, 0, "not a regular file")
        data = handle.read(_MAX_CONFIG_BYTES + 1)
    if len(data) > _MAX_CONFIG_BYTES:
        raise ConfigError(path, 0, 0, "is too large for a config file (over 16 MB)")
    return data


def load_config(path: Path) -> Config:
    """Read `seedread.yaml` at `path`; a missing file gives an empty Config with `path=None`.

    Raises ConfigError (with the line and column of the bad node) when the file is not valid
    YAML, nests deeper than MAX_DEPTH, uses anchors/aliases or custom tags, or holds a value
    of the wrong type; and (naming only the file) when it is not a regular file, is over
    16 MB or cannot be read.
    """
    data = _read_config_bytes(path)
    if data is None:
        return Config()
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(path, 1, 1, f"is not UTF-8 text (byte {exc.start})") from None
    deep = too_deep(source)
    if deep is not None:
        raise ConfigError(path, *deep, f"nested too deeply (more than {MAX_DEPTH} levels)")
    try:
        _reject_aliases(source, path)
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise ConfigError(path, line, column, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(path, 1, 1, f"invalid YAML: {exc}") from None
    except RecursionError:
        # The depth scan over-estimates, so this is not expected; it stays a config error.
        raise ConfigError(path, 1, 1, "nested too deeply") from None
    return _Reader(path).config(root)


def _plain(config: Config) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if config.aliases:
        data["aliases"] = {name: list(others) for name, others in config.aliases.items()}
    if config.articles:
        data["articles"] = {
            article_id: {
                name: getattr(meta, name)
                for name in _META_FIELDS
                if getattr(meta, name) is not None
            }
            for article_id, meta in config.articles.items()
        }
    if config.ignore:
        data["ignore"] = list(config.ignore)
    if config.split:
        data["split"] = {name: list(spellings) for name, spellings in config.split.items()}
    stories: dict[str, Any] = {}
    if config.stories.merge:
        stories["merge"] = [list(pair) for pair in config.stories.merge]
    if config.stories.move:
        stories["move"] = dict(config.stories.move)
    if stories:
        data["stories"] = stories
    return data


def dump_config(config: Config) -> str:
    """Return `config` as block-style YAML with sorted keys, one value per line (diff-friendly)."""
    data = _plain(config)
    if not data:
        return "{}\n"
    return yaml.safe_dump(
        data, sort_keys=True, default_flow_style=False, allow_unicode=True, width=1000
    )


def _leading_comments(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except (OSError, UnicodeDecodeError):
        return ""
    head = []
    for line in lines:
        if not line.startswith("#"):
            break
        head.append(line if line.endswith("\n") else line + "\n")
    return "".join(head)


def save_config(config: Config, path: Path) -> None:
    """Write `config` to `path` atomically (a temporary file in the same folder, then replace).

    The file's opening comment block, if any, is kept: it is where people explain the file.
    """
    text = _leading_comments(path) + dump_config(config)
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private; keep the permissions the config had (or 0644).
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
