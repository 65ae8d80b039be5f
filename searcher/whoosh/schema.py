"""The Whoosh adapter for ``searcher.analysis``: an analyzer and the index schema.

The analyzer holds no ICU object (break iterators live per thread in
``searcher.tokenize``), so it pickles into the index with the schema.
"""
from __future__ import annotations

from typing import Any, Iterator

from whoosh import fields, formats
from whoosh.analysis import Analyzer, Token

from ..analysis import iter_terms, positions_of_words, term_positions
from ..ranking import value


class IndicAnalyzer(Analyzer):
    """Emit the terms of ``searcher.analysis`` as Whoosh tokens.

    >>> [(t.text, t.pos) for t in IndicAnalyzer()("કિમે", positions=True)]
    [('કિમે', 0), ('s:કિમ', 0), ('x:किम', 0)]
    """

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 start_pos: int = 0, start_char: int = 0, mode: str = "",
                 **kwargs: Any) -> Iterator[Token]:
        token = Token(positions, chars, mode=mode, **kwargs)
        for text, _kind, pos, start, end in iter_terms(value, start_pos):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


class IndicText(fields.TEXT):
    """A ``TEXT`` field that turns text into postings without Whoosh's token objects.

    Same postings as ``TEXT`` with ``IndicAnalyzer`` (word, stem, pivot and
    sound terms at the word's position), built straight from the analysed words
    a build hands over (``analysis.analysed_words``; ``BuildWriter.add``), or
    from text (``analysis.term_positions``): the indexing hot path.

    >>> [(t.decode(), n) for t, n, _, _ in IndicText(analyzer=IndicAnalyzer()).index("કિમ કિમે")]
    [('કિમ', 1), ('x:किम', 2), ('કિમે', 1), ('s:કિમ', 1)]
    """

    def index(self, value: Any, **kwargs: Any) -> list[tuple[bytes, int, float, bytes]]:
        if type(self.format) is not formats.Positions:
            return list(super().index(value, **kwargs))
        if isinstance(value, str):
            positions = term_positions(value)
        elif isinstance(value, list):              # analysed words
            positions = positions_of_words(value)
        else:
            return list(super().index(value, **kwargs))
        boost, encode = self.format.field_boost, self.format.encode
        return [(text.encode("utf-8"), len(at), len(at) * boost, encode(at))
                for text, at in positions.items()]


def make_schema() -> fields.Schema:
    """Return the schema of an article index (one document per article)."""
    analyzer = IndicAnalyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=IndicText(analyzer=analyzer, phrase=True, stored=True,
                        field_boost=value("title_boost")),
        body=IndicText(analyzer=analyzer, phrase=True),
        text=fields.STORED(),
        lang=fields.ID(stored=True, sortable=True),
        source=fields.ID(stored=True, sortable=True),
        url=fields.STORED(),
        published=fields.STORED(),
        day=fields.ID(stored=True, sortable=True),
        english_title=fields.STORED(),
        origin=fields.ID(stored=True),
    )
