"""``Lexicon.sounding_like``, the uncapped look that mines aliases at build time: which words
a typed word reaches by its loose key (0) or by a loose key one class apart (1)."""
from __future__ import annotations

import pytest

from searcher.lexicon import MAX_LETTERS, MIN_NEAR_KEY, Lexicon, _one_class_apart

#: "israel" reads as srl and as jrl (s before r as z).
ISRAEL = {"ઈઝરાયેલ": 5, "ઇસ્રાએલ": 2, "ઇઝરાયેલનું": 1, "સર": 3, "સિલ": 1, "પટણા": 1}


def test_each_word_at_its_nearest_reading():
    """ઈઝરાયેલ (jrl) is one class from the reading srl but shares the reading jrl: 0.
    ઇઝરાયેલનું (jrln) adds a class; સર and સિલ drop one, leaving keys under three classes."""
    assert MIN_NEAR_KEY == 3
    assert Lexicon(ISRAEL).sounding_like("israel") == {"ઇસ્રાએલ": 0, "ઈઝરાયેલ": 0,
                                                       "ઇઝરાયેલનું": 1}


def test_a_saved_lexicon_sounds_alike_the_same(tmp_path):
    lexicon = Lexicon(ISRAEL)
    lexicon.save(tmp_path / "lexicon.pickle")
    loaded = Lexicon.load(tmp_path / "lexicon.pickle")
    assert loaded.sounding_like("israel") == lexicon.sounding_like("israel")
    assert loaded.sounding_like("cancer") == lexicon.sounding_like("cancer") == {}


@pytest.mark.parametrize("typed", ["", "!!", "1234", "israel" * 7])
def test_nothing_typed_or_too_long_reaches_nothing(typed):
    assert Lexicon(ISRAEL).sounding_like(typed) == {}


def test_forty_letters_are_still_looked_at_forty_five_are_not():
    assert MAX_LETTERS == 40
    lexicon = Lexicon({"પુતિન" * 8: 1, "પુતિન" * 9: 1})
    assert lexicon.sounding_like("putin" * 8) == {"પુતિન" * 8: 0}
    assert lexicon.sounding_like("putin" * 9) == {}


def test_keys_under_three_classes_reach_only_their_own():
    """"sar" (sr) finds સર, not સરસ (srs), a class added: too many words are one class off."""
    assert Lexicon({"સર": 4, "સરસ": 2}).sounding_like("sar") == {"સર": 0}


def test_keys_one_class_changed_added_or_dropped():
    assert _one_class_apart("srl", "j") == {"jrl", "sjl", "srj",                # changed
                                            "jsrl", "sjrl", "srjl", "srlj"}     # added
    assert _one_class_apart("srlk", "") == {"rlk", "slk", "srk", "srl"}         # dropped
    assert _one_class_apart("srl", "s") == {"ssl", "srs", "ssrl", "srsl", "srls"}  # not srl


def test_key_reach_near_keys_leave_out_the_readings_themselves():
    """"israel" reads as srl and jrl, each one class from the other: both are ``same``."""
    same, near = Lexicon(ISRAEL).key_reach("israel")
    assert same == {"srl", "jrl"}
    assert not near & same
    assert {"jrln", "srln"} <= near             # a class added
    assert not {"jr", "sl"} & near              # a class dropped leaves keys under three
    assert Lexicon(ISRAEL).key_reach("isro") == ({"sr", "jr"}, set())
    assert Lexicon(ISRAEL).key_reach("") == (set(), set())
