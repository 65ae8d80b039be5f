#!/usr/bin/env python3
"""Start two CLI builds of one index at once: one runs, the other exits 3 (or waits with --wait).

    .venv/bin/python scripts/reliability/concurrent_builds.py [--trials 5] [--items 600]

After every trial the index must answer the known query with the known total and
hold no unfinished build. Also checks ``build()`` raises ``BuildLocked`` in-process
while a CLI build runs, and that ``--wait`` runs the second build after the first.
"""
from __future__ import annotations

import subprocess
import time
from pathlib import Path

from common import (Outcome, base_parser, build_cli, build_command, command_line,
                    corpus_sample, engine_total, index_state, varied_copy)

QUERY = "putin"


def main() -> int:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--items", type=int, default=600)
    args = parser.parse_args()
    outcome = Outcome("concurrent_builds", command=command_line())
    sample = corpus_sample(args.workdir / f"sample-{args.items}.jsonl", args.items)
    index_dir = args.workdir / "concurrent" / "index"
    subprocess.run(["rm", "-rf", str(index_dir)], check=True)
    sample = Variants(sample, args.workdir / "concurrent")
    first = build_cli([sample.next()], index_dir)
    if not outcome.check(first.returncode in (0, 1), f"first build failed: {first.stderr}"):
        return outcome.finish(args.json)
    expected = engine_total(index_dir, QUERY)

    refused = [simultaneous(sample, index_dir, expected, trial, outcome)
               for trial in range(1, args.trials + 1)]
    in_process_refused(sample, index_dir, outcome)
    waited = waiting_build(sample, index_dir, expected, outcome)
    outcome.numbers.update({
        "simultaneous pairs": args.trials, "pairs where one exited 3": sum(refused),
        "in-process build() refused while the CLI builds": "yes" if not any(
            "in-process" in f for f in outcome.failures) else "no",
        "--wait: second build ran after the first, s": waited,
        f"'{QUERY}' total": expected})
    return outcome.finish(args.json)


class Variants:
    """Copies of the sample differing in one line, so every build reads it in full."""

    def __init__(self, sample: Path, directory: Path):
        self.sample, self.directory, self.count = sample, directory, 0

    def next(self) -> Path:
        self.count += 1
        target = self.directory / f"source-{self.count}.jsonl"
        return varied_copy(self.sample, target, f"build{self.count}")


def simultaneous(sample: Variants, index_dir: Path, expected: int, trial: int,
                 outcome: Outcome) -> bool:
    """Start two builds together; return whether exactly one was refused with status 3."""
    source = sample.next()
    pair = [subprocess.Popen(build_command([source], index_dir), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=600), p.communicate()[1]) for p in pair]
    codes = sorted(code for code, _ in results)
    where = f"pair {trial}: exit statuses {codes}"
    print(where, flush=True)
    refused = [err for code, err in results if code == 3]
    ok = outcome.check(codes in ([0, 3], [1, 3]), f"{where}, expected one 0/1 and one 3")
    if refused:
        message = refused[0].strip()
        print(f"   refused with: {message}", flush=True)
        outcome.check("another build" in message and "--wait" in message,
                      f"{where}: unclear message {message!r}")
    check_index(index_dir, expected, where, outcome)
    return ok


def in_process_refused(sample: Variants, index_dir: Path, outcome: Outcome) -> None:
    from index.build import BuildLocked, build
    process = subprocess.Popen(build_command([sample.next()], index_dir),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not wait_for_unfinished(index_dir, process):
            outcome.note("the CLI build ended before the in-process check could run")
            return
        try:
            build([sample.next()], index_dir)
            outcome.check(False, "in-process build() ran while a CLI build held the lock")
        except BuildLocked as error:
            print(f"in-process build() refused: {error}", flush=True)
    finally:
        process.wait(timeout=600)


def waiting_build(sample: Variants, index_dir: Path, expected: int, outcome: Outcome) -> float:
    """Start a build, then one with --wait; return how long the second ran after the first."""
    first = subprocess.Popen(build_command([sample.next()], index_dir), stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    wait_for_unfinished(index_dir, first)
    second = subprocess.Popen(build_command([sample.next()], index_dir, "--wait"),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first.wait(timeout=600)
    first_done = time.monotonic()
    second.wait(timeout=600)
    gap = round(time.monotonic() - first_done, 2)
    where = f"--wait: exit statuses {first.returncode}, {second.returncode}"
    print(f"{where}; the second finished {gap} s after the first", flush=True)
    outcome.check({first.returncode, second.returncode} <= {0, 1}, f"{where}, expected 0/1")
    check_index(index_dir, expected, where, outcome)
    return gap


def wait_for_unfinished(index_dir: Path, process: subprocess.Popen, timeout: float = 60) -> bool:
    """Wait until ``process`` has an unfinished build in ``index_dir`` (it holds the lock)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if index_state(index_dir)["unfinished"]:
            return True
        time.sleep(0.05)
    return False


def check_index(index_dir: Path, expected: int, where: str, outcome: Outcome) -> None:
    try:
        total = engine_total(index_dir, QUERY)
    except Exception as error:  # noqa: BLE001 - any failure to search is the finding
        total = f"{type(error).__name__}: {error}"
    outcome.check(total == expected, f"{where}: total {total!r} != {expected}")
    state = index_state(index_dir)
    outcome.check(not state["unfinished"] and not state["stray_links"],
                  f"{where}: left {state['unfinished'] + state['stray_links']}")


if __name__ == "__main__":
    raise SystemExit(main())
