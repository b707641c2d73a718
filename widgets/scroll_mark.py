"""A scroll position drawn into a pane's last column, in place of Textual's scrollbar widget."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.strip import Strip

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object

THUMB = "▐"
"""The glyph of the visible part; the rest of the column is blank."""


def thumb_rows(height: int, virtual: int, top: float) -> range:
    """The rows of a `height`-row column that show where a `height`-row window starting at
    line `top` lies in `virtual` lines (empty when everything fits)."""
    if height <= 0 or virtual <= height:
        return range(0)
    size = max(1, round(height * height / virtual))
    start = round(top / max(virtual - height, 1) * (height - size))
    start = max(0, min(start, height - size))
    return range(start, start + size)


class ScrollMark(_Base):
    """Mixin for the reader's panes (put it first among the bases; not a widget, so the CSS
    and component classes still come from the widget class). Set `overflow-y: hidden` and one
    column of right padding in CSS: the scroll position is drawn there, in the scrollbar's
    colour, inside any border.

    Textual's scrollbar is a widget of its own: every new article or fact list refreshes it,
    and it is drawn in a frame after the pane's (10 ms, and one more frame per key at 37k
    articles). Drawn into the pane's own lines, it costs nothing and comes in the same frame.
    Keys, the mouse wheel and `scroll_to` still scroll the pane.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """Textual's scrollable size, which here only sets how far the pane scrolls: without a
    scrollbar it changes nothing around the pane, so it repaints the pane instead of laying
    out (and repainting) the whole screen, as each new article or fact list would."""

    @property
    def allow_vertical_scroll(self) -> bool:
        return self.is_scrollable and self.max_scroll_y > 0

    @property
    def base_style(self) -> Style:
        """The pane's `rich_style`, worked out once per paint rather than once per line (it
        walks every ancestor's styles: ~30 µs, 3 ms of a full screen)."""
        paint: Style | None = getattr(self, "_paint_style", None)
        return paint or self.rich_style

    def render_lines(self, crop: Region) -> list[Strip]:
        self._paint_style: Style | None = self.rich_style
        try:
            strips = super().render_lines(crop)
        finally:
            self._paint_style = None
        # The column left of the right border: the padding, which the content never uses.
        column = self.outer_size.width - self.styles.border.spacing.right - 1 - crop.x
        if not 0 <= column < crop.width:
            return strips
        gutter = self.styles.gutter
        rows = thumb_rows(self.size.height, self.virtual_size.height, self.scroll_y)
        if not rows:
            return strips
        mark = self.styles.scrollbar_color
        out = []
        for y, strip in zip(crop.line_range, strips, strict=False):
            if y - gutter.top in rows:
                before, cell, after = strip.divide([column, column + 1, crop.width])
                thumb = Strip([Segment(THUMB, _on(mark, cell))], 1)
                out.append(Strip.join([before, thumb, after]))
            else:
                out.append(strip)
        return out


def _on(mark: Color, cell: Strip) -> Style:
    """The mark's colour on the background of the cell it replaces."""
    last = next(reversed(cell), None)
    background = last.style.bgcolor if last is not None and last.style is not None else None
    return Style(color=mark.rich_color, bgcolor=background)
