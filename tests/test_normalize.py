import pytest

from searcher.normalize import nfc, normalize_token


@pytest.mark.parametrize("token, expected", [
    ("Putin", "putin"),
    ("ક્\u200dષ", "ક્ષ"),               # zero-width joiner dropped
    ("क\u200cि", "कि"),                  # zero-width non-joiner dropped
    ("૨૦૨૫", "2025"),                    # Gujarati digits
    ("२०२५", "2025"),                    # Devanagari digits
    ("\u0958", "\u0915\u093c"),          # precomposed qa decomposes (NFC), both sides alike
    ("\u0915\u093c", "\u0915\u093c"),
])
def test_normalize_token(token, expected):
    assert normalize_token(token) == expected


def test_nfc_composes_latin():
    assert nfc("e\u0301") == "\u00e9"
