import pytest

from web import create_app
from web.openapi import HIT_FIELDS, RESULTS_FIELDS, openapi_document
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
    assert set(hit) == {"id", "title", "lang", "score", "snippet", "url", "published", "source",
                        "also_in", "duplicates", "duplicates_total", "title_html",
                        "headline_only", "source_name"}
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


def test_openapi_matches_real_responses(client):
    assert client.get("/api/openapi.json").get_json() == openapi_document()
    data = client.get("/api/search?q=કિમ").get_json()
    assert set(data) == set(RESULTS_FIELDS)
    assert set(data["results"][0]) == set(HIT_FIELDS)
    suggest = client.get("/api/suggest?q=કિ").get_json()
    assert set(suggest) == {"query", "suggestions"}


def test_readme_documents_every_api_field():
    from pathlib import Path
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    for name in list(RESULTS_FIELDS) + list(HIT_FIELDS):
        assert f'"{name}"' in readme, name
    for parameter in openapi_document()["paths"]["/api/search"]["get"]["parameters"]:
        assert f"`{parameter['name']}`" in readme, parameter["name"]


def test_facets_count_languages_and_sources(client):
    data = client.get("/api/search?q=કિમ").get_json()
    assert data["facets"]["lang"] == {"gu": 4, "hi": 1}


def test_same_story_in_other_language_is_linked(client):
    data = client.get("/api/search?q=કિમ&lang=hi").get_json()
    (hit,) = data["results"]
    assert hit["id"].startswith("002") and [o["id"][:3] for o in hit["also_in"]] == ["000"]
    html = client.get("/search?q=કિમ&lang=hi").get_data(as_text=True)
    assert "Also in <span lang=\"gu\">ગુજરાતી</span>" in html


def test_article_page_marks_query_and_links_back(client):
    doc_id = client.get("/api/search?q=શોઇગુ").get_json()["results"][0]["id"]
    html = client.get(f"/article/{doc_id}?q=shoigu").get_data(as_text=True)
    assert "<mark>" in html and "Back to the results" in html
    assert client.get("/article/nope").status_code == 404


def test_suggest_completes_native_prefix(client):
    data = client.get("/api/suggest?q=પ્યોં").get_json()
    assert any(s.startswith("પ્યોંગયાંગ") for s in data["suggestions"])
    assert client.get("/api/suggest").status_code == 400


def test_did_you_mean_offers_indexed_spelling(client):
    data = client.get("/api/search?q=પ્યોંગયાંગઝ").get_json()
    assert data["did_you_mean"] and data["did_you_mean"].startswith("પ્યોંગયાંગ")


def test_reading_aid_versions_keep_marks(client):
    html = client.get("/search?q=કિમ").get_data(as_text=True)
    assert 'data-aid="latin"' in html and "<mark>kim</mark>" in html.lower()


def test_date_filter_must_be_a_date(client):
    response = client.get("/api/search?q=કિમ&from=yesterday")
    assert response.status_code == 400 and "YYYY-MM-DD" in response.get_json()["error"]


def test_date_range_filters_by_published_day(client):
    dated = client.get("/api/search?q=કિમ&from=2025-07-01&to=2025-07-31").get_json()
    assert [hit["id"][:3] for hit in dated["results"]] == ["004"]
    assert client.get("/api/search?q=કિમ&to=2025-01-01").get_json()["total"] == 0
    html = client.get("/search?q=કિમ&from=2025-07-01").get_data(as_text=True)
    assert 'name="from" value="2025-07-01"' in html


def _ids(client, query: str) -> set[str]:
    data = client.get("/api/search", query_string={"q": query, "per_page": 100}).get_json()
    assert data["total"] == len(data["results"]) + data.get("collapsed", 0)
    return {hit["id"] for hit in data["results"]}


def test_or_across_scripts_finds_the_union(client):
    """``છે OR है``: the Gujarati word's articles and the Hindi word's, both."""
    gujarati, hindi = _ids(client, "છે"), _ids(client, "है")
    assert gujarati and hindi - gujarati          # each side finds articles of its own
    data = client.get("/api/search", query_string={"q": "છે OR है", "per_page": 100}).get_json()
    assert data["total"] == len(gujarati | hindi)
    assert {hit["id"] for hit in data["results"]} == gujarati | hindi


def test_totals_and_facets_are_exact(client):
    """The total and the facet counts agree with the documents actually listed."""
    data = client.get("/api/search?q=છે OR है&per_page=100").get_json()
    listed = data["results"]
    assert data["total"] == len(listed) > 1     # a group of near-duplicates counts once
    by_lang = {}
    for hit in listed:
        by_lang[hit["lang"]] = by_lang.get(hit["lang"], 0) + 1
    assert data["facets"]["lang"] == by_lang == {"gu": 4, "hi": 1}


def test_suggest_completes_latin_prefix(client):
    data = client.get("/api/suggest?q=kc").get_json()
    assert "kcna" in data["suggestions"]


def test_article_page_shows_also_in(client):
    html = client.get("/article/000_4a1281cac945e6a1").get_data(as_text=True)
    assert 'Also in <span lang="hi">हिन्दी</span>' in html
    assert '<article lang="gu">' in html


def test_all_words_first_then_any_word_with_a_notice(client):
    data = client.get("/api/search?q=કિમ zzzzqq").get_json()
    assert data["total"] > 0
    assert any("showing articles with any of them" in note for note in data["notices"])


@pytest.mark.parametrize("query", ["કિમ -લાવરૉવ", "કિમ NOT લાવરૉવ", "કિમ -lavrov"])
def test_excluded_word_removes_articles(client, query):
    ids = {hit["id"][:3] for hit in client.get("/api/search", query_string={"q": query})
           .get_json()["results"]}
    assert ids == {"000", "001", "002", "003"}       # only 004 names Lavrov


def test_filters_in_the_query(client):
    data = client.get("/api/search", query_string={"q": "કિમ source:revoi.in"}).get_json()
    assert [hit["id"][:3] for hit in data["results"]] == ["004"]
    data = client.get("/api/search", query_string={"q": "કિમ lang:hi"}).get_json()
    assert [hit["lang"] for hit in data["results"]] == ["hi"]


def test_or_joins_alternatives(client):
    """``A OR B`` finds the articles of either word: more than either alone."""
    lavrov, kursk = _ids(client, "લાવરૉવ"), _ids(client, "kursk")
    assert lavrov - kursk and kursk - lavrov
    assert _ids(client, "લાવરૉવ OR kursk") == lavrov | kursk


def test_title_match_outranks_body_match(tmp_path):
    import json
    from index.build import build
    from searcher.search import SearchEngine
    lines = [{"id": "body", "title": "સમાચાર આજના", "text": "આજે શોઇગુ અને બીજા નેતા મળ્યા.",
              "lang": "gu"},
             {"id": "title", "title": "શોઇગુ આજના", "text": "આજે સમાચાર અને બીજા નેતા મળ્યા.",
              "lang": "gu"}]
    (tmp_path / "n.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines),
                                      "utf-8")
    build([tmp_path / "n.jsonl"], tmp_path / "ix")
    assert [h.id for h in SearchEngine(tmp_path / "ix").search("shoigu").results][0] == "title"


@pytest.mark.parametrize("date_from, date_to, found", [
    ("2025-07-14", "2025-07-14", True),      # the article's own day, both bounds included
    ("2025-07-14", None, True), (None, "2025-07-14", True),
    ("2025-07-15", None, False), (None, "2025-07-13", False),
    ("2025-07-13", "2025-07-15", True),
])
def test_one_day_range_includes_its_bounds(client, date_from, date_to, found):
    args = {"q": "કિમ", "from": date_from or "", "to": date_to or ""}
    data = client.get("/api/search", query_string=args).get_json()
    assert ([hit["id"][:3] for hit in data["results"]] == ["004"]) is found
    assert data["total"] == int(found)         # 004 is the only dated article


@pytest.fixture(scope="module")
def plain_client(tmp_path_factory):
    """A client over items without a language (Latin only) and with ``&`` in the text."""
    import json
    folder = tmp_path_factory.mktemp("plain")
    items = [
        {"id": "latin", "title": "Sensex rally in Mumbai",
         "text": "Stocks rose on Monday as the Sensex gained."},
        {"id": "amp", "lang": "gu", "title": "ટાટા & સન્સ",
         "text": "ટાટા & સન્સે નવી ફેક્ટરી ખોલી. બીજું વાક્ય છે."},
    ]
    (folder / "items.jsonl").write_text(
        "\n".join(json.dumps(item, ensure_ascii=False) for item in items), "utf-8")
    from index.build import build
    index_dir = tmp_path_factory.mktemp("plain-index")
    build([folder], index_dir)
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()


def test_latin_only_article_is_labelled_hindi(plain_client):
    """An item with no language and no Gujarati or Devanagari letter gets the default, ``hi``."""
    (hit,) = plain_client.get("/api/search", query_string={"q": "sensex"}).get_json()["results"]
    assert (hit["id"], hit["lang"]) == ("latin", "hi")
    html = plain_client.get("/article/latin").get_data(as_text=True)
    assert '<article lang="hi">' in html


def test_ampersand_is_escaped_in_snippets_and_pages(plain_client):
    (hit,) = plain_client.get("/api/search", query_string={"q": "ટાટા"}).get_json()["results"]
    assert "<mark>ટાટા</mark> &amp; સન્સે" in hit["snippet"]
    assert "& " not in hit["snippet"]
    page = plain_client.get("/search", query_string={"q": "ટાટા"}).get_data(as_text=True)
    assert "<mark>ટાટા</mark> &amp; સન્સે" in page
    article = plain_client.get("/article/amp", query_string={"q": "ટાટા"}).get_data(as_text=True)
    assert "<mark>ટાટા</mark> &amp; સન્સે" in article
    assert "ટાટા & " not in article.replace("<mark>ટાટા</mark> &amp;", "")


def test_missing_index_is_a_503_on_every_endpoint(tmp_path):
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path)}).test_client()
    for url in ("/api/search?q=x", "/api/suggest?q=કિ"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert "build_index.py" in response.get_json()["error"]
    for url in ("/article/000_4a1281cac945e6a1", "/search?q=x"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert "build_index.py" in response.get_data(as_text=True)


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and response.mimetype == "application/json"
    assert response.get_json()["error"].startswith("not found")
    page = client.get("/nothing-here")
    assert page.status_code == 404 and "Page not found." in page.get_data(as_text=True)


@pytest.fixture
def broken_index(articles_copy, tmp_path):
    """An index whose current build lost its Whoosh table of contents (a real fault)."""
    from index.build import build
    from searcher.layout import current_build
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir)
    for toc in current_build(index_dir).glob("*.toc"):
        toc.unlink()
    return index_dir


def test_internal_error_is_a_500_without_a_traceback(broken_index):
    client = create_app({"INDEX_DIR": str(broken_index)}).test_client()   # not TESTING
    response = client.get("/api/search?q=કિમ")
    assert response.status_code == 500 and response.mimetype == "application/json"
    assert response.get_json() == {"error": "internal error; the request was logged"}
    page = client.get("/search?q=કિમ")
    html = page.get_data(as_text=True)
    assert page.status_code == 500 and "Something went wrong on our side." in html
    assert "Traceback" not in html + response.get_data(as_text=True)


def test_production_config_comes_from_the_instance_folder(articles_index, tmp_path,
                                                          monkeypatch):
    """Without a test configuration, ``instance/config.py`` is read (the production path)."""
    import flask
    instance = tmp_path / "instance"
    instance.mkdir()
    monkeypatch.setattr(flask.Flask, "auto_find_instance_path", lambda self: str(instance))
    app = create_app()
    assert app.config["INDEX_DIR"] == str(instance / "index")   # the default: no config.py
    (instance / "config.py").write_text(f"INDEX_DIR = {str(articles_index)!r}\nPER_PAGE = 3\n")
    app = create_app()
    assert app.config["INDEX_DIR"] == str(articles_index)
    data = app.test_client().get("/api/search?q=કિમ").get_json()
    assert data["per_page"] == 3 and len(data["results"]) == 3 and data["total"] == 5
