"""One build's OpenSearch index: its settings and mapping, and the document of one article.

Bare OpenSearch has no ICU and no stemmers, so it never analyses our text: it
gets what ``searcher.analysis`` computed, split on whitespace. Each text part
(title, body) has

- ``terms``: exactly the terms the Whoosh index holds (``કિમે s:કિમ x:किम``),
  scored by BM25 with the ranking table's K1 and B per part: a plan's word is a
  ``bool`` of term queries on it, the kind weights as boosts;
- ``word``, ``stem``, ``pivot``, ``sound``: one token per word and kind
  (``searcher.opensearch.aligned``), so position N is word N in all four; a
  phrase across kinds is a ``span_near`` over them. They only match (no norms).

The document's ``_id`` is its document number (the order the build wrote it);
``stored`` holds what the page shows, kept in ``_source`` and never indexed.

>>> fields = {"id": "a1", "title": "કિમે", "body": "", "lang": "gu"}
>>> source = document_source(fields, analysed_parts(fields))
>>> source["title"]["terms"], source["title"]["stem"]
('કિમે s:કિમ x:किम', 'કિમ')
"""
from __future__ import annotations

from ..analysis import KINDS, AnalysedWord, analysed_parts  # noqa: F401 - doctest
from ..ranking import value
from .aligned import token

#: The text parts, each with a ``terms`` field and one field per kind.
PARTS = ("title", "body")
#: The stored fields of a document, as the Whoosh schema stores them.
STORED = ("id", "title", "text", "lang", "source", "url", "published", "day",
          "english_title", "origin")
#: The field holding the document number (also the ``_id``).
DOCNUM = "n"
#: Largest result window of a build's index: ``scores`` fetches every match.
MAX_RESULT_WINDOW = 10_000_000


def part_similarity(part: str, docs: int, part_docs: int) -> dict:
    """Return the BM25 constants of a part that make Lucene's length normalization Whoosh's.

    Whoosh scores ``w (K1+1) / (w + K1 (1 - B + B dl / avg))`` with ``w`` the term
    frequency times the part's boost (2 for the title) and ``avg`` over all ``docs``;
    Lucene's ``avg`` is over the ``part_docs`` with words in the part (a headline-only
    item has no body). Dividing by the boost and solving for Lucene's K1 and B gives
    the same denominator; the numerator's ``K1 + 1`` goes into the query's boost.

    >>> part_similarity("body", 20, 20) == {"type": "BM25", "k1": 1.2, "b": 0.75}
    True
    >>> part_similarity("title", 20, 20)["k1"]       # the boost of 2 inside: K1 / 2
    0.6
    """
    k1 = value("bm25_k1") / (value("title_boost") if part == "title" else 1.0)
    b = value(f"bm25_b_{part}")
    ratio = docs / part_docs if part_docs else 1.0
    constant, per_length = k1 * (1 - b), k1 * b * ratio
    return {"type": "BM25", "k1": round(constant + per_length, 9),
            "b": round(per_length / (constant + per_length), 9)}


def similarities(docs: int = 1, part_docs: dict | None = None) -> dict:
    """Return the index's similarity settings (``part_docs``: documents with words per part)."""
    part_docs = part_docs or {}
    return {f"bm25_{part}": part_similarity(part, docs, part_docs.get(part, docs))
            for part in PARTS}


def index_body(shards: int = 1, replicas: int = 0) -> dict:
    """Return the settings and mapping of one build's index."""
    # the built-in `whitespace` analyzer: bare OpenSearch has no whitespace *tokenizer*
    # for a custom analyzer (that is in analysis-common)
    aligned = {"type": "text", "analyzer": "whitespace", "index_options": "positions",
               "norms": False}

    def part(name: str) -> dict:
        terms = {"type": "text", "analyzer": "whitespace", "index_options": "freqs",
                 "similarity": f"bm25_{name}"}
        return {"properties": {"terms": terms, **{kind.name: aligned for kind in KINDS}}}
    keyword = {"type": "keyword"}
    return {
        "settings": {
            "number_of_shards": shards, "number_of_replicas": replicas,
            "max_result_window": MAX_RESULT_WINDOW,
            # set again once the build knows how many items have words in each part
            "similarity": similarities(),
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                # the document number again, as doc values: a search reads the numbers of
                # its matches from them (reading 5,795 _ids from stored fields took 150 ms)
                DOCNUM: {"type": "integer"},
                "id": keyword, "lang": keyword, "source": keyword,
                "day": {"type": "date", "format": "yyyy-MM-dd"},
                "title": part("title"), "body": part("body"),
                "stored": {"type": "object", "enabled": False},
            },
        },
    }


def part_source(words: list[AnalysedWord]) -> dict[str, str]:
    """Return one text part's fields: its index terms and one token per word and kind."""
    fields = {"terms": " ".join(token(term) for word in words for term in word.terms)}
    for at, kind in enumerate(KINDS):
        fields[kind.name] = " ".join(token(word.forms[at]) for word in words)
    return fields


def document_source(fields: dict, words: dict[str, list[AnalysedWord]],
                    docnum: int = 0) -> dict:
    """Return the OpenSearch document of one article: its fields
    (``index.build.document_fields``) and the analysed words of its parts."""
    source = {DOCNUM: docnum, "id": fields["id"], "lang": fields["lang"],
              **{part: part_source(words[part]) for part in PARTS},
              "stored": {name: fields[name] for name in STORED if fields.get(name) is not None}}
    if fields.get("source"):                 # unknown: no facet bucket for ""
        source["source"] = fields["source"]
    if fields.get("day"):
        source["day"] = fields["day"]
    return source
