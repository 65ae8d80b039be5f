"""The results page and article page as a news product, on a small news collection."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from index.build import body_text
from index.sources import Document
import backends
from newsfixture import news_sources, utc_today
from web import create_app


@pytest.fixture(scope="module")
def news_client(tmp_path_factory, backend):
    served = backends.build_served(backend, news_sources(tmp_path_factory),
                                   tmp_path_factory.mktemp("news-index"))
    return create_app({"TESTING": True, **served}).test_client()


def api(client, **params) -> dict:
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def hit(data: dict, doc_id: str) -> dict:
    return next(h for h in data["results"] if h["id"] == doc_id)


def test_twice_escaped_titles_show_their_apostrophes(news_client):
    title = hit(api(news_client, q="પુતિન", per_page=50), "zee-1")["title"]
    assert title == "પુતિનના 2 'સિક્રેટ બાળકો'! જાણો"
    html = news_client.get("/search?q=પુતિન&per_page=50").get_data(as_text=True)
    assert "#039;" not in html and "&amp;#" not in html


def test_markup_in_a_title_is_shown_as_text(news_client):
    data = api(news_client, q="मोदी")
    assert hit(data, "hostile-1")["title"].startswith("<script>alert(1)")
    html = news_client.get("/search?q=मोदी").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)" in html


def test_headline_item_has_title_source_date_and_original_but_no_snippet(news_client):
    item = hit(api(news_client, q="પુતિન", per_page=50), "zee-1")
    assert item["headline_only"] and item["snippet"] == ""
    assert item["source"] == "zeenews.india.com" and item["source_name"] == "Zee News"
    assert "<mark>પુતિનના</mark>" in item["title_html"]
    html = news_client.get("/search?q=પુતિન&per_page=50").get_data(as_text=True)
    block = html[html.index('id="results"'):]
    entry = block[block.index("zee-1"):][:2500]
    entry = entry[:entry.index("</li>")]
    assert 'class="snippet' not in entry
    assert "Zee News" in entry and (utc_today() - timedelta(days=2)).isoformat() in entry
    assert 'href="https://zeenews.india.com/gujarati/world/story-1"' in entry


def test_a_full_article_keeps_its_snippet(news_client):
    item = next(h for h in api(news_client, q="shoigu")["results"])
    assert not item["headline_only"] and "<mark>" in item["snippet"]


def test_headline_article_page_links_to_the_original(news_client):
    html = news_client.get("/article/zee-2?q=putin").get_data(as_text=True)
    assert "Read the original at Zee News" in html
    assert "<h1><mark>પુતિન</mark> અને" in html
    assert 'href="https://zeenews.india.com/gujarati/world/story-2"' in html
    assert html.count("અને ટ્રમ્પ વચ્ચે ફોન પર વાત") == 2      # <title> and <h1>, not repeated


def test_article_page_links_the_same_story_in_the_other_language(news_client):
    html = news_client.get("/article/002_b809a8d0328b69a2?q=putin").get_data(as_text=True)
    assert "The same story elsewhere" in html and "/article/000_4a1281cac945e6a1" in html


def test_long_titles_are_cut_in_the_list_and_whole_on_the_article_page(news_client):
    item = hit(api(news_client, q="पुतिन", per_page=50), "bbc-1")
    text = re.sub(r"</?mark>", "", item["title_html"])
    assert len(text) <= 120 and text.endswith(" …")
    assert item["title"].startswith(text[:-2])
    assert item["title"][len(text) - 2] == " "          # the cut falls between words
    page = news_client.get("/article/bbc-1").get_data(as_text=True)
    assert "सबसे मज़बूत मानी जा रही है" in page[page.index("<h1>"):page.index("</h1>")]


def test_a_headline_item_indexes_no_body():
    headline = Document(id="a", title="પુતિન મોસ્કોમાં", text="પુતિન મોસ્કોમાં", lang="gu")
    article = Document(id="b", title="પુતિન", text="પુતિન મોસ્કો ગયા. બીજું વાક્ય.", lang="gu")
    assert body_text(headline) == "" and body_text(article) == article.text


def test_full_articles_rank_beside_headlines(news_client):
    ranked = [h["id"] for h in api(news_client, q="putin", per_page=20)["results"]]
    headlines = {"zee-1", "zee-2", "zee-3", "l3-1", "l3-2", "l3-3"}
    assert headlines <= set(ranked)
    best_article = min(i for i, doc_id in enumerate(ranked) if doc_id[:3].isdigit())
    assert best_article < 3, ranked


def test_sort_newest_puts_dated_items_first_newest_first(news_client):
    data = api(news_client, q="પુતિન", sort="newest", per_page=50)
    assert data["sort"] == "newest"
    days = [h["published"][:10] for h in data["results"]]
    dated = [d for d in days if d]
    assert len(dated) >= 4 and dated == sorted(dated, reverse=True)
    assert days[:len(dated)] == dated and not any(days[len(dated):])   # undated ones after
    undated = [h["score"] for h in data["results"] if not h["published"]]
    assert undated == sorted(undated, reverse=True)                    # by relevance
    by_relevance = api(news_client, q="પુતિન", per_page=50)["results"]
    assert {h["id"] for h in by_relevance} == {h["id"] for h in data["results"]}
    assert [h["id"] for h in by_relevance] != [h["id"] for h in data["results"]]


def test_an_unknown_sort_is_a_400(news_client):
    response = news_client.get("/api/search?q=putin&sort=oldest")
    assert response.status_code == 400 and "sort must be one of" in response.get_json()["error"]


def test_facets_count_each_filter_without_itself(news_client):
    everything = api(news_client, q="putin", per_page=50)
    gujarati = api(news_client, q="putin", lang="gu", per_page=50)
    assert gujarati["facets"]["lang"] == everything["facets"]["lang"]
    assert set(gujarati["facets"]["lang"]) == {"gu", "hi"}
    assert {h["lang"] for h in gujarati["results"]} == {"gu"}
    # the source facet is narrowed by the language filter
    assert "l3cube-headlines" in gujarati["facets"]["source"]
    assert gujarati["facets"]["source"]["l3cube-headlines"] == 1
    assert everything["facets"]["source"]["l3cube-headlines"] == 3


def test_typed_filter_and_chip_are_one_state(news_client):
    typed = news_client.get("/search?q=putin+lang:gu").get_data(as_text=True)
    chips = typed[typed.index('aria-label="Language and time"'):]
    chips = chips[:chips.index("</nav>")]
    current = re.findall(r'<a class="chip active" href="([^"]*)" aria-current="true"><span lang="(\w+)"', chips)
    assert [lang for _, lang in current] == ["gu"]
    hindi = re.search(r'href="([^"]*)"><span lang="hi">', chips).group(1)
    assert "lang=hi" in hindi and "lang%3A" not in hindi and "lang:" not in hindi
    assert 'aria-pressed' not in typed
    everything = re.search(r'href="([^"]*)"><span>All</span>', chips).group(1)
    assert "lang" not in everything.replace("/search?", "")


def test_date_filter_says_how_many_undated_items_it_left_out(news_client):
    since = (utc_today() - timedelta(days=7)).isoformat()
    data = api(news_client, q="પુતિન", **{"from": since})
    assert [h["id"] for h in data["results"]] == ["zee-1"]
    everything = api(news_client, q="પુતિન", per_page=50)["results"]
    undated = sum(not h["published"] for h in everything)
    assert data["undated_left_out"] == undated > 0
    assert any(f"left out {undated} matching" in note for note in data["notices"])


def test_an_empty_result_under_a_filter_offers_to_remove_it(news_client):
    since = (utc_today() - timedelta(days=7)).isoformat()
    html = news_client.get(f"/search?q=shoigu&from={since}").get_data(as_text=True)
    assert "Try fewer words" not in html
    block = html[html.index('id="noresults"'):]
    assert "match without it" in block
    remove = re.search(r'<a class="chip" href="([^"]*)">Remove', block).group(1)
    assert "from=" not in remove and "q=shoigu" in remove
    assert news_client.get("/search?q=zzzzqqq").get_data(as_text=True).count("Try fewer words") == 1


def test_date_shortcuts_count_back_from_today(news_client):
    html = news_client.get("/search?q=putin").get_data(as_text=True)
    for label, days in (("Past day", 1), ("Past week", 7), ("Past month", 30), ("Past year", 365)):
        since = (utc_today() - timedelta(days=days)).isoformat()
        assert re.search(rf'href="[^"]*from={since}[^"]*"><span>{label}</span>', html), label


def test_expansions_name_the_native_words_and_drop_removes_one(news_client):
    data = api(news_client, q="putin", per_page=50)
    [entry] = data["expansions"]
    assert entry["word"] == "putin"
    romanized = [e for e in entry["expanded"] if e["kind"] == "romanized"]
    assert romanized and all(not e["dropped"] for e in romanized)
    assert {e["kind"] for e in entry["expanded"]} <= {
        "exact", "stem", "other script", "romanized", "alias", "sound-alike"}
    best = romanized[0]["word"]
    without = api(news_client, q="putin", drop=best, per_page=50)
    assert without["dropped"] == [best]
    assert next(e for e in without["expansions"][0]["expanded"] if e["word"] == best)["dropped"]
    assert without["total"] < data["total"]
    html = news_client.get("/search", query_string={"q": "putin", "drop": best}).get_data(as_text=True)
    assert f'aria-label="Put back {best}"' in html


def test_native_query_shows_its_sound_alike_spelling(news_client):
    entry = api(news_client, q="પુતિન")["expansions"][0]
    kinds = {e["kind"] for e in entry["expanded"]}
    assert "exact" in kinds and "romanized" not in kinds


def test_numbered_pages_mark_the_current_one(news_client):
    html = news_client.get("/search?q=putin&per_page=2&page=2").get_data(as_text=True)
    nav = html[html.index('aria-label="Pages"'):]
    nav = nav[:nav.index("</nav>")]
    assert re.search(r'class="current" aria-current="page"[^>]*>2</a>', nav)
    assert 'aria-label="Page 1"' in nav and 'rel="next"' in nav and 'rel="prev"' in nav


def test_one_h1_on_every_page(news_client):
    for url in ("/", "/search?q=putin", "/search?q=zzzzqqq", "/article/zee-1", "/nope"):
        assert news_client.get(url).get_data(as_text=True).count("<h1") == 1, url


def test_favicon(news_client):
    response = news_client.get("/favicon.ico")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
