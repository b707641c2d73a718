"""Readings of an article's figures (`reader.figures.readings`): hand-written news sentences,
each rule both ways (must read / must not)."""

from __future__ import annotations

import pytest

from reader.figures import extract_figures
from reader.figures.readings import read_figures
from reader.models import Article, FigureMention


def _read(text: str, date: str = "2019-05-10") -> list[FigureMention]:
    article = Article(id="t", path="t.txt", title="", text=text, date=date)
    return read_figures(article, extract_figures(article))


def _at(figures: list[FigureMention], text: str, nth: int = 0) -> FigureMention:
    hits = [f for f in figures if f.text == text]
    assert len(hits) > nth, f"no figure {text!r} (#{nth}) in {[f.text for f in figures]}"
    return hits[nth]


# --- number words the extractor reads without a plural noun right after them ---------------

WORD_COUNTS = [
    ("of-the-event", "Police said three of the dead were tourists.", "three", "killed"),
    ("of-those-n", "Six of those 40 workers were rescued by boat.", "Six", "rescued"),
    ("other-noun", "Two other passengers survived the landing.", "Two", None),
    ("more-noun", "Five more people were found alive on Sunday.", "Five", None),
    ("were-event", "Hundreds fled and four were injured in the blaze.", "four", "wounded"),
    ("event-verb", "Seven died when the bus overturned.", "Seven", "killed"),
    ("risen-to", "The toll from the flood rose to at least nine on Monday.", "at least nine",
     "killed"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "figure", "counted"), [c[1:] for c in WORD_COUNTS], ids=[c[0] for c in WORD_COUNTS]
)
def test_number_word_is_a_count(sentence: str, figure: str, counted: str | None) -> None:
    f = _at(_read(sentence), figure)
    assert f.kind == "count"
    assert f.counted == counted


NOT_COUNTS = [
    ("one-of", "It was one of the worst storms in years."),
    ("of-the-adjective", "Two of the biggest lenders merged."),
    ("more-than", "Two more than expected came."),
    ("were-not-event", "Two were seen leaving the building."),
]


@pytest.mark.parametrize("sentence", [c[1] for c in NOT_COUNTS], ids=[c[0] for c in NOT_COUNTS])
def test_number_word_is_not_a_count(sentence: str) -> None:
    words = {"one", "two", "Two"}
    assert not [f for f in _read(sentence) if f.text in words and f.kind == "count"]


# --- what happens to whom ---------------------------------------------------------------------

READINGS = [
    # (id, text, figure, nth, counted, whom)
    ("crew-roles", "The crash killed 12 people, among them two local pilots.", "two", 0,
     "killed", "crew"),
    ("crew-members", "Three crew members died when the ferry sank.", "Three", 0, "killed",
     "crew"),
    ("a-role-outranks-a-nationality", "Two Ukrainian pilots were killed in the crash.", "Two",
     0, "killed", "crew"),
    ("a-nationality-of-passengers", "Eight American passengers were hurt.", "Eight", 0,
     "wounded", "American"),
    ("toll-risen-far", "The death toll from Tuesday's blast at the market rose to 31, police said.",
     "31", 0, "killed", "people"),
    ("two-hospitals", "In all 40 had been taken to three hospitals.", "40", 0, "hospitalized",
     "people"),
    ("of-the-complement-nation", "Officials said 8 of the 30 victims were British citizens.",
     "8", 0, "killed", "British"),
    ("of-the-complement-noun", "A school said four of the dead were its pupils.",
     "four", 0, "killed", "pupil"),
    ("of-the-no-complement", "Doctors said 12 of the injured were taken to hospital.",
     "12", 0, "hospitalized", "people (part)"),
    ("back-reference", "The blast killed 9 people. Three of those 9 people were Canadian and "
     "those three people were on holiday.", "three", 0, "killed", "Canadian"),
    ("critical", "The fire injured 30 people, and 6 people are in critical condition.",
     "6", 0, "wounded", "people (critical)"),
    ("critically-injured", "Five died and 12 were critically injured.", "12", 0, "wounded",
     "people (critical)"),
    ("serious-injuries", "Three people had serious injuries, the ambulance service said.",
     "Three", 0, "wounded", "people (serious)"),
    ("hospital-serious", "Two people were taken to hospital with serious injuries.",
     "Two", 0, "wounded", "people (serious)"),
    ("slightly-hurt", "Fourteen others were slightly hurt.", "Fourteen", 0, "wounded",
     "people (slight)"),
    ("plain-injured", "Police said 25 people were injured.", "25", 0, "wounded", "people"),
    ("plain-hospital", "More than 40 people were taken to hospital.", "More than 40", 0,
     "hospitalized", "people"),
    ("severity-other-clause", "The storm injured 20 people, and seriously damaged 30 homes.",
     "20", 0, "wounded", "people"),
    # "US" in capitals is a country, not the pronoun: the noun phrase and its list go on.
    ("us-in-capitals", "The blast killed 9 US tourists and two local guides.", "9", 0,
     "killed", "American"),
    ("us-list-shares-event", "The deaths of 9 US tourists and two local pilots were confirmed.",
     "two", 0, "killed", "crew"),
    ("deceased", "The deceased included 6 students and two teachers.", "6", 0, "killed",
     "student"),
    ("crowd-noun-is-people", "Thousands of spectators were evacuated from the stadium.",
     "Thousands", 0, "displaced", "people"),
    ("to-safety", "Hundreds of people on the pier were moved to safety by police.",
     "Hundreds", 0, "displaced", "people"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "figure", "nth", "counted", "whom"),
    [c[1:] for c in READINGS],
    ids=[c[0] for c in READINGS],
)
def test_reading(text: str, figure: str, nth: int, counted: str, whom: str) -> None:
    f = _at(_read(text), figure, nth)
    assert (f.counted, f.whom) == (counted, whom)


NOT_EVENTS = [
    # (id, text, figure): counted, but not an event of a quantity
    ("us-pronoun", "He told us 5 stories about the war.", "5"),
    ("lives-saved", "The new rule saved more than 100 lives last year.", "more than 100"),
    ("lives-shattered", "The shooting shattered more than 100 lives.", "more than 100"),
    ("not-to-safety", "Hundreds of boats were moved to the harbour.", "Hundreds"),
]


@pytest.mark.parametrize(
    ("text", "figure"), [c[1:] for c in NOT_EVENTS], ids=[c[0] for c in NOT_EVENTS]
)
def test_not_an_event(text: str, figure: str) -> None:
    f = _at(_read(text), figure)
    assert f.whom is None and f.counted != "killed"


def test_lives_taken_are_a_death_toll() -> None:
    f = _at(_read("The war has claimed more than 20,000 lives."), "more than 20,000")
    assert (f.counted, f.whom) == ("killed", "people")


def test_a_risen_number_with_no_event_before_stays_unread() -> None:
    f = _at(_read("Shares in the company rose to 31 on Tuesday."), "31")
    assert f.whom is None


# --- parts: a list shares its whole, a part before its whole -----------------------------------

PARTS = [
    # (id, text, part, whole, nth occurrence of the whole's text)
    ("list-among", "At least two Italians and three Germans were among the 40 people killed.",
     "At least two", "40", 0),
    ("list-among-second", "At least two Italians and three Germans were among the 40 people "
     "killed.", "three", "40", 0),
    ("list-including", "The crash killed 50 people, including 10 children and two Americans.",
     "two", "50", 0),
    ("part-before-whole", "The blast killed 80 people. Two of those 80 people were American.",
     "Two", "80", 1),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "part", "whole", "nth"), [c[1:] for c in PARTS], ids=[c[0] for c in PARTS]
)
def test_part_points_at_whole(text: str, part: str, whole: str, nth: int) -> None:
    figures = _read(text)
    p, w = _at(figures, part), _at(figures, whole, nth)
    assert p.whole == w.start
    assert p.counted == w.counted or w.counted is None


NOT_PARTS = [
    ("next-clause", "It killed 12 people, including 10 Americans, and wounded 40 others.", "40"),
    ("two-tolls", "The attack killed 12 people and wounded 40.", "40"),
]


@pytest.mark.parametrize(
    ("text", "figure"), [c[1:] for c in NOT_PARTS], ids=[c[0] for c in NOT_PARTS]
)
def test_not_a_part(text: str, figure: str) -> None:
    assert _at(_read(text), figure).whole is None


# --- earlier events recalled --------------------------------------------------------------------

PAST = [
    # (id, text, figure, past)
    ("last-week-far",
     "At least three people died in the blast. It was revenge for air strikes last week in which "
     "more than 40 people were killed.", "more than 40", True),
    ("earlier-this-month-far",
     "Two people were killed on Friday. Rebels called it revenge for raids earlier this month "
     "that killed 25 civilians.", "25", True),
    ("last-week-same-toll",
     "The death toll stands at 84. Mourners gathered for the victims of the attack last week "
     "that killed 84 people.", "84", False),
    ("last-week-close-toll",
     "At least 84 people died, officials said. The attack last week killed 85 people.",
     "85", False),
    ("no-anchor", "Three people died on Friday. Raids that killed 25 civilians angered many.",
     "25", False),
    ("chain-and-wounding",
     "Four people died on Monday. In 2009 a gunman opened fire, killing 13 people and "
     "wounding 42.", "42", True),
    ("chain-broken", "In 2009 a gunman killed 13 people; on Monday 42 people were injured.",
     "42", False),
    # A vague lead ("scores") gives way to the first number: 32 is far from 80, not from 40.
    ("vague-lead-gives-way",
     "Scores were killed on Friday. Officials said 80 people died. Four months ago an attack "
     "killed 32 people.", "32", True),
    ("vague-lead-close-toll",
     "Scores were killed on Friday. Officials said 80 people died. The attack last week killed "
     "78 people, police said later.", "78", False),
    ("past-year-far",
     "Three people died on Monday. The region has faced attacks in the past year, killing "
     "dozens.", "dozens", True),
    ("past-year-close",
     "Forty people died on Monday. In the past year 42 people were killed in such attacks.",
     "42", False),
    ("in-an-earlier-month-far",
     "Two people died on Friday. In March, a blast at the port killed 40 people.", "40", True),
    ("in-a-later-month-is-no-anchor",
     "Two people died on Friday. In December, a blast at the port killed 40 people.", "40",
     False),
    ("since-year-when",
     "Two people died on Monday in the worst crash since 2004, when seven people were killed.",
     "seven", True),
    ("since-year-period",
     "Two people died on Monday; seven people have been killed on the road since 2004.",
     "seven", False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "figure", "past"), [c[1:] for c in PAST], ids=[c[0] for c in PAST]
)
def test_recalled_event(text: str, figure: str, past: bool) -> None:
    assert _at(_read(text), figure).past is past


SUBHEADINGS = [
    ("heads-past-paragraph",
     "Six people died on Sunday.\nHarbour ferry: 30 dead\nIn March 2011 a ferry sank and "
     "30 people drowned.\n", "30", True),
    ("heads-current-paragraph",
     "Six people died on Sunday.\nHarbour ferry: 30 dead\nOn Sunday a ferry sank and "
     "30 people drowned.\n", "30", False),
    ("not-a-subheading",
     "Six people died on Sunday.\nA ferry sank: 30 dead in all, and more feared lost in the "
     "water, rescuers and officials said today.\nIn March 2011 another ferry sank.\n", "30",
     False),
    ("item-of-a-past-list",
     "Six people died on Sunday. Earlier disasters:\nHarbour ferry: 30 dead\nIn March 2011 a "
     "ferry sank and 30 people drowned.\nRiver boat: 12 dead\nIn May 2009 a boat capsized and "
     "12 people drowned.\nLake ferry: 20 dead\nIn April a ferry hit rocks.\n", "20", True),
    ("item-of-a-current-list",
     "Three blasts hit the city on Sunday.\nMarket: 30 dead\nOn Sunday a bomb killed 30 people "
     "there.\nStation: 12 dead\nOn Sunday a second bomb killed 12 people.\nBus depot: 20 dead\n"
     "In April a bomb was found there too.\n", "20", False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "figure", "past"), [c[1:] for c in SUBHEADINGS], ids=[c[0] for c in SUBHEADINGS]
)
def test_subheading_of_a_past_paragraph(text: str, figure: str, past: bool) -> None:
    assert _at(_read(text), figure).past is past
