"""One search engine per application, opened lazily on first use."""
from __future__ import annotations

from flask import Flask, current_app

from searcher.search import SearchEngine

from . import settings


def get_engine() -> SearchEngine:
    """Return the application's search engine (it refreshes itself when the index changes)."""
    return current_app.extensions["search_engine"]


def init_app(app: Flask) -> None:
    """Attach a search engine for the configured index (``settings.index_location``) to
    ``app``, with the ``SEARCH_DEADLINE_MS``
    deadline unless ``TESTING``."""
    # a deadline reads the clock, so answers depend on the machine's load: tests
    # (TESTING) run without one and get the same answers on a busy machine
    deadline = None if app.testing else app.config["SEARCH_DEADLINE_MS"] or None
    app.extensions["search_engine"] = SearchEngine(settings.index_location(app.config),
                                                    deadline_ms=deadline)
