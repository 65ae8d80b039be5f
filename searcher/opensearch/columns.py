"""What a web server keeps of an OpenSearch build besides the lexicon: terms and columns.

The language side asks an opened build, many times per request, whether a term
is in the index and which terms begin with a prefix; and it counts facets and
orders ties from per-document columns. Asking the cluster each time would cost a
round trip per question, so the build writes both as files (``VOCABULARY``,
``COLUMNS``) beside the lexicon, and every web server reads them once.
"""
from __future__ import annotations

import json
from array import array
from bisect import bisect_left
from pathlib import Path
from typing import Callable, Iterable, Mapping

#: The build's terms of the text parts and their document frequencies (the most of any part).
VOCABULARY = "vocabulary.tsv"
#: Each document's id and keyword fields, by document number.
COLUMNS = "columns.json"
#: The keyword fields kept per document.
COLUMN_FIELDS = ("id", "lang", "source", "day")


def save_vocabulary(path: Path, per_part: Mapping[str, Mapping[str, int]]) -> None:
    """Write ``term<TAB>title documents<TAB>body documents`` lines, sorted by term."""
    title, body = per_part["title"], per_part["body"]
    with open(path, "w", encoding="utf-8") as out:
        for term in sorted(title.keys() | body.keys()):
            out.write(f"{term}\t{title.get(term, 0)}\t{body.get(term, 0)}\n")


def save_columns(path: Path, rows: Iterable[Mapping[str, str]],
                 part_docs: Mapping[str, int]) -> None:
    """Write the ``COLUMN_FIELDS`` of each document, in document-number order, and how
    many documents have words in each part (``part_docs``)."""
    columns: dict = {name: [] for name in COLUMN_FIELDS}
    for row in rows:
        for name in COLUMN_FIELDS:
            columns[name].append(row.get(name) or "")
    columns["part_docs"] = dict(part_docs)
    path.write_text(json.dumps(columns, ensure_ascii=False), "utf-8")


class Vocabulary:
    """The sorted terms of a build, with their document frequencies in each text part.

    >>> words = Vocabulary(["કિમ", "કિમે", "s:કિમ"], [(1, 3), (0, 1), (0, 1)])
    >>> words.frequency("કિમ"), words.in_part("કિમ", "title"), words.with_prefix("કિ", 5)
    (3, 1, {'કિમ': 3, 'કિમે': 1})
    """

    def __init__(self, terms: list[str], per_part: list[tuple[int, int]]):
        order = sorted(range(len(terms)), key=terms.__getitem__)
        self._terms = [terms[i] for i in order]
        self._title = array("l", (per_part[i][0] for i in order))
        self._body = array("l", (per_part[i][1] for i in order))

    @classmethod
    def load(cls, path: Path) -> "Vocabulary":
        terms, per_part = [], []
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                term, title, body = line.rstrip("\n").rsplit("\t", 2)
                terms.append(term)
                per_part.append((int(title), int(body)))
        return cls(terms, per_part)

    def _at(self, term: str) -> int | None:
        at = bisect_left(self._terms, term)
        return at if at < len(self._terms) and self._terms[at] == term else None

    def frequency(self, term: str) -> int:
        """Return the most documents holding ``term`` in one part (0: not in the index)."""
        at = self._at(term)
        return 0 if at is None else max(self._title[at], self._body[at])

    def in_part(self, term: str, part: str) -> int:
        """Return how many documents hold ``term`` in ``part`` (``title``, ``body``)."""
        at = self._at(term)
        return 0 if at is None else (self._title if part == "title" else self._body)[at]

    def with_prefix(self, prefix: str, limit: int) -> dict[str, int]:
        found: dict[str, int] = {}
        at = bisect_left(self._terms, prefix)
        while at < len(self._terms) and len(found) < limit and self._terms[at].startswith(prefix):
            found[self._terms[at]] = max(self._title[at], self._body[at])
            at += 1
        return found

    def matching(self, keep: Callable[[str], bool]) -> dict[str, int]:
        return {term: max(title, body) for term, title, body
                in zip(self._terms, self._title, self._body) if keep(term)}


class Columns:
    """Each document's id, language, source and day, by document number."""

    def __init__(self, columns: Mapping[str, list[str]]):
        self._columns = columns
        self.ids = columns["id"]
        #: Documents with words in each part (Lucene's ``docCount`` of its field).
        self.part_docs = columns.get("part_docs", {})
        self._docnum = {doc_id: n for n, doc_id in enumerate(self.ids)}

    @classmethod
    def load(cls, path: Path) -> "Columns":
        return cls(json.loads(path.read_text("utf-8")))

    def docnum(self, doc_id: str) -> int | None:
        return self._docnum.get(doc_id)

    def column(self, name: str) -> list[str]:
        return self._columns[name]

    def docs_by_value(self, name: str) -> dict[str, set[int]]:
        """Return the documents of each (non-empty) value of ``name``."""
        found: dict[str, set[int]] = {}
        for docnum, item in enumerate(self._columns[name]):
            if item:
                found.setdefault(item, set()).add(docnum)
        return found

    def __len__(self) -> int:
        return len(self.ids)
