"""Saved web pages (.html, .htm, gzipped or not): main text and metadata via trafilatura."""

from __future__ import annotations

import codecs
import logging
import re
import zlib
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Literal

from reader.models import Problem
from reader.text import decode_bytes, looks_binary, normalise_date, normalise_newlines

__all__ = [
    "HTML_SUFFIXES",
    "INSTALL_HINT",
    "Mode",
    "Page",
    "read_html",
]

HTML_SUFFIXES: tuple[str, ...] = (".html.gz", ".htm.gz", ".html", ".htm")
"""File endings read as saved web pages (longest first)."""

INSTALL_HINT = "install seedread[html] (pip install 'seedread[html]') to read web pages"
"""How to get the optional extractor; part of the problem reported for each page without it."""

Mode = Literal["balanced", "precision", "recall"]
"""trafilatura's trade-off: its default, `favor_precision` or `favor_recall`."""

# benchmarks/html_recovery.py on 181 real pages (Scrapinghub's article-extraction benchmark):
# recall keeps 0.983 of the true words (precision 0.946), "precision" 0.975 (0.964) but lost
# almost all of one page. A missing paragraph hides a figure silently; extra text is visible.
DEFAULT_MODE: Mode = "recall"

# trafilatura's own default input limit; a saved news page is rarely over a few MB, and a bigger
# one is more likely a dump than an article.
_MAX_PAGE_BYTES = 20 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_HEAD_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{1,40})""", re.IGNORECASE
)
_XML_DECLARATION = re.compile(
    rb"""\A\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.-]{1,40})"""
)
# lxml refuses a str that still carries an XML encoding declaration.
_XML_DECLARATION_TEXT = re.compile(r"\A\s*<\?xml[^>]{0,300}\?>")
_BLANK_RUNS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
# Pages declare Latin-1 or ASCII but browsers (and authors' editors) mean Windows-1252.
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "x-user-defined": "cp1252",
}
# Libraries that log through the root logger's last-resort handler would write on the terminal
# the reader is drawing on; a NullHandler keeps them quiet unless the app configures logging.
_QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")


@dataclass(frozen=True, slots=True)
class Page:
    """What was taken from one saved web page."""

    text: str
    """The main text: one paragraph (or heading, list item, table row) per line, `\\n` ends."""
    fields: dict[str, str | None] = field(default_factory=dict)
    """title, outlet, date (ISO), url, author as the page states them (absent when unknown)."""
    warnings: list[str] = field(default_factory=list)
    """Losses noticed while reading (undecodable bytes replaced, a truncated .gz, ...)."""


_trafilatura: ModuleType | None = None


def _load_extractor() -> tuple[ModuleType | None, str | None]:
    """Import trafilatura once; return it or the reason a page cannot be read without it."""
    global _trafilatura
    if _trafilatura is not None:
        return _trafilatura, None
    for name in _QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
    try:
        import trafilatura
    except ModuleNotFoundError as exc:
        if exc.name == "trafilatura":
            return None, f"is a web page; {INSTALL_HINT}"
        # A dependency of trafilatura is missing (lxml_html_clean on old pips, for one).
        return None, f"is a web page, but the extractor cannot load ({exc}); {INSTALL_HINT}"
    except Exception as exc:  # a broken install can fail in any way while importing
        return None, f"is a web page, but the extractor cannot load ({exc}); {INSTALL_HINT}"
    _trafilatura = trafilatura
    return trafilatura, None


def _gunzip(data: bytes) -> tuple[bytes | None, str | None]:
    """Decompress at most the page limit (a gzip bomb stops there); return (bytes, reason)."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(data, _MAX_PAGE_BYTES + 1)
    except zlib.error as exc:
        return None, f"is not a valid gzip file ({exc})"
    if len(out) > _MAX_PAGE_BYTES:
        return None, f"is too large once decompressed (over {_MAX_PAGE_BYTES >> 20} MB)"
    # A truncated download still holds a readable start of the page: keep it, but say so.
    if not inflater.eof:
        return out, "the gzip file is truncated; only its start was read"
    return out, None


def _codec(name: bytes) -> str | None:
    label = name.decode("ascii", "ignore").strip().lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    # A page cannot really be UTF-16 if its declaration was readable as ASCII bytes.
    return None if codec.startswith(("utf-16", "utf-32")) else codec


def _declared_charset(data: bytes) -> str | None:
    head = data[:_HEAD_BYTES]
    m = _XML_DECLARATION.match(head) or _META_CHARSET.search(head)
    return _codec(m[1]) if m else None


def _decode_page(data: bytes) -> tuple[str, list[str]]:
    """Decode the page: a BOM, then valid UTF-8, then the page's declared charset, then guess.

    Valid UTF-8 wins over a declared charset because saved pages are often re-encoded to UTF-8
    while keeping the original `<meta charset>`; non-ASCII text in another charset is almost
    never valid UTF-8 by chance.
    """
    # looks_binary let NULs through only for UTF-16/32, which decode_bytes recognises (with or
    # without a BOM); UTF-8 would accept them and garble the page.
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        return decode_bytes(data)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), []
        except UnicodeDecodeError:
            text = data.decode(declared, errors="replace")
            bad = text.count("\ufffd")
            return text, [f"{bad} undecodable byte(s) ({declared}) were replaced with \ufffd"]
    return decode_bytes(data)


def _clean_text(text: str) -> str:
    text = normalise_newlines(text)
    text = _TRAILING_SPACE.sub("\n", text)
    # One blank line at most: trafilatura separates some blocks with several.
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def _field(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _field_text(doc: Any) -> str:
    text = getattr(doc, "text", None)
    return text if isinstance(text, str) else ""


def read_html(
    data: bytes, source: str, *, gzipped: bool = False, mode: Mode = DEFAULT_MODE
) -> tuple[Page | None, Problem | None]:
    """Return the page's main text and metadata, or the Problem that stopped it; never raises.

    `source` names the file in the Problem. `gzipped` pages are decompressed first (a file named
    `.gz` that is not compressed is read as it is). Nothing is fetched: relative
    links, images and scripts are ignored, and the URL is only what the page itself states.
    """
    warnings: list[str] = []
    if gzipped:
        if data.startswith(_GZIP_MAGIC):
            inflated, note = _gunzip(data)
            if inflated is None:
                return None, Problem(source, note or "is not a valid gzip file")
            data = inflated
            if note:
                warnings.append(note)
        # Otherwise the page was saved uncompressed under a .gz name: read it as it is.
    if not data.strip():
        return None, Problem(source, "is empty")
    if len(data) > _MAX_PAGE_BYTES:
        return None, Problem(
            source, f"is too large for a web page ({len(data) >> 20} MB; the limit is 20 MB)"
        )
    if looks_binary(data):
        return None, Problem(
            source, "looks like a binary file, not a web page (it has NUL/control bytes)"
        )
    extractor, reason = _load_extractor()
    if extractor is None:
        return None, Problem(source, reason or f"is a web page; {INSTALL_HINT}")
    html, decode_warnings = _decode_page(data)
    warnings.extend(decode_warnings)
    html = _XML_DECLARATION_TEXT.sub("", html, count=1)
    try:
        doc = extractor.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            favor_precision=mode == "precision",
            favor_recall=mode == "recall",
            deduplicate=False,
        )
    except RecursionError:
        return None, Problem(source, "is nested too deeply to be read as a web page")
    except Exception as exc:  # the extractor is third-party: any failure is this page's problem
        return None, Problem(source, f"could not be read as a web page ({type(exc).__name__})")
    text = _clean_text(_field_text(doc)) if doc is not None else ""
    if not text:
        return None, Problem(source, "no article text found in the page")
    fields: dict[str, str | None] = {
        "title": _field(getattr(doc, "title", None)),
        "outlet": _field(getattr(doc, "sitename", None)) or _field(getattr(doc, "hostname", None)),
        "url": _field(getattr(doc, "url", None)),
        "author": _field(getattr(doc, "author", None)),
    }
    date = _field(getattr(doc, "date", None))
    fields["date"] = normalise_date(date) if date else None
    return Page(text, {k: v for k, v in fields.items() if v}, warnings), None
