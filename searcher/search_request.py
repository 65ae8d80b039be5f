"""Check what a search request asks for, before anything runs.

The limits a request must keep live here, in ``Limits``: the web app's
settings take their defaults from it and its OpenAPI description is
generated from it, so the documented and the enforced limits are one.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import languages


class QueryError(ValueError):
    """A request that cannot be answered as asked; the message says what to change."""


#: A whole number as a query string writes it: ASCII digits only (``int()``
#: would also take ``૨``, ``1_0`` and `` 7 ``).
_DIGITS = re.compile(r"[0-9]+")

#: A date as ``YYYY-MM-DD`` in ASCII digits, nothing before or after it.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: Longest digit string read as a number; anything longer is out of range
#: anyway, and Python refuses to convert strings of over 4,300 digits.
_MAX_DIGITS = 9


@dataclass(frozen=True)
class Limits:
    """What one search request may ask for (the defaults are the product's)."""

    #: Results per page when the request does not say: one screen of results.
    per_page: int = 10
    #: Largest page: a hit is about 1.4 KB of JSON (5 hits of કિમ on the bundled
    #: articles: 6.9 KB), so a page stays under about 150 KB.
    max_per_page: int = 100
    #: Results are ranked, and their stored fields read, only up to this number;
    #: a page past it comes back empty, with a notice, so one request stays cheap.
    max_results_depth: int = 1000
    #: A longer query (pasted text, not typed words) is cut to this many
    #: characters, with a notice.
    max_query_chars: int = 500

    def __post_init__(self):
        if not 1 <= self.per_page <= self.max_per_page <= self.max_results_depth:
            raise ValueError("limits need 1 <= per_page <= max_per_page <= max_results_depth")

    @property
    def max_page(self) -> int:
        """Return the last page that can hold a result (with one result per page)."""
        return self.max_results_depth


LIMITS = Limits()


@dataclass
class SearchRequest:
    """A validated request: the query text, paging, filters, and notes for the user."""

    MAX_QUERY_CHARS = LIMITS.max_query_chars

    text: str
    page: int
    per_page: int
    filters: dict[str, str] = field(default_factory=dict)
    date_from: str | None = None
    date_to: str | None = None
    notices: list[str] = field(default_factory=list)
    #: Results beyond this number are not shown (see ``Limits.max_results_depth``).
    depth: int = LIMITS.max_results_depth

    @classmethod
    def check(cls, text, page=1, per_page=LIMITS.per_page, lang=None, source=None,
              date_from=None, date_to=None, limits: Limits = LIMITS) -> "SearchRequest":
        """Return the request if it can be answered; raise ``QueryError`` saying why not."""
        if text is None or not str(text).strip():
            raise QueryError("missing query: pass q, e.g. q=putin or q=પુતિન")
        _check_range("page", page, limits.max_page,
                     f"results are available up to number {limits.max_results_depth}")
        _check_range("per_page", per_page, limits.max_per_page, "the largest page")
        if lang and lang not in languages.LANGUAGES:
            raise QueryError(f"lang must be one of: {', '.join(languages.LANGUAGES)}, "
                             f"not {str(lang)[:40]!r}")
        request = cls(str(text), page, per_page, date_from=check_date("from", date_from),
                      date_to=check_date("to", date_to), depth=limits.max_results_depth)
        request.filters = {k: v for k, v in (("lang", lang), ("source", source)) if v}
        if len(request.text) > limits.max_query_chars:
            request.text = request.text[:limits.max_query_chars]
            request.notices.append(
                f"the query was cut to its first {limits.max_query_chars} characters")
        if (page - 1) * per_page >= limits.max_results_depth:
            request.notices.append(
                f"results are shown up to number {limits.max_results_depth}; this page is "
                "beyond them: ask for an earlier page or refine the query")
        return request


def _check_range(name: str, value, maximum: int, reason: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise QueryError(f"{name} must be a whole number of 1 or more, not {value!r}")
    if value > maximum:
        raise QueryError(f"{name} must be at most {maximum} ({reason}), not {value}")


def check_date(name: str, value: str | None) -> str | None:
    """Return ``value`` if it is a real date written ``YYYY-MM-DD`` (``None`` if empty).

    >>> check_date("from", "2024-02-29")
    '2024-02-29'
    >>> check_date("from", "2023-02-29")
    Traceback (most recent call last):
    ...
    searcher.search_request.QueryError: from must be a real date written YYYY-MM-DD, e.g. 2024-03-15, not '2023-02-29'
    """
    if value is None or value == "":
        return None
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise QueryError(f"{name} must be a real date written YYYY-MM-DD, e.g. 2024-03-15, "
                     f"not {str(value)[:40]!r}")


def whole_number(name: str, value: str | None, default: int, maximum: int) -> int:
    """Read a query-string value written in ASCII digits (``default`` if empty).

    >>> whole_number("page", "2", 1, 1000), whole_number("page", "", 1, 1000)
    (2, 1)
    >>> whole_number("page", "૨", 1, 1000)
    Traceback (most recent call last):
    ...
    searcher.search_request.QueryError: page must be a whole number written in the digits 0-9, e.g. page=2, not '૨'
    """
    if value is None or value == "":
        return default
    if not _DIGITS.fullmatch(value):
        raise QueryError(f"{name} must be a whole number written in the digits 0-9, "
                         f"e.g. {name}=2, not {value[:40]!r}")
    digits = value.lstrip("0") or "0"
    if len(digits) > _MAX_DIGITS:
        raise QueryError(f"{name} must be at most {maximum}, not {value[:40]!r}")
    return int(digits)


def search_arguments(args: Mapping[str, str], limits: Limits = LIMITS) -> dict:
    """Turn a query string's values into ``SearchEngine.search`` keyword arguments.

    An empty value means the parameter was not given (HTML forms send empty
    fields). Raise ``QueryError`` saying what to change.

    >>> search_arguments({"q": "કિમ", "page": "2", "lang": ""})["page"]
    2
    """
    arguments = {
        "text": args.get("q"),
        "page": whole_number("page", args.get("page"), 1, limits.max_page),
        "per_page": whole_number("per_page", args.get("per_page"), limits.per_page,
                                 limits.max_per_page),
        "lang": args.get("lang") or None,
        "source": args.get("source") or None,
        "date_from": args.get("from") or None,
        "date_to": args.get("to") or None,
        "limits": limits,  # SearchEngine.search hands it on to SearchRequest.check
    }
    SearchRequest.check(**arguments)
    return arguments
