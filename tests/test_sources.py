"""Sources: the byline's URL, `O` opens it, `y` copies a citation (also from the palette)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_app import MARZOUK, SIZE, TRT, pilot_test, press, ready, screen_text, select_fact

from reader.store import build_index
from widgets.app import make_app
from widgets.fact_detail import MentionList
from widgets.help_screen import help_sections

URL = "https://www.example.org/news/talks"


@pytest.fixture
def url_index(tmp_path: Path):
    """Two articles, one with a URL, one without."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = [
        {
            "id": "with-url",
            "title": "Talks in Beijing",
            "outlet": "www.example.org",
            "date": "2024-04-26",
            "url": URL,
            "text": "Talks began on Friday in Beijing. Moussa Abu Marzouk led the delegation.",
        },
        {
            "id": "no-url",
            "title": "More talks",
            "outlet": "Other News",
            "date": "2024-04-27",
            "text": "Moussa Abu Marzouk spoke on Saturday. Nothing else was said.",
        },
    ]
    (corpus / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    index, _ = build_index(corpus, cache_dir=tmp_path / "index")
    yield index
    index.close()


def record_calls(app, name: str) -> list:
    """Replace the app's `name` method by one that records its argument."""
    calls: list = []
    setattr(app, name, lambda value, *args, **kwargs: calls.append(value))
    return calls


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


@pilot_test
async def test_byline_shows_the_url_and_O_opens_it(url_index) -> None:
    app = make_app(url_index)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        opened = record_calls(app, "open_url")
        screen.action_go_to_article("with-url")
        await press(pilot)
        assert URL in screen_text(screen)
        await press(pilot, "O")
        assert opened == [URL]
        screen.action_go_to_article("no-url")
        await press(pilot)
        assert "https://" not in screen_text(screen)
        await press(pilot, "O")
        assert opened == [URL]
        assert any("no URL" in n for n in notes(app))


@pilot_test
async def test_y_copies_the_article_then_the_focused_mention(url_index) -> None:
    app = make_app(url_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        copied = record_calls(app, "copy_to_clipboard")
        screen.action_go_to_article("with-url")
        await press(pilot, "y")
        assert copied[-1] == (
            f"“Talks in Beijing”\n— www.example.org, 2024-04-26, {URL} (article with-url)"
        )
        assert any("Copied a citation of the article" in n for n in notes(app))
        fact = next(f.id for f in screen.sidebar.facts if "Marzouk" in f.label)
        screen.action_go_to_fact(fact)  # jumps to a mention: the ▶ one y cites
        await press(pilot)
        assert screen.reader.focused is not None
        start, article = screen.reader.focused[0], screen.reader.article_id
        await press(pilot, "y")
        quote, source = copied[-1].split("\n")
        assert "Moussa Abu Marzouk" in quote and quote.endswith(".”")
        assert source.endswith(f"(article {article}, offset {start})")
        assert any("Copied a citation of the mention's sentence" in n for n in notes(app))


@pilot_test
async def test_cite_and_open_url_are_in_the_palette_and_help(seeds_index) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        copied = record_calls(app, "copy_to_clipboard")
        await press(pilot, "ctrl+p")
        await press(pilot, *"Copy a citation")
        await pilot.pause(0.5)
        await press(pilot, "enter")
        assert copied and f"(article {TRT})" in copied[-1]
        titles = [c.title for c in app.get_system_commands(screen)]
        assert any("original address" in t for t in titles)
        keys = dict(help_sections(app.BINDINGS, screen.BINDINGS)[0][1])
        assert "Copy a citation" in keys["y"] and "original address" in keys["O"]


@pilot_test
async def test_y_in_the_facts_mention_list_cites_the_mention_under_its_cursor(
    seeds_index,
) -> None:
    app = make_app(seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        copied = record_calls(app, "copy_to_clipboard")
        await select_fact(pilot, screen, MARZOUK)
        await press(pilot, "enter", "j")
        listing = screen.detail.query_one(MentionList)
        assert screen.focused is listing
        row = listing.rows[listing.cursor]
        await press(pilot, "y")
        assert copied[-1].endswith(f"(article {row.article}, offset {row.start})")
