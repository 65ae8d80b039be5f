"""The language table: every fact about Gujarati and Hindi the code relies on.

Add a language by adding a row here (and its data files); no other module
branches on a language code.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Language:
    """One language we index: its script and the data files that describe it."""

    code: str                 # ISO 639-1
    name: str                 # English name
    native_name: str          # name in its own script, for "Also in ..." labels
    script: str               # ISO 15924 script code
    block: tuple[int, int]    # Unicode block of the script (inclusive)
    to_devanagari_offset: int  # code point offset onto the Devanagari block
    suffix_file: str          # light-stemmer suffixes, in searcher/data/
    stopword_file: str        # common words, in searcher/data/

    def owns(self, char: str) -> bool:
        """Tell whether ``char`` belongs to this language's script block."""
        return self.block[0] <= ord(char) <= self.block[1]


LANGUAGES: dict[str, Language] = {
    "gu": Language(
        code="gu", name="Gujarati", native_name="ગુજરાતી", script="Gujr",
        block=(0x0A80, 0x0AFF), to_devanagari_offset=-0x180,
        suffix_file="gu_suffixes.txt", stopword_file="gu_stopwords.txt",
    ),
    "hi": Language(
        code="hi", name="Hindi", native_name="हिन्दी", script="Deva",
        block=(0x0900, 0x097F), to_devanagari_offset=0,
        suffix_file="hi_suffixes.txt", stopword_file="hi_stopwords.txt",
    ),
}

#: Marks that end a sentence in either script: danda, double danda, Latin.
SENTENCE_ENDS = "।॥.?!"

#: The language whose script (Devanagari) and stemmer every word is also
#: mapped onto, so that Gujarati and Hindi forms of a word meet in one term.
PIVOT = "hi"

#: Code used for text written in Latin letters (English names, acronyms).
LATIN = "en"


def language_of_char(char: str) -> str | None:
    """Return the language code whose script ``char`` is written in, if any.

    >>> language_of_char("ક"), language_of_char("क"), language_of_char("k")
    ('gu', 'hi', None)
    """
    for lang in LANGUAGES.values():
        if lang.owns(char):
            return lang.code
    return None


def detect_language(text: str, default: str = "hi") -> str:
    """Return the language whose script has the largest share of ``text``'s letters.

    >>> detect_language("Advertisement પુતિન"), detect_language("पुतिन ने कहा")
    ('gu', 'hi')
    """
    counts = Counter(language_of_char(c) for c in text)
    counts.pop(None, None)
    if not counts:
        return default
    return counts.most_common(1)[0][0]


def script_of(text: str) -> str:
    """Return the language code of the script ``text`` begins in, ``LATIN`` for any other.

    >>> script_of("પુતિન"), script_of("पुतिन"), script_of("putin"), script_of("")
    ('gu', 'hi', 'en', 'en')
    """
    return (language_of_char(text[0]) or LATIN) if text else LATIN


def block_pattern(code: str) -> str:
    r"""Return a regular-expression character range of one language's script block.

    >>> print(block_pattern("hi"))
    \u0900-\u097f
    """
    first, last = LANGUAGES[code].block
    return f"\\u{first:04x}-\\u{last:04x}"


@lru_cache(maxsize=None)
def get(code: str) -> Language:
    """Return the table row for ``code``; raise ``KeyError`` naming the known codes."""
    try:
        return LANGUAGES[code]
    except KeyError:
        raise KeyError(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}") from None
