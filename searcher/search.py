"""Run searches against the index on disk and return plain result objects.

One ``SearchEngine`` serves a whole application. Each thread keeps its own Whoosh
searcher and replaces it when ``INDEX_DIR/current`` points at a new build, so a
rebuild is picked up without a restart and no Whoosh object outlives its searcher.
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import scoring

from . import suggest
from .expand import Alternative, expand_word
from .layout import current_build
from .querylang import Query, parse
from .requests import SearchRequest
from .results import Article, Hit, SearchResults
from .snippets import make_snippet, mark_all
from .whoosh_query import FIELDS, build_filter, build_query

#: Facets counted for every result list.
FACETS = ("lang", "source")
#: Matches counted exactly (and by facet) before a total becomes an estimate.
MAX_COUNTED = 5000
#: Files a build writes beside the Whoosh index.
LEXICON = "lexicon.bin"
LINKS = "links.json"


@dataclass
class _Opened:
    """A build as one thread sees it: its searcher, lexicon and story links."""

    build: Path
    searcher: object
    lexicon: object | None
    links: dict

    def __post_init__(self):
        reader = self.searcher.reader()

        @lru_cache(maxsize=4096)
        def expand(word: str) -> list[Alternative]:
            alternatives = expand_word(word, self.lexicon)
            present = [alt for alt in alternatives
                       if any((field, alt.term) in reader for field in FIELDS)]
            return present or alternatives[:1]
        self._expand = expand

    def expander(self):
        """Return the function expanding a query word into terms present in the index.

        It is memoized for the life of this build's searcher: a word is expanded once.
        """
        return self._expand


class SearchEngine:
    """Search the index at ``index_dir``; safe to share between threads.

    One searcher serves every thread, one request at a time: Whoosh and the
    analysis are pure Python, so threads would take turns on the interpreter
    anyway, and a searcher per thread cost ~90 MB each (measured: 1,451 MB of
    resident memory with 8 threads).
    """

    def __init__(self, index_dir: str | Path):
        self.index_dir = Path(index_dir)
        self._current: _Opened | None = None
        self._lock = threading.RLock()

    def _opened(self) -> _Opened:
        """Return the open build, reopening it if ``current`` moved (call with the lock held)."""
        build = current_build(self.index_dir)
        opened = self._current
        if opened is None or opened.build != build:
            searcher = whoosh_index.open_dir(str(build)).searcher(weighting=scoring.BM25F())
            reader = searcher.reader()
            self._current = _Opened(build, searcher, load_lexicon(build, reader), load_links(build))
            if opened is not None:
                opened.searcher.close()
        return self._current

    def search(self, text: str | None, page: int = 1, per_page: int = 10,
               lang: str | None = None, **filters) -> SearchResults:
        """Return page ``page`` of the articles matching ``text``, best first."""
        started = time.perf_counter()
        request = SearchRequest.check(text, page, per_page, lang=lang, **filters)
        parsed = parse(request.text)
        parsed.filters.update(request.filters)
        results = SearchResults(query=request.text, total=0, page=page, per_page=per_page,
                                took_ms=0.0, notices=request.notices + parsed.notes,
                                filters=dict(parsed.filters))
        if parsed.is_empty():
            results.notices.append("the query has no words to search for")
        else:
            with self._lock:
                self._run(parsed, request, results)
        results.took_ms = (time.perf_counter() - started) * 1000
        return results

    def _run(self, parsed: Query, request: SearchRequest, results: SearchResults) -> None:
        opened = self._opened()
        expand = opened.expander()
        searcher = opened.searcher
        filter_query = build_filter(parsed.filters, request.date_from, request.date_to)
        limit = results.page * results.per_page
        query = build_query(parsed, expand)
        hits = searcher.search(query, limit=limit, filter=filter_query)
        if hits.is_empty() and len(parsed.groups) > 1:
            query = build_query(parsed, expand, require_all=False)
            hits = searcher.search(query, limit=limit, filter=filter_query)
            if not hits.is_empty():
                results.notices.append(
                    "No article has all the words; showing articles with any of them.")
        if hits.is_empty():
            results.total = 0
        else:
            results.total, results.facets, exact = count_matches(searcher, query, filter_query)
            if not exact:
                results.notices.append(f"more than {MAX_COUNTED} articles match: the total "
                                       f"and the counts by language and source stop there")
        terms = query_terms(parsed, expand)
        shown: set[str] = set()
        ranked = sorted(hits, key=lambda h: (-round(h.score, 6), _negated_day(h.get("day", ""))))
        for hit in ranked[(results.page - 1) * results.per_page:limit]:
            if shown & set(opened.links["duplicates"].get(hit["id"], ())):
                results.collapsed += 1
                continue
            shown.add(hit["id"])
            results.results.append(self._hit(opened, hit, hit.score, terms))
        if results.total < 3:
            words = [w for clause in parsed.clauses for w in clause.words]
            results.did_you_mean = suggest.did_you_mean(searcher.reader(), words, opened.lexicon)

    def _hit(self, opened: _Opened, stored, score: float, terms: set[str]) -> Hit:
        return Hit(
            id=stored["id"], title=stored.get("title", ""), lang=stored.get("lang", ""),
            score=round(float(score), 4),
            snippet=make_snippet(stored.get("text", ""), terms).html(),
            url=stored.get("url", ""), published=stored.get("published", ""),
            source=stored.get("source", ""),
            also_in=self._also_in(opened, stored["id"]),
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
        with self._lock:
            return self._article(doc_id, text)

    def _article(self, doc_id: str, text: str | None) -> Article | None:
        opened = self._opened()
        stored = opened.searcher.document(id=doc_id)
        if stored is None:
            return None
        terms: set[str] = set()
        if text and text.strip():
            terms = query_terms(parse(text[:SearchRequest.MAX_QUERY_CHARS]), opened.expander())
        body = stored.get("text", "")
        return Article(
            id=doc_id, title=stored.get("title", ""), lang=stored.get("lang", ""),
            url=stored.get("url", ""), published=stored.get("published", ""),
            source=stored.get("source", ""), english_title=stored.get("english_title", ""),
            paragraphs=[mark_all(p, terms) for p in body.split("\n") if p.strip()],
            also_in=self._also_in(opened, doc_id),
        )

    def complete(self, prefix: str | None) -> list[str]:
        """Return completions of the last word of ``prefix``."""
        prefix = (prefix or "")[:SearchRequest.MAX_QUERY_CHARS]
        if not prefix.strip():
            return []
        with self._lock:
            opened = self._opened()
            return suggest.complete(opened.searcher.reader(), prefix, opened.lexicon)


def _negated_day(day: str) -> tuple:
    """Sort key putting later dates first among equal scores (unknown dates last)."""
    return tuple(-ord(c) for c in day) if day else (1,)


class _StoredColumn:
    """A facet read from stored fields, for indexes built before facets had columns."""

    def __init__(self, reader, name: str):
        self.reader, self.name = reader, name

    def __getitem__(self, docnum: int):
        return self.reader.stored_fields(docnum).get(self.name)


def count_matches(searcher, query, filter_query=None) -> tuple[int, dict, bool]:
    """Count matching documents, and count them by facet, in one pass over the matches.

    Stops after ``MAX_COUNTED`` matches (bounded work for very common words);
    returns ``(count, facets, exact)``.
    """
    allowed = set(searcher.docs_for_query(filter_query)) if filter_query is not None else None
    reader = searcher.reader()
    columns = {name: reader.column_reader(name) if reader.has_column(name) else
               _StoredColumn(reader, name) for name in FACETS}
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    total = 0
    for docnum in searcher.docs_for_query(query):
        if allowed is not None and docnum not in allowed:
            continue
        if total == MAX_COUNTED:
            return total, counts, False
        total += 1
        for name, column in columns.items():
            value = column[docnum]
            if value:
                counts[name][value] = counts[name].get(value, 0) + 1
    return total, counts, True


def query_terms(parsed: Query, expand) -> set[str]:
    """Return every index term the positive words of ``parsed`` may match (for marking)."""
    return {alt.term for clause in parsed.clauses for word in clause.words
            for alt in expand(word)}


def load_lexicon(build: Path, reader) -> object | None:
    """Return the Latin-to-native lexicon saved with ``build`` (made from the index if absent)."""
    from .lexicon import Lexicon
    path = build / LEXICON
    if path.exists():
        try:
            return Lexicon.load(path)
        except Exception:  # noqa: BLE001 - an unreadable or older lexicon is rebuilt, not fatal
            pass
    return Lexicon(vocabulary(reader))


def load_links(build: Path) -> dict:
    """Return the story links saved with ``build`` (see ``index.link``)."""
    path = build / LINKS
    data = json.loads(path.read_text("utf-8")) if path.exists() else {}
    return {"other_language": data.get("other_language", {}),
            "duplicates": data.get("duplicates", {})}


def vocabulary(reader) -> dict[str, int]:
    """Return the native words of an index with their document frequencies."""
    words: dict[str, int] = {}
    for field in FIELDS:
        for term, info in reader.iter_field(field):
            if isinstance(term, bytes):
                term = term.decode("utf-8")
            if suggest.is_plain_word(term) and suggest.script_of(term) != "en":
                words[term] = max(words.get(term, 0), info.doc_frequency())
    return words
