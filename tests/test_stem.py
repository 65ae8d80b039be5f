import pytest

from searcher.stem import stem, stopwords


@pytest.mark.parametrize("word, lang, expected", [
    ("મિસાઈલોથી", "gu", "મિસાઈલ"),
    ("મિસાઈલોની", "gu", "મિસાઈલ"),
    ("શોઇગુએ", "gu", "શોઇગુ"),
    ("રશિયાને", "gu", "રશિયા"),
    ("યુદ્ધમાં", "gu", "યુદ્ધ"),
    ("કોરિયાના", "gu", "કોરિયા"),
    ("કિમ", "gu", "કિમ"),
    ("मिसाइलें", "hi", "मिसाइल"),
    ("लड़कियों", "hi", "लड़क"),
    ("समर्थन", "hi", "समर्थन"),
    ("है", "hi", "है"),          # too short to stem
    # a suffix goes only when MIN_STEM (2) characters remain: exactly two do here ...
    ("ઘરે", "gu", "ઘર"),
    ("घरों", "hi", "घर"),
    # ... and a postposition standing alone is not stripped to a lone letter
    ("ને", "gu", "ને"),
    ("ने", "hi", "ने"),
    ("दो", "hi", "दो"),
])
def test_stem(word, lang, expected):
    assert stem(word, lang) == expected


def test_stopwords_come_from_the_table():
    assert "અને" in stopwords("gu") and "और" in stopwords("hi")
