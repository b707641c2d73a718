"""How fast the figure board and a quantity's chart are at the scale corpus.

Run from the repository, with seedread installed (`pip install .`):
    python benchmarks/figure_board.py [--corpus ../shared/corpora/allsides.jsonl.gz]

It indexes the corpus (or reuses the index `seedread index` keeps for it), then prints, each
the median of `--repeat` runs:
- computing the figure board of the whole corpus, its `MAX_ROWS` most disputed (what `F`
  reads) and of its largest story (`figure_board`, what the board's worker does: the rows'
  histories, first/latest, origins, attributions);
- a quantity's history (`FactIndex.figure_history`) and its chart (`chart_lines`) for the
  board's top rows;
- in a headless 120x40 app: `F` until the board's rows are painted (the first press reads
  them from the index, the next ones find them computed), and `c` on its top row
  until the chart is painted, against `?` (the help screen, a screen with no query) measured in
  the same run: the machine is shared and noisy, so read the ratio. Target: < 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import record_paints, timed_press, wait_ready  # noqa: E402

from reader.boards import attributed, figure_board  # noqa: E402
from reader.store import build_index  # noqa: E402
from widgets.boards.figures import ATTRIBUTION_BATCH, MAX_ROWS  # noqa: E402
from widgets.history_chart import chart_lines  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "allsides.jsonl.gz"


def median_time(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


async def screens(corpus: Path, repeat: int) -> dict[str, list[float]]:
    """(painted) seconds of `?`, `F` and `c` presses, each `repeat` times."""
    from widgets.app import make_app
    from widgets.boards.figures import FigureBoardScreen

    app = make_app(corpus)
    times: dict[str, list[float]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        record_paints()
        for _ in range(repeat):
            times.setdefault("help (baseline)", []).append((await timed_press(pilot, "?"))[0])
            await pilot.press("escape")
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("F")
            board = pilot.app.screen
            while not (isinstance(board, FigureBoardScreen) and board.data is not None):
                await pilot.pause(0.005)
                board = pilot.app.screen
            await pilot.pause()
            # The first press reads the board from the index; later ones find it computed.
            label = (
                "figure board (F)" if "figure board (F, 1st)" in times else "figure board (F, 1st)"
            )
            times.setdefault(label, []).append(time.perf_counter() - start)
            times.setdefault("chart (c)", []).append((await timed_press(pilot, "c"))[0])
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"no corpus at {args.corpus}")
    start = time.perf_counter()
    index, _ = build_index(args.corpus)
    print(f"index ready in {time.perf_counter() - start:.1f} s: {index.article_count:,} articles,")
    print(f"  {index.group_count:,} figure groups")
    stories = index.stories()
    largest = max(stories, key=lambda s: len(s.articles))
    rows: list = []

    def whole() -> None:
        rows[:] = figure_board(index)

    t_all = median_time(whole, max(1, args.repeat // 2))

    def top() -> None:  # what `F` reads: the first rows, the first screenful's attributions
        shown = figure_board(index, limit=MAX_ROWS, attribute=False)
        attributed(index, shown[:ATTRIBUTION_BATCH])

    t_top = median_time(top, args.repeat)
    t_story = median_time(lambda: figure_board(index, story=largest.id), args.repeat)
    print(f"figure board, whole corpus ({len(rows):,} rows): {t_all * 1000:,.0f} ms")
    print(
        f"figure board, whole corpus' {MAX_ROWS:,} most disputed (what F reads):"
        f" {t_top * 1000:,.0f} ms"
    )
    print(
        f"figure board, largest story ({len(largest.articles)} articles): {t_story * 1000:.1f} ms"
    )
    top = [r.id for r in rows[:20]]
    t_history = median_time(lambda: [index.figure_history(g) for g in top], args.repeat) / len(top)
    histories = [index.figure_history(g) for g in top]
    t_chart = median_time(lambda: [chart_lines(h, 68, 15) for h in histories], args.repeat)
    print(f"a quantity's history (board's top 20): {t_history * 1000:.1f} ms each")
    print(f"its chart at 68x15: {t_chart / len(top) * 1000:.1f} ms each")
    index.close()
    times = asyncio.run(screens(args.corpus, args.repeat))
    base = statistics.median(times["help (baseline)"])
    for label, values in times.items():
        m = statistics.median(values)
        print(f"{label:>18}: {m * 1000:7.1f} ms painted (median of {len(values)}), {m / base:.1f}x")


if __name__ == "__main__":
    main()
