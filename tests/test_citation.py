"""The citation format shared by the reader's `y` and the fact sheet."""

from __future__ import annotations

import pytest

from reader.citation import Citation, cite
from reader.models import Article

TEXT = "Talks began on Friday. Officials said 34,356 people were killed. More later."
ARTICLE = Article(
    "trt/1", "trt.jsonl:1", "Talks in Beijing", TEXT, "TRT World", "2024-04-26",
    "https://www.trtworld.com/a/1",
)  # fmt: skip


@pytest.mark.parametrize(
    ("citation", "text"),
    [
        pytest.param(
            Citation(
                "Officials said 34,356.", "trt/1", "TRT World", "2024-04-26", "https://t/1", 23
            ),
            "“Officials said 34,356.”\n"
            "— TRT World, 2024-04-26, https://t/1 (article trt/1, offset 23)",
            id="everything-known",
        ),
        pytest.param(
            Citation("Talks.", "a", None, None, None, 0),
            "“Talks.”\n— unknown outlet, undated (article a, offset 0)",
            id="unknown-outlet-and-date-said-no-url-left-out",
        ),
        pytest.param(
            Citation("The title", "a", "NPR", "2020-01-02"),
            "“The title”\n— NPR, 2020-01-02 (article a)",
            id="whole-article-no-offset",
        ),
        pytest.param(
            Citation("one\n  two\x1b[31m", "a", "X\x07", "2020"),
            "“one two␛[31m”\n— X␇, 2020 (article a)",
            id="one-line-printable",
        ),
    ],
)
def test_citation_format(citation: Citation, text: str) -> None:
    assert str(citation) == text


def test_cite_a_mention_quotes_its_sentence_at_its_offset() -> None:
    start = TEXT.index("34,356")
    citation = cite(ARTICLE, (start, start + 6))
    assert citation.quote == "Officials said 34,356 people were killed."
    assert citation.offset == start
    assert citation.url == ARTICLE.url


def test_cite_the_whole_article_quotes_its_title() -> None:
    citation = cite(ARTICLE)
    assert (citation.quote, citation.offset) == ("Talks in Beijing", None)
