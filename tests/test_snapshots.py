"""Snapshot tests of the reader at 120x40 on the bundled seeds: look at the SVGs first."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from widgets.app import make_app

SIZE = (120, 40)


async def settle(pilot: Pilot) -> None:
    """Wait for the index, freeze any cursor blink, let the screen redraw."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


class TestMainScreen:
    """The reading view as it opens.

    A reviewer should see: the status line "seeds · 5 articles · 4 unread"; the list with the
    first (open) article without a ● mark; the article's title, byline with reading time, its
    boilerplate lines dimmed with ┆ in the gutter, literal "[R]" and "[L]"; names underlined
    and figures reversed; the sidebar with People / Organisations / Places / Other / Figures,
    counts like "1 · 4 art" and ≠ beside figures whose values differ.
    """

    def test_main_screen(self, snap_compare, seeds_index) -> None:
        assert snap_compare(make_app(seeds_index), terminal_size=SIZE, run_before=settle)


class TestFactDetail:
    """The detail panel that replaces the sidebar list when a fact is chosen."""

    def test_name_selected_shows_every_spelling(self, snap_compare, seeds_index) -> None:
        """Moussa Abu Marzouk: 4 spellings listed, then 5 mentions, each with outlet (or the
        title when the outlet is unknown), date, the spelling used and a line of context; the
        reader marks his mentions with • in the gutter."""

        async def choose_marzouk(pilot: Pilot) -> None:
            await settle(pilot)
            await pilot.press("tab", "tab", "enter")
            await settle(pilot)

        assert snap_compare(make_app(seeds_index), terminal_size=SIZE, run_before=choose_marzouk)

    def test_figure_with_differing_values(self, snap_compare, seeds_index) -> None:
        """Palestinians killed: each outlet's value with its qualifier side by side, then a red
        "≠ 34,356 – 34,535 (0.5%)" line, then its history chart ("34,356 → 34,450 · 1 update",
        TRT World's ● on 2024-04-26 and The Times of Israel's ▲↗ on 04-30, both "at least" so
        their spans run up to ↑, the legend naming both), then the mentions in context."""

        async def choose_death_toll(pilot: Pilot) -> None:
            await settle(pilot)
            await pilot.press("f", *"killed", "enter", "enter")
            await settle(pilot)

        assert snap_compare(make_app(seeds_index), terminal_size=SIZE, run_before=choose_death_toll)


class TestQuotes:
    """A statement's variants side by side, and the quote board."""

    def test_statement_variants_aligned(self, snap_compare, seeds_index) -> None:
        """Lin Jian's "The two sides highly appreciated…": the detail names the speaker, says
        in red "≠ the outlets' wordings differ" and how to read the marks; below, each
        outlet's variant with the speaker as it names him ("Lin"), the longest as written and
        the other against it: "highly [-appreciated-] {+appreciate+} China’s" (struck red,
        bold green). The reader shows the report that quotes him four times."""

        async def choose_statement(pilot: Pilot) -> None:
            await settle(pilot)
            await pilot.press("j", "j", "j", "enter", "tab", "f", *"highly appreciate", "enter")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(make_app(seeds_index), terminal_size=SIZE, run_before=choose_statement)

    def test_quote_board(self, snap_compare, seeds_index) -> None:
        """The quote board: four Lin Jian statements, each ≠ "words differ", three outlets for
        the first; below, the first statement's three variants with outlet, date, the speaker
        as each names him (Lin Jian, China) and the words against the longest."""

        async def open_board(pilot: Pilot) -> None:
            await settle(pilot)
            await pilot.press("Q")
            await settle(pilot)

        assert snap_compare(make_app(seeds_index), terminal_size=SIZE, run_before=open_board)


class TestHelp:
    """The help screen over the main screen."""

    def test_help_screen(self, snap_compare, seeds_index) -> None:
        """Every key grouped (Everywhere, Article list, Reading pane, Fact sidebar) and the
        legend of how names, figures, the focused mention and boilerplate are marked."""

        async def open_help(pilot: Pilot) -> None:
            await settle(pilot)
            await pilot.press("question_mark")
            await settle(pilot)

        assert snap_compare(make_app(seeds_index), terminal_size=SIZE, run_before=open_help)


class TestBoards:
    """The fact-checker's boards (F, L, C) on the seeds."""

    def test_figure_board(self, snap_compare, seeds_index) -> None:
        """Figure board with the cursor on "Palestinians killed": the row marked ≠ with the red
        spread "≠ 34,356 – 34,535 (0.5%)", 4 outlets and each outlet's value; below, its four
        mentions, each ≠, with outlet, date, qualifier and value, and the attribution found in
        the sentence ("Hamas-run health authorities say", "According to Gaza’s Ministry of
        Health"); figures that all agree ("= all agree") come after the disputed ones; the
        legend and the footer offer "c" for the figure's chart over time."""

        async def open_board(pilot: Pilot) -> None:
            await settle(pilot)
            await pilot.press("F")
            await settle(pilot)
            board = pilot.app.screen
            row = [r.label for r in board.data].index("Palestinians killed")
            await pilot.press(*["j"] * row)
            await settle(pilot)

        assert snap_compare(make_app(seeds_index), terminal_size=SIZE, run_before=open_board)

    def test_naming_board_for_hamas(self, snap_compare, seeds_index) -> None:
        """How each outlet names Hamas: per outlet its spellings (The Times of Israel also
        writes "Islamic Resistance Movement") then the words around the name ("resistance group
        …" and "… chief" at TRT World, "… terrorists" at All Israel News, "terror group …" at The
        Times of Israel); under the table, the highlighted line's mention in context."""

        async def open_board(pilot: Pilot) -> None:
            await settle(pilot)
            await pilot.press("f", *"hamas", "enter")  # the sidebar's cursor on Hamas
            await settle(pilot)
            await pilot.press("L")
            await settle(pilot)

        assert snap_compare(make_app(seeds_index), terminal_size=SIZE, run_before=open_board)

    def test_coverage_grid(self, snap_compare, seeds_index) -> None:
        """Names and figures × the 5 outlets (the two without an outlet named by their title):
        ● where an outlet mentions the fact, · where not; the facts most outlets report come
        first, those one outlet reports last, marked ◆ (the title counts them all, no cap);
        the column cursor on the second outlet and, under the grid, what that cell means in
        words."""

        async def open_grid(pilot: Pilot) -> None:
            await settle(pilot)
            await pilot.press("C")
            await settle(pilot)
            await pilot.press("l")
            await settle(pilot)

        assert snap_compare(make_app(seeds_index), terminal_size=SIZE, run_before=open_grid)


class TestHistoryChart:
    """A figure's history chart (c on the figure board) at 80x24."""

    def test_chart_of_the_death_toll(self, snap_compare, seeds_index) -> None:
        """Palestinians killed over time in a dialog: "at least 34,356 → at least 34,450 · 1
        update · 2 undated not charted"; TRT World's ● on 2024-04-26 and The Times of Israel's
        ▲ with ↗ on 04-30, each an "at least" figure whose span │ runs up to ↑; the value axis
        labelled 34,356 and 34,450; under the chart the legend (↗ update, ↑ span goes on, ● TRT
        World, ▲ The Times of Israel) and "escape to close"."""

        async def open_chart(pilot: Pilot) -> None:
            await settle(pilot)
            await pilot.press("F")
            await settle(pilot)
            row = [r.id for r in pilot.app.screen.data].index("f:palestinians-killed")
            await pilot.press(*["j"] * row, "c")
            await settle(pilot)

        assert snap_compare(make_app(seeds_index), terminal_size=(80, 24), run_before=open_chart)


class TestStories:
    """The stories view (S) on the seeds."""

    def test_stories_view(self, snap_compare, seeds_index) -> None:
        """The seeds' stories: the four reports of the April 2024 Beijing talks are one story
        (003, undated, announcing a later round, joins them on the names they share: either
        answer is defensible), with its dates, 5 articles, 5 origins, 3 outlets and its disputed
        figures (≠ 3); under the table, its dates, then the names its articles share, each with
        how many articles name it (its outlets follow where there is room)."""

        async def open_stories(pilot: Pilot) -> None:
            await settle(pilot)
            await pilot.press("S")
            await settle(pilot)

        assert snap_compare(make_app(seeds_index), terminal_size=SIZE, run_before=open_stories)


class TestSizes:
    """The main screen at the two other sizes a reader uses: 80x24 and 160x50."""

    def test_narrow_says_the_sidebar_is_hidden(self, snap_compare, seeds_index) -> None:
        """80x24: the list (focused, so widened) with full dates and titles; the status line
        "sidebar hidden (\\)" and the fact n/N step through ("fact: … (n · d)"); the reader's
        byline; no sidebar."""
        assert snap_compare(make_app(seeds_index), terminal_size=(80, 24), run_before=settle)

    def test_narrow_sidebar_in_place_of_the_list(self, snap_compare, seeds_index) -> None:
        """80x24 after \\: the sidebar takes the list's place, the reader keeps about 46
        columns (not 22); the status line no longer says the sidebar is hidden."""

        async def show_sidebar(pilot: Pilot) -> None:
            await settle(pilot)
            await pilot.press("backslash")
            await settle(pilot)

        app = make_app(seeds_index)
        assert snap_compare(app, terminal_size=(80, 24), run_before=show_sidebar)

    def test_wide_list_sorted_by_outlet(self, snap_compare, seeds_index) -> None:
        """160x50 after o: "sorted by outlet"; the list shows the date, the outlet column in
        its order ("All Israel News" whole, "—" for the two articles without one) and titles
        in the rest; the reader keeps a readable measure, the sidebar 44 columns."""

        async def sort_by_outlet(pilot: Pilot) -> None:
            await settle(pilot)
            await pilot.press("o")
            await settle(pilot)

        app = make_app(seeds_index)
        assert snap_compare(app, terminal_size=(160, 50), run_before=sort_by_outlet)
