"""Aliases mined at build time: Latin words and the native words written beside them."""

import pytest

from index.build import build
from searcher.aliases import Alias, Aliases
from searcher.layout import ALIASES, current_build
from searcher.search import SearchEngine
from newsfixture import write_jsonl

#: Words that tell items apart, so none is a near-duplicate of another.
GU_WORDS = ("સોમવારે મંગળવારે બુધવારે ગુરુવારે શુક્રવારે શનિવારે રવિવારે સવારે સાંજે રાત્રે "
            "અમદાવાદ સુરત રાજકોટ વડોદરા ભાવનગર જામનગર જૂનાગઢ ભુજ પાટણ મહેસાણા "
            "નડિયાદ આણંદ ભરૂચ નવસારી વલસાડ ગોધરા દાહોદ પાલનપુર મોરબી અમરેલી").split()
HI_WORDS = ("सोमवार मंगलवार बुधवार गुरुवार शुक्रवार शनिवार रविवार सुबह शाम रात "
            "पटना लखनऊ भोपाल जयपुर इंदौर कानपुर आगरा मेरठ रांची शिमला "
            "देहरादून नागपुर पुणे नासिक अजमेर उदयपुर जोधपुर बीकानेर कोटा अलवर").split()


def _items(lang, template, count, start):
    pool = GU_WORDS if lang == "gu" else HI_WORDS
    return [(lang, template + " " + " ".join(pool[(start + n * 3 + k) % len(pool)] for k in range(3)))
            for n in range(count)]


#: A small newsroom: English keywords beside native headlines, as news sites write them.
ITEMS = (
    _items("gu", "Budget 2024: નાણામંત્રીએ બજેટ રજૂ કર્યું", 4, 0)
    + _items("hi", "Budget: वित्त मंत्री ने बजट पेश किया", 4, 0)
    + _items("gu", "બજેટમાં ખેડૂતો માટે યોજના", 3, 1)
    + _items("hi", "बजट में किसानों के लिए योजना", 3, 1)
    + _items("gu", "BJP: ભાજપ બેઠક મળી", 4, 2)
    + _items("gu", "ભાજપના નેતાઓ દિલ્હી ગયા", 3, 4)
    + _items("gu", "Elon Musk: ઇલોન મસ્ક કંપની", 4, 5)
    + _items("hi", "Musk: एलन मस्क की कंपनी", 3, 5)
    + _items("gu", "કોરોનામાં માસ્ક પહેરવું જરૂરી", 3, 7)
    + _items("hi", "कोरोना में मास्क पहनना जरूरी", 3, 7)
    + _items("gu", "ગામમાં વરસાદ પડ્યો", 25, 8)
    + _items("hi", "गाँव में बारिश हुई", 25, 8)
)


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    root = tmp_path_factory.mktemp("newsroom")
    source = write_jsonl(root / "news.jsonl",
                         [{"id": f"{lang}-{n:03d}", "title": title, "text": "", "lang": lang}
                          for n, (lang, title) in enumerate(ITEMS)])
    build([source], root / "index", procs=1)
    return root / "index"


def titles(engine, query, **kwargs):
    return [hit.title for hit in engine.search(query, per_page=50, **kwargs).results]


def test_build_saves_aliases_that_say_why(newsroom):
    aliases = Aliases.load(current_build(newsroom) / ALIASES)
    assert {a.native for a in aliases.of("budget")} >= {"બજેટ", "बजट"}
    assert "ભાજપ" in {a.native for a in aliases.of("bjp")}
    why = aliases.explain("budget")
    assert why and all("items together" in line and "PMI" in line for line in why)
    assert aliases.explain("વરસાદ") == [] and aliases.of("rain") == []


def test_english_typed_word_finds_both_scripts(newsroom):
    engine = SearchEngine(newsroom)
    found = titles(engine, "budget")
    assert sum("બજેટ" in t for t in found) == 7 and sum("बजट" in t for t in found) == 7


def test_party_short_name_is_an_alias_not_a_transliteration(newsroom):
    found = titles(SearchEngine(newsroom), "bjp")
    assert sum("ભાજપ" in t for t in found) == 7


def test_another_words_alias_is_not_at_full_weight(newsroom):
    """``mask``: મસ્ક is ``musk``'s alias, so માસ્ક / मास्क items come first."""
    found = titles(SearchEngine(newsroom), "mask")
    masks = [i for i, t in enumerate(found) if "માસ્ક" in t or "मास्क" in t]
    musks = [i for i, t in enumerate(found) if "મસ્ક" in t or "मस्क" in t]
    assert len(masks) == 6 and max(masks) < min(musks, default=len(found))


def test_latin_text_keeps_matching(newsroom):
    found = titles(SearchEngine(newsroom), "musk", lang="gu")
    assert sum(t.startswith("Elon Musk") for t in found) == 4


def test_aliases_round_trip_and_bad_files(tmp_path):
    aliases = Aliases([Alias("tax", "gu", "ટેક્સ", 9, 23, 78, 4.6)])
    aliases.save(tmp_path / "a.json")
    assert Aliases.load(tmp_path / "a.json").of("TAX") == aliases.of("tax")
    assert Aliases.load(tmp_path / "a.json").claimed("ટેક્સમાં") == ("tax",)
    (tmp_path / "bad.json").write_text("{\"format\": \"other\"}", "utf-8")
    with pytest.raises(ValueError):
        Aliases.load(tmp_path / "bad.json")
    assert len(Aliases.load_if_present(tmp_path / "bad.json")) == 0
    assert len(Aliases.load_if_present(tmp_path / "missing.json")) == 0
