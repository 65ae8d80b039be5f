"""Word tokens with ICU word breaking, in Python ``str`` offsets.

ICU keeps an Indic word whole (vowel signs, viramas and nuktas stay inside it),
where a ``\\w+`` pattern splits પુતિન at its vowel signs. ICU counts offsets in
UTF-16 units; we convert them so an emoji before a word cannot shift a highlight.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

import icu

from . import languages
from .cache import byte_bounded

#: ICU rule status ranges: 0-99 is "none" (spaces, punctuation); numbers,
#: letters, kana and ideographs are 100 and above.
_WORD_STATUS = 100

_local = threading.local()
#: Memory the memo of mixed-script checks may hold (``searcher.cache``; ~40,000 words).
MIXED_CACHE_BYTES = 8 << 20


@dataclass(frozen=True, slots=True)
class Span:
    """A word as it stands in the text: ``text == source[start:end]``."""

    text: str
    start: int
    end: int


def _break_iterator() -> icu.BreakIterator:
    """Return this thread's word break iterator (they are stateful: one per thread)."""
    iterator = getattr(_local, "words", None)
    if iterator is None:
        iterator = _local.words = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    return iterator


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def _utf16_to_str_offsets(text: str) -> list[int] | None:
    """Map UTF-16 offsets to ``str`` offsets, or ``None`` when they coincide (BMP only)."""
    if not _ASTRAL.search(text):
        return None
    mapping = []
    for index, char in enumerate(text):
        mapping.append(index)
        if ord(char) >= 0x10000:
            mapping.append(index)
    mapping.append(len(text))
    return mapping


@lru_cache(maxsize=4096)
def _script_of(char: str) -> str | None:
    lang = languages.language_of_char(char)
    if lang:
        return lang
    return languages.LATIN if char.isalnum() else None


@lru_cache(maxsize=None)
def _script_patterns() -> tuple[re.Pattern, ...]:
    """Return one pattern per script (each language's block, and Latin letters and digits)."""
    blocks = [f"[{chr(a)}-{chr(b)}]" for a, b in (lang.block for lang in languages.LANGUAGES.values())]
    return tuple(re.compile(block) for block in blocks) + (re.compile(r"[^\W_]", re.ASCII),)


@byte_bounded(MIXED_CACHE_BYTES)
def _mixed(text: str) -> bool:
    """Tell whether ``text`` holds letters of more than one script."""
    return sum(1 for pattern in _script_patterns() if pattern.search(text)) > 1


def _split_scripts(span: Span) -> Iterator[Span]:
    """Split a word where the script changes: ``KCNAના`` → ``KCNA``, ``ના``.

    Combining marks and joiners belong to the letter before them.
    """
    start = span.start
    current = None
    for offset, char in enumerate(span.text):
        script = _script_of(char)
        if script is None:
            continue
        if current is not None and script != current:
            cut = span.start + offset
            yield Span(span.text[start - span.start:offset], start, cut)
            start = cut
        current = script
    yield Span(span.text[start - span.start:], start, span.end)


def spans(text: str) -> Iterator[Span]:
    """Yield the words of ``text`` with their offsets; skip spaces and punctuation.

    >>> [s.text for s in spans("😀 પુતિને KCNAના, “शोइगु”!")]
    ['પુતિને', 'KCNA', 'ના', 'शोइगु']
    >>> next(spans("😀 પુતિન"))
    Span(text='પુતિન', start=2, end=7)
    """
    if not text:
        return
    iterator = _break_iterator()
    iterator.setText(text)
    mapping = _utf16_to_str_offsets(text)
    start = iterator.first()
    for end in iterator:
        if iterator.getRuleStatus() >= _WORD_STATUS:
            a, b = (start, end) if mapping is None else (mapping[start], mapping[end])
            word = text[a:b]
            if _mixed(word):
                yield from _split_scripts(Span(word, a, b))
            else:
                yield Span(word, a, b)
        start = end


def words(text: str) -> list[str]:
    """Return the words of ``text`` as they are written.

    >>> words("કિમ જોંગ ઉને, पुतिन।")
    ['કિમ', 'જોંગ', 'ઉને', 'पुतिन']
    """
    return [span.text for span in spans(text)]
