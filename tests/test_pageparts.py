"""The results page's links, date shortcuts and page numbers (web.pageparts)."""
from datetime import date

import pytest

from web.pageparts import changed, page_numbers, recent_ranges, strip_filters


@pytest.mark.parametrize("query, stripped", [
    ("putin lang:gu", "putin"), ("lang:hi पुतिन source:revoi.in", "पुतिन"),
    ("LANG:gu kim", "kim"), ("email:x putin", "email:x putin"), ("putin", "putin"),
])
def test_strip_filters(query, stripped):
    assert strip_filters(query) == stripped


def test_changing_a_chip_moves_the_typed_filter_into_the_parameters():
    args = {"q": "putin lang:gu", "page": "3", "sort": "newest"}
    assert changed(args, {"lang": "gu"}, lang="hi") == {"q": "putin", "sort": "newest", "lang": "hi"}
    assert changed(args, {"lang": "gu"}, lang="") == {"q": "putin", "sort": "newest"}
    assert changed(args, {"lang": "gu"}, page=4) == {"q": "putin", "sort": "newest", "lang": "gu",
                                                      "page": 4}


def test_recent_ranges():
    ranges = recent_ranges(date(2026, 3, 1))
    assert [r["label"] for r in ranges] == ["Past day", "Past week", "Past month", "Past year"]
    assert [r["from"] for r in ranges] == ["2026-02-28", "2026-02-22", "2026-01-30", "2025-03-01"]


@pytest.mark.parametrize("page, total, per_page, depth, numbers", [
    (1, 5, 10, 1000, [1]),
    (1, 30, 10, 1000, [1, 2, 3]),
    (1, 200, 10, 1000, [1, 2, 3, None, 20]),
    (20, 200, 10, 1000, [1, None, 18, 19, 20]),
    (3, 100_000, 10, 1000, [1, 2, 3, 4, 5, None, 100]),
    (1, 50, 10, 20, [1, 2]),
])
def test_page_numbers(page, total, per_page, depth, numbers):
    assert page_numbers(page, total, per_page, depth) == numbers
