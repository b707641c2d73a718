"""The installed extractors, compiled by mypyc at install time (hatch_build.py), find exactly
what the Python source finds: every per-article stage's output (names, figures and their
readings, quotes, story features), article by article.

Compiled code checks its type annotations as it runs, and mypy's narrowing can make it assume
what Python never promised, so the two are compared article by article, in a process that
imports the installed seedread rather than this checkout.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.corpus import bundled_seeds, load_corpus
from reader.linking import link_names
from reader.models import NameMention
from reader.pipeline import extract_facts
from reader.quotes.statements import group_statements, verdict

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"

_PROBE = """
import json, sys
from pathlib import Path
import reader, reader.pipeline
from reader.corpus import load_corpus
from reader.pipeline import extract_facts
from reader.quotes.statements import group_statements, verdict

from reader.quotes.statements import group_statements, verdict
from reader.linking import link_names
from reader.models import NameMention

files = [reader.pipeline.__file__, *reader.compiled_modules()]
facts = {}
quotes = []
story = {}
if reader.extractors_compiled():
    for path in sys.argv[1:]:
        for a in load_corpus(Path(path)).articles:
            found = extract_facts(a)
            facts[path + "|" + a.id] = repr(found)
            quotes += found.quotes
            story[a.id] = a.story
statements = [
    [repr(s), verdict(s)]
    for s in group_statements(quotes, story.get, lambda q: q.speaker_full)
]
names = [NameMention(*m) for path in sys.argv[1:] for a in load_corpus(Path(path)).articles
         for m in extract_facts(a).names] if reader.extractors_compiled() else []
entities = [repr(e) for e in link_names(names, stories={k: v for k, v in story.items() if v})]
print(json.dumps({"files": files, "facts": facts, "statements": statements, "entities": entities}))
"""


def _corpora() -> list[Path]:
    paths = [bundled_seeds()]
    paths += [p for p in (CORPORA / "clusters.jsonl", CORPORA / "basil.jsonl") if p.exists()]
    return paths


def test_compiled_extractors_find_what_the_source_finds(tmp_path: Path) -> None:
    paths = _corpora()
    # -I: only the installed packages, never this checkout (nor PYTHONPATH).
    run = subprocess.run(
        [sys.executable, "-I", "-c", _PROBE, *map(str, paths)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0 and "No module named 'reader'" in run.stderr:
        pytest.skip("seedread is not installed in this environment")
    assert run.returncode == 0, run.stderr
    probe = json.loads(run.stdout)
    if not probe["facts"]:
        pytest.skip(f"the installed extractors are Python, not compiled: {probe['files']}")
    expected = {
        f"{path}|{a.id}": repr(extract_facts(a))
        for path in map(str, paths)
        for a in load_corpus(Path(path)).articles
    }
    assert probe["facts"].keys() == expected.keys()
    differ = [k for k in expected if probe["facts"][k] != expected[k]]
    assert not differ, f"{len(differ)} articles differ (reinstall after editing?): {differ[:5]}"
    # The corpus stage compiled too: the same statements from the same quotes.
    quotes = []
    story = {}
    for path in paths:
        for a in load_corpus(path).articles:
            quotes += extract_facts(a).quotes
            story[a.id] = a.story
    grouped = [
        [repr(s), verdict(s)] for s in group_statements(quotes, story.get, lambda q: q.speaker_full)
    ]
    assert probe["statements"] == grouped
    # Linking compiled too: the same entities from the same names.
    names = [
        NameMention(*m)
        for p in paths
        for a in load_corpus(p).articles
        for m in extract_facts(a).names
    ]
    stories = {k: v for k, v in story.items() if v}  # as the store gives them: strings
    assert probe["entities"] == [repr(e) for e in link_names(names, stories=stories)]


def test_the_checkout_holds_no_compiled_module() -> None:
    """A compiled module in the source tree would shadow its .py: edits would not count."""
    assert not sorted(p.name for p in (ROOT / "reader").rglob("*.so")), (
        "remove reader/**/*.so (built in place?); installs keep theirs in site-packages"
    )
