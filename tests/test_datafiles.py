"""``searcher.datafiles.read_lines``: the package's data files, one entry a line, read once."""
from __future__ import annotations

from importlib import resources

import pytest

from searcher import languages
from searcher.datafiles import read_lines

DATA = resources.files("searcher").joinpath("data")
LINE_FILES = sorted(p.name for p in DATA.iterdir() if p.name.endswith((".txt", ".tsv")))


def test_comments_and_blank_lines_are_left_out_and_order_is_kept():
    suffixes = read_lines("gu_suffixes.txt")
    # the file opens with five lines of comment, then ોમાંથી, ઓમાંથી, માંથી
    assert suffixes[:3] == ("ોમાંથી", "ઓમાંથી", "માંથી")
    assert not any(entry.startswith("#") or not entry for entry in suffixes)


def test_an_entry_keeps_the_tabs_between_its_columns():
    rows = [line.split("\t") for line in read_lines("romanizer_keys.tsv")]
    assert rows and all(len(row) >= 3 for row in rows)
    assert {row[0] for row in rows} >= {"native", "latin"}


def test_a_file_is_read_once():
    assert read_lines("hi_suffixes.txt") is read_lines("hi_suffixes.txt")


def test_an_unknown_file_raises():
    with pytest.raises(FileNotFoundError):
        read_lines("mr_suffixes.txt")


@pytest.mark.parametrize("lang", sorted(languages.LANGUAGES))
def test_each_languages_word_lists_are_in_its_own_script(lang):
    """A suffix or stop word list of the other script (a swapped file name) fails here."""
    row = languages.get(lang)
    for name in (row.suffix_file, row.stopword_file):
        entries = read_lines(name)
        assert entries, name
        assert all(row.owns(char) for entry in entries for char in entry), name


def test_the_hindi_stop_words_hold_the_commonest_postpositions():
    assert {"के", "में", "की", "है"} <= set(read_lines("hi_stopwords.txt"))
    assert {"છે", "અને"} <= set(read_lines("gu_stopwords.txt"))


@pytest.mark.parametrize("name", LINE_FILES)
def test_every_data_file_says_where_it_came_from_at_its_top(name):
    first = DATA.joinpath(name).read_text("utf-8").splitlines()[0]
    assert first.startswith("#") and len(first) > 10
