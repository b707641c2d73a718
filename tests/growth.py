"""Checks of how work grows, instead of wall-clock budgets: time at n and at 8n on the same
machine in the same run, so a shared, noisy machine cannot fail a test that a fast one passes."""

from __future__ import annotations

import time
from collections.abc import Callable

FACTOR = 8
"""How much bigger the second input is."""
SLACK = 3.0
"""How much worse than linear the growth may look before it fails: linear is 8x, n log n about
9x, quadratic 64x; 24x leaves room for noise and caches and still catches quadratic work."""


def best_time(run: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def assert_linear(make: Callable[[int], Callable[[], object]], n: int, repeat: int = 3) -> None:
    """`make(size)` gives a run over an input of that size; the run at 8n must take at most
    SLACK x 8 times the run at n (plus 20 ms, so tiny timings do not decide)."""
    small = best_time(make(n), repeat)
    large = best_time(make(FACTOR * n), repeat)
    assert large <= SLACK * FACTOR * small + 0.02, (
        f"grew {large / max(small, 1e-9):.1f}x from n={n} to {FACTOR * n}"
        f" ({small * 1000:.1f} ms -> {large * 1000:.1f} ms): worse than linear"
    )
