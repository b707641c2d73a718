"""Who a figure is attributed to, and the sentence it sits in.

A figure is only as good as its source: "34,535 killed, according to Gaza's Ministry of
Health" and "Hamas-run health authorities say 34,450" are the same fact told on different
authority. These functions find the sentence around a mention and the attribution phrase
in it, with plain patterns over that one sentence (linear in its length).
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"“'‘(\[]?[A-Z0-9])|\n")

_WORD = r"[A-Z][\w’'&.]*(?:-[\w’'&.]+)*"
_SOURCE = (
    _WORD + r"(?: (?:of|the|for|and|" + _WORD + r"|health|media|news|officials?"
    r"|authorities|ministry|agency|sources?|data|figures|reports?))*"
)
# Words are joined by single spaces and hyphens never start a word, so each string has one
# parse: no backtracking blow-up on long hyphenated or capitalised runs.
"""A capitalised source phrase: "Gaza's Ministry of Health", "Hamas-run health authorities"."""

_PATTERNS = [
    # according to X / citing X / as reported by X
    re.compile(
        r"\b(?i:according to|citing|as reported by|reported by|figures from|data from)\s+"
        r"(?:the\s+|a\s+|an\s+)?(" + _SOURCE + r")"
    ),
    # X say(s) / said / reported / estimate(s) / put the toll at
    re.compile(
        r"(?:^|[,;:]\s+|\b(?:which|that|as)\s+)(?:the\s+)?("
        + _SOURCE
        + r")\s+(?:say|says|said|reported|reports|estimated|estimates|claimed|claims|"
        r"confirmed|confirms|announced|put|puts|stated|states)\b"
    ),
    # ..., X said. (at the end of a sentence)
    re.compile(r",\s*(?:the\s+)?(" + _SOURCE + r")\s+(?:said|says|reported|added)\s*[.”\"]?\s*$"),
]


def sentence_bounds(text: str, start: int, end: int, limit: int = 600) -> tuple[int, int]:
    """The [start, end) of the sentence holding text[start:end], at most `limit` chars each way."""
    lo = max(0, start - limit)
    sent_start = lo
    for stop in _SENTENCE_END.finditer(text, lo, start):
        sent_start = stop.end()
    while sent_start < start and text[sent_start].isspace():
        sent_start += 1
    m = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    sent_end = m.end() if m else min(len(text), end + limit)
    if m and text[m.start()] == "\n":
        sent_end = m.start()
    return sent_start, sent_end


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], on one line."""
    lo, hi = sentence_bounds(text, start, end)
    return " ".join(text[lo:hi].split())


def find_attribution(text: str, start: int, end: int) -> str | None:
    """The source a figure at text[start:end] is attributed to in its sentence, or None."""
    sentence = sentence_of(text, start, end)
    for pattern in _PATTERNS:
        m = pattern.search(sentence)
        if m:
            source = m.group(1).strip(" ,.;:")
            # A bare pronoun-like or one-letter match is no attribution.
            if len(source) > 2 and source.lower() not in {"the", "it", "he", "she", "they"}:
                return _trim(m.group(0).strip(" ,.;:"))
    return None


def _trim(phrase: str) -> str:
    phrase = re.sub(r"^(?:which|that|as)\s+", "", phrase)
    return phrase[:120]
