"""A scrolling view of rows with a clamped row cursor and its movement actions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.binding import Binding
from textual.reactive import reactive
from textual.scroll_view import ScrollView


def cursor_bindings(scope: str) -> list[Binding]:
    """The row-cursor keys every line list shares (vi keys and arrows, home/end, pages), with
    ids `<scope>.down` … `<scope>.page_up` for the keymap."""
    return [
        Binding("j,down", "cursor(1)", "Down", show=False, id=f"{scope}.down"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id=f"{scope}.up"),
        Binding("g,home", "first", "Top", show=False, id=f"{scope}.top"),
        Binding("G,end", "last", "Bottom", show=False, id=f"{scope}.bottom"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id=f"{scope}.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id=f"{scope}.page_up"),
    ]


class RowCursorView(ScrollView):
    """Base of the Line-API lists: `rows`, a `cursor` kept on a row, and cursor actions.

    Subclasses set `rows`, bind keys to `cursor(n)`, `first`, `last` and `page(n)`, and react
    to the cursor in `watch_cursor`.
    """

    cursor: reactive[int] = reactive(0)
    """Row under the cursor (0-based)."""

    rows: Sequence[Any]

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.rows) - 1)) if self.rows else 0

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.rows) - 1

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(self.scrollable_content_region.height - 2, 1)
