"""Romanized lookup over the words of the bundled articles (no network, no ../shared)."""
from __future__ import annotations

import pickle
from collections import Counter
from pathlib import Path

import pytest

from searcher.lexicon import Lexicon
from searcher.normalize import normalize_token
from searcher.tokenize import words

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    counts: Counter = Counter()
    for path in sorted(ARTICLES.glob("*.txt")):
        counts.update(normalize_token(word) for word in words(path.read_text("utf-8")))
    return Lexicon(counts)


def found(lexicon: Lexicon, latin: str, limit: int = 10) -> list[str]:
    return [word for word, _ in lexicon.lookup(latin, limit)]


# typed, expected word (as it occurs in the articles), must be within this rank
LOOKUPS = [
    ("shoigu", "શોઇગુ", 3), ("shoigu", "शोइगु", 3),
    ("putin", "પુતિન", 3), ("putin", "पुतिन", 3), ("putin", "પુટિન", 5),
    ("pyongyang", "પ્યોંગયાંગે", 3),  # only inflected forms occur in the Gujarati article
    ("pyongyang", "प्योंगयांग", 3),
    ("kursk", "કુર્સ્ક", 3), ("kursk", "कुर्स्क", 3),
    ("bloomberg", "બ્લૂમબર્ગ", 3), ("bloomberg", "ब्लूमबर्ग", 3),
    ("lavrov", "લાવરૉવ", 1),
    ("samarthan", "સમર્થન", 2), ("samarthan", "समर्थन", 2),
    ("vijay", "વિજય", 1), ("divas", "દિવસ", 2),
    ("kim", "કિમ", 2), ("kim", "किम", 2),
    ("jong", "જોંગ", 2), ("un", "ઉન", 3),
    ("moscow", "મોસ્કો", 3), ("korea", "કોરિયા", 3), ("missile", "મિસાઇલ", 3),
    ("russia", "રશિયા", 3), ("kyiv", "कीव", 3), ("zaporizhzhia", "ઝાપોરિઝ્ઝિયા", 3),
    ("Putin", "પુતિન", 3),  # typed with a capital
]


@pytest.mark.parametrize("latin, native, rank", LOOKUPS)
def test_lookup_finds_word(lexicon, latin, native, rank):
    assert native in found(lexicon, latin)[:rank]


@pytest.mark.parametrize("latin, native", [
    # ukraine → યુક્રેન was a known gap; the English-orthography reading fixed it
    pytest.param("ukraine", "યુક્રેન"),
    pytest.param("zaporizhzhia", "जापोरिज्जिया", marks=pytest.mark.xfail(
        reason="zh for ज्ज is beyond what the Dakshina-trained model has seen")),
])
def test_english_typed_names_known_gaps(lexicon, latin, native):
    assert native in found(lexicon, latin)[:3]


def test_both_scripts_score_high(lexicon):
    scores = dict(lexicon.lookup("shoigu"))
    assert scores["શોઇગુ"] > 0.5 and scores["शोइगु"] > 0.5


def test_scores_are_ranked_and_bounded(lexicon):
    results = lexicon.lookup("putin", limit=4)
    assert len(results) == 4
    scores = [score for _, score in results]
    assert all(0 < score <= 1 for score in scores)
    assert scores == sorted(scores, reverse=True)


def test_similar_finds_retroflex_spelling(lexicon):
    assert "પુટિન" in dict(lexicon.similar("પુતિન"))
    assert "पुतिन" in dict(lexicon.similar("પુતિન"))


def test_similar_finds_vowel_length_variant_in_either_script():
    lexicon = Lexicon({"મિસાઇલ": 3, "મિસાઈલ": 1, "मिसाइल": 2, "मिसाइलें": 1, "માઇલ": 4})
    similar = dict(lexicon.similar("મિસાઇલ"))
    assert set(similar) == {"મિસાઈલ", "मिसाइल"}
    assert "મિસાઇલ" not in similar


def test_similar_excludes_inflections_and_unknown_words(lexicon):
    assert "પુતિનને" not in dict(lexicon.similar("પુતિન"))
    assert lexicon.similar("putin") == []
    assert lexicon.similar("") == []


def test_save_load_round_trip(lexicon, tmp_path):
    path = tmp_path / "lexicon.pickle"
    lexicon.save(path)
    loaded = Lexicon.load(path)
    assert len(loaded) == len(lexicon)
    for latin in ("putin", "shoigu", "samarthan", "kim"):
        assert loaded.lookup(latin) == lexicon.lookup(latin)
    assert loaded.similar("પુતિન") == lexicon.similar("પુતિન")


def test_load_rejects_other_pickles(tmp_path):
    path = tmp_path / "other.pickle"
    path.write_bytes(pickle.dumps({"words": []}))
    with pytest.raises(ValueError):
        Lexicon.load(path)


def test_empty_lexicon():
    lexicon = Lexicon({})
    assert len(lexicon) == 0
    assert lexicon.lookup("putin") == []
    assert lexicon.similar("પુતિન") == []


def test_latin_and_digit_words_are_not_indexed():
    lexicon = Lexicon({"putin": 5, "2025": 3, "પુતિન": 1})
    assert len(lexicon) == 1
    assert "પુતિન" in lexicon and "putin" not in lexicon


@pytest.mark.parametrize("garbage", [
    "", "!!!", "   ", "1234", "😀😀", "a" * 10_000, "putin" * 2000, "ક્ષ", "\u200d", "x", "ng",
])
def test_garbage_input_is_harmless(lexicon, garbage):
    results = lexicon.lookup(garbage)
    assert len(results) <= 10
    assert all(0 < score <= 1 for _, score in results)


def test_limit(lexicon):
    assert lexicon.lookup("putin", limit=0) == []
    assert len(lexicon.lookup("kim", limit=2)) == 2



def test_the_order_words_arrive_in_changes_no_lookup():
    """Engines list their vocabulary in different orders (Whoosh by segment and field,
    OpenSearch by code point): ties in frequency must not be cut by arrival order.
    600 words share ओबामा's consonant key, twice ``MAX_CANDIDATES``, all equally used."""
    from searcher.lexicon import MAX_CANDIDATES, Lexicon
    signs = ["", "ा", "ि", "ी", "ु", "ू", "े", "ै", "ो", "ौ"]
    words = {head + "ब" + first + "म" + last: 2 for head in ["", "अ", "आ", "इ", "ओ", "उ"]
             for first in signs for last in signs}
    assert len(words) > MAX_CANDIDATES
    forward, backward = Lexicon(words), Lexicon(dict(reversed(list(words.items()))))
    for typed in ("obama", "bama", "bimi"):
        assert forward.lookup(typed) == backward.lookup(typed)
