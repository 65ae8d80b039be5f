"""Check what a search request asks for, before anything runs."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import languages


class QueryError(ValueError):
    """A request that cannot be answered as asked; the message says what to change."""


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")


@dataclass
class SearchRequest:
    """A validated request: the query text, paging, filters, and notes for the user."""

    MAX_PER_PAGE = 100
    MAX_RESULTS_DEPTH = 1000
    MAX_QUERY_CHARS = 500

    text: str
    page: int
    per_page: int
    filters: dict[str, str] = field(default_factory=dict)
    date_from: str | None = None
    date_to: str | None = None
    notices: list[str] = field(default_factory=list)

    @classmethod
    def check(cls, text, page=1, per_page=10, lang=None, source=None,
              date_from=None, date_to=None) -> "SearchRequest":
        """Return the request if it can be answered; raise ``QueryError`` saying why not."""
        if text is None or not str(text).strip():
            raise QueryError("missing query: pass q, e.g. q=putin")
        if not isinstance(page, int) or page < 1:
            raise QueryError("page must be a whole number of 1 or more")
        if not isinstance(per_page, int) or not 1 <= per_page <= cls.MAX_PER_PAGE:
            raise QueryError(f"per_page must be a whole number from 1 to {cls.MAX_PER_PAGE}")
        if page * per_page > cls.MAX_RESULTS_DEPTH:
            raise QueryError(f"results are available up to number {cls.MAX_RESULTS_DEPTH}; "
                             "ask for an earlier page or refine the query")
        if lang and lang not in languages.LANGUAGES:
            raise QueryError(f"lang must be one of: {', '.join(languages.LANGUAGES)}")
        for name, value in (("from", date_from), ("to", date_to)):
            if value and not _DATE.match(value):
                raise QueryError(f"{name} must be a date written YYYY-MM-DD")
        request = cls(str(text), page, per_page, date_from=date_from or None,
                      date_to=date_to or None)
        request.filters = {k: v for k, v in (("lang", lang), ("source", source)) if v}
        if len(request.text) > cls.MAX_QUERY_CHARS:
            request.text = request.text[:cls.MAX_QUERY_CHARS]
            request.notices.append(
                f"the query was cut to its first {cls.MAX_QUERY_CHARS} characters")
        return request
