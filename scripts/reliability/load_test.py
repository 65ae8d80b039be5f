#!/usr/bin/env python3
"""Load-test the server on loopback over the 19,800-item news index: throughput, latency, memory.

    .venv/bin/python scripts/reliability/load_test.py [--seconds 60] [--clients 12]

Builds (or incrementally refreshes) an index of /work/shared/corpus/news.jsonl,
serves it with waitress (8 threads), warms it up, then runs client threads for
``--seconds`` with a mix of native Gujarati and Hindi words, Latin names, phrases,
operators, filters, no-hit queries, the HTML page and later pages. Fails on any
non-200 response or connection error, or a peak server RSS above ``--max-rss-mb``.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

from common import Outcome, base_parser, build_news_index, command_line, engine_total, serving
from loadgen import build_mix, has_suggest, run_load


def main() -> int:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=12)
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    parser.add_argument("--max-rss-mb", type=float, default=2048,
                        help="fail above this peak RSS (a sanity bound)")
    parser.add_argument("--max-growth", type=float, default=0.25,
                        help="fail if RSS grows more than this share during the measured run")
    parser.add_argument("--index", type=Path, help="index dir (default WORKDIR/news_index)")
    args = parser.parse_args()
    outcome = Outcome("load_test", command=command_line())
    index_dir = args.index or args.workdir / "news_index"
    started = time.monotonic()
    done = build_news_index(outcome, index_dir)
    if done is None:
        return outcome.finish(args.json)
    outcome.numbers["index build (incremental if unchanged), s"] = round(
        time.monotonic() - started, 1)
    outcome.numbers["documents"] = done.stdout.strip().splitlines()[-1][:80]
    outcome.check(engine_total(index_dir, "putin") > 0, "putin finds nothing in the news index")

    with serving(index_dir, threads=args.threads, log=args.workdir / "load_server.log") as server:
        suggest = has_suggest(server.port)
        if not suggest:
            outcome.note("/api/suggest answers 404: left out of the mix")
        mix = build_mix(suggest=suggest)
        run_load(server.port, mix, args.clients, 8, args.seed + 1)      # warm-up, not counted
        warm = server.memory()
        after_warmup = warm["rss_mb"]
        rss, stop = [], threading.Event()
        monitor = threading.Thread(target=watch_memory, args=(server, rss, stop), daemon=True)
        monitor.start()
        stats = run_load(server.port, mix, args.clients, args.seconds, args.seed)
        stop.set()
        monitor.join(timeout=10)
        memory = server.memory()
    summary = stats.summary()
    outcome.check(summary["failed requests"] == 0,
                  f"{summary['failed requests']} failed requests: {summary['errors by kind']}")
    outcome.check(memory["peak_rss_mb"] is not None and memory["peak_rss_mb"] <= args.max_rss_mb,
                  f"peak RSS {memory['peak_rss_mb']} MB over {args.max_rss_mb} MB")
    outcome.check(memory["rss_mb"] <= after_warmup * (1 + args.max_growth),
                  f"RSS grew from {after_warmup} to {memory['rss_mb']} MB during the run")
    outcome.numbers.update({
        "seconds": args.seconds, "clients": args.clients, "server threads": args.threads,
        **summary,
        "server RSS after warm-up, MB": after_warmup,
        "server RSS at end, MB": memory["rss_mb"],
        "server peak RSS (VmHWM), MB": memory["peak_rss_mb"],
        "server at end: anonymous / mapped files / PSS, MB":
            f"{memory['anon_mb']} / {memory['file_mb']} / {memory['pss_mb']}",
        "RSS samples every 5 s, MB": rss,
        "latency by request kind, ms": stats.by_kind()})
    return outcome.finish(args.json)


def watch_memory(server, samples: list, stop: threading.Event) -> None:
    while not stop.wait(5):
        samples.append(server.memory()["rss_mb"])


if __name__ == "__main__":
    raise SystemExit(main())
