"""Facts a news page states about itself: headline, date, site, English headline.

Every reader here looks at one line, or at the lines the cleaner dropped as
chrome; none of them guesses. A page that states no date gets no date, a page
that names no site gets no source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources

from searcher import languages, normalize
from searcher.languages import SENTENCE_ENDS

#: Longest headline, in words; longer first lines are paragraphs.
HEADLINE_MAX_WORDS = 30
#: Shortest headline, in words; shorter lines are section labels.
HEADLINE_MIN_WORDS = 3
#: Longest headline or date line, in characters; longer lines are paragraphs.
SHORT_LINE_MAX_CHARS = 300
#: Fewest Latin words in an English headline.
ENGLISH_HEADLINE_MIN_WORDS = 4
#: Closing quotes and brackets that may follow a sentence end.
CLOSERS = "\"'”’»)]"
_ELLIPSES = ("...", "…")
_NOT_LETTER = "[\\w" + "".join(languages.block_pattern(code) for code in languages.LANGUAGES) + "]"


def read_table(name: str) -> list[list[str]]:
    """Return the rows of ``index/data/NAME``: tab-separated, NFC, no comments or blanks."""
    text = resources.files("index").joinpath("data", name).read_text(encoding="utf-8")
    rows = []
    for line in normalize.nfc(text).splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


# --- sentences and headlines -------------------------------------------------

def ends_sentence(text: str) -> bool:
    """Tell whether ``text`` ends as a sentence does: with a danda, ``.``, ``?`` or ``!``.

    An ellipsis is a cut, not an end.

    >>> ends_sentence("તેમણે ટેકો આપ્યો."), ends_sentence("सावन में दीपक जलाना..."), ends_sentence("बंने देशोना संबंधो")
    (True, False, False)
    """
    text = text.rstrip().rstrip(CLOSERS).rstrip()
    return bool(text) and text[-1] in SENTENCE_ENDS and not text.endswith(_ELLIPSES)


def is_truncated(text: str) -> bool:
    """Tell whether ``text`` is a teaser cut short: it ends in an ellipsis and has no sentence before it.

    >>> is_truncated("वहीं, वास्तु शास्त्र के अनुसार, सावन के इन शुभ दिनों में दीपक जलाना...")
    True
    >>> is_truncated("उन्होंने कहा. फिर चुप हो गए...")
    False
    """
    stripped = text.rstrip().rstrip(CLOSERS).rstrip()
    if not stripped.endswith(_ELLIPSES):
        return False
    body = stripped.rstrip(".…")
    return not any(mark in body for mark in SENTENCE_ENDS)


def is_headline(text: str, native_words: int) -> bool:
    """Tell whether a line reads as a headline: a few words, not closed by a full stop.

    ``native_words`` counts the words in the page's script. Questions and
    exclamations may be headlines; a line ending in ``.`` or ``।`` is a sentence.

    >>> is_headline("કિમ જોંગ ઉનની રશિયાના યુદ્ધમાં સહાયની પ્રતિબદ્ધતા", 6)
    True
    >>> is_headline("उत्तर कोरियाई नेता लगातार रूस का समर्थन करते रहे हैं.", 9)
    False
    """
    if not HEADLINE_MIN_WORDS <= native_words <= HEADLINE_MAX_WORDS or len(text) > SHORT_LINE_MAX_CHARS:
        return False
    stripped = text.rstrip().rstrip(CLOSERS).rstrip()
    return not stripped.endswith((".", "।", "॥"))


def is_english_headline(text: str) -> bool:
    """Tell whether a line is a headline in Latin letters: several words, mostly letters.

    >>> is_english_headline("North Korean leader Kim Jong-un meets Russian defense minister")
    True
    >>> is_english_headline("12:44 PM Jul 14, 2025 IST | revoi editor"), is_english_headline("Connect with us")
    (False, False)
    """
    if len(text) > SHORT_LINE_MAX_CHARS:
        return False
    tokens = text.split()
    latin = [t for t in tokens if any("a" <= c.lower() <= "z" for c in t)]
    if len(latin) < ENGLISH_HEADLINE_MIN_WORDS or find_date(text) or "://" in text:
        return False
    letters = sum(c.isalpha() for c in text)
    return letters >= 0.6 * len(text.replace(" ", ""))


def lede(text: str, max_words: int = HEADLINE_MAX_WORDS) -> str:
    """Return the first sentence of ``text``, cut to ``max_words`` words; a title for a page without one.

    >>> lede("કિમે પુતિનને સંદેશ મોકલ્યો. બીજું વાક્ય.")
    'કિમે પુતિનને સંદેશ મોકલ્યો.'
    """
    first = text.strip().split("\n", 1)[0]
    match = re.search(rf"[{re.escape(SENTENCE_ENDS)}][{re.escape(CLOSERS)}]*(?=\s|$)", first)
    sentence = first[:match.end()] if match else first
    tokens = sentence.split()
    if len(tokens) > max_words:
        return " ".join(tokens[:max_words]) + " …"
    return sentence


# --- dates -------------------------------------------------------------------

@dataclass(frozen=True)
class DateTables:
    """Month names and time zones from ``dates.tsv``, compiled into patterns."""

    months: dict[str, int]
    zones: dict[str, str]
    patterns: tuple[re.Pattern, ...]
    zone_pattern: re.Pattern


@lru_cache(maxsize=1)
def date_tables() -> DateTables:
    """Load ``dates.tsv`` once and compile the date patterns from it."""
    rows = read_table("dates.tsv")
    months = {name.casefold(): int(value) for kind, name, value in rows if kind == "month"}
    zones = {name.upper(): value for kind, name, value in rows if kind == "zone"}
    names = "|".join(re.escape(n) for n in sorted(months, key=len, reverse=True))
    month = rf"(?<!{_NOT_LETTER})(?P<mon>{names})\.?(?!{_NOT_LETTER})"
    day = r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<year>\d{4})(?!\d)"
    patterns = (
        re.compile(rf"{month},?\s+{day},?\s+{year}", re.IGNORECASE),       # Jul 14, 2025
        re.compile(rf"{day}\s+{month},?\s+{year}", re.IGNORECASE),          # 14 જુલાઈ, 2025
        re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),  # 2025-07-14
        re.compile(r"(?<!\d)(?P<day>\d{1,2})([/.-])(?P<mon>\d{1,2})\2(?P<year>\d{4})(?!\d)"),  # 14/07/2025
    )
    zone_names = "|".join(re.escape(z) for z in zones)
    zone_pattern = re.compile(
        rf"(?<![A-Za-z])(?P<name>{zone_names})(?![A-Za-z])(?:\s*(?P<off1>[+-]\d{{1,2}}:?\d{{2}}))?"
        rf"|(?<![\w-])(?P<off2>[+-]\d{{2}}:\d{{2}})(?!\d)")
    return DateTables(months, zones, patterns, zone_pattern)


@dataclass(frozen=True)
class FoundDate:
    """A date stated in a line: its ISO 8601 form and where the date itself stands."""

    iso: str
    start: int
    end: int


def find_date(text: str) -> FoundDate | None:
    """Return the first date stated in ``text`` (with its time and zone, if stated).

    Numeric dates are read day first, as Indian papers print them. Native
    digits count as ASCII digits; the line must keep its length, so they map
    one to one.

    >>> find_date("12:44 PM Jul 14, 2025 IST | revoi editor").iso
    '2025-07-14T12:44:00+05:30'
    >>> find_date("प्रकाशित: 15 जुलाई 2025").iso, find_date("૧૪/૦૭/૨૦૨૫, 09:05").iso
    ('2025-07-15', '2025-07-14T09:05:00')
    >>> find_date("બુધવારે (11 જૂન) જણાવ્યું") is None
    True
    """
    ascii_digits = text.translate(normalize.DIGITS)
    tables = date_tables()
    for pattern in tables.patterns:
        for match in pattern.finditer(ascii_digits):
            day = _calendar_day(match, tables.months)
            if day is not None:
                iso = day.strftime("%Y-%m-%d") + _time_of_day(ascii_digits, tables)
                return FoundDate(iso, match.start(), match.end())
    return None


def _calendar_day(match: re.Match, months: dict[str, int]) -> datetime | None:
    """Return the day a date match names, or ``None`` when it is no real day."""
    mon = match.group("mon")
    number = int(mon) if mon.isdigit() else months.get(mon.casefold())
    try:
        day = datetime(int(match.group("year")), number or 0, int(match.group("day")))
    except ValueError:
        return None
    return day if 1900 <= day.year <= 2100 else None


def _time_of_day(text: str, tables: DateTables) -> str:
    """Return ``"THH:MM:SS"`` plus a stated UTC offset for the first time in ``text``, or ``""``."""
    match = re.search(r"(?<![\d:])(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?![\d:])"
                      r"(?:\s*(?P<ap>[AaPp])\.?[Mm]\b\.?)?", text)
    if not match:
        return ""
    hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"] or 0)
    if match["ap"]:
        hour = hour % 12 + (12 if match["ap"] in "Pp" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return ""
    return f"T{hour:02d}:{minute:02d}:{second:02d}" + _zone(text[match.end():], tables)


def _zone(text: str, tables: DateTables) -> str:
    """Return the UTC offset stated in ``text`` (``IST``, ``GMT+5:30``, ``+0530``), or ``""``."""
    match = tables.zone_pattern.search(text)
    if not match:
        return ""
    offset = match["off1"] or match["off2"]
    if offset:
        sign, digits = offset[0], offset[1:].replace(":", "")
        return f"{sign}{int(digits[:-2]):02d}:{digits[-2:]}"
    return tables.zones[match["name"].upper()]


# --- source site -------------------------------------------------------------

@lru_cache(maxsize=1)
def site_tables() -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    """Return the (mark, site) pairs and the hosts that are never a source, from ``sites.tsv``."""
    rows = read_table("sites.tsv")
    marks = tuple((mark.casefold(), site) for kind, site, mark in rows if kind == "mark")
    never = frozenset(site for kind, site, _ in rows if kind == "not-source")
    return marks, never


def find_source(chrome_lines: list[str]) -> str | None:
    """Return the site that a page's chrome names, by a known mark or by a URL's host.

    >>> find_source(["For the best experience, open", "https://m.revoi.in"])
    'revoi.in'
    >>> find_source(["Share on https://www.facebook.com/x"]) is None
    True
    """
    marks, never = site_tables()
    for line in chrome_lines:
        folded = line.casefold()
        for mark, site in marks:
            if mark in folded:
                return site
    for line in chrome_lines:
        for host in re.findall(r"https?://([A-Za-z0-9.-]+)", line):
            host = re.sub(r"^(?:www|m|amp)\.", "", host.lower().strip("."))
            if host and "." in host and host not in never:
                return host
    return None


# --- outlets -------------------------------------------------------------------

def host_of(url: str) -> str:
    """Return the host of ``url``, lower case, less a leading ``www.``, ``m.`` or ``amp.``.

    >>> host_of("https://zeenews.india.com/gujarati/india/x-1"), host_of("not a url")
    ('zeenews.india.com', '')
    """
    match = re.match(r"[A-Za-z][A-Za-z0-9+.-]*://([^/?#:@\s]+)", url.strip())
    host = match.group(1).lower().strip(".") if match else ""
    host = re.sub(r"^(?:www|m|amp)\.", "", host)
    return host if "." in host else ""


def outlet(url: str, label: str) -> str:
    """Return the source to index for an item: its URL's host, else its collection label.

    >>> outlet("https://zeenews.india.com/gujarati/x", "zeenews-gujarati"), outlet("", "bbc-hindi")
    ('zeenews.india.com', 'bbc-hindi')
    """
    return host_of(url) or label.strip()


@lru_cache(maxsize=1)
def outlet_names() -> dict[str, str]:
    """Return the outlet name of each known host and collection label, from ``outlets.tsv``."""
    return {key.lower(): name for kind, key, name in read_table("outlets.tsv")
            if kind in ("host", "label")}


def outlet_name(source: str) -> str:
    """Return the name to show for a source: the outlet's name if known, else the source.

    >>> outlet_name("zeenews.india.com"), outlet_name("bbc-hindi"), outlet_name("example.org")
    ('Zee News', 'BBC Hindi', 'example.org')
    """
    return outlet_names().get(source.lower(), source)
