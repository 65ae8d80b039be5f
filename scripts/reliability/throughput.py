#!/usr/bin/env python3
"""Measure throughput with 1, 2 and 4 server processes (gunicorn) and with waitress.

    .venv/bin/python scripts/reliability/throughput.py [--seconds 20] [--processes 1 2 4]

Builds (or refreshes) the 19,800-item news index, then for each process count
serves it with gunicorn (``--threads`` threads a process) and runs the load mix of
``loadgen.py`` (``--clients`` clients) for ``--seconds`` after a warm-up; the same
once with waitress and 8 threads in one process, as the reference. Fails on any
failed request.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from attack import group_memory
from common import Outcome, base_parser, build_news_index, command_line, serving
from loadgen import build_mix, run_load


def main() -> int:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn process")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--index", type=Path, help="index dir (default WORKDIR/news_index)")
    args = parser.parse_args()
    outcome = Outcome("throughput", command=command_line())
    index_dir = args.index or args.workdir / "news_index"
    if build_news_index(outcome, index_dir) is None:
        return outcome.finish(args.json)
    args.workdir.mkdir(parents=True, exist_ok=True)
    mix = build_mix()
    rows = {}
    setups = [(f"gunicorn, {p} process{'es' if p > 1 else ''} x {args.threads} threads",
               p, args.threads) for p in args.processes]
    setups.append(("waitress, 1 process x 8 threads", 0, 8))
    for name, processes, threads in setups:
        with serving(index_dir, threads=threads, processes=processes,
                     log=args.workdir / "throughput_server.log") as server:
            run_load(server.port, mix, args.clients, 5, args.seed + 1)      # warm-up
            load_before = os.getloadavg()[0]
            stats = run_load(server.port, mix, args.clients, args.seconds, args.seed)
            memory = group_memory(server.process.pid)
        summary = stats.summary()
        outcome.check(summary["failed requests"] == 0,
                      f"{name}: {summary['failed requests']} failed: {summary['errors by kind']}")
        rows[name] = {"req/s": summary["throughput, req/s"],
                      "p50 ms": summary["p50 latency, ms"], "p99 ms": summary["p99 latency, ms"],
                      "failed": summary["failed requests"], "RSS MB (all)": memory["rss_mb"],
                      "PSS MB (all)": memory["pss_mb"], "load avg at start": round(load_before, 1)}
        print(f"{name}: {json.dumps(rows[name])}", flush=True)
    outcome.numbers.update({"seconds": args.seconds, "clients": args.clients,
                            "cores": len(os.sched_getaffinity(0)),
                            "throughput by server": rows})
    return outcome.finish(args.json)


if __name__ == "__main__":
    raise SystemExit(main())
