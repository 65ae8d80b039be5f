"""Run searches against the index on disk and return plain result objects.

One ``SearchEngine`` serves a whole application, every thread at once. All share
one Whoosh searcher per build, read through ``searcher.storage`` (each thread at
its own file positions); when ``INDEX_DIR/current`` points at a new build, the
next request opens it and swaps it in, and the old searcher is closed when its
last request ends, so no Whoosh object outlives its searcher. Every request does
bounded work: capped expansions, a capped "did you mean", and a deadline.
"""
from __future__ import annotations

import heapq
import json
import threading
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from whoosh import scoring

from . import mixing, ordering, suggest
from .docsets import facet_docs
from .duplicates import MAX_LISTED, DuplicateGroups, check_mode
from .duplicates import SHOW as SHOW_DUPLICATES
from .expand import Alternative, expand_word
from .expansions import describe, without
from .filtering import Narrowing
from .headlines import is_headline_only, title_html
from .layout import current_build
from .querylang import Query, parse
from .requests import SearchRequest
from .results import Article, Hit, SearchResults
from .scorer import Deadline, Scorer
from .snippets import MAX_FRAGMENT_CHARS, MAX_SCAN_CHARS, Snippet, make_snippet, mark_all, sentences
from .spelling import SpellIndex
from .storage import SharedReadStorage
from .whoosh_query import FIELDS, build_query
from index.metadata import outlet_name

#: Facets counted for every result list.
FACETS = ("lang", "source")
#: Files a build writes beside the Whoosh index.
LEXICON = "lexicon.bin"
ALIASES = "aliases.json"
LINKS = "links.json"
SPELLING = "spelling.bin"
#: Index terms one query word may ask for (its spellings, stems, other script, Latin
#: candidates), best first; the most a native word brings is about 40.
MAX_TERMS_PER_WORD = 48
#: Index terms one whole query may ask for; later words get fewer (at least their
#: first, as written). 32 words of 12 terms each is what a long query needs.
MAX_QUERY_TERMS = 384
#: The time a search may work before it stops and answers with what it found
#: (``SEARCH_DEADLINE_MS`` in the web settings; ``None``: no limit). What follows it
#: (combining what was read, the page's stored fields, first sentences, rendering)
#: took 50-120 ms at per_page=100: 200 leaves that within a 300 ms budget.
DEADLINE_MS = 200
#: Searches of one process that may work past ``HEAVY_AFTER_MS`` at the same time; the
#: others wait for a turn until their deadline (``scorer.Deadline``). With one, four
#: looping costly requests slowed a one-word query from ~30 ms to p95 425 ms
#: without the gate.
HEAVY_SLOTS = 1
#: A search still working after this long is a costly one (a one-word query takes ~30 ms).
HEAVY_AFTER_MS = 50
#: Characters of articles the snippets of one page may analyse to find the query's
#: words; later hits of the page, and every hit past the deadline, show their first
#: sentence unmarked (100 snippets of a page took 180-400 ms, most of the request).
SNIPPET_CHARS_PER_PAGE = 40_000
#: Characters of an article its unmarked first sentence is looked for in.
LATE_SNIPPET_CHARS = 600
DEADLINE_NOTICE = ("The search stopped at its time limit; these are the best results "
                   "found so far.")


@dataclass
class _Opened:
    """A build as every thread sees it: its searcher, lexicon and story links.

    Requests lease it (``acquire``/``release``); once ``retire``d by a newer build
    it takes no new leases and closes its searcher when the last one ends.
    ``serial``: a lock for builds with compound segments, whose parts Whoosh reads
    through shared positions (builds of this code write none).
    """

    build: Path
    searcher: object
    lexicon: object | None
    links: dict
    serial: object = None

    def __post_init__(self):
        reader = self.searcher.reader()

        @lru_cache(maxsize=4096)
        def expand(word: str) -> list[Alternative]:
            alternatives = expand_word(word, self.lexicon)
            present = [alt for alt in alternatives
                       if any((field, alt.term) in reader for field in FIELDS)]
            return present or alternatives[:1]
        self._expand = expand
        self._facets = None
        self._day_of = None
        self._days = None
        self._spelling = None
        self._duplicates = None
        self._loading = threading.Lock()
        self._lease = threading.Lock()
        self._users = 0
        self._retired = False
        self.serial = self.serial or nullcontext()
        self.scorer = Scorer(self.searcher)

    def acquire(self) -> bool:
        """Take a lease for one request; ``False`` once a newer build replaced this one."""
        with self._lease:
            if self._retired:
                return False
            self._users += 1
            return True

    def release(self) -> None:
        with self._lease:
            self._users -= 1
            last = self._retired and not self._users
        if last:
            self.searcher.close()

    def retire(self) -> None:
        """Take no new leases; close the searcher now or when the last lease ends."""
        with self._lease:
            self._retired = True
            idle = not self._users
        if idle:
            self.searcher.close()

    def ranked(self, best: list[tuple[int, float]],
               skip: int) -> list[tuple[int, dict, float]]:
        """Return ``(document number, stored fields, score)`` of ``best`` after the first
        ``skip``, best first, later dates first among equal scores.

        Dates are read only for documents tied with another, from the ``day`` column:
        reading the stored fields (or the column) of every document above the page
        (up to 1,000) decompressed a block each (~100 ms and more).
        """
        if self._days is None:
            reader = self.searcher.reader()
            self._days = reader.column_reader("day") if reader.has_column("day") else {}
        days = self._days
        order = []
        for _, tied in groupby(sorted(best, key=lambda hit: -round(hit[1], 6)),
                               key=lambda hit: round(hit[1], 6)):
            tied = list(tied)
            if len(tied) > 1 and days:
                tied.sort(key=lambda hit: _negated_day(days[hit[0]]))
            order += tied
        return [(docnum, self.searcher.stored_fields(docnum), score)
                for docnum, score in order[skip:]]

    def facets(self) -> dict[str, dict[str, set[int]]]:
        """Return the documents of each facet value (``lang``, ``source``), read once."""
        if self._facets is None:
            self._facets = {name: facet_docs(self.searcher, name) for name in FACETS}
        return self._facets

    def days(self) -> dict[int, str]:
        """Return ``{docnum: day}`` of the dated documents, read once."""
        if self._day_of is None:
            self._day_of = ordering.days_of(facet_docs(self.searcher, "day"))
        return self._day_of

    def duplicate_groups(self) -> DuplicateGroups:
        """Return the build's groups of near-duplicates by document number, read once."""
        if self._duplicates is None:
            with self._loading:
                if self._duplicates is None:
                    self._duplicates = DuplicateGroups(
                        self.links["duplicates"],
                        lambda doc_id: self.searcher.document_number(id=doc_id))
        return self._duplicates

    def spelling(self) -> SpellIndex:
        """Return the build's words for "did you mean" (read or made on first use)."""
        if self._spelling is None:
            with self._loading:
                if self._spelling is None:
                    self._spelling = load_spelling(self.build, self.searcher.reader())
        return self._spelling

    def expander(self):
        """Return the function expanding a query word into terms present in the index.

        It is memoized for the life of this build's searcher: a word is expanded once.
        """
        return self._expand


class SearchEngine:
    """Search the index at ``index_dir``; safe to share between threads, which search at once.

    One searcher per build serves every thread (a searcher per thread cost ~90 MB
    each); its files are read at per-thread positions (``searcher.storage``), and
    its caches only ever gain what every thread computes alike. Searches stop at
    ``deadline_ms`` (none by default; the web app sets ``DEADLINE_MS``; ``clock``: for
    tests) and answer with what they found.
    """

    def __init__(self, index_dir: str | Path, deadline_ms: float | None = None,
                 clock=time.perf_counter):
        self.index_dir = Path(index_dir)
        self.deadline_ms = deadline_ms
        self._clock = clock
        self._current: _Opened | None = None
        self._reopen = threading.Lock()       # taken only when ``current`` moved
        self._heavy = threading.BoundedSemaphore(HEAVY_SLOTS) if deadline_ms is not None else None

    def _opened(self) -> _Opened:
        """Return the open build, opening it first if ``current`` moved.

        While one thread opens a new build (about a second at 19,800 articles), the
        others keep serving the old one instead of waiting for it.
        """
        opened = self._current
        if opened is not None and opened.build == current_build(self.index_dir):
            return opened
        if not self._reopen.acquire(blocking=opened is None):
            return opened
        try:
            build = current_build(self.index_dir)    # again: another thread may have swapped
            opened = self._current
            if opened is None or opened.build != build:
                self._current = open_build(build)
                if opened is not None:
                    opened.retire()
            return self._current
        finally:
            self._reopen.release()

    @contextmanager
    def _using(self):
        """Lease the open build for one request (one that was swapped out meanwhile is not
        leased: its searcher may be closing)."""
        while True:
            opened = self._opened()
            if opened.acquire():
                break
        try:
            with opened.serial:
                yield opened
        finally:
            opened.release()

    def search(self, text: str | None, page: int = 1, per_page: int = 10,
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
            with self._using() as opened:
                # from here: opening a new build is not this request's work
                deadline = Deadline(self.deadline_ms, self._clock, self._heavy,
                                    HEAVY_AFTER_MS)
                try:
                    self._run(opened, parsed, request, results, deadline)
                finally:
                    deadline.close()
            if deadline.cut:
                results.notices.append(DEADLINE_NOTICE)
        results.took_ms = (time.perf_counter() - started) * 1000
        return results

    def _run(self, opened: _Opened, parsed: Query, request: SearchRequest,
             results: SearchResults, deadline: Deadline) -> None:
        expand = capped_expander(without(opened.expander(), results.dropped), deadline=deadline)
        searcher = opened.searcher
        read: dict = {}     # the scores of terms already read, for the fallback query
        limit = min(results.page * results.per_page, request.depth)
        narrowing = self._narrowing(opened, parsed, request)

        def matches(require_all: bool) -> tuple[dict[int, float], dict[int, float]]:
            query = build_query(parsed, expand, require_all=require_all)
            found = opened.scorer.scores(query, deadline, read)
            if not narrowing.allowed:
                return found, found
            kept = narrowing.apply(found.keys())
            return found, {docnum: score for docnum, score in found.items() if docnum in kept}

        unfiltered, scores = matches(require_all=True)
        if not scores and len(parsed.groups) > 1:     # past the deadline: from terms read
            unfiltered, scores = matches(require_all=False)
            if scores:
                results.notices.append(
                    "No article has all the words; showing articles with any of them.")
        hidden: dict[int, list[int]] = {}
        if results.group_duplicates:
            same = unfiltered is scores
            scores, hidden = opened.duplicate_groups().collapse(scores)
            results.grouped = sum(map(len, hidden.values()))
            # facets count each group once too
            unfiltered = scores if same else opened.duplicate_groups().collapse(unfiltered)[0]
        results.total = len(scores)
        results.total_without_filters = len(unfiltered)
        results.facets = narrowing.facet_counts(unfiltered.keys(), opened.facets())
        results.undated_left_out = narrowing.undated_left_out(unfiltered.keys(), opened.days().keys())
        if results.undated_left_out:
            results.notices.append(
                f"The date range left out {results.undated_left_out} matching "
                f"article{'s' if results.undated_left_out != 1 else ''} that have no date.")
        skip = (results.page - 1) * results.per_page
        if results.sort == "relevance" and mixing.script_neutral(
                (w for clause in parsed.clauses for w in clause.words), parsed.filters):
            langs = opened.facets()["lang"]
            best = mixing.candidates(scores, limit, langs)
            first, rest = mixing.first_page(best, results.per_page, mixing.lang_in(langs))
            ranked = (opened.ranked(first, 0) if results.page == 1
                      else opened.ranked(rest, skip - results.per_page)[:results.per_page])
        elif results.sort == "relevance":
            best = heapq.nlargest(limit, scores.items(), key=itemgetter(1))
            ranked = opened.ranked(best, skip)
        else:
            best = ordering.best(scores, limit, results.sort, opened.days())
            # stored fields only for this page: each read decompresses a block
            ranked = [(docnum, searcher.stored_fields(docnum), score)
                      for docnum, score in best[skip:]]
        terms = query_terms(parsed, expand)
        snippet_chars = [SNIPPET_CHARS_PER_PAGE]
        for docnum, stored, score in ranked:
            hit = self._hit(opened, stored, score, terms, deadline, snippet_chars)
            members = hidden.get(docnum, ())
            hit.duplicates = [_member(searcher.stored_fields(d)) for d in members[:MAX_LISTED]]
            hit.duplicates_total = len(members)
            results.collapsed += len(members)
            results.results.append(hit)
        results.expansions = describe(parsed, as_searched(opened.expander(), expand),
                                      results.dropped)
        if results.total < 3 and not deadline.expired():
            words = [w for clause in parsed.clauses for w in clause.words]
            results.did_you_mean = suggest.did_you_mean(
                searcher.reader(), words, opened.lexicon, opened.spelling())

    @staticmethod
    def _narrowing(opened: _Opened, parsed: Query, request: SearchRequest) -> Narrowing:
        """Return the documents each filter of the request allows."""
        in_range = None
        if request.date_from or request.date_to:
            in_range = ordering.in_range(opened.days(), request.date_from, request.date_to)
        return Narrowing.of(parsed.filters, opened.facets(), in_range)

    def _hit(self, opened: _Opened, stored, score: float, terms: set[str],
             deadline: Deadline, snippet_chars: list[int]) -> Hit:
        title, text = stored.get("title", ""), stored.get("text", "")
        headline_only = is_headline_only(title, text)
        source = stored.get("source", "")
        if headline_only:
            snippet = None                  # the headline says it all
        elif snippet_chars[0] <= 0 or deadline.expired():
            snippet = lede(text)            # no words analysed: the first sentence
        else:
            snippet_chars[0] -= min(len(text), MAX_SCAN_CHARS)
            snippet = make_snippet(text, terms)
        return Hit(
            id=stored["id"], title=title, lang=stored.get("lang", ""),
            score=round(float(score), 4),
            snippet="" if snippet is None else snippet.html(),
            url=stored.get("url", ""), published=stored.get("published", ""),
            source=source,
            also_in=self._also_in(opened, stored["id"]),
            title_html=title_html(title, terms), headline_only=headline_only,
            source_name=outlet_name(source),
        )

    def _also_in(self, opened: _Opened, doc_id: str) -> list[dict]:
        found = []
        for other in opened.links["other_language"].get(doc_id, ()):
            stored = opened.searcher.document(id=other)
            if stored:
                found.append({"id": other, "lang": stored.get("lang", ""),
                              "title": stored.get("title", "")})
        return found

    def article(self, doc_id: str, text: str | None = None) -> Article | None:
        """Return one article with the words of query ``text`` marked, or ``None``."""
        with self._using() as opened:
            return self._article(opened, doc_id, text)

    def _article(self, opened: _Opened, doc_id: str, text: str | None) -> Article | None:
        stored = opened.searcher.document(id=doc_id)
        if stored is None:
            return None
        terms: set[str] = set()
        if text and text.strip():
            terms = query_terms(parse(text[:SearchRequest.MAX_QUERY_CHARS]),
                                capped_expander(opened.expander()))
        body = stored.get("text", "")
        return Article(
            id=doc_id, title=stored.get("title", ""), lang=stored.get("lang", ""),
            url=stored.get("url", ""), published=stored.get("published", ""),
            source=stored.get("source", ""), english_title=stored.get("english_title", ""),
            paragraphs=[mark_all(p, terms) for p in body.split("\n") if p.strip()],
            also_in=self._also_in(opened, doc_id),
            source_name=outlet_name(stored.get("source", "")),
            elsewhere=self._elsewhere(opened, doc_id),
            headline_only=is_headline_only(stored.get("title", ""), body),
            title_html=mark_all(stored.get("title", ""), terms),
        )

    def _elsewhere(self, opened: _Opened, doc_id: str) -> list[dict]:
        """Return the near-duplicates of an item: the same story from other items (``index.link``)."""
        found = []
        for other in opened.links["duplicates"].get(doc_id, ()):
            stored = opened.searcher.document(id=other)
            if stored:
                found.append({"id": other, "lang": stored.get("lang", ""),
                              "title": stored.get("title", ""), "url": stored.get("url", ""),
                              "source_name": outlet_name(stored.get("source", ""))})
        return found

    def complete(self, prefix: str | None) -> list[str]:
        """Return completions of the last word of ``prefix``."""
        prefix = (prefix or "")[:SearchRequest.MAX_QUERY_CHARS]
        if not prefix.strip():
            return []
        with self._using() as opened:
            return suggest.complete(opened.searcher.reader(), prefix, opened.lexicon)


def lede(text: str) -> Snippet:
    """Return the first sentence of ``text``, unmarked, at most a fragment long (no analysis).

    >>> lede("કિમ જોંગ ઉને મિસાઇલ છોડી. બીજું વાક્ય.").html()
    'કિમ જોંગ ઉને મિસાઇલ છોડી.'
    """
    head = text[:LATE_SNIPPET_CHARS]
    bounds = sentences(head)
    if not bounds:
        return Snippet(())
    piece = head[bounds[0][0]:bounds[0][1]].strip()
    if len(piece) > MAX_FRAGMENT_CHARS:
        piece = piece[:MAX_FRAGMENT_CHARS].rsplit(" ", 1)[0] + "…"
    return Snippet(((piece, False),))


def _member(stored) -> dict:
    """Describe a near-duplicate grouped under a hit (enough to list and open it)."""
    return {name: stored.get(name, "") for name in ("id", "title", "lang", "source", "published")}


def _negated_day(day: str) -> tuple:
    """Sort key putting later dates first among equal scores (unknown dates last)."""
    return tuple(-ord(c) for c in day) if day else (1,)


def facet_counts(docs, facets: dict[str, dict[str, set[int]]]) -> dict[str, dict[str, int]]:
    """Count ``docs`` (a set or a dict's keys) by the value of each facet (``_Opened.facets``)."""
    return {name: {value: count for value, members in values.items()
                   if (count := len(docs & members))}
            for name, values in facets.items()}


def query_terms(parsed: Query, expand) -> set[str]:
    """Return every index term the positive words of ``parsed`` may match (for marking)."""
    return {alt.term for clause in parsed.clauses for word in clause.words
            for alt in expand(word)}


def open_build(build: Path) -> _Opened:
    """Open a build for searching from many threads."""
    ix = SharedReadStorage(str(build)).open_index()
    searcher = ix.searcher(weighting=scoring.BM25F())
    compound = any(segment.is_compound() for segment in ix._segments())
    opened = _Opened(build, searcher, load_lexicon(build, searcher.reader()), load_links(build),
                     serial=threading.Lock() if compound else None)
    opened.facets()         # read now, not within the first request's deadline
    opened.duplicate_groups()
    return opened


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


def load_spelling(build: Path, reader) -> SpellIndex:
    """Return the words saved with ``build`` for "did you mean" (made from the index if absent)."""
    path = build / SPELLING
    if path.exists():
        try:
            return SpellIndex.load(path)
        except Exception:  # noqa: BLE001 - an unreadable or older file is rebuilt, not fatal
            pass
    return SpellIndex(vocabulary(reader, latin=True))


def load_lexicon(build: Path, reader) -> object | None:
    """Return the Latin-to-native lexicon saved with ``build`` (made from the index if absent)."""
    from .aliases import Aliases
    from .lexicon import Lexicon
    path, lexicon = build / LEXICON, None
    if path.exists():
        try:
            lexicon = Lexicon.load(path)
        except Exception:  # noqa: BLE001 - an unreadable or older lexicon is rebuilt, not fatal
            pass
    lexicon = lexicon or Lexicon(vocabulary(reader))
    lexicon.aliases = Aliases.load_if_present(build / ALIASES)
    return lexicon


def load_links(build: Path) -> dict:
    """Return the story links saved with ``build`` (see ``index.link``)."""
    path = build / LINKS
    data = json.loads(path.read_text("utf-8")) if path.exists() else {}
    return {"other_language": data.get("other_language", {}),
            "duplicates": data.get("duplicates", {})}


def vocabulary(reader, latin: bool = False) -> dict[str, int]:
    """Return the native words of an index (and the Latin ones if ``latin``) with their
    document frequencies.

    Read segment by segment: Whoosh's multi-segment term iterator looks every
    term up in every segment, which took half a minute at 19,800 articles.
    """
    per_field: dict[str, dict[str, int]] = {field: {} for field in FIELDS}
    for leaf, _ in reader.leaf_readers():
        for field, counts in per_field.items():
            if field not in leaf.indexed_field_names():
                continue
            for term, info in leaf.iter_field(field):
                if isinstance(term, bytes):
                    term = term.decode("utf-8")
                if suggest.is_plain_word(term) and (latin or suggest.script_of(term) != "en"):
                    counts[term] = counts.get(term, 0) + info.doc_frequency()
    words: dict[str, int] = {}
    for counts in per_field.values():
        for term, count in counts.items():
            words[term] = max(words.get(term, 0), count)
    return words
