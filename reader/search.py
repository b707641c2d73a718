"""Corpus search: names by any variant (fuzzy), figures by value, titles and text."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

if TYPE_CHECKING:
    from reader.index import FactIndex, SearchHit

NAME_CUTOFF = 72
"""Minimum fuzzy score (0–100) for a name hit: "marzuk" still finds "Abu Marzouk"."""


def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation: the form names are compared in."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", " ", plain.casefold()).strip()


def parse_number(query: str) -> float | None:
    """The number a query spells ("34,356", "34356", "2.3"), or None."""
    cleaned = query.strip().replace(",", "").replace("\u202f", "").replace(" ", "")
    cleaned = cleaned.rstrip("%")
    try:
        return float(cleaned)
    except ValueError:
        return None


def _name_score(query: str, choice: str, **_: object) -> float:
    """Fuzzy score that rewards a query matching one word or the whole name."""
    if not query or not choice:
        return 0.0
    best = fuzz.ratio(query, choice)
    for word in choice.split():
        if len(word) >= 3:
            best = max(best, fuzz.ratio(query, word) - 2)
    if len(query) >= 4:
        best = max(best, fuzz.partial_ratio(query, choice) - 5)
    return best


def search_index(index: FactIndex, query: str, limit: int = 40) -> list[SearchHit]:
    """Hits for `query`, best first: names, then figures, then titles, then text lines."""
    from reader.index import SearchHit

    query = query.strip()
    if not query:
        return []
    hits: list[SearchHit] = []
    folded = fold(query)

    # Names: every variant of every entity, fuzzy; one hit per entity with its best variant.
    variants = index.all_variants()
    if folded and variants:
        choices = [fold(v) for _, _, v in variants]
        best: dict[str, tuple[float, str, str]] = {}
        for _, score, i in process.extract(
            folded, choices, scorer=_name_score, limit=limit * 4, score_cutoff=NAME_CUTOFF
        ):
            eid, name, variant = variants[i]
            if eid not in best or score > best[eid][0]:
                best[eid] = (score, name, variant)
        for eid, (score, name, variant) in sorted(best.items(), key=lambda kv: -kv[1][0]):
            detail = "" if variant == name else f"as “{variant}”"
            hits.append(SearchHit(eid, name, detail, float(score)))

    # Figures: by value when the query is a number, else by label.
    number = parse_number(query)
    if number is not None:
        rows = index.raw(
            "SELECT DISTINCT f.grp, g.label, f.text FROM figures f JOIN groups g ON g.id = f.grp"
            " WHERE CAST(f.value AS REAL) = ? LIMIT ?",
            (number, limit),
        )
        hits.extend(SearchHit(gid, label, f"“{text}”", 100.0) for gid, label, text in rows)
    elif len(folded) >= 3:
        rows = index.raw(
            "SELECT id, label FROM groups WHERE label LIKE ? ORDER BY articles DESC LIMIT ?",
            (f"%{query}%", limit),
        )
        hits.extend(SearchHit(gid, label, "figure", 80.0) for gid, label in rows)

    # Titles, then article text (one hit per article, the first matching line).
    like = "%" + query.replace("%", r"\%").replace("_", r"\_") + "%"
    for aid, title in index.raw(
        "SELECT id, title FROM articles WHERE title LIKE ? ESCAPE '\\' ORDER BY date LIMIT ?",
        (like, limit),
    ):
        hits.append(SearchHit(f"a:{aid}", title, "title", 70.0))
    if len(query) >= 3:
        for aid, title, pos in index.raw(
            "SELECT id, title, instr(lower(text), lower(?)) FROM articles"
            " WHERE text LIKE ? ESCAPE '\\' ORDER BY date LIMIT ?",
            (query, like, limit),
        ):
            start = max(int(pos) - 1, 0)
            line, _, _ = index.context(aid, start, start + len(query), width=70)
            hits.append(SearchHit(f"a:{aid}", title, line.replace("\n", " "), 50.0, start=start))
    return hits[:limit]
