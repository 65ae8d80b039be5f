"""Reading postings a block at a time, and skipping blocks that hold no wanted document."""
from __future__ import annotations

import pytest
from test_scorer import paragraph_index  # noqa: F401  (the fixture: postings in many blocks)

from searcher.whoosh.postings import blocks, postings

WORD = "છે"      # in hundreds of paragraphs: several blocks of 128 postings


@pytest.fixture(scope="module")
def leaf(paragraph_index):  # noqa: F811
    reader, _ = paragraph_index.reader().leaf_readers()[0]
    return reader


def _all_blocks(reader):
    return [list(ids) for ids, _, _ in blocks(postings(reader, "body", WORD))]


def test_blocks_hold_every_posting_in_order(leaf):
    found = _all_blocks(leaf)
    assert len(found) >= 2 and all(len(ids) <= 128 for ids in found)
    flat = [doc for ids in found for doc in ids]
    assert flat == sorted(flat) and len(set(flat)) == len(flat)
    live = set(leaf.postings("body", leaf.schema["body"].to_bytes(WORD)).all_ids())
    deleted = {doc for doc in flat if leaf.is_deleted(doc)}
    assert deleted and set(flat) - deleted == live     # deleted documents are included


def test_weights_and_values_come_with_their_block(leaf):
    for ids, weights, values in blocks(postings(leaf, "body", WORD), wanted=[0, 10**9]):
        assert len(ids) == len(weights) == len(values) > 0


@pytest.mark.parametrize("pick", [[-1], [0], [0, -1], [1, 1]])
def test_blocks_without_a_wanted_document_are_skipped(leaf, pick):
    found = _all_blocks(leaf)
    chosen = sorted({found[i][len(found[i]) // 2] for i in pick})
    read = [list(ids) for ids, _, _ in blocks(postings(leaf, "body", WORD), wanted=chosen)]
    assert read == [ids for ids in found if set(ids) & set(chosen)]


def test_no_wanted_document_reads_no_block(leaf):
    assert list(blocks(postings(leaf, "body", WORD), wanted=[])) == []
    last = _all_blocks(leaf)[-1][-1]
    assert list(blocks(postings(leaf, "body", WORD), wanted=[last + 1])) == []


def test_kept_blocks_are_the_blocks_read(leaf):
    keep: list = []
    read = [list(ids) for ids, _, _ in blocks(postings(leaf, "body", WORD), keep=keep)]
    assert [list(ids) for ids, _, _ in keep] == read
    assert all(len(values) == len(ids) for ids, _, values in keep)
