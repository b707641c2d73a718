"""The dialogs of the curation keys (m s r x in the sidebar): each asks what the reader
means, then hands the decision to `apply` (the main screen writes it to seedread.yaml and
re-indexes). One function a decision; `ask` picks it."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from reader.config import Config
from reader.curation import ignore_name, merge_entities, rename_entity, split_variant
from reader.models import SearchHit
from reader.store import FactIndex
from widgets.prompts import ChoicePrompt, ConfirmPrompt, InputPrompt
from widgets.search_screen import EntityChooser

Apply = Callable[[Callable[[Config], Config], str, str | None], object]
"""apply(edit, message, name to keep the sidebar on): writes the decision and re-indexes."""


def ask(action: str, app: App[object], index: FactIndex, fact: str, apply: Apply) -> None:
    """Ask about `action` (merge, split, rename or ignore) on the name `fact`."""
    {"merge": ask_merge, "split": ask_split, "rename": ask_rename, "ignore": ask_ignore}[action](
        app, index, fact, apply
    )


def ask_merge(app: App[object], index: FactIndex, fact: str, apply: Apply) -> None:
    """Choose the other name (fuzzy search, this name's other spellings first), then which of
    the two names stays canonical."""
    name = index.fact_label(fact)[0]
    variants = index.variants_of(fact)

    def merge_with(choice: tuple[SearchHit, str] | None) -> None:
        if choice is None:
            return
        other = choice[0].target
        other_name = index.fact_label(other)[0]
        spellings = {
            name: variants or (name,),
            other_name: index.variants_of(other) or (other_name,),
        }

        def keep_name(keep: str | None) -> None:
            if keep not in spellings:
                return  # cancelled
            gone = other_name if keep == name else name
            absorb = spellings[gone]
            apply(
                lambda config: merge_entities(config, keep, absorb),
                f"Merged “{gone}” into “{keep}”",
                keep,
            )

        app.push_screen(
            ChoicePrompt(f"Merge “{name}” and “{other_name}”: which name stays?", list(spellings)),
            keep_name,
        )

    chooser = EntityChooser(index, name, exclude=fact)
    chooser.TITLE_TEXT = f"Merge into “{name}”: choose the other name"
    app.push_screen(chooser, merge_with)


def ask_split(app: App[object], index: FactIndex, fact: str, apply: Apply) -> None:
    """Choose the spelling that is someone else."""
    name = index.fact_label(fact)[0]
    others = [v for v in index.variants_of(fact) if v != name]
    if not others:
        app.notify(f"“{name}” has one spelling: nothing to split out.", timeout=3)
        return

    def split_out(variant: str | None) -> None:
        if variant:
            apply(
                lambda config: split_variant(config, name, variant),
                f"Split “{variant}” out of “{name}”",
                name,
            )

    app.push_screen(ChoicePrompt(f"Which spelling of “{name}” is someone else?", others), split_out)


def ask_rename(app: App[object], index: FactIndex, fact: str, apply: Apply) -> None:
    """Type the name to show instead (pre-filled with the whole name)."""
    name = index.fact_label(fact)[0]

    def renamed(new: str | None) -> None:
        new = " ".join((new or "").split())
        if new and new != name:
            apply(
                lambda config: rename_entity(config, name, new),
                f"Renamed “{name}” to “{new}”",
                new,
            )

    app.push_screen(InputPrompt(f"Rename “{name}” to:", name), renamed)


def ask_ignore(app: App[object], index: FactIndex, fact: str, apply: Apply) -> None:
    """Confirm that the name, in every spelling, is not a name."""
    name = index.fact_label(fact)[0]
    variants = index.variants_of(fact)

    def ignored(yes: bool | None) -> None:
        if yes:

            def ignore_all(config: Config) -> Config:
                for variant in variants or (name,):
                    config = ignore_name(config, variant)
                return config

            apply(ignore_all, f"Ignored “{name}”: not a name", None)

    spellings = ", ".join(variants or (name,))
    app.push_screen(
        ConfirmPrompt(
            f"Ignore “{name}”?",
            f"It will no longer be listed or marked as a name in this corpus"
            f" (spellings: {spellings}). The decision is kept in seedread.yaml.",
        ),
        ignored,
    )
