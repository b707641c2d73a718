"""Cross-corpus linking: merge name mentions of one referent into entities (stub, being written)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from reader.models import Entity, NameMention


def link_names(
    mentions: Iterable[NameMention],
    aliases: Mapping[str, Sequence[str]] | None = None,
    ignore: Collection[str] = (),
) -> list[Entity]:
    """Group `mentions` into entities; `aliases` merges names, `ignore` drops names."""
    return []
