"""What a query means, engine-free: a tree of small frozen nodes built by a pure function.

The query language (``searcher.querylang``) says what was typed; the expander
(``searcher.expand``) says which index terms each typed word may match. The plan
joins the two: for ``પુતિન -kim`` it holds the weighted alternatives of પુતિન
(the word, its stem, its Devanagari पुतिन, ...) with those of ``kim`` excluded.
An engine evaluates a plan (``searcher.whoosh.query`` writes it as Whoosh query
objects); nothing here knows an engine, a field or a reader.

>>> expand = lambda word: [Alternative(word, "word", 1.0)]
>>> build_plan(parse("કિમ પુતિન"), expand)          # doctest: +NORMALIZE_WHITESPACE
Ranked(match=AllOf(parts=(Word(alternatives=(Alternative(term='કિમ', kind='word', weight=1.0, via=''),)),
                          Word(alternatives=(Alternative(term='પુતિન', kind='word', weight=1.0, via=''),)))),
       nearby=Phrase(words=(Word(alternatives=(Alternative(term='કિમ', kind='word', weight=1.0, via=''),)),
                            Word(alternatives=(Alternative(term='પુતિન', kind='word', weight=1.0, via=''),)))))
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Union

from .expand import Alternative
from .querylang import Clause, Query, parse  # noqa: F401 - parse for the doctest

Expander = Callable[[str], list[Alternative]]


@dataclass(frozen=True)
class Word:
    """One query word: a match of any alternative counts, by its weight."""

    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class Phrase:
    """Words that must follow each other directly, in order (``"kim jong un"``)."""

    words: tuple[Word, ...]


@dataclass(frozen=True)
class AllOf:
    """Every part must match; the scores add up."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    """At least one part must match; the scores of those that do add up."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Ranked:
    """The matches of ``match``, scored higher where ``nearby`` matches too (proximity)."""

    match: Node
    nearby: Phrase


@dataclass(frozen=True)
class Excluding:
    """The matches of ``match`` that ``excluded`` does not match (``-trump``)."""

    match: Node
    excluded: AnyOf


@dataclass(frozen=True)
class Nothing:
    """Matches nothing: every word of the query is unknown to the expander."""


NOTHING = Nothing()
Node = Union[Word, Phrase, AllOf, AnyOf, Ranked, Excluding, Nothing]


def clause_plan(clause: Clause, expand: Expander) -> Word | Phrase | AllOf | None:
    """Return the plan of a word or a phrase, or ``None`` when no word of it expands.

    A phrase keeps its words that expand: ``"zzz કિમ"`` is the word કિમ.
    """
    words = [Word(tuple(alts)) for alts in (expand(word) for word in clause.words) if alts]
    if not words:
        return None
    if len(words) == 1:
        return words[0]
    return Phrase(tuple(words)) if clause.phrase else AllOf(tuple(words))


def build_plan(parsed: Query, expand: Expander, require_all: bool = True) -> Node:
    """Return what ``parsed`` means: its groups all matching (any, unless ``require_all``),
    ranked by proximity, without the excluded clauses.

    A group (clauses joined by OR) is any of its clauses; a group of one is that clause.
    """
    groups = []
    for group in parsed.groups:
        parts = [p for p in (clause_plan(clause, expand) for clause in group) if p is not None]
        if parts:
            groups.append(AnyOf(tuple(parts)) if len(parts) > 1 else parts[0])
    if not groups:
        return NOTHING
    positive = (AllOf if require_all else AnyOf)(tuple(groups)) if len(groups) > 1 else groups[0]
    nearby = proximity_plan(parsed, expand)
    if nearby is not None:
        positive = Ranked(positive, nearby)
    excluded = [p for p in (clause_plan(c, expand) for c in parsed.excluded) if p is not None]
    return Excluding(positive, AnyOf(tuple(excluded))) if excluded else positive


def proximity_plan(parsed: Query, expand: Expander) -> Phrase | None:
    """Return a phrase of the query's single words, to rank articles with them together first.

    ``kim jong un`` typed without quotes still ranks કિમ જોંગ ઉને above the three
    words scattered through an article. Only when every group is one single word,
    and at least two of them expand (``કિમ zzz`` is the word કિમ, not counted twice).
    """
    single = [group[0].words[0] for group in parsed.groups
              if len(group) == 1 and len(group[0].words) == 1]
    if len(single) < 2 or len(single) != len(parsed.groups):
        return None
    nearby = clause_plan(Clause(tuple(single), phrase=True), expand)
    return nearby if isinstance(nearby, Phrase) else None
