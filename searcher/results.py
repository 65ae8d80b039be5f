"""Plain result objects: what a search returns, rendered as HTML or JSON alike."""
from __future__ import annotations

from dataclasses import dataclass, field, fields

from .snippets import Snippet

NO_TEXT = Snippet(())


def _plain(value):
    """Return a copy of ``value`` as JSON shows it: marked text as its escaped HTML."""
    if isinstance(value, Snippet):
        return value.html()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _as_dict(result) -> dict:
    return {f.name: _plain(getattr(result, f.name)) for f in fields(result)}


@dataclass
class Hit:
    """One article in a result list."""

    id: str
    title: str
    lang: str
    score: float
    snippet: Snippet = NO_TEXT    # the best passage, the query's words marked
    url: str = ""
    published: str = ""
    source: str = ""
    also_in: list[dict] = field(default_factory=list)   # the same story in another language
    title_html: Snippet = NO_TEXT  # the headline cut for a list, the query's words marked
    headline_only: bool = False   # the item is only a headline: no snippet repeats it
    source_name: str = ""         # the outlet's name (index.metadata.outlet_name)
    duplicates: list[dict] = field(default_factory=list)  # near-duplicates grouped under it
    duplicates_total: int = 0   # all of them (``duplicates`` lists at most MAX_LISTED)

    def to_dict(self) -> dict:
        """Return the hit as the JSON API shows it (``snippet`` and ``title_html`` as
        escaped HTML whose only tags are ``<mark>``)."""
        return _as_dict(self)


@dataclass
class Article:
    """One article for its own page, the query's words marked in its title and paragraphs."""

    id: str
    title: str
    lang: str
    url: str = ""
    published: str = ""
    source: str = ""
    english_title: str = ""
    paragraphs: list[Snippet] = field(default_factory=list)
    also_in: list[dict] = field(default_factory=list)
    source_name: str = ""
    elsewhere: list[dict] = field(default_factory=list)   # the same story from other items
    headline_only: bool = False   # the item is only a headline; its story is at ``url``
    title_html: Snippet = NO_TEXT  # the whole title, the query's words marked

    def to_dict(self) -> dict:
        """Return the article as the JSON API shows it (marked text as escaped HTML)."""
        return _as_dict(self)


@dataclass
class SearchResults:
    """A page of hits for a query, with the totals the page and the API show."""

    query: str
    total: int
    page: int
    per_page: int
    took_ms: float
    results: list[Hit] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    filters: dict[str, str] = field(default_factory=dict)
    did_you_mean: str | None = None
    collapsed: int = 0      # near-duplicates grouped under the hits of this page
    grouped: int = 0        # near-duplicates grouped under hits of any page (not in total)
    group_duplicates: bool = True   # False: each near-duplicate is a result of its own
    sort: str = "relevance"
    expansions: list[dict] = field(default_factory=list)   # searcher.expansions.describe
    dropped: list[str] = field(default_factory=list)       # expanded words left out (drop=)
    undated_left_out: int = 0       # matches a date range left out for having no date
    total_without_filters: int = 0  # matches before lang, source and date filters

    @property
    def pages(self) -> int:
        """Return the number of pages of results."""
        return max(1, -(-self.total // self.per_page))

    def to_dict(self) -> dict:
        """Return the results as the JSON API shows them."""
        return {
            "query": self.query, "total": self.total, "page": self.page,
            "per_page": self.per_page, "took_ms": round(self.took_ms, 2),
            "results": [hit.to_dict() for hit in self.results],
            "notices": list(self.notices),
            "facets": self.facets,
            "did_you_mean": self.did_you_mean,
            "collapsed": self.collapsed,
            "grouped": self.grouped,
            "sort": self.sort,
            "filters": dict(self.filters),
            "expansions": self.expansions,
            "dropped": list(self.dropped),
            "undated_left_out": self.undated_left_out,
            "total_without_filters": self.total_without_filters,
        }
