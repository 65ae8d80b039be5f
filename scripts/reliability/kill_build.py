#!/usr/bin/env python3
"""SIGKILL builds at random (seeded) moments; the previous index must keep answering.

    .venv/bin/python scripts/reliability/kill_build.py [--trials 20] [--items 600]
        [--worker-trials 20] [--worker-items 2200]

Builds a sample of the news corpus, then in each trial starts a full build of it
with the CLI (one marker line changed, so the incremental builder re-reads it),
kills it after a random delay, and checks: ``current`` still points at a
complete build, a fresh SearchEngine and a running server give the known total
for a known query, the lock is free, and the next build succeeds and removes the
directory the killed build left behind. Then a few trials send SIGINT (Ctrl-C).
Then ``--worker-trials`` builds of a larger sample with two worker processes are
SIGKILLed (the build process alone, not its group) at random moments of reading,
indexing and merging: none of its children may be alive 2 s later.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

from common import (Outcome, api_total, base_parser, build_cli, build_command, command_line,
                    corpus_sample, current_target, default_sigint, engine_total, index_state,
                    kill_group, serving, varied_copy)

QUERY = "putin"


def main() -> int:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--items", type=int, default=600, help="news items in the sample built")
    parser.add_argument("--interrupt-trials", type=int, default=5,
                        help="further trials sending SIGINT (Ctrl-C) instead of SIGKILL")
    parser.add_argument("--worker-trials", type=int, default=20,
                        help="trials killing a build with worker processes")
    parser.add_argument("--worker-items", type=int, default=2200,
                        help="news items of the worker trials' sample (over 2 MB: workers run)")
    args = parser.parse_args()
    outcome = Outcome("kill_build", command=command_line())
    work = args.workdir / "kill"
    sample = corpus_sample(args.workdir / f"sample-{args.items}.jsonl", args.items)
    source = Source(sample, work / "source.jsonl")
    index_dir = work / "index"
    subprocess.run(["rm", "-rf", str(index_dir)], check=True)

    for _ in range(2):      # the second, warm build gives the duration to aim kills at
        started = time.monotonic()
        first = build_cli([source.next()], index_dir)
        duration = time.monotonic() - started
        if not outcome.check(first.returncode in (0, 1), f"first build failed: {first.stderr}"):
            return outcome.finish(args.json)
    expected = engine_total(index_dir, QUERY)
    outcome.check(expected > 0, f"{QUERY!r} finds nothing in the sample")
    print(f"warm build {duration:.1f} s; {QUERY!r} finds {expected}", flush=True)

    rng = random.Random(args.seed)
    with serving(index_dir, log=work / "server.log") as server:
        outcome.check(api_total(server.port, QUERY) == expected, "server disagrees with engine")
        stats = run_trials(args.trials, rng, duration, source, index_dir, expected,
                           server, outcome)
        interrupted = run_trials(args.interrupt_trials, rng, duration, source, index_dir,
                                 expected, server, outcome, signal.SIGINT)
    if args.worker_trials:
        outcome.numbers.update(worker_trials(args, rng, outcome))
    outcome.numbers.update({
        "trials": args.trials, "sample items": args.items, "seed": args.seed,
        "full CLI build, s": round(duration, 2), f"'{QUERY}' total": expected, **stats,
        **{f"SIGINT: {key}": value for key, value in interrupted.items()}})
    return outcome.finish(args.json)


#: How long the children of a killed build may outlive it (the issue's target).
WORKER_GRACE_S = 2.0


def children_of(pid: int) -> list[int]:
    """Return the pids of the processes ``pid`` forked (Linux ``/proc``)."""
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            found += [int(p) for p in open(f"/proc/{pid}/task/{task}/children").read().split()]
    except OSError:
        pass
    return found


def alive(pid: int) -> bool:
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def worker_trials(args, rng, outcome: Outcome) -> dict:
    """Kill builds that run worker processes; count children still alive after the grace."""
    work = args.workdir / "kill-workers"
    sample = corpus_sample(args.workdir / f"sample-{args.worker_items}.jsonl", args.worker_items)
    source = Source(sample, work / "source.jsonl")
    index_dir = work / "index"
    subprocess.run(["rm", "-rf", str(index_dir)], check=True)
    started = time.monotonic()
    first = build_cli([source.next()], index_dir, "--procs", "2", "--full")
    duration = time.monotonic() - started
    outcome.check(first.returncode in (0, 1), f"worker build failed: {first.stderr[-300:]}")
    survivors, with_children, exit_times = 0, 0, []
    for trial in range(1, args.worker_trials + 1):
        delay = rng.uniform(0.3, duration)
        process = subprocess.Popen(build_command([source.next()], index_dir, "--procs", "2",
                                                 "--full", nice=False),
                                   start_new_session=True, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        children: set[int] = set()
        until = time.monotonic() + delay
        while time.monotonic() < until and process.poll() is None:
            children.update(children_of(process.pid))
            time.sleep(0.05)
        children.update(children_of(process.pid))
        process.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        process.wait(timeout=60)
        while any(alive(c) for c in children) and time.monotonic() < killed_at + WORKER_GRACE_S:
            time.sleep(0.02)
        left = [c for c in children if alive(c)]
        exit_times.append(round(time.monotonic() - killed_at, 2))
        survivors += len(left)
        with_children += bool(children)
        print(f"worker trial {trial}: killed at {delay:.1f} s with children {sorted(children)}, "
              f"alive {WORKER_GRACE_S} s later: {left}", flush=True)
        outcome.check(not left, f"worker trial {trial} (at {delay:.1f} s): {left} outlived "
                                f"the build by {WORKER_GRACE_S} s")
        for pid in left:            # clean up what this script started
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    return {"worker trials": args.worker_trials, "worker sample items": args.worker_items,
            "worker build (2 processes), s": round(duration, 1),
            "worker trials killed while children ran": with_children,
            "children alive 2 s after the kill": survivors,
            "seconds until every child was gone (or 2 s)": exit_times}


class Source:
    """The sample with a marker line that changes before every build, so none is incremental."""

    def __init__(self, sample: Path, path: Path):
        self.sample, self.path, self.count = sample, path, 0

    def next(self) -> Path:
        self.count += 1
        return varied_copy(self.sample, self.path, f"build{self.count}")


def run_trials(trials, rng, duration, source, index_dir, expected, server, outcome,
               sig: int = signal.SIGKILL) -> dict:
    killed = completed = late = stale_after_kill = stale_after_next = tracebacks = 0
    for trial in range(1, trials + 1):
        before = current_target(index_dir)
        delay = rng.uniform(0.0, duration)
        process = subprocess.Popen(build_command([source.next()], index_dir),
                                   start_new_session=True, preexec_fn=default_sigint,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        kill_group(process, sig)
        _, stderr = process.communicate(timeout=60)
        was_killed = process.returncode not in (0, 1)
        tracebacks += "Traceback" in stderr.decode(errors="replace")
        killed += was_killed
        completed += not was_killed
        state = index_state(index_dir)
        stale = state["unfinished"] + state["stray_links"]
        stale_after_kill += bool(stale)
        where = (f"{signal.Signals(sig).name} trial {trial} "
                 f"(at {delay:.2f} s, exit {process.returncode})")
        print(f"{where}: current={state['current']} stale={stale}", flush=True)
        if was_killed and state["current"] != before:
            late += 1           # killed after the switch: the new build must be complete
            outcome.check(complete(index_dir, state["current"]),
                          f"{where}: current points at an incomplete build after a kill")
        elif not was_killed:
            outcome.check(process.returncode in (0, 1), f"{where}: build failed: {stderr[-300:]!r}")
        check_answers(index_dir, expected, server, where, outcome)
        stale_after_next += next_build(source, index_dir, expected, server, where, outcome)
    counts = {"builds killed": killed, "builds that finished before the kill": completed,
              "builds killed after switching (new build complete and served)": late,
              "kills that left a stale build dir or link": stale_after_kill,
              "stale dirs left after the next build": stale_after_next}
    if sig != signal.SIGKILL:
        counts["interrupted builds that printed a traceback"] = tracebacks
    return counts


def complete(index_dir: Path, target: str | None) -> bool:
    return bool(target) and (index_dir / target / "manifest.json").is_file()


def check_answers(index_dir: Path, expected: int, server, where: str, outcome: Outcome) -> None:
    try:
        total = engine_total(index_dir, QUERY)
    except Exception as error:  # noqa: BLE001 - any failure to search is the finding
        total = f"{type(error).__name__}: {error}"
    outcome.check(total == expected, f"{where}: engine total {total!r} != {expected}")
    served = api_total(server.port, QUERY)
    outcome.check(served == expected, f"{where}: server total {served!r} != {expected}")


def next_build(source, index_dir, expected, server, where, outcome) -> int:
    """Run a build to completion after a kill; return 1 if it left stale directories."""
    done = build_cli([source.next()], index_dir)
    outcome.check(done.returncode in (0, 1),
                  f"{where}: next build exited {done.returncode}: {done.stderr[-300:]!r}")
    state = index_state(index_dir)
    stale = state["unfinished"] + state["stray_links"]
    outcome.check(not stale, f"{where}: next build left {stale}")
    outcome.check(len(state["builds"]) <= 2, f"{where}: {len(state['builds'])} builds kept")
    check_answers(index_dir, expected, server, where + " after the next build", outcome)
    return int(bool(stale))


if __name__ == "__main__":
    raise SystemExit(main())
