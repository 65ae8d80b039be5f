"""Read a term's postings from a Whoosh segment a block at a time.

Whoosh hands out postings one call per posting (``is_active``, ``id``,
``next``); its on-disk format stores them in blocks of up to 128, each one
pickle. Reading whole blocks is what makes ``searcher.whoosh.scorer`` and
``searcher.whoosh.docsets`` fast. This module reaches into ``whoosh.codec.whoosh3``
internals (``W3LeafMatcher``'s block attributes); other matchers are read
through the public calls.
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import FilterMatcher


def postings(reader, field: str, text: str):
    """Return a term's postings, deleted documents included (callers drop those).

    Whoosh wraps a segment's postings in a filter when the segment has
    deletions, and that filter steps through postings one call at a time.
    """
    terms = getattr(reader, "_terms", None)
    if terms is not None and hasattr(reader, "_text_to_bytes"):
        return terms.matcher(field, reader._text_to_bytes(field, text),
                             reader.schema[field].format)
    return _unfiltered(reader.postings(field, text))


def _unfiltered(matcher):
    """Return the leaf matcher under Whoosh's deleted-documents filter, if any."""
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def blocks(matcher, wanted: list[int] | None = None, keep: list | None = None):
    """Yield ``(ids, weights, values)`` of a fresh matcher a block at a time.

    On-disk postings come in blocks of up to 128, each one pickle to load;
    a rare term's postings are stored inline and come as one block. With
    ``wanted`` (sorted document numbers), values are read too, and blocks
    that can hold none of those documents are skipped unread. With ``keep``,
    each block's ``(ids, None, values)`` is also appended to that list (the
    values come with the block's data, already unpickled).
    """
    matcher = _unfiltered(matcher)
    with_values = wanted is not None
    if isinstance(matcher, W3LeafMatcher):
        after = -1       # the last id of the previous block
        while matcher.is_active():
            last = matcher.block_max_id()
            if with_values:
                at = bisect_right(wanted, after)
                if at == len(wanted):
                    return
                if wanted[at] > last:
                    after = last
                    matcher._next_block()
                    continue
            ids = _block_ids(matcher)
            values = _block_values(matcher) if with_values or keep is not None else ()
            if keep is not None:
                keep.append((ids, None, values))
            yield ids, _block_weights(matcher), values
            after = last
            matcher._next_block()
    else:
        ids, weights, values = [], [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            if with_values or keep is not None:
                values.append(matcher.value())
            matcher.next()
        if keep is not None:
            keep.append((ids, None, values))
        yield ids, weights, values


def _block_ids(matcher: W3LeafMatcher):
    """The current block's document numbers (Whoosh's own decoding is a Python generator)."""
    if matcher._data is None:
        matcher._read_data()
    ids = matcher._data[0]
    return ids if matcher._byteids else list(accumulate(ids))


def _block_weights(matcher: W3LeafMatcher):
    matcher._read_weights()
    return matcher._weights


def _block_values(matcher: W3LeafMatcher):
    matcher._read_values()
    return matcher._values
