"""English words of a collection and the native words its writers put beside them.

Newsrooms write ``Budget 2024: … બજેટ …`` and ``BJP … ભાજપ …``: a Latin word
that keeps company with a native word which sounds like it is an *alias* of that
word. ``index.aliases`` mines them at build time; ``Aliases`` holds them, saved
beside the lexicon, so query expansion can trust them over look-alikes
(सहारा for ``share``) and say why each one is there.

>>> aliases = Aliases([Alias("budget", "gu", "બજેટ", 12, 41, 111, 4.0)])
>>> [(a.native, a.lang) for a in aliases.of("Budget")]
[('બજેટ', 'gu')]
>>> aliases.claimed("બજેટમાં")
('budget',)
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

from .analysis import forms
from .latin_typing import latin_letters

_FORMAT = "searcher.aliases/1"


@dataclass(frozen=True)
class Alias:
    """A Latin word and a native word found together in the collection's items."""

    latin: str
    lang: str
    native: str
    together: int       # items holding both
    latin_docs: int     # items holding the Latin word
    native_docs: int    # items holding the native word
    pmi: float          # log(together * items / (latin_docs * native_docs))
    edits: int = 0      # 0: same consonant key; 1: keys one class apart (israel, ઈઝરાયેલ)

    def explain(self) -> str:
        """Say why this alias was kept, in one line."""
        return (f"{self.latin} → {self.native} ({self.lang}): in {self.together} items together, "
                f"of the {self.latin_docs} with '{self.latin}' and the {self.native_docs} with "
                f"{self.native}; PMI {self.pmi:.1f}; "
                + ("same consonant key" if not self.edits else "consonant keys one class apart"))


def pivot_of(native: str) -> str:
    """Return the pivot stem of a native word: what its spellings and inflections share."""
    return dict(forms(native)).get("pivot", native)


class Aliases:
    """The aliases of one build, by Latin word and by native pivot."""

    def __init__(self, aliases: list[Alias] = ()):
        self._by_latin: dict[str, list[Alias]] = defaultdict(list)
        self._by_pivot: dict[str, list[str]] = defaultdict(list)
        for alias in aliases:
            self._by_latin[alias.latin].append(alias)
            claimed = self._by_pivot[pivot_of(alias.native)]
            if alias.latin not in claimed:
                claimed.append(alias.latin)

    def __len__(self) -> int:
        return sum(len(found) for found in self._by_latin.values())

    def of(self, latin: str) -> list[Alias]:
        """Return the native aliases of a typed Latin word, strongest first."""
        return list(self._by_latin.get(latin_letters(latin), ()))

    def claimed(self, native: str) -> tuple[str, ...]:
        """Return the Latin words a native word (or one of its inflections) is an alias of."""
        return tuple(self._by_pivot.get(pivot_of(native), ()))

    def explain(self, latin: str) -> list[str]:
        """Say which native words a Latin word stands for, and why (empty: none)."""
        return [alias.explain() for alias in self.of(latin)]

    def save(self, path) -> None:
        """Write the aliases to ``path`` as JSON (readable: one entry per alias)."""
        rows = [asdict(a) for found in self._by_latin.values() for a in found]
        Path(path).write_text(json.dumps({"format": _FORMAT, "aliases": rows},
                                         ensure_ascii=False, indent=0), "utf-8")

    @classmethod
    def load_if_present(cls, path) -> "Aliases":
        """Read the aliases at ``path``; none when it is missing or unreadable (older builds)."""
        try:
            return cls.load(path)
        except (OSError, ValueError, TypeError, KeyError):
            return cls()

    @classmethod
    def load(cls, path) -> "Aliases":
        """Read aliases written by ``save``; raise ``ValueError`` for anything else."""
        data = json.loads(Path(path).read_text("utf-8"))
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            raise ValueError(f"{Path(path)} is not a saved Aliases file ({_FORMAT})")
        return cls([Alias(**row) for row in data["aliases"]])
