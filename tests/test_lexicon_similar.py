"""``Lexicon.similar``: other spellings of a native word, scored 1.0 (the same spelling up to
variants, in either script), 0.9 (the same sound: ત/ટ) or 0.7 (one letter apart)."""
from __future__ import annotations

import pytest

from searcher.lexicon import SIMILAR_SCORES, Lexicon


def test_the_three_scores():
    assert SIMILAR_SCORES == (1.0, 0.9, 0.7)
    lexicon = Lexicon({"પુતિન": 5, "પુટિન": 1, "पुतिन": 7, "पुतन": 2, "પટણા": 2})
    assert lexicon.similar("પુતિન") == [("पुतिन", 1.0), ("પુટિન", 0.9), ("पुतन", 0.7)]


def test_ties_go_to_the_more_frequent_word():
    """पुतीन and પુતિન are both the same spelling as पुतिन; the commoner comes first."""
    lexicon = Lexicon({"पुतिन": 1, "पुतीन": 2, "પુતિન": 9, "पुटिन": 50, "पुतन": 70})
    assert lexicon.similar("पुतिन") == [("પુતિન", 1.0), ("पुतीन", 1.0), ("पुटिन", 0.9),
                                        ("पुतन", 0.7)]


def test_a_spelling_with_another_key_is_found_through_its_loose_key():
    """मिसायल (key ``nsyl``) and मिसाइल (``nsl``) differ in a y typists drop."""
    assert Lexicon({"मिसाइल": 3, "मिसायल": 1}).similar("मिसाइल") == [("मिसायल", 0.7)]


PUTIN_LOOK_ALIKES = ["पुतीन", "पूतिन", "पूतीन", "પુતિન", "પુતીન", "પૂતિન", "પૂતીન",
                     "पुटिन", "पुटीन", "પુટિન", "પુટીન", "पुतन"]


def test_limit():
    lexicon = Lexicon(dict.fromkeys(["पुतिन", *PUTIN_LOOK_ALIKES], 1))
    everything = lexicon.similar("पुतिन", limit=100)
    assert {word for word, _ in everything} == set(PUTIN_LOOK_ALIKES)
    assert lexicon.similar("पुतिन") == everything[:10]
    assert lexicon.similar("पुतिन", limit=1) == everything[:1]
    assert lexicon.similar("पुतिन", limit=0) == []
    assert lexicon.similar("पुतिन", limit=-1) == []


# query, other spelling in the lexicon, score (0: not offered)
ONE_LETTER = [
    ("मोस्को", "मास्को", 0.7),      # a vowel in the middle
    ("मास्को", "मास्का", 0.7),      # the last letter, not an ending added
    ("कुर्स्क", "खुर्स्क", 0.7),    # the first letter
    ("पुतिन", "पुतन", 0.7),        # a letter dropped ...
    ("पुतन", "पुतिन", 0.7),        # ... or added
    ("लावरोव", "लावरव", 0.7),
    ("पुतिन", "पुतिने", 0),        # an ending is an inflection, not another spelling
    ("पुतिने", "पुतिन", 0),
    ("मिसाइल", "मिसाइलें", 0),     # two letters more
    ("मोस्को", "मास्का", 0),       # two letters apart
    ("कुर्स्क", "खुर्स्की", 0),     # the first letter and one more
    ("भारत", "भरत", 0),            # too short to call one letter a variant (भरत is a name)
    ("कीव", "कीएव", 0),
]


@pytest.mark.parametrize("query, other, score", ONE_LETTER)
def test_one_letter_apart(query, other, score):
    found = dict(Lexicon({query: 3, other: 1}).similar(query))
    assert found == ({other: score} if score else {})


def test_the_word_itself_and_words_of_no_script_are_not_similar():
    lexicon = Lexicon({"पुतिन": 3, "पुटिन": 1})
    assert lexicon.similar("पुटिन") == [("पुतिन", 0.9)]
    assert lexicon.similar("putin") == []
    assert lexicon.similar("") == []
