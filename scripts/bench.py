#!/usr/bin/env python3
"""Measure build speed, index size, cold start, query latency and serving memory.

    .venv/bin/python scripts/bench.py [--sizes 19800,200000] [--runs 3] [--quick]
    .venv/bin/python scripts/bench.py --backend opensearch --url http://127.0.0.1:9200

This project is measured side by side with plain Whoosh (a ``regex`` ``\\w+``
analyzer) and Tantivy (a ``\\w+`` tokenizer) on the same documents, and checked
against the performance targets. With ``--backend opensearch`` this project builds on
the cluster at --url (index ``bench-SIZE``) and every query goes through
``SearchEngine`` on that location. Writes docs/benchmarks.md and docs/benchmarks.json.
Corpora and indexes go to --work (default instance/bench), never into git.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from benchlib import corpus, machine, profiling, report, targets  # noqa: E402
from benchlib.engines import ENGINES, tantivy_missing  # noqa: E402
from benchlib.measure import (cold_start, latencies, node_memory, serving_rss, timed,  # noqa: E402
                              timed_build)
from benchlib.queries import LATIN_NAME  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"
DEFAULT_URL = "http://127.0.0.1:9200"
#: This project's engine on each backend.
BACKENDS = {"whoosh": "project", "opensearch": "project-opensearch"}
MB = 1024 * 1024
#: A corpus this big or bigger is held to the large-corpus targets.
LARGE_SIZE = 100_000
QUICK = {"base": 400, "sizes": [400, 1000], "runs": 1, "passes": 2, "profile_items": 100}
METHOD = [
    "Corpora: the real items, and for larger sizes the real items followed by generated ones "
    "(fixed seed): each copies a random real item's language, source and shape (headline only, "
    "or paragraphs of so many sentences) and draws its title and every sentence from real items "
    "of the same language and source. Each corpus is written as 20 JSON Lines files in one "
    "directory, and every engine indexes that directory. This project builds with its default "
    "worker processes (one per core, here PROCS; `--procs` changes it); the baselines are "
    "single-threaded (plain Whoosh `procs=1`, Tantivy `num_threads=1`).",
    "Rebuilds: the same directory again with nothing changed (an incremental build: file "
    "fingerprints compared, nothing re-read), and with one of the 20 files changed (that "
    "file re-indexed, the story links and the lexicon recomputed for the whole collection).",
    "Query latency: wall time of one search in process (`SearchEngine.search`, first page of "
    "10 with snippets; for the baselines, parse, search, count and read the 10 stored titles), "
    "after one warm-up pass over all queries; every query of a class is repeated --passes times "
    "and p50/p95/p99 are taken over all of the class's samples.",
    "Cold start: a fresh Python process imports the engine, opens the index and answers one "
    "query (`putin`); median of 3, OS file cache warm.",
    "Serving RSS: `python -m waitress --threads=8 --call benchlib.serve:create_app` (the web "
    "app of `web.create_app`) answers the whole query set --passes times over loopback HTTP "
    "from 8 client threads; then VmHWM is read from /proc/PID/status. The engine keeps one "
    "Whoosh searcher for all threads; index segments are separate files read from disk "
    "(the OS file cache is not counted in RSS).",
    "The baselines index the same `Document`s (read by `index.sources`) into the same fields; "
    "they find only exact \\w+ tokens, so Latin queries mostly hit nothing there: the "
    "ratios compare cost, the hits table shows what the extra cost buys.",
    "Ratios are this project's figure divided by the baseline's (for docs/s, below 1 is "
    "slower; for times and sizes, above 1 is slower or bigger).",
]
#: Added to METHOD with --backend opensearch.
OPENSEARCH_METHOD = [
    "OpenSearch backend: this project builds with `index.opensearch_build.build_on_cluster` "
    "(a new index `bench-SIZE-b...` per build, then the alias `bench-SIZE` switched) on the "
    "node at URL, and searches through `SearchEngine('opensearch:URL/bench-SIZE')`. A cluster "
    "build reads every source, so the rebuild rows are not measured. The index size is the "
    "store size of the build's index and of its companion-files index (`_stats/store`). "
    "Serving RSS is the web process's only; the node's resident memory (VmRSS of its JVM, "
    "read after the serving run) and its heap are given apart.",
]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark the search engine against "
                                                 "plain Whoosh and Tantivy.")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="the real items, JSON Lines (default: ../shared/corpus/news.jsonl)")
    parser.add_argument("--sizes", default="19800,200000",
                        help="corpus sizes, comma-separated (default: 19800,200000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size; medians (default 3)")
    parser.add_argument("--passes", type=int, default=10,
                        help="repetitions of each query per run (default 10)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 400 sampled items, scaled to 1,000; one run")
    parser.add_argument("--skip-tantivy", action="store_true", help="leave Tantivy out")
    parser.add_argument("--skip-baselines", action="store_true",
                        help="leave plain Whoosh and Tantivy out (measure this project only)")
    parser.add_argument("--backend", choices=sorted(BACKENDS), default="whoosh",
                        help="where this project's index lives: a directory (whoosh, the "
                             "default) or an OpenSearch cluster at --url (opensearch)")
    parser.add_argument("--url", default=os.environ.get("OPENSEARCH_URL", DEFAULT_URL),
                        help=f"the cluster, with --backend opensearch (default: $OPENSEARCH_URL "
                             f"or {DEFAULT_URL}); its indices bench-SIZE are replaced")
    parser.add_argument("--procs", type=int, default=None,
                        help="this project's indexing processes (default: one per core, at most 4)")
    parser.add_argument("--max-build-minutes", type=float, default=40,
                        help="skip a size whose builds (3 per run, estimated from the smaller "
                             "size) would take longer in all (default 40; 0: no limit)")
    parser.add_argument("--no-profile", action="store_true", help="leave the profiles out")
    parser.add_argument("--render-only", type=Path, metavar="JSON",
                        help="measure nothing: rewrite --out from a results JSON file")
    parser.add_argument("--work", type=Path, default=ROOT / "instance" / "bench",
                        help="directory for corpora and indexes (default: instance/bench)")
    parser.add_argument("--out", type=Path, help="Markdown output; JSON goes beside it "
                        "(default: docs/benchmarks.md, or WORK/benchmarks-quick.md with --quick)")
    args = parser.parse_args(argv)
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.base = None
    if args.quick:
        args.base, args.sizes, args.runs = QUICK["base"], QUICK["sizes"], QUICK["runs"]
        args.passes = min(args.passes, QUICK["passes"])
    args.out = args.out or (args.work / "benchmarks-quick.md" if args.quick
                            else ROOT / "docs" / "benchmarks.md")
    return args


def project_index(args, size: int) -> Path | str:
    """Return where this project's index of ``size`` items goes: a directory or a location."""
    if args.backend == "opensearch":
        from searcher.opensearch.location import location_spec
        return location_spec(args.url, f"bench-{size}")
    return args.work / f"index-{size}" / "project"


def measure_project(backend: str, source: Path, index: Path | str, passes: int) -> dict:
    """Build, rebuild unchanged, rebuild with one file changed; then size, start, queries.

    On a cluster every build is a full one: the rebuilds are left out.
    """
    engine = ENGINES[BACKENDS[backend]]()
    if engine.incremental:
        shutil.rmtree(index, ignore_errors=True)
    figures = timed_build(engine.build, source, index)
    log(f"  project: full build {figures['build_s']:.1f} s ({figures['docs_per_s']:.0f} docs/s)")
    if engine.incremental:
        figures.update(measure_rebuilds(engine, source, index))
    figures.update(measure_queries(engine, index, passes))
    figures.update(serving_rss(index, passes))
    if not engine.incremental:
        figures.update(node_memory(index))
    return figures


def measure_rebuilds(engine, source: Path, index_dir: Path) -> dict:
    """Rebuild with nothing changed, then with one file changed; return both times."""
    unchanged_s, _ = timed(engine.build, source, index_dir)
    changed, original = corpus.change_one_file(source)
    try:
        one_file_s, _ = timed(engine.build, source, index_dir)
    finally:
        changed.write_text(original, "utf-8")
    log(f"  project: rebuilds {unchanged_s:.1f} s (unchanged), {one_file_s:.1f} s (one file)")
    return {"rebuild_unchanged_s": unchanged_s, "rebuild_one_file_s": one_file_s}


def measure_queries(engine, index_dir: Path | str, passes: int) -> dict:
    """Return the index size, the cold start and the query latencies of a built index."""
    figures = {"size_mb": engine.size(index_dir) / MB,
               "cold_start_s": cold_start(engine.name, index_dir, "putin")}
    figures["latency"] = latencies(engine.open(index_dir), passes)
    latin = figures["latency"][LATIN_NAME]
    log(f"  {engine.name}: {figures['size_mb']:.1f} MB, cold start "
        f"{figures['cold_start_s']:.2f} s, Latin names p50 {latin['p50']:.1f} ms "
        f"p95 {latin['p95']:.1f} ms")
    return figures


def measure_baseline(name: str, source: Path, index_dir: Path, passes: int) -> dict:
    """Build ``source`` with a baseline engine and measure it."""
    engine = ENGINES[name]()
    figures = timed_build(engine.build, source, index_dir)
    log(f"  {name}: full build {figures['build_s']:.1f} s ({figures['docs_per_s']:.0f} docs/s)")
    return {**figures, **measure_queries(engine, index_dir, passes)}


def medians(runs: list[dict]) -> dict:
    """Return the median of every figure over ``runs`` (hit counts from the last run)."""
    merged = {"runs": runs}
    for key, value in runs[-1].items():
        if isinstance(value, (int, float)):
            merged[key] = median(run[key] for run in runs)
    merged["latency"] = {
        name: {**{p: median(run["latency"][name][p] for run in runs) for p in ("p50", "p95", "p99")},
               "n": sum(run["latency"][name]["n"] for run in runs), "hits": figures["hits"]}
        for name, figures in runs[-1]["latency"].items()}
    return merged


def estimate_minutes(size: int, previous: tuple[int, dict] | None) -> float | None:
    """Return the estimated build minutes of one run at ``size``, scaled from a smaller size."""
    if not previous:
        return None
    smaller, figures = previous
    seconds = sum(figures.get(key) or 0
                  for key in ("build_s", "rebuild_unchanged_s", "rebuild_one_file_s"))
    return seconds * size / smaller / 60


def size_label(args, size: int) -> str:
    """Say what the items of a corpus of ``size`` are."""
    real = args.base or 19_800
    if size > real:
        return "real + generated items"
    return "a sample of the real items" if size < real or args.base else "the real items"


def measure_size(args, size: int, previous: tuple[int, dict] | None) -> dict:
    """Measure every engine at one corpus size over ``args.runs`` runs."""
    label = size_label(args, size)
    minutes = estimate_minutes(size, previous)
    if args.max_build_minutes and minutes and args.runs * minutes > args.max_build_minutes:
        why = (f"the builds of one run would take about "
               f"{minutes:.0f} min, scaled linearly from {previous[0]:,} items "
               f"({args.runs * minutes:.0f} min for {args.runs} run(s)), over the "
               f"--max-build-minutes limit of {args.max_build_minutes:.0f}; rerun with "
               f"--max-build-minutes 0 (and --runs 1) to measure it anyway")
        log(f"size {size:,}: skipped: {why}")
        return {"label": label, "skipped": why, "estimated_build_minutes": minutes}
    log(f"size {size:,}: preparing corpus" + (f" (builds ~{minutes:.0f} min per run)" if minutes else ""))
    source = corpus.prepare(args.corpus, size, args.work, base=args.base)
    names = [] if args.skip_baselines else \
        ["whoosh"] + ([] if args.skip_tantivy or tantivy_missing() else ["tantivy"])
    runs = {name: [] for name in ["project", *names]}
    for number in range(1, args.runs + 1):
        log(f"size {size:,}: run {number}/{args.runs}")
        work = args.work / f"index-{size}"
        runs["project"].append(measure_project(args.backend, source, project_index(args, size),
                                               args.passes))
        for name in names:
            runs[name].append(measure_baseline(name, source, work / name, args.passes))
    engines = {name: medians(values) for name, values in runs.items()}
    skipped = {"whoosh": "--skip-baselines given",
               "tantivy": tantivy_missing() or ("--skip-baselines given" if args.skip_baselines
                                                else "--skip-tantivy given")}
    for name, why in skipped.items():
        engines.setdefault(name, {"skipped": why})
    notes = [f"{report.ENGINE_TITLES[name]}: {engines[name]['skipped']}"
             for name in skipped if "skipped" in engines[name]]
    return {"label": label, "engines": engines, "notes": notes}


def profiles(args, small: int) -> list[dict]:
    """Profile a build of a sample and a batch of Latin-name queries on the small index."""
    items = QUICK["profile_items"] if args.quick else 1000
    records = corpus.scale(corpus.load_records(args.corpus), items)
    log(f"profiling a build of {items} items and Latin-name queries")
    index_dir = args.work / f"index-{small}" / "project"
    return [profiling.profile_build(records, args.work),
            profiling.profile_queries(index_dir, 2 if args.quick else 10)]


def run(args) -> dict:
    """Measure every size; return the results with targets and profiles.

    The page is rewritten after each size, so a long last size leaves the earlier ones saved.
    """
    from index.parallel import default_procs
    ENGINES[BACKENDS[args.backend]].procs = args.procs
    procs = args.procs or default_procs()
    results = {"machine": machine.describe(ROOT), "runs": args.runs, "quick": args.quick,
               "command": "python " + shlex.join(["scripts/bench.py", *sys.argv[1:]]),
               "sizes": {}, "procs": procs, "backend": args.backend}
    if args.backend == "opensearch":
        results["cluster"] = machine.describe_cluster(args.url)
    results["method"] = method_notes(results)
    small, large = target_sizes(args.sizes)
    previous = None
    for size in args.sizes:
        data = measure_size(args, size, previous)
        results["sizes"][str(size)] = data
        if "engines" in data:
            previous = (size, data["engines"]["project"])
            if size == small and not args.no_profile and args.backend == "whoosh":
                results["profile"] = profiles(args, small)     # of the Whoosh backend only
        results["targets"] = targets.check(results["sizes"], small, large)
        report.write(results, args.out)
    return results


def target_sizes(sizes: list[int]) -> tuple[int | None, int | None]:
    """Return the sizes the small-corpus and large-corpus targets apply to.

    >>> target_sizes([19800, 200000]), target_sizes([200000]), target_sizes([19800])
    ((19800, 200000), (None, 200000), (19800, None))
    """
    if len(sizes) > 1:
        return sizes[0], sizes[-1]
    return (None, sizes[0]) if sizes[0] >= LARGE_SIZE else (sizes[0], None)


def method_notes(results: dict) -> list[str]:
    """Return how the figures of ``results`` were measured."""
    lines = METHOD + (OPENSEARCH_METHOD if results.get("backend") == "opensearch" else [])
    url = results.get("cluster", {}).get("url", "")
    return [line.replace("PROCS", str(results.get("procs", 1))).replace("URL", url)
            for line in lines]


def print_summary(results: dict) -> None:
    for row in results["targets"]:
        print(f"{row['status']:>12}  {row['target']}: {row['measured']} (goal {row['goal']})"
              + (f", {row['margin']}" if row["margin"] else ""))


def render_only(json_path: Path, out: Path) -> int:
    """Rewrite the Markdown page from saved results (with the current method notes)."""
    try:
        results = json.loads(json_path.read_text("utf-8"))
    except (OSError, ValueError) as error:
        print(f"error: cannot read results from {json_path}: {error}", file=sys.stderr)
        return 2
    results["method"] = method_notes(results)
    results["targets"] = targets.check(results["sizes"], *target_sizes(
        sorted(int(size) for size in results["sizes"])))
    report.write(results, out)
    print(f"wrote {out} from {json_path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.render_only:
        return render_only(args.render_only, args.out)
    if not args.corpus.is_file():
        print(f"error: corpus not found: {args.corpus}\n"
              "       pass --corpus PATH to a JSON Lines file of news items "
              "(id, title, text, lang, ...)", file=sys.stderr)
        return 2
    if args.skip_tantivy is False and tantivy_missing():
        log(tantivy_missing())
    try:
        results = run(args)
    except corpus.CorpusMissing as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    json_path = report.write(results, args.out)
    print_summary(results)
    print(f"wrote {args.out} and {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
