"""Complete a Latin prefix to the native words it most likely begins, in both scripts.

Typed letters spell the first sound units of a word: ``hyd`` the हैद… of हैदराबाद,
``jo`` the जो… of जोंग. ``NativePrefixes`` finds the words of a lexicon whose
consonant keys begin with the typed letters' keys, and scores each with the
channel model of ``searcher.latin_typing``, aligned only until every typed letter is
used (the rest of the word costs nothing), times how common the word is.

>>> from searcher.lexicon import Lexicon
>>> prefixes = NativePrefixes(Lexicon({"હૈદરાબાદ": 70, "हैदराबाद": 48, "હિદ": 1}))
>>> [word for word, _, _, _ in prefixes.complete("haidar")]
['હૈદરાબાદ', 'हैदराबाद']
"""
from __future__ import annotations

import heapq
import math
import threading
import weakref
from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache
from itertools import combinations, islice

from . import languages
from .languages import script_of
from .latin_typing import (BEAM, MAX_SPAN, UNSEEN, ChannelModel, coarse_key, latin_keys,
                       latin_letters, native_key, units)

#: Words scored per language and request (most used first among those sharing a key).
MAX_CANDIDATES = 300
#: Entries of one key range read per request: bounds the work of a short key (``d``).
MAX_SCANNED = 5000
#: Typed prefixes longer than this are whole words; the lexicon looks them up.
MAX_LETTERS = 20
#: Weight of log frequency: a prefix says little about the word, so how often the
#: index uses a word counts fully (Bayes' rule, P(prefix | word) P(word)).
PRIOR_WEIGHT = 1.0
#: Words whose score cannot come within this much (log) of the best are not aligned.
MARGIN = 10.0
#: Log probability per typed letter of "a word the index does not hold".
OTHER_PER_LETTER = -3.0
#: Classes a typist writes that the native key may not hold (the y of hyderabad for ै).
_WEAK = "yhv"
_NEG = -math.inf


@lru_cache(maxsize=None)
def _partial_spellings(lang: str) -> dict[str, dict[str, float]]:
    """Return, per unit, the log probability that its spelling starts with given letters.

    The last typed letters may be the start of a unit's spelling (``s`` of ``sh``).
    """
    out: dict[str, dict[str, float]] = {}
    for unit, spellings in ChannelModel.load(lang).emissions.items():
        mass: dict[str, float] = defaultdict(float)
        for spelling, logp in spellings.items():
            for end in range(1, len(spelling)):
                mass[spelling[:end]] += math.exp(logp)
        out[unit] = {start: math.log(p) for start, p in mass.items()}
    return out


def prefix_logprob(lang: str, letters: str, word_units: tuple[str, ...]) -> float:
    """Return log P(``letters`` begin a spelling of the word) along the best alignment.

    >>> prefix_logprob("hi", "kim", units("किम")) == prefix_logprob("hi", "kim", units("किमी"))
    True
    >>> prefix_logprob("hi", "hai", units("हैदराबाद")) > prefix_logprob("hi", "hai", units("हिंदी"))
    True
    """
    return PrefixAligner(lang, letters).score(word_units)


class PrefixAligner:
    """Align one typed prefix with many words, sharing the work of common first units."""

    def __init__(self, lang: str, letters: str):
        self.emissions, self.partial = ChannelModel.load(lang).emissions, _partial_spellings(lang)
        self.letters = letters
        #: state after a sequence of first units: (alignments still open, best finished)
        self._states: dict[tuple[str, ...], tuple[dict[int, float], float]] = {
            (): ({0: 0.0}, _NEG)}

    def score(self, word_units: tuple[str, ...]) -> float:
        """Return the best log probability of the letters spelling a prefix of the word."""
        n = len(word_units)
        while n and word_units[:n] not in self._states:
            n -= 1
        row, best = self._states[word_units[:n]]
        for i in range(n, len(word_units)):
            if not row:
                break
            row, best = self._step(row, best, word_units[i])
            self._states[word_units[:i + 1]] = (row, best)
        return best

    def _step(self, row: dict[int, float], best: float, unit: str):
        letters, m = self.letters, len(self.letters)
        table, starts, new = self.emissions.get(unit, {}), self.partial.get(unit, {}), {}
        for j, base in row.items():
            if m - j < MAX_SPAN and letters[j:] in starts:     # ends inside this unit
                best = max(best, base + starts[letters[j:]])
            # the first sound is always typed: no word begins with a skipped unit
            for end in range(j + (j == 0), min(m, j + MAX_SPAN) + 1):
                logp = table.get(letters[j:end], UNSEEN if end - j < 2 else None)
                if logp is not None and base + logp > new.get(end, _NEG):
                    new[end] = base + logp
        best = max(best, new.pop(m, _NEG))         # every letter used: the rest is free
        top = max(new.values(), default=_NEG)
        if top <= best:                            # more units only lower a score
            return {}, best
        return {j: v for j, v in new.items() if v >= top - BEAM}, best


def typed_keys(letters: str) -> list[str]:
    """Return the consonant keys of typed letters, also without the weak letters typed.

    >>> typed_keys("hyd")
    ['hyd', 'yd', 'hd', 'd']
    """
    keys: list[str] = []
    for key in latin_keys(letters):
        weak = [i for i, c in enumerate(key) if c in _WEAK]
        for n in range(len(weak) + 1):
            for dropped in combinations(weak, n):
                variant = "".join(c for i, c in enumerate(key) if i not in dropped)
                if variant not in keys:
                    keys.append(variant)
    return keys


class NativePrefixes:
    """The native words of a lexicon, sorted by consonant key for prefix lookups."""

    def __init__(self, lexicon):
        self._words: list[str] = []
        self._langs: list[str] = []
        self._freqs: list[int] = []
        exact, coarse = [], []
        for index, (word, lang, freq) in enumerate(lexicon.entries()):
            self._words.append(word)
            self._langs.append(lang)
            self._freqs.append(freq)
            key = native_key(word)
            exact.append((key, index))
            coarse.append((coarse_key(key), index))
        exact.sort()
        coarse.sort()
        self._exact = ([k for k, _ in exact], [i for _, i in exact])
        self._coarse = ([k for k, _ in coarse], [i for _, i in coarse])
        totals: dict[str, int] = defaultdict(int)
        for lang, freq in zip(self._langs, self._freqs):
            totals[lang] += freq + 1
        self._log_total = {lang: math.log(total) for lang, total in totals.items()}
        self._index = {word: i for i, word in enumerate(self._words)}
        #: ``lexicon.lookup`` of Latin words, remembered (``_lookup``): typing ``hyd``,
        #: ``hyde``, ``hyder`` looks up ``hyderabad`` once.
        self.lookups: dict[str, list[tuple[str, float]]] = {}

    def language(self, word: str) -> str | None:
        """Return the language of a word of the lexicon (``None`` if it is not one)."""
        index = self._index.get(word)
        return None if index is None else self._langs[index]

    def freq(self, word: str) -> int:
        """Return the document frequency of a word of the lexicon (0 if it is not one)."""
        index = self._index.get(word)
        return 0 if index is None else self._freqs[index]

    def complete(self, prefix: str, limit: int = 8) -> list[tuple[str, str, float, int]]:
        """Return ``(word, lang, posterior, frequency)`` of the words ``prefix`` most likely begins.

        The posterior is among the words of one script (and "a word the index does not
        hold"), so a Gujarati word and its Hindi twin both score high; best first.
        """
        letters = latin_letters(prefix)
        if not letters or len(letters) > MAX_LETTERS:
            return []
        by_lang: dict[str, list[tuple[float, int]]] = defaultdict(list)
        aligners: dict[str, PrefixAligner] = {}
        best: dict[str, float] = defaultdict(lambda: _NEG)
        for index in sorted(self._candidates(letters), key=lambda i: (-self._freqs[i], i)):
            lang = self._langs[index]
            bonus = PRIOR_WEIGHT * (math.log(self._freqs[index] + 1) - self._log_total[lang])
            if bonus < best[lang] - MARGIN:     # the channel only lowers a score
                continue
            if lang not in aligners:
                aligners[lang] = PrefixAligner(lang, letters)
            channel = aligners[lang].score(units(self._words[index]))
            if channel > _NEG:
                by_lang[lang].append((channel + bonus, index))
                best[lang] = max(best[lang], channel + bonus)
        found = []
        for lang, joint in by_lang.items():
            other = OTHER_PER_LETTER * len(letters) - PRIOR_WEIGHT * self._log_total[lang]
            top = max(max(s for s, _ in joint), other)
            norm = top + math.log(sum(math.exp(s - top) for s, _ in joint) + math.exp(other - top))
            found += [(math.exp(s - norm), i) for s, i in heapq.nlargest(limit, joint)]
        found.sort(key=lambda pair: (-pair[0], pair[1]))
        return [(self._words[i], self._langs[i], p, self._freqs[i]) for p, i in found[:limit * 2]]

    def _candidates(self, letters: str) -> set[int]:
        """Return ids of the most used words whose key begins with a key of the letters.

        Words whose key begins with the typed letters' key come first, then those whose
        key begins with it less the weak letters typed, then loose (coarse) matches,
        up to ``MAX_CANDIDATES`` per language.
        """
        chosen: set[int] = set()
        keys = typed_keys(letters)
        full = latin_keys(letters)
        tiers = ((self._exact, full), (self._exact, [k for k in keys if k not in full]),
                 (self._coarse, {coarse_key(k) for k in keys}))
        for table, wanted in tiers:
            per_lang: dict[str, list[int]] = defaultdict(list)
            for key in wanted:
                for index in self._range(table, key):
                    per_lang[self._langs[index]].append(index)
            for lang, ids in per_lang.items():
                room = MAX_CANDIDATES - sum(self._langs[i] == lang for i in chosen)
                if room > 0:
                    chosen.update(heapq.nlargest(room, set(ids) - chosen,
                                                 key=lambda i: (self._freqs[i], -i)))
        return chosen

    @staticmethod
    def _range(table: tuple[list[str], list[int]], key: str):
        """Yield the ids of the entries whose key begins with ``key`` (at most ``MAX_SCANNED``)."""
        keys, ids = table
        start = bisect_left(keys, key)
        end = bisect_left(keys, key + "\uffff", lo=start)
        return islice(ids, start, min(end, start + MAX_SCANNED))


_PREFIXES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_PREFIXES_LOCK = threading.Lock()


def native_prefixes(lexicon) -> NativePrefixes:
    """Return the ``NativePrefixes`` of ``lexicon``, made once per lexicon."""
    with _PREFIXES_LOCK:
        found = _PREFIXES.get(lexicon)
        if found is None:
            found = _PREFIXES[lexicon] = NativePrefixes(lexicon)
        return found


#: Native words a Latin prefix may complete to, per request and script.
MAX_NATIVE = 24
#: Latin words of the index completing a prefix whose native spellings are looked up:
#: ``hyd`` → ``hyderabad`` → હૈદરાબાદ, हैदराबाद (a whole word reads far better than a prefix).
MAX_LATIN_LOOKUPS = 3
#: Latin words whose lexicon readings are remembered per lexicon.
MAX_CACHED_LOOKUPS = 4096
#: Readings of a Latin word looked up (``kim`` → किम, કિમ, …).
MAX_READINGS = 4


class Candidate:
    """One completion: its word, script, posterior within the script and frequency."""

    __slots__ = ("word", "script", "posterior", "freq")

    def __init__(self, word: str, script: str, posterior: float, freq: int):
        self.word, self.script, self.posterior, self.freq = word, script, posterior, freq

    def __repr__(self) -> str:
        return f"Candidate({self.word!r}, {self.script!r}, {self.posterior:.3f}, {self.freq})"


def literal_candidates(counts: dict[str, int], script: str) -> list[Candidate]:
    """Turn words that begin with what was typed (word -> frequency) into candidates."""
    total = sum(counts.values()) + len(counts)
    return [Candidate(word, script, (freq + 1) / total, freq) for word, freq in counts.items()]


def native_candidates(lexicon, latin: str, latin_words: dict[str, int]) -> list[Candidate]:
    """Return the native words a Latin prefix most likely begins, in both scripts.

    Two readings: the prefix itself, aligned with the channel model, and the whole
    Latin words of the index that complete it (``MAX_LATIN_LOOKUPS`` most used),
    looked up in the lexicon; a word found both ways keeps its higher posterior.
    """
    found: dict[str, Candidate] = {}
    for word, lang, posterior, freq in native_prefixes(lexicon).complete(latin, MAX_NATIVE):
        found[word] = Candidate(word, lang, posterior, freq)
    total = sum(latin_words.values()) or 1
    for latin_word in heapq.nlargest(MAX_LATIN_LOOKUPS, latin_words, key=latin_words.get):
        share = latin_words[latin_word] / total
        for word, score in cached_lookup(lexicon, latin_word):
            posterior = share * score
            if word not in found or found[word].posterior < posterior:
                lang = native_prefixes(lexicon).language(word)
                found[word] = Candidate(word, lang, posterior, native_prefixes(lexicon).freq(word))
    return list(found.values())


def rank(candidates: list[Candidate]) -> list[str]:
    """Order candidates by how likely and how used they are, best first.

    A candidate counts ``posterior × √(frequency + 1)``, its posterior within its
    script, so Gujarati, Hindi and Latin words answer one prefix side by side. The
    posterior already weighs frequency once (Bayes' rule); the square root leans
    further toward words people look for without letting a common look-alike bury
    the word typed (``jam``: जम्मू before જેમાં, "in which").
    """
    ordered = sorted(candidates, key=lambda c: (-c.posterior * math.sqrt(c.freq + 1),
                                                -c.freq, c.word))
    return list(dict.fromkeys(c.word for c in ordered))


_LOOKUPS_LOCK = threading.Lock()


def cached_lookup(lexicon, latin: str) -> list[tuple[str, float]]:
    """Return ``lexicon.lookup(latin)`` (its first readings), remembered per lexicon."""
    with _LOOKUPS_LOCK:
        cache = native_prefixes(lexicon).lookups
        if latin in cache:
            return cache[latin]
    found = lexicon.lookup(latin, limit=MAX_READINGS)
    with _LOOKUPS_LOCK:
        if len(cache) >= MAX_CACHED_LOOKUPS:
            cache.pop(next(iter(cache)))
        cache[latin] = found
    return found
