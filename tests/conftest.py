"""UI test fixtures: isolated user dirs (state, cache) and the seeds' index."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point XDG data and cache dirs at a temp dir: no test reads or writes the user's own."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


@pytest.fixture
def seeds_index(tmp_path: Path):
    """The bundled seeds' FactIndex, built into the test's own cache dir."""
    from reader.corpus import bundled_seeds
    from reader.store import build_index

    index, _ = build_index(bundled_seeds(), cache_dir=tmp_path / "index")
    yield index
    index.close()
