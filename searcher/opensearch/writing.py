"""Writing articles into a build's OpenSearch index: the cluster's ``backend.BuildSink``.

A ``ClusterWriter`` numbers the articles it is given from ``first`` (their ``_id``:
the document number the searcher reports), sends them in bulk requests, and
counts what the web servers' files need (``columns``): each term's documents per
text part, and each article's keyword columns. Index workers each hold one for a
run of consecutive numbers (``index.opensearch_build``).
"""
from __future__ import annotations

from collections import Counter
from typing import Mapping

from ..analysis import AnalysedWord
from .columns import COLUMN_FIELDS
from .mapping import PARTS, document_source

#: Articles per bulk request (well under OpenSearch's 100 MB request limit).
BULK_DOCS = 250
#: Counted beside the terms: documents with words in a part (no term holds a tab).
PART_DOCS = "\t"


class ClusterWriter:
    """Send articles to the build index ``index``, numbered from ``first``."""

    def __init__(self, client, index: str, first: int = 0):
        self.client, self.index, self._next = client, index, first
        self._actions: list[dict] = []
        #: Per part, the documents holding each term (and ``PART_DOCS``: with any word).
        self.counts: dict[str, Counter] = {part: Counter() for part in PARTS}
        #: Each document number's keyword columns (``columns.COLUMN_FIELDS``).
        self.rows: dict[int, dict[str, str]] = {}

    def add(self, fields: dict, words: Mapping[str, list[AnalysedWord]]) -> None:
        source = document_source(fields, words, self._next)
        for part in PARTS:
            terms = set(source[part]["terms"].split())
            self.counts[part].update(terms)
            self.counts[part][PART_DOCS] += bool(terms)
        self.rows[self._next] = {name: fields.get(name) or "" for name in COLUMN_FIELDS}
        self._actions.append({"_index": self.index, "_id": str(self._next), "_source": source})
        self._next += 1
        if len(self._actions) >= BULK_DOCS:
            self._send()

    def _send(self) -> None:
        from opensearchpy import helpers
        if self._actions:
            helpers.bulk(self.client, self._actions, chunk_size=len(self._actions),
                         max_chunk_bytes=50 << 20, request_timeout=120)
            self._actions = []

    def commit(self) -> None:
        """Send what is left (the build refreshes the index once every writer is done)."""
        self._send()

    def cancel(self) -> None:
        self._actions = []
