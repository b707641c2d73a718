"""Moving through the corpus: a fact's mentions in list order, and the places visited."""

from __future__ import annotations

from pathlib import Path

from reader.corpus import bundled_seeds

SIZE = (120, 40)
MARZOUK = "e:moussa-abu-marzouk"
KILLED = "f:palestinians-killed"
TRT = "000_51b63aaced070d53"
NO_OUTLET = "002_6f423198392cab83"
ALL_ISRAEL = "003_289270c1bab496bb"
HOSTILE = (
    "Markup [bold]stays[/bold] literal\n"
    "The [ICJ] ruled, said [R] and [@click=app.quit]click[/] nothing.\n"
    "An escape \x1b[31mred\x1b[0m and a bell \x07 never reach the terminal.\n"
    "Moussa Abu Marzouk met Ismail Haniyeh in Doha.\n"
)


def test_mention_walk_steps_through_every_mention_in_list_order(tmp_path: Path) -> None:
    from reader.navigation import MentionWalk
    from reader.store import build_index

    index, _ = build_index(bundled_seeds(), cache_dir=tmp_path / "cache")
    for order in ("date", "title"):
        positions = {a: i for i, a in enumerate(index.article_ids(order))}
        facts = [e.id for e in index.entities()] + [g.id for g in index.figure_groups()]
        for fact in facts:
            every = sorted(index.mentions_of(fact), key=lambda r: (positions[r.article], r.start))
            walk = MentionWalk(index, fact, positions)
            row, wrapped = walk.first(), False
            seen = []
            while row is not None and not wrapped:
                seen.append(row)
                row, wrapped = walk.step(row.article, positions[row.article], row.start, 1, False)
            assert [(r.article, r.start) for r in seen] == [(r.article, r.start) for r in every]
            assert row == every[0]  # then round to the first again
            back, wrapped = walk.step(
                every[0].article, positions[every[0].article], every[0].start, -1, False
            )
            assert wrapped and back == every[-1]


def test_history_goes_back_and_forward_and_a_new_jump_forgets_the_way_forward() -> None:
    from reader.navigation import History, Location

    a, b, c, d = (Location(x) for x in "abcd")
    history = History()
    history.record(a, b)
    history.record(b, c)
    history.record(c, c)  # going where one already is remembers nothing
    assert history.go_back(c) == b
    assert history.go_back(b) == a
    assert history.go_back(a) is None
    assert history.go_forward(a) == b
    history.record(b, d)  # a new jump: the way forward is gone
    assert history.go_forward(d) is None
    assert history.back == [a, b]


def test_history_keeps_the_last_places_only() -> None:
    from reader.navigation import HISTORY_LIMIT, History, Location

    history = History()
    for i in range(HISTORY_LIMIT + 50):
        history.record(Location(str(i)), Location(str(i + 1)))
    assert len(history.back) == HISTORY_LIMIT
    assert history.back[0] == Location("50")
