"""Score every match of a query term at a time, straight from Whoosh's posting lists.

A query word here is an OR of many terms (as written, stem, other script,
romanized candidates) in two fields. Whoosh scores document at a time through
a tree of matchers, several Python calls per document and tree node; reading
each term's postings a block at a time and adding BM25F scores into a dict
does the same arithmetic with far fewer calls (see docs/benchmarks.md), and
the dict's keys are the exact set of matches, so counting costs nothing more.

Scores are Whoosh's own: BM25F with the searcher's ``K1`` and each field's ``B``, the
field boost stored in each posting's weight, the term's boost as a factor, a
sum over the terms and clauses that match. Phrases (``SpanNear2`` over
``SpanAlternatives``) match when each word follows the previous one directly;
their positions are read only for documents that hold every word, from the
posting blocks the words' terms were scored from. One difference from
Whoosh: the proximity boost of an unquoted multi-word query is looked for
only among the best ``RESCORE_WINDOW`` matches (a rescoring window).
"""
from __future__ import annotations

import heapq
from array import array

from whoosh import query as wq
from whoosh.query import spans

from ..deadline import NO_DEADLINE, Deadline
from .. import ranking
from .postings import blocks, postings

Scores = dict[int, float]

#: The proximity boost of an unquoted multi-word query (``AndMaybe(words, phrase)``)
#: is looked for among this many best matches of the words, per segment.
RESCORE_WINDOW = int(ranking.value("rescore_window"))


#: What a part of a query left unevaluated at the deadline scores: it is left out of
#: its ``And`` (the results match fewer words), not taken as matching nothing.
SKIPPED = None


class Scorer:
    """Evaluate queries against one searcher; caches field lengths per segment.

    Safe to share between threads: each call keeps its working state in a ``_Pass``;
    the shared cache of field lengths only ever gains the values every thread computes.
    """

    def __init__(self, searcher):
        self.searcher = searcher
        weighting = searcher.weighting
        self.B, self.K1 = getattr(weighting, "B", 0.75), getattr(weighting, "K1", 1.2)
        self._field_B = dict(getattr(weighting, "_field_B", {}))     # BM25F(title_B=...)
        self._lengths: dict[tuple[int, str], array] = {}

    def scores(self, query, deadline: Deadline = NO_DEADLINE, read: dict | None = None) -> Scores:
        """Return ``{docnum: score}`` for every document of the index ``query`` matches.

        Past ``deadline``, query terms not yet read are skipped (``deadline.cut``).
        ``read``: the scores of terms read by an earlier call with the same dict, reused
        (a fallback query over the same words costs no more reading).
        """
        found: Scores = {}
        keep = any(isinstance(q, spans.SpanQuery) for q in _all_subqueries(query))
        read = {} if read is None else read
        for leaf, offset in self.searcher.leaf_searchers():
            memo = read.setdefault(offset, {})
            part = _Pass(self, leaf.reader(), offset, keep, deadline, memo).eval(query) or {}
            found.update(part if not offset else {d + offset: s for d, s in part.items()})
        return found

    def b_of(self, field: str) -> float:
        """Return BM25F's length normalization for ``field`` (its own ``B``, or the common one)."""
        return self._field_B.get(field, self.B)

    def field_lengths(self, reader, offset: int, field: str) -> array:
        key = (offset, field)
        lengths = self._lengths.get(key)
        if lengths is None:
            lengths = self._lengths.setdefault(key, array("I", bytes(4 * reader.doc_count_all())))
        return lengths


class _Pass:
    """One query over one segment: the scores of terms already read, kept positions."""

    def __init__(self, scorer: Scorer, reader, offset: int, keep: bool, deadline: Deadline,
                 memo: dict):
        self.scorer, self.reader, self.offset, self.deadline = scorer, reader, offset, deadline
        self._memo = memo          # a word's terms recur in the proximity phrase
        # a phrase reads the positions of the postings its words' terms just read
        self._kept: dict | None = {} if keep else None

    def eval(self, query, within: Scores | None = None) -> Scores | None:
        """Return the scores of the segment's matches (``SKIPPED`` past the deadline);
        callers must not change them.

        ``within``: phrases are looked for only in these documents (see ``RESCORE_WINDOW``).
        """
        if within is not None and isinstance(query, (spans.SpanNear2, wq.Or)):
            return self._evaluate_within(query, within)
        if isinstance(query, wq.Term):
            key = (query.fieldname, query.text, query.boost)
            if key not in self._memo:
                if self.deadline.expired():
                    return SKIPPED
                self._memo[key] = self._term(query)
            return self._memo[key]
        if isinstance(query, spans.SpanNear2):
            return self._phrase(query)
        if isinstance(query, (wq.Or, spans.SpanOr)):
            return _sum_any([self.eval(q) for q in _subqueries(query)])
        if isinstance(query, wq.And):
            return _sum_all([self.eval(q) for q in query.subqueries])
        if isinstance(query, wq.AndNot):
            found = self.eval(query.a)
            if found:
                excluded = self.eval(query.b)
                if excluded is SKIPPED:
                    return SKIPPED   # exclusions not checked: showing them would be wrong
                found = {d: s for d, s in found.items() if d not in excluded}
            return found
        if isinstance(query, wq.AndMaybe):
            return self._and_maybe(query)
        if query is wq.NullQuery:
            return {}
        raise TypeError(f"cannot score {type(query).__name__} term at a time")

    def _and_maybe(self, query: wq.AndMaybe) -> Scores | None:
        found = self.eval(query.a)
        if found:
            found = dict(found)
            best = found if len(found) <= RESCORE_WINDOW else dict(
                heapq.nlargest(RESCORE_WINDOW, found.items(), key=lambda item: item[1]))
            for docnum, score in (self.eval(query.b, best) or {}).items():
                if docnum in found:
                    found[docnum] += score
        return found

    def _evaluate_within(self, query, within: Scores) -> Scores | None:
        if isinstance(query, spans.SpanNear2):
            return self._phrase(query, within)
        return _sum_any([self.eval(q, within) for q in query.subqueries])

    def _term(self, term: wq.Term) -> Scores:
        reader, field, text = self.reader, term.fieldname, term.text
        if (field, text) not in reader:
            return {}
        scorer = self.scorer
        idf = scorer.searcher.idf(field, text)
        avg = scorer.searcher.avg_field_length(field) or 1
        lengths = scorer.field_lengths(reader, self.offset, field)
        k1, b, boost = scorer.K1, scorer.b_of(field), term.boost
        top = boost * idf * (k1 + 1)
        norm_base, norm_len = k1 * (1 - b), k1 * b / avg
        found: Scores = {}
        deleted = reader.deleted_docs_set if reader.has_deletions() else ()
        kept = None
        if self._kept is not None:
            kept = self._kept[(field, text)] = []
        scorable = reader.schema[field].scorable
        for ids, weights, _ in blocks(postings(reader, field, text), keep=kept):
            if not scorable:     # no field lengths (ID, KEYWORD): Whoosh scores the weight
                found.update(zip(ids, [boost * weight for weight in weights]))
                continue
            for docnum, weight in zip(ids, weights):
                length = lengths[docnum]
                if not length:
                    length = lengths[docnum] = reader.doc_field_length(docnum, field, 1) or 1
                found[docnum] = top * weight / (weight + norm_base + norm_len * length)
        if deleted:
            for docnum in found.keys() & deleted:
                del found[docnum]
        return found

    def _phrase(self, near: spans.SpanNear2, within: Scores | None = None) -> Scores | None:
        """Score documents where the words of ``near`` stand next to each other, in order."""
        words = list(near.qs)
        per_word = [self.eval(word) for word in words]
        if any(part is SKIPPED for part in per_word):
            return SKIPPED          # an unverified phrase is left out, not guessed
        candidates = _sum_all(per_word)
        if within is not None:
            candidates = {docnum: score for docnum, score in candidates.items() if docnum in within}
        if not candidates:
            return {}
        if self.deadline.expired():
            return SKIPPED
        positions = [self._positions(word, candidates) for word in words]
        found: Scores = {}
        for docnum, score in candidates.items():
            chain = positions[0].get(docnum, set())
            for following in positions[1:]:
                if not chain:
                    break
                chain = {p + near.slop for p in chain} & following.get(docnum, set())
            if chain:
                found[docnum] = score
        return found

    def _positions(self, word, candidates: Scores) -> dict[int, set[int]]:
        """Return the positions of ``word``'s terms in each candidate document."""
        reader = self.reader
        found: dict[int, set[int]] = {}
        wanted = sorted(candidates)
        for term in _leaves(word):
            field, text = term.fieldname, term.text
            if (field, text) not in reader:
                continue
            decode = reader.schema[field].format.decode_positions
            kept = self._kept.get((field, text)) if self._kept is not None else None
            read = kept if kept is not None else blocks(postings(reader, field, text), wanted)
            for ids, _, values in read:
                for docnum, value in zip(ids, values):
                    if docnum in candidates:
                        found.setdefault(docnum, set()).update(decode(value))
        return found


def _all_subqueries(query):
    yield query
    for sub in (query.children() if hasattr(query, "children") else ()):
        yield from _all_subqueries(sub)


def _subqueries(query):
    return query.subqs if isinstance(query, spans.SpanOr) else query.subqueries


def _leaves(query):
    if isinstance(query, wq.Term):
        yield query
    else:
        for sub in _subqueries(query):
            yield from _leaves(sub)


def _sum_any(parts: list[Scores | None]) -> Scores | None:
    if parts and all(p is SKIPPED for p in parts):
        return SKIPPED
    parts = sorted((p for p in parts if p), key=len, reverse=True)
    if not parts:
        return {}
    found = dict(parts[0])
    for part in parts[1:]:
        get = found.get
        for docnum, score in part.items():
            found[docnum] = get(docnum, 0.0) + score
    return found


def _sum_all(parts: list[Scores | None]) -> Scores | None:
    parts = [p for p in parts if p is not SKIPPED]     # skipped words are left out
    if not parts:
        return SKIPPED
    if not all(parts):
        return {}
    parts = sorted(parts, key=len)
    found = dict(parts[0])
    for part in parts[1:]:
        found = {docnum: score + part[docnum] for docnum, score in found.items() if docnum in part}
        if not found:
            break
    return found
