"""The query plan: what a parsed query means, built without an index or an engine."""
import pytest

from searcher.expand import Alternative
from searcher.plan import (NOTHING, AllOf, AnyOf, Excluding, Phrase, Ranked, Word, build_plan,
                           clause_plan, proximity_plan)
from searcher.querylang import Clause, parse

#: What a small index would offer for each word (``zzz``: nothing at all).
TERMS = {
    "કિમ": [Alternative("કિમ", "word", 1.0), Alternative("x:किम", "pivot", 0.8)],
    "જોંગ": [Alternative("જોંગ", "word", 1.0)],
    "ઉન": [Alternative("ઉન", "word", 1.0), Alternative("s:ઉન", "stem", 0.7)],
    "putin": [Alternative("પુતિન", "romanized", 0.6, via="પુતિન"),
              Alternative("पुतिन", "romanized", 0.5, via="पुतिन")],
    "पुतिन": [Alternative("पुतिन", "word", 1.0)],
    "trump": [Alternative("trump", "word", 1.0)],
    "zzz": [],
}


def expand(word):
    return TERMS[word]


def w(word):
    return Word(tuple(TERMS[word]))


def test_a_word_is_its_alternatives_in_the_expanders_order():
    assert build_plan(parse("putin"), expand) == w("putin")


def test_single_words_must_all_match_and_rank_higher_together():
    assert build_plan(parse("કિમ ઉન"), expand) == Ranked(AllOf((w("કિમ"), w("ઉન"))),
                                                          Phrase((w("કિમ"), w("ઉન"))))


def test_the_any_word_fallback_keeps_the_proximity_ranking():
    assert build_plan(parse("કિમ ઉન"), expand, require_all=False) == Ranked(
        AnyOf((w("કિમ"), w("ઉન"))), Phrase((w("કિમ"), w("ઉન"))))


def test_or_joins_alternatives_of_one_group_across_scripts():
    plan = build_plan(parse("putin OR पुतिन"), expand)
    assert plan == AnyOf((w("putin"), w("पुतिन")))


def test_a_quoted_phrase_is_its_words_in_order_without_proximity_rescoring():
    assert build_plan(parse('"કિમ જોંગ ઉન"'), expand) == Phrase((w("કિમ"), w("જોંગ"), w("ઉન")))


def test_a_group_with_or_gets_no_proximity_phrase():
    plan = build_plan(parse("કિમ putin OR पुतिन"), expand)
    assert plan == AllOf((w("કિમ"), AnyOf((w("putin"), w("पुतिन")))))


def test_exclusions_are_any_of_the_excluded_clauses():
    plan = build_plan(parse("putin -trump -કિમ"), expand)
    assert plan == Excluding(w("putin"), AnyOf((w("trump"), w("કિમ"))))


def test_words_that_expand_to_nothing_are_left_out():
    assert build_plan(parse("zzz"), expand) is NOTHING
    assert build_plan(parse("કિમ zzz"), expand) == w("કિમ")     # not ranked twice by itself
    assert build_plan(parse("putin -zzz"), expand) == w("putin")
    assert clause_plan(Clause(("zzz", "કિમ"), phrase=True), expand) == w("કિમ")


def test_an_unquoted_clause_of_several_words_needs_them_all():
    assert clause_plan(Clause(("કિમ", "ઉન")), expand) == AllOf((w("કિમ"), w("ઉન")))


@pytest.mark.parametrize("text", ["કિમ", '"કિમ ઉન"', "કિમ OR ઉન", "કિમ ઉન OR જોંગ"])
def test_no_proximity_phrase_unless_every_group_is_one_single_word(text):
    assert proximity_plan(parse(text), expand) is None


def test_plans_are_values():
    """Frozen and comparable: the same query gives an equal plan (usable as a cache key)."""
    first, second = build_plan(parse("કિમ -trump"), expand), build_plan(parse("કિમ -trump"), expand)
    assert first == second and hash(first) == hash(second)
    with pytest.raises(AttributeError):
        first.match = NOTHING
