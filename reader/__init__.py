"""seedread's domain: corpus loading, name and figure extraction, linking, the index, export.

Nothing in this package imports Textual or Rich; the UI lives in `widgets/`.
"""

from __future__ import annotations

__version__ = "0.1.0"


def extractors_compiled() -> bool:
    """True when this install's name and figure extractors were compiled by mypyc at install
    (hatch_build.py), False when they run as the Python source."""
    from reader.figures import extract as figures
    from reader.figures import groups
    from reader.names import extract as names

    return all(m.__file__ and not m.__file__.endswith(".py") for m in (names, figures, groups))
