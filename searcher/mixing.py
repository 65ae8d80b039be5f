"""Show both scripts on the first page of a query typed in Latin letters.

A Latin query (``budget``) names no script, and the product's promise is that it
finds the articles of both; but BM25 scores of long Hindi articles and short
Gujarati headlines are not comparable, so one script can fill the first page.
The first page therefore holds the best few items of each script that matched,
placed among the others by score; later pages follow in score order.

>>> hits = [(1, 9.0), (2, 8.0), (3, 7.0), (4, 1.0)]
>>> [d for d, _ in mix_scripts(hits, per_page=3, lang_of={1: "hi", 2: "hi", 3: "hi", 4: "gu"}.get)]
[1, 2, 4, 3]
"""
from __future__ import annotations

import heapq
from operator import itemgetter
from typing import Callable, Iterable

from . import languages
from .ranking import value

#: Items of each script the first page holds when that script has matches (of 10).
MIN_PER_SCRIPT = int(value("min_per_script"))


def script_neutral(words: Iterable[str], filters: dict) -> bool:
    """Tell whether a query names no script: Latin words only, no ``lang:`` filter."""
    words = list(words)
    return bool(words) and "lang" not in filters and not any(
        languages.language_of_char(char) for word in words for char in word)


def candidates(scores: dict[int, float], limit: int,
               langs: dict[str, set[int]]) -> list[tuple[int, float]]:
    """Return the ``limit`` best (docnum, score) and the ``MIN_PER_SCRIPT`` best of each script."""
    best = heapq.nlargest(limit, scores.items(), key=itemgetter(1))
    chosen = {docnum for docnum, _ in best}
    for docs in langs.values():
        theirs = ((d, s) for d, s in scores.items() if d in docs and d not in chosen)
        best += heapq.nlargest(MIN_PER_SCRIPT, theirs, key=itemgetter(1))
    return best


def mix_scripts(ranked: list, per_page: int, lang_of: Callable[[object], str | None]) -> list:
    """Reorder ``ranked`` (best first) so its first page holds every script's best few."""
    first = ranked[:per_page]
    promoted: list = []
    for lang in dict.fromkeys(filter(None, map(lang_of, _items(ranked)))):
        have = sum(1 for hit in first if lang_of(hit[0]) == lang)
        theirs = [hit for hit in ranked[per_page:] if lang_of(hit[0]) == lang]
        promoted += theirs[:max(0, MIN_PER_SCRIPT - have)]
    if not promoted or len(promoted) >= per_page:
        return ranked
    head_ids = {id(hit) for hit in promoted}
    kept = [hit for hit in first if id(hit) not in head_ids][:per_page - len(promoted)]
    head = sorted(kept + promoted, key=lambda hit: ranked.index(hit))
    taken = {id(hit) for hit in head}
    return head + [hit for hit in ranked if id(hit) not in taken]


def first_page(best: list[tuple[int, float]], per_page: int,
               lang_of: Callable[[int], str | None]) -> tuple[list, list]:
    """Split (docnum, score) pairs into the first page (mixed) and the rest, each by score."""
    mixed = mix_scripts(sorted(best, key=lambda hit: -hit[1]), per_page, lang_of)
    return mixed[:per_page], mixed[per_page:]


def lang_in(langs: dict[str, set[int]]) -> Callable[[int], str | None]:
    """Return a function giving a document's language from the ``lang`` facet's sets."""
    return lambda docnum: next((lang for lang, docs in langs.items() if docnum in docs), None)


def _items(ranked: list) -> Iterable:
    return (hit[0] for hit in ranked)
