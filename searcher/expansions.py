"""What each query word was expanded to, said in words a reader can check and undo.

The JSON API returns it per word and the page shows it as chips under the box
(``share → શેર · शेयर``); a word named in ``drop`` is left out of the query, so
a URL keeps the choice (``drop=सहारा``).

Alternatives are read generically: an alternative that came through a native
word (``via``) is shown as that word, any other as its term without the kind
prefix; a kind this table does not know is shown under its own name.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from . import languages
from .analysis import KINDS
from .expand import Alternative

#: What a reader is told each kind of alternative is (``Alternative.kind``).
CLASSES = {
    "word": "exact",
    "stem": "stem",
    "pivot": "other script",
    "romanized": "romanized",
    "sound-alike": "sound-alike",
    "alias": "alias",
    "sound": "sound-alike",
}
#: Most words shown per query word (best first); the API names them all.
MAX_SHOWN = 6
#: Classes a reader could not guess from the word typed: shown as removable chips.
UNDOABLE = ("romanized", "alias", "sound-alike")

Expander = Callable[[str], list[Alternative]]
_PREFIXES = sorted((kind.prefix for kind in KINDS if kind.prefix), key=len, reverse=True)


@dataclass(frozen=True)
class Expanded:
    """One word a query word was expanded to: the word, its class and its best weight."""

    word: str
    kind: str
    weight: float

    def to_dict(self) -> dict:
        """Return the word as the JSON API shows it."""
        return {"word": self.word, "kind": self.kind, "weight": round(self.weight, 3)}


def shown_word(alternative: Alternative) -> str:
    """Return the word an alternative stands for: its ``via`` word, else its term unprefixed.

    >>> shown_word(Alternative("x:पुतिन", "pivot", 1.5)), shown_word(Alternative("x:शेर", "romanized", 1.0, via="શેર"))
    ('पुतिन', 'શેર')
    """
    if alternative.via:
        return alternative.via
    term = alternative.term
    for prefix in _PREFIXES:
        if term.startswith(prefix):
            return term[len(prefix):]
    return term


def class_of(alternative: Alternative, typed: str) -> str:
    """Return the class a reader is shown for ``alternative`` of the query word ``typed``."""
    native_typed = bool(typed[:1]) and languages.language_of_char(typed[0]) is not None
    if alternative.kind == "typed":     # the whole word, found by its Latin or other script
        return "other script" if native_typed else "romanized"
    return CLASSES.get(alternative.kind, alternative.kind)


def describe_word(typed: str, alternatives: Iterable[Alternative]) -> list[Expanded]:
    """Return the distinct words ``typed`` was expanded to, best weight first.

    A word reached in several ways is named once, with its best class.

    >>> alts = [Alternative("x:शेर", "romanized", 1.2, via="શેર"), Alternative("s:शेर", "romanized", 1.2, via="શેર"),
    ...         Alternative("x:सहार", "romanized", 0.5, via="सहारा")]
    >>> [(e.word, e.kind) for e in describe_word("share", alts)]
    [('શેર', 'romanized'), ('सहारा', 'romanized')]
    """
    best: dict[str, Expanded] = {}
    for alternative in alternatives:
        word = shown_word(alternative)
        known = best.get(word)
        if word and (known is None or known.weight < alternative.weight):
            best[word] = Expanded(word, class_of(alternative, typed), alternative.weight)
    return sorted(best.values(), key=lambda e: -e.weight)


def query_words(parsed) -> list[str]:
    """Return the positive words of a parsed query, each once, in order."""
    return list(dict.fromkeys(word for clause in parsed.clauses for word in clause.words))


def describe(parsed, expand: Expander, dropped: Iterable[str] = ()) -> list[dict]:
    """Return, per positive query word, what it was expanded to (for the JSON API).

    ``expand`` is the full expander: a word left out by ``dropped`` is still
    named, marked ``"dropped": true``, so the page can offer to put it back.
    """
    dropped = frozenset(dropped)
    return [{"word": word,
             "expanded": [{**e.to_dict(), "dropped": e.word in dropped and e.kind != "exact"}
                          for e in describe_word(word, expand(word))]}
            for word in query_words(parsed)]


def without(expand: Expander, dropped: Iterable[str]) -> Expander:
    """Return an expander that leaves out the alternatives standing for the ``dropped`` words.

    The word as typed is never dropped, so a query word always matches itself.
    """
    dropped = frozenset(word.strip() for word in dropped if word and word.strip())
    if not dropped:
        return expand

    def expand_without(word: str) -> list[Alternative]:
        return [alt for alt in expand(word)
                if alt.kind == "word" and not alt.via or shown_word(alt) not in dropped]
    return expand_without


def parse_drop(values: Iterable[str]) -> list[str]:
    """Return the words a ``drop`` parameter names: repeated, or separated by commas.

    >>> parse_drop(["सहारा,શેર", " ", "सहारा"])
    ['सहारा', 'શેર']
    """
    words = (part.strip() for value in values for part in (value or "").split(","))
    return list(dict.fromkeys(word for word in words if word))
