"""Corpus search: names by any variant (fuzzy), figures by value, titles and text."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable
from itertools import product
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from reader.models import SearchHit
from reader.names import fold as fold_name

if TYPE_CHECKING:
    from reader.store import FactIndex

_NON_WORD = re.compile(r"[^\w]+")

NAME_CUTOFF = 72
"""Minimum fuzzy score (0–100) for a name hit: "marzuk" still finds "Abu Marzouk"."""


def fold(text: str) -> str:
    """The form names are compared in: `reader.names.fold` (case, accents, joiners), with any
    other punctuation read as a space, so a query and a spelling fold alike."""
    return _NON_WORD.sub(" ", fold_name(text)).strip()


def parse_number(query: str) -> float | None:
    """The number a query spells ("34,356", "34356", "2.3"), or None."""
    cleaned = query.strip().replace(",", "").replace("\u202f", "").replace(" ", "")
    cleaned = cleaned.rstrip("%")
    try:
        return float(cleaned)
    except ValueError:
        return None


class NameLookup:
    """Every spelling of every entity, folded once, for fuzzy search as you type.

    Choices are whole spellings and their words ("moussa abu marzouk", "marzouk"), scored
    with rapidfuzz's native ratio so a keystroke never runs Python per candidate; a query
    that is the start of a word ("marz", "hani") also matches by prefix. Only choices that
    begin with the first letter of one of the query's words are scored: a misspelt name
    rarely has its first letter wrong ("marzuk", "mousa", "hanniyeh"), and it makes a
    keystroke ten times cheaper than scoring all 200k choices at 37k articles.
    """

    def __init__(self, variants: list[tuple[str, str, str]]) -> None:
        self.variants = variants
        """(entity id, canonical name, spelling) rows."""
        owners: defaultdict[str, list[int]] = defaultdict(list)
        for i, (_, _, spelling) in enumerate(variants):
            folded = fold(spelling)
            owners[folded].append(i)
            if " " in folded:
                for word in set(folded.split()):
                    if len(word) >= 3:
                        owners[word].append(i)
        # Each distinct string once, sorted: the fuzzy scan scores a word shared by thousands
        # of spellings ("ahmed") once, and prefixes are found by bisection.
        self.choices = sorted(owners)
        """Distinct folded spellings and words."""
        self.owners = [owners[c] for c in self.choices]
        """The variant rows of each choice."""
        self.by_length: dict[tuple[str, int], tuple[list[str], list[int]]] = {}
        """Choices by first letter and length, with their place in `choices`."""
        for i, choice in enumerate(self.choices):
            strings, places = self.by_length.setdefault((choice[:1], len(choice)), ([], []))
            strings.append(choice)
            places.append(i)

    def find(self, folded: str, limit: int) -> list[tuple[float, int]]:
        """(score, variant row) pairs for a folded query, best first."""
        scores: dict[int, float] = {}
        wanted = limit * 4
        # A ratio of NAME_CUTOFF needs 2·min(len)/(sum of lens) >= NAME_CUTOFF/100, so only
        # choices within a band of lengths can reach it: the others are never scored.
        share = NAME_CUTOFF / 100
        low = math.floor(len(folded) * share / (2 - share))
        high = math.ceil(len(folded) * (2 - share) / share)
        found: list[tuple[float, int]] = []
        initials = sorted({word[0] for word in folded.split()})
        for initial, length in product(initials, range(max(low, 1), high + 1)):
            bucket = self.by_length.get((initial, length))
            if bucket is None:
                continue
            strings, places = bucket
            found += (
                (float(score), places[i])
                for _, score, i in process.extract(
                    folded, strings, scorer=fuzz.QRatio, limit=wanted, score_cutoff=NAME_CUTOFF
                )
            )
        found.sort(key=lambda hit: (-hit[0], hit[1]))
        for score, i in found[:wanted]:
            for row in self.owners[i][:wanted]:
                scores[row] = max(scores.get(row, 0.0), score)
        if len(folded) >= 3:
            at = bisect_left(self.choices, folded)
            seen = 0
            while at < len(self.choices) and seen < wanted:
                if not self.choices[at].startswith(folded):
                    break
                for row in self.owners[at][:wanted]:
                    scores[row] = max(scores.get(row, 0.0), 90.0)
                at += 1
                seen += 1
        return sorted(((s, r) for r, s in scores.items()), key=lambda x: -x[0])


class SubstringLookup:
    """Short texts (titles, labels), casefolded into one string so that finding those that
    contain a query is a C-speed scan, not a Python loop or a table scan per keystroke."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        self.rows = rows
        """(id, text) in the order hits are wanted."""
        folded = [text.replace("\n", " ").casefold() for _, text in rows]
        self.starts: list[int] = []
        """Where each row's text begins in `blob`."""
        at = 0
        for text in folded:
            self.starts.append(at)
            at += len(text) + 1
        self.blob = "\n".join(folded)

    def find(self, query: str, limit: int) -> list[tuple[str, str]]:
        """The first `limit` rows whose text contains `query` (ignoring case)."""
        needle = query.replace("\n", " ").casefold()
        found: list[tuple[str, str]] = []
        if not needle:
            return found
        blob, starts = self.blob, self.starts
        at = blob.find(needle)
        while at >= 0 and len(found) < limit:
            row = bisect_right(starts, at) - 1
            found.append(self.rows[row])
            if row + 1 >= len(starts):
                break
            at = blob.find(needle, starts[row + 1])
        return found


def search_index(index: FactIndex, query: str, limit: int = 40) -> list[SearchHit]:
    """Hits for `query`, best first: names, then figures, then titles, then text lines."""
    return (search_facts(index, query, limit) + search_texts(index, query, limit))[:limit]


def search_facts(index: FactIndex, query: str, limit: int = 40) -> list[SearchHit]:
    """The quick part of a search, from indexes only: names, figures and titles."""
    query = query.strip()
    if not query:
        return []
    hits: list[SearchHit] = []
    folded = fold(query)

    # Names: every spelling of every entity, fuzzy; one hit per entity, its best spelling.
    lookup = name_lookup(index)
    if folded:
        best: dict[str, tuple[float, str, str]] = {}
        for score, row in lookup.find(folded, limit):
            eid, name, variant = lookup.variants[row]
            if eid not in best or score > best[eid][0]:
                best[eid] = (score, name, variant)
        for eid, (score, name, variant) in sorted(best.items(), key=lambda kv: -kv[1][0]):
            detail = "" if variant == name else f"as “{variant}”"
            hits.append(SearchHit(eid, name, detail, float(score)))

    # Figures: by value when the query is a number (an index on the value), else by label.
    number = parse_number(query)
    if number is not None:
        rows = index.figures_valued(number, limit)
        hits.extend(SearchHit(gid, label, f"“{text}”", 100.0) for gid, label, text in rows)
    titles, labels = text_lookups(index)
    if number is None and len(folded) >= 3:
        hits.extend(
            SearchHit(gid, label, "figure", 80.0) for gid, label in labels.find(query, limit)
        )

    # Titles.
    hits.extend(
        SearchHit(f"a:{aid}", title, "title", 70.0) for aid, title in titles.find(query, limit)
    )
    return hits[:limit]


def search_texts(
    index: FactIndex,
    query: str,
    limit: int = 40,
    cancelled: Callable[[], bool] | None = None,
) -> list[SearchHit]:
    """The slow part of a search: article text, one hit per article, its first matching line.

    It reads every text, so it stops as soon as `cancelled()` is true (a newer keystroke);
    it then returns what it has, usually nothing.
    """
    query = query.strip()
    if len(query) < 3:
        return []
    hits = []
    for aid, title, start in index.texts_containing(query, limit, cancelled):
        line, _, _ = index.context(aid, start, start + len(query), width=70)
        hits.append(SearchHit(f"a:{aid}", title, line.replace("\n", " "), 50.0, start=start))
    return hits


def name_lookup(index: FactIndex) -> NameLookup:
    """The fuzzy name matcher over every spelling of `index`, built once per opened index
    (about a second at 37k articles: the search screen starts it as it opens)."""
    return index.derived("search.names", lambda: NameLookup(index.all_variants()))


def text_lookups(index: FactIndex) -> tuple[SubstringLookup, SubstringLookup]:
    """Article titles (by date) and figure labels (most articles first), each in one folded
    string, searched by substring as you type (a scan of 37k titles in SQLite takes 10 ms a
    keystroke, a find in one string 1 ms). Built once per opened index, like `name_lookup`."""
    return index.derived(
        "search.texts",
        lambda: (
            SubstringLookup(index.titles_by_date()),
            SubstringLookup(index.group_labels_by_reach()),
        ),
    )


def lookups_built(index: FactIndex) -> bool:
    """Whether `name_lookup` and `text_lookups` are built for `index` already."""
    return index.has_derived("search.names", "search.texts")
