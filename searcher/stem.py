"""Light stemming: strip attached postpositions, case endings and plurals.

The suffix lists live in ``searcher/data/<lang>_suffixes.txt``; the same
function serves index and query time, so both sides meet on the same stem.
"""
from __future__ import annotations

from functools import lru_cache

from . import languages
from .datafiles import read_lines

#: A suffix is removed only when at least this many characters remain.
MIN_STEM = 2


@lru_cache(maxsize=None)
def suffixes(lang: str) -> tuple[str, ...]:
    """Return ``lang``'s suffixes, longest first."""
    suffixes = set(read_lines(languages.get(lang).suffix_file))
    return tuple(sorted(suffixes, key=len, reverse=True))


def stem(word: str, lang: str) -> str:
    """Return ``word`` without its longest known suffix.

    >>> stem("મિસાઈલોથી", "gu"), stem("શોઇગુએ", "gu"), stem("मिसाइलें", "hi")
    ('મિસાઈલ', 'શોઇગુ', 'मिसाइल')
    """
    for suffix in suffixes(lang):
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=None)
def stopwords(lang: str) -> frozenset[str]:
    """Return ``lang``'s function words (optional in an all-words query).

    >>> "छे" in stopwords("gu"), "है" in stopwords("hi")
    (False, True)
    """
    return frozenset(read_lines(languages.get(lang).stopword_file))
