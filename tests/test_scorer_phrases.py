"""Phrases, the proximity boost and its rescoring window, and what the scorer reads for them.

Five short Gujarati texts; which of them hold a phrase is read off the texts:

    0  રશિયા યુદ્ધ ભારત ભારત ભારત ભારત ભારત ભારત   "રશિયા યુદ્ધ"
    1  રશિયા યુદ્ધ                                  "રશિયા યુદ્ધ" (the best match of the two words)
    2  યુદ્ધ રશિયા                                  the words, the other way round
    3  રશિયા ભારત યુદ્ધ                             all three words, none next to the other
    4  ભારત રશિયા યુદ્ધ                             "રશિયા યુદ્ધ" and "ભારત રશિયા યુદ્ધ"
"""
from __future__ import annotations

import pytest
from whoosh import fields, scoring
from whoosh import query as wq
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.filedb.filestore import RamStorage
from whoosh.query import spans

from searcher.whoosh import scorer as scorer_module
from searcher.whoosh.scorer import Scorer

TEXTS = ["રશિયા યુદ્ધ ભારત ભારત ભારત ભારત ભારત ભારત", "રશિયા યુદ્ધ", "યુદ્ધ રશિયા",
         "રશિયા ભારત યુદ્ધ", "ભારત રશિયા યુદ્ધ"]
RUSSIA, WAR, INDIA = (wq.Term("body", word) for word in ("રશિયા", "યુદ્ધ", "ભારત"))
RUSSIA_WAR = spans.SpanNear2([RUSSIA, WAR])
INDIA_RUSSIA = spans.SpanNear2([INDIA, RUSSIA])


@pytest.fixture(scope="module")
def searcher():
    ix = RamStorage().create_index(fields.Schema(
        body=fields.TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=True)))
    writer = ix.writer()
    for text in TEXTS:
        writer.add_document(body=text)
    writer.commit()
    return ix.searcher(weighting=scoring.BM25F())


def whoosh(searcher, query) -> dict[int, float]:
    """Whoosh's own matches and scores for ``query``."""
    return {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}


def _approx(scores: dict[int, float]):
    return {docnum: pytest.approx(score, rel=1e-9) for docnum, score in scores.items()}


def test_a_phrase_matches_its_words_in_order_and_next_to_each_other(searcher):
    found = Scorer(searcher).scores(RUSSIA_WAR)
    assert set(found) == {0, 1, 4}
    assert found == _approx(whoosh(searcher, RUSSIA_WAR))


def test_a_three_word_phrase_skips_documents_where_the_chain_breaks(searcher):
    """Documents 0 and 3 hold ભારત, રશિયા and યુદ્ધ, but not as "ભારત રશિયા યુદ્ધ"."""
    phrase = spans.SpanNear2([INDIA, RUSSIA, WAR])
    found = Scorer(searcher).scores(phrase)
    assert set(found) == {4}
    assert found == _approx(whoosh(searcher, phrase))


def test_a_words_alternatives_missing_from_the_index_do_not_hide_the_others(searcher):
    """The first word of the phrase is અમેરિકા (no document has it) or રશિયા."""
    either = spans.SpanOr([wq.Term("body", "અમેરિકા"), RUSSIA])
    assert set(Scorer(searcher).scores(spans.SpanNear2([either, WAR]))) == {0, 1, 4}


def _proximity(words, phrase):
    """The query of an unquoted multi-word search: the words, boosted where they form ``phrase``."""
    return wq.AndMaybe(wq.Or(words), phrase)


@pytest.mark.parametrize("phrase", [RUSSIA_WAR, wq.Or([RUSSIA_WAR, INDIA_RUSSIA])],
                         ids=["phrase", "or-of-phrases"])
def test_the_proximity_boost_goes_to_every_match_holding_the_phrase(searcher, phrase):
    query = _proximity([RUSSIA, WAR], phrase)
    found = Scorer(searcher).scores(query)
    assert found == _approx(whoosh(searcher, query))
    words = whoosh(searcher, wq.Or([RUSSIA, WAR]))
    assert {d for d in found if found[d] > words[d] * (1 + 1e-9)} == {0, 1, 4}


@pytest.mark.parametrize("phrase", [RUSSIA_WAR, wq.Or([RUSSIA_WAR, INDIA_RUSSIA])],
                         ids=["phrase", "or-of-phrases"])
def test_the_proximity_boost_is_looked_for_only_in_the_rescoring_window(
        searcher, phrase, monkeypatch):
    """With a window of one, only the best match of the words (document 1, the shortest)
    gets its phrase's score added; 0 and 4 keep the words' scores alone."""
    monkeypatch.setattr(scorer_module, "RESCORE_WINDOW", 1)
    query = _proximity([RUSSIA, WAR], phrase)
    words = whoosh(searcher, wq.Or([RUSSIA, WAR]))
    assert max(words, key=words.get) == 1
    boosted = whoosh(searcher, query)
    assert Scorer(searcher).scores(query) == _approx({**words, 1: boosted[1]})


def _counted_postings(monkeypatch) -> list[str]:
    """Record the term of every posting list the scorer opens (the real ones, read as usual)."""
    opened: list[str] = []
    real = scorer_module.postings

    def postings(reader, field, text):
        opened.append(text)
        return real(reader, field, text)
    monkeypatch.setattr(scorer_module, "postings", postings)
    return opened


def test_a_phrase_reads_positions_from_the_postings_its_words_were_scored_from(
        searcher, monkeypatch):
    """Each term's postings are opened once, also when the phrase is the optional part
    of the query (the positions come with the blocks read to score the words)."""
    opened = _counted_postings(monkeypatch)
    query = _proximity([RUSSIA, WAR, INDIA], wq.Or([RUSSIA_WAR, INDIA_RUSSIA]))
    assert Scorer(searcher).scores(query) == _approx(whoosh(searcher, query))
    assert sorted(opened) == sorted(["રશિયા", "યુદ્ધ", "ભારત"])


def test_words_without_a_phrase_read_no_positions(searcher, monkeypatch):
    """Positions are read (or kept) only for a query that has a phrase to check."""
    real, asked = scorer_module.blocks, []

    def blocks(matcher, wanted=None, keep=None):
        asked.append(wanted is not None or keep is not None)
        return real(matcher, wanted, keep)
    monkeypatch.setattr(scorer_module, "blocks", blocks)
    Scorer(searcher).scores(wq.Or([RUSSIA, wq.And([WAR, INDIA])]))
    assert asked == [False, False, False]
    Scorer(searcher).scores(RUSSIA_WAR)
    assert asked[3:] == [True, True]


def test_a_fallback_query_reuses_the_scores_already_read(searcher, monkeypatch):
    """With the same ``read``, a second query over the same words opens no postings to score
    them; a phrase then reads its words' positions anew, and finds the same documents."""
    scorer = Scorer(searcher)
    read: dict = {}
    words = wq.Or([RUSSIA, WAR])
    first = scorer.scores(words, read=read)
    opened = _counted_postings(monkeypatch)
    assert scorer.scores(words, read=read) == first and opened == []
    assert scorer.scores(RUSSIA_WAR, read=read) == _approx(whoosh(searcher, RUSSIA_WAR))
    assert sorted(opened) == sorted(["રશિયા", "યુદ્ધ"])
