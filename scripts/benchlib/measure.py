"""Measurements: build time, query latency percentiles, cold start, serving memory."""
from __future__ import annotations

import json
import os
import resource
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from statistics import median

from .engines import ROOT
from .queries import QUERY_CLASSES, all_queries

HERE = Path(__file__).resolve().parent


def percentile(values: list[float], p: float) -> float:
    """Return the ``p``-th percentile of ``values`` (linear between closest ranks)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def timed(function, *args) -> tuple[float, object]:
    """Return the wall seconds of ``function(*args)`` and its result."""
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished child processes (build workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_build(build, *args) -> dict:
    """Run ``build(*args)`` (returning a document count); return its wall and CPU rates.

    CPU time counts the worker processes a build starts (they have ended when it returns).
    """
    cpu = _cpu_seconds()
    seconds, docs = timed(build, *args)
    cpu = _cpu_seconds() - cpu
    return {"docs": docs, "build_s": seconds, "docs_per_s": docs / seconds,
            "build_cpu_s": cpu, "build_cpu_docs_per_s": docs / cpu if cpu else None}


def latencies(search, passes: int) -> dict[str, dict]:
    """Return p50/p95/p99 in ms and hit counts per query class, after one warm-up pass."""
    for query in all_queries():
        search(query)
    figures = {}
    for name, _, queries in QUERY_CLASSES:
        samples, hits = [], {}
        for _ in range(passes):
            for query in queries:
                seconds, hits[query] = timed(search, query)
                samples.append(seconds * 1000)
        figures[name] = {"p50": percentile(samples, 50), "p95": percentile(samples, 95),
                         "p99": percentile(samples, 99), "n": len(samples), "hits": hits}
    return figures


def cold_start(engine: str, index_dir: Path, query: str, repeats: int = 3) -> float:
    """Return the median seconds from starting a process to its first answer."""
    command = [sys.executable, str(HERE / "engines.py"), engine, str(index_dir), query]
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise RuntimeError(f"cold start of {engine} failed:\n{done.stderr[-2000:]}")
    return median(times)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float = 120) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


def _wait_until_up(base: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"waitress exited with status {server.returncode}")
        try:
            _get(base + "/api/search?q=putin")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"waitress did not answer within {seconds:.0f} s")


def vm_hwm_mb(pid: int) -> float:
    """Return the peak resident memory of process ``pid`` in MB (``VmHWM``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def vm_rss_mb(pid: int) -> float:
    """Return the resident memory of process ``pid`` now, in MB (``VmRSS``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def node_memory(location: str) -> dict:
    """Return the resident memory and heap of the OpenSearch node serving ``location``.

    The node must run on this machine (its pid is read from ``_nodes/_local``).
    """
    from searcher.opensearch.location import OpenSearchLocation
    client = OpenSearchLocation.parse(location).client
    node = next(iter(client.nodes.info(node_id="_local", metric="process,jvm")["nodes"].values()))
    return {"node_rss_mb": vm_rss_mb(node["process"]["id"]),
            "node_heap_max_mb": node["jvm"]["mem"]["heap_max_in_bytes"] / 1024 / 1024}


def serving_rss(index_dir: Path | str, passes: int, threads: int = 8) -> dict:
    """Serve ``index_dir`` with waitress, send it the query set over HTTP; return peak RSS."""
    port = _free_port()
    env = dict(os.environ, BENCH_INDEX_DIR=str(index_dir),
               PYTHONPATH=os.pathsep.join([str(ROOT), str(HERE.parent)]))
    command = [sys.executable, "-m", "waitress", "--host", "127.0.0.1", f"--port={port}",
               f"--threads={threads}", "--call", "benchlib.serve:create_app"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        urls = [f"{base}/api/search?q={urllib.parse.quote(q)}" for q in all_queries()] * passes
        with ThreadPoolExecutor(threads) as pool:
            answers = list(pool.map(_get, urls))
        return {"rss_mb": vm_hwm_mb(server.pid), "requests": len(answers), "threads": threads}
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
