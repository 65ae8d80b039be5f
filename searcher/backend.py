"""What a search engine must do for the language side, and nothing more: the seam.

The language side (tokenizing, the forms of a word per kind, the query language,
expansion, the query plan, ranking constants, snippets) knows no engine. It asks
an opened build for the scores of a plan, the documents of a facet value, stored
items, and what its vocabulary holds. Terms are index terms as the analysis
writes them (``કિમ``, ``s:કિમ``, ``x:किम``, ``p:km``); the text fields (a title
and a body, the title counting more) are the engine's business: a term is looked
for in all of them. Document numbers are the engine's, valid for one opened build.

On the write side, the analysis hands an engine each article's fields and, per
text part, its words (``analysis.AnalysedWord``: position, offsets, one form per
kind); how the engine stores them is its business (``BuildSink``).

``searcher.whoosh`` is the embedded implementation (``WhooshBuild``, ``BuildWriter``),
``searcher.opensearch`` the one for a cluster (``OpenSearchBuild``, ``ClusterWriter``).
"""
from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Callable, Mapping, Protocol

from .analysis import AnalysedWord
from .deadline import Deadline
from .plan import Node

#: ``{document number: score}``: every match of a plan.
Scores = dict[int, float]


class OpenedBuild(Protocol):
    """One build of the index, opened for searching; shared by every thread."""

    #: Held around each request: a lock where the engine's readers cannot be shared.
    serial: AbstractContextManager

    def scores(self, plan: Node, deadline: Deadline, read: dict | None = None) -> Scores:
        """Score every document ``plan`` matches; past ``deadline``, skip terms not yet
        read. ``read``: a memo of term scores shared by calls of one request."""

    def has_term(self, term: str) -> bool:
        """Tell whether some document holds ``term`` (``s:કિમ``) in a text field."""

    def doc_frequency(self, term: str) -> int:
        """Return the most documents holding ``term`` in any one text field."""

    def terms_with_prefix(self, prefix: str, limit: int) -> dict[str, int]:
        """Return up to ``limit`` terms a text field holds beginning with ``prefix``
        (``પ્યો``), per field, with their document frequencies (most of any field)."""

    def docs_with(self, term: str) -> set[int]:
        """Return the documents holding ``term`` in a text field."""

    def words(self, keep: Callable[[str], bool]) -> dict[str, int]:
        """Return every term of the text fields that ``keep`` accepts, with its document
        frequency (most of any field)."""

    def facet_docs(self, field: str) -> dict[str, set[int]]:
        """Return the documents of each value of a keyword field (``lang``: gu, hi)."""

    def day_column(self) -> Mapping[int, str]:
        """Return each document's day (``2025-07-14``, ``""`` when undated)."""

    def stored(self, docnum: int) -> dict:
        """Return the stored fields of a document (id, title, text, lang, url, ...)."""

    def stored_many(self, docnums: list[int]) -> list[dict]:
        """Return the stored fields of several documents, in order (one request to a cluster)."""

    def document(self, doc_id: str) -> dict | None:
        """Return the stored fields of the document with id ``doc_id``, or ``None``."""

    def docnum(self, doc_id: str) -> int | None:
        """Return the document number of id ``doc_id``, or ``None``."""

    def doc_count(self) -> int:
        """Return how many live documents the build holds."""

    def close(self) -> None:
        """Release the build's files (no call may follow)."""


class BuildSink(Protocol):
    """Where a build writes its articles: an engine's writer of one new build."""

    def add(self, fields: dict, words: Mapping[str, list[AnalysedWord]]) -> None:
        """Add one article: its stored and keyword ``fields`` (``index.build.document_fields``)
        and the analysed ``words`` of each text part (``analysis.analysed_parts``)."""

    def commit(self) -> None:
        """Make every added article part of the build (nothing is visible before)."""

    def cancel(self) -> None:
        """Drop what was added: the build never holds it."""
