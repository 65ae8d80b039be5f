#!/usr/bin/env python3
"""Record the rankings of a fixed list of requests, and compare two recordings.

    .venv/bin/python scripts/compare_rankings.py record INDEX_DIR OUT.json
    .venv/bin/python scripts/compare_rankings.py compare OLD.json NEW.json [--tolerance 1e-6]
    .venv/bin/python scripts/compare_rankings.py queries [CORPUS]   # rewrite the list

Record before a change that must not alter results, record again after it,
and compare: every request of scripts/ranking_queries.jsonl (bench's query
classes and the query language's features) must give the same total, ranked
ids and scores, facets, notices and "did you mean". Scores are compared
exactly unless --tolerance says otherwise. When the change touches indexing,
record each side on an index built by that side's code. Exit status: 0
identical, 1 some case differs, 2 bad input.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from benchlib import corpus, ranking_queries, rankings  # noqa: E402
from searcher.layout import IndexMissing  # noqa: E402

QUERIES = ROOT / "scripts" / "ranking_queries.jsonl"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"


def run_record(args) -> int:
    cases = ranking_queries.read_cases(args.queries)
    recording = rankings.record(args.index, cases)
    args.out.write_text(json.dumps(recording, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"recorded {recording['cases']} cases of {args.index} (build {recording['build']}) "
          f"in {recording['seconds']} s -> {args.out}")
    return 0


def _describe(case: dict) -> str:
    extra = " ".join(f"{k}={v}" for k, v in case.items() if k not in ("class", "q"))
    return f"[{case.get('class')}] {case.get('q')!r} {extra}"


def run_compare(args) -> int:
    report = rankings.compare(rankings.load(args.old), rankings.load(args.new), args.tolerance)
    differing = [(case, found) for case, found in report if found]
    for case, found in differing:
        print(f"DIFFERS {_describe(case)}")
        for line in found:
            print(f"    {line}")
    scores = "exactly" if args.tolerance == 0 else f"to within {args.tolerance:g}"
    print(f"{len(report)} queries, {len(report) - len(differing)} identical "
          f"(scores compared {scores})")
    return 1 if differing else 0


def run_queries(args) -> int:
    try:
        records = corpus.load_records(args.corpus)
    except ValueError as error:       # a line that is not JSON
        raise ranking_queries.CasesError(f"cannot read corpus {args.corpus}: {error}") from None
    cases = ranking_queries.derive_cases(records)
    ranking_queries.write_cases(cases, args.out)
    print(f"wrote {len(cases)} cases -> {args.out}")
    return 0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    record = commands.add_parser("record", help="run the fixed requests, save the answers")
    record.add_argument("index", help="index directory (as built by build_index.py), or "
                        "opensearch:http://HOST:9200/NAME")
    record.add_argument("out", type=Path, help="JSON file to write")
    record.add_argument("--queries", type=Path, default=QUERIES, help="JSON Lines list of requests")
    record.set_defaults(run=run_record)
    compare = commands.add_parser("compare", help="report where two recordings differ")
    compare.add_argument("old", type=Path)
    compare.add_argument("new", type=Path)
    compare.add_argument("--tolerance", type=float, default=0.0,
                         help="largest score difference taken as equal (default 0: exact)")
    compare.set_defaults(run=run_compare)
    queries = commands.add_parser("queries", help="derive the request list from a corpus")
    queries.add_argument("corpus", type=Path, nargs="?", default=DEFAULT_CORPUS)
    queries.add_argument("--out", type=Path, default=QUERIES)
    queries.set_defaults(run=run_queries)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if not getattr(args, "tolerance", 0) >= 0:     # also refuses nan
        print("error: --tolerance must be 0 or more", file=sys.stderr)
        return 2
    try:
        return args.run(args)
    except (IndexMissing, rankings.RecordingError, ranking_queries.CasesError,
            corpus.CorpusMissing, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
