"""Probe the aligned-fields mapping on a real OpenSearch node (evidence, not a test).

    make opensearch
    make install   # the OpenSearch client is a dependency
    .venv/bin/python scripts/opensearch/probe_mapping.py [--corpus ../shared/corpus/news.jsonl]

Each word of a text gives one form per kind (word, stem, pivot, sound) from our
own analysis; ``body.word``, ``body.stem``, ``body.pivot`` and ``body.sound`` (and
``title.*``) each get one whitespace-separated token per word, a missing coarser
form repeating the finer one, so every field has the word at the same position:

    કિમ જોંગ ઉને  ->  word: કિમ જોંગ ઉને   stem: કિમ જોંગ ઉન   pivot: किम जोंग उन

The probe feeds the bundled articles, then checks alignment, cross-script words,
cross-kind phrases, facets, exact totals and an atomic alias switch, computing
every expected answer from our analysis in Python. Prints PASS/FAIL per check;
exit status 1 if any failed. The expected answers are computed, never written in.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from opensearchpy import OpenSearch  # noqa: E402
from opensearchpy.exceptions import ConnectionError as NoConnection  # noqa: E402

from index.sources import Document, read_sources  # noqa: E402
from probe_checks import CHECKS, Probe  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def documents(paths: list[str], limit: int) -> list[Document]:
    """Read the documents of ``paths`` (at most ``limit`` of them, 0 for all)."""
    docs = []
    for item in read_sources(paths):
        if isinstance(item, Document):
            docs.append(item)
            if limit and len(docs) >= limit:
                break
    return docs


def print_cost(client) -> None:
    """Print the node's heap, resident memory, CPU time and the probe index's size."""
    nodes = client.nodes.stats(metric="jvm,process")["nodes"]
    for node in nodes.values():
        heap = node["jvm"]["mem"]
        pid = client.nodes.info(node_id=node["name"], metric="process")["nodes"]
        pid = next(iter(pid.values()))["process"]["id"]
        rss = _rss_mb(pid)
        print(f"cost: {node['name']}: heap {heap['heap_used_in_bytes'] >> 20} of "
              f"{heap['heap_max_in_bytes'] >> 20} MB used, resident {rss}, "
              f"CPU {node['process']['cpu']['total_in_millis'] / 1000:.0f} s since start")
    for row in client.cat.indices(index="probe-*", format="json", bytes="b"):
        print(f"cost: index {row['index']}: {row['docs.count']} docs, "
              f"{int(row['store.size']) / 2**20:.1f} MB ({row['pri']} primaries, {row['rep']} replicas)")


def _rss_mb(pid: int) -> str:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return f"{int(line.split()[1]) >> 10} MB"
    except OSError:
        pass
    return "unknown (not on this machine)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:9200", help="the OpenSearch node")
    parser.add_argument("--corpus", action="append", default=[],
                        help="more sources (e.g. news.jsonl) for the bulk, totals and alias checks")
    parser.add_argument("--limit", type=int, default=0, help="at most this many corpus items")
    parser.add_argument("--keep", action="store_true", help="leave the probe's indices in place")
    args = parser.parse_args(argv)
    client = OpenSearch(args.url, timeout=60)
    try:
        info = client.info()
    except NoConnection:
        print(f"error: no OpenSearch answers at {args.url} (start one: make opensearch)", file=sys.stderr)
        return 2
    print(f"OpenSearch {info['version']['number']} (Lucene {info['version']['lucene_version']}) at {args.url}")
    bundled = documents([str(ROOT / "data" / "articles")], 0)
    corpus = documents(args.corpus, args.limit) if args.corpus else []
    probe = Probe(client, bundled, corpus)
    failed = 0
    try:
        for check in CHECKS:
            ok, lines = check(probe)
            failed += not ok
            print(f"{'PASS' if ok else 'FAIL'} {check.__doc__.splitlines()[0]}")
            for line in lines:
                print(f"     {line}")
        print_cost(client)
    finally:
        if not args.keep:
            probe.remove_indices()
    print(f"{len(CHECKS) - failed} of {len(CHECKS)} checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
