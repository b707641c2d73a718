"""The help screen: every key, grouped by pane, and how names and figures are marked."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from widgets.article_list import READ, UNREAD, ArticleList
from widgets.boards.figures import FigureBoardScreen
from widgets.boards.naming import NamingBoardScreen
from widgets.boards.screen import BoardScreen
from widgets.fact_detail import FactDetail
from widgets.fact_sidebar import DIFFERS, KIND_STYLE, FactSidebar
from widgets.grid_view import GridView
from widgets.reading_pane import (
    BOILERPLATE_GLYPH,
    FOCUS_GLYPH,
    MARK_LEGEND,
    SELECTED_GLYPH,
    ReadingPane,
)

KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "backslash": "\\",
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "pagedown": "pgdn",
    "pageup": "pgup",
    "space": "space",
    "escape": "esc",
}


def key_label(keys: str) -> str:
    """`j,down` -> `j ↓`: a binding's keys as a person types them."""
    out = []
    for key in keys.split(","):
        parts = [KEY_NAMES.get(p, p) for p in key.split("+")]
        out.append("+".join(parts))
    return " ".join(out)


def _bindings(bindings: Iterable[Binding | tuple]) -> list[Binding]:
    """The `Binding`s of a BINDINGS list (which may also hold plain tuples)."""
    return [b for b in bindings if isinstance(b, Binding)]


def binding_rows(bindings: Iterable[Binding | tuple]) -> list[tuple[str, str]]:
    """(keys, what they do) for each binding."""
    rows = []
    for binding in bindings:
        if isinstance(binding, Binding):
            rows.append((key_label(binding.key), binding.tooltip or binding.description))
    return rows


def help_sections(
    app_bindings: Iterable[Binding | tuple], screen_bindings: Iterable[Binding | tuple]
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The key table, section by section, built from the widgets' own bindings and those of
    the app and the main screen (which open this screen, so they pass them in)."""

    curation = [
        b
        for b in _bindings(FactSidebar.BINDINGS)
        if b.action.startswith("curate") or b.id == "facts.undo"
    ]
    board_keys = [
        ("j k ↑ ↓ g G", "Move (pgup pgdn a page)"),
        ("h l ← →", "Scroll sideways (coverage: move between outlets)"),
        *binding_rows(b for b in _bindings(GridView.BINDINGS) if b.id == "grid.open"),
        *binding_rows(
            b
            for b in _bindings(FigureBoardScreen.BINDINGS)
            if b.id in ("figures.switch", "figures.chart")
        ),
        *binding_rows(b for b in _bindings(NamingBoardScreen.BINDINGS) if b.id == "naming.choose"),
        *binding_rows(BoardScreen.BINDINGS),
    ]

    return [
        (
            "Everywhere",
            [
                ("tab shift+tab", "Move between list, article and sidebar"),
                *binding_rows(screen_bindings),
                ("ctrl+p", "Palette: articles, facts, theme, actions"),
                *binding_rows(app_bindings),
            ],
        ),
        ("Article list", binding_rows(ArticleList.BINDINGS)),
        ("Reading pane", binding_rows(ReadingPane.BINDINGS)),
        (
            "Fact sidebar",
            [
                ("j k ↑ ↓ g G", "Move"),
                ("enter", "Show the fact's mentions across the corpus"),
                ("f", "Filter the facts by label"),
                *binding_rows(curation),
                *binding_rows(FactDetail.BINDINGS),
                ("enter", "In the detail: jump to that mention"),
            ],
        ),
        ("Boards (F L C)", board_keys),
    ]


class HelpScreen(ModalScreen[None]):
    """Keys and the marking legend; escape, q or ? closes."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-normal")]

    BINDINGS = [
        Binding(
            "escape,q,question_mark", "dismiss", "Close", tooltip="Close help", id="help.close"
        ),
        Binding("j", "scroll(1)", "Down", show=False, id="help.down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="help.up"),
    ]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections
        """The key table (`help_sections`), section by section."""

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            yield Static(Content.styled("seedread · keys", "bold"), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                with Horizontal(id="help-columns"):
                    yield Static(self._keys(), id="help-keys")
                    yield Static(self._legend(), id="help-legend")
            yield Static(Content.styled("escape to close", "$text-muted"), classes="dialog-hint")

    def _keys(self) -> Content:
        lines: list[Content] = []
        for title, rows in self.sections:
            lines.append(Content.styled(title, "bold $text-accent"))
            for keys, what in rows:
                lines.append(Content.assemble("  ", (f"{keys:<12}", "bold"), " ", what))
            lines.append(Content(""))
        return Content("\n").join(lines)

    def _legend(self) -> Content:
        samples = {
            "person": "Ismail Haniyeh",
            "org": "Hamas",
            "place": "Beijing",
            "other": "Reuters",
            "figure": "34,356",
        }
        lines = [Content.styled("How the text is marked", "bold $text-accent")]
        for kind, name, how in MARK_LEGEND:
            lines.append(Content.assemble("  ", (samples[kind], KIND_STYLE[kind])))
            lines.append(Content.styled(f"      {name}: {how}", "$text-muted"))
        glyphs = [
            (FOCUS_GLYPH, "", "the mention you jumped to"),
            (SELECTED_GLYPH, "", "line mentions the sidebar's fact"),
            (BOILERPLATE_GLYPH, "", "boilerplate line (dim; b hides)"),
            (UNREAD, "", f"unread article ('{READ}' once read)"),
            (DIFFERS, "bold $text-error", "outlets give different values"),
            (DIFFERS + " quote", "bold $text-error", "outlets quote it in different words"),
            ("[-] {+}", "", "words a quote drops [-x-], adds {+y+}"),
            ("3 · 4 art", "", "3 mentions here · in 4 articles"),
            ("3 · 2/9 art", "", "in 2 articles of this story, 9 in all"),
        ]
        lines.append(Content(""))
        lines.append(Content.styled("Glyphs", "bold $text-accent"))
        for glyph, style, what in glyphs:
            lines.append(Content.assemble("  ", (f"{glyph:<10}", style or "bold"), what))
        return Content("\n").join(lines)

    def action_scroll(self, delta: int) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + delta, animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
