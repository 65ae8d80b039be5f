"""Filters as sets of documents, and facet counts that stay when a filter is chosen.

Each facet is counted over the matches narrowed by every filter but its own:
choosing ગુજરાતી still shows how many हिन्दी articles match, so a reader can
switch (as news sites and Meilisearch's facets do). A date range also says
how many undated matches it left out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: The name a date range goes by among the filters.
DATES = "dates"


@dataclass
class Narrowing:
    """The documents each active filter allows: ``{"lang": {...}, "dates": {...}}``."""

    allowed: dict[str, set[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, filters: dict[str, str], facets: dict[str, dict[str, set[int]]],
           dated_in_range: set[int] | None = None) -> "Narrowing":
        """Return the filters' sets: facet filters from ``facets``, a date range as given."""
        allowed = {name: facets.get(name, {}).get(value, set())
                   for name, value in filters.items() if value}
        if dated_in_range is not None:
            allowed[DATES] = dated_in_range
        return cls(allowed)

    def apply(self, docs, but: str | None = None) -> set[int]:
        """Return ``docs`` narrowed by every filter except ``but``.

        >>> Narrowing({"lang": {1, 2}, "source": {2, 3}}).apply({1, 2, 3}, but="lang")
        {2, 3}
        """
        found = set(docs)
        for name, members in sorted(self.allowed.items(), key=lambda item: len(item[1])):
            if name != but:
                found &= members
        return found

    def facet_counts(self, docs, facets: dict[str, dict[str, set[int]]]) -> dict[str, dict[str, int]]:
        """Count ``docs`` by each facet's values, each facet narrowed by the other filters only.

        >>> facets = {"lang": {"gu": {1, 2}, "hi": {3}}, "source": {"a": {1, 3}, "b": {2}}}
        >>> Narrowing.of({"lang": "gu"}, facets).facet_counts({1, 2, 3}, facets)
        {'lang': {'gu': 2, 'hi': 1}, 'source': {'a': 1, 'b': 1}}
        """
        counts = {}
        for name, values in facets.items():
            narrowed = self.apply(docs, but=name)
            counts[name] = {value: count for value, members in sorted(values.items())
                            if value and (count := len(narrowed & members))}
        return counts

    def undated_left_out(self, docs, dated: set[int]) -> int:
        """Return how many of ``docs`` the other filters keep but the date range drops for having no date."""
        if DATES not in self.allowed:
            return 0
        return len(self.apply(docs, but=DATES) - dated)
