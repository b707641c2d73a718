"""How well names are found and linked across articles, on the hand-annotated table (issue 18).

    python benchmarks/name_quality.py [-v]

Scores name extraction and linking against tests/data/names_truth.yaml (four events of
../shared/corpora/clusters.jsonl and the five seeds; see tests/name_truth.py for how) and
prints, per event and overall, the rates issue 18 targets: the central referents' mentions
found (share of annotated referent-article pairs, >= 0.97), their mentions linked into one
entity (share of pairs, 1.000), and wrong merges (entities holding two referents, 0). With -v,
each miss: a referent not found in an article, a referent split over entities (with each
entity's spellings), an entity holding two referents.

Measured when the table was written (before any rule change), found / linked / wrong merges:
nk-satellite 0.880 / 0.986 / 0, f1-brazil 0.869 / 0.855 / 0, goldman-tax 0.895 / 0.701 / 0,
berlin-nye 0.915 / 1.000 / 0, seeds 1.000 / 0.953 / 0; held-out 0.888 / 0.894, overall
0.909 / 0.910 / 0.

After the fixes of issue 18's misses (hyphens, captions, leading words, glued names, short
forms, initialisms, legal forms, companies' first words): nk-satellite 1.000 / 0.998 / 0,
f1-brazil 1.000 / 0.982 / 0, goldman-tax 0.947 / 1.000 / 0, berlin-nye 0.930 / 1.000 / 0,
seeds 1.000 / 0.999 / 0; held-out 0.973 / 0.992, overall 0.978 / 0.993 / 0.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from name_truth import EVENTS, Scored, available, score  # noqa: E402

TARGETS = {"found": 0.97, "linked": 1.0}


def _line(label: str, rates: dict[str, float]) -> str:
    return (
        f"{label:<14} found {rates['found']:6.3f}  linked {rates['linked']:6.3f}"
        f"  wrong merges {int(rates['wrong']):2d}   ({int(rates['referents'])} referents,"
        f" {int(rates['annotated'])} referent-articles, {int(rates['mentions'])} mentions)"
    )


def _misses(scored: Scored) -> None:
    for r in scored.referents:
        lost = sorted(set(r.articles) - scored.found(r))
        if lost:
            print(f"not found: {r.key} in {', '.join(lost)} ({' | '.join(sorted(r.spellings))})")
        groups: dict[str, Counter[str]] = defaultdict(Counter)
        for _, m, e in scored.mentions[r]:
            groups[e][m.text] += 1
        if len(groups) > 1:
            parts = [
                f"{scored.entities[e].name} [{scored.entities[e].kind}]: "
                + ", ".join(f"{t} x{n}" for t, n in texts.most_common())
                for e, texts in sorted(groups.items(), key=lambda g: -sum(g[1].values()))
            ]
            print(f"split:     {r.key}: " + " || ".join(parts))
    for e, ids in sorted(scored.merged().items()):
        ent = scored.entities[e]
        print(f"merged:    {ent.name} [{ent.kind}] holds {', '.join(sorted(ids))}")
    for a, b in scored.apart:
        ea = {e for _, _, e in scored.mentions[a]}
        if ea & {e for _, _, e in scored.mentions[b]}:
            print(f"apart:     {a.key} and {b.id} are merged")


def main() -> None:
    if not available():
        sys.exit("needs ../shared/corpora/clusters.jsonl")
    scored = score()
    for e in EVENTS:
        print(_line(e["id"], scored.rates(e["id"])))
    held = [e["id"] for e in EVENTS if e["corpus"] != "seeds"]
    sub = Scored(
        [r for r in scored.referents if r.event in held],
        [p for p in scored.apart if p[0].event in held],
        {r: ms for r, ms in scored.mentions.items() if r.event in held},
        scored.entities,
    )
    print(_line("held-out", sub.rates()))
    overall = scored.rates()
    print(_line("overall", overall))
    for rate, target in TARGETS.items():
        mark = "ok" if overall[rate] >= target else "below"
        print(f"  {rate:<7} target {target:.2f}: {mark}")
    if "-v" in sys.argv:
        _misses(scored)


if __name__ == "__main__":
    main()
