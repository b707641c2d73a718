"""The UI state kept between runs (theme, read marks), as JSON in the user data dir."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from reader.store.cache import data_root, write_atomic

STATE_NAME = "state.json"


@dataclass
class UiState:
    """What seedread remembers between runs."""

    theme: str | None = None
    """The chosen Textual theme, or None for the default."""
    read: dict[str, list[str]] = field(default_factory=dict)
    """Read article ids, per corpus key."""


def state_path() -> Path:
    """Where the state file lives (follows XDG_DATA_HOME)."""
    return data_root() / STATE_NAME


def load_state(path: Path | None = None) -> tuple[UiState, str | None]:
    """Read the state; returns (state, warning). A missing file is silent, a bad one warned."""
    path = path or state_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return UiState(), None
    except OSError as error:
        return UiState(), f"Could not read {path}: {error.strerror}; starting afresh."
    try:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        theme = data.get("theme")
        read = data.get("read", {})
        if not (theme is None or isinstance(theme, str)) or not isinstance(read, dict):
            raise ValueError("unexpected fields")
        clean = {
            str(key): [str(aid) for aid in ids]
            for key, ids in read.items()
            if isinstance(ids, list)
        }
        return UiState(theme=theme, read=clean), None
    except (ValueError, TypeError):
        return UiState(), f"Ignored a corrupt state file ({path}); read marks start afresh."


def save_state(state: UiState, path: Path | None = None) -> str | None:
    """Write the state atomically; returns a warning instead of raising on failure."""
    path = path or state_path()
    data = json.dumps({"theme": state.theme, "read": state.read}, indent=1, sort_keys=True)
    try:
        write_atomic(path, data)
    except OSError as error:
        return f"Could not save {path}: {error.strerror}"
    return None
