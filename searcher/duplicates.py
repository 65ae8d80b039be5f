"""Groups of near-duplicates in a result list: the best member shown, the others under it.

``index.link`` finds the groups at build time (the same story in the same words,
e.g. one headline published in two feeds). A result list keeps each group's
best-scoring member and lists the others under it, before paging, so every page
holds ``per_page`` results while more exist and the total counts each group once.
"""
from __future__ import annotations

from typing import Callable, Mapping

from .search_request import QueryError

#: Values of the ``duplicates`` request parameter.
GROUP, SHOW = "group", "show"
MODES = (GROUP, SHOW)
#: Members listed under one hit; the count says how many there are in all.
MAX_LISTED = 20


def check_mode(value: str | None) -> str:
    """Return the duplicates mode asked for (``group`` by default); raise ``QueryError``."""
    if value is None or value == "":
        return GROUP
    if value not in MODES:
        raise QueryError(f"duplicates must be one of: {', '.join(MODES)}")
    return value


class DuplicateGroups:
    """The near-duplicate groups of one build, by document number.

    >>> groups = DuplicateGroups({"a": ["b"], "b": ["a"]}, {"a": 0, "b": 1}.get)
    >>> groups.collapse({0: 1.5, 1: 2.0, 2: 1.0})
    ({1: 2.0, 2: 1.0}, {1: [0]})
    """

    def __init__(self, duplicates: Mapping[str, list[str]],
                 docnum_of: Callable[[str], int | None]):
        self._group_of: dict[int, int] = {}
        seen: dict[str, int] = {}
        for doc_id, others in duplicates.items():
            docnum = docnum_of(doc_id)
            if docnum is None:
                continue
            group = next((seen[o] for o in others if o in seen), len(seen))
            seen[doc_id] = group
            self._group_of[docnum] = group

    def __len__(self) -> int:
        return len(self._group_of)

    def collapse(self, scores: dict[int, float]) -> tuple[dict[int, float], dict[int, list[int]]]:
        """Keep the best-scoring matching member of each group.

        Return the scores of what is kept, and for each kept document the other
        matching members of its group, best first.
        """
        grouped: dict[int, list[int]] = {}
        for docnum in self._group_of.keys() & scores.keys():
            grouped.setdefault(self._group_of[docnum], []).append(docnum)
        if not grouped:
            return scores, {}
        kept = dict(scores)
        hidden: dict[int, list[int]] = {}
        for members in grouped.values():
            if len(members) < 2:
                continue
            members.sort(key=lambda d: (-scores[d], d))
            hidden[members[0]] = members[1:]
            for docnum in members[1:]:
                del kept[docnum]
        return kept, hidden
