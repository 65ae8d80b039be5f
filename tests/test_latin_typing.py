"""Sound units, blocking keys and the channel model of searcher.latin_typing."""
from __future__ import annotations

from importlib import resources

import pytest

from searcher.latin_typing import (
    ChannelModel, coarse_key, latin_key, latin_keys, latin_letters, native_key, native_keys, units,
)


@pytest.mark.parametrize("word, expected", [
    ("કિમ", ("क", "ि", "म", "अ$")),
    ("किम", ("क", "ि", "म", "अ$")),  # both scripts read alike
    ("શોઇગુ", ("श", "ो", "ि", "ग", "ु")),  # independent इ reads as its sign
    ("અમર", ("अ^", "म", "अ", "र", "अ$")),
    ("કુર્સ્ક", ("क", "ु", "र्", "स्", "क", "अ$")),
    ("ज़हर", ("ज़", "अ", "ह", "अ", "र", "अ$")),
    ("क्षमा", ("क्ष", "अ", "म", "ा")),
    ("ज्ञान", ("ज्ञ", "ा", "न", "अ$")),
    ("संबंध", ("स", "अ", "ंp", "ब", "अ", "ं", "ध", "अ$")),  # anusvara before a labial
    ("ગાયું", ("ग", "ा", "य", "ु", "ं$")),
    ("", ()),
])
def test_units(word, expected):
    assert units(word) == expected


@pytest.mark.parametrize("native, typed", [
    ("પુતિન", "putin"), ("પુટિન", "puttin"), ("શોઇગુ", "shoigu"), ("शोइगु", "soigu"),
    ("સમર્થન", "samarthan"), ("प्योंगयांग", "pyongyang"), ("ખબર", "kabar"),
    ("ફિલ્મ", "film"), ("ઝાપોરિઝ્ઝિયા", "japorijjiya"), ("क्षमता", "kshamta"),
    ("ज्ञान", "gyan"), ("પૃથ્વી", "pruthvi"), ("वाराणसी", "varanasi"),
])
def test_native_and_typed_share_key(native, typed):
    assert native_key(native) in latin_keys(latin_letters(typed))


@pytest.mark.parametrize("native, typed", [
    ("ગાયું", "gayu"),  # final anusvara not typed
    ("ટૂંકમાં", "tukma"),  # anusvara not typed
    ("આગળ", "aagad"), ("ગોળી", "gori"),  # ળ typed d / r
    ("વિજય", "vijai"),  # y comes and goes
    ("क्षमा", "shama"),
])
def test_loose_keys_forgive_common_typing(native, typed):
    key, loose = native_keys(native)
    assert any(coarse_key(k) in loose for k in latin_keys(latin_letters(typed)))


@pytest.mark.parametrize("typed, letters", [
    ("Putin", "putin"), ("Zaporizhzhia!", "zaporizhzhia"), ("café", "cafe"),
    ("vijay divas", "vijaydivas"), ("😀123", ""), ("", ""),
])
def test_latin_letters(typed, letters):
    assert latin_letters(typed) == letters


def test_latin_readings():
    assert latin_keys("cinema") == ["cn", "kn", "sn"]
    assert "ksn" in latin_keys("action")  # -tion read as -shan
    assert latin_key("") == "" and latin_keys("") == [""]


@pytest.fixture(scope="module", params=["gu", "hi"])
def model(request) -> ChannelModel:
    return ChannelModel.load(request.param)


def test_model_prefers_the_typed_word(model):
    assert model.logprob("પુતિન", "putin") > model.logprob("પટણા", "putin")
    assert model.logprob("समर्थन", "samarthan") > model.logprob("समर्थन", "samartha") - 5
    assert model.logprob("किम", "kim") > -5


def test_shared_prefixes_do_not_change_scores(model):
    words = sorted(units(w) for w in ["પુતિન", "પુતિનને", "પુતિનના", "પુટિન", "પટણા", "ખબર"])
    together = model.scores("putin", words)
    alone = [model.scores("putin", [w])[0] for w in words]
    assert together == pytest.approx(alone)


def test_floors_drop_hopeless_words(model):
    words = [units("પુતિન"), units("ખબર")]
    scores = model.scores("putin", words, floors=[-30.0, -3.0])
    assert scores[0] > -30 and scores[1] == float("-inf")


@pytest.mark.parametrize("lang", ["gu", "hi"])
def test_model_file_names_its_source_and_licence(lang):
    text = resources.files("searcher").joinpath(f"data/romanizer_{lang}.tsv").read_text("utf-8")
    header = "".join(line for line in text.splitlines()[:6] if line.startswith("#"))
    assert "Dakshina" in header and "CC BY-SA 4.0" in header and "train" in header
    assert len(text.encode()) < 1_000_000
