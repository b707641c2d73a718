"""Golden files: what the index finds in each seed article, as a readable list.

When extraction changes on purpose, regenerate with
`SEEDREAD_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py` and read the diff before
committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.corpus import bundled_seeds
from reader.store import FactIndex, build_index

GOLDEN = Path(__file__).parent / "golden"
SEED_IDS = sorted(p.stem for p in bundled_seeds().glob("*.txt"))


@pytest.fixture(scope="module")
def seeds_index(tmp_path_factory: pytest.TempPathFactory) -> FactIndex:
    index, _ = build_index(bundled_seeds(), cache_dir=tmp_path_factory.mktemp("cache"))
    return index


def render(index: FactIndex, article_id: str) -> str:
    """One line per mention: where, what was written, and the fact it belongs to."""
    article = index.article(article_id)
    lines = [f"# {article_id}: {article.title}", f"# outlet={article.outlet} date={article.date}"]
    labels = {}
    for e in index.entities():
        labels[e.id] = f"{e.name} [{e.kind}]"
    for g in index.figure_groups():
        labels[g.id] = f"{g.label} [{g.kind}]"
    values = {}
    for g in index.figure_groups():
        for m in g.mentions:
            if m.article == article_id:
                qual = f" ({m.qualifier})" if m.qualifier else ""
                values[m.start] = f" = {m.value} {m.unit}{qual}"
    for mark in index.marks_in(article_id):
        text = article.text[mark.start : mark.end]
        lines.append(
            f"{mark.start:5d} {text!r:40} -> {labels[mark.fact]}{values.get(mark.start, '')}"
        )
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("article_id", SEED_IDS)
def test_seed_extraction_matches_golden(seeds_index: FactIndex, article_id: str) -> None:
    got = render(seeds_index, article_id)
    path = GOLDEN / f"{article_id}.txt"
    if os.environ.get("SEEDREAD_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no golden file; run with SEEDREAD_UPDATE_GOLDEN=1 to create {path}"
    assert got == path.read_text(encoding="utf-8")
