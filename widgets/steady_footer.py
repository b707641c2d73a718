"""The footer: the focused pane's keys on one line, drawn as text rather than a widget per key."""

from __future__ import annotations

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

KEPT_KEYS = frozenset({"question_mark", "q"})
"""Keys the footer keeps when the line is too short for all: help and quit."""


class SteadyFooter(Widget):
    """Textual's footer is a widget per key, rebuilt (and the screen laid out again) each time
    the focus moves to a pane with other keys: 20-40 ms, one more frame, on keys that should
    answer at once. This one draws the same keys as one line of text, repainted only when the
    keys it would show change. A click on a key presses it."""

    DEFAULT_CSS = """
    SteadyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[tuple[str, str, str, bool], ...] = ()
        self._palette: tuple[str, str, str, bool] | None = None
        self._spans: list[tuple[int, int, str]] = []
        """(first cell, end cell, key) of each key drawn, for clicks."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.update_keys()

    def update_keys(self) -> None:
        """Show the keys of the focused widget now: the screen calls this as it moves the
        focus, so the new keys are drawn in the same frame as the focus (Textual says the
        bindings changed only after that frame)."""
        if not self.is_attached:
            return
        shown, palette = self._keys()
        if (shown, palette) != (self._shown, self._palette):
            self._shown, self._palette = shown, palette
            self.refresh()

    def _keys(self) -> tuple[tuple[tuple[str, str, str, bool], ...], tuple | None]:
        """(key, key as shown, description, enabled) of each key to show, one per action,
        and of the command palette's key."""
        seen: set[str] = set()
        shown = []
        palette = None
        palette_key = self.app.COMMAND_PALETTE_BINDING
        for key, (_, binding, enabled, _) in self.screen.active_bindings.items():
            entry = (binding.key, self.app.get_key_display(binding), binding.description, enabled)
            if key == palette_key and self.app.ENABLE_COMMAND_PALETTE:
                palette = entry
            elif binding.show and binding.action not in seen:
                seen.add(binding.action)
                shown.append(entry)
        return tuple(shown), palette

    def _fitting(self) -> list[tuple[str, str, str, bool]]:
        """The keys that fit beside the palette's: when they do not all fit, the last ones
        go first (the screen's, after the focused pane's), but help and quit stay."""
        shown = list(self._shown)
        room = self.size.width
        if self._palette is not None:
            room -= self._piece(*self._palette[1:]).cell_length + 1

        def width() -> int:
            return sum(self._piece(*entry[1:]).cell_length for entry in shown)

        while shown and width() > room:
            droppable = [i for i, e in enumerate(shown) if e[0] not in KEPT_KEYS]
            if not droppable:
                break
            del shown[droppable[-1]]
        return shown

    def render(self) -> RenderResult:
        self._spans = []
        parts: list[Content] = []
        x = 0
        for key, display, description, enabled in self._fitting():
            piece = self._piece(display, description, enabled)
            self._spans.append((x, x + piece.cell_length, key))
            parts.append(piece)
            x += piece.cell_length
        line = Content("").join(parts)
        if self._palette is not None:
            key, display, description, enabled = self._palette
            piece = self._piece(display, description, enabled)
            room = self.size.width - line.cell_length - piece.cell_length
            if room >= 1:
                start = line.cell_length + room
                self._spans.append((start, start + piece.cell_length, key))
                line = Content.assemble(line, " " * room, piece)
        return line

    @staticmethod
    def _piece(display: str, description: str, enabled: bool) -> Content:
        dim = "" if enabled else " dim"
        return Content.assemble(
            (f" {display} ", f"bold $footer-key-foreground{dim}"),
            (f"{description} " if description else "", dim.strip()),
        )

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
