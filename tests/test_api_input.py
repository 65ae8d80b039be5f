"""Strict input on the JSON API: every bad value gets a 400 that says what to change."""
from __future__ import annotations

from pathlib import Path

import pytest
from flask import abort

from searcher.search_request import LIMITS, QueryError, check_date, search_arguments, whole_number
from web import create_app

README = Path(__file__).resolve().parent.parent / "README.md"
QUERY = "કિમ"  # in all five bundled articles


# -- the library function, without a web app ---------------------------------

@pytest.mark.parametrize("value, expected", [
    ("1", 1), ("1000", 1000), ("007", 7), ("", 3), (None, 3),
])
def test_whole_number_reads_ascii_digits(value, expected):
    assert whole_number("page", value, 3, 1000) == expected


@pytest.mark.parametrize("value", ["૨", "२", "1_0", " 2", "2 ", "+2", "-1", "2.0", "1e3",
                                   "٣", "0x10", "2\n", "two"])
def test_whole_number_refuses_anything_but_ascii_digits(value):
    with pytest.raises(QueryError, match="digits 0-9"):
        whole_number("page", value, 1, 1000)


def test_whole_number_refuses_huge_numbers_without_converting_them():
    with pytest.raises(QueryError, match="at most 1000"):
        whole_number("page", "9" * 5000, 1, 1000)  # int() refuses over 4,300 digits


@pytest.mark.parametrize("value", ["2024-02-29", "0001-01-01", "9999-12-31", "2026-12-01"])
def test_real_dates_pass(value):
    assert check_date("from", value) == value


@pytest.mark.parametrize("value", ["2020-13-45", "2026-13-01", "2023-02-29", "2020-00-10",
                                   "૨૦૨૦-01-01", "२०२०-01-01", "2020-01-01\n", " 2020-01-01",
                                   "2020-1-1", "20200101", "2020/01/01", "2020-01-01T00:00",
                                   "0000-01-01"])
def test_anything_but_a_real_date_is_refused(value):
    with pytest.raises(QueryError, match="real date written YYYY-MM-DD"):
        check_date("from", value)


def test_search_arguments_treat_empty_values_as_not_given():
    arguments = search_arguments({"q": QUERY, "page": "", "per_page": "", "lang": "",
                                  "source": "", "from": "", "to": ""})
    assert (arguments["page"], arguments["per_page"]) == (1, LIMITS.per_page)
    assert [arguments[k] for k in ("lang", "source", "date_from", "date_to")] == [None] * 4


# -- through the web app -------------------------------------------------------

BAD = [
    ({"q": None}, "missing query"),  # None: not sent at all
    ({"q": ""}, "missing query"),
    ({"q": " \t\n"}, "missing query"),
    ({"page": "૨"}, "page must be a whole number written in the digits 0-9"),
    ({"page": "1_0"}, "page must be a whole number written in the digits 0-9"),
    ({"page": "2.0"}, "page must be a whole number written in the digits 0-9"),
    ({"page": "-1"}, "page must be a whole number written in the digits 0-9"),
    ({"page": "0"}, "page must be a whole number of 1 or more"),
    ({"page": str(LIMITS.max_page + 1)}, f"page must be at most {LIMITS.max_page}"),
    ({"page": "9" * 40}, f"page must be at most {LIMITS.max_page}"),
    ({"per_page": "૧૦"}, "per_page must be a whole number written in the digits 0-9"),
    ({"per_page": "0"}, "per_page must be a whole number of 1 or more"),
    ({"per_page": str(LIMITS.max_per_page + 1)}, f"per_page must be at most {LIMITS.max_per_page}"),
    ({"lang": "xx"}, "lang must be one of: gu, hi"),
    ({"lang": "GU"}, "lang must be one of: gu, hi"),
    ({"from": "2020-13-45"}, "from must be a real date"),
    ({"from": "૨૦૨૦-01-01"}, "from must be a real date"),
    ({"from": "2020-01-01\n"}, "from must be a real date"),
    ({"to": "2026-13-01"}, "to must be a real date"),
    ({"to": "2023-02-29"}, "to must be a real date"),
    ({"to": "1 Jan 2020"}, "to must be a real date"),
]


@pytest.mark.parametrize("params, message", BAD)
def test_bad_values_get_400_json_saying_what_to_change(client, params, message):
    query = {k: v for k, v in {"q": QUERY, **params}.items() if v is not None}
    response = client.get("/api/search", query_string=query)
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert list(data) == ["error"] and message in data["error"]
    for name, sent in params.items():  # the message quotes what was sent
        if name != "q":
            assert repr(sent[:40]) in data["error"] or f"not {sent}" in data["error"]


@pytest.mark.parametrize("params, message", BAD[3:8])
def test_the_page_shows_the_same_messages(client, params, message):
    response = client.get("/search", query_string={"q": QUERY, **params})
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert message in response.get_data(as_text=True)


GOOD = [
    {},
    {"page": "1", "per_page": "1"},
    {"page": "007"},
    {"per_page": str(LIMITS.max_per_page)},
    {"page": str(LIMITS.max_page), "per_page": "1"},
    {"lang": "gu"}, {"lang": "hi"},
    {"from": "2024-02-29", "to": "2024-03-01"},
    {"from": "0001-01-01", "to": "9999-12-31"},
    {"from": "2030-01-01", "to": "2020-01-01"},  # an empty range is not an error
    {"page": "", "per_page": "", "lang": "", "source": "", "from": "", "to": ""},
]


@pytest.mark.parametrize("params", GOOD)
def test_good_edge_values_get_200(client, params):
    response = client.get("/api/search", query_string={"q": QUERY, **params})
    assert response.status_code == 200, response.get_json()
    data = response.get_json()
    assert data["page"] == int(params.get("page") or 1)
    assert data["per_page"] == int(params.get("per_page") or LIMITS.per_page)


def test_a_page_past_the_depth_is_empty_with_a_notice(client):
    response = client.get("/api/search", query_string={
        "q": QUERY, "page": LIMITS.max_page, "per_page": LIMITS.max_per_page})
    data = response.get_json()
    assert response.status_code == 200
    assert data["results"] == [] and data["total"] == 5
    assert any(f"up to number {LIMITS.max_results_depth}" in note for note in data["notices"])


@pytest.fixture
def shallow(articles_index):
    """A client whose results stop at number 4 (the bundled index has 5 for ``QUERY``)."""
    return create_app({"TESTING": True, "INDEX_DIR": str(articles_index), "PER_PAGE": 2,
                       "MAX_PER_PAGE": 4, "MAX_RESULTS_DEPTH": 4}).test_client()


def test_inconsistent_limits_stop_the_app_at_start(articles_index):
    with pytest.raises(ValueError, match="max_per_page <= max_results_depth"):
        create_app({"TESTING": True, "INDEX_DIR": str(articles_index), "MAX_RESULTS_DEPTH": 50})


@pytest.mark.parametrize("page, per_page, shown, notice", [
    (2, 2, 2, False),   # results 3-4
    (2, 3, 1, False),   # results 4-6: only 4 is within the depth
    (3, 2, 0, True),    # results 5-6: past it
    (1, 4, 4, False),
])
def test_results_stop_at_the_configured_depth(shallow, page, per_page, shown, notice):
    data = shallow.get("/api/search", query_string={
        "q": QUERY, "page": page, "per_page": per_page}).get_json()
    assert data["total"] == 5 and len(data["results"]) == shown
    assert any("up to number 4" in note for note in data["notices"]) == notice


def test_depth_pages_stay_distinct(shallow):
    seen = [hit["id"] for page in (1, 2) for hit in shallow.get(
        "/api/search", query_string={"q": QUERY, "page": page, "per_page": 2}).get_json()["results"]]
    assert len(seen) == len(set(seen)) == 4


# -- errors, methods and redirects under /api/ ----------------------------------

@pytest.mark.parametrize("path", ["/api/search?q=x", "/api/suggest?q=x", "/api/openapi.json"])
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_wrong_method_is_405_json_with_allow(client, method, path):
    response = client.open(path, method=method)
    assert response.status_code == 405 and response.mimetype == "application/json"
    assert {"GET", "HEAD"} <= set(response.headers["Allow"].replace(" ", "").split(","))
    assert "GET" in response.get_json()["error"]


@pytest.mark.parametrize("path", ["/api/nope", "/api/search/", "/api/search/more", "/api/"])
def test_unknown_api_path_is_404_json(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response.mimetype == "application/json"
    assert "/api/openapi.json" in response.get_json()["error"]


def test_unknown_page_is_still_html(client):
    response = client.get("/nope")
    assert response.status_code == 404 and response.mimetype == "text/html"


@pytest.mark.parametrize("code", [400, 404, 405, 413, 429, 431, 500])
def test_any_http_error_under_api_is_json(articles_index, code):
    app = create_app({"TESTING": True, "INDEX_DIR": str(articles_index)})
    app.add_url_rule("/api/fail/<int:code>", "fail", lambda code: abort(code))
    response = app.test_client().get(f"/api/fail/{code}")
    assert response.status_code == code and response.mimetype == "application/json"
    assert response.get_json()["error"]


@pytest.mark.parametrize("path, target", [
    ("/api//search?q=x&page=2", "/api/search?q=x&page=2"),
    ("/api//suggest?q=x", "/api/suggest?q=x"),
])
def test_redirects_are_relative_whatever_the_host(client, path, target):
    response = client.get(path, headers={"Host": "evil.example"})
    assert response.status_code == 308
    assert response.headers["Location"] == target
    assert "evil.example" not in response.get_data(as_text=True)
    assert client.get(target).status_code == 200


def test_page_redirects_are_relative_too(client):
    response = client.get("/", environ_overrides={"PATH_INFO": "/article//x"},
                          headers={"Host": "evil.example"})
    assert response.status_code == 308 and response.headers["Location"] == "/article/x"


@pytest.mark.parametrize("path", ["/api/search?q=કિમ", "/api/search?q=x&page=૨",
                                  "/api/suggest?q=કિ", "/api/nope", "/api/openapi.json"])
def test_head_is_get_without_the_body(client, path):
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code and head.data == b""
    assert head.mimetype == got.mimetype == "application/json"
    if path.startswith("/api/openapi"):  # the same bytes, so the same length
        assert head.headers["Content-Length"] == got.headers["Content-Length"]


# -- the README states the enforced limits ------------------------------------

def test_readme_states_the_limits_the_code_enforces():
    readme = README.read_text("utf-8")
    assert f"results per page, 1 to {LIMITS.max_per_page} (default {LIMITS.per_page})" in readme
    assert f"first {LIMITS.max_query_chars} characters" in readme
    assert f"`page` over {LIMITS.max_page:,}" in readme
    assert f"up to number {LIMITS.max_results_depth:,}" in readme


def test_the_page_links_no_further_than_the_depth(shallow):
    first = shallow.get("/search", query_string={"q": QUERY}).get_data(as_text=True)
    last = shallow.get("/search", query_string={"q": QUERY, "page": 2}).get_data(as_text=True)
    assert "Page 1 of 2" in first and 'rel="next"' in first
    assert "Page 2 of 2" in last and 'rel="next"' not in last
