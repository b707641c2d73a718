"""A virtualised table (Line API): a sticky header, frozen left columns, scrolls both ways."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar, overload

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from widgets.article_list import fit
from widgets.row_cursor import RowCursorView, cursor_bindings

T = TypeVar("T")

Run = tuple[str, str]
"""A piece of a cell: (plain text, role). Roles name styles: see `ROLES`."""
Cell = tuple[Run, ...]
"""A cell's text, as runs drawn one after the other."""

ROLES = ("muted", "strong", "differs", "figure", "yes", "no", "italic", "accent", "warning")
"""The roles a run can have; each is a component class `grid-view--<role>` (theme colours)."""


def cell(*parts: str | Run) -> Cell:
    """A cell from plain strings and (text, role) pairs."""
    return tuple((p, "") if isinstance(p, str) else p for p in parts)


@dataclass(frozen=True)
class Column:
    """One column of a `GridView`."""

    title: str
    """The header."""
    width: int
    """Width in cells (text is cut with an ellipsis)."""
    align: str = "left"
    """left, right or center."""


class RowsOf(Sequence[Sequence[Cell]], Generic[T]):
    """The cells of each of `items`, made by `make` when a row is drawn (a board of every fact
    of a large corpus would otherwise build millions of cells before showing one line)."""

    def __init__(self, items: Sequence[T], make: Callable[[T], Sequence[Cell]]) -> None:
        self.items = items
        """What the rows show, in order."""
        self.make = make
        """One item's cells."""

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, i: int) -> Sequence[Cell]: ...

    @overload
    def __getitem__(self, i: slice) -> list[Sequence[Cell]]: ...

    def __getitem__(self, i: int | slice) -> Sequence[Cell] | list[Sequence[Cell]]:
        if isinstance(i, slice):
            return [self.make(item) for item in self.items[i]]
        return self.make(self.items[i])


class GridView(RowCursorView, can_focus=True):
    """Rows of cells with a cursor; only the rows in view are drawn, so any number is cheap.

    The first `frozen` columns stay put while the rest scroll sideways. With `cell_cursor`,
    ←/→ move a column cursor among the scrolling columns; otherwise they scroll.
    """

    BINDINGS = [
        *cursor_bindings("grid"),
        Binding("l,right", "sideways(1)", "Right", show=False, id="grid.right"),
        Binding("h,left", "sideways(-1)", "Left", show=False, id="grid.left"),
        Binding("enter", "choose", "Open", tooltip="Open the row under the cursor", id="grid.open"),
    ]

    COMPONENT_CLASSES = {
        "grid-view--header",
        "grid-view--cursor",
        "grid-view--column",
        *(f"grid-view--{role}" for role in ROLES),
    }

    DEFAULT_CSS = """
    GridView > .grid-view--header { color: $text-muted; text-style: bold; }
    GridView > .grid-view--cursor { background: $block-cursor-blurred-background; }
    GridView:focus > .grid-view--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    GridView > .grid-view--column { text-style: reverse; }
    GridView > .grid-view--muted { color: $text-muted; }
    GridView > .grid-view--strong { text-style: bold; }
    GridView > .grid-view--differs { color: $text-error; text-style: bold; }
    GridView > .grid-view--figure { color: $text-warning; text-style: bold; }
    GridView > .grid-view--yes { color: $text-success; text-style: bold; }
    GridView > .grid-view--no { color: $text-muted; }
    GridView > .grid-view--italic { text-style: italic; }
    GridView > .grid-view--accent { color: $text-accent; }
    GridView > .grid-view--warning { color: $text-warning; }
    """

    column: reactive[int] = reactive(0)
    """With `cell_cursor`: the scrolling column under the cursor (0 = first after the frozen)."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto a row (or, with a cell cursor, onto another column)."""

        grid: GridView
        row: int
        column: int

        @property
        def control(self) -> GridView:
            return self.grid

    @dataclass
    class Chosen(Message):
        """Enter (or a click) on a row."""

        grid: GridView
        row: int
        column: int

        @property
        def control(self) -> GridView:
            return self.grid

    def __init__(
        self,
        *,
        frozen: int = 1,
        cell_cursor: bool = False,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self.frozen = frozen
        """How many left columns stay put."""
        self.cell_cursor = cell_cursor
        """Whether ←/→ move a column cursor (else they scroll sideways)."""
        self.columns: list[Column] = []
        """The columns, frozen first."""
        self.rows: Sequence[Sequence[Cell]] = []
        """Each row's cells, one per column (a lazy sequence is read only as rows are drawn)."""
        self.placeholder = ""
        """Shown instead of rows when there are none (loading…, nothing found)."""

    # -- data

    def set_data(
        self, columns: Sequence[Column], rows: Sequence[Sequence[Cell]], cursor: int = 0
    ) -> None:
        """Show `rows` under `columns`, the cursor on row `cursor`."""
        self.columns = list(columns)
        self.rows = rows  # not copied: a board of 100,000 rows makes its cells as drawn
        self._resize()
        self.set_reactive(GridView.cursor, self.validate_cursor(cursor))
        self.set_reactive(GridView.column, self.validate_column(self.column))
        self.scroll_to_cursor()
        self.refresh()
        if self.rows:
            self.post_message(self.Highlighted(self, self.cursor, self.column))

    def set_placeholder(self, text: str) -> None:
        """Clear the rows and show one line of text (a loading or empty message)."""
        self.placeholder = text
        self.rows = []
        self._resize()
        self.refresh()

    def _frozen_width(self) -> int:
        return sum(c.width + 1 for c in self.columns[: self.frozen])

    def _total_width(self) -> int:
        return sum(c.width + 1 for c in self.columns)

    def _resize(self) -> None:
        self.virtual_size = Size(self._total_width(), len(self.rows) + 1)

    # -- reactives

    def validate_column(self, column: int) -> int:
        return max(0, min(column, len(self.columns) - self.frozen - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.scroll_to_cursor()
        self.refresh()
        if self.rows and old != new:
            self.post_message(self.Highlighted(self, new, self.column))

    def watch_column(self, old: int, new: int) -> None:
        self.scroll_to_column()
        self.refresh()
        if self.rows and old != new:
            self.post_message(self.Highlighted(self, self.cursor, new))

    def scroll_to_cursor(self) -> None:
        """Scroll so the cursor row is in view below the header."""
        height = max(self.scrollable_content_region.height - 1, 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def scroll_to_column(self) -> None:
        """Scroll sideways so the cursor column is in view beside the frozen columns."""
        room = max(self.scrollable_content_region.width - self._frozen_width(), 1)
        moving = self.columns[self.frozen :]
        left = sum(c.width + 1 for c in moving[: self.column])
        right = left + (moving[self.column].width + 1 if moving else 0)
        x = int(self.scroll_x)
        if left < x:
            self.scroll_to(x=left, animate=False, immediate=True)
        elif right > x + room:
            self.scroll_to(x=right - room, animate=False, immediate=True)

    # -- actions

    def action_sideways(self, direction: int) -> None:
        if self.cell_cursor:
            self.column += direction
        else:
            self.scroll_to(x=self.scroll_x + 8 * direction, animate=False, immediate=True)

    def action_choose(self) -> None:
        if self.rows:
            self.post_message(self.Chosen(self, self.cursor, self.column))

    async def _on_click(self, event: events.Click) -> None:
        row = event.y + int(self.scroll_y) - 1
        if event.y >= 1 and 0 <= row < len(self.rows):
            self.cursor = row
            if event.chain > 1:
                self.action_choose()

    def on_resize(self) -> None:
        self._resize()
        self.scroll_to_cursor()

    # -- rendering

    def _role(self, role: str) -> Style:
        """A role's colour and attributes, without a background (the cursor's shows through)."""
        if not role:
            return Style()
        full = self.get_component_rich_style(f"grid-view--{role}")
        return Style(
            color=full.color,
            bold=full.bold,
            italic=full.italic,
            underline=full.underline,
            reverse=full.reverse,
            dim=full.dim,
        )

    def _cell_segments(self, value: Cell, column: Column, base: Style) -> list[Segment]:
        """A cell drawn in exactly `column.width` cells, then one space."""
        width = column.width
        segments = [Segment(text, base + self._role(role)) for text, role in value if text]
        length = sum(cell_len(s.text) for s in segments)
        if length > width:
            segments = list(Strip(segments).crop(0, max(width - 1, 0)))
            segments.append(Segment("…", base))
        elif length < width:
            pad = width - length
            left = pad // 2 if column.align == "center" else pad if column.align == "right" else 0
            segments = [Segment(" " * left, base), *segments, Segment(" " * (pad - left), base)]
        segments.append(Segment(" ", base))
        return segments

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            style = base + self._role("header")
            cells = [cell(c.title) for c in self.columns]
            return self._compose_line(cells, style, header=True).adjust_cell_length(width, base)
        row = y - 1 + int(self.scroll_y)
        if not self.rows:
            text = self.placeholder if row == 0 else ""
            return Strip([Segment(fit(text, width), base + self._role("muted"))], width)
        if row >= len(self.rows):
            return Strip.blank(width, base)
        style = base
        if row == self.cursor:
            style = base + self.get_component_rich_style("grid-view--cursor")
        line = self._compose_line(list(self.rows[row]), style, current=row == self.cursor)
        return line.adjust_cell_length(width, style)

    def _compose_line(
        self, cells: list[Cell], style: Style, current: bool = False, header: bool = False
    ) -> Strip:
        """Frozen cells, then the scrolling cells cropped to the scroll offset."""
        width = self.scrollable_content_region.width
        frozen: list[Segment] = []
        moving: list[Segment] = []
        mark_column = self.cell_cursor and (current or header)
        room = max(width - self._frozen_width(), 0)
        x = int(self.scroll_x)
        offset = 0  # of the current scrolling column
        first = None  # offset of the first scrolling column drawn
        for i, column in enumerate(self.columns):
            if i >= self.frozen:
                # Only the columns in view are drawn: a coverage grid may have hundreds.
                span = column.width + 1
                offset += span
                if offset <= x:
                    continue
                if offset - span >= x + room:
                    break
                if first is None:
                    first = offset - span
            value = cells[i] if i < len(cells) else ()
            cell_style = style
            if mark_column and i == self.frozen + self.column:
                cell_style = style + self._role("column")
            target = frozen if i < self.frozen else moving
            target.extend(self._cell_segments(value, column, cell_style))
        left = Strip(frozen)
        skip = x - (first or 0)
        right = Strip(moving).crop(skip, skip + room)
        return Strip.join([left, right])
