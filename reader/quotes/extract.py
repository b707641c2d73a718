"""Every direct quotation in an article, with its speaker (`extract_quotes`).

One pass over the quotation marks pairs them paragraph by paragraph; each quote's speaker is
read from bounded windows around it (`reader.quotes.speakers`), so the stage is linear in the
article's length.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from reader.figures.history import Sentences, sentence_span
from reader.models import Article
from reader.names import NameRow, name_rows
from reader.quotes.model import Quote
from reader.quotes.speakers import (
    Names,
    Pronoun,
    Speaker,
    described_entity,
    fragment_subject,
    last_verb,
    lead_subject,
    mended_rows,
    named_subject,
    other_reports,
    phrase_speaker,
    reported_speaker,
    speaker_after,
    speaker_before,
)
from reader.quotes.vocabulary import (
    ABBREVIATIONS,
    DOCUMENT_NOUNS,
    INSTITUTION_NOUNS,
    PERSON_ROLES,
    REPORTING_VERBS,
    ROLE_NOUNS,
    WORK_NOUNS,
)

_DOUBLE_RE = re.compile(r"[\"“”]")
_SINGLE_RE = re.compile(r"[‘’']")
_OPEN_AFTER = frozenset(" \t\n([—–")
_CLOSE_BEFORE = frozenset(" \t\n,.;:!?)]—–…’'-")
"""Single marks: one opens a quote after a space and before a word (not a year: '90s); one
closes it after a word and before a space or punctuation; others are apostrophes."""
_LINE_RE = re.compile(r"[^\n]+")
_WORD_RE = re.compile(r"[\w’'-]+")
_MIN_WORDS = 3
"""Fewer quoted words are scare quotes ("its “ambiguous” language"), not statements."""
_MAX_TITLE_WORDS = 12
_MAX_HEADLINE_WORDS = 20
_TAG_WORDS = 4
"""At most this many words after a quote that ends its sentence are its attribution."""
_SENTENCE_CLOSERS = ".!?:…"
_PROSE_ENDS = frozenset(".!?…”\"’'")
_QUOTE_ENDS = frozenset("”\"’'")
"""Closing marks: a line ending on one right after a letter has no full stop (a caption)."""
_JOIN_WORDS = 3
"""At most this many words ("and", "that would") join a quote to the one before it in its
sentence, so that it has that one's speaker."""
_LABEL_WORDS = 6
"""At most this many words name the speaker of a caption line ("Airline spokesman: '...")."""
_PREVIOUS_REACH = 400
"""How far back the sentence before a quote that stands alone is read, in characters."""
_CREDIT_WORDS = (
    "diting by",
    "eporting by",
    "riting by",
    "ompiled by",
    "dited by",
    "hotos by",
    "hoto by",
    "contributed to this",
)
"""A credit line's words: the people it names made the article, they do not speak in it."""


def extract_quotes(
    article: Article, names: Sequence[NameRow] | None = None, sentences: Sentences | None = None
) -> list[Quote]:
    """Return every direct quotation in `article` outside boilerplate, ordered by offset.

    `names` are the article's name rows when the caller has them (`reader.names.name_rows`);
    without them they are extracted here, once, and only when the article has a quote. The
    same for `sentences` (`reader.figures.history.Sentences` of its text).
    """
    text = article.text
    spans, headings = _quote_spans(text, article.title)
    if not spans:
        return []
    rows = _body_rows(article, name_rows(article) if names is None else names)
    lookup = Names(mended_rows(text, rows), text)
    if sentences is None:
        sentences = Sentences(text)  # one pass over the sentence ends, then lookups
    lookup.sentences = sentences
    quotes: list[Quote] = []
    # Resolved speakers with where their quote opens, in text order, for pronouns.
    speakers: list[tuple[int, Speaker]] = []
    opens = [s[0] for s in spans]

    def quoted_at(at: int) -> bool:
        k = bisect_right(opens, at) - 1
        return k >= 0 and at < spans[k][1]

    def unquoted(lo: int, hi: int) -> list[tuple[int, int]]:
        """The stretches of [lo, hi) outside quotation marks, in order."""
        out = []
        k = bisect_right(opens, lo) - 1
        at = lo
        if k >= 0 and spans[k][1] >= lo:
            at = spans[k][1] + 1
        k += 1
        while k < len(spans) and spans[k][0] < hi:
            if spans[k][0] > at:
                out.append((at, spans[k][0]))
            at = max(at, spans[k][1] + 1)
            k += 1
        if at < hi:
            out.append((at, hi))
        return out

    def prose(start: int, end: int) -> bool:
        """A line of the story's sentences: not boilerplate, not a caption or a heading."""
        line = text[start:end].rstrip()
        if line[-1:] in _QUOTE_ENDS and line[-2:-1].isalnum():
            return False  # "Coach X tweeted that the airline needs 'sensitivity training'"
        return line[-1:] in _PROSE_ENDS and not article.in_boilerplate(start, end)

    for k, (open_, close, line_start, line_end) in enumerate(spans):
        start, end = _trim(text, open_ + 1, close)
        if article.in_boilerplate(start, end):
            continue
        quoted = text[start:end]
        n_words = len(_WORD_RE.findall(quoted))
        if n_words < _MIN_WORDS:
            continue
        sent_start, sent_end = _whole_sentence(text, sentences, open_, close + 1)
        prev_close = spans[k - 1][1] + 1 if k and spans[k - 1][1] < open_ else line_start
        next_open = spans[k + 1][0] if k + 1 < len(spans) else line_end
        floor = max(sent_start, line_start, prev_close)
        ceiling = min(max(sent_end, close + 1), line_end, next_open)
        lead = text[floor:open_].strip()
        partial = quoted[:1].islower() or bool(lead and lead[-1] not in ":,")
        if _is_title(text, floor, open_, quoted, n_words, partial):
            continue
        speaker = _attribute(
            text,
            open_,
            close,
            (floor, max(sent_start, line_start)),
            ceiling,
            quoted,
            lookup,
            speakers,
            quoted_at,
            prose,
            unquoted,
        )
        if speaker is None and line_start in headings:
            speaker = _caption_speaker(text, line_start, open_, lookup)
        if speaker is not None and (speaker.description or _role_named(speaker)):
            entity = described_entity(text, speaker, lookup, unquoted)
            speaker = entity or (None if _unissued(speaker) else speaker)
        if speaker is None and k and floor == prev_close and speakers:
            # "urging Pyongyang to “come to the table” and “make a deal”": one speaker
            at, last = speakers[-1]
            gap = text[prev_close:open_]
            if at == spans[k - 1][0] and len(_WORD_RE.findall(gap)) <= _JOIN_WORDS:
                speaker = last._replace(how="previous")
        if speaker is None and k and floor == prev_close > max(sent_start, line_start):
            # "Lin has mocked Kim as “fat” and a “little rocket man”": the attribution before
            # a fragment too short to be a quote of its own, earlier in the sentence
            speaker = _before_fragment(
                text,
                spans,
                k,
                max(sent_start, line_start),
                lookup,
                speakers,
                quoted_at,
                prose,
                unquoted,
            )
        if speaker is None and k and speakers and speakers[-1][0] == spans[k - 1][0]:
            # A paragraph that is only a quote, after a paragraph that ends on the last
            # speaker's quote or its attribution, goes on with that speaker ("“...,” he
            # said.\n“But ...”"), as news writing runs one speaker's paragraphs on.
            if _runs_on(text, spans[k - 1], open_, close, line_start, line_end):
                speaker = speakers[-1][1]._replace(how="previous")
        if line_start in headings and speaker is None and _short(text, line_start, line_end):
            continue  # a headline's words, said by no one it names: not a statement here
        if speaker is not None:
            speakers.append((open_, speaker))
        quotes.append(_quote(article.id, start, end, quoted, partial, speaker))
    return quotes


def _runs_on(
    text: str,
    before: tuple[int, int, int, int],
    open_: int,
    close: int,
    line_start: int,
    line_end: int,
) -> bool:
    """The quote at [open_, close] is the whole of its paragraph (but for a full stop), and
    the quote `before` (open, close, line start, line end) is in the paragraph right before,
    followed there by no more than its attribution: a short tail with no new sentence."""
    if text[line_start:open_].strip() or text[close + 1 : line_end].strip(" .,;:!?”\"’'"):
        return False
    if before[3] + 1 != line_start or before[1] >= before[3]:
        return False
    tail = text[before[1] + 1 : before[3]]
    if any(c in tail for c in '“”"') or len(_WORD_RE.findall(tail)) > _RUN_ON_TAIL_WORDS:
        return False
    return _NEW_SENTENCE_RE.search(tail.rstrip()) is None


_RUN_ON_TAIL_WORDS = 12
"""At most this many words after a quote end its paragraph as the quote's attribution."""
_NEW_SENTENCE_RE = re.compile(r"[.!?]\s+[A-Z]")


def _before_fragment(
    text: str,
    spans: list[tuple[int, int, int, int]],
    k: int,
    sentence: int,
    names: Names,
    speakers: list[tuple[int, Speaker]],
    quoted_at: Callable[[int], bool],
    prose: Callable[[int, int], bool],
    unquoted: Callable[[int, int], list[tuple[int, int]]],
) -> Speaker | None:
    """The speaker of a quote whose sentence an earlier, short quote cut (at `spans[k - 1]`,
    after `sentence`, the sentence's start), joined to it by no more than a few words with no
    verb ("as “fat” and a “..."): the attribution before that earlier quote."""
    p_open, p_close = spans[k - 1][0], spans[k - 1][1]
    gap = text[p_close + 1 : spans[k][0]]
    if len(_WORD_RE.findall(gap)) > _JOIN_WORDS or any(c in gap for c in ".;:!?"):
        return None
    if last_verb(text, p_close + 1, spans[k][0]) is not None:
        return None
    words = len(_WORD_RE.findall(text, p_open + 1, p_close))
    if words >= _MIN_WORDS:
        return None  # a quote of its own: its speaker, if any, was read
    floor = sentence
    if k >= 2 and sentence <= spans[k - 2][1] < p_open:
        floor = spans[k - 2][1] + 1
    found = speaker_before(text, floor, p_open, names, sentence)
    if isinstance(found, Pronoun):
        found = _resolve(text, found, found.start, speakers, names, quoted_at, prose, unquoted)
    return found


def _caption_speaker(text: str, line_start: int, open_: int, names: Names) -> Speaker | None:
    """The speaker a caption line opens with, before a colon: a person's name ("Maria Delgado:
    '...") or a role ("Airline spokesman: '..."); not other capitalised words ("Opinion: '...",
    "NEWS: '...")."""
    label = text[line_start:open_].rstrip()
    if not label.endswith(":") or len(label.split()) > _LABEL_WORDS:
        return None
    found = phrase_speaker(text, line_start, line_start + len(label) - 1, names, "before")
    if found is None or not (found.kind == "person" or found.description or _role_named(found)):
        return None
    return found


def _unissued(sp: Speaker) -> bool:
    """A document no one is named issuing ("the report read"): it speaks for no one."""
    head = sp.name.rsplit(None, 1)[-1].lower()
    return sp.description and head in DOCUMENT_NOUNS and head not in ROLE_NOUNS


def _role_named(sp: Speaker) -> bool:
    """A speaker named by a role with capitalised words before it ("Airline spokesman")."""
    return sp.kind is None and sp.name.rsplit(None, 1)[-1].lower() in PERSON_ROLES


def _body_rows(article: Article, rows: Sequence[NameRow]) -> list[NameRow]:
    """The name rows less the people named in boilerplate, and less the full names written
    only in a credit line ("Editing by Kim Coghill"): they made the article, they speak in
    none of it; a shorter mention in the body that name extraction resolved to such a name
    ("Kim") keeps its own words as its full name."""
    text = article.text
    fulls = {r[4] for r in rows if r[5] == "person" and r[3] != r[4]}
    spans = sorted(article.boilerplate)
    if not fulls and not spans:
        return list(rows)
    starts = [s for s, _ in spans]
    credit: dict[int, bool] = {}

    def aside(row: NameRow) -> bool:
        i = bisect_right(starts, row[1]) - 1
        if i >= 0 and spans[i][1] > row[1]:
            return True
        if row[3] not in fulls:
            return False
        line = text.rfind("\n", 0, row[1]) + 1
        if line not in credit:
            end = text.find("\n", row[2])
            words = text[line : len(text) if end < 0 else end]
            credit[line] = any(w in words for w in _CREDIT_WORDS)
        return credit[line]

    kept: list[NameRow] = []
    dropped: set[str] = set()
    for row in rows:
        if row[5] == "person" and aside(row):
            dropped.add(row[3])
        else:
            kept.append(row)
    if not dropped:
        return kept
    written = {row[3] for row in kept}
    return [
        (r[0], r[1], r[2], r[3], r[3], r[5]) if r[4] in dropped and r[4] not in written else r
        for r in kept
    ]


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
    floors: tuple[int, int],
    ceiling: int,
    quoted: str,
    names: Names,
    earlier: list[tuple[int, Speaker]],
    quoted_at: Callable[[int], bool],
    prose: Callable[[int, int], bool],
    unquoted: Callable[[int, int], list[tuple[int, int]]],
) -> Speaker | None:
    """The quote's speaker: the attribution right after it, else before it in its sentence,
    else (for a quote standing alone, with no words after it in its sentence) the one named in
    the sentence before. `floors` are where the words before it start: after a quote earlier
    in its sentence, and the sentence's start."""
    floor, lead = floors
    ended = quoted.rstrip()[-1:] in ".!?" and text[close + 1 : close + 3].strip()[:1].isupper()
    if ended and len(_WORD_RE.findall(text, close + 1, ceiling)) <= _TAG_WORDS:
        ended = False  # "'... the players.' Arians said": a short tag, not a new sentence
    found: Speaker | Pronoun | None = None
    if not ended:
        found = speaker_after(text, close + 1, ceiling, names)
    if found is None and not ended and _IT_SAID_RE.match(text, close + 1, ceiling):
        return _organisation_before(text, open_, names)
    if found is None:
        found = speaker_before(text, floor, open_, names, lead)
    if found is None and _inside_sentence(text, floor, open_, quoted):
        found = fragment_subject(text, lead, open_, names)
    alone = not text[close + 1 : ceiling].strip(" ,.;:!?”\"’'")
    if found is None and alone and not text[floor:open_].strip():
        found = _previous_sentence(text, floor, names)
        if found is None and earlier and text.rfind("\n", 0, open_) < earlier[-1][0]:
            # A quote standing alone after an attributed one in its paragraph goes on with it.
            return earlier[-1][1]._replace(how="previous")
    if isinstance(found, Pronoun):
        person = _resolve(
            text, found, min(found.start, open_), earlier, names, quoted_at, prose, unquoted
        )
        return None if person is not None and _other_gender(text, found, person) else person
    return found


def _inside_sentence(text: str, floor: int, open_: int, quoted: str) -> bool:
    """The quote is a phrase inside its sentence's words: words before it that do not
    introduce it (no colon or comma before the mark), and it opens in lowercase."""
    before = text[floor:open_].rstrip()
    return bool(before) and before[-1] not in ':,“”"' and quoted[:1].islower()


_PERSON_NOUNS = frozenset(
    """
    man woman boy girl child witness passenger driver victim survivor husband wife coach
    player teacher pilot attendant owner manager lawyer attorney judge customer guest
    """.split()
)
"""Nouns of a person described, beside the role nouns: "the man ... he said" is him."""

_TITLE_GENDER = {"mr": "he", "mrs": "she", "ms": "she", "miss": "she"}
"""The pronoun a courtesy title goes with."""


def _other_gender(text: str, pronoun: Pronoun, person: Speaker) -> bool:
    """Whether the article's own courtesy title for `person` ("Mrs. Clinton") goes with the
    other pronoun than the one that stands for them ("he told ..."): then the pronoun is
    someone else, and the quote is not surely theirs."""
    word = (
        text[pronoun.start : pronoun.end].split()[0].lower() if pronoun.end > pronoun.start else ""
    )
    if word not in ("he", "she"):
        return False
    title = text[max(0, person.start - 6) : person.start].rstrip(". ").rsplit(" ", 1)[-1].lower()
    return _TITLE_GENDER.get(title, word) != word


_IT_SAID_RE = re.compile(
    r"[\s,]*it\s+(?:also\s+)?(?:"
    + "|".join(sorted(REPORTING_VERBS, key=len, reverse=True))
    + r")\b"
)


def _organisation_before(text: str, open_: int, names: Names) -> Speaker | None:
    """Who "it" is in "“...,” it said": the organisation the sentence before the quote's opens
    with ("The US State Department also confirmed the deaths ..."); None when that sentence
    opens with no organisation's name."""
    if names.sentences is None:
        return None
    start, _ = names.sentences.span(open_, open_ + 1)
    if start < 2:
        return None
    lo, _ = names.sentences.span(start - 2, start - 1)
    lead = lead_subject(text, lo, start, names)
    if isinstance(lead, Speaker) and lead.kind == "org":
        return lead._replace(how="previous")
    return None


def _whole_sentence(text: str, sentences: Sentences, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end), not cut at an initial or a title's full stop
    ("Shuly R. Schwartz", "Adm. Mike Mullen"): at most one such stop is read over each way."""
    lo, hi = sentences.span(start, end)
    stop = lo - 1 if text[lo - 1 : lo] == " " else lo
    if lo > 1 and text[stop - 1] == "." and _short_word(text, stop) and _initial(text, stop):
        lo = sentences.span(lo - 2, lo - 1)[0]
    if hi < len(text) and text[hi - 1] == "." and _short_word(text, hi) and _initial(text, hi):
        hi = sentences.span(hi + 1, hi + 2)[1]
    return lo, hi


def _short_word(text: str, stop: int) -> bool:
    """The word before the full stop ending at `stop` has at most five letters."""
    return not text[max(0, stop - 7) : stop - 1].isalpha()


def _initial(text: str, stop: int) -> bool:
    """The full stop ending at `stop` closes an initial ("R.") or a title ("Adm.")."""
    if text[stop - 1 : stop] != ".":
        return False
    word = text[max(0, stop - 6) : stop - 1].rsplit(None, 1)[-1:]
    w = word[0].lstrip("(") if word else ""
    return (len(w) == 1 and w.isupper()) or w in ABBREVIATIONS


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
    if names.sentences is not None:  # a lookup, not a scan of the text
        start, _ = names.sentences.span(end - 1, end)
    else:
        start, _ = sentence_span(text, end - 1, end)
    start = max(start, text.rfind("\n", lo, end - 1) + 1, lo)
    found = speaker_before(text, start, end, names)
    if isinstance(found, Speaker) and found.how != "according":
        return found._replace(how="previous")
    return None


def _resolve(
    text: str,
    pronoun: Pronoun,
    before: int,
    earlier: list[tuple[int, Speaker]],
    names: Names,
    quoted_at: Callable[[int], bool],
    prose: Callable[[int, int], bool],
    unquoted: Callable[[int, int], list[tuple[int, int]]],
) -> Speaker | None:
    """ "He added" stands for the last person before it (before `before`, the quote's opening
    mark or the pronoun), in this paragraph or the one before (or the one before that when
    those name no one), leaving out boilerplate and caption lines (`prose` tells a line of
    the story's own sentences): the one who last spoke in a reporting clause ("..., said Nam
    Sung-wook"), the last speaker quoted, or a person named later than that speaker. None when
    a person is named after the last one who spoke, or that speaker is an organisation, a
    place, or described in the plural."""
    line = text.rfind("\n", 0, pronoun.start) + 1
    at, last = earlier[-1] if earlier else (-1, None)
    skipped: list[tuple[int, int]] = []  # caption and boilerplate lines passed over

    def hidden(pos: int) -> bool:
        return quoted_at(pos) or any(a <= pos < b for a, b in skipped)

    def outside(lo: int, hi: int) -> list[tuple[int, int]]:
        out = unquoted(lo, hi)
        for a, b in skipped:
            out = [s for x, y in out for s in ((x, min(y, a)), (max(x, b), y)) if s[0] < s[1]]
        return out

    read = before  # reporting clauses are read back from here: those later were none
    for n in range(_PRONOUN_PARAGRAPHS):
        reach = _prose_paragraph_before(text, line, prose, skipped)
        if reach is None:
            if n:
                break
            reach = line  # the first paragraph: itself
        line = reach
        seen = hidden if skipped else quoted_at
        row = names.last_person(max(reach, at + 1), before, seen)
        clause = reported_speaker(
            text, max(reach, at + 1), read, names, outside if skipped else unquoted, last
        )
        read = max(reach, at + 1)
        if clause is not None and clause.start > at:
            if row is None or row[1] < clause.end or row[4] == clause.full:
                return clause._replace(how="pronoun")
            return None  # someone else named after the one who spoke: not surely either
        if row is not None:
            if last is not None and row[4] != last.full and at >= reach:
                # "Pelosi praised Schiff ... and said “...,” Devin Nunes.\n“...?” she said":
                # the one the sentence before opens with, when that is the last who spoke
                subject = _previous_subject(text, before, names, quoted_at)
                if subject is not None and subject.full == last.full:
                    return subject
            if len(names.people(max(reach, at + 1), before, seen)) > 1:
                # Two people named since the last who spoke: the one the sentence before
                # opens with ("Palmer missed nine games. He called ..."), else not surely one.
                return _previous_subject(text, before, names, quoted_at)
            return Speaker(row[3], row[1], row[2], row[4], row[5], False, "pronoun")
        if last is not None and at >= reach:
            break
    if last is None or at < line:
        # the last who spoke is further back, or no one spoke: the one person the paragraphs
        # further back name last, as their sentence's subject, with no one named since
        seen = hidden if skipped else quoted_at
        far = _far_person(text, line, before, at, last, names, prose, seen, skipped)
        if far is None or not _alone(text, far.end, before, pronoun, names, outside):
            return None
        return far
    if last.kind in ("org", "place"):
        return None
    head = last.name.split()[-1].lower()
    if last.description and (head.endswith("s") or head in INSTITUTION_NOUNS):
        return None  # "officials ... he said", "the council ... he said": not surely one
    return last._replace(how="pronoun")


def _previous_subject(
    text: str, before: int, names: Names, quoted_at: Callable[[int], bool]
) -> Speaker | None:
    """The person the sentence before the one at `before` opens with (outside quotes), or
    None."""
    sentences = names.sentences or Sentences(text)
    start, _ = sentences.span(before, before + 1)
    if start < 2:
        return None
    lo, _ = sentences.span(start - 2, start - 1)
    lead = lead_subject(text, lo, start, names)
    if isinstance(lead, Speaker) and lead.kind == "person" and not quoted_at(lead.start):
        return lead._replace(how="pronoun")
    return None


def _alone(
    text: str,
    start: int,
    before: int,
    pronoun: Pronoun,
    names: Names,
    outside: Callable[[int, int], list[tuple[int, int]]],
) -> bool:
    """Nobody else the pronoun at `pronoun` may stand for is mentioned outside quotes between
    `start` (where its far person is named) and `before`: no name but a place's or an
    organisation's (a name name extraction could not class may be a person's), no person
    described ("the man", "a spokesman in Berlin"), no pronoun of the other gender, and no
    reporting verb but the pronoun's own ("he said")."""
    word = text[pronoun.start : pronoun.end].split()[:1]
    other = _SHE_RE if word and word[0].lower() == "he" else _HE_RE
    for a, b in outside(start, before):
        i = bisect_right(names.starts, a - 1)
        while i < len(names.rows) and names.rows[i][1] < b:
            if _maybe_person(text, names.rows[i]):
                return False
            i += 1
        if other.search(text, a, b) is not None or _DESCRIBED_RE.search(text, a, b) is not None:
            return False
        if other_reports(text, a, b, word[0].lower() if word else ""):
            return False
    return True


def _maybe_person(text: str, row: NameRow) -> bool:
    """A name that may be a person's: one name extraction classed so, or one it could not
    class that is no acronym ("NFL") and has no "the" before it ("the Colts")."""
    if row[5] == "person":
        return True
    if row[5] != "other" or row[3].isupper():
        return False
    return text[max(0, row[1] - 4) : row[1]].lower() != "the "


_HE_RE = re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself)\b")
_SHE_RE = re.compile(r"\b(?:[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b")
_DESCRIBED_RE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w’'-]+\s+){0,3}?(?:"
    + "|".join(
        sorted(
            (ROLE_NOUNS | PERSON_ROLES | _PERSON_NOUNS) - INSTITUTION_NOUNS, key=len, reverse=True
        )
    )
    + r")\b"
)

_PRONOUN_PARAGRAPHS = 2
_FAR_PARAGRAPHS = 6
"""How many paragraphs further back a pronoun reaches when those name no one."""


def _far_person(
    text: str,
    line: int,
    before: int,
    at: int,
    last: Speaker | None,
    names: Names,
    prose: Callable[[int, int], bool],
    seen: Callable[[int], bool],
    skipped: list[tuple[int, int]],
) -> Speaker | None:
    """The person a pronoun at `before` stands for when the paragraphs before its own name no
    one ("Arians directed the Colts ... \n That opened the way ...\n He said ...\n “...,” he
    told reporters"): reading back from the paragraph at `line`, the first paragraph that
    names a person outside quotes decides: the last person it names, when the sentence makes
    them its subject ("..., Arians directed"); the last speaker quoted (`last`, whose quote
    opens at `at`) when that paragraph holds the quote and names no one after it. None
    otherwise, or past `_FAR_PARAGRAPHS`."""
    for _ in range(_FAR_PARAGRAPHS):
        reach = _prose_paragraph_before(text, line, prose, skipped)
        if reach is None:
            return None
        line = reach
        i = bisect_left(names.starts, before) - 1
        while i >= 0 and names.rows[i][1] >= max(reach, at + 1):
            row = names.rows[i]
            i -= 1
            if row[2] > before or seen(row[1]) or not _maybe_person(text, row):
                continue
            if last is not None and row[4] == last.full and at < row[1]:
                return last._replace(how="pronoun")  # "“...,” said Delgado"
            if names.person(row) and named_subject(text, row[1], row[2], names):
                return Speaker(row[3], row[1], row[2], row[4], row[5], False, "pronoun")
            return None  # not surely a person, or not the subject of its sentence
        if at >= reach:
            if last is None or last.description or last.kind in ("org", "place"):
                return None
            return last._replace(how="pronoun")
    return None


"""How many paragraphs before a pronoun's own are read for the person it stands for."""


def _prose_paragraph_before(
    text: str, line: int, prose: Callable[[int, int], bool], skipped: list[tuple[int, int]]
) -> int | None:
    """The start of the paragraph of the story's prose before the one starting at `line`;
    the lines passed over (captions, boilerplate) are added to `skipped`."""
    while line > 0:
        end = line - 1
        line = text.rfind("\n", 0, end) + 1
        if prose(line, end):
            return line
        skipped.append((line, end))
    return None


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


def _short(text: str, start: int, end: int) -> bool:
    """A headline's length, not a caption's."""
    return len(_WORD_RE.findall(text, start, end)) <= _MAX_HEADLINE_WORDS


def _is_heading(line: str, title: str) -> bool:
    """A headline or a title line: the article's title, or a line that ends without a
    sentence's closing punctuation (no sentence around it)."""
    stripped = line.strip()
    if stripped == title.strip():
        return True
    body = stripped.rstrip("\"“”’'‘)] ")
    return not body or body[-1] not in _SENTENCE_CLOSERS


def _quote_spans(text: str, title: str) -> tuple[list[tuple[int, int, int, int]], set[int]]:
    """(opening mark, closing mark, paragraph start, paragraph end) of each quotation, in
    order. Double marks first: straight ones alternate; a curly opening mark while open starts
    again. Then single marks (‘...’ or '...', as British outlets quote) outside double-quoted
    words, told from apostrophes by what is either side of them. A quote left open at a
    paragraph's end runs on when the next paragraph opens with a mark of its kind. The title
    line is skipped; another heading line's quotes are read but never run on, and the starts
    of heading lines holding one are returned too."""
    spans: list[tuple[int, int, int, int]] = []
    headings: set[int] = set()
    singles = _single_marks(text)
    doubles = [m.start() for m in _DOUBLE_RE.finditer(text)]
    if not singles and not doubles:
        return spans, headings  # no quotation mark at all
    lines = [(m.start(), m.end()) for m in _LINE_RE.finditer(text)]
    d_open: int | None = None
    d_line = 0
    d_skip = False
    s_open: int | None = None
    s_line = 0
    s_skip = False
    k = 0  # the first single mark not yet read
    d = 0  # the first double mark not yet passed
    for n, (ls, le) in enumerate(lines):
        while d < len(doubles) and doubles[d] < ls:
            d += 1
        if (
            d_open is None
            and s_open is None
            and (d == len(doubles) or doubles[d] >= le)
            and (k == len(singles) or singles[k][0] >= le)
        ):
            continue  # no mark on the line and no quote open: most lines of an article
        heading = d_open is None and s_open is None and _is_heading(text[ls:le], title)
        if heading:
            if text[ls:le].strip() == title.strip():
                continue
            headings.add(ls)
        inside: list[tuple[int, int]] = []  # this line's double-quoted stretches
        j = d  # the line's double marks, found once above
        while j < len(doubles) and doubles[j] < le:
            pos = doubles[j]
            mark = text[pos]
            j += 1
            if d_skip:
                d_skip = False
                continue
            if d_open is None:
                if mark != "”" or _opens(text, pos, ls):
                    d_open, d_line = pos, ls
            elif mark == "“" and text[pos - 1 : pos] in (" ", "") and pos - d_open > 1:
                d_open, d_line = pos, ls  # an unclosed mark: start again here
            else:
                spans.append((d_open, pos, d_line, le))
                inside.append((max(d_open, ls), pos))
                d_open = None
        if d_open is not None:
            inside.append((max(d_open, ls), le))
        first = k
        while k < len(singles) and singles[k][0] < le:
            k += 1
        if k > first:
            marks = [m for m in singles[first:k] if not any(a <= m[0] < b for a, b in inside)]
            s_open, s_line, s_skip = _single_spans(
                text, ls, le, marks, (s_open, s_line, s_skip), spans
            )
        nxt = lines[n + 1] if n + 1 < len(lines) else None
        if d_open is not None:
            d_open, d_skip = _carry(text, d_open, d_line, le, nxt, '"“', heading, spans)
        if s_open is not None:
            s_open, s_skip = _carry(text, s_open, s_line, le, nxt, "'‘", heading, spans)
    spans.sort()
    kept: list[tuple[int, int, int, int]] = []
    for span in spans:
        if kept and span[0] <= kept[-1][1]:
            continue  # a quotation nested in another (or crossing it): the outer one counts
        kept.append(span)
    return kept, headings


def _single_marks(text: str) -> list[tuple[int, bool]]:
    """Every single mark that may open (True) or close (False) a quote, in order."""
    out = []
    n = len(text)
    for m in _SINGLE_RE.finditer(text):
        pos = m.start()
        before = text[pos - 1] if pos else " "
        after = text[pos + 1] if pos + 1 < n else " "
        if before in _OPEN_AFTER:
            if (
                m.group() != "’"
                and not after.isspace()
                and after not in "‘’'"
                and not after.isdigit()
            ):
                out.append((pos, True))
        elif before not in "‘’'" and m.group() != "‘" and after in _CLOSE_BEFORE:
            out.append((pos, False))
    return out


def _opens(text: str, pos: int, line_start: int) -> bool:
    """A closing-shaped mark that opens a quote: at a paragraph's start or after a space,
    before a word ("”Their aim is ...")."""
    return (pos == line_start or text[pos - 1].isspace()) and text[pos + 1 : pos + 2].isalnum()


def _single_spans(
    text: str,
    ls: int,
    le: int,
    marks: list[tuple[int, bool]],
    state: tuple[int | None, int, bool],
    spans: list[tuple[int, int, int, int]],
) -> tuple[int | None, int, bool]:
    """Pair one line's single quotation marks (offset, opens) outside its double-quoted
    stretches, adding spans. `state` (and the result) is the mark left open, the start of its
    paragraph, and whether this line's first mark continues it.
    A mark after "s" and before a word ("the players' union") closes only when no other
    closing mark follows in the line."""
    open_at, open_line, skip = state
    for k, (pos, opens) in enumerate(marks):
        if skip:
            skip = False
            if opens and pos == ls:
                continue
        if opens:
            if open_at is None:
                open_at, open_line = pos, ls
        elif open_at is not None:
            if text[pos - 1] == "s" and text[pos + 1 : pos + 3].strip()[:1].isalpha():
                if k + 1 < len(marks):
                    continue
            spans.append((open_at, pos, open_line, le))
            open_at = None
    return open_at, open_line, skip


def _carry(
    text: str,
    open_at: int,
    open_line: int,
    le: int,
    nxt: tuple[int, int] | None,
    marks: str,
    heading: bool,
    spans: list[tuple[int, int, int, int]],
) -> tuple[int | None, bool]:
    """A quote open at a paragraph's end: it runs on when the next paragraph opens with one of
    `marks`; else it is closed by the paragraph's end when it opens the paragraph (or follows
    a colon), or when it ends a sentence ("... as an icon, saying it “is not a threat.").
    Returns the mark still open and whether the next line's first mark is its continuation."""
    lead = text[open_line:open_at].strip()
    if heading:
        # a caption that names its speaker ("Airline spokesman: '...") runs to the line's end
        if lead.endswith(":") and len(lead.split()) <= _LABEL_WORDS:
            spans.append((open_at, le, open_line, le))
        return None, False
    if nxt is not None and text[nxt[0] : nxt[0] + 1] in marks:
        return open_at, True
    tail = text[open_at + 1 : le].rstrip()
    if (
        not lead
        or lead.endswith(":")
        or (
            marks[0] == '"'
            and text[open_at - 1 : open_at].isspace()
            and tail[-1:] in ".!?"
            and len(_WORD_RE.findall(tail)) >= _MIN_WORDS
        )
    ):
        spans.append((open_at, le, open_line, le))
    return None, False
