"""Reading aids: a headline or snippet shown in Latin letters, or in the reader's other script.

The Latin letters are those people type (``searcher.latin_reading``), so a
word read in them can be typed back as a query and finds the same word.
"""
from __future__ import annotations

import re

from searcher import languages
from searcher.latin_reading import reading
from searcher.transliterate import to_script

_MARKS = re.compile(r"(</?mark>)")


def _convert_text(snippet_html: str, convert) -> str:
    """Convert the text of escaped snippet HTML, leaving its ``<mark>`` tags as they are."""
    return "".join(piece if _MARKS.fullmatch(piece) else convert(piece)
                   for piece in _MARKS.split(snippet_html))


def reading_aids(snippet_html: str, lang: str) -> dict[str, str]:
    """Return escaped HTML (a snippet or headline) in Latin letters and in each other script, marks kept.

    >>> reading_aids("<mark>સિદ્ધારમૈયા</mark>ના સમર્થનમાં", "gu")["latin"]
    '<mark>siddharmaiya</mark>na samarthanman'
    """
    aids = {"latin": _convert_text(snippet_html, reading)}
    for code in languages.LANGUAGES:
        if code != lang:
            aids[code] = _convert_text(snippet_html, lambda text, c=code: to_script(text, c))
    return aids
