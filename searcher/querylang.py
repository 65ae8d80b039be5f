"""Parse what a user types into a query: words, "phrases", -exclusions, OR, filters.

Parsing never fails: unbalanced quotes, stray parentheses and lone operators
fall back to plain words. The result is plain data, independent of any engine.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .tokenize import words

#: Filters a query may carry, ``name:value``; values are checked by the caller.
FILTERS = ("lang", "source")

#: Most words a query may hold; the rest are ignored (and the user is told).
MAX_WORDS = 32

_PIECES = re.compile(r'-?"[^"]*"|\S+')


@dataclass(frozen=True)
class Clause:
    """A word or a phrase, each word as the user typed it."""

    words: tuple[str, ...]
    phrase: bool = False


@dataclass
class Query:
    """A parsed query: every group must match (a group is clauses joined by OR)."""

    groups: list[list[Clause]] = field(default_factory=list)
    excluded: list[Clause] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def clauses(self) -> list[Clause]:
        """Return every positive clause, in order."""
        return [clause for group in self.groups for clause in group]

    def is_empty(self) -> bool:
        """Tell whether nothing is left to search for."""
        return not self.groups


def parse(text: str) -> Query:
    """Parse ``text`` into a ``Query``.

    >>> q = parse('putin OR पुतिन "kim jong un" -trump lang:gu')
    >>> [[c.words for c in g] for g in q.groups], q.excluded, q.filters
    ([[('putin',), ('पुतिन',)], [('kim', 'jong', 'un')]], [Clause(words=('trump',), phrase=False)], {'lang': 'gu'})
    """
    query = Query()
    if text.count('"') % 2:
        text = text.replace('"', " ")
        query.notes.append("unbalanced quote ignored")
    text = text.replace("(", " ").replace(")", " ")
    negate_next = join_next = False
    budget = MAX_WORDS
    truncated = False
    for piece in _PIECES.findall(text):
        if piece in ("NOT", "-"):
            negate_next = True
            continue
        if piece == "OR":
            join_next = bool(query.groups)
            continue
        name, colon, value = piece.partition(":")
        if colon and name.lower() in FILTERS and value:
            query.filters[name.lower()] = value
            continue
        negated = negate_next or piece.startswith("-")
        clause = _clause(piece.lstrip("-"))
        negate_next = False
        if clause is None:
            continue
        if budget < len(clause.words):
            truncated = True
            continue
        budget -= len(clause.words)
        if negated:
            query.excluded.append(clause)
        elif join_next:
            query.groups[-1].append(clause)
        else:
            query.groups.append([clause])
        join_next = False
    if truncated:
        query.notes.append(f"only the first {MAX_WORDS} words were used")
    return query


def _clause(piece: str) -> Clause | None:
    """Return the clause a piece of the query stands for, or ``None`` if it has no words."""
    quoted = piece.startswith('"') and piece.endswith('"') and len(piece) >= 2
    found = tuple(words(piece.strip('"')))
    if not found:
        return None
    return Clause(found, phrase=quoted and len(found) > 1) if quoted or len(found) == 1 \
        else Clause(found, phrase=True)
