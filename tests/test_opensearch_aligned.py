"""The aligned-fields mapping for OpenSearch (searcher/opensearch/aligned.py), without a node."""
from __future__ import annotations

from pathlib import Path

import pytest

from searcher.analysis import KINDS, term_positions
from searcher.expand import expand_word
from searcher.normalize import normalize_token
from searcher.opensearch import aligned
from searcher.querylang import parse
from searcher.tokenize import spans

ROOT = Path(__file__).resolve().parents[1]

ARTICLES = sorted((ROOT / "data" / "articles").glob("*.txt"))
KIND_AT = {kind.name: at for at, kind in enumerate(KINDS)}


def _keys(query) -> set[str]:
    if isinstance(query, list):
        return set().union(*map(_keys, query)) if query else set()
    if isinstance(query, dict):
        return set(query).union(*map(_keys, query.values()))
    return set()


def _find(query, key: str) -> list:
    if isinstance(query, list):
        return [found for item in query for found in _find(item, key)]
    if isinstance(query, dict):
        here = [query[key]] if key in query else []
        return here + [found for value in query.values() for found in _find(value, key)]
    return []


@pytest.mark.parametrize("text", [
    "ઉત્તર કોરિયાના નેતા કિમ જોંગ ઉને રશિયન રાષ્ટ્રપતિ પુતિનને",
    "किम जोंग उन का पुतिन को संदेश",
    "KCNA ના અહેવાલ 2025, ‘લશ્કરી સહયોગ’",
])
def test_every_kind_holds_one_form_per_word(text):
    words = [w for w in (normalize_token(s.text) for s in spans(text)) if w]
    columns = aligned.aligned_forms(text)
    assert columns["word"] == words
    assert {len(column) for column in columns.values()} == {len(words)}


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_word_field_positions_are_the_whoosh_index_positions(path):
    text = path.read_text("utf-8")
    ours: dict[str, list[int]] = {}
    for position, form in enumerate(aligned.aligned_forms(text)["word"]):
        ours.setdefault(form, []).append(position)
    whoosh = {term: at for term, at in term_positions(text).items()
              if not any(term.startswith(kind.prefix) for kind in KINDS[1:])}
    assert ours == whoosh


@pytest.mark.parametrize("word, expected", [
    ("kcna", ("kcna", "kcna", "kcna", "kcna")),          # Latin: no coarser form, repeated
    ("ઉને", ("ઉને", "ઉન", "उन", "उन")),
    ("पुतिन", ("पुतिन", "पुतिन", "पुतिन", "पुतिन")),
])
def test_a_missing_coarser_form_repeats_the_finer_one(word, expected):
    assert aligned.column_forms(word) == expected


@pytest.mark.parametrize("form", ["a" * 300, "क" * 256, "😀" * 200])
def test_long_forms_are_cut_to_one_whitespace_token(form):
    cut = aligned.token(form)
    assert len(cut.encode("utf-16-le")) <= 2 * aligned.MAX_TOKEN_UNITS
    assert form.startswith(cut) and len(cut.encode("utf-16-le")) > 2 * aligned.MAX_TOKEN_UNITS - 4


def _article_words() -> set[str]:
    return {w for path in ARTICLES for w in aligned.aligned_forms(path.read_text("utf-8"))["word"]}


def _words_by_token() -> dict[tuple[str, str], set[str]]:
    """Return the article words holding each ``(kind, token)``."""
    holding: dict[tuple[str, str], set[str]] = {}
    for word in _article_words():
        for kind, form in zip(KIND_AT, aligned.column_forms(word)):
            holding.setdefault((kind, form), set()).add(word)
    return holding


def _unstable_stems() -> list[str]:
    """Return article words whose stem is not its own stem (અલગતામાંથી -> અલગતા -> અલગત), and those stems."""
    words = []
    for word in sorted(_article_words()):
        stem = aligned.column_forms(word)[1]
        if aligned.column_forms(stem)[1] != stem:
            words += [word, stem]
    return words


@pytest.mark.parametrize("queries", [
    ["કિમ", "पुतिन", "ઉને", "मिसाइल", "રશિયા", "kcna"], _unstable_stems()], ids=["names", "unstable"])
def test_the_reduced_pairs_match_the_same_words(queries):
    holding = _words_by_token()

    def matched(pairs) -> set[str]:
        return set().union(*(holding.get(pair, set()) for pair in pairs))
    assert len(queries) > 5
    for query in queries:
        wanted = aligned.targets(expand_word(query))
        assert matched(aligned.for_matching(wanted)) == matched(wanted), query
        assert matched(wanted), query


def test_reduction_drops_pairs_a_coarser_pair_implies():
    wanted = aligned.targets(expand_word("पुतिन"))
    assert len(aligned.for_matching(wanted)) < len(wanted)


def test_forms_the_index_lacks_are_left_out():
    vocabulary = {kind.name: set() for kind in KINDS}
    for path in ARTICLES:
        for kind, column in aligned.aligned_forms(path.read_text("utf-8")).items():
            vocabulary[kind].update(column)
    query = aligned.build_query(parse('"किम जोंग उन"'), expand_word, vocabulary=vocabulary)
    leaves = _find(query, "term") + _find(query, "span_term")
    assert leaves
    for leaf in leaves:
        (field, value), = leaf.items()
        form = value["value"] if isinstance(value, dict) else value
        assert form in vocabulary[field.split(".")[1]]
    unpruned = aligned.build_query(parse('"किम जोंग उन"'), expand_word)
    assert len(leaves) < len(_find(unpruned, "term") + _find(unpruned, "span_term"))


def test_a_word_the_index_lacks_matches_nothing():
    vocabulary = {kind.name: {"किम"} for kind in KINDS}
    query = aligned.build_query(parse("किम मिसाइल"), expand_word, vocabulary=vocabulary)
    assert _find(query, "match_none") == [{}]


def test_a_phrase_is_adjacent_spans_masked_as_the_word_field():
    query = aligned.build_query(parse('"કિમ જોંગ ઉન"'), expand_word)
    near = _find(query, "span_near")
    assert [n["slop"] for n in near] == [0, 0] and all(n["in_order"] for n in near)
    for part, phrase in zip(aligned.PARTS, near):
        assert len(phrase["clauses"]) == 3
        masks = _find(phrase, "span_field_masking")
        assert masks and {mask["field"] for mask in masks} == {f"{part}.word"}


@pytest.mark.parametrize("text", [
    '"}}, {"script": {"source": "x"}}', "query_string:* AND ??", "(પુતિન OR", "source:a\"b lang:gu putin",
])
def test_user_text_only_becomes_term_values(text):
    query = aligned.build_query(parse(text), expand_word)
    assert not _keys(query) & {"query_string", "simple_query_string", "script", "script_score"}


def test_filters_become_term_filters():
    query = aligned.build_query(parse("putin lang:hi"), expand_word)
    assert query["bool"]["filter"] == [{"term": {"lang": "hi"}}]
