"""Latin words bring the English derivations and the other spellings of what they name."""

import pytest

from index.build import build
from searcher.expand import (
    DERIVED_FACTOR,
    VARIANT_FACTOR,
    _one_vowel_apart,
    derived,
    expand_word,
    readings,
)
from searcher.lexicon import Lexicon
from searcher.search import SearchEngine
from newsfixture import write_jsonl


@pytest.mark.parametrize("a, b, apart", [
    ("बाइडन", "बाइडेन", True),      # an inner vowel more
    ("ઇઝરાયલ", "ઈઝરાયેલ", True),    # long/short folded, then one vowel
    ("એમેઝોન", "અમેઝોન", True),      # the first vowel
    ("हीरा", "हीरो", False),         # the last sound: another word (diamond, hero)
    ("રોટ", "રેટ", False),           # too short to tell a variant from a word
    ("बाइडन", "બાઇડેન", False),      # other script: the pivot already joins those
    ("मिसाइल", "मिसाइलें", False),    # an ending, not a vowel inside
])
def test_one_vowel_apart(a, b, apart):
    assert _one_vowel_apart(a, b) is apart


def test_rarer_spelling_a_vowel_apart_joins_weakly_in_its_script():
    lexicon = Lexicon({"बाइडेन": 18, "बाइडन": 5})
    kept, variants = readings("biden", lexicon)
    assert [w for w, _ in kept] == ["बाइडेन"]
    assert dict(variants)["बाइडन"] <= VARIANT_FACTOR
    terms = {a.term for a in expand_word("biden", lexicon) if a.via == "बाइडन"}
    assert terms == {"बाइडन", "s:बाइडन"}  # not x:बाइडन, which would match Gujarati too


def test_far_commoner_word_a_vowel_apart_is_another_word():
    lexicon = Lexicon({"બિહાર": 8, "બહાર": 208})
    assert "બહાર" not in dict(readings("bihar", lexicon)[1])


def test_english_derivation_joins_at_a_stems_weight():
    lexicon = Lexicon({"ક્રિકેટ": 40, "ક્રિકેટર": 12, "रेट": 30, "रेटिंग": 20})
    assert derived("cricket", [("ક્રિકેટ", 1.0)], lexicon) == [("ક્રિકેટર", DERIVED_FACTOR)]
    assert derived("rate", [("रेट", 1.0)], lexicon) == [("रेटिंग", DERIVED_FACTOR)]  # rat(e)ing


def test_derivation_must_spell_the_typed_word_with_its_ending():
    """A look-alike reading (बाद for ``bihar``) brings no derivation (बादर)."""
    assert derived("bihar", [("बाद", 1.0)], Lexicon({"बाद": 50, "बादर": 3})) == []


FILLER = "સોમવારે મંગળવારે બુધવારે ગુરુવારે શુક્રવારે શનિવારે રવિવારે સવારે સાંજે રાત્રે".split()
ITEMS = [
    ("gu", "ભારતની ક્રિકેટ ટીમ જીતી"),
    ("gu", "યુવા ક્રિકેટરોને તક મળી"),
    ("hi", "बाइडेन ने भाषण दिया"),
    ("hi", "बाइडेन की बैठक हुई"),
    ("hi", "बाइडेन का दौरा तय"),
    ("hi", "बाइडन का बयान आया"),
    ("gu", "ઘરની બહાર વરસાદ"),
    ("gu", "ક્રિકેટર ઘાયલ થયો"),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    root = tmp_path_factory.mktemp("variants")
    source = write_jsonl(root / "news.jsonl",
                         [{"id": f"{lang}-{n}", "title": f"{title} {FILLER[n]}", "text": "",
                           "lang": lang} for n, (lang, title) in enumerate(ITEMS)])
    build([source], root / "index", procs=1)
    return SearchEngine(root / "index")


def test_search_finds_derivations_and_spellings_below_the_word(engine):
    cricket = [hit.id for hit in engine.search("cricket").results]
    assert cricket[0] == "gu-0" and set(cricket) == {"gu-0", "gu-1", "gu-7"}  # ક્રિકેટરોને too
    biden = [hit.id for hit in engine.search("biden").results]
    assert set(biden) == {"hi-2", "hi-3", "hi-4", "hi-5"} and biden[-1] == "hi-5"
