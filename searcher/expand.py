"""Expand one query word into weighted index terms: as written, stem, other script, Latin.

>>> alternatives = expand_word("શોઇગુ")
>>> [(a.term, a.kind, a.weight) for a in alternatives][:3]
[('શોઇગુ', 'word', 4.0), ('शोइगु', 'typed', 4.0), ('s:શોઇગુ', 'stem', 2.0)]
>>> [a.term for a in alternatives if a.kind == "pivot"], "શોઇગુએ" in {a.term for a in alternatives}
(['शोइग', 's:शोइग', 'x:शोइग'], True)

A Latin word is looked up in the index's lexicon of native words (how people
type them in Latin letters); each candidate joins the query through its
cross-script term, weighted by how well it matches, and capped in number.
Native words the collection writes beside the Latin word (its aliases: ભાજપ
for ``bjp``) join at full weight, and look-alikes the aliases contradict at less.
The whole word as typed, in the other script or as the best romanized reading,
also joins as itself, so ``talaavnaan`` ranks તળાવનાં above તળાવથી. A romanized
word's English derivations join at a stem's weight where the collection writes
them (``cricket``: ક્રિકેટર; ``rate``: रेटिंग).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from . import languages
from .aliases import Aliases, pivot_of
from .analysis import KIND, forms, query_terms
from .datafiles import read_lines
from .normalize import normalize_token
from .ranking import value
from .lexicon import MIN_NEAR_KEY
from .latin_typing import units
from .stem import stem, suffixes
from .transliterate import pivot, to_script

#: Native candidates a Latin word may bring in, and the least score they need,
#: absolute and as a share of the best candidate's (મોડી "late" must not ride
#: along with મોદી for ``modi``).
MAX_ROMANIZED = 8
MIN_ROMANIZED_SCORE = value("min_romanized_score")
MIN_ROMANIZED_SHARE = value("min_romanized_share")
#: Weight of log document frequency in the lexicon's ranking for expansion: a query
#: asks for the words people write (Bayes' rule, 1.0), where the word-level evaluation
#: ranks word types (``lexicon.PRIOR_WEIGHT``); दिल्ली (475 items) beats डेली (19) for ``delhi``.
EXPANSION_PRIOR_WEIGHT = value("expansion_prior_weight")
#: Candidates looked at before the cut (``MAX_ROMANIZED`` survive it).
MAX_LOOKED_AT = 16
#: A candidate this much more frequent than its script's best, matching at least this
#: well (log probability per letter), survives the cut: शेयर (119 items) for ``share``
#: where the native-style reading सहारे (9 items) scores higher.
FREQUENT_RATIO = 5.0
MIN_FREQUENT_FIT = -1.6
#: Score of an alias (the collection pairs the words): a certain romanized match.
ALIAS_SCORE = value("alias_score")
#: An alias's other-script twin counts as an alias when it is used this often (a share
#: of the alias's own items); a rarer twin may be a misspelling (the script's own differs).
MIN_TWIN_SHARE = 0.2
#: Factor on a look-alike the aliases contradict: the typed word's aliases in its script
#: are other words, or the look-alike is another Latin word's alias (મસ્ક is ``musk``'s).
UNCONFIRMED_FACTOR = value("unconfirmed_factor")
#: Weight of the whole word as typed, in the other script or as a romanized reading, on
#: top of its pivot match: as much as the word as written, so it outranks a stem match
#: plus a pivot match (अंग्रेजी for अंग्रेजीना, where Gujarati અંગ્રેજીના was typed).
TYPED_FORM_WEIGHT = KIND["word"].weight
#: Factor on a spelling one inner vowel apart from a kept reading of the same script
#: (बाइडन beside बाइडेन, એમેઝોન beside અમેઝોન), which the cut dropped: likely the same
#: name spelled otherwise, so it joins, but only as weakly as an unconfirmed look-alike,
#: and in its own script only (its stem, not its pivot).
VARIANT_FACTOR = UNCONFIRMED_FACTOR
#: Factor on an English derivation of a romanized word (क्रिकेटर for ``cricket``, रेटिंग
#: for ``rate``), on top of ``ROMANIZED_FACTOR``: a stem's weight against the word's. It
#: must spell the typed word plus its English ending at least ``MIN_FREQUENT_FIT`` well.
DERIVED_FACTOR = KIND["stem"].weight / KIND["word"].weight
#: Sound-alike spellings a native word may bring in; one-letter-apart words
#: (score 0.7: मॉडल for मोदी) are too often other words.
MAX_SIMILAR = 4
MIN_SIMILAR_SCORE = 0.85
#: Weight of a romanized or sound-alike match relative to a cross-script one.
ROMANIZED_FACTOR = value("romanized_factor")
SIMILAR_FACTOR = value("similar_factor")


class WordFinder(Protocol):
    """What expansion needs from a lexicon (``searcher.lexicon.Lexicon``)."""

    def lookup(self, latin: str, limit: int = 10) -> list[tuple[str, float]]: ...
    def similar(self, native: str, limit: int = 10) -> list[tuple[str, float]]: ...
    def frequency(self, word: str) -> int: ...
    def fit(self, latin: str, native: str) -> float: ...
    aliases: Aliases


#: How an alternative was found when it is not one of the query word's own forms
#: (``analysis.KINDS``: word, stem, pivot, sound): ``Alternative.kind`` is one of the
#: kinds or one of these.
ROUTES = {
    "typed": "the whole word letter for letter in the other script (पुतिन for પુતિન)",
    "romanized": "a native word read from Latin letters: the lexicon, the mined aliases, "
                 "English derivations, spellings one vowel apart (પુતિન for putin)",
    "sound-alike": "a native word sounding like the native word typed (पुटिन for पुतिन)",
}


@dataclass(frozen=True)
class Alternative:
    """One index term a query word may match, and what a match counts for.

    ``kind``: an analysis kind (``word``, ``stem``, ``pivot``, ``sound``) or a route
    (``ROUTES``); ``via``: the native word a Latin or sound-alike match came through.
    """

    term: str
    kind: str
    weight: float
    via: str = ""


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
        for other in languages.LANGUAGES:
            if other != lang:
                _add(found, Alternative(to_script(normalized, other), "typed", TYPED_FORM_WEIGHT))
        if lexicon is not None:
            for native, score in lexicon.similar(normalized, limit=MAX_SIMILAR):
                if score >= MIN_SIMILAR_SCORE:
                    _add_native(found, native, score * SIMILAR_FACTOR, "sound-alike")
    elif lexicon is not None and normalized.isalpha():
        candidates, variants = readings(normalized, lexicon)
        _add_romanized(found, candidates)
        for native, score in derived(normalized, candidates, lexicon):
            _add_native(found, native, score * ROMANIZED_FACTOR, "romanized")
        for native, score in variants:
            _add_spelling(found, native, score * ROMANIZED_FACTOR)
    return sorted(found.values(), key=lambda alt: -alt.weight)


def romanized(latin: str, lexicon: WordFinder) -> list[tuple[str, float]]:
    """Return the native words a Latin word brings in, with their scores in (0, 1].

    Aliases come at ``ALIAS_SCORE``; lexicon candidates need a share of the best
    score in their own script, and look-alikes the aliases contradict are scaled down;
    spellings one vowel from a kept reading come weakly (``readings``).
    """
    found, variants = readings(latin, lexicon)
    return sorted(found + variants, key=lambda pair: -pair[1])


def readings(latin: str, lexicon: WordFinder) -> tuple[list[tuple[str, float]],
                                                        list[tuple[str, float]]]:
    """Return the readings of a Latin word and, apart, their spellings one vowel apart."""
    aliases = getattr(lexicon, "aliases", None) or Aliases()
    found = aliases.of(latin)
    chosen = {alias.native: ALIAS_SCORE for alias in found}
    for alias in found:
        chosen.update(dict.fromkeys(_twins(lexicon, alias), ALIAS_SCORE))
    confirmed = {pivot_of(native) for native in chosen}
    paired = {languages.language_of_char(native[0]) for native in chosen}
    candidates = lexicon.lookup(latin, limit=MAX_LOOKED_AT, prior_weight=EXPANSION_PRIOR_WEIGHT)
    candidates = _condition(aliases, latin, candidates)
    best: dict[str, tuple[float, str]] = {}
    for native, score in candidates:  # another Latin word's alias (મસ્ક) sets no bar
        if not _claimed_by_other(aliases, latin, native):
            best.setdefault(languages.language_of_char(native[0]), (score, native))
    for native, score in candidates:
        lang = languages.language_of_char(native[0])
        top, top_word = best.get(lang, (score, native))
        floor = max(MIN_ROMANIZED_SCORE, top * MIN_ROMANIZED_SHARE)
        if native in chosen or (score < floor and not _frequent(lexicon, latin, native, top_word)):
            continue
        score = max(score, floor)
        if pivot_of(native) not in confirmed and (
                lang in paired or _claimed_by_other(aliases, latin, native)):
            score *= UNCONFIRMED_FACTOR
        chosen[native] = score
    kept = sorted(chosen.items(), key=lambda pair: -pair[1])[:MAX_ROMANIZED + len(found)]
    return kept, _variants(dict(kept), candidates, lexicon)


def _variants(chosen: dict[str, float], candidates: list[tuple[str, float]],
              lexicon: WordFinder) -> list[tuple[str, float]]:
    """Return candidates the cut dropped that are one inner vowel apart from a kept one.

    Not when ``FREQUENT_RATIO`` times more used than it: that is another word.
    """
    found = []
    for native, _ in candidates:
        if native in chosen:
            continue
        used = lexicon.frequency(native)
        scores = [score for word, score in chosen.items() if _one_vowel_apart(native, word)
                  and used <= FREQUENT_RATIO * max(1, lexicon.frequency(word))]
        if scores:
            found.append((native, max(scores) * VARIANT_FACTOR))
    return found


def _one_vowel_apart(a: str, b: str) -> bool:
    """Tell whether two words of one script differ in one vowel, not the last sound.

    Both need ``MIN_NEAR_KEY`` consonants: short words have too many such neighbours.

    >>> _one_vowel_apart("बाइडन", "बाइडेन"), _one_vowel_apart("હીરા", "હીરો")
    (True, False)
    """
    if languages.language_of_char(a[0]) != languages.language_of_char(b[0]):
        return False
    x, y = units(pivot(a)), units(pivot(b))
    if len(x) < len(y):
        x, y = y, x
    if sum(not _is_vowel_unit(u) and u[0] != "ं" for u in y) < MIN_NEAR_KEY:
        return False  # short words have too many neighbours a vowel apart (रोट, रेट)
    i = 0
    while i < len(y) and x[i] == y[i]:
        i += 1
    if i >= len(y) - 1 or not _is_vowel_unit(x[i]):
        return False
    if len(x) == len(y):
        return _is_vowel_unit(y[i]) and x[i + 1:] == y[i + 1:]
    return len(x) == len(y) + 1 and x[i + 1:] == y[i:]


def derived(latin: str, candidates: list[tuple[str, float]],
            lexicon: WordFinder) -> list[tuple[str, float]]:
    """Return the English derivations of romanized words that the lexicon holds, scored.

    A derivation must spell the typed word with the English ending well (``rating``
    for रेटिंग), so a look-alike's (बादर from बाद) does not come.

    >>> from searcher.lexicon import Lexicon
    >>> lexicon = Lexicon({"ક્રિકેટ": 9, "ક્રિકેટર": 4, "ક્રિકેટિંગ": 1})
    >>> derived("cricket", [("ક્રિકેટ", 1.0)], lexicon)
    [('ક્રિકેટર', 0.5), ('ક્રિકેટિંગ', 0.5)]
    """
    found: dict[str, float] = {}
    for native, score in candidates:
        lang = languages.language_of_char(native[0])
        for english, ending in _derivation_endings():
            word = normalize_token(native + to_script(ending, lang))
            if word == native or word in found or lexicon.frequency(word) == 0:
                continue
            stem = latin[:-1] if latin.endswith("e") and english[0] in "aeiou" else latin
            if lexicon.fit(stem + english, word) >= MIN_FREQUENT_FIT:
                found[word] = score * DERIVED_FACTOR
    return sorted(found.items(), key=lambda pair: -pair[1])


def _is_vowel_unit(unit: str) -> bool:
    """Tell whether a sound unit (``searcher.latin_typing.units``) is a vowel or the inherent one."""
    return unit[0] == "अ" or all("\u093e" <= c <= "\u094c" for c in unit)


def _derivation_endings() -> tuple[tuple[str, str], ...]:
    """Return (English ending, native ending in Devanagari) of ``english_derivations.tsv``."""
    return tuple(tuple(line.split("\t")[:2]) for line in read_lines("english_derivations.tsv"))


def _condition(aliases: Aliases, latin: str,
               candidates: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Rescale each script's scores given that the typed word is not another word's alias.

    For ``mask``, મસ્ક (``musk``'s alias) takes its share of the posterior away and the
    rest of its script (માસ્ક) is scaled up to fill it.
    """
    taken: dict[str, float] = {}
    for native, score in candidates:
        if _claimed_by_other(aliases, latin, native):
            lang = languages.language_of_char(native[0])
            taken[lang] = taken.get(lang, 0.0) + score
    out = []
    for native, score in candidates:
        rest = 1.0 - taken.get(languages.language_of_char(native[0]), 0.0)
        if not _claimed_by_other(aliases, latin, native) and rest > 0:
            score = min(1.0, score / rest)
        out.append((native, score))
    return sorted(out, key=lambda pair: -pair[1])


def _claimed_by_other(aliases: Aliases, latin: str, native: str) -> bool:
    """Tell whether ``native`` is the alias of other Latin words only (મસ્ક of ``musk``)."""
    claimed = aliases.claimed(native)
    return bool(claimed) and latin not in claimed


def _twins(lexicon: WordFinder, alias) -> list[str]:
    """Return an alias spelled letter for letter in the other scripts, where writers use it.

    ``rate`` is paired with રેટ in Gujarati items; रेट, in 45 Hindi items, is its twin.
    """
    twins = []
    for other in languages.LANGUAGES:
        if other != alias.lang:
            twin = to_script(alias.native, other)
            if lexicon.frequency(twin) >= MIN_TWIN_SHARE * alias.native_docs:
                twins.append(twin)
    return twins


def _frequent(lexicon: WordFinder, latin: str, native: str, best: str) -> bool:
    """Tell whether ``native`` is far more used than the best reading and matches well."""
    return (lexicon.frequency(native) >= FREQUENT_RATIO * max(1, lexicon.frequency(best))
            and lexicon.fit(latin, native) >= MIN_FREQUENT_FIT)


def _add_native(found: dict[str, Alternative], native: str, score: float, route: str) -> None:
    """Add a native word found by sound or by romanization (``route``) through its pivot forms.

    Both the pivot of its stem and that of the whole word: the stemmer reads the
    ની of કંપની as a case ending, so કંપનીએ (stem કંપની) shares only the whole word's.
    """
    form = dict(forms(native)).get("pivot")
    if form:
        for pivot_form in dict.fromkeys((form, stem(pivot(native), languages.PIVOT))):
            for term in query_terms("pivot", pivot_form):
                _add(found, Alternative(term, route, KIND["pivot"].weight * score, via=native))


def _add_spelling(found: dict[str, Alternative], native: str, score: float) -> None:
    """Add a spelling variant as written and as the stem of its inflections, in its script.

    Not through its pivot: बहार beside बिहार for ``bihar`` would bring Gujarati બહાર
    ("outside"); nor through its own stem: मास्को (beside मॉस्को) would bring मास्क.
    """
    for term in query_terms("stem", native):
        _add(found, Alternative(term, "romanized", KIND["pivot"].weight * score, via=native))


def _add_romanized(found: dict[str, Alternative], candidates: list[tuple[str, float]]) -> None:
    """Add romanized readings: each stem at the summed score of its forms, each form itself.

    પોલીસ and પોલીસે share the stem's score (the typist meant some form of it), and
    the form typed ranks above its siblings through its own term.
    """
    by_stem: dict[str, float] = {}
    for native, score in candidates:
        stem = pivot_of(native)
        by_stem[stem] = min(1.0, by_stem.get(stem, 0.0) + score)
    for native, score in candidates:
        _add_native(found, native, by_stem[pivot_of(native)] * ROMANIZED_FACTOR, "romanized")
    for native, score in candidates:
        weight = TYPED_FORM_WEIGHT * score * ROMANIZED_FACTOR
        known = found.get(native)
        if known is not None:  # the word is its own pivot form (पुतिन): it matched both ways
            weight += known.weight
        found[native] = Alternative(native, "typed", weight, via=native)


def _add(found: dict[str, Alternative], alternative: Alternative) -> None:
    known = found.get(alternative.term)
    if known is None or known.weight < alternative.weight:
        found[alternative.term] = alternative
