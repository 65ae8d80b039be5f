#!/usr/bin/env python3
"""Run schemathesis, every check, against the waitress server on the bundled articles.

    .venv/bin/python scripts/reliability/schema_check.py [--max-examples N] [--seed S] [--json FILE]

Builds ``data/articles`` into the scratch directory, serves it with waitress on
127.0.0.1, and runs ``schemathesis run URL/api/openapi.json --checks all``
(coverage and fuzzing phases, one worker, a fixed seed). Prints the number of
test cases and failures and exits 1 on any failure or error. schemathesis
comes with the test extra (``make test`` installs it). Takes about a minute.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from common import (ARTICLES, HOST, ROOT, Outcome, base_parser, build_cli, command_line,
                    serving)

SCHEMATHESIS = ROOT / ".venv" / "bin" / "schemathesis"

#: Test cases per operation and phase: enough to reach every parameter's edges
#: (the coverage phase adds its own boundary cases) in about a minute on 2 cores.
DEFAULT_MAX_EXAMPLES = 200


def run_schemathesis(port: int, report: Path, max_examples: int, seed: int) -> dict:
    """Run the schemathesis CLI against the server; return its JSON run report."""
    command = [str(SCHEMATHESIS), "run", f"http://{HOST}:{port}/api/openapi.json",
               "--checks", "all", "--workers", "1", "--seed", str(seed),
               "--max-examples", str(max_examples), "--report", "json",
               "--report-json-path", str(report)]
    done = subprocess.run(["nice", "-n", "10", *command], cwd=report.parent, text=True,
                          capture_output=True, timeout=1800)
    sys.stdout.write(done.stdout[-6000:])
    if not report.is_file():
        raise RuntimeError(f"schemathesis wrote no report (exit {done.returncode}): "
                           f"{done.stderr[-2000:]}")
    data = json.loads(report.read_text("utf-8"))
    data["exit_code"] = done.returncode
    return data


def main() -> int:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=DEFAULT_MAX_EXAMPLES)
    args = parser.parse_args()
    outcome = Outcome("schema_check", command=command_line())
    if not SCHEMATHESIS.exists():
        outcome.check(False, f"{SCHEMATHESIS} is missing: pip install -e '.[test]'")
        return outcome.finish(args.json)
    work = args.workdir / "schema_check"
    index_dir = work / "index"
    built = build_cli([ARTICLES], index_dir, "--full")
    if not outcome.check(built.returncode == 0, f"build failed: {built.stderr[-500:]}"):
        return outcome.finish(args.json)
    with serving(index_dir, log=work / "server.log") as server:
        data = run_schemathesis(server.port, work / "report.json", args.max_examples, args.seed)
    cases = data["test_cases"]
    outcome.numbers.update({
        "test cases": cases["generated"], "cases with failures": cases["with_failures"],
        "unique failures": cases["unique_failures"], "errors": len(data["errors"]),
        "operations tested": data["operations"]["tested"], "seed": args.seed,
        "max examples": args.max_examples,
    })
    print(f"{cases['generated']} test cases, {cases['unique_failures']} failures, "
          f"{len(data['errors'])} errors")
    outcome.check(cases["unique_failures"] == 0 and cases["with_failures"] == 0,
                  f"{cases['unique_failures']} failures (schemathesis report: {work / 'report.json'})")
    outcome.check(not data["errors"], f"{len(data['errors'])} errors: {data['errors'][:3]}")
    outcome.check(data["exit_code"] == 0, f"schemathesis exited with {data['exit_code']}")
    return outcome.finish(args.json)


if __name__ == "__main__":
    sys.exit(main())
