"""Clean a scraped news page: keep the article's lines, drop the site's chrome.

Every non-empty line gets a verdict and a reason, so ``explain`` can show an
editor why each line went. Rules 1-4 judge a line on its own (the first that
fires names the reason); rules 5-8 read the shape of the page.

1. **Chrome phrases** (``index/data/chrome.tsv``) spelled by a line or by up
   to four consecutive lines: ``Advertisement``; ``Published`` / ``on``.
2. **Repeated lines**: second and later copies (004 prints its headline twice).
3. **Labels**: breadcrumbs (``HomeHome…``), read-also teasers
   (``यह भी पढ़ें: …``, ``આ પણ વાંચો: …``), byline labels.
4. **No sentence in the line**: only a URL; only a date or byline; a teaser
   cut off with an ellipsis; no word in the page's script.
5. **Teaser blocks**: an end marker after article text (``Source link``,
   ``Latest articles``, ``Tags :``) ends the article; later lines are teasers.
6. **Link lists**: inside the article, three or more short non-sentences in a row.
7. **The tail**: after the last paragraph, lines that are not sentences.
8. **The header**, before the first paragraph: the first headline-like line
   is the title, the first English headline is ``english_title``, one- and
   two-word lines are section labels.

A *paragraph* has at least 12 words in the page's script and ends as a
sentence. Short lines between paragraphs are article text: sub-headings such
as ``શું પુતિન એરબેઝ હુમલાનો બદલો લઈ રહ્યા છે?`` (000).

English captions: body text is in the page's language, so a line with no word
in its script is never article text. The first one before the first paragraph
that reads as a headline is the page's English headline (metadata); its later
copies (003 repeats it twice as an image caption) are dropped as repeats.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from searcher import languages

from . import metadata

log = logging.getLogger(__name__)

#: Most lines a chrome phrase may be split over.
MAX_PHRASE_LINES = 4
#: Fewest words (in the page's script) in a paragraph of the article.
PARAGRAPH_MIN_WORDS = 12
#: Fewest short non-sentence lines in a row that make a link list.
LINK_LIST_MIN_LINES = 3
#: Most words in the page's script left beside a date on a date/byline line.
DATE_LINE_MAX_WORDS = 2
#: Characters read to tell a page's language: far more than any article needs.
LANGUAGE_SAMPLE_CHARS = 200_000
#: Separators after a label: ``यह भी पढ़ें:``, ``ये भी पढ़ें -``, ``આ પણ વાંચોઃ``.
LABEL_SEPARATORS = ":-–—|»ःઃ"

ARTICLE_TEXT = "article text"
TITLE = "title"
#: Rules whose dropped lines may name the page's own site.
SOURCE_RULES = ("chrome", "date", "byline")

#: Longer lines are never part of a chrome phrase.
_LONGEST_PHRASE = 200
_URL_ONLY = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """One non-empty line of the raw page and the cleaner's verdict on it."""

    number: int   # 1-based line number in the raw file
    text: str     # the line, stripped
    kept: bool
    reason: str   # why it was dropped, or "article text" / "title" when kept


@dataclass(frozen=True)
class CleanPage:
    """A cleaned page: its article text, its metadata and a verdict on every line.

    ``text`` holds the kept lines except the title line, joined with ``"\\n"``:
    a headline is not repeated at the top of the text. A page without a
    headline line takes its title from the first sentence of its text, which
    then stays in the text (000).
    """

    title: str
    lang: str                    # 'gu' | 'hi'
    text: str
    published: str | None        # ISO 8601, only when the page states a date
    source: str | None           # site name like 'revoi.in', only when the page names it
    english_title: str | None
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Phrase:
    """A row of ``chrome.tsv``: its kind, the phrase as written, and its match key."""

    kind: str
    text: str
    key: str


@dataclass
class _Row:
    """A line being judged; ``rule`` stays ``None`` while it may be article text."""

    number: int
    text: str
    native: int                  # words in the page's script
    rule: str | None = None
    reason: str = ARTICLE_TEXT
    phrase: Phrase | None = None

    @property
    def open(self) -> bool:
        """Tell whether no rule has judged the line yet (so far, article text)."""
        return self.rule is None

    def drop(self, rule: str, reason: str) -> None:
        self.rule, self.reason = rule, reason


def phrase_key(text: str) -> str:
    """Return ``text`` folded for phrase matching: letters, marks and digits, lower case.

    >>> phrase_key("Tags :"), phrase_key("error: Content is protected !!"), phrase_key("शेयर करें!")
    ('tags', 'error content is protected', 'शेयर करें')
    """
    kept = (c if unicodedata.category(c)[0] in "LMN" else " " for c in text.casefold())
    return " ".join("".join(kept).split())


@lru_cache(maxsize=1)
def chrome_phrases() -> tuple[Phrase, ...]:
    """Load ``index/data/chrome.tsv`` once."""
    return tuple(Phrase(row[0], row[1], phrase_key(row[1]))
                 for row in metadata.read_table("chrome.tsv"))


def native_words(text: str, lang: str) -> int:
    """Count the words of ``text`` written (at least partly) in ``lang``'s script.

    >>> native_words("KCNA ના અહેવાલ મુજબ", "gu"), native_words("Source link", "hi")
    (3, 0)
    """
    return len(_native_word_pattern(lang).findall(text))


@lru_cache(maxsize=None)
def _native_word_pattern(lang: str) -> re.Pattern:
    """Return a pattern for a run of non-space characters holding a letter of ``lang``'s script."""
    low, high = languages.get(lang).block
    block = f"{chr(low)}-{chr(high)}"
    return re.compile(rf"(?<!\S)[^\s{block}]*[{block}]")  # anchored at a word's start: linear


def _ordinal(n: int) -> str:
    """Return ``2nd``, ``3rd``, ``11th``, ... for ``n``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _is_paragraph(row: _Row) -> bool:
    """Tell whether an open line is a paragraph of the article: long, and ending as a sentence."""
    return row.open and row.native >= PARAGRAPH_MIN_WORDS and metadata.ends_sentence(row.text)


def _first_paragraph(rows: list[_Row]) -> int:
    """Return the index of the first paragraph still open, or ``len(rows)``."""
    return next((i for i, row in enumerate(rows) if _is_paragraph(row)), len(rows))


# --- rules -------------------------------------------------------------------

def _phrase_at(rows: list[_Row], i: int, phrases: dict[str, Phrase]) -> tuple[Phrase, int] | None:
    """Return the longest chrome phrase spelled by the lines from ``rows[i]`` on, and its line count."""
    prefixes = _phrase_prefixes()
    found, key = None, ""
    for size, row in enumerate(rows[i:i + MAX_PHRASE_LINES], 1):
        if len(row.text) > _LONGEST_PHRASE:
            break
        key = f"{key} {phrase_key(row.text)}".strip()
        if key in phrases:
            found = phrases[key], size
        if key not in prefixes:
            break
    return found


@lru_cache(maxsize=1)
def _phrase_prefixes() -> frozenset[str]:
    """Return every word prefix of every chrome phrase key: "published" for "published on"."""
    prefixes = set()
    for phrase in chrome_phrases():
        parts = phrase.key.split()
        prefixes.update(" ".join(parts[:n]) for n in range(len(parts) + 1))
    return frozenset(prefixes)


def _mark_chrome(rows: list[_Row]) -> None:
    """Drop lines that spell a chrome phrase, alone or split over consecutive lines."""
    phrases = {p.key: p for p in chrome_phrases() if p.kind in ("line", "end")}
    i = 0
    while i < len(rows):
        found = _phrase_at(rows, i, phrases)
        if found is None:
            i += 1
            continue
        phrase, size = found
        split = f" (split over {size} lines)" if size > 1 else ""
        for row in rows[i:i + size]:
            row.drop("chrome", f"chrome phrase '{phrase.text}'{split}")
            row.phrase = phrase
        i += size


def _mark_repeats(rows: list[_Row]) -> None:
    """Drop the second and later copies of a line."""
    seen: Counter[str] = Counter()
    for row in rows:
        key = " ".join(row.text.casefold().split())
        seen[key] += 1
        if seen[key] > 1 and row.open:
            row.drop("repeat", f"repeated line ({_ordinal(seen[key])} time)")


def _label(text: str) -> tuple[Phrase, bool] | None:
    """Return the label phrase ``text`` starts with, and whether the label stands alone."""
    folded = " ".join(text.casefold().split())
    for phrase in chrome_phrases():
        start = phrase.text.casefold()
        if phrase.kind == "crumb" and folded.startswith(start):
            return phrase, False
        if phrase.kind in ("teaser", "byline") and folded.startswith(start):
            rest = folded[len(start):].lstrip()
            if not rest or rest[0] in LABEL_SEPARATORS:
                return phrase, not rest.strip(LABEL_SEPARATORS + " ")
    return None


def _signal(row: _Row, lang: str) -> tuple[str, str] | None:
    """Return (rule, reason) when a line carries no sentence of the article."""
    found = _label(row.text)
    if found:
        phrase, _ = found
        names = {"crumb": "breadcrumb", "teaser": "read-also teaser", "byline": "byline"}
        return phrase.kind, f"{names[phrase.kind]} '{phrase.text}'"
    if _URL_ONLY.fullmatch(row.text):
        return "url", "only a URL"
    date = len(row.text) <= metadata.SHORT_LINE_MAX_CHARS and metadata.find_date(row.text)
    if date and not metadata.ends_sentence(row.text):
        rest = row.text[:date.start] + " " + row.text[date.end:]
        if native_words(rest, lang) <= DATE_LINE_MAX_WORDS:
            return "date", "date/byline"
    if metadata.is_truncated(row.text):
        return "truncated", "teaser cut off with an ellipsis"
    if row.native == 0:
        return "foreign", f"no {languages.get(lang).name} words"
    return None


def _mark_signals(rows: list[_Row], lang: str) -> None:
    """Drop labels, URLs, date lines, cut-off teasers and lines not in the page's script.

    A read-also label alone on its line takes the next line (the teaser) with it.
    """
    label_alone = None
    for row in rows:
        if label_alone is not None and row.open and not _is_paragraph(row):
            row.drop("teaser", f"read-also teaser after '{label_alone}'")
            label_alone = None
            continue
        label_alone = None
        if not row.open:
            continue
        found = _signal(row, lang)
        if found:
            row.drop(*found)
            label = _label(row.text)
            if label and label[1] and label[0].kind == "teaser":
                label_alone = label[0].text


def _mark_end_block(rows: list[_Row]) -> None:
    """Drop everything after an end marker that follows article text."""
    marker, body_seen = None, False
    for row in rows:
        is_end = row.phrase is not None and row.phrase.kind == "end"
        if is_end and (body_seen or marker):
            marker = row.phrase.text
            row.drop("end", f"end-of-article marker '{marker}'")
        elif marker and row.phrase is None:
            row.drop("block", f"teaser block after '{marker}'")
        elif _is_paragraph(row):
            body_seen = True


def _short_non_sentence(row: _Row) -> bool:
    """Tell whether an open line is short and not a sentence: a heading or a link."""
    return (row.open and row.native <= metadata.HEADLINE_MAX_WORDS
            and not metadata.ends_sentence(row.text))


def _mark_link_lists(rows: list[_Row]) -> None:
    """Drop runs of short non-sentences inside the article: lists of links to other stories."""
    open_rows = [row for row in rows if row.open]
    run: list[_Row] = []
    for row in open_rows[_first_paragraph(open_rows):] + [None]:
        if row is not None and _short_non_sentence(row):
            run.append(row)
            continue
        if len(run) >= LINK_LIST_MIN_LINES:
            for item in run:
                item.drop("list", f"link list ({len(run)} short lines in a row)")
        run = []


def _mark_tail(rows: list[_Row]) -> None:
    """Drop the lines after the article's last paragraph that are not sentences."""
    last = max((i for i, row in enumerate(rows) if _is_paragraph(row)), default=None)
    if last is None:
        return
    for row in rows[last + 1:]:
        if row.open and not metadata.ends_sentence(row.text):
            row.drop("tail", "after the article: not a sentence")


def _mark_header(rows: list[_Row]) -> tuple[_Row | None, str | None]:
    """Pick the title and the English headline among the lines before the first paragraph."""
    title, english = None, None
    for row in rows[:_first_paragraph(rows)]:
        if row.open and title is None and metadata.is_headline(row.text, row.native):
            row.drop(TITLE, TITLE)
            title = row
        elif row.open and row.native < metadata.HEADLINE_MIN_WORDS and not metadata.ends_sentence(row.text):
            row.drop("label", "section label before the article")
        elif row.rule == "foreign" and english is None and metadata.is_english_headline(row.text):
            row.drop("english", "English headline (kept as english_title)")
            english = row.text
    return title, english


# --- the page ----------------------------------------------------------------

def _rows(raw: str, lang: str) -> list[_Row]:
    """Return the non-empty lines of ``raw`` (LF, CRLF or CR endings), stripped and numbered."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [_Row(number, text, native_words(text, lang))
            for number, text in ((n, line.strip()) for n, line in enumerate(lines, 1)) if text]


def _judge(rows: list[_Row], lang: str) -> tuple[_Row | None, str | None]:
    """Run every rule over ``rows``; return the title row and the English headline."""
    _mark_chrome(rows)
    _mark_repeats(rows)
    _mark_signals(rows, lang)
    _mark_end_block(rows)
    _mark_link_lists(rows)
    _mark_tail(rows)
    return _mark_header(rows)


def _source(rows: list[_Row]) -> str | None:
    """Return the site that the page's own chrome names (URL lines count before the article only)."""
    first = _first_paragraph(rows)
    chrome = [row.text for i, row in enumerate(rows)
              if row.rule in SOURCE_RULES or (row.rule == "url" and i < first)]
    return metadata.find_source(chrome)


def clean_page(raw: str, name: str = "") -> CleanPage:
    """Clean one scraped page (decoded, NFC); ``name`` labels log messages.

    >>> page = clean_page("Advertisement\\nકિમ જોંગ ઉનની રશિયાને સહાય\\nAdvertisement")
    >>> page.title, page.text, [line.reason for line in page.lines][0]
    ('કિમ જોંગ ઉનની રશિયાને સહાય', '', "chrome phrase 'Advertisement'")
    """
    raw = raw if isinstance(raw, str) else str(raw)
    lang = languages.detect_language(raw[:LANGUAGE_SAMPLE_CHARS])
    rows = _rows(raw, lang)
    title_row, english = _judge(rows, lang)
    text = "\n".join(row.text for row in rows if row.open)
    dated = next((row for row in rows if row.rule == "date"), None)
    title = title_row.text if title_row else (metadata.lede(text) if text else "")
    if not text:
        log.info("%s: no article text left after cleaning", name or "page")
    return CleanPage(
        title=title,
        lang=lang,
        text=text,
        published=metadata.find_date(dated.text).iso if dated else None,
        source=_source(rows),
        english_title=english,
        lines=tuple(Line(row.number, row.text, row.open or row.rule == TITLE, row.reason)
                    for row in rows),
    )


def explain(page: CleanPage, width: int = 100) -> str:
    """Return a line-by-line report: the metadata, then ``KEEP``/``DROP``, number, text, reason."""
    fields = ("title", "lang", "published", "source", "english_title")
    out = [f"{field + ':':<15}{getattr(page, field)}" for field in fields]
    out += [f"{'kept:':<15}{sum(line.kept for line in page.lines)} of {len(page.lines)} lines", ""]
    for line in page.lines:
        text = line.text if len(line.text) <= width else line.text[:width - 1] + "…"
        verdict = "KEEP" if line.kept else "DROP"
        why = "" if line.reason == ARTICLE_TEXT else f"   ({line.reason})"
        out.append(f"{verdict}  {line.number:3d}  {text}{why}")
    return "\n".join(out)
