"""The order of a result list (searcher.ordering)."""
import pytest

from searcher.ordering import SORTS, best, check_sort, days_of, in_range
from searcher.search_request import QueryError

SCORES = {1: 2.0, 2: 5.0, 3: 1.0, 4: 3.0, 5: 3.0}
DAYS = {1: "2026-08-01", 3: "2026-08-02", 5: "2025-01-01"}


def test_relevance_is_by_score_with_later_dates_first_on_ties():
    assert [d for d, _ in best(SCORES, 5, "relevance", DAYS)] == [2, 5, 4, 1, 3]


def test_newest_puts_dated_first_newest_first_then_the_rest_by_score():
    assert [d for d, _ in best(SCORES, 5, "newest", DAYS)] == [3, 1, 5, 2, 4]


@pytest.mark.parametrize("sort", SORTS)
def test_limit_cuts_the_list_and_keeps_scores(sort):
    found = best(SCORES, 2, sort, DAYS)
    assert len(found) == 2 and all(SCORES[d] == s for d, s in found)


def test_check_sort():
    assert check_sort(None) == check_sort("") == "relevance"
    assert check_sort("newest") == "newest"
    with pytest.raises(QueryError, match="sort must be one of: relevance, newest"):
        check_sort("oldest")


def test_days_and_ranges():
    day_of = days_of({"2026-08-01": {1, 2}, "2026-09-01": {3}, "": {4}})
    assert day_of == {1: "2026-08-01", 2: "2026-08-01", 3: "2026-09-01"}
    assert in_range(day_of, "2026-08-01", "2026-08-01") == {1, 2}
    assert in_range(day_of, None, "2026-08-31") == {1, 2}
    assert in_range(day_of, "2026-08-02", None) == {3}
