"""The bundled collection as indexed: chrome unfindable, every article sentence findable, stories linked."""
import json
from pathlib import Path

import pytest

from searcher.snippets import sentences
from searcher.tokenize import words

EXPECTED = json.loads((Path(__file__).parent / "fixtures" / "clean" / "expected.json")
                      .read_text("utf-8"))
PAGES = {key.rsplit("/", 1)[-1][:3]: value for key, value in EXPECTED.items()
         if key.startswith("data/articles/")}


@pytest.mark.parametrize("query", ["msnbc", "dsquared2", "सावन", "advertisement", "spot_img",
                                   "Advertisement", "वास्तु", "ट्रेन"])
def test_site_chrome_and_teasers_find_nothing(client, query):
    # वास्तु and ट्रेन appear only in a teaser block and in a "यह भी पढ़ें" teaser of 002
    assert client.get("/api/search", query_string={"q": query}).get_json()["total"] == 0


def body_sentences():
    for article, page in PAGES.items():
        for line in page["kept"]:
            for start, end in sentences(line):
                found = words(line[start:end])
                if len(found) >= 3:
                    yield article, " ".join(found[:6])


@pytest.mark.parametrize("article, phrase", list(body_sentences()))
def test_every_body_sentence_is_findable(client, article, phrase):
    data = client.get("/api/search", query_string={"q": f'"{phrase}"', "per_page": 10}).get_json()
    assert article in {hit["id"][:3] for hit in data["results"]}, phrase


def test_only_000_and_002_are_one_story(articles_index):
    links = json.loads((articles_index / "current" / "links.json").read_text("utf-8"))
    pairs = {(a[:3], b[:3]) for a, others in links["other_language"].items() for b in others}
    assert pairs == {("000", "002"), ("002", "000")}
    assert links["duplicates"] == {}
