"""Figure extraction: every number, percentage, sum and date in one article.

Extraction is one linear pass: four precompiled scanners (possessive quantifiers, no nested
repetition), merged by position, find the core of each figure: a digit run, a run of number
words, a vague multiple ("dozens", "tens of thousands") or a date, and skip URLs and handles.
Everything else is read from a bounded window around that core with anchored patterns, so the
cost per figure is constant and the whole pass is linear in the text, even on a 2 MB line or a
5,000-digit number (numbers longer than 18 digits are skipped: they are ids, not figures, and
would overflow int<->str).

What a count counts (`counted`) is decided from its clause, in this order of trust:
1. a category word right after the noun phrase ("34,535 Palestinians have been killed",
   "77,704 wounded", "7,000 people are unaccounted for");
2. a category word at most three words before it, with no preposition in between that would
   attach the number to something else ("killed at least 34,356", "claimed the lives of over
   34,500", "death toll rose to 84"; but not "injured in 2 attacks");
3. the counted noun itself when it names a category ("253 hostages", "2.3 million residents");
4. the category of a neighbouring figure joined only by "and"/"or" ("killed 27 students and
   five teachers");
5. otherwise the counted noun lowercased ("soldiers"), or None.

Installs compile this module with mypyc (hatch_build.py): compiled code checks the annotations
as it runs, so they must be true, and a type mypy narrows (a field set to None, then changed by
a call) is trusted; tests/test_compiled.py compares the two builds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from reader.figures.vocabulary import (
    AUX,
    BLOCK_BEFORE,
    CATEGORY,
    COUNT_NOUNS_FOR_YEARS,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    DURATIONS,
    IRREGULAR_PLURALS,
    MEASURES,
    MONEY_SCALES,
    NOT_AFTER,
    NOUN_CATEGORY,
    ORDINAL_SUFFIXES,
    QUALIFIERS,
    SCALES,
    STOP,
    UNITS,
    VAGUE,
)
from reader.models import Article, FigureMention, FigureValue
from reader.text import MONTH_NUMBERS

_POP_BEFORE = re.compile(r"(?i)\b(?:population|nation|country|city|town|home)\s+(?:of|to)\s+$")

# --- the master pattern ---------------------------------------------------------------------

_MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR_RE = r"(?:1[89]|20)\d\d"


def _trie(words: Iterable[str]) -> str:
    """A regex alternation shaped as a trie, so the engine tries one branch per first letter."""
    tree: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        alts = [ch + emit(sub) for ch, sub in sorted(node.items()) if ch]
        optional = "" in node
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not optional else "(?:" + "|".join(alts) + ")"
        return body + ("?" if optional else "")

    return "(?:" + emit(tree) + ")"


def _trie_cased(words: Iterable[str]) -> str:
    """`(?i:_trie(words))` for lowercase words, with each first letter as a case-sensitive pair
    ("[tT](?i:en|wo)"): the engine tests a branch's leading class before entering it, which it
    cannot do for a case-insensitive letter, so a failing position costs one test per branch."""
    tails: dict[str, list[str]] = defaultdict(list)
    for w in words:
        tails[w[0]].append(w[1:])
    return (
        "(?:"
        + "|".join(f"[{ch}{ch.upper()}](?i:{_trie(ts)})" for ch, ts in sorted(tails.items()))
        + ")"
    )


_NUMWORDS = [*UNITS, "hundred", "thousand", "million", "billion", "trillion", "dozen"]
_NUMWORD_RE = _trie(_NUMWORDS)
# Four scanners, each with a cheap first-character test, merged by position: one pattern with
# all of them as alternatives would try every branch at every character and run 5x slower.
# _SKIP opens with one character class (every possible first character) so the engine skips
# ahead with its fast class scan instead of trying every branch at every offset; the branches
# then check which character it was with one-character lookbehinds. It finds exactly the spans
# of the plain alternation (URL prefixes | [@#] handle | escape sequences), 2.5x faster.
_SKIP = re.compile(
    r"[hwp@#\x1b](?:(?<=h)ttps?://\S*+|(?<=w)ww\.\S*+|(?<=p)ic\.twitter\.com/\S*+"
    r"|(?<=[@#])(?<![\w@#].)[\w.]++"
    # Terminal escape sequences (CSI colours and cursor moves, OSC links and clipboard
    # writes) carry parameters that are not figures: "\x1b]52;c;…", "\x1b[31m".
    r"|(?<=\x1b)(?:\[[0-?]*+[ -/]*+[@-~]?|\][^\x07\x1b]*+(?:\x07|\x1b\\)?|.))"
)


def _bmp_class(pattern: str) -> str:
    """The BMP characters one-character `pattern` matches, as character class ranges."""
    one = re.compile(pattern)
    ranges: list[list[int]] = []
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF or not one.fullmatch(chr(cp)):
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(
        re.escape(chr(lo)) + ("" if lo == hi else "-" + re.escape(chr(hi))) for lo, hi in ranges
    )


_DECIMALS = _bmp_class(r"\d")
# Led by one character class of every possible first character (the decimal digits as BMP
# ranges, "(", "+" and every astral character, where a few more digits live), so the engine
# skips ahead with its fast class scan instead of entering the pattern at every offset (as a
# leading lookahead or `\d`, a category test, would); each branch then re-checks that first
# character with a one-character lookbehind, and the empty groups `phone`, `iso`, `dmy` and
# `num` mark the branch. It finds exactly the matches of the plain alternation
# (?=[\d(+])(?:(?P<phone>...)|...|(?<!...)(?P<num>...)(?P<suf>...)?+(?!...)),
# 3x faster. `num` ends where the number ends; `dmy_d` lacks the day's first digit.
_DIGITS = re.compile(
    rf"""
    [{_DECIMALS}(+\U00010000-\U0010ffff](?:
      (?<![\w+(].)(?:(?<=\+)\d{{1,3}}[\s.-]\(?\d{{3}}\)?[\s.-]\d{{3}}[\s.-]\d{{4}}
        |(?<=\()\d{{3}}\)?[\s.-]\d{{3}}[\s.-]\d{{4}}|(?<=\d)\d{{2}}\)?[\s.-]\d{{3}}[\s.-]\d{{4}}
        |(?<=\+)\d{{1,3}}(?:[ .-]\d{{1,5}}){{2,5}}|(?<=0)\d{{2,4}}[ .-]\d{{2,4}}[ .-]\d{{2,4}})
        (?![\w-])(?P<phone>)
    | (?<![\w.\-/].)(?:(?<=1)[89]|(?<=2)0)\d\d-(?P<iso_m>0[1-9]|1[0-2])
        -(?P<iso_d>0[1-9]|[12]\d|3[01])(?![\d\-/])(?P<iso>)
    | (?<![\w.,\-/].)(?P<dmy_d>(?:(?<=[12])\d|(?<=3)[01]|(?<=0)[1-9]|(?<=[1-9]))
        (?:st|nd|rd|th)?)[ \t]{{1,3}}(?:of[ \t]{{1,3}})?
        (?P<dmy_m>{_MONTH_RE})\b\.?(?:,?[ \t]{{1,3}}(?P<dmy_y>{_YEAR_RE})\b(?![,.]?\d))?(?P<dmy>)
    | (?<=\d)(?<![\w@#/.:=\-,+&*^~\\].)(?:\d{{0,2}}(?:,\d{{3}})++(?:\.\d++)?+(?![,.]\d)
        |\d*+(?:\.\d++)?+(?!\.\d|,\d))(?P<num>)(?P<suf>[^\W\d_]{{1,12}})?+(?![/:]\w|[\w@]|-\d)
    )""",
    re.VERBOSE,
)
# The month name with its first letter as one leading character class, so the engine only
# enters the pattern at those capitals; lookbehinds then say which letter it was. The day and
# month-year forms share the month group `mon`; the empty groups `mdy` and `my` mark the form.
# Only one spelling of a month can be followed by ".", "," or a blank, so factoring the month
# out of the two forms finds exactly the same matches as trying each form with every spelling.
_MONTH_TAIL = (
    r"(?:(?<=J)(?:an(?:uary)?|une?|uly?)|(?<=F)eb(?:ruary)?|(?<=M)(?:ar(?:ch)?|ay)"
    r"|(?<=A)(?:pr(?:il)?|ug(?:ust)?)|(?<=S)ept?(?:ember)?|(?<=O)ct(?:ober)?"
    r"|(?<=N)ov(?:ember)?|(?<=D)ec(?:ember)?)"
)
_MONTH_DATES = re.compile(
    rf"""
    (?P<mon>[JFMASOND](?<!\w.){_MONTH_TAIL})(?:
      \.?[ \t]{{1,3}}(?P<mdy_d>{_DAY_RE})\b(?!:\d|,\d)
        (?:,?[ \t]{{1,3}}(?P<mdy_y>{_YEAR_RE})\b(?![,.]?\d))?(?P<mdy>)
    | \.?,?[ \t]{{1,3}}(?P<my_y>{_YEAR_RE})\b(?![,.]?\d)(?P<my>)
    )""",
    re.VERBOSE,
)
_A_SCALES = ("dozen", "hundred", "thousand", "million", "billion")  # "a dozen", "a million"
# The branches open with case-sensitive letter pairs (see `_trie_cased`) rather than inside one
# (?i:...): same matches as `\b(?i:(?P<vague>...)\b|(?P<word>...)\b)`, 12% faster. The empty
# group `vague` marks a vague multiple; the match itself is the text.
_WORDS = re.compile(
    rf"""
    (?=[otfsenhdmbazOTFSENHDMBAZ])\b(?:
      (?:[tT](?i:ens|housands)|[dD](?i:ozens)|[sS](?i:cores)|[hH](?i:undreds)|[mM](?i:illions)
        |[bB](?i:illions))(?i:[ \t]{{1,3}}of[ \t]{{1,3}}(?:thousands|millions|billions))?\b
        (?P<vague>)
    | (?:[aA](?i:[ \t]{{1,3}}(?={"|".join(_A_SCALES)}){_NUMWORD_RE})
        |{_trie_cased(_NUMWORDS)})
        (?i:(?:[ \t]{{1,3}}|-|[ \t]{{1,3}}and[ \t]{{1,3}}){_NUMWORD_RE}\b){{0,6}}\b
    )""",
    re.VERBOSE,
)

# Where a number word can start: every word `_WORDS` opens with, less those another one
# begins ("six" finds "sixteen" and "sixty"), looked for with `str.find` in the lowercased text.
_WORD_STARTS = {*_NUMWORDS, *VAGUE}
_WORD_NEEDLES = tuple(
    sorted(w for w in _WORD_STARTS if not any(o != w and w.startswith(o) for o in _WORD_STARTS))
)


def _word_scans(text: str) -> list[re.Match[str]]:
    """`_WORDS.finditer(text)`, 1.7x faster: the pattern is tried only where a number word's
    letters occur (and at the "a" of "a dozen"), not at every letter of the text."""
    low = text.lower()
    # Lowercasing must keep offsets, and the pattern's case-insensitive letters also match
    # "ſ" (s) and "ı" (i), which lowercase to themselves: then scan the plain way.
    if len(low) != len(text) or "ſ" in text or "ı" in text:
        return list(_WORDS.finditer(text))
    starts = []
    for needle in _WORD_NEEDLES:
        i = low.find(needle)
        while i >= 0:
            starts.append(i)
            i = low.find(needle, i + 1)
    for scale in _A_SCALES:
        i = low.find(scale)
        while i >= 0:
            starts.extend(j for j in (i - 2, i - 3, i - 4) if j >= 0 and low[j] == "a")
            i = low.find(scale, i + 1)
    starts.sort()
    found = []
    end = 0
    for start in starts:
        if start >= end and (m := _WORDS.match(text, start)):
            found.append(m)
            end = m.end()
    return found


_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w'’\-]*|\d[\d,.]*|[^\s\w]")
_QUALIFIER_BEFORE = re.compile(
    r"(?i)(?<![\w-])(?P<q>at\s+least|at\s+most|more\s+than|fewer\s+than|less\s+than|no\s+more"
    r"\s+than|no\s+fewer\s+than|as\s+many\s+as|up\s+to|in\s+excess\s+of|upwards\s+of|close\s+"
    r"to|just\s+over|well\s+over|just\s+under|nearly|almost|over|some|about|around|approx\.|"
    r"approximately|roughly|an\s+estimated|estimated|circa)\s{1,3}$"
)
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![\w])(?:US|U\.S\.|A|C|NZ|HK|S|R)?\$|€|£|¥|₹|₪|(?<![\w])(?:USD|EUR|GBP|Rs\.?)[ \t]?)"
    r"[ \t]?$"
)
_SCALE_AFTER = re.compile(
    r"(?i)(?:[ \t]{1,2}|-)?(?P<s>thousand|million|billion|trillion|bn|mn|tn)\b"
)
_PERCENT_AFTER = re.compile(
    r"(?i)(?:[ \t]?%|[ \t]{1,2}per[ \t]?cent\b|[ \t]{1,2}percent\b|[ \t]{1,2}pc\b)"
    r"(?P<pts>[ \t]{1,2}points?\b)?|[ \t]{1,2}percentage[ \t]{1,2}points?\b"
)
_CURRENCY_AFTER = re.compile(
    r"(?i)[ \t]{1,2}(?P<c>dollars?|euros?|yuan|yen|rupees|roubles|rubles|shekels|pounds"
    r"[ \t]sterling)\b"
)
_COMPOUND_AFTER = re.compile(r"-(?P<w>[a-z]+)(?:-(?P<w2>old))?\b")
_UNIT_AFTER = re.compile(r"[ \t]{1,2}(?P<w>[A-Za-z]+)(?P<old>[ \t]old\b)?")
_TIME_AFTER = re.compile(r"(?i)[ \t]?(?:[ap]\.m\.|[ap]m\b|h\b|hrs\b|GMT\b|ET\b|EST\b|BST\b)")
_LIST_MARKER_AFTER = re.compile(r"[.)][ \t]")
_AGE_BEFORE = re.compile(r"(?:\b[^\W\d_]{2,},[ \t]|\baged?[ \t]|\bages[ \t])$")
# A capitalised word right before a bare number names a model, game or lap ("Falcon 9",
# "Game 7", "Apollo 11"), unless the word is one that starts clauses.
_DESIGNATOR_BEFORE = re.compile(r"(?<![.!?:\n\"“] )(?<![.!?:\n\"“])\b([A-Z][\w'’-]*)[ \t]$")
_CLAUSE_WORDS = frozenset(
    "The A An In On At Of For And But Or Only All Some About Over Another Those These Its His "
    "Her Their Our Says Said Say Has Have Had Was Were Is Are By With From To As Than Nearly "
    "Almost Around Just Least Another Top Of Then When While After Before Since Until Including "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday Between".split()
)
_AGE_AFTER = re.compile(r"(?:[,;)]|[ \t]and\b|\.(?:\s|$)|$)")
_NO_BEFORE = re.compile(
    r"(?i)(?:\bNo\.?|\bnumber|\bNr\.?|\bpage|\bp\.|\bchapter|\bpart|\bstep"
    r"|\bphase|\broute|\bflight|\bseason|\broom|\bgate|\bplatform|\bline"
    r"|\bcaption|\bepisode|\bversion|\bv\.?|\bissue|\bvol\.?|\barticle"
    r"|\bsection|\bresolution|\bgrade|\bCategory)[ \t]$"
)
_OF_TOTAL_BEFORE = re.compile(r"\d[ \t]+of[ \t]$")
_OF_TOTAL_AFTER = re.compile(r"[ \t]of[ \t]\d")
_RANGE_GAP = re.compile(r"[ \t]*(?:to|-|–|and)[ \t]*$")
_RANGE_START = re.compile(r"(?i)\b(?:between|from)[ \t]+$")
# After a number word with no plural noun of its own, words that still make it a count:
# "four other people", "five of the dead", "two of those 80", "two were injured", "three died".
_WORD_COUNT_AFTER = re.compile(
    r"(?i)[ \t]{1,2}(?:(?:other|more|further|additional)[ \t]{1,2}(?P<more>[A-Za-z]+)"
    r"|of[ \t]{1,2}(?:the|those|these)[ \t]{1,2}(?P<of>\d|[A-Za-z]+)"
    r"|(?:(?:were|are|was|is|have|has|had|remain|remained)[ \t]{1,2}(?:been[ \t]{1,2})?"
    r"(?:(?:also|now|reportedly|critically|seriously|badly|slightly)[ \t]{1,2})?)?"
    r"(?P<event>[A-Za-z]+))"
)
# "the death toll rose to at least six": a number word after a rise is the count risen to.
_RISE_TO_BEFORE = re.compile(
    r"(?i)\b(?:rose|risen|rising|climbed|jumped|increased|grew|grown|reached|climbing)"
    r"(?:[ \t]{1,2}to)?[ \t]{1,2}$"
)
# "N lives" is a death toll only after a verb of losing them: "claimed more than 20,000
# lives", "cost 50 lives", "took the lives of"; not "saved 100 lives", "shattered 100 lives".
_LIVES_TAKEN_BEFORE = re.compile(
    r"(?i)\b(?:claim(?:s|ed|ing)?|t(?:ook|ake|akes|aken|aking)|cost(?:s|ing)?|los(?:t|e|es|ing)"
    r"|end(?:s|ed|ing)?)[ \t]+(?:[\w'’-]+[ \t]+){0,3}$"
)
_SEVERAL_BEFORE = re.compile(r"(?i)(?<![\w-])(?:several|a[ \t]+few)[ \t]{1,3}$")
_BOUNDARY = re.compile(r"[.;:!?\n—–()\[\]\"“”,]")
# A full stop ends a sentence unless it closes an abbreviation ("10 U.S. citizens").
_SENTENCE_BOUNDARY = re.compile(r"[;:!?\n—–()\[\]\"“”]|(?<![A-Z])\.|\.(?=\s+[A-Z\"“]|\s*$)")

_MAX_DIGITS = 18
_WINDOW = 120


@dataclass(slots=True)
class _Draft:
    """A figure under construction, with the clause facts used to decide what it counts."""

    start: int
    end: int
    core_start: int
    value: FigureValue
    unit: str
    kind: str
    qualifier: str | None = None
    counted: str | None = None
    subject: str | None = None
    subject_end: int = -1
    head: str | None = None
    from_after: bool = False
    scale: int = 1
    plain: bool = False


# --- small helpers ------------------------------------------------------------------------


def _to_number(raw: str, scale: int = 1) -> int | float | None:
    """Parse '34,356' / '2.3' times `scale` exactly; None when it is too long to be a figure."""
    digits = raw.replace(",", "")
    if len(digits.split(".")[0]) > _MAX_DIGITS:
        return None
    try:
        d = Decimal(digits) * scale
    except InvalidOperation:
        return None
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def _words_value(words: str) -> int | None:
    """Value of a run of number words ("two million", "twenty-five", "a dozen")."""
    total = 0
    current = 0
    seen = False
    for w in re.split(r"[\s\-]+", words.lower()):
        if w in ("and", "a", ""):
            if w == "a":
                current = max(current, 1)
            continue
        if w in UNITS:
            current += UNITS[w]
            seen = True
        elif w in ("hundred", "dozen"):
            current = max(current, 1) * (100 if w == "hundred" else 12)
            seen = True
        elif w in SCALES:
            total += max(current, 1) * SCALES[w]
            current = 0
            seen = True
    return total + current if seen else None


def _is_plural(word: str) -> bool:
    """True when `word` looks like a plural noun ("soldiers", "Israelis", "people")."""
    low = word.lower()
    if low in IRREGULAR_PLURALS:
        return True
    if word.isupper() or len(low) < 4 or not low.endswith("s"):
        return False
    if low.endswith(("ss", "us", "ous")):
        return False
    if word[0].isupper():
        # Capitalised plurals are demonyms ("Palestinians", "Israelis", "Lebanese"); other
        # capitalised words ending in -s are names ("Parsons", "Reuters").
        return low.endswith(("ans", "is", "ese"))
    return low not in {
        "this",
        "was",
        "has",
        "its",
        "yes",
        "news",
        "always",
        "perhaps",
        "whereas",
        "besides",
        "towards",
        "afterwards",
        "sometimes",
    }


def _month(name: str) -> int:
    return MONTH_NUMBERS[name[:3].lower()]


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _article_date(article: Article) -> date | None:
    """The article's publication date, or None when unknown or unparsable."""
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", article.date or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2) or 6), int(m.group(3) or 15))
    except ValueError:
        return None


def _infer_year(month: int, day: int, pub: date | None) -> str:
    """ISO value for a month-day: the publication year, or the previous one when the date
    would fall more than about two months after publication; '--MM-DD' when undated."""
    if pub is None:
        return f"--{month:02d}-{day:02d}"
    year = pub.year
    if not _valid_day(year, month, day):
        # February 29th in a non-leap year: the only fix is a leap year nearby.
        year = year - (year % 4) if _valid_day(year - (year % 4), month, day) else year
        if not _valid_day(year, month, day):
            return f"--{month:02d}-{day:02d}"
    if date(year, month, day) > pub + timedelta(days=62):
        year -= 1
        if not _valid_day(year, month, day):
            return f"--{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


# --- clause reading -------------------------------------------------------------------------


def _clause_before(text: str, start: int, floor: int) -> str:
    """The text from the last clause boundary (or `floor`) up to `start`, at most _WINDOW chars."""
    lo = max(floor, start - _WINDOW, 0)
    chunk = text[lo:start]
    last = -1
    for m in _BOUNDARY.finditer(chunk):
        last = m.end()
    return chunk[last:] if last >= 0 else chunk


def _trigger_before(text: str, start: int, floor: int) -> str | None:
    """A category word at most three words before the figure, not cut off by a preposition."""
    if _POP_BEFORE.search(text, max(floor, start - 40, 0), start):
        return "population"
    tokens: list[str] = _TOKEN.findall(_clause_before(text, start, floor))
    for dist, tok in enumerate(reversed(tokens[-4:])):
        low = tok.lower()
        cat = CATEGORY.get(low)
        if cat is not None and cat != "population":
            return cat
        if low in BLOCK_BEFORE or dist >= 3:
            return None
    return None


def _read_after(text: str, pos: int, d: _Draft) -> None:
    """Read the noun phrase after the figure and a category word that follows it."""
    window = text[pos : pos + _WINDOW]
    cut = _SENTENCE_BOUNDARY.search(window)
    if cut is not None:
        window = window[: cut.start()]
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(window)]
    n = len(tokens)
    # "hundreds of women", "dozens of the wounded": the noun follows "of".
    i = 1 if n > 1 and tokens[0][0].lower() == "of" else 0
    if i and tokens[1][0].lower() in ("the", "those", "these"):
        i = 2
    first = i
    # The noun phrase: content words up to the first plural head, optionally "X and Y".
    np_start = np_end = -1
    head: str | None = None
    content = 0
    while i < n and content < 4:
        tok, s, e = tokens[i]
        low = tok.lower()
        # "US", "UK" in capitals name a country, not the pronoun "us" ("10 US citizens").
        stop = low in STOP and not (tok.isupper() and len(tok) > 1)
        if not tok[0].isalpha() or stop or low in CATEGORY and low not in NOUN_CATEGORY:
            break
        if low in UNITS or low in SCALES or low in VAGUE:
            break
        if np_start < 0:
            np_start = s
        content += 1
        if _is_plural(tok) or low in NOUN_CATEGORY:
            head = tok
            np_end = e
            i += 1
            # Coordinated plural: "soldiers and civilians".
            if (
                i + 1 < n
                and tokens[i][0].lower() in ("and", "or")
                and tokens[i + 1][0][0].isalpha()
                and _is_plural(tokens[i + 1][0])
                and tokens[i + 1][0].lower() not in CATEGORY
            ):
                np_end = tokens[i + 1][2]
                i += 2
            break
        i += 1
    if head is None:
        # A single singular noun ("1 worker injured") still names what is counted.
        if np_start >= 0 and content == 1 and tokens[first][0][0].islower() and not first:
            head = tokens[0][0]
            np_end = tokens[0][2]
            i = 1
        else:
            i = first
            np_start = -1
    if head is not None:
        d.subject = window[np_start:np_end]
        d.subject_end = pos + np_end
        d.head = head.lower()
    # Skip a parenthetical ", including 10 children," and auxiliaries, then look for a category.
    skipped = 0
    while i < n and skipped < 6:
        tok, s, e = tokens[i]
        low = tok.lower()
        if tok == ",":
            rest = window[e:].lstrip().lower()
            if rest.startswith(("including", "among them", "mostly", "many of them", "most of")):
                nxt = window.find(",", e + 1)
                if nxt < 0:
                    return
                while i < n and tokens[i][1] <= nxt:
                    i += 1
                skipped += 1
                continue
            if i + 1 < n and tokens[i + 1][0].lower() in AUX:
                i += 1
                skipped += 1
                continue
            return
        if low in CATEGORY and low not in NOT_AFTER:
            d.counted = CATEGORY[low]
            d.from_after = True
            return
        if low in AUX or low in ("for", "on", "as", "by", "in"):
            # "confirmed as having died" reads on; "for", "by", "in" attach to something else.
            if low in ("for", "on", "by", "in"):
                return
            i += 1
            skipped += 1
            continue
        return


def _resolve_ranges(drafts: list[_Draft], text: str) -> None:
    """Give the first number of a range the unit, scale and noun of the second.

    "12 to 14 per cent", "250 to 270 million miles", "between 2,000 and 8,000 pounds",
    "70 to 80 applicants": the first number is written bare but means the same kind of thing.
    """
    for a, b in zip(drafts, drafts[1:], strict=False):
        if not a.plain or a.unit != "count" or a.subject is not None or b.kind == "date":
            continue
        gap = _RANGE_GAP.match(text, a.end, b.start)
        if gap is None or gap.end() != b.start:
            continue
        if "and" in gap.group() and not _RANGE_START.search(text, max(0, a.start - 10), a.start):
            continue
        if b.scale > 1 and isinstance(a.value, (int, float)):
            scaled = _to_number(str(a.value), b.scale)
            a.value = scaled if scaled is not None else a.value
        a.unit, a.kind = b.unit, b.kind
        a.subject = b.subject
        a.counted = a.counted or b.counted
        if b.unit not in ("count", "percent"):
            a.counted = None


def _resolve(drafts: list[_Draft], text: str) -> None:
    """Fill `counted` from neighbours joined by a bare conjunction, then from the head noun."""
    conj = re.compile(r"(?i)\s*,?\s*(?:and|or|plus|as\s+well\s+as)\s*$")
    for a, b in zip(drafts, drafts[1:], strict=False):
        if a.kind != "count" or b.kind != "count" or a.subject_end < 0:
            continue
        if b.start - a.subject_end > 20 or not conj.match(text, a.subject_end, b.start):
            continue
        if b.counted is None and a.counted is not None and not a.from_after:
            b.counted = a.counted
        elif a.counted is None and b.counted is not None and b.from_after:
            a.counted = b.counted
    for d in drafts:
        if d.kind == "count" and d.counted is None and d.head is not None:
            d.counted = NOUN_CATEGORY.get(d.head, d.head)
            if d.head == "lives" and not _LIVES_TAKEN_BEFORE.search(
                text, max(0, d.start - 40), d.start
            ):
                d.counted = "lives"  # "saved 100 lives", "shattered 100 lives": not a toll


# --- extraction -----------------------------------------------------------------------------


def _is_designator(text: str, start: int) -> bool:
    """True for the bare number of a name: "Falcon 9", "Game 7", "Lap 44", "Stage 2"."""
    m = _DESIGNATOR_BEFORE.search(text, max(0, start - 30), start)
    return (
        m is not None
        and m.group(1) not in _CLAUSE_WORDS
        and m.group(1)[:3]
        not in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    )


def _merge_spans(spans: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _overlaps(starts: list[int], ends: list[int], s: int, e: int) -> bool:
    i = bisect_right(starts, e - 1) - 1
    return i >= 0 and ends[i] > s


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    """The normalised qualifier right before `start`, and where it begins."""
    m = _QUALIFIER_BEFORE.search(text, max(0, start - 24), start)
    if m is None:
        return None, start
    raw = re.sub(r"\s+", " ", m.group("q").lower())
    return QUALIFIERS.get(raw), m.start()


def _date_draft(m: re.Match[str], pub: date | None) -> _Draft | None:
    s, e = m.span()
    text = m.string
    if m.re is _DIGITS and m.group("iso") is not None:
        y, mo, dd = int(text[s : s + 4]), int(m.group("iso_m")), int(m.group("iso_d"))
        if not _valid_day(y, mo, dd):
            return None
        return _Draft(s, e, s, f"{y:04d}-{mo:02d}-{dd:02d}", "date", "date")
    if m.re is _MONTH_DATES and m.group("my") is not None:
        mo, y = _month(m.group("mon")), int(m.group("my_y"))
        return _Draft(s, e, s, f"{y:04d}-{mo:02d}", "date", "date")
    if m.re is _MONTH_DATES:
        mname, draw, yraw = m.group("mon"), m.group("mdy_d"), m.group("mdy_y")
    else:
        mname, draw, yraw = m.group("dmy_m"), text[s : m.end("dmy_d")], m.group("dmy_y")
    if not yraw and len(mname) > 4 and text.endswith(".", s, e):
        e -= 1  # the full stop after "31 October." ends the sentence; it abbreviates nothing
    mo = _month(mname)
    dd = int(draw.rstrip("stndrh"))
    if yraw:
        y = int(yraw)
        if not _valid_day(y, mo, dd):
            return None
        return _Draft(s, e, s, f"{y:04d}-{mo:02d}-{dd:02d}", "date", "date")
    if not _valid_day(2000, mo, dd):
        return None
    return _Draft(s, e, s, _infer_year(mo, dd, pub), "date", "date")


def _number_draft(m: re.Match[str], text: str, floor: int) -> _Draft | None:
    """Classify a digit run: money, percent, measure, duration, age, year, count, or nothing."""
    s = m.start()
    raw = text[s : m.end("num")]
    suf = (m.group("suf") or "").lower()
    end = m.end()
    scale = 1
    currency: str | None = None
    unit = "count"
    kind = "count"
    subject: str | None = None

    cm = _CURRENCY_BEFORE.search(text, max(0, s - 6), s)
    if cm is not None:
        sign = cm.group().strip().rstrip(".").upper()
        currency = next((c for k, c in CURRENCY_SIGNS.items() if k in sign), None)
        currency = currency or {"USD": "USD", "EUR": "EUR", "GBP": "GBP", "RS": "INR"}.get(
            sign, "USD"
        )
    if suf:
        if suf in SCALES:
            scale = SCALES[suf]
        elif currency and suf in MONEY_SCALES:
            scale = MONEY_SCALES[suf]
        elif suf in ORDINAL_SUFFIXES:
            return None  # ordinals ("32nd floor") rank things; they do not count them
        elif suf in MEASURES:
            unit, kind, subject = MEASURES[suf], "other", suf
        else:
            return None  # "5G", "6e1", "3D": codes, not figures
    if scale == 1 and unit == "count":
        sm = _SCALE_AFTER.match(text, end)
        if sm is not None:
            scale = SCALES[sm.group("s").lower()]
            end = sm.end()
    if len(raw) > 1 and raw[0] == "0" and raw[1] != ".":
        return None  # "0033", "0207": dialling codes and ids, not quantities
    if _OF_TOTAL_BEFORE.search(text, max(0, s - 16), s) or _OF_TOTAL_AFTER.match(text, end):
        return None  # "18 of 25" numbers a sequence (captions, slides), it counts nothing
    value = _to_number(raw, scale)
    if value is None:
        return None
    if unit == "count":
        pm = _PERCENT_AFTER.match(text, end)
        if pm is not None and currency is None:
            end = pm.end()
            pts = pm.group("pts") or "percentage" in pm.group().lower()
            unit, kind = ("percentage points" if pts else "percent"), "percent"
    if unit == "count" and currency is None:
        cw = _CURRENCY_AFTER.match(text, end)
        if cw is not None:
            currency = CURRENCY_WORDS.get(cw.group("c").lower(), "USD")
            end = cw.end()
    if currency is not None:
        unit, kind, subject = "money", "money", currency
    plain = scale == 1 and not suf and unit == "count"
    if plain:
        if _TIME_AFTER.match(text, end) or text.startswith(":", end):
            return None  # a clock time
        if _NO_BEFORE.search(text, max(0, s - 12), s):
            return None  # "No. 2", "Caption 17", "flight 9525": labels, not counts
        line_start = text.rfind("\n", max(0, s - 4), s) + 1 if s else 0
        if (s == 0 or line_start and not text[line_start:s].strip()) and _LIST_MARKER_AFTER.match(
            text, end
        ):
            return None  # list marker
        cp = _COMPOUND_AFTER.match(text, end)
        if cp is not None:
            w = cp.group("w")
            if w == "year" and cp.group("w2"):
                unit, kind, subject, end = "age", "other", "years", cp.end()
            elif w in DURATIONS:
                unit, kind, subject, end = "duration", "other", DURATIONS[w], cp.end("w")
            elif w in MEASURES:
                unit, kind, subject, end = MEASURES[w], "other", w, cp.end("w")
            else:
                return None  # "3-0 win", "5-star": ratings and scores
        else:
            um = _UNIT_AFTER.match(text, end)
            w = um.group("w").lower() if um else ""
            if w in ("year", "years") and um is not None and um.group("old"):
                unit, kind, subject, end = "age", "other", "years", um.end()
            elif w in DURATIONS:
                unit, kind, subject = "duration", "other", DURATIONS[w]
            elif w in MEASURES and w not in ("m", "mp", "degree"):
                unit, kind, subject = MEASURES[w], "other", um.group("w") if um else w
            elif (
                "," not in raw
                and "." not in raw
                and len(raw) <= 3
                and int(raw) <= 120
                and _AGE_BEFORE.search(text, max(0, s - 20), s)
                and _AGE_AFTER.match(text, end)
            ):
                unit, kind = "age", "other"
    d = _Draft(s, end, s, value, unit, kind, subject=subject, scale=scale, plain=plain)
    qual, qstart = _qualifier(text, cm.start() if cm is not None else s)
    if qstart >= floor:
        d.qualifier, d.start = qual, qstart
    elif cm is not None:
        d.start = cm.start()
    if cm is not None and d.qualifier is None:
        d.start = cm.start()
    if (
        plain
        and unit == "count"
        and d.qualifier is None
        and len(raw) == 4
        and 1800 <= value <= 2100  # type: ignore[operator]
    ):
        um = _UNIT_AFTER.match(text, end)
        w = um.group("w") if um else ""
        demonym = w[:1].isupper() and w.endswith(("ans", "ians", "ese", "is"))
        if not (w.lower() in COUNT_NOUNS_FOR_YEARS or demonym):
            d.unit = d.kind = "year"
    return d


def _word_draft(m: re.Match[str], text: str) -> _Draft | None:
    """A run of number words, kept only where it clearly counts something."""
    s, e = m.span()
    if m.group("vague") is not None:
        words = m.group().lower().split()
        lower = VAGUE[words[0]] * 2
        if len(words) > 1:
            lower *= VAGUE[words[-1]]
        # "dozens" means at least two dozen: a lower bound, not an estimate.
        return _Draft(s, e, s, lower, "count", "count", qualifier="at least")
    raw = m.group()
    low = raw.lower()
    value = _words_value(low)
    if value is None:
        return None
    has_scale = any(w in low for w in ("hundred", "thousand", "million", "billion", "dozen"))
    sm = _SCALE_AFTER.match(text, e)
    end = e
    unit, kind = "count", "count"
    subject: str | None = None
    pm = _PERCENT_AFTER.match(text, end)
    um = _UNIT_AFTER.match(text, end)
    nxt = um.group("w") if um else ""
    if sm is not None:
        end = sm.end()
    if pm is not None:
        end = pm.end()
        unit = kind = "percent"
    elif nxt.lower() in ("year", "years") and um is not None and um.group("old"):
        unit, kind, subject, end = "age", "other", "years", um.end()
    elif nxt.lower() in DURATIONS:
        unit, kind, subject = "duration", "other", DURATIONS[nxt.lower()]
    elif nxt.lower() in ("times",):
        subject = nxt
    elif has_scale:
        pass
    elif low in ("one", "a"):
        return None  # "one of", "no one": too rarely a count to be worth the noise
    elif not nxt or not (
        (nxt.lower() not in STOP and (_is_plural(nxt) or _second_plural(text, um)))
        or _counts_people(text, end)
        or _risen_to(text, s)
    ):
        return None
    d = _Draft(s, end, s, value, unit, kind, subject=subject)
    sev = _SEVERAL_BEFORE.search(text, max(0, s - 12), s) if has_scale else None
    if sev is not None:
        # "several hundred" is at least two hundred, like "hundreds".
        d.start, d.value, d.qualifier = sev.start(), value * 2, "at least"
    else:
        d.qualifier, d.start = _qualifier(text, s)
    return d


def _counts_people(text: str, end: int) -> bool:
    """True when the words after a number word show it counts without a plural noun of its
    own: "four other people", "five of the dead", "two of those 80 people", "two were
    injured", "three died"."""
    m = _WORD_COUNT_AFTER.match(text, end)
    if m is None:
        return False
    if m.group("more") is not None:
        return _is_plural(m.group("more"))
    if m.group("of") is not None:
        w = m.group("of")
        return w[0].isdigit() or _is_plural(w) or w.lower() in CATEGORY
    event = m.group("event").lower()
    return CATEGORY.get(event, "population") != "population" and event not in NOT_AFTER


def _risen_to(text: str, start: int) -> bool:
    """True when a rise verb comes right before the number (and its qualifier): "the toll
    rose to at least six"."""
    begin = _qualifier(text, start)[1]
    return _RISE_TO_BEFORE.search(text, max(0, begin - 24), begin) is not None


def _second_plural(text: str, um: re.Match[str] | None) -> bool:
    """True for "two Costa Rican pilots", "three French fighters": one or two modifiers first."""
    if um is None:
        return False
    pos = um.end()
    for _ in range(2):
        nm = _UNIT_AFTER.match(text, pos)
        if nm is None:
            return False
        w = nm.group("w")
        if w.lower() in STOP:
            return False
        if _is_plural(w):
            return True
        pos = nm.end()
    return False


def extract_figures(article: Article) -> list[FigureMention]:
    """Return every figure in `article` outside boilerplate, ordered by offset.

    Each mention's span covers qualifier, currency, number and scale or percent word, so
    `mention.text == article.text[mention.start:mention.end]`. Never raises on any text.
    """
    text = article.text if isinstance(article.text, str) else ""
    pub = _article_date(article)
    b_starts, b_ends = _merge_spans(article.boilerplate)
    drafts: list[_Draft] = []
    floor = 0
    last_end = 0
    skip_end = 0
    # Every scan's matches in text order; the sort is stable, so at one offset they come in
    # the order of the scans (a skip first), as a merge of the four would give them.
    scans = [*_SKIP.finditer(text), *_DIGITS.finditer(text), *_MONTH_DATES.finditer(text)]
    scans += _word_scans(text)
    scans.sort(key=re.Match.start)
    for m in scans:
        if m.start() < max(last_end, skip_end):
            continue  # inside a URL or handle, or already read ("2.3 million")
        if m.re is _SKIP:
            floor = skip_end = m.end()
            continue
        try:
            if m.re is _DIGITS and m.group("phone") is not None:
                floor = skip_end = m.end()
                continue
            if m.re is _DIGITS and m.group("num") is not None:
                d = _number_draft(m, text, floor)
            elif m.re is _WORDS:
                d = _word_draft(m, text)
            else:
                d = _date_draft(m, pub)
        except (ValueError, OverflowError, KeyError, IndexError):
            d = None  # a malformed figure is skipped, never fatal
        if d is None:
            continue
        if d.start < floor:
            # The qualifier found belongs to the previous figure's text.
            d.start, d.qualifier = d.core_start, None
        if b_starts and _overlaps(b_starts, b_ends, d.start, d.end):
            floor = d.end
            continue
        if d.kind == "count":
            d.counted = _trigger_before(text, d.start, floor)
            if d.unit == "count":
                _read_after(text, d.end, d)  # a category word after wins over one before
                if d.subject and d.subject.lower() == "times":
                    d.counted = "times"
                if (
                    not d.from_after
                    and d.qualifier is None
                    and not (d.subject and _is_plural(d.subject.split()[-1]))
                    and m.re is _DIGITS
                    and _is_designator(text, d.core_start)
                ):
                    continue
        drafts.append(d)
        floor = last_end = d.end
    _resolve_ranges(drafts, text)
    _resolve(drafts, text)
    out: list[FigureMention] = []
    for d in drafts:
        out.append(
            FigureMention(
                article=article.id,
                start=d.start,
                end=d.end,
                text=text[d.start : d.end],
                value=d.value,
                unit=d.unit,
                qualifier=d.qualifier,
                counted=d.counted,
                subject=d.subject,
                kind=d.kind,
            )
        )
    return out
