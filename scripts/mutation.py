"""Mutation testing of the modules that matter most, with mutmut 3; results in docs/mutation.md.

    .venv/bin/pip install -e '.[mutation]'
    nice -n 10 .venv/bin/python scripts/mutation.py                 # every module below
    nice -n 10 .venv/bin/python scripts/mutation.py searcher/snippets.py index/build.py

Each module is mutated in its own copy of the working tree (under ``--work``), and
each mutant runs only the test files listed for its module (``MODULES``): mutmut
picks, among those, the tests that call the mutated function. A module's score is
``killed / (killed + survived)``; mutants that time out count as killed (the tests
noticed), mutants no listed test reaches ("no tests") count as survivors.

The report keeps the results of modules not run this time (read back from the
previous docs/mutation.md), so one module can be rerun alone. Survivors judged
equivalent (no behaviour can tell them apart) are listed in ``EQUIVALENT``
below with the reason, and shown as such in the report.

Not part of ``make test``: a full run takes tens of minutes on two cores.
"""
from __future__ import annotations

import argparse
import ast
import difflib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "mutation.md"

#: Module -> the test files whose tests may kill its mutants (tests mirror modules).
#: Each mutant runs the selected tests that reach the mutated function, so keep
#: these lists to the files that test the module: a file whose fixture builds an
#: index costs seconds per mutant.
MODULES: dict[str, list[str]] = {
    "searcher/search_request.py": ["tests/test_search_request.py", "tests/test_api_input.py"],
    "searcher/snippets.py": ["tests/test_snippets.py"],
    "searcher/whoosh/query.py": ["tests/test_whoosh_query.py"],
    "searcher/stem.py": ["tests/test_stem.py", "tests/test_analysis.py"],
    "searcher/analysis.py": ["tests/test_analysis.py", "tests/test_stem.py",
                             "tests/test_normalize.py"],
    "searcher/whoosh/scorer.py": ["tests/test_scorer.py", "tests/test_scorer_bm25.py",
                                  "tests/test_scorer_phrases.py"],
    "searcher/deadline.py": ["tests/test_deadline.py"],
    "searcher/plan.py": ["tests/test_plan.py"],
    "searcher/lexicon.py": ["tests/test_lexicon.py", "tests/test_lexicon_prior.py",
                            "tests/test_lexicon_lookup.py", "tests/test_lexicon_candidates.py",
                            "tests/test_lexicon_similar.py", "tests/test_lexicon_sounding.py"],
    "index/build.py": ["tests/test_build.py", "tests/test_build_outcomes.py"],
}


#: Surviving mutants judged equivalent, one table per module (so each module's
#: reasons are edited apart): ``scripts/mutation_equivalent/searcher.whoosh.scorer.tsv``
#: holds lines ``mutant name<TAB>why no behaviour can tell it from the original``.
EQUIVALENT_DIR = ROOT / "scripts" / "mutation_equivalent"


def read_equivalent(folder: Path = EQUIVALENT_DIR) -> dict[str, str]:
    """Return mutant name -> reason, from every table in ``folder`` (``#`` starts a comment)."""
    found: dict[str, str] = {}
    for table in sorted(folder.glob("*.tsv")):
        for number, line in enumerate(table.read_text("utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            name, tab, why = line.partition("\t")
            if not tab or not why.strip():
                raise SystemExit(f"{table}:{number}: want 'mutant<TAB>reason', got {line!r}")
            found[name.strip()] = why.strip()
    return found


EQUIVALENT: dict[str, str] = read_equivalent()

#: Statuses that mean the tests noticed the mutant.
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
#: Statuses that do not count either way (mutmut could not judge the mutant).
NOT_JUDGED = {"skipped", "not checked", "check was interrupted by user", "suspicious"}


@dataclass
class Outcome:
    """One module's mutants: how many were killed, and who survived."""

    module: str
    killed: int = 0
    survivors: dict[str, str] = field(default_factory=dict)    # name -> status
    other: int = 0
    seconds: float = 0.0
    diffs: dict[str, str] = field(default_factory=dict)
    day: str = field(default_factory=lambda: time.strftime("%Y-%m-%d"))

    @property
    def judged(self) -> int:
        return self.killed + len(self.survivors)

    def score(self) -> float:
        equivalent = sum(1 for name in self.survivors if name in EQUIVALENT)
        return (self.killed + equivalent) / self.judged if self.judged else 0.0


def copy_tree(work: Path) -> None:
    """Copy the tracked and new (not ignored) files of the working tree into ``work``."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    if work.exists():
        shutil.rmtree(work)
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = work / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def configure(work: Path, module: str, tests: list[str]) -> None:
    """Write the ``[mutmut]`` section for one module into the copy's setup.cfg."""
    existing = [t for t in tests if (work / t).exists()]
    # the tests need the whole tree (the bundled articles, scripts, README) beside the module
    also_copy = sorted(p.name for p in work.iterdir() if p.name not in ("mutants", ".git"))
    lines = ["", "[mutmut]", f"source_paths = {module.split('/')[0]}/",
             f"only_mutate = {module}",
             "also_copy =", *(f"    {name}" for name in also_copy),
             "pytest_add_cli_args_test_selection =", *(f"    {t}" for t in existing),
             "pytest_add_cli_args =", "    -p", "    no:cacheprovider",
             "    -o", "    addopts=", "    -q",
             "use_git_change_detection = false"]
    with open(work / "setup.cfg", "a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def run_module(module: str, work_root: Path, children: int, rerun: bool = True) -> Outcome:
    """Mutate ``module`` in a fresh copy and return what happened to its mutants.

    With ``rerun`` false, read the results of the last run in ``work_root`` instead.
    """
    work = work_root / module.replace("/", "_").removesuffix(".py")
    mutmut = Path(sys.executable).with_name("mutmut")
    started = time.monotonic()
    log = work_root / f"{work.name}.log"
    if rerun:
        copy_tree(work)
        configure(work, module, MODULES[module])
        _mutate(mutmut, work, log, children)
    outcome = Outcome(module, seconds=time.monotonic() - started)
    if not rerun and log.exists() and (work / "setup.cfg").exists():
        # the last run's own duration: from writing its configuration to its last log line
        outcome.seconds = log.stat().st_mtime - (work / "setup.cfg").stat().st_mtime
        outcome.day = time.strftime("%Y-%m-%d", time.localtime(log.stat().st_mtime))
    listing = subprocess.run([str(mutmut), "results", "--all", "true"], cwd=work,
                             capture_output=True, text=True).stdout
    for line in listing.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if not name:
            continue
        if status in KILLED:
            outcome.killed += 1
        elif status in NOT_JUDGED:
            outcome.other += 1
        else:
            outcome.survivors[name] = status
    outcome.diffs = mutant_diffs(work / "mutants" / module, list(outcome.survivors))
    print(f"{module}: {outcome.killed} killed, {len(outcome.survivors)} survived, "
          f"{outcome.other} not judged, {outcome.seconds:.0f} s (log: {log})", flush=True)
    return outcome


def _mutate(mutmut: Path, work: Path, log: Path, children: int) -> None:
    with open(log, "w") as out:
        run = subprocess.Popen([str(mutmut), "run", "--max-children", str(children)], cwd=work,
                               stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                               env={**os.environ, "CI": ""})
        run.wait()
    _end_group(run.pid)      # a mutant that looped past its timeout may still run


def mutant_diffs(mutated: Path, names: list[str]) -> dict[str, str]:
    """Return each mutant's changed lines against the original function (read from mutmut's copy).

    Faster than ``mutmut show`` (which loads everything, once per mutant).
    """
    tree = ast.parse(mutated.read_text("utf-8"))
    source = mutated.read_text("utf-8")
    functions = {node.name: ast.get_source_segment(source, node) or "" for node in ast.walk(tree)
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    diffs = {}
    for name in names:
        function = name.rsplit(".", 1)[-1]
        original = re.sub(r"__mutmut_\d+$", "__mutmut_orig", function)
        before = functions.get(original, "").replace(original, "f").splitlines()
        after = functions.get(function, "").replace(function, "f").splitlines()
        diffs[name] = "\n".join(line for line in difflib.unified_diff(before, after, lineterm="", n=0)
                                if line.startswith(("+", "-")) and not line.startswith(("+++", "---")))
    return diffs


def _end_group(group: int) -> None:
    """Kill what is left of the process group mutmut ran in (its own session)."""
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        pass


def previous_results() -> dict[str, str]:
    """Return the per-module sections of the last report (kept for modules not rerun)."""
    if not REPORT.exists():
        return {}
    sections = re.split(r"^(?=### )", REPORT.read_text("utf-8"), flags=re.M)
    found = {}
    for section in sections:
        match = re.match(r"### `([^`]+)`", section)
        if match:
            found[match.group(1)] = section.split("\n## ")[0].rstrip() + "\n"
    return found


def module_section(outcome: Outcome, command: str) -> str:
    lines = [f"### `{outcome.module}`", "",
             f"{outcome.killed} killed, {len(outcome.survivors)} survived "
             f"({sum(1 for n in outcome.survivors if n in EQUIVALENT)} of them equivalent), "
             f"score {outcome.score():.1%}; {outcome.seconds / 60:.1f} min on "
             f"{outcome.day}; tests: {', '.join(MODULES[outcome.module])}.", "",
             f"Command: `{command}`", ""]
    for name, status in outcome.survivors.items():
        why = EQUIVALENT.get(name)
        lines.append(f"- `{name}` ({status})" + (f": equivalent: {why}" if why else ""))
        diff = outcome.diffs.get(name, "")
        if diff:
            lines += ["", "  ```diff", *("  " + line for line in diff.splitlines()), "  ```"]
    return "\n".join(lines).rstrip() + "\n"


def write_report(sections: dict[str, str], totals: dict[str, tuple[int, int]]) -> None:
    head = ["# Mutation testing", "",
            "Made by `scripts/mutation.py` (mutmut 3): every module below is mutated in a copy",
            "of the tree, and each mutant runs the listed test files' tests that reach the",
            "mutated function. Score = (killed + equivalent) / (killed + survived); a",
            "timeout counts as killed. Survivors are listed with their diff; those judged",
            "equivalent say why (`scripts/mutation_equivalent/*.tsv`).", "",
            "Rerun one module: `nice -n 10 .venv/bin/python scripts/mutation.py MODULE`.", "",
            *summary(sections), "", "## Modules", ""]
    REPORT.write_text("\n".join(head) + "\n" + "\n".join(sections[m] for m in MODULES
                                                        if m in sections), "utf-8")


def summary(sections: dict[str, str]) -> list[str]:
    """Return the table of every module's counts, and their total."""
    rows, total = [], [0, 0, 0]
    for module in MODULES:
        found = re.search(r"(\d+) killed, (\d+) survived \((\d+) of them equivalent\)",
                          sections.get(module, ""))
        if not found:
            continue
        killed, survived, equivalent = map(int, found.groups())
        total = [total[0] + killed, total[1] + survived, total[2] + equivalent]
        rows.append(f"| `{module}` | {killed} | {survived} | {equivalent} | "
                    f"{(killed + equivalent) / (killed + survived):.1%} |")
    killed, survived, equivalent = total
    score = (killed + equivalent) / (killed + survived) if killed + survived else 0.0
    return ["| module | killed | survived | of them equivalent | score |",
            "| --- | --- | --- | --- | --- |", *rows,
            f"| all | {killed} | {survived} | {equivalent} | {score:.1%} |"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help=f"default: {' '.join(MODULES)}")
    parser.add_argument("--work", type=Path, default=Path("/tmp/mutation-work"),
                        help="where the mutated copies go (default /tmp/mutation-work)")
    parser.add_argument("--children", type=int, default=2,
                        help="mutants run at once (default 2: the machine has 2 cores)")
    parser.add_argument("--report-only", action="store_true",
                        help="write the report from the last run's results in --work")
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        parser.error(f"not a module this script knows: {', '.join(unknown)}")
    if shutil.which("mutmut", path=str(Path(sys.executable).parent)) is None:
        parser.error("mutmut is not installed: .venv/bin/pip install -e '.[mutation]'")
    sections = previous_results()
    for module in args.modules or list(MODULES):
        outcome = run_module(module, args.work, args.children, rerun=not args.report_only)
        if not outcome.judged:
            print(f"{module}: no mutant was judged (see the log); its report is kept as it was",
                  file=sys.stderr)
            continue
        command = f"nice -n 10 .venv/bin/python scripts/mutation.py {module}"
        sections[module] = module_section(outcome, command)
        write_report(sections, {})
    print(f"report: {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
