#!/usr/bin/env python3
"""Fill the disk during a build: a clear error (exit 2), the previous index intact and answering.

    .venv/bin/python scripts/reliability/disk_full.py [--size-mb 6] [--items 600]

Mounts a small tmpfs (needs root; unmounted afterwards) holding an index of the
bundled articles, then: (1) builds a larger source into it, which runs out of
space; (2) builds while the disk is already 100% full; (3) frees the space and
builds again, which must succeed. Without permission to mount, falls back to a
build whose Whoosh writes fail with ENOSPC after a byte budget (``enospc_build.py``)
and says so.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

from common import (ARTICLES, ARTICLES_QUERY, ARTICLES_TOTAL, PYTHON, ROOT, Outcome,
                    base_parser, build_cli, command_line, corpus_sample, current_target,
                    engine_total_isolated, index_state, varied_copy)

CLEAR = ("disk full", "no space left")


def main() -> int:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=6, help="size of the tmpfs")
    parser.add_argument("--items", type=int, default=600, help="news items in the large source")
    parser.add_argument("--inject", action="store_true",
                        help="use the injected write error even if mounting works")
    args = parser.parse_args()
    outcome = Outcome("disk_full", command=command_line())
    work = args.workdir / "diskfull"
    large = varied_copy(corpus_sample(args.workdir / f"sample-{args.items}.jsonl", args.items),
                        work / "large.jsonl", f"diskfull{time.time_ns()}")
    mount_point = work / "mnt"
    mounted = False if args.inject else mount(mount_point, args.size_mb, outcome)
    try:
        if mounted:
            on_tmpfs(mount_point / "index", large, outcome)
        else:
            outcome.note("disk full simulated by an injected ENOSPC (enospc_build.py), "
                         "not a real full file system")
            injected(work / "index", large, outcome)
    finally:
        if mounted:
            unmount(mount_point, outcome)
    outcome.numbers["method"] = f"tmpfs of {args.size_mb} MB" if mounted else "injected ENOSPC"
    return outcome.finish(args.json)


def mount(mount_point: Path, size_mb: int, outcome: Outcome) -> bool:
    mount_point.mkdir(parents=True, exist_ok=True)
    if os.path.ismount(mount_point):
        unmount(mount_point, outcome)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}M", "tmpfs",
                           str(mount_point)], capture_output=True, text=True)
    if done.returncode != 0:
        outcome.note(f"cannot mount a tmpfs ({done.stderr.strip() or done.returncode})")
    return done.returncode == 0


def unmount(mount_point: Path, outcome: Outcome) -> None:
    for attempt in range(10):
        if subprocess.run(["umount", str(mount_point)], capture_output=True).returncode == 0:
            return
        time.sleep(0.5)
    subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)
    outcome.note(f"{mount_point} was busy; unmounted lazily")


def on_tmpfs(index_dir: Path, large: Path, outcome: Outcome) -> None:
    first = build_cli([ARTICLES], index_dir)
    if not outcome.check(first.returncode == 0, f"small build on tmpfs failed: {first.stderr}"):
        return
    before = current_target(index_dir)
    outcome.numbers["previous index, MB"] = round(used_mb(index_dir.parent), 2)

    done = build_cli([large], index_dir)
    expect_clear_failure(done, "large build", index_dir, before, outcome)
    outcome.numbers["large build: exit, stderr"] = f"{done.returncode}, {last_line(done)}"

    filler = index_dir.parent / "filler"
    fill(filler)
    done = build_cli([ARTICLES, large], index_dir)
    expect_clear_failure(done, "build on a 100% full disk", index_dir, before, outcome)
    outcome.numbers["full disk: exit, stderr"] = f"{done.returncode}, {last_line(done)}"
    filler.unlink()

    small = index_dir.parent.parent / "small.jsonl"
    small.write_bytes(b"".join(large.read_bytes().splitlines(keepends=True)[:20]))
    done = build_cli([ARTICLES, small], index_dir)
    outcome.check(done.returncode in (0, 1), f"build after freeing space failed: {done.stderr}")
    total = engine_total_isolated(index_dir, ARTICLES_QUERY)
    outcome.check(total == ARTICLES_TOTAL, f"after recovery: total {total!r}")
    outcome.numbers["recovery build: exit"] = done.returncode


def injected(index_dir: Path, large: Path, outcome: Outcome) -> None:
    shutil.rmtree(index_dir, ignore_errors=True)
    first = build_cli([ARTICLES], index_dir)
    if not outcome.check(first.returncode == 0, f"small build failed: {first.stderr}"):
        return
    before = current_target(index_dir)
    env = dict(os.environ, ENOSPC_AFTER_BYTES="2000000")
    done = subprocess.run([str(PYTHON), str(ROOT / "scripts" / "reliability" / "enospc_build.py"),
                           str(large), "--index", str(index_dir)],
                          capture_output=True, text=True, timeout=900, env=env)
    expect_clear_failure(done, "injected ENOSPC build", index_dir, before, outcome)
    outcome.numbers["injected build: exit, stderr"] = f"{done.returncode}, {last_line(done)}"


def expect_clear_failure(done, what: str, index_dir: Path, before: str | None,
                         outcome: Outcome) -> None:
    message = done.stderr.strip()
    print(f"{what}: exit {done.returncode}: {last_line(done)}", flush=True)
    outcome.check(done.returncode == 2, f"{what}: exit {done.returncode}, expected 2")
    outcome.check(any(word in message.lower() for word in CLEAR) and "Traceback" not in message,
                  f"{what}: unclear message {message[-600:]!r}")
    state = index_state(index_dir)
    outcome.check(state["current"] == before, f"{what}: current moved to {state['current']}")
    outcome.check(not state["unfinished"], f"{what}: left unfinished {state['unfinished']}")
    total = engine_total_isolated(index_dir, ARTICLES_QUERY)
    outcome.check(total == ARTICLES_TOTAL, f"{what}: previous index answers {total!r}")


def fill(filler: Path) -> None:
    """Write zeros to ``filler`` until the file system is full."""
    block = b"\0" * (1 << 16)
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(block)
        except OSError:
            pass
        try:
            while True:
                handle.write(b"\0")
        except OSError:
            pass


def used_mb(path: Path) -> float:
    stat = os.statvfs(path)
    return (stat.f_blocks - stat.f_bfree) * stat.f_frsize / 1e6


def last_line(done) -> str:
    lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


if __name__ == "__main__":
    raise SystemExit(main())
