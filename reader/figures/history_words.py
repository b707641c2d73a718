"""The words figure histories know: how wide a vague multiple is, which words date a figure,
which say it was revised. Data only; the rules are in `reader.figures.history`."""

from __future__ import annotations

VAGUE_CEILING = {
    "tens": 99, "dozens": 99, "scores": 99, "hundreds": 999, "thousands": 9_999,
    "millions": 9_999_999, "billions": 9_999_999_999,
}  # fmt: skip
"""The largest count a vague multiple still names: "dozens" stops below a hundred (more is
"a hundred" or "hundreds"), "thousands" below ten thousand (more is "tens of thousands"). The
smallest is the extractor's value, two of the multiple ("dozens" is 24)."""

LOWER_BOUND = frozenset({"at least", "no fewer than"})
"""Qualifiers that make the number a closed lower bound: [N, inf)."""
ABOVE = frozenset({"more than", "over"})
"""Qualifiers that make it an open lower bound: (N, inf)."""
UPPER_BOUND = frozenset({"up to"})
"""Closed upper bound [0, N] ("up to", "as many as", "at most", "no more than")."""
BELOW = frozenset({"fewer than", "less than"})
"""Open upper bound [0, N)."""
JUST_BELOW = frozenset({"nearly", "almost"})
"""Just under N ("nearly", "almost", "close to", "just under"): [NEARLY_SHARE x N, N)."""
APPROXIMATE = frozenset({"about", "around", "some", "approximately", "roughly", "estimated"})
"""Either side of N: [N - w, N + w] with w = APPROXIMATE_SHARE x N, or the rounding of the
number as written when that is wider ("about 2 million": 1.5 to 2.5 million)."""

NEARLY_SHARE = 0.9
""""nearly 80" is at least 72: closer than that, a reporter would write the number."""
APPROXIMATE_SHARE = 0.1
""""about 200" is 180 to 220."""

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""Weekday names, Monday first (`date.weekday()` order)."""

SAME_DAY_WORDS = ("today", "tonight", "this morning", "this afternoon", "this evening")
"""Words that date a figure to the article's own day."""
DAY_BEFORE_WORDS = ("yesterday", "last night")
"""Words that date it to the day before."""

AS_OF_MARKERS = ("as of", "as at", "by", "through", "up to", "as on")
"""Words before a date that say the figure held on it ("as of Tuesday", "by Oct. 9")."""
NOT_AS_OF_MARKERS = (
    "since", "from", "after", "before", "between", "until", "till", "ahead of", "next",
    "starting", "beginning", "as early as", "as soon as", "no earlier than", "scheduled for",
    "planned for", "expected on",
)  # fmt: skip
"""Words before a date that make it the start or end of a period, or a plan: such a date does
not say when the figure held ("killed since October 7", "before Tuesday")."""

REPORTING_VERBS = (
    "said", "says", "announced", "reported", "confirmed", "stated", "added", "told reporters",
    "updated",
)  # fmt: skip
"""Verbs right before a date that make it the day the figure was given ("said Monday",
"announced on Thursday"): it outranks a nearer date of the event ("on July 14")."""

CORRECTION_WORDS = (
    "revised", "revising", "corrected", "correcting", "correction", "lowered", "lowering",
    "downgraded", "amended", "adjusted", "down from", "reduced",
)  # fmt: skip
"""Words in a figure's sentence saying it corrects an earlier figure, up or down."""
RISE_WORDS = (
    "rose", "risen", "rising", "rises", "climbed", "climbing", "grew", "grown", "increased",
    "jumped", "mounted", "up from", "raised",
)  # fmt: skip
"""Words in a figure's sentence saying it rose from an earlier figure."""

AGO_WORDS = ("years ago", "year ago", "last year", "the previous year", "the year before")
"""Words that anchor a figure in an earlier year than the article's."""
EARLIER_WORDS = (
    "months ago", "month ago", "weeks ago", "last month", "earlier this month", "last week",
    "earlier this year", "the previous month", "the month before", "the past year",
    "the past few years", "recent years", "the past two years", "the past three years",
)  # fmt: skip
"""Words that anchor a figure in an earlier event of the same year: like `AGO_WORDS`, but only
when they follow the figure's event words ("strikes earlier this month that killed 30", "30
people were killed last week"), never a date the article's own toll is given for."""
