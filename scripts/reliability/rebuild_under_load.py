#!/usr/bin/env python3
"""Rebuild the index while a loopback server is under load: no failed request, new index served.

    .venv/bin/python scripts/reliability/rebuild_under_load.py [--clients 12] [--rounds 3]

Serves a sample of the news corpus with waitress (8 threads) while client threads
send a mix of searches. Each round rebuilds the index (the whole sample re-read)
adding one article with a made-up word; once the build exits, the very next
request must find that word, and the previous round's word must be gone, without
restarting the server. Every request of the run must get HTTP 200.
"""
from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from pathlib import Path

from common import (Outcome, api_total, base_parser, build_cli, command_line, corpus_sample,
                    index_state, search_path, serving, varied_copy)
from loadgen import Request, build_mix, has_suggest, run_load

#: Made-up words, one per round; none occurs in the corpus.
WORDS = ["झल्मरिकोट", "ठप्पलधूमर", "घुर्रमपाकस", "ઝળમરિકોટ", "ઠપ્પલધૂમર"]
MAX_SECONDS = 900


def main() -> int:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3, choices=range(1, len(WORDS) + 1))
    parser.add_argument("--items", type=int, default=600)
    args = parser.parse_args()
    outcome = Outcome("rebuild_under_load", command=command_line())
    work = args.workdir / "underload"
    sample = corpus_sample(args.workdir / f"sample-{args.items}.jsonl", args.items)
    index_dir = work / "index"
    subprocess.run(["rm", "-rf", str(index_dir)], check=True)
    first = build_cli([varied_copy(sample, work / "source.jsonl", "round0")], index_dir)
    if not outcome.check(first.returncode in (0, 1), f"first build failed: {first.stderr}"):
        return outcome.finish(args.json)

    with serving(index_dir, log=work / "server.log") as server:
        for word in WORDS[:args.rounds]:
            outcome.check(api_total(server.port, word) == 0, f"{word} found before any rebuild")
        suggest = has_suggest(server.port)
        if not suggest:
            outcome.note("/api/suggest answers 404: left out of the mix")
        seen: dict[str, float] = {}
        mix = build_mix(suggest=suggest)
        mix += [(2, Request("new word", search_path(word), word)) for word in WORDS[:args.rounds]]

        def on_response(request: Request, status: int, body: bytes) -> None:
            if request.kind == "new word" and request.query not in seen \
                    and json.loads(body)["total"] > 0:
                seen[request.query] = time.monotonic()

        stop = threading.Event()
        result = {}
        loader = threading.Thread(target=lambda: result.update(stats=run_load(
            server.port, mix, args.clients, MAX_SECONDS, args.seed, stop, on_response)))
        loader.start()
        try:
            rounds = run_rounds(args.rounds, sample, work, index_dir, server, seen, outcome)
            time.sleep(5)
        finally:
            stop.set()
            loader.join(timeout=120)
        memory = server.memory()
        files = open_files(server.process.pid)
    stats = result["stats"]
    summary = stats.summary()
    outcome.check(summary["failed requests"] == 0,
                  f"{summary['failed requests']} failed requests: {summary['errors by kind']}")
    outcome.numbers.update({"clients": args.clients, "server threads": 8, "rounds": args.rounds,
                            **summary, **rounds, **memory, **files})
    return outcome.finish(args.json)


def run_rounds(rounds: int, sample: Path, work: Path, index_dir: Path, server, seen: dict,
               outcome: Outcome) -> dict:
    durations, lags = [], []
    for number, word in enumerate(WORDS[:rounds], 1):
        time.sleep(3)
        extra = work / "extra.jsonl"
        record = {"id": f"new-{number}", "lang": "hi", "title": f"नई खबर {word}",
                  "text": f"यह लेख {word} के बारे में है।"}
        extra.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
        source = varied_copy(sample, work / "source.jsonl", f"round{number}")
        started = time.monotonic()
        done = build_cli([source, extra], index_dir)
        ended = time.monotonic()
        durations.append(round(ended - started, 1))
        where = f"round {number} ({word})"
        outcome.check(done.returncode in (0, 1), f"{where}: build exited {done.returncode}: "
                                                 f"{done.stderr[-300:]}")
        total = api_total(server.port, word)
        print(f"{where}: build {ended - started:.1f} s, exit {done.returncode}; "
              f"first request after it finds {total}", flush=True)
        outcome.check(total == 1, f"{where}: the request after the build found {total!r}")
        if number > 1:
            old = WORDS[number - 2]
            outcome.check(api_total(server.port, old) == 0, f"{where}: {old} still served")
        if word in seen:
            outcome.check(seen[word] >= started, f"{where}: word seen before its build started")
            lags.append(round(seen[word] - ended, 2))
        state = index_state(index_dir)
        outcome.check(len(state["builds"]) <= 2 and not state["unfinished"],
                      f"{where}: builds left {state['builds']}")
    return {"rebuild durations, s": durations,
            "first load request seeing the new word, s after build exit (negative: "
            "during the build's last step)": lags}


def open_files(pid: int) -> dict:
    """Return how many files the server has open, and how many of them are deleted."""
    fd_dir = Path(f"/proc/{pid}/fd")
    try:
        targets = [os.readlink(fd_dir / name) for name in os.listdir(fd_dir)]
    except OSError:
        return {}
    return {"server open fds at end": len(targets),
            "of them deleted files (old builds still open)":
                sum(t.endswith("(deleted)") for t in targets)}


if __name__ == "__main__":
    raise SystemExit(main())
