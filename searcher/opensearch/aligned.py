"""Aligned fields: our analysis fed to bare OpenSearch, one token per word per kind.

Phrases on the OpenSearch backend match on these fields (``searcher.opensearch.query``);
the probes (``scripts/opensearch/probe_*.py``) check them against a real node with
the query builders below. Bare OpenSearch has no ICU and no stemmers, so
it never analyses our text: it gets forms we computed, one per word per kind,
split on whitespace, and position N of every field is word N of the text.

>>> aligned_forms("કિમ જોંગ ઉને")["stem"]
['કિમ', 'જોંગ', 'ઉન']
>>> aligned_forms("KCNA ના")["pivot"]      # a Latin word repeats its word form
['kcna', 'ना']
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Container, Iterable, Iterator, Mapping

from index.sources import Document
from searcher.analysis import KINDS, analysed_words, kind_forms
from searcher.expand import Alternative
from searcher.querylang import Clause, Query

#: The text fields, each with one sub-field per kind.
PARTS = ("title", "body")
#: Title matches count double, as in the Whoosh schema's title field_boost.
TITLE_BOOST = 2.0
#: Longest token (UTF-16 units) of the built-in whitespace analyzer: it splits a
#: longer one in two, which would shift every later position, so we cut first
#: (at index and query time alike). No word of the 19,800-item corpus is longer.
MAX_TOKEN_UNITS = 255
#: Phrase words must be adjacent, as Whoosh's SpanNear2(slop=1) requires.
PHRASE_SLOP = 0

Expander = Callable[[str], list[Alternative]]
#: The forms an index holds, per kind (``{"stem": {"કિમ", ...}, ...}``).
Vocabulary = Mapping[str, Container[str]]


def token(form: str) -> str:
    """Return ``form`` cut to what the whitespace analyzer keeps as one token."""
    while len(form.encode("utf-16-le")) > 2 * MAX_TOKEN_UNITS:
        form = form[:-1]
    return form


@lru_cache(maxsize=200_000)
def column_forms(word: str) -> tuple[str, ...]:
    """Return one normalized word's token in each kind's field, in ``KINDS`` order.

    >>> column_forms("kcna")                  # no coarser form: the finer one repeats
    ('kcna', 'kcna', 'kcna', 'kcna')
    """
    return tuple(token(form) for form in kind_forms(word))


def aligned_forms(text: str) -> dict[str, list[str]]:
    """Return, per kind, the form of every word of ``text`` in order (all lists one length)."""
    words = analysed_words(text)
    return {kind.name: [token(word.forms[at]) for word in words]
            for at, kind in enumerate(KINDS)}


def implied(kind: str, form: str) -> list[tuple[str, str]]:
    """Return the coarser ``(kind, form)`` every word holding ``form`` at ``kind`` also holds.

    A word's coarser tokens follow from its word token, and from its stem token when
    the stem is its own stem; ``(word, પુતિનને)`` implies ``(pivot, पुतिन)``.
    """
    names = [k.name for k in KINDS]
    at = names.index(kind)
    tokens = column_forms(form)
    if at > 1 or tokens[at] != form:
        return []
    return list(zip(names[at + 1:], tokens[at + 1:]))


def for_matching(wanted: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Return the fewest ``(kind, form)`` pairs matching the same words as ``wanted``.

    Drops a pair that a coarser wanted pair of the same word implies: a phrase
    matches, it does not score, so (word, પુતિનને) adds nothing to (pivot, पुतिन).
    """
    wanted = set(wanted)
    return [pair for pair in wanted if not any(p in wanted for p in implied(*pair))]


def index_body(shards: int = 1, replicas: int = 0) -> dict:
    """Return the settings and mapping of one build's index."""
    # The built-in `whitespace` analyzer: bare OpenSearch has no whitespace
    # *tokenizer* for a custom analyzer (that is in analysis-common).
    forms_field = {"type": "text", "analyzer": "whitespace", "index_options": "positions"}
    part = {"properties": {kind.name: forms_field for kind in KINDS}}
    keyword = {"type": "keyword"}
    return {
        "settings": {"number_of_shards": shards, "number_of_replicas": replicas},
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": keyword, "lang": keyword, "source": keyword,
                "day": {"type": "date", "format": "yyyy-MM-dd"},
                "title": part, "body": part,
                # What the page shows: kept in _source, never indexed.
                "stored": {"type": "object", "enabled": False},
            },
        },
    }


def analyse(doc: Document) -> dict[str, dict[str, list[str]]]:
    """Return the aligned forms of each text part of one article."""
    return {"title": aligned_forms(doc.title), "body": aligned_forms(doc.text)}


def document_source(doc: Document, analysed: dict | None = None) -> dict:
    """Return the OpenSearch document of one article (``analysed``: ``analyse(doc)``)."""
    analysed = analysed or analyse(doc)
    source = {
        "id": doc.id, "lang": doc.lang,
        **{part: {kind: " ".join(column) for kind, column in analysed[part].items()}
           for part in PARTS},
        "stored": {"title": doc.title, "text": doc.text, "url": doc.url, "published": doc.published},
    }
    if doc.source:                       # unknown: no facet bucket for ""
        source["source"] = doc.source
    if doc.published[:10]:
        source["day"] = doc.published[:10]
    return source


def bulk_actions(index: str, sources: Iterable[dict]) -> Iterator[dict]:
    """Yield the bulk ``index`` actions for documents (the article id is the document id)."""
    for source in sources:
        yield {"_index": index, "_id": source["id"], "_source": source}


def kind_and_form(term: str) -> tuple[str, str]:
    """Split a prefixed index term into its kind and form: ``x:किम`` -> ``(pivot, किम)``."""
    for kind in KINDS[1:]:
        if term.startswith(kind.prefix):
            return kind.name, term[len(kind.prefix):]
    return KINDS[0].name, term


def targets(alternatives: list[Alternative], vocabulary: Vocabulary | None = None
            ) -> dict[tuple[str, str], float]:
    """Return ``(kind, form) -> weight`` for one word's alternatives, the best weight kept.

    With ``vocabulary`` (the forms the index holds, per kind), forms the index lacks
    are left out: they match and score nothing, and a Hindi word's 138 alternatives
    would otherwise pass OpenSearch's 1,024-clause limit in a three-word phrase.
    """
    best: dict[tuple[str, str], float] = {}
    for alt in alternatives:
        kind, form = kind_and_form(alt.term)
        key = (kind, token(form))
        if vocabulary is None or key[1] in vocabulary[kind]:
            best[key] = max(best.get(key, 0.0), alt.weight)
    return best


def word_query(wanted: dict[tuple[str, str], float], combine: str = "bool") -> dict:
    """Return one word as term queries on every part and kind, the kind weights as boosts."""
    if not wanted:
        return {"match_none": {}}
    terms = [
        {"term": {f"{part}.{kind}": {"value": form,
                                      "boost": weight * (TITLE_BOOST if part == "title" else 1.0)}}}
        for part in PARTS for (kind, form), weight in wanted.items()
    ]
    if combine == "dis_max":
        return {"dis_max": {"queries": terms}}
    return {"bool": {"should": terms, "minimum_should_match": 1}}


def span_phrase(per_word: list[dict[tuple[str, str], float]], part: str) -> dict:
    """Return a phrase in one part: adjacent words, each any of its kinds' forms.

    Span clauses must share a field, so each kind's span is masked as ``part.word``;
    nested span clauses take no boost, so the phrase matches and the words score.
    """
    def word_spans(wanted: dict[tuple[str, str], float]) -> dict:
        return {"span_or": {"clauses": [
            {"span_field_masking": {"query": {"span_term": {f"{part}.{kind}": form}},
                                    "field": f"{part}.word"}}
            for kind, form in sorted(for_matching(wanted))]}}
    return {"span_near": {"clauses": [word_spans(wanted) for wanted in per_word],
                          "slop": PHRASE_SLOP, "in_order": True}}


def clause_query(clause: Clause, expand: Expander, combine: str = "bool",
                 vocabulary: Vocabulary | None = None) -> dict | None:
    """Return the query of a word or a quoted phrase, or ``None`` when nothing is searchable."""
    per_word = [targets(alts, vocabulary) for alts in map(expand, clause.words) if alts]
    if not per_word:
        return None
    if not all(per_word):
        return {"match_none": {}}
    words = [word_query(wanted, combine) for wanted in per_word]
    if clause.phrase and len(per_word) > 1:
        phrase = {"bool": {"should": [span_phrase(per_word, part) for part in PARTS],
                           "minimum_should_match": 1}}
        return {"bool": {"filter": [phrase], "must": words}}
    return words[0] if len(words) == 1 else {"bool": {"must": words}}


def build_query(parsed: Query, expand: Expander, combine: str = "bool",
                vocabulary: Vocabulary | None = None) -> dict:
    """Return the structured query of ``parsed``: groups ANDed, ORs inside, exclusions, filters.

    User text only ever becomes term values: never a script, never ``query_string``.
    """
    must = []
    for group in parsed.groups:
        parts = [q for q in (clause_query(c, expand, combine, vocabulary) for c in group) if q]
        if parts:
            must.append(parts[0] if len(parts) == 1 else
                        {"bool": {"should": parts, "minimum_should_match": 1}})
    excluded = [q for q in (clause_query(c, expand, combine, vocabulary) for c in parsed.excluded) if q]
    filters = [{"term": {name: value}} for name, value in parsed.filters.items() if value]
    if not must:
        return {"match_none": {}}
    return {"bool": {"must": must, "must_not": excluded, "filter": filters}}
