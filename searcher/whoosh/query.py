"""Write query plans (``searcher.plan``) as Whoosh queries, and filters as Whoosh terms (no searching here)."""
from __future__ import annotations

from whoosh import query as wq
from whoosh.query import spans

from .. import plan
from ..plan import Expander
from ..querylang import Clause, Query

#: Text fields searched; the title's weight comes from the schema (BM25F field boost).
FIELDS = ("title", "body")


class SpanAlternatives(spans.SpanOr):
    """``SpanOr`` that can estimate its size, so it may sit inside ``Or``/``And``."""

    def estimate_size(self, ixreader) -> int:
        return sum(q.estimate_size(ixreader) for q in self.subqs)


def word_query(alternatives, field: str) -> wq.Query:
    """Return an OR of one word's alternatives in one field, each boosted by its weight."""
    return wq.Or([wq.Term(field, alt.term, boost=alt.weight) for alt in alternatives])


def to_whoosh(node: plan.Node) -> wq.Query:
    """Write a query plan as Whoosh query objects over the text ``FIELDS``.

    A word or a phrase matches in any field (the title's weight comes from the
    schema); ``Ranked`` is Whoosh's ``AndMaybe``, ``Excluding`` its ``AndNot``.
    """
    if isinstance(node, plan.Word):
        return wq.Or([word_query(node.alternatives, field) for field in FIELDS])
    if isinstance(node, plan.Phrase):
        return wq.Or([spans.SpanNear2([SpanAlternatives([wq.Term(field, a.term, boost=a.weight)
                                                         for a in word.alternatives])
                                       for word in node.words], slop=1, ordered=True)
                      for field in FIELDS])
    if isinstance(node, plan.AllOf):
        return wq.And([to_whoosh(part) for part in node.parts])
    if isinstance(node, plan.AnyOf):
        return wq.Or([to_whoosh(part) for part in node.parts])
    if isinstance(node, plan.Ranked):
        return wq.AndMaybe(to_whoosh(node.match), to_whoosh(node.nearby))
    if isinstance(node, plan.Excluding):
        return wq.AndNot(to_whoosh(node.match), to_whoosh(node.excluded))
    if isinstance(node, plan.Nothing):
        return wq.NullQuery
    raise TypeError(f"not a query plan node: {node!r}")


def clause_query(clause: Clause, expand: Expander) -> wq.Query | None:
    """Return the Whoosh query for a word or a phrase across the text fields, or ``None``."""
    node = plan.clause_plan(clause, expand)
    return None if node is None else to_whoosh(node)


def build_query(parsed: Query, expand: Expander, require_all: bool = True) -> wq.Query:
    """Return the Whoosh query for ``parsed`` (``plan.build_plan``, written for Whoosh)."""
    return to_whoosh(plan.build_plan(parsed, expand, require_all))


def build_filter(filters: dict[str, str], date_from: str | None = None,
                 date_to: str | None = None) -> wq.Query | None:
    """Return the filter for ``lang:``/``source:`` values and a date range, or ``None``."""
    terms = [wq.Term(name, value) for name, value in filters.items() if value]
    if date_from or date_to:
        terms.append(wq.TermRange("day", date_from, date_to))
    if not terms:
        return None
    return wq.And(terms) if len(terms) > 1 else terms[0]
