"""Pilot tests: each reader flow driven by keys as a person would, checked on state and messages."""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message
from textual.widgets import Input
from two_events import seeds_with_flood

from reader.corpus import bundled_seeds
from reader.store.cache import data_root
from widgets.app import SeedreadApp, make_app
from widgets.error_screen import ErrorScreen
from widgets.help_screen import HelpScreen
from widgets.main import MainScreen
from widgets.messages import (
    ArticleHighlighted,
    DetailClosed,
    FactSelected,
    IndexLoaded,
    JumpToMention,
    MentionChosen,
    NarrowToStory,
    OpenArticle,
)
from widgets.problems_screen import ProblemsScreen
from widgets.search_screen import TEXT_DELAY, SearchScreen

SIZE = (120, 40)


def pilot_test(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test in its own event loop (no async pytest plugin is installed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


MARZOUK = "e:moussa-abu-marzouk"
KILLED = "f:palestinians-killed"
TRT = "000_51b63aaced070d53"  # mentions Moussa Abu Marzouk twice (offsets 158, 939)
NO_OUTLET = "002_6f423198392cab83"  # "Musa Abu Marzouk"
ALL_ISRAEL = "003_289270c1bab496bb"  # "Mousa Abu Marzouk", then "Abu Marzouk"


async def ready(pilot) -> MainScreen:
    """Wait for the index worker and the screen to settle; returns the main screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    assert screen.index is not None
    return screen


async def press(pilot, *keys: str) -> None:
    """Press keys, then let the workers they start (detail, n/N, search) finish."""
    await pilot.press(*keys)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def of_type(seen: list[Message], kind: type[Message]) -> list:
    """The messages of one type, once each (a bubbling message is seen at every hop)."""
    unique = {id(m): m for m in seen if isinstance(m, kind)}
    return list(unique.values())


def screen_text(screen: MainScreen) -> str:
    """What the reading pane shows, as plain text (every laid-out line)."""
    reader = screen.reader
    out = []
    for y in range(len(reader.lines)):
        reader.scroll_to(y=0, animate=False, immediate=True)
        out.append("".join(seg.text for seg in reader.render_line(y - int(reader.scroll_y))))
    return "\n".join(out)


async def select_fact(pilot, screen: MainScreen, fact_id: str) -> None:
    """Tab to the sidebar and walk its cursor down to `fact_id`, as a person would."""
    while screen.focused is not screen.sidebar:
        await press(pilot, "tab")
    for _ in range(80):
        if screen.sidebar.fact_id == fact_id:
            return
        await press(pilot, "j")
    raise AssertionError(f"{fact_id} not in the sidebar")


@pilot_test
async def test_opens_the_seeds_with_list_reader_and_sidebar() -> None:
    seen: list[Message] = []
    app = make_app(bundled_seeds())
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        screen = await ready(pilot)
        assert of_type(seen, IndexLoaded)
        status = str(screen.query_one("#status").content)
        assert "seeds · 5 articles" in status
        assert len(screen.articles.rows) == 5
        assert screen.reader.article_id == screen.articles.rows[0].id
        assert any(f.id == MARZOUK for f in screen.sidebar.facts)
        assert screen.focused is screen.articles


@pilot_test
async def test_enter_opens_the_article_under_the_cursor_and_marks_it_read() -> None:
    seen: list[Message] = []
    app = make_app(bundled_seeds())
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        screen = await ready(pilot)
        second = screen.articles.rows[1].id
        assert second not in screen.articles.read
        await press(pilot, "j", "enter")
        await pilot.pause()
        assert [m.article_id for m in of_type(seen, ArticleHighlighted)] == [second]
        assert [m.article_id for m in of_type(seen, OpenArticle)] == [second]
        assert screen.reader.article_id == second
        assert second in screen.articles.read
        assert screen.focused is screen.reader
        saved = json.loads((data_root() / "state.json").read_text())
        assert second in next(iter(saved["read"].values()))


@pilot_test
async def test_choosing_a_name_shows_every_spelling_and_other_mentions() -> None:
    seen: list[Message] = []
    app = make_app(bundled_seeds())
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        screen = await ready(pilot)
        await select_fact(pilot, screen, MARZOUK)
        await press(pilot, "enter")
        await pilot.pause()
        assert [m.fact_id for m in of_type(seen, FactSelected)] == [MARZOUK]
        assert screen.detail.display and not screen.sidebar.display
        head = str(screen.detail.query_one("#detail-head").content)
        for spelling in ("Moussa Abu Marzouk", "Musa Abu Marzouk", "Mousa Abu Marzouk"):
            assert spelling in head
        assert {row.article for row in screen.detail.rows} == {TRT, NO_OUTLET, ALL_ISRAEL}
        # enter on a mention in another article jumps there.
        await press(pilot, "j", "j", "enter")
        await pilot.pause()
        chosen = of_type(seen, MentionChosen)
        assert chosen and chosen[-1].article_id == NO_OUTLET
        assert of_type(seen, JumpToMention)
        assert screen.reader.article_id == NO_OUTLET
        start, end = screen.reader.focused
        assert screen.reader.article.text[start:end] == "Musa Abu Marzouk"
        # escape goes back to the fact list.
        await press(pilot, "escape")
        await pilot.pause()
        assert of_type(seen, DetailClosed)
        assert screen.sidebar.display and not screen.detail.display


@pilot_test
async def test_n_and_shift_n_step_through_mentions_across_articles() -> None:
    app = make_app(bundled_seeds())
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.reader.article_id == TRT
        await select_fact(pilot, screen, MARZOUK)
        order = [row.id for row in screen.articles.rows]
        visited = []
        for _ in range(5):
            await press(pilot, "n")
            await pilot.pause()
            start, end = screen.reader.focused
            visited.append((screen.reader.article_id, screen.reader.article.text[start:end]))
        expected = [
            (TRT, "Moussa Abu Marzouk"),
            (TRT, "Moussa Abu Marzouk"),
            (NO_OUTLET, "Musa Abu Marzouk"),
            (ALL_ISRAEL, "Mousa Abu Marzouk"),
            (ALL_ISRAEL, "Abu Marzouk"),
        ]
        assert visited == expected
        # The articles come in the list's order (date order: undated last).
        assert order.index(NO_OUTLET) < order.index(ALL_ISRAEL)
        await press(pilot, "N", "N")
        await pilot.pause()
        assert screen.reader.article_id == NO_OUTLET
        assert screen.sidebar.fact_id == MARZOUK


@pilot_test
async def test_backspace_goes_back_and_alt_right_forward() -> None:
    app = make_app(bundled_seeds())
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await select_fact(pilot, screen, MARZOUK)
        await press(pilot, "n", "n")  # second mention, still in the first article
        await pilot.pause()
        before = screen.reader.focused
        await press(pilot, "n")  # crosses into the next article: remembered
        await pilot.pause()
        assert screen.reader.article_id == NO_OUTLET
        await press(pilot, "backspace")
        await pilot.pause()
        assert screen.reader.article_id == TRT
        assert screen.reader.focused == before
        await press(pilot, "alt+right")
        await pilot.pause()
        assert screen.reader.article_id == NO_OUTLET
        assert screen.history.forward == []


@pilot_test
async def test_search_marzuk_finds_abu_marzouk_and_selects_it() -> None:
    app = make_app(bundled_seeds())
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "slash")
        await pilot.pause()
        search = pilot.app.screen
        assert isinstance(search, SearchScreen)
        await press(pilot, *"marzuk")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert search.hits and search.hits[0].target == MARZOUK
        await press(pilot, "enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.current_fact == MARZOUK
        assert screen.sidebar.fact_id == MARZOUK
        start, end = screen.reader.focused
        assert "Marzouk" in screen.reader.article.text[start:end]
        assert screen.detail.display


@pilot_test
async def test_search_by_figure_and_by_text() -> None:
    app = make_app(bundled_seeds())
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "slash", *"34,356")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        targets = [hit.target for hit in pilot.app.screen.hits]
        assert KILLED in targets
        await press(pilot, "escape")
        await press(pilot, "slash", *"carnage")
        await pilot.pause(TEXT_DELAY * 2)  # article texts are searched once typing pauses
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        hits = pilot.app.screen.hits
        assert hits and hits[0].target.startswith("a:")
        await press(pilot, "enter")
        await pilot.pause()
        start, end = screen.reader.focused
        assert screen.reader.article.text[start:end].lower() == "carnage"


@pilot_test
async def test_figure_detail_shows_each_value_and_the_spread() -> None:
    app = make_app(bundled_seeds())
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "f", *"killed", "enter")
        await pilot.pause()
        assert screen.sidebar.fact_id == KILLED
        await press(pilot, "enter")
        await pilot.pause()
        head = str(screen.detail.query_one("#detail-head").content)
        # The toll rose from 26 to 30 April: an update, not a dispute between outlets.
        assert "34,356 – 34,535 (0.5%) · 1 update, no dispute" in head
        assert "≠" not in head
        for value in ("at least 34,356", "at least 34,450", "over 34,500", "34,535"):
            assert value in head


@pilot_test
async def test_help_opens_and_closes() -> None:
    app = make_app(bundled_seeds())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        text = str(pilot.app.screen.query_one("#help-keys").content)
        for key in ("n", "backspace", "alt+→", "/", "ctrl+p", "b", "o"):
            assert key in text
        await press(pilot, "escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MainScreen)


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
@pilot_test
async def test_quit_key_exits_with_status_zero(key: str) -> None:
    app = make_app(bundled_seeds())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, key)
        await pilot.pause()
    assert app.return_code == 0


@pilot_test
async def test_sort_cycles_and_boilerplate_hides(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "o")
        assert screen.list_order == "outlet"
        outlets = [row.outlet for row in screen.articles.rows if row.outlet]
        assert outlets == sorted(outlets, key=str.casefold)
        assert "sorted by outlet" in str(screen.query_one("#status").content)
        await press(pilot, "o", "o")
        assert screen.list_order == "story"
        stories = [row.story for row in screen.articles.rows]
        runs = [s for i, s in enumerate(stories) if i == 0 or stories[i - 1] != s]
        assert all(stories) and len(runs) == len(set(runs))  # one story's articles together
        await press(pilot, "o")
        assert screen.list_order == "date"
        lines = len(screen.reader.lines)
        await press(pilot, "b")
        assert screen.reader.hide_boilerplate
        assert len(screen.reader.lines) < lines
        assert all(line.kind != "boilerplate" for line in screen.reader.lines)


def write_corpus(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        path = folder / name
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    return folder


HOSTILE = (
    "Markup [bold]stays[/bold] literal\n"
    "The [ICJ] ruled, said [R] and [@click=app.quit]click[/] nothing.\n"
    "An escape \x1b[31mred\x1b[0m and a bell \x07 never reach the terminal.\n"
    "Moussa Abu Marzouk met Ismail Haniyeh in Doha.\n"
)


@pilot_test
async def test_markup_like_text_stays_literal_and_controls_are_shown(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "hostile", {"a.txt": HOSTILE})
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        text = screen_text(screen)
        assert "[bold]stays[/bold]" in text
        assert "[ICJ]" in text and "[R]" in text
        assert "[@click=app.quit]click[/]" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "␛[31mred" in text
        assert pilot.app.is_running


@pilot_test
async def test_problems_are_counted_and_listed(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "mixed",
        {"good.txt": "A title\n\nHamas met Fatah in Beijing.\n", "bad.txt": b"\x00\x01\x02" * 50},
    )
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert "1 problem" in str(screen.query_one("#status").content)
        await press(pilot, "p")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ProblemsScreen)
        assert pilot.app.screen.problems[0].source.endswith("bad.txt")
        await press(pilot, "escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MainScreen)


@pilot_test
async def test_a_missing_corpus_shows_a_message_not_a_traceback(tmp_path: Path) -> None:
    app = make_app(tmp_path / "does-not-exist")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(pilot.app.screen, ErrorScreen)
        assert "does-not-exist" in str(pilot.app.screen.query_one("#error-reason").content)
        await press(pilot, "q")
        await pilot.pause()
    assert app.return_code == 2


@pilot_test
async def test_theme_persists_between_runs(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pilot.app.theme = "gruvbox"
        await pilot.pause()
    saved = json.loads((data_root() / "state.json").read_text())
    assert saved["theme"] == "gruvbox"
    again = make_app(seeds_index)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert pilot.app.theme == "gruvbox"


@pilot_test
async def test_read_marks_persist_between_runs(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "G", "enter")
        await pilot.pause()
        last = screen.articles.rows[-1].id
    again = make_app(seeds_index)
    async with again.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert last in screen.articles.read


@pilot_test
async def test_a_corrupt_state_file_is_ignored_with_a_notification(seeds_index) -> None:
    path = data_root() / "state.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert any("corrupt" in n.message for n in pilot.app._notifications)
        assert isinstance(pilot.app, SeedreadApp)


@pilot_test
async def test_palette_goes_to_an_article(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "ctrl+p")
        await pilot.pause()
        await press(pilot, *"Go to article Report")
        await pilot.pause(0.5)
        await press(pilot, "enter")
        await pilot.pause()
        assert screen.reader.article_id == ALL_ISRAEL


@pilot_test
async def test_filter_input_keeps_letters_from_triggering_keys(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "f", *"qnob")
        await pilot.pause()
        assert pilot.app.is_running
        assert screen.query_one("#fact-filter", Input).value == "qnob"
        assert screen.list_order == "date" and not screen.reader.hide_boilerplate


@pilot_test
async def test_a_huge_article_shows_its_opening_then_the_rest(tmp_path: Path) -> None:
    from widgets.reading_pane import BIG_TEXT, ReadingPane

    paragraph = "Mahmoud Abbas met Ismail Haniyeh in Doha on Monday, officials said.\n"
    body = paragraph * (BIG_TEXT // len(paragraph) + 200)
    corpus = write_corpus(tmp_path / "huge", {"a.txt": "A huge article\n" + body})
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        pane = screen.query_one(ReadingPane)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        text_lines = [line for line in pane.lines if line.kind == "text"]
        assert text_lines[-1].end == len(pane.article.text.rstrip("\n"))  # to the very end
        assert not any("laying out" in line.text for line in pane.lines)
        assert pane.marks_of("e:mahmoud-abbas")  # marks fetched in a worker arrived
        await press(pilot, "tab", "G")
        assert pilot.app.is_running


@pilot_test
async def test_a_huge_single_paragraph_is_laid_out_to_its_end(tmp_path: Path) -> None:
    from widgets.reading_pane import BIG_TEXT, ReadingPane

    sentence = "Mahmoud Abbas met Ismail Haniyeh in Doha. "
    body = sentence * (BIG_TEXT // len(sentence) + 500)  # no line break at all
    corpus = write_corpus(tmp_path / "wall", {"a.txt": "A wall of text\n" + body})
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        pane = screen.query_one(ReadingPane)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.5)
        text_lines = [line for line in pane.lines if line.kind == "text"]
        assert text_lines[-1].end == len(pane.article.text)
        text = pane.article.text
        body = text.index("\n") + 1
        joined = "".join(text[line.start : line.end] for line in text_lines if line.start >= body)
        assert joined == text[body:]  # nothing lost or repeated


@pilot_test
async def test_footer_shows_the_focused_panes_keys_and_a_click_presses_one() -> None:
    from widgets.steady_footer import SteadyFooter

    app = make_app(bundled_seeds())
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        footer = screen.query_one(SteadyFooter)
        assert "Merge" not in str(footer.render())
        await press(pilot, "tab", "tab")
        assert screen.focused is screen.sidebar
        line = str(footer.render())
        assert "Merge" in line and "Rename" in line and "palette" in line
        await press(pilot, "enter")  # the fact's mentions: escape goes back
        assert screen.detail.display
        assert "esc Facts" in str(footer.render())
        x = str(footer.render()).index("esc")
        await pilot.click(SteadyFooter, offset=(x, 0))
        await pilot.pause()
        assert not screen.detail.display and screen.sidebar.display


@pilot_test
async def test_panes_scroll_without_a_scrollbar_widget() -> None:
    from textual.geometry import Region
    from textual.scrollbar import ScrollBar

    from widgets.scroll_mark import THUMB

    app = make_app(bundled_seeds())
    async with app.run_test(size=(100, 20)) as pilot:
        screen = await ready(pilot)
        reader = screen.reader
        assert not [bar for bar in screen.query(ScrollBar) if bar.display and bar.region]
        assert reader.allow_vertical_scroll and reader.scroll_y == 0
        await press(pilot, "enter", "space")
        assert reader.scroll_y > 0
        reader.scroll_down(animate=False)  # what the mouse wheel does
        await pilot.pause()
        assert reader.scroll_y > 0
        size = reader.outer_size
        lines = reader.render_lines(Region(0, 0, size.width, size.height))
        column = [line.crop(size.width - 1, size.width).text for line in lines]
        assert THUMB in column and column.count(THUMB) < len(column)  # a thumb, not a bar


@pilot_test
async def test_settling_the_heap_frees_what_an_earlier_settle_froze() -> None:
    import gc
    import weakref

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    app = make_app(bundled_seeds())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        garbage = Cycle()
        gone = weakref.ref(garbage)
        app.settle_heap()  # frozen while still in use
        del garbage
        app.settle_heap(collect=False)
        assert gone() is not None  # frozen: the collector does not see it
        app.settle_heap()
        assert gone() is None
        assert gc.get_freeze_count() > 0


@pilot_test
async def test_the_fact_under_the_sidebar_cursor_is_read_ahead_and_used_by_enter() -> None:
    app = make_app(bundled_seeds())
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "j", "enter")  # a new article refills the sidebar: nothing read
        assert screen._prefetched is None
        await press(pilot, "tab", "j")
        fact = screen.sidebar.fact_id
        assert screen._prefetched is not None and screen._prefetched[2].fact_id == fact
        ahead = screen._prefetched[2]
        await press(pilot, "enter")
        assert screen.detail.display and screen.detail.fact_id == fact
        assert screen.detail.rows == ahead.rows


def _cells(strip) -> list[tuple[str, object]]:  # type: ignore[no-untyped-def]
    """(text, background) of each non-blank segment of a rendered line."""
    return [(seg.text, seg.style.bgcolor) for seg in strip if seg.text.strip()]


@pilot_test
async def test_the_sidebar_and_the_mention_list_draw_their_cursor_and_headings() -> None:
    from widgets.fact_detail import MentionList

    app = make_app(bundled_seeds())
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await select_fact(pilot, screen, MARZOUK)
        side = screen.sidebar
        cursor = side.get_component_rich_style("fact-sidebar--cursor").bgcolor
        line = _cells(side.render_line(side.cursor - int(side.scroll_y)))
        assert "Moussa Abu Marzouk" in "".join(t for t, _ in line)
        assert all(bg == cursor for _, bg in line)
        # Headings are not facts: the cursor steps over them, and they show their count.
        heading = next(i for i, r in enumerate(side.rows) if r.fact is None)
        assert "".join(t for t, _ in _cells(side.render_line(heading - int(side.scroll_y))))
        side.cursor = heading
        assert side.rows[side.cursor].fact is not None
        await select_fact(pilot, screen, MARZOUK)
        await press(pilot, "enter")
        mentions = screen.detail.query_one(MentionList)
        assert screen.focused is mentions
        cursor = mentions.get_component_rich_style("mention-list--cursor").bgcolor
        first = _cells(mentions.render_line(0 - int(mentions.scroll_y)))
        assert all(bg == cursor for _, bg in first)
        await press(pilot, "j")
        assert mentions.cursor == 1
        top = mentions._tops[1] - int(mentions.scroll_y)
        assert all(bg == cursor for _, bg in _cells(mentions.render_line(top)))
        assert not any(bg == cursor for _, bg in _cells(mentions.render_line(0)))


@pilot_test
async def test_clicking_a_fact_then_a_mention_opens_them() -> None:
    app = make_app(bundled_seeds())
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        side = screen.sidebar
        row = next(i for i, r in enumerate(side.rows) if r.fact and r.fact.id == MARZOUK)
        await pilot.click("#fact-list", offset=(3, row - int(side.scroll_y)))
        await pilot.pause()
        assert screen.detail.display and screen.detail.fact_id == MARZOUK
        # The third mention's first line.
        mentions = screen.detail.query_one("#detail-mentions")
        top = mentions._tops[2] - int(mentions.scroll_y)
        await pilot.click("#detail-mentions", offset=(3, top))
        await pilot.pause()
        row = screen.detail.rows[2]
        assert screen.reader.article_id == row.article
        assert screen.reader.focused == (row.start, row.end)


@pilot_test
async def test_stories_view_narrows_the_reader_to_one_story_and_a_clears_it(
    tmp_path: Path,
) -> None:

    from reader.store import build_index
    from widgets.stories_screen import StoriesScreen

    # Another event altogether, a year later, in a small corpus of its own.
    root = seeds_with_flood(tmp_path / "two-events")
    index, _ = build_index(root, cache_dir=tmp_path / "cache")
    app = make_app(index)
    seen: list[Message] = []
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        screen = await ready(pilot)
        assert screen.articles.total == 6
        await press(pilot, "S")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        board = pilot.app.screen
        assert isinstance(board, StoriesScreen)
        lines = board.data
        assert len(lines) == 2 and len(lines[0].story.articles) == 5  # the talks, then the flood
        await press(pilot, "j", "enter")  # read the flood alone
        await pilot.pause()
        assert pilot.app.screen is screen
        flood = lines[1].story.id
        assert any(isinstance(m, NarrowToStory) and m.story == flood for m in seen)
        assert screen.story_filter == flood
        assert [row.id for row in screen.articles.rows] == ["flood"]
        assert screen.reader.article_id == "flood"
        assert "story: River floods the valley town" in str(screen.query_one("#status").content)
        await press(pilot, "A")  # every story again
        await pilot.pause()
        assert screen.story_filter is None and screen.articles.total == 6


@pilot_test
async def test_stories_are_merged_and_an_article_moved_from_the_keyboard(tmp_path: Path) -> None:

    from reader.config import load_config
    from reader.store import build_index

    root = seeds_with_flood(tmp_path / "two-events")
    index, _ = build_index(root, cache_dir=tmp_path / "cache")
    app = make_app(index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "S")
        await pilot.app.workers.wait_for_complete()
        await press(pilot, "m", "j", "enter")  # the talks' story merged with the flood's
        for _ in range(3):  # the decision is written, then the index rebuilt: two workers
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.index is not None and screen.index.story_count == 1
        assert load_config(root / "seedread.yaml").stories.merge
        # Now the flood report goes back to a story of its own.
        screen.articles.focus()
        await press(pilot, "g", *["j"] * (screen.articles.position("flood") or 0), "enter")
        assert screen.reader.article_id == "flood"
        await press(pilot, "M")
        await pilot.app.workers.wait_for_complete()
        await press(pilot, "o")
        for _ in range(3):  # the decision is written, then the index rebuilt: two workers
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        assert screen.index.story_count == 2
        assert load_config(root / "seedread.yaml").stories.move == {"flood": None}


@pilot_test
async def test_a_damaged_index_is_said_with_a_key_to_rebuild_never_a_traceback(
    tmp_path: Path,
) -> None:
    import shutil
    import sqlite3

    from widgets.error_screen import ErrorScreen

    root = tmp_path / "seeds"
    shutil.copytree(bundled_seeds(), root)
    app = make_app(root)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.index is not None
        db = screen.index.db_path
        # Another process damages a stored text; the reader opens that article next.
        con = sqlite3.connect(db)
        con.execute("UPDATE texts SET text = text || ' (altered)'")
        con.commit()
        con.close()
        screen.index._article_cache.cache_clear()  # as if it had not been read yet
        await press(pilot, "j", "enter")
        await pilot.pause()
        error = pilot.app.screen
        assert isinstance(error, ErrorScreen)
        assert "damaged" in error.title_text and not db.exists()
        await press(pilot, "r")  # build it again from the corpus
        for _ in range(20):  # the build is a worker: wait for it and for its index
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            if screen.index is not None and screen.index.db_path.exists():
                break
        assert pilot.app.screen is screen and screen.index is not None
        assert screen.index.article_count == 5 and db.exists()
    assert app.return_code in (0, None)


@pilot_test
async def test_a_reader_open_while_another_build_grows_the_corpus_reads_its_own_index(
    tmp_path: Path,
) -> None:
    import shutil

    from reader.store import build_index

    root = tmp_path / "seeds"
    shutil.copytree(bundled_seeds(), root)
    app = make_app(root)
    seen: list[Message] = []
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        screen = await ready(pilot)
        assert screen.index is not None
        # Another terminal adds an article and re-indexes: the file is replaced.
        (root / "late.txt").write_text(
            "Late report\nMusa Abu Marzouk said the carnage went on in Cairo.\n", "utf-8"
        )
        build_index(root)
        await press(pilot, "slash", *"carnage")  # a text search reads every text
        await pilot.pause(TEXT_DELAY * 2)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        hits = pilot.app.screen.hits
        assert hits and all(h.target != "a:late" for h in hits)  # its own generation, whole
        await press(pilot, "escape")
        screen._check_replaced()  # as the 5-second look would
        await pilot.pause()
        assert screen._told_replaced
        await press(pilot, "ctrl+r")  # read the new index
        for _ in range(10):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        assert screen.index.article_count == 6 and not screen.index.replaced
