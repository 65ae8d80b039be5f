"""Record what the engine answers to a fixed list of requests, and compare two recordings.

A recording holds, per case, what ``SearchEngine.search`` returned: the total,
the ranked ``[id, score]`` pairs of the page (scores as the API shows them,
rounded to 4 decimals by ``Hit``), facets, notices, "did you mean" and the
number of collapsed duplicates. ``took_ms`` and snippets are left out.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from searcher.search_request import QueryError
from searcher.search import SearchEngine
from searcher.served import location_of

FORMAT = 1
#: What is compared besides the ranking, in the order differences are reported.
FIELDS = ("error", "total", "facets", "notices", "did_you_mean", "collapsed")


class RecordingError(Exception):
    """A recording file that is missing, not JSON, or not written by ``record``."""


def case_key(case: dict) -> str:
    """Return the identity of a case: its arguments as canonical JSON."""
    return json.dumps(case, ensure_ascii=False, sort_keys=True)


def answer(engine: SearchEngine, case: dict) -> dict:
    """Return what ``engine`` answers to ``case``, without timings."""
    arguments = {name: value for name, value in case.items() if name not in ("class", "q")}
    try:
        results = engine.search(case["q"], **arguments)
    except QueryError as error:
        return {"case": case, "error": str(error)}
    return {"case": case, "total": results.total,
            "ranked": [[hit.id, hit.score] for hit in results.results],
            "facets": results.facets, "notices": results.notices,
            "did_you_mean": results.did_you_mean, "collapsed": results.collapsed}


def record(index: str | Path, cases: list[dict]) -> dict:
    """Run every case against ``index`` (a directory or ``opensearch:URL/NAME``); return the recording."""
    engine = SearchEngine(index)     # no deadline: the answers do not depend on load
    started = time.perf_counter()
    answers = [answer(engine, case) for case in cases]
    build = location_of(index).current()      # a build directory, or a cluster index's name
    return {"format": FORMAT, "index": str(index), "build": getattr(build, "name", build),
            "cases": len(answers), "seconds": round(time.perf_counter() - started, 1),
            "answers": answers}


def load(path: Path) -> dict:
    """Return the recording saved at ``path``."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RecordingError(f"cannot read recording {path}: {error}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or \
            not isinstance(data.get("answers"), list) or \
            not all(isinstance(item, dict) and isinstance(item.get("case"), dict)
                    for item in data["answers"]):
        raise RecordingError(f"{path} is not a recording written by `compare_rankings.py record`")
    return data


def _ranking_differences(old: list, new: list, tolerance: float) -> list[str]:
    """Say how two ranked ``[id, score]`` lists differ: members, order, then scores."""
    old_ids, new_ids = [hit[0] for hit in old], [hit[0] for hit in new]
    if set(old_ids) != set(new_ids):
        gone, came = sorted(set(old_ids) - set(new_ids)), sorted(set(new_ids) - set(old_ids))
        return [f"ids: {len(gone)} gone {gone[:3]}, {len(came)} new {came[:3]}"]
    if old_ids != new_ids:
        rank = next(i for i, (a, b) in enumerate(zip(old_ids, new_ids)) if a != b)
        ties = " (same scores: only ties are ordered differently)" \
            if sorted(map(tuple, old)) == sorted(map(tuple, new)) else ""
        return [f"order: rank {rank + 1} was {old_ids[rank]}, now {new_ids[rank]}{ties}"]
    scores = [f"score of {a[0]} at rank {rank}: {a[1]} -> {b[1]}"
              for rank, (a, b) in enumerate(zip(old, new), 1) if abs(a[1] - b[1]) > tolerance]
    return _shorten(scores)


def _shorten(lines: list[str], shown: int = 3) -> list[str]:
    return lines[:shown] + ([f"... and {len(lines) - shown} more"] if len(lines) > shown else [])


def _flat(value, prefix: str = "") -> dict:
    """Return a nested dict as ``{"lang.gu": 409, ...}``; anything else as ``{prefix: value}``."""
    if not isinstance(value, dict):
        return {prefix: value}
    flat = {}
    for key, inner in value.items():
        flat.update(_flat(inner, f"{prefix}.{key}" if prefix else str(key)))
    return flat


def _field_differences(name: str, old, new) -> list[str]:
    """Say how one field differs: each changed count of a facet, or the old and new value."""
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return [f"{name}: {old!r} -> {new!r}"]
    before, after = _flat(old, name), _flat(new, name)
    return _shorten([f"{key}: {before.get(key)!r} -> {after.get(key)!r}"
                     for key in sorted(before.keys() | after.keys())
                     if before.get(key) != after.get(key)])


def differences(old: dict, new: dict, tolerance: float = 0.0) -> list[str]:
    """Return how two answers to one case differ (empty: identical)."""
    found = [line for name in FIELDS if old.get(name) != new.get(name)
             for line in _field_differences(name, old.get(name), new.get(name))]
    return found + _ranking_differences(old.get("ranked", []), new.get("ranked", []), tolerance)


def compare(old: dict, new: dict, tolerance: float = 0.0) -> list[tuple[dict, list[str]]]:
    """Return ``(case, differences)`` for every case of either recording, in ``old``'s order.

    A case recorded in only one of them differs by being missing from the other.
    """
    theirs = {case_key(item["case"]): item for item in new["answers"]}
    mine = {case_key(item["case"]): item for item in old["answers"]}
    report = []
    for key, item in mine.items():
        other = theirs.get(key)
        report.append((item["case"], ["missing from the second recording"] if other is None
                       else differences(item, other, tolerance)))
    report += [(item["case"], ["missing from the first recording"])
               for key, item in theirs.items() if key not in mine]
    return report
