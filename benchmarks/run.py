"""seedread at scale: cold/warm index, first paint, key latency, growth.

Run, after installing seedread (`pip install .`, which compiles the extractors):
python benchmarks/run.py [--corpus PATH.jsonl.gz] [--sizes 1000,10000,all] [--repeat 3]
[--no-keys] (default corpus: ../shared/corpora/allsides.jsonl.gz)

Every target is printed as a ratio against a floor measured in the same run, because the
machines are shared and noisy:
- cold index vs one Python pass that reads the corpus and runs one regex over every article,
  each build timed right after its own floor pass, `--repeat` pairs a size, the median pair
  reported (all of them printed);
- warm first paint vs a bare Textual app with a list and a footer;
- `seedread index` on an unchanged corpus (absolute, target <= 2 s).
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "allsides.jsonl.gz"


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
        todo.extend(children.get(p, []))
    return total


def run_measured(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Run a command; return (seconds, peak tree RSS bytes, stdout)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.05)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, err = proc.communicate()
    done.set()
    t.join()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return seconds, peak, out


def extractors(seedread: list[str], env: dict[str, str]) -> str:
    """Whether the seedread benchmarked runs the compiled extractors (see hatch_build.py)."""
    probe = "import reader; print(reader.extractors_compiled(), reader.__path__[0])"
    compiled, where = subprocess.run(
        [*seedread[:2], "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    return f"{'compiled (mypyc)' if compiled == 'True' else 'Python source'}, from {where}"


def floor_pass(path: Path) -> tuple[float, int, int]:
    """The floor: read every record and run one regex over its text. (seconds, articles, words)."""
    pattern = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
    start = time.perf_counter()
    n = words = 0
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        for line in fh:
            text = json.loads(line).get("text") or ""
            pattern.findall(text)
            n += 1
            words += len(text.split())
    return time.perf_counter() - start, n, words


def subset(path: Path, n: int, folder: Path) -> Path:
    """The first n records of a JSON-lines corpus, as its own corpus folder."""
    target = folder / f"first-{n}"
    target.mkdir(parents=True, exist_ok=True)
    out = target / "articles.jsonl.gz"
    if not out.exists():
        opener = gzip.open if path.suffix == ".gz" else open
        with (
            opener(path, "rt", encoding="utf-8") as src,
            gzip.open(out, "wt", encoding="utf-8") as dst,
        ):  # type: ignore[operator]
            for i, line in enumerate(src):
                if i >= n:
                    break
                dst.write(line)
    return target


async def first_paint_bare() -> float:
    """Seconds until a bare Textual app with a list and a footer has painted."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, OptionList

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(*[f"row {i}" for i in range(50)])
            yield Footer()

    start = time.perf_counter()
    async with Bare().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        return time.perf_counter() - start


async def wait_ready(pilot, timeout: float = 300) -> None:  # type: ignore[no-untyped-def]
    """Until the main screen has its index and has painted the article list."""
    start = time.perf_counter()
    while getattr(pilot.app.screen, "index", None) is None:
        await pilot.pause(0.005)
        if time.perf_counter() - start > timeout:
            raise SystemExit("seedread never became ready")
    await pilot.pause()


PAINTS: list[float] = []
"""When each screen update finished (perf_counter), once `record_paints` is on."""

ON_SCREEN: dict[tuple[int, int], tuple[object, ...]] = {}
"""What each piece of the terminal shows: (line, column) -> its text and styles."""


def _changes_screen(screen, update) -> bool:  # type: ignore[no-untyped-def]
    """Whether a Textual screen update draws anything that is not already on the terminal
    (Textual sometimes sends a widget's unchanged lines again, a frame after the real one)."""
    from textual._compositor import ChopsUpdate, LayoutUpdate

    pieces: list[tuple[int, int, object]] = []
    if isinstance(update, LayoutUpdate):
        ON_SCREEN.clear()
        cuts = screen._compositor.cuts
        for y, line in enumerate(update.strips):
            pieces += [(y, x, strip) for x, strip in zip(cuts[y], line, strict=False)]
    elif isinstance(update, ChopsUpdate):
        for y, x1, x2 in update.spans:
            for (x, strip), end in zip(update.chops[y].items(), update.chop_ends[y], strict=False):
                if strip is not None and x < x2 and end > x1:
                    pieces.append((y, x, strip))
    else:
        return True
    changed = False
    for y, x, strip in pieces:
        shown = tuple((seg.text, seg.style) for seg in strip)  # type: ignore[attr-defined]
        if ON_SCREEN.get((y, x)) != shown:
            ON_SCREEN[(y, x)] = shown
            changed = True
    return changed


def record_paints() -> None:
    """Note the end of every screen update that changed what is on the terminal, to tell
    when a key's answer was on screen."""
    from textual.app import App

    if getattr(App, "_bench_paints", False):
        return
    display = App._display

    def recorded(self: App, screen, renderable) -> None:  # type: ignore[no-untyped-def]
        display(self, screen, renderable)
        done = time.perf_counter()
        if renderable is not None and _changes_screen(screen, renderable):
            PAINTS.append(done)

    App._display = recorded  # type: ignore[method-assign]
    App._bench_paints = True  # type: ignore[attr-defined]


async def timed_press(pilot, *keys: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(painted, idle): seconds from the key press until the last screen update it caused,
    and until the process is idle again (Textual's own test pause, which needs 20 ms of quiet
    to notice and waits for every thread)."""
    record_paints()
    start = time.perf_counter()
    await pilot.press(*keys)
    await pilot.pause()
    idle = time.perf_counter()
    painted = max((t for t in PAINTS if t > start), default=idle)
    PAINTS.clear()
    return painted - start, idle - start


async def bare_key_latency(presses: int = 30) -> list[tuple[float, float]]:
    """Per-key times of a bare Textual list moving its cursor: the floor for key latency."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, OptionList

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(*[f"row {i}" for i in range(500)])
            yield Footer()

    times = []
    async with Bare().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(presses):
            times.append(await timed_press(pilot, "down"))
    return times


async def first_paint_seedread(corpus: Path) -> float:
    """Seconds until seedread shows its article list and article count (cache warm)."""
    from widgets.app import make_app

    app = make_app(corpus)
    start = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        return time.perf_counter() - start


async def key_latencies(corpus: Path, presses: int = 60) -> dict[str, list[tuple[float, float]]]:
    """Per-key (painted, idle) times for the reader's main keys, at this corpus' size: `presses`
    list moves, a third as many of each other key (20: enough for a p95 that is not the
    single worst press)."""
    from widgets.app import make_app

    app = make_app(corpus)
    times: dict[str, list[tuple[float, float]]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)

        async def press(label: str, *keys: str) -> None:
            times.setdefault(label, []).append(await timed_press(pilot, *keys))

        screen = pilot.app.screen

        async def settle(*keys: str) -> None:
            """Unmeasured keys that bring the screen back to where the next measured key is."""
            await pilot.press(*keys)
            await pilot.pause()

        for _ in range(presses):
            await press("move in list", "j")
        for _ in range(presses // 3):
            await press("open article", "enter")  # opens it and gives the reader the keys
            screen.articles.focus()
            await settle()
            await press("move in list", "j")
        screen.articles.focus()
        await settle("tab")  # to the reader
        for _ in range(presses // 3):
            await press("to sidebar", "tab")
            await settle("shift+tab")  # back to the reader
        await settle("tab")
        for _ in range(presses // 3):
            await press("move in sidebar", "j")
            await press("choose a fact", "enter")  # its mentions across the corpus
            await press("next mention", "n")
            screen.detail.action_close()
            await settle()
            screen.sidebar.focus()
            await settle()
        for _ in range(presses // 6):
            screen.board_cache.clear()  # each opening computes the board anew
            await press("quote board", "Q")
            await settle("escape")
        await press("open search", "slash")
        await pilot.pause(3)  # the fuzzy name matcher is built as the search opens
        for ch in "haniyeh":
            await press("search as you type", ch)
    return times


def stage_times(out: str) -> dict[str, float]:
    """The stage timings `seedread index --timings` prints (`reading 1.20s  extracting …`)."""
    found = re.findall(r"(\w+) (\d+\.\d+)s(?:\s|$)", out.splitlines()[-1] if out else "")
    return {stage: float(seconds) for stage, seconds in found}


def one_article_changes(
    corpus: Path, data: Path, seedread: list[str], env: dict[str, str]
) -> list[tuple[str, float]]:
    """Time `seedread index` after one article is added, changed, removed, and after one
    record of the large JSON-lines file changes (the file is restored and re-indexed after)."""
    times = []

    def index(what: str) -> None:
        seconds, _, out = run_measured([*seedread, "index", str(corpus)], env)
        if what:
            if "updated in place" not in out:
                what += " (no in-place update!)"
            times.append((what, seconds))

    extra = corpus / "added-article.txt"
    extra.write_text(
        "An added article\nAt least 12 people were killed in Springfield on Monday, "
        "Mayor Jane Doe said.\n",
        encoding="utf-8",
    )
    index("one article added")
    extra.write_text(
        "An added article\nAt least 14 people were killed in Springfield on Monday, "
        "Mayor Jane Doe told Reuters.\n",
        encoding="utf-8",
    )
    index("that article changed")
    extra.unlink()
    index("that article removed")

    aside = corpus.parent / f"{corpus.name}-original-{data.name}"  # outside the corpus
    data.rename(aside)
    opener = gzip.open if data.suffix == ".gz" else open
    with (
        opener(aside, "rt", encoding="utf-8") as src,  # type: ignore[operator]
        gzip.open(data, "wt", encoding="utf-8", compresslevel=1) as dst,
    ):
        for i, line in enumerate(src):
            if i == len(times):  # a record near the top
                record = json.loads(line)
                record["text"] = (record.get("text") or "") + "\nThe mayor said 3 people died."
                line = json.dumps(record) + "\n"
            dst.write(line)
    index(f"one record of {data.name} changed")
    data.unlink()
    aside.rename(data)
    index("")
    return times


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(math.ceil(q * len(ordered))) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", default="1000,10000,all")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="floor + cold index pairs per size; the ratio reported is their median (default 3)",
    )
    parser.add_argument("--no-keys", action="store_true", help="skip the Pilot key latencies")
    parser.add_argument("--keep", action="store_true", help="keep the corpora and caches made")
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found: {args.corpus}")

    work = Path(tempfile.mkdtemp(prefix="seedread-bench-"))
    try:
        measure(args, work)
    finally:
        if args.keep:
            print(f"\nkept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)  # about 1 GB of caches


def measure(args: argparse.Namespace, work: Path) -> None:
    """Every measurement, with corpora and caches under `work`."""
    env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache"), XDG_DATA_HOME=str(work / "data"))
    os.environ.update(XDG_CACHE_HOME=env["XDG_CACHE_HOME"], XDG_DATA_HOME=env["XDG_DATA_HOME"])
    # -P: the installed seedread (its extractors compiled at install), not the checkout's
    # source, which `-m` would find first when run from the repository.
    seedread = [sys.executable, "-P", "-m", "widgets"]
    print(f"extractors: {extractors(seedread, env)}", flush=True)

    rows = []
    for size in args.sizes.split(","):
        if size == "all":
            corpus = work / "all"
            corpus.mkdir(exist_ok=True)
            link = corpus / args.corpus.name
            if not link.exists():
                link.symlink_to(args.corpus.resolve())
        else:
            corpus = subset(args.corpus, int(size), work)
        data = next(corpus.iterdir())
        # The machine is shared: each cold build is timed right after a floor pass, and the
        # pair with the median ratio is the one reported (every pair is printed).
        pairs = []
        for _ in range(max(1, args.repeat)):
            floor_s, n, words = floor_pass(data)
            cold_s, cold_mem, out = run_measured(
                [*seedread, "index", str(corpus), "--rebuild", "--timings"], env
            )
            pairs.append((cold_s / floor_s, floor_s, cold_s, cold_mem))
            stages = stage_times(out)
            if stages:
                # The story stage's share: its corpus stage, plus its per-article features
                # (measured in the workers' extraction, see benchmarks/stories.py).
                share = stages.get("stories", 0.0) / cold_s
                print(
                    f"{'':>6}           stages: "
                    + "  ".join(f"{k} {v:.2f}s" for k, v in stages.items())
                    + f"  (stories' corpus stage: {share:.1%} of the cold index)",
                    flush=True,
                )
        if len(pairs) > 1:
            print(
                f"{n:>6} articles  floor / cold pairs: "
                + ", ".join(f"{f:.2f} / {c:.2f}s = {r:.1f}x" for r, f, c, _ in pairs),
                flush=True,
            )
        _, floor_s, cold_s, _ = sorted(pairs)[len(pairs) // 2]
        cold_mem = max(m for *_, m in pairs)
        warm_s, _, _ = run_measured([*seedread, "index", str(corpus)], env)
        incremental = one_article_changes(corpus, data, seedread, env)
        rows.append((n, words, floor_s, cold_s, cold_mem, warm_s, corpus))
        print(
            f"{n:>6} articles  floor {floor_s:6.2f}s  cold {cold_s:6.2f}s "
            f"({cold_s / floor_s:4.1f}x floor, {n / cold_s:,.0f} art/s, "
            f"{words / cold_s:,.0f} words/s, "
            f"peak {cold_mem / 2**20:,.0f} MB)  warm index {warm_s:5.2f}s",
            flush=True,
        )
        for what, seconds in incremental:
            print(f"{'':>6}           {what}: re-indexed in {seconds:5.2f}s", flush=True)

    print("\ngrowth of cold index time (n log n would give the ratio in brackets):")
    for (n0, _, _, t0, *_), (n1, _, _, t1, *_) in zip(rows, rows[1:], strict=False):
        expected = (n1 * math.log(n1)) / (n0 * math.log(n0))
        print(f"  {n0:>6} -> {n1:>6} articles: time x{t1 / t0:5.1f}  [n log n: x{expected:5.1f}]")

    largest = rows[-1][-1]
    bare = min(asyncio.run(first_paint_bare()) for _ in range(3))
    ours = min(asyncio.run(first_paint_seedread(largest)) for _ in range(3))
    print(
        f"\nfirst paint (warm cache, {rows[-1][0]} articles): seedread {ours:.2f}s, "
        f"bare Textual list+footer {bare:.2f}s -> {ours / bare:.1f}x (target <= 2.5x)"
    )

    if not args.no_keys:
        times = asyncio.run(key_latencies(largest))
        floor = asyncio.run(bare_key_latency())
        times = {"bare Textual list (floor)": floor, **times}
        print(
            f"\nkey latency at {rows[-1][0]} articles, ms: press -> its last screen update"
            " (painted), and press -> process idle (Textual's test pause)"
        )
        base = statistics.median(i for _, i in floor)
        print(
            f"  {'key':<26} {'painted':>8} {'p95':>8} {'idle':>8} {'p95':>8} {'n':>4}"
            f" {'idle x floor':>13}"
        )
        for label, values in times.items():
            painted = [p for p, _ in values]
            idle = [i for _, i in values]
            print(
                f"  {label:<26} {statistics.median(painted) * 1000:8.1f}"
                f" {pct(painted, 0.95) * 1000:8.1f} {statistics.median(idle) * 1000:8.1f}"
                f" {pct(idle, 0.95) * 1000:8.1f} {len(values):4d}"
                f" {statistics.median(idle) / base:13.1f}"
            )


if __name__ == "__main__":
    main()
