"""What the quote stage costs in a cold build, and how fast the quote board's query is.

    python benchmarks/quotes.py [--sample N] [--corpus PATH]

It benchmarks the installed seedread. Two measures, each against a baseline taken in the
same run (the machine is shared and noisy):

1. Per article: the first N (2,000) articles of the corpus run through every per-article
   stage (`reader.pipeline.extract_facts`) with the quote stage and without it; the ratio
   is the share quotes add to extraction.
2. The whole corpus (default ../shared/corpora/allsides.jsonl.gz, 37,554 articles) indexed
   cold with `seedread index --rebuild --timings` into a temporary cache: the statements
   stage's seconds against the build's, and the quote stage's total estimated as that stage
   plus quotes' share of the extracting stage. Then the quote board's query (every
   statement two or more articles quote) on that index, timed five times.

The issue's targets: the quote stage adds at most 10% to the cold build; the board opens
within 100 ms at 37,554 articles (the key itself is timed by `benchmarks/run.py`).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import reader.pipeline
from reader.models import Article
from reader.pipeline import extract_facts
from reader.store import build_index

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "allsides.jsonl.gz"


def _articles(path: Path, n: int) -> list[Article]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            out.append(Article(r["id"], r["id"], r.get("title") or "", r.get("text") or ""))
            if len(out) == n:
                break
    return out


def _extract_all(articles: list[Article]) -> float:
    start = time.perf_counter()
    for a in articles:
        extract_facts(a)
    return time.perf_counter() - start


def per_article(articles: list[Article]) -> float:
    """Seconds with quotes / seconds without (median of three alternating pairs)."""
    real = reader.pipeline.extract_quotes
    ratios = []
    for _ in range(3):
        with_quotes = _extract_all(articles)
        reader.pipeline.extract_quotes = lambda *_a, **_k: []  # type: ignore[assignment]
        try:
            without = _extract_all(articles)
        finally:
            reader.pipeline.extract_quotes = real
        print(f"  extract_facts: {with_quotes:.2f} s with quotes, {without:.2f} s without")
        ratios.append(with_quotes / without)
    return statistics.median(ratios)


def cold_build(corpus: Path, cache: Path) -> dict[str, float]:
    """Stage seconds of a cold `seedread index --timings` (and "total")."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    seedread = Path(sys.executable).with_name("seedread")
    start = time.perf_counter()
    out = subprocess.run(
        [str(seedread), "index", str(corpus), "--rebuild", "--timings"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    total = time.perf_counter() - start
    stages = out.strip().splitlines()[-1].split()
    times = {stages[i]: float(stages[i + 1].rstrip("s")) for i in range(0, len(stages) - 1, 2)}
    return {**times, "total": total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    print(f"seedread from {Path(reader.pipeline.__file__).parent.parent}")
    articles = _articles(args.corpus, args.sample)
    share = per_article(articles) - 1
    print(f"quotes add {share:.1%} to the per-article stages ({len(articles):,} articles)")
    with tempfile.TemporaryDirectory() as tmp:
        times = cold_build(args.corpus, Path(tmp))
        print("cold build: " + ", ".join(f"{k} {v:.1f} s" for k, v in times.items()))
        extracting, statements, total = times["extracting"], times["quotes"], times["total"]
        quote_stage = statements + extracting * share / (1 + share)
        print(
            f"statements stage {statements:.1f} s = {statements / total:.1%} of the build;"
            f" with quotes' share of extracting, the quote stage {quote_stage:.1f} s ="
            f" {quote_stage / (total - quote_stage):.1%} added to the build without it"
            " (target 10%)"
        )
        os.environ["XDG_CACHE_HOME"] = tmp
        index, _ = build_index(args.corpus)  # the cache just built
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            shared = index.statements(shared=True)
            runs.append(time.perf_counter() - start)
        print(
            f"quote board query: {len(shared):,} statements in"
            f" {statistics.median(runs) * 1000:.0f} ms (median of 5; target 100 ms with the"
            " board drawn)"
        )


if __name__ == "__main__":
    main()
