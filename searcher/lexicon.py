"""The native words of an index, found by how people type them in Latin letters.

``Lexicon.lookup("shoigu")`` finds શોઇગુ and शोइगु: candidates share a consonant
skeleton with the typed letters (``searcher.latin_typing`` keys), and are ranked by how
likely a typist is to spell each one that way (a channel model learned from Dakshina)
times how common the word is in the index.
"""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Mapping

from . import languages
from .aliases import Aliases
from .latin_typing import (
    ChannelModel,
    coarse_key,
    latin_keys,
    latin_letters,
    native_key,
    native_keys,
    units,
)
from .ranking import value
from .saved import read_state, write_state
from .transliterate import pivot, sound

#: Typed words longer than this are not names anyone types; they find nothing.
MAX_LETTERS = 40
#: At most this many candidates are scored by the channel model (exact keys first) ...
MAX_CANDIDATES = 300
#: ... and at least this many of them share only a loose key: a short key (``sn``) has
#: hundreds of exact words, which crowded out सोनिया (key ``sny``) for ``sonia``.
MIN_LOOSE = 60
#: Weight of log word frequency against log P(typed letters | word).
PRIOR_WEIGHT = value("lexicon_prior_weight")
#: Log probability per typed letter of the "some other word" hypothesis; a candidate
#: scoring worse than this gets a small score even when it is the best there is.
OTHER_PER_LETTER = value("other_per_letter")
#: Candidates whose score falls this far (log) below the best so far are dropped early.
MARGIN = 10.0
#: Loose keys at least this long may match one class apart when mining aliases
#: (``israel`` srl, ઈઝરાયેલ jrl); a shorter key one class off matches too much.
MIN_NEAR_KEY = 3
#: Scores of ``similar``: same spelling up to variants, same sound, one letter apart.
SIMILAR_SCORES = (1.0, 0.9, 0.7)
_FORMAT = "searcher.lexicon/1"


def _language_of(word: str) -> str | None:
    for char in word:
        lang = languages.language_of_char(char)
        if lang:
            return lang
    return None


class Lexicon:
    """Native words of an index, found by how people type them in Latin letters.

    >>> lexicon = Lexicon({"પુતિન": 12, "पुतिन": 9, "પટણા": 3})
    >>> sorted(word for word, _ in lexicon.lookup("putin")[:2])
    ['पुतिन', 'પુતિન']
    """

    def __init__(self, words: Mapping[str, int]):
        #: Native words the collection writes beside Latin ones (``searcher.aliases``).
        self.aliases = Aliases()
        self._words: list[str] = []
        self._freqs: list[int] = []
        self._langs: list[str] = []
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._coarse: dict[str, dict[str, None]] = defaultdict(dict)  # loose key -> keys
        # in word order, not the engine's: candidates of equal frequency are cut by id,
        # so a vocabulary read in another order (OpenSearch's, Whoosh's segments) must
        # not change which ones a query keeps (obama: ओबामा with હબમાં or ઓબામાનું)
        for word, freq in sorted(words.items()):
            lang = _language_of(word)
            if lang is None:
                continue
            key, loose_keys = native_keys(word)
            index = len(self._words)
            self._words.append(word)
            self._freqs.append(freq)
            self._langs.append(lang)
            self._exact[key].append(index)
            for loose in loose_keys:
                self._coarse[loose][key] = None
        self._exact = dict(self._exact)
        self._coarse = {loose: list(keys) for loose, keys in self._coarse.items()}
        self._finish()

    def _finish(self) -> None:
        """Derive the per-language frequency totals the prior needs."""
        self._log_total: dict[str, float] = {}
        totals: dict[str, int] = defaultdict(int)
        for lang, freq in zip(self._langs, self._freqs):
            totals[lang] += freq + 1
        self._log_total = {lang: math.log(total) for lang, total in totals.items()}

    def __len__(self) -> int:
        return len(self._words)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        return any(self._words[i] == word for i in self._exact.get(native_key(word), ()))

    def _candidates(self, keys: list[str]) -> tuple[list[int], list[int]]:
        """Return ids of words sharing a key, then of words sharing only a loose key.

        Loose matches come closest key first (then most frequent); at most
        ``MAX_CANDIDATES`` ids in all.
        """
        exact = sorted({i for key in keys for i in self._exact.get(key, ())},
                       key=lambda i: -self._freqs[i])[:MAX_CANDIDATES]
        distance: dict[str, int] = {}
        for key in keys:
            for other in self._coarse.get(coarse_key(key), ()):
                if other not in keys:
                    apart = _edit_distance(key, other)
                    distance[other] = min(distance.get(other, apart), apart)
        loose = sorted((d, -self._freqs[i], i)
                       for other, d in distance.items() for i in self._exact[other])
        room = max(MAX_CANDIDATES - len(exact), MIN_LOOSE)
        return exact[:MAX_CANDIDATES - min(room, len(loose))], [i for _, _, i in loose[:room]]

    def entries(self):
        """Yield ``(word, lang, document frequency)`` of every word."""
        return zip(self._words, self._langs, self._freqs)

    def frequency(self, word: str) -> int:
        """Return the number of items holding ``word`` (0 when it is not in the lexicon)."""
        return max((self._freqs[i] for i in self._exact.get(native_key(word), ())
                    if self._words[i] == word), default=0)

    def sharing_keys(self, latin: str) -> list[str]:
        """Return the words whose consonant key (or loose key) the typed letters share.

        >>> Lexicon({"બજેટ": 3, "बजट": 2, "પટણા": 1}).sharing_keys("budget")
        ['બજેટ', 'बजट']
        """
        letters = latin_letters(latin)
        if not letters or len(letters) > MAX_LETTERS:
            return []
        exact, loose = self._candidates(latin_keys(letters))
        return [self._words[i] for i in exact + loose]

    def sounding_like(self, latin: str) -> dict[str, int]:
        """Return the words whose loose key the typed letters share (0) or miss by one class (1).

        Uncapped (``sharing_keys`` keeps 300 for a query): ``asia`` reaches એશિયા among
        the ~1,500 words of loose key ``s``. Keys of ``MIN_NEAR_KEY`` classes or more also
        reach keys one class apart, that long or longer: ``cancer`` (knkr, c as k)
        reaches કેન્સર (knsr), not કેસર (ksr).

        >>> Lexicon({"કેન્સર": 5, "કેસર": 3, "પટણા": 1}).sounding_like("cancer")
        {'કેન્સર': 1}
        """
        found: dict[str, int] = {}
        for edits, keys in enumerate(self.key_reach(latin)):
            for loose in sorted(keys):
                for exact in self._coarse.get(loose, ()):
                    for index in self._exact[exact]:
                        found.setdefault(self._words[index], edits)
        return found

    def key_reach(self, latin: str) -> tuple[set[str], set[str]]:
        """Return the loose keys of the typed letters, and the keys one class apart from them.

        A native word sounds like ``latin`` when one of its loose keys
        (``latin_typing.native_keys``) is in the first set, or nearly so in the second.

        >>> [sorted(keys) for keys in Lexicon({"કેન્સર": 5}).key_reach("isro")]
        [['jr', 'sr'], []]
        """
        letters = latin_letters(latin)
        if not letters or len(letters) > MAX_LETTERS:
            return set(), set()
        same = {coarse_key(key) for key in latin_keys(letters)}
        near: set[str] = set()
        for loose in same:
            if len(loose) >= MIN_NEAR_KEY:
                near |= _one_class_apart(loose, self._classes())
        return same, near - same

    def _classes(self) -> str:
        """Return the letters loose keys are written in (memoized)."""
        if getattr(self, "_letters", None) is None:
            self._letters = "".join(sorted({c for loose in self._coarse for c in loose}))
        return self._letters

    def fit(self, latin: str, native: str) -> float:
        """Return log P(typed letters | ``native``) per letter: how well the spelling matches.

        >>> lexicon = Lexicon({"शेयर": 120})
        >>> lexicon.fit("share", "शेयर") > lexicon.fit("share", "सहारे") - 2
        True
        """
        letters = latin_letters(latin)
        lang = _language_of(native)
        if not letters or lang is None:
            return -math.inf
        return ChannelModel.load(lang).scores(letters, [units(native)])[0] / len(letters)

    def _log_prior(self, index: int) -> float:
        return math.log(self._freqs[index] + 1) - self._log_total[self._langs[index]]

    def lookup(self, latin: str, limit: int = 10,
               prior_weight: float = PRIOR_WEIGHT) -> list[tuple[str, float]]:
        """Return the native words ``latin`` most likely spells, best first, scored in (0, 1].

        The score is the word's posterior probability among the words of its script
        (and an "other word" hypothesis), so a Gujarati word and its Hindi twin both
        score high. One word at a time: ``vijay``, then ``divas``. ``prior_weight`` is the
        weight of log frequency (``PRIOR_WEIGHT`` ranks word types; 1.0 is Bayes' rule).

        >>> lexicon = Lexicon({"શોઇગુ": 4, "शोइगु": 1, "સાગ": 2})
        >>> [(word, round(score, 2)) for word, score in lexicon.lookup("shoigu")]
        [('शोइगु', 1.0), ('શોઇગુ', 1.0)]
        """
        letters = latin_letters(latin)
        if not letters or len(letters) > MAX_LETTERS or limit <= 0:
            return []
        best: dict[str, float] = {}
        joint: list[tuple[float, int]] = []
        for ids in self._candidates(latin_keys(letters)):
            joint += self._score(letters, ids, best, prior_weight)
        return self._posteriors(joint, len(letters), prior_weight)[:limit]

    def _score(self, letters: str, ids: list[int], best: dict[str, float],
               prior_weight: float) -> list[tuple[float, int]]:
        """Return (log P(letters | word) + weighted log prior, id) of the words that may rank.

        ``best`` holds the best score so far per language; words that cannot come within
        ``MARGIN`` of it (or of the "other word" hypothesis) are dropped early.
        """
        by_lang: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        for index in ids:
            by_lang[self._langs[index]].append((units(self._words[index]), index))
        joint: list[tuple[float, int]] = []
        for lang, candidates in by_lang.items():
            candidates.sort()
            bonus = [prior_weight * self._log_prior(i) for _, i in candidates]
            top = best.get(lang, self._other(lang, len(letters), prior_weight))
            floors = [top - MARGIN - b for b in bonus]
            channel = ChannelModel.load(lang).scores(letters, [u for u, _ in candidates], floors)
            for score, extra, (_, index) in zip(channel, bonus, candidates):
                if score > -math.inf:
                    joint.append((score + extra, index))
                    best[lang] = max(best.get(lang, top), score + extra)
        return joint

    def _other(self, lang: str, letters: int, prior_weight: float) -> float:
        """Return the joint log score of "some word not in the lexicon" for ``lang``."""
        return OTHER_PER_LETTER * letters - prior_weight * self._log_total[lang]

    def _posteriors(self, joint: list[tuple[float, int]], letters: int,
                    prior_weight: float) -> list[tuple[str, float]]:
        """Turn joint log scores into per-script posteriors, best first."""
        norm: dict[str, float] = {}
        for lang in {self._langs[i] for _, i in joint}:
            scores = [s for s, i in joint if self._langs[i] == lang] + [
                self._other(lang, letters, prior_weight)]
            top = max(scores)
            norm[lang] = top + math.log(sum(math.exp(s - top) for s in scores))
        joint.sort(key=lambda pair: (-(pair[0] - norm[self._langs[pair[1]]]), pair[1]))
        return [(self._words[i], max(math.exp(s - norm[self._langs[i]]), 1e-9)) for s, i in joint]

    def similar(self, native: str, limit: int = 10) -> list[tuple[str, float]]:
        """Return other words of the lexicon that sound like ``native``, in either script.

        >>> lexicon = Lexicon({"પુતિન": 5, "પુટિન": 1, "पुतिन": 7, "પટણા": 2})
        >>> lexicon.similar("પુતિન")
        [('पुतिन', 1.0), ('પુટિન', 0.9)]
        """
        if _language_of(native) is None or limit <= 0:
            return []
        key = native_key(native)
        same, near = pivot(native), sound(native)
        found: list[tuple[float, int]] = []
        keys = {key, *self._coarse.get(coarse_key(key), ())}
        for index in {i for other in keys for i in self._exact.get(other, ())}:
            word = self._words[index]
            if word == native:
                continue
            score = _sounds_alike(same, near, word)
            if score:
                found.append((score, index))
        found.sort(key=lambda pair: (-pair[0], -self._freqs[pair[1]], pair[1]))
        return [(self._words[i], s) for s, i in found[:limit]]

    def save(self, path) -> None:
        """Write the lexicon to ``path`` (a pickle of plain lists and dicts)."""
        write_state(path, _FORMAT, {"words": self._words, "freqs": self._freqs,
                                    "langs": self._langs, "exact": self._exact,
                                    "coarse": self._coarse})

    @classmethod
    def load(cls, path) -> "Lexicon":
        """Read a lexicon written by ``save``; raise ``ValueError`` for anything else."""
        state = read_state(path, _FORMAT, "Lexicon")
        lexicon = cls.__new__(cls)
        lexicon.aliases = Aliases()
        for name in ("words", "freqs", "langs", "exact", "coarse"):
            setattr(lexicon, "_" + name, state[name])
        lexicon._finish()
        return lexicon


def _sounds_alike(same: str, near: str, word: str) -> float:
    """Score ``word`` against a pivot and sound form: equal, equal in sound, one letter off."""
    if pivot(word) == same:
        return SIMILAR_SCORES[0]
    other = sound(word)
    if other == near:
        return SIMILAR_SCORES[1]
    if min(len(near), len(other)) >= 4 and _one_edit(near, other):
        return SIMILAR_SCORES[2]
    return 0.0


def _one_edit(a: str, b: str) -> bool:
    """Tell whether ``a`` and ``b`` differ by one letter, not by an ending (पुतिन / पुतिने)."""
    if abs(len(a) - len(b)) > 1 or a.startswith(b) or b.startswith(a):
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]


def _one_class_apart(key: str, classes: str) -> set[str]:
    """Return the keys one class changed, added or dropped, of ``MIN_NEAR_KEY`` or more.

    >>> sorted(_one_class_apart("srl", "j"))
    ['jrl', 'jsrl', 'sjl', 'sjrl', 'srj', 'srjl', 'srlj']
    """
    found = {key[:i] + c + key[i + 1:] for i in range(len(key)) for c in classes}
    found |= {key[:i] + c + key[i:] for i in range(len(key) + 1) for c in classes}
    found |= {key[:i] + key[i + 1:] for i in range(len(key))}
    found.discard(key)
    return {other for other in found if len(other) >= MIN_NEAR_KEY}


def _edit_distance(a: str, b: str) -> int:
    """Return the Levenshtein distance of two short keys."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]
