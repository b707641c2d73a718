"""Quotes end to end: the seeds' spokesman statement across three reports, and a real corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.corpus import bundled_seeds, load_corpus
from reader.models import Article
from reader.quotes import extract_quotes
from reader.quotes.statements import align, group_statements, verdict

CLUSTERS = Path("/work/shared/corpora/clusters.jsonl")


def test_seeds_spokesman_statements_grouped_across_reports() -> None:
    corpus = load_corpus(bundled_seeds())
    quotes = [q for a in corpus.articles for q in extract_quotes(a)]
    spokesman = [
        q
        for q in quotes
        if q.speaker_full == "Lin Jian" or (q.description and "spokesman" in (q.speaker_name or ""))
    ]
    assert len({q.article for q in spokesman}) == 3
    statements = group_statements(quotes, lambda _a: "seeds", lambda q: q.speaker_full)
    joined = [s for s in statements if len({q.article for q in s.quotes}) > 1]
    texts = {s.id: " / ".join(q.text for q in s.quotes) for s in joined}
    by_words = {
        "in-depth and candid": "words differ",  # talks on promoting / consultations on advancing
        "highly appreciate": "words differ",  # re-tensed
        "fully expressed": "words differ",  # explored a number of / discussed many
        "agreed to continue": "words differ",  # translated twice
    }
    for cue, expected in by_words.items():
        (statement,) = [s for s in joined if cue in texts[s.id]]
        assert statement.speaker == "Lin Jian" and not statement.misattributed
        assert verdict(statement) == expected
        a, b = statement.quotes[0], statement.quotes[1]
        assert any(op != "equal" for op, _, _ in align(a, b))
    retensed = next(s for s in joined if "highly appreciate" in texts[s.id])
    changed = [(wa, wb) for op, wa, wb in align(*retensed.quotes[:2]) if op != "equal"]
    assert changed == [(("appreciated",), ("appreciate",))]


def _clusters() -> list[Article]:
    if not CLUSTERS.exists():
        pytest.skip("no clusters corpus here")
    articles = []
    with CLUSTERS.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            articles.append(Article(r["id"], r["id"], r.get("title") or "", r.get("text") or ""))
    return articles


def test_clusters_offsets_hold_and_most_quotes_have_a_speaker() -> None:
    articles = _clusters()
    assert len(articles) == 383
    quotes = []
    for a in articles:
        for q in extract_quotes(a):
            assert a.text[q.start : q.end] == q.text
            assert q.start < q.end
            quotes.append(q)
    assert len(quotes) > 500
    with_speaker = sum(q.speaker_name is not None for q in quotes) / len(quotes)
    assert with_speaker >= 0.45, with_speaker  # measured 0.48: many quotes name no one
