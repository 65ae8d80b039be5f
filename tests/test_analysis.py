from searcher.analysis import KINDS, analyze, forms, query_terms, word_terms
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
