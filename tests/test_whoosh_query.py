"""Query building is a pure function: parsed query + expander in, Whoosh query out (no index)."""
from __future__ import annotations

import json

import pytest
from whoosh import query as wq
from whoosh.query import spans

from searcher.expand import Alternative
from searcher.querylang import Clause, parse
from searcher.whoosh.query import (
    FIELDS,
    SpanAlternatives,
    build_filter,
    build_query,
    clause_query,
    word_query,
)


def expand(word: str) -> list[Alternative]:
    """Two terms per word: as written (weight 1) and a made-up stem (weight 0.5)."""
    return [Alternative(word, "as written", 1.0), Alternative(word + "~", "stem", 0.5)]


def terms(query) -> set[tuple[str, str, float]]:
    return {(q.fieldname, q.text, q.boost) for q in query.leaves() if isinstance(q, wq.Term)}


def test_word_query_is_an_or_of_weighted_terms_in_one_field():
    query = word_query(expand("કિમ"), "body")
    assert isinstance(query, wq.Or)
    assert [(q.fieldname, q.text, q.boost) for q in query.subqueries] == [
        ("body", "કિમ", 1.0), ("body", "કિમ~", 0.5)]


def test_one_word_is_searched_in_every_text_field():
    query = build_query(parse("કિમ"), expand)
    assert terms(query) == {(f, t, w) for f in FIELDS for t, w in (("કિમ", 1.0), ("કિમ~", 0.5))}


def test_or_group_keeps_every_alternative():
    query = build_query(parse("છે OR है OR पुतिन"), expand)
    assert isinstance(query, wq.Or) and len(query.subqueries) == 3
    assert {t for _, t, _ in terms(query)} == {"છે", "છે~", "है", "है~", "पुतिन", "पुतिन~"}


def test_words_are_all_required_unless_asked_otherwise():
    query = build_query(parse("કિમ પુતિન"), expand)
    assert isinstance(query, wq.AndMaybe)            # all words, and a proximity bonus
    assert isinstance(query.a, wq.And) and len(query.a.subqueries) == 2
    loose = build_query(parse("કિમ પુતિન"), expand, require_all=False)
    assert isinstance(loose.a, wq.Or) and len(loose.a.subqueries) == 2


def test_proximity_bonus_is_a_phrase_of_the_single_words():
    query = build_query(parse("કિમ જોંગ ઉન"), expand)
    assert isinstance(query, wq.AndMaybe)
    phrases = query.b.subqueries
    assert len(phrases) == len(FIELDS)
    for phrase in phrases:
        assert isinstance(phrase, spans.SpanNear2)
        assert (phrase.slop, phrase.ordered) == (1, True) and len(phrase.qs) == 3


@pytest.mark.parametrize("text", ["કિમ", "કિમ OR પુતિન", '"કિમ જોંગ"', "કિમ -પુતિન",
                                  '"કિમ જોંગ" પુતિન', "કિમ OR પુતિન જોંગ"])
def test_no_proximity_bonus_without_two_single_words(text):
    assert not isinstance(build_query(parse(text), expand), wq.AndMaybe)


@pytest.mark.parametrize("text", ['"કિમ જોંગ ઉન"', '"કિમ જોંગ"'])
def test_quoted_phrase_is_ordered_and_adjacent_in_each_field(text):
    query = clause_query(parse(text).groups[0][0], expand)
    assert isinstance(query, wq.Or) and len(query.subqueries) == len(FIELDS)
    for phrase, field in zip(query.subqueries, FIELDS):
        assert isinstance(phrase, spans.SpanNear2) and (phrase.slop, phrase.ordered) == (1, True)
        assert [[(q.fieldname, q.text, q.boost) for q in part.subqs] for part in phrase.qs] == [
            [(field, w, 1.0), (field, w + "~", 0.5)] for w in text.strip('"').split()]


def test_phrase_with_one_known_word_is_that_word():
    def only_kim(word):
        return expand(word) if word == "કિમ" else []
    query = clause_query(Clause(("zzz", "કિમ"), phrase=True), only_kim)
    assert query == wq.Or([word_query(expand("કિમ"), field) for field in FIELDS])


def test_unquoted_words_of_one_clause_are_all_required():
    query = clause_query(Clause(("કિમ", "પુતિન")), expand)
    assert query == wq.And([wq.Or([word_query(expand(word), field) for field in FIELDS])
                            for word in ("કિમ", "પુતિન")])


def test_span_alternatives_estimate_their_size_as_the_sum_of_their_terms(two_scripts):
    with two_scripts.using() as opened:
        reader = opened.engine.reader
        either = SpanAlternatives([wq.Term("body", "વરસાદ"), wq.Term("body", "बाज़ार")])
        assert either.estimate_size(reader) == (wq.Term("body", "વરસાદ").estimate_size(reader)
                                                + wq.Term("body", "बाज़ार").estimate_size(reader))
        assert wq.Term("body", "વરસાદ").estimate_size(reader) >= 2


def test_excluded_words_are_removed():
    query = build_query(parse("પુતિન -કિમ -trump"), expand)
    assert isinstance(query, wq.AndNot)
    assert {t for _, t, _ in terms(query.b)} == {"કિમ", "કિમ~", "trump", "trump~"}
    assert {t for _, t, _ in terms(query.a)} == {"પુતિન", "પુતિન~"}


def test_words_that_expand_to_nothing_are_left_out():
    def only_kim(word):
        return expand(word) if word == "કિમ" else []
    assert terms(build_query(parse("કિમ zzz"), only_kim)) == terms(build_query(parse("કિમ"), expand))
    assert build_query(parse("zzz"), only_kim) is wq.NullQuery
    assert clause_query(parse('"zzz કિમ"').groups[0][0], only_kim) is not None


def test_filter_of_fields_and_an_inclusive_day_range():
    assert build_filter({}) is None and build_filter({"lang": ""}) is None
    assert build_filter({"lang": "gu"}) == wq.Term("lang", "gu")
    both = build_filter({"lang": "hi", "source": "revoi.in"})
    assert isinstance(both, wq.And) and set(both.subqueries) == {
        wq.Term("lang", "hi"), wq.Term("source", "revoi.in")}
    day = build_filter({}, "2025-07-14", "2025-07-14")
    assert isinstance(day, wq.TermRange) and (day.start, day.end) == ("2025-07-14", "2025-07-14")
    assert not day.startexcl and not day.endexcl
    open_end = build_filter({"lang": "gu"}, "2025-07-14", None)
    assert isinstance(open_end, wq.And) and wq.TermRange("day", "2025-07-14", None) in open_end.subqueries


@pytest.fixture(scope="module")
def two_scripts(tmp_path_factory):
    """An index where a Gujarati word and a Hindi word each have articles of their own."""
    from index.build import build
    from searcher.search import SearchEngine
    folder = tmp_path_factory.mktemp("two-scripts")
    gujarati = ["અમદાવાદમાં વરસાદ ત્રણ દિવસથી ચાલુ છે.",
                "ખેડૂતો કહે છે કે વરસાદ પાક માટે સારો છે.",
                "સુરતની શાળાઓ વરસાદને કારણે બંધ છે."]
    hindi = ["दिल्ली का बाज़ार आज बंद है।", "बाज़ार में सब्ज़ियों के दाम बढ़ गए हैं, यह चिंता की बात है।"]
    items = [{"id": f"gu{n}", "lang": "gu", "title": text.split()[0], "text": text}
             for n, text in enumerate(gujarati)]
    items += [{"id": f"hi{n}", "lang": "hi", "title": text.split()[0], "text": text}
              for n, text in enumerate(hindi)]
    (folder / "items.jsonl").write_text(
        "\n".join(json.dumps(item, ensure_ascii=False) for item in items), "utf-8")
    build([folder / "items.jsonl"], folder / "ix")
    return SearchEngine(folder / "ix")


@pytest.mark.parametrize("gujarati, hindi", [("વરસાદ", "बाज़ार"), ("છે", "है")])
def test_or_across_scripts_totals_the_union(two_scripts, gujarati, hindi):
    def ids(text):
        return {hit.id for hit in two_scripts.search(text, per_page=100).results}
    assert ids(gujarati) == {"gu0", "gu1", "gu2"} and ids(hindi) == {"hi0", "hi1"}
    either = two_scripts.search(f"{gujarati} OR {hindi}", per_page=100)
    assert either.total == 5 and ids(f"{gujarati} OR {hindi}") == ids(gujarati) | ids(hindi)
    assert ids(f"{hindi} OR {gujarati}") == ids(gujarati) | ids(hindi)
