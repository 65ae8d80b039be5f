"""``searcher.opensearch.query`` and ``columns``: plans as query DSL, the vocabulary files (no node)."""
from __future__ import annotations

from searcher.expand import Alternative, expand_word
from searcher.opensearch import query
from searcher.opensearch.columns import Columns, Vocabulary, save_columns, save_vocabulary
from searcher.plan import AllOf, AnyOf, Excluding, Phrase, Ranked, Word, build_plan
from searcher.querylang import parse

KIM = Word((Alternative("કિમ", "word", 4.0), Alternative("x:किम", "pivot", 1.5)))
UN = Word((Alternative("ઉન", "word", 4.0),))


def leaves(dsl) -> list[dict]:
    """Every ``term`` and ``span_term`` clause of a DSL tree."""
    found = []
    if isinstance(dsl, dict):
        for key, value in dsl.items():
            if key in ("term", "span_term"):
                found.append(value)
            else:
                found += leaves(value)
    elif isinstance(dsl, list):
        for value in dsl:
            found += leaves(value)
    return found


def test_a_word_is_every_alternative_in_both_parts_with_the_title_boost():
    dsl = query.to_dsl(KIM)
    terms = [clause["term"] for clause in dsl["bool"]["should"]]
    assert {(field, t["value"], t["boost"]) for term in terms for field, t in term.items()} == {
        ("title.terms", "કિમ", 8.0), ("body.terms", "કિમ", 4.0),
        ("title.terms", "x:किम", 3.0), ("body.terms", "x:किम", 1.5)}
    assert dsl["bool"]["minimum_should_match"] == 1


def test_the_weigh_factor_multiplies_boosts_and_drops_absent_parts():
    def weigh(term, part):
        return None if part == "title" else 0.5
    terms = [c["term"] for c in query.to_dsl(KIM, weigh)["bool"]["should"]]
    assert terms == [{"body.terms": {"value": "કિમ", "boost": 2.0}},
                     {"body.terms": {"value": "x:किम", "boost": 0.75}}]
    assert query.to_dsl(KIM, lambda term, part: None) == {"match_none": {}}


def test_the_plan_tree_maps_onto_bool_queries():
    assert list(query.to_dsl(AllOf((KIM, UN)))["bool"]) == ["must"]
    assert query.to_dsl(AnyOf((KIM, UN)))["bool"]["minimum_should_match"] == 1
    ranked = query.to_dsl(Ranked(KIM, Phrase((KIM, UN))))["bool"]
    assert ranked["must"] == [query.to_dsl(KIM)] and len(ranked["should"]) == 1
    excluding = query.to_dsl(Excluding(KIM, AnyOf((UN,))))["bool"]
    assert excluding["must_not"] == [query.to_dsl(AnyOf((UN,)))]
    assert query.to_dsl(build_plan(parse("zzqx"), lambda word: [])) == {"match_none": {}}


def test_a_phrase_scores_by_its_words_in_each_part_where_they_stand_together():
    per_part = query.to_dsl(Phrase((KIM, UN)))["bool"]["should"]
    for part, clause in zip(("title", "body"), per_part):
        assert clause["bool"]["must"] == [query.word_dsl(KIM, parts=(part,)),
                                          query.word_dsl(UN, parts=(part,))]
        assert {field.split(".")[0] for term in leaves(clause["bool"]["must"])
                for field in term} == {part}
    near = [clause["bool"]["filter"][0]["span_near"] for clause in per_part]
    assert [n["slop"] for n in near] == [0, 0] and all(n["in_order"] for n in near)
    masked = {c["span_field_masking"]["field"] for n in near for w in n["clauses"]
              for c in w["span_or"]["clauses"]}
    assert masked == {"title.word", "body.word"}


def test_a_long_query_is_trimmed_under_the_clause_limit_keeping_the_best_weights():
    words = tuple(Word(tuple(Alternative(f"w{n}-{i}", "sound", 1.0 / (i + 1)) for i in range(150)))
                  for n in range(4))
    plan = Ranked(AllOf(words), Phrase(words))
    assert query.leaf_clauses(query.to_dsl(plan)) > query.MAX_CLAUSES
    assert len(leaves(query.limited_dsl(plan))) <= query.MAX_CLAUSES
    trimmed = query.trimmed(plan, query.most_alternatives(plan))
    assert query.to_dsl(trimmed) == query.limited_dsl(plan)
    kept = trimmed.match.parts[0].alternatives
    assert kept == words[0].alternatives[:len(kept)] and len(kept) > 10


def test_a_short_query_is_not_trimmed():
    plan = build_plan(parse("putin kim"), expand_word)
    assert query.limited_dsl(plan) == query.to_dsl(plan)


def keys(dsl) -> set[str]:
    """Every key of a DSL tree but the field names a ``term`` or ``span_term`` names."""
    found = set()
    if isinstance(dsl, dict):
        for key, value in dsl.items():
            if key in ("term", "span_term"):
                found |= {k for inner in value.values() if isinstance(inner, dict) for k in inner}
            else:
                found |= {key} | keys(value)
    elif isinstance(dsl, list):
        for value in dsl:
            found |= keys(value)
    return found


def test_user_text_only_ever_becomes_term_values():
    plan = build_plan(parse('"}\\" OR {script: 1}" query_string -ctx._source'), expand_word)
    dsl = query.to_dsl(plan)
    assert keys(dsl) <= {"bool", "should", "must", "must_not", "filter", "minimum_should_match",
                         "value", "boost", "span_near", "span_or", "span_field_masking", "query",
                         "field", "clauses", "slop", "in_order", "match_none"}
    assert leaves(dsl)          # the words are there, as term values


def test_the_vocabulary_file_keeps_each_parts_frequency(tmp_path):
    save_vocabulary(tmp_path / "v.tsv", {"title": {"કિમ": 2, "s:કિમ": 1},
                                         "body": {"કિમ": 5, "पुतिन": 3}})
    words = Vocabulary.load(tmp_path / "v.tsv")
    assert (words.frequency("કિમ"), words.in_part("કિમ", "title"), words.in_part("पुतिन", "title")
            ) == (5, 2, 0)
    assert words.frequency("absent") == 0
    assert words.with_prefix("s:", 10) == {"s:કિમ": 1}
    assert words.matching(lambda term: not term.startswith("s:")) == {"કિમ": 5, "पुतिन": 3}


def test_the_columns_file_answers_facets_days_and_ids(tmp_path):
    rows = [{"id": "a", "lang": "gu", "source": "x.in", "day": "2025-01-02"},
            {"id": "b", "lang": "hi", "source": "", "day": ""}]
    save_columns(tmp_path / "c.json", rows, {"title": 2, "body": 1})
    columns = Columns.load(tmp_path / "c.json")
    assert columns.docs_by_value("lang") == {"gu": {0}, "hi": {1}}
    assert columns.docs_by_value("source") == {"x.in": {0}}
    assert columns.column("day") == ["2025-01-02", ""]
    assert (columns.docnum("b"), columns.docnum("zz"), len(columns)) == (1, None, 2)
    assert columns.part_docs == {"title": 2, "body": 1}
