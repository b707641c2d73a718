"""Progress in words: every stage says what it does, and moves even when its steps are long."""

from __future__ import annotations

import io
import time

import pytest
from test_app import pilot_test
from textual.widgets import Label

from reader.cli import ProgressLine
from reader.corpus import bundled_seeds
from reader.progress import ProgressText, describe
from widgets.app import make_app
from widgets.main import MainScreen


@pytest.mark.parametrize(
    ("stage", "done", "total", "elapsed", "text"),
    [
        pytest.param(
            "extracting", 1200, 37524, 4.0,
            ProgressText(
                "Finding names, figures and quotes",
                "1,200 / 37,524 articles",
                "300 articles per second · about 121 s left",
            ),
            id="many-steps-rate-and-time-left",
        ),
        pytest.param(
            "extracting", 0, 37524, 3.0,
            ProgressText("Finding names, figures and quotes", "0 / 37,524 articles", "3 s so far"),
            id="nothing-done-yet-seconds-so-far",
        ),
        pytest.param(
            "linking", 0, 2, 14.4,
            ProgressText(
                "Linking names across articles",
                "step 1 of 2: name spellings",
                "14 s so far",
            ),
            id="few-steps-say-what-and-seconds",
        ),
        pytest.param(
            "linking", 1, 2, 2.0,
            ProgressText(
                "Linking names across articles",
                "step 2 of 2: figures, indexes",
                "2 s so far",
            ),
            id="second-step",
        ),
        pytest.param(
            "stories", 0, 1, 0.2,
            ProgressText("Finding the stories", "step 1 of 1: articles by event", "0 s so far"),
            id="stories",
        ),
        pytest.param(
            "stories", 1, 1, 9.0, ProgressText("Finding the stories", "done", "9 s so far"),
            id="done",
        ),
        pytest.param(
            "weighing", 0, 3, 1.0, ProgressText("Weighing", "step 1 of 3", "1 s so far"),
            id="unknown-stage-named-as-is",
        ),
    ],
)  # fmt: skip
def test_describe(stage: str, done: int, total: int, elapsed: float, text: ProgressText) -> None:
    assert describe(stage, done, total, elapsed) == text


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_keeps_moving_while_a_long_step_reports_nothing() -> None:
    out = Terminal()
    line = ProgressLine(out, tick=0.05)
    line("linking", 0, 2)
    before = out.getvalue()
    time.sleep(0.3)  # no report meanwhile: the ticker redraws with the seconds so far
    line.clear()
    after = out.getvalue()
    assert "Linking names across articles" in before and "step 1 of 2" in before
    assert after.count("Linking names across articles") > before.count(
        "Linking names across articles"
    )
    assert "/s" not in after and "left" not in after


@pilot_test
async def test_loading_screen_names_the_stage_and_counts_seconds_while_it_waits(
    seeds_index, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow_build(path, progress, cancel):  # type: ignore[no-untyped-def]
        progress("linking", 0, 2)  # then nothing for a while, as on a big corpus
        cancel.wait(2.2)
        return seeds_index, None

    monkeypatch.setattr("widgets.main.loading.build_index", slow_build)
    app = make_app(bundled_seeds())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.6)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        stage = str(screen.query_one("#loading-stage", Label).content)
        assert "Linking names across articles · step 1 of 2" in stage
        first = str(screen.query_one("#loading-rate", Label).content)
        await pilot.pause(1.2)
        later = str(screen.query_one("#loading-rate", Label).content)
        assert first.endswith("s so far") and later.endswith("s so far") and first != later
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.index is seeds_index and screen._progress_timer is None
