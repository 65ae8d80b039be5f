"""Script conversion between Gujarati and Devanagari, and spelling folds on a common pivot.

Gujarati and Devanagari encode the same letters at a fixed code point distance,
so conversion is a table. The *pivot* form of a word is its Devanagari spelling
with spelling variants folded away; a Gujarati and a Hindi word that sound the
same share a pivot: ``pivot("મિસાઈલ") == pivot("मिसाइल")``.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from importlib import resources

import icu

from . import languages


@lru_cache(maxsize=None)
def _script_tables() -> tuple[dict[int, int], dict[int, int]]:
    """Build code point maps between each script and Devanagari."""
    to_deva: dict[int, int] = {}
    from_deva: dict[int, dict[int, int]] = {}
    for lang in languages.LANGUAGES.values():
        back: dict[int, int] = {}
        for cp in range(lang.block[0], lang.block[1] + 1):
            target = cp + lang.to_devanagari_offset
            if unicodedata.name(chr(cp), None) and unicodedata.name(chr(target), None):
                to_deva[cp] = target
                back[target] = cp
        from_deva[lang.code] = back
    return to_deva, from_deva


def to_devanagari(text: str) -> str:
    """Write ``text``'s Gujarati letters in Devanagari; leave the rest alone.

    >>> to_devanagari("પુતિન KCNA")
    'पुतिन KCNA'
    """
    return text.translate(_script_tables()[0])


def to_script(text: str, lang: str) -> str:
    """Write Devanagari ``text`` (or Gujarati, via Devanagari) in ``lang``'s script.

    >>> to_script("शोइगु", "gu"), to_script("શોઇગુ", "hi")
    ('શોઇગુ', 'शोइगु')
    """
    languages.get(lang)
    return to_devanagari(text).translate(_script_tables()[1][lang])


@lru_cache(maxsize=None)
def _folds(level: str) -> dict[int, str]:
    table: dict[int, str] = {}
    text = resources.files(__package__).joinpath("data/folding.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        source, target, line_level = line.split("\t")[:3]
        if line_level == level:
            table[ord(source)] = target
    return table


def pivot(word: str) -> str:
    """Return the cross-script spelling of ``word``: Devanagari, variants folded.

    >>> pivot("મિસાઈલ"), pivot("मिसाइल"), pivot("લાવરૉવ")
    ('मिसाइल', 'मिसाइल', 'लावरोव')
    """
    return to_devanagari(word).translate(_folds("variant"))


def sound(word: str) -> str:
    """Return a coarser pivot in which letters writers confuse in names coincide.

    >>> sound("પુટિન") == sound("पुतिन")
    True
    """
    return pivot(word).translate(_folds("sound"))


_local = threading.local()
#: An inherent "a" at the end of a word is not pronounced: કિમ is "kim", not "kima".
_FINAL_SCHWA = re.compile(r"(?<=[b-df-hj-np-tv-zḍḥḷṁṅṇñṛṣṭś])a\b")


def _transliterator(rules: str) -> "icu.Transliterator":
    cache = _local.__dict__.setdefault("transliterators", {})
    if rules not in cache:
        cache[rules] = icu.Transliterator.createInstance(rules)
    return cache[rules]


def to_latin(text: str) -> str:
    """Write Gujarati and Devanagari ``text`` in plain Latin letters, for reading.

    >>> to_latin("કિમ જોંગ ઉને પુતિન")
    'kim jong une putin'
    """
    latin = _transliterator("Any-Latin").transliterate(text)
    return _transliterator("Latin-ASCII").transliterate(_FINAL_SCHWA.sub("", latin))
