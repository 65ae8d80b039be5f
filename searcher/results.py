"""Plain result objects: what a search returns, rendered as HTML or JSON alike."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Hit:
    """One article in a result list."""

    id: str
    title: str
    lang: str
    score: float
    snippet: str          # escaped HTML; the only tags are <mark>
    url: str = ""
    published: str = ""
    source: str = ""

    def to_dict(self) -> dict:
        """Return the hit as the JSON API shows it."""
        return asdict(self)


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
        }
