"""Pilot tests of the boards (figures, naming, coverage), curation and the fact sheet export."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_app import KILLED, MARZOUK, NO_OUTLET, SIZE, of_type, pilot_test, press, ready
from textual.message import Message
from textual.widgets import Input

from reader.config import load_config
from reader.corpus import bundled_seeds
from widgets.app import make_app
from widgets.boards.coverage import CoverageScreen
from widgets.boards.figures import FigureBoardScreen
from widgets.boards.naming import NamingBoardScreen
from widgets.grid_view import GridView
from widgets.main import MainScreen
from widgets.mentions_screen import MentionsScreen
from widgets.messages import CurationRequested, JumpToMention, OpenFact
from widgets.prompts import ChoicePrompt, ConfirmPrompt, InputPrompt
from widgets.search_screen import EntityChooser

HAMAS = "e:hamas"


def plain(grid: GridView, row: int) -> str:
    """A grid row's text, every column joined (what a person reads, scrolled or not)."""
    return " | ".join("".join(text for text, _ in cell) for cell in grid.rows[row])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the seeds (with their seedread.yaml): curation must never write the real one."""
    target = tmp_path / "seeds-copy"
    shutil.copytree(bundled_seeds(), target)
    for path in [target, *target.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


@pilot_test
async def test_figure_board_lists_disputed_figures_first_with_values_and_sources(
    seeds_index,
) -> None:
    seen: list[Message] = []
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        screen = await ready(pilot)
        await press(pilot, "F")
        board = pilot.app.screen
        assert isinstance(board, FigureBoardScreen)
        labels = [row.label for row in board.data]
        toll = labels.index("Palestinians killed")
        disputes = [row.disputes for row in board.data]
        assert disputes == sorted(disputes, reverse=True)  # disputed ones come first
        line = plain(board.grid, toll)
        # The toll rose over four days: an update, not a dispute.
        assert line.startswith(
            "  | Palestinians killed | 1 update · at least 34,356 → at least 34,450"
        )
        assert "TRT World at least 34,356" in line
        assert "Hamas-run health authorities say" in line
        await press(pilot, *["j"] * toll)
        mentions = board.mentions
        rows = [plain(mentions, i) for i in range(len(mentions.rows))]
        assert any(
            "The Times of Israel" in r and "Hamas-run health authorities say" in r for r in rows
        )
        assert any("34,535" in r and "According to Gaza’s Ministry of Health" in r for r in rows)
        assert not any(r.startswith("≠") for r in rows)
        # enter: every mention in its sentence; enter on one jumps to it in the reader.
        await press(pilot, "enter")
        listing = pilot.app.screen
        assert isinstance(listing, MentionsScreen) and listing.fact_id == KILLED
        await press(pilot, "j", "j", "enter")
        assert pilot.app.screen is screen
        jump = of_type(seen, JumpToMention)[-1]
        assert jump.fact_id == KILLED and screen.reader.article_id == jump.article_id
        start, end = screen.reader.focused
        assert screen.reader.article.text[start:end] == "over 34,500"
        assert screen.current_fact == KILLED


@pilot_test
async def test_the_figure_board_is_read_ahead_once_the_reader_settles(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.pause(0.8)  # the search's lookups, then the board, start after 0.5 s
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        cached = screen.board_cache[("FigureBoardScreen", None)]
        await press(pilot, "F")
        board = pilot.app.screen
        assert isinstance(board, FigureBoardScreen) and board.data is cached[0]


@pilot_test
async def test_figure_board_finds_attributions_after_the_first_screenful(
    seeds_index, monkeypatch
) -> None:
    """Past its first rows, a board shows "…" for an attribution until the worker has found
    it; the highlighted row's mentions always show theirs."""
    monkeypatch.setattr("widgets.boards.figures.ATTRIBUTION_BATCH", 1)
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "F")
        board = pilot.app.screen
        assert isinstance(board, FigureBoardScreen)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert all(row.attributed for row in board.data)
        toll = [row.label for row in board.data].index("Palestinians killed")
        assert "Hamas-run health authorities say" in plain(board.grid, toll)


@pilot_test
async def test_figure_board_tab_to_a_mention_and_jump(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "F")
        board = pilot.app.screen
        toll = [row.id for row in board.data].index(KILLED)
        await press(pilot, *["j"] * toll, "tab")
        assert board.mentions.has_focus
        await press(pilot, "j", "enter")
        assert pilot.app.screen is screen
        start, end = screen.reader.focused
        assert screen.reader.article.text[start:end] == "at least 34,450"
        # backspace goes back to where the reader was before the jump.
        await press(pilot, "backspace")
        assert screen.reader.focused is None


@pilot_test
async def test_escape_and_the_same_key_close_a_board(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        for key in ("F", "C"):
            await press(pilot, key)
            assert pilot.app.screen is not screen
            await press(pilot, "escape")
            assert pilot.app.screen is screen
            await press(pilot, key, key)
            assert pilot.app.screen is screen


@pilot_test
async def test_naming_board_for_the_selected_name_and_jump_to_a_label(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "tab", "tab")
        assert screen.sidebar.select_fact(HAMAS)
        await press(pilot)
        await press(pilot, "L")
        board = pilot.app.screen
        assert isinstance(board, NamingBoardScreen) and board.entity_id == HAMAS
        lines = board.data.lines
        words = {(line.outlet, line.how, line.words) for line in lines}
        assert ("TRT World", "label", "resistance group …") in words
        assert ("TRT World", "label", "… chief") in words
        assert ("All Israel News", "label", "… terrorists") in words
        assert ("The Times of Israel", "label", "terror group …") in words
        assert ("The Times of Israel", "spelling", "Islamic Resistance Movement") in words
        target = next(i for i, line in enumerate(lines) if line.words == "resistance group …")
        await press(pilot, *["j"] * target)
        detail = str(board.query_one("#board-detail").content)
        assert "resistance group Hamas" in detail
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        start, end = screen.reader.focused
        text = screen.reader.article.text
        assert text[start:end] == "Hamas" and "resistance group" in text[start - 20 : start]
        assert screen.current_fact == HAMAS


@pilot_test
async def test_naming_board_asks_for_a_name_when_a_figure_is_selected(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "f", *"killed", "enter")
        assert screen.current_fact == KILLED
        await press(pilot, "L")
        chooser = pilot.app.screen
        assert isinstance(chooser, EntityChooser)
        await press(pilot, *"marzuk")
        assert chooser.hits and all(hit.target.startswith("e:") for hit in chooser.hits)
        await press(pilot, "enter")
        board = pilot.app.screen
        assert isinstance(board, NamingBoardScreen) and board.entity_id == MARZOUK
        spellings = {line.words for line in board.data.lines if line.how == "spelling"}
        assert {"Moussa Abu Marzouk", "Musa Abu Marzouk", "Mousa Abu Marzouk"} <= spellings


@pilot_test
async def test_coverage_lists_multi_outlet_facts_first_and_opens_one(seeds_index) -> None:
    seen: list[Message] = []
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        screen = await ready(pilot)
        await press(pilot, "C")
        board = pilot.app.screen
        assert isinstance(board, CoverageScreen)
        keys, rows = board.data
        assert "TRT World" in keys and len(keys) == 5
        counts = [len(row.columns) for row in rows]
        assert counts == sorted(counts, reverse=True) and counts[-1] == 1
        first = plain(board.grid, 0)
        assert first.count("●") == counts[0] and first.count("·") == len(keys) - counts[0]
        assert "all " in str(board.query_one("#board-title").content)
        # The last row is reachable (a lazy grid of every fact, no cap).
        await press(pilot, "G")
        assert board.grid.cursor == len(rows) - 1 and "◆" in plain(board.grid, len(rows) - 1)
        # ← → move between outlets; the full outlet name is said under the grid.
        await press(pilot, "l", "l")
        assert board.grid.column == 2
        assert keys[2] in str(board.query_one("#board-detail").content)
        toll = next(i for i, row in enumerate(rows) if row.id == KILLED)
        board.grid.cursor = toll
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        assert [m.fact_id for m in of_type(seen, OpenFact)] == [KILLED]
        assert screen.current_fact == KILLED and screen.detail.display


@pilot_test
async def test_boards_are_in_the_palette(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "ctrl+p")
        await press(pilot, *"Coverage")
        await pilot.pause(0.5)
        await press(pilot, "enter")
        await pilot.app.workers.wait_for_complete()
        assert isinstance(pilot.app.screen, CoverageScreen)


async def choose_in_sidebar(pilot, screen: MainScreen, fact_id: str) -> None:
    """Focus the sidebar with its cursor on `fact_id`."""
    while screen.focused is not screen.sidebar:
        await press(pilot, "tab")
    assert screen.sidebar.select_fact(fact_id)
    await press(pilot)


@pilot_test
async def test_merge_survives_a_restart(corpus: Path) -> None:
    seen: list[Message] = []
    app = make_app(corpus)
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        screen = await ready(pilot)
        # The article with no outlet, which writes "Musa Abu Marzouk".
        await press(pilot, *["j"] * screen.articles.position(NO_OUTLET), "enter")
        assert screen.reader.article_id == NO_OUTLET
        hamas = next(f for f in screen.sidebar.facts if f.label == "Hamas")
        fatah = next(f for f in screen.sidebar.facts if f.label == "Fatah")
        await choose_in_sidebar(pilot, screen, hamas.id)
        await press(pilot, "m")
        assert [m.action for m in of_type(seen, CurationRequested)] == ["merge"]
        chooser = pilot.app.screen
        assert isinstance(chooser, EntityChooser)
        await press(pilot, *["backspace"] * 10, *"fatah")
        assert chooser.hits[0].target == fatah.id
        await press(pilot, "enter")
        keep = pilot.app.screen
        assert isinstance(keep, ChoicePrompt) and keep.choices == ["Hamas", "Fatah"]
        await press(pilot, "enter")  # Hamas stays
        await pilot.app.workers.wait_for_complete()
        await press(pilot)
        assert pilot.app.screen is screen
        assert screen.reader.article_id == NO_OUTLET  # the user stays where they were
        assert screen.focused is screen.sidebar
        assert screen.sidebar.fact_id == hamas.id and screen.current_fact == hamas.id
        assert not any(f.label == "Fatah" for f in screen.sidebar.facts)
        assert "Fatah" in screen.index.variants_of(hamas.id)
        assert any("Merged “Fatah” into “Hamas”" in n.message for n in pilot.app._notifications)
    config = load_config(corpus / "seedread.yaml")
    assert "Fatah" in config.aliases["Hamas"]
    assert config.articles  # the rest of the file is kept
    again = make_app(corpus)
    async with again.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert "Fatah" in screen.index.variants_of(hamas.id)


@pilot_test
async def test_merge_prefills_the_whole_name_keeps_the_chosen_one_and_u_undoes_it(
    corpus: Path,
) -> None:
    before = (corpus / "seedread.yaml").read_text()
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await choose_in_sidebar(pilot, screen, MARZOUK)
        await press(pilot, "m")
        chooser = pilot.app.screen
        assert isinstance(chooser, EntityChooser)
        assert chooser.query_one(Input).value == "Moussa Abu Marzouk"  # not "Marzouk"
        await press(pilot, *["backspace"] * 30, *"hamas")
        hamas = chooser.hits[0].target
        await press(pilot, "enter")
        keep = pilot.app.screen
        assert isinstance(keep, ChoicePrompt)
        assert keep.choices == ["Moussa Abu Marzouk", "Hamas"]
        await press(pilot, "j", "enter")  # the other name stays canonical
        await pilot.app.workers.wait_for_complete()
        await press(pilot)
        assert "Moussa Abu Marzouk" in screen.index.variants_of(hamas)
        assert screen.index.fact_label(hamas)[0] == "Hamas"
        assert any(
            "Merged “Moussa Abu Marzouk” into “Hamas”" in n.message for n in app._notifications
        )
        # u in the sidebar: the file as it was, the index rebuilt, and it says what it undid.
        while screen.focused is not screen.sidebar:
            await press(pilot, "tab")
        await press(pilot, "u")
        await pilot.app.workers.wait_for_complete()
        await press(pilot)
        assert (corpus / "seedread.yaml").read_text() == before
        assert "Moussa Abu Marzouk" not in screen.index.variants_of(hamas)
        assert any("Undone: Merged “Moussa Abu Marzouk”" in n.message for n in app._notifications)
        await press(pilot, "u")
        assert any("Nothing to undo" in n.message for n in app._notifications)


@pilot_test
async def test_every_curation_key_is_in_the_sidebar_footer_and_help(seeds_index) -> None:
    from widgets.help_screen import help_sections
    from widgets.steady_footer import SteadyFooter

    app = make_app(seeds_index)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await ready(pilot)
        await choose_in_sidebar(pilot, screen, MARZOUK)
        footer = "".join(s.text for s in screen.query_one(SteadyFooter).render_line(0))
        for key, word in [("m", "Merge"), ("s", "Split"), ("r", "Rename"), ("x", "Ignore")]:
            assert f"{key} {word}" in footer
        assert "u Undo" in footer
        sidebar_keys = dict(dict(help_sections(app.BINDINGS, screen.BINDINGS))["Fact sidebar"])
        assert {"m", "s", "r", "x", "u"} <= set(sidebar_keys)


@pilot_test
async def test_split_rename_and_ignore(corpus: Path) -> None:
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await choose_in_sidebar(pilot, screen, MARZOUK)
        # split: choose the spelling that is someone else.
        await press(pilot, "s")
        prompt = pilot.app.screen
        assert isinstance(prompt, ChoicePrompt)
        assert "Musa Abu Marzouk" in prompt.choices
        await press(pilot, *["j"] * prompt.choices.index("Musa Abu Marzouk"), "enter")
        await pilot.app.workers.wait_for_complete()
        await press(pilot)
        assert "Musa Abu Marzouk" not in screen.index.variants_of(MARZOUK)
        assert screen.sidebar.fact_id == MARZOUK
        # rename: an Input with the current name.
        await press(pilot, "r")
        field = pilot.app.screen.query_one(Input)
        assert isinstance(pilot.app.screen, InputPrompt) and field.value == "Moussa Abu Marzouk"
        field.value = "Mousa Abu Marzouk"
        await press(pilot, "enter")
        await pilot.app.workers.wait_for_complete()
        await press(pilot)
        selected = screen.sidebar.fact_id
        assert selected is not None and screen.index.fact_label(selected)[0] == "Mousa Abu Marzouk"
        # ignore: confirm, then the name is gone from the sidebar.
        await press(pilot, "x")
        assert isinstance(pilot.app.screen, ConfirmPrompt)
        await press(pilot, "y")
        await pilot.app.workers.wait_for_complete()
        await press(pilot)
        assert not any("Marzouk" in f.label for f in screen.sidebar.facts)
    config = load_config(corpus / "seedread.yaml")
    assert config.split == {"Moussa Abu Marzouk": ("Musa Abu Marzouk",)} or config.split
    assert "Mousa Abu Marzouk" in config.ignore


@pilot_test
async def test_curation_on_a_figure_or_a_read_only_corpus_only_notifies(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(config, path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("widgets.main.decisions.save_config", refuse)
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await choose_in_sidebar(pilot, screen, KILLED)
        await press(pilot, "r")
        assert pilot.app.screen is screen
        assert any("names, not figures" in n.message for n in pilot.app._notifications)
        screen.sidebar.select_fact(MARZOUK)
        await press(pilot, "x", "y")
        await pilot.app.workers.wait_for_complete()
        await press(pilot)
        assert pilot.app.is_running and pilot.app.screen is screen
        assert any("Permission denied" in n.message for n in pilot.app._notifications)
        assert any(f.id == MARZOUK for f in screen.sidebar.facts)


@pilot_test
async def test_export_fact_sheet_from_the_palette(seeds_index, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "ctrl+p")
        await press(pilot, *"Export fact sheet")
        await pilot.pause(0.5)
        await press(pilot, "enter")
        prompt = pilot.app.screen
        assert isinstance(prompt, InputPrompt)
        assert prompt.query_one(Input).value == str(tmp_path / "seeds-factsheet.md")
        await press(pilot, "enter")
        await pilot.app.workers.wait_for_complete()
        await press(pilot)
        written = tmp_path / "seeds-factsheet.md"
        assert "34,356" in written.read_text(encoding="utf-8")
        assert any(str(written) in n.message for n in pilot.app._notifications)
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        # a folder that cannot be written: a notification, not a crash.
        await press(pilot, "ctrl+p")
        await press(pilot, *"Export fact sheet")
        await pilot.pause(0.5)
        await press(pilot, "enter")
        pilot.app.screen.query_one(Input).value = str(written / "inside-a-file.md")
        await press(pilot, "enter")
        await pilot.app.workers.wait_for_complete()
        await press(pilot)
        assert pilot.app.is_running
        assert any("not written" in (n.title or "") for n in pilot.app._notifications)


@pytest.mark.parametrize("order", ["date", "outlet", "title"])
def test_the_whole_list_fetches_ids_and_draws_rows_page_by_page(tmp_path: Path, order: str) -> None:
    from reader.store import build_index
    from widgets.article_rows import ArticleRows, LazyRows

    root = tmp_path / "many"
    shutil.copytree(bundled_seeds(), root)
    for i in range(300):
        (root / f"brief{i:03}.txt").write_text(f"Brief {300 - i}\nTown{i} was quiet.\n", "utf-8")
    index, _ = build_index(root, cache_dir=tmp_path / "cache", workers=1)
    rows = ArticleRows.fetch(index, order)
    assert isinstance(rows.rows, LazyRows) and rows.complete
    assert list(rows.rows) == index.articles(order)  # every page, in the order of the list
    assert (
        rows.rows[-1] == index.articles(order)[-1] and rows.rows[2:4] == index.articles(order)[2:4]
    )
    assert all(rows.positions[row.id] == i for i, row in enumerate(rows.rows))
    first = ArticleRows.fetch(index, order, limit=50)
    assert not first.complete and first.total == rows.total and first.rows == rows.rows[:50]


@pilot_test
async def test_a_bare_name_left_apart_says_whom_it_could_be(tmp_path: Path) -> None:
    from two_events import two_warrens

    from reader.store import build_index

    root = two_warrens(tmp_path / "corpus")
    index, _ = build_index(root, cache_dir=tmp_path / "cache")
    warren = next(e.id for e in index.entities() if e.name == "Warren")
    app = make_app(index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.action_go_to_article("a3")
        await press(pilot)
        await choose_in_sidebar(pilot, screen, warren)
        await press(pilot, "enter")
        head = str(screen.detail.query_one("#detail-head").content)
        assert "Left apart: in its story it could be Elizabeth Warren or Mark Warren" in head
