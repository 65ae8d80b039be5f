"""Completion (``searcher.suggest.complete`` and ``searcher.completion``).

The fixture index holds what makes a Latin prefix hard: the word meant
(હૈદરાબાદ, हैदराबाद, in four items each, as in the news corpus where it is far
more common), look-alikes of the letters typed (હિદ, हेड, हिद: the Dakshina
model reads ``hyd`` as हिद more readily than as हैद), Latin
words that begin with the letters (``jobs``, ``job``) and are more common than
the word meant, and a name whose words follow each other (કિમ જોંગ ઉન).
"""
from __future__ import annotations

import json

import pytest

from index.build import build
from searcher import completion
from searcher.completion import NativePrefixes, prefix_logprob, typed_keys
from searcher.lexicon import Lexicon
from searcher.latin_typing import units
from searcher.search import SearchEngine
from web import create_app

ITEMS = [
    ("gu", "હૈદરાબાદમાં વરસાદ", "હૈદરાબાદ શહેરમાં ભારે વરસાદ પડ્યો."),
    ("gu", "હૈદરાબાદની ટીમ જીતી", "હૈદરાબાદ અને ચેન્નાઈ વચ્ચે મેચ રમાઈ."),
    ("gu", "હિદ નામનું ગામ", "હિદ ગામમાં મેળો ભરાયો."),
    ("gu", "હૈદરાબાદ એરપોર્ટ", "હૈદરાબાદથી દિલ્હીની ફ્લાઇટ મોડી પડી."),
    ("gu", "હૈદરાબાદના સમાચાર", "હૈદરાબાદ પોલીસે તપાસ શરૂ કરી."),
    ("hi", "हैदराबाद में बारिश", "हैदराबाद शहर में भारी बारिश हुई।"),
    ("hi", "हैदराबाद की टीम जीती", "हैदराबाद और चेन्नई के बीच मैच हुआ।"),
    ("hi", "हेड कोच बदले", "टीम के हेड कोच ने इस्तीफा दिया। हिद नाम का एक गांव।"),
    ("hi", "हैदराबाद एयरपोर्ट", "हैदराबाद से दिल्ली की उड़ान देर से पहुंची।"),
    ("hi", "हैदराबाद की खबरें", "हैदराबाद पुलिस ने जांच शुरू की।"),
    ("gu", "કિમ જોંગ ઉનનો સંદેશ", "ઉત્તર કોરિયાના નેતા કિમ જોંગ ઉને પુતિનને સંદેશ મોકલ્યો."),
    ("hi", "किम जोंग उन का संदेश", "उत्तर कोरिया के नेता किम जोंग उन ने पुतिन को संदेश भेजा।"),
    ("hi", "जो लोग आए", "जो लोग आए वे खुश थे। जो भी हो।"),
    ("hi", "Jobs report", "New jobs data: jobs rose, job offers fell. Steve Jobs."),
    ("gu", "Jobs fair", "jobs jobs job hyderabad hydrogen"),
    ("hi", "Jobs again", "jobs for all, job for one"),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory) -> SearchEngine:
    root = tmp_path_factory.mktemp("suggest")
    lines = [{"id": f"i{n:02}", "lang": lang, "title": title, "text": text}
             for n, (lang, title, text) in enumerate(ITEMS)]
    (root / "news.jsonl").write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines), "utf-8")
    build([root / "news.jsonl"], root / "ix")
    return SearchEngine(root / "ix")


def first(suggestions: list[str], *wanted: str) -> int:
    """Return the position of the first of ``wanted`` in ``suggestions`` (a large number if none)."""
    return min((suggestions.index(w) for w in wanted if w in suggestions), default=99)


def test_a_latin_prefix_completes_to_the_native_word_it_begins_before_look_alikes(engine):
    found = engine.complete("hyd")
    assert "હૈદરાબાદ" in found and "हैदराबाद" in found
    assert first(found, "હૈદરાબાદ", "हैदराबाद") < first(found, "હિદ", "हेड", "हिद")
    assert found.index("હૈદરાબાદ") < 3 and found.index("हैदराबाद") < 3


def test_indexed_latin_words_are_offered_too(engine):
    assert "hyderabad" in engine.complete("hyd")
    assert engine.complete("hydr")[:1] == ["hydrogen"] or "hydrogen" in engine.complete("hydr")


def test_the_last_word_completes_in_the_context_of_the_one_before(engine):
    found = engine.complete("kim jo")
    assert found[:2] and set(found[:2]) == {"kim જોંગ", "kim जोंग"}
    assert first(found, "kim જોંગ", "kim जोंग") < first(found, "kim jobs", "kim job", "kim जो")


def test_context_from_a_native_previous_word(engine):
    assert engine.complete("કિમ જો")[0] == "કિમ જોંગ"


def test_context_completes_a_one_letter_last_word(engine):
    found = engine.complete("kim jong u")
    assert first(found, "kim jong ઉન", "kim jong उन") < 2


def test_without_context_jobs_is_a_fine_completion_of_jo(engine):
    assert "jobs" in engine.complete("jo")


def test_the_typed_word_itself_is_not_offered(engine):
    assert "hyderabad" not in engine.complete("hyderabad")
    assert all(s != "kim jong" for s in engine.complete("kim jong"))


@pytest.mark.parametrize("typed", ["", "   ", "!!", "-", "\u200d"])
def test_nothing_to_complete(engine, typed):
    assert engine.complete(typed) == []


def test_through_the_api(engine):
    client = create_app({"TESTING": True, "INDEX_DIR": str(engine.index_dir)}).test_client()
    data = client.get("/api/suggest", query_string={"q": "kim jo"}).get_json()
    assert data["suggestions"][0] in ("kim જોંગ", "kim जोंग")


def test_the_prefix_alignment_stops_once_the_letters_are_used():
    # everything after the typed letters is free: a word and its longer forms score alike
    assert prefix_logprob("gu", "haidar", units("હૈદર")) == prefix_logprob(
        "gu", "haidar", units("હૈદરાબાદ"))
    assert prefix_logprob("hi", "hai", units("हैदराबाद")) > prefix_logprob("hi", "hai", units("हिंदी"))
    # the letters may end inside a unit's spelling: "s" of "sh"
    assert prefix_logprob("hi", "s", units("शहर")) > float("-inf")


def test_a_common_look_alike_does_not_outrank_the_word_typed():
    prefixes = NativePrefixes(Lexicon({"પ્યોંગયાંગ": 2, "આપ્યું": 200}))
    assert [word for word, _, _, _ in prefixes.complete("pyon")][0] == "પ્યોંગયાંગ"


def test_typed_keys_drop_weak_letters_a_typist_adds():
    assert "hd" in typed_keys("hyd") and typed_keys("hyd")[0] == "hyd"


def test_native_prefixes_rank_by_how_likely_and_how_common():
    prefixes = NativePrefixes(Lexicon({"हैदराबाद": 40, "हेड": 5, "हिद": 1, "ગુજરાત": 9}))
    found = [word for word, _, _, _ in prefixes.complete("hyd")]
    assert found[0] == "हैदराबाद" and "ગુજરાત" not in found


def test_candidates_are_bounded():
    many = {f"क{chr(0x0915 + i % 30)}{chr(0x093e + i % 8)}{i}": 1 for i in range(2000)}
    prefixes = NativePrefixes(Lexicon(many))
    assert len(prefixes._candidates("k")) <= completion.MAX_CANDIDATES
