"""Shared fixtures: the bundled collection indexed once per session, an app, a client."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import backends
from index.build import build
from web import create_app

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def articles_index(tmp_path_factory) -> Path:
    """Return an index directory built from the bundled articles (built once)."""
    index_dir = tmp_path_factory.mktemp("index")
    report = build([ARTICLES], index_dir)
    assert report.indexed == 5 and not report.skipped
    return index_dir


@pytest.fixture(scope="session", params=backends.BACKENDS)
def backend(request) -> str:
    """Each backend in turn (OpenSearch skipped without ``OPENSEARCH_URL``: ``backends``)."""
    backends.require(request.param)
    return request.param


@pytest.fixture(scope="session")
def served_articles(backend, articles_index, tmp_path_factory) -> dict:
    """Return the app settings serving the bundled articles on ``backend``."""
    if backend == "whoosh":
        return {"INDEX_DIR": str(articles_index)}
    return backends.build_served(backend, [ARTICLES], tmp_path_factory.mktemp("opensearch"))


@pytest.fixture
def app(served_articles):
    return create_app({"TESTING": True, **served_articles})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def articles_copy(tmp_path) -> Path:
    """Return a writable copy of the bundled articles."""
    target = tmp_path / "articles"
    shutil.copytree(ARTICLES, target)
    return target


def pytest_sessionfinish(session, exitstatus):
    backends.remove_session_indices()
