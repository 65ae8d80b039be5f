#!/usr/bin/env python3
"""Rebuild the search index from article sources.

    python scripts/build_index.py [SOURCE ...] [--index DIR]

SOURCE is a directory of saved .txt pages (and .jsonl files), a .txt page, or a
JSON Lines file with id, title, text, lang, url, published, source. The default
is the bundled collection, data/articles; the default index is instance/index.

The new index is built beside the old one and switched to only when complete.
With --backend opensearch (or --index opensearch:http://HOST:9200/NAME) it is
built on an OpenSearch cluster instead: a new index per build, then one atomic
switch of the alias NAME (see the README, "Scaling past one machine").
Only new and changed source files are read (the rest is carried over from the
current build); --full reads everything again.

Exit status: 0 everything indexed; 1 indexed, but some files or lines were
skipped (each is listed with its reason); 2 nothing was built (the previous
index, if any, is still serving); 3 another build of the same index is running.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.build import BuildError, BuildLocked, build  # noqa: E402
from index.sources import SourceError  # noqa: E402

DEFAULT_SOURCE = ROOT / "data" / "articles"
DEFAULT_INDEX = ROOT / "instance" / "index"
DEFAULT_URL = "http://127.0.0.1:9200"
DEFAULT_NAME = "news"
PLAIN_PROGRESS_EVERY = 1000


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Build the search index from article sources.",
        epilog="Exit status: 0 all indexed, 1 some items skipped, 2 nothing built, "
               "3 another build is running.")
    parser.add_argument("sources", nargs="*", type=Path, default=[DEFAULT_SOURCE],
                        help="directories of .txt pages, .txt pages, or .jsonl files "
                             f"(default: {DEFAULT_SOURCE.relative_to(ROOT)})")
    parser.add_argument("--index", default=str(DEFAULT_INDEX),
                        help=f"index directory (default: {DEFAULT_INDEX.relative_to(ROOT)}), "
                             "or opensearch:http://HOST:9200/NAME")
    parser.add_argument("--backend", choices=("whoosh", "opensearch"), default=None,
                        help="where to build: an index directory (whoosh, the default) or an "
                             "OpenSearch cluster (opensearch)")
    parser.add_argument("--url", default=os.environ.get("OPENSEARCH_URL", DEFAULT_URL),
                        help=f"the cluster, with --backend opensearch (default: $OPENSEARCH_URL "
                             f"or {DEFAULT_URL})")
    parser.add_argument("--name", default=os.environ.get("OPENSEARCH_INDEX", DEFAULT_NAME),
                        help="the alias web servers follow, with --backend opensearch "
                             f"(default: $OPENSEARCH_INDEX or {DEFAULT_NAME})")
    parser.add_argument("--shards", type=int, default=1,
                        help="primary shards of the index, with --backend opensearch (default 1)")
    parser.add_argument("--replicas", type=int, default=0,
                        help="replicas of each shard, with --backend opensearch (default 0; "
                             "1 or more survives a lost node)")
    parser.add_argument("--wait", action="store_true",
                        help="wait for a running build of the same index instead of exiting")
    parser.add_argument("--procs", type=int, default=None,
                        help="indexing processes (default: one per core, at most 4; "
                             "1 for sources under 2 MB)")
    parser.add_argument("--full", action="store_true",
                        help="read every source again instead of only new and changed files")
    parser.add_argument("--explain", type=Path, metavar="FILE",
                        help="show which lines of a saved page are kept or dropped, and why; "
                             "build nothing")
    return parser.parse_args(argv)


def progress_printer():
    """Return a per-item callback: a progress bar on a terminal, plain lines otherwise."""
    if sys.stderr.isatty():
        from tqdm import tqdm
        bar = tqdm(unit=" docs", file=sys.stderr)
        return lambda item: bar.update(1), bar.close
    count = 0

    def plain(item) -> None:
        nonlocal count
        count += 1
        if count % PLAIN_PROGRESS_EVERY == 0:
            print(f"... {count} items read", file=sys.stderr, flush=True)
    return plain, lambda: None


def explain(path: Path) -> int:
    from index.clean import clean_page, explain as explain_page
    from index.sources import read_text
    try:
        raw = read_text(path)
    except (OSError, ValueError) as error:
        print(f"error: {path}: {error}", file=sys.stderr)
        return 2
    print(explain_page(clean_page(raw, name=path.name)))
    return 0


def cluster_location(args):
    """Return the OpenSearch location to build on, or ``None`` for an index directory."""
    from searcher.opensearch.location import OpenSearchLocation, is_location, location_spec
    if is_location(args.index):
        return OpenSearchLocation.parse(args.index)
    if args.backend == "opensearch":
        return OpenSearchLocation.parse(location_spec(args.url, args.name))
    return None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.explain:
        return explain(args.explain)
    try:
        location = cluster_location(args)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    on_item, finish = progress_printer()
    try:
        if location is None:
            report = build(args.sources, Path(args.index), on_item=on_item, wait=args.wait,
                           procs=args.procs, full=args.full)
        else:
            from index.opensearch_build import build_on_cluster
            report = build_on_cluster(args.sources, location, on_item=on_item, wait=args.wait,
                                      procs=args.procs, shards=args.shards,
                                      replicas=args.replicas)
    except KeyboardInterrupt:
        finish()
        print("interrupted: the index being served is intact (a half-made build is removed "
              "by the next build)",
              file=sys.stderr)
        return 130
    except BuildLocked as error:
        finish()
        print(f"error: {error}; try again when it ends, or pass --wait", file=sys.stderr)
        return 3
    except (BuildError, SourceError, OSError) as error:
        finish()
        print(f"error: {error}", file=sys.stderr)
        return 2
    finish()
    for skipped in report.skipped:
        print(f"skipped {skipped}", file=sys.stderr)
    print(report.summary())
    return 1 if report.skipped else 0


if __name__ == "__main__":
    sys.exit(main())
