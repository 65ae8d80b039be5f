import pytest

from web import create_app
from web.settings import SETTINGS


def test_home_page_has_a_labelled_search_box(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<label for="q"' in html and 'name="q"' in html


@pytest.mark.parametrize("query, expected_ids", [
    ("કિમ", {"000", "001", "003", "004"}),
    ("पुतिन", {"002"}),
])
def test_page_answers_native_queries_with_highlights(client, query, expected_ids):
    response = client.get("/search", query_string={"q": query})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<mark>" in html
    data = client.get("/api/search", query_string={"q": query}).get_json()
    assert expected_ids <= {hit["id"][:3] for hit in data["results"]}


def test_api_shape_and_utf8(client):
    response = client.get("/api/search?q=પુતિન&per_page=2")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    raw = response.get_data(as_text=True)
    assert "\\u" not in raw and "પુતિન" in raw
    data = response.get_json()
    assert list(data)[:6] == ["query", "total", "page", "per_page", "took_ms", "results"]
    assert data["per_page"] == 2 and len(data["results"]) == 2
    hit = data["results"][0]
    assert set(hit) == {"id", "title", "lang", "score", "snippet", "url", "published", "source"}
    assert "<mark>" in hit["snippet"]


@pytest.mark.parametrize("query_string, message", [
    ({}, "missing query"),
    ({"q": "  "}, "missing query"),
    ({"q": "કિમ", "page": "two"}, "page must be a whole number"),
    ({"q": "કિમ", "page": "0"}, "page must be a whole number of 1 or more"),
    ({"q": "કિમ", "per_page": "101"}, "per_page must be at most 100"),
    ({"q": "કિમ", "per_page": "0"}, "per_page must be"),
    ({"q": "કિમ", "lang": "xx"}, "lang must be one of"),
    ({"q": "કિમ", "page": "999999"}, "results are available up to"),
])
def test_api_bad_requests_get_400_with_error(client, query_string, message):
    response = client.get("/api/search", query_string=query_string)
    assert response.status_code == 400
    assert message in response.get_json()["error"]


def test_html_bad_request_shows_the_message(client):
    response = client.get("/search?q=x&page=abc")
    assert response.status_code == 400
    assert "page must be a whole number" in response.get_data(as_text=True)


def test_lang_filter(client):
    data = client.get("/api/search?q=કિમ&lang=hi").get_json()
    assert {hit["lang"] for hit in data["results"]} == {"hi"}


def test_no_results_state(client):
    response = client.get("/search?q=zzzzqqq")
    assert response.status_code == 200
    assert "No article matches" in response.get_data(as_text=True)
    assert client.get("/api/search?q=zzzzqqq").get_json()["total"] == 0


def test_pagination(client):
    first = client.get("/api/search?q=કિમ&per_page=2&page=1").get_json()
    second = client.get("/api/search?q=કિમ&per_page=2&page=2").get_json()
    assert first["total"] == second["total"] >= 4
    assert not {h["id"] for h in first["results"]} & {h["id"] for h in second["results"]}


def test_missing_index_is_a_clear_503(tmp_path):
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path)}).test_client()
    response = client.get("/api/search?q=x")
    assert response.status_code == 503
    assert "build_index.py" in response.get_json()["error"]


def test_content_security_policy_forbids_inline_script(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_query_is_escaped_in_page(client):
    html = client.get("/search", query_string={"q": '<script>alert(1)</script>'}).get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_every_setting_is_documented_in_readme():
    from pathlib import Path
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    for setting in SETTINGS:
        assert f"`{setting.name}`" in readme, setting.name
