"""Build Whoosh queries from a parsed query and its expanded words (no searching here)."""
from __future__ import annotations

from typing import Callable

from whoosh import query as wq
from whoosh.query import spans

from .expand import Alternative
from .querylang import Clause, Query

#: Text fields searched; the title's weight comes from the schema (BM25F field boost).
FIELDS = ("title", "body")

Expander = Callable[[str], list[Alternative]]


class SpanAlternatives(spans.SpanOr):
    """``SpanOr`` that can estimate its size, so it may sit inside ``Or``/``And``."""

    def estimate_size(self, ixreader) -> int:
        return sum(q.estimate_size(ixreader) for q in self.subqs)


def word_query(alternatives: list[Alternative], field: str) -> wq.Query:
    """Return an OR of one word's alternatives in one field, each boosted by its weight."""
    return wq.Or([wq.Term(field, alt.term, boost=alt.weight) for alt in alternatives])


def clause_query(clause: Clause, expand: Expander) -> wq.Query | None:
    """Return the query for a word or a phrase across the text fields, or ``None``."""
    per_word = [expand(word) for word in clause.words]
    per_word = [alts for alts in per_word if alts]
    if not per_word:
        return None
    if clause.phrase and len(per_word) > 1:
        return wq.Or([
            spans.SpanNear2([SpanAlternatives([wq.Term(field, a.term, boost=a.weight) for a in alts])
                             for alts in per_word], slop=1, ordered=True)
            for field in FIELDS
        ])
    if len(per_word) == 1:
        return wq.Or([word_query(per_word[0], field) for field in FIELDS])
    return wq.And([wq.Or([word_query(alts, field) for field in FIELDS]) for alts in per_word])


def build_query(parsed: Query, expand: Expander, require_all: bool = True) -> wq.Query:
    """Return the Whoosh query for ``parsed``: groups ANDed (or ORed), exclusions removed."""
    groups = []
    for group in parsed.groups:
        parts = [q for q in (clause_query(clause, expand) for clause in group) if q is not None]
        if parts:
            groups.append(wq.Or(parts) if len(parts) > 1 else parts[0])
    if not groups:
        return wq.NullQuery
    positive = (wq.And if require_all else wq.Or)(groups) if len(groups) > 1 else groups[0]
    nearby = proximity_query(parsed, expand)
    if nearby is not None:
        positive = wq.AndMaybe(positive, nearby)
    excluded = [q for q in (clause_query(c, expand) for c in parsed.excluded) if q is not None]
    return wq.AndNot(positive, wq.Or(excluded)) if excluded else positive


def proximity_query(parsed: Query, expand: Expander) -> wq.Query | None:
    """Return a phrase of the query's single words, to rank articles with them together first.

    ``kim jong un`` typed without quotes still ranks કિમ જોંગ ઉને above the three
    words scattered through an article.
    """
    single = [group[0].words[0] for group in parsed.groups
              if len(group) == 1 and len(group[0].words) == 1]
    if len(single) < 2 or len(single) != len(parsed.groups):
        return None
    return clause_query(Clause(tuple(single), phrase=True), expand)


def build_filter(filters: dict[str, str], date_from: str | None = None,
                 date_to: str | None = None) -> wq.Query | None:
    """Return the filter for ``lang:``/``source:`` values and a date range, or ``None``."""
    terms = [wq.Term(name, value) for name, value in filters.items() if value]
    if date_from or date_to:
        terms.append(wq.TermRange("day", date_from, date_to))
    if not terms:
        return None
    return wq.And(terms) if len(terms) > 1 else terms[0]
