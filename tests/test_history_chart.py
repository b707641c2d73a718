"""The history chart's drawing (widgets/history_chart.py): pure, read as text and spans."""

from __future__ import annotations

import pytest
from readings import reading
from textual.content import Content

from reader.figures.history import History, history
from widgets.fact_sidebar import DIFFERS
from widgets.history_chart import (
    GLYPHS,
    GOES_UP,
    MIN_HEIGHT,
    OTHER_GLYPH,
    SPAN,
    UPDATE_UP,
    chart_lines,
    chart_points,
    outlet_glyphs,
    tick,
)


def plain(lines: list[Content]) -> list[str]:
    return [line.plain for line in lines]


def axis_row(lines: list[str]) -> int:
    """The row of the date axis (under the plot; its labels and the legend follow)."""
    return next(y for y, line in enumerate(lines) if "└" in line)


def glyph_column(lines: list[str], glyph: str) -> tuple[int, int]:
    """(row, column) of the only `glyph` in the plot (the summary and legend left out)."""
    found = [
        (y, x)
        for y, line in enumerate(lines[1 : axis_row(lines)], start=1)
        for x, ch in enumerate(line)
        if ch == glyph
    ]
    assert len(found) == 1, found
    return found[0]


def style_at(line: Content, x: int) -> str:
    """The styles of the spans that cover cell `x` of a one-cell-per-character line."""
    return " ".join(str(s.style) for s in line.spans if s.start <= x < s.end)


TOLL = history(
    [
        reading("34,356", "2024-04-29", "TRT World", article="a1"),
        reading(
            "at least 34,450",
            "2024-04-30",
            "The Times of Israel",
            article="a2",
            qualifier="at least",
        ),
        reading("34,535", "2024-04-30", "Al Jazeera", article="a3"),
        reading("34,100", "2024-05-01", "AP", article="a4"),
    ]
)


def test_each_outlet_has_its_own_glyph_in_the_plot_and_the_legend() -> None:
    lines = chart_lines(TOLL, 80, 20)
    text = plain(lines)
    for outlet, glyph in [("TRT World", "●"), ("The Times of Israel", "▲"), ("AP", "◆")]:
        glyph_column(text, glyph)
        assert any(f"{glyph} {outlet}" in line for line in text[axis_row(text) + 2 :])
    # The glyph is drawn in its outlet's theme colour, never a hard-coded one.
    y, x = glyph_column(text, "●")
    assert "$text-primary" in style_at(lines[y], x)


def test_summary_says_first_latest_updates_and_disputes() -> None:
    summary = chart_lines(TOLL, 80, 20)[0]
    assert summary.plain.startswith("34,356 (2024-04-29) → ")
    assert "update" in summary.plain
    assert f"{DIFFERS} 1 dispute" in summary.plain  # 34,100 a day later with no correction
    assert "$text-error" in style_at(summary, summary.plain.index(DIFFERS))


def test_a_dispute_and_an_update_are_marked_beside_their_glyphs() -> None:
    text = plain(chart_lines(TOLL, 80, 20))
    y, x = glyph_column(text, "◆")  # AP's lower figure a day later
    assert text[y][x + 1] == DIFFERS
    y, x = glyph_column(text, "▲")  # The Times of Israel's higher figure a day later
    assert text[y][x + 1] == UPDATE_UP
    legend = "\n".join(text[axis_row(text) + 2 :])
    assert f"{DIFFERS} dispute" in legend and f"{UPDATE_UP} update" in legend


def test_an_interval_is_a_span_through_its_glyph() -> None:
    h = history(
        [
            reading("100", "2024-01-01", "A"),
            reading("about 150", "2024-01-02", "B", qualifier="about"),
            reading("200", "2024-01-03", "C"),
        ]
    )
    text = plain(chart_lines(h, 60, 24))
    y, x = glyph_column(text, "▲")
    column = [line[x] if x < len(line) else " " for line in text]
    # [135, 165] drawn over some rows above and below the glyph, and no further.
    assert column[y - 1] == SPAN and column[y + 1] == SPAN
    top = min(i for i, ch in enumerate(column) if ch == SPAN)
    bottom = max(i for i, ch in enumerate(column) if ch == SPAN)
    assert top > 1 and bottom < len(text) - 4  # inside the plot, not to its edges


def test_an_open_ended_figure_goes_to_the_top_with_an_arrow() -> None:
    h = history(
        [
            reading("40", "2024-01-01", "A"),
            reading("at least 58", "2024-01-02", "B", qualifier="at least"),
        ]
    )
    text = plain(chart_lines(h, 60, 16))
    y, x = glyph_column(text, "▲")
    assert text[1][x] == GOES_UP  # the row above the range, under the summary
    assert all(text[row][x] == SPAN for row in range(2, y))
    assert any(f"{GOES_UP} span goes on" in line for line in text[axis_row(text) + 2 :])


def test_one_reading() -> None:
    h = history([reading("12", "2024-03-01", "Reuters")])
    text = plain(chart_lines(h, 80, 12))
    assert text[0].startswith("12 (2024-03-01) · 0 updates")
    assert "→" not in text[0]
    glyph_column(text, "●")
    assert any("2024-03-01" in line for line in text)


def test_readings_all_on_one_day_stand_side_by_side() -> None:
    h = history(
        [
            reading("27", "2024-06-01", "A"),
            reading("25", "2024-06-01", "B"),
            reading("27", "2024-06-01", "C"),
        ]
    )
    text = plain(chart_lines(h, 80, 14))
    columns = {glyph_column(text, g)[1] for g in "●▲■"}
    assert len(columns) == 3
    axis_labels = next(line for line in text if "2024-06-01" in line)
    assert axis_labels.count("2024-06-01") == 1 and axis_labels.count("-") == 2
    assert f"{DIFFERS} " in text[0]  # 27 and 25 the same day cannot both hold


def test_repeats_of_one_statement_are_one_point() -> None:
    h = history(
        [
            reading("27", "2024-06-01", "A", article="a1"),
            reading("27", "2024-06-01", "A", article="a2"),
        ]
    )
    assert len(chart_points(h)) == 1


def test_more_outlets_than_glyphs() -> None:
    count = len(GLYPHS) + 6
    h = history(
        reading(f"{100 + i}", f"2024-01-{1 + i % 28:02d}", f"Outlet {i:02d}") for i in range(count)
    )
    glyphs = outlet_glyphs(chart_points(h))
    assert [g for g, _ in glyphs.values()][: len(GLYPHS)] == list(GLYPHS)
    assert [g for g, _ in glyphs.values()][len(GLYPHS) :] == [OTHER_GLYPH] * 6
    # A wide, tall chart lists them all, the last six counted together.
    text = plain(chart_lines(h, 400, 60))
    assert any("• 6 other outlets" in line for line in text)
    # A short chart keeps its legend to half its height and says how many it left out.
    small = plain(chart_lines(h, 80, 12))
    assert len(small) <= 12 and small[-1].endswith("more")
    assert len(small) - axis_row(small) - 2 == 4


@pytest.mark.parametrize("height", [8, 12, 24])
def test_fits_80_columns(height: int) -> None:
    h = history(
        reading(
            f"{1000 + (i * 37) % 500:,}", f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}", f"O{i % 7}"
        )
        for i in range(200)
    )
    lines = chart_lines(h, 80, height)
    assert len(lines) <= height
    assert all(line.cell_length <= 80 for line in lines)
    labels = lines[axis_row([line.plain for line in lines]) + 1].plain
    assert "2024-01-01" in labels and "08-04" in labels  # the first and the last day


def test_too_low_for_a_plot_gives_the_summary_alone() -> None:
    assert plain(chart_lines(TOLL, 40, MIN_HEIGHT - 1)) == [
        "34,356 → 34,535 · 1 update · ≠ 1 dispute"
    ]
    assert len(chart_lines(TOLL, 40, MIN_HEIGHT)) == MIN_HEIGHT


def test_no_dated_reading() -> None:
    h = history([reading("5", None, "A")])
    assert plain(chart_lines(h, 80, 10)) == ["no dated figure"]


def test_empty_history() -> None:
    assert plain(chart_lines(History((), (), (), (), None), 80, 10)) == ["no dated figure"]


@pytest.mark.parametrize(
    "value, expected",
    [(34356, "34,356"), (2_300_000, "2.3M"), (150_000, "150k"), (12.25, "12.2"), (0, "0")],
)
def test_tick(value: float, expected: str) -> None:
    assert tick(value) == expected
