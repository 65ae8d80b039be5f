"""The two backends the API, page and cross-script suites run on: Whoosh and OpenSearch.

Whoosh always runs. OpenSearch runs when ``OPENSEARCH_URL`` names a node
(``make opensearch`` starts one; ``.ci/run`` does, and sets it); without it its
cases are skipped with a message saying so, and under ``CI=true`` they fail:
a CI run must not pass without them.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from index.build import build

BACKENDS = ("whoosh", "opensearch")
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "").rstrip("/")
#: Every index name this test session creates on the cluster begins with this.
SESSION_PREFIX = f"test-{uuid.uuid4().hex[:8]}"
_built: list[str] = []

NO_OPENSEARCH = ("OpenSearch cases need a node: run `make opensearch`, then "
                 "`OPENSEARCH_URL=http://127.0.0.1:9200 make test` (.ci/run does both)")


def require(backend: str) -> None:
    """Skip (fail under CI=true) an OpenSearch case when no node is configured."""
    if backend == "opensearch" and not OPENSEARCH_URL:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but OPENSEARCH_URL is not set. {NO_OPENSEARCH}")
        pytest.skip(NO_OPENSEARCH)


def build_served(backend: str, sources: list, where: Path, **options) -> dict:
    """Build ``sources`` on ``backend`` and return the app settings serving the build.

    ``where``: the index directory (Whoosh) or the files cache (OpenSearch).
    """
    require(backend)
    if backend == "whoosh":
        build(sources, where, **options)
        return {"INDEX_DIR": str(where)}
    from index.opensearch_build import build_on_cluster
    from searcher.opensearch.location import OpenSearchLocation
    name = f"{SESSION_PREFIX}-{len(_built)}"
    _built.append(name)
    options.pop("procs", None)
    build_on_cluster(sources, OpenSearchLocation(OPENSEARCH_URL, name, cache=where), procs=1,
                     **options)
    os.environ["OPENSEARCH_CACHE"] = str(where)
    return {"SEARCH_BACKEND": "opensearch", "OPENSEARCH_URL": OPENSEARCH_URL,
            "OPENSEARCH_INDEX": name}


def location(config: dict) -> str:
    """Return what ``SearchEngine`` takes for the build ``config`` serves."""
    from web.settings import defaults, index_location
    return index_location(defaults() | config)


def remove_session_indices() -> None:
    """Delete every index this session built on the cluster."""
    if not OPENSEARCH_URL or not _built:
        return
    from searcher.opensearch.location import make_client
    client = make_client(OPENSEARCH_URL)
    client.indices.delete(index=f"{SESSION_PREFIX}-*", ignore_unavailable=True,
                          allow_no_indices=True, expand_wildcards="all")
