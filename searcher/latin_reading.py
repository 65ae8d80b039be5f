"""Native words in the Latin letters people type, for the reading aid.

ICU's Any-Latin writes every inherent vowel and separates vowels with ``'``
(``sid'dharamaiya``, ``kustibajona samarthanamam``); people type
``siddharmaiya`` and ``kustibajona samarthanma``. This reading deletes the
schwa where speech does (after the first syllable, before a consonant that
carries a vowel, and at the end of a word), reads the anusvara by the letter
after it (``m`` before p, b, bh, m; ``n`` elsewhere) and writes the letters of
``data/latin_reading.tsv``. Its output is what the romanizer is trained to read
back (``searcher.lexicon``): typed as a query, a reading finds its word.

>>> reading("કુસ્તીબાજોના સમર્થનમાં"), reading("सिद्धारमैया संबंध गंगा")
('kustibajona samarthanman', 'siddharmaiya sambandh ganga')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import languages
from .cache import byte_bounded
from .normalize import nfc
from .transliterate import to_devanagari

VIRAMA = "\u094d"
NUKTA = "\u093c"
ANUSVARA, CHANDRABINDU = "\u0902", "\u0901"
#: Letters before which the anusvara is said as ``m`` (the labials).
LABIALS = frozenset("पफबभम")
#: Conjuncts typed as one sound rather than letter by letter.
CONJUNCTS = {"क्ष": "ksh", "ज्ञ": "gy", "त्र": "tr", "श्र": "shr"}
#: The danda is a full stop; Devanagari digits are read as ASCII digits.
_PUNCTUATION = {ord("।"): ".", ord("॥"): ".", **{0x0966 + n: str(n) for n in range(10)}}
#: A run of Devanagari letters: one word to read.
_DEVANAGARI_RUN = re.compile(f"[{languages.block_pattern(languages.PIVOT)}]+")
#: Memory for the readings of words already read: a results page of 100 hits reads
#: each of its frequent words many times (reading 200 snippets and headlines took
#: 65-105 ms of CPU without it).
WORD_CACHE_BYTES = 4 << 20


@dataclass
class _Syllable:
    """A consonant cluster (maybe empty) and its vowel: ``None`` for the inherent a."""

    consonants: list[str]
    vowel: str | None
    inherent: bool
    nasal: str = ""      # anusvara or chandrabindu after it
    first: str = ""      # the first consonant of the cluster (for the anusvara before it)


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, str]]:
    text = resources.files(__package__).joinpath("data/latin_reading.tsv").read_text("utf-8")
    tables: dict[str, dict[str, str]] = {}
    for line in nfc(text).splitlines():
        if line.strip() and not line.startswith("#"):
            kind, letter, *latin = line.split("\t")
            tables.setdefault(kind, {})[letter] = latin[0] if latin else ""
    return tables


def _syllables(word: str) -> list[_Syllable] | None:
    """Split a Devanagari word into syllables, or ``None`` if it holds other letters."""
    tables = _tables()
    consonants, signs, vowels = tables["consonant"], tables["sign"], tables["vowel"]
    found: list[_Syllable] = []
    cluster: list[str] = []
    i = 0
    while i < len(word):
        char = word[i]
        if word[i + 1:i + 2] == NUKTA:
            char, i = char + NUKTA, i + 1
        if char in consonants:
            cluster.append(char)
            following = word[i + 1:i + 2]
            if following == VIRAMA:
                i += 2
                continue
            if following in signs:
                found.append(_Syllable(cluster, following, False, first=cluster[0]))
                i += 1
            else:
                found.append(_Syllable(cluster, None, True, first=cluster[0]))
            cluster = []
        elif char in vowels:
            found.append(_Syllable([], char, False))
        elif char in (ANUSVARA, CHANDRABINDU) and found:
            found[-1].nasal = char
        elif char in tables["mark"] or char == VIRAMA:
            pass
        else:
            return None
        i += 1
    if cluster:          # a word ending in a virama
        found.append(_Syllable(cluster, "", False, first=cluster[0]))
    return found


def _said(syllables: list[_Syllable]) -> list[bool]:
    """Return, per syllable, whether its inherent a is said (Hindi schwa deletion).

    From the right: the last is not said unless it follows a cluster (मंत्र
    mantra); another is not said when it has one consonant and the next
    syllable starts with one consonant whose vowel is said (कमला kamla, समझना
    samajhna); the first, one with an anusvara, and one before a vowel letter
    always are. Two in a row are never dropped, since the next one's vowel must
    be said.
    """
    said = [True] * len(syllables)
    last = len(syllables) - 1
    for index in range(last, 0, -1):
        syllable = syllables[index]
        if not syllable.inherent or syllable.nasal:
            continue
        if index == last:
            said[index] = len(syllable.consonants) > 1
            continue
        following = syllables[index + 1]
        said[index] = not (len(syllable.consonants) == 1 and len(following.consonants) == 1
                           and (not following.inherent or said[index + 1])
                           and following.vowel != "")
    return said


def _cluster(consonants: list[str]) -> str:
    joined = VIRAMA.join(consonants)
    for conjunct, latin in CONJUNCTS.items():
        joined = joined.replace(conjunct, "\0" + latin + "\0")
    table = _tables()["consonant"]
    return "".join(part if "\0" not in part and part not in table and part != VIRAMA
                   else table.get(part, "")
                   for part in _split_letters(joined))


def _split_letters(joined: str) -> list[str]:
    parts, i = [], 0
    while i < len(joined):
        if joined[i] == "\0":
            end = joined.index("\0", i + 1)
            parts.append(joined[i + 1:end])
            i = end + 1
        elif joined[i + 1:i + 2] == NUKTA:
            parts.append(joined[i:i + 2])
            i += 2
        else:
            parts.append(joined[i])
            i += 1
    return parts


@byte_bounded(WORD_CACHE_BYTES)
def _word(word: str) -> str | None:
    syllables = _syllables(word)
    if not syllables:
        return None
    tables = _tables()
    said = _said(syllables)
    out = []
    for index, syllable in enumerate(syllables):
        latin = _cluster(syllable.consonants)
        if syllable.inherent:
            latin += "a" if said[index] else ""
        elif syllable.vowel:
            table = tables["sign"] if syllable.consonants else tables["vowel"]
            latin += table.get(syllable.vowel, "")
        if syllable.nasal:
            after = syllables[index + 1].first if index + 1 < len(syllables) else ""
            latin += "m" if after in LABIALS else "n"
        out.append(latin)
    return "".join(out)


def reading(text: str) -> str:
    """Return Gujarati or Devanagari ``text`` in the Latin letters people type.

    Anything not in those scripts (digits, Latin, punctuation) is kept.

    >>> reading("पुतिन ने कहा। કમલા")
    'putin ne kaha. kamla'
    """
    devanagari = to_devanagari(text).translate(_PUNCTUATION)
    return _DEVANAGARI_RUN.sub(_read_run, devanagari)


def _read_run(match: re.Match) -> str:
    latin = _word(match[0])
    return match[0] if latin is None else latin
