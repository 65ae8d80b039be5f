"""The application's settings: name, default and a line of help each (documented in the README).

The request limits take their defaults from ``searcher.search_request.LIMITS``;
``request_limits`` turns an app's settings back into the ``Limits`` that
both the validation and the OpenAPI description use.
"""
from __future__ import annotations

from dataclasses import dataclass

from searcher.search_request import LIMITS, Limits
from searcher.search import DEADLINE_MS


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS = (
    Setting("SEARCH_BACKEND", "whoosh", "Where the index lives: `whoosh` (a directory, INDEX_DIR) or `opensearch` (a cluster, OPENSEARCH_URL and OPENSEARCH_INDEX)."),
    Setting("INDEX_DIR", None, "Directory of the index to serve (whoosh); default: <instance folder>/index."),
    Setting("OPENSEARCH_URL", "http://127.0.0.1:9200", "The OpenSearch cluster to search (opensearch)."),
    Setting("OPENSEARCH_INDEX", "news", "The alias of the index to serve on the cluster, as built by `scripts/build_index.py --backend opensearch --name` (opensearch)."),
    Setting("PER_PAGE", LIMITS.per_page, "Results per page when the request does not say."),
    Setting("MAX_PER_PAGE", LIMITS.max_per_page, "Largest per_page a request may ask for."),
    Setting("MAX_RESULTS_DEPTH", LIMITS.max_results_depth,
            "Results are shown up to this number; a later page comes back empty, with a notice."),
    Setting("JSON_ENSURE_ASCII", False, "Escape non-ASCII in JSON as \\u sequences (off: UTF-8 text)."),
    Setting("SEARCH_DEADLINE_MS", DEADLINE_MS, "Milliseconds a search may work before it answers with the best results found so far (0 or empty: no limit; none when TESTING)."),
)


def defaults() -> dict:
    """Return every setting's default value."""
    return {setting.name: setting.default for setting in SETTINGS}


#: The values of ``SEARCH_BACKEND``.
BACKENDS = ("whoosh", "opensearch")


def index_location(config) -> str:
    """Return what the search engine serves: the index directory, or the OpenSearch location
    (``opensearch:http://127.0.0.1:9200/news``); ``ValueError`` for an unknown backend."""
    from searcher.opensearch.location import location_spec
    backend = config["SEARCH_BACKEND"]
    if backend == "whoosh":
        return str(config["INDEX_DIR"])
    if backend == "opensearch":
        return location_spec(config["OPENSEARCH_URL"], config["OPENSEARCH_INDEX"])
    raise ValueError(f"SEARCH_BACKEND must be one of {', '.join(BACKENDS)}, not {backend!r}")


def request_limits(config) -> Limits:
    """Return the request limits an app's settings ask for (``ValueError`` if inconsistent)."""
    return Limits(per_page=int(config["PER_PAGE"]), max_per_page=int(config["MAX_PER_PAGE"]),
                  max_results_depth=int(config["MAX_RESULTS_DEPTH"]),
                  max_query_chars=LIMITS.max_query_chars)
