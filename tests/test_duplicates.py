"""Near-duplicates in result lists, through ``/api/search`` and the page.

The fixture is an index of one item per word (the words share a stem, so one
query finds them all) plus a few real copies: one headline in three feeds, and
one story twice, the second copy with a line more.
"""
from __future__ import annotations

import json

import pytest

from index.build import build
from web import create_app

WORDS = ["તળાવ", "તળાવથી", "તળાવની", "તળાવને", "તળાવમાં", "તળાવનું", "તળાવના", "તળાવો",
         "તળાવોમાં", "તળાવોની", "તળાવે", "તળાવમાંથી"]
HEADLINE = "શહેરના તળાવમાં નવી બોટિંગ સેવા શરૂ, જાણો ટિકિટનો ભાવ"
STORY = ("શહેરના મોટા તળાવની આસપાસ નવો બગીચો બનશે અને તળાવમાં બોટિંગ સેવા શરૂ થશે. "
         "મહાનગરપાલિકાએ આ માટે બજેટમાં રકમ મંજૂર કરી છે અને કામ આવતા મહિને શરૂ થશે. "
         "સ્થાનિક લોકોએ આ નિર્ણયનું સ્વાગત કર્યું છે અને કહ્યું કે સવારે ચાલવા માટે સારી જગ્યા મળશે.")


def _items() -> list[dict]:
    items = [{"id": f"w{n:02}", "title": word, "text": "", "lang": "gu"}
             for n, word in enumerate(WORDS)]
    items += [{"id": f"feed{n}", "title": HEADLINE, "text": "", "lang": "gu",
               "source": f"feed{n}.example"} for n in range(3)]
    items += [{"id": "story", "title": "બગીચો", "text": STORY, "lang": "gu"},
              {"id": "story-more", "title": "બગીચો", "lang": "gu",
               "text": STORY + " તળાવ તળાવ પાસે પાર્કિંગ પણ બનશે."}]
    return items


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("dupes")
    (root / "news.jsonl").write_text(
        "\n".join(json.dumps(item, ensure_ascii=False) for item in _items()), "utf-8")
    build([root / "news.jsonl"], root / "ix")
    return create_app({"TESTING": True, "INDEX_DIR": str(root / "ix")}).test_client()


def search(client, **args) -> dict:
    response = client.get("/api/search", query_string={"q": "તળાવ", **args})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_items_that_share_a_stem_are_all_listed(client):
    data = search(client, per_page=100)
    ids = {hit["id"] for hit in data["results"]}
    assert {f"w{n:02}" for n in range(len(WORDS))} <= ids
    assert all(not hit["id"].startswith("w") or hit["duplicates_total"] == 0
               for hit in data["results"])


@pytest.mark.parametrize("per_page", [1, 2, 5, 7])
def test_every_page_is_full_while_more_exist_and_pages_agree_with_the_total(client, per_page):
    first = search(client, per_page=per_page)
    pages = -(-first["total"] // per_page)
    seen = []
    for page in range(1, pages + 1):
        data = search(client, per_page=per_page, page=page)
        assert data["total"] == first["total"] and data["grouped"] == first["grouped"]
        expected = per_page if page < pages else first["total"] - per_page * (pages - 1)
        assert len(data["results"]) == expected
        seen += [hit["id"] for hit in data["results"]]
    assert len(seen) == len(set(seen)) == first["total"]
    assert search(client, per_page=per_page, page=pages + 1)["results"] == []


def test_total_counts_each_group_once_and_grouped_counts_the_rest(client):
    grouped, shown = search(client, per_page=100), search(client, per_page=100, duplicates="show")
    assert shown["grouped"] == shown["collapsed"] == 0
    assert grouped["grouped"] == grouped["collapsed"] == 3      # two of three feeds, one story
    assert grouped["total"] + grouped["grouped"] == shown["total"] == len(_items())
    assert sum(grouped["facets"]["lang"].values()) == grouped["total"]


def test_the_best_scoring_member_is_shown_with_the_others_under_it(client):
    scores = {hit["id"]: hit["score"] for hit in search(client, per_page=100,
                                                       duplicates="show")["results"]}
    hits = {hit["id"]: hit for hit in search(client, per_page=100)["results"]}
    for members in (["feed0", "feed1", "feed2"], ["story", "story-more"]):
        shown = [m for m in members if m in hits]
        assert len(shown) == 1
        assert scores[shown[0]] == max(scores[m] for m in members)
        hit = hits[shown[0]]
        assert hit["duplicates_total"] == len(members) - 1
        assert {d["id"] for d in hit["duplicates"]} == set(members) - set(shown)
    assert scores["story-more"] > scores["story"] and "story-more" in hits


def test_grouped_members_carry_what_is_needed_to_open_them(client):
    feeds = next(hit for hit in search(client, per_page=100)["results"]
                 if hit["id"].startswith("feed"))
    assert all(set(d) == {"id", "title", "lang", "source", "published"} and
               d["title"] == HEADLINE and d["source"].endswith(".example")
               for d in feeds["duplicates"])


def test_filters_apply_before_grouping(client):
    data = search(client, per_page=100, source="feed2.example")
    assert [hit["id"] for hit in data["results"]] == ["feed2"] and data["grouped"] == 0


def test_an_unknown_duplicates_mode_is_a_clear_400(client):
    response = client.get("/api/search", query_string={"q": "તળાવ", "duplicates": "hide"})
    assert response.status_code == 400
    assert "duplicates must be one of: group, show" in response.get_json()["error"]


def test_the_page_says_how_many_were_grouped_and_links_to_them(client):
    html = client.get("/search", query_string={"q": "તળાવ", "per_page": 100}).get_data(
        as_text=True)
    assert "3 near-duplicates grouped under them" in html and "duplicates=show" in html
    assert html.count('<details class="duplicates">') == 2
    assert "2 near-duplicates (same story, same words)" in html
    assert "1 near-duplicate (same story, same words)" in html
    assert "/article/feed1?" in html or "/article/feed0?" in html
    shown = client.get("/search", query_string={"q": "તળાવ", "per_page": 100,
                                                "duplicates": "show"}).get_data(as_text=True)
    assert '<details class="duplicates">' not in shown and "near-duplicates grouped" not in shown
