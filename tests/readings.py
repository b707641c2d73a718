"""Readings of one quantity for tests of its history, chart and fact sheet table."""

from __future__ import annotations

from reader.figures.history import Reading
from reader.models import FigureMention


def reading(
    text: str,
    day: str | None,
    outlet: str | None,
    *,
    article: str | None = None,
    qualifier: str | None = None,
    revision: str | None = None,
) -> Reading:
    """A count of people killed as written in `text`, its value the last word ("at least 40":
    40), on `day` by `outlet`; its article is made from the three unless given."""
    value = int(text.split()[-1].replace(",", ""))
    mention = FigureMention(
        article or f"{outlet}-{day}-{text}",
        0,
        len(text),
        text,
        value,
        "count",
        qualifier,
        "killed",
        "people",
        "count",
        as_of=day,
    )
    return Reading(mention, day, outlet, revision)  # type: ignore[arg-type]
