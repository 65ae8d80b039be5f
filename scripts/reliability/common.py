"""Shared helpers for the reliability scripts: builds, a loopback server, checks, results.

Every script prints a summary, can write its results as JSON (``--json FILE``) for
``scripts/check_reliability.py``, and exits non-zero when a check fails.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PYTHON = ROOT / ".venv" / "bin" / "python"
WAITRESS = ROOT / ".venv" / "bin" / "waitress-serve"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
BUILD_SCRIPT = ROOT / "scripts" / "build_index.py"
ARTICLES = ROOT / "data" / "articles"
NEWS = Path("/work/shared/corpus/news.jsonl")
HOST = "127.0.0.1"

#: A query on the bundled articles and the number of articles it finds.
ARTICLES_QUERY, ARTICLES_TOTAL = "કિમ", 5


@dataclass
class Outcome:
    """The result of one reliability script: checks passed or failed, numbers, notes."""

    name: str
    failures: list[str] = field(default_factory=list)
    numbers: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    command: str = ""

    def check(self, condition: bool, message: str) -> bool:
        """Record ``message`` as a failure unless ``condition`` holds."""
        if not condition:
            self.failures.append(message)
            print(f"FAIL: {message}", flush=True)
        return condition

    def note(self, message: str) -> None:
        self.notes.append(message)
        print(f"note: {message}", flush=True)

    def finish(self, json_path: Path | None) -> int:
        """Print the summary, write the JSON results, return the exit status."""
        status = "PASS" if not self.failures else f"FAIL ({len(self.failures)})"
        print(f"\n== {self.name}: {status}")
        for key, value in self.numbers.items():
            print(f"   {key}: {value}")
        for message in self.failures:
            print(f"   failure: {message}")
        if json_path:
            json_path.parent.mkdir(parents=True, exist_ok=True)
            data = {"name": self.name, "ok": not self.failures, "failures": self.failures,
                    "numbers": self.numbers, "notes": self.notes, "command": self.command}
            json_path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        return 0 if not self.failures else 1


def base_parser(description: str) -> argparse.ArgumentParser:
    """Return the options every script takes; also make SIGTERM run cleanups."""
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/reliability"),
                        help="scratch directory (default /tmp/reliability)")
    parser.add_argument("--seed", type=int, default=20240611)
    return parser


def _exit_on_sigterm(signum, frame) -> None:
    raise SystemExit(128 + signum)


def command_line() -> str:
    """Return the command that started this script, relative to the repository."""
    script = Path(sys.argv[0]).resolve()
    try:
        script = script.relative_to(ROOT)
    except ValueError:
        pass
    return " ".join([".venv/bin/python", str(script), *sys.argv[1:]])


# -- sources -----------------------------------------------------------------

def corpus_sample(target: Path, items: int, seed: int = 1) -> Path:
    """Write ``items`` lines spread over the news corpus (synthetic ones without it)."""
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    if NEWS.is_file():
        lines = NEWS.read_bytes().splitlines(keepends=True)
        lines = lines[::max(1, len(lines) // items)][:items]
    else:
        lines = _synthetic_lines(items, seed)
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(b"".join(lines))
    tmp.replace(target)
    return target


def varied_copy(source: Path, target: Path, tag: str) -> Path:
    """Write ``source`` plus one marker line naming ``tag`` to ``target``, atomically.

    Builds are incremental (an unchanged file is carried over, not re-read); a copy
    that differs in one line makes the next build read the whole file again.
    """
    marker = {"id": "reliability-marker", "lang": "hi", "title": "चिह्न",
              "text": f"चिह्न {tag}"}
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(source.read_bytes()
                    + json.dumps(marker, ensure_ascii=False).encode("utf-8") + b"\n")
    tmp.replace(target)
    return target


def _synthetic_lines(items: int, seed: int) -> list[bytes]:
    from index.sources import read_sources
    docs = [d for d in read_sources([ARTICLES]) if hasattr(d, "text")]
    rng = random.Random(seed)
    lines = []
    for number in range(items):
        doc = docs[number % len(docs)]
        words = doc.text.split()
        rng.shuffle(words)
        record = {"id": f"synthetic-{number}", "lang": doc.lang, "title": doc.title,
                  "text": " ".join(words)}
        lines.append(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
    return lines


# -- builds ------------------------------------------------------------------

def build_cli(sources: list, index_dir: Path, *extra: str, timeout: float = 900,
              nice: bool = True) -> subprocess.CompletedProcess:
    """Run ``scripts/build_index.py`` and return its completed process."""
    return subprocess.run(build_command(sources, index_dir, *extra, nice=nice),
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def build_news_index(outcome: "Outcome", index_dir: Path) -> subprocess.CompletedProcess | None:
    """Build (or bring up to date) the news corpus index; ``None``, noted as a failure, if not."""
    if not outcome.check(NEWS.is_file(), f"{NEWS} is missing"):
        return None
    done = build_cli([NEWS], index_dir, "--wait", timeout=3600)
    if not outcome.check(done.returncode in (0, 1), f"build failed: {done.stderr[-500:]}"):
        return None
    return done


def default_sigint() -> None:
    """Let a child take SIGINT as Ctrl-C even when started from a background job (which
    ignores SIGINT, and Python keeps an ignored SIGINT ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def build_command(sources: list, index_dir: Path, *extra: str, nice: bool = True) -> list[str]:
    prefix = ["nice", "-n", "10"] if nice else []
    return [*prefix, str(PYTHON), str(BUILD_SCRIPT), *map(str, sources),
            "--index", str(index_dir), *extra]


def current_target(index_dir: Path) -> str | None:
    """Return what ``index_dir/current`` points at, or ``None``."""
    try:
        return os.readlink(index_dir / "current")
    except OSError:
        return None


def index_state(index_dir: Path) -> dict:
    """Return the builds, stray files and the current link of ``index_dir``."""
    builds = index_dir / "builds"
    names = sorted(p.name for p in builds.iterdir()) if builds.is_dir() else []
    unfinished = [n for n in names if not (builds / n / "manifest.json").is_file()]
    strays = sorted(p.name for p in index_dir.iterdir()
                    if p.name.startswith(".current.")) if index_dir.is_dir() else []
    return {"current": current_target(index_dir), "builds": names,
            "unfinished": unfinished, "stray_links": strays}


def engine_total(index_dir: Path, query: str) -> int:
    """Return the total a fresh ``SearchEngine`` finds for ``query`` (raises if it cannot)."""
    from searcher.search import SearchEngine
    return SearchEngine(index_dir).search(query).total


def engine_total_isolated(index_dir: Path, query: str, timeout: float = 120) -> int | str:
    """Return ``engine_total`` computed in a fresh process, or the error it printed."""
    code = ("import sys; sys.path.insert(0, sys.argv[1]);"
            "from searcher.search import SearchEngine;"
            "print(SearchEngine(sys.argv[2]).search(sys.argv[3]).total)")
    done = subprocess.run([str(PYTHON), "-c", code, str(ROOT), str(index_dir), query],
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        return (done.stderr.strip().splitlines() or ["no output"])[-1]
    return int(done.stdout.strip())


def kill_group(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    """Send ``sig`` to the process group of ``process`` (started with a new session)."""
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass


# -- the server --------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """A server on loopback over one index directory: waitress with ``threads`` threads,
    or with ``processes``, gunicorn with that many worker processes of ``threads`` each."""

    def __init__(self, index_dir: Path, threads: int = 8, log: Path | None = None,
                 processes: int = 0):
        self.index_dir = index_dir
        self.threads = threads
        self.processes = processes
        self.port = free_port()
        self.log = log
        self.process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        if self.processes:
            return [str(GUNICORN), "--bind", f"{HOST}:{self.port}", "--workers",
                    str(self.processes), "--threads", str(self.threads), "--worker-class",
                    "gthread", "--limit-request-line", "8190", "app_for:create_app()"]
        return [str(WAITRESS), "--host", HOST, "--port", str(self.port),
                "--threads", str(self.threads), "--call", "app_for:create_app"]

    def start(self, ready_timeout: float = 60) -> "Server":
        env = dict(os.environ, NEWS_INDEX_DIR=str(self.index_dir),
                   PYTHONPATH=str(ROOT / "scripts" / "reliability"))
        out = open(self.log, "wb") if self.log else subprocess.DEVNULL
        self.process = subprocess.Popen(
            self.command(),
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}; see {self.log}")
            try:
                if get(self.port, "/", timeout=2)[0] == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server not ready after {ready_timeout} s")

    def memory(self) -> dict:
        """Return the server's memory in MB (Linux /proc): resident, peak, anonymous, mapped
        files, and proportional set size (mapped index files counted once)."""
        fields = {}
        for name in ("status", "smaps_rollup"):
            try:
                with open(f"/proc/{self.process.pid}/{name}") as lines:
                    for line in lines:
                        key, _, value = line.partition(":")
                        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "Pss"):
                            fields[key] = round(int(value.split()[0]) / 1024, 1)
            except (OSError, ValueError, IndexError):
                pass
        return {"rss_mb": fields.get("VmRSS"), "peak_rss_mb": fields.get("VmHWM"),
                "anon_mb": fields.get("RssAnon"), "file_mb": fields.get("RssFile"),
                "pss_mb": fields.get("Pss")}

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            kill_group(self.process, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                kill_group(self.process, signal.SIGKILL)
                self.process.wait(timeout=15)


@contextmanager
def serving(index_dir: Path, threads: int = 8, log: Path | None = None,
            processes: int = 0) -> Iterator[Server]:
    server = Server(index_dir, threads, log, processes).start()
    try:
        yield server
    finally:
        server.stop()


def get(port: int, path: str, timeout: float = 30,
        connection: http.client.HTTPConnection | None = None) -> tuple[int, bytes]:
    """GET ``path`` from the loopback server; return the status and the body."""
    conn = connection or http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        if connection is None:
            conn.close()


def search_path(query: str, **params) -> str:
    return "/api/search?" + urllib.parse.urlencode({"q": query, **params})


def api_total(port: int, query: str) -> int | str:
    """Return the total the server reports for ``query``, or a description of the error."""
    try:
        status, body = get(port, search_path(query))
    except OSError as error:
        return f"connection error: {error}"
    if status != 200:
        return f"HTTP {status}: {body[:200]!r}"
    return json.loads(body)["total"]


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return float("nan")
    rank = max(0, min(len(sorted_values) - 1, round(fraction * len(sorted_values) + 0.5) - 1))
    return sorted_values[rank]
