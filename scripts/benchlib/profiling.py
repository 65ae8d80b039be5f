"""Profiles of a sample build and of a batch of Latin-name queries (cProfile, top entries)."""
from __future__ import annotations

import cProfile
import pstats
import shutil
import tempfile
from pathlib import Path

from .corpus import write_shards
from .engines import Project
from .queries import QUERY_CLASSES, LATIN_NAME

TOP = 12


PROJECT_CODE = ("searcher/", "index/")


def top_entries(profile: cProfile.Profile, limit: int = TOP) -> dict[str, list[dict]]:
    """Return the functions with the most own time, and the project's with the most in all."""
    rows = _rows(profile)
    ours = [row for row in rows if row["function"].startswith(PROJECT_CODE)]
    return {"own": sorted(rows, key=lambda r: r["own_s"], reverse=True)[:limit],
            "project_cumulative": sorted(ours, key=lambda r: r["cumulative_s"],
                                         reverse=True)[:limit - 2]}


def _rows(profile: cProfile.Profile) -> list[dict]:
    stats = pstats.Stats(profile)
    rows = []
    for (path, line, function), (_, calls, own, total, _) in stats.stats.items():
        where = _short(path)
        rows.append({"function": f"{where}:{line}({function})" if line else function,
                     "calls": calls, "own_s": own, "cumulative_s": total})
    return rows


def _short(path: str) -> str:
    for marker in ("site-packages/", "/main/", "/lib/python"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def profile_build(records: list[dict], work: Path) -> dict:
    """Profile a build of ``records``; return its time and top entries."""
    directory = Path(tempfile.mkdtemp(prefix="profile-", dir=work))
    try:
        write_shards(records, directory / "corpus", shards=1)
        profile = cProfile.Profile()
        profile.enable()
        Project().build(directory / "corpus", directory / "index")
        profile.disable()
        total = pstats.Stats(profile).total_tt
        return {"what": f"build of {len(records)} items", "seconds": total,
                "top": top_entries(profile)}
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def profile_queries(index_dir: Path, passes: int) -> dict:
    """Profile ``passes`` rounds of the Latin-name queries on a warmed-up engine."""
    queries = next(q for name, _, q in QUERY_CLASSES if name == LATIN_NAME)
    search = Project().open(index_dir)
    for query in queries:
        search(query)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(passes):
        for query in queries:
            search(query)
    profile.disable()
    return {"what": f"{passes * len(queries)} Latin-name queries ({', '.join(queries)})",
            "seconds": pstats.Stats(profile).total_tt, "top": top_entries(profile)}
