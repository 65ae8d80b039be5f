"""Any input, never a crash: property-based tests over the search endpoints and the parser."""
from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from searcher.querylang import parse
from searcher.tokenize import spans

INDIC = "".join(chr(c) for c in list(range(0x0A80, 0x0B00)) + list(range(0x0900, 0x0980)))
TRICKY = ["\u200c", "\u200d", "\u094d", "\u0acd", "\u093c", "\u0abc", "\u0902", "\u202e",
          "\u0600", "😀", "🇮🇳", "\x00", "\x1b", "\r\n", "\t", '"', "(", ")", "-", "*", "?",
          "OR", "NOT", "lang:", "source:", ":", "<script>", "&amp;", "'", "\\"]

query_text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=INDIC + string.ascii_letters + " \"()-*?:", max_size=60),
    st.lists(st.sampled_from(TRICKY + ["putin", "કિમ", "पुतिन", "shoigu"]), max_size=12)
      .map(" ".join),
    st.lists(st.sampled_from(TRICKY), max_size=12).map("".join),
)
#: Paging values a request may carry: whole numbers in and out of range, and junk.
page_value = st.one_of(st.integers(-5, 10**12).map(str), st.sampled_from(["", "x", "1e3", "٣"]))

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _valid(text: str, page: str, per_page: str) -> bool:
    """Tell whether the API must answer these parameters (README: "The JSON API").

    A non-blank query; ``page`` 1 to 1,000 and ``per_page`` 1 to 100, written in
    the digits 0-9 (empty: the default). A page past result 1,000 is answered, empty.
    """
    def number(value, default):
        if value == "":
            return default
        return int(value) if value.isascii() and value.isdigit() else None
    page_number, per_page_number = number(page, 1), number(per_page, 10)
    return (bool(text.strip()) and page_number is not None and per_page_number is not None
            and 1 <= page_number <= 1000 and 1 <= per_page_number <= 100)


@SETTINGS
@given(text=query_text, page=page_value, per_page=page_value)
def test_api_search_answers_valid_requests_and_refuses_invalid_ones(client, text, page,
                                                                     per_page):
    response = client.get("/api/search", query_string={"q": text, "page": page,
                                                        "per_page": per_page})
    data = response.get_json()
    if _valid(text, page, per_page):
        assert response.status_code == 200, data
        assert 0 <= len(data["results"]) <= data["per_page"] == int(per_page or 10)
        assert data["page"] == int(page or 1) and data["total"] >= 0
    else:
        assert response.status_code == 400, data
        assert data["error"] and set(data) == {"error"}


@SETTINGS
@given(text=query_text.filter(str.strip), page=st.integers(1, 10), per_page=st.integers(1, 100))
def test_api_search_answers_every_valid_request(client, text, page, per_page):
    """Valid paging and a non-blank query: always an answer (not just "200 or 400")."""
    response = client.get("/api/search", query_string={"q": text, "page": page,
                                                        "per_page": per_page})
    assert response.status_code == 200, response.get_data(as_text=True)
    data = response.get_json()
    assert (data["page"], data["per_page"]) == (page, per_page)
    listed = len(data["results"]) + data.get("collapsed", 0)
    assert listed == max(0, min(per_page, data["total"] - (page - 1) * per_page))


@SETTINGS
@given(text=query_text)
def test_search_page_never_fails(client, text):
    response = client.get("/search", query_string={"q": text})
    assert response.status_code == 200      # a blank query shows the empty search page
    assert response.get_data(as_text=True).count("<script") == 1   # only our app.js


@SETTINGS
@given(text=query_text)
def test_suggest_never_fails(client, text):
    response = client.get("/api/suggest", query_string={"q": text})
    assert response.status_code == 200
    assert len(response.get_json()["suggestions"]) <= 8


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parser_and_tokenizer_accept_anything(text):
    query = parse(text)
    assert all(word for clause in query.clauses for word in clause.words)
    found = list(spans(text))
    # words come in order, do not overlap, and hold no space
    assert all(0 <= a.start < a.end <= b.start for a, b in zip(found, found[1:]))
    assert all(0 <= s.start < s.end <= len(text) and not any(c.isspace() for c in s.text)
               for s in found)


@pytest.mark.parametrize("text", ["a" * 10_000, "કિમ " * 3000, '"' * 999, "(" * 500,
                                  "OR " * 400, "-" * 1000, "*?" * 300])
def test_huge_and_degenerate_queries_are_answered(client, text):
    response = client.get("/api/search", query_string={"q": text})
    assert response.status_code == 200
    data = response.get_json()
    assert data["query"] == text[:500]
    if len(text) > 500:
        assert "the query was cut to its first 500 characters" in data["notices"]


#: The last is decoded at ingest (index.sources.decode_entities) into live markup.
PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>',
            "&lt;script&gt;alert(2)&lt;/script&gt;"]


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    from index.build import build
    from web import create_app
    pages = tmp_path_factory.mktemp("hostile")
    for n, payload in enumerate(PAYLOADS):
        (pages / f"h{n}.txt").write_text(
            f"પુતિન {payload} મોસ્કો ગયા.\nપુતિન અને કિમ {payload} મળ્યા. બીજું વાક્ય.", "utf-8")
    index_dir = tmp_path_factory.mktemp("hostile-index")
    build([pages], index_dir)
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()


@pytest.mark.parametrize("query", ["પુતિન", *PAYLOADS])
def test_article_text_and_queries_are_escaped_everywhere(hostile_client, query):
    html = hostile_client.get("/search", query_string={"q": query}).get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert html.count("<script") == 1
    data = hostile_client.get("/api/search", query_string={"q": query}).get_json()
    assert data["results"]
    for hit in data["results"]:
        # snippets are HTML whose only tags are <mark>; titles are plain text in JSON
        assert "<" not in hit["snippet"].replace("<mark>", "").replace("</mark>", "")
        page = hostile_client.get(f"/article/{hit['id']}?q={query}").get_data(as_text=True)
        assert "<script>alert" not in page and "<img src=x" not in page
