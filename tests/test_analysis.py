import pytest

from searcher.analysis import (BUILD_CACHE_BYTES, KINDS, _MEMOS, analyze, forms, iter_terms,
                               query_terms, term_positions, use_build_caches, word_terms,
                               words_with_terms)
from searcher.whoosh.schema import IndicAnalyzer, make_schema


def test_every_term_of_a_word_shares_its_position_and_offsets():
    text = "😀 ઉત્તર કોરિયાના નેતા શોઇગુએ"
    terms = list(analyze(text))
    by_pos = {}
    for term in terms:
        by_pos.setdefault(term.pos, set()).add((term.start, term.end))
    assert all(len(offsets) == 1 for offsets in by_pos.values())
    assert [text[t.start:t.end] for t in terms if t.kind == "word"] == \
        ["ઉત્તર", "કોરિયાના", "નેતા", "શોઇગુએ"]


def test_gujarati_and_hindi_meet_on_the_pivot():
    gu = dict(forms("શોઇગુએ"))
    hi = dict(forms("शोइगु"))
    assert gu["pivot"] == hi["pivot"] == "शोइग"
    assert gu["word"] != hi["word"]
    assert ("pivot", "x:शोइग") in word_terms("શોઇગુએ")


def test_query_terms_find_words_whose_coarser_terms_were_left_out():
    # पुतिन is its own stem and pivot, so only the word itself is indexed ...
    assert word_terms("पुतिन") == (("word", "पुतिन"),)
    # ... and a pivot-level query for it still asks for that word
    assert "पुतिन" in query_terms("pivot", "पुतिन")


def test_latin_words_are_lowercased_and_single():
    assert [t.text for t in analyze("KCNA Bloomberg")] == ["kcna", "bloomberg"]


def test_kinds_are_ranked_best_first():
    weights = [kind.weight for kind in KINDS]
    assert weights == sorted(weights, reverse=True)


def test_whoosh_adapter_keeps_positions_and_chars():
    tokens = [(t.text, t.pos, t.startchar, t.endchar)
              for t in IndicAnalyzer()("a કિમે", positions=True, chars=True)]
    assert ("a", 0, 0, 1) in tokens
    assert ("x:किम", 1, 2, 6) in tokens


def test_schema_pickles_with_its_analyzer():
    import pickle
    schema = pickle.loads(pickle.dumps(make_schema()))
    tokens = [t.text for t in schema["body"].analyzer("પુતિન")]
    assert "x:पुतिन" in tokens


@pytest.mark.parametrize("kind, expected", [
    ("word", ["पुतिन"]),
    ("stem", ["पुतिन", "s:पुतिन"]),
    ("pivot", ["पुतिन", "s:पुतिन", "x:पुतिन"]),
    ("sound", ["पुतिन", "s:पुतिन", "x:पुतिन", "p:पुतिन"]),
])
def test_query_terms_ask_for_the_kind_and_every_finer_one(kind, expected):
    assert query_terms(kind, "पुतिन") == expected


def test_query_terms_name_an_unknown_kind():
    with pytest.raises(KeyError) as raised:
        query_terms("lemma", "पुतिन")
    assert raised.value.args == ("lemma",)


def test_positions_count_words_from_zero_or_from_start_pos():
    assert [(t.text, t.pos) for t in analyze("કિમ કિમે")] == [
        ("કિમ", 0), ("x:किम", 0), ("કિમે", 1), ("s:કિમ", 1), ("x:किम", 1)]
    assert [t.pos for t in analyze("કિમ કિમે", start_pos=7)] == [7, 7, 8, 8, 8]
    assert [pos for _, _, pos, _, _ in iter_terms("પુતિન")] == [0, 0]


def test_term_positions_list_every_word_a_term_stands_for():
    # the third word repeats the first; punctuation and emoji hold no position
    assert term_positions("કિમ કિમે, 😀 કિમ") == {
        "કિમ": [0, 2], "x:किम": [0, 1, 2], "કિમે": [1], "s:કિમ": [1]}
    assert term_positions("") == {}


def test_term_positions_agree_with_analyze():
    text = "ઉત્તર કોરિયાના નેતા કિમે पुतिन से कहा KCNA"
    expected = {}
    for term in analyze(text):
        expected.setdefault(term.text, []).append(term.pos)
    assert term_positions(text) == expected


def test_words_with_terms_give_each_word_its_offsets_and_terms():
    assert list(words_with_terms("કિમે, पुतिन")) == [
        (0, 4, frozenset({"કિમે", "s:કિમ", "x:किम"})),
        (6, 11, frozenset({"पुतिन"})),
    ]


def test_build_caches_get_the_build_budgets_and_still_answer(monkeypatch):
    for name, memo in _MEMOS.items():   # restored after the test
        monkeypatch.setattr(memo, "budget", memo.budget)
    use_build_caches()
    assert {name: memo.budget for name, memo in _MEMOS.items()} == BUILD_CACHE_BYTES
    assert word_terms("શોઇગુએ") == (("word", "શોઇગુએ"), ("stem", "s:શોઇગુ"),
                                    ("pivot", "x:शोइग"), ("sound", "p:सोइग"))
