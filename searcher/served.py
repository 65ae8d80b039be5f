"""The build a search engine serves: opened once, shared by every thread, swapped atomically.

``BuildServer`` follows a location: an index directory, whose ``current`` link
names the build (Whoosh), or an alias on an OpenSearch cluster
(``searcher.opensearch.location``). When it names a new build, the next request
opens it (``open_build``) and swaps it in, and the old build is
closed when its last request ends, so no engine object outlives its build. A
``ServedBuild`` holds the opened engine build (``backend.OpenedBuild``) and what
the language side keeps beside it: the lexicon, the story links, the expander's
memo and the facets, days, near-duplicate groups and spellings read once.
"""
from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from . import ordering, suggest
from index.link import Links

from .backend import OpenedBuild
from .duplicates import DuplicateGroups
from .expand import Alternative, expand_word
from .languages import LATIN, script_of
from .layout import ALIASES, LEXICON, LINKS, SPELLING, current_build
from .ordering import negated_day
from .spelling import SpellIndex
from .whoosh.engine import WhooshBuild

#: Facets counted for every result list.
FACETS = ("lang", "source")


@dataclass
class ServedBuild:
    """A build as every thread sees it: the opened engine build, its lexicon, story links
    and what requests read of it once (facets, days, near-duplicate groups, spellings).

    Requests lease it (``acquire``/``release``); once ``retire``d by a newer build
    it takes no new leases and closes its engine build when the last one ends.
    ``serial``: the engine's lock around a request (a no-op where its readers are shared).
    """

    build: Path
    engine: OpenedBuild
    lexicon: object | None
    links: Links
    #: What the location calls this build (its directory; its index on a cluster).
    key: object = None

    def __post_init__(self):
        engine = self.engine

        @lru_cache(maxsize=4096)
        def expand(word: str) -> list[Alternative]:
            alternatives = expand_word(word, self.lexicon)
            present = [alt for alt in alternatives if engine.has_term(alt.term)]
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
        self.serial = engine.serial
        if self.key is None:
            self.key = self.build

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
            self.engine.close()

    def retire(self) -> None:
        """Take no new leases; close the engine build now or when the last lease ends."""
        with self._lease:
            self._retired = True
            idle = not self._users
        if idle:
            self.engine.close()

    def ranked(self, best: list[tuple[int, float]],
               skip: int) -> list[tuple[int, dict, float]]:
        """Return ``(document number, stored fields, score)`` of ``best`` after the first
        ``skip``, best first, later dates first among equal scores.

        Dates are read only for documents tied with another, from the ``day`` column:
        reading the stored fields (or the column) of every document above the page
        (up to 1,000) decompressed a block each (~100 ms and more).
        """
        days = self.engine.day_column()
        order = []
        for _, tied in groupby(sorted(best, key=lambda hit: -round(hit[1], 6)),
                               key=lambda hit: round(hit[1], 6)):
            tied = list(tied)
            if len(tied) > 1 and days:
                tied.sort(key=lambda hit: negated_day(days[hit[0]]))
            order += tied
        page = order[skip:]
        stored = self.engine.stored_many([docnum for docnum, _ in page])
        return [(docnum, fields, score) for (docnum, score), fields in zip(page, stored)]

    def facets(self) -> dict[str, dict[str, set[int]]]:
        """Return the documents of each facet value (``lang``, ``source``), read once."""
        if self._facets is None:
            self._facets = {name: self.engine.facet_docs(name) for name in FACETS}
        return self._facets

    def days(self) -> dict[int, str]:
        """Return ``{docnum: day}`` of the dated documents, read once."""
        if self._day_of is None:
            self._day_of = ordering.days_of(self.engine.facet_docs("day"))
        return self._day_of

    def duplicate_groups(self) -> DuplicateGroups:
        """Return the build's groups of near-duplicates by document number, read once."""
        if self._duplicates is None:
            with self._loading:
                if self._duplicates is None:
                    self._duplicates = DuplicateGroups(
                        self.links.duplicates,
                        self.engine.docnum)
        return self._duplicates

    def spelling(self) -> SpellIndex:
        """Return the build's words for "did you mean" (read or made on first use)."""
        if self._spelling is None:
            with self._loading:
                if self._spelling is None:
                    self._spelling = load_spelling(self.build, self.engine)
        return self._spelling

    def expander(self):
        """Return the function expanding a query word into terms present in the index.

        It is memoized for the life of this opened build: a word is expanded once.
        """
        return self._expand


class DirectoryLocation:
    """An index directory: ``current`` links to the build being served (``index.build``)."""

    def __init__(self, index_dir: str | Path):
        self.index_dir = Path(index_dir)

    def current(self) -> Path:
        return current_build(self.index_dir)

    def open(self, build: Path) -> ServedBuild:
        return open_build(build)

    def __str__(self) -> str:
        return str(self.index_dir)


def location_of(index: str | Path):
    """Return where ``index`` is served from: ``opensearch:http://host:9200/name`` or a directory."""
    from .opensearch.location import OpenSearchLocation, is_location
    return OpenSearchLocation.parse(index) if is_location(index) else DirectoryLocation(index)


class BuildServer:
    """Serve the current build of the index at ``index`` (a directory or an OpenSearch
    location, ``location_of``) to every thread at once."""

    def __init__(self, index: str | Path):
        self.location = location_of(index)
        self.index_dir = getattr(self.location, "index_dir", index)
        self._current: ServedBuild | None = None
        self._reopen = threading.Lock()       # taken only when ``current`` moved

    def _opened(self) -> ServedBuild:
        """Return the open build, opening it first if ``current`` moved.

        While one thread opens a new build (about a second at 19,800 articles), the
        others keep serving the old one instead of waiting for it.
        """
        opened = self._current
        if opened is not None and opened.key == self.location.current():
            return opened
        if not self._reopen.acquire(blocking=opened is None):
            return opened
        try:
            build = self.location.current()    # again: another thread may have swapped
            opened = self._current
            if opened is None or opened.key != build:
                self._current = self.location.open(build)
                if opened is not None:
                    opened.retire()
            return self._current
        finally:
            self._reopen.release()

    @contextmanager
    def using(self):
        """Lease the open build for one request (one that was swapped out meanwhile is not
        leased: its engine build may be closing)."""
        while True:
            opened = self._opened()
            if opened.acquire():
                break
        try:
            with opened.serial:
                yield opened
        finally:
            opened.release()


def open_build(build: Path, engine: OpenedBuild | None = None, key=None) -> ServedBuild:
    """Open a build for searching from many threads: the engine build (Whoosh's in
    ``build`` unless given) and the companion files in ``build``."""
    engine = engine if engine is not None else WhooshBuild(build)
    opened = ServedBuild(build, engine, load_lexicon(build, engine), load_links(build), key)
    opened.facets()         # read now, not within the first request's deadline
    opened.duplicate_groups()
    return opened


def load_spelling(build: Path, engine: OpenedBuild) -> SpellIndex:
    """Return the words saved with ``build`` for "did you mean" (made from the index if absent)."""
    path = build / SPELLING
    if path.exists():
        try:
            return SpellIndex.load(path)
        except Exception:  # noqa: BLE001 - an unreadable or older file is rebuilt, not fatal
            pass
    return SpellIndex(vocabulary(engine, latin=True))


def load_lexicon(build: Path, engine: OpenedBuild) -> object | None:
    """Return the Latin-to-native lexicon saved with ``build`` (made from the index if absent)."""
    from .aliases import Aliases
    from .lexicon import Lexicon
    path, lexicon = build / LEXICON, None
    if path.exists():
        try:
            lexicon = Lexicon.load(path)
        except Exception:  # noqa: BLE001 - an unreadable or older lexicon is rebuilt, not fatal
            pass
    lexicon = lexicon or Lexicon(vocabulary(engine))
    lexicon.aliases = Aliases.load_if_present(build / ALIASES)
    return lexicon


def load_links(build: Path) -> Links:
    """Return the story links saved with ``build`` (none if it has no links file)."""
    path = build / LINKS
    return Links.from_dict(json.loads(path.read_text("utf-8")) if path.exists() else {})


def vocabulary(engine: OpenedBuild, latin: bool = False) -> dict[str, int]:
    """Return the native words of a build (and the Latin ones if ``latin``) with their
    document frequencies: words as written, not their stems or other forms."""
    return engine.words(lambda term: suggest.is_plain_word(term)
                        and (latin or script_of(term) != LATIN))
