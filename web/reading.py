"""Reading aids: a snippet shown in Latin letters, or in the reader's other script."""
from __future__ import annotations

import re

from searcher import languages
from searcher.transliterate import to_latin, to_script

_MARKS = re.compile(r"(</?mark>)")


def _convert_text(snippet_html: str, convert) -> str:
    """Convert the text of escaped snippet HTML, leaving its ``<mark>`` tags as they are."""
    return "".join(piece if _MARKS.fullmatch(piece) else convert(piece)
                   for piece in _MARKS.split(snippet_html))


def reading_aids(snippet_html: str, lang: str) -> dict[str, str]:
    """Return the snippet in Latin letters and in each other script, highlights kept.

    >>> reading_aids("<mark>કિમ</mark> આવ્યા", "gu")["latin"]
    '<mark>kim</mark> avya'
    """
    aids = {"latin": _convert_text(snippet_html, to_latin)}
    for code in languages.LANGUAGES:
        if code != lang:
            aids[code] = _convert_text(snippet_html, lambda text, c=code: to_script(text, c))
    return aids
