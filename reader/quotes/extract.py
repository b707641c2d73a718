"""Every direct quotation in an article, with its speaker (`extract_quotes`).

One pass over the quotation marks pairs them paragraph by paragraph; each quote's speaker is
read from bounded windows around it (`reader.quotes.speakers`), so the stage is linear in the
article's length.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.figures.history import Sentences, sentence_span
from reader.models import Article
from reader.names import NameRow, name_rows
from reader.quotes.model import Quote
from reader.quotes.speakers import (
    Names,
    Pronoun,
    Speaker,
    speaker_after,
    speaker_before,
)
from reader.quotes.vocabulary import INSTITUTION_NOUNS, WORK_NOUNS

_MARK_RE = re.compile(r"[\"“”]")
_LINE_RE = re.compile(r"[^\n]+")
_WORD_RE = re.compile(r"[\w’'-]+")
_MIN_WORDS = 3
"""Fewer quoted words are scare quotes ("its “ambiguous” language"), not statements."""
_MAX_TITLE_WORDS = 12
_SENTENCE_CLOSERS = ".!?:…"
_PREVIOUS_REACH = 400
"""How far back the sentence before a quote that stands alone is read, in characters."""


def extract_quotes(article: Article, names: Sequence[NameRow] | None = None) -> list[Quote]:
    """Return every direct quotation in `article` outside boilerplate, ordered by offset.

    `names` are the article's name rows when the caller has them (`reader.names.name_rows`);
    without them they are extracted here, once, and only when the article has a quote.
    """
    text = article.text
    spans = _quote_spans(text, article.title)
    if not spans:
        return []
    lookup = Names(name_rows(article) if names is None else names)
    quotes: list[Quote] = []
    # Resolved speakers with where their quote opens, in text order, for pronouns.
    speakers: list[tuple[int, Speaker]] = []
    sentences = Sentences(text)  # one pass over the sentence ends, then lookups
    for k, (open_, close, line_start, line_end) in enumerate(spans):
        start, end = _trim(text, open_ + 1, close)
        if article.in_boilerplate(start, end):
            continue
        quoted = text[start:end]
        n_words = len(_WORD_RE.findall(quoted))
        if n_words < _MIN_WORDS:
            continue
        sent_start, sent_end = sentences.span(open_, close + 1)
        prev_close = spans[k - 1][1] + 1 if k and spans[k - 1][1] < open_ else line_start
        next_open = spans[k + 1][0] if k + 1 < len(spans) else line_end
        floor = max(sent_start, line_start, prev_close)
        ceiling = min(max(sent_end, close + 1), line_end, next_open)
        lead = text[floor:open_].strip()
        partial = quoted[:1].islower() or bool(lead and lead[-1] not in ":,")
        if _is_title(text, floor, open_, quoted, n_words, partial):
            continue
        speaker = _attribute(text, open_, close, floor, ceiling, quoted, lookup, speakers)
        if speaker is not None:
            speakers.append((open_, speaker))
        quotes.append(_quote(article.id, start, end, quoted, partial, speaker))
    return quotes


def _quote(
    article: str, start: int, end: int, text: str, partial: bool, sp: Speaker | None
) -> Quote:
    if sp is None:
        return Quote(article, start, end, text, partial=partial)
    return Quote(
        article,
        start,
        end,
        text,
        speaker_name=sp.name,
        speaker_start=sp.start,
        speaker_end=sp.end,
        description=sp.description,
        partial=partial,
        speaker_full=sp.full,
        speaker_kind=sp.kind,
        how=sp.how,
    )


def _attribute(
    text: str,
    open_: int,
    close: int,
    floor: int,
    ceiling: int,
    quoted: str,
    names: Names,
    earlier: list[tuple[int, Speaker]],
) -> Speaker | None:
    """The quote's speaker: the attribution right after it, else before it in its sentence,
    else (for a quote standing alone) the one named in the sentence before."""
    ended = quoted.rstrip()[-1:] in ".!?" and text[close + 1 : close + 3].strip()[:1].isupper()
    found: Speaker | Pronoun | None = None
    if not ended:
        found = speaker_after(text, close + 1, ceiling, names)
    if found is None:
        found = speaker_before(text, floor, open_, names)
    if found is None and not text[floor:open_].strip():
        found = _previous_sentence(text, floor, names)
        if found is None and earlier and text.rfind("\n", 0, open_) < earlier[-1][0]:
            # A quote standing alone after an attributed one in its paragraph goes on with it.
            return earlier[-1][1]._replace(how="previous")
    if isinstance(found, Pronoun):
        return _resolve(text, found, earlier)
    return found


def _previous_sentence(text: str, floor: int, names: Names) -> Speaker | None:
    """A speaker named in the sentence before a quote that opens its sentence: "Lin spoke to
    reporters. “...”" or a paragraph of quote after one with its attribution."""
    if floor == 0:
        return None
    lo = max(0, floor - _PREVIOUS_REACH)
    before = text[lo:floor].rstrip()
    if not before:
        return None
    end = lo + len(before)
    if text[end - 1 : end] in '”"':  # the sentence before ended on a quote: its attribution
        return None
    start, _ = sentence_span(text, end - 1, end)
    start = max(start, text.rfind("\n", lo, end - 1) + 1, lo)
    found = speaker_before(text, start, end, names)
    if isinstance(found, Speaker) and found.how != "according":
        return found._replace(how="previous")
    return None


def _resolve(text: str, pronoun: Pronoun, earlier: list[tuple[int, Speaker]]) -> Speaker | None:
    """ "He added" stands for the last speaker before it, quoted in this paragraph or the one
    before; none when that speaker is an organisation, a place, or described in the plural."""
    if not earlier:
        return None
    at, last = earlier[-1]
    paragraph = text.rfind("\n", 0, pronoun.start)
    reach = text.rfind("\n", 0, paragraph) if paragraph > 0 else -1
    if at < reach or last.kind in ("org", "place"):
        return None
    head = last.name.split()[-1].lower()
    if last.description and (head.endswith("s") or head in INSTITUTION_NOUNS):
        return None  # "officials ... he said", "the council ... he said": not surely one
    return last._replace(how="pronoun")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


def _is_title(text: str, floor: int, open_: int, quoted: str, n_words: int, partial: bool) -> bool:
    """A title of a work ("his book “The Art of the Deal”"), not a statement."""
    before = text[max(floor, open_ - 30) : open_].split()
    if before and before[-1].lower().strip(",") in WORK_NOUNS:
        return True
    if not partial or n_words > _MAX_TITLE_WORDS or quoted.rstrip()[-1:] in ".!?,":
        return False
    words = [w for w in _WORD_RE.findall(quoted) if len(w) > 3]
    return bool(words) and all(w[0].isupper() for w in words)


def _is_heading(line: str, title: str) -> bool:
    """A headline or a title line: the article's title, or a line that ends without a
    sentence's closing punctuation (no sentence around it)."""
    stripped = line.strip()
    if stripped == title.strip():
        return True
    body = stripped.rstrip("\"“”’'‘)] ")
    return not body or body[-1] not in _SENTENCE_CLOSERS


def _quote_spans(text: str, title: str) -> list[tuple[int, int, int, int]]:
    """(opening mark, closing mark, paragraph start, paragraph end) of each quotation, in
    order. Straight marks alternate; a curly opening mark while open starts again. A quote
    left open at a paragraph's end runs on when the next paragraph opens with a mark."""
    spans: list[tuple[int, int, int, int]] = []
    lines = [(m.start(), m.end()) for m in _LINE_RE.finditer(text)]
    open_at: int | None = None
    open_line = 0
    skip_first = False
    for n, (ls, le) in enumerate(lines):
        heading = open_at is None and _is_heading(text[ls:le], title)
        for m in _MARK_RE.finditer(text, ls, le):
            pos, mark = m.start(), m.group()
            if skip_first:
                skip_first = False
                continue
            if heading:
                continue
            if open_at is None:
                if mark != "”":
                    open_at, open_line = pos, ls
            elif mark == "“" and text[pos - 1 : pos] in (" ", "") and pos - open_at > 1:
                open_at, open_line = pos, ls  # an unclosed mark: start again here
            else:
                spans.append((open_at, pos, open_line, le))
                open_at = None
        if open_at is None:
            continue
        nxt = lines[n + 1] if n + 1 < len(lines) else None
        if nxt is not None and text[nxt[0] : nxt[0] + 1] in ("“", '"'):
            skip_first = True  # the quote runs on into the next paragraph
            continue
        line_start = text[open_line:open_at].strip()
        if not line_start or line_start.endswith(":"):
            spans.append((open_at, le, open_line, le))  # closed by the paragraph's end
        open_at = None
    return spans
