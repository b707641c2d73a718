"""80x24: what the hidden sidebar would have shown is said in the status line and reachable."""

from __future__ import annotations

from test_app import MARZOUK, TRT, of_type, pilot_test, press, ready
from textual.message import Message

from widgets.app import make_app
from widgets.mentions_screen import MentionsScreen
from widgets.messages import JumpToMention

NARROW = (80, 24)


def status(screen) -> str:
    return str(screen.query_one("#status").content)


@pilot_test
async def test_status_says_the_sidebar_is_hidden_and_names_the_chosen_fact(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=NARROW) as pilot:
        screen = await ready(pilot)
        assert screen.sidebar_hidden and not screen.query_one("#facts").display
        label = seeds_index.fact_label(screen.current_fact)[0]
        assert "sidebar hidden (\\)" in status(screen)
        assert f"fact: {label}" in status(screen)
        screen.current_fact = MARZOUK  # n steps through another fact: the status follows
        await press(pilot)
        assert "fact: Moussa Abu Marzouk" in status(screen)
        await press(pilot, "backslash")
        assert not screen.sidebar_hidden
        assert "sidebar hidden" not in status(screen)
        await press(pilot, "backslash")
        assert "sidebar hidden" in status(screen)


@pilot_test
async def test_backslash_at_80_columns_leaves_the_reader_readable(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=NARROW) as pilot:
        screen = await ready(pilot)
        await press(pilot, "backslash")
        assert screen.query_one("#facts").display
        # The sidebar takes the list's place: the reader keeps a readable width.
        assert not screen.articles.display
        assert screen.reader.size.width >= 40
        assert screen.focused is screen.sidebar
        await press(pilot, "backslash")
        assert screen.articles.display and screen.reader.size.width >= 30


@pilot_test
async def test_d_lists_the_chosen_facts_mentions_over_the_reader_and_jumps(seeds_index) -> None:
    seen: list[Message] = []
    app = make_app(seeds_index)
    async with app.run_test(size=NARROW, message_hook=seen.append) as pilot:
        screen = await ready(pilot)
        screen.current_fact = MARZOUK
        await press(pilot, "d")
        assert isinstance(app.screen, MentionsScreen) and app.screen.fact_id == MARZOUK
        await press(pilot, "j", "enter")
        jump = of_type(seen, JumpToMention)[-1]
        assert jump.fact_id == MARZOUK
        assert screen.reader.article_id == jump.article_id
        assert screen.reader.focused == (jump.start, jump.end)
        assert screen.focused is screen.reader


@pilot_test
async def test_d_with_the_sidebar_shown_opens_the_detail_there(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert not screen.sidebar_hidden and "sidebar hidden" not in status(screen)
        screen.current_fact = MARZOUK
        await press(pilot, "d")
        assert screen.detail.display and screen.detail.fact_id == MARZOUK
        assert screen.reader.article_id == TRT
