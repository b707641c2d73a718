"""The in-place update at scale, before against after, alternated in one session.

python benchmarks/in_place.py --corpus DIR --index BUILT.sqlite --python NAME=PYTHON ...
[--rounds 3]

`DIR` is a corpus folder (e.g. the folder `benchmarks/run.py --sizes all` makes, holding a
link to allsides.jsonl.gz) and `BUILT.sqlite` its index, built once by `seedread index`. Each
`--python` is an interpreter with a seedread installed (`NAME=/path/to/python`); every round
runs each of them in turn on its own copy of the index: one article added, changed, removed
(as `benchmarks/run.py` does), timing `seedread index --timings` (wall time and the stages it
prints). The machine is shared: the rounds alternate the interpreters and every run is printed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ADDED = (
    "An added article\nAt least 12 people were killed in Springfield on Monday, "
    "Mayor Jane Doe said.\n"
)
CHANGED = (
    "An added article\nAt least 14 people were killed in Springfield on Monday, "
    "Mayor Jane Doe told Reuters.\n"
)


def index(python: str, corpus: Path, env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run(
        [python, "-P", "-m", "widgets", "index", str(corpus), "--timings"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    seconds = time.perf_counter() - start
    if "updated in place" not in out:
        raise SystemExit(f"not updated in place: {out}")
    last = out.strip().splitlines()[-1]
    stages = "  ".join(f"{k} {v}" for k, v in re.findall(r"(\w+) (\d+\.\d+)s", last))
    return seconds, stages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--python", action="append", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pythons = dict(p.split("=", 1) for p in args.python)
    work = Path(tempfile.mkdtemp(prefix="in-place-"))
    envs = {}
    for name in pythons:
        cache = work / name
        env = dict(os.environ, XDG_CACHE_HOME=str(cache), XDG_DATA_HOME=str(work / "data"))
        folder = cache / "seedread"
        folder.mkdir(parents=True)
        shutil.copyfile(args.index, folder / args.index.name)
        envs[name] = env
    extra = args.corpus / "added-article.txt"
    results: dict[str, dict[str, list[float]]] = {n: {} for n in pythons}
    try:
        for r in range(args.rounds):
            for name, python in pythons.items():
                for what, text in (("added", ADDED), ("changed", CHANGED), ("removed", None)):
                    if text is None:
                        extra.unlink()
                    else:
                        extra.write_text(text, encoding="utf-8")
                    seconds, stages = index(python, args.corpus, envs[name])
                    results[name].setdefault(what, []).append(seconds)
                    print(f"round {r} {name:>8} {what:>8}: {seconds:6.2f}s  {stages}", flush=True)
    finally:
        extra.unlink(missing_ok=True)
        shutil.rmtree(work)
    print()
    for what in ("added", "changed", "removed"):
        row = "  ".join(
            f"{n} {min(v[what]):.2f}/{sorted(v[what])[len(v[what]) // 2]:.2f}s"
            for n, v in results.items()
        )
        print(f"{what:>8} (best/median): {row}")


if __name__ == "__main__":
    main()
