"""How well quotes and their speakers are read, on the hand-annotated truth set (issue 22).

    python benchmarks/quote_quality.py [-v] [--heldout | --heldout2 | --heldout3]

Scores `extract_quotes` and `group_statements` against tests/data/quotes.yaml (six events of
../shared/corpora/clusters.jsonl) and prints the four rates issue 22 targets: quotes found
(>= 0.95), speaker right (>= 0.90), variants of one statement joined (>= 0.95 of pairs), and
quotes of different statements kept apart (>= 0.99 of pairs). With -v, each miss; with
--heldout, the same on tests/data/quotes_heldout.yaml (two events the rules were not fitted on);
with --heldout2, on tests/data/quotes_heldout2.yaml (one more); with --heldout3, on
tests/data/quotes_heldout3.yaml (two more).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from quote_truth import EVENTS, HELDOUT, HELDOUT2, HELDOUT3, available, score  # noqa: E402

TARGETS = {"found": 0.95, "speaker": 0.90, "joined": 0.95, "apart": 0.99}


def main() -> None:
    if "--heldout3" in sys.argv:
        events = HELDOUT3
    elif "--heldout2" in sys.argv:
        events = HELDOUT2
    elif "--heldout" in sys.argv:
        events = HELDOUT
    else:
        events = EVENTS
    if not available(events):
        sys.exit("needs ../shared/corpora/clusters.jsonl")
    scored = score(events)
    rates = scored.rates()
    found = [t for t in scored.truths if t in scored.found]
    counts = {
        "found": f"{len(found)} of {len(scored.truths)} quotes",
        "speaker": f"{sum(scored.speaker_right(t) for t in found)} of {len(found)} found",
        "joined": f"{len(scored.pairs(True))} pairs",
        "apart": f"{len(scored.pairs(False))} pairs",
    }
    for rate, target in TARGETS.items():
        mark = "ok" if rates[rate] >= target else "below"
        print(f"{rate:<8} {rates[rate]:6.3f}  target {target:.2f} {mark:<5}  {counts[rate]}")
    print(f"extracted quotes no annotation overlaps: {len(scored.extra())}")
    if "-v" not in sys.argv:
        return
    for t in scored.truths:
        if t not in scored.found:
            print("not found:", t.key)
        elif not scored.speaker_right(t):
            q = scored.found[t]
            print(f"speaker:   {t.key} | want {t.speaker} | got {q.speaker_full} ({q.how})")
    for a, b in scored.pairs(True):
        if not scored.same_statement(a, b):
            print(f"split:     {a.statement}: {a.key} || {b.key}")
    for a, b in scored.pairs(False):
        if scored.same_statement(a, b):
            print(f"joined:    {a.statement} / {b.statement}: {a.key} || {b.key}")


if __name__ == "__main__":
    main()
