"""Figure quantity identity on real multi-outlet news, against a hand-annotated table (issue 17).

tests/data/quantities.yaml names, for a dozen events in ../shared/corpora, the quantities their
articles report (what happens to whom: dead, injured, hospitalized, US citizens dead, ...) and
where each is written. For each event its articles are indexed on their own and exported; then:

- every annotated mention was extracted as a figure at all;
- all mentions of one quantity are in one figure group, whatever their values ("must join");
- two quantities of one event never share a group, nor does a past or unrelated event's figure
  share a current quantity's group ("must stay apart"; several pairs have equal values);
- a quantity stated to be a part of another points at the whole's group (`part_of`);
- an annotated update or dispute shows on the group (`updates`, `disputed`).

The annotation is the ground truth: a failure here is the product's, not the table's. Each
event's articles are given their event as `story`, so story detection does not decide the result.
"""

from __future__ import annotations

import json
from io import StringIO
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
import yaml

from reader.export import write_json
from reader.store import build_index

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
TABLE = Path(__file__).resolve().parent / "data" / "quantities.yaml"
EVENTS: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text("utf-8"))["events"]
BY_ID = {e["id"]: e for e in EVENTS}

pytestmark = pytest.mark.skipif(
    not all((CORPORA / e["corpus"]).exists() for e in EVENTS),
    reason="needs ../shared/corpora (clusters.jsonl, basil.jsonl)",
)

Mention = dict[str, Any]  # {article: alias, text, nth}


def _key(m: Mention) -> str:
    return f"{m['article']}:{m['text']}#{m.get('nth', 0)}"


def _quantities(event: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {q["label"]: q for q in event["quantities"]}


def _past(event: dict[str, Any]) -> list[Mention]:
    return list(event.get("historical") or []) + list(event.get("unrelated") or [])


# ---- building and reading one event's export -------------------------------------------------


class Export:
    """One event's export, with annotated mentions located in it."""

    def __init__(self, event: dict[str, Any], doc: dict[str, Any]) -> None:
        self.event = event
        self.texts = {a["id"]: a["text"] for a in doc["articles"]}
        self.groups = {g["id"]: g for g in doc["figures"]}
        self.spans: dict[str, list[tuple[int, int, str]]] = {}
        for g in doc["figures"]:
            for m in g["mentions"]:
                self.spans.setdefault(m["article"], []).append((m["start"], m["end"], g["id"]))

    def locate(self, m: Mention) -> tuple[str, int, int]:
        """The article id and span of the nth occurrence of the mention's text."""
        article = self.event["articles"][m["article"]]
        text = self.texts[article]
        pos = -1
        for _ in range(m.get("nth", 0) + 1):
            pos = text.find(m["text"], pos + 1)
            assert pos >= 0, f"annotation error: {_key(m)} not in {article}"
        return article, pos, pos + len(m["text"])

    def group_of(self, m: Mention) -> str | None:
        """The id of the figure group whose mention overlaps this one most, or None."""
        article, start, end = self.locate(m)
        best, best_overlap = None, 0
        for s, e, gid in self.spans.get(article, ()):
            overlap = min(e, end) - max(s, start)
            if overlap > best_overlap:
                best, best_overlap = gid, overlap
        return best

    def describe(self, gid: str | None) -> str:
        if gid is None:
            return "(not extracted)"
        g = self.groups[gid]
        values = sorted({str(m.get("text")) for m in g["mentions"]})[:6]
        return f"{gid} [{g.get('label')}] {values}"


def _records(event: dict[str, Any]) -> list[dict[str, Any]]:
    wanted = set(event["articles"].values())
    out = []
    with (CORPORA / event["corpus"]).open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["id"] in wanted:
                keep = {k: rec.get(k) for k in ("id", "outlet", "date", "title", "text", "url")}
                out.append({**keep, "story": event["id"]})
    assert {r["id"] for r in out} == wanted, f"{event['id']}: articles missing from the corpus"
    return out


MISSES = {
    line.split("\t")[0]: line.split("\t")[1]
    for line in (TABLE.parent / "quantity_misses.tsv").read_text("utf-8").splitlines()
    if line and not line.startswith("#")
}
"""Known misses (test id -> why), each an xfail: strict, so a fix shows."""


@pytest.fixture(autouse=True)
def known_miss(request: pytest.FixtureRequest) -> None:
    """Mark a known miss xfail, with its reason."""
    test_id = request.node.name
    if test_id in MISSES:
        request.applymarker(pytest.mark.xfail(reason=MISSES[test_id], strict=True))


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory):
    """Each event's Export, built on first use (one small index per event)."""
    built: dict[str, Export] = {}

    def get(event_id: str) -> Export:
        if event_id not in built:
            event = BY_ID[event_id]
            root = tmp_path_factory.mktemp(event_id)
            corpus = root / "corpus"
            corpus.mkdir()
            lines = (json.dumps(r, ensure_ascii=False) for r in _records(event))
            (corpus / "articles.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
            index, _ = build_index(corpus, cache_dir=root / "cache", workers=1)
            try:
                out = StringIO()
                write_json(index, out)
            finally:
                index.close()
            built[event_id] = Export(event, json.loads(out.getvalue()))
        return built[event_id]

    return get


# ---- parameters: one test id per mention, quantity, pair, ... ---------------------------------


def _mention_cases() -> list[Any]:
    cases = []
    for e in EVENTS:
        for q in e["quantities"]:
            for m in q["mentions"]:
                cases.append(pytest.param(e["id"], m, id=f"{e['id']}/{q['label']}/{_key(m)}"))
        for m in _past(e):
            cases.append(pytest.param(e["id"], m, id=f"{e['id']}/past/{_key(m)}"))
    return cases


def _join_cases() -> list[Any]:
    return [
        pytest.param(e["id"], q["label"], id=f"{e['id']}/{q['label']}")
        for e in EVENTS
        for q in e["quantities"]
        if len(q["mentions"]) > 1
    ]


def _apart_cases() -> list[Any]:
    return [
        pytest.param(e["id"], a["label"], b["label"], id=f"{e['id']}/{a['label']}~{b['label']}")
        for e in EVENTS
        for a, b in combinations(e["quantities"], 2)
    ]


def _past_cases() -> list[Any]:
    return [pytest.param(e["id"], m, id=f"{e['id']}/{_key(m)}") for e in EVENTS for m in _past(e)]


def _part_cases() -> list[Any]:
    return [
        pytest.param(e["id"], q["label"], id=f"{e['id']}/{q['label']}<{q['part_of']}")
        for e in EVENTS
        for q in e["quantities"]
        if q.get("part_of")
    ]


def _relation_cases() -> list[Any]:
    return [
        pytest.param(e["id"], r, id=f"{e['id']}/{r['quantity']}/{r['kind']}")
        for e in EVENTS
        for r in e.get("relations") or []
    ]


def _disputed_cases() -> list[Any]:
    return [
        pytest.param(e["id"], q["label"], id=f"{e['id']}/{q['label']}")
        for e in EVENTS
        for q in e["quantities"]
        if "disputed" in q
    ]


# ---- the table itself -------------------------------------------------------------------------


def test_the_table_is_well_formed() -> None:
    for e in EVENTS:
        labels = _quantities(e)
        assert len(labels) == len(e["quantities"]), f"{e['id']}: a label twice"
        refs = [m for q in e["quantities"] for m in q["mentions"]] + _past(e)
        assert all(m["article"] in e["articles"] for m in refs), e["id"]
        assert len({_key(m) for m in refs}) == len(refs), f"{e['id']}: a mention twice"
        for q in e["quantities"]:
            assert q.get("part_of") in (None, *labels), (e["id"], q["label"])
        for r in e.get("relations") or []:
            assert r["kind"] in ("update", "dispute") and r["quantity"] in labels, r
            assert all(
                _key(m) in {_key(x) for x in labels[r["quantity"]]["mentions"]}
                for m in r["between"]
            ), r


# ---- the checks -------------------------------------------------------------------------------


@pytest.mark.parametrize(("event_id", "mention"), _mention_cases())
def test_annotated_figure_is_extracted(exports, event_id: str, mention: Mention) -> None:
    ex = exports(event_id)
    assert ex.group_of(mention) is not None, f"{_key(mention)} is in no figure group"


@pytest.mark.parametrize(("event_id", "label"), _join_cases())
def test_one_quantity_is_one_group(exports, event_id: str, label: str) -> None:
    ex = exports(event_id)
    where = {_key(m): ex.group_of(m) for m in _quantities(ex.event)[label]["mentions"]}
    groups = {g for g in where.values() if g is not None}  # unextracted: its own failure
    if len(groups) > 1:
        lines = [f"  {k} -> {ex.describe(g)}" for k, g in where.items() if g is not None]
        pytest.fail(f"'{label}' is split over {len(groups)} groups:\n" + "\n".join(lines))


@pytest.mark.parametrize(("event_id", "a", "b"), _apart_cases())
def test_two_quantities_never_share_a_group(exports, event_id: str, a: str, b: str) -> None:
    ex = exports(event_id)
    quantities = _quantities(ex.event)
    ga = {ex.group_of(m): _key(m) for m in quantities[a]["mentions"]}
    gb = {ex.group_of(m): _key(m) for m in quantities[b]["mentions"]}
    shared = (set(ga) & set(gb)) - {None}
    if shared:
        lines = [f"  {ga[g]} ({a}) and {gb[g]} ({b}) in {ex.describe(g)}" for g in shared]
        pytest.fail(f"'{a}' and '{b}' share a group:\n" + "\n".join(lines))


@pytest.mark.parametrize(("event_id", "mention"), _past_cases())
def test_a_past_or_unrelated_figure_is_not_a_current_quantity(
    exports, event_id: str, mention: Mention
) -> None:
    ex = exports(event_id)
    g = ex.group_of(mention)
    if g is None:
        return
    current = {
        ex.group_of(m): (q["label"], _key(m)) for q in ex.event["quantities"] for m in q["mentions"]
    }
    if g in current:
        label, key = current[g]
        pytest.fail(f"{_key(mention)} is in the group of '{label}' ({key}): {ex.describe(g)}")


@pytest.mark.parametrize(("event_id", "label"), _part_cases())
def test_a_part_points_at_its_whole(exports, event_id: str, label: str) -> None:
    ex = exports(event_id)
    quantities = _quantities(ex.event)
    part, whole = quantities[label], quantities[quantities[label]["part_of"]]
    part_groups = {ex.group_of(m) for m in part["mentions"]} - {None}
    whole_groups = {ex.group_of(m) for m in whole["mentions"]} - {None}
    assert part_groups, f"no mention of '{label}' was extracted"
    assert whole_groups, f"no mention of the whole '{part['part_of']}' was extracted"
    for g in sorted(part_groups):
        if "part_of" not in ex.groups[g]:
            pytest.xfail("the export has no `part_of` on figure groups yet (issue 17)")
        assert ex.groups[g]["part_of"] in whole_groups, (
            f"{ex.describe(g)} has part_of={ex.groups[g]['part_of']!r}; "
            f"the whole '{part['part_of']}' is in {sorted(whole_groups)}"
        )


@pytest.mark.parametrize(("event_id", "relation"), _relation_cases())
def test_an_update_or_dispute_shows_on_the_group(
    exports, event_id: str, relation: dict[str, Any]
) -> None:
    ex = exports(event_id)
    a, b = (ex.group_of(m) for m in relation["between"])
    assert a is not None and b is not None, "a value of the relation was not extracted"
    assert a == b, f"the two values are not one group: {ex.describe(a)} / {ex.describe(b)}"
    group = ex.groups[a]
    if relation["kind"] == "update":
        if "updates" not in group:
            pytest.xfail("the export has no `updates` on figure groups yet (issue 17)")
        assert group["updates"] >= 1, f"{ex.describe(a)}: updates={group['updates']}"
    else:
        if "disputed" not in group:
            pytest.xfail("the export has no `disputed` on figure groups yet (issue 17)")
        assert group["disputed"] is True, f"{ex.describe(a)}: not disputed"


@pytest.mark.parametrize(("event_id", "label"), _disputed_cases())
def test_the_disputed_flag_is_as_annotated(exports, event_id: str, label: str) -> None:
    ex = exports(event_id)
    quantity = _quantities(ex.event)[label]
    groups = {ex.group_of(m) for m in quantity["mentions"]} - {None}
    assert groups, f"no mention of '{label}' was extracted"
    for g in sorted(groups):
        if "disputed" not in ex.groups[g]:
            pytest.xfail("the export has no `disputed` on figure groups yet (issue 17)")
        assert ex.groups[g]["disputed"] is quantity["disputed"], ex.describe(g)
