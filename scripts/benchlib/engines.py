"""The engines compared: this project, plain Whoosh with a ``\\w+`` analyzer, and Tantivy.

This project runs on either backend: Whoosh (an index directory) or an OpenSearch
cluster (``ProjectOnOpenSearch``, its index named by a location
``opensearch:http://127.0.0.1:9200/bench-19800`` where the others take a directory).

Each engine builds an index of a corpus directory and opens it as a function
from query text to the number of hits (reading the stored fields of the first
ten, as a results page would). Engine libraries are imported only when used,
so a cold-start subprocess loads just the engine it measures.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PAGE = 10
WORD_PATTERN = r"\w+"


def documents(source: Path) -> Iterator:
    """Yield the project's ``Document`` objects of ``source`` (the same for every engine)."""
    from index.sources import Document, read_sources
    seen = set()
    for item in read_sources([source]):
        if isinstance(item, Document) and item.id not in seen:
            seen.add(item.id)
            yield item


def tree_bytes(path: Path) -> int:
    """Return the bytes of every file below ``path``."""
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def _fresh(directory: Path) -> None:
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)


class Project:
    """This project: ``index.build.build`` and ``searcher.search.SearchEngine``."""

    name = "project"
    #: Whether a rebuild reads only new and changed files (worth measuring separately).
    incremental = True
    #: Indexing processes; ``None``: the build's default (one per core).
    procs: int | None = None

    def build(self, source: Path, index_dir: Path) -> int:
        from index.build import build
        return build([source], index_dir, procs=self.procs).indexed

    def size(self, index_dir: Path) -> int:
        from searcher.layout import current_build
        return tree_bytes(current_build(index_dir))

    def open(self, index_dir: Path | str) -> Callable[[str], int]:
        from searcher.search import SearchEngine
        engine = SearchEngine(index_dir)
        return lambda text: engine.search(text, page=1, per_page=PAGE).total


class ProjectOnOpenSearch(Project):
    """This project on an OpenSearch cluster: ``index.opensearch_build`` and ``SearchEngine``.

    Its index is a location, ``opensearch:http://127.0.0.1:9200/bench-19800``; every
    build reads every source (a cluster has no incremental build).
    """

    name = "project-opensearch"
    incremental = False

    def build(self, source: Path, location: str) -> int:
        from index.opensearch_build import build_on_cluster
        from searcher.opensearch.location import OpenSearchLocation
        return build_on_cluster([source], OpenSearchLocation.parse(location),
                                procs=self.procs).indexed

    def size(self, location: str) -> int:
        """Return the store bytes of the served build's index and of its companion files."""
        from searcher.opensearch.companions import files_index
        from searcher.opensearch.location import OpenSearchLocation
        where = OpenSearchLocation.parse(location)
        index = where.current()
        stats = where.client.indices.stats(index=f"{index},{files_index(index)}", metric="store")
        return stats["_all"]["total"]["store"]["size_in_bytes"]


class PlainWhoosh:
    """Whoosh as a user would set it up: the same fields, ``regex`` ``\\w+`` | lowercase."""

    name = "whoosh"

    def schema(self):
        import regex
        from whoosh import fields
        from whoosh.analysis import LowercaseFilter, RegexTokenizer
        analyzer = RegexTokenizer(regex.compile(WORD_PATTERN)) | LowercaseFilter()
        return fields.Schema(
            id=fields.ID(stored=True, unique=True),
            title=fields.TEXT(analyzer=analyzer, phrase=True, stored=True, field_boost=2.0),
            body=fields.TEXT(analyzer=analyzer, phrase=True), text=fields.STORED(),
            lang=fields.ID(stored=True), source=fields.ID(stored=True), url=fields.STORED(),
            published=fields.STORED(), day=fields.ID(stored=True, sortable=True),
            english_title=fields.STORED(), origin=fields.ID(stored=True))

    def build(self, source: Path, index_dir: Path) -> int:
        from index.build import document_fields
        from whoosh import index
        _fresh(index_dir)
        writer = index.create_in(str(index_dir), self.schema()).writer(limitmb=256)
        count = 0
        for doc in documents(source):
            writer.add_document(**document_fields(doc))
            count += 1
        writer.commit()
        return count

    def size(self, index_dir: Path) -> int:
        return tree_bytes(index_dir)

    def open(self, index_dir: Path) -> Callable[[str], int]:
        from whoosh import index
        from whoosh.qparser import MultifieldParser
        ix = index.open_dir(str(index_dir))
        searcher = ix.searcher()
        parser = MultifieldParser(["title", "body"], ix.schema)

        def search(text: str) -> int:
            hits = searcher.search(parser.parse(text), limit=PAGE)
            for hit in hits:
                hit["title"], hit["text"]
            return len(hits)
        return search


class Tantivy:
    """Tantivy through its Python package, a ``\\w+`` regex tokenizer and lowercase."""

    name = "tantivy"
    TOKENIZER = "plain"

    def _index(self, index_dir: Path, create: bool):
        import tantivy
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        for name in ("title", "body"):
            builder.add_text_field(name, stored=True, tokenizer_name=self.TOKENIZER)
        for name in ("lang", "source"):
            builder.add_text_field(name, stored=True, tokenizer_name="raw")
        for name in ("url", "published"):
            builder.add_text_field(name, stored=True, index_option="basic")
        index = tantivy.Index(builder.build(), path=str(index_dir), reuse=not create)
        analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(WORD_PATTERN))
                    .filter(tantivy.Filter.lowercase()).build())
        index.register_tokenizer(self.TOKENIZER, analyzer)
        return index

    def build(self, source: Path, index_dir: Path) -> int:
        import tantivy
        _fresh(index_dir)
        index = self._index(index_dir, create=True)
        writer = index.writer(heap_size=256_000_000, num_threads=1)
        count = 0
        for doc in documents(source):
            writer.add_document(tantivy.Document(
                id=doc.id, title=doc.title, body=doc.text, lang=doc.lang, source=doc.source,
                url=doc.url, published=doc.published))
            count += 1
        writer.commit()
        writer.wait_merging_threads()
        return count

    def size(self, index_dir: Path) -> int:
        return tree_bytes(index_dir)

    def open(self, index_dir: Path) -> Callable[[str], int]:
        index = self._index(index_dir, create=False)
        index.reload()
        searcher = index.searcher()

        def search(text: str) -> int:
            query = index.parse_query(text, ["title", "body"], conjunction_by_default=True)
            result = searcher.search(query, PAGE, count=True)
            for _, address in result.hits:
                searcher.doc(address)["title"]
            return result.count
        return search


ENGINES = {engine.name: engine for engine in (Project, ProjectOnOpenSearch, PlainWhoosh, Tantivy)}


def tantivy_missing() -> str | None:
    """Return why Tantivy cannot be compared, or ``None`` when it can."""
    try:
        import tantivy  # noqa: F401
    except ImportError as error:
        return (f"Tantivy comparison skipped: `import tantivy` failed ({error}); "
                "install it with `.venv/bin/pip install -e '.[bench]'`")
    return None


def answer_one(name: str, index: str, query: str) -> int:
    """Open ``index`` (a directory or a location) with engine ``name`` and answer ``query``."""
    return ENGINES[name]().open(index if name == ProjectOnOpenSearch.name else Path(index))(query)


if __name__ == "__main__":
    print(answer_one(*sys.argv[1:4]), flush=True)
