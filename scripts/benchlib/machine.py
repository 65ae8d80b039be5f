"""Facts about the machine and software a benchmark ran on."""
from __future__ import annotations

import os
import platform
import subprocess
import time
from importlib import metadata
from pathlib import Path

PACKAGES = ("whoosh3", "PyICU", "regex", "tantivy", "waitress", "Flask", "opensearch-py")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return float("nan")


def _versions() -> dict[str, str]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _git(root: Path) -> str:
    """Return the commit checked out and whether the working tree had local changes."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
        return done.stdout.rstrip("\n") if done.returncode == 0 else ""
    commit = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    changed = [line[3:] for line in git("status", "--porcelain", "--untracked-files=no").splitlines()]
    return commit + (f" with local changes to {', '.join(changed)}" if changed else "")


def describe(root: Path | None = None) -> dict:
    """Return nproc, CPU model, RAM, Python and package versions, and the date."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": cpus, "cpu": _cpu_model(), "ram_gb": _ram_gb(),
        "python": platform.python_version(), "platform": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "packages": _versions(),
        "code": _git(root) if root else "unknown",
    }


def describe_cluster(url: str) -> dict:
    """Return the OpenSearch version, node count and heap of the cluster at ``url``."""
    from searcher.opensearch.location import make_client
    client = make_client(url)
    nodes = client.nodes.info(metric="jvm")["nodes"].values()
    return {"url": url, "version": client.info()["version"]["number"], "nodes": len(nodes),
            "heap_max_mb": [round(n["jvm"]["mem"]["heap_max_in_bytes"] / 1024 / 1024)
                            for n in nodes]}
