"""The chart of one quantity's history: each outlet's figure (its interval as a span) by as-of day.

`chart_lines(history, width, height)` draws it as lines of `Content` and is pure (the tests
read its text and spans); `HistoryChart` only renders those lines at its size. Meaning never
rests on colour alone: each outlet has its own glyph, disputes and updates their own marks,
and every colour is a theme variable, so the chart reads in every theme and in monochrome.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from reader.figures.history import History, Interval, Reading
from reader.text import make_printable
from reader.values import format_number, format_value
from widgets.fact_sidebar import DIFFERS

MIN_HEIGHT = 8
"""Lines a chart needs at least (summary, four rows of plot, the date axis, a legend line)."""
GLYPHS = "●▲■◆★✚▼✖" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
"""One marker per outlet, in order of first reading: shapes first, then letters, so that
outlets stay apart without colour. Outlets beyond these share `OTHER_GLYPH`."""
OTHER_GLYPH = "•"
"""The marker of the outlets left when `GLYPHS` run out (the legend counts them)."""
OUTLET_STYLES = (
    "$text-primary",
    "$text-accent",
    "$text-success",
    "$text-secondary",
    "$text-warning",
    "$foreground",
)
"""Outlet colours, cycled (theme variables only; $text-error is kept for disputes)."""
UPDATE_UP = "↗"
"""Beside a reading that updated the figure upwards."""
UPDATE_DOWN = "↘"
"""Beside a reading that corrected the figure downwards."""
GOES_UP = "↑"
"""At the top of a span that goes on above the chart ("at least 40" has no upper end)."""
GOES_DOWN = "↓"
"""At the foot of a span that goes on below the chart."""
SPAN = "│"
"""The interval a reading's words allow, drawn from its low to its high."""

AXIS_STYLE = "$text-muted"
DISPUTE_STYLE = "bold $text-error"
UPDATE_STYLE = "bold $text-success"
UNKNOWN_OUTLET = "unknown outlet"
UNCHARTED_KINDS = frozenset({"date", "year"})
"""Figure kinds that are not quantities: they have no history to chart."""
OUTLET_WIDTH = 22
"""Cells an outlet's name takes in the legend at most."""


@dataclass(frozen=True, slots=True)
class Point:
    """One statement on the chart: what one outlet said on one day (repeats merged)."""

    day: str
    """The as-of day (ISO)."""
    outlet: str
    """Who said it (`UNKNOWN_OUTLET` when not known)."""
    value: float
    """The figure's own number, where its glyph goes."""
    bounds: Interval
    """The values its words allow."""
    mark: str
    """`DIFFERS`, `UPDATE_UP`, `UPDATE_DOWN` or ""."""


def _key(r: Reading, bounds: Interval) -> tuple[object, ...]:
    """What makes two readings one point: day, outlet, interval, value."""
    return (r.as_of, r.outlet, bounds, r.mention.value)


def chart_points(history: History) -> list[Point]:
    """The dated, numeric readings of `history` as points, in as-of order, each statement
    once; a reading that disputes the figure standing (both readings of a same-day dispute)
    is marked `DIFFERS`, one that updated the figure with the direction it moved it."""
    marks: dict[tuple[object, ...], str] = {}
    for c in history.changes:
        if c.kind == "dispute":
            # A later figure disputes the one standing; on one day neither comes first.
            same_day = c.before.as_of == c.after.as_of
            for r in (c.before, c.after) if same_day else (c.after,):
                marks[_key(r, r.bounds)] = DIFFERS
        elif c.kind == "update":
            key = _key(c.after, c.after.bounds)
            if marks.get(key) != DIFFERS:
                up = float(c.after.mention.value) >= float(c.before.mention.value)  # type: ignore[arg-type]
                marks[key] = UPDATE_UP if up else UPDATE_DOWN
    points: list[Point] = []
    seen: set[tuple[object, ...]] = set()
    for r in history.readings:
        try:
            bounds = r.bounds
        except ValueError:
            continue  # not a number (a date): nothing to place on a value axis
        key = _key(r, bounds)
        if key in seen or r.as_of is None:
            continue
        seen.add(key)
        value = float(r.mention.value)  # type: ignore[arg-type]
        outlet = make_printable(r.outlet) if r.outlet else UNKNOWN_OUTLET
        points.append(Point(r.as_of[:10], outlet, value, bounds, marks.get(key, "")))
    return points


def outlet_glyphs(points: Sequence[Point]) -> dict[str, tuple[str, str]]:
    """Each outlet's (glyph, style), in order of its first point."""
    out: dict[str, tuple[str, str]] = {}
    for p in points:
        if p.outlet not in out:
            i = len(out)
            glyph = GLYPHS[i] if i < len(GLYPHS) else OTHER_GLYPH
            out[p.outlet] = (glyph, OUTLET_STYLES[i % len(OUTLET_STYLES)])
    return out


def tick(value: float) -> str:
    """A y-axis label: 34,356; 2.3M; 1.5B; 12.5 — at most 7 cells for any count."""
    size = abs(value)
    for scale, letter in ((1e9, "B"), (1e6, "M")):
        if size >= scale:
            return f"{value / scale:.3g}{letter}"
    if size >= 1e5:
        return f"{value / 1e3:.0f}k"
    return format_number(round(value, 1) if size < 100 else round(value))


class _Canvas:
    """A grid of cells, each a character and a style, turned into lines of Content."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.cells = [[(" ", "")] * width for _ in range(height)]

    def put(self, y: int, x: int, text: str, style: str = "") -> None:
        row = self.cells[y]
        for i, ch in enumerate(text):
            if 0 <= x + i < self.width:
                row[x + i] = (ch, style)

    def lines(self) -> list[Content]:
        out = []
        for row in self.cells:
            runs: list[tuple[str, str]] = []
            for ch, style in row:
                if runs and runs[-1][1] == style:
                    runs[-1] = (runs[-1][0] + ch, style)
                else:
                    runs.append((ch, style))
            out.append(Content.assemble(*runs).rstrip())
        return out


def _wrap_entries(entries: Sequence[Content], width: int, limit: int) -> list[Content]:
    """Legend entries laid out two cells apart, wrapped to `width`, on at most `limit` lines
    (the last then ends with how many did not fit)."""
    entries = [e if e.cell_length <= width else e.truncate(width, ellipsis=True) for e in entries]
    lines: list[list[Content]] = [[]]
    used = 0
    for i, entry in enumerate(entries):
        gap = 2 if lines[-1] else 0
        if used + gap + entry.cell_length <= width:
            lines[-1].append(entry)
            used += gap + entry.cell_length
            continue
        if len(lines) < limit:
            lines.append([entry])
            used = entry.cell_length
            continue
        left = len(entries) - i
        while True:
            more = Content.styled(f"… {left} more", AXIS_STYLE)
            gap = 2 if lines[-1] else 0
            if not lines[-1] or used + gap + more.cell_length <= width:
                break
            used -= lines[-1].pop().cell_length + (2 if lines[-1] else 0)
            left += 1
        lines[-1].append(more)
        break
    return [Content("  ").join(parts) for parts in lines]


def _cut(text: str, width: int) -> str:
    return text if cell_len(text) <= width else set_cell_size(text, max(width - 1, 0)) + "…"


def summary_line(history: History, width: int) -> Content:
    """First value → latest value (with their days when there is room), how many updates and
    disputes, and how many readings are left out (undated, or a past event's)."""
    first, latest = history.first, history.latest
    if first is None or latest is None:
        return Content.styled("no dated figure", AXIS_STYLE)
    updates, disputes = len(history.updates), len(history.disputes)
    # A past event's figures are another quantity: only the undated are this one's, unplaced.
    left_out = len(history.undated)
    tail: list[tuple[str, str] | str] = [" · ", f"{updates} update{'s' * (updates != 1)}"]
    if disputes:
        tail += [" · ", (f"{DIFFERS} {disputes} dispute{'s' * (disputes != 1)}", DISPUTE_STYLE)]
    no_dispute: list[tuple[str, str] | str] = [" · ", ("no dispute", AXIS_STYLE)]
    note: list[tuple[str, str] | str] = [(f" · {left_out} undated not charted", AXIS_STYLE)]
    line = Content("")
    # The longest that fits: as written with the days (the axis has them too), then without
    # them, then without "no dispute" (no ≠ in the chart says it too), then without what is
    # left out, then the bare numbers.
    for said, noted, calm in (
        (_said_on_day, True, True),
        (_said, True, True),
        (_said, True, False),
        (_said, False, False),
        (_number, False, False),
    ):
        parts: list[tuple[str, str] | str] = [(said(first), "bold")]
        if latest is not first:
            parts += [" → ", (said(latest), "bold")]
        extra = (note if noted and left_out else []) + (no_dispute if calm and not disputes else [])
        line = Content.assemble(*parts, *tail, *extra)
        if line.cell_length <= width:
            return line
    return line.truncate(width, ellipsis=True)


def _said(r: Reading) -> str:
    return make_printable(r.mention.text)


def _said_on_day(r: Reading) -> str:
    return f"{_said(r)} ({(r.as_of or '')[:10]})"


def _number(r: Reading) -> str:
    return make_printable(format_value(r.mention.value, r.mention.unit, r.mention.text))


def legend_entries(points: Sequence[Point]) -> list[Content]:
    """ "● outlet" for each outlet (those past `GLYPHS` counted as one), then the marks used."""
    entries = []
    used = {p.mark for p in points}
    if UPDATE_UP in used or UPDATE_DOWN in used:
        arrows = UPDATE_UP if UPDATE_DOWN not in used else UPDATE_UP + UPDATE_DOWN
        entries.append(Content.assemble((arrows, UPDATE_STYLE), " update"))
    if DIFFERS in used:
        entries.append(Content.assemble((DIFFERS, DISPUTE_STYLE), " dispute"))
    lo, hi = value_range(points)
    arrows = GOES_UP * any(p.bounds.high > hi for p in points)
    arrows += GOES_DOWN * any(p.bounds.low < lo for p in points)
    if arrows:
        entries.append(Content.assemble((arrows, AXIS_STYLE), " span goes on"))
    others = 0
    for outlet, (glyph, style) in outlet_glyphs(points).items():
        if glyph == OTHER_GLYPH:
            others += 1
            continue
        entries.append(Content.assemble((glyph, f"bold {style}"), " ", _cut(outlet, OUTLET_WIDTH)))
    if others:
        entries.append(
            Content.assemble((OTHER_GLYPH, "bold"), f" {others} other outlet{'s' * (others > 1)}")
        )
    return entries


def value_range(points: Sequence[Point]) -> tuple[float, float]:
    """The values the y axis spans: every figure's own number, and the ends of the intervals
    as far as one spread of those numbers beyond them (so "about 34,000", ±3,400, does not
    flatten 34,356 against 34,535: its span goes on past the edge); when every number is the
    same, the whole finite intervals."""
    values = [p.value for p in points]
    lo, hi = min(values), max(values)
    reach = hi - lo if hi > lo else math.inf
    low = min(p.bounds.low for p in points)
    high = max((p.bounds.high for p in points if math.isfinite(p.bounds.high)), default=hi)
    return min(lo, max(low, lo - reach)), max(hi, min(high, hi + reach))


def _day_label(day: str, previous: str | None) -> str:
    """The full ISO day, or its MM-DD when the label before it is of the same year."""
    return day[5:] if previous is not None and previous[:4] == day[:4] else day


def _x_positions(points: Sequence[Point], plot_width: int) -> list[int]:
    """Each point's column: points in as-of order, a blank slot between two days, the slots
    spread evenly over the plot (a day's readings side by side, so none hides another)."""
    slots: list[int] = []
    slot = 0
    for i, p in enumerate(points):
        if i and p.day != points[i - 1].day:
            slot += 1
        slots.append(slot)
        slot += 1
    last = slots[-1] if slots else 0
    room = max(plot_width - 3, 0)  # a blank after the axis, then the glyph and its mark
    if last == 0:
        return [1 + room // 2 for _ in slots]
    return [1 + round(s * room / last) for s in slots]


def chart_lines(history: History, width: int, height: int) -> list[Content]:
    """Draw `history` in `width` x `height` cells (at most): a summary line, the plot (y the
    value, each reading's interval a span with its outlet's glyph at its value; x the as-of
    days, first and last labelled), the date axis, and the legend. Lower than `MIN_HEIGHT`,
    or with nothing dated to place, only the summary line."""
    width = max(width, 20)
    summary = summary_line(history, width)
    points = chart_points(history)
    if not points or height < MIN_HEIGHT:
        return [summary]
    # The legend takes what it needs, but leaves the plot four rows and half the height.
    legend_room = max(1, min(height - 3 - 4, (height - 3) // 2))
    legend = _wrap_entries(legend_entries(points), width, legend_room)
    rows = height - 1 - 2 - len(legend)

    lo, hi = value_range(points)
    above = any(p.bounds.high > hi for p in points)
    below = any(p.bounds.low < lo for p in points)
    # A row above the range for the ↑ of spans that go on ("at least 40"), one below for ↓.
    top = 1 if above and rows > 3 else 0
    scale_rows = rows - top - (1 if below and rows > 3 else 0)

    def row_of(value: float) -> int:
        if hi == lo:
            return top + (scale_rows - 1) // 2
        value = min(max(value, lo), hi)
        return top + round((hi - value) / (hi - lo) * (scale_rows - 1))

    ticks = {row_of(hi): tick(hi), row_of(lo): tick(lo)}
    if scale_rows >= 5 and hi != lo:
        middle = top + (scale_rows - 1) // 2
        value = hi - (middle - top) / (scale_rows - 1) * (hi - lo)
        # A count's axis in whole numbers, once its range is wide enough to allow them.
        ticks[middle] = tick(round(value) if hi - lo >= 10 else value)
    label_width = max(cell_len(t) for t in ticks.values())
    left = label_width + 1  # the plot starts after the labels and the axis
    plot_width = width - left
    canvas = _Canvas(width, rows + 2)
    for y in range(rows):
        label = ticks.get(y)
        if label is not None:
            canvas.put(y, 0, label.rjust(label_width), AXIS_STYLE)
        canvas.put(y, label_width, "┤" if label is not None else "│", AXIS_STYLE)
    canvas.put(rows, label_width, "└" + "─" * plot_width, AXIS_STYLE)

    xs = _x_positions(points, plot_width)
    glyphs = outlet_glyphs(points)
    # Spans first, then glyphs, disputed points last: a glyph is never hidden by a span, and
    # where the plot is crowded a dispute stays on top.
    for p, x in zip(points, xs, strict=True):
        style = glyphs[p.outlet][1]
        upper = 0 if p.bounds.high > hi else row_of(p.bounds.high)
        lower = rows - 1 if p.bounds.low < lo else row_of(p.bounds.low)
        for y in range(upper, lower + 1):
            canvas.put(y, left + x, SPAN, style)
        if p.bounds.high > hi:
            canvas.put(0, left + x, GOES_UP, f"bold {style}")
        if p.bounds.low < lo:
            canvas.put(rows - 1, left + x, GOES_DOWN, f"bold {style}")
    order = sorted(range(len(points)), key=lambda i: points[i].mark == DIFFERS)
    for i in order:
        p, x = points[i], xs[i]
        glyph, style = glyphs[p.outlet]
        y = row_of(p.value)
        canvas.put(y, left + x, glyph, f"bold {style}")
        if p.mark:
            canvas.put(
                y, left + x + 1, p.mark, DISPUTE_STYLE if p.mark == DIFFERS else UPDATE_STYLE
            )

    _date_axis(canvas, rows, left, points, xs)
    return [summary, *canvas.lines(), *legend]


def _date_axis(
    canvas: _Canvas, rows: int, left: int, points: Sequence[Point], xs: Sequence[int]
) -> None:
    """Label the days under the plot: the first and last always (shortened to MM-DD, then
    left out, only when they cannot both fit), the days between where there is room."""
    days: dict[str, int] = {}
    for p, x in zip(points, xs, strict=True):
        days.setdefault(p.day, left + x)
    order = list(days)
    width = canvas.width
    placed: list[tuple[int, int, str]] = []  # (start, end, label)

    def free(start: int, end: int) -> bool:
        return all(end + 1 < s or e + 1 < start for s, e, _ in placed)

    def place(day: str, label: str, anchor: str) -> bool:
        x = days[day]
        start = x if anchor == "left" else x - cell_len(label) + 1
        start = min(max(start, 0), width - cell_len(label))
        end = start + cell_len(label) - 1
        if start < 0 or not free(start, end):
            return False
        placed.append((start, end, label))
        canvas.put(rows, x, "┬", AXIS_STYLE)
        return True

    first, last = order[0], order[-1]
    place(first, first, "left")
    if last != first:
        full = _day_label(last, first)
        if not place(last, full, "right"):
            place(last, last[5:], "right")
    previous = first
    for day in order[1:-1]:
        label = _day_label(day, previous)
        if place(day, label, "left"):
            previous = day
    for start, _, label in placed:
        canvas.put(rows + 1, start, label, AXIS_STYLE)


class HistoryChart(Widget):
    """One quantity's history drawn at the widget's size (`chart_lines`)."""

    DEFAULT_CSS = """
    HistoryChart { height: 1fr; }
    """

    history: reactive[History | None] = reactive(None)
    """The history drawn; None draws nothing."""

    def __init__(self, history: History | None = None, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.set_reactive(HistoryChart.history, history)
        self._drawn: tuple[History, int, int, Content] | None = None
        """The lines last drawn, with the history and size they were drawn for: a repaint at
        the same size draws nothing again."""

    def render(self) -> Content:
        history = self.history
        if history is None:
            return Content("")
        width, height = self.content_size.width, self.content_size.height
        drawn = self._drawn
        if drawn is None or drawn[0] is not history or drawn[1:3] != (width, height):
            lines = chart_lines(history, width, height)
            drawn = self._drawn = (history, width, height, Content("\n").join(lines))
        return drawn[3]
