"""Names: find people, organisations and places in an article (`extract`), with the words the
rules know kept apart (`vocabulary`).

Installs compile `reader/names/extract.py` with mypyc (hatch_build.py).
"""

from reader.names.extract import (
    NameRow,
    extract_names,
    fold,
    is_common_word,
    is_known_org,
    is_place,
    name_rows,
)
from reader.names.vocabulary import (
    DEMONYMS,
    GIVEN_NAMES,
    LEGAL_FORMS,
    PARTICLES,
    PLACE_KEYS,
    SUFFIXES,
    TITLES,
)

__all__ = [
    "DEMONYMS",
    "GIVEN_NAMES",
    "LEGAL_FORMS",
    "PARTICLES",
    "PLACE_KEYS",
    "SUFFIXES",
    "TITLES",
    "NameRow",
    "extract_names",
    "fold",
    "is_common_word",
    "is_known_org",
    "is_place",
    "name_rows",
]
