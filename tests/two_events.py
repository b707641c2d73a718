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


def two_warrens(root: Path) -> Path:
    """Write to `root` one story of three articles naming Elizabeth Warren, Mark Warren and,
    in the third, a bare "Warren" (which of them is not said)."""
    root.mkdir()
    lines = {
        "a1": "Elizabeth Warren spoke to reporters on Tuesday about the vote.",
        "a2": "Her aide Mark Warren said he would vote yes on the bill on Tuesday.",
        "a3": "Warren said the vote on the bill would be close on Tuesday.",
    }
    for aid, line in lines.items():
        (root / f"{aid}.md").write_text(
            f"---\ntitle: Senate vote on the bill\nstory: vote\ndate: 2024-05-07\n---\n{line}\n",
            "utf-8",
        )
    return root
