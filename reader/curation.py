"""Curation: a reader's decisions about names (merge, split, rename, ignore) as config edits.

Each decision is a pure function from one `Config` to the next; the caller saves it with
`reader.config.save_config` into the corpus' `seedread.yaml`, where it is human-readable,
diff-friendly, and applied by every later index build (linking reads `aliases` and
`ignore`; `reader.linking.apply_splits` reads `split`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from reader.config import Config, load_config
from reader.linking import same_spelling


def _owner(aliases: dict[str, list[str]], name: str) -> str | None:
    """The canonical name `name` is filed under (itself when it is a key), or None."""
    for key, others in aliases.items():
        if same_spelling(key, name) or any(same_spelling(o, name) for o in others):
            return key
    return None


def _freeze(config: Config, aliases: dict[str, list[str]], **changes: object) -> Config:
    frozen = MappingProxyType({k: tuple(dict.fromkeys(v)) for k, v in aliases.items()})
    return replace(config, aliases=frozen, **changes)  # type: ignore[arg-type]


def merge_entities(config: Config, keep: str, absorb: Sequence[str]) -> Config:
    """Merge the entity spelled `absorb` into the one named `keep` (which stays canonical).

    Keeps the config's invariant that a name is filed under one canonical name only: groups
    the absorbed names already belonged to are folded into `keep`'s group.
    """
    aliases = {k: list(v) for k, v in config.aliases.items()}
    target = _owner(aliases, keep) or keep
    aliases.setdefault(target, [])
    for name in absorb:
        owner = _owner(aliases, name)
        if owner is not None and owner != target:
            aliases[target].extend([owner, *aliases.pop(owner)])
        elif owner is None and not same_spelling(name, target):
            aliases[target].append(name)
    aliases[target] = [n for n in aliases[target] if not same_spelling(n, target)]
    split = {k: v for k, v in config.split.items()}
    for key in list(split):
        if same_spelling(key, target):
            remaining = tuple(s for s in split[key] if not any(same_spelling(s, a) for a in absorb))
            split[key] = remaining
            if not remaining:
                del split[key]
    return _freeze(config, aliases, split=MappingProxyType(split))


def split_variant(config: Config, entity: str, variant: str) -> Config:
    """Make `variant` of the entity named `entity` stand alone as its own entity."""
    aliases = {
        k: [o for o in v if not same_spelling(o, variant)] for k, v in config.aliases.items()
    }
    split = {k: list(v) for k, v in config.split.items()}
    split.setdefault(entity, [])
    if not any(same_spelling(s, variant) for s in split[entity]):
        split[entity].append(variant)
    return _freeze(config, aliases, split=MappingProxyType({k: tuple(v) for k, v in split.items()}))


def rename_entity(config: Config, old: str, new: str) -> Config:
    """Make `new` the canonical name of the entity now named `old`."""
    new = " ".join(new.split())
    if not new:
        raise ValueError("a name cannot be empty")
    aliases = {k: list(v) for k, v in config.aliases.items()}
    owner = _owner(aliases, old)
    group = [old]
    if owner is not None:
        group = [owner, *aliases.pop(owner)]
    aliases[new] = [n for n in dict.fromkeys(group) if not same_spelling(n, new)]
    split = {(new if same_spelling(k, old) else k): v for k, v in config.split.items()}
    return _freeze(config, aliases, split=MappingProxyType(split))


def ignore_name(config: Config, name: str) -> Config:
    """Never treat `name` as an entity again."""
    ignore = tuple(dict.fromkeys([*config.ignore, name]))
    return replace(config, ignore=ignore)


def config_path(root: Path) -> Path:
    """The `seedread.yaml` of the corpus at `root` (it may not exist yet)."""
    return root / "seedread.yaml"


def load_corpus_config(root: Path) -> Config:
    """The current config of the corpus at `root` (empty when it has no `seedread.yaml`)."""
    return load_config(config_path(root))


def merge_stories(config: Config, article: str, other: str) -> Config:
    """Make the story of `article` and that of `other` one story (named by the two articles,
    so the decision holds when the stories are found again)."""
    pair = (article, other)
    if article == other or pair in config.stories.merge or pair[::-1] in config.stories.merge:
        return config
    stories = replace(config.stories, merge=(*config.stories.merge, pair))
    return replace(config, stories=stories)


def move_to_story(config: Config, article: str, target: str | None) -> Config:
    """Put `article` in the story of the article `target` (None: a story of its own)."""
    move = dict(config.stories.move)
    move[article] = target
    stories = replace(config.stories, move=MappingProxyType(move))
    return replace(config, stories=stories)
