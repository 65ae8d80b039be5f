"""The term-at-a-time scorer and the set counter agree with Whoosh's own search.

The index here is made of the bundled articles' paragraphs, written in two
segments with some documents deleted, so postings come in several blocks,
inline, and across segments.
"""
from __future__ import annotations

import pytest
from conftest import ARTICLES
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import scoring

from index.sources import Document, read_file
from searcher.whoosh.docsets import matching_docs
from searcher.lexicon import Lexicon
from searcher.querylang import parse
from searcher.whoosh.engine import WhooshBuild
from searcher.whoosh.scorer import Scorer
from searcher.search import SearchEngine
from index.link import Links
from searcher.served import ServedBuild, vocabulary
from searcher.whoosh.schema import make_schema
from searcher.whoosh.query import build_filter, build_query

QUERIES = ["પુતિન", "शोइगु", "shoigu", "putin", "kim jong un", '"kim jong un"', "છે", "है",
           "મિસાઇલ", "putin -kim", "kursk OR pyongyang", '"વિજય દિવસ" OR putin', "zzxqvw",
           "રશિયા યુક્રેન", "lang:hi putin"]


@pytest.fixture(scope="module")
def paragraph_index(tmp_path_factory):
    """An index of every paragraph of the bundled articles, fourteen times over, in two segments."""
    paragraphs = []
    for path in sorted(ARTICLES.glob("*.txt")):
        for doc in read_file(path):
            if isinstance(doc, Document):
                paragraphs += [(doc.lang, p) for p in doc.text.split("\n") if p.strip()]
    directory = tmp_path_factory.mktemp("paragraphs")
    ix = whoosh_index.create_in(str(directory), make_schema())
    copies = [(f"{n}-{i}", lang, text) for n in range(14) for i, (lang, text) in enumerate(paragraphs)]
    half = len(copies) // 2
    for part in (copies[:half], copies[half:]):
        writer = ix.writer()
        for doc_id, lang, text in part:
            writer.add_document(id=doc_id, title=text[:40], body=text, text=text, lang=lang,
                                source="test")
        writer.commit(merge=False)
    writer = ix.writer()
    for doc_id, _, _ in copies[::7]:
        writer.delete_by_term("id", doc_id)
    writer.commit(merge=False)
    assert len(ix.reader().leaf_readers()) == 2 and ix.reader().has_deletions()
    return ix


@pytest.mark.parametrize("text", QUERIES)
def test_scores_and_matches_equal_whoosh(paragraph_index, text):
    searcher = paragraph_index.searcher(weighting=scoring.BM25F())
    engine = WhooshBuild(ix=paragraph_index)
    opened = ServedBuild(None, engine, Lexicon(vocabulary(engine)), Links())
    parsed = parse(text)
    query = build_query(parsed, opened.expander())
    filter_query = build_filter(parsed.filters)
    whoosh_hits = _whoosh_scores(searcher, query, filter_query)
    scores = Scorer(searcher).scores(query)
    if filter_query is not None:
        allowed = matching_docs(searcher, filter_query)
        scores = {docnum: score for docnum, score in scores.items() if docnum in allowed}
    assert set(scores) == set(whoosh_hits) == set(matching_docs(searcher, query)) & (
        matching_docs(searcher, filter_query) if filter_query is not None else set(scores))
    for docnum, score in whoosh_hits.items():
        assert scores[docnum] == pytest.approx(score, rel=1e-9)


def test_common_words_span_several_posting_blocks(paragraph_index):
    """The fixture is big enough to exercise block-by-block reading (128 postings a block)."""
    for reader, _ in paragraph_index.reader().leaf_readers():
        assert max(reader.doc_frequency("body", word) for word in ("છે", "है", "के")) > 128


def _whoosh_scores(searcher, query, filter_query=None) -> dict[int, float]:
    """Whoosh's scores for ``query``; an exclusion is applied here from Whoosh's own sets.

    (Whoosh's ``AndNot`` matcher kept a paragraph holding the excluded word કિમને
    in this two-segment index with deletions; the scorer's set difference does not.)
    """
    excluded: set[int] = set()
    if isinstance(query, wq.AndNot):
        excluded = set(searcher.docs_for_query(query.b))
        query = query.a
    return {hit.docnum: hit.score for hit in searcher.search(query, limit=None, filter=filter_query)
            if hit.docnum not in excluded}


def test_exclusion_removes_every_document_with_the_word(paragraph_index):
    searcher = paragraph_index.searcher(weighting=scoring.BM25F())
    engine = WhooshBuild(ix=paragraph_index)
    opened = ServedBuild(None, engine, Lexicon(vocabulary(engine)), Links())
    kept = Scorer(searcher).scores(build_query(parse("putin -kim"), opened.expander()))
    assert kept and not any("કિમ" in searcher.stored_fields(docnum)["text"] for docnum in kept)


@pytest.mark.parametrize("text", ["putin", "કિમ", "shoigu OR kursk", "kim jong un"])
def test_engine_ranks_by_whooshs_own_scores(articles_index, text):
    """The engine's hits and their order are Whoosh's BM25F ranking of the same query."""
    engine = SearchEngine(articles_index)
    results = engine.search(text, per_page=100)
    assert results.total == len(results.results) > 1     # a group of near-duplicates counts once
    with engine.using() as opened:
        searcher = opened.engine.searcher
        query = build_query(parse(text), opened.expander())
        whoosh = {searcher.stored_fields(hit.docnum)["id"]: hit.score
                  for hit in searcher.search(query, limit=None)}
    assert {hit.id for hit in results.results} <= set(whoosh)
    assert len(whoosh) == results.total + results.grouped
    for hit in results.results:
        assert hit.score == pytest.approx(whoosh[hit.id], abs=1e-4)
    ranked = [whoosh[hit.id] for hit in results.results]
    assert all(a >= b - 1e-6 for a, b in zip(ranked, ranked[1:]))
