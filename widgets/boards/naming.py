"""The naming board: how each outlet spells and labels one entity, each line one key from its
mention in the reader."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.binding import Binding
from textual.content import Content

from reader.boards import NamingCell, naming_board
from reader.models import MentionRow
from reader.store import FactIndex
from reader.text import make_printable
from widgets.boards.screen import BoardScreen
from widgets.grid_view import Cell, Column, GridView, cell
from widgets.messages import JumpToMention

LABELS_PER_OUTLET = 12
"""Labels listed per outlet at most (the rest are counted): common names collect hundreds."""
CONTEXT = 110
"""Characters of context shown for the highlighted line."""

COLUMNS = (
    Column("Outlet", 26),
    Column("Mentions", 8, "right"),
    Column("", 8),
    Column("How it is named", 40),
    Column("×", 4, "right"),
)


@dataclass(frozen=True)
class NamingLine:
    """One line of the naming board: a spelling or a label an outlet uses, and one mention."""

    outlet: str
    """The outlet."""
    first: bool
    """Whether this is the outlet's first line (it shows the outlet and its mention count)."""
    mentions: int
    """The outlet's mentions of the entity."""
    how: str
    """spelling, label, or more (a count of labels not listed)."""
    words: str
    """The spelling, or the label ("resistance group …")."""
    count: int
    """How often the outlet writes it."""
    mention: MentionRow | None
    """A mention behind the line."""
    context: tuple[str, int, int]
    """A line of context around that mention: (text, start, end of the mention in it)."""


@dataclass(frozen=True)
class NamingData:
    """The naming board of one entity."""

    entity_id: str
    name: str
    kind: str
    lines: list[NamingLine]
    outlets: int
    mentions: int


def label_fits(text: str, mention: MentionRow, label: str) -> bool:
    """Whether `label` ("resistance group …", "… chief", "…-run") is written at `mention`."""
    if label.endswith(" …"):
        before = " ".join(text[max(0, mention.start - 80) : mention.start].split()).casefold()
        return before.endswith(label[:-2])
    after = text[mention.end : mention.end + 60]
    if label.startswith("…-"):
        return after.casefold().startswith(label[1:])
    if after[:2] in ("’s", "'s"):
        after = after[2:]
    return " ".join(after.split()).casefold().startswith(label[2:])


def naming_lines(index: FactIndex, cells: list[NamingCell]) -> list[NamingLine]:
    """The board's lines: per outlet its spellings, then its labels, each with a mention."""
    lines: list[NamingLine] = []

    def context(m: MentionRow | None) -> tuple[str, int, int]:
        return index.context(m.article, m.start, m.end, CONTEXT) if m else ("", 0, 0)

    for c in cells:
        first = True
        for spelling, count in c.spellings:
            m = next((m for m in c.mentions if m.text == spelling), None)
            lines.append(
                NamingLine(
                    c.outlet, first, len(c.mentions), "spelling", spelling, count, m, context(m)
                )
            )
            first = False
        for label, count in c.labels[:LABELS_PER_OUTLET]:
            m = next(
                (m for m in c.mentions if label_fits(index.article(m.article).text, m, label)),
                c.mentions[0] if c.mentions else None,
            )
            lines.append(
                NamingLine(c.outlet, first, len(c.mentions), "label", label, count, m, context(m))
            )
        hidden = len(c.labels) - LABELS_PER_OUTLET
        if hidden > 0:
            lines.append(
                NamingLine(
                    c.outlet,
                    False,
                    len(c.mentions),
                    "more",
                    f"{hidden} more labels",
                    0,
                    None,
                    ("", 0, 0),
                )
            )
    return lines


def line_cells(line: NamingLine) -> list[Cell]:
    """The cells of one line."""
    style = {"spelling": "strong", "label": "accent"}.get(line.how, "muted")
    return [
        cell((make_printable(line.outlet), "strong")) if line.first else cell(),
        cell(f"{line.mentions:,}") if line.first else cell(),
        cell((line.how if line.how != "more" else "", "muted")),
        cell((make_printable(line.words), style)),
        cell(f"{line.count:,}" if line.count else ""),
    ]


class NamingBoardScreen(BoardScreen):
    """Per outlet, the spellings and labels it uses for one entity; enter jumps to one."""

    BINDINGS = [
        *BoardScreen.BINDINGS,
        Binding("L", "close", "Back", show=False, id="naming.close"),
        Binding(
            "e", "choose_entity", "Another name", tooltip="Choose another name", id="naming.choose"
        ),
    ]

    def __init__(self, index: FactIndex, entity_id: str, cache: dict[Any, Any] | None = None):
        super().__init__(index, cache)
        self.entity_id = entity_id
        """The entity shown."""

    def cache_key(self) -> Any:
        return ("naming", self.entity_id)

    def compute(self) -> NamingData:
        name, kind = self.index.fact_label(self.entity_id)
        cells = naming_board(self.index, self.entity_id)
        return NamingData(
            self.entity_id,
            name,
            kind,
            naming_lines(self.index, cells),
            len(cells),
            sum(len(c.mentions) for c in cells),
        )

    def on_mount(self) -> None:
        super().on_mount()
        try:
            name = self.index.fact_label(self.entity_id)[0]
        except KeyError:
            name = self.entity_id
        self.set_title(
            ("How outlets name ", "bold"),
            (make_printable(name), "bold underline"),
            (f" · {self.LOADING}", "$text-muted"),
        )

    def show(self, data: NamingData) -> None:
        self.set_title(
            ("How outlets name ", "bold"),
            (make_printable(data.name), "bold underline $text-accent"),
            f" ({data.kind}) · {data.outlets:,} outlets · {data.mentions:,} mentions",
        )
        self.set_legend(
            (
                "spelling: how the name is written · label: the words around it"
                " (… stands for the name) · enter: jump to that mention · e: another name"
                " · escape back",
                "$text-muted",
            )
        )
        if not data.lines:
            self.grid.set_placeholder("No outlet mentions this name.")
            self.set_detail(Content(""))
            return
        self.grid.set_data(COLUMNS, [line_cells(line) for line in data.lines])

    @on(GridView.Highlighted, "#board-grid")
    def _highlighted(self, event: GridView.Highlighted) -> None:
        data: NamingData | None = self.data
        if not data or event.row >= len(data.lines):
            return
        line = data.lines[event.row]
        text, s, e = line.context
        if not text:
            self.set_detail(Content(""))
            return

        def printable(part: str) -> str:
            return make_printable(part).replace("\n", " ")

        self.set_detail(
            Content.assemble(
                (printable(line.outlet), "bold"),
                ": ",
                printable(text[:s]),
                (printable(text[s:e]), "bold underline $text-accent"),
                printable(text[e:]),
            )
        )

    @on(GridView.Chosen, "#board-grid")
    def _chosen(self, event: GridView.Chosen) -> None:
        data: NamingData = self.data
        m = data.lines[event.row].mention
        if m is not None:
            self.dismiss(JumpToMention(m.article, m.start, m.end, data.entity_id))

    def action_choose_entity(self) -> None:
        from widgets.search_screen import EntityChooser

        def chosen(choice: tuple[Any, str] | None) -> None:
            if choice is not None:
                self.entity_id = choice[0].target
                self.data = None
                self.set_detail(Content(""))
                self.reload()

        self.app.push_screen(EntityChooser(self.index), chosen)
