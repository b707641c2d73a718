"""Pilot tests of quotes in the reader: the sidebar's Quotes section, a statement's aligned
variants in the detail, n/N over its variants, and the quote board (Q)."""

from __future__ import annotations

from test_app import NO_OUTLET, SIZE, of_type, pilot_test, press, ready
from test_views import choose_in_sidebar, plain
from textual.message import Message

from reader.store import FactIndex
from widgets.app import make_app
from widgets.boards.quotes import QuoteBoardScreen
from widgets.fact_sidebar import DIFFERS
from widgets.messages import JumpToMention


def statement_saying(index: FactIndex, words: str) -> str:
    """The id of the statement two or more articles quote with `words` in its longest form."""
    (found,) = [s.id for s in index.statements(shared=True) if words in s.words]
    return found


def detail_lines(screen) -> list[str]:
    """The mention list of the detail panel, as plain text lines."""
    mentions = screen.detail.query_one("#detail-mentions")
    return ["".join(text for text, _ in runs) for _, runs in mentions._lines]


@pilot_test
async def test_the_sidebar_lists_an_articles_statements_marked_when_worded_differently(
    seeds_index,
) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "j", "j", "j", "enter")  # the report that quotes Lin Jian four times
        assert screen.reader.article_id == NO_OUTLET
        sidebar = screen.sidebar
        headings = [r.text for r in sidebar.rows if r.fact is None]
        assert headings[-1] == "Quotes"
        quotes = [r.fact for r in sidebar.rows if r.fact is not None and r.fact.is_quote]
        assert len(quotes) >= 4
        appreciated = statement_saying(seeds_index, "highly appreciated")
        assert appreciated in sidebar.differs  # ≠: the outlets' wordings differ
        (fact,) = [f for f in quotes if f.id == appreciated]
        # Labelled with this article's words (it re-tenses "appreciated").
        assert fact.label.startswith("Lin Jian: “The two sides highly appreciate China’s")
        assert (fact.here, fact.articles) == (1, 2)
        # One the other articles do not quote: no mark.
        alone = [f for f in quotes if f.articles == 1]
        assert alone and not any(f.id in sidebar.differs for f in alone)


@pilot_test
async def test_choosing_a_statement_aligns_its_variants_and_n_walks_them(seeds_index) -> None:
    seen: list[Message] = []
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        screen = await ready(pilot)
        await press(pilot, "j", "j", "j", "enter")
        appreciated = statement_saying(seeds_index, "highly appreciated")
        await choose_in_sidebar(pilot, screen, appreciated)
        await press(pilot, "enter")
        assert screen.detail.display and screen.detail.fact_id == appreciated
        head = str(screen.detail.query_one("#detail-head").content)
        assert "Speaker: Lin Jian" in head
        assert f"{DIFFERS} the outlets' wordings differ" in head
        assert "2 quotes in 2 articles" in head
        lines = " ".join(" ".join(detail_lines(screen)).split())  # unwrapped
        # The longest as written, the other against it: re-tensed, marked with words.
        assert "The two sides highly appreciated China’s firm support" in lines
        assert "highly [-appreciated-] {+appreciate+} China’s" in lines
        # n walks the variants across articles, each one highlighted in the reader.
        texts = []
        for _ in range(2):
            await press(pilot, "n")
            start, end = screen.reader.focused
            texts.append((screen.reader.article_id, screen.reader.article.text[start:end]))
        assert {t for _, t in texts} == {
            v.quote.text for v in seeds_index.statement_quotes(appreciated)
        }
        assert len({a for a, _ in texts}) == 2


@pilot_test
async def test_the_quote_board_lists_statements_and_jumps_to_a_variant(seeds_index) -> None:
    seen: list[Message] = []
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        screen = await ready(pilot)
        await press(pilot, "Q")
        board = pilot.app.screen
        assert isinstance(board, QuoteBoardScreen)
        outlets = [s.outlets for s in board.data]
        assert outlets == sorted(outlets, reverse=True) and len(board.data) >= 4
        first = plain(board.grid, 0)
        assert first.startswith(f"{DIFFERS} | Lin Jian | 3 | 3 | words differ")
        appreciated = statement_saying(seeds_index, "highly appreciated")
        row = [s.id for s in board.data].index(appreciated)
        await press(pilot, *["j"] * row)
        variants = [plain(board.variants, i) for i in range(len(board.variants.rows))]
        assert any("[-appreciated-] {+appreciate+}" in v for v in variants)
        # tab to the variants, enter jumps to one in the reader, the statement chosen.
        await press(pilot, "tab", "j", "enter")
        assert pilot.app.screen is screen
        jump = of_type(seen, JumpToMention)[-1]
        assert jump.fact_id == appreciated
        start, end = screen.reader.focused
        assert screen.reader.article.text[start:end].startswith("The two sides highly")
        assert screen.current_fact == appreciated
        # Q and escape close it.
        await press(pilot, "Q")
        assert isinstance(pilot.app.screen, QuoteBoardScreen)
        await press(pilot, "Q")
        assert pilot.app.screen is screen


@pilot_test
async def test_the_quote_board_is_in_the_palette(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "ctrl+p")
        await press(pilot, *"Quote board")
        await pilot.pause(0.5)
        await press(pilot, "enter")
        await pilot.app.workers.wait_for_complete()
        assert isinstance(pilot.app.screen, QuoteBoardScreen)


@pilot_test
async def test_a_large_quote_board_lists_the_statements_with_the_most_outlets(
    seeds_index, monkeypatch
) -> None:
    import widgets.boards.quotes

    monkeypatch.setattr(widgets.boards.quotes, "MAX_ROWS", 2)
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "Q")
        board = pilot.app.screen
        assert isinstance(board, QuoteBoardScreen) and len(board.data) == 2
        title = str(board.query_one("#board-title").content)
        assert "the 2 with the most outlets of 4 statements" in title
        assert board.data[0].outlets == 3


@pilot_test
async def test_a_statement_one_article_quotes_says_so(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        lone = next(s for s in seeds_index.statements() if s.articles == 1)
        article = seeds_index.statement_quotes(lone.id)[0].quote.article
        screen.action_go_to_article(article)
        await press(pilot)
        await choose_in_sidebar(pilot, screen, lone.id)
        await press(pilot, "enter")
        head = str(screen.detail.query_one("#detail-head").content)
        assert "only this article quotes it" in head and "every outlet" not in head
