"""Unicode hygiene for text and tokens: NFC, invisible joiners, digits, Latin case."""
from __future__ import annotations

import unicodedata

#: Characters that change nothing a reader sees: zero-width (non-)joiner and
#: space, word joiner, soft hyphen and the byte-order mark.
INVISIBLE = dict.fromkeys(map(ord, "\u200c\u200d\u200b\u2060\u00ad\ufeff"))

#: Gujarati and Devanagari digits read as ASCII digits, so ૨૦૨૫ finds 2025.
DIGITS = {
    **{0x0AE6 + i: str(i) for i in range(10)},
    **{0x0966 + i: str(i) for i in range(10)},
}

_TOKEN_TABLE = {**INVISIBLE, **DIGITS}


def nfc(text: str) -> str:
    """Return ``text`` in Unicode Normalization Form C (done once, at ingest)."""
    return unicodedata.normalize("NFC", text)


def normalize_token(token: str) -> str:
    """Return the index form of one word: NFC, no joiners, ASCII digits, Latin lowercase.

    >>> normalize_token("ક્\u200dષ"), normalize_token("૨૦૨૫"), normalize_token("Putin")
    ('ક્ષ', '2025', 'putin')
    """
    return unicodedata.normalize("NFC", token).translate(_TOKEN_TABLE).lower()
