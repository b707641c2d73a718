"""The reader's decisions for the main screen: merge, split, rename, ignore, story moves,
written to the corpus' seedread.yaml, undone, and the index read again in place."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import work
from textual.content import Content
from textual.widgets import Static

from reader.config import Config, ConfigError, save_config
from reader.curation import (
    config_path,
    load_corpus_config,
    merge_stories,
    move_to_story,
)
from reader.navigation import Location
from reader.store.cache import write_atomic
from widgets.main.base import MainBase
from widgets.messages import (
    CurationRequested,
    StoryCurationRequested,
)


class Decisions(MainBase):
    """Writes decisions to seedread.yaml and comes back to the same place after re-indexing."""

    def on_curation_requested(self, event: CurationRequested) -> None:
        event.stop()
        if self.index is None:
            return
        if not event.fact_id.startswith("e:"):
            self.notify("Merge, split, rename and ignore work on names, not figures.", timeout=3)
            return
        from widgets.curation_dialogs import ask

        ask(event.action, self.app, self.index, event.fact_id, self.apply_curation)

    @work(thread=True, exclusive=True, group="curation")
    def apply_curation(
        self, edit: Callable[[Config], Config], message: str, keep: str | None
    ) -> None:
        """Write a decision to the corpus' seedread.yaml, then re-index (only relinking)."""
        index = self.index
        assert index is not None
        path = config_path(index.root)
        try:
            before = path.read_text(encoding="utf-8") if path.exists() else None
            save_config(edit(load_corpus_config(index.root)), path)
            self._undo.append((path, before, message))
        except (OSError, ConfigError, ValueError) as error:
            self.app.call_from_thread(
                self.notify,
                f"Could not write {path}: {error}",
                title="Decision not saved",
                severity="error",
                timeout=8,
            )
            return
        self.app.call_from_thread(self._reindex, message, keep)

    def action_undo_curation(self) -> None:
        """Put back the seedread.yaml from before the last decision, and re-index."""
        if self.index is None:
            return
        if not self._undo:
            self.notify("Nothing to undo: no decision was made since seedread opened.", timeout=3)
            return
        path, before, message = self._undo.pop()
        try:
            if before is None:
                path.unlink(missing_ok=True)  # there was none before the decision
            else:
                write_atomic(path, before)
        except OSError as error:
            self._undo.append((path, before, message))
            self.notify(
                f"Could not write {path}: {error.strerror or error}",
                title="Not undone",
                severity="error",
                timeout=8,
            )
            return
        self._reindex(f"Undone: {message}", None)

    def _reindex(self, message: str, keep: str | None) -> None:
        """Rebuild the index after a decision, then come back to the same place."""
        focus_sidebar = self.focused is self.sidebar
        self._restore = (self.here(), keep, message, focus_sidebar)
        path = self.corpus_path()
        self.query_one("#status", Static).update(
            Content.assemble(("seedread", "bold"), " · applying: ", message, "…")
        )
        self.load_index(path, self.list_order, story=self.story_filter)

    def _restore_after_reindex(
        self, where: Location | None, keep: str | None, message: str, focus_sidebar: bool
    ) -> None:
        """Same article and place as before; the sidebar on the entity that resulted."""
        if where is not None and self.articles.position(where.article) is not None:
            self._show_article(where.article, force=True)
            if where.start is not None and where.end is not None:
                self.reader.focus_span(where.start, where.end)
            elif where.start is not None:
                self.reader.scroll_to_offset(where.start, center=False)
        elif self.articles.rows:
            self._show_article(self.articles.rows[0].id, force=True)
        if keep is not None:
            wanted = keep.casefold()
            fact = next((f.id for f in self.sidebar.facts if f.label.casefold() == wanted), None)
            if fact is not None and self.sidebar.select_fact(fact):
                self.current_fact = fact
        (self.sidebar if focus_sidebar else self.articles).focus()
        self.notify(message, title="Applied", timeout=6)

    def on_story_curation_requested(self, event: StoryCurationRequested) -> None:
        event.stop()
        if event.action == "merge" and event.target is not None:
            self.apply_curation(
                partial(merge_stories, article=event.article, other=event.target),
                event.label,
                None,
            )
        elif event.action == "move":
            self.apply_curation(
                partial(move_to_story, article=event.article, target=event.target),
                event.label,
                None,
            )
