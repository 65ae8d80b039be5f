"""Reading aids: a headline or snippet shown in Latin letters, or in the reader's other script.

The Latin letters are those people type (``searcher.latin_reading``), so a
word read in them can be typed back as a query and finds the same word.
"""
from __future__ import annotations

from searcher import languages
from searcher.latin_reading import reading
from searcher.snippets import Snippet
from searcher.transliterate import to_script


def reading_aids(marked: Snippet, lang: str) -> dict[str, str]:
    """Return marked text (a snippet or headline) as escaped HTML in Latin letters and in
    each other script, the marks kept.

    >>> reading_aids(Snippet((("સિદ્ધારમૈયા", True), ("ના સમર્થનમાં", False))), "gu")["latin"]
    '<mark>siddharmaiya</mark>na samarthanman'
    """
    aids = {"latin": marked.map(reading).html()}
    for code in languages.LANGUAGES:
        if code != lang:
            aids[code] = marked.map(lambda text, c=code: to_script(text, c)).html()
    return aids
