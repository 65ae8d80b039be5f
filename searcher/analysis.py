"""Turn text into index terms: several terms per word, all at the word's position.

Each word yields up to four terms, one per *kind*, so a query can match a word
as written, by its stem, across scripts, or by sound, and rank those apart
(a kind whose form equals a finer one's is not repeated):

>>> [t.text for t in analyze("શોઇગુએ")]
['શોઇગુએ', 's:શોઇગુ', 'x:शोइग', 'p:सोइग']

Every term carries the word's position and ``str`` offsets, so a snippet can
highlight the native word that a Latin or other-script query matched. Nothing
here knows about Whoosh: ``searcher.whoosh.schema`` adapts it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from . import languages
from .cache import byte_bounded
from .normalize import normalize_token
from .ranking import value
from .stem import stem
from .tokenize import spans
from .transliterate import pivot, sound


@dataclass(frozen=True)
class Kind:
    """One kind of term: how it is written in the index and how much a match counts."""

    name: str
    prefix: str
    weight: float


#: The kinds of term, best match first. Weights rank a document that matched the
#: word as written above one that matched only its stem, its other-script
#: spelling or its sound.
KINDS = (
    Kind("word", "", value("kind_word")),         # the word as written (normalized)
    Kind("stem", "s:", value("kind_stem")),       # without postpositions and plural endings
    Kind("pivot", "x:", value("kind_pivot")),     # the stem in Devanagari, spelling variants
                                                  # folded: joins the scripts
    Kind("sound", "p:", value("kind_sound")),     # the pivot with letters confused in names
                                                  # folded (t/T, sh/s)
)
KIND = {kind.name: kind for kind in KINDS}


#: Memory each memo of word analysis may hold in a server (``searcher.cache``): the
#: ~40,000 most recent distinct words each (query words and snippet words), 64 MB for
#: all four at most, not the hundreds of MB that 500,000 entries each could reach.
CACHE_BYTES = {"forms": 16 << 20, "word_terms": 16 << 20,
               "terms_of_surface": 24 << 20, "surface_terms": 8 << 20}
#: The same for a build process, which meets every distinct word of the collection
#: once per document that has it: sized to keep build speed (4,000 items:
#: ~110,000 distinct words), 352 MB at most for all four.
BUILD_CACHE_BYTES = {"forms": 96 << 20, "word_terms": 96 << 20,
                     "terms_of_surface": 128 << 20, "surface_terms": 32 << 20}
#: Bytes counted per item of a memoized tuple or set: a ``(kind, term)`` pair or a term,
#: with the string of a term of up to ~30 letters (kind names are shared constants).
_ITEM_BYTES = 200


def use_build_caches() -> None:
    """Give this process's analysis memos the build budgets (``BUILD_CACHE_BYTES``)."""
    for name, budget in BUILD_CACHE_BYTES.items():
        _MEMOS[name].budget = budget


@dataclass(frozen=True, slots=True)
class Term:
    """A term for the index, at the position and offsets of the word it came from."""

    text: str
    kind: str
    pos: int
    start: int
    end: int


@byte_bounded(CACHE_BYTES["forms"], _ITEM_BYTES)
def forms(word: str) -> tuple[tuple[str, str], ...]:
    """Return ``(kind, form)`` for every kind of one normalized word, memoized per word.

    >>> forms("શોઇગુએ")
    (('word', 'શોઇગુએ'), ('stem', 'શોઇગુ'), ('pivot', 'शोइग'), ('sound', 'सोइग'))
    >>> forms("kcna")
    (('word', 'kcna'),)
    """
    lang = languages.language_of_char(word[0]) if word else None
    if lang is None:
        return (("word", word),)
    base = stem(word, lang)
    common = stem(pivot(base), languages.PIVOT)
    return (("word", word), ("stem", base), ("pivot", common), ("sound", sound(common)))


@byte_bounded(CACHE_BYTES["word_terms"], _ITEM_BYTES)
def word_terms(word: str) -> tuple[tuple[str, str], ...]:
    """Return the ``(kind, term)`` pairs indexed for one normalized word.

    A kind's term is left out when its form equals a finer kind's form (most
    words are their own stem), which halves the postings; ``query_terms``
    asks for the finer kinds' terms too, so nothing is lost.

    >>> word_terms("पुतिन")
    (('word', 'पुतिन'),)
    >>> word_terms("પુતિનને")
    (('word', 'પુતિનને'), ('stem', 's:પુતિન'), ('pivot', 'x:पुतिन'))
    """
    emitted, seen = [], set()
    for kind, form in forms(word):
        if form not in seen:
            seen.add(form)
            emitted.append((kind, KIND[kind].prefix + form))
    return tuple(emitted)


def query_terms(kind: str, form: str) -> list[str]:
    """Return the terms a query asks for to match ``form`` at ``kind``'s level.

    >>> query_terms("pivot", "पुतिन")
    ['पुतिन', 's:पुतिन', 'x:पुतिन']
    """
    terms = []
    for finer in KINDS:
        terms.append(finer.prefix + form)
        if finer.name == kind:
            return terms
    raise KeyError(kind)


@byte_bounded(CACHE_BYTES["terms_of_surface"], _ITEM_BYTES)
def _terms_of_surface(surface: str) -> tuple[tuple[str, str], ...]:
    word = normalize_token(surface)
    return word_terms(word) if word else ()


def iter_terms(text: str, start_pos: int = 0) -> Iterator[tuple[str, str, int, int, int]]:
    """Yield ``(term, kind, pos, start, end)`` for every word of ``text`` (the fast path)."""
    pos = start_pos
    for span in spans(text):
        terms = _terms_of_surface(span.text)
        if terms:
            for kind, term in terms:
                yield term, kind, pos, span.start, span.end
            pos += 1


def term_positions(text: str) -> dict[str, list[int]]:
    """Return every term of ``text`` with the positions of its words (what an index stores).

    >>> term_positions("કિમ કિમે")
    {'કિમ': [0], 'x:किम': [0, 1], 'કિમે': [1], 's:કિમ': [1]}
    """
    positions: dict[str, list[int]] = {}
    pos = 0
    for span in spans(text):
        terms = _terms_of_surface(span.text)
        if terms:
            for _kind, term in terms:
                at = positions.get(term)
                if at is None:
                    positions[term] = [pos]
                else:
                    at.append(pos)
            pos += 1
    return positions


def analyze(text: str, start_pos: int = 0) -> Iterator[Term]:
    """Yield the terms of every word of ``text``, several per word at one position."""
    for term, kind, pos, start, end in iter_terms(text, start_pos):
        yield Term(term, kind, pos, start, end)


@byte_bounded(CACHE_BYTES["surface_terms"], _ITEM_BYTES)
def surface_terms(surface: str) -> frozenset[str]:
    """Return every index term of a word as it stands in the text (memoized)."""
    word = normalize_token(surface)
    return frozenset(term for _, term in word_terms(word)) if word else frozenset()


def words_with_terms(text: str) -> Iterator[tuple[int, int, frozenset[str]]]:
    """Yield ``(start, end, terms)`` for each word of ``text``, for highlighting."""
    for span in spans(text):
        yield span.start, span.end, surface_terms(span.text)


_MEMOS = {"forms": forms, "word_terms": word_terms, "terms_of_surface": _terms_of_surface,
          "surface_terms": surface_terms}
