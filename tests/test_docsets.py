"""``searcher.whoosh.docsets``: the set of documents a query matches, read from posting lists.

The index is written by hand in two segments with one document deleted, so
every expected set below is known from the texts alone (not from Whoosh's own
matcher) and a lost segment offset or a deleted document shows up as a wrong id.
"""
from __future__ import annotations

import pytest
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage

from searcher.whoosh.docsets import facet_docs, matching_docs, term_docs
from searcher.whoosh.schema import make_schema

FIRST = [   # segment 1
    ("gu-putin-modi", "gu", "પુતિન મોદી"),
    ("hi-putin-modi", "hi", "पुतिन मोदी"),
    ("gu-modi-putin", "gu", "મોદી પુતિન"),      # same words, other order: no phrase match
    ("hi-deleted", "hi", "पुतिन यूक्रेन"),      # deleted below
]
SECOND = [  # segment 2: its document numbers start after the first's
    ("gu-ukraine", "gu", "પુતિન યુક્રેન"),
    ("hi-modi", "hi", "मोदी गुजरात"),
    ("gu-gujarat", "gu", "ગુજરાત વરસાદ"),
]
#: One common word in enough documents of the second segment to fill several
#: posting blocks (128 postings a block).
COMMON = [(f"gu-common-{n}", "gu", "છે સમાચાર") for n in range(300)]


@pytest.fixture(scope="module")
def searcher():
    ix = RamStorage().create_index(make_schema())
    for part in (FIRST, SECOND + COMMON):
        writer = ix.writer()
        for doc_id, lang, text in part:
            writer.add_document(id=doc_id, title="", body=text, text=text, lang=lang)
        writer.commit(merge=False)
    writer = ix.writer()
    writer.delete_by_term("id", "hi-deleted")
    writer.commit(merge=False)
    s = ix.searcher()
    assert len(s.reader().leaf_readers()) == 2 and s.reader().has_deletions()
    yield s
    s.close()


def ids(searcher, docnums) -> set[str]:
    return {searcher.stored_fields(docnum)["id"] for docnum in docnums}


def body(text: str) -> wq.Term:
    return wq.Term("body", text)


#: પુતિન / पुतिन and મોદી / मोदी in either script: a Gujarati word's pivot form
#: (``x:``) is the Hindi spelling of the word or of its stem.
PUTIN = wq.Or([body("x:पुतिन"), body("पुतिन")])
MODI = wq.Or([body("x:मोद"), body("मोदी")])


@pytest.mark.parametrize("query, expected", [
    (body("પુતિન"), {"gu-putin-modi", "gu-modi-putin", "gu-ukraine"}),
    (body("मोदी"), {"hi-putin-modi", "hi-modi"}),                  # segment 1 and 2
    (body("यूक्रेन"), set()),                                    # only in the deleted one
    (body("ગુજરાત"), {"gu-gujarat"}),                           # segment 2 only: offset
    (body("ટ્રમ્પ"), set()),                                      # in no document
    (body("x:पुतिन"), {"gu-putin-modi", "gu-modi-putin", "gu-ukraine"}),   # Gujarati's pivot
    (PUTIN, {"gu-putin-modi", "hi-putin-modi", "gu-modi-putin", "gu-ukraine"}),
])
def test_a_term_matches_the_live_documents_holding_it(searcher, query, expected):
    assert ids(searcher, matching_docs(searcher, query)) == expected


def test_or_is_the_union_of_its_alternatives(searcher):
    query = wq.Or([body("પુતિન"), body("मोदी")])
    assert ids(searcher, matching_docs(searcher, query)) == {
        "gu-putin-modi", "gu-modi-putin", "gu-ukraine", "hi-putin-modi", "hi-modi"}


def test_and_is_the_intersection_across_segments(searcher):
    query = wq.And([PUTIN, MODI])
    assert ids(searcher, matching_docs(searcher, query)) == {
        "gu-putin-modi", "hi-putin-modi", "gu-modi-putin"}


def test_and_with_a_missing_word_matches_nothing(searcher):
    assert matching_docs(searcher, wq.And([body("પુતિન"), body("ટ્રમ્પ")])) == set()
    assert matching_docs(searcher, wq.And([body("ટ્રમ્પ"), body("પુતિન")])) == set()


def test_and_not_removes_the_excluded_word(searcher):
    query = wq.AndNot(PUTIN, MODI)
    assert ids(searcher, matching_docs(searcher, query)) == {"gu-ukraine"}


def test_and_maybe_matches_what_its_required_part_matches(searcher):
    """The optional part only rescores: ``પુતિન`` with ``ગુજરાત`` optional adds no document."""
    query = wq.AndMaybe(body("પુતિન"), body("ગુજરાત"))
    assert ids(searcher, matching_docs(searcher, query)) == {
        "gu-putin-modi", "gu-modi-putin", "gu-ukraine"}


def test_null_query_matches_nothing(searcher):
    assert matching_docs(searcher, wq.NullQuery) == set()


def test_a_phrase_falls_back_to_whoosh_and_keeps_word_order(searcher):
    query = wq.Phrase("body", ["પુતિન", "મોદી"])
    assert ids(searcher, matching_docs(searcher, query)) == {"gu-putin-modi"}


def test_nested_queries_combine(searcher):
    """An exclusion inside an OR: (પુતિન -મોદી) OR ગુજરાત."""
    query = wq.Or([wq.AndNot(body("પુતિન"), body("મોદી")), body("ગુજરાત")])
    assert ids(searcher, matching_docs(searcher, query)) == {"gu-ukraine", "gu-gujarat"}


def test_a_word_spanning_several_posting_blocks_is_read_whole(searcher):
    found = ids(searcher, matching_docs(searcher, body("છે")))
    assert found == {doc_id for doc_id, _, _ in COMMON}


def test_matches_agree_with_whooshs_own_sets(searcher):
    for query in (body("x:पुतिन"), wq.And([PUTIN, MODI]), body("છે"),
                  wq.Or([body("પુતિન"), body("गुजरात"), body("वरसाद")])):
        assert matching_docs(searcher, query) == set(searcher.docs_for_query(query))


def test_term_docs_reads_one_segment_without_its_deleted_documents(searcher):
    first, second = (reader for reader, _ in searcher.reader().leaf_readers())
    assert len(term_docs(first, "body", "पुतिन")) == 1            # the deleted one is not counted
    assert term_docs(first, "body", "ગુજરાત") == set()            # the word is only in segment 2
    assert term_docs(second, "body", "ગુજરાત") == {2}             # segment-local number
    assert term_docs(second, "nofield", "ગુજરાત") == set()


def test_facet_docs_groups_live_documents_by_value(searcher):
    facets = facet_docs(searcher, "lang")
    assert set(facets) == {"gu", "hi"}
    assert ids(searcher, facets["hi"]) == {"hi-putin-modi", "hi-modi"}
    assert len(facets["gu"]) == 4 + len(COMMON)
    assert not facets["gu"] & facets["hi"]
