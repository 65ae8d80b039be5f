"""The set of documents a query matches, read from posting lists without scoring.

Counting matches through Whoosh's matcher tree costs a few Python calls per
posting and per tree node; a query here is an OR of many terms (a word, its
stem, its other-script and romanized forms) in two fields, so that tree is
deep. Reading each term's document numbers block by block and combining them
with ``set`` operations gives the same set at C speed, so totals and facet
counts stay exact even for very common words such as છે or है.

Query types without a set form here (phrases, ranges) fall back to Whoosh's
own ``docs()``.
"""
from __future__ import annotations

from whoosh import query as wq

from .postings import blocks, postings


def matching_docs(searcher, query) -> set[int]:
    """Return the document numbers (of the whole index) that ``query`` matches."""
    found: set[int] = set()
    for leaf, offset in searcher.leaf_searchers():
        docs = _docs(leaf.reader(), leaf, query)
        found.update(docs if not offset else (offset + docnum for docnum in docs))
    return found


def _docs(reader, leaf, query) -> set[int]:
    if isinstance(query, wq.Term):
        return term_docs(reader, query.fieldname, query.text)
    if isinstance(query, wq.Or):
        found: set[int] = set()
        for sub in query.subqueries:
            found |= _docs(reader, leaf, sub)
        return found
    if isinstance(query, wq.And):
        subs = sorted(query.subqueries, key=lambda q: q.estimate_size(reader))
        found = _docs(reader, leaf, subs[0]) if subs else set()
        for sub in subs[1:]:
            if not found:
                break
            found &= _docs(reader, leaf, sub)
        return found
    if isinstance(query, wq.AndNot):
        found = _docs(reader, leaf, query.a)
        return found - _docs(reader, leaf, query.b) if found else found
    if isinstance(query, wq.AndMaybe):
        return _docs(reader, leaf, query.a)
    if query is wq.NullQuery:
        return set()
    return set(query.docs(leaf))


def facet_docs(searcher, field: str) -> dict[str, set[int]]:
    """Return the documents holding each value of an ``ID`` field (``lang``: gu, hi)."""
    values: dict[str, set[int]] = {}
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        for value in reader.field_terms(field):
            docs = term_docs(reader, field, value)
            values.setdefault(value, set()).update(d + offset for d in docs)
    return values


def term_docs(reader, field: str, text: str) -> set[int]:
    """Return the live documents of one segment that hold ``text`` in ``field``."""
    if (field, text) not in reader:
        return set()
    docs: set[int] = set()
    for ids, _, _ in blocks(postings(reader, field, text)):
        docs.update(ids)
    return docs.difference(reader.deleted_docs_set) if reader.has_deletions() else docs
