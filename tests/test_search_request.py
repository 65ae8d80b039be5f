"""The request checks of ``searcher.search_request`` without a web app: bounds tested exactly, and
the messages a user reads in a 400 (they say what to type) tested word for word."""
from __future__ import annotations

import pytest

from searcher.search_request import (LIMITS, Limits, QueryError, SearchRequest, check_date,
                               search_arguments, whole_number)

QUERY = "કિમ"


def refusal(call, *args, **kwargs) -> str:
    """Return the message of the ``QueryError`` that ``call`` raises."""
    with pytest.raises(QueryError) as raised:
        call(*args, **kwargs)
    return str(raised.value)


# -- Limits ---------------------------------------------------------------------

def test_limits_of_one_result_everywhere_are_consistent():
    limits = Limits(per_page=1, max_per_page=1, max_results_depth=1)
    assert (limits.per_page, limits.max_per_page, limits.max_page) == (1, 1, 1)


@pytest.mark.parametrize("values", [
    {"per_page": 0},
    {"per_page": 11, "max_per_page": 10},
    {"max_per_page": 1001},
])
def test_inconsistent_limits_say_which_order_they_need(values):
    with pytest.raises(ValueError) as raised:
        Limits(**values)
    assert str(raised.value) == "limits need 1 <= per_page <= max_per_page <= max_results_depth"


# -- SearchRequest.check -----------------------------------------------------------

def test_a_request_keeps_what_it_asked_for():
    request = SearchRequest.check(QUERY, page=3, per_page=5, lang="gu", source="revoi.in",
                                  date_from="2024-03-01", date_to="2024-03-15")
    assert (request.text, request.page, request.per_page) == (QUERY, 3, 5)
    assert request.filters == {"lang": "gu", "source": "revoi.in"}
    assert (request.date_from, request.date_to) == ("2024-03-01", "2024-03-15")
    assert request.notices == [] and request.depth == LIMITS.max_results_depth


def test_a_request_without_paging_is_the_first_page_of_ten():
    request = SearchRequest.check(QUERY)
    assert (request.page, request.per_page, request.filters) == (1, 10, {})


@pytest.mark.parametrize("text", [None, "", " \t\n"])
def test_a_missing_query_says_how_to_pass_one(text):
    assert refusal(SearchRequest.check, text) == "missing query: pass q, e.g. q=putin or q=પુતિન"


@pytest.mark.parametrize("page, per_page, message", [
    (LIMITS.max_page + 1, 10,
     "page must be at most 1000 (results are available up to number 1000), not 1001"),
    (1, LIMITS.max_per_page + 1, "per_page must be at most 100 (the largest page), not 101"),
    (0, 10, "page must be a whole number of 1 or more, not 0"),
    (True, 10, "page must be a whole number of 1 or more, not True"),
    ("2", 10, "page must be a whole number of 1 or more, not '2'"),
    (1, 2.0, "per_page must be a whole number of 1 or more, not 2.0"),
    (1, False, "per_page must be a whole number of 1 or more, not False"),
])
def test_paging_out_of_range_says_the_range(page, per_page, message):
    assert refusal(SearchRequest.check, QUERY, page=page, per_page=per_page) == message


def test_the_largest_page_and_page_size_pass():
    request = SearchRequest.check(QUERY, page=LIMITS.max_page, per_page=LIMITS.max_per_page)
    assert (request.page, request.per_page) == (1000, 100)


def test_an_unknown_language_is_quoted_up_to_40_characters():
    assert refusal(SearchRequest.check, QUERY, lang="x" * 41) == \
        f"lang must be one of: gu, hi, not {'x' * 40!r}"


def test_a_query_of_the_longest_length_is_kept_whole():
    text = "કિમ " * 125                       # 500 characters
    request = SearchRequest.check(text)
    assert request.text == text and request.notices == []


def test_a_longer_query_is_cut_with_a_notice():
    request = SearchRequest.check("કિમ " * 125 + "x")
    assert request.text == "કિમ " * 125
    assert request.notices == ["the query was cut to its first 500 characters"]


@pytest.mark.parametrize("page, per_page, past", [
    (100, 10, False),   # results 991-1000: the last ones shown
    (101, 10, True),    # results 1001-1010
    (1000, 1, False),
    (11, 100, True),
])
def test_a_page_past_the_depth_gets_a_notice(page, per_page, past):
    notices = SearchRequest.check(QUERY, page=page, per_page=per_page).notices
    assert notices == (["results are shown up to number 1000; this page is beyond them: "
                        "ask for an earlier page or refine the query"] if past else [])


# -- check_date and whole_number ----------------------------------------------------

@pytest.mark.parametrize("value", [None, ""])
def test_an_empty_date_is_no_date(value):
    assert check_date("to", value) is None


def test_a_long_bad_date_is_quoted_up_to_40_characters():
    assert refusal(check_date, "from", "2024-03-15" * 5) == (
        "from must be a real date written YYYY-MM-DD, e.g. 2024-03-15, "
        f"not {'2024-03-15' * 4!r}")


def test_a_long_bad_number_is_quoted_up_to_40_characters():
    assert refusal(whole_number, "page", "૨" * 41, 1, 1000) == (
        f"page must be a whole number written in the digits 0-9, e.g. page=2, not {'૨' * 40!r}")
    assert refusal(whole_number, "page", "9" * 41, 1, 1000) == \
        f"page must be at most 1000, not {'9' * 40!r}"


@pytest.mark.parametrize("value, expected", [
    ("0", 0),
    ("0000000000007", 7),        # leading zeros do not count towards the nine digits
    ("123456789", 123456789),    # nine digits are read (the range is checked after)
])
def test_whole_number_reads_up_to_nine_digits(value, expected):
    assert whole_number("page", value, 1, 1000) == expected


def test_whole_number_refuses_ten_digits():
    assert refusal(whole_number, "page", "1234567890", 1, 1000) == \
        "page must be at most 1000, not '1234567890'"


# -- search_arguments ---------------------------------------------------------------

def test_search_arguments_hand_on_every_value():
    arguments = search_arguments({"q": QUERY, "page": "2", "per_page": "5", "lang": "gu",
                                  "source": "revoi.in", "from": "2024-03-01",
                                  "to": "2024-03-15"})
    assert arguments == {"text": QUERY, "page": 2, "per_page": 5, "lang": "gu",
                         "source": "revoi.in", "date_from": "2024-03-01",
                         "date_to": "2024-03-15", "limits": LIMITS}


@pytest.mark.parametrize("name, maximum", [("page", 1000), ("per_page", 100)])
def test_search_arguments_give_each_parameter_its_own_maximum(name, maximum):
    assert refusal(search_arguments, {"q": QUERY, name: "9" * 10}) == \
        f"{name} must be at most {maximum}, not '9999999999'"


def test_search_arguments_use_the_limits_they_are_given():
    limits = Limits(per_page=2, max_per_page=4, max_results_depth=4)
    assert search_arguments({"q": QUERY}, limits)["per_page"] == 2
    assert refusal(search_arguments, {"q": QUERY, "page": "5"}, limits) == \
        "page must be at most 4 (results are available up to number 4), not 5"
