"""The OpenAPI description states the limits the app enforces, from the same table."""
from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest

from searcher import languages
from searcher.search_request import LIMITS
from web import create_app
from web.openapi import HIT_FIELDS, openapi_document
from web.settings import request_limits

QUERY = "કિમ"

#: A configuration far from the defaults, so a limit copied anywhere as a
#: literal shows up as a difference.
CUSTOM = {"PER_PAGE": 3, "MAX_PER_PAGE": 7, "MAX_RESULTS_DEPTH": 50}


@pytest.fixture(params=[{}, CUSTOM], ids=["defaults", "custom"])
def configured(request, articles_index):
    return create_app({"TESTING": True, "INDEX_DIR": str(articles_index), **request.param})


def _parameters(document: dict, path: str = "/api/search") -> dict:
    return {p["name"]: p for p in document["paths"][path]["get"]["parameters"]}


def test_served_description_is_generated_from_the_app_limits(configured):
    served = configured.test_client().get("/api/openapi.json").get_json()
    assert served == openapi_document(request_limits(configured.config))
    schema = {name: p["schema"] for name, p in _parameters(served).items()}
    limits = request_limits(configured.config)
    assert schema["per_page"]["maximum"] == limits.max_per_page == configured.config["MAX_PER_PAGE"]
    assert schema["per_page"]["default"] == limits.per_page == configured.config["PER_PAGE"]
    assert schema["page"]["maximum"] == limits.max_page == configured.config["MAX_RESULTS_DEPTH"]
    assert str(limits.max_query_chars) in _parameters(served)["q"]["description"]


def test_default_description_states_the_default_limits():
    schema = {n: p["schema"] for n, p in _parameters(openapi_document()).items()}
    assert (schema["per_page"]["maximum"], schema["per_page"]["default"]) == (100, 10)
    assert schema["page"]["maximum"] == LIMITS.max_results_depth == 1000
    assert schema["q"]["minLength"] == 1 and schema["q"]["pattern"] == r"\S"


@pytest.mark.parametrize("name", ["page", "per_page"])
def test_integer_bounds_in_the_description_are_the_enforced_ones(configured, name):
    client = configured.test_client()
    bounds = _parameters(client.get("/api/openapi.json").get_json())[name]["schema"]

    def status(value):
        return client.get("/api/search", query_string={"q": QUERY, name: value}).status_code

    assert status(bounds["minimum"]) == status(bounds["maximum"]) == 200
    assert status(bounds["minimum"] - 1) == status(bounds["maximum"] + 1) == 400


def test_every_schema_valid_page_is_answered(configured):
    """page × per_page past the depth is valid by schema: it answers an empty page."""
    client = configured.test_client()
    schema = {n: p["schema"] for n, p in _parameters(
        client.get("/api/openapi.json").get_json()).items()}
    response = client.get("/api/search", query_string={
        "q": QUERY, "page": schema["page"]["maximum"],
        "per_page": schema["per_page"]["maximum"]})
    assert response.status_code == 200 and response.get_json()["results"] == []


def test_language_enums_come_from_the_language_table(client):
    served = client.get("/api/openapi.json").get_json()
    lang = _parameters(served)["lang"]["schema"]
    assert lang["enum"] == list(languages.LANGUAGES) == HIT_FIELDS["lang"]["enum"]
    for code in lang["enum"]:
        assert client.get("/api/search", query_string={"q": QUERY, "lang": code}).status_code == 200
    assert client.get("/api/search", query_string={"q": QUERY, "lang": "ta"}).status_code == 400


def test_empty_values_are_documented_where_they_are_accepted(client):
    for name, parameter in _parameters(openapi_document()).items():
        accepted = client.get("/api/search", query_string={"q": QUERY, name: ""}).status_code == 200
        assert parameter.get("allowEmptyValue", False) == accepted, name


def test_every_status_the_search_answers_is_documented(client, tmp_path):
    responses = openapi_document()["paths"]["/api/search"]["get"]["responses"]
    missing = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path)}).test_client()
    seen = {client.get("/api/search?q=x").status_code, client.get("/api/search").status_code,
            missing.get("/api/search?q=x").status_code}
    assert seen == {200, 400, 503} and {str(code) for code in seen} <= set(responses)


# -- a bounded schemathesis run inside the suite ---------------------------------

#: Cases per operation and phase: with the coverage phase's boundary cases this
#: reaches every parameter's edges in about 15 s (the full run is
#: scripts/reliability/schema_check.py).
SCHEMATHESIS_EXAMPLES = 25


@pytest.fixture(scope="module")
def served(articles_index):
    """Serve the bundled index with waitress on loopback, in a thread."""
    from waitress.server import create_server
    app = create_app({"INDEX_DIR": str(articles_index)})
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


def test_schemathesis_finds_no_failure(served, tmp_path):
    """Every check, coverage and fuzzing phases, a fixed seed: the same cases every run."""
    report = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "run", f"{served}/api/openapi.json",
         "--checks", "all", "--phases", "coverage,fuzzing", "--workers", "1", "--seed", "1",
         "--max-examples", str(SCHEMATHESIS_EXAMPLES), "--report", "json",
         "--report-json-path", str(report)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300)
    data = json.loads(report.read_text("utf-8"))
    assert data["operations"]["tested"] == 2 and data["test_cases"]["generated"] > 100
    assert data["test_cases"]["with_failures"] == 0, done.stdout[-3000:]
    assert not data["errors"] and done.returncode == 0, done.stdout[-3000:]
