"""Tests for index.clean: the verdict on every line of the bundled pages and of synthetic ones."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.clean import ARTICLE_TEXT, TITLE, CleanPage, clean_page, explain, phrase_key
from searcher.tokenize import words

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "clean"
EXPECTED = {path: verdict for path, verdict in
            json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8")).items()
            if not path.startswith("_")}

A000 = "data/articles/000_4a1281cac945e6a1.txt"
A001 = "data/articles/001_1d3a14c7b7cb32d0.txt"
A002 = "data/articles/002_b809a8d0328b69a2.txt"
A003 = "data/articles/003_c30187d985211f20.txt"
A004 = "data/articles/004_753f1a494d41d2ce.txt"
KIM_EN = "North Korean leader Kim Jong-un meets Russian defense minister on 'military cooperation'"

#: (page, title, lang, published, source, english_title), read off each page by hand.
METADATA = [
    (A000, "ઉત્તર કોરિયાના નેતા કિમ જોંગ ઉને રશિયન રાષ્ટ્રપતિ વ્લાદિમીર પુતિનને સંદેશમાં કહ્યું હતું "
           "કે તેમનો દેશ હંમેશા મોસ્કો સાથે ઉભો રહેશે.", "gu", None, None, None),
    (A001, "કિમ જોંગ ઉનની રશિયાના યુદ્ધમાં સહાયની પ્રતિબદ્ધતા", "gu", None, None, None),
    (A002, "‘मेरे प्यारे कॉमरेड व्लादिमीर’, किम जोंग उन का पुतिन को संदेश- हमेशा रूस के साथ खड़ा "
           "रहेगा उत्तर कोरिया", "hi", None, None, None),
    (A003, "ઉત્તર કોરિયાના નેતા કિમ જોંગ-ઉન ‘લશ્કરી સહયોગ’ પર રશિયન સંરક્ષણ પ્રધાનને મળ્યા",
     "gu", None, None, KIM_EN),
    (A004, "યુક્રેન વિરુદ્ધ યુદ્ધમાં રશિયાને કિમ જોંગ ઉન સમર્થન", "gu",
     "2025-07-14T12:44:00+05:30", "revoi.in", None),
    ("tests/fixtures/clean/hindi_other_site.txt",
     "मानसून सत्र से पहले सर्वदलीय बैठक, सरकार ने विपक्ष से सहयोग मांगा", "hi",
     "2025-07-20T18:15:00+05:30", "hindi.example.com", None),
    ("tests/fixtures/clean/gujarati_no_chrome.txt",
     "અમદાવાદમાં ભારે વરસાદથી જનજીવન ખોરવાયું", "gu", None, None, None),
    ("tests/fixtures/clean/gujarati_teasers.txt",
     "રાજકોટમાં નવા એરપોર્ટ પરથી આંતરરાષ્ટ્રીય ફ્લાઇટ શરૂ કરવાની તૈયારી", "gu", "2025-07-14", None, None),
    ("tests/fixtures/clean/all_chrome.txt", "", "hi", None, None, None),
]


def read(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def clean(path: str) -> CleanPage:
    return clean_page(read(path), Path(path).name)


def test_every_page_has_expectations():
    pages = {str(p.relative_to(ROOT)) for p in (ROOT / "data" / "articles").glob("*.txt")}
    pages |= {str(p.relative_to(ROOT)) for p in FIXTURES.glob("*.txt")}
    assert pages == set(EXPECTED) == {row[0] for row in METADATA}


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_kept_and_dropped_lines_match_the_editor(path):
    page = clean(path)
    assert [line.text for line in page.lines if line.kept] == EXPECTED[path]["kept"]
    assert [line.text for line in page.lines if not line.kept] == EXPECTED[path]["dropped"]


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_text_is_the_kept_lines_without_the_title_line(path):
    page = clean(path)
    body = [text for text in EXPECTED[path]["kept"] if text != page.title]
    assert page.text == "\n".join(body)
    assert all(line.reason in (ARTICLE_TEXT, TITLE) for line in page.lines if line.kept)
    assert all(line.reason not in (ARTICLE_TEXT, TITLE) for line in page.lines if not line.kept)


@pytest.mark.parametrize("path, title, lang, published, source, english_title", METADATA)
def test_metadata(path, title, lang, published, source, english_title):
    page = clean(path)
    assert (page.title, page.lang, page.published, page.source, page.english_title) == (
        title, lang, published, source, english_title)


def test_page_without_headline_keeps_its_lede_as_text():
    page = clean(A000)
    assert page.text.startswith(page.title)
    assert "શું પુતિન એરબેઝ હુમલાનો બદલો લઈ રહ્યા છે?" in page.text.splitlines()


def test_002_keeps_no_unrelated_story():
    text = clean(A002).text
    for word in ("MSNBC", "Dsquared2", "सावन"):
        assert word not in text


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_no_chrome_left_in_text(path):
    text = clean(path).text
    for chrome in ("Advertisement", "spot_img", "Connect with us", "Source link", "विज्ञापन"):
        assert chrome not in text


def test_words_only_in_read_also_teasers_are_gone():
    raw = read(A002)
    teasers = [line.strip() for line in raw.splitlines() if line.strip().startswith("यह भी पढ़ें")]
    article = set(words("\n".join(EXPECTED[A002]["kept"])))
    only_in_teasers = set(words("\n".join(teasers))) - article
    assert {"मिलिट्री", "ट्रेन", "एयरबेस", "ड्रोन"} <= only_in_teasers
    assert not only_in_teasers & set(words(clean(A002).text))


def test_repeated_english_caption_is_metadata_then_dropped():
    page = clean(A003)
    captions = [line for line in page.lines if line.text == KIM_EN]
    assert [line.reason for line in captions] == [
        "English headline (kept as english_title)",
        "repeated line (2nd time)",
        "repeated line (3rd time)",
    ]
    assert page.english_title == KIM_EN and "Kim" not in page.text


def test_002_teaser_block_goes_without_its_markers():
    """The rules, not the phrase table alone, find the end of the article."""
    markers = {"Source link", "Latest articles", "More like this"}
    raw = "\n".join(line for line in read(A002).splitlines() if line.strip() not in markers)
    text = clean_page(raw).text
    assert text.splitlines() == [t for t in EXPECTED[A002]["kept"] if t != clean(A002).title]


def test_crlf_and_cr_line_endings_clean_the_same():
    raw = read("tests/fixtures/clean/gujarati_teasers.txt")
    lf = clean_page(raw)
    for ending in ("\r\n", "\r"):
        other = clean_page(raw.replace("\n", ending))
        assert (other.text, other.title, other.published, other.lines) == (
            lf.text, lf.title, lf.published, lf.lines)


@pytest.mark.parametrize("raw", [
    "", "\n\n  \n", "Advertisement", "\x00\x01\ufffd\ud800 ÿþ", "क" * 200_000,
    "यह भी पढ़ें:", "आ", "Published\non\n", "https://", "31/02/2025 12:99 PM IST",
])
def test_odd_input_does_not_raise(raw):
    page = clean_page(raw)
    report = explain(page).splitlines()
    assert report[0] == f"{'title:':<15}{page.title}" and report[1] == f"{'lang:':<15}{page.lang}"
    assert sum(line.startswith(("KEEP", "DROP")) for line in report) == len(page.lines)


@pytest.mark.parametrize("raw", ["Nifty closes higher\n\nThe Nifty index closed higher.", "", "12 345"])
def test_page_without_indic_letters_defaults_to_hindi(raw):
    assert clean_page(raw).lang == "hi"


def test_all_chrome_page_yields_no_text():
    page = clean("tests/fixtures/clean/all_chrome.txt")
    assert page.text == "" and not any(line.kept for line in page.lines)


def test_explain_reports_metadata_and_every_line():
    report = explain(clean(A004)).splitlines()
    assert "published:     2025-07-14T12:44:00+05:30" in report
    assert "source:        revoi.in" in report
    assert "KEEP    6  યુક્રેન વિરુદ્ધ યુદ્ધમાં રશિયાને કિમ જોંગ ઉન સમર્થન   (title)" in report
    assert "DROP    4  Advertisement   (chrome phrase 'Advertisement')" in report
    assert "DROP    9  યુક્રેન વિરુદ્ધ યુદ્ધમાં રશિયાને કિમ જોંગ ઉન સમર્થન   (repeated line (2nd time))" in report
    assert sum(line.startswith(("KEEP", "DROP")) for line in report) == len(clean(A004).lines)


@pytest.mark.parametrize("text, key", [
    ("Tags :", "tags"), ("Tags:", "tags"), ("spot_img", "spot img"), ("यह भी पढ़ें:", "यह भी पढ़ें"),
])
def test_phrase_key(text, key):
    assert phrase_key(text) == key


_PIECES = st.sampled_from([
    "Advertisement", "Published", "on", "Source link", "Latest articles", "यह भी पढ़ें:",
    "આ પણ વાંચો", "https://m.revoi.in", "12:44 PM Jul 14, 2025 IST", "HomeHome",
    "કિમ જોંગ ઉને પુતિનને સંદેશ મોકલ્યો.", "उत्तर कोरिया के नेता किम जोंग उन ने कहा।", "...", "?",
    "ઉત્તર કોરિયાના નેતા સતત રશિયાને ટેકો આપી રહ્યા છે અને બંને દેશો સંબંધો વધારવા સંમત થયા.",
])
_LINES = st.lists(st.one_of(_PIECES, st.text(max_size=40)), max_size=25)


@settings(max_examples=150, deadline=None)
@given(_LINES, st.sampled_from(["\n", "\r\n", "\r"]))
def test_clean_page_never_raises_and_keeps_only_input_lines(lines, ending):
    raw = ending.join(lines)
    page = clean_page(raw)
    raw_lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for line in page.lines:
        assert line.text == raw_lines[line.number - 1].strip() != ""
    for text in page.text.split("\n") if page.text else ():
        assert text in {line.text for line in page.lines if line.kept}
    explain(page)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_clean_page_never_raises_on_any_text(raw):
    page = clean_page(raw)
    assert page.lang in ("gu", "hi")
    assert page.text == "" or set(page.text.split("\n")) <= {line.text for line in page.lines if line.kept}
