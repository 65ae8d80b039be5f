"""A build of the Whoosh index opened for searching: the embedded ``backend.OpenedBuild``.

Every term is looked for in the two text fields, ``title`` and ``body`` (the
title's BM25F boost comes from the schema). The files are read at per-thread
positions (``storage``), so one opened build serves every thread at once.
"""
from __future__ import annotations

import threading
from contextlib import nullcontext
from pathlib import Path
from typing import Callable, Mapping

from whoosh import scoring

from ..deadline import NO_DEADLINE, Deadline
from ..plan import Node
from ..ranking import value
from .docsets import facet_docs, term_docs
from .query import FIELDS, to_whoosh
from .scorer import Scorer
from .storage import SharedReadStorage


class WhooshBuild:
    """One build directory of the Whoosh index, opened for searching from many threads."""

    def __init__(self, build: str | Path | None = None, ix=None):
        """Open the build directory ``build`` (or wrap ``ix``, an open Whoosh index)."""
        ix = ix if ix is not None else SharedReadStorage(str(build)).open_index()
        self._searcher = ix.searcher(weighting=scoring.BM25F(
            K1=value("bm25_k1"), title_B=value("bm25_b_title"), body_B=value("bm25_b_body")))
        self._reader = self._searcher.reader()
        # a compound segment's parts share one file position: such builds (none of this
        # code's builds) are read one request at a time
        compound = any(segment.is_compound() for segment in ix._segments())
        self.serial = threading.Lock() if compound else nullcontext()
        self._scorer = Scorer(self._searcher)
        self._days: Mapping[int, str] | None = None

    @property
    def reader(self):
        """The Whoosh reader (for tests that look at segments)."""
        return self._reader

    @property
    def searcher(self):
        """The Whoosh searcher (for tests that compare with Whoosh's own scoring)."""
        return self._searcher

    def scores(self, plan: Node, deadline: Deadline = NO_DEADLINE,
               read: dict | None = None) -> dict[int, float]:
        return self._scorer.scores(to_whoosh(plan), deadline, read)

    def has_term(self, term: str) -> bool:
        return any((field, term) in self._reader for field in FIELDS)

    def doc_frequency(self, term: str) -> int:
        return max(self._reader.doc_frequency(field, term) for field in FIELDS)

    def terms_with_prefix(self, prefix: str, limit: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        for field in FIELDS:
            for n, term in enumerate(self._reader.expand_prefix(field, prefix)):
                if n >= limit:
                    break
                term = term.decode("utf-8") if isinstance(term, bytes) else term
                counts[term] = max(counts.get(term, 0), self._reader.doc_frequency(field, term))
        return counts

    def docs_with(self, term: str) -> set[int]:
        found: set[int] = set()
        for field in FIELDS:
            for leaf, offset in self._reader.leaf_readers():
                if field in leaf.indexed_field_names():
                    docs = term_docs(leaf, field, term)
                    found.update(docs if not offset else (offset + d for d in docs))
        return found

    def words(self, keep: Callable[[str], bool]) -> dict[str, int]:
        return reader_words(self._reader, keep)

    def facet_docs(self, field: str) -> dict[str, set[int]]:
        return facet_docs(self._searcher, field)

    def day_column(self) -> Mapping[int, str]:
        if self._days is None:
            reader = self._reader
            self._days = reader.column_reader("day") if reader.has_column("day") else {}
        return self._days

    def stored(self, docnum: int) -> dict:
        return self._searcher.stored_fields(docnum)

    def stored_many(self, docnums: list[int]) -> list[dict]:
        return [self._searcher.stored_fields(docnum) for docnum in docnums]

    def document(self, doc_id: str) -> dict | None:
        return self._searcher.document(id=doc_id)

    def docnum(self, doc_id: str) -> int | None:
        return self._searcher.document_number(id=doc_id)

    def doc_count(self) -> int:
        return self._reader.doc_count()

    def close(self) -> None:
        self._searcher.close()


def reader_words(reader, keep: Callable[[str], bool]) -> dict[str, int]:
    """Return the text-field terms of a Whoosh reader that ``keep`` accepts, with their
    document frequencies (the most of any field).

    Read segment by segment: Whoosh's multi-segment term iterator looks every
    term up in every segment, which took half a minute at 19,800 articles.
    """
    per_field: dict[str, dict[str, int]] = {field: {} for field in FIELDS}
    for leaf, _ in reader.leaf_readers():
        for field, counts in per_field.items():
            if field not in leaf.indexed_field_names():
                continue
            for term, info in leaf.iter_field(field):
                if isinstance(term, bytes):
                    term = term.decode("utf-8")
                if keep(term):
                    counts[term] = counts.get(term, 0) + info.doc_frequency()
    words: dict[str, int] = {}
    for counts in per_field.values():
        for term, count in counts.items():
            words[term] = max(words.get(term, 0), count)
    return words
