"""How much the quote stage costs next to figure extraction, on the same articles.

    python benchmarks/quotes.py [N]

Reads the first N (2,000) articles of allsides.jsonl.gz, times `extract_figures` and
`extract_quotes` (with the article's name rows given, as the build has them, and without),
and prints the ratio: the quote stage may add at most 10% to the cold build.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

from reader.figures import extract_figures
from reader.models import Article
from reader.names import name_rows
from reader.quotes import extract_quotes

CORPUS = Path("/work/shared/corpora/allsides.jsonl.gz")


def _articles(n: int) -> list[Article]:
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            out.append(Article(r["id"], r["id"], r.get("title") or "", r.get("text") or ""))
            if len(out) == n:
                break
    return out


def _time(label: str, fn: object, articles: list[Article]) -> float:
    start = time.perf_counter()
    count = sum(len(fn(a)) for a in articles)  # type: ignore[operator]
    took = time.perf_counter() - start
    print(f"{label:<28} {took:7.2f} s  {count:7d} found")
    return took


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    articles = _articles(n)
    rows = {a.id: name_rows(a) for a in articles}
    figures = _time("extract_figures", extract_figures, articles)
    names = _time("name_rows (for reference)", name_rows, articles)
    given = _time("extract_quotes (names given)", lambda a: extract_quotes(a, rows[a.id]), articles)
    alone = _time("extract_quotes (own names)", extract_quotes, articles)
    print(f"articles: {len(articles)}")
    print(f"quotes / figures, names given: {given / figures:.2f}")
    print(f"quotes / figures, own names:   {alone / figures:.2f}")
    print(f"quotes / (names + figures), names given: {given / (names + figures):.2f}")


if __name__ == "__main__":
    main()
