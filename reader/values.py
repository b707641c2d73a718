"""Figure values compared and written for people: one place for "do these differ, by how much"
and "34,356", used by the figure groups, the fact sheet, the boards and the reader."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from reader.models import FigureValue


class Valued(Protocol):
    """Anything that states a figure: a `FigureMention`, a `MentionRow`, a board cell."""

    @property
    def value(self) -> FigureValue | None: ...


_VERBATIM_UNITS = frozenset({"date", "duration"})
"""Units written as the article wrote them (the value alone would lose "three weeks")."""


def is_number(value: object) -> bool:
    """Whether a figure's value is a number (not a date, not a flag)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def format_number(value: float) -> str:
    """34356 -> "34,356"; 1500000.0 -> "1,500,000"; 2.5 -> "2.5"; 2.345678 -> "2.35"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_value(value: FigureValue | None, unit: str | None, text: str | None = None) -> str:
    """A figure's value as a reader would write it: "34,356", "70%", "1948", "aged 40".

    Dates and durations, and anything that is not a number, are given as written (`text`)
    when it is known, else as stored.
    """
    if not is_number(value) or unit in _VERBATIM_UNITS:
        return text if text is not None else str(value)
    assert isinstance(value, (int, float))
    if unit == "percent":
        return f"{format_number(value)}%"
    if unit == "year":
        return str(int(value))
    if unit == "age":
        return f"aged {format_number(value)}"
    return format_number(value)


def _comparable(values: Iterable[FigureValue | None]) -> list[FigureValue]:
    """The values that can disagree: a date without its year ("--10-07") agrees with any."""
    return [v for v in values if v is not None and not (isinstance(v, str) and v.startswith("--"))]


def disagreement(mentions: Sequence[Valued]) -> float:
    """How far apart the values are: (max - min) / min for numbers (1.0 when the smallest is
    zero), 1.0 for differing dates, 0.0 when they agree."""
    values = _comparable(m.value for m in mentions)
    if len(set(values)) < 2:
        return 0.0
    if all(is_number(v) for v in values):
        numbers = [float(v) for v in values]  # type: ignore[arg-type]
        lo, hi = min(numbers), max(numbers)
        return (hi - lo) / lo if lo else 1.0
    return 1.0


def spread(mentions: Sequence[Valued], unit: str | None) -> str | None:
    """ "34,356 – 34,535 (0.5%)" when numeric values differ; the distinct values when dates or
    other values differ ("2023-10-07 / 2023-10-08"); None when they agree."""
    values = _comparable(m.value for m in mentions)
    if len(set(map(str, values))) < 2:
        return None
    if all(is_number(v) for v in values):
        numbers = [float(v) for v in values]  # type: ignore[arg-type]
        lo, hi = min(numbers), max(numbers)
        pct = f" ({(hi - lo) / lo * 100:.1f}%)" if lo else ""
        return f"{format_value(lo, unit)} – {format_value(hi, unit)}{pct}"
    return " / ".join(sorted(set(map(str, values))))
