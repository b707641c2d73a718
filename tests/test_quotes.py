"""Quote extraction and speaker attribution, in tables of made-up news sentences."""

from __future__ import annotations

import pytest

from reader.models import Article
from reader.quotes import Quote, extract_quotes


def _article(text: str, title: str = "Talks end in the capital") -> Article:
    return Article(id="a", path="a.txt", title=title, text=title + "\n" + text)


def _quotes(text: str) -> list[Quote]:
    article = _article(text)
    quotes = extract_quotes(article)
    for q in quotes:
        assert article.text[q.start : q.end] == q.text
        if q.speaker_start is not None and q.speaker_end is not None and q.how != "pronoun":
            assert article.text[q.speaker_start : q.speaker_end] == q.speaker_name
    return quotes


# (text, the quoted words' first word, the speaker's words or None, description, how)
ATTRIBUTION = [
    pytest.param(
        "“We will keep the crossing open for aid,” said Maria Delgado, the mayor.",
        "We",
        "Maria Delgado",
        False,
        "after",
        id="after-said-name",
    ),
    pytest.param(
        "“The port reopens on Monday,” Delgado said.",
        "The",
        "Delgado",
        False,
        "after",
        id="after-name-said",
    ),
    pytest.param(
        '"The port reopens on Monday," harbour authority chief Tomas Berg told reporters.',
        "The",
        "Tomas Berg",
        False,
        "after",
        id="after-title-name-straight-marks",
    ),
    pytest.param(
        "The two delegations held “frank and useful talks on the border”, according to the "
        "Norwegian foreign ministry spokesman Erik Solberg.",
        "frank",
        "Erik Solberg",
        False,
        "according",
        id="after-according-to",
    ),
    pytest.param(
        "Delgado said on Friday that the council would “not accept any delay to the bridge”.",
        "not",
        "Delgado",
        False,
        "before",
        id="before-partial",
    ),
    pytest.param(
        "Mayor Maria Delgado told the council: “We have waited long enough for this bridge.”",
        "We",
        "Maria Delgado",
        False,
        "before",
        id="before-colon",
    ),
    pytest.param(
        "“Nobody expected the water to rise so fast,” a senior rescue official said.",
        "Nobody",
        "a senior rescue official",
        True,
        "after",
        id="description-after",
    ),
    pytest.param(
        "“The shipments came through the northern route,” an Israeli intelligence source "
        "told the paper.",
        "The",
        "an Israeli intelligence source",
        True,
        "after",
        id="description-told",
    ),
    pytest.param(
        "The river rose overnight. “Nobody expected the water to rise so fast.”",
        "Nobody",
        None,
        False,
        None,
        id="none-no-attribution",
    ),
    pytest.param(
        "After a week of talks, Maria Delgado struck a softer tone, urging the province to "
        "“come back to the table”.",
        "come",
        "Maria Delgado",
        False,
        "before",
        id="participle-speaks-for-the-subject",
    ),
    pytest.param(
        "The vote went ahead, with council spokesman Erik Solberg saying “the bridge is "
        "long overdue”.",
        "the",
        "Erik Solberg",
        False,
        "before",
        id="participle-after-with",
    ),
    pytest.param(
        "The harbour was closed for a week, saying nothing of “the damage to the piers”.",
        "the",
        None,
        False,
        None,
        id="none-participle-without-a-named-subject",
    ),
    pytest.param(
        "Tomas Berg, a harbour engineer at the port authority, said the port would be "
        "“closed for the rest of the winter”.",
        "closed",
        "Tomas Berg",
        False,
        "before",
        id="before-name-then-aside",
    ),
    pytest.param(
        "Rather than cutting “the funds for the northern bridge,” the province should raise "
        "taxes, Delgado said.",
        "the",
        "Delgado",
        False,
        "after",
        id="after-attribution-ends-the-sentence",
    ),
    pytest.param(
        "Rather than cutting “the funds for the northern bridge,” the province should raise "
        "taxes, Delgado said in a long interview with the regional newspaper on Monday.",
        "the",
        None,
        False,
        None,
        id="none-a-long-clause-after-the-verb",
    ),
    pytest.param(
        "The harbour police also confirmed the closure, citing “the damage to the piers”.",
        "the",
        "The harbour police",
        True,
        "before",
        id="before-adverb-between-subject-and-verb",
    ),
    pytest.param(
        "The mayor, Maria Delgado, who said the vote was “a turning point for the valley”, "
        "left early.",
        "a",
        "Maria Delgado",
        False,
        "before",
        id="before-who-said",
    ),
    pytest.param(
        "“The water is rising faster than last year,” the report warned in its summary.",
        "The",
        None,
        False,
        None,
        id="none-a-report-is-not-named",
    ),
    pytest.param(
        "“The port reopens on Monday!” Delgado exclaimed.",
        "The",
        "Delgado",
        False,
        "after",
        id="after-name-exclaimed",
    ),
    pytest.param(
        "Delgado countered that the plan would “leave the harbour empty for years.”",
        "leave",
        "Delgado",
        False,
        "before",
        id="before-name-countered-that",
    ),
    pytest.param(
        "The alleged smuggler was “a quiet man who kept to himself,” the police report showed.",
        "a",
        None,
        False,
        None,
        id="none-alleged-is-no-reporting-verb",
    ),
    pytest.param(
        "The promised money was “spent on the harbour long before the vote.”",
        "spent",
        None,
        False,
        None,
        id="none-promised-is-no-reporting-verb",
    ),
    pytest.param(
        "Norland's harbour spokeswoman, Maria Delgado, said Wednesday the town has “fully and "
        "strictly kept” the rules.",
        "fully",
        "Maria Delgado",
        False,
        "after",
        id="before-a-name-in-apposition-between-commas",
    ),
    pytest.param(
        "Council member Tomas Berg of the Norland Harbour Party, explained that the money goes "
        "to the “local harbour every year as compensation.”",
        "local",
        "Tomas Berg",
        False,
        "before",
        id="before-the-name-the-sentence-opens-with-before-its-one-comma",
    ),
    pytest.param(
        "If Maria Delgado chooses to run again, said a harbour official, “she will win the vote "
        "easily.”",
        "she",
        "a harbour official",
        True,
        "before",
        id="before-a-clause-is-no-subject",
    ),
]


@pytest.mark.parametrize(("text", "first", "speaker", "description", "how"), ATTRIBUTION)
def test_attribution(
    text: str, first: str, speaker: str | None, description: bool, how: str | None
) -> None:
    quotes = _quotes(text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.text.split()[0] == first
    assert q.speaker_name == speaker
    assert q.description is description
    assert q.how == how


def test_split_quote_both_parts_have_the_speaker() -> None:
    quotes = _quotes(
        "“The bridge will open in the spring,” Delgado said, “and the ferry will stop then.”"
    )
    assert [q.speaker_name for q in quotes] == ["Delgado", "Delgado"]
    assert quotes[1].text.startswith("and the ferry")


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "“The bridge will open in the spring,” Delgado said.\n"
            "“We have the money and the workers,” she added.",
            ["Delgado", "Delgado"],
            id="pronoun-next-paragraph",
        ),
        pytest.param(
            "“The bridge will open in the spring,” Delgado said.\n"
            "“We have the money,” she added.\n"
            "“The workers start in March,” she said.",
            ["Delgado", "Delgado", "Delgado"],
            id="pronoun-chain",
        ),
        pytest.param(
            "“The bridge will open in the spring,” Delgado said.\n"
            "The council met twice in the winter.\n"
            "The budget was cut in half by the province.\n"
            "“We have the money and the workers,” she added.",
            ["Delgado", None],
            id="pronoun-too-far-is-not-resolved",
        ),
        pytest.param(
            "“The bridge will open in the spring,” the city council said.\n"
            "“We have the money and the workers,” he added.",
            ["the city council", None],
            id="pronoun-after-no-person",
        ),
        pytest.param(
            "The ministry said the talks were over. “We have nothing more to discuss,” he said.",
            [None],
            id="pronoun-without-a-named-speaker",
        ),
        pytest.param(
            "The bridge will open in the spring, said Tomas Berg, an engineer with the city.\n"
            "“We have the money and the workers,” he said.",
            ["Tomas Berg"],
            id="pronoun-the-last-reporting-clause",
        ),
        pytest.param(
            "The bridge will open in the spring, said Tomas Berg, an engineer with the city.\n"
            "The site was toured by Mayor Maria Delgado and Erik Solberg.\n"
            "“We have the money and the workers,” he said.",
            [None],
            id="pronoun-two-candidates-stays-unresolved",
        ),
        pytest.param(
            "The bridge will open in the spring, said Tomas Berg, an engineer with the city.\n"
            "Mayor Maria Delgado toured the site with Erik Solberg.\n"
            "“We have the money and the workers,” she said.",
            ["Maria Delgado"],
            id="pronoun-two-candidates-the-subject-of-the-sentence-before",
        ),
        pytest.param(
            "The bridge will open in the spring, said Tomas Berg, an engineer with the city.\n"
            "Advertisement Continue reading the main story\n"
            "“We have the money and the workers,” he said.",
            ["Tomas Berg"],
            id="pronoun-over-boilerplate",
        ),
        pytest.param(
            "Maria Delgado, an engineer with the city, said the bridge would open in spring.\n"
            "Mayor Erik Solberg walks past the site on May 1, 2018. CITY/Photo Desk\n"
            "“We have the money and the workers,” she said.",
            ["Maria Delgado"],
            id="pronoun-over-a-caption-naming-another",
        ),
        pytest.param(
            "Maria Delgado, an engineer with the city, said the bridge would open in spring.\n"
            "Mayor Erik Solberg tweeted that the town needs “new plans”\n"
            "“We have the money and the workers,” she said.",
            ["Maria Delgado"],
            id="pronoun-over-a-caption-ending-on-a-quote",
        ),
        pytest.param(
            "Maria Delgado, an engineer with the city, said the bridge would open in spring.\n"
            "Mayor Erik Solberg walked past the site on May 1 with the town’s new plans.\n"
            "“We have the money and the workers,” he said.",
            ["Erik Solberg"],
            id="pronoun-a-prose-line-between-is-read-not-skipped",
        ),
        pytest.param(
            "Maria Delgado toured the site. Mrs. Delgado spoke first.\n"
            "“We have the money and the workers,” he said.",
            [None],
            id="pronoun-of-the-other-gender-than-the-title-stays-unresolved",
        ),
        pytest.param(
            "Tomas Berg toured the site. Mr. Berg spoke first.\n"
            "“We have the money and the workers,” he said.",
            ["Berg"],
            id="pronoun-agreeing-with-the-title",
        ),
        pytest.param(
            "Maria Delgado struck a softer tone, urging the province to “come back to the "
            "table” and “make a fair offer”.",
            ["Maria Delgado", "Maria Delgado"],
            id="joined-quotes-share-a-speaker",
        ),
        pytest.param(
            "For Mr. Vantrel, who built the harbour over a decade, the bridge is a chance to "
            "grow.\n“We have the money and the workers,” he said.",
            ["Vantrel"],
            id="pronoun-an-unclassed-name-with-a-title-is-a-person",
        ),
        pytest.param(
            "Ren Guoqiang, a spokesman for the harbour board, was categorical in denial. “The "
            "ship you have mentioned does not exist,” he told reporters on Thursday.",
            ["Ren Guoqiang"],
            id="pronoun-an-unclassed-name-with-a-role-in-apposition-is-a-person",
        ),
        pytest.param(
            "For Vantrel, which built the harbour over a decade, the bridge is a chance to "
            "grow.\n“We have the money and the workers,” he said.",
            [None],
            id="pronoun-an-unclassed-name-with-no-title-or-role-stays-unresolved",
        ),
        pytest.param(
            "Tomas Berg called the vote a “political trick” saying the council had waited in "
            "order to “hide the cost from the town.”",
            ["Tomas Berg"],
            id="participle-after-a-short-quote-speaks-for-the-sentence-subject",
        ),
        pytest.param(
            "The council called the vote a “political trick” saying the mayor had waited in "
            "order to “hide the cost from the town.”",
            [None],
            id="participle-after-a-short-quote-with-no-named-subject",
        ),
        pytest.param(
            "“Maria had some things to say about the bridge,” Berg said, adding that “not very "
            "many” councillors share her views.",
            ["Berg", "Berg"],
            id="participle-subject-is-not-a-name-inside-the-quote",
        ),
    ],
)
def test_pronoun_resolution(text: str, speakers: list[str | None]) -> None:
    assert [q.speaker_name for q in _quotes(text)] == speakers


def test_previous_sentence_names_the_speaker_of_a_quote_that_stands_alone() -> None:
    quotes = _quotes(
        "Delgado spoke to reporters after the vote.\n“We have waited long enough for this bridge.”"
    )
    assert quotes[0].speaker_name is None  # "spoke" does not report the words
    quotes = _quotes(
        "“We have waited long enough,” Delgado said after the vote.\n"
        "“This bridge is owed to the people of the valley.”"
    )
    assert [q.speaker_name for q in quotes] == ["Delgado", "Delgado"]
    assert quotes[1].how == "previous"


def test_multi_paragraph_quote_is_one_quote() -> None:
    quotes = _quotes(
        "Delgado said: “The bridge will open in the spring. The money is there.\n"
        "“The workers start in March and the ferry stops in May.”\n"
        "The council voted on Friday."
    )
    assert len(quotes) == 1
    q = quotes[0]
    assert q.text.startswith("The bridge") and q.text.endswith("stops in May.")
    assert "\n“The workers" in q.text
    assert q.speaker_name == "Delgado"


def test_quote_open_to_the_paragraph_end_without_continuation() -> None:
    quotes = _quotes("Delgado said: “The bridge will open in the spring.\nThe council voted.")
    assert [q.text for q in quotes] == ["The bridge will open in the spring."]


@pytest.mark.parametrize(
    ("text", "partial"),
    [
        pytest.param("Delgado called the plan “a waste of public money”.", True, id="fragment"),
        pytest.param("“The plan is a waste of public money,” Delgado said.", False, id="whole"),
        pytest.param(
            "The councillors “rejected every one of the proposals,” said Delgado.",
            True,
            id="lowercase-start",
        ),
        pytest.param("Delgado said, “The plan is a waste of money.”", False, id="after-comma"),
    ],
)
def test_partial(text: str, partial: bool) -> None:
    assert [q.partial for q in _quotes(text)] == [partial]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The minister called the vote a “disgrace” on Friday.", id="scare-one-word"),
        pytest.param("She criticised the “exceedingly politicized” draft.", id="scare-two-words"),
        pytest.param("He wrote the book “The Long Road Home” in prison.", id="title-of-a-work"),
        pytest.param(
            "The film “Rivers of the North Country” opens on Friday.", id="title-of-a-film"
        ),
        pytest.param(
            "The network aired “Inside The Border War” last year.", id="title-case-fragment"
        ),
        pytest.param("“We Will Not Move”: Residents Defy Order\nThe order came.", id="headline"),
    ],
)
def test_not_statements(text: str) -> None:
    assert _quotes(text) == []


def test_the_title_line_is_not_a_statement() -> None:
    title = "Mayor: “The bridge will open in the spring.”"
    article = Article(
        id="a",
        path="a.txt",
        title=title,
        text=title + "\n“The bridge will open in the spring,” Delgado said.",
    )
    quotes = extract_quotes(article)
    assert len(quotes) == 1 and quotes[0].speaker_name == "Delgado"


def test_names_given_by_the_caller_are_used() -> None:
    article = _article("“The port reopens on Monday,” Berg said.")
    at = article.text.index("Berg")
    rows = [("a", at, at + 4, "Berg", "Tomas Berg", "person")]
    (q,) = extract_quotes(article, names=rows)  # type: ignore[arg-type]
    assert (q.speaker_name, q.speaker_full, q.speaker_kind) == ("Berg", "Tomas Berg", "person")


def test_a_name_only_in_the_credit_line_is_no_speaker() -> None:
    article = _article(
        "“The port reopens on Monday,” Kim said.\n(Reporting by Lee Park; Editing by Kim Berg)"
    )
    at = article.text.index("Kim")
    credit = article.text.index("Kim Berg")
    rows = [
        ("a", at, at + 3, "Kim", "Kim Berg", "person"),
        ("a", credit, credit + 8, "Kim Berg", "Kim Berg", "person"),
    ]
    (q,) = extract_quotes(article, names=rows)  # type: ignore[arg-type]
    assert (q.speaker_name, q.speaker_full) == ("Kim", "Kim")


def test_no_marks_no_quotes() -> None:
    assert _quotes("The council voted on Friday to build the bridge.") == []


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "Tomas Berg, the spokesman for the mayor, said the bridge was safe.\n"
            "“We have the money and the workers,” the spokesman said.",
            ["Tomas Berg"],
            id="the-spokesman-named-in-apposition-after",
        ),
        pytest.param(
            "Harbour spokesman Tomas Berg toured the site on Monday.\n"
            "“We have the money and the workers,” the spokesman said.",
            ["Tomas Berg"],
            id="the-spokesman-named-after-the-role",
        ),
        pytest.param(
            "The vote was called by President Maria Delgado on Friday.\n"
            "“We have the money and the workers,” Norland's president said.",
            ["Maria Delgado"],
            id="owned-role-named-after-the-role",
        ),
        pytest.param(
            "Maria Delgado, the Norland leader, spoke in the capital.\n"
            "“We have the money and the workers,” the leader said.\n"
            "“The bridge opens in May,” she added.",
            ["Maria Delgado", "Maria Delgado"],
            id="the-leader-then-a-pronoun",
        ),
        pytest.param(
            "Vice President Maria Delgado met President Tomas Berg on Friday.\n"
            "“We have the money and the workers,” the vice president said.",
            ["Maria Delgado"],
            id="the-vice-president",
        ),
        pytest.param(
            "The bridge will open in the spring, said Rabbi Tomas Berg in a statement.\n"
            "“We have the money and the workers,” the statement said.",
            ["Tomas Berg"],
            id="the-statement-of-the-reporting-clause",
        ),
        pytest.param(
            "In a statement, Norbridge spokeswoman Maria Delgado said the bridge was safe.\n"
            "“We have the money and the workers,” the statement said.",
            ["Norbridge"],
            id="the-statement-of-the-organisation-its-spokeswoman-speaks-for",
        ),
        pytest.param(
            "“The bridge opens in May,” said Park Soo-hyun, the spokesman.\n"
            "“We have the money and the workers,” the spokesman said.",
            ["Park Soo-hyun", "Park Soo-hyun"],
            id="a-name-with-a-hyphenated-given-name-is-whole",
        ),
        pytest.param(
            "“The bridge opens in May,” said the Delgado-backed candidate.",
            [None],
            id="a-hyphenated-compound-is-no-name",
        ),
        pytest.param(
            "The Norland Harbour Authority also confirmed the closure on Monday.\n"
            "“We regret the delay this causes to all travellers,” it said.",
            ["Norland Harbour Authority"],
            id="it-said-is-the-organisation-the-sentence-before-opens-with",
        ),
        pytest.param(
            "Maria Delgado confirmed the closure on Monday.\n"
            "“We regret the delay this causes to all travellers,” it said.",
            [None],
            id="it-said-after-a-person-is-no-one",
        ),
        pytest.param(
            "The bridge was closed on Monday.\n"
            "“We regret the delay this causes to all travellers,” it said.",
            [None],
            id="it-said-after-no-name-is-no-one",
        ),
    ],
)
def test_a_description_stands_for_the_one_the_article_names_for_it(
    text: str, speakers: list[str | None]
) -> None:
    assert [q.speaker_full for q in _quotes(text)] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "The bridge will open in the spring, the council said on Monday.\n"
            "“We have the money and the workers,” the spokesman said.",
            ["the spokesman"],
            id="the-spokesman-named-nowhere",
        ),
        pytest.param(
            "Spokesman Tomas Berg met spokesman Erik Solberg at the site.\n"
            "“We have the money and the workers,” the spokesman said.",
            ["the spokesman"],
            id="a-role-tied-to-two-people",
        ),
        pytest.param(
            "President Maria Delgado met President Tomas Berg on Friday.\n"
            "“We have the money and the workers,” the president said.",
            ["the president"],
            id="two-presidents-stay-a-description",
        ),
        pytest.param(
            "Vice President Maria Delgado met Foreign Minister Tomas Berg on Friday.\n"
            "“We have the money and the workers,” the president said.\n"
            "“The bridge opens in May,” the prime minister said.",
            ["the president", "the prime minister"],
            id="a-vice-president-is-not-the-president",
        ),
        pytest.param(
            "Tomas Berg, the spokesman for the mayor, said the bridge was safe.\n"
            "“We have the money and the workers,” a spokesman said.",
            ["a spokesman"],
            id="an-indefinite-description-is-anyone",
        ),
        pytest.param(
            "Tomas Berg toured the site, and the mayor spoke to reporters.\n"
            "“We have the money and the workers,” the statement said.",
            ["the statement"],
            id="a-statement-no-one-issued",
        ),
        pytest.param(
            "According to a source cited by Tomas Berg, the president told the council no.\n"
            "“We have the money and the workers,” the president said.",
            ["the president"],
            id="a-clause-after-a-name-is-no-apposition",
        ),
    ],
)
def test_a_description_stays_when_the_article_ties_it_to_no_one(
    text: str, speakers: list[str | None]
) -> None:
    assert [q.speaker_full for q in _quotes(text)] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "Harbour spokesman Tomas Berg toured the site on Monday.\n"
            "Harbour spokesman: 'We have the money and the workers to finish the bridge [by May]",
            ["Tomas Berg"],
            id="a-caption-that-names-its-speaker-is-read",
        ),
        pytest.param(
            "Mayor Maria Delgado toured the site on Monday.\n"
            "Maria Delgado: “We have the money and the workers to finish the bridge”",
            ["Maria Delgado"],
            id="a-caption-with-a-name",
        ),
        pytest.param(
            "The site was toured on Monday.\n"
            "The long road home: 'We have the money and the workers to finish the bridge",
            [],
            id="a-heading-whose-label-is-no-speaker-is-dropped",
        ),
        pytest.param(
            "The site was toured on Monday.\n"
            "Opinion: “We have the money and the workers to finish the bridge”",
            [],
            id="a-heading-whose-label-is-a-capitalised-word",
        ),
        pytest.param(
            "The site was toured on Monday.\n"
            "'We have the money and the workers to finish the bridge",
            [],
            id="a-heading-line-quote-with-no-speaker",
        ),
    ],
)
def test_caption_lines(text: str, speakers: list[str | None]) -> None:
    assert [q.speaker_full for q in _quotes(text)] == speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param(
            "The news agency KCNA released a report Saturday on the port.\n"
            "“Do not expect any change in its policy,” the report read.",
            "KCNA",
            id="the-report-read-is-the-one-named-releasing-it",
        ),
        pytest.param(
            "Vantrel Shipping issued a statement on Monday.\n"
            "“We will not change our policy on the harbour,” the statement said.",
            "Vantrel Shipping",
            id="the-statement-is-the-one-named-issuing-it",
        ),
        pytest.param(
            "The harbour board released a report Saturday promising the port would stay open.\n"
            "“Do not expect any change in its policy,” the report read.",
            None,
            id="a-report-released-by-no-name-speaks-for-no-one",
        ),
        pytest.param(
            "Maria Delgado praised a report by the harbour board.\n"
            "“Do not expect any change in its policy,” the report read.",
            None,
            id="a-report-someone-praised-is-not-theirs",
        ),
        pytest.param(
            "Since January, Erik Solberg was on the forum, where his bio read: “The harbour "
            "belongs to all of us.”",
            None,
            id="read-after-no-document-noun-reports-nothing",
        ),
    ],
)
def test_documents_speak_for_their_issuer(text: str, speaker: str | None) -> None:
    assert [q.speaker_full for q in _quotes(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "“The bridge will open in the spring,” Delgado said.\n"
            "“But the ferry has to run until the last span is done.”",
            ["Delgado", "Delgado"],
            id="a-quote-paragraph-runs-on-after-a-name-tag",
        ),
        pytest.param(
            "“The bridge will open in the spring,” said Tomas Berg, an engineer with the city.\n"
            "“But the ferry has to run until the last span is done.”",
            ["Tomas Berg", "Tomas Berg"],
            id="a-quote-paragraph-runs-on-after-a-long-tag",
        ),
        pytest.param(
            "“The bridge will open in the spring,” Delgado said. The council voted on Friday.\n"
            "“But the ferry has to run until the last span is done.”",
            ["Delgado", None],
            id="a-quote-paragraph-after-a-new-sentence-does-not-run-on",
        ),
        pytest.param(
            "“The bridge will open in the spring,” Delgado said.\n"
            "“But the ferry has to run until the last span is done,” Berg said.",
            ["Delgado", "Berg"],
            id="a-quote-paragraph-with-its-own-tag-is-its-own",
        ),
        pytest.param(
            "“The bridge will open in the spring,” Delgado said.\n"
            "Critics called it “a bridge to nowhere in the valley.”",
            ["Delgado", None],
            id="a-quote-inside-a-sentence-does-not-run-on",
        ),
    ],
)
def test_a_quote_paragraph_runs_on_from_the_one_before(
    text: str, speakers: list[str | None]
) -> None:
    assert [q.speaker_name for q in _quotes(text)] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "Delgado has mocked Berg as “weak” and a “little harbour man.”",
            ["Delgado"],
            id="a-short-fragment-before-keeps-the-sentence-speaker",
        ),
        pytest.param(
            "The plan was called “weak” and a “bridge to nowhere at all.”",
            [None],
            id="a-short-fragment-before-with-no-speaker-gives-none",
        ),
        pytest.param(
            "Delgado called it “weak”, but Berg told reporters it was “a fine plan for us.”",
            ["Berg"],
            id="a-fragment-then-another-clause-is-that-clause",
        ),
    ],
)
def test_a_short_fragment_earlier_in_the_sentence(text: str, speakers: list[str | None]) -> None:
    assert [q.speaker_name for q in _quotes(text)] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "Mayor Maria Delgado on Friday welcomed the plan as “a fair offer to the valley”.",
            ["Maria Delgado"],
            id="a-phrase-with-no-tag-is-the-sentence-subject",
        ),
        pytest.param(
            "Mayor Maria Delgado was fined for “misuse of public money” on Friday.",
            [None],
            id="a-phrase-after-a-passive-verb-is-not-the-subject",
        ),
        pytest.param(
            "Mayor Maria Delgado heard her neighbours shout “close the bridge now” at dawn.",
            [None],
            id="a-phrase-someone-heard-is-not-theirs",
        ),
        pytest.param(
            "Mayor Maria Delgado met Tomas Berg, who drew up “a fair offer to the valley”.",
            [None],
            id="a-phrase-in-a-relative-clause-is-not-the-subject",
        ),
        pytest.param(
            "The harbour board approved the plan as “a fair offer to the valley”.",
            [None],
            id="a-phrase-after-a-description-names-no-one",
        ),
        pytest.param(
            "Mayor Maria Delgado toured the site and told reporters: “The bridge opens in May.”",
            ["Maria Delgado"],
            id="a-second-verb-after-and-is-the-subject",
        ),
        pytest.param(
            "Last Easter, the crews stopped work and said: “The bridge opens in May.”",
            [None],
            id="a-second-verb-after-and-with-no-named-subject",
        ),
    ],
)
def test_the_sentence_subject_speaks_a_phrase_without_a_tag(
    text: str, speakers: list[str | None]
) -> None:
    assert [q.speaker_full for q in _quotes(text)] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "Maria Delgado praised the plan as “a fair offer to the valley,” unlike Mayor "
            "Tomas Berg.\n"
            "“We have the money and the workers,” she said.",
            ["Maria Delgado", "Maria Delgado"],
            id="pronoun-the-last-speaker-opening-the-sentence-before",
        ),
        pytest.param(
            "Maria Delgado praised the plan as “a fair offer to the valley.”\n"
            "Mayor Tomas Berg toured the site on Monday.\n"
            "“We have the money and the workers,” he said.",
            ["Maria Delgado", "Tomas Berg"],
            id="pronoun-a-new-subject-after-the-last-speaker",
        ),
    ],
)
def test_pronoun_keeps_the_subject_of_the_sentence_before(
    text: str, speakers: list[str | None]
) -> None:
    assert [q.speaker_full for q in _quotes(text)] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "Norbridge Ltd raised its offer for the port on Monday.\n"
            "“We will not raise it again,” the company said in a statement.",
            ["Norbridge Ltd"],
            id="the-company-is-the-one-company-named",
        ),
        pytest.param(
            "Shares of Norbridge fell after the ferry sank on Monday.\n"
            "Norbridge shares fell 4 percent.\n"
            "“We regret the delay this causes to all travellers,” the company said.",
            ["Norbridge"],
            id="a-company-known-by-its-shares",
        ),
        pytest.param(
            "The Norland Foreign Ministry summoned the envoy on Monday.\n"
            "“The talks are over for now,” the foreign ministry said.",
            ["Norland Foreign Ministry"],
            id="the-foreign-ministry-is-the-one-named",
        ),
        pytest.param(
            "Officers of the Harbour Police closed the bridge on Monday.\n"
            "“Nobody was hurt in the fire,” police said.",
            ["Harbour Police"],
            id="police-said-is-the-police-force-named",
        ),
        pytest.param(
            "Passengers of Norland Airways waited for hours at the gate on Monday.\n"
            "“We apologise to every passenger on the flight,” the airline said.",
            ["Norland Airways"],
            id="the-airline-is-the-one-airline-named",
        ),
    ],
)
def test_an_organisation_noun_stands_for_the_one_organisation_of_its_kind(
    text: str, speakers: list[str | None]
) -> None:
    assert [q.speaker_full for q in _quotes(text)] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "Norbridge Ltd and Vantrel Corp both bid for the port on Monday.\n"
            "“We will not raise it again,” the company said in a statement.",
            ["the company"],
            id="two-companies-keep-the-description",
        ),
        pytest.param(
            "The Norland Foreign Ministry summoned the envoy on Monday.\n"
            "“The talks are over for now,” the defence ministry said.",
            ["the defence ministry"],
            id="another-ministry-than-the-one-named",
        ),
        pytest.param(
            "The Harbour Trust closed the bridge on Monday.\n"
            "“We will not raise it again,” the company said in a statement.",
            ["the company"],
            id="a-body-not-shown-to-be-a-company",
        ),
        pytest.param(
            "Maria Delgado wrote about the Norland Facebook campaign on Monday.\n"
            "“We will not raise it again,” the campaign said.",
            ["the campaign"],
            id="a-name-before-the-noun-is-not-of-its-kind",
        ),
    ],
)
def test_an_organisation_noun_stays_a_description_when_none_or_two_fit(
    text: str, speakers: list[str | None]
) -> None:
    assert [q.speaker_full for q in _quotes(text)] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "The bridge will stay shut for “at least another year and a half,” according to a "
            "statement from the Norland Harbour Authority.",
            ["Norland Harbour Authority"],
            id="according-to-a-statement-from",
        ),
        pytest.param(
            "“We will not reopen it this year,” a statement released by the Norland Harbour "
            "Authority read.",
            ["Norland Harbour Authority"],
            id="a-statement-released-by-read",
        ),
        pytest.param(
            "“We will not reopen it this year,” a statement from the Norland Harbour Authority "
            "said.",
            ["Norland Harbour Authority"],
            id="a-statement-from-said",
        ),
        pytest.param(
            "“We will not reopen it this year,” reads a statement from the Norland Harbour "
            "Authority.",
            ["Norland Harbour Authority"],
            id="reads-a-statement-from",
        ),
        pytest.param(
            "Norbridge Ltd raised its offer for the port on Monday.\n"
            "“We will not raise it again,” a statement from the company said.",
            ["Norbridge Ltd"],
            id="a-statement-from-the-company",
        ),
    ],
)
def test_a_document_speaks_for_the_source_named_after_it(
    text: str, speakers: list[str | None]
) -> None:
    assert [q.speaker_full for q in _quotes(text)] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "“We will not reopen it this year,” a statement from his lawyers said.",
            [None],
            id="a-statement-from-no-name",
        ),
        pytest.param(
            "Norbridge Ltd and Vantrel Corp both bid for the port on Monday.\n"
            "“We will not raise it again,” a statement from the company said.",
            [None],
            id="a-statement-from-one-of-two-companies",
        ),
        pytest.param(
            "The port will stay shut for “at least another year and a half,” according to a "
            "statement on Monday.",
            ["a statement"],
            id="a-statement-from-no-one-named",
        ),
    ],
)
def test_a_document_without_a_named_source_speaks_for_no_one_named(
    text: str, speakers: list[str | None]
) -> None:
    assert [q.speaker_full for q in _quotes(text)] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "While Maria Delgado gave no details when telling reporters on Monday, “It will all "
            "work out in the end.”",
            ["Maria Delgado"],
            id="when-telling",
        ),
        pytest.param(
            "Maria Delgado resigned on Monday after telling the council that the bridge was “a "
            "waste of money and time.”",
            ["Maria Delgado"],
            id="after-telling",
        ),
        pytest.param(
            "In an interview with Tomas Berg, Maria Delgado said: “The bridge is the best thing "
            "we have built in years.”",
            ["Maria Delgado"],
            id="in-an-interview-with-someone-else",
        ),
        pytest.param(
            "Tomas Berg wrote a letter to the council on Monday. The letter began: “Dear "
            "friends, the bridge is done at last.”",
            ["Tomas Berg"],
            id="the-letter-began",
        ),
    ],
)
def test_embedded_attributions(text: str, speakers: list[str | None]) -> None:
    assert [q.speaker_full for q in _quotes(text)] == speakers


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The show began: “Dear friends, the bridge is done at last.”",
            id="began-after-no-document",
        ),
        pytest.param(
            "The council met when Maria Delgado was telling reporters that “the bridge is the "
            "best thing we have built.”",
            id="a-clause-with-its-own-subject",
        ),
    ],
)
def test_embedded_attributions_that_name_no_one(text: str) -> None:
    assert [q.speaker_full for q in _quotes(text)] == [None]


FAR = (
    "Maria Delgado ran the harbour board for ten years.\n"
    "When Tomas Berg left the board in May, Delgado took over the port.\n"
    "That opened the way to a new bridge across the bay.\n"
    "It took four years to build and cost more than planned.\n"
)


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            FAR + "“The bridge is the best thing we have built,” she told reporters.",
            ["Maria Delgado"],
            id="the-subject-named-paragraphs-back",
        ),
        pytest.param(
            "“We will build a bridge across the bay,” said Maria Delgado.\n"
            "The board met in May.\n"
            "It took four years to build and cost more than planned.\n"
            "The port stayed open all that time.\n"
            "“The bridge is the best thing we have built,” she told reporters.",
            ["Maria Delgado", "Maria Delgado"],
            id="the-speaker-quoted-paragraphs-back",
        ),
    ],
)
def test_a_pronoun_reaches_back_to_the_one_person_named(
    text: str, speakers: list[str | None]
) -> None:
    assert [q.speaker_full for q in _quotes(text)] == speakers


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            FAR.replace("That opened", "The ferry captain said that opened")
            + "“The bridge is the best thing we have built,” she told reporters.",
            id="a-person-described-since",
        ),
        pytest.param(
            FAR.replace("That opened", "The board thanked Andy Kerrow. That opened")
            + "“The bridge is the best thing we have built,” she told reporters.",
            id="another-name-since",
        ),
        pytest.param(
            FAR.replace("It took", "He thought it took")
            + "“The bridge is the best thing we have built,” she told reporters.",
            id="a-pronoun-of-the-other-gender-since",
        ),
        pytest.param(
            "Maria Delgado and Tomas Berg ran the harbour board for ten years.\n"
            "That opened the way to a new bridge across the bay.\n"
            "It took four years to build and cost more than planned.\n"
            "The port stayed open all that time.\n"
            "“The bridge is the best thing we have built,” she told reporters.",
            id="the-last-name-is-not-the-subject",
        ),
    ],
)
def test_a_pronoun_far_from_its_person_stays_unresolved(text: str) -> None:
    assert [q.speaker_full for q in _quotes(text)] == [None]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "The Norland Harbour Authority offered “a best and final price for the port.”",
            ["Norland Harbour Authority"],
            id="an-organisation-subject-speaks-a-phrase",
        ),
        pytest.param(
            "Norland Harbour Authority officials offered “a best and final price for the port.”",
            [None],
            id="an-organisation-that-modifies-a-role-noun",
        ),
    ],
)
def test_an_organisation_subject_speaks_a_phrase_without_a_tag(
    text: str, speakers: list[str | None]
) -> None:
    assert [q.speaker_full for q in _quotes(text)] == speakers
