"""A build of the index on an OpenSearch cluster, opened for searching: a ``backend.OpenedBuild``.

Plans are scored by the cluster (``query.to_dsl``): every match's document
number and score come back, as from the Whoosh scorer, and the language side
filters, counts facets, orders and presents them as it does for Whoosh. What
requests ask many times (is a term in the index, which terms begin with a
prefix, each document's language, source and day) is read once from the build's
files (``columns``); stored fields are fetched per document and kept a while.
"""
from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from contextlib import nullcontext
from math import log
from pathlib import Path
from typing import Callable, Mapping

from opensearchpy.exceptions import ConnectionError as ClusterUnreachable
from opensearchpy.exceptions import NotFoundError, TransportError

from ..deadline import NO_DEADLINE, Deadline
from ..layout import MANIFEST, IndexMissing
from ..plan import Node
from ..ranking import value
from .columns import COLUMNS, VOCABULARY, Columns, Vocabulary
from .mapping import DOCNUM, PARTS, part_similarity
from .query import limited_dsl

#: Matches fetched by the first request of a search; more take a second one of the right size.
FIRST_PAGE = 1000
#: Stored fields of this many documents kept per opened build.
STORED_CACHE = 4096
K1 = value("bm25_k1")
#: Tries of a search when the cluster fails, and the pause between them: a node that
#: leaves fails the searches on its shards until their replicas take over.
SEARCH_ATTEMPTS = 3
RETRY_SECONDS = 0.5
#: Seconds a request to the cluster may take before the search fails (503).
REQUEST_TIMEOUT = 30


class ClusterError(IndexMissing):
    """The cluster did not answer, or lost the build: the page says the index is unavailable."""


def cluster_errors(call, attempts: int = 1):
    """Run ``call`` and turn the cluster's errors into ``ClusterError``; try ``attempts``
    times in all when the cluster fails (a node leaving: its shards' copies take over)."""
    for attempt in range(attempts):
        try:
            return call()
        except NotFoundError as error:
            if error.error == "index_not_found_exception":
                raise ClusterError(f"the build's index is gone from the cluster ({error.error})"
                                   ) from error
            failure = error
        except (ClusterUnreachable, TransportError, PartialAnswer) as error:
            failure = error
        if attempt + 1 < attempts:
            time.sleep(RETRY_SECONDS)
    raise ClusterError(f"the OpenSearch cluster did not answer: {failure}") from failure


class PartialAnswer(Exception):
    """Some shards did not answer: the hits and the total would be short."""


def complete(answer: dict) -> dict:
    """Return a search ``answer`` if every shard took part, else raise ``PartialAnswer``."""
    shards = answer.get("_shards", {})
    if shards.get("failed") or shards.get("successful", 0) < shards.get("total", 0):
        raise PartialAnswer(f"{shards.get('failed', 0)} of {shards.get('total')} shards failed")
    return answer


def shards_of(directory: Path) -> int | None:
    """Return the primary shards the build's manifest records (``None``: not recorded)."""
    try:
        return json.loads((directory / MANIFEST).read_text("utf-8")).get("shards")
    except (OSError, ValueError):
        return None


class OpenSearchBuild:
    """One build index on a cluster, with its files downloaded to ``directory``."""

    def __init__(self, client, index: str, directory: Path):
        self.client, self.index = client, index
        self.serial = nullcontext()           # the client is thread-safe
        self._vocabulary = Vocabulary.load(directory / VOCABULARY)
        self._columns = Columns.load(directory / COLUMNS)
        # more than one shard: each scores with the whole index's term statistics (one
        # more round trip); one shard has them already
        self._search_type = ("query_then_fetch" if shards_of(directory) == 1
                             else "dfs_query_then_fetch")
        docs = len(self._columns)
        #: per part: documents with words in it, and Whoosh's K1+1 over the part's (``factor``)
        self._part_docs = {part: self._columns.part_docs.get(part) or docs for part in PARTS}
        self._k1_ratio = {part: (K1 + 1) / (part_similarity(part, docs, n)["k1"] + 1)
                          for part, n in self._part_docs.items()}
        self._kept: OrderedDict[int, dict] = OrderedDict()     # stored fields, least recent first
        self._keeping = threading.Lock()

    def _search(self, body: dict, size: int, timeout_ms: float | None = None) -> dict:
        # no partial results: a shard that fails (a node leaving) fails the search, which is
        # tried again, rather than giving a short total with no notice
        params = {"filter_path": "_shards,hits.total,hits.hits._score,hits.hits.fields,timed_out",
                  "request_timeout": REQUEST_TIMEOUT, "search_type": self._search_type,
                  "allow_partial_search_results": "false"}
        body = {**body, "size": size, "_source": False, "track_total_hits": True,
                "stored_fields": "_none_", "docvalue_fields": [DOCNUM]}
        if timeout_ms is not None:       # in the body: opensearch-py takes a `timeout` parameter
            body["timeout"] = f"{max(1, int(timeout_ms))}ms"
        return cluster_errors(lambda: complete(self.client.search(
            index=self.index, body=body, params=params)), attempts=SEARCH_ATTEMPTS)

    def _all_matches(self, query: dict, deadline: Deadline = NO_DEADLINE) -> tuple[dict, bool]:
        """Return ``{docnum: score}`` of every match of ``query`` and whether time ran out."""
        answer = self._search({"query": query}, FIRST_PAGE, deadline.remaining_ms())
        total = answer.get("hits", {}).get("total", {}).get("value", 0)
        if total > FIRST_PAGE and not answer.get("timed_out"):
            answer = self._search({"query": query}, total, deadline.remaining_ms())
        hits = answer.get("hits", {}).get("hits", [])
        try:
            found = {hit["fields"][DOCNUM][0]: hit["_score"] for hit in hits}
        except KeyError:
            raise ClusterError(f"the index {self.index} was built by an older version "
                               "(no document numbers in doc values): rebuild it") from None
        return found, bool(answer.get("timed_out"))

    def scores(self, plan: Node, deadline: Deadline = NO_DEADLINE,
               read: dict | None = None) -> dict[int, float]:
        if deadline.expired():
            return {}
        query = limited_dsl(plan, self.factor)
        found, timed_out = self._all_matches(query, deadline)
        if timed_out:
            deadline.cut = True
        return found

    def factor(self, term: str, part: str) -> float | None:
        """Return what turns Lucene's BM25 score of ``term`` in ``part`` into Whoosh's
        (``query`` explains), or ``None`` when no document has ``term`` in ``part``:
        Whoosh's IDF over Lucene's, and Whoosh's ``K1 + 1`` over the part's.

        >>> round((log(20 / 2) + 1) / log(1 + 19.5 / 1.5), 3)   # IDFs, in 1 document of 20
        1.251
        """
        df = self._vocabulary.in_part(term, part)
        if not df:
            return None
        with_words = self._part_docs[part]
        whoosh_idf = log(len(self._columns) / (df + 1)) + 1
        lucene_idf = log(1 + (with_words - df + 0.5) / (df + 0.5))
        return whoosh_idf / lucene_idf * self._k1_ratio[part]

    def has_term(self, term: str) -> bool:
        return self._vocabulary.frequency(term) > 0

    def doc_frequency(self, term: str) -> int:
        return self._vocabulary.frequency(term)

    def terms_with_prefix(self, prefix: str, limit: int) -> dict[str, int]:
        return self._vocabulary.with_prefix(prefix, limit)

    def docs_with(self, term: str) -> set[int]:
        query = {"bool": {"should": [{"term": {f"{part}.terms": term}} for part in PARTS]}}
        return set(self._all_matches({"constant_score": {"filter": query}})[0])

    def words(self, keep: Callable[[str], bool]) -> dict[str, int]:
        return self._vocabulary.matching(keep)

    def facet_docs(self, field: str) -> dict[str, set[int]]:
        return self._columns.docs_by_value(field)

    def day_column(self) -> Mapping[int, str]:
        return self._columns.column("day")

    def stored(self, docnum: int) -> dict:
        return self.stored_many([docnum])[0]

    def stored_many(self, docnums: list[int]) -> list[dict]:
        """Return the stored fields of ``docnums``; those not kept already come in one ``mget``."""
        with self._keeping:
            found = {n: self._kept[n] for n in docnums if n in self._kept}
            for n in found:
                self._kept.move_to_end(n)
        missing = [n for n in dict.fromkeys(docnums) if n not in found]
        if missing:
            answer = cluster_errors(lambda: self.client.mget(
                index=self.index, body={"ids": [str(n) for n in missing]},
                params={"_source": "stored", "request_timeout": REQUEST_TIMEOUT}),
                attempts=SEARCH_ATTEMPTS)
            for doc in answer["docs"]:
                if not doc.get("found"):
                    raise ClusterError(f"document {doc['_id']} is gone from {self.index}")
                found[int(doc["_id"])] = doc["_source"]["stored"]
            with self._keeping:
                for n in missing:
                    self._kept[n] = found[n]
                while len(self._kept) > STORED_CACHE:
                    self._kept.popitem(last=False)
        return [dict(found[n]) for n in docnums]

    def document(self, doc_id: str) -> dict | None:
        docnum = self.docnum(doc_id)
        return None if docnum is None else self.stored(docnum)

    def docnum(self, doc_id: str) -> int | None:
        return self._columns.docnum(doc_id)

    def doc_count(self) -> int:
        return len(self._columns)

    def close(self) -> None:
        with self._keeping:
            self._kept.clear()
