"""``searcher.whoosh.writing.IndexWriter``: Whoosh's segment writer with field lengths read once per segment.

It must write exactly what Whoosh's own ``SegmentWriter`` writes: the same
postings, and the same field lengths in each posting block (which bound the
scores a block can reach), for documents of every length, with and without a
title, over more than one segment.
"""
from __future__ import annotations

import pytest
from whoosh.filedb.filestore import RamStorage
from whoosh.writing import SegmentWriter

from searcher.whoosh.writing import IndexWriter
from searcher.whoosh.schema import IndicAnalyzer, make_schema

WORDS = ["પુતિન", "મોદી", "ગુજરાતમાં", "વરસાદ", "पुतिन", "मोदी", "बारिश", "હૈદરાબાદ", "है", "છે"]


def document(n: int) -> dict:
    """Document ``n``: a body of 1 to 9 words, a title on every other one."""
    body = " ".join(WORDS[(n + i) % len(WORDS)] for i in range(1 + n % 9))
    doc = {"id": f"d{n}", "body": body, "lang": "gu" if n % 2 else "hi"}
    if n % 2 == 0:
        doc["title"] = " ".join(WORDS[(n * 3 + i) % len(WORDS)] for i in range(1 + n % 4))
    return doc


def write(writer_class, parts: list[range]):
    ix = RamStorage().create_index(make_schema())
    for part in parts:
        writer = writer_class(ix)
        for n in part:
            writer.add_document(**document(n))
        writer.commit(merge=False)
    return ix


def profile(ix) -> dict:
    """Everything a posting list records, per field and term, keyed by document id."""
    found = {}
    with ix.searcher() as searcher:
        for (leaf, _), number in zip(searcher.leaf_searchers(), range(99)):
            reader = leaf.reader()
            for field in ("title", "body"):
                for text in reader.lexicon(field):
                    info = reader.term_info(field, text)
                    matcher = reader.postings(field, text)
                    postings = []
                    while matcher.is_active():
                        postings.append((reader.stored_fields(matcher.id())["id"], matcher.weight(),
                                         matcher.block_min_length(), matcher.block_max_length()))
                        matcher.next()
                    found[number, field, text] = (info.min_length(), info.max_length(),
                                                  info.max_weight(), postings)
    return found


@pytest.mark.parametrize("parts", [
    [range(300)],                        # one segment, several posting blocks per common word
    [range(40), range(40, 300)],         # a second segment: its documents number from 0 again
])
def test_writes_what_whooshs_segment_writer_writes(parts):
    ours, whooshs = profile(write(IndexWriter, parts)), profile(write(SegmentWriter, parts))
    assert ours == whooshs
    assert max(len(postings) for *_, postings in ours.values()) > 128


def test_block_lengths_are_each_documents_own_field_length():
    """A posting's block bounds hold the lengths of that block's documents, title and body apart."""
    ix = write(IndexWriter, [range(300)])
    analyzer = IndicAnalyzer()
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for field in ("title", "body"):
            matcher = reader.postings(field, "પુતિન")
            while matcher.is_active():
                text = document(int(reader.stored_fields(matcher.id())["id"][1:])).get(field, "")
                length = sum(1 for _ in analyzer(text))
                assert matcher.block_min_length() <= length <= matcher.block_max_length()
                matcher.next()

