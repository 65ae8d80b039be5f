"""Snippets: the best sentences of an article with the matched words marked.

A word is marked when any of its index terms is among the query's terms, so a
Latin query ``shoigu`` marks the Gujarati word શોઇગુએ it matched. Sentences end
at the danda as well as at ``. ? !``.
"""
from __future__ import annotations

import html
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Callable

from .analysis import words_with_terms
from .languages import SENTENCE_ENDS

#: Longest text read to find passages; longest passage shown.
MAX_SCAN_CHARS = 20_000
CHUNK_CHARS = 3_000
MAX_FRAGMENT_CHARS = 240

#: A sentence runs to an end mark; a full stop followed by a letter (યુ.એસ.ના,
#: U.S.) is an abbreviation inside the sentence, not its end.
_SENTENCE = re.compile(rf"(?:[^{SENTENCE_ENDS}\n]|\.(?=\w))*(?:[{SENTENCE_ENDS}]+|\n|$)")


@dataclass(frozen=True)
class Snippet:
    """Pieces of text, each marked as matched or not: what the library returns for a
    snippet, a headline or a paragraph. ``html`` is the one place they become HTML,
    for the page and the JSON alike; the reading aid converts the pieces (``map``)."""

    pieces: tuple[tuple[str, bool], ...]

    def html(self) -> str:
        """Return the snippet as escaped HTML whose only tags are ``<mark>``.

        >>> Snippet((("<b>", False), ("પુતિન", True))).html()
        '&lt;b&gt;<mark>પુતિન</mark>'
        """
        return "".join(f"<mark>{html.escape(text)}</mark>" if hit else html.escape(text)
                       for text, hit in self.pieces)

    def map(self, convert: Callable[[str], str]) -> "Snippet":
        """Return the snippet with every piece converted (e.g. into Latin letters)."""
        return Snippet(tuple((convert(text), hit) for text, hit in self.pieces))


def sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each sentence, ending at । ॥ . ? ! or a line end.

    >>> [text[a:b] for text in ["पुतिन आए। कहा? ठीक"] for a, b in sentences(text)]
    ['पुतिन आए।', ' कहा?', ' ठीक']
    >>> [text[a:b] for text in ["યુ.એસ.ના નેતા. બીજું"] for a, b in sentences(text)]
    ['યુ.એસ.ના નેતા.', ' બીજું']
    """
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]


def _scan(text: str, terms: set[str]) -> tuple[str, list[tuple[int, int]]]:
    """Return the text read and the spans of matched words in it.

    Reading goes chunk by chunk and stops after the first chunk with a match:
    analysing a 50,000-character newspaper page for every hit was most of a
    query's time, and the lede is where a reader looks first anyway.
    """
    limit = min(len(text), MAX_SCAN_CHARS)
    hits: list[tuple[int, int]] = []
    end = 0
    while end < limit and not hits:
        start = end
        end = text.find(" ", min(start + CHUNK_CHARS, limit))
        end = limit if end < 0 or end > limit else end
        hits = [(start + a, start + b) for a, b, word_terms in words_with_terms(text[start:end])
                if word_terms & terms]
    return text[:end], hits


def make_snippet(text: str, terms: set[str], fragments: int = 2) -> Snippet:
    """Return the ``fragments`` sentences of ``text`` with the most distinct matched words."""
    text, hits = _scan(text, terms)
    bounds = sentences(text)
    if not bounds:
        return Snippet(())
    scored = []
    starts = [a for a, _ in hits]
    for index, (start, end) in enumerate(bounds):
        inside = hits[bisect_left(starts, start):bisect_left(starts, end)]
        distinct = len({text[a:b] for a, b in inside})
        scored.append((-distinct, -len(inside), index))
    best = sorted(sorted(scored)[:fragments], key=lambda item: item[2])
    if hits:
        best = [item for item in best if item[0] < 0] or best[:1]
    else:
        best = best[:1]
    pieces: list[tuple[str, bool]] = []
    for count, (_, _, index) in enumerate(best):
        if count:
            pieces.append((" … ", False))
        pieces.extend(_fragment(text, *bounds[index], hits))
    return Snippet(tuple(pieces))


def _fragment(text: str, start: int, end: int,
              hits: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Cut one sentence down to ``MAX_FRAGMENT_CHARS`` around its first hit, then mark hits."""
    inside = [(a, b) for a, b in hits if start <= a and b <= end]
    while text[start:start + 1].isspace():
        start += 1
    prefix = suffix = ""
    if end - start > MAX_FRAGMENT_CHARS:
        first = inside[0][0] if inside else start
        window_start = max(start, first - MAX_FRAGMENT_CHARS // 3)
        if window_start > start:
            window_start = text.find(" ", window_start, first) + 1 or window_start
            prefix = "…"
        window_end = window_start + MAX_FRAGMENT_CHARS
        if window_end < end:
            window_end = text.rfind(" ", window_start, window_end) if " " in text[window_start:window_end] else window_end
            suffix = "…"
        start, end = window_start, min(end, window_end)
        inside = [(a, b) for a, b in inside if start <= a and b <= end]
    pieces: list[tuple[str, bool]] = [(prefix, False)] if prefix else []
    cursor = start
    for a, b in inside:
        pieces.append((text[cursor:a], False))
        pieces.append((text[a:b], True))
        cursor = b
    pieces.append((text[cursor:end].rstrip("\n") + suffix, False))
    return [piece for piece in pieces if piece[0]]


def mark_all(text: str, terms: set[str]) -> Snippet:
    """Return ``text`` with every matched word marked (for article pages and headlines).

    >>> mark_all("<b> पुतिन", {"पुतिन"}).html()
    '&lt;b&gt; <mark>पुतिन</mark>'
    """
    pieces: list[tuple[str, bool]] = []
    cursor = 0
    if terms:
        for start, end, word_terms in words_with_terms(text):
            if word_terms & terms:
                pieces += [(text[cursor:start], False), (text[start:end], True)]
                cursor = end
    pieces.append((text[cursor:], False))
    return Snippet(tuple(p for p in pieces if p[0]))
