"""``searcher.languages``: the language table, and telling a script from its characters."""
from __future__ import annotations

import dataclasses

import pytest

from searcher.languages import (LANGUAGES, LATIN, PIVOT, SENTENCE_ENDS, detect_language, get,
                                language_of_char)


@pytest.mark.parametrize("char, expected", [
    ("ક", "gu"), ("क", "hi"),
    ("\u0A80", "gu"), ("\u0AFF", "gu"),           # the edges of the Gujarati block
    ("\u0900", "hi"), ("\u097F", "hi"),           # the edges of the Devanagari block
    ("\u0A7F", None), ("\u0980", None),           # Gurmukhi's last, Bengali's first
    ("ં", "gu"), ("ि", "hi"),                    # signs count as their script's
    ("૧", "gu"), ("१", "hi"),                    # digits
    ("।", "hi"),                                 # the danda is in the Devanagari block
    ("k", None), ("1", None), (" ", None), ("\u200d", None),   # Latin, digit, space, ZWJ
])
def test_language_of_char(char, expected):
    assert language_of_char(char) == expected


@pytest.mark.parametrize("text, expected", [
    ("Advertisement પુતિન", "gu"),               # Latin letters do not count
    ("पुतिन ने कहा", "hi"),
    ("મોદી: “मोदी जी”", "hi"),                    # 4 Gujarati letters, 6 Devanagari
    ("ગુજરાત સમાચાર, हिंदी", "gu"),
    ("KCNA 2024", "hi"),                         # no Indic letter: the default
    ("", "hi"),
])
def test_detect_language_counts_script_letters(text, expected):
    assert detect_language(text) == expected


def test_detect_language_default_is_only_for_text_without_indic_letters():
    assert detect_language("Bloomberg, Reuters", default="gu") == "gu"
    assert detect_language("...", default=LATIN) == LATIN
    assert detect_language("पुतिन", default="gu") == "hi"


def test_get_returns_the_row_and_names_the_known_codes_otherwise():
    assert get("gu") is LANGUAGES["gu"] and get("hi").script == "Deva"
    with pytest.raises(KeyError, match="'mr'.*gu, hi"):
        get("mr")
    with pytest.raises(KeyError):
        get("GU")                                  # codes are lowercase ISO 639-1


def test_rows_are_keyed_by_their_own_code_and_frozen():
    assert all(code == row.code for code, row in LANGUAGES.items())
    with pytest.raises(dataclasses.FrozenInstanceError):
        LANGUAGES["gu"].code = "hi"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_native_name_is_written_in_the_languages_own_script(lang):
    row = LANGUAGES[lang]
    assert all(row.owns(char) for char in row.native_name)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_the_devanagari_offset_maps_the_block_onto_devanagari(lang):
    row = LANGUAGES[lang]
    assert row.block[0] + row.to_devanagari_offset == LANGUAGES[PIVOT].block[0]
    assert row.block[1] - row.block[0] == 0x7F


def test_the_gujarati_offset_maps_letters_to_their_hindi_twins():
    offset = LANGUAGES["gu"].to_devanagari_offset
    assert "".join(chr(ord(c) + offset) for c in "કિમ") == "किम"


def test_blocks_do_not_overlap():
    rows = sorted(LANGUAGES.values(), key=lambda row: row.block)
    assert all(a.block[1] < b.block[0] for a, b in zip(rows, rows[1:]))


def test_the_pivot_is_a_language_and_latin_is_not():
    assert PIVOT in LANGUAGES and LATIN not in LANGUAGES


@pytest.mark.parametrize("mark", ["।", "॥", ".", "?", "!"])
def test_sentence_ends_include_the_danda(mark):
    assert mark in SENTENCE_ENDS


def test_a_comma_does_not_end_a_sentence():
    assert "," not in SENTENCE_ENDS and "॰" not in SENTENCE_ENDS



def test_script_of_names_the_script_a_word_begins_in():
    from searcher.languages import script_of
    assert [script_of(w) for w in ("શોઇગુએ", "शोइगु", "shoigu", "", "2025")] == \
        ["gu", "hi", "en", "en", "en"]


def test_block_pattern_matches_exactly_the_language_block():
    import re
    from searcher.languages import LANGUAGES, block_pattern
    for code, lang in LANGUAGES.items():
        inside = re.compile(f"[{block_pattern(code)}]")
        first, last = lang.block
        assert inside.match(chr(first)) and inside.match(chr(last))
        assert not inside.match(chr(first - 1)) and not inside.match(chr(last + 1))


def test_one_script_detector_serves_suggestions_and_completion():
    from searcher import completion, followers, languages, suggest
    assert suggest.script_of is completion.script_of is followers.script_of is languages.script_of
