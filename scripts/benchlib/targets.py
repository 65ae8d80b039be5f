"""The performance targets, checked against measured figures: PASS or MISS, and by how much."""
from __future__ import annotations

from .queries import LATIN_NAME

#: Goals. "small" is the real corpus (19,800 items), "large" the scaled one (200,000).
BUILD_DOCS_PER_S = 1000
REBUILD_UNCHANGED_SHARE = 0.10
LATIN_P95_MS = {"small": 15.0, "large": 60.0}
ANY_P99_MS_LARGE = 250.0
SIZE_VS_WHOOSH = 3.0
RSS_MB_LARGE = 400.0


def verdict(value: float | None, goal: float, higher_is_better: bool) -> tuple[str, str]:
    """Return PASS/MISS and how far the value is from the goal, as a factor."""
    if value is None:
        return "NOT MEASURED", ""
    good = value >= goal if higher_is_better else value <= goal
    if value == 0:
        return ("PASS" if good else "MISS"), ""
    factor = value / goal if higher_is_better else goal / value
    if good:
        return "PASS", f"{factor:.2f}x better than the goal"
    return "MISS", f"needs {1 / factor:.1f}x ({abs(1 - factor) * 100:.0f}% off)"


def _target(name: str, goal: str, value: float | None, shown: str, limit: float,
            higher_is_better: bool) -> dict:
    status, margin = verdict(value, limit, higher_is_better)
    return {"target": name, "goal": goal, "measured": shown if value is not None else "-",
            "status": status, "margin": margin, "value": value}


def _engine(sizes: dict, size: int | None, name: str) -> dict | None:
    data = sizes.get(str(size), {}) if size else {}
    engine = data.get("engines", {}).get(name)
    return engine if engine and "skipped" not in engine else None


def check(sizes: dict, small: int | None, large: int | None) -> list[dict]:
    """Return every target with its verdict; ``small`` and ``large`` are corpus sizes.

    The build, rebuild and first latency targets are for the small size (19,800
    items), the rest for the large one (200,000); a size not measured has no rows.
    """
    s, l_ = _engine(sizes, small, "project"), _engine(sizes, large, "project")
    ws, wl = _engine(sizes, small, "whoosh"), _engine(sizes, large, "whoosh")
    rows = []
    if small:
        rate = s and s["docs_per_s"]
        rows.append(_target(f"full build, {small:,} items", f">= {BUILD_DOCS_PER_S:,} docs/s",
                            rate, f"{rate or 0:,.0f} docs/s", BUILD_DOCS_PER_S, True))
        unchanged = s.get("rebuild_unchanged_s") if s else None   # none on a cluster
        share = unchanged / s["build_s"] if unchanged is not None else None
        rows.append(_target(f"rebuild, nothing changed, {small:,} items",
                            f"<= {REBUILD_UNCHANGED_SHARE:.0%} of a full build", share,
                            f"{share:.0%} ({unchanged:.1f} s)" if share is not None else "",
                            REBUILD_UNCHANGED_SHARE, False))
    for role, size, data in (("small", small, s), ("large", large, l_)):
        if size:
            p95 = data and data["latency"][LATIN_NAME]["p95"]
            rows.append(_target(f"Latin-name query p95, {size:,} items",
                                f"<= {LATIN_P95_MS[role]:.0f} ms", p95, f"{p95 or 0:.1f} ms",
                                LATIN_P95_MS[role], False))
    if large:
        worst = l_ and max(l_["latency"].items(), key=lambda item: item[1]["p99"])
        rows.append(_target(f"worst class p99, {large:,} items",
                            f"<= {ANY_P99_MS_LARGE:.0f} ms", worst and worst[1]["p99"],
                            worst and f"{worst[1]['p99']:.1f} ms ({worst[0]})",
                            ANY_P99_MS_LARGE, False))
    for size, data, plain in ((small, s, ws), (large, l_, wl)):
        ratio = data and plain and data["size_mb"] / plain["size_mb"]
        if size:
            rows.append(_target(f"index size vs plain Whoosh, {size:,} items",
                                f"<= {SIZE_VS_WHOOSH:.0f}x", ratio or None,
                                f"{ratio or 0:.2f}x", SIZE_VS_WHOOSH, False))
    if large:
        rss = l_ and l_.get("rss_mb")
        rows.append(_target(f"serving peak RSS, {large:,} items", f"<= {RSS_MB_LARGE:.0f} MB",
                            rss, f"{rss or 0:.0f} MB", RSS_MB_LARGE, False))
    return rows
