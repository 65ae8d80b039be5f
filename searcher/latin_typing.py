"""How people type Gujarati and Hindi words in Latin letters: keys and a channel model.

A native word is read as a sequence of sound *units* (consonants, vowel signs, the
inherent vowel a consonant carries, the anusvara), each of which a typist writes as
zero to three Latin letters. ``ChannelModel`` holds the learned probability of each
unit's spellings and scores how well a Latin string spells a native word. Blocking
keys (consonant skeletons in coarse sound classes) find the candidates to score.

>>> units("પુતિન")
('प', 'ु', 'त', 'ि', 'न', 'अ$')
>>> native_key("પુતિન"), latin_key("putin"), latin_key("puttin")
('ptn', 'ptn', 'ptn')
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from . import languages
from .datafiles import read_lines
from .transliterate import to_devanagari

#: Longest Latin spelling of one unit the model knows.
MAX_SPAN = 3
#: Log probability of a spelling the model never saw (one letter, or nothing).
UNSEEN = -12.0
#: Log penalty of a spelling borrowed from a related unit (झ् from झ).
BACK_OFF = -3.0
#: At most this many readings of typed letters are tried (each variant doubles them).
MAX_READINGS = 8
#: Alignments this far (in log probability) behind the best are dropped.
BEAM = 8.0

_NEG = -math.inf
_VIRAMA, _NUKTA = "\u094d", "\u093c"
_SCHWA, _FINAL_SCHWA = "अ", "अ$"
_ANUSVARA = {"\u0902": "ं", "\u0901": "ं"}  # chandrabindu reads as anusvara
_LABIALS = set("पफबभम")
_CONJUNCTS = ("क्ष", "ज्ञ")
_NOT_LATIN = re.compile(r"[^a-z]+")
_VOWELS = re.compile("[aeiou]")


def _is_consonant(char: str) -> bool:
    return "\u0915" <= char <= "\u0939" or "\u0958" <= char <= "\u095f" or char in "ॸॹॺॻॼॽॾॿ"


def _is_vowel_sign(char: str) -> bool:
    return "\u093e" <= char <= "\u094c" or char in "\u0962\u0963\u0955\u0956\u0957\u094e\u094f"


def _consonant_at(text: str, i: int) -> tuple[str, int]:
    """Return the consonant (with nukta, or a kṣa / jña conjunct) at ``i`` and its end."""
    for conjunct in _CONJUNCTS:
        if text.startswith(conjunct, i):
            return conjunct, i + len(conjunct)
    end = i + 1
    if end < len(text) and text[end] == _NUKTA:
        end += 1
    return text[i:end], end


def _anusvara_unit(text: str, i: int) -> str:
    """Name the anusvara by what follows: ``ंp`` before labials (typed m), ``ं$`` at the end."""
    following = text[i + 1:i + 2]
    if not following:
        return "ं$"
    return "ंp" if following in _LABIALS else "ं"


@lru_cache(maxsize=65536)
def units(word: str) -> tuple[str, ...]:
    """Split a Gujarati or Devanagari word into sound units, inherent vowels made explicit.

    >>> units("સમર્થન")
    ('स', 'अ', 'म', 'अ', 'र्', 'थ', 'अ', 'न', 'अ$')
    >>> units("प्योंगयांग")
    ('प्', 'य', 'ो', 'ं', 'ग', 'अ', 'य', 'ा', 'ं', 'ग', 'अ$')
    """
    text = unicodedata.normalize("NFD", to_devanagari(word))
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if _is_consonant(char):
            consonant, i = _consonant_at(text, i)
            if i < len(text) and text[i] == _VIRAMA:
                out.append(consonant + _VIRAMA)
                i += 1
            elif i < len(text) and _is_vowel_sign(text[i]):
                out.append(consonant)
            else:
                out += (consonant, _SCHWA if i < len(text) else _FINAL_SCHWA)
            continue
        if char in _ANUSVARA:
            out.append(_anusvara_unit(text, i))
        elif "\u0904" <= char <= "\u0914" or char in "\u0960\u0961\u0972":
            out.append(_independent_vowel(char))
        elif _is_vowel_sign(char) or char == "\u0903":
            out.append(char)
        i += 1
    return tuple(out)


@lru_cache(maxsize=None)
def _independent_vowel(char: str) -> str:
    """Read an independent vowel as its sign (इ as ि), so both share statistics."""
    if char == "अ":
        return "अ^"
    try:
        return unicodedata.lookup(unicodedata.name(char).replace("LETTER", "VOWEL SIGN"))
    except (KeyError, ValueError):
        return char


@dataclass(frozen=True)
class _KeyTables:
    """``romanizer_keys.tsv`` compiled: how letters of each side fall into classes."""

    rewrites: list[tuple[str, str]]      # native sequences rewritten first (ज्ञ → gy)
    native: dict[int, str]              # Devanagari code point -> class ("" drops it)
    latin: dict[str, str]               # Latin grapheme -> class
    latin_pattern: re.Pattern           # Latin graphemes, longest first
    variants: list[tuple[re.Pattern, str]]  # alternative readings of typed letters
    spellings: list[tuple[re.Pattern, str]]  # alternative loose readings of native words
    weak: dict[int, None]               # classes the coarse key drops


@lru_cache(maxsize=None)
def _key_tables() -> _KeyTables:
    rows: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for line in read_lines("romanizer_keys.tsv"):
        side, grapheme, cls = (line.split("\t") + [""])[:3]
        rows[side].append((grapheme, cls))
    first, last = languages.LANGUAGES[languages.PIVOT].block
    native = {cp: "" for cp in range(first, last + 1)}
    native.update((ord(g), c) for g, c in rows["native"] if len(g) == 1)
    latin = dict(rows["latin"])
    return _KeyTables(
        rewrites=[(g, c) for g, c in rows["native"] if len(g) > 1],
        native=native,
        latin=latin,
        latin_pattern=re.compile(
            "|".join(sorted(map(re.escape, latin), key=len, reverse=True)) + "|."),
        variants=[(re.compile(g), c) for g, c in rows["variant"]],
        spellings=[(re.compile(g), c) for g, c in rows["spelling"]],
        weak=dict.fromkeys(map(ord, "".join(g for g, _ in rows["weak"]))),
    )


_RUNS = re.compile(r"(.)\1+")


def native_key(word: str) -> str:
    """Return the consonant skeleton of a native word in coarse classes.

    >>> native_key("શોઇગુ"), native_key("क्षमता"), native_key("પૃથ્વી")
    ('sg', 'ksnt', 'prtv')
    """
    return _skeleton(to_devanagari(word))


def _skeleton(text: str) -> str:
    tables = _key_tables()
    for source, target in tables.rewrites:
        if source in text:
            text = text.replace(source, target)
    return _RUNS.sub(r"\1", text.translate(tables.native))


def native_keys(word: str) -> tuple[str, tuple[str, ...]]:
    """Return a word's key and its loose keys (weak letters dropped, common misspellings).

    >>> native_keys("ગાયું"), native_keys("ગોળી")
    (('gyn', ('g', 'gn')), ('gl', ('gd', 'gl', 'gr')))
    """
    text = to_devanagari(word)
    key = _skeleton(text)
    loose = {coarse_key(key)}
    for pattern, replacement in _key_tables().spellings:
        if pattern.search(text):
            loose.add(coarse_key(_skeleton(pattern.sub(replacement, text))))
    return key, tuple(sorted(loose))


def coarse_key(key: str) -> str:
    """Drop the weak classes (y, h, v) from a key, for a second, looser match.

    >>> coarse_key(native_key("વિજય")), coarse_key(latin_key("vijai"))
    ('j', 'j')
    """
    return _RUNS.sub(r"\1", key.translate(_key_tables().weak))


def latin_letters(text: str) -> str:
    """Return ``text`` lowercased, accents stripped, letters a-z only."""
    text = unicodedata.normalize("NFKD", text.lower())
    return _NOT_LATIN.sub("", text.encode("ascii", "ignore").decode())


def latin_key(letters: str) -> str:
    """Return the consonant skeleton of typed Latin letters in the same classes.

    >>> latin_key("shoigu"), latin_key("kshamata"), latin_key("samarthan")
    ('sg', 'ksnt', 'snrtn')
    """
    tables = _key_tables()
    classes = tables.latin
    graphemes = tables.latin_pattern.findall(letters)
    return _RUNS.sub(r"\1", "".join(classes.get(g, "") for g in graphemes))


def latin_keys(letters: str) -> list[str]:
    """Return the keys of typed letters under each reading (c as k or s, soft g as j).

    >>> latin_keys("cinema")
    ['cn', 'kn', 'sn']
    """
    readings = [letters]
    for pattern, replacement in _key_tables().variants:
        readings += [pattern.sub(replacement, r)
                     for r in readings[:MAX_READINGS] if pattern.search(r)]
    keys: list[str] = []
    for reading in readings:
        key = latin_key(reading)
        if key not in keys:
            keys.append(key)
    return keys


class ChannelModel:
    """P(Latin spelling | native unit), learned by EM from Dakshina train pairs."""

    def __init__(self, emissions: dict[str, dict[str, float]]):
        self.emissions = emissions  # unit -> Latin spelling -> log probability

    @classmethod
    @lru_cache(maxsize=None)
    def load(cls, lang: str) -> "ChannelModel":
        """Load the model shipped for ``lang`` (``searcher/data/romanizer_<lang>.tsv``)."""
        emissions: dict[str, dict[str, float]] = {}
        for line in read_lines(f"romanizer_{lang}.tsv"):
            unit, spelling, prob = line.split("\t")
            emissions.setdefault(unit, {})[spelling] = math.log(float(prob))
        _add_english(emissions)
        _back_off(emissions)
        return cls(emissions)

    def scores(self, latin: str, words: list[tuple[str, ...]],
               floors: list[float] | None = None) -> list[float]:
        """Return log P(``latin`` | word) along the best alignment, for each unit sequence.

        Words that share leading units (a stem and its inflections, when ``words`` is
        sorted) share the alignment work for those units. A word whose best partial
        alignment falls below its entry in ``floors`` is dropped early (``-inf``).
        """
        step = _Aligner(self.emissions, latin).step
        m, rows, previous, out = len(latin), [{0: 0.0}], (), []
        for n, word_units in enumerate(words):
            floor = floors[n] if floors else -math.inf
            shared = 0
            limit = min(len(previous), len(word_units), len(rows) - 1)
            while shared < limit and previous[shared] == word_units[shared]:
                shared += 1
            del rows[shared + 1:]
            previous = word_units
            for unit in word_units[shared:]:
                row = step(rows[-1], unit)
                top = max(row.values(), default=_NEG)
                if top < floor or top == _NEG:
                    break
                if len(row) > 3:
                    row = {j: v for j, v in row.items() if v >= top - BEAM}
                rows.append(row)
            complete = len(rows) == len(word_units) + 1
            out.append(rows[-1].get(m, _NEG) if complete else _NEG)
        return out

    def logprob(self, word: str, latin: str) -> float:
        """Return log P(``latin`` | ``word``) along the best alignment.

        >>> model = ChannelModel.load("hi")
        >>> model.logprob("पुतिन", "putin") > model.logprob("पुतिन", "patan")
        True
        """
        return self.scores(latin_letters(latin), [units(word)])[0]


def _add_english(emissions: dict[str, dict[str, float]]) -> None:
    """Let English spellings (``romanizer_english.tsv``) raise a unit's learned odds."""
    for line in read_lines("romanizer_english.tsv"):
        unit, spelling, prob = line.split("\t")[:3]
        table = emissions.setdefault(unit, {})
        table[spelling] = max(table.get(spelling, -math.inf), math.log(float(prob)))


def _back_off(emissions: dict[str, dict[str, float]]) -> None:
    """Let a half consonant (झ्) or nukta form (ज़) borrow its full letter's consonant spellings.

    Rare units saw few spellings in training; ``zaporizhzhia`` needs झ् → ``zh``.
    """
    for base in [unit for unit in emissions if len(unit) == 1 and _is_consonant(unit)]:
        borrowed = {s: p + BACK_OFF for s, p in emissions[base].items()
                    if s and not _VOWELS.search(s)}
        for unit in (base + _VIRAMA, base + _NUKTA, base + _NUKTA + _VIRAMA):
            table = emissions.setdefault(unit, {})
            for spelling, logp in borrowed.items():
                table.setdefault(spelling, logp)


class _Aligner:
    """One Viterbi step at a time over the typed letters of one query."""

    def __init__(self, emissions: dict[str, dict[str, float]], latin: str):
        self.emissions, self.spans = emissions, {}
        m = len(latin)
        #: for each position: (end, spelling, log probability if unseen) of each span
        self.pieces = [[(end, latin[j:end], UNSEEN if end - j < 2 else None)
                        for end in range(j, min(m, j + MAX_SPAN) + 1)] for j in range(m + 1)]

    def _unit_spans(self, unit: str) -> list[list[tuple[int, float]]]:
        """List, for each position, the (end, log probability) spellings ``unit`` can take."""
        get = self.emissions.get(unit, {}).get
        rows = []
        for pieces in self.pieces:
            row = [(end, get(spelling, unseen)) for end, spelling, unseen in pieces]
            rows.append([(end, logp) for end, logp in row if logp is not None])
        return rows

    def step(self, row: dict[int, float], unit: str) -> dict[int, float]:
        """Extend best alignments ending at each position by one more unit."""
        options = self.spans.get(unit)
        if options is None:
            options = self.spans[unit] = self._unit_spans(unit)
        new: dict[int, float] = {}
        best = new.get
        for j, base in row.items():
            for end, logp in options[j]:
                if base + logp > best(end, _NEG):
                    new[end] = base + logp
        return new
