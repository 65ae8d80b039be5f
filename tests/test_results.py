"""``searcher.results``: the plain objects a search returns, and the JSON the API shows of them."""
from __future__ import annotations

import json

import pytest

from searcher.results import Article, Hit, SearchResults
from searcher.search import SearchEngine
from searcher.snippets import Snippet
from web.openapi import HIT_FIELDS, RESULTS_FIELDS


def putin_hit(**changes) -> Hit:
    fields = dict(id="zee-1", title="પુતિનના 2 સિક્રેટ બાળકો", lang="gu", score=3.25,
                  snippet=Snippet((("પુતિનના", True), (" 2 સિક્રેટ <b>બાળકો</b>", False))),
                  title_html=Snippet((("પુતિનના", True), (" 2 સિક્રેટ બાળકો", False))),
                  also_in=[{"id": "l3-2", "lang": "hi", "title": "पुतिन ने मोदी से बात की"}],
                  duplicates=[{"id": "zee-9", "title": "પુતિનના બાળકો"}], duplicates_total=3)
    fields.update(changes)
    return Hit(**fields)


def test_a_hit_shows_every_field_with_marked_text_as_escaped_html():
    hit = putin_hit()
    shown = hit.to_dict()
    assert set(shown) == set(HIT_FIELDS)             # what the OpenAPI description promises
    assert shown["snippet"] == "<mark>પુતિનના</mark> 2 સિક્રેટ &lt;b&gt;બાળકો&lt;/b&gt;"
    assert shown["title_html"] == "<mark>પુતિનના</mark> 2 સિક્રેટ બાળકો"
    rest = {name: value for name, value in shown.items() if name not in ("snippet", "title_html")}
    assert Hit(**rest, snippet=hit.snippet, title_html=hit.title_html) == hit   # nothing renamed or altered


def test_a_hits_json_is_a_copy():
    """The page adds reading aids to the hit dicts it gets; the hit itself stays as it was."""
    hit = putin_hit()
    shown = hit.to_dict()
    shown["also_in"][0]["title"] = "changed"
    shown["duplicates"].clear()
    assert hit.also_in[0]["title"] == "पुतिन ने मोदी से बात की" and hit.duplicates


def test_an_article_shows_its_paragraphs_and_title_as_escaped_html():
    article = Article(id="bbc-1", title="पुतिन की चेतावनी", lang="hi",
                      paragraphs=[Snippet((("पुतिन", True), (" ने कहा।", False))),
                                  Snippet((("दूसरा & अनुच्छेद।", False),))],
                      title_html=Snippet((("पुतिन", True), (" की चेतावनी", False))),
                      elsewhere=[{"id": "l3-3"}], headline_only=False)
    shown = article.to_dict()
    assert shown["paragraphs"] == ["<mark>पुतिन</mark> ने कहा।", "दूसरा &amp; अनुच्छेद।"]
    assert shown["title_html"] == "<mark>पुतिन</mark> की चेतावनी"
    assert shown["elsewhere"] == [{"id": "l3-3"}] and shown["id"] == "bbc-1"


@pytest.mark.parametrize("total, per_page, pages", [
    (0, 10, 1),           # no results still makes one (empty) page
    (1, 10, 1), (10, 10, 1), (11, 10, 2), (1000, 100, 10), (1001, 100, 11), (7, 1, 7),
])
def test_pages_round_up(total, per_page, pages):
    assert SearchResults("પુતિન", total, 1, per_page, 0.0).pages == pages


def test_results_show_the_documented_keys_with_hits_as_dicts():
    results = SearchResults("પુતિન", 1, 1, 10, 12.3456, results=[putin_hit()],
                            notices=["‘પુતિન’ cut"], filters={"lang": "gu"},
                            facets={"lang": {"gu": 1}}, dropped=["पुतिन"], group_duplicates=False)
    shown = results.to_dict()
    assert set(shown) == set(RESULTS_FIELDS)
    assert shown["took_ms"] == 12.35
    assert shown["results"] == [putin_hit().to_dict()]
    assert (shown["filters"], shown["facets"], shown["dropped"]) == (
        {"lang": "gu"}, {"lang": {"gu": 1}}, ["पुतिन"])


def test_results_json_lists_are_copies():
    results = SearchResults("मोदी", 0, 1, 10, 1.0, notices=["a"], filters={"lang": "hi"},
                            dropped=["મોદી"])
    shown = results.to_dict()
    shown["notices"].append("b")
    shown["filters"]["source"] = "bbc-hindi"
    shown["dropped"].clear()
    assert (results.notices, results.filters, results.dropped) == (["a"], {"lang": "hi"}, ["મોદી"])


def test_results_serialise_as_utf8_json():
    text = json.dumps(SearchResults("પુતિન", 1, 1, 10, 1.0, results=[putin_hit()]).to_dict(),
                      ensure_ascii=False)
    assert "પુતિનના 2" in text and "\\u" not in text


def test_a_real_search_shows_what_the_api_describes(articles_index):
    results = SearchEngine(articles_index).search("પુતિન")
    shown = results.to_dict()
    assert shown["total"] == results.total > 0 and shown["query"] == "પુતિન"
    assert set(shown) == set(RESULTS_FIELDS)
    assert all(set(hit) == set(HIT_FIELDS) for hit in shown["results"])
    assert results.total <= results.per_page and results.pages == 1    # five articles
