"""``searcher.completion``: a Latin prefix completed to the native words it most likely begins.

``tests/test_suggest.py`` covers completion through an index (``kim jo``, ``hyd``,
``pyon``); this file tests the module's parts on small lexicons.
"""
from __future__ import annotations

import math

import pytest

from searcher import completion
from searcher.completion import (Candidate, NativePrefixes, cached_lookup, literal_candidates,
                                 native_candidates, native_prefixes, prefix_logprob, rank,
                                 script_of, typed_keys)
from searcher.lexicon import Lexicon
from searcher.latin_typing import units

#: The word meant and its look-alikes for ``hyd`` (as in the news corpus), and a name.
WORDS = {"હૈદરાબાદ": 70, "हैदराबाद": 48, "હિદ": 1, "हेड": 5, "हिद": 3, "किम": 20, "કિમ": 30}


@pytest.fixture
def lexicon():
    return Lexicon(dict(WORDS))


@pytest.mark.parametrize("word, script", [("કિમ", "gu"), ("किम", "hi"), ("kim", "en"),
                                          ("2024", "en"), ("", "en")])
def test_script_of(word, script):
    assert script_of(word) == script


def test_typed_keys_start_with_the_letters_key_and_do_not_repeat():
    keys = typed_keys("haidar")
    assert keys[0] == "hdr" and "dr" in keys and len(keys) == len(set(keys))


@pytest.mark.parametrize("prefix", ["", "123", "-", "a" * (completion.MAX_LETTERS + 1)])
def test_nothing_to_complete(lexicon, prefix):
    assert NativePrefixes(lexicon).complete(prefix) == []


def test_a_prefix_completes_to_the_word_and_its_twin_in_the_other_script(lexicon):
    found = NativePrefixes(lexicon).complete("haidar")
    assert [(word, lang) for word, lang, _, _ in found[:2]] == [("હૈદરાબાદ", "gu"), ("हैदराबाद", "hi")]
    assert [freq for *_, freq in found[:2]] == [70, 48]


def test_posteriors_are_shared_within_a_script_and_sorted(lexicon):
    found = NativePrefixes(lexicon).complete("hyd")
    posteriors = [p for _, _, p, _ in found]
    assert posteriors == sorted(posteriors, reverse=True)
    for lang in ("gu", "hi"):
        total = sum(p for _, word_lang, p, _ in found if word_lang == lang)
        assert 0 < total < 1               # the rest is "a word the index does not hold"
    assert {word for word, *_ in found} <= set(WORDS) - {"किम", "કિમ"}


def test_limit_is_per_script():
    """Both scripts answer: the second Gujarati word (0.46) does not push out the best Hindi one
    (0.25, four Hindi words sharing the script's posterior)."""
    lexicon = Lexicon({"હૈદરાબાદ": 70, "હૈદરી": 60,
                       "हैदराबाद": 10, "हैदरी": 10, "हैदर": 10, "हैदरपुर": 10})
    prefixes = NativePrefixes(lexicon)
    every = prefixes.complete("haidar")
    assert [lang for _, lang, _, _ in every] == ["gu", "gu", "hi", "hi", "hi", "hi"]
    found = prefixes.complete("haidar", limit=1)
    assert [(word, lang) for word, lang, _, _ in found][0] == ("હૈદરાબાદ", "gu")
    assert [lang for _, lang, _, _ in found] == ["gu", "hi"]


def test_uppercase_letters_are_read_as_lowercase(lexicon):
    prefixes = NativePrefixes(lexicon)
    assert prefixes.complete("KIM") == prefixes.complete("kim")


def test_language_and_frequency_of_a_lexicon_word(lexicon):
    prefixes = NativePrefixes(lexicon)
    assert (prefixes.language("કિમ"), prefixes.freq("કિમ")) == ("gu", 30)
    assert (prefixes.language("पुतिन"), prefixes.freq("पुतिन")) == (None, 0)


def test_prefix_logprob_prefers_the_word_the_letters_spell():
    assert prefix_logprob("hi", "modi", units("मोदी")) > prefix_logprob("hi", "modi", units("मेड"))
    assert prefix_logprob("hi", "m", units("मोदी")) > prefix_logprob("hi", "k", units("मोदी"))
    # more letters than the word can spell: no alignment uses them all
    assert prefix_logprob("hi", "modiji", units("मोदी")) == -math.inf


def test_the_same_lexicon_gets_the_same_prefix_table(lexicon):
    assert native_prefixes(lexicon) is native_prefixes(lexicon)
    assert native_prefixes(lexicon) is not native_prefixes(Lexicon(dict(WORDS)))


def test_literal_candidates_share_one_by_frequency_plus_one():
    found = literal_candidates({"putin": 3, "putinne": 1}, "en")
    assert [(c.word, c.script, c.freq) for c in found] == [("putin", "en", 3), ("putinne", "en", 1)]
    assert [c.posterior for c in found] == pytest.approx([4 / 6, 2 / 6])
    assert literal_candidates({}, "gu") == []


def test_rank_weighs_posterior_by_the_root_of_frequency():
    """Posterior times √(frequency + 1): neither the posterior nor the frequency alone decides."""
    ranked = rank([Candidate("જેમાં", "gu", 0.2, 15), Candidate("जम्मू", "hi", 0.5, 3),
                   Candidate("jam", "en", 0.9, 0)])
    # 0.5·√4 = 1.0, 0.9·√1 = 0.9, 0.2·√16 = 0.8 (by frequency alone: જેમાં first;
    # by posterior alone: jam first)
    assert ranked == ["जम्मू", "jam", "જેમાં"]


def test_rank_lists_a_word_once_and_breaks_ties_by_frequency_then_word():
    """All three score 1.0 (1.0·√1 = 0.5·√4): the more used first, then by code point."""
    ranked = rank([Candidate("kim", "en", 1.0, 0), Candidate("કિમ", "gu", 0.5, 3),
                   Candidate("किम", "hi", 0.5, 3), Candidate("કિમ", "gu", 0.1, 3)])
    assert ranked == ["किम", "કિમ", "kim"]


def test_native_candidates_read_the_prefix_and_the_latin_words_completing_it(lexicon):
    alone = {c.word: c for c in native_candidates(lexicon, "hyd", {})}
    helped = {c.word: c for c in native_candidates(Lexicon(dict(WORDS)), "hyd",
                                                   {"hyderabad": 3, "hydrogen": 1})}
    assert alone["हैदराबाद"].script == "hi" and alone["हैदराबाद"].freq == 48
    # hyderabad, 3 of the 4 Latin words, reads as हैदराबाद: that reading is kept where higher
    assert helped["हैदराबाद"].posterior > alone["हैदराबाद"].posterior
    assert helped["हैदराबाद"].posterior == pytest.approx(0.75, abs=0.01)
    assert helped["हिद"].posterior == pytest.approx(alone["हिद"].posterior)


def test_cached_lookup_remembers_and_stays_bounded(lexicon, monkeypatch):
    monkeypatch.setattr(completion, "MAX_CACHED_LOOKUPS", 2)
    first = cached_lookup(lexicon, "kim")
    assert [word for word, _ in first][:2] == ["किम", "કિમ"]
    assert cached_lookup(lexicon, "kim") is first
    cached_lookup(lexicon, "modi")
    cached_lookup(lexicon, "hyderabad")
    assert list(native_prefixes(lexicon).lookups) == ["modi", "hyderabad"]   # oldest dropped
