"""The words of an index arranged for "did you mean": bounded lookups of close spellings.

Words are grouped by their first letter (two for Latin words) and their length,
each group most used first, so the candidates for a word are the few groups of
its letter within reach of its length, and only the most used of them. The edit
distances are RapidFuzz's (C, bit-parallel), not a Python loop:

>>> index = SpellIndex({"સરકાર": 40, "સરકારે": 12, "ગુજરાત": 30})
>>> index.closest("સરકર", Budget())
'સરકાર'
"""
from __future__ import annotations

import heapq
from itertools import islice
from typing import Mapping

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from . import languages
from .saved import read_state, write_state

_FORMAT = "searcher.spelling/1"
#: Candidates compared with one unknown word: the most used of its letter and length
#: range. 5,000 distances take about a millisecond; the largest group of the 19,800-item
#: index (Gujarati words of 6-9 letters starting with સ) has about this many.
MAX_CANDIDATES_PER_WORD = 5000
#: Candidates compared in one request, over all its words (about 4 ms of distances).
MAX_CANDIDATES_PER_REQUEST = 20000
#: Unknown words of one query looked up at all; later ones are left as typed.
MAX_WORDS_PER_REQUEST = 8


def max_edits(word: str) -> int:
    """Return how many edits a suggestion may be from ``word``: 2 from 5 letters up, else 1."""
    return 2 if len(word) > 4 else 1


def head(word: str) -> str:
    """Return the letters a suggestion must start with: one, or two for a Latin word.

    (one Latin letter would make every ``s…`` word a candidate for ``s…``)
    """
    latin = languages.language_of_char(word[0]) is None if word else True
    return word[:2] if latin and len(word) > 2 else word[:1]


class Budget:
    """What one request may still spend on spelling suggestions; counts what it spent."""

    def __init__(self, candidates: int = MAX_CANDIDATES_PER_REQUEST,
                 words: int = MAX_WORDS_PER_REQUEST):
        self.candidates, self.words = candidates, words
        self.examined = 0          # candidates compared so far
        self.looked_up = 0         # words looked up so far

    def take_word(self) -> bool:
        if self.looked_up >= self.words or self.examined >= self.candidates:
            return False
        self.looked_up += 1
        return True


class SpellIndex:
    """Indexed words by (first letters, length), each group most used first."""

    def __init__(self, words: Mapping[str, int]):
        groups: dict[tuple[str, int], list[tuple[int, str]]] = {}
        for word, freq in words.items():
            if word:
                groups.setdefault((head(word), len(word)), []).append((-freq, word))
        self._groups = {key: ([w for _, w in sorted(pairs)], [-f for f, _ in sorted(pairs)])
                        for key, pairs in groups.items()}
        self.longest = max((length for _, length in self._groups), default=0)

    def closest(self, word: str, budget: Budget) -> str | None:
        """Return the most used word within ``max_edits`` of ``word`` (not ``word`` itself)."""
        edits = max_edits(word)
        if not word or len(word) > self.longest + edits or not budget.take_word():
            return None
        limit = min(MAX_CANDIDATES_PER_WORD, budget.candidates - budget.examined)
        candidates = list(islice(self._candidates(word, edits), limit))
        budget.examined += len(candidates)
        found = process.extract(word, [w for _, w in candidates], scorer=Levenshtein.distance,
                                score_cutoff=edits, limit=None)
        best = min((index for choice, _, index in found if choice != word), default=None)
        return None if best is None else candidates[best][1]

    def _candidates(self, word: str, edits: int):
        """Yield ``(-freq, word)`` of the groups within reach, most used first."""
        first = head(word)
        groups = [self._groups.get((first, length))
                  for length in range(len(word) - edits, len(word) + edits + 1)]
        return heapq.merge(*[zip((-f for f in freqs), words)
                             for words, freqs in filter(None, groups)])

    def words(self):
        """Yield ``(word, documents)`` for every word of the index."""
        for words, freqs in self._groups.values():
            yield from zip(words, freqs)

    def save(self, path) -> None:
        write_state(path, _FORMAT, {"groups": self._groups, "longest": self.longest})

    @classmethod
    def load(cls, path) -> "SpellIndex":
        """Read an index written by ``save``; raise ``ValueError`` for anything else."""
        state = read_state(path, _FORMAT, "SpellIndex")
        index = cls.__new__(cls)
        index._groups, index.longest = state["groups"], state["longest"]
        return index
