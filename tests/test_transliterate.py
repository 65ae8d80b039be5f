import pytest

from searcher.transliterate import pivot, sound, to_devanagari, to_script


@pytest.mark.parametrize("gujarati, devanagari", [
    ("શોઇગુ", "शोइगु"), ("પુતિન", "पुतिन"), ("પ્યોંગયાંગ", "प्योंगयांग"),
    ("કુર્સ્ક", "कुर्स्क"), ("બ્લૂમબર્ગ", "ब्लूमबर्ग"),
])
def test_scripts_map_one_to_one(gujarati, devanagari):
    assert to_devanagari(gujarati) == devanagari
    assert to_script(devanagari, "gu") == gujarati


@pytest.mark.parametrize("a, b", [
    ("મિસાઇલ", "મિસાઈલ"),        # short / long i
    ("मिसाइल", "મિસાઈલ"),        # across scripts
    ("લાવરૉવ", "लावरोव"),        # candra o
    ("ज़मीन", "जमीन"),           # nukta
    ("हँसी", "हंसी"),            # chandrabindu
])
def test_pivot_joins_variants(a, b):
    assert pivot(a) == pivot(b)


def test_pivot_keeps_distinct_words_apart():
    assert pivot("કિમ") != pivot("કમ")


def test_sound_joins_dental_and_retroflex():
    assert sound("પુટિન") == sound("પુતિન") == sound("पुतिन")
    assert pivot("પુટિન") != pivot("પુતિન")


def test_unknown_language_is_refused():
    with pytest.raises(KeyError, match="known: gu, hi"):
        to_script("क", "mr")
