#!/usr/bin/env python3
"""Print query latency per class of ``scripts/bench.py`` on an index built already.

    .venv/bin/python scripts/latency.py INDEX [--passes 10] [--json OUT.json]

For paired comparisons of two versions of the code: check out each (``git
worktree add``), build the same corpus with each one's own ``build_index.py``,
and run each one's copy of this script from its checkout on its own index. It
measures only queries (p50/p95/p99 ms, one warm-up pass), not builds; the whole
benchmark is ``scripts/bench.py``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from benchlib.measure import latencies  # noqa: E402
from searcher.search import SearchEngine  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("--passes", type=int, default=10, help="repetitions of each query")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    engine = SearchEngine(args.index)
    figures = latencies(lambda query: engine.search(query).total, args.passes)
    shown = {name: {p: round(row[p], 2) for p in ("p50", "p95", "p99")}
             for name, row in figures.items()}
    for name, row in shown.items():
        print(f"{name:20s} p50 {row['p50']:7.2f}  p95 {row['p95']:7.2f}  p99 {row['p99']:7.2f} ms")
    if args.json:
        args.json.write_text(json.dumps(shown, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
