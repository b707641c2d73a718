"""How much of each saved page's true article text the web-page reader recovers, and how fast."""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.html import HTML_SUFFIXES, Mode, read_html  # noqa: E402
from reader.text import flag_boilerplate  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "html"
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    """Bag of casefolded word tokens (punctuation and spacing do not count)."""
    return Counter(_TOKEN.findall(text.casefold()))


def score(got: str, truth: str) -> tuple[float, float, float]:
    """Token-level (precision, recall, F1) of `got` against `truth`, as bags of words."""
    g, t = tokens(got), tokens(truth)
    common = sum((g & t).values())
    precision = common / sum(g.values()) if g else 0.0
    recall = common / sum(t.values()) if t else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def without_boilerplate(text: str) -> str:
    """The text minus the lines the reader flags as boilerplate (what facts are taken from)."""
    kept, pos = [], 0
    for start, end in flag_boilerplate(text):
        kept.append(text[pos:start])
        pos = end
    kept.append(text[pos:])
    return "".join(kept)


def _page_id(path: Path) -> str:
    name = path.name
    for suffix in HTML_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def run(corpus: Path, mode: Mode, worst: int) -> int:
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted(p for p in corpus.iterdir() if _page_id(p) in truth)
    rows: list[tuple[str, float, float, float, float]] = []
    kept_rows: list[tuple[float, float, float]] = []
    problems: list[str] = []
    fields_found: Counter[str] = Counter()
    url_right = 0
    for path in pages:
        page_id = _page_id(path)
        data = path.read_bytes()
        start = time.perf_counter()
        page, problem = read_html(data, path.name, gzipped=path.name.endswith(".gz"), mode=mode)
        seconds = time.perf_counter() - start
        got = page.text if page else ""
        if problem:
            problems.append(f"{path.name}: {problem.reason}")
        if page:
            fields_found.update(page.fields.keys())
            want_url = (truth[page_id].get("url") or "").rstrip("/")
            url_right += bool(want_url) and (page.fields.get("url") or "").rstrip("/") == want_url
        p, r, f = score(got, truth[page_id]["articleBody"])
        rows.append((page_id, p, r, f, seconds))
        kept_rows.append(score(without_boilerplate(got), truth[page_id]["articleBody"]))
    n = len(rows)
    if not n:
        print(f"no pages with ground truth in {corpus}")
        return 1
    print(f"{n} pages, mode={mode}")
    for label, col in (("precision", 1), ("recall", 2), ("F1", 3)):
        values = [float(row[col]) for row in rows]
        print(
            f"  {label:<9}  mean {statistics.mean(values):.3f}"
            f"  median {statistics.median(values):.3f}"
        )
    kept_p = [row[0] for row in kept_rows]
    kept_r = [row[1] for row in kept_rows]
    print(
        f"  without flagged boilerplate lines: precision mean {statistics.mean(kept_p):.3f}"
        f", recall mean {statistics.mean(kept_r):.3f}"
    )
    low = [row for row in rows if row[2] < 0.5]
    print(f"  pages with recall < 0.5: {len(low)}")
    times = [row[4] for row in rows]
    print(
        f"  time per page: mean {statistics.mean(times) * 1000:.0f} ms"
        f"  median {statistics.median(times) * 1000:.0f} ms  max {max(times) * 1000:.0f} ms"
        f"  (total {sum(times):.1f} s)"
    )
    found = ", ".join(
        f"{name} {fields_found[name]}/{n}" for name in ("title", "outlet", "date", "author", "url")
    )
    print(f"  metadata found: {found}")
    print(f"  url equal to the ground truth's: {url_right}/{n}")
    print(f"  problems: {len(problems)}")
    for line in problems:
        print(f"    {line}")
    if worst:
        print("  lowest F1 (precision, recall, F1):")
        for page_id, p, r, f, _ in sorted(rows, key=lambda row: row[3])[:worst]:
            print(f"    {page_id[:16]}  {p:.2f} {r:.2f} {f:.2f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--mode", choices=("balanced", "precision", "recall", "all"), default="all")
    parser.add_argument("--worst", type=int, default=10, help="list the N lowest-F1 pages")
    args = parser.parse_args(argv)
    modes: tuple[Mode, ...] = (
        ("balanced", "precision", "recall") if args.mode == "all" else (args.mode,)
    )
    status = 0
    for mode in modes:
        status |= run(args.corpus, mode, args.worst)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
