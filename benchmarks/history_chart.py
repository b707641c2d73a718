"""How fast a figure's history chart opens: a quantity of 200 readings against an empty chart.

Run from the repository: python benchmarks/history_chart.py [--readings 200] [--repeat 15]

Prints, each as a median of `--repeat` runs:
- `history()` of the readings (what the index does for `figure_history`);
- `chart_lines()` at the size the chart has in the 80x24 dialog and at 160x50;
- opening the chart dialog in a headless 80x24 app until it has been painted, against the
  same dialog with an empty history, measured in the same run (the machine is shared and
  noisy: the ratio is what to read, the target is < 100 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Static  # noqa: E402

from reader.figures.history import History, Reading, history  # noqa: E402
from reader.models import FigureMention  # noqa: E402
from widgets.history_chart import chart_lines  # noqa: E402
from widgets.history_screen import HistoryScreen  # noqa: E402

QUALIFIERS = (None, None, None, "at least", "about", "more than", "nearly")
OUTLETS = ("Reuters", "AP", "AFP", "Al Jazeera", "BBC", "CNN", "The Times of Israel", "TRT")


def readings(count: int) -> list[Reading]:
    """`count` readings of a death toll that rises over two months, seven qualifiers and
    eight outlets mixed, a few lower figures among them (disputes)."""
    out = []
    start = date(2024, 1, 1)
    for i in range(count):
        value = 1000 + 40 * i - (300 if i % 17 == 0 else 0)
        qualifier = QUALIFIERS[i % len(QUALIFIERS)]
        text = f"{qualifier} {value:,}" if qualifier else f"{value:,}"
        day = (start + timedelta(days=i * 60 // count)).isoformat()
        mention = FigureMention(
            f"a{i:04d}", 0, len(text), text, value, "count", qualifier, "killed", "people"
        )
        out.append(Reading(mention, day, OUTLETS[i % len(OUTLETS)]))
    return out


def timed(fn, repeat: int) -> float:
    """Median seconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


class Host(App[None]):
    """A bare app to open the dialog over."""

    CSS_PATH = str(Path(__file__).resolve().parent.parent / "widgets" / "seedread.tcss")

    def compose(self) -> ComposeResult:
        yield Static("host")


async def open_dialog(full: History, empty: History, repeat: int) -> tuple[float, float]:
    """Median seconds to push the dialog and see it painted: (full, empty), interleaved."""
    app = Host()
    times: dict[str, list[float]] = {"full": [], "empty": []}
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(repeat):
            for name, h in (("empty", empty), ("full", full)):
                t0 = time.perf_counter()
                await app.push_screen(HistoryScreen("Toll", h))
                await pilot.pause()  # until the screen has been laid out and drawn
                times[name].append(time.perf_counter() - t0)
                app.pop_screen()
                await pilot.pause()
    return statistics.median(times["full"]), statistics.median(times["empty"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readings", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    rs = readings(args.readings)
    full = history(rs)
    print(
        f"{args.readings} readings: {len(full.changes)} changes,"
        f" {len(full.updates)} updates, {len(full.disputes)} disputes"
    )
    print(f"history():             {timed(lambda: history(rs), args.repeat) * 1e3:7.2f} ms")
    for w, h in ((68, 15), (156, 40)):
        ms = timed(lambda w=w, h=h: chart_lines(full, w, h), args.repeat) * 1e3
        print(f"chart_lines({w}x{h}):   {ms:7.2f} ms")
    empty = History((), (), (), (), None)
    opened, baseline = asyncio.run(open_dialog(full, empty, args.repeat))
    print(
        f"dialog at 80x24:       {opened * 1e3:7.2f} ms  (empty chart {baseline * 1e3:.2f} ms,"
        f" ratio {opened / baseline:.2f}x)"
    )


if __name__ == "__main__":
    main()
