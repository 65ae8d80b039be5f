"""Mine aliases at build time: Latin words and the native words written beside them.

A Latin word (``budget``, ``bjp``) is an alias of a native word (બજેટ, ભાજપ) when
the two share a consonant key (``searcher.latin_typing``, so they sound alike: the
key of ``bjp`` is the key of ભાજપ) and keep company in the collection's items far
more often than chance (pointwise mutual information, with minimum counts).
Keys one class apart (``israel`` srl, ઈઝરાયેલ jrl: English writes the z sound s)
pair too, on stronger evidence.
An alias joins a query through its pivot stem, so ભાજપના and ભાજપે come with ભાજપ.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from string import ascii_lowercase

from searcher import languages
from searcher.aliases import Alias, Aliases
from searcher.normalize import normalize_token
from searcher.latin_typing import native_keys
from searcher.tokenize import spans

#: A Latin word needs this many items to be paired (fewer is chance), and so does a pair.
MIN_LATIN_DOCS = 3
MIN_TOGETHER = 3
#: Shortest Latin word considered: two letters (``un``, ``is``) are too ambiguous.
MIN_LETTERS = 3
#: Share of the Latin word's items that must hold the native word (``budget``: 30 of 42).
MIN_SHARE = 0.15
#: Least PMI (natural log): together at least this many times more often than chance.
MIN_PMI = math.log(4.0)
#: The same for keys one class apart (``Lexicon.sounding_like``): a near key is weaker
#: evidence of sound, so the company must be closer (``israel``: 5 of 13, PMI 4.7).
MIN_NEAR_SHARE = 0.3
MIN_NEAR_PMI = math.log(16.0)
#: Words reached only by the uncapped look (``sounding_like``: a near key, or past the
#: 300 words ``sharing_keys`` keeps) must also spell well (log P per typed letter,
#: ``Lexicon.fit``): ઈઝરાયેલ for ``israel`` -1.4, એશિયા for ``asia`` -2.1; the
#: function words that keep company with everything are worse (કહ્યું for ``khan`` -3.1).
MIN_WIDENED_FIT = -2.6
#: At most this many native words per Latin word and language (spellings, inflections).
MAX_PER_LANGUAGE = 3
#: Characters of an item's text read after its title: the English name stands beside
#: the native one in the headline and lead, and reading whole articles doubled build time.
LEAD_CHARS = 1500
#: No limit on the terms read per prefix: every Latin word counts.
ALL_TERMS = 1 << 62


def mine(engine, lexicon) -> Aliases:
    """Return the aliases of a build (``backend.OpenedBuild``) whose native words
    ``lexicon`` holds."""
    latin_docs = latin_postings(engine)
    reach = {word: _Reach(lexicon, word) for word in latin_docs}
    together, edits = _count_together(engine, latin_docs, reach)
    total = engine.doc_count() or 1
    found = []
    for word in sorted(together):
        kept: dict[str, int] = defaultdict(int)
        for native, count in sorted(together[word].items(), key=lambda pair: (-pair[1], pair[0])):
            lang, used = languages.language_of_char(native[0]), lexicon.frequency(native)
            if not used:
                continue
            apart = edits[word][native]
            alias = _alias(word, lang, native, count, len(latin_docs[word]), used, total,
                           max(apart, 0))
            if alias and apart >= 0 and lexicon.fit(word, native) < MIN_WIDENED_FIT:
                alias = None
            if alias and kept[lang] < MAX_PER_LANGUAGE:
                kept[lang] += 1
                found.append(alias)
    return Aliases(found)


class _Reach:
    """The native words that may sound like one Latin word, without listing them.

    The words ``sharing_keys`` finds (-1: trusted as before), else the classes apart
    of a loose key (0 or 1, checked by fit); a short key such as ``s`` has thousands
    of words, so an item's words are looked up by their keys, never listed.
    """

    def __init__(self, lexicon, word: str):
        self.capped = set(lexicon.sharing_keys(word))
        self.same, self.near = lexicon.key_reach(word)
        self.keys = self.same | self.near

    def found(self, present: set[str], by_key: dict[str, set[str]]) -> dict[str, int]:
        """Return the words of one item (``present``, indexed ``by_key``) that sound alike."""
        found = dict.fromkeys(self.capped & present, -1)
        for key in self.keys & by_key.keys():
            apart = 0 if key in self.same else 1
            for native in by_key[key]:
                if found.get(native, 2) > apart:
                    found[native] = apart
        return found


def _alias(word, lang, native, count, latin_count, native_count, total,
           edits=0) -> Alias | None:
    """Return the alias if the counts say the two words go together, else ``None``.

    ``edits`` is 1 when their keys are one class apart: then the bar is higher.
    """
    native_count = max(native_count, count)
    pmi = math.log(count * total / (latin_count * native_count))
    share, least_pmi = (MIN_NEAR_SHARE, MIN_NEAR_PMI) if edits else (MIN_SHARE, MIN_PMI)
    if count < MIN_TOGETHER or count < share * latin_count or pmi < least_pmi:
        return None
    return Alias(word, lang, native, count, latin_count, native_count, round(pmi, 2), edits)


def latin_postings(engine) -> dict[str, set[int]]:
    """Return each Latin word in at least ``MIN_LATIN_DOCS`` items with its document numbers."""
    words: set[str] = set()
    for prefix in _latin_prefixes():
        words.update(word for word in engine.terms_with_prefix(prefix, ALL_TERMS)
                     if len(word) >= MIN_LETTERS and word.isascii() and word.isalpha())
    docs = {word: engine.docs_with(word) for word in sorted(words)}
    return {word: found for word, found in docs.items() if len(found) >= MIN_LATIN_DOCS}


def _latin_prefixes() -> list[str]:
    """Two-letter prefixes where a kind's prefix (``p:``, ``s:``, ``x:``) shares the letter."""
    prefixes = []
    for letter in ascii_lowercase:
        if letter in ("p", "s", "x"):
            prefixes += [letter + second for second in ascii_lowercase]
        else:
            prefixes.append(letter)
    return prefixes


def _count_together(engine, latin_docs, reach) -> tuple[dict[str, Counter], dict]:
    """Count, per Latin word, the items also holding each sound-alike native word.

    Also return, per Latin word and native word, how the two sound alike (``_Reach``).
    """
    by_doc: dict[int, list[str]] = defaultdict(list)
    for word, docs in latin_docs.items():
        for docnum in docs:
            by_doc[docnum].append(word)
    together: dict[str, Counter] = defaultdict(Counter)
    edits: dict[str, dict[str, int]] = defaultdict(dict)
    loose_of: dict[str, tuple[str, ...]] = {}
    for docnum, latin_words in sorted(by_doc.items()):
        stored = engine.stored(docnum)
        present = _native_words(f"{stored.get('title', '')}\n{stored.get('text', '')[:LEAD_CHARS]}")
        by_key: dict[str, set[str]] = defaultdict(set)
        for native in present:
            if native not in loose_of:
                loose_of[native] = native_keys(native)[1]
            for key in loose_of[native]:
                by_key[key].add(native)
        for word in latin_words:
            for native, apart in reach[word].found(present, by_key).items():
                together[word][native] += 1
                edits[word][native] = min(edits[word].get(native, apart), apart)
    return together, edits


def _native_words(text: str) -> set[str]:
    """Return the native-script words of ``text``, normalized."""
    found = set()
    for span in spans(text):
        word = normalize_token(span.text)
        if word and languages.language_of_char(word[0]):
            found.add(word)
    return found
