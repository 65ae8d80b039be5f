"""What the results page adds around a search: links that change one filter, date shortcuts, pages.

The query's typed filters (``lang:gu``) and the page's chips are one state: a
chip link takes the filter out of the typed query and sets the parameter, so
the chip that is lit is the filter that is applied.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from index.metadata import outlet_name
from searcher.querylang import FILTERS
from searcher.search_request import LIMITS

#: Date shortcuts beside the range: label and days back from today (UTC).
RECENT = (("Past day", 1), ("Past week", 7), ("Past month", 30), ("Past year", 365))
#: Page numbers shown on each side of the current page.
PAGE_WINDOW = 2
#: Deepest result a page link may reach when the caller does not say.
MAX_DEPTH = LIMITS.max_results_depth
_TYPED_FILTER = re.compile(rf"(?<!\S)(?:{'|'.join(FILTERS)}):\S+", re.IGNORECASE)


def strip_filters(query: str) -> str:
    """Return ``query`` without its typed filters (``lang:gu``, ``source:x``).

    >>> strip_filters("putin lang:gu  source:revoi.in")
    'putin'
    """
    return " ".join(_TYPED_FILTER.sub(" ", query).split())


def changed(args: dict, filters: dict, **changes) -> dict:
    """Return request parameters with ``changes`` made, typed filters moved into parameters.

    An empty value removes a parameter; any change of filter goes back to page 1.

    >>> changed({"q": "putin lang:gu", "page": "3"}, {"lang": "gu"}, lang="hi")
    {'q': 'putin', 'lang': 'hi'}
    """
    params = {k: v for k, v in args.items() if v}
    params["q"] = strip_filters(params.get("q", ""))
    params.update({name: value for name, value in filters.items() if value})
    if set(changes) - {"page"}:
        params.pop("page", None)
    params.update(changes)
    return {k: v for k, v in params.items() if v not in ("", None)}


def recent_ranges(today: date) -> list[dict]:
    """Return the date shortcuts: label and ``from`` date of each, back from ``today``.

    >>> recent_ranges(date(2026, 8, 31))[1]
    {'label': 'Past week', 'from': '2026-08-24'}
    """
    return [{"label": label, "from": (today - timedelta(days=days)).isoformat()}
            for label, days in RECENT]


def page_numbers(page: int, total: int, per_page: int, depth: int = MAX_DEPTH) -> list[int | None]:
    """Return the page numbers to link, ``None`` for a gap: first, last and a window around ``page``.

    No page past result number ``depth`` is linked (``Limits.max_results_depth``).

    >>> page_numbers(6, 200, 10), page_numbers(1, 5000, 10, depth=1000)[-1]
    ([1, None, 4, 5, 6, 7, 8, None, 20], 100)
    """
    last = max(1, -(-min(total, depth) // per_page))
    shown = sorted({1, last, *range(max(1, page - PAGE_WINDOW), min(last, page + PAGE_WINDOW) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


def source_label(source: str) -> str:
    """Return the outlet name a source is shown by (``zeenews.india.com``: Zee News)."""
    return outlet_name(source)


def page_context(args, data: dict | None, today: date | None = None) -> dict:
    """Return what the results page template needs besides the search data."""
    from flask import url_for

    single = {name: args.get(name, "") for name in args}
    dropped = (data or {}).get("dropped", [])
    if dropped:
        single["drop"] = ",".join(dropped)
    filters = (data or {}).get("filters", {})

    def link(**changes) -> str:
        return url_for("search.page", **changed(single, filters, **changes))

    def drop_link(word: str, put_back: bool = False) -> str:
        words = [w for w in dropped if w != word] if put_back else [*dropped, word]
        return link(drop=",".join(words), page="")

    today = today or datetime.now(timezone.utc).date()
    return {"link": link, "drop_link": drop_link, "recent": recent_ranges(today),
            "today": today.isoformat(), "source_label": source_label,
            "filters": filters, "page_numbers": page_numbers,
            "typed": strip_filters(args.get("q", ""))}
