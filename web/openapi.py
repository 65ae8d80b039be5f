"""The OpenAPI description of the JSON API, served at ``/api/openapi.json``."""
from __future__ import annotations

from searcher import duplicates, languages
from searcher.ordering import SORTS
from searcher.search_request import LIMITS, Limits

_STRING = {"type": "string"}
_ERROR = {"description": "The request cannot be answered as asked",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}

HIT_FIELDS = {
    "id": _STRING, "title": _STRING, "lang": {"type": "string", "enum": list(languages.LANGUAGES)},
    "score": {"type": "number"},
    "snippet": {"type": "string", "description": "Escaped HTML; the only tags are <mark>."},
    "url": _STRING, "published": _STRING, "source": _STRING,
    "also_in": {"type": "array", "description": "The same story in another language.",
                "items": {"type": "object", "properties": {"id": _STRING, "lang": _STRING,
                                                           "title": _STRING}}},
    "duplicates": {"type": "array", "description": (
        "Near-duplicates of this article (the same story in the same words) that also "
        "match, grouped under it because it scores best; at most 20 are listed."),
        "items": {"type": "object", "properties": {
            "id": _STRING, "title": _STRING, "lang": _STRING, "source": _STRING,
            "published": _STRING}}},
    "duplicates_total": {"type": "integer",
                         "description": "How many near-duplicates are grouped under it."},
    **{name: schema for name, schema in (
        ("title_html", {"type": "string", "description": "The title cut at a word boundary for "
                        "a result list, as escaped HTML whose only tags are <mark>."}),
        ("headline_only", {"type": "boolean", "description": "The item is only a headline; its "
                           "snippet is empty rather than a repeat of the title."}),
        ("source_name", {"type": "string", "description": "The outlet's name (Zee News), else "
                         "the source as indexed: the URL's host or the collection label."}),
    )},
}

EXPANDED_WORD = {"type": "object", "properties": {
    "word": {"type": "string", "description": "A native word (or the word as typed) searched for."},
    "kind": {"type": "string", "description": "exact, stem, other script, romanized, alias or "
             "sound-alike (another kind is named as the engine names it)."},
    "weight": {"type": "number", "description": "What a match of it counts for."},
    "dropped": {"type": "boolean", "description": "Left out of this search by drop."}}}

RESULTS_FIELDS = {
    "query": _STRING, "total": {"type": "integer"}, "page": {"type": "integer"},
    "per_page": {"type": "integer"}, "took_ms": {"type": "number"},
    "results": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
    "notices": {"type": "array", "items": _STRING},
    "facets": {"type": "object", "description": "Result counts by lang and by source.",
               "additionalProperties": {"type": "object",
                                        "additionalProperties": {"type": "integer"}}},
    "did_you_mean": {"type": "string", "nullable": True},
    "collapsed": {"type": "integer",
                  "description": "Near-duplicates grouped under the hits of this page."},
    "grouped": {"type": "integer", "description": (
        "Near-duplicates grouped under hits of any page; total + grouped is the number "
        "of matching articles.")},
    "sort": {"type": "string", "enum": ["relevance", "newest"]},
    "filters": {"type": "object", "description": "The lang and source filters applied, typed in "
                "the query (lang:gu) or passed as parameters.",
                "additionalProperties": {"type": "string"}},
    "expansions": {"type": "array", "description": "Per positive query word, the words it was "
                   "expanded to, best first.",
                   "items": {"type": "object", "properties": {
                       "word": _STRING, "expanded": {"type": "array", "items": EXPANDED_WORD}}}},
    "dropped": {"type": "array", "items": _STRING, "description": "The drop words applied."},
    "undated_left_out": {"type": "integer", "description": "Matches the date range left out "
                         "because they have no date."},
    "total_without_filters": {"type": "integer", "description": "Matches before the lang, "
                              "source and date filters."},
}


def _param(name: str, description: str, schema: dict, required: bool = False) -> dict:
    parameter = {"name": name, "in": "query", "required": required,
                 "description": description, "schema": schema}
    if not required:  # HTML forms send empty fields: an empty value means "not given"
        parameter["allowEmptyValue"] = True
    return parameter


def search_parameters(limits: Limits = LIMITS) -> list[dict]:
    """Return the parameters of ``/api/search`` with the limits ``limits`` enforces."""
    date = {"type": "string", "format": "date"}
    return [
        _param("q", "The query: words, \"phrases\", -word, OR, lang:gu, source:NAME; "
               f"cut to its first {limits.max_query_chars} characters, with a notice.",
               {"type": "string", "minLength": 1, "pattern": r"\S"}, True),
        _param("page", "Page number, from 1. Results are shown up to number "
               f"{limits.max_results_depth}: a page past it (page × per_page) comes back "
               "empty, with a notice.",
               {"type": "integer", "minimum": 1, "maximum": limits.max_page, "default": 1}),
        _param("per_page", "Results per page.",
               {"type": "integer", "minimum": 1, "maximum": limits.max_per_page,
                "default": limits.per_page}),
        _param("lang", "Only articles in this language.",
               {"type": "string", "enum": list(languages.LANGUAGES)}),
        _param("source", "Only articles from this source.", _STRING),
        _param("from", "Only articles published on or after this date (YYYY-MM-DD).", date),
        _param("to", "Only articles published on or before this date (YYYY-MM-DD).", date),
        _param("duplicates", (
            "group (default): near-duplicates (the same story in the same words) are listed "
            "under their best-scoring member and total counts each group once; show: each "
            "is a result of its own."),
            {"type": "string", "enum": list(duplicates.MODES), "default": duplicates.GROUP}),
        _param("sort", "relevance (default), or newest: dated articles newest first, then the "
               "undated ones by relevance.", {"type": "string", "enum": list(SORTS),
                                              "default": SORTS[0]}),
        _param("drop", "Expanded words to leave out of the search (as named in expansions), "
               "separated by commas or repeated: drop=सहारा.", _STRING),
    ]


def openapi_document(limits: Limits = LIMITS) -> dict:
    """Return the OpenAPI 3 description of the JSON API under the request limits ``limits``."""
    return {
        "openapi": "3.0.3",
        "info": {"title": "Gujarati and Hindi news search", "version": "1"},
        "paths": {
            "/api/search": {"get": {
                "summary": "Search articles in any script (Gujarati, Devanagari, Latin).",
                "parameters": search_parameters(limits),
                "responses": {
                    "200": {"description": "A page of results", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/SearchResults"}}}},
                    "400": _ERROR, "503": {**_ERROR, "description": "No index has been built"}}}},
            "/api/suggest": {"get": {
                "summary": "Complete the last word typed, in the script typed.",
                "parameters": [_param("q", "The text typed so far; cut to its first "
                                      f"{limits.max_query_chars} characters.", _STRING, True)],
                "responses": {
                    "200": {"description": "Completions", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Suggestions"}}}},
                    "400": _ERROR, "503": _ERROR}}},
        },
        "components": {"schemas": {
            "Hit": {"type": "object", "properties": HIT_FIELDS, "required": list(HIT_FIELDS)},
            "SearchResults": {"type": "object", "properties": RESULTS_FIELDS,
                              "required": list(RESULTS_FIELDS)},
            "Suggestions": {"type": "object", "required": ["query", "suggestions"],
                            "properties": {"query": _STRING,
                                           "suggestions": {"type": "array", "items": _STRING}}},
            "Error": {"type": "object", "required": ["error"], "properties": {"error": _STRING}},
        }},
    }
