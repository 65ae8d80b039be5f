"""Expand one query word into weighted index terms: as written, stem, other script, Latin.

>>> alternatives = expand_word("શોઇગુ")
>>> [(a.term, a.kind, a.weight) for a in alternatives][:2]
[('શોઇગુ', 'word', 4.0), ('s:શોઇગુ', 'stem', 2.0)]
>>> [a.term for a in alternatives if a.kind == "pivot"], "શોઇગુએ" in {a.term for a in alternatives}
(['शोइग', 's:शोइग', 'x:शोइग'], True)

A Latin word is looked up in the index's lexicon of native words (how people
type them in Latin letters); each candidate joins the query through its
cross-script term, weighted by how well it matches, and capped in number.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from . import languages
from .analysis import KIND, forms, query_terms
from .normalize import normalize_token
from .stem import suffixes

#: Native candidates a Latin word may bring in, and the least score they need,
#: absolute and as a share of the best candidate's (મોડી "late" must not ride
#: along with મોદી for ``modi``).
MAX_ROMANIZED = 8
MIN_ROMANIZED_SCORE = 0.05
MIN_ROMANIZED_SHARE = 0.3
#: Sound-alike spellings a native word may bring in; one-letter-apart words
#: (score 0.7: मॉडल for मोदी) are too often other words.
MAX_SIMILAR = 4
MIN_SIMILAR_SCORE = 0.85
#: Weight of a romanized or sound-alike match relative to a cross-script one.
ROMANIZED_FACTOR = 0.8
SIMILAR_FACTOR = 0.4


class WordFinder(Protocol):
    """What expansion needs from a lexicon (``searcher.lexicon.Lexicon``)."""

    def lookup(self, latin: str, limit: int = 10) -> list[tuple[str, float]]: ...
    def similar(self, native: str, limit: int = 10) -> list[tuple[str, float]]: ...


@dataclass(frozen=True)
class Alternative:
    """One index term a query word may match, and what a match counts for."""

    term: str
    kind: str
    weight: float
    via: str = ""      # the native word a Latin or sound-alike match came through


def expand_word(word: str, lexicon: WordFinder | None = None) -> list[Alternative]:
    """Return the weighted terms for one query word, best first, without duplicates."""
    normalized = normalize_token(word)
    if not normalized:
        return []
    found: dict[str, Alternative] = {}
    for kind, form in forms(normalized):
        for term in query_terms(kind, form):
            _add(found, Alternative(term, kind, KIND[kind].weight))
    lang = languages.language_of_char(normalized[0])
    if lang is not None:
        for suffix in suffixes(lang):
            for term in query_terms("stem", normalized + suffix):
                _add(found, Alternative(term, "stem", KIND["stem"].weight))
        if lexicon is not None:
            for native, score in lexicon.similar(normalized, limit=MAX_SIMILAR):
                if score >= MIN_SIMILAR_SCORE:
                    _add_native(found, native, score * SIMILAR_FACTOR)
    elif lexicon is not None and normalized.isalpha():
        candidates = lexicon.lookup(normalized, limit=MAX_ROMANIZED)
        best = max((score for _, score in candidates), default=0.0)
        for native, score in candidates:
            if score >= max(MIN_ROMANIZED_SCORE, best * MIN_ROMANIZED_SHARE):
                _add_native(found, native, score * ROMANIZED_FACTOR)
    return sorted(found.values(), key=lambda alt: -alt.weight)


def _add_native(found: dict[str, Alternative], native: str, score: float) -> None:
    """Add a native word found by sound or by romanization through its pivot form."""
    form = dict(forms(native)).get("pivot")
    if form:
        for term in query_terms("pivot", form):
            _add(found, Alternative(term, "romanized", KIND["pivot"].weight * score, via=native))


def _add(found: dict[str, Alternative], alternative: Alternative) -> None:
    known = found.get(alternative.term)
    if known is None or known.weight < alternative.weight:
        found[alternative.term] = alternative
