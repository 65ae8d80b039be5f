"""Probe a two-node cluster on loopback: green, a node down (yellow, still answering), green again.

    .venv/bin/python scripts/opensearch/probe_cluster.py [--corpus FILE --limit N] [--keep]

Starts two nodes (scripts/opensearch/start.sh --nodes 2: node-1 manages the cluster
and holds data, node-2 holds data), loads the bundled articles into an index of
2 primary shards and 1 replica, and runs a fixed list of queries with exact
totals: with both nodes, with node-2 stopped, and after node-2 is back. Passes
when every state answers the same totals and the health goes green, yellow, green.
Stops the nodes at the end (unless --keep). Evidence, not a test.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from opensearchpy import OpenSearch  # noqa: E402

from probe_checks import Probe  # noqa: E402
from probe_mapping import documents  # noqa: E402

INDEX = "cluster-probe"
#: The fixed queries whose totals must survive a node going down.
QUERIES = ("पुतिन", "કિમ", '"kim jong un"', "putin", "shoigu -पुतिन", "મિસાઇલ OR रशिया")
#: Seconds to wait for a health colour after a node stops or starts.
HEALTH_TIMEOUT = "90s"


def run(*args: str) -> str:
    """Run one of the node scripts; stop with its message when it fails."""
    done = subprocess.run(["bash", str(HERE / args[0]), *args[1:]], text=True,
                          stdout=subprocess.PIPE, stderr=sys.stderr)
    if done.returncode:
        sys.exit(f"error: {args[0]} failed (status {done.returncode})")
    return done.stdout.strip()


def totals(probe: Probe) -> dict[str, int]:
    """Return the exact total of every query of QUERIES."""
    return {text: probe.client.search(index=INDEX, body={
        "query": probe.query(text), "size": 0, "track_total_hits": True})["hits"]["total"]["value"]
        for text in QUERIES}


def health(client, status: str) -> dict:
    """Wait (bounded) for the index to reach ``status``; return the health."""
    return client.cluster.health(index=INDEX, wait_for_status=status, request_timeout=120,
                                 params={"timeout": HEALTH_TIMEOUT,
                                         "wait_for_no_relocating_shards": "true"})


def state(client, label: str, probe: Probe, want: str) -> tuple[bool, dict[str, int]]:
    """Print and check one state of the cluster: its health colour and the query totals."""
    seen = health(client, want)
    shards = client.cat.shards(index=INDEX, format="json")
    placed = ", ".join(f"{s['shard']}{s['prirep']}:{s['node'] or s['state']}" for s in shards)
    counted = totals(probe)
    ok = seen["status"] == want and not seen["timed_out"]
    print(f"{'PASS' if ok else 'FAIL'} {label}: {seen['status']}, {seen['number_of_nodes']} nodes, "
          f"shards {placed}")
    print(f"     totals {counted}")
    return ok, counted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", default=[], help="more sources to load")
    parser.add_argument("--limit", type=int, default=0, help="at most this many corpus items")
    parser.add_argument("--keep", action="store_true", help="leave the two nodes running")
    args = parser.parse_args(argv)
    url = run("start.sh", "--nodes", "2")
    client = OpenSearch(url, timeout=120)            # node-1: the one that stays up
    docs = documents([str(HERE.parents[1] / "data" / "articles")], 0)
    docs += documents(args.corpus, args.limit) if args.corpus else []
    probe = Probe(client, docs, [])
    try:
        client.indices.delete(index=INDEX, ignore=[404])
        started = time.perf_counter()
        count = probe.create(INDEX, docs, shards=2, replicas=1)
        print(f"loaded {count} documents into {INDEX} (2 primaries, 1 replica) "
              f"in {time.perf_counter() - started:.1f} s")
        results = [state(client, "both nodes", probe, "green")]
        run("stop.sh", "--node", "2")
        results.append(state(client, "node-2 stopped", probe, "yellow"))
        run("start.sh", "--nodes", "2")
        results.append(state(client, "node-2 restarted", probe, "green"))
    finally:
        if not args.keep:
            client.indices.delete(index=INDEX, ignore=[404])
            run("stop.sh")
    same = all(counted == results[0][1] for _, counted in results)
    print(f"{'PASS' if same else 'FAIL'} the same totals in all three states")
    return 0 if same and all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
