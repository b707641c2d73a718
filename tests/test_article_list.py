"""The article list's columns: which show at which width, in which order they drop."""

from __future__ import annotations

import pytest
from test_app import SIZE, pilot_test, press, ready

from widgets.app import make_app
from widgets.article_list import ListColumns, fit_outlet, list_columns, short_outlet


@pytest.mark.parametrize(
    ("outlet", "shown"),
    [
        pytest.param("www.nytimes.com", "nytimes.com", id="www-dropped"),
        pytest.param("https://www.bbc.co.uk/news/world", "bbc.co.uk", id="scheme-and-path-dropped"),
        pytest.param("edition.cnn.com", "edition.cnn.com", id="other-host-kept"),
        pytest.param("www.com", "www.com", id="www-as-the-name-kept"),
        pytest.param("New York Times - News", "New York Times - News", id="a-name-as-it-is"),
        pytest.param("Reuters", "Reuters", id="one-word"),
        pytest.param("Fox News (Online News)", "Fox News (Online News)", id="name-with-dots-kept"),
    ],
)
def test_short_outlet(outlet: str, shown: str) -> None:
    assert short_outlet(outlet) == shown


@pytest.mark.parametrize(
    ("outlet", "width", "shown"),
    [
        pytest.param("nytimes.com", 11, "nytimes.com", id="fits-as-it-is"),
        pytest.param("nytimes.com", 10, "nytimes   ", id="suffix-dropped"),
        pytest.param("dailymail.co.uk", 10, "dailymail ", id="two-part-suffix-dropped"),
        pytest.param("usa.chinadaily.com.cn", 10, "usa.china…", id="then-cut"),
        pytest.param("abcnews.go.com", 10, "abcnews   ", id="go-com-dropped-too"),
        pytest.param("New York Times - News", 10, "New York …", id="a-name-is-cut"),
    ],
)
def test_fit_outlet(outlet: str, width: int, shown: str) -> None:
    assert fit_outlet(outlet, width) == shown


@pytest.mark.parametrize(
    ("width", "order", "columns"),
    [
        # Wide: every column, the outlet at its widest, the title the rest.
        pytest.param(102, "date", ListColumns(10, 20, 64, 5), id="250-cols-all"),
        # The word count goes first (it shows only while the title keeps 40 cells), then the
        # outlet narrows.
        pytest.param(66, "date", ListColumns(10, 19, 35, 0), id="outlet-narrows"),
        pytest.param(54, "date", ListColumns(10, 15, 27, 0), id="160-cols-no-words"),
        pytest.param(40, "date", ListColumns(10, 10, 18, 0), id="120-cols-date-outlet"),
        # Then the outlet (sorted by date, the date is kept longer)...
        pytest.param(36, "date", ListColumns(10, 0, 25, 0), id="outlet-drops-by-date"),
        # ... or the date (sorted by anything else, the outlet is kept longer).
        pytest.param(36, "title", ListColumns(0, 13, 22, 0), id="date-drops-by-title"),
        pytest.param(26, "date", ListColumns(0, 0, 26, 0), id="title-only"),
        pytest.param(0, "date", ListColumns(0, 0, 0, 0), id="nothing"),
        # Sorted by outlet, the outlet stays while the title alone would fill the line.
        pytest.param(26, "outlet", ListColumns(0, 10, 15, 0), id="outlet-kept-when-sorted"),
        pytest.param(16, "outlet", ListColumns(0, 0, 16, 0), id="too-narrow-even-then"),
    ],
)
def test_list_columns(width: int, order: str, columns: ListColumns) -> None:
    assert list_columns(width, order) == columns
    shown = [w for w in (columns.date, columns.outlet, columns.words) if w]
    assert columns.title + sum(shown) + len(shown) == width  # every cell used, one gap each


@pytest.mark.parametrize(
    ("order", "drops"),
    [
        pytest.param("date", ["words", "outlet", "date"], id="by-date"),
        pytest.param("title", ["words", "date", "outlet"], id="by-title"),
        pytest.param("outlet", ["words", "date", "outlet"], id="by-outlet"),
    ],
)
def test_columns_drop_in_the_stated_order(order: str, drops: list[str]) -> None:
    """Narrowing one cell at a time, the columns go in the docstring's order, never to come
    back; the outlet narrows before it goes; the title keeps its least while others show
    (sorted by outlet, less: the outlet is kept longer)."""
    gone: list[str] = []
    before = list_columns(200, order)
    for width in range(199, 0, -1):
        now = list_columns(width, order)
        if bool(now.date) == bool(before.date):  # (a dropped date leaves it room again)
            assert now.outlet <= before.outlet or not before.outlet
        for name in ("words", "outlet", "date"):
            if getattr(before, name) and not getattr(now, name):
                gone.append(name)
        kept_title = 16 if order != "outlet" else 9
        assert now.title >= min(width, kept_title) or not (now.date or now.outlet)
        before = now
    assert gone == drops


def line_text(screen, row: int) -> str:
    return "".join(seg.text for seg in screen.articles.render_line(row))


@pilot_test
async def test_sorting_by_outlet_shows_the_outlet_at_every_size(seeds_index) -> None:
    for size in (SIZE, (80, 24), (160, 50)):
        app = make_app(seeds_index)
        async with app.run_test(size=size) as pilot:
            screen = await ready(pilot)
            await press(pilot, "o")
            assert screen.list_order == "outlet"
            assert "sorted by outlet" in str(screen.query_one("#status").content)
            rows = [r for r in screen.articles.rows if r.outlet]
            first = screen.articles.positions[rows[0].id] + 1
            assert short_outlet(rows[0].outlet or "")[:8] in line_text(screen, first)


@pilot_test
async def test_wide_terminal_gives_the_list_full_dates_outlets_and_long_titles(
    seeds_index,
) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=(250, 50)) as pilot:
        screen = await ready(pilot)
        assert screen.articles.size.width > 100
        assert 90 <= screen.reader.size.width <= 100  # a readable measure, not the rest
        row = screen.articles.rows[0]
        text = line_text(screen, 1)
        assert row.date and row.date in text
        assert row.title[:50] in text


@pytest.mark.parametrize("width", [80, 100, 120, 149, 150, 160, 250])
def test_the_panes_fit_the_terminal_and_the_reader_stays_readable(seeds_index, width) -> None:
    @pilot_test
    async def check() -> None:
        app = make_app(seeds_index)
        async with app.run_test(size=(width, 30)) as pilot:
            screen = await ready(pilot)
            panes = [screen.articles, screen.reader, screen.query_one("#facts")]
            shown = [p for p in panes if p.display]
            assert sum(p.outer_size.width for p in shown) == width  # nothing pushed off screen
            assert all(p.region.right <= width for p in shown)
            assert 40 <= screen.reader.outer_size.width <= 100

    check()
