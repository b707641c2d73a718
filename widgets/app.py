"""The seedread Textual app: a thin shell holding the theme and state around the main screen."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import WorkerFailed

from reader.store import FactIndex
from widgets.commands import ArticleCommands, FactCommands, StoryCommands
from widgets.main import MainScreen
from widgets.state import UiState, load_state, save_state


class SeedreadApp(App[None]):
    """Reads one story across outlets: list, article, and a sidebar linking names and figures."""

    CSS_PATH = "seedread.tcss"
    TITLE = "seedread"
    COMMANDS = App.COMMANDS | {ArticleCommands, FactCommands, StoryCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", tooltip="Quit seedread", id="quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit.ctrl"),
    ]

    def __init__(self, source: Path | FactIndex) -> None:
        super().__init__()
        self.source = source
        """The corpus path, or a ready index."""
        self.ui_state = UiState()
        """Theme and read marks, kept between runs."""
        self._state_warning: str | None = None
        self.ui_state, self._state_warning = load_state()
        if self.ui_state.theme in self.available_themes:
            self.theme = self.ui_state.theme

    def get_default_screen(self) -> Screen:
        return MainScreen(self.source)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self._state_warning:
            self.notify(self._state_warning, title="State file", severity="warning", timeout=8)

    def _theme_changed(self, theme: Theme) -> None:
        if self.ui_state.theme != theme.name:
            self.ui_state.theme = theme.name
            self._save()

    def read_marks(self, corpus: str) -> list[str]:
        """Ids of the articles read in a corpus (keyed by `reader.store.cache.corpus_key`)."""
        return list(self.ui_state.read.get(corpus, []))

    def save_read_marks(self, corpus: str, read: list[str]) -> None:
        """Remember the read articles of a corpus."""
        self.ui_state.read[corpus] = read
        self._save()

    def _handle_exception(self, error: Exception) -> None:
        """A damaged index (a page of the cache file overwritten, a text changed on disk) is
        said on screen, with a key to build it again, never shown as a traceback; any other
        error is Textual's."""
        cause = error.error if isinstance(error, WorkerFailed) else error  # a thread's query
        if isinstance(cause, sqlite3.DatabaseError) and not isinstance(
            cause, sqlite3.OperationalError
        ):
            screen = self.get_default_screen_instance()
            if screen is not None and screen.damaged_index(cause):
                return
        super()._handle_exception(error)

    async def _dispatch_message(self, message: Message) -> None:
        # Key bindings run their actions here: a damaged index met by one is said on screen.
        try:
            await super()._dispatch_message(message)
        except sqlite3.DatabaseError as error:
            screen = self.get_default_screen_instance()
            if isinstance(error, sqlite3.OperationalError) or screen is None:
                raise
            if not screen.damaged_index(error):
                raise

    def get_default_screen_instance(self) -> MainScreen | None:
        """The main screen, once it exists."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    def _save(self) -> None:
        warning = save_state(self.ui_state)
        if warning:
            self.notify(warning, severity="warning")

    def settle_heap(self, collect: bool = True) -> None:
        """Collect garbage (unless `collect` is False), then exempt every surviving object
        from later collections.

        Python's full collection walks every live object: with a 37k-article corpus open it
        takes 50-75 ms, and it falls on whichever key press happens to allocate the object
        that triggers it. Called when the app is idle after a big load (the article list,
        the fuzzy name matcher), so that key presses only ever pay for objects made since.
        """
        if collect:
            # What an earlier settle froze is collected again too: a re-indexed corpus leaves
            # its old index in reference cycles, which frozen would never be freed.
            gc.unfreeze()
            gc.collect()
        gc.freeze()
        # Drawing a frame makes tens of thousands of short-lived objects: collect the young
        # ones every 10,000 allocations rather than 700 (p95 of a key: 190 -> 110 ms).
        gc.set_threshold(10_000, 20, 20)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands (theme, quit, …) plus every main-screen action by name."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, MainScreen):
            yield SystemCommand(
                "Export fact sheet…",
                "Write a Markdown fact sheet: figures per outlet, spread, sources, names",
                screen.action_export_factsheet,
            )
            for binding in screen.BINDINGS:
                if isinstance(binding, Binding):
                    yield SystemCommand(
                        binding.tooltip or binding.description,
                        f"key: {binding.key}",
                        partial(screen.run_action, binding.action),
                    )


def make_app(source: Path | str | FactIndex | None = None) -> SeedreadApp:
    """The app for a corpus path (None: the bundled seeds) or an already-built `FactIndex`."""
    if source is None:
        from reader.corpus import bundled_seeds

        source = bundled_seeds()
    if not isinstance(source, FactIndex):
        source = Path(source)
        start_process_helpers()
    return SeedreadApp(source)


def start_process_helpers() -> None:
    """Start multiprocessing's resource tracker while stderr is still the real terminal.

    A large corpus is indexed in worker processes; started from inside the running app, the
    tracker would be handed Textual's captured stderr (no file descriptor) and fail.
    """
    from multiprocessing import resource_tracker

    try:
        resource_tracker.ensure_running()
    except (OSError, ValueError):
        pass  # the build then fails with a message on the error screen, not a crash
