"""Run searches against the index on disk and return plain result objects.

One ``SearchEngine`` serves a whole application. Each thread keeps its own Whoosh
searcher and replaces it when ``INDEX_DIR/current`` points at a new build, so a
rebuild is picked up without a restart and no Whoosh object outlives its searcher.
"""
from __future__ import annotations

import heapq
import json
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import scoring

from . import mixing, suggest
from .docsets import facet_docs, matching_docs
from .expand import Alternative, expand_word
from .layout import current_build
from .querylang import Query, parse
from .requests import SearchRequest
from .results import Article, Hit, SearchResults
from .scorer import Scorer
from .snippets import make_snippet, mark_all
from .whoosh_query import FIELDS, build_filter, build_query

#: Facets counted for every result list.
FACETS = ("lang", "source")
#: Files a build writes beside the Whoosh index.
LEXICON = "lexicon.bin"
ALIASES = "aliases.json"
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
        self._facets = None
        self.scorer = Scorer(self.searcher)

    def facets(self) -> dict[str, dict[str, set[int]]]:
        """Return the documents of each facet value (``lang``, ``source``), read once."""
        if self._facets is None:
            self._facets = {name: facet_docs(self.searcher, name) for name in FACETS}
        return self._facets

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
        allowed = matching_docs(searcher, filter_query) if filter_query is not None else None

        def matches(require_all: bool) -> dict[int, float]:
            scores = opened.scorer.scores(build_query(parsed, expand, require_all=require_all))
            if allowed is None:
                return scores
            return {docnum: score for docnum, score in scores.items() if docnum in allowed}

        scores = matches(require_all=True)
        if not scores and len(parsed.groups) > 1:
            scores = matches(require_all=False)
            if scores:
                results.notices.append(
                    "No article has all the words; showing articles with any of them.")
        results.total = len(scores)
        results.facets = facet_counts(scores.keys(), opened.facets())
        neutral = mixing.script_neutral(
            (w for clause in parsed.clauses for w in clause.words), parsed.filters)
        best = (mixing.candidates(scores, limit, opened.facets()["lang"]) if neutral
                else heapq.nlargest(limit, scores.items(), key=itemgetter(1)))
        ranked = sorted(((searcher.stored_fields(docnum), score) for docnum, score in best),
                        key=lambda hit: (-round(hit[1], 6), _negated_day(hit[0].get("day", ""))))
        if neutral:
            ranked = mixing.mix_scripts(ranked, results.per_page, lambda stored: stored.get("lang"))
        terms = query_terms(parsed, expand)
        shown: set[str] = set()
        for stored, score in ranked[(results.page - 1) * results.per_page:limit]:
            if shown & set(opened.links["duplicates"].get(stored["id"], ())):
                results.collapsed += 1
                continue
            shown.add(stored["id"])
            results.results.append(self._hit(opened, stored, score, terms))
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


def facet_counts(docs, facets: dict[str, dict[str, set[int]]]) -> dict[str, dict[str, int]]:
    """Count ``docs`` (a set or a dict's keys) by the value of each facet (``_Opened.facets``)."""
    return {name: {value: count for value, members in values.items()
                   if (count := len(docs & members))}
            for name, values in facets.items()}


def query_terms(parsed: Query, expand) -> set[str]:
    """Return every index term the positive words of ``parsed`` may match (for marking)."""
    return {alt.term for clause in parsed.clauses for word in clause.words
            for alt in expand(word)}


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


def vocabulary(reader) -> dict[str, int]:
    """Return the native words of an index with their document frequencies.

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
                if suggest.is_plain_word(term) and suggest.script_of(term) != "en":
                    counts[term] = counts.get(term, 0) + info.doc_frequency()
    words: dict[str, int] = {}
    for counts in per_field.values():
        for term, count in counts.items():
            words[term] = max(words.get(term, 0), count)
    return words
