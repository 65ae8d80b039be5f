"""Run searches and return plain result objects: the layer between the views and the engine.

A query goes down once: ``SearchRequest`` checks the input, ``querylang`` parses
it, the served build's expander gives each word its terms (capped per request),
``plan`` says what the query means, the engine scores the plan (``backend``),
this module narrows, groups and ranks the matches into a page, and
``presenting`` turns the page's matches into hits. Every request does bounded
work: capped expansions, a capped "did you mean", and a deadline.
"""
from __future__ import annotations

import heapq
import threading
import time
from operator import itemgetter
from pathlib import Path

from . import mixing, ordering, presenting, suggest
from .deadline import Deadline
from .duplicates import MAX_LISTED, check_mode
from .duplicates import SHOW as SHOW_DUPLICATES
from .expand import Alternative, expand_word
from .expansions import describe, without
from .filtering import Narrowing
from .plan import build_plan
from .querylang import Query, parse
from .search_request import LIMITS, SearchRequest
from .results import Article, SearchResults
from .served import BuildServer, ServedBuild

#: Index terms one query word may ask for (its spellings, stems, other script, Latin
#: candidates), best first; the most a native word brings is about 40.
MAX_TERMS_PER_WORD = 48
#: Index terms one whole query may ask for; later words get fewer (at least their
#: first, as written). 32 words of 12 terms each is what a long query needs.
MAX_QUERY_TERMS = 384
#: The time a search may work before it stops and answers with what it found
#: (``SEARCH_DEADLINE_MS`` in the web settings; ``None``: no limit). What follows it
#: (finishing the term being read, combining, the page's stored fields, first
#: sentences, rendering) took 5-150 ms at per_page=100 on a busy two-core machine:
#: 150 leaves that within a 300 ms budget (at 200, 32 common words took 343 ms).
DEADLINE_MS = 150
#: Searches of one process that may work past ``HEAVY_AFTER_MS`` at the same time; the
#: others wait for a turn until their deadline (``deadline.Deadline``). With one, four
#: looping costly requests slowed a one-word query from ~30 ms to p95 425 ms
#: without the gate.
HEAVY_SLOTS = 1
#: A search still working after this long is a costly one (a one-word query takes ~30 ms).
HEAVY_AFTER_MS = 50
DEADLINE_NOTICE = ("The search stopped at its time limit; these are the best results "
                   "found so far.")
Scores = dict[int, float]


class SearchEngine(BuildServer):
    """Search the index at ``index_dir``; safe to share between threads, which search at once.

    One served build serves every thread (``served.BuildServer``; a Whoosh searcher
    per thread cost ~90 MB each), and its caches only ever gain what every thread
    computes alike. Searches stop at ``deadline_ms`` (none by default; the web app
    sets ``DEADLINE_MS``; ``clock``: for tests) and answer with what they found.
    """

    def __init__(self, index_dir: str | Path, deadline_ms: float | None = None,
                 clock=time.perf_counter):
        super().__init__(index_dir)
        self.deadline_ms = deadline_ms
        self._clock = clock
        self._heavy = threading.BoundedSemaphore(HEAVY_SLOTS) if deadline_ms is not None else None

    def search(self, text: str | None, page: int = 1, per_page: int = LIMITS.per_page,
               lang: str | None = None, sort: str | None = None, drop=(),
               duplicates: str | None = None, **filters) -> SearchResults:
        """Return page ``page`` of the articles matching ``text``, best first or ``sort="newest"``.

        ``drop``: expanded words to leave out (``searcher.expansions``).
        ``duplicates="show"`` lists near-duplicates as results of their own; by
        default (``"group"``) they are grouped under their best-scoring member.
        """
        started = time.perf_counter()
        request = SearchRequest.check(text, page, per_page, lang=lang, **filters)
        group_duplicates = check_mode(duplicates) != SHOW_DUPLICATES
        parsed = parse(request.text)
        parsed.filters.update(request.filters)
        results = SearchResults(query=request.text, total=0, page=page, per_page=per_page,
                                took_ms=0.0, notices=request.notices + parsed.notes,
                                filters=dict(parsed.filters), sort=ordering.check_sort(sort),
                                dropped=list(drop or ()), group_duplicates=group_duplicates)
        if parsed.is_empty():
            results.notices.append("the query has no words to search for")
        else:
            with self.using() as served:
                # from here: opening a new build is not this request's work
                deadline = Deadline(self.deadline_ms, self._clock, self._heavy,
                                    HEAVY_AFTER_MS)
                try:
                    self._run(served, parsed, request, results, deadline)
                finally:
                    deadline.close()
            if deadline.cut:
                results.notices.append(DEADLINE_NOTICE)
        results.took_ms = (time.perf_counter() - started) * 1000
        return results

    def _run(self, served: ServedBuild, parsed: Query, request: SearchRequest,
             results: SearchResults, deadline: Deadline) -> None:
        expand = capped_expander(without(served.expander(), results.dropped), deadline=deadline)
        narrowing = self._narrowing(served, parsed, request)
        unfiltered, scores = self._match(served, parsed, narrowing, results, expand, deadline)
        hidden: dict[int, list[int]] = {}
        if results.group_duplicates:
            same = unfiltered is scores
            scores, hidden = served.duplicate_groups().collapse(scores)
            results.grouped = sum(map(len, hidden.values()))
            # facets count each group once too
            unfiltered = scores if same else served.duplicate_groups().collapse(unfiltered)[0]
        self._count(served, narrowing, results, unfiltered, scores)
        terms = marked_terms(parsed, expand)
        snippet_chars = [presenting.SNIPPET_CHARS_PER_PAGE]
        for docnum, stored, score in self._page(served, parsed, request, results, scores):
            hit = presenting.hit(served, stored, score, terms, deadline, snippet_chars)
            members = hidden.get(docnum, ())
            hit.duplicates = [presenting.member(stored)
                              for stored in served.engine.stored_many(list(members[:MAX_LISTED]))]
            hit.duplicates_total = len(members)
            results.collapsed += len(members)
            results.results.append(hit)
        results.expansions = describe(parsed, as_searched(served.expander(), expand),
                                      results.dropped)
        if results.total < 3 and not deadline.expired():
            words = [w for clause in parsed.clauses for w in clause.words]
            results.did_you_mean = suggest.did_you_mean(
                served.engine, words, served.lexicon, served.spelling())

    @staticmethod
    def _match(served: ServedBuild, parsed: Query, narrowing: Narrowing,
               results: SearchResults, expand, deadline: Deadline) -> tuple[Scores, Scores]:
        """Return the scores of every match, and of those the filters keep.

        When no article has all the words, articles with any of them (from the terms
        already read: the fallback costs no more reading).
        """
        read: dict = {}

        def matches(require_all: bool) -> tuple[Scores, Scores]:
            found = served.engine.scores(build_plan(parsed, expand, require_all), deadline, read)
            if not narrowing.allowed:
                return found, found
            kept = narrowing.apply(found.keys())
            return found, {docnum: score for docnum, score in found.items() if docnum in kept}

        unfiltered, scores = matches(require_all=True)
        if not scores and len(parsed.groups) > 1:
            unfiltered, scores = matches(require_all=False)
            if scores:
                results.notices.append(
                    "No article has all the words; showing articles with any of them.")
        return unfiltered, scores

    @staticmethod
    def _count(served: ServedBuild, narrowing: Narrowing, results: SearchResults,
               unfiltered: Scores, scores: Scores) -> None:
        """Fill in the totals, the facets (without each facet's own filter) and the date notice."""
        results.total = len(scores)
        results.total_without_filters = len(unfiltered)
        results.facets = narrowing.facet_counts(unfiltered.keys(), served.facets())
        results.undated_left_out = narrowing.undated_left_out(unfiltered.keys(),
                                                              served.days().keys())
        if results.undated_left_out:
            results.notices.append(
                f"The date range left out {results.undated_left_out} matching "
                f"article{'s' if results.undated_left_out != 1 else ''} that have no date.")

    @staticmethod
    def _page(served: ServedBuild, parsed: Query, request: SearchRequest,
              results: SearchResults, scores: Scores) -> list[tuple[int, dict, float]]:
        """Return ``(document number, stored fields, score)`` of the requested page, in order:
        by score (both scripts on the first page of a script-neutral query) or by date."""
        limit = min(results.page * results.per_page, request.depth)
        skip = (results.page - 1) * results.per_page
        if results.sort == "relevance" and mixing.script_neutral(
                (w for clause in parsed.clauses for w in clause.words), parsed.filters):
            langs = served.facets()["lang"]
            best = mixing.candidates(scores, limit, langs)
            first, rest = mixing.first_page(best, results.per_page, mixing.lang_in(langs))
            return (served.ranked(first, 0) if results.page == 1
                    else served.ranked(rest, skip - results.per_page)[:results.per_page])
        if results.sort == "relevance":
            return served.ranked(heapq.nlargest(limit, scores.items(), key=itemgetter(1)), skip)
        best = ordering.best(scores, limit, results.sort, served.days())
        # stored fields only for this page: each read decompresses a block
        page = best[skip:]
        stored = served.engine.stored_many([docnum for docnum, _ in page])
        return [(docnum, fields, score) for (docnum, score), fields in zip(page, stored)]

    @staticmethod
    def _narrowing(served: ServedBuild, parsed: Query, request: SearchRequest) -> Narrowing:
        """Return the documents each filter of the request allows."""
        in_range = None
        if request.date_from or request.date_to:
            in_range = ordering.in_range(served.days(), request.date_from, request.date_to)
        return Narrowing.of(parsed.filters, served.facets(), in_range)

    def article(self, doc_id: str, text: str | None = None) -> Article | None:
        """Return one article with the words of query ``text`` marked, or ``None``."""
        with self.using() as served:
            terms: set[str] = set()
            if text and text.strip():
                terms = marked_terms(parse(text[:SearchRequest.MAX_QUERY_CHARS]),
                                     capped_expander(served.expander()))
            return presenting.article(served, doc_id, terms)

    def complete(self, prefix: str | None) -> list[str]:
        """Return completions of the last word of ``prefix``."""
        prefix = (prefix or "")[:SearchRequest.MAX_QUERY_CHARS]
        if not prefix.strip():
            return []
        with self.using() as served:
            return suggest.complete(served.engine, prefix, served.lexicon)


def marked_terms(parsed: Query, expand) -> set[str]:
    """Return every index term the positive words of ``parsed`` may match (to mark them)."""
    return {alt.term for clause in parsed.clauses for word in clause.words
            for alt in expand(word)}


def capped_expander(expand, limit: int = MAX_QUERY_TERMS, deadline: Deadline | None = None):
    """Return ``expand`` for one request: at most ``MAX_TERMS_PER_WORD`` terms a word and
    ``limit`` in all (each word keeps at least its first), the same answer each time.

    Past ``deadline``, a word not yet expanded is looked for only as written.
    """
    given: dict[str, list[Alternative]] = {}
    left = [limit]

    def capped(word: str) -> list[Alternative]:
        if word not in given:
            if deadline is not None and deadline.expired():
                given[word] = expand_word(word)[:1]
                return given[word]
            alternatives = expand(word)[:MAX_TERMS_PER_WORD]
            given[word] = alternatives[:max(1, min(len(alternatives), left[0]))]
            left[0] -= len(given[word])
            capped.expanded.add(word)
        return given[word]
    capped.expanded = set()     # the words expanded before the deadline
    return capped


def as_searched(full, capped):
    """Return an expander for describing a request's words as its search used them.

    A word ``capped`` expanded before the deadline gets its ``full`` expansion (a
    cache hit: dropped alternatives stay named, so the page can offer them back);
    a word reached past the deadline, only its form as written, which is all that
    was looked for. Describing never expands a word the search did not.
    """
    def described(word: str) -> list[Alternative]:
        return full(word) if word in capped.expanded else capped(word)
    return described


