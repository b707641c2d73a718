"""seedread's domain: corpus loading, name and figure extraction, linking, the index, export.

Nothing in this package imports Textual or Rich; the UI lives in `widgets/`.
"""

from __future__ import annotations

__version__ = "0.1.0"
