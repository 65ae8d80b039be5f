"""Run searches against the index on disk and return plain result objects.

One ``SearchEngine`` serves a whole application. Each thread keeps its own Whoosh
searcher and replaces it when ``INDEX_DIR/current`` points at a new build, so a
rebuild is picked up without a restart and no Whoosh object outlives its searcher.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import scoring

from . import languages
from .expand import Alternative, expand_word
from .layout import current_build
from .querylang import parse
from .results import Hit, SearchResults
from .snippets import make_snippet
from .whoosh_query import FIELDS, build_filter, build_query

#: Limits on what one request may ask for.
MAX_PER_PAGE = 100
MAX_RESULTS_DEPTH = 1000
MAX_QUERY_CHARS = 500


class QueryError(ValueError):
    """A request that cannot be answered as asked; the message says what to change."""


@dataclass
class _Opened:
    build: Path
    searcher: object
    lexicon: object | None


class SearchEngine:
    """Search the index at ``index_dir``; safe to share between threads."""

    def __init__(self, index_dir: str | Path):
        self.index_dir = Path(index_dir)
        self._local = threading.local()
        self._lexicons: dict[Path, object] = {}
        self._lock = threading.Lock()

    def _opened(self) -> _Opened:
        build = current_build(self.index_dir)
        opened = getattr(self._local, "opened", None)
        if opened is None or opened.build != build:
            if opened is not None:
                opened.searcher.close()
            ix = whoosh_index.open_dir(str(build))
            searcher = ix.searcher(weighting=scoring.BM25F())
            opened = self._local.opened = _Opened(build, searcher, self._lexicon(build, searcher))
        return opened

    def _lexicon(self, build: Path, searcher) -> object | None:
        with self._lock:
            if build not in self._lexicons:
                self._lexicons = {build: load_lexicon(build, searcher.reader())}
            return self._lexicons[build]

    def expander(self, opened: _Opened):
        """Return a function expanding a query word into the terms present in the index."""
        reader = opened.searcher.reader()

        @lru_cache(maxsize=256)
        def expand(word: str) -> list[Alternative]:
            alternatives = expand_word(word, opened.lexicon)
            present = [alt for alt in alternatives
                       if any((field, alt.term) in reader for field in FIELDS)]
            return present or alternatives[:1]
        return expand

    def search(self, text: str, page: int = 1, per_page: int = 10,
               lang: str | None = None) -> SearchResults:
        """Return page ``page`` of the articles matching ``text``, best first."""
        started = time.perf_counter()
        text, notices = _check_request(text, page, per_page, lang)
        parsed = parse(text)
        notices += parsed.notes
        if lang:
            parsed.filters["lang"] = lang
        results = SearchResults(query=text, total=0, page=page, per_page=per_page,
                                took_ms=0.0, notices=notices)
        if parsed.is_empty():
            results.notices.append("the query has no words to search for")
        else:
            self._run(parsed, results)
        results.took_ms = (time.perf_counter() - started) * 1000
        return results

    def _run(self, parsed, results: SearchResults) -> None:
        opened = self._opened()
        expand = self.expander(opened)
        filter_query = build_filter(parsed.filters)
        limit = results.page * results.per_page
        query = build_query(parsed, expand, require_all=True)
        hits = opened.searcher.search(query, limit=limit, filter=filter_query)
        if hits.is_empty() and len(parsed.groups) > 1:
            query = build_query(parsed, expand, require_all=False)
            hits = opened.searcher.search(query, limit=limit, filter=filter_query)
            if not hits.is_empty():
                results.notices.append("No article has all the words; showing articles with any of them.")
        results.total = len(hits)
        terms = {alt.term for clause in parsed.clauses for word in clause.words
                 for alt in expand(word)}
        start = (results.page - 1) * results.per_page
        for hit in list(hits)[start:limit]:
            results.results.append(_hit(hit, hit.score, terms))


def _hit(stored, score: float, terms: set[str]) -> Hit:
    return Hit(
        id=stored["id"], title=stored.get("title", ""), lang=stored.get("lang", ""),
        score=round(float(score), 4),
        snippet=make_snippet(stored.get("text", ""), terms).html(),
        url=stored.get("url", ""), published=stored.get("published", ""),
        source=stored.get("source", ""),
    )


def _check_request(text, page, per_page, lang) -> tuple[str, list[str]]:
    """Validate a request; return the query text to use and notices about it."""
    notices = []
    if text is None or not str(text).strip():
        raise QueryError("missing query: pass q, e.g. q=putin")
    if not isinstance(page, int) or page < 1:
        raise QueryError("page must be a whole number of 1 or more")
    if not isinstance(per_page, int) or not 1 <= per_page <= MAX_PER_PAGE:
        raise QueryError(f"per_page must be a whole number from 1 to {MAX_PER_PAGE}")
    if page * per_page > MAX_RESULTS_DEPTH:
        raise QueryError(f"results are available up to number {MAX_RESULTS_DEPTH}; "
                         "ask for an earlier page or refine the query")
    if lang is not None and lang not in languages.LANGUAGES:
        raise QueryError(f"lang must be one of: {', '.join(languages.LANGUAGES)}")
    text = str(text)
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notices.append(f"the query was cut to its first {MAX_QUERY_CHARS} characters")
    return text, notices


def load_lexicon(build: Path, reader) -> object | None:
    """Return the Latin-to-native lexicon saved with ``build`` (``None`` if there is none)."""
    try:
        from .lexicon import Lexicon
    except ImportError:
        return None
    path = build / "lexicon.bin"
    if path.exists():
        return Lexicon.load(path)
    return Lexicon(vocabulary(reader))


def vocabulary(reader) -> dict[str, int]:
    """Return the native words of an index with their document frequencies."""
    words: dict[str, int] = {}
    for field in FIELDS:
        for term, info in reader.iter_field(field):
            if isinstance(term, bytes):
                term = term.decode("utf-8")
            if term[:1] and languages.language_of_char(term[0]):
                words[term] = max(words.get(term, 0), info.doc_frequency())
    return words
