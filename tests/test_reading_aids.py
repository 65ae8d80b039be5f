"""``web.reading.reading_aids``: a snippet or headline in Latin letters and the other script, marks kept."""
from __future__ import annotations

import re

import pytest

from searcher.search import SearchEngine
from searcher.snippets import Snippet
from web.reading import reading_aids

#: What escaped snippet HTML may hold besides text: <mark> tags and entities.
_TAG = re.compile(r"</?mark>")
_ENTITY = re.compile(r"&(?:[a-z]+|#[0-9]+|#x[0-9a-f]+);", re.I)


def is_escaped_snippet(html: str) -> bool:
    """Tell whether ``html`` has no tag but ``<mark>``, no raw ``<``/``>`` and no bare ``&``."""
    text = _ENTITY.sub("", _TAG.sub("", html))
    return not re.search(r"[<>&]", text)


def marked(*pieces):
    """Marked text: strings alternate unmarked, marked, unmarked, ..."""
    return Snippet(tuple((text, n % 2 == 1) for n, text in enumerate(pieces) if text))


@pytest.mark.parametrize("snippet, lang, expected", [
    (marked("", "પુતિનને", " & કિમ"), "gu",
     {"latin": "<mark>putinne</mark> &amp; kim", "hi": "<mark>पुतिनने</mark> &amp; किम"}),
    (marked("", "पुतिन", " ने कहा। KCNA"), "hi",
     {"latin": "<mark>putin</mark> ne kaha. KCNA", "gu": "<mark>પુતિન</mark> ને કહા। KCNA"}),
    (marked('"पुतिन" \'શોઇગુ\''), "hi",      # quotes come out escaped
     {"latin": "&quot;putin&quot; &#x27;shoigu&#x27;", "gu": "&quot;પુતિન&quot; &#x27;શોઇગુ&#x27;"}),
    (marked("૨૦૨૫ में"), "hi", {"latin": "2025 men", "gu": "૨૦૨૫ મેં"}),   # digits too
    (marked(), "gu", {"latin": "", "hi": ""}),
])
def test_reading_aids(snippet, lang, expected):
    assert reading_aids(snippet, lang) == expected


@pytest.mark.parametrize("lang, others", [("gu", {"latin", "hi"}), ("hi", {"latin", "gu"}),
                                          ("en", {"latin", "gu", "hi"})])
def test_aids_are_latin_and_every_other_script(lang, others):
    assert set(reading_aids(marked("KCNA ના અહેવાલ"), lang)) == others


def test_every_mark_stays_around_its_converted_word():
    aids = reading_aids(marked("", "કિમ", " જોંગ ", "ઉને", " કહ્યું"), "gu")
    assert aids["latin"].startswith("<mark>kim</mark> ") and "<mark>une</mark>" in aids["latin"]
    assert re.findall(r"</?mark>", aids["hi"]) == ["<mark>", "</mark>"] * 2
    assert "<mark>किम</mark>" in aids["hi"]


def test_markup_in_the_text_comes_out_escaped():
    """A headline that holds ``<mark>`` as text never becomes a real mark."""
    aids = reading_aids(marked("<mark>મોદી</mark> <script>"), "gu")
    assert aids["latin"] == "&lt;mark&gt;modi&lt;/mark&gt; &lt;script&gt;"
    assert all("<" not in aid for aid in aids.values())


def test_the_aids_of_real_hits_are_escaped_snippets_with_the_same_marks(articles_index):
    results = SearchEngine(articles_index).search("પુતિન", per_page=10)
    assert results.results
    for hit in results.results:
        for text in (hit.snippet, hit.title_html):
            marks = _TAG.findall(text.html())
            for aid in reading_aids(text, hit.lang).values():
                assert is_escaped_snippet(aid) and _TAG.findall(aid) == marks


def test_a_marked_word_read_in_latin_letters_is_what_one_types(articles_index):
    hit = SearchEngine(articles_index).search("પુતિન").results[0]
    latin = reading_aids(hit.snippet, hit.lang)["latin"]
    assert re.search(r"<mark>putin[a-z]*</mark>", latin)
