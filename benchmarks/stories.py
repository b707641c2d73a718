"""Story detection: pairwise precision/recall on labelled events among distractors, and speed.

Run: python benchmarks/stories.py [--distractors 3000] [--no-speed] [--no-baseline]
(corpora from ../shared/corpora/).

Quality. Articles of `clusters.jsonl` (69 labelled events) and `basil.jsonl` (100 events)
are mixed with a fixed selection of `allsides` articles (every k-th line, label unknown);
labels are removed before detection. Over the pairs put in one story:
- precision = correct / judged pairs. A labelled x labelled pair is correct when the labels
  agree. A labelled x distractor pair is an error, unless the two are near-duplicates
  (shingle resemblance >= 0.5 measured on the full texts: the same copy is the same event,
  whoever labelled it); distractor x distractor pairs are not judged (no labels).
- recall = of the same-label pairs published at most 3 days apart, the share put in one
  story. (Some `clusters` labels are storylines over months; an event is days long.)
Both are printed for the mix and for each labelled file on its own (same run), with the
mix recall over pairs of articles of 80+ words (some labelled pages are page chrome), for
the detector and for two baselines: tf-idf cosine (all words of title and text, sklearn
tokens and English stop words, sublinear tf), average linkage over all pairs, cut at the
threshold from a sweep with the best recall at precision >= 99.5% (else the best F1); once
plain, once with pairs more than 10 days apart counted as unrelated. Each sweep is printed.

Speed, at all 37,554 allsides articles: `story_features` per article, `detect_stories`
over the features, `attach_stories` of one article, and peak memory of detection.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import os
import statistics
import sys
import time
import tracemalloc
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from reader.models import Article  # noqa: E402
from reader.stories import (  # noqa: E402
    attach_stories,
    detect_stories,
    story_features,
)

CORPORA = REPO.parent / "shared" / "corpora"
NEAR_DUP = 0.5
RECALL_DAYS = 3
TARGET_PRECISION = 0.995
DISTRACTOR_GAP = 7
SHORT_PAGE = 80
"""Some labelled 'articles' are captured page chrome ('NPR Search : NPR', 'ABC News', 16-word
video captions): the last column is the mix recall over pairs of articles with 80+ words."""


def read_jsonl(path: Path) -> list[dict]:
    """Records of a JSON-lines file, gzip or not; a repeated id gets `#line` appended (as the
    corpus loader makes ids unique: basil has three records with the id `basil/empty`)."""
    opener = gzip.open if path.suffix == ".gz" else open
    seen: set[str] = set()
    out = []
    with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        for number, line in enumerate(fh, 1):
            if line.strip():
                rec = json.loads(line)
                if rec["id"] in seen:
                    rec["id"] = f"{rec['id']}#{number}"
                seen.add(rec["id"])
                out.append(rec)
    return out


def to_article(rec: dict, source: str) -> Article:
    """An Article from a corpus record, as the benchmark sees it (no label)."""
    date = rec.get("date")
    return Article(
        id=rec["id"],
        path=source,
        title=rec.get("title") or "",
        text=rec.get("text") or "",
        outlet=rec.get("outlet"),
        date=date[:10] if date else None,
    )


def distractors(count: int, labelled_days: set[int]) -> list[Article]:
    """A fixed, spread-out selection of allsides articles: every k-th record among those
    published more than DISTRACTOR_GAP days from every labelled article.

    allsides covers the same US news as basil (the Scalise shooting, the Cantor upset, ...):
    an allsides report of a labelled event is not a distractor, and joining it is right, yet
    without labels it would count as an error. Articles that far from every labelled event
    cannot report one of them (an event is days long), so a join with one is a true error.
    """
    recs = read_jsonl(CORPORA / "allsides.jsonl.gz")
    far = []
    for r in recs:
        d = day(to_article(r, "allsides"))
        if d is not None and all(
            d + k not in labelled_days for k in range(-DISTRACTOR_GAP, DISTRACTOR_GAP + 1)
        ):
            far.append(r)
    step = max(1, len(far) // count)
    return [to_article(r, "allsides") for r in far[::step][:count]]


def shingles(text: str) -> set[int]:
    """4-word shingles of a whole text, for judging near-duplicates independently."""
    words = "".join(c.lower() if c.isalnum() else " " for c in text).split()
    return {hash(tuple(words[i : i + 4])) for i in range(max(1, len(words) - 3))}


def day(a: Article) -> int | None:
    """Date ordinal or None."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(a.date[:10]).toordinal() if a.date else None
    except ValueError:
        return None


def score(
    story_of: dict[str, str],
    label: dict[str, str],
    articles: dict[str, Article],
    subset: set[str] | None = None,
    min_words: int = 0,
) -> tuple[float, float, int, int]:
    """(precision, recall, judged pairs, wrong pairs) over labelled articles in `subset`;
    recall only over pairs whose articles both have at least `min_words` words."""
    labelled = [a for a in label if subset is None or a in subset]
    members: dict[str, list[str]] = defaultdict(list)
    for a, s in story_of.items():
        members[s].append(a)
    good = bad = 0
    shingle_cache: dict[str, set[int]] = {}

    def sh(a: str) -> set[int]:
        if a not in shingle_cache:
            shingle_cache[a] = shingles(articles[a].text)
        return shingle_cache[a]

    keep = set(labelled)
    for group in members.values():
        inside = [a for a in group if a in keep]
        if not inside:
            continue
        for a, b in combinations(sorted(inside), 2):
            if label[a] == label[b]:
                good += 1
            else:
                bad += 1
        others = [a for a in group if a not in label]
        for a in inside:
            for b in others:
                sa, sb = sh(a), sh(b)
                if len(sa & sb) / max(1, len(sa | sb)) >= NEAR_DUP:
                    good += 1
                else:
                    bad += 1
    want = hit = 0
    by_label: dict[str, list[str]] = defaultdict(list)
    for a in labelled:
        by_label[label[a]].append(a)
    for group in by_label.values():
        for a, b in combinations(group, 2):
            da, db = day(articles[a]), day(articles[b])
            if da is None or db is None or abs(da - db) > RECALL_DAYS:
                continue
            if min(articles[a].words, articles[b].words) < min_words:
                continue
            want += 1
            hit += story_of[a] == story_of[b]
    precision = good / (good + bad) if good + bad else 1.0
    recall = hit / want if want else 1.0
    return precision, recall, good + bad, bad


def baseline_stories(
    articles: list[Article], thresholds: list[float], window: int | None
) -> dict[float, dict[str, str]]:
    """tf-idf cosine (all words of title and text), average linkage over all pairs, cut at
    each threshold; with `window`, pairs published more than that many days apart (or
    undated) count as unrelated."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [a.title + "\n" + a.text for a in articles]
    )
    sim = (x @ x.T).toarray()
    if window is not None:
        days = np.asarray([day(a) if day(a) is not None else -(10**6) for a in articles])
        sim[np.abs(days[:, None] - days[None, :]) > window] = 0.0
    dist = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    out = {}
    for t in thresholds:
        labels = fcluster(tree, t=1.0 - t, criterion="distance")
        out[t] = {a.id: f"b{lab}" for a, lab in zip(articles, labels, strict=True)}
    return out


def best_threshold(scored: dict[float, tuple[float, float, int, int]]) -> float:
    """The threshold with the best recall at precision >= 99.5%, else the best F1."""
    ok = [t for t, (p, _, _, _) in scored.items() if p >= TARGET_PRECISION]
    if ok:
        return max(ok, key=lambda t: (scored[t][1], -t))
    return max(
        scored, key=lambda t: 2 * scored[t][0] * scored[t][1] / max(1e-9, sum(scored[t][:2]))
    )


def quality(n_distractors: int, with_baseline: bool) -> None:
    """Print precision/recall of detect_stories (and the baseline) on the labelled mix."""
    label: dict[str, str] = {}
    subsets: dict[str, set[str]] = {}
    arts: list[Article] = []
    for name in ("clusters", "basil"):
        recs = read_jsonl(CORPORA / f"{name}.jsonl")
        subsets[name] = set()
        for r in recs:
            a = to_article(r, name)
            arts.append(a)
            label[a.id] = f"{name}:{r['cluster']}"
            subsets[name].add(a.id)
    labelled_days = {d for a in arts if (d := day(a)) is not None}
    arts.extend(distractors(n_distractors, labelled_days))
    articles = {a.id: a for a in arts}
    print(f"mix: {len(label)} labelled + {len(arts) - len(label)} distractors")
    t0 = time.perf_counter()
    feats = [story_features(a) for a in arts]
    result = detect_stories(feats)
    took = time.perf_counter() - t0
    story_of = {r.article: r.story for r in result}
    print(f"detect_stories: {len(set(story_of.values()))} stories in {took:.2f} s")
    rows = [("seedread", story_of)]
    if with_baseline:
        sweep = [round(0.05 + 0.025 * k, 3) for k in range(25)]
        for name, window in (("tfidf-avg", None), ("tfidf-avg-10d", 10)):
            base = baseline_stories(arts, sweep, window)
            scored = {t: score(s, label, articles) for t, s in base.items()}
            best = best_threshold(scored)
            print(f"baseline {name} sweep (threshold: precision / recall on the mix):")
            print(
                "  " + "  ".join(f"{t:.3f}: {p:.1%}/{r:.1%}" for t, (p, r, _, _) in scored.items())
            )
            rows.append((f"{name}@{best:.3f}", base[best]))
    heads = ("mix P", "mix R", "clus P", "clus R", "basil P", "basil R", "R 80w+")
    print(f"{'':22} " + " ".join(f"{h:>8}" for h in heads))
    for name, s in rows:
        cells = []
        for subset in (None, subsets["clusters"], subsets["basil"]):
            p, r, _, _ = score(s, label, articles, subset)
            cells += [f"{p:.2%}", f"{r:.2%}"]
        cells.append(f"{score(s, label, articles, min_words=SHORT_PAGE)[1]:.2%}")
        print(f"{name:22} " + " ".join(f"{c:>8}" for c in cells))
    if "--explain" in sys.argv:
        explain(story_of, label, articles)


def explain(story_of: dict[str, str], label: dict[str, str], articles: dict[str, Article]) -> None:
    """Print the wrong joins and the missed same-event pairs (for reading, not tuning)."""
    members: dict[str, list[str]] = defaultdict(list)
    for a, s in story_of.items():
        members[s].append(a)
    for s, group in members.items():
        labs = Counter(label.get(a, "?") for a in group)
        if len([x for x in labs if x != "?"]) > 1 or ("?" in labs and len(labs) > 1):
            print("MIXED", s, dict(labs))
            for a in group[:8]:
                print("   ", label.get(a, "?"), articles[a].date, articles[a].title[:80])
    by_label: dict[str, list[str]] = defaultdict(list)
    for a in label:
        by_label[label[a]].append(a)
    for lab, group in by_label.items():
        split = Counter(story_of[a] for a in group)
        if len(split) > 1:
            print("SPLIT", lab, sorted(split.values(), reverse=True))


def speed() -> None:
    """Print feature, detection and attach timings and memory at the full allsides corpus."""
    recs = read_jsonl(CORPORA / "allsides.jsonl.gz")
    arts = [to_article(r, "allsides") for r in recs]
    del recs
    words = statistics.median(a.words for a in arts[::10])
    gc.collect()
    t0 = time.perf_counter()
    for a in arts:
        a.text.lower().split()
    t_floor = time.perf_counter() - t0
    t0 = time.perf_counter()
    feats = [story_features(a) for a in arts]
    t_feat = time.perf_counter() - t0
    size = statistics.mean(len(__import__("pickle").dumps(f)) for f in feats[::50])
    print(
        f"allsides: {len(arts)} articles, median {words:.0f} words; machine load "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(
        f"floor: text.lower().split() of every article: {1000 * t_floor / len(arts):.3f} ms/article"
    )
    print(
        f"story_features: {1000 * t_feat / len(arts):.3f} ms/article ({t_feat:.1f} s), "
        f"pickled {size:.0f} bytes on average"
    )
    gc.collect()
    tracemalloc.start()
    t0 = time.perf_counter()
    result = detect_stories(feats)
    t_detect = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # tracemalloc slows Python code: time once more without it.
    t0 = time.perf_counter()
    result = detect_stories(feats)
    t_plain = time.perf_counter() - t0
    sizes = Counter(Counter(r.story for r in result).values())
    copies = sum(1 for r in result if r.origin != r.article)
    print(
        f"detect_stories: {t_plain:.2f} s ({t_detect:.2f} s under tracemalloc), "
        f"peak {peak / 2**20:.0f} MB traced; {len({r.story for r in result})} stories, "
        f"{sum(v for k, v in sizes.items() if k > 1)} with 2+ articles, {copies} copies"
    )
    by_id = {r.article: r for r in result}
    existing = [(f, by_id[f.id]) for f in feats[1:]]
    new = feats[0]
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        got = attach_stories([new], existing)
        times.append(time.perf_counter() - t0)
    same = (
        got[0].story == by_id[new.id].story
        or sum(1 for r in result if r.story == by_id[new.id].story) == 1
    )
    print(
        f"attach_stories (1 new vs {len(existing)}): {min(times) * 1000:.0f} ms best of 3; "
        f"agrees with detect_stories: {same}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--distractors", type=int, default=3000)
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    quality(args.distractors, not args.no_baseline)
    if not args.no_speed:
        speed()


if __name__ == "__main__":
    main()
