"""Text helpers: decoding, line ends, boilerplate flagging, titles, metadata, display safety."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Collection, Iterator

__all__ = [
    "boilerplate_rules",
    "decode_bytes",
    "detect_title",
    "flag_boilerplate",
    "looks_binary",
    "make_printable",
    "normalise_date",
    "normalise_newlines",
    "sniff_metadata",
]

# ---------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Bytes that never occur in text: C0 controls other than tab, LF, VT, FF, CR, ESC.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_TEXT_BYTES = bytes(b for b in range(256) if bytes([b]) not in _CONTROL_BYTES)


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec when `data` looks like BOM-less UTF-16 (ASCII text leaves NULs on one side)."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls == 0:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """True when `data` is not text: it has NUL bytes (and is not UTF-16) or many control bytes."""
    if not data or _bom_encoding(data) or _utf16_without_bom(data):
        return False
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    # `translate(None, delete)` counts in C: what is left after deleting text bytes are controls.
    controls = len(sample.translate(None, _TEXT_BYTES))
    # A few stray controls (BEL, BS) happen in real text; binary data has them everywhere.
    return controls > 16 and controls > 0.05 * len(sample)


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode `data` to text and return it with warnings about anything lost.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are honoured; otherwise text that is
    not valid UTF-8 is read as Windows-1252 (a superset of Latin-1's printable characters), unless
    it is mostly UTF-8 with a few broken bytes. Undecodable bytes become U+FFFD and are reported.
    """
    warnings: list[str] = []
    bom = _bom_encoding(data)
    if bom is not None:
        encoding, skip = bom
        text = data[skip:].decode(encoding, errors="replace")
        return text, _replacement_warning(text, data[skip:], encoding, warnings)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        text = data.decode(utf16, errors="replace")
        return text, _replacement_warning(text, data, utf16, warnings)
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = _replaced(text, data, "utf-8")
    # Latin-1 prose almost never forms valid UTF-8 multi-byte sequences, so more well-formed
    # non-ASCII characters than broken bytes means UTF-8 with a little damage.
    good = len(text) - len(text.encode("ascii", errors="ignore")) - text.count("\ufffd")
    if good > bad:
        warnings.append(f"{bad} byte(s) that are not valid UTF-8 were replaced with \ufffd")
        return text, warnings
    text = data.decode("cp1252", errors="replace")
    return text, _replacement_warning(text, data, "cp1252", warnings)


def _replaced(text: str, raw: bytes, encoding: str) -> int:
    """How many U+FFFD in `text` came from decoding errors rather than from `raw` itself."""
    try:
        present = raw.count("\ufffd".encode(encoding))
    except UnicodeEncodeError:
        present = 0
    return text.count("\ufffd") - present


def _replacement_warning(text: str, raw: bytes, encoding: str, warnings: list[str]) -> list[str]:
    replaced = _replaced(text, raw, encoding)
    if replaced > 0:
        warnings.append(f"{replaced} undecodable byte(s) ({encoding}) were replaced with \ufffd")
    return warnings


def normalise_newlines(s: str) -> str:
    """Return `s` with `\\r\\n` and lone `\\r` turned into `\\n`."""
    if "\r" not in s:
        return s
    return s.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------
# Display safety
# ---------------------------------------------------------------------------


def _printable_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for c in range(0x20):
        if c not in (0x09, 0x0A):
            table[c] = chr(0x2400 + c)  # Control Pictures block mirrors C0 one for one.
    table[0x7F] = "\u2421"  # ␡
    for c in range(0x80, 0xA0):
        table[c] = "\ufffd"
    # Bidi controls can reorder what follows them on screen (Trojan Source); show them instead.
    for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)):
        table[c] = "\u25cc"  # ◌
    # Invisible characters hide text boundaries; a dot keeps them visible without shifting.
    for c in (0x200B, 0x200C, 0x200D, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF):
        table[c] = "\u00b7"  # ·
    # Line and paragraph separators break lines in some renderers but not in offsets.
    table[0x2028] = "\u2424"  # ␤
    table[0x2029] = "\u2424"
    # Lone surrogates cannot be encoded for output at all.
    for c in range(0xD800, 0xE000):
        table[c] = "\ufffd"
    return table


_PRINTABLE = _printable_table()
_NEEDS_PRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u2069\ud800-\udfff\ufeff]"
)


def make_printable(s: str) -> str:
    """Return `s` safe to put on a terminal, character for character (same length, same offsets).

    C0 controls except newline and tab become Control Pictures (ESC -> ␛), DEL -> ␡, C1 controls
    -> U+FFFD, bidi overrides and isolates -> ◌, zero-width characters -> ·, U+2028/9 -> ␤,
    lone surrogates -> U+FFFD.
    """
    if _NEEDS_PRINTABLE.search(s) is None:
        return s
    return s.translate(_PRINTABLE)


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
"""The months' names, January first."""

MONTH_NUMBERS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.+\-Z]*)?")
_SLASH_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_MDY = re.compile(rf"({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.IGNORECASE)
_DMY = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE}),?\s+(\d{{4}})", re.IGNORECASE)


_EARLIEST_YEAR = 1000
"""Years before it are placeholders, not dates: databases write an empty date as 0001-01-01
or 0001-11-30 (the "zero date" 0000-00-00 carried back), which would sort before every real
article."""


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if year < _EARLIEST_YEAR:
        return None
    try:
        if day is not None and month is not None:
            return _dt.date(year, month, day).isoformat()
        if month is not None:
            _dt.date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        _dt.date(year, 1, 1)
        return f"{year:04d}"
    except ValueError:
        return None


def normalise_date(value: str) -> str | None:
    """Return `value` as ISO `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`), or None when it is not a date.

    Accepts ISO dates and date-times, `YYYY/MM/DD`, "April 26, 2024", "26 April 2024" and
    US-style `M/D/YY` or `M/D/YYYY` (read as day/month only when the first number exceeds 12).
    A year before 1000 is a database's placeholder for "no date" (0001-11-30): None.
    """
    s = value.strip()
    m = _ISO_DATE.fullmatch(s)
    if m:
        y, mo, d = m.groups()
        return _iso(int(y), int(mo) if mo else None, int(d) if d else None)
    m = _SLASH_DATE.fullmatch(s)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    m = _US_DATE.fullmatch(s)
    if m:
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        if len(m[3]) == 2:
            # Two-digit years: news archives rarely predate 1950.
            year += 2000 if year < 50 else 1900
        if first > 12 >= second:
            first, second = second, first  # only day/month order makes sense
        return _iso(year, first, second)
    m = _MDY.fullmatch(s)
    if m:
        return _iso(int(m[3]), MONTH_NUMBERS[m[1].rstrip(".").lower()], int(m[2]))
    m = _DMY.fullmatch(s)
    if m:
        return _iso(int(m[3]), MONTH_NUMBERS[m[2].rstrip(".").lower()], int(m[1]))
    return None


# ---------------------------------------------------------------------------
# Boilerplate
# ---------------------------------------------------------------------------
#
# Each rule flags whole lines. Rules anchored at the start of a line are joined in one regex so
# the text is scanned once in C; "anywhere in the line" rules find their hit and widen it to the
# line. Together they stay linear in the size of the text.

_DATE_ALONE = (
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+)?(?:"
    + _MONTH_RE
    + r"[ \t]+\d{1,2},?[ \t]+\d{4}|\d{1,2}[ \t]+"
    + _MONTH_RE
    + r"[ \t]+\d{4}|\d{4}-\d{2}-\d{2})(?:[ \t]*,?[ \t]*\d{1,2}:\d{2}[^\n]{0,20})?[ \t]*$"
)
_LINE_START_RULES: tuple[tuple[str, str], ...] = (
    # Every pattern starts with a plain character or a character set (never a repeat, a group
    # or a case-insensitive letter): the regex engine then rejects most lines on their first
    # character, which keeps the scan of a large corpus cheap.
    #
    # Related-link and "read more" lines: "RelatedFatah and Hamas spar...", "Related: ...",
    # "Read more: https://...", "We recommend to read:", "See also: ...", "Watch: ...".
    ("related", r"Related(?=[A-Z\"“‘'])"),
    (
        "related",
        r"[Rr](?i:elated(?:\s+(?:articles?|stories|coverage|content|reading|news|posts?))?"
        r"|ead\s+(?:more|also|next)|ecommended(?:\s+(?:for\s+you|reading|stories))?)"
        r"[ \t]*(?::|$|\|)",
    ),
    ("related", r"[Aa](?i:lso\s+read)[ \t]*(?::|$|\|)"),
    ("related", r"[Ss](?i:ee\s+also)[ \t]*(?::|$|\|)"),
    ("related", r"[Mm](?i:ore\s+(?:on\s+this|stories|coverage)|ost\s+read)[ \t]*(?::|$|\|)"),
    ("related", r"[Ww](?i:e\s+recommend(?:\s+to\s+read)?|atch)[ \t]*(?::|$|\|)"),
    (
        "related",
        r"[Yy](?i:ou\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in))[ \t]*(?::|$|\|)",
    ),
    ("related", r"[Tt](?i:rending\s+now)[ \t]*(?::|$|\|)"),
    ("related", r"[Ll](?i:isten)[ \t]*(?::|$|\|)"),
    # Reading-time badges: "Reading Time: 2 minutes", "Estimated reading time: 4 min", "5 min read".
    ("reading-time", r"[Rr](?i:eading\s+time)\s*:?\s*\d+\s*(?i:min)"),
    ("reading-time", r"[Ee](?i:stimated\s+reading\s+time)\s*:?\s*\d+\s*(?i:min)"),
    ("reading-time", r"\d+\s*(?i:min(?:ute)?s?\s+read)[ \t]*$"),
    # Source credits: "SOURCE:TRTWorld and agencies", "(PC, Anadolu, AJA)", "(Reuters)".
    ("credit", r"[Ss](?i:ources?)[ \t]*:[^\n]{0,120}$"),
    (
        "credit",
        r"\((?:[A-Z][\w.&'/-]*(?:[ \t][A-Z][\w.&'/-]*){0,3}(?:,[ \t]*)?){1,6}\)[ \t]*$",
    ),
    # Metadata lines: " date 2024-04-26 WORLD", "Updated: 2017-09-15 17:52", a date on its own.
    ("metadata", r"date[ \t]+\d{4}-\d{2}-\d{2}\b[^\n]{0,60}$"),
    (
        "metadata",
        r"[UuPpLl](?i:(?:ast\s+updated|pdated|ublished|osted))(?:[ \t]+on)?[ \t]*:?[ \t]*"
        + _DATE_ALONE,
    ),
    ("metadata", r"(?=[MTWFSJAOND\d])" + _DATE_ALONE),
    # Advertising slots left in the text: "Advertisement", "Advertisement Continue reading the
    # main story", "Continue reading the main story", "Advertisement - Continue Reading Below".
    # Whole lines only: "Continue reading" inside a sentence is prose.
    (
        "advert",
        r"[Aa](?i:dvertisement)(?:[ \t]*[-–—:|]?[ \t]*"
        r"(?i:continue[ \t]+reading(?:[ \t]+(?:the[ \t]+main[ \t]+story|below))?))?[ \t]*$",
    ),
    ("advert", r"[Cc](?i:ontinue[ \t]+reading[ \t]+(?:the[ \t]+main[ \t]+story|below))[ \t]*$"),
    # A picture's placeholder: "Photo" (or "Photos", "Video") alone on its line.
    ("media-label", r"[PpVv](?i:hotos?|ideo)[ \t]*$"),
    # A video prompt: "Scroll down for video".
    ("media-label", r"[Ss](?i:croll[ \t]+down[ \t]+for[ \t]+(?:the[ \t]+)?video)[ \t.:!]*$"),
    # A picture's controls and credit, its caption on a line of its own: "Enlarge this image
    # toggle caption Alastair Grant/AP Alastair Grant/AP".
    ("media-label", r"[Ee](?i:nlarge[ \t]+this[ \t]+image)\b[^\n]{0,120}$"),
)

# Staff signatures: "The All Israel News Staff is a team of journalists in Israel."
_TAIL_CHARS = 2000
_TAIL_LINES = 6
_STAFF_WORDS = ("Staff", "Team", "Desk", "Newsroom", "Editors")
_STAFF_SIGNATURE = re.compile(
    r"^[ \t]*The[ \t]+[A-Z][\w&'.-]*(?:[ \t]+[A-Z][\w&'.-]*){0,6}[ \t]+"
    r"(?:Staff|Team|Desk|Newsroom|Editors)[ \t]+(?:is|are)[ \t]+(?:a|an|the)\b[^\n]{0,200}$",
    re.MULTILINE,
)

_LINE_START_ALTS = "|".join(pattern for _, pattern in _LINE_START_RULES)
# Each rule alone, to name the one that flagged a line (only when names are asked for).
_LINE_START_EACH = tuple(
    (name, re.compile(f"[ \t]*(?:{pattern})", re.MULTILINE)) for name, pattern in _LINE_START_RULES
)
# Searching for "\n" first lets the regex engine skip ahead with a fast literal scan; the first
# line of the text is matched separately.
_LINE_START_NL = re.compile(f"\n[ \t]*(?:{_LINE_START_ALTS})", re.MULTILINE)
_LINE_START_FIRST = re.compile(f"[ \t]*(?:{_LINE_START_ALTS})", re.MULTILINE)

# Embedded tweets: the "— Name (@handle) April 30, 2024" signature that closes a tweet.
_TWEET_SIGNATURE = re.compile(
    r"[—–-][ \t]*[^\n—–]{1,80}\(@\w{1,15}\)[ \t]+"
    + _MONTH_RE
    + r"[ \t]+\d{1,2},[ \t]+\d{4}[ \t]*$",
    re.MULTILINE,
)
# Tweet links: Twitter's t.co shortener (not "abbott.co/") and pic.twitter.com images.
_TWEET_LINK = re.compile(r"(?<![\w.-])t\.co/|pic\.twitter\.com/")
# Photo credits: "... / Photo: AP Archive", "Photo: Reuters", "(AP Photo/Name)".
_PHOTO_CREDIT = re.compile(
    r"(?:^|[/|(])[ \t]*(?:Photo(?:graph)?|PHOTO|photo)s?(?:[ \t]+(?i:credit))?[ \t]*:"
    r"[^\n.]{0,80}$"
    r"|\((?:AP|AFP|Reuters|Getty|EPA)?[ \t]*Photo[^\n)]{0,60}\)[ \t]*$",
    re.MULTILINE,
)
_CAPTION_WORDS = 3
"""At most this many words before a photo credit and the line is a credit, not a caption."""
# Lines that can belong to an embedded tweet when they sit right above its signature.
_TWEETISH = re.compile(
    r"[ \t]*(?:#\w|[–•·-][ \t]|(?i:watch|breaking|video|thread)\b"
    r"|[^\n]{0,80}[?:][ \t]*$)|[^\n]*(?:pic\.twitter\.com/|t\.co/)"
)
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)\]]\s*$")
_MAX_TWEET_LINES = 8


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _lines_with(text: str, needle: str) -> Iterator[tuple[int, int]]:
    """The (start, end) bounds of each line of `text` that contains `needle`, once per line."""
    pos = text.find(needle)
    while pos >= 0:
        start, end = _line_bounds(text, pos)
        yield start, end
        pos = text.find(needle, end)


def _is_headline_run(line: str) -> bool:
    """True for a line of several title-cased headlines glued together with no sentence end."""
    words = line.split()
    # A dozen words: one real headline rarely runs that long, several glued together do.
    if len(words) < 12 or len(line) > 600 or _SENTENCE_END.search(line):
        return False
    if any(ch in line for ch in '.,;:!?"“”'):
        return False
    capital = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capital >= 0.75 * len(words)


def flag_boilerplate(text: str) -> tuple[tuple[int, int], ...]:
    """Return (start, end) spans of whole lines in `text` that are boilerplate, sorted.

    See `_flag` for what is flagged; `boilerplate_rules` also names the rule of each span.
    """
    return tuple(sorted((start, end) for start, (end, _) in _flag(text, False).items()))


def boilerplate_rules(text: str) -> tuple[tuple[int, int, str], ...]:
    """Return (start, end, rule) for each boilerplate line of `text`, sorted: the spans of
    `flag_boilerplate`, each with the name of the rule that flagged it (`related`,
    `reading-time`, `credit`, `metadata`, `advert`, `media-label`, `tweet`, `photo-credit`,
    `staff`, `list`, `headline-run`). When several rules fit a line, the last one to look
    at it names it."""
    return tuple(sorted((start, end, rule) for start, (end, rule) in _flag(text, True).items()))


def _line_start_rule(line: str) -> str:
    for name, pattern in _LINE_START_EACH:
        if pattern.match(line):
            return name
    return "related"  # not reached: the joined pattern matched one of them


def _flag(text: str, names: bool) -> dict[int, tuple[int, str]]:
    """The boilerplate lines of `text`: line start -> (line end, the rule that flagged it;
    named only when `names`, else "").

    Flagged: related-link and "read more" lines, reading-time badges, source credits
    ("SOURCE: ...", "(PC, Anadolu, AJA)"), photo captions ("... / Photo: AP Archive"), metadata
    lines (" date 2024-04-26 WORLD", a date alone on a line, "Updated: ..."), staff signatures
    ("The X Staff is ..."), embedded tweets (lines with pic.twitter.com or t.co links, the
    "— Name (@handle) April 30, 2024" line and the tweet lines right above it), advertising
    slots ("Advertisement", "Continue reading the main story"), media labels ("Photo" alone,
    "Scroll down for video", a picture's controls and credit: "Enlarge this image toggle
    caption AP"), short headline-like lines (no sentence end)
    right after a "We recommend to read:"-style header, and a final line that is a run of
    title-cased headlines with no sentence punctuation. Spans exclude the newline. Linear in
    the length of `text`.
    """
    spans: dict[int, tuple[int, str]] = {}
    list_headers: list[int] = []
    first = _LINE_START_FIRST.match(text)
    hits = _LINE_START_NL.finditer(text)
    for m in (first, *hits) if first else hits:
        start, end = _line_bounds(text, m.start() if m is first else m.start() + 1)
        spans[start] = (end, _line_start_rule(text[start:end]) if names else "")
        if end - start < 60 and text[start:end].rstrip().endswith(":"):
            list_headers.append(end)
    # The remaining rules look for a rare literal with `str.find` (much faster than a regex scan)
    # and check only the lines where it occurs.
    for needle in ("t.co/", "pic.twitter.com/"):
        for start, end in _lines_with(text, needle):
            if _TWEET_LINK.search(text, start, end):
                spans[start] = (end, "tweet")
    for needle in ("hoto", "HOTO"):
        for start, end in _lines_with(text, needle):
            credit = _PHOTO_CREDIT.search(text, start, end)
            # A caption names who is in the picture ("Haniyeh [R] and Al-Ahmed [L]. / Photo:
            # AP"): those are facts. Only a line that is little more than the credit is flagged.
            if credit and len(text[start : credit.start()].split()) <= _CAPTION_WORDS:
                spans[start] = (end, "photo-credit")
    for start, end in _lines_with(text, "(@"):
        if not _TWEET_SIGNATURE.search(text, start, end):
            continue
        spans[start] = (end, "tweet")
        # Walk up over the tweet's own lines (hashtags, bullets, links, short questions).
        for _ in range(_MAX_TWEET_LINES):
            if start == 0:
                break
            prev_start, prev_end = _line_bounds(text, start - 1)
            line = text[prev_start:prev_end]
            if not line.strip() or not _TWEETISH.match(line):
                break
            spans[prev_start] = (prev_end, "tweet")
            start = prev_start
    # Staff signatures close an article: only its tail is checked, and only when a word occurs.
    tail_start = max(0, len(text) - _TAIL_CHARS)
    tail = text[tail_start:]
    if any(word in tail for word in _STAFF_WORDS):
        for m in _STAFF_SIGNATURE.finditer(text, tail_start):
            spans[m.start()] = (m.end(), "staff")
    # Lines of links under a "We recommend to read:" header, up to the next blank line.
    for pos in list_headers:
        while pos < len(text):
            start, end = _line_bounds(text, pos + 1)
            line = text[start:end]
            # Only headline-like lines: short, without a sentence end (quotes, full stops).
            if not line.strip() or len(line) > 150 or _SENTENCE_END.search(line):
                break
            spans[start] = (end, "list")
            pos = end
    # A trailing run of glued headlines ("Taylor Swifts New Album Release Health issues ...").
    stripped_end = tail_start + len(tail.rstrip())
    if stripped_end:
        start, end = _line_bounds(text, stripped_end - 1)
        if start not in spans and _is_headline_run(text[start:end]):
            spans[start] = (end, "headline-run")
    return spans


# ---------------------------------------------------------------------------
# Titles and metadata
# ---------------------------------------------------------------------------

_TITLE_SKIP = re.compile(
    "|".join(
        f"[ \t]*{pattern}"
        for name, pattern in _LINE_START_RULES
        if name in ("metadata", "reading-time", "credit")
    )
    + r"|"
    + _STAFF_SIGNATURE.pattern[1:]
    + r"|[ \t]*(?i:by)[ \t]+[A-Z][^\n]{0,80}$"
    + r"|[ \t]*(?:[-=*_#]{3,})[ \t]*$"
)
_MAX_TITLE = 200
_HEAD_LINES = 12


def _first_lines(text: str, n: int) -> list[str]:
    return text[:4000].split("\n", n)[:n]


def _last_lines(text: str, n: int) -> list[str]:
    return text[-4000:].rsplit("\n", n)[-n:]


def detect_title(text: str) -> str:
    """Return the first line of prose in `text` (skipping metadata lines), trimmed; "" if none."""
    for line in _first_lines(text, _HEAD_LINES * 2):
        stripped = line.strip()
        if not stripped or _TITLE_SKIP.match(line):
            continue
        stripped = stripped.lstrip("#").strip() or stripped
        if len(stripped) > _MAX_TITLE:
            cut = stripped.rfind(" ", 0, _MAX_TITLE)
            stripped = stripped[: cut if cut > 40 else _MAX_TITLE].rstrip() + "…"
        return stripped
    return ""


_DATE_LINE = re.compile(r"[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b")
_UPDATED_LINE = re.compile(
    r"[ \t]*(?i:(?:last\s+)?(?:updated|published|posted))(?:[ \t]+on)?[ \t]*:?[ \t]*(.+)$"
)
_BYLINE = re.compile(r"[ \t]*(?i:by)[ \t]+([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){1,3})[ \t]*$")
_SOURCE_CREDIT = re.compile(r"[ \t]*(?i:source)[ \t]*:[ \t]*([^\n]{1,100}?)[ \t.]*$")
_AGENCIES = re.compile(r"\s*(?:,|\band|&)\s*(?:other\s+)?(?:news\s+)?agencies\b.*$", re.IGNORECASE)
_STAFF = re.compile(
    r"[ \t]*The[ \t]+([A-Z][\w&'.-]*(?:[ \t]+[A-Z][\w&'.-]*){0,6})[ \t]+"
    r"(?:Staff|Team|Desk|Newsroom|Editors)[ \t]+(?:is|are)\b"
)
_ACRONYM_GLUE = re.compile(r"([A-Z]{2,})(?=[A-Z][a-z])")


def _date_from_line(line: str) -> str | None:
    m = _DATE_LINE.match(line)
    if m:
        return normalise_date(m[1])
    m = _UPDATED_LINE.match(line)
    if m:
        head = re.split(r"[ \t]*(?:,[ \t]*)?\d{1,2}:\d{2}", m[1])[0]
        return normalise_date(head)
    s = line.strip()
    if 6 <= len(s) <= 40:
        s = re.sub(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+", "", s)
        s = re.split(r"\s*,?\s*\d{1,2}:\d{2}", s)[0]
        return normalise_date(s)
    return None


def sniff_metadata(
    text: str, fields: Collection[str] = ("date", "outlet", "author")
) -> dict[str, str | None]:
    """Return `{"date", "outlet", "author"}` as the text itself shows them (None when unknown).

    Looks only at the first and last few lines: a `date YYYY-MM-DD` line or a dateline such as
    "April 26, 2024" alone on a line, a "By Name" byline, a "SOURCE: X and agencies" credit
    (outlet "X", an acronym glued to a word split: "TRTWorld" -> "TRT World"), and a
    "The X Staff is ..." signature (outlet "X"). Only `fields` are looked for (the rest stay
    None), so callers that already know some of them pay nothing for those.
    """
    found: dict[str, str | None] = {"date": None, "outlet": None, "author": None}
    want_date = "date" in fields
    want_author = "author" in fields
    if want_date or want_author:
        for line in _first_lines(text, _HEAD_LINES):
            if want_date and found["date"] is None:
                found["date"] = _date_from_line(line)
            if want_author and found["author"] is None and line[:3].lower() in ("by ", " by"):
                m = _BYLINE.match(line)
                if m:
                    found["author"] = m[1]
    if "outlet" not in fields:
        return found
    tail = [line for line in _last_lines(text, _TAIL_LINES) if line.strip()]
    # A credit counts only as the very last line: "SOURCE:" higher up usually credits a chart.
    m = _SOURCE_CREDIT.match(tail[-1]) if tail else None
    if m:
        credit = _AGENCIES.sub("", m[1].split(" | ")[0]).strip(" ,;")
        found["outlet"] = _ACRONYM_GLUE.sub(r"\1 ", credit) or None
        return found
    for line in reversed(tail[-3:]):
        m = _STAFF.match(line)
        if m:
            found["outlet"] = m[1]
            break
    return found
