"""The cross-script promise, end to end through /api/search on the bundled collection.

Each case: a query, and (article, native word) pairs it must find; the article
must be in the results and its page must mark the word.
"""
import pytest

import backends

CASES = [
    ("shoigu", [("000", "શોઇગુ"), ("003", "શોઇગુએ"), ("002", "शोइगु")]),
    ("Shoigu", [("000", "શોઇગુ"), ("002", "शोइगु")]),
    ("શોઇગુ", [("003", "શોઇગુએ"), ("002", "शोइगु")]),
    ("शोइगु", [("000", "શોઇગુ"), ("003", "શોઇગુએ")]),
    ("putin", [("000", "પુતિન"), ("004", "પુટિન"), ("002", "पुतिन")]),
    ("પુતિન", [("004", "પુટિન"), ("002", "पुतिन")]),
    ("pyongyang", [("000", "પ્યોંગયાંગ"), ("002", "प्योंगयांग")]),
    ("kursk", [("000", "કુર્સ્ક"), ("002", "कुर्स्क")]),
    ("bloomberg", [("000", "બ્લૂમબર્ગ"), ("002", "ब्लूमबर्ग")]),
    ("lavrov", [("004", "લાવરૉવ")]),
    ("મિસાઇલ", [("001", "મિસાઈલોથી"), ("003", "મિસાઈલોની"), ("002", "मिसाइलें")]),
    ("samarthan", [("000", "સમર્થન"), ("002", "समर्थन")]),
    ("vijay divas", [("003", "વિજય"), ("003", "દિવસ")]),
    ('"kim jong un"', [("000", "ઉને"), ("003", "જોંગ"), ("002", "किम")]),
    ('"કિમ જોંગ ઉન"', [("002", "उन"), ("004", "ઉને")]),
]


@pytest.mark.parametrize("query, expected", CASES, ids=[q for q, _ in CASES])
def test_query_finds_native_words_in_both_scripts(client, query, expected):
    data = client.get("/api/search", query_string={"q": query, "per_page": 20}).get_json()
    found = {hit["id"][:3]: hit["id"] for hit in data["results"]}
    for article, word in expected:
        assert article in found, f"{query!r} did not find {article} ({word})"
        page = client.get(f"/article/{found[article]}", query_string={"q": query})
        assert f"<mark>{word}" in page.get_data(as_text=True), f"{word} not marked in {article}"


def test_phrase_is_stricter_than_words(client):
    phrase = client.get("/api/search", query_string={"q": '"jong kim"'}).get_json()
    words = client.get("/api/search", query_string={"q": "jong kim"}).get_json()
    assert words["total"] > 0 and phrase["total"] < words["total"]


def test_exact_script_ranks_above_other_script(client):
    gu = client.get("/api/search", query_string={"q": "શોઇગુ"}).get_json()["results"]
    hi = client.get("/api/search", query_string={"q": "शोइगु"}).get_json()["results"]
    assert gu[0]["lang"] == "gu" and hi[0]["lang"] == "hi"


def test_snippet_marks_native_word_for_latin_query(client):
    data = client.get("/api/search", query_string={"q": "shoigu"}).get_json()
    snippets = " ".join(hit["snippet"] for hit in data["results"])
    assert "<mark>શોઇગુ" in snippets and "<mark>शोइगु</mark>" in snippets


def test_words_together_rank_above_scattered_words(tmp_path, backend):
    from searcher.search import SearchEngine
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "scattered.txt").write_text(
        "કિમ મોસ્કો ગયા. પછી જોંગ આવ્યા. ઉન પણ હતા. કિમ અને જોંગ.", "utf-8")
    (tmp_path / "pages" / "together.txt").write_text(
        "નેતા કિમ જોંગ ઉન મોસ્કો ગયા. બીજું વાક્ય અહીં છે. ત્રીજું વાક્ય.", "utf-8")
    served = backends.build_served(backend, [tmp_path / "pages"], tmp_path / "ix")
    results = SearchEngine(backends.location(served)).search("kim jong un").results
    assert [hit.id for hit in results] == ["together", "scattered"]


def test_equal_scores_are_ordered_newest_first(tmp_path, backend):
    import json
    from searcher.search import SearchEngine
    places = ["મોસ્કો", "દિલ્હી", "લંડન"]     # different, so not collapsed as duplicates
    lines = [{"id": f"d{n}", "title": "સમાચાર", "text": f"પુતિન {place} ગયા.", "lang": "gu",
              "published": day}
             for n, (day, place) in enumerate(zip(["2024-01-02", "", "2025-06-01"], places))]
    (tmp_path / "news.jsonl").write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines), "utf-8")
    served = backends.build_served(backend, [tmp_path / "news.jsonl"], tmp_path / "ix")
    results = SearchEngine(backends.location(served)).search("પુતિન").results
    assert [hit.id for hit in results] == ["d2", "d0", "d1"]


#: One item per word; a query typed as one of them must rank that one first.
TYPED_FORM_WORDS = ["તળાવથી", "તળાવનાં", "તળાવની", "તળાવને", "તળાવમાંથી", "કવિએ", "કવિની",
                    "કવિનું", "કવિને", "कवि", "पेशावर", "પેશાવર", "પેશાવરમાં", "पुतिन", "पुतिनने",
                    "પુતિન", "પુતિનને"]


@pytest.fixture(scope="module")
def one_word_items(tmp_path_factory, backend):
    import json

    root = tmp_path_factory.mktemp("words")
    with (root / "words.jsonl").open("w", encoding="utf-8") as f:
        for n, word in enumerate(TYPED_FORM_WORDS):
            lang = "gu" if "\u0a80" <= word[0] <= "\u0aff" else "hi"
            f.write(json.dumps({"id": f"w{n:02d}", "title": word, "text": "", "lang": lang},
                               ensure_ascii=False) + "\n")
    return backends.location(
        backends.build_served(backend, [root / "words.jsonl"], root / "index", procs=1))


@pytest.mark.parametrize("query, first, lang", [
    ("talaavnaan", "તળાવનાં", "gu"),      # romanized: the inflection typed, not a sibling
    ("talaavthi", "તળાવથી", "gu"),
    ("kavine", "કવિને", "gu"),
    ("कविनुं", "કવિનું", None),           # a Gujarati word typed in Devanagari
    ("पेशावरमां", "પેશાવરમાં", None),
    ("પુતિનને", "પુતિનને", None),          # native, as written: unchanged
    ("પુતિનને", "पुतिनने", "hi"),          # the same word in the other script
])
def test_typed_form_ranks_first(one_word_items, query, first, lang):
    from searcher.search import SearchEngine
    results = SearchEngine(one_word_items).search(query, lang=lang).results
    assert results and results[0].title == first, [h.title for h in results]
