"""Which words of a lexicon a typed word reaches (``sharing_keys``), in what order, and
what the lexicon tells about one word (frequency, membership, entries)."""
from __future__ import annotations

import itertools
import pickle

import pytest

from searcher.lexicon import MAX_CANDIDATES, MIN_LOOSE, Lexicon, _edit_distance
from searcher.latin_typing import native_keys

VOWELS = ["", "ा", "ि", "ी", "ु", "ू", "े", "ै", "ो", "ौ"]


def test_exact_keys_first_most_frequent_first_then_loose_keys_closest_first():
    """For "sonia" (key ``sn``): सीना, सोना share the key; सहन, सोनिया (one letter off),
    संयम (two) and सनहवय (three) share it only once y, h, v are dropped."""
    lexicon = Lexicon({"सनहवय": 50, "संयम": 20, "सोनिया": 1, "सहन": 10, "सोना": 2, "सीना": 7})
    assert lexicon.sharing_keys("sonia") == ["सीना", "सोना", "सहन", "सोनिया", "संयम", "सनहवय"]


def test_a_loose_word_is_as_close_as_its_nearest_reading():
    """"lockheed" reads as ``lkhd`` and ``lkd``: लॉकहीयड is one letter from the first,
    लॉकडिया one from the second, so both are one letter off and the more frequent leads."""
    lexicon = Lexicon({"लॉकहीड": 5, "लॉकडिया": 1, "लॉकहीयड": 3})
    assert lexicon.sharing_keys("lockheed") == ["लॉकहीड", "लॉकहीयड", "लॉकडिया"]


def _spellings(first: str, middle: str, count: int) -> list[str]:
    """Return ``count`` Hindi letter strings: ``first``, vowel, ``middle``, vowel, न, vowel."""
    found = [first + a + middle + b + "न" + c for a, b, c in itertools.product(VOWELS, repeat=3)]
    return found[:count]


def test_a_short_key_leaves_room_for_loose_matches():
    """Hundreds of words share the key ``sn``; the most frequent 240 of them and the 60
    most frequent loose matches (सोनिया first) are scored, never more than 300 in all."""
    exact = _spellings("स", "", 100) + _spellings("श", "", 100) + _spellings("ष", "", 100) \
        + _spellings("स", "म", 100)
    assert {native_keys(word)[0] for word in exact} == {"sn"}
    loose = _spellings("स", "य", 99) + ["सोनिया"]        # keys syn, sny: one letter off
    assert all(native_keys(word)[0] != "sn" for word in loose)
    counts = {word: 1000 + n for n, word in enumerate(exact)}     # later words more frequent
    counts.update({word: 1 + n for n, word in enumerate(loose)})   # सोनिया the most frequent
    lexicon = Lexicon(counts)
    found = lexicon.sharing_keys("sonia")
    assert len(found) == MAX_CANDIDATES == 300
    assert found[:MAX_CANDIDATES - MIN_LOOSE] == exact[::-1][:MAX_CANDIDATES - MIN_LOOSE]
    assert found[MAX_CANDIDATES - MIN_LOOSE:] == loose[::-1][:MIN_LOOSE]
    assert [word for word, _ in lexicon.lookup("sonia", limit=1)] == ["सोनिया"]


def test_sharing_keys_of_nothing_typed():
    lexicon = Lexicon({"बजट": 2})
    assert lexicon.sharing_keys("") == []
    assert lexicon.sharing_keys("!!") == []
    assert lexicon.sharing_keys("budget") == ["बजट"]


@pytest.mark.parametrize("a, b, distance", [
    ("kitten", "sitting", 3), ("flaw", "lawn", 2), ("intention", "execution", 5),
    ("", "abc", 3), ("abc", "", 3), ("", "", 0), ("sn", "sn", 0), ("sn", "sny", 1),
    ("shn", "sn", 1), ("snhvy", "sn", 3), ("ab", "ba", 2), ("a", "b", 1),
])
def test_edit_distance_of_keys_is_levenshtein(a, b, distance):
    """Loose matches are ordered by this distance; these are textbook Levenshtein values."""
    assert _edit_distance(a, b) == distance


def test_frequency_of_a_word_not_of_its_look_alikes():
    lexicon = Lexicon({"पुतिन": 5, "पुटिन": 2, "પુતિન": 3})
    assert lexicon.frequency("पुतिन") == 5
    assert lexicon.frequency("पुटिन") == 2
    assert lexicon.frequency("પુતિન") == 3
    assert lexicon.frequency("पूतिन") == 0     # same key as पुतिन, not in the lexicon
    assert lexicon.frequency("मोदी") == 0


def test_membership_is_for_native_words_only():
    lexicon = Lexicon({"पुतिन": 5})
    assert "पुतिन" in lexicon
    assert "पुटिन" not in lexicon
    assert 5 not in lexicon and None not in lexicon


def test_entries_list_each_word_with_its_script_and_count():
    lexicon = Lexicon({"पुतिन": 5, "putin": 9, "પુતિન": 3})
    assert list(lexicon.entries()) == [("पुतिन", "hi", 5), ("પુતિન", "gu", 3)]


def test_a_new_or_loaded_lexicon_has_no_aliases(tmp_path):
    lexicon = Lexicon({"पुतिन": 5})
    path = tmp_path / "lexicon.pickle"
    lexicon.save(path)
    for each in (lexicon, Lexicon.load(path)):
        assert len(each.aliases) == 0
        assert each.aliases.of("putin") == []


def test_loading_another_file_names_what_was_expected(tmp_path):
    path = tmp_path / "other.pickle"
    path.write_bytes(pickle.dumps({"format": "searcher.spelling/1"}))
    with pytest.raises(ValueError, match=r"other\.pickle is not a saved Lexicon"):
        Lexicon.load(path)
