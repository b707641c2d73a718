"""Properties of the whole extraction pipeline on arbitrary text: never raises, offsets hold."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.linking import link_names
from reader.models import Article
from reader.pipeline import extract_article
from reader.text import flag_boilerplate

# Text that looks like news often enough to reach the interesting branches: names,
# titles, numbers, dates, punctuation, plus anything Unicode can throw at it.
NEWSY = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "Mahmoud Abbas",
                "Abu Marzouk",
                "al-Ahmad",
                "Hamas-run",
                "Haniyeh's",
                "(PA)",
                "[ICJ]",
                "said",
                "At least",
                "34,356",
                "2.3 million",
                "70%",
                "Oct. 7",
                "April 26, 2024",
                "the",
                "Mr.",
                "President",
                "\n",
                ". ",
                ", ",
                "—",
                "’s",
                "https://t.co/x1",
                "@handle",
                "#tag",
                "\x1b[31m",
                "\u202e",
                "9" * 40,
            ]
        ),
        st.text(max_size=12),
    ),
    max_size=60,
).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=NEWSY, dated=st.booleans())
def test_extraction_never_raises_and_offsets_hold(text: str, dated: bool) -> None:
    article = Article(
        id="a",
        path="a.txt",
        title="t",
        text=text,
        date="2024-04-30" if dated else None,
        boilerplate=flag_boilerplate(text),
    )
    names, figures, failure = extract_article(article)
    assert failure is None
    for m in [*names, *figures]:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert not article.in_boilerplate(m.start, m.end)
    for entity in link_names(names):
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
