"""Character references in source text are decoded once, at ingest (index.sources)."""
import json

import pytest

from index.sources import Document, decode_entities, read_sources


@pytest.mark.parametrize("raw, shown", [
    ("પુતિનના 2 &#039;સિક્રેટ બાળકો&#039;!", "પુતિનના 2 'સિક્રેટ બાળકો'!"),
    # escaped twice, as the corpus's zeenews-gujarati titles are
    ("નિકોલસ માદુરોના &amp;#039;ગુરુ&amp;#039;", "નિકોલસ માદુરોના 'ગુરુ'"),
    ("&quot;मोदी&quot; &amp; शाह", '"मोदी" & शाह'),
    ("&#x915;&#2350;", "कम"),
    # an ampersand that is no reference stays as it is
    ("AT&T, Q&A, S&K સ્ટોર", "AT&T, Q&A, S&K સ્ટોર"),
    ("this&notthat &copy 2025", "this&notthat &copy 2025"),
    # decoded once: text that spells a reference out is not decoded again
    ("&amp;amp; means &", "& means &"),
    ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),
])
def test_decode_entities(raw, shown):
    assert decode_entities(raw) == shown


def test_jsonl_titles_and_texts_are_decoded_at_ingest(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({
        "id": "z1", "lang": "gu", "title": "ભારતે &amp;#039;વિરાટ&amp;#039; જીત",
        "text": "&quot;ધુરંધર&quot; ફિલ્મ", "url": "https://zeenews.india.com/gujarati/x",
        "source": "zeenews-gujarati"}, ensure_ascii=False), "utf-8")
    [doc] = [d for d in read_sources([path]) if isinstance(d, Document)]
    assert doc.title == "ભારતે 'વિરાટ' જીત"
    assert doc.text == '"ધુરંધર" ફિલ્મ'
    assert doc.source == "zeenews.india.com"


def test_an_item_without_url_keeps_its_collection_label(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "b", "lang": "hi", "title": "", "source": "bbc-hindi",
                                "text": "पुतिन ने कहा।"}, ensure_ascii=False), "utf-8")
    [doc] = list(read_sources([path]))
    assert doc.source == "bbc-hindi"
