"""Who speaks a quote: the attribution around it, read in bounded windows.

Each rule reads only the words next to the quote (its sentence, or the sentence before), so
attribution is linear in the article. A speaker is a name `reader.names` found in the
attribution phrase, else a capitalised run, else a description ("an Israeli intelligence
source"); a phrase that is none of these gives no speaker: the rules never guess.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import NamedTuple

from reader.figures.history import Sentences
from reader.names import NameRow, is_common_word
from reader.quotes.vocabulary import (
    ABBREVIATIONS,
    AFTER_STOPS,
    AUXILIARIES,
    CLAUSE_WORDS,
    DETERMINERS,
    DOCUMENT_NOUNS,
    DOCUMENT_VERBS,
    ORGANISATION_NOUNS,
    PARTICIPLES,
    PERSON_ROLES,
    PRONOUNS,
    REPORTING_VERBS,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    SOURCE_PHRASES,
    TIME_WORDS,
)

_WINDOW = 300
"""How far an attribution is read either side of a quote, in characters."""
_MAX_PHRASE_WORDS = 9
"""A speaker's phrase is a noun phrase: longer runs are clauses."""


class Speaker(NamedTuple):
    """A speaker as an attribution names it."""

    name: str
    start: int
    end: int
    full: str
    kind: str | None
    description: bool
    how: str


class Pronoun(NamedTuple):
    """An attribution by pronoun ("he added"), resolved by the caller from earlier speakers."""

    start: int
    end: int


_WORD_RE = re.compile(r"[\w’'.-]+")


def word_trie(words: Sequence[str]) -> str:
    """A regular expression matching the same words as their alternation longest first
    ("said|says|..."): sorted into a tree of shared prefixes ("sa(?:id|ys)"), a longer word
    before a shorter one it extends, so that a match (with any word boundary after it) is
    the longest word that fits, as the alternation's; it tries a letter or two where the
    alternation tries every word at every offset. The words are literal letters."""
    tree: dict[str, list[str]] = {}
    ends = False
    for w in words:
        if w:
            tree.setdefault(w[0], []).append(w[1:])
        else:
            ends = True
    branches = [re.escape(c) + word_trie(rest) for c, rest in sorted(tree.items())]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # a word ends here: its longer words first, then it alone
        return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
    return body


_VERB_RE = re.compile(
    r"\b(?:" + word_trie(sorted(REPORTING_VERBS)) + r")\b"
    r"|\b(?i:"
    + "|".join(p.replace(" ", r"\s+") for p in SOURCE_PHRASES)
    + r")\b"
    + "".join(
        rf"|{verb}\b(?:" + "|".join(rf"(?<={noun} {verb})" for noun in sorted(DOCUMENT_NOUNS)) + ")"
        for verb in sorted(DOCUMENT_VERBS)
    )
)
_PARTICIPLE_RE = re.compile(r"\b(?:" + "|".join(sorted(PARTICIPLES)) + r")\b")


def last_verb(text: str, start: int, end: int) -> re.Match[str] | None:
    """The last reporting verb (or source phrase) in text[start:end], or None. The last
    `_VERB_NEAR` characters are read first, as the verb is most often near `end`: a match
    that the stretch's start cuts is earlier than any inside it."""
    last = None
    lo = max(start, end - _VERB_NEAR)
    for m in _VERB_RE.finditer(text, lo, end):
        last = m
    if last is not None or lo == start:
        return last
    for m in _VERB_RE.finditer(text, start, lo + _VERB_LEN):
        if m.start() >= lo:
            break  # inside the near stretch, which holds none: a word cut by the read's end
        last = m
    return last


def other_reports(text: str, start: int, end: int, pronoun: str) -> bool:
    """A reporting verb in text[start:end] whose subject is not `pronoun` right before it:
    someone else speaks there ("The ferry captain said ...")."""
    for m in _VERB_RE.finditer(text, start, end):
        before = text[max(start, m.start() - 12) : m.start()].split()
        if not before or before[-1].lower() != pronoun:
            return True
    return False


_VERB_NEAR = 100
_VERB_LEN = 24
"""Longer than any reporting verb or source phrase: a match across the near stretch's start
ends before this far into it."""


_CAPITAL_RE = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|[A-Z]\.))*")
_COLON_INTRO_RE = re.compile(r"\s([a-z]+(?:ed|s))\s*:\s*$")
_BOUNDARY = frozenset(',;:“”"()[]—–\n')


class Names:
    """An article's name mentions, looked up by span."""

    def __init__(self, rows: Sequence[NameRow], text: str = "") -> None:
        self.rows = sorted(rows, key=lambda r: r[1])
        self.text = text
        self._people: dict[str, bool] = {}
        self.starts = [r[1] for r in self.rows]
        self.sentences: Sentences | None = None
        """The article's sentence ends, when the caller has them."""
        self._roles: dict[str, set[str]] | None = None
        self._row_of: dict[str, NameRow] = {}

    def person(self, row: NameRow) -> bool:
        """The mention names a person: one name extraction classed so, or one it could not
        class ("other") that is a person's, as one mention of it has a title or a person's
        role before it ("Mr. Tan", "Her father Bassem", "Parliament member Bezalel Smotrich")
        or a role in apposition after it ("Ren Guoqiang, a spokesman for ...", "Qadoura
        Fares, chairman of ...")."""
        if row[5] != "other":
            return row[5] == "person"
        known = self._people.get(row[4])
        if known is None:  # read once per name, when a pronoun's reach first meets it
            text = self.text
            known = any(r[4] == row[4] and _person_evidence(text, r[1], r[2]) for r in self.rows)
            self._people[row[4]] = known
        return known

    def role_holder(self, text: str, role: str) -> NameRow | None:
        """The one person the article ties to a role noun by apposition ("spokesman Park
        Soo-hyun", "President Luis Guillermo Solís", "the spokeswoman, Hua Chunying", "Kim Jong
        Un, the North Korean leader"): a mention of them; None when it ties no one, or two."""
        if self._roles is None:
            self._roles = {}
            for row in self.rows:
                # a name that name extraction could not class ("other") is a person's when
                # a person's role is in apposition to it
                if row[5] == "person" or row[5] == "other":
                    for noun in _tied_roles(text, row[1], row[2]):
                        self._roles.setdefault(noun, set()).add(row[4])
                        self._row_of.setdefault(row[4], row)
        held = self._roles.get(role)
        if held is None or len(held) != 1:
            return None
        return self._row_of[next(iter(held))]

    def last_person(
        self, start: int, end: int, quoted: Callable[[int], bool] | None = None
    ) -> NameRow | None:
        """The last person named wholly inside [start, end), outside quoted words (`quoted`
        tells an offset inside a quotation), or None."""
        i = bisect_left(self.starts, end) - 1
        while i >= 0 and self.rows[i][1] >= start:
            row = self.rows[i]
            if row[2] <= end and self.person(row) and not (quoted and quoted(row[1])):
                return self.rows[i]
            i -= 1
        return None

    def people(self, start: int, end: int, quoted: Callable[[int], bool]) -> set[str]:
        """The full names of the people named inside [start, end), outside quoted words."""
        i = bisect_left(self.starts, start)
        out = set()
        while i < len(self.rows) and self.rows[i][2] <= end:
            row = self.rows[i]
            if self.person(row) and not quoted(row[1]):
                out.add(row[4])
            i += 1
        return out

    def last_within(self, start: int, end: int) -> NameRow | None:
        """The last mention lying wholly inside [start, end), or None."""
        i = bisect_left(self.starts, end) - 1
        while i >= 0 and self.rows[i][1] >= start:
            if self.rows[i][2] <= end:
                return self.rows[i]
            i -= 1
        return None


_TIE_REACH = 60
"""How far after a name, in characters, an apposition's role noun is looked for."""
_TIE_WORDS = 6
"""... and in how many words after its determiner ("the spokesman for ...": "spokesman")."""


def _tied_roles(text: str, start: int, end: int) -> list[str]:
    """The role nouns an apposition ties to the name at [start, end): the word right before it
    ("spokesman Park", "the spokeswoman, Hua"), and the first role noun of a phrase after it
    between a comma and the next punctuation that opens with a determiner ("Kim Jong Un, the
    North Korean leader,")."""
    out: list[str] = []
    before = text[max(0, start - 30) : start].rstrip()
    if before.endswith(","):
        before = before[:-1]
    words = before.lower().split()
    if words and words[-1] in PERSON_ROLES:
        out.append(_role(words, len(words) - 1))
    if text[end : end + 2] == ", ":
        stop = _TIE_STOP_RE.search(text, end + 2, min(len(text), end + _TIE_REACH))
        if stop is None:
            return out
        phrase = text[end + 2 : stop.start()]
        after = phrase.lower().split()
        if after and after[0] in ("the", "a", "an"):
            for k, word in enumerate(after[1 : _TIE_WORDS + 1], 2):
                if word in PERSON_ROLES:
                    # the phrase ends there or goes on with a preposition ("the spokesman
                    # for ..."): not a clause ("Haaretz, the prime minister told ...")
                    if k == len(after) or after[k] in _TIE_PREPOSITIONS:
                        out.append(_role(after, k - 1))
                    break
    return out


def _role(words: list[str], k: int) -> str:
    """The role that lowercase `words[k]` names, with a modifier that makes another role of it
    ("vice president", "foreign minister")."""
    if k and words[k - 1] in ROLE_MODIFIERS:
        return words[k - 1] + " " + words[k]
    return words[k]


def mended_rows(text: str, rows: Sequence[NameRow]) -> Sequence[NameRow]:
    """The name rows with a slip of name extraction mended for attribution: a name cut at a
    hyphen ("Park Soo" of "Park Soo-hyun") takes its hyphenated tail."""
    tails: dict[int, int] = {}
    if "-" in text:
        for m in _HYPHEN_TAIL_RE.finditer(text):
            if text[m.start() - 1 : m.start()].isalpha() and not m.group().endswith(_NOT_SYLLABLE):
                tails[m.start()] = m.end()
    longer: dict[str, str] = {}
    if tails:
        for row in rows:
            tail = tails.get(row[2])
            # a given name's second syllable ("Ban Ki-moon"), not a compound ("Trump-backed")
            if tail is not None and row[3] == row[4] and " " in row[3]:
                longer[row[4]] = text[row[1] : tail]
    if not longer:
        return rows
    out: list[NameRow] = []
    for row in rows:
        full = longer.get(row[4])
        if full is None:
            out.append(row)
        elif row[3] == row[4]:
            out.append((row[0], row[1], row[1] + len(full), full, full, row[5]))
        else:
            out.append((row[0], row[1], row[2], row[3], full, row[5]))
    return out


_HYPHEN_TAIL_RE = re.compile(r"-[a-z]{2,5}\b")
_NOT_SYLLABLE = ("ed", "era", "led", "like", "style", "type", "run", "born", "ing", "ly")
_HONORIFICS = frozenset("mr mrs ms dr".split())
_KIN = frozenset("father mother son daughter brother sister wife husband member coach".split())


def _person_evidence(text: str, start: int, end: int) -> bool:
    """A title or a person's role right before the name at [start, end), or a person's role
    in apposition after it."""
    if start > 1 and text[start - 1] == " ":
        lo = max(0, start - 20)
        word = text[max(lo, text.rfind(" ", lo, start - 1) + 1) : start - 1]
        word = word.lower().rstrip(".")
        if word in _HONORIFICS or word in PERSON_ROLES or word in _KIN:
            return True
    if text.startswith(", ", end):
        first = text[end + 2 : end + 20].split(None, 1)[:1]
        if first and first[0] in PERSON_ROLES:  # "Qadoura Fares, chairman of ..."
            return True
        return bool(_tied_roles(text, start, end))
    return False


_TIE_PREPOSITIONS = frozenset("for of at in to from with on".split())
_TIE_STOP_RE = re.compile(r"[,.;:()“”\"\n]")


def described_entity(
    text: str,
    sp: Speaker,
    names: Names,
    unquoted: Callable[[int, int], list[tuple[int, int]]],
) -> Speaker | None:
    """The named entity a definite description stands for, when the article ties it to one:
    "the spokesman" or "Costa Rica's president" is the one person the article names with that
    role in apposition (`Names.role_holder`); "the statement" is whoever the article says
    issued a statement last before it ("..., said Rabbi Jonathan Blake in a statement", "In a
    statement, Backroads spokeswoman ..."). None otherwise: an indefinite description ("a
    spokesman"), a plural, or a role the article ties to no one or to two people."""
    words = sp.name.split()
    head = words[-1].lower().rstrip(".") if words else ""
    if head in DOCUMENT_NOUNS:
        source = document_source(text, sp.end, len(text), names, sp.how)
        if source is not None:  # "a statement from the foreign ministry"
            return source
    if len(words) < 2:
        return organisation_named(text, sp, head, names) if head in _BARE_BODIES else None
    first = words[0].lower()
    owned = any(w.endswith(("’s", "'s")) for w in words[:-1])
    named = words[0][:1].isupper() and first not in DETERMINERS  # "Airline spokesman"
    if first != "the" and not owned and not named:
        return None
    if head in PERSON_ROLES:
        row = names.role_holder(text, _role([w.lower() for w in words], len(words) - 1))
        if row is None:
            return None
        return Speaker(row[3], row[1], row[2], row[4], row[5], False, sp.how)
    if head in DOCUMENT_NOUNS:
        return _issuer(text, sp.start, head, names, unquoted)
    if head in ORGANISATION_NOUNS:
        return organisation_named(text, sp, head, names)
    return None


_SOURCE_RE = re.compile(
    r"\s+(?:(?:released|issued|put\s+out|sent|posted|published)\s+)?(?:by|from)\s+(?=\S)"
)
_DOCUMENT_RE = re.compile(
    r"(?:a|an|the)\s+(?:[\w’'-]+\s+){0,2}?(?:" + "|".join(sorted(DOCUMENT_NOUNS)) + r")\b"
)
_READS_RE = re.compile(r"(?:reads|read|said|says)\s+(?=(?:a|an|the)\s)")
_READ_WORD_RE = re.compile(r"\s(?:reads|read)\b")


def document_source(text: str, at: int, limit: int, names: Names, how: str) -> Speaker | None:
    """Who a document whose noun ends at `at` comes from, when the words after it say so
    ("a statement from the foreign ministry", "a letter released by Norbridge Ltd"), up to
    `limit`: the organisation or person named there (or the one organisation a kind noun
    stands for, "a statement from the company"); None when none is named."""
    m = _SOURCE_RE.match(text, at, limit)
    if m is None:
        return None
    start = m.end()
    end = _object_end(text, start, min(limit, start + _WINDOW))
    verb = _VERB_RE.search(text, start, end)
    if verb is not None:
        end = verb.start()
    read = _READ_WORD_RE.search(text, start, end)
    if read is not None:
        end = read.start()
    found = phrase_speaker(text, start, end, names, how)
    if found is None:
        return None
    if found.description:
        head = found.name.rsplit(None, 1)[-1].lower()
        return organisation_named(text, found, head, names)
    return found


def _document_speaker(text: str, start: int, verb_start: int, names: Names) -> Speaker | None:
    """The source of a document that is the subject of a verb after a quote (", a statement
    from the foreign ministry said"), or None."""
    doc = _DOCUMENT_RE.match(text, start, verb_start)
    if doc is None:
        return None
    return document_source(text, doc.end(), verb_start, names, "after")


_BARE_BODIES = frozenset({"police"})
"""Organisation nouns that name a speaker with no determiner ("police said")."""
_TRADING_NOUNS = frozenset("company firm airline carrier".split())
"""Organisation nouns whose modifiers describe ("the tech company") rather than tell one
body from another ("the foreign ministry", "the state department")."""
_TIED_KINDS = frozenset("company firm airline carrier agency".split())
"""Organisation nouns that words next to a name show ("Qualcomm shares", "news agency KCNA");
others only the name's own words ("Public Safety Ministry"): "Facebook campaign" is no
campaign's name, "LAX police" no police force's."""
_TIE_WORDS_AFTER = 4
"""How many words after a name are read for the noun that tells its kind ("Yonhap news
agency", "Backroads, a travel company")."""


def organisation_named(text: str, sp: Speaker, head: str, names: Names) -> Speaker | None:
    """The organisation a description by its kind stands for ("the company", "the foreign
    ministry", "police"): the one organisation named before it in the article whose name or
    a mention's neighbouring words show that kind (`ORGANISATION_NOUNS`), and that holds the
    description's lowercase modifiers ("foreign" for "the foreign ministry"); None when no
    named organisation fits, or two do."""
    kind_words = ORGANISATION_NOUNS.get(head)
    if kind_words is None:
        return None
    modifiers: list[str] = []
    if head not in _TRADING_NOUNS:
        for w in sp.name.split()[:-1]:
            low = w.lower()
            if w.islower() and low not in DETERMINERS:
                modifiers.append(low)
    found: dict[str, NameRow] = {}
    fits: dict[str, bool] = {}
    i = bisect_left(names.starts, sp.start) - 1
    while i >= 0:
        row = names.rows[i]
        i -= 1
        full = row[4]
        if row[5] not in ("org", "other") or full in found:
            continue
        known = fits.get(full)
        if known is None:
            known = _of_kind(text, names, full, kind_words, modifiers, head in _TIED_KINDS)
            fits[full] = known
        if known and not names.person(row):
            found[full] = row
    kept = [f for f in found if not any(o != f and _extends(o, f) for o in found)]
    if len(kept) != 1:
        return None
    row = found[kept[0]]
    return Speaker(row[3], row[1], row[2], row[4], "org", False, sp.how)


def _extends(longer: str, shorter: str) -> bool:
    """One name is the other with words after it ("Broadcom Ltd", "Broadcom")."""
    return longer.startswith(shorter + " ")


def _of_kind(
    text: str,
    names: Names,
    full: str,
    kind_words: frozenset[str],
    modifiers: list[str],
    tied: bool,
) -> bool:
    """The organisation named `full` is of a kind: a word of its name is one of
    `kind_words`, or (when `tied`) one is next to a mention of it (right before it, or among
    the few words after it up to punctuation, over a comma and an article); and its name
    holds every one of `modifiers`."""
    name_words = [w.lower().rstrip(".") for w in full.split()]
    if any(m not in name_words for m in modifiers):
        return False
    if any(w in kind_words for w in name_words):
        return True
    if not tied:
        return False
    for row in names.rows:
        if row[4] != full:
            continue
        before = text[max(0, row[1] - 30) : row[1]].split()
        if before and before[-1].lower() in kind_words:
            return True  # "news agency KCNA"
        after = text[row[2] : row[2] + 60]
        if after.startswith(", "):
            after = after[2:]
            first = after.split(None, 1)[:1]
            if not first or first[0] not in ("a", "an", "the"):
                continue
        elif after.startswith(("’s ", "'s ")):
            after = after[3:]
        elif not after.startswith(" "):
            continue
        for word in after.split()[:_TIE_WORDS_AFTER]:
            low = word.lower().rstrip(".,;:")
            if low in kind_words:
                return True
            if word[-1:] in ",.;:" or not word.islower():
                break
    return False


_ISSUER_REACH = 1200
"""How far back from "the statement said" the statement's introduction is looked for."""


def _issuer(
    text: str,
    before: int,
    noun: str,
    names: Names,
    unquoted: Callable[[int, int], list[tuple[int, int]]],
) -> Speaker | None:
    """Who issued the document (`noun`) an article introduced last before `before`: the
    person of the reporting clause of its sentence, or the organisation they speak for when a
    role noun ties them to it ("Backroads spokeswoman Liz Einbinder"); the organisation of "a
    statement from ..."."""
    lo = max(0, before - _ISSUER_REACH)
    at = -1
    for a, b in unquoted(lo, before):
        k = text.rfind(" " + noun, a, b)
        if k >= 0 and text[k - 2 : k] in (" a", "A", "an"):
            at = k + 1
    if at < 0:
        return None
    if names.sentences is None:
        return None
    start, end = names.sentences.span(at, at + len(noun))
    tail = text[at + len(noun) : at + len(noun) + 6]
    if tail.startswith((" from ", " by ")):
        obj = at + len(noun) + tail.index(" ", 1) + 1
        found = phrase_speaker(text, obj, _object_end(text, obj, end), names, "before")
        if found is not None and not found.description:
            return found
        return None
    # "..., said Rabbi Jonathan Blake in a statement posted ...": the clause before the noun
    found = reported_speaker(text, start, at, names, unquoted)
    found = found or reported_speaker(text, start, end, names, unquoted)
    if found is None:
        return _named_issuer(text, start, at, names)
    # "Backroads spokeswoman Liz Einbinder": the organisation the spokeswoman speaks for.
    i = bisect_left(names.starts, start)
    while i < len(names.rows) and names.rows[i][1] < found.start:
        row = names.rows[i]
        i += 1
        gap = text[row[2] : found.start].split()
        if row[5] == "org" and len(gap) == 1 and gap[0].lower() in PERSON_ROLES:
            return Speaker(row[3], row[1], row[2], row[4], row[5], False, "before")
    return found


def _named_issuer(text: str, start: int, at: int, names: Names) -> Speaker | None:
    """The name right before the one verb in -ed before "a report" at `at` ("news agency KCNA
    released a report", "Vantrel Shipping issued a statement"), or None."""
    row = names.last_within(start, at)
    if row is None or row[5] == "place":
        return None
    gap = text[row[2] : at].split()
    if len(gap) != 2 or gap[1] not in ("a", "an") or not gap[0].endswith("ed"):
        return None
    if not gap[0].isalpha() or not gap[0].islower():
        return None
    return Speaker(row[3], row[1], row[2], row[4], row[5], False, "before")


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD_RE.finditer(text, start, end)]


def phrase_speaker(text: str, start: int, end: int, names: Names, how: str) -> Speaker | None:
    """The speaker a noun phrase text[start:end] names: its head name ("China's foreign
    ministry spokesman Lin Jian" -> Lin Jian), or its description; None when it is neither."""
    while start < end and not (text[start].isalnum()):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == "."):
        end -= 1
    if start >= end:
        return None
    if end > start and text[end - 1] == "." and not _abbreviated(text, start, end):
        end -= 1
    words = _words(text, start, end)
    while len(words) > 1 and _not_speaker(text[words[-1][0] : words[-1][1]]):
        words.pop()  # "Xi Jinping has", "Donald Trump simply"
        end = words[-1][1]
    if not words or len(words) > _MAX_PHRASE_WORDS:
        return None
    row = names.last_within(start, end)
    if row is not None and not text[row[2] : end].strip(" .’'s") and not _located(text, row[1]):
        return Speaker(row[3], row[1], row[2], row[4], row[5], False, how)
    first = text[words[0][0] : words[0][1]].lower()
    last = text[words[-1][0] : words[-1][1]].lower().rstrip(".")
    if first in DETERMINERS and (last in ROLE_NOUNS or last in DOCUMENT_NOUNS) and len(words) >= 2:
        return Speaker(text[start:end], start, end, text[start:end], "description", True, how)
    if last in ROLE_NOUNS and len(words) >= 2 and first not in DETERMINERS:
        head = text[start : words[-1][0]]
        if all(w[:1].isupper() for w in head.split()):  # "Slidell police", "Cardinals president"
            owner = "’s " in head or "'s " in head  # "Costa Rica's president": described
            kind = "description" if owner else None
            return Speaker(text[start:end], start, end, text[start:end], kind, owner, how)
    if len(words) == 1 and first in _BARE_BODIES:
        return Speaker(text[start:end], start, end, text[start:end], "description", True, how)
    if len(words) <= 3 and all(w[0].isupper() for w in text[start:end].split()):
        run = text[start:end]
        if len(words) == 1 and (is_common_word(run) or run.lower() in PRONOUNS):
            return None
        return Speaker(run, start, end, run, None, False, how)
    # A title before a capitalised run: "foreign ministry spokesman Lin" with Lin untagged.
    tail = _CAPITAL_RE.search(text, start, end)
    while tail is not None and tail.end() < end:
        tail = _CAPITAL_RE.search(text, tail.end(), end)
    if tail is not None and tail.end() == end and tail.start() > start:
        before = text[start : tail.start()].split()
        if (
            before
            and before[-1].lower() in ROLE_NOUNS
            and not is_common_word(tail.group())
            and tail.group() not in TIME_WORDS
        ):
            return Speaker(tail.group(), tail.start(), end, tail.group(), None, False, how)
    return None


def _not_speaker(word: str) -> bool:
    """A word ending a subject that is not part of it: an auxiliary or an adverb."""
    return word in AUXILIARIES or (word.islower() and word.endswith("ly") and len(word) > 4)


def _located(text: str, at: int) -> bool:
    """A name after a preposition is where the speaker is, not who: "a fellow ... in Beijing"."""
    before = text[max(0, at - 6) : at].split()
    return bool(before) and before[-1].lower() in ("in", "at", "from", "near", "of", "for", "by")


def _abbreviated(text: str, start: int, end: int) -> bool:
    m = re.search(r"(\w+)\.$", text[max(start, end - 6) : end])
    return bool(m and (m.group(1) in ABBREVIATIONS or len(m.group(1)) == 1))


def _is_pronoun(text: str, start: int, end: int) -> bool:
    """ "he", "she", "he also", "she later": a pronoun, with no more than adverbs after it."""
    words = text[start:end].split()
    while len(words) > 1 and _not_speaker(words[-1]):
        words.pop()
    return len(words) == 1 and words[0].lower() in PRONOUNS


def _subject_start(text: str, floor: int, verb_start: int) -> int:
    """Where the noun phrase ending just before a verb at `verb_start` begins: back over words
    until punctuation, a clause word, or `_MAX_PHRASE_WORDS` words."""
    # The phrase is a few words: they are read from the last `_SUBJECT_READ` characters, and
    # from `floor` only when the walk back reaches the first of those (a word it may cut).
    lo = max(floor, verb_start - _SUBJECT_READ)
    found = _phrase_start(text, _words(text, lo, verb_start), verb_start, lo == floor)
    if found < 0:
        found = _phrase_start(text, _words(text, floor, verb_start), verb_start, True)
    return found


_SUBJECT_READ = 120
"""How many characters before a verb are read first for its subject's words."""


def _phrase_start(text: str, words: list[tuple[int, int]], verb_start: int, whole: bool) -> int:
    """`_subject_start` over `words`, the words before the verb; -1 when the walk back reaches
    the first of them and they are not `whole` (the first may be cut, or more may be before)."""
    if not words and not whole:
        return -1
    start = verb_start
    taken = 0
    for k in range(len(words) - 1, -1, -1):
        if k == 0 and not whole:
            return -1
        ws, we = words[k]
        gap = text[we:start]
        if any(c in _BOUNDARY for c in gap):
            break
        word = text[ws:we]
        if not taken and _not_speaker(word):
            start = ws  # "the State Department also confirmed": over the adverb
            continue
        if word.lower() in CLAUSE_WORDS or (word.isdigit() and taken):
            break
        start = ws
        taken += 1
        if taken >= _MAX_PHRASE_WORDS:
            break
        if word.lower() in DETERMINERS and word.lower() not in ("senior", "unnamed", "other"):
            break  # a determiner opens the phrase
    return start


_AFTER_STOP_RE = re.compile(
    r"\s(?:" + "|".join(sorted(AFTER_STOPS, key=len, reverse=True)) + r")\b"
    r"|[,;:!?“”\"()—–\n]"
    r"|(?<!\b[A-Z])" + "".join(rf"(?<!\b{a})" for a in sorted(ABBREVIATIONS)) + r"\."
)


def _object_end(text: str, start: int, limit: int) -> int:
    m = _AFTER_STOP_RE.search(text, start, limit)
    return m.start() if m else limit


def speaker_after(text: str, close: int, limit: int, names: Names) -> Speaker | Pronoun | None:
    """The attribution right after a closing mark at `close` (up to `limit`): ", said Lin",
    ", Lin Jian said", " he added", ", according to Lin Jian". None when none is there."""
    i = close
    while i < limit and text[i] in " ,\t":
        i += 1
    window_end = min(limit, i + _WINDOW)
    reads = _READS_RE.match(text, i, window_end)
    if reads is not None:  # "“...,” reads a statement from the ministry."
        source = _document_speaker(text, reads.end(), window_end, names)
        if source is not None:
            return source
    verb = _VERB_RE.search(text, i, window_end)
    if verb is None:  # "“...,” a statement released by the ministry read."
        return _document_speaker(text, i, window_end, names)
    if verb.start() == i:  # "said Lin" / "according to Lin"
        obj_start = verb.end()
        while obj_start < window_end and text[obj_start] == " ":
            obj_start += 1
        obj_end = _object_end(text, obj_start, window_end)
        if _is_pronoun(text, obj_start, obj_end):
            return Pronoun(obj_start, obj_end)
        how = "according" if verb.group().lower().startswith("according") else "after"
        return phrase_speaker(text, obj_start, obj_end, names, how)
    # "Lin Jian said", "he added": the subject must fill the gap up to the verb.
    if any(c in _BOUNDARY for c in text[i : verb.start()]):
        return _appositive(text, i, verb.start(), names) or _final_tag(
            text, i, verb.start(), verb.end(), limit, names
        )
    if _is_pronoun(text, i, verb.start()):
        return Pronoun(i, verb.start() - 1)
    if verb.group().lower().startswith("according"):
        return None
    subject = _subject_start(text, i, verb.start())
    if subject != i:
        # more than a noun phrase between the quote and the verb, unless a document's source
        return _document_speaker(text, i, verb.start(), names)
    return phrase_speaker(text, i, verb.start(), names, "after")


def _final_tag(
    text: str, start: int, verb_start: int, verb_end: int, limit: int, names: Names
) -> Speaker | Pronoun | None:
    """ "“...,” Seoul should instead respond to overtures, Kim said.": an attribution that
    ends the sentence, after a comma, speaks the whole sentence."""
    if limit - verb_end > _TAG_CHARS:
        return None
    rest = text[verb_end:limit].rstrip()
    if not rest.endswith(".") or len(_WORD_RE.findall(rest)) > _TAG_WORDS:
        return None
    comma = text.rfind(",", start, verb_start)
    if comma < 0 or any(c in _BOUNDARY for c in text[comma + 1 : verb_start]):
        return None
    if any(c in '“”"' for c in text[start:verb_start]):
        return None
    if _is_pronoun(text, comma + 1, verb_start):
        return Pronoun(comma + 2, verb_start - 1)
    if _subject_start(text, comma + 1, verb_start) > comma + 2:
        return None
    return phrase_speaker(text, comma + 1, verb_start, names, "after")


_TAG_WORDS = 4
"""At most this many words after the verb of an attribution that ends a sentence."""
_TAG_CHARS = 60
"""... and at most this many characters."""


def _appositive(text: str, start: int, end: int, names: Names) -> Speaker | None:
    """The speaker of "Kris Hoce, president of Morton Plant Hospital, said" or "Bruce
    Steinberg's sister, Tamara Steinberg Jacobson, wrote": a name and a description between
    commas up to the verb; the name when one is named, else the description."""
    gap = text[start:end]
    if not gap.rstrip().endswith(",") or gap.count(",") > 2:
        return None
    if any(c in _BOUNDARY and c != "," for c in gap):
        return None
    found: Speaker | None = None
    at = start
    for part in gap.split(",")[:-1]:
        sp = phrase_speaker(text, at, at + len(part), names, "after")
        at += len(part) + 1
        if sp is not None and not sp.description:
            return sp
        found = found or sp
    return found


def _after_aside(text: str, subject: int, verb_start: int) -> bool:
    """The subject before a verb follows a comma, or a comma ends the words before it: where
    `_comma_subject` may find a name before an aside."""
    return text[subject - 2 : subject] == ", " or text[verb_start - 2 : verb_start] == ", "


def _comma_subject(text: str, floor: int, verb_start: int, names: Names) -> Speaker | None:
    """The named subject of a clause whose name is followed by an aside between commas:
    "Adm. Mike Mullen, a former chairman of the Joint Chiefs, said", "Tong Zhao, a fellow at
    the Carnegie-Tsinghua Center told", "Arians, 65, said". The clause opens with the name, or
    with one phrase before it ("On Monday, Lin Jian, a spokesman, said"); the aside after the
    name opens with a lowercase word or a number, never with another name."""
    lo = max(floor, verb_start - _WINDOW)
    if text.find(",", lo, verb_start) < 0:
        return None
    start = lo
    for c in _CLAUSE_BREAKS:
        start = max(start, text.rfind(c, lo, verb_start) + 1)
    parts = text[start:verb_start].split(",")
    at = start
    for k, part in enumerate(parts[:2]):
        end = at + len(part)
        if k + 1 < len(parts):
            aside = parts[k + 1].strip()
            if aside and (aside[0].islower() or aside[0].isdigit()):
                sp = phrase_speaker(text, at, end, names, "before")
                if sp is not None and not sp.description:
                    return sp
        at = end + 1
    return None


def _named_before_comma(text: str, floor: int, verb_start: int, names: Names) -> Speaker | None:
    """The subject of a verb that follows a comma when no aside opens after a name: a name in
    apposition to a description ("China's Foreign Ministry spokeswoman, Hua Chunying, said"),
    or the name the sentence opens with when that comma is its only one ("Parliament member
    Bezalel Smotrich of the right-wing party Habayit Hayehudi, explained that ...")."""
    lo = max(floor, verb_start - _WINDOW)
    start = lo
    for c in _CLAUSE_BREAKS:
        start = max(start, text.rfind(c, lo, verb_start) + 1)
    opener = text[start:verb_start].split(None, 1)[:1]
    if not opener or opener[0].lower() in CLAUSE_WORDS or opener[0].lower() in _NOT_OPENERS:
        return None  # "If Snowden chooses ..., says Professor Young": a clause, not a subject
    if text.count(",", start, verb_start) == 2:
        found = _appositive(text, start, verb_start, names)
        if found is not None and not found.description and found.kind not in ("org", "place"):
            return found
    if text.count(",", floor, verb_start) == 1:
        lead = lead_subject(text, floor, verb_start, names)
        if isinstance(lead, Speaker) and lead.kind not in ("org", "place"):
            return lead
    return None


_NOT_OPENERS = frozenset("were had should unless once until despite for in on at to with".split())


def reported_speaker(
    text: str,
    start: int,
    end: int,
    names: Names,
    unquoted: Callable[[int, int], list[tuple[int, int]]],
    known: Speaker | None = None,
) -> Speaker | None:
    """The person named in the last reporting clause of text[start:end] outside quotes
    (`unquoted` gives the stretches of a span outside quotation marks): "..., said Nam
    Sung-wook, a North Korea expert", "Qadoura Fares, chairman of ..., said the charges were
    false"; None when that clause names no person."""
    last = None
    for a, b in reversed(unquoted(max(start, end - _CLAUSE_REACH), end)):
        last = last_verb(text, a, b)
        if last is not None:
            break
    if last is None:
        return None
    vs, ve = last.span()
    if text[max(start, vs - 4) : vs].strip().lower() in PRONOUNS:
        return None  # "he said": names no one
    if known is not None and (0 < vs - known.end <= 2 or 0 < known.start - ve <= 2):
        # the clause of a quote already attributed ("Lin said", "said Lin")
        return None if known.description or known.kind in ("org", "place") else known
    found: Speaker | None = None
    if text[vs - 2 : vs] == ", " or text[vs:ve].lower().startswith("according"):
        found = phrase_speaker(text, ve + 1, _object_end(text, ve + 1, end), names, "after")
    if found is None:
        floor = text.rfind("\n", 0, vs) + 1
        subject = _subject_start(text, max(floor, start), vs)
        if subject < vs:
            found = phrase_speaker(text, subject, vs, names, "before")
        if (found is None or found.description) and _after_aside(text, subject, vs):
            found = _comma_subject(text, max(floor, start), vs, names)
    if found is None or found.description or found.kind in ("org", "place"):
        return None
    return found


_PARTICIPLE_REACH = 160
"""How far before a quote the participle that introduces it is looked for, in characters."""
_CLAUSE_REACH = _WINDOW
"""How far back a pronoun's reporting clause is looked for, in characters."""


def _participle_subject(
    text: str, floor: int, at: int, names: Names, lead: int
) -> Speaker | Pronoun | None:
    """Who speaks through a participle at `at`: the named subject right before it after
    "with" ("with spokesman Yoon Young-chan saying"), else, when it hangs on the clause after
    a comma or "while" ("..., urging Pyongyang to", "..., while emphasising that"), the
    sentence's subject."""
    before = text[max(floor, at - _WINDOW) : at].rstrip()
    with_ = before.rfind(" with ")
    if with_ >= 0 and not any(c in _BOUNDARY for c in before[with_:]):
        start = max(floor, at - _WINDOW) + with_ + 6
        found = phrase_speaker(text, start, at, names, "before")
        return found if found is not None and not found.description else None
    if not before and lead < floor:
        before = text[max(lead, floor - 2) : floor].rstrip()  # the mark closing a quote
    if before.endswith((",", "”", '"')) or before.split()[-1:] in _SAME_SUBJECT:
        subject = lead_subject(text, floor, at, names)
        if subject is None and lead < floor:  # the sentence's, before a quote that cut it
            subject = lead_subject(text, lead, at, names)
        return subject
    return None


_SAME_SUBJECT = (["while"], ["and"], ["when"], ["after"], ["before"], ["by"])
"""Words before a participle that leave its subject the sentence's: "... when telling
reporters", "... after saying", "... by calling it"."""


def lead_subject(text: str, floor: int, end: int, names: Names) -> Speaker | Pronoun | None:
    """The subject a sentence opens with, when it is a pronoun or a name: the first name in
    text[floor:end] that nothing but a title or an opening phrase with its comma comes before
    ("After weeks of rhetoric, Donald Trump struck ...", "Education Minister Naftali Bennett
    welcomed ..."), followed by a verb or an aside between commas. None otherwise."""
    head = text[floor:end].lstrip(" \"“”'‘’")
    first = head.split(None, 1)[:1]
    if first and first[0].lower() in PRONOUNS:
        start = floor + (len(text[floor:end]) - len(head))
        return Pronoun(start, start + len(first[0]))
    i = bisect_left(names.starts, floor)
    while i < len(names.rows) and names.rows[i][2] <= end:
        row = names.rows[i]
        i += 1
        if _located(text, row[1]) or row[5] == "place":
            continue
        prefix = text[floor : row[1]].strip(" \"“”'‘’")
        after = text[row[2] : row[2] + 3]
        if not (prefix.endswith(",") or _title_words(prefix)):
            continue  # "The head of the Israeli Labor Party, Yitzhak Herzog, voiced ..."
        if after[:1] in ("’", "'") or not (after[:1] == "," or after[1:2].islower()):
            return None
        return Speaker(row[3], row[1], row[2], row[4], row[5], False, "before")
    return None


def named_subject(text: str, start: int, end: int, names: Names) -> bool:
    """The name at [start, end) is the subject of its clause: the sentence opens with it
    (titles aside, not a clause word: "When Pagano left" is not), or it follows a comma
    ("..., Arians directed"); and a verb or an aside follows it, not a possessive, a
    preposition or a conjunction ("Arians and Palmer", "Arians's team")."""
    after = text[end : end + 2]
    if after == ", ":
        pass  # an aside: "Arians, 65, said"
    elif after[:1] != " " or not after[1:2].islower():
        return False
    else:
        word = text[end + 1 : end + 16].split(None, 1)[0].rstrip(",.;:")
        if word in _NOT_VERBS or word in DETERMINERS:
            return False
    if names.sentences is None:
        return False
    opens, _ = names.sentences.span(start, end)
    prefix = text[opens:start].strip(" \"“”'‘’")
    if not prefix or prefix.endswith(","):
        return True
    first = prefix.split(None, 1)[0].lower()
    return _title_words(prefix) and first not in CLAUSE_WORDS and first not in DETERMINERS


_NOT_VERBS = frozenset(
    "and or but of in at to for with from on by as than nor into over under about".split()
)


def _title_words(prefix: str) -> bool:
    """Nothing, or a title before a name: "Education Minister", "Mr.", "Cardinals center"."""
    words = prefix.split()
    return len(words) <= 5 and all(
        w[:1].isupper() or w.lower().rstrip(".") in ROLE_NOUNS for w in words
    )


_CLAUSE_BREAKS = '“”"();:—–\n'


def speaker_before(
    text: str, floor: int, open_: int, names: Names, lead: int = -1
) -> Speaker | Pronoun | None:
    """The attribution between a sentence's start (`floor`, later than `lead`, the sentence's
    own start, when a quote earlier in the sentence ends there) and an opening mark at
    `open_`: "Lin said: “", "Lin Jian said representatives held “", "According to Lin, “"; a
    participle's subject is the sentence's ("Bassem called it a “political trial” saying
    ... “justify her arrest”")."""
    colon = _COLON_INTRO_RE.search(text, max(floor, open_ - _WINDOW), open_)
    if colon is not None:  # "Hamilton groaned: “": any verb introduces with a colon
        subject = _subject_start(text, max(floor, open_ - _WINDOW), colon.start(1))
        if subject < colon.start(1) and not _is_pronoun(text, subject, colon.start(1)):
            found = phrase_speaker(text, subject, colon.start(1), names, "before")
            if found is not None:
                return found
    last = last_verb(text, max(floor, open_ - _WINDOW), open_)
    participle = None
    lo = max(last.end() if last else floor, open_ - _PARTICIPLE_REACH)
    if text.find("ing ", lo, open_) >= 0:
        for m in _PARTICIPLE_RE.finditer(text, lo, open_):
            participle = m
    if participle is not None:
        lead = floor if lead < 0 else lead
        through = _participle_subject(text, floor, participle.start(), names, lead)
        if through is not None:
            return through
    if last is None:
        return None
    if last.group().lower().startswith(SOURCE_PHRASES[0].split()[0]) or " " in last.group():
        obj_end = _object_end(text, last.end() + 1, open_)
        return phrase_speaker(text, last.end(), obj_end, names, "according")
    subject = _subject_start(text, max(floor, open_ - _WINDOW), last.start())
    if subject >= last.start() and text[floor : last.start()].rstrip().endswith(", who"):
        # "President Moon Jae-in, who said he hoped ...": the name the clause hangs on
        comma = text.rfind(",", floor, last.start())
        found = phrase_speaker(text, _subject_start(text, floor, comma), comma, names, "before")
        if found is not None:
            return found
    if subject >= last.start() and text[floor : last.start()].rstrip().endswith(","):
        named = _comma_subject(text, floor, last.start(), names)
        if named is not None:
            return named
        named = _named_before_comma(text, floor, last.start(), names)
        if named is not None:
            return named
    if subject >= last.start() and _coordinated(text[floor : last.start()]):
        # "The Lions missed the play-offs and announced on Twitter: “": a second verb of the
        # sentence's subject
        opens = floor if lead < 0 else lead
        both = lead_subject(text, opens, last.start(), names)
        if both is not None and _plain_subject(text, opens, both, names, ("person", "org")):
            return both
    if subject >= last.start():
        obj_start = last.end()
        while obj_start < open_ and text[obj_start] == " ":
            obj_start += 1
        obj_end = _object_end(text, obj_start, open_)
        # "said Lin: “" - the speaker after the verb, right before the quote.
        if text[obj_end : obj_end + 1] in (":", ","):
            return phrase_speaker(text, obj_start, obj_end, names, "before")
        return None
    if _is_pronoun(text, subject, last.start()):
        return Pronoun(subject, last.start() - 1)
    found = phrase_speaker(text, subject, last.start(), names, "before")
    if found is None or found.description:
        # "Tong Zhao, a fellow at the Carnegie-Tsinghua Center, told CNN that ..."
        named = _comma_subject(text, floor, last.start(), names)
        if named is not None:
            return named
    return found


def _coordinated(before: str) -> bool:
    """The words before a verb end on "and" or "but", adverbs aside ("but also called")."""
    words = before.split()
    while words and _not_speaker(words[-1]):
        words.pop()
    return words[-1:] in (["and"], ["but"])


def fragment_subject(text: str, start: int, open_: int, names: Names) -> Speaker | Pronoun | None:
    """Who speaks a quoted phrase inside a sentence that has no attribution of its own: the
    name the sentence (from `start`) opens with, when it is the subject of the verb that
    governs the phrase ("Moon on Tuesday welcomed the offer as a “positive response”",
    "Norbridge made a “best and final offer”"). None when the sentence opens with no name, the
    verb is passive ("Berg was charged with “...”"), or a relative clause or a second
    reporting verb between them may give the phrase to someone else."""
    lead = lead_subject(text, start, open_, names)
    if lead is None:
        return None
    body = isinstance(lead, Speaker) and lead.kind == "org"
    if not _plain_subject(text, start, lead, names, ("person",)) and not (
        body and _plain_subject(text, start, lead, names, ("org",))
    ):
        return None  # an organisation's phrase when name extraction classed it one
    if body:
        nxt = text[lead.end : lead.end + 20].split()[:1]
        if nxt and nxt[0].lower().strip(",") in _ROLE_WORDS:
            return None  # "Early Facebook executive ...": the name is the role's modifier
    end = lead.end
    between = text[end:open_]
    if any(c in between for c in _FRAGMENT_BREAKS):
        return None
    words = [w.strip(",").lower() for w in between.split()]
    if any(w in _RELATIVES or w in _PERCEIVING for w in words) or _passive(words):
        return None
    if words[-1:] and words[-1] in _BE:
        return None  # "Stone was “contacted by ...”": a passive inside the quote
    if _PARTICIPLE_RE.search(between):
        return None  # "Yates telling McGahn that Flynn had “...”": the participle's subject
    verbs = list(_VERB_RE.finditer(text, end, open_))
    if len(verbs) > 1:
        return None
    if verbs:  # "Moon on Tuesday welcomed": only adverbials before the one verb
        head = [w.strip(",").lower() for w in text[end : verbs[0].start()].split()]
        if any(w in DETERMINERS or w in PRONOUNS or w in CLAUSE_WORDS for w in head):
            return None
    return lead


def _plain_subject(
    text: str, start: int, lead: Speaker | Pronoun, names: Names, kinds: tuple[str, ...]
) -> bool:
    """The subject a sentence opens with is a pronoun, or a name of one of `kinds` (a name
    name extraction could not class counts as a person's when the article gives it a title or
    a role) that is the head of its phrase, not a modifier after a determiner ("The Williams
    driver", "The Microsoft email"), as a noun after it shows."""
    if isinstance(lead, Pronoun):
        return True
    before = text[start : lead.start].strip(" \"“”'‘’").split()[:1]
    if before and before[0].lower() in ("the", "a", "an"):
        after = text[lead.end : lead.end + 20].split()[:1]
        word = after[0].strip(",") if after else ""
        if not (_not_speaker(word) or word.endswith(("ed", "s"))):
            return False  # a noun after the name: the name is its modifier
    if lead.kind in kinds:
        return True
    if lead.kind != "other":
        return False
    if "org" in kinds and text[lead.end : lead.end + 2][1:].islower():
        return True  # "The Lions also missed ...": a body's name right before its verb
    i = bisect_left(names.starts, lead.start)
    return i < len(names.rows) and names.rows[i][1] == lead.start and names.person(names.rows[i])


_ROLE_WORDS = PERSON_ROLES | ROLE_NOUNS
"""Nouns a name before them modifies ("Facebook executive", "CIA officials")."""
_PERCEIVING = frozenset("heard hears saw sees watched watches overheard read reads".split())
"""Verbs of hearing or reading: the phrase after them is someone else's words."""
_FRAGMENT_BREAKS = frozenset(';:()“”"—–\n')
_RELATIVES = frozenset("who whom whose which".split())
_BE = frozenset("is are was were be been being".split())
_IRREGULAR_PARTICIPLES = frozenset(
    "found held told sent given taken made put seen known hit cut set shot caught brought".split()
)


def _passive(words: list[str]) -> bool:
    """A form of "be" before a past participle ("was charged", "were found"), adverbs aside."""
    for i, w in enumerate(words[:-1]):
        if w in _BE:
            nxt = words[i + 1]
            if nxt.endswith("ly") and i + 2 < len(words):
                nxt = words[i + 2]
            if nxt.endswith(("ed", "en")) or nxt in _IRREGULAR_PARTICIPLES:
                return True
    return False
