"""The fact index: built from a corpus by the pipeline's stages, stored in SQLite (cached,
updated in place), and read through `FactIndex`. No module outside this package writes SQL.

- `schema`: the tables and how values are stored;
- `build`: the decision (reuse, patch in place, or write anew) and the writes;
- `workers`: the runner that sends per-article stages to worker processes;
- `links`, `groups`: the corpus stages (linking names, grouping figures) over stored rows;
- `query`: `FactIndex`, the read API;
- `cache`: where index files live, atomic writes.
"""

from reader.store.build import BuildStats, build_index
from reader.store.query import FactIndex
from reader.store.schema import SCHEMA_VERSION
from reader.store.workers import BuildCancelled, Progress

__all__ = [
    "SCHEMA_VERSION",
    "BuildCancelled",
    "BuildStats",
    "FactIndex",
    "Progress",
    "build_index",
]
