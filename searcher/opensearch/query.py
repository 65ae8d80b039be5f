"""Write query plans (``searcher.plan``) as OpenSearch query DSL (no searching here).

A word is a ``bool`` of ``term`` queries on both parts' ``terms`` fields, each
boosted by its weight: BM25 per term, summed, as the Whoosh scorer does. The
scores are Whoosh's, from Lucene's BM25 (the legacy one, with the ``K1 + 1``
factor) fed different constants: ``Weigh`` (``engine.OpenSearchBuild.factor``)
turns Lucene's IDF ``log(1 + (N - df + 0.5) / (df + 0.5))`` into Whoosh's
``log(N / (df + 1)) + 1`` and leaves out the parts a term is not in, and each
part's K1 and B (``mapping.part_similarity``) put Whoosh's title boost inside the
term frequency and its average length over all documents, as Whoosh does. A
phrase matches on the aligned fields (``span_near`` of each word's kinds, masked
as one field) and scores by its words. User text only ever becomes term values:
never a script, never ``query_string``.

>>> from searcher.expand import Alternative
>>> to_dsl(Word((Alternative("કિમ", "word", 4.0),)))   # doctest: +NORMALIZE_WHITESPACE
{'bool': {'should': [{'term': {'title.terms': {'value': 'કિમ', 'boost': 8.0}}},
                     {'term': {'body.terms': {'value': 'કિમ', 'boost': 4.0}}}],
          'minimum_should_match': 1}}
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Optional

from .. import plan
from ..plan import Word
from ..ranking import value
from .aligned import span_phrase, targets, token
from .mapping import PARTS

#: Lucene's default limit on the clauses of one query (``indices.query.bool.max_clause_count``):
#: past it, each word keeps only its best-weighted alternatives.
MAX_CLAUSES = 1024

#: ``(term, part) -> factor`` for the term's boost, ``None`` where the part lacks the term.
Weigh = Callable[[str, str], Optional[float]]


def unweighed(term: str, part: str) -> float:
    """The factor without the index's statistics: the title's boost only."""
    return value("title_boost") if part == "title" else 1.0


def word_dsl(word: Word, weigh: Weigh = unweighed, parts: tuple[str, ...] = PARTS) -> dict:
    """Return one word: any of its alternatives in any of ``parts``, the scores summed."""
    terms = []
    for part in parts:
        for alt in word.alternatives:
            factor = weigh(alt.term, part)
            if factor is not None:
                terms.append({"term": {f"{part}.terms": {
                    "value": token(alt.term), "boost": alt.weight * factor}}})
    if not terms:
        return {"match_none": {}}
    return {"bool": {"should": terms, "minimum_should_match": 1}}


def phrase_dsl(phrase: plan.Phrase, weigh: Weigh = unweighed) -> dict:
    """Return a phrase: in each part where its words stand adjacent (a filter), the scores
    of its words in that part, summed over the parts (Whoosh's phrase per field)."""
    per_word = [targets(list(word.alternatives)) for word in phrase.words]
    return {"bool": {"should": [
        {"bool": {"filter": [span_phrase(per_word, part)],
                  "must": [word_dsl(word, weigh, (part,)) for word in phrase.words]}}
        for part in PARTS], "minimum_should_match": 1}}


def to_dsl(node: plan.Node, weigh: Weigh = unweighed) -> dict:
    """Write a query plan as OpenSearch query DSL (``limited_dsl``: within Lucene's limit)."""
    if isinstance(node, Word):
        return word_dsl(node, weigh)
    if isinstance(node, plan.Phrase):
        return phrase_dsl(node, weigh)
    if isinstance(node, plan.AllOf):
        return {"bool": {"must": [to_dsl(part, weigh) for part in node.parts]}}
    if isinstance(node, plan.AnyOf):
        return {"bool": {"should": [to_dsl(part, weigh) for part in node.parts],
                         "minimum_should_match": 1}}
    if isinstance(node, plan.Ranked):
        return {"bool": {"must": [to_dsl(node.match, weigh)],
                         "should": [to_dsl(node.nearby, weigh)]}}
    if isinstance(node, plan.Excluding):
        return {"bool": {"must": [to_dsl(node.match, weigh)],
                         "must_not": [to_dsl(node.excluded, weigh)]}}
    if isinstance(node, plan.Nothing):
        return {"match_none": {}}
    raise TypeError(f"not a query plan node: {node!r}")


def leaf_clauses(dsl) -> int:
    """Return how many leaf clauses (``term``, ``span_term``) a DSL tree holds: what Lucene
    counts against ``MAX_CLAUSES``."""
    if isinstance(dsl, list):
        return sum(map(leaf_clauses, dsl))
    if not isinstance(dsl, dict):
        return 0
    return sum(1 if key in ("term", "span_term") else leaf_clauses(value)
               for key, value in dsl.items())


def trimmed(node: plan.Node, most: int) -> plan.Node:
    """Return ``node`` with each word's ``most`` best-weighted alternatives only."""
    if isinstance(node, Word):
        best = sorted(node.alternatives, key=lambda alt: -alt.weight)[:most]
        return Word(tuple(alt for alt in node.alternatives if alt in best))
    if isinstance(node, plan.Phrase):
        return plan.Phrase(tuple(trimmed(word, most) for word in node.words))
    if isinstance(node, (plan.AllOf, plan.AnyOf)):
        return replace(node, parts=tuple(trimmed(part, most) for part in node.parts))
    if isinstance(node, plan.Ranked):
        return plan.Ranked(trimmed(node.match, most), trimmed(node.nearby, most))
    if isinstance(node, plan.Excluding):
        return plan.Excluding(trimmed(node.match, most), trimmed(node.excluded, most))
    return node


def most_alternatives(node: plan.Node, weigh: Weigh = unweighed,
                     limit: int = MAX_CLAUSES) -> int:
    """Return how many alternatives each word may keep for ``node``'s DSL to fit ``limit``.

    A Hindi word typed in Latin letters has up to ~140 alternatives present in the
    index; four of them in a query, with the proximity phrase, pass Lucene's limit.
    The alternatives left out weigh least (sound-alikes, unlikely readings).
    """
    most = max((len(word.alternatives) for word in words_of(node)), default=0)
    while most > 1 and leaf_clauses(to_dsl(trimmed(node, most), weigh)) > limit:
        most = most * 3 // 4
    return most


def limited_dsl(node: plan.Node, weigh: Weigh = unweighed, limit: int = MAX_CLAUSES) -> dict:
    """Return ``node`` as DSL, each word cut to its best alternatives if it would pass ``limit``."""
    dsl = to_dsl(node, weigh)
    if leaf_clauses(dsl) <= limit:
        return dsl
    return to_dsl(trimmed(node, most_alternatives(node, weigh, limit)), weigh)


def words_of(node: plan.Node):
    """Yield every ``Word`` of a plan."""
    if isinstance(node, Word):
        yield node
    elif isinstance(node, plan.Phrase):
        yield from node.words
    elif isinstance(node, (plan.AllOf, plan.AnyOf)):
        for part in node.parts:
            yield from words_of(part)
    elif isinstance(node, plan.Ranked):
        yield from words_of(node.match)
        yield from words_of(node.nearby)
    elif isinstance(node, plan.Excluding):
        yield from words_of(node.match)
        yield from words_of(node.excluded)
