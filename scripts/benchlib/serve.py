"""The production web app on the benchmark's index, for ``waitress --call``.

    BENCH_INDEX_DIR=DIR waitress-serve --call benchlib.serve:create_app
    BENCH_INDEX_DIR=opensearch:http://127.0.0.1:9200/bench-19800 waitress-serve ...
"""
from __future__ import annotations

import os

from web import create_app as create_web_app


def create_app():
    """Return the web app serving the index named by ``BENCH_INDEX_DIR`` (a directory or a location)."""
    from searcher.opensearch.location import OpenSearchLocation, is_location
    index = os.environ["BENCH_INDEX_DIR"]
    if not is_location(index):
        return create_web_app({"INDEX_DIR": index})
    where = OpenSearchLocation.parse(index)
    return create_web_app({"SEARCH_BACKEND": "opensearch", "OPENSEARCH_URL": where.url,
                           "OPENSEARCH_INDEX": where.name})
