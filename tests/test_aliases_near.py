"""Aliases whose consonant keys are one class apart: English spells a sound its own way."""
import json

import pytest

from index.build import build
from searcher.aliases import Aliases
from searcher.lexicon import Lexicon
from searcher.latin_typing import latin_keys
from searcher.layout import ALIASES, current_build

#: Filler words that tell the items apart (no near-duplicates) and pair with nothing.
FILLER = ("સોમવારે મંગળવારે બુધવારે ગુરુવારે શુક્રવારે શનિવારે રવિવારે સવારે સાંજે રાત્રે "
          "રાજકોટ વડોદરા ભાવનગર જામનગર જૂનાગઢ ભુજ પાટણ મહેસાણા નડિયાદ આણંદ").split()


def _items(title, count, start):
    return [title + " " + " ".join(FILLER[(start + n * 3 + k) % len(FILLER)] for k in range(3))
            for n in range(count)]


#: ``cancer`` reads knkr (c as k) or snsr (c as s); કેન્સર is knsr, one class apart.
#: કંકાલ (knkl, "skeleton") is one class apart too and rides along in every item,
#: but the letters do not spell it.
ITEMS = (_items("Cancer: કેન્સર સામે લડત કંકાલ", 4, 0)
         + _items("કેન્સરના દર્દીઓ માટે હોસ્પિટલ", 2, 1)
         + _items("ગામમાં વરસાદ પડ્યો", 60, 2))


@pytest.fixture(scope="module")
def clinic(tmp_path_factory):
    root = tmp_path_factory.mktemp("clinic")
    source = root / "news.jsonl"
    with source.open("w", encoding="utf-8") as f:
        for n, title in enumerate(ITEMS):
            f.write(json.dumps({"id": f"gu-{n:03d}", "title": title, "text": "", "lang": "gu"},
                               ensure_ascii=False) + "\n")
    build([source], root / "index", procs=1)
    return Aliases.load(current_build(root / "index") / ALIASES)


def test_keys_one_class_apart_pair_on_strong_company(clinic):
    (alias,) = clinic.of("cancer")
    assert (alias.native, alias.edits) == ("કેન્સર", 1)
    assert "one class apart" in alias.explain()


def test_a_near_key_word_the_letters_do_not_spell_is_no_alias(clinic):
    assert "કંકાલ" not in {a.native for a in clinic.of("cancer")}


def test_sounding_like_reaches_one_class_apart_and_is_uncapped():
    lexicon = Lexicon({"કેન્સર": 5, "कैंसर": 3, "કેસર": 3})
    found = lexicon.sounding_like("cancer")
    assert found["કેન્સર"] == 1 and found["कैंसर"] == 1
    assert "કેસર" not in found        # ksr: two classes from knkr
    assert lexicon.sharing_keys("cancer") == []  # the capped query-time look misses it


def test_short_keys_do_not_reach_one_class_apart():
    found = Lexicon({"સર": 4, "સરસ": 2}).sounding_like("sar")  # sr; સરસ is srs
    assert found == {"સર": 0}


@pytest.mark.parametrize("typed, key", [("israel", "jrl"), ("isro", "sr")])
def test_s_before_r_may_read_as_z(typed, key):
    assert key in latin_keys(typed)
