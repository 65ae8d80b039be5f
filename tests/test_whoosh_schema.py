"""``searcher.whoosh.schema``: the analysis as Whoosh tokens and postings, and the index schema."""
from __future__ import annotations

import pickle

import pytest
from whoosh import fields, scoring
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage

from searcher.analysis import iter_terms
from searcher.whoosh.schema import IndicAnalyzer, IndicText, make_schema

TEXTS = [
    "કિમ જોંગ ઉને પુતિનને કહ્યું કે કિમ",          # a repeated word: two positions
    "पुतिन ने कहा। पुतिन के बयान, KCNA",
    "મિસાઇલોથી હુમલો; मिसाइलों से हमला",            # both scripts in one text
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_are_the_analysis_terms(text):
    tokens = [(t.text, t.pos, t.startchar, t.endchar)
              for t in IndicAnalyzer()(text, positions=True, chars=True)]
    assert tokens == [(term, pos, start, end) for term, _, pos, start, end in iter_terms(text)]


def test_positions_and_offsets_start_where_whoosh_says():
    """A second value of a field continues after the first: Whoosh passes its start."""
    tokens = [(t.text, t.pos, t.startchar, t.endchar)
              for t in IndicAnalyzer()("કિમ", positions=True, chars=True, start_pos=7, start_char=20)]
    assert tokens == [("કિમ", 7, 20, 23), ("x:किम", 7, 20, 23)]


def test_a_token_is_reset_for_every_term():
    """Whoosh reuses one token object; a boost or stop mark set downstream must not carry over."""
    seen = []
    for token in IndicAnalyzer()("પુતિનને કિમ"):
        seen.append((token.text, token.boost, token.stopped))
        token.boost, token.stopped = 9.0, True        # what a later filter might do
    assert seen == [(text, 1.0, False) for text in ("પુતિનને", "s:પુતિન", "x:पुतिन", "કિમ", "x:किम")]


def whoosh_text(**kwargs) -> fields.TEXT:
    return fields.TEXT(analyzer=IndicAnalyzer(), **kwargs)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("boost", [1.0, 2.0])
def test_indic_text_postings_equal_whooshs_text_field(text, boost):
    ours = IndicText(analyzer=IndicAnalyzer(), phrase=True, field_boost=boost).index(text)
    whooshs = whoosh_text(phrase=True, field_boost=boost).index(text)
    assert sorted(ours) == sorted(whooshs)


def test_indic_text_counts_every_position_of_a_repeated_word():
    postings = {term.decode(): (freq, weight) for term, freq, weight, _
                in IndicText(analyzer=IndicAnalyzer(), field_boost=2.0).index("कहा कहा कहा")}
    assert postings["कहा"] == (3, 6.0)


def test_indic_text_without_positions_is_whooshs_text_field():
    ours = IndicText(analyzer=IndicAnalyzer(), phrase=False).index(TEXTS[0])
    assert sorted(ours) == sorted(whoosh_text(phrase=False).index(TEXTS[0]))


def test_the_schema_holds_what_a_hit_and_an_article_read():
    schema = make_schema()
    stored = {name for name in schema.names() if schema[name].stored}
    assert stored == {"id", "title", "text", "lang", "source", "url", "published", "day",
                      "english_title", "origin"}
    assert not schema["body"].stored                       # the text is stored once, as "text"
    assert schema["id"].unique
    assert {name for name in schema.names() if schema[name].column_type} == {"lang", "source", "day"}
    assert schema["title"].format.field_boost == 2.0 and schema["body"].format.field_boost == 1.0


@pytest.fixture(scope="module")
def searcher():
    """Two Gujarati items with the same words, in the title of one and the body of the other."""
    ix = RamStorage().create_index(make_schema())
    with ix.writer() as writer:     # the body match first: a tie would rank it first
        writer.add_document(id="body", title="રશિયા ભારત", body="પુતિનની મુલાકાત", lang="gu")
        writer.add_document(id="title", title="પુતિનની મુલાકાત", body="રશિયા ભારત", lang="gu")
        writer.add_document(id="hindi", title="पुतिन यात्रा", body="पुतिन यात्रा", lang="hi")
    with ix.searcher(weighting=scoring.BM25F()) as s:
        yield s


def test_a_word_in_the_title_ranks_above_the_same_word_in_the_body(searcher):
    """Field lengths and statistics are alike here; only the title's boost tells them apart."""
    query = wq.Or([wq.Term("title", "પુતિનની"), wq.Term("body", "પુતિનની")])
    hits = [(hit["id"], hit.score) for hit in searcher.search(query)]
    assert [doc_id for doc_id, _ in hits] == ["title", "body"]
    assert hits[0][1] > 1.2 * hits[1][1]


def test_title_phrases_and_cross_script_pivots_are_searchable(searcher):
    phrase = wq.Phrase("title", ["પુતિનની", "મુલાકાત"])
    assert [hit["id"] for hit in searcher.search(phrase)] == ["title"]
    pivot = wq.Or([wq.Term("title", "x:पुतिन"), wq.Term("title", "पुतिन")])   # stem, in Devanagari
    assert {hit["id"] for hit in searcher.search(pivot)} == {"title", "hindi"}


def test_the_schema_pickles_into_an_index_and_indexes_alike_after():
    schema = pickle.loads(pickle.dumps(make_schema()))
    assert isinstance(schema["title"], IndicText)
    assert sorted(schema["title"].index(TEXTS[0])) == sorted(make_schema()["title"].index(TEXTS[0]))
