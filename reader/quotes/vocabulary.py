"""The words quote extraction and speaker attribution use, kept apart from the rules."""

from __future__ import annotations

REPORTING_VERBS = frozenset(
    """
    said says say told tells added adds stated states noted notes wrote writes declared declares
    explained explains insisted insists warned warns asked asks replied replies recalled recalls
    argued argues claimed claims stressed stresses emphasized emphasizes emphasised emphasises
    remarked remarks observed observes concluded concludes acknowledged acknowledges admitted
    admits announced announces tweeted tweets posted commented comments urged urges responded
    responds confirmed confirms suggested suggests charged complained complains vowed vows
    predicted predicts cautioned cautions conceded concedes quipped shouted yelled whispered
    testified testifies reiterated reiterates maintained maintains continued called calls
    described describes cited cites mocked welcomed welcomes congratulated reports reported
    exclaimed exclaims pledged pledges joked jokes lamented laments boasted boasts countered
    counters
    """.split()
)
"""Verbs that report speech: "said Lin", "Lin Jian said", "he added"."""

PARTICIPLES = frozenset(
    """
    saying telling adding noting warning urging declaring arguing insisting stressing
    explaining stating calling describing announcing claiming asking vowing promising
    emphasizing emphasising writing accusing complaining suggesting predicting acknowledging
    admitting citing reiterating tweeting
    """.split()
)
"""Reporting verbs in -ing, whose speaker is the subject of the clause they hang on: "Trump
struck a softer note, urging Pyongyang to “come to the table”"."""

SOURCE_PHRASES = ("according to", "as quoted by", "in the words of")
"""Phrases that put the speaker after them, like a reporting verb: "according to Lin Jian"."""

PRONOUNS = frozenset({"he", "she"})
"""Pronouns that stand for one earlier named speaker ("they", "we", "I" are never resolved)."""

ROLE_NOUNS = frozenset(
    """
    spokesman spokeswoman spokesperson spokespeople official officials source sources diplomat
    diplomats analyst analysts expert experts witness witnesses resident residents minister
    ministry officer officers aide aides adviser advisor advisers advisors envoy negotiator
    negotiators representative representatives commander commanders leader leaders member
    members lawmaker lawmakers senator president ambassador statement spokespersons person
    man woman people doctor doctors nurse nurses survivor survivors relative relatives father
    mother son daughter brother sister friend friends neighbour neighbor neighbours neighbors
    worker workers employee employees executive executives chief director researcher
    researchers professor student students soldier soldiers militant militants activist
    activists protester protesters official's observer observers insider insiders media
    government authorities police army military spokesmen council committee agency board
    commission embassy office department company firm airline carrier campaign bureau
    """.split()
)
"""Head nouns of a speaker described rather than named: "a Beijing-based diplomat"."""

PERSON_ROLES = frozenset(
    """
    spokesman spokeswoman spokesperson official diplomat analyst minister officer aide adviser
    advisor envoy negotiator representative commander leader lawmaker senator president
    ambassador executive chief director premier chancellor governor mayor chairman chairwoman
    secretary
    """.split()
)
"""Role nouns of one person that an article ties to a name ("spokesman Park Soo-hyun", "Kim
Jong Un, the North Korean leader"), so that "the spokesman said" later is that person."""

ROLE_MODIFIERS = frozenset(
    """
    prime vice deputy foreign defense defence finance interior assistant acting first majority
    minority democratic republican house senate
    """.split()
)
"""Words that make another role of a role noun: a "vice president" is not "the president",
nor "the House Democratic leader" the "Senate Majority Leader"."""

DOCUMENT_NOUNS = frozenset("statement letter release report".split())
"""What an article quotes as speaking ("the statement said") for whoever issued it."""

DOCUMENT_VERBS = frozenset("read began begins opened opens".split())
"""Verbs that report a document's words only after its noun ("the report read", "the letter
began"), not a person's ("his bio read:", "you'll read", "the show began")."""

DETERMINERS = frozenset(
    "a an the one two three several some another many most other senior unnamed".split()
)
"""Words that open a described speaker: "an Israeli intelligence source"."""

CLAUSE_WORDS = frozenset(
    """
    that which who whom whose and but or as while when because if so after before since
    though although where what how why then also later
    """.split()
)
"""Words a speaker's phrase does not reach back over: "which Wang Yi said" is Wang Yi."""

AFTER_STOPS = frozenset(
    """
    at on in during to when while who after before from last this yesterday today tonight
    earlier later told referring adding noting highlighting without with as by for of via
    """.split()
)
"""Words that end a speaker's phrase after its verb: "said Lin Jian at a briefing"."""

WORK_NOUNS = frozenset(
    """
    book film movie song album novel documentary poem play series show episode article essay
    column op-ed headline titled entitled headlined dubbed slogan hashtag memoir podcast
    """.split()
)
"""Words before quotation marks that hold a title, not a statement ("his book ...")."""

ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr Gen Sen Rep Gov Lt Col Sgt Capt Prof St Jr Sr Adm Maj Cmdr Rev".split()
)
"""Words whose full stop does not end a speaker's phrase ("said Mr. Smith")."""

STOPWORDS = frozenset(
    """
    a an the of to in on for and or but with at by from as is are was were be been being it
    its this that these those we our they their he she his her i you your not no will would
    shall should can could may might must has have had do does did so than then there here
    which who whom what when where how all any each also very just only into over about up
    out more most such both other my me mine him them us you your our ours if because while
    really much many some been get got going like
    """.split()
)
"""Words too common to tell one statement from another."""

AUXILIARIES = frozenset("has have had would will also later again then once is was has had".split())
"""Words between a speaker and the verb that are not the speaker ("Xi Jinping has called")."""

INSTITUTION_NOUNS = frozenset(
    """
    council committee agency ministry government authorities police army military media
    office department court company group board commission embassy report statement firm
    airline carrier campaign bureau
    """.split()
)
"""Described speakers that are bodies, not people: "he" never stands for one."""

CONTRACTED = frozenset(
    """
    don doesn didn isn aren wasn weren won wouldn couldn shouldn can haven hasn hadn let ain
    that there here what who where
    """.split()
)
"""Words before an apostrophe that make a contraction of no content ("don't", "that's")."""

TIME_WORDS = frozenset(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept
    Oct Nov Dec
    """.split()
)
"""Capitalised words that date a statement, never speak it ("a statement Monday")."""

ORGANISATION_NOUNS: dict[str, frozenset[str]] = {
    "company": frozenset(
        """
        company firm maker giant group retailer carrier airline manufacturer chain operator
        startup conglomerate shares stock ceo inc ltd corp corporation co llc plc ag sa nv gmbh
        holdings airlines airways motors industries technologies pharmaceuticals
        """.split()
    ),
    "firm": frozenset("company firm group inc ltd corp corporation co llc plc holdings".split()),
    "airline": frozenset("airline airlines airways air carrier".split()),
    "carrier": frozenset("airline airlines airways air carrier".split()),
    "ministry": frozenset({"ministry"}),
    "department": frozenset({"department"}),
    "agency": frozenset({"agency"}),
    "police": frozenset({"police", "constabulary"}),
    "embassy": frozenset({"embassy"}),
    "council": frozenset({"council"}),
    "committee": frozenset({"committee"}),
    "commission": frozenset({"commission"}),
    "campaign": frozenset({"campaign"}),
    "bureau": frozenset({"bureau"}),
    "university": frozenset({"university"}),
}
"""Nouns by which an article names an organisation it has named before ("the company said",
"the ministry said", "police said"), each with the words that show a name is of that kind:
in the name itself ("Broadcom Ltd", "Public Safety Ministry", "American Airlines") or next to
a mention of it ("Backroads, a travel company", "the Yonhap news agency", "Qualcomm shares")."""
