"""How two wordings of one statement differ, written out with marks (not only colour): the
same in the fact sheet, the CLI and the reader."""

from __future__ import annotations

from collections.abc import Iterable

from reader.quotes.model import Quote
from reader.quotes.statements import align

DROPPED = ("[-", "-]")
"""Around words the first wording has and the second drops."""
ADDED = ("{+", "+}")
"""Around words the second wording adds (or has in place of dropped ones)."""


def reference(quotes: Iterable[Quote]) -> Quote:
    """The variant the others are compared against: the longest (the first of equals)."""
    return max(quotes, key=lambda q: len(q.text))


def marked_runs(reference: Quote | str, variant: Quote | str) -> list[tuple[str, str]]:
    """`variant`'s words against `reference`'s as runs of (text, role): equal words as
    written (role ""), words it drops in [-…-] ("dropped"), words it adds or has in their
    place in {+…+} ("added"), with the single spaces between them as runs of their own."""
    runs: list[tuple[str, str]] = []
    for op, a, b in align(reference, variant):
        if runs:
            runs.append((" ", ""))
        if op == "equal":
            runs.append((" ".join(b), ""))
            continue
        if a:
            runs.append((DROPPED[0] + " ".join(a) + DROPPED[1], "dropped"))
        if a and b:
            runs.append((" ", ""))
        if b:
            runs.append((ADDED[0] + " ".join(b) + ADDED[1], "added"))
    return runs


def marked(reference: Quote | str, variant: Quote | str) -> str:
    """`variant`'s words against `reference`'s, marked in plain text ("highly
    [-appreciated-] {+appreciate+} China's")."""
    return "".join(text for text, _ in marked_runs(reference, variant))


def change_counts(reference: Quote | str, variant: Quote | str) -> tuple[int, int, int]:
    """(words added, dropped, changed) in `variant` against `reference`."""
    added = dropped = changed = 0
    for op, a, b in align(reference, variant):
        if op == "insert":
            added += len(b)
        elif op == "delete":
            dropped += len(a)
        elif op == "replace":
            changed += max(len(a), len(b))
    return added, dropped, changed
