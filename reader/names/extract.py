"""Name extraction's rules: find people, organisations and places in one article in linear time
(the words they use are in `reader.names.vocabulary`).

Installs compile this module with mypyc (hatch_build.py): compiled code checks the annotations
as it runs, so they must be true, and a type mypy narrows (a field set to None, then changed by
a call) is trusted; tests/test_compiled.py compares the two builds.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from reader.models import Article, EntityKind, NameMention
from reader.names.vocabulary import (
    ABSTRACT_ENDINGS,
    AMBIGUOUS_STATES,
    CAPITAL_CONNECTORS,
    COMMON_WORDS,
    CONNECTOR_HEADS,
    CONNECTORS,
    DEMONYM_KEYS,
    DEMONYMS,
    DIRECTIONS,
    EVENT_HEADS,
    FACILITY_HEADS,
    GENERIC_HEADS,
    GIVEN_NAMES,
    HEAD_GAPS,
    HYPHEN_PREFIXES,
    KNOWN_ORGS,
    LEAD_ROLES,
    LEGAL_FORMS,
    NAME_GAPS,
    NEVER,
    OCCUPANT_KEYS,
    OF_HEADS,
    OPENING_ENDINGS,
    OPENING_WORDS,
    ORG_DISTRICTS,
    ORG_FIRST,
    ORG_HEADS,
    PARTICLES,
    PEOPLE_ENDINGS,
    PEOPLE_GAPS,
    PEOPLE_HEADS,
    PERSON_TITLES,
    PLACE_FIRST,
    PLACE_HEADS,
    PLACE_KEYS,
    RESIDENT_ENDINGS,
    ROLE_WORDS,
    STATE_ABBREVIATIONS,
    SUFFIXES,
    SYNONYM_TARGETS,
    SYNONYMS,
    TITLE_MODIFIERS,
    TITLE_OBJECTS,
    TITLES,
    US_STATES,
    WIRES,
)


def _char_class(pred: object) -> str:
    """Build a regex character class body from the BMP characters `pred` accepts, as ranges."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF or not pred(chr(cp)):  # type: ignore[operator]
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    out = []
    for a, b in ranges:
        out.append(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}")
    return "".join(out)


# Python's re has no \p{Lu}; titlecase letters count too so that "ǅ" starts a name.
_UP = "[" + _char_class(lambda c: c.isupper() or c.istitle()) + "]"
_HY = "[-‐‑]"
_PART = rf"(?:[aAeE]l{_HY})"
# Korean given names end in a short lowercase syllable ("Kim Jong-un"); these are words instead.
_NOT_SYLLABLE = (
    "(?:led|run|era|old|day|ish|set|fed|won|out|off|top|end|hit|aid|pro|use|war|law|tax|big|new"
    "|max|mom|dad|bay|far|van|car|bus|way|man|men|ist|ism|ite|ian|ese|one|two|six|ten|its|the"
    "|and|for|not|but|all|any|are|was|has|had|can|may|now|own|per|via|vs|to|on|at|of|by|up"
    "|is|it|as|an|or|if|so|no|do|be|go|me|we|he|us|my|ok|am|pm|th|st|nd|rd|ed|er|ly|ing)"
)
# One capitalised token. Possessive 's is never matched (only an uppercase letter may follow an
# apostrophe, as in O'Brien), and lowercase suffixes such as -led stop the token. Every
# quantifier is on a disjoint character class, so matching stays linear on hostile input.
# The pattern opens with one character class (every possible first letter) so that the engine
# skips ahead with its fast class scan instead of testing the lookbehind at every offset; the
# branches then re-check which letter it was with one-character lookbehinds. This halves the
# cost of tokenising and finds exactly the same tokens as the plain form
# (?<!...)(?:(?:UP\.){2,}|PART?UP\w*...).
_TOKEN_FIRST = "[" + _char_class(lambda c: c.isupper() or c.istitle() or c in "ae") + "]"
_TOKEN_TAIL = (
    rf"[\w\xad]*(?:['’]{_UP}\w*)?(?:{_HY}{_PART}?{_UP}\w*(?:['’]{_UP}\w*)?)*"
    rf"(?:{_HY}(?!{_NOT_SYLLABLE}\b)[a-z]{{2,3}}(?![\w-]))?"
)
_TOKEN_RE = re.compile(
    rf"{_TOKEN_FIRST}(?<![\w@#/.&'’\-‐‑].)"
    rf"(?:(?<={_UP})\.(?:{_UP}\.)+"
    rf"|(?<=[aAeE])l{_HY}{_UP}{_TOKEN_TAIL}"
    rf"|(?<={_UP}){_TOKEN_TAIL})"
)
# Same words as (?<![\w'’-])[a-z][a-z]+(?!\w), but led by a character class the engine can
# scan for quickly; the lookbehind then checks the character before that first letter.
# A Korean given name of two syllables, the second in lower case after a hyphen ("Ban
# Ki-moon", "Park Geun-hye", "Kim Il-sung"): the token pattern keeps a lowercase part of up to
# three letters ("Jong-un"); a longer one counts when both parts are shaped like romanised
# syllables (an optional initial, a vowel, an optional final), which "Right-wing", "Non-stop"
# or "Year-long" are not.
_KO_VOWEL = "(?:[wy]?(?:ae|eo|eu|oe|ui|oo|ee|a|e|i|o|u))"
_KO_FINAL = "(?:ng|[klmnpt])"
_KO_GIVEN_RE = re.compile(
    rf"(?:(?:Ch|[BDGHJKMNPRSTWY]){_KO_VOWEL}|[AEIOU][aeiou]?){_KO_FINAL}?"
    rf"{_HY}(?!{_NOT_SYLLABLE}\b)(?:ch|kk|tt|pp|ss|jj|[bdghjkmnprstwy])?{_KO_VOWEL}{_KO_FINAL}?"
    r"(?![\w-])"
)
_LOWER_WORD_RE = re.compile(r"[a-z](?<![\w'’-].)[a-z]++(?!\w)")
_NL_RE = re.compile(r"\n")
_HY_SPLIT_RE = re.compile(r"[-‐‑]")
_INITIALISM_RE = re.compile(r"[A-Z]{2,8}|(?:[A-Z]\.){2,8}")
_PARENS_ACR_RE = re.compile(r"\s?[(\[]((?:[A-Z]\.?){2,8}s?)[)\]]")


def is_known_org(name: str) -> bool:
    """True when `name` is in the built-in list of well-known bodies (Hamas, Apple, Reuters)."""
    return fold(name) in KNOWN_ORGS


def is_common_word(word: str) -> bool:
    """True for an ordinary English word that is capitalised only by position or layout."""
    return fold(word) in COMMON_WORDS


# Lowercase role words right before a name: evidence that it is a person.
_ROLE_BEFORE_RE = re.compile(
    r"(?<!\w)(?:spokes(?:man|woman|person)|official|leader|chief|diplomat|envoy|ambassador|minister|"
    r"president|chairman|chairwoman|secretary|director|head|commander|general|senator|governor|"
    r"mayor|analyst|expert|fellow|professor|researcher|scientist|author|writer|correspondent|"
    r"reporter|journalist|editor|actor|actress|singer|rapper|star|player|coach|quarterback|"
    r"manager|founder|co-founder|executive|CEO|lawyer|attorney|judge|driver|pilot|wife|husband|"
    r"son|daughter|mother|father|brother|sister|friend|boyfriend|girlfriend|colleague|victim|"
    r"suspect|gunman|teenager|boy|girl|resident|student|teacher|doctor|officer|detective|"
    r"prosecutor|sheriff|chancellor|premier|negotiator|adviser|advisor|aide|deputy|"
    r"representative|lawmaker|congressman|congresswoman|candidate|nominee|comedian|musician|"
    r"artist|director|producer|model|astronaut|billionaire|entrepreneur|investor|economist|"
    r"strategist|commentator|host|anchor|captain|cleric|imam|rabbi|priest|pastor|bishop|"
    r"witness|survivor|passenger|owner|partner|chef|designer|engineer|inventor|activist|"
    r"campaigner|novelist|poet|filmmaker|photographer|athlete|champion|winger|striker|"
    r"goalkeeper|pitcher|catcher|batter|boxer|fighter|wrestler|golfer|cyclist|racer|"
    r"spokesperson|minister|mr\.?|mrs\.?|ms\.?|dr\.?)s?,?\s$"
)
_SAID_AFTER_RE = re.compile(
    r"(?:['’]s?)?,?\s(?:has\s|had\s|also\s|then\s|later\s|previously\s)?(?:said|says|told|tells|"
    r"stated|states|added|adds|explained|noted|notes|wrote|writes|tweeted|asked|replied|argued|"
    r"insisted|announced|confirmed|claimed|stressed|emphasized|emphasised|warned|urged|"
    r"recalled|continued|believes|thinks|admitted|denied|testified|posted|revealed|responded)\b"
)
_ORG_BEFORE_RE = re.compile(
    r"(?:group|movement|party|faction|organi[sz]ation|company|firm|agency|militia|network|"
    r"newspaper|outlet|broadcaster|website|magazine|club|team|airline|carrier|bank|ministry|"
    r"startup|giant|maker|manufacturer|retailer|insurer|lender|brand|band|publication|"
    r"channel|daily|tabloid|paper|service|app|platform|union|council|institute|charity)\s$"
)
_ORG_BEFORE_WORDS = tuple(
    """group movement party faction organisation organization company firm agency militia
    network newspaper outlet broadcaster website magazine club team airline carrier bank ministry
    startup giant maker manufacturer retailer insurer lender brand band publication channel daily
    tabloid paper service app platform union council institute charity""".split()
)


def _org_word_before(before: str) -> bool:
    """`_ORG_BEFORE_RE.search(before)` without trying the pattern at every offset.

    The pattern has no left anchor and ends in one blank and `$`, which also matches before a
    final newline: so it matches exactly when an org word and a blank end the text, or end it
    just before a final newline.
    """
    n = len(before)
    if n and before[-1].isspace() and before.endswith(_ORG_BEFORE_WORDS, 0, n - 1):
        return True
    return (
        n > 1
        and before[-1] == "\n"
        and before[-2].isspace()
        and before.endswith(_ORG_BEFORE_WORDS, 0, n - 2)
    )


_ORG_AFTER_RE = re.compile(
    r"(?:['’]s?)?\s?(?:officials?|leaders?|leadership|delegation|members?|fighters|militants|"
    r"spokes(?:man|woman|person)|movement|faction|chief|executives?|shares|stock|employees|"
    r"staff|headquarters|founder|board|spokesperson|militia|operatives|commanders?|gunmen)\b"
)
# What a body does (besides speaking): "the Pentagon denied", "the Kremlin has rejected".
_ACTS_AFTER_RE = re.compile(
    r"(?:['’]s?)?,?\s(?:has\s|had\s|also\s|then\s|later\s|is\s|was\s|would\s|will\s)?"
    r"(?:denied|denies|rejected|rejects|declined|declines|refused|refuses|dismissed|insisted|"
    r"ordered|orders|approved|approves|accused|accuses|condemned|condemns|welcomed|welcomes|"
    r"responded|responds|released|releases|issued|issues|announced|announces|confirmed|"
    r"confirms|plans|planned|wants|wanted|sought|seeks|called|calls|decided|decides|"
    r"expects|expected|did\snot|does\snot|didn['’]t|doesn['’]t|declined|pushed|urged|urges|"
    r"press\ssecretary|spokes(?:man|woman|person)|officials?|aides?|counsel(?:or|lor)?|"
    r"lawyers?|advis[eo]r|chief|communications|statement|readout|sources?)\b",
    re.IGNORECASE,
)
# "Ben Zobrist, who ...", "Ahed Tamimi, 17, ...": a relative "who" or an age in apposition.
_WHO_AFTER_RE = re.compile(r",\s(?:who|whose)\b|,\s\d{1,3},")
# "its giant Falcon Heavy rocket", "the daily Equifax update": after a determiner these
# words are adjectives, not the noun that names what follows ("tech giant Apple").
_ADJ_BEFORE_RE = re.compile(r"(?<!\w)(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s(?:giant|daily)\s$")
_ADJ_OFFICIAL_RE = re.compile(r"(?<!\w)(?:[Tt]he|[Aa]n|[Ii]ts|[Tt]heir)\sofficial\s$")
_HONORIFIC_BEFORE_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Sir|Dame)\.?\s$")
_DET_BEFORE_RE = re.compile(r"(?<![\w-])(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir)\s$")
_SUFFIX_RE = re.compile(
    r"[-‐‑](?:led|run|backed|controlled|affiliated|linked|aligned|based|"
    r"owned|funded|sponsored|supported|held|allied|operated|made)\b"
)
_PLACE_BEFORE_RE = re.compile(
    r"(?:\bin|\bnear|\boutside|\bacross|\bthroughout|\bcapital|\bcity\sof|\btown\sof|"
    r"\bvillage\sof|\bprovince\sof|\bregion\sof|\bstate\sof|\bborder\swith|\bcoast\sof|"
    r"\bnorth\sof|\bsouth\sof|\beast\sof|\bwest\sof|\barrived\sin|\bvisit\sto|\btrip\sto)\s$"
)
# A short model or sequence number right after a name, unless a quantity or a score follows.
_MODEL_NUMBER_RE = re.compile(
    r" \d{1,2}(?![\d,.:%\-–/]|\s?(?:st|nd|rd|th|s)\b|\s(?:of|to|and|or|percent|per|"
    r"million|billion|thousand|years?|months?|weeks?|days?|hours?|minutes?|times|points|people|"
    r"am|pm|a\.m|p\.m)\b)"
)
# The same number joined by a hyphen ("Kwangmyongsong-4", "Hwasong-12", "AR-15").
_HYPHEN_NUMBER_RE = re.compile(r"[-‐‑]\d{1,2}(?![\w,.:%\-‐‑–/]\w|[\w\-‐‑–/%])")


def _model_end(text: str, end: int) -> int:
    """Where a name ending at `end` ends with its model or sequence number ("Falcon 9",
    "Kwangmyongsong-4"), or `end` when no such number follows. The caller has seen a
    decimal digit at `end + 1`."""
    m = (
        _HYPHEN_NUMBER_RE.match(text, end)
        if text[end] in "-‐‑"
        else _MODEL_NUMBER_RE.match(text, end)
    )
    return end if m is None else m.end()


_SENT_END_CHARS = frozenset(".!?:;\"“”‘'(—–[•|")
_HEADING_END_CHARS = frozenset(".!?\"”’'…,;")
_MAX_HEADING_CHARS = 160
_MAX_TOKENS = 8  # longer capitalised runs are title-case prose or lists, not one name


# Apostrophes (straight and curly), hyphens and underscores separate words; dots and soft
# hyphens vanish.
_FOLD_TABLE = str.maketrans(
    {"’": " ", "'": " ", "-": " ", "‐": " ", "‑": " ", "_": " ", ".": None, "\xad": None}
)


@lru_cache(maxsize=1 << 17)
def fold(s: str) -> str:
    """Fold case, accents and joiners so spellings compare equal ("Al-Ahmed" -> "al ahmed")."""
    # Most names are ASCII, where NFKD and the combining-mark filter change nothing; skipping
    # them halves the cost of the hottest helper of extraction and linking.
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.casefold().translate(_FOLD_TABLE).split())


def is_place(name: str) -> bool:
    """True when `name` is in the built-in gazetteer of countries, regions and cities."""
    return fold(name) in PLACE_KEYS


@dataclass(slots=True)
class _Chunk:
    """One candidate name: token spans inside the article text."""

    toks: list[tuple[int, int]]
    start: int
    end: int
    kind: str = "other"
    evidence: str = ""


class _Ctx:
    """Per-article lookups computed once: line bounds, lowercase vocabulary, heading lines."""

    __slots__ = ("text", "nls", "lower", "heading_cache")

    def __init__(self, text: str) -> None:
        self.text = text
        self.nls = [m.start() for m in _NL_RE.finditer(text)]
        self.lower = set(_LOWER_WORD_RE.findall(text))
        self.heading_cache: dict[int, int] = {}

    def is_heading(self, pos: int) -> bool:
        """True for short lines without sentence punctuation: headlines, labels, captions;
        and for the photo credit that closes a caption written as a sentence."""
        nls = self.nls
        i = bisect.bisect_left(nls, pos)  # the line's index: its answer is kept by line
        cached = self.heading_cache.get(i)
        if cached is None:
            cached = self.heading_cache[i] = self._heading_from(i)
        return pos >= cached

    def _heading_from(self, i: int) -> int:
        """The offset from which the `i`th line is heading: its start for a heading, the
        start of a closing photo credit, or past its end for prose."""
        nls = self.nls
        start = nls[i - 1] + 1 if i > 0 else 0
        end = nls[i] if i < len(nls) else len(self.text)
        line = self.text[start:end].strip()
        if len(line) > _MAX_HEADING_CHARS:
            return end + 1
        if line and line[-1] in _HEADING_END_CHARS:
            return end + 1
        if not line:
            return start
        credit = _CREDIT_TAIL_RE.search(line)
        body = line[: credit.start(1)] if credit is not None else line
        if not _sentence_case(body):
            return start
        return end + 1 if credit is None else self.text.index(line, start) + credit.start(1)

    def sentence_initial(self, pos: int) -> bool:
        """True when only spaces and opening punctuation separate `pos` from a sentence start."""
        j = pos - 1
        text = self.text
        while j >= 0 and text[j] in " \t\u00a0":
            j -= 1
        if j < 0 or text[j] == "\n":
            return True
        c = text[j]
        if c in _SENT_END_CHARS:
            return True
        # "...talks. “The two sides" has both a closing period and an opening quote.
        return j >= 1 and c in "\"“‘'" and text[j - 1] in ".!? "


# A photo credit closing a caption: "... location. (KCNS via AFP/Getty Images)", "... [L]. /
# Photo: AP Archive".
_CREDIT_TAIL_RE = re.compile(
    r"[.!?”\"\]]\s*(\([^()]{2,80}\)$|/?\s*(?:Photo|Image|Picture|Credit|Source)s?:[^:]{2,80}$)"
)
# Words a title-case heading leaves in lower case; any other lowercase word of four letters or
# more is a sign of a sentence.
_TITLE_LOWER = frozenset(
    "with from into onto over than that this upon near amid when what your their".split()
)
_SENTENCE_WORD_RE = re.compile(r"(?<![\w'’-])[a-z]{4,}(?![\w'’-])")


# Marks of a line that is not one sentence: a label (":"), a question, a credit ("/"), a list
# ("|", "•"), an ellipsis, a copyright, or two sentences.
_NOT_ONE_SENTENCE_RE = re.compile(r"[:?/|•…©@]|\.\.|[.!] [A-Z“\"]")


def _sentence_case(line: str) -> bool:
    """Whether a line without a closing full stop is one sentence ("Massa crashed out of the
    race in the rain", a caption), not a title-case headline or a label whose capitals say
    nothing: six words or more, three of them lowercase words a title would capitalise, and
    none of the marks of a label, a list or a credit."""
    if line.count(" ") < 5 or _NOT_ONE_SENTENCE_RE.search(line):
        return False
    words: list[str] = _SENTENCE_WORD_RE.findall(line)
    prose = 0
    for w in words:
        if w not in _TITLE_LOWER:
            prose += 1
            if prose >= 3:
                return True
    return False


def _group_runs(text: str) -> list[list[tuple[int, int, str]]]:
    """Group capitalised tokens into runs; each item is (start, end, connector-before-it)."""
    runs: list[list[tuple[int, int, str]]] = []
    cur: list[tuple[int, int, str]] = []
    prev_end = -10
    for m in _TOKEN_RE.finditer(text):
        s, e = m.span()
        if e - s <= 5 and text[e : e + 1] in _HYPHENS:
            k = _KO_GIVEN_RE.match(text, s)
            if k is not None:
                e = k.end()  # "Ban Ki-moon"
        conn = ""
        joined = False
        if cur and s - prev_end <= 24:
            gap = text[prev_end:s]
            if "\xad" in gap:
                gap = gap.replace("\xad", "")  # a soft hyphen is invisible: "Park \xadGeun-hye"
            if gap[:1] in "-‐‑" and text[cur[-1][0] : prev_end] in HYPHEN_PREFIXES:
                # "Economic Co-operation and Development": the lowercase part after a
                # capitalised prefix belongs to its word.
                part = _LOWER_PART_RE.match(gap)
                if part and (gap[part.end() :] in NAME_GAPS or gap[part.end() :] in CONNECTORS):
                    cur[-1] = (cur[-1][0], prev_end + part.end(), cur[-1][2])
                    gap = gap[part.end() :]
            if len(gap) > 12:
                pass
            elif gap in NAME_GAPS:
                joined = True
            elif gap in CONNECTORS:
                joined, conn = True, CONNECTORS[gap]
            elif gap == ". " and prev_end - cur[-1][0] == 1:
                joined = True  # a middle initial: "John F. Kennedy"
            elif gap in ("'s ", "’s ") and text[prev_end - 6 : prev_end] == "People":
                joined = True  # "Democratic People's Republic", "People's Liberation Army"
            elif gap == ", " and _campus_follows(text, cur, s):
                joined, conn = True, "campus"  # "University of California, Berkeley"
        if joined:
            cur.append((s, e, conn))
        else:
            if cur:
                runs.append(cur)
            cur = [(s, e, "")]
        prev_end = e
    if cur:
        runs.append(cur)
    return runs


_LOWER_PART_RE = re.compile(r"[-‐‑][a-z]+")
_HYPHENS = ("-", "‐", "‑")
# A campus after "University of <state>, ": one to three capitalised words, then a stop or a
# lowercase word, not a list going on ("..., Harvard and Yale").
_CAMPUS_RE = re.compile(r"([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})(?=[,;.)]|\s(?!and\b|or\b)[a-z])")


def _campus_follows(text: str, cur: list[tuple[int, int, str]], s: int) -> bool:
    """True when the run so far is "University of <US state>" and a campus follows at `s`."""
    n = len(cur)
    if n < 2 or n > 4 or cur[1][2] != "of" or text[cur[0][0] : cur[0][1]] != "University":
        return False
    if text[cur[1][0] : cur[-1][1]] not in US_STATES:
        return False
    m = _CAMPUS_RE.match(text, s)
    if m is None:
        return False
    campus = m.group(1)
    last = campus.rsplit(" ", 1)[-1]
    return campus not in US_STATES and campus not in SYNONYMS and last not in ORG_HEADS


def _split_connectors(text: str, run: list[tuple[int, int, str]]) -> list[list[tuple[int, int]]]:
    """Split a run at its connectors ("of", "for", "and", ...) unless a head word before them
    makes the whole one name ("Centers for Disease Control and Prevention"); "Hamas and
    Fatah", "Israel and Egypt" stay two names."""
    if not any(conn for _s, _e, conn in run):
        return [[(s, e) for s, e, _c in run]]  # the common case: nothing to split
    segs: list[list[tuple[int, int]]] = [[]]
    conns: list[str] = []
    for s, e, conn in run:
        if conn:
            segs.append([])
            conns.append(conn)
        segs[-1].append((s, e))
    out: list[list[tuple[int, int]]] = [segs[0]]
    headed = [False]  # whether each output segment holds a head and its complement
    for k, (conn, seg) in enumerate(zip(conns, segs[1:], strict=True)):
        left_last = text[slice(*out[-1][-1])]
        right_last = text[slice(*seg[-1])]
        head = left_last in CONNECTOR_HEADS
        gap = text[out[-1][-1][1] : seg[0][0]]
        if conn == "campus":
            merge = True
        elif conn == "of":
            merge = left_last in OF_HEADS
        elif conn == "for":
            # "Minister for Foreign Affairs", "Council on Foreign Relations", "Americans for
            # Prosperity" (but "Democrats on Capitol Hill" are people somewhere)
            merge = (
                head or left_last in OF_HEADS or (left_last in PEOPLE_HEADS and gap in PEOPLE_GAPS)
            )
        elif conn == "without":
            merge = head or left_last in PEOPLE_HEADS
        elif conn == "to":
            merge = head and _complement(text, seg)  # "Committee to Protect Journalists"
        elif conn == "and":
            # "Bill and Melinda Gates Foundation" is one body, but after "and" a head word
            # alone that takes "of" opens one of its own ("JPMorgan Chase and Bank of America").
            opens_own = len(seg) == 1 and k + 1 < len(conns) and conns[k + 1] == "of"
            merge = (
                right_last in ORG_HEADS
                and left_last not in ORG_HEADS
                and not opens_own
                and not _is_name_alone(text, out[-1], seg)
            ) or (headed[-1] and _continues_name(text, out[-1], seg))
        else:
            merge = False  # "and the": two names
        if merge:
            out[-1].extend(seg)
            headed[-1] = headed[-1] or (head and conn != "and")
        else:
            out.append(seg)
            headed.append(False)
    return out


def _is_name_alone(text: str, seg: list[tuple[int, int]], right: list[tuple[int, int]]) -> bool:
    """True when a segment before "and" is a name in itself, so "and <right>" starts another:
    a known body, a person with a title, or a place unless a place also opens the right
    side ("Israel and Hezbollah", "President Obama and ..." but one "Middle East and North
    Africa Programme")."""
    words = [text[s:e] for s, e in seg]
    key = fold(" ".join(words))
    if key in KNOWN_ORGS or any(w in TITLES for w in words):
        return True
    rwords = [text[s:e] for s, e in right]
    if fold(" ".join(rwords)) in KNOWN_ORGS:
        return True
    return key in PLACE_KEYS and fold(" ".join(rwords[:-1])) not in PLACE_KEYS


def _complement(text: str, seg: list[tuple[int, int]]) -> bool:
    """True when the words after "to" read as a head's purpose ("Protect Journalists"), not a
    destination or another name ("Fort Hood", "Brussels", "Donald Trump")."""
    words = [text[s:e] for s, e in seg]
    first = words[0]
    return (
        len(words) >= 2
        and first not in PLACE_FIRST
        and first not in DIRECTIONS
        and first not in GIVEN_NAMES
        and first not in TITLES
        and words[-1] not in PLACE_HEADS
        and words[-1] not in ORG_HEADS
        and fold(" ".join(words)) not in PLACE_KEYS
        and fold(first) not in PLACE_KEYS
    )


def _continues_name(text: str, left: list[tuple[int, int]], seg: list[tuple[int, int]]) -> bool:
    """True when "and <seg>" goes on with a head's complement ("... Disease Control and
    Prevention", "... Co-operation and Development") rather than naming something else."""
    words = [text[s:e] for s, e in seg]
    if len(words) > 3 or words[0] in ORG_HEADS:
        return False  # "... Foreign Service and School of Nursing": a second body begins
    for w in words:
        if w.isupper() or w in GIVEN_NAMES or w in TITLES or w in DEMONYMS:
            return False
        if fold(w) in PLACE_KEYS or fold(w) in KNOWN_ORGS:
            return False
    if words[-1].lower().endswith(ABSTRACT_ENDINGS):
        return True
    # Otherwise the whole must recur in the article, or a bracketed acronym follow that is
    # its initials ("... and Development (OECD)").
    whole = text[left[0][0] : seg[-1][1]]
    if text.count(whole) > 1:
        return True
    m = _PARENS_ACR_RE.match(text, seg[-1][1])
    return m is not None and m.group(1).replace(".", "").rstrip("s") == _initials(whole)


def _initials(name: str) -> str:
    """Uppercase initials of a name's capitalised words and hyphenated parts, skipping
    connectors ("Organisation for Economic Co-operation and Development" -> "OECD")."""
    out = []
    for w in name.split():
        if "." in w and w.replace(".", "").isupper():
            out.append(w.replace(".", ""))  # "U.S." gives both its letters
        elif w[:1].isupper():
            out.append(w[0])
            for part in _HY_SPLIT_RE.split(w)[1:]:
                if part[:1].isupper():
                    out.append(part[0])
    return "".join(out)


def _head_joined(text: str, piece: list[tuple[int, int]]) -> bool:
    """True when a head word and its complement make the piece a body's name ("Committee to
    Protect Journalists", "Doctors Without Borders")."""
    for a, b in zip(piece[:-1], piece[1:], strict=True):
        head = text[a[0] : a[1]]
        gap = text[a[1] : b[0]]
        if head in CONNECTOR_HEADS and gap in HEAD_GAPS:
            return True
        if head in PEOPLE_HEADS and gap in PEOPLE_GAPS:
            return True
        if (head in CONNECTOR_HEADS or head in PEOPLE_HEADS) and text[
            b[0] : b[1]
        ] in CAPITAL_CONNECTORS:
            return True
    return False


def _word(text: str, tok: tuple[int, int]) -> str:
    return text[tok[0] : tok[1]]


def _trim(ctx: _Ctx, toks: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Drop stopwords, dates, demonym/title prefixes and junk tokens; may split the run."""
    text = ctx.text
    # Months, weekdays and stopwords break a run ("Friday Hamas said", "Since October").
    pieces: list[list[tuple[int, int]]] = [[]]
    last_i = len(toks) - 1
    for i, tok in enumerate(toks):
        w = text[tok[0] : tok[1]]
        bare = w.rstrip(".")
        initial = len(bare) == 1 and 0 < i < last_i and text.startswith(".", tok[1])
        if pieces[-1] and (
            bare in ("One", "Day") or (bare == "Year" and _word(text, pieces[-1][-1]) == "New")
        ):
            # "Formula One", "Bastille Day", "New Year": a stopword that ends a name.
            pieces[-1].append(tok)
            continue
        if (
            bare in CAPITAL_CONNECTORS
            and pieces[-1]
            and i < last_i
            and (
                _word(text, pieces[-1][-1]) in CONNECTOR_HEADS
                or _word(text, pieces[-1][-1]) in PEOPLE_HEADS
            )
            and _word(text, toks[i + 1]) not in NEVER
        ):
            # "Doctors Without Borders", "Mothers Against Drunk Driving": a capitalised
            # connector after a head word is inside the name.
            pieces[-1].append(tok)
            continue
        if (
            (
                bare in NEVER
                and not (bare == "Credit" and i < last_i and _credit_in_prose(text, tok))
            )
            or (bare.isupper() and bare.title() in NEVER and fold(w) not in PLACE_KEYS)
            or (bare == "May" and not pieces[-1])
            or (len(bare) == 1 and not initial)
            or (len(bare) > 5 and bare.isupper() and "." not in w)
            or bare.isdigit()
            or (w in STATE_ABBREVIATIONS and _state_abbreviation(text, tok[0], tok[1]))
        ):
            if pieces[-1]:
                pieces.append([])
            continue
        pieces[-1].append(tok)
    out: list[list[tuple[int, int]]] = []
    for piece in pieces:
        if not piece:
            continue
        # A sentence-initial common word ("Currently", "Vowing") is not part of the name.
        w0 = _word(text, piece[0])
        last = _word(text, piece[-1])
        keep = (
            fold(w0) in PLACE_KEYS
            or w0 in TITLES
            or w0 in TITLE_MODIFIERS
            or (
                len(piece) > 1
                and (
                    last in ORG_HEADS
                    or last in PLACE_HEADS
                    or last in EVENT_HEADS
                    or fold(_word(text, piece[0]) + " " + _word(text, piece[1])) in PLACE_KEYS
                    or _head_joined(text, piece)
                )
            )
        )
        if not keep and ctx.sentence_initial(piece[0][0]):
            low = w0.lower()
            if (
                low in ctx.lower
                or (low.endswith("s") and low[:-1] in ctx.lower)
                or low.endswith("ing")
                or (len(piece) == 1 and low.endswith("ly"))
                or text.startswith(":", piece[0][1])
            ):
                piece = piece[1:]
        if len(piece) == 1:
            out.append(piece)  # most pieces: one word, with no lead to strip and no repeat
        elif piece:
            out.extend(_split_repeats(text, _strip_lead(ctx, piece, out)))
    return out


_LOWER_AFTER_RE = re.compile(r"[^\n]{0,80}?\s[a-z]{2,}\b")


def _credit_in_prose(text: str, tok: tuple[int, int]) -> bool:
    """Whether "Credit" opening a run of capitalised words is the first word of a name in
    running prose ("Credit Suisse said", "Credit Agricole and"), not a photo credit's label
    ("Credit: ...", "Credit Doug Mills/Getty Images" closing a caption): no colon after it,
    and a lowercase word later on its line."""
    if text[tok[1] : tok[1] + 1] != " ":
        return False
    return _LOWER_AFTER_RE.match(text, tok[1]) is not None


def _strip_lead(
    ctx: _Ctx, piece: list[tuple[int, int]], out: list[list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """Drop words glued in front of a name: "Billionaire Elon Musk", "Former Google".

    A wire credit ("Reuters Equifax") is split off into `out` as a name of its own.
    """
    text = ctx.text
    last = _word(text, piece[-1])
    if last in ORG_HEADS or last in PLACE_HEADS or _head_joined(text, piece):
        return piece
    while len(piece) > 1:
        w0 = _word(text, piece[0]).rstrip(".")
        rest = [text[s:e] for s, e in piece[1:]]
        if w0 in WIRES:
            out.append(piece[:1])
        elif w0 in LEAD_ROLES:
            # "Former"/"Ex" before a title belong to it ("Former President Bush").
            if rest[0] in TITLES or rest[0] in TITLE_MODIFIERS:
                break
            if len(rest) < 2 and w0 not in ("Former", "Ex", "Disgraced"):
                break  # "Finn Wolfhard": a one-word rest may be a surname after a given name
        elif not (
            len(rest) >= 2
            and rest[0] in GIVEN_NAMES
            and w0 not in GIVEN_NAMES
            and (w0.lower() in ctx.lower or w0.endswith(RESIDENT_ENDINGS))
            and fold(w0 + " " + rest[0]) not in PLACE_KEYS
            and _person_like(ctx, rest)
        ):
            # A capitalised common word the article also writes in lower case ("Model"), or
            # a resident noun ("Arizonan"), before a given name and surname describes them.
            break
        piece = piece[1:]
    return piece


def _split_repeats(text: str, piece: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Split a run that repeats itself ("Justin Timberlake Justin Timberlake") into its copies."""
    n = len(piece)
    if n < 4:
        return [piece]
    f = [fold(_word(text, t)) for t in piece]
    for k in range(2, n // 2 + 1):
        if f[:k] == f[k : 2 * k]:
            return [piece[:k], *_split_repeats(text, piece[k:])]
    return [piece]


def _is_demonym(words: list[str], i: int) -> int:
    """Length of the demonym starting at words[i] ("North Korean" -> 2), or 0."""
    w = words[i]
    if w in DEMONYMS:
        return 1
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if nxt and ((w in DIRECTIONS and nxt in DEMONYMS) or fold(w + " " + nxt) in DEMONYM_KEYS):
        return 2  # "North Korean", "Costa Rican"
    return 1 if w not in GIVEN_NAMES and fold(w) in DEMONYM_KEYS else 0


def _is_title(words: list[str], i: int) -> bool:
    w = words[i]
    if w in TITLES:
        return True
    nxt = words[i + 1] if i + 1 < len(words) else ""
    prev = words[i - 1] if i else ""
    if w in TITLE_MODIFIERS and (nxt in TITLES or nxt in TITLE_MODIFIERS):
        return True
    return w in TITLE_OBJECTS and (prev in TITLES or prev in TITLE_MODIFIERS)


def _split_title(
    ctx: _Ctx, piece: list[tuple[int, int]]
) -> list[tuple[list[tuple[int, int]], str]]:
    """Split "U.N. Ambassador Nikki Haley" into ("U.N.", "") and ("Nikki Haley", "person").

    Titles and demonyms are not part of a name but are evidence that a person follows; a
    country or body before the title is a name of its own.
    """
    if len(piece) == 1:
        return [(piece, "")]  # a single word has no title or body in front to split off
    text = ctx.text
    words = [text[s:e].rstrip(".") for s, e in piece]
    n = len(words)
    if _head_joined(text, piece) and not any(_is_title(words, i) for i in range(n)):
        return [(piece, "org")]  # "Americans for Prosperity": no demonym to strip
    # A trailing demonym is an adjective for what follows the run ("Reuters North Korean").
    while n > 1:
        if words[n - 1] in DEMONYMS and not _place_or_org(words[:n], fold(" ".join(words[:n]))):
            n -= 2 if n > 2 and words[n - 2] in DIRECTIONS else 1
            continue
        break
    if n < len(words):
        piece, words = piece[:n], words[:n]
    if _place_or_org(words, fold(" ".join(words))):
        return [(piece, "")]
    if (
        words[-1] in EVENT_HEADS
        and _is_demonym(words, 0)
        and not any(_is_title(words, i) for i in range(n))
    ):
        return [(piece, "")]  # "Brazilian Grand Prix": the demonym is part of an event's name
    first = -1
    last = -1
    i = 0
    while i < n - 1:
        if _is_title(words, i):
            if first < 0:
                first = i
            last = i
        elif first >= 0:
            k = _is_demonym(words, i)
            if not k:
                break
            i += k - 1
        i += 1
    if (
        last < 0
        and n >= 3
        and sum(1 for c in words[0] if c.isupper()) >= 2
        and words[0].isalpha()
        and not any(w in ORG_HEADS or w in PLACE_HEADS for w in words[1:])
        and _person_like(ctx, words[1:])
    ):
        # "... union DpolG Rainer Wendt", "CNN Anderson Cooper": an acronym, then a person.
        return [(piece[:1], ""), (piece[1:], "person")]
    if last < 0 and n >= 4:
        # "... to the United Nations Nikki Haley": a body, then a person, with no title between.
        for k in range(n - 3, 0, -1):
            if words[k - 1] in ORG_HEADS or fold(" ".join(words[:k])) in PLACE_KEYS:
                if _person_like(ctx, words[k:]):
                    return [(piece[:k], ""), (piece[k:], "person")]
                break
    if last < 0:
        # Only demonyms in front: "Chinese Xi Jinping" -> "Xi Jinping".
        i = 0
        while i < n - 1 and _is_demonym(words, i):
            i += _is_demonym(words, i)
        if i < n and (n - i >= 2 or (i and fold(words[-1]) in PLACE_KEYS)):
            return [(piece[i:], "")]
        return [(piece, "")]
    out: list[tuple[list[tuple[int, int]], str]] = []
    prefix = piece[:first]
    j = 0
    while j < len(prefix) and _is_demonym(words, j):
        j += _is_demonym(words, j)
    if prefix[j:]:
        out.append((prefix[j:], ""))
    person = any(words[t] in PERSON_TITLES for t in range(first, last + 1))
    rest, rest_words = piece[last + 1 :], words[last + 1 :]
    # "Mayor of London Sadiq Khan": the place belongs to the title, the person follows it.
    for k in range(1, len(rest_words) - 1):
        if fold(" ".join(rest_words[:k])) in PLACE_KEYS and _person_like(ctx, rest_words[k:]):
            out.append((rest[:k], ""))
            rest = rest[k:]
            break
    out.append((rest, "person" if person else ""))
    return out


def _place_or_org(words: list[str], key: str) -> str:
    """The kind a name's own words give it ("Gaza Strip": place, "State Department": org), or ""."""
    last = words[-1].rstrip(".")
    if key in PLACE_KEYS:
        return "place"
    if key.strip() in KNOWN_ORGS:
        return "org"
    n = len(words)
    if n > 1 and last in ORG_DISTRICTS and words[-2] in ORG_HEADS:
        return "org"  # "Fairfax County School District": a body, not the land it covers
    if n > 1 and last in PLACE_HEADS:
        return "place"
    # A head word last names a body even after a place word ("State Department", "Gulf
    # Cooperation Council"), but not after a given name alone ("Charlotte Church"), and a
    # facility after a place word stays a place ("Cape Canaveral Air Force Station").
    if (
        last in ORG_HEADS
        and not (n == 2 and words[0] in GIVEN_NAMES and words[0] not in DEMONYMS)
        and not (n > 1 and last in FACILITY_HEADS and words[0] in PLACE_FIRST)
    ):
        return "org"
    if n > 1 and words[0] in PLACE_FIRST:
        return "place"
    if n > 1 and (words[0] in GENERIC_HEADS or words[-2] in GENERIC_HEADS or words[0] in ORG_FIRST):
        return "org"
    return ""


def _person_like(ctx: _Ctx, words: list[str]) -> bool:
    """Capitalised words never used in lower case here, none a place, demonym or direction."""
    for a, b in zip(words[:-1], words[1:], strict=True):
        if fold(a + " " + b) in PLACE_KEYS:
            return False
    for w in words:
        core = w.split("-", 1)[1] if w[:3].lower() in ("al-", "el-") else w
        if not core[:1].isupper() or core.isupper() or core.lower() in ctx.lower:
            return False
        if w in DEMONYMS or w in DIRECTIONS or fold(w) in PLACE_KEYS:
            return False
    return True


def _classify(ctx: _Ctx, ch: _Chunk) -> str:
    """Best kind for one chunk from its words and a few characters of context.

    Returns "maybe" for capitalised pairs that look like a person but have no evidence yet;
    the article-level pass decides those ("Falcon Heavy" and "World Series" look the same as
    "Uma Thurman" until a given name, a title, a quote or a "Thurman said" tells them apart).
    """
    text = ctx.text
    words = [text[s:e] for s, e in ch.toks]
    key = fold(" ".join(words))
    if ch.evidence == "org" or ch.evidence == "place":
        return ch.evidence
    if key in OCCUPANT_KEYS:
        # "The Pentagon said", "Kremlin officials": the body inside acts; "at the White
        # House" is the building.
        after = text[ch.end : ch.end + 40]
        if _SAID_AFTER_RE.match(after) or _ORG_AFTER_RE.match(after) or _ACTS_AFTER_RE.match(after):
            return "org"
        return "place"
    k = _place_or_org(words, key)
    if k:
        return k
    if ch.evidence == "person" and len(words) <= 4:
        return "person"
    start = ch.start
    # Every window pattern below is anchored at the end of `before` and spans at most 20
    # characters, so a 20-character slice finds exactly what the 40-character window would.
    before = text[max(0, start - 20) : start]
    after = text[ch.end : ch.end + 40]
    if _SUFFIX_RE.match(after) or (_org_word_before(before) and not _ADJ_BEFORE_RE.search(before)):
        return "org"
    if after[:1] == "," and _state_follows(text, ch.end):
        return "place"  # "Memphis, Tenn.": what a state qualifies is a place in it
    if len(words) == 1:
        if _ORG_AFTER_RE.match(after):
            return "org"
        # "in Harambe's name": a possessive makes the name an owner, not the place meant.
        if (
            _PLACE_BEFORE_RE.search(before)
            and not words[0].isupper()
            and not after.startswith(("'s", "’s"))
        ):
            return "place"
        return "other"
    # Products, events and models take an article ("the Falcon Heavy", "a Galaxy S9") or carry
    # digits; people almost never do.
    thing = _DET_BEFORE_RE.search(before[-7:]) is not None or any(c.isdigit() for c in key)
    if len(words) <= 4 and not thing:
        if _person_cue(before, after):
            return "person"
        if _ORG_AFTER_RE.match(after) and not any(w.lower() in ctx.lower for w in words):
            return "org"
        if len(words) <= 3 and (
            _person_like(ctx, words) or (words[0] in GIVEN_NAMES and _person_like(ctx, words[1:]))
        ):
            return "maybe"
        # Two given names and two family names ("Andres Manuel Lopez Obrador"): four words
        # pass only when they open with a given name.
        if len(words) == 4 and words[0] in GIVEN_NAMES and _person_like(ctx, words[1:]):
            return "maybe"
    return "thing" if thing else "other"


def _person_cue(before: str, after: str) -> bool:
    """A role or honorific right before, or a speech verb right after: a person is meant."""
    # Only the last few characters can hold a role word; a short slice keeps the
    # end-anchored searches from scanning the whole window.
    tail = before[-20:]
    if _ADJ_OFFICIAL_RE.search(tail):
        return False  # "the official Equifax Twitter account": an adjective, not a role
    return bool(
        _SAID_AFTER_RE.match(after)
        or _WHO_AFTER_RE.match(after)
        or _HONORIFIC_BEFORE_RE.search(tail)
        or _ROLE_BEFORE_RE.search(tail)
    )


_STATE_AFTER_RE = re.compile(r",\s((?:[A-Z]\.){2,3}|W\.Va\.|[A-Z][a-z]{1,4}(?=\.))")


def _state_follows(text: str, end: int) -> bool:
    """True when a state or province abbreviation follows a name ("Tampa, Fla.")."""
    m = _STATE_AFTER_RE.match(text, end)
    return m is not None and m.group(1) in STATE_ABBREVIATIONS


def _dateline(ctx: _Ctx, run: list[tuple[int, int, str]]) -> bool:
    """True for a dateline's place: capitals opening a line before a state or a country
    ("LAKE FOREST, Ill. —", "OFER PRISON, West Bank —")."""
    text = ctx.text
    s, e = run[0][0], run[-1][1]
    if not text[s:e].isupper() or len(run) > 4:
        return False
    j = s - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    if j >= 0 and text[j] != "\n":
        return False
    if _state_follows(text, e):
        return True
    m = _DATELINE_PLACE_RE.match(text, e)
    return m is not None and fold(m.group(1)) in PLACE_KEYS


_DATELINE_PLACE_RE = re.compile(r",\s([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s?(?:[—–(-]|$)", re.M)


def _state_abbreviation(text: str, s: int, e: int) -> bool:
    """True when text[s:e] abbreviates a US state or Canadian province where it stands
    ("Tampa, Fla.", "N.Y.") or is a party-and-state tag ("(D-Calif.)", ", R-Texas,")."""
    w = text[s:e]
    after = text[e : e + 1]
    comma = text.endswith(", ", 0, s)
    if w[1:2] == "-" and w[0] in "DRI":
        rest = w[2:]
        return (comma or text.endswith("(", 0, s)) and (
            rest in STATE_ABBREVIATIONS
            or fold(rest) in PLACE_KEYS
            or (len(rest) == 1 and after == ".")  # "D-N.Y." reads as "D-N" and ".Y."
        )
    if w not in STATE_ABBREVIATIONS:
        return False
    if "." in w:
        return True
    if w in AMBIGUOUS_STATES:  # "Mo Farah", "Mass was held": only "Ferguson, Mo." counts
        return comma and after in ".,)"
    return comma or after == "."


def _acronym_fits(acr: str, words: list[str]) -> bool:
    """True when `acr` reads as the initials of `words` ("ICJ": International Court of Justice)."""
    letters = acr.replace(".", "").rstrip("s")
    initials = "".join(w[0] for w in words if w).upper()
    if not letters or not initials or letters[0] != initials[0]:
        return False
    it = iter(initials)
    return all(c in it for c in letters) and len(letters) >= min(2, len(words))


def _letters_fit(acr: str, words: list[str]) -> bool:
    """True when a bracketed acronym takes its letters from inside its words as well, in
    order, each word giving one letter or more and the first its first ("KCTV": Korean
    Central Television, "DoD": Department of Defense); the brackets right after the name
    are the evidence that it is defined."""
    letters = acr.replace(".", "").rstrip("s").lower()
    if len(letters) < 2 or len(words) < 2 or len(letters) > 2 * len(words):
        return False
    lowered = [w.lower() for w in words if w[:1].isupper()]
    if len(lowered) < 2 or letters[0] != lowered[0][0]:
        return False
    # From the right: each word, last first, gives the acronym's letters from its own first
    # letter on (the fewest it can), and the first word the first.
    j = len(letters)
    for w in reversed(lowered):
        k = j
        while k > 0 and not (letters[k - 1] == w[0] and _in_order(letters[k:j], w[1:])):
            k -= 1
        if k == 0:
            return False  # the word's first letter is not where the acronym needs it
        j = k - 1
    return j == 0


def _in_order(letters: str, word: str) -> bool:
    """True when `letters` occur in `word` in this order."""
    pos = 0
    for c in letters:
        pos = word.find(c, pos) + 1
        if pos == 0:
            return False
    return True


_SoloTests = tuple[bool, str, bool, str, bool, bool, str]
"""What `_solo_word` finds out about one word (see there)."""
_SOLO: dict[str, _SoloTests | None] = {}


_WEAK = ("demonym", "opening", "people")
"""`_weak_word`'s reasons: a chunk so marked is a name only where the article confirms it."""


def _weak_word(bare: str, low: str) -> str:
    """Why a capitalised word alone needs the article's confirmation to be a name, or ""."""
    if (
        bare in GIVEN_NAMES
        or bare in WIRES
        or low in PLACE_KEYS
        or low in KNOWN_ORGS
        or not bare[1:].islower()
    ):
        return ""
    if low in DEMONYM_KEYS:
        return "demonym"
    if len(low) > 4 and low.endswith(PEOPLE_ENDINGS):
        return "people"
    if low in OPENING_WORDS or (len(low) > 4 and low.endswith(OPENING_ENDINGS)):
        return "opening"
    return ""


"""`_solo_word` per word seen, so the word-only tests of one-word runs run once per word."""
_SOLO_MAX = 1 << 18


def _solo_word(w: str) -> _SoloTests | None:
    """The tests of a one-word run that depend on the word alone, as `_trim`, `_split_title`
    and `_extract` make them: None when the word is never a name on its own, else (kept even
    sentence-initially, lowercase word, sentence-initial lowercase form dropped by its
    ending, lowercase bare word, bare word is a place, bare word ends in "s", why it is a name
    only where the article confirms it: "demonym" ("Nigerians", "Indians" of the "Cleveland
    Indians"), "people" (a plural noun for people: "Worshippers") and "opening" (shaped like
    a common word: "Heavy", "Preliminary"), both only at a sentence start, or "")."""
    bare = w.rstrip(".")
    low = w.lower()
    bare_low = bare.lower()
    if (
        bare in NEVER
        or (bare.isupper() and bare.title() in NEVER and fold(w) not in PLACE_KEYS)
        or bare == "May"
        or len(bare) == 1
        or (len(bare) > 5 and bare.isupper() and "." not in w)
        or bare.isdigit()
        or bare in ROLE_WORDS
        or bare in GENERIC_HEADS
        or bare in PLACE_HEADS
        or bare in DIRECTIONS
    ):
        solo = None
    else:
        solo = (
            fold(w) in PLACE_KEYS or w in TITLES or w in TITLE_MODIFIERS,
            low,
            low.endswith(("ing", "ly")),
            bare_low,
            bare_low in PLACE_KEYS,
            bare.endswith("s"),
            _weak_word(bare, bare_low),
        )
    if len(_SOLO) >= _SOLO_MAX:
        _SOLO.clear()
    _SOLO[w] = solo
    return solo


def extract_names(article: Article) -> list[NameMention]:
    """Return every name mention in `article` outside boilerplate, ordered by offset."""
    return [NameMention(*row) for row in name_rows(article)]


NameRow = tuple[str, int, int, str, str, EntityKind]
"""A name mention as plain values, in NameMention's field order (article, start, end, text,
name, kind): what the index stores, without building a NameMention per mention."""


def name_rows(article: Article) -> list[NameRow]:
    """`extract_names` as rows."""
    try:
        return _extract(article)
    except RecursionError:  # pragma: no cover - defensive; the code does not recurse
        return []


def _extract(article: Article) -> list[NameRow]:
    """The passes over one article, in order: candidate names (`_find_chunks`), those
    confirmed by the article (`_confirm_weak`, `_split_place_joins`), their kinds
    (`_settle_kinds`), each mention's full name (`_Resolver`), one kind a name (`_rows`)."""
    text = article.text
    if not text:
        return []
    ctx = _Ctx(text)
    chunks = _split_place_joins(text, _confirm_weak(text, _find_chunks(ctx)))
    names, kinds, headings = _settle_kinds(ctx, chunks)
    resolver = _Resolver(text, chunks, names, kinds, headings)
    mentions: list[tuple[int, int, str, str, bool]] = []
    for i, ch in enumerate(chunks):
        got = resolver.full_name(i)
        if got is None:
            continue
        if article.boilerplate and article.in_boilerplate(ch.start, ch.end):
            continue
        mentions.append((ch.start, ch.end, got[0], got[1], headings[i]))
    return _rows(article.id, text, mentions)


def _find_chunks(ctx: _Ctx) -> list[_Chunk]:
    """The candidate names of a text: runs of capitalised words, cut at connectors, trimmed
    of leading common words and split off their titles."""
    text = ctx.text
    chunks: list[_Chunk] = []
    for run in _group_runs(text):
        if len(run) > _MAX_TOKENS * 3:
            continue  # a wall of capitalised words: a list or shouting, nothing to trust
        if text[run[0][0] + 1 : run[0][0] + 2].isupper() and _dateline(ctx, run):
            s, e = run[0][0], run[-1][1]
            chunks.append(_Chunk([(a, b) for a, b, _c in run], s, e, evidence="place"))
        elif len(run) == 1:
            solo = _solo_chunk(ctx, run[0][0], run[0][1])
            if solo is not None:
                chunks.append(solo)
        else:
            chunks.extend(_run_chunks(ctx, run))
    return chunks


def _solo_chunk(ctx: _Ctx, s: int, e: int) -> _Chunk | None:
    """A run of one word (most runs): `_run_chunks`' tests folded into one path whose
    word-only tests are cached per word."""
    text = ctx.text
    w = text[s:e]
    solo = _SOLO[w] if w in _SOLO else _solo_word(w)
    if solo is None:
        return None
    if (w in STATE_ABBREVIATIONS or w[1:2] == "-") and _state_abbreviation(text, s, e):
        return None  # "LAKE FOREST, Ill.", "(D-Calif.)": a qualifier, not a name
    keep, low, strip_initial, bare_low, is_place, plural, weak = solo
    lower = ctx.lower
    initial = not keep and ctx.sentence_initial(s)
    if initial and (
        strip_initial
        or low in lower
        or (low.endswith("s") and low[:-1] in lower)
        or text.startswith(":", e)
    ):
        return None  # a sentence-initial common word ("Currently", "Vowing")
    if (weak == "people" and not initial) or (
        weak == "opening" and not (initial and not _SAID_AFTER_RE.match(text, e))
    ):
        # Shaped like a common word but mid-sentence, or speaking: "Economists said" is
        # common, "Preliminary said" is not.
        weak = ""
    if (
        (bare_low in lower or (bare_low[-1:] == "s" and bare_low[:-1] in lower))
        and not is_place
        and not _PARENS_ACR_RE.match(text, e)
    ):
        return None  # "People", "Route": a common word capitalised by a layout
    if text[e + 1 : e + 2].isdecimal() and not plural:
        e = _model_end(text, e)  # "Falcon 9", as in `_run_chunks`
    return _Chunk([(s, e)], s, e, evidence=weak)


def _run_chunks(ctx: _Ctx, run: list[tuple[int, int, str]]) -> list[_Chunk]:
    """The candidate names of a run of several capitalised words."""
    text = ctx.text
    chunks: list[_Chunk] = []
    for seg in _split_connectors(text, run):
        for whole in _trim(ctx, seg):
            for piece, evidence in _split_title(ctx, whole):
                if not piece:
                    continue
                words = [text[s:e].rstrip(".") for s, e in piece]
                if (
                    len(piece) > _MAX_TOKENS
                    or ROLE_WORDS.issuperset(words)
                    or (len(piece) < 4 and fold(" ".join(words)) in DEMONYM_KEYS)
                ):
                    # title-only pieces ("President") are roles, and "Costa Rican" an
                    # adjective, not names
                    continue
                w0 = words[0]
                low = w0.lower()
                if (
                    len(words) == 1
                    and (low in ctx.lower or (low[-1:] == "s" and low[:-1] in ctx.lower))
                    and low not in PLACE_KEYS
                    and not _PARENS_ACR_RE.match(text, piece[0][1])
                ):
                    continue  # "People", "Route": a common word capitalised by a layout
                if len(words) == 1 and (
                    w0 in GENERIC_HEADS or w0 in PLACE_HEADS or w0 in DIRECTIONS
                ):
                    continue  # "the Strip", "the Ministry": a back-reference, not a name
                pe = piece[-1][1]
                # The pattern opens with " " and a decimal digit (\d): without that digit it
                # cannot match, and most names are followed by a word.
                if text[pe + 1 : pe + 2].isdecimal() and not words[-1].endswith("s"):
                    # "Falcon 9", "Pixel 2", "Apollo 11": the number is part of the name;
                    # after a plural ("Cubs 8, Indians 7") it is a score.
                    end = _model_end(text, pe)
                    if end > pe:
                        piece = [*piece[:-1], (piece[-1][0], end)]
                chunks.append(_Chunk(piece, piece[0][0], piece[-1][1], evidence=evidence))
    return chunks


def _confirm_weak(text: str, chunks: list[_Chunk]) -> list[_Chunk]:
    """A lone demonym or a sentence-opening word shaped like a common one is a name only when
    the article also uses the word inside a name ("Indians" beside "Cleveland Indians")."""
    if not any(ch.evidence in _WEAK for ch in chunks):
        return chunks
    confirmed = {
        text[s:e]
        for ch in chunks
        if ch.evidence not in _WEAK and len(ch.toks) > 1
        for s, e in ch.toks
    }
    kept: list[_Chunk] = []
    for ch in chunks:
        if ch.evidence in _WEAK:
            if text[ch.start : ch.end] not in confirmed:
                continue
            ch.evidence = ""
        kept.append(ch)
    return kept


def _split_place_joins(text: str, chunks: list[_Chunk]) -> list[_Chunk]:
    """Split "Israel-Palestine" style joins of two known places into their parts."""
    expanded: list[_Chunk] = []
    for ch in chunks:
        if len(ch.toks) == 1:
            w = text[ch.start : ch.end]
            parts = _HY_SPLIT_RE.split(w) if "-" in w or "‐" in w or "‑" in w else [w]
            if len(parts) > 1 and all(fold(p) in PLACE_KEYS or p in DEMONYMS for p in parts):
                pos = ch.start
                for p in parts:
                    if p not in DEMONYMS:
                        expanded.append(_Chunk([(pos, pos + len(p))], pos, pos + len(p)))
                    pos += len(p) + 1
                continue
        expanded.append(ch)
    return expanded


def _settle_kinds(ctx: _Ctx, chunks: list[_Chunk]) -> tuple[list[str], list[str], list[bool]]:
    """Each chunk's name (its words), kind and whether it is in a heading.

    A person-looking pair is a person only with evidence somewhere in the article: a mention
    with a title, role or quote, a common given name first, or one of its words used alone as
    a person ("Musk said"). Without it, "Falcon Heavy" is a thing, not a man."""
    text = ctx.text
    names: list[str] = []
    kinds: list[str] = []
    headings: list[bool] = []
    for ch in chunks:
        raw = text[ch.start : ch.end]
        if "\xad" in raw:
            raw = raw.replace("\xad", "")  # a soft hyphen is a line-break hint, not a letter
        names.append(" ".join(raw.split()))
        ch.kind = _classify(ctx, ch)
        kinds.append(ch.kind)
        headings.append(ctx.is_heading(ch.start))
    things = {fold(n) for n, k in zip(names, kinds, strict=True) if k == "thing"}
    persons = {fold(n) for n, k in zip(names, kinds, strict=True) if k == "person"}
    wanted: set[str] = set()
    for name, kind in zip(names, kinds, strict=True):
        if kind == "maybe":
            ft = fold(name).split()
            wanted.add(ft[-1])
            wanted.add(ft[0])
    surnames: set[str] = set()
    for ch, name in zip(chunks, names, strict=True):
        if (
            len(ch.toks) == 1
            and fold(name) in wanted
            and (
                ch.evidence == "person"
                or _person_cue(text[max(0, ch.start - 40) : ch.start], text[ch.end : ch.end + 40])
            )
        ):
            surnames.add(fold(name))
    for i, (ch, name, kind) in enumerate(zip(chunks, names, kinds, strict=True)):
        if kind == "maybe":
            f = fold(name)
            ft = f.split()
            first = _word(text, ch.toks[0])
            backref = ft[-1] in surnames or (len(ft[0]) <= 4 and ft[0] in surnames)
            # "the Falcon Heavy" vetoes only the weakest evidence: "the Hillary Clinton
            # campaign" still names a person.
            if f in persons or first in GIVEN_NAMES or (backref and f not in things):
                kind = "person"
            else:
                kind = "other"
        elif kind == "thing":
            kind = "other"
        kinds[i] = ch.kind = kind
    return names, kinds, headings


class _Resolver:
    """What a mention stands for in its article: an acronym the text defines, an undefined
    initialism, the tail of a longer organisation's name, or a short form of a person named
    in full; and which mentions are no names after all."""

    def __init__(
        self,
        text: str,
        chunks: list[_Chunk],
        names: list[str],
        kinds: list[str],
        headings: list[bool],
    ) -> None:
        self.text, self.chunks, self.names, self.kinds = text, chunks, names, kinds
        self.acronyms, self.acr_spans = _defined_acronyms(text, chunks)
        self.body_keys = {fold(n) for n, h in zip(names, headings, strict=True) if not h}
        # Full person names in the body, indexed by each of their tokens for short forms.
        self.by_token: dict[str, set[str]] = defaultdict(set)
        self.full_kind: dict[str, str] = {}
        for ch, name, kind, h in zip(chunks, names, kinds, headings, strict=True):
            if h or kind != "person" or len(ch.toks) < 2:
                continue
            self.full_kind[name] = kind
            for t in fold(name).split():
                if t not in PARTICLES:
                    self.by_token[t].add(name)
        # Spellings that fold alike ("Azzam Al Ahmed", "Azzam Al-Ahmed") are one candidate,
        # so they never make each other's short forms ambiguous.
        self.fkey: dict[str, str] = {}
        for name in self.full_kind:
            self.fkey.setdefault(fold(name), name)
        self.full_folds = {fold(x) for x in self.full_kind}
        # Where each name is first written: a short form two people share is the one's named
        # before it is first used ("Kim Jong Un ... Kim said ... his father Kim Jong Il").
        self.first_at: dict[str, int] = {}
        for ch, name in zip(chunks, names, strict=True):
            if name not in self.first_at:
                self.first_at[name] = ch.start
        # Longer org names indexed by their multi-word tails: "Foreign Ministry" inside an
        # article that also says "Chinese Foreign Ministry" is that ministry.
        self.org_tails: dict[str, set[str]] = defaultdict(set)
        for ch, name, kind, h in zip(chunks, names, kinds, headings, strict=True):
            if kind == "org" and not h and len(ch.toks) > 2:
                ft = fold(name).split()
                for i in range(1, len(ft) - 1):
                    self.org_tails[" ".join(ft[i:])].add(fold(name))
        self.org_full = {fold(n): n for n, k in zip(names, kinds, strict=True) if k == "org"}
        # Companies of the body (names closing with a legal form) by their first word:
        # "Goldman" alone in an article that names "Goldman Sachs Group Inc" is that firm.
        self.firms: dict[str, set[str]] = defaultdict(set)
        for ch, name, kind, h in zip(chunks, names, kinds, headings, strict=True):
            if not h and len(ch.toks) > 1 and kind != "person" and kind != "place":
                ft = fold(name).split()
                if ft[-1] in LEGAL_FORMS:
                    self.firms[ft[0]].add(name)
        self.initialisms = _initialisms(text, chunks, names, kinds, headings)
        self.headings = headings
        self.resolved: dict[tuple[str, bool], str | None] = {}

    def full_name(self, i: int) -> tuple[str, str] | None:
        """The full name and kind the `i`th chunk's mention stands for, or None when it is
        no name: a common word capitalised by layout, or a heading's name the body never
        confirms."""
        ch, name, kind = self.chunks[i], self.names[i], self.kinds[i]
        names, kinds, acronyms = self.names, self.kinds, self.acronyms
        full = name
        surface_key = fold(name)
        if ch.start in self.acr_spans or name in acronyms:
            full, kind = acronyms.get(name, name), "org"
            if full != name:
                kind = kinds[names.index(full)] if full in names else "org"
                if kind in ("other", "person"):
                    kind = "org"
        elif self.initialisms and _INITIALISM_RE.fullmatch(name) and name not in SYNONYMS:
            long = self.initialisms.get(name.replace(".", ""))
            if long is not None:
                full = long
                kind = kinds[names.index(long)]
                if kind == "other":
                    kind = "org"
        elif kind == "org" and surface_key in self.org_tails:
            # The one body whose name it ends; "U.N. Security Council" and "United Nations
            # Security Council" are one body spelt two ways.
            body = _one_body(self.org_tails[surface_key], surface_key)
            if body:
                full = self.org_full[body]
        elif (
            surface_key not in PLACE_KEYS
            and kind != "org"
            and not (name.isupper() and len(name) > 1)
        ):
            asked = (name, self.text.endswith("President ", max(0, ch.start - 10), ch.start))
            if asked in self.resolved:  # a name is mostly mentioned more than once
                r = self.resolved[asked]
            else:
                r = self.resolved[asked] = self.short_form(*asked)
            if r is not None and r != name:
                full, kind = r, self.full_kind[r]
            elif r is None and len(ch.toks) == 1 and self.by_token.get(surface_key):
                kind = "other"  # ambiguous short form: never guess between people
        if (
            full == name
            and len(ch.toks) == 1
            and kind != "place"
            and kind != "person"
            and surface_key in self.firms
            and surface_key not in PLACE_KEYS
            and surface_key not in KNOWN_ORGS
            and not name.isupper()
            and not self.by_token.get(surface_key)
        ):
            head = _first_word_org(self.firms[surface_key])
            if head:
                full, kind = head, "org"
        if (
            len(ch.toks) == 1
            and full == name
            and kind in ("other", "place")
            and fold(name) in COMMON_WORDS
            and surface_key not in PLACE_KEYS
            and name not in acronyms
        ):
            return None  # "Skip", "Serious", "CLOSE": a word capitalised by layout, unexplained
        full = SYNONYMS.get(full.replace("’", "'"), full)
        if full in SYNONYM_TARGETS:
            kind = _place_or_org(full.split(), fold(full)) or kind
        if self.headings[i]:
            # Headlines and captions only keep names the body confirms.
            if fold(full) not in self.body_keys and fold(full) not in self.full_folds:
                if not (surface_key in PLACE_KEYS or name in acronyms or full != name):
                    return None
        return full, kind

    def short_form(self, name: str, president: bool = False) -> str | None:
        """The one person named in full in the body that `name` is a shorter form of."""
        own = fold(name)
        toks = [t for t in own.split() if t not in PARTICLES]
        if not toks:
            return None
        cands: set[str] | None = None
        for t in toks:
            s = self.by_token.get(t)
            if not s:
                return None
            cands = set(s) if cands is None else cands & s
        if not cands:
            return None
        # "Abu Marzouk" is itself a two-word name, but a shorter form of "Mousa Abu Marzouk":
        # only the longest candidates count, and a name never resolves to itself.
        sets = {fold(c): frozenset(fold(c).split()) for c in cands}
        sets.pop(own, None)
        # Generational suffixes tell people apart: "Donald Trump" is never "Donald Trump Jr",
        # and a lone "Trump" is the Jr only when the article has no plain "Donald Trump" and
        # does not call him "President Trump" (the father the article leaves unnamed).
        own_set = frozenset(own.split())
        for k, ts in list(sets.items()):
            sfx = ts & SUFFIXES
            if (
                sfx
                and not sfx <= own_set
                and (len(toks) > 1 or president or (ts - SUFFIXES) in sets.values())
            ):
                del sets[k]
        keys = [k for k, ts in sets.items() if not any(ts < o for o in sets.values())]
        if len(keys) > 1 and len(toks) == 1 and not president:
            # Two people share the word: it is the one named in full before it was first used
            # alone, when only one was (a writer introduces the one a short form means first,
            # and names the other in full).
            used = self.first_at.get(name, -1)
            keys = [k for k in keys if self.first_at.get(self.fkey[k], used) < used]
        if len(keys) == 1 and len(sets[keys[0]]) > len(own.split()):
            return self.fkey[keys[0]]
        return None


def _one_body(cands: set[str], tail: str) -> str:
    """The one of `cands` (folded org names ending in `tail`) they all spell: the only one,
    or the longest when the others only write its first words as initials ("un security
    council" beside "united nations security council"); "" for two bodies."""
    if len(cands) == 1:
        return next(iter(cands))
    best = max(cands, key=lambda c: (len(c), c))
    lead = best[: len(best) - len(tail)].split()
    initials = "".join(w[0] for w in lead)
    for c in cands:
        if c != best and c[: len(c) - len(tail)].replace(" ", "") != initials:
            return ""
    return best


def _first_word_org(cands: set[str]) -> str:
    """The one organisation a first word alone stands for: the only candidate, or the
    shortest when every other one goes on from it ("Goldman Sachs", "Goldman Sachs Group
    Inc"); "" when two bodies share the word."""
    best = min(cands, key=lambda c: (len(c), c))
    key = fold(best) + " "
    for c in cands:
        if c != best and not fold(c).startswith(key):
            return ""
    return best


def _defined_acronyms(text: str, chunks: list[_Chunk]) -> tuple[dict[str, str], dict[int, str]]:
    """Acronyms the text defines ("Palestinian Authority (PA)"): each acronym's full name,
    and each definition's acronym by its offset."""
    acronyms: dict[str, str] = {}
    acr_spans: dict[int, str] = {}
    for ch in chunks:
        m = _PARENS_ACR_RE.match(text, ch.end)
        if m:
            words = [_word(text, t) for t in ch.toks]
            # connectors count for initials when the acronym includes them (e.g. "DoJ")
            full = text[ch.start : ch.end]
            if (
                _acronym_fits(m.group(1), full.split())
                or _acronym_fits(m.group(1), words)
                or _letters_fit(m.group(1), words)
            ):
                acronyms[m.group(1)] = " ".join(full.split())
                acr_spans[m.start(1)] = m.group(1)
    return acronyms, acr_spans


def _initialisms(
    text: str, chunks: list[_Chunk], names: list[str], kinds: list[str], headings: list[bool]
) -> dict[str, str | None]:
    """Undefined initialisms ("The NYT did not say", "FEMA said") stand for the one longer
    name in the body whose initials they are; the whole before a last "and" counts too
    ("CDC": "Centers for Disease Control and Prevention"). None: two names share them."""
    initialisms: dict[str, str | None] = {}
    if not any(ch.end - ch.start <= 10 and text[ch.start : ch.end].isupper() for ch in chunks):
        return initialisms
    for ch, name, kind, h in zip(chunks, names, kinds, headings, strict=True):
        if h or kind == "person" or len(ch.toks) < 2:
            continue
        forms = [name]
        cut = name.rfind(" and ")
        if cut > 0:
            forms.append(name[:cut])
        for form in forms:
            key = _initials(form)
            if len(key) >= 2 and initialisms.get(key, name) == name:
                initialisms[key] = name
            elif len(key) >= 2:
                initialisms[key] = None  # two names share these initials: never guess
    return initialisms


def _rows(aid: str, text: str, mentions: list[tuple[int, int, str, str, bool]]) -> list[NameRow]:
    """The mentions as rows, in text order, with one kind a name inside an article: a vote
    over the evidence the mentions gathered."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for _s, _e, full, kind, _h in mentions:
        if kind != "other":
            votes[full][kind] += 1
    order = {"person": 0, "org": 1, "place": 2}
    result: list[NameRow] = []
    for s, e, full, kind, _h in mentions:
        v = votes.get(full)
        if v:
            if len(v) == 1:
                kind = next(iter(v))  # one kind voted: the usual case, no ranking needed
            else:
                kind = min(v.items(), key=lambda kv: (-kv[1], order[kv[0]]))[0]
        result.append((aid, s, e, text[s:e], full, _KINDS.get(kind, "other")))
    result.sort(key=lambda m: (m[1], m[2]))
    return result


_KINDS: dict[str, EntityKind] = {"person": "person", "org": "org", "place": "place"}


def _as_kind(kind: str) -> EntityKind:
    return _KINDS.get(kind, "other")
