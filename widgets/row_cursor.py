"""A scrolling view of rows with a clamped row cursor and its movement actions."""

from __future__ import annotations

from typing import Any

from textual.reactive import reactive
from textual.scroll_view import ScrollView


class RowCursorView(ScrollView):
    """Base of the Line-API lists: `rows`, a `cursor` kept on a row, and cursor actions.

    Subclasses set `rows`, bind keys to `cursor(n)`, `first`, `last` and `page(n)`, and react
    to the cursor in `watch_cursor`.
    """

    cursor: reactive[int] = reactive(0)
    """Row under the cursor (0-based)."""

    rows: list[Any]

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
