"""seedread's domain: corpus loading, name and figure extraction, linking, the index, export.

Nothing in this package imports Textual or Rich; the UI lives in `widgets/`.
"""

from __future__ import annotations

__version__ = "0.1.0"


COMPILED_MODULES = (
    "reader.names.extract",
    "reader.figures.extract",
    "reader.figures.groups",
    "reader.figures.readings",
    "reader.figures.history",
    "reader.quotes.extract",
    "reader.quotes.speakers",
    "reader.quotes.statements",
    "reader.linking",
)
"""The hot modules that an install compiles with mypyc when it can (hatch_build.py)."""


def compiled_modules() -> list[str]:
    """The files the hot modules were loaded from (`.so` when compiled)."""
    import importlib

    return [str(importlib.import_module(m).__file__) for m in COMPILED_MODULES]


def extractors_compiled() -> bool:
    """True when this install's hot modules were compiled by mypyc at install (hatch_build.py),
    False when they run as the Python source."""
    return all(not f.endswith(".py") for f in compiled_modules())
