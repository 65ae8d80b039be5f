"""The scorer's BM25F on a five-document index in two segments, checked against sums done by hand.

Whoosh's BM25F, as the scorer promises to compute it (``searcher/scorer.py``):

    score = boost * idf * weight * (K1 + 1) / (weight + K1 * (1 - B + B * length / average))
    idf = ln(N / (df + 1)) + 1

with ``weight`` the term's count in the field times the field's boost (2 for ``title``),
``length`` the field's token count and ``average`` the field's mean over the N documents.
The counts below are read off the texts by eye.
"""
from __future__ import annotations

from math import log

import pytest
from whoosh import fields, scoring
from whoosh import query as wq
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.filedb.filestore import RamStorage

from searcher.whoosh.scorer import Scorer

#: (title, body): documents 0-1 are the first segment, 2-4 the second.
SEGMENTS = [
    [("યુદ્ધ", "ભારત રશિયા યુદ્ધ"),
     ("શાંતિ કરાર", "રશિયા રશિયા શાંતિ કરાર")],
    [("ભારત", "ભારત પાકિસ્તાન"),
     ("ભારત રશિયા", "યુદ્ધ રશિયા ભારત શાંતિ કરાર ભારત"),
     ("भारत", "भारत रूस युद्ध")],
]
N = 5
AVERAGE = {"body": (3 + 4 + 2 + 6 + 3) / N, "title": (1 + 2 + 1 + 2 + 1) / N}

#: (field, word) -> {docnum: (count, field length)}: the word's postings, counted by hand.
POSTINGS = {
    ("body", "ભારત"): {0: (1, 3), 2: (1, 2), 3: (2, 6)},
    ("body", "રશિયા"): {0: (1, 3), 1: (2, 4), 3: (1, 6)},
    ("body", "યુદ્ધ"): {0: (1, 3), 3: (1, 6)},
    ("body", "પાકિસ્તાન"): {2: (1, 2)},
    ("title", "ભારત"): {2: (1, 1), 3: (1, 2)},
    ("title", "भारत"): {4: (1, 1)},
}
TITLE_BOOST = 2.0


def bm25(field: str, word: str, b: float = 0.75, k1: float = 1.2, boost: float = 1.0):
    """The scores ``Term(field, word)`` should get, from the counts in ``POSTINGS``."""
    found = POSTINGS[(field, word)]
    idf = log(N / (len(found) + 1)) + 1
    field_boost = TITLE_BOOST if field == "title" else 1.0
    scores = {}
    for docnum, (count, length) in found.items():
        weight = count * field_boost
        scores[docnum] = boost * idf * weight * (k1 + 1) / (
            weight + k1 * (1 - b + b * length / AVERAGE[field]))
    return scores


@pytest.fixture(scope="module")
def two_segments():
    words = SpaceSeparatedTokenizer()
    schema = fields.Schema(title=fields.TEXT(analyzer=words, field_boost=TITLE_BOOST),
                           body=fields.TEXT(analyzer=words, phrase=True))
    ix = RamStorage().create_index(schema)
    for segment in SEGMENTS:
        writer = ix.writer()
        for title, body in segment:
            writer.add_document(title=title, body=body)
        writer.commit(merge=False)
    assert [offset for _, offset in ix.reader().leaf_readers()] == [0, 2]
    return ix


def _approx(scores: dict[int, float]):
    return {docnum: pytest.approx(score, rel=1e-12) for docnum, score in scores.items()}


@pytest.mark.parametrize("field, word", sorted(POSTINGS))
def test_a_words_scores_are_bm25f_in_either_segment(two_segments, field, word):
    """Each segment reads its own postings and lengths: ભારત is 3 tokens long in
    document 0 but 2 in document 2, the second segment's first document."""
    scorer = Scorer(two_segments.searcher(weighting=scoring.BM25F()))
    assert scorer.scores(wq.Term(field, word)) == _approx(bm25(field, word))


def test_the_searchers_b_and_k1_are_used(two_segments):
    searcher = two_segments.searcher(weighting=scoring.BM25F(B=0.3, K1=2.5))
    assert Scorer(searcher).scores(wq.Term("body", "રશિયા")) == _approx(
        bm25("body", "રશિયા", b=0.3, k1=2.5))


def test_each_field_gets_its_own_b(two_segments):
    """BM25F(title_B=..., body_B=...): each field normalizes lengths by its own B,
    and a field without one by the common B."""
    searcher = two_segments.searcher(weighting=scoring.BM25F(B=0.5, title_B=0.1, body_B=0.9))
    scorer = Scorer(searcher)
    assert scorer.scores(wq.Term("title", "ભારત")) == _approx(bm25("title", "ભારત", b=0.1))
    assert scorer.scores(wq.Term("body", "રશિયા")) == _approx(bm25("body", "રશિયા", b=0.9))
    common = Scorer(two_segments.searcher(weighting=scoring.BM25F(B=0.5, title_B=0.1)))
    assert common.scores(wq.Term("body", "રશિયા")) == _approx(bm25("body", "રશિયા", b=0.5))


def test_a_weighting_without_b_and_k1_gets_bm25fs_defaults(two_segments):
    searcher = two_segments.searcher(weighting=scoring.Frequency())
    assert Scorer(searcher).scores(wq.Term("body", "ભારત")) == _approx(bm25("body", "ભારત"))


def test_a_terms_boost_multiplies_its_scores(two_segments):
    scorer = Scorer(two_segments.searcher(weighting=scoring.BM25F()))
    assert scorer.scores(wq.Term("title", "ભારત", boost=0.4)) == _approx(
        bm25("title", "ભારત", boost=0.4))


def test_and_maybe_adds_the_optional_words_score_where_it_matches(two_segments):
    """``ભારત ANDMAYBE યુદ્ધ``: every ભારત document, યુદ્ધ's score added in 0 and 3."""
    scorer = Scorer(two_segments.searcher(weighting=scoring.BM25F()))
    india, war = bm25("body", "ભારત"), bm25("body", "યુદ્ધ")
    found = scorer.scores(wq.AndMaybe(wq.Term("body", "ભારત"), wq.Term("body", "યુદ્ધ")))
    assert found == _approx({0: india[0] + war[0], 2: india[2], 3: india[3] + war[3]})


def test_an_and_that_nothing_matches_empties_the_and_around_it(two_segments):
    """પાકિસ્તાન and શાંતિ share no document: (પાકિસ્તાન AND શાંતિ) AND ભારત matches nothing
    (an empty part is not a part skipped at the deadline, which would be left out)."""
    scorer = Scorer(two_segments.searcher(weighting=scoring.BM25F()))
    inner = wq.And([wq.Term("body", "પાકિસ્તાન"), wq.Term("body", "શાંતિ")])
    assert scorer.scores(wq.And([inner, wq.Term("body", "ભારત")])) == {}
    assert scorer.scores(wq.Or([inner, wq.Term("body", "ભારત")])) == _approx(bm25("body", "ભારત"))


def test_the_null_query_matches_nothing(two_segments):
    scorer = Scorer(two_segments.searcher(weighting=scoring.BM25F()))
    assert scorer.scores(wq.NullQuery) == {}
    assert scorer.scores(wq.Or([wq.NullQuery, wq.Term("body", "યુદ્ધ")])) == _approx(
        bm25("body", "યુદ્ધ"))


def test_a_query_it_cannot_score_is_refused_by_name(two_segments):
    scorer = Scorer(two_segments.searcher(weighting=scoring.BM25F()))
    with pytest.raises(TypeError, match="^cannot score Prefix term at a time$"):
        scorer.scores(wq.Prefix("body", "ભા"))


def test_field_lengths_are_read_once_per_segment(two_segments, monkeypatch):
    """``Scorer`` caches field lengths: a second query on the same words reads none."""
    scorer = Scorer(two_segments.searcher(weighting=scoring.BM25F()))
    reads = []
    for leaf, _ in scorer.searcher.leaf_searchers():
        reader = leaf.reader()
        monkeypatch.setattr(reader, "doc_field_length", _counted(reader.doc_field_length, reads))
    query = wq.Or([wq.Term("body", "ભારત"), wq.Term("body", "રશિયા")])
    first = scorer.scores(query)
    assert sorted(reads) == [0, 0, 1, 1]      # documents 0, 1 | 2, 3, numbered in their segment
    assert scorer.scores(query) == first and len(reads) == 4


def _counted(read, reads: list):
    def doc_field_length(docnum, field, default=0):
        reads.append(docnum)
        return read(docnum, field, default)
    return doc_field_length


@pytest.fixture(scope="module")
def keywords():
    """300 documents with a ``tags`` field that stores no lengths (postings in three blocks)."""
    ix = RamStorage().create_index(fields.Schema(tags=fields.KEYWORD()))
    writer = ix.writer()
    for n in range(300):
        writer.add_document(tags="યુદ્ધ યુદ્ધ" if n % 3 else "યુદ્ધ ભારત")
    writer.commit()
    return ix


def test_a_field_without_lengths_scores_the_weight_as_whoosh_does(keywords):
    """KEYWORD and ID fields keep no lengths: Whoosh's BM25F scores their postings by
    weight alone (the tag's count here), times the term's boost."""
    searcher = keywords.searcher(weighting=scoring.BM25F())
    term = wq.Term("tags", "યુદ્ધ", boost=1.5)
    expected = {n: 1.5 * (2 if n % 3 else 1) for n in range(300)}
    assert Scorer(searcher).scores(term) == _approx(expected)
    assert {hit.docnum: hit.score for hit in searcher.search(term, limit=None)} == _approx(expected)
