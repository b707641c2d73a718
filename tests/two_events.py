"""A corpus of two events for story tests: the seeds (the Beijing talks) and a flood report
of another place and date."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.corpus import bundled_seeds


def seeds_with_flood(root: Path, date: str = "2025-06-02") -> Path:
    """Copy the seeds to `root` and add `flood.md`, a report of a flood dated `date`."""
    shutil.copytree(bundled_seeds(), root)
    (root / "flood.md").write_text(
        f"---\ntitle: River floods the valley town\noutlet: Valley Post\ndate: {date}\n---\n"
        "The river burst its banks overnight and flooded the valley town of Ostrava Mill.\n"
        "Rescue teams evacuated 340 residents as the water rose, the mayor said.\n",
        "utf-8",
    )
    return root
