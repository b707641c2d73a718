"""Pilot tests of a figure's history chart: c on the figure board, and the fact detail."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from functools import wraps
from typing import Any

import pytest

from widgets.app import make_app
from widgets.boards.figures import FigureBoardScreen
from widgets.help_screen import HelpScreen
from widgets.history_chart import HistoryChart
from widgets.history_screen import HistoryScreen
from widgets.main import MainScreen

KILLED = "f:palestinians-killed"


def pilot_test(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test in its own event loop (no async pytest plugin is installed)."""

    @wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


async def press(pilot, *keys: str) -> None:
    """Press keys, then let the workers they start finish and the screen settle."""
    await pilot.press(*keys)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def chart_text(chart: HistoryChart) -> str:
    """What the chart shows, as plain text."""
    return chart.render().plain


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
@pilot_test
async def test_c_on_the_figure_board_charts_the_row_and_escape_closes(seeds_index, size) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=size) as pilot:
        await press(pilot)
        await press(pilot, "F")
        board = app.screen
        assert isinstance(board, FigureBoardScreen)
        row = [r.id for r in board.data].index(KILLED)
        await press(pilot, *["j"] * row)
        await press(pilot, "c")
        dialog = app.screen
        assert isinstance(dialog, HistoryScreen)
        chart = dialog.query_one(HistoryChart)
        text = chart_text(chart)
        lines = text.splitlines()
        assert lines[0].startswith("at least 34,356") and "1 update" in lines[0]
        assert "● TRT World" in text and "▲ The Times of Israel" in text
        assert "2024-04-26" in text and "04-30" in text
        assert len(lines) <= chart.content_size.height
        assert all(len(line) <= chart.content_size.width for line in lines)
        await press(pilot, "escape")
        assert app.screen is board
        assert not any(isinstance(m, HistoryScreen) for m in app.screen_stack)


@pilot_test
async def test_the_chart_key_is_in_the_help(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = str(app.screen.query_one("#help-keys").content)
        assert "Chart of the figure over time" in keys


@pilot_test
async def test_the_fact_detail_of_a_figure_charts_its_history(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _main(pilot)
        await press(pilot, "f", *"killed", "enter")
        assert screen.sidebar.fact_id == KILLED
        await press(pilot, "enter")
        chart = screen.detail.query_one("#detail-chart", HistoryChart)
        assert chart.display and chart.region.height >= 8
        text = chart_text(chart)
        assert "1 update" in text.splitlines()[0] and "● TRT World" in text
        # Below it, the mentions still have room.
        assert screen.detail.query_one("#detail-mentions").region.height >= 5


@pilot_test
async def test_the_fact_detail_of_a_name_has_no_chart(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _main(pilot)
        await press(pilot, "f", *"hamas", "enter")
        await press(pilot, "enter")
        assert screen.detail.display
        assert not screen.detail.query_one("#detail-chart", HistoryChart).display


async def _main(pilot) -> MainScreen:
    await press(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    return screen


@pilot_test
async def test_at_80x24_the_detail_gives_the_summary_and_c_opens_the_chart(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _main(pilot)
        await press(pilot, "f", *"killed", "enter")
        await press(pilot, "enter")
        chart = screen.detail.query_one("#detail-chart", HistoryChart)
        assert chart.display and chart.region.height == 1
        assert chart_text(chart).startswith("34,356 → 34,450 · 1 update")
        await press(pilot, "c")
        dialog = app.screen
        assert isinstance(dialog, HistoryScreen)
        assert "● TRT World" in chart_text(dialog.query_one(HistoryChart))
        await press(pilot, "escape")
        assert app.screen is screen and screen.detail.display
