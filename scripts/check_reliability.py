#!/usr/bin/env python3
"""Run every reliability check and rewrite docs/reliability.md with the results.

    .venv/bin/python scripts/check_reliability.py [--only NAME ...] [--quick]

Runs, one after another under ``nice -n 10``: the bad-sources tests, killed
builds (and their workers), concurrent builds, a full disk, a rebuild under load,
a 60-second load test, the attack of the costliest requests, throughput at 1,
2 and 4 server processes and schemathesis against the OpenAPI description
(scripts in ``scripts/reliability/``). Each prints its own summary; this
script prints a table, rewrites the generated part of ``docs/reliability.md``
(the hand-kept "Findings" section is preserved) and exits 1 if any check failed.
Needs root for the tmpfs of the disk-full check (else it injects ENOSPC), and
``/work/shared/corpus/news.jsonl`` for the load test. Takes about 30 minutes.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
HERE = ROOT / "scripts" / "reliability"
DOC = ROOT / "docs" / "reliability.md"
KEPT_HEADING = "## Findings"

#: (name, script or None for pytest, extra arguments, extra arguments with --quick)
CHECKS = [
    ("bad_sources", None, [], []),
    ("kill_build", "kill_build.py", ["--trials", "20", "--worker-trials", "20"],
     ["--trials", "3", "--worker-trials", "3"]),
    ("concurrent_builds", "concurrent_builds.py", ["--trials", "5"], ["--trials", "2"]),
    ("disk_full", "disk_full.py", [], []),
    ("rebuild_under_load", "rebuild_under_load.py", ["--rounds", "3"], ["--rounds", "1"]),
    ("load_test", "load_test.py", ["--seconds", "60"], ["--seconds", "10"]),
    ("attack", "attack.py", ["--seconds", "30"], ["--seconds", "10", "--repeat", "5"]),
    ("throughput", "throughput.py", ["--seconds", "20"], ["--seconds", "8"]),
    ("schema_check", "schema_check.py", [], ["--max-examples", "50"]),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=[c[0] for c in CHECKS],
                        help="rerun only these; the others keep their last results")
    parser.add_argument("--quick", action="store_true", help="fewer trials, shorter load")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/reliability"))
    parser.add_argument("--no-doc", action="store_true", help="do not rewrite the document")
    args = parser.parse_args()
    results_dir = args.workdir / "results"
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    machine = machine_facts()
    previous = load_previous(results_dir / "runner.json") if args.only else {}
    results = []
    for name, script, full, quick in CHECKS:
        if args.only and name not in args.only:
            if name in previous:
                results.append(previous[name])
            continue
        extra = quick if args.quick else full
        result = run_check(name, script, extra, args.workdir, results_dir / f"{name}.json")
        result["run"] = f"{started}{' (--quick)' if args.quick else ''}"
        results.append(result)
    machine["load average after"] = load_average()
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / "runner.json").write_text(json.dumps(
        {r["name"]: r for r in results}, ensure_ascii=False, indent=1), "utf-8")
    print("\n| check | result | seconds |\n|---|---|---|")
    for result in results:
        print(f"| {result['name']} | {status(result)} | {result['seconds']} |")
    if not args.no_doc:
        write_doc(results, machine, started, args)
        print(f"\nwrote {DOC.relative_to(ROOT)}")
    return 0 if all(r["ok"] for r in results) else 1


def load_previous(path: Path) -> dict:
    """Return the results of the last run by check name (kept when ``--only`` reruns some)."""
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def run_check(name: str, script: str | None, extra: list[str], workdir: Path,
              json_path: Path) -> dict:
    """Run one check, echoing its output; return its results."""
    if script is None:
        command = ["nice", "-n", "10", str(PYTHON), "-m", "pytest", "-q", "-rsx",
                   "tests/test_bad_sources.py"]
    else:
        json_path.unlink(missing_ok=True)
        command = ["nice", "-n", "10", str(PYTHON), str(HERE / script),
                   "--workdir", str(workdir), "--json", str(json_path), *extra]
    shown = " ".join(c if c != str(PYTHON) else ".venv/bin/python" for c in command[3:])
    shown = shown.replace(str(ROOT) + "/", "")
    print(f"\n### {name}: {shown}", flush=True)
    began, load_before = time.monotonic(), load_average()
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=3600)
    print(done.stdout, flush=True)
    result = {"name": name, "command": shown, "ok": done.returncode == 0,
              "seconds": round(time.monotonic() - began), "numbers": {}, "notes": [],
              "failures": []}
    if script is None:
        result["numbers"] = pytest_summary(done.stdout)
    elif json_path.is_file():
        data = json.loads(json_path.read_text("utf-8"))
        result.update({k: data[k] for k in ("numbers", "notes", "failures")})
    result["numbers"]["load average (1, 5, 15 min) before / after"] = \
        f"{load_before} / {load_average()}"
    if not result["ok"] and not result["failures"]:
        result["failures"] = [f"exit {done.returncode}: " + done.stdout.strip()[-500:]]
    return result


def pytest_summary(output: str) -> dict:
    lines = [line for line in output.splitlines() if line.strip()]
    summary = {"summary": lines[-1].strip("= ") if lines else ""}
    for line in lines:
        if line.startswith(("SKIPPED", "XFAIL", "FAILED", "XPASS")):
            summary.setdefault("details", []).append(re.sub(r"\s+", " ", line)[:300])
    return summary


def status(result: dict) -> str:
    return "PASS" if result["ok"] else f"FAIL ({len(result['failures'])})"


def machine_facts() -> dict:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        kb = next(int(line.split()[1]) for line in open("/proc/meminfo")
                  if line.startswith("MemTotal"))
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    whoosh = subprocess.run([str(PYTHON), "-c", "from importlib.metadata import version; "
                             "print(version('whoosh3'))"], capture_output=True, text=True).stdout.strip()
    return {"system": f"{platform.system()} {platform.release()} {platform.machine()}",
            "CPU": f"{cpu} ({os.cpu_count()} cores)", "memory": memory,
            "Python": platform.python_version(), "whoosh": whoosh,
            "user": "root" if os.geteuid() == 0 else str(os.geteuid()),
            "commit": commit or "unknown", "load average before": load_average()}


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def write_doc(results: list[dict], machine: dict, started: str, args) -> None:
    kept = ""
    if DOC.is_file():
        text = DOC.read_text("utf-8")
        if KEPT_HEADING in text:
            kept = text[text.index(KEPT_HEADING):]
    lines = [
        "# Reliability checks",
        "",
        "Generated by `scripts/check_reliability.py` (everything above \"Findings\"; that",
        "section is kept by hand and preserved). The last run was:",
        "",
        "```sh",
        " ".join([".venv/bin/python scripts/check_reliability.py", *sys.argv[1:]]),
        "```",
        "",
        "(a full run is `.venv/bin/python scripts/check_reliability.py`; `--only NAME ...`",
        "reruns some checks and keeps the last results of the others).",
        "",
        f"Last run: {started}" + (" (`--quick`: fewer trials, shorter load)" if args.quick else "")
        + (f"; only {', '.join(args.only)} rerun, the other results are from their own "
           "runs (column \"run\")" if args.only else ""),
        "",
        "| machine | |",
        "| --- | --- |",
        *[f"| {key} | {value} |" for key, value in machine.items()],
        "",
        "| check | result | seconds | run | command |",
        "| --- | --- | --- | --- | --- |",
        *[f"| {r['name']} | {status(r)} | {r['seconds']} | {r.get('run', '')} | `{r['command']}` |"
          for r in results],
        "",
    ]
    for result in results:
        lines += render_result(result)
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text("\n".join(lines) + "\n" + (kept or f"{KEPT_HEADING}\n\n(none recorded)\n"),
                   "utf-8")


def render_result(result: dict) -> list[str]:
    lines = [f"## {result['name']}: {status(result)}", "", f"`{result['command']}`", ""]
    table = None
    for key, value in result["numbers"].items():
        if isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
            table = (key, value)
            continue
        if isinstance(value, list) and key == "details":
            lines += [f"- {item}" for item in value]
            continue
        if isinstance(value, (dict, list)):
            value = json.dumps(value, ensure_ascii=False)
        lines.append(f"- {key}: {value}")
    if table:
        key, rows = table
        columns = list(next(iter(rows.values())))
        lines += ["", f"{key}:", "", "| kind | " + " | ".join(columns) + " |",
                  "| --- |" + " --- |" * len(columns),
                  *[f"| {kind} | " + " | ".join(str(row[c]) for c in columns) + " |"
                    for kind, row in rows.items()]]
    lines += [f"- note: {note}" for note in result["notes"]]
    lines += [f"- **failure**: {failure}" for failure in result["failures"]]
    return lines + [""]


if __name__ == "__main__":
    sys.exit(main())
