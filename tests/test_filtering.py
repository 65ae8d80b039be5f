"""Filters as document sets; facets counted without their own filter (searcher.filtering)."""
from searcher.filtering import DATES, Narrowing

FACETS = {"lang": {"gu": {1, 2, 3}, "hi": {4, 5}},
          "source": {"zeenews.india.com": {1, 2}, "bbc-hindi": {4}, "l3cube-headlines": {3, 5}}}
MATCHES = {1, 2, 3, 4, 5}


def test_no_filter_counts_everything():
    narrowing = Narrowing.of({}, FACETS)
    assert narrowing.apply(MATCHES) == MATCHES
    assert narrowing.facet_counts(MATCHES, FACETS) == {
        "lang": {"gu": 3, "hi": 2},
        "source": {"bbc-hindi": 1, "l3cube-headlines": 2, "zeenews.india.com": 2}}


def test_a_language_filter_keeps_the_other_languages_count():
    narrowing = Narrowing.of({"lang": "gu"}, FACETS)
    assert narrowing.apply(MATCHES) == {1, 2, 3}
    counts = narrowing.facet_counts(MATCHES, FACETS)
    assert counts["lang"] == {"gu": 3, "hi": 2}
    assert counts["source"] == {"l3cube-headlines": 1, "zeenews.india.com": 2}


def test_two_filters_narrow_each_others_facets():
    narrowing = Narrowing.of({"lang": "hi", "source": "l3cube-headlines"}, FACETS)
    assert narrowing.apply(MATCHES) == {5}
    counts = narrowing.facet_counts(MATCHES, FACETS)
    assert counts["lang"] == {"gu": 1, "hi": 1}          # l3cube in each language
    assert counts["source"] == {"bbc-hindi": 1, "l3cube-headlines": 1}   # Hindi sources


def test_an_unknown_value_allows_nothing():
    assert Narrowing.of({"source": "nowhere"}, FACETS).apply(MATCHES) == set()


def test_a_date_range_counts_the_undated_it_left_out():
    dated = {1, 2, 4}
    narrowing = Narrowing.of({"lang": "gu"}, FACETS, dated_in_range={1})
    assert DATES in narrowing.allowed
    assert narrowing.apply(MATCHES) == {1}
    assert narrowing.undated_left_out(MATCHES, dated) == 1          # 3: Gujarati, undated
    assert Narrowing.of({}, FACETS, {1}).undated_left_out(MATCHES, dated) == 2
    assert Narrowing.of({"lang": "gu"}, FACETS).undated_left_out(MATCHES, dated) == 0
