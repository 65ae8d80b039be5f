#!/usr/bin/env python3
"""Check that a two-node OpenSearch cluster answers the same after losing a node.

    .venv/bin/python scripts/check_cluster.py [--port 9210] [--transport-port 9310]
                                              [--dir DIR] [--keep]

Issue 14: two nodes on loopback (``scripts/opensearch/start.sh --nodes 2``, on
their own ports and directory, so a node on 9200/9300 is never touched), the
bundled articles built by ``scripts/build_index.py`` into an index of 2 primary
shards and 1 replica each, spread over both nodes. Every query of QUERIES runs
through ``SearchEngine`` with both nodes, with node 2 stopped (node 1 manages
the cluster and stays), and after node 2 is back and the cluster green again;
each time through the engine opened first (as a web server keeps it) and a
fresh one with an empty files cache, so the build's companion files are read
from the cluster too. While node 2 stops and while it comes back, a thread
searches the same queries without pause. Passes when every state answers every
query with the same total and the same ids in the same order, and no search
meanwhile answered differently (one refused with an error is reported, not
failed). The nodes this run started are stopped at the end, on failure, Ctrl-C
and SIGTERM too (``--keep`` leaves them running). Evidence, not a test: the
result is recorded in docs/reliability.md ("OpenSearch: a lost node").

Exit status: 0 pass, 1 fail, 2 OpenSearch could not be started (no java, no
zip and no mvn to fetch it, a port in use, a node that did not come up).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NODE_SCRIPTS = ROOT / "scripts" / "opensearch"
BUILD_SCRIPT = ROOT / "scripts" / "build_index.py"
ARTICLES = ROOT / "data" / "articles"
#: Ports and directory of our own cluster: beside, never on, a test node's 9200/9300.
DEFAULT_PORT, DEFAULT_TRANSPORT_PORT = 9210, 9310
DEFAULT_DIR = ROOT / "instance" / "opensearch-cluster"
#: The alias the build switches and the engine follows.
DEFAULT_NAME = "cluster-check"
SHARDS, REPLICAS = 2, 1
#: Where fetch.sh's Maven keeps the zip, under the home directory.
MAVEN_CACHE = ".m2/repository/org/opensearch/distribution/integ-test-zip/opensearch/{version}"
#: One query of each kind the query language has, in both scripts and in Latin; each
#: finds 1 to 5 of the 5 bundled articles (a query finding nothing would prove nothing).
QUERIES = (
    "shoigu",                    # Latin, found in Gujarati and Hindi
    "કિમ",                        # Gujarati
    "पुतिन",                      # Hindi
    "મિસાઇલ",                     # Gujarati, found in Hindi too
    '"kim jong un"',             # a Latin phrase
    '"કિમ જોંગ ઉન"',              # a Gujarati phrase
    "missile OR putin",          # OR
    "putin -shoigu",             # exclusion
    "lang:hi putin",             # a filter
    "samarthan",                 # a romanized Hindi/Gujarati word (support)
    "kcna",                      # a Latin word in native text
)
#: Seconds to wait for a colour, for node 2 to leave the cluster.
HEALTH_TIMEOUT, LEAVE_TIMEOUT = 120, 60
#: Seconds between two searches of the thread searching while a node leaves or joins
#: (two cores are shared with the nodes starting).
WATCH_PAUSE = 0.05


@dataclass(frozen=True)
class Answer:
    """What one query answered: its total and the ids of its first page, best first."""

    total: int | None
    ids: tuple[str, ...] = ()
    error: str = ""

    def __str__(self) -> str:
        if self.error:
            return f"error: {self.error}"
        return f"{self.total} [{', '.join(doc_id.split('_')[0] for doc_id in self.ids)}]"


def differences(expected: dict[str, Answer], seen: dict[str, Answer]) -> list[str]:
    """Return how ``seen`` differs from ``expected``, one line per query (none: the same).

    >>> differences({"કિમ": Answer(5, ("a", "b"))}, {"કિમ": Answer(4, ("a",))})
    ['કિમ: total 4, was 5', 'કિમ: ids a, was a, b']
    """
    found = []
    for query, want in expected.items():
        got = seen.get(query)
        if got is None:
            found.append(f"{query}: not run")
        elif got.error:
            found.append(f"{query}: {got.error}")
        else:
            if got.total != want.total:
                found.append(f"{query}: total {got.total}, was {want.total}")
            if got.ids != want.ids:
                found.append(f"{query}: ids {', '.join(got.ids)}, was {', '.join(want.ids)}")
    return found


def empty_answers(answers: dict[str, Answer]) -> list[str]:
    """Return the queries that found nothing or failed: they would prove nothing."""
    return [f"{query}: {answer}" for query, answer in answers.items()
            if answer.error or not answer.total]


def layout_problems(shards: list[dict], shards_wanted: int, replicas: int,
                    nodes: set[str]) -> list[str]:
    """Return what is wrong with the shard copies ``shards`` (rows of ``_cat/shards``).

    Every shard must have one started primary and ``replicas`` started replicas, on
    different nodes, and every node of ``nodes`` must hold a copy.
    """
    problems = []
    numbers = sorted({int(row["shard"]) for row in shards})
    if len(numbers) != shards_wanted:
        problems.append(f"{len(numbers)} shards, not {shards_wanted}")
    for number in numbers:
        copies = [row for row in shards if int(row["shard"]) == number]
        started = [row for row in copies if row["state"] == "STARTED"]
        kinds = sorted(row["prirep"] for row in started)
        if kinds != ["p"] + ["r"] * replicas:
            problems.append(f"shard {number}: started copies {kinds or 'none'}, "
                            f"not p and {replicas} r")
        holders = [row["node"] for row in started]
        if len(set(holders)) != len(holders):
            problems.append(f"shard {number}: two copies on {holders}")
    used = {row["node"] for row in shards if row["state"] == "STARTED"}
    if used != nodes:
        problems.append(f"copies on {sorted(used)}, not on every node {sorted(nodes)}")
    return problems


def layout(shards: list[dict]) -> str:
    """Return ``0p:node-1, 0r:node-2, ...``: where each shard copy is."""
    rows = sorted(shards, key=lambda row: (int(row["shard"]), row["prirep"]))
    return ", ".join(f"{row['shard']}{row['prirep']}:{row['node'] or row['state']}" for row in rows)


def answer(engine, query: str) -> Answer:
    """Return what ``engine`` answers to ``query``, or the error it raised."""
    try:
        found = engine.search(query)
    except Exception as error:           # recorded: the check then fails
        return Answer(None, error=f"{type(error).__name__}: {error}")
    return Answer(found.total, tuple(hit.id for hit in found.results))


class Watch:
    """Search QUERIES round and round in a thread while the cluster changes.

    Keeps the wrong answers (another total or other ids: the check fails) apart from
    the refused ones (an error such as "the cluster did not answer": reported only,
    an honest 503 while a node leaves is not a wrong answer).
    """

    def __init__(self, engine, expected: dict[str, Answer], watching: bool = True):
        self.engine, self.expected, self.watching = engine, expected, watching
        self.searches, self.wrong, self.refused = 0, [], []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._search, daemon=True)

    def __enter__(self) -> "Watch":
        if self.watching:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self.watching:
            self._thread.join()

    def _search(self) -> None:
        while True:
            for query, want in self.expected.items():
                seen = answer(self.engine, query)
                found = differences({query: want}, {query: seen})
                (self.refused if seen.error else self.wrong).extend(found)
                self.searches += 1
                if self._stop.wait(WATCH_PAUSE):
                    return

    def summary(self) -> str:
        if not self.watching:
            return "not watched (--no-watch)"
        shown = "; ".join(self.wrong[:2] + self.refused[:2])
        return (f"{self.searches} searches meanwhile, {len(self.wrong)} wrong answers, "
                f"{len(self.refused)} refused" + (f": {shown}" if shown else ""))


class CannotStart(Exception):
    """OpenSearch could not be started here (exit status 2)."""


class Cluster:
    """Our two nodes: the node scripts run with our ports and directory, and HTTP to node 1."""

    def __init__(self, port: int, transport_port: int, directory: Path):
        self.url = f"http://127.0.0.1:{port}"
        self.directory = directory
        self.env = {**os.environ, "OPENSEARCH_PORT": str(port),
                    "OPENSEARCH_TRANSPORT_PORT": str(transport_port),
                    "OPENSEARCH_DIR": str(directory)}

    def script(self, name: str, *args: str) -> None:
        """Run a node script (its messages go to stderr); ``RuntimeError`` when it fails.

        In a process group of its own: interrupted, it is ended with all it started
        (a node still starting has no pid file for stop.sh to find yet).
        """
        script = subprocess.Popen(["bash", str(NODE_SCRIPTS / name), *args], env=self.env,
                                  stdout=subprocess.DEVNULL, start_new_session=True)
        try:
            status = script.wait()
        except BaseException:           # Ctrl-C, SIGTERM
            os.killpg(script.pid, signal.SIGTERM)
            script.wait()
            raise
        if status:
            raise RuntimeError(f"{name} {' '.join(args)} failed (status {status})")

    def get(self, path: str, timeout: float = 30):
        """Return the JSON node 1 answers at ``path``."""
        with urllib.request.urlopen(self.url + path, timeout=timeout) as answer:
            return json.load(answer)

    def nodes(self) -> set[str]:
        return {row["name"] for row in self.get("/_cat/nodes?format=json&h=name")}

    def running(self) -> set[int]:
        """Return the numbers of our nodes with a live JVM (starting ones too: no pid file yet)."""
        wanted = {f"-Dopensearch.path.conf={self.directory}/nodes-2/node-{i}/config".encode(): i
                  for i in (1, 2)}
        alive = set()
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                args = cmdline.read_bytes().split(b"\0")
            except OSError:                  # gone meanwhile
                continue
            if b"org.opensearch.bootstrap.OpenSearch" in args:
                alive.update(wanted[arg] for arg in args if arg in wanted)
        return alive

    def health(self, index: str, status: str) -> dict:
        """Wait (at most HEALTH_TIMEOUT) for ``index`` to be ``status``; return the health."""
        return self.get(f"/_cluster/health/{index}?wait_for_status={status}"
                        f"&timeout={HEALTH_TIMEOUT}s&wait_for_no_relocating_shards=true",
                        timeout=HEALTH_TIMEOUT + 10)

    def shards(self, index: str) -> list[dict]:
        return self.get(f"/_cat/shards/{index}?format=json&h=index,shard,prirep,state,node")

    def wait_until_gone(self, node: str) -> bool:
        """Wait (at most LEAVE_TIMEOUT) until ``node`` is no longer in ``_cat/nodes``."""
        until = time.monotonic() + LEAVE_TIMEOUT
        while node in self.nodes():
            if time.monotonic() > until:
                return False
            time.sleep(0.5)
        return True


def provide_zip(cluster: Cluster) -> None:
    """Link a zip fetched before into our directory, or make sure fetch.sh can fetch one."""
    said = subprocess.run(["bash", "-c", 'source "$1" && echo "$OS_VERSION" && echo "$OS_ZIP"',
                           "_", str(NODE_SCRIPTS / "common.sh")], env=cluster.env,
                          capture_output=True, text=True, check=True).stdout.split("\n")
    version, target = said[0], Path(said[1])
    if target.exists():
        return
    if target.is_symlink():                     # to a cache that is gone
        target.unlink()
    # fetched before into the usual instance directory, or into Maven's cache
    for cache in (ROOT / "instance" / "opensearch", Path.home() / MAVEN_CACHE.format(version=version)):
        found = cache / target.name
        if found.is_file() and found.resolve() != target.resolve():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(target.parent, 0o755)      # the node user must read the distribution
            target.symlink_to(found)
            return
    if not shutil.which("mvn"):
        raise CannotStart(f"no OpenSearch {version} zip in {target.parent} or Maven's cache, "
                          "and no mvn to fetch it (apt-get install maven)")


def check_java() -> None:
    if not (os.environ.get("OPENSEARCH_JAVA_HOME") or os.environ.get("JAVA_HOME")
            or shutil.which("java")):
        raise CannotStart("no java: install a JDK 17 (apt-get install openjdk-17-jdk-headless) "
                          "or set OPENSEARCH_JAVA_HOME")


class Check:
    """The steps of one run, each printed as it ends, and the failures found."""

    def __init__(self, cluster: Cluster, name: str):
        self.cluster, self.name = cluster, name
        self.location = f"opensearch:{cluster.url}/{name}"
        self.started = time.monotonic()
        self.failures: list[str] = []

    def say(self, step: str, ok: bool, text: str, since: float | None = None) -> bool:
        took = f" ({time.monotonic() - since:.1f} s)" if since is not None else ""
        print(f"[{time.monotonic() - self.started:6.1f} s] {'ok  ' if ok else 'FAIL'} "
              f"{step}: {text}{took}", flush=True)
        if not ok:
            self.failures.append(f"{step}: {text}")
        return ok

    def build(self) -> None:
        since = time.monotonic()
        done = subprocess.run([sys.executable, str(BUILD_SCRIPT), str(ARTICLES),
                               "--backend", "opensearch", "--url", self.cluster.url,
                               "--name", self.name, "--shards", str(SHARDS),
                               "--replicas", str(REPLICAS)],
                              env=self.cluster.env, capture_output=True, text=True)
        text = (done.stdout.strip() or done.stderr.strip()).splitlines()
        self.say("build", done.returncode == 0,
                 f"build_index.py exited {done.returncode}: {text[-1] if text else ''}", since)
        if done.returncode:
            sys.stderr.write(done.stderr)
            raise RuntimeError("the build failed")

    def state(self, step: str, status: str, nodes: set[str]) -> None:
        """Check the index's health colour and where its shard copies are."""
        since = time.monotonic()
        health = self.cluster.health(self.name, status)
        self.say(f"{step}: health", health["status"] == status and not health["timed_out"],
                 f"{health['status']} (wanted {status}), {health['number_of_nodes']} nodes, "
                 f"{health['active_shards']} active and {health['unassigned_shards']} "
                 f"unassigned shard copies", since)
        shards = self.cluster.shards(self.name)
        if status == "green":
            problems = layout_problems(shards, SHARDS, REPLICAS, nodes)
        else:
            problems = layout_problems([r for r in shards if r["prirep"] == "p"], SHARDS, 0, nodes)
        self.say(f"{step}: shards", not problems, f"{layout(shards)}"
                 + (f"; {'; '.join(problems)}" if problems else ""))

    def engine(self, cache: Path):
        """Return a new ``SearchEngine`` on our index, its files cached in ``cache``."""
        from searcher.search import SearchEngine
        os.environ["OPENSEARCH_CACHE"] = str(cache)   # read when the location is made
        return SearchEngine(self.location)

    def answers(self, step: str, engine) -> dict[str, Answer]:
        """Run every query of QUERIES through ``engine``."""
        since = time.monotonic()
        answers = {query: answer(engine, query) for query in QUERIES}
        failed = [query for query, seen in answers.items() if seen.error]
        self.say(f"{step}: queries", not failed, f"{len(QUERIES)} queries, totals "
                 + ", ".join(f"{q} {a.total}" for q, a in answers.items()), since)
        return answers

    def compare(self, step: str, expected: dict[str, Answer], seen: dict[str, Answer]) -> None:
        found = differences(expected, seen)
        self.say(f"{step}: same answers", not found,
                 "every total and every id the same" if not found else "; ".join(found))


def run(check: Check, cluster: Cluster, cache: Path, watching: bool = True) -> None:
    """The steps of the check: build, answer, lose node 2, answer, restore it, answer.

    In each state the queries run through a fresh engine (its files read from the
    cluster again) and through the engine opened first, as a web server keeps it.
    """
    check.build()
    both = {"node-1", "node-2"}
    check.state("both nodes", "green", both)
    manager = cluster.get("/_cat/cluster_manager?format=json")[0]["node"]
    check.say("both nodes: manager", manager == "node-1", f"{manager} is the cluster manager")
    kept = check.engine(cache / "kept")
    expected = check.answers("both nodes", kept)
    for query, seen in expected.items():
        print(f"           {query:<20} {seen}")
    empty = empty_answers(expected)
    check.say("both nodes: every query finds something", not empty, "; ".join(empty) or "yes")

    since = time.monotonic()
    with Watch(kept, expected, watching) as watch:
        cluster.script("stop.sh", "--node", "2")
        gone = cluster.wait_until_gone("node-2")
    check.say("stop node-2", gone, f"_cat/nodes: {sorted(cluster.nodes())}", since)
    check.say("stop node-2: searches meanwhile", not watch.wrong, watch.summary())
    lost_and_back(check, "node-2 stopped", "yellow", {"node-1"}, expected, kept, cache)

    since = time.monotonic()
    with Watch(kept, expected, watching) as watch:
        cluster.script("start.sh", "--nodes", "2")
        check.say("restart node-2", True, f"_cat/nodes: {sorted(cluster.nodes())}", since)
        check.state("node-2 restarted", "green", both)
    check.say("restart node-2: searches meanwhile", not watch.wrong, watch.summary())
    lost_and_back(check, "node-2 restarted", None, both, expected, kept, cache)


def lost_and_back(check: Check, step: str, status: str | None, nodes: set[str],
                  expected: dict[str, Answer], kept, cache: Path) -> None:
    """Check one state after a node left or came back: colour and shards (unless checked
    already, ``status=None``), then both engines' answers."""
    if status:
        check.state(step, status, nodes)
    fresh = check.answers(f"{step}, fresh engine", check.engine(cache / step.replace(" ", "-")))
    check.compare(f"{step}, fresh engine", expected, fresh)
    check.compare(f"{step}, engine opened before", expected,
                  check.answers(f"{step}, engine opened before", kept))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="Exit status: 0 pass, 1 fail, 2 OpenSearch "
                                            "could not be started.")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"HTTP port of node 1, node 2 the next (default {DEFAULT_PORT})")
    parser.add_argument("--transport-port", type=int, default=DEFAULT_TRANSPORT_PORT,
                        help=f"transport port of node 1 (default {DEFAULT_TRANSPORT_PORT})")
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR,
                        help="the nodes' directory, OPENSEARCH_DIR of the node scripts "
                             f"(default {DEFAULT_DIR.relative_to(ROOT)})")
    parser.add_argument("--name", default=DEFAULT_NAME,
                        help=f"the index (alias) to build and search (default {DEFAULT_NAME})")
    parser.add_argument("--keep", action="store_true", help="leave the nodes running at the end")
    parser.add_argument("--no-watch", dest="watch", action="store_false",
                        help="no searches while node 2 stops and restarts (only the states after)")
    return parser.parse_args(argv)


def start(cluster: Cluster, check: Check) -> None:
    """Start the two nodes; ``CannotStart`` if OpenSearch cannot run here."""
    check_java()
    provide_zip(cluster)
    since = time.monotonic()
    try:
        cluster.script("start.sh", "--nodes", "2")
    except RuntimeError as error:
        raise CannotStart(f"{error} (its message is above)") from error
    version = cluster.get("/")["version"]
    check.say("start", True, f"2 nodes at {cluster.url}, OpenSearch {version['number']} "
              f"(Lucene {version['lucene_version']}), nodes {sorted(cluster.nodes())}", since)


def stop_ours(cluster: Cluster, before: set[int], keep: bool, check: Check) -> None:
    """Stop the nodes this run started (all but those running ``before``), unless ``keep``."""
    ours = sorted(cluster.running() - before)
    if keep and ours:
        print(f"left running (--keep): node(s) {ours} at {cluster.url}", flush=True)
    if keep or not ours:
        return
    for node in ours:
        try:
            cluster.script("stop.sh", "--node", str(node))
        except RuntimeError as error:
            check.say("stop", False, str(error))
    print(f"stopped node(s) {ours} of {cluster.directory}", flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    cluster = Cluster(args.port, args.transport_port, args.dir.resolve())
    check = Check(cluster, args.name)
    # a SIGTERM (a CI timeout) stops the nodes too, as Ctrl-C does
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))
    before = cluster.running()
    if before:
        print(f"note: node(s) {sorted(before)} of {args.dir} already running: reused, "
              "and left running at the end", flush=True)
    try:
        start(cluster, check)
        with tempfile.TemporaryDirectory(prefix="check-cluster-") as cache:
            run(check, cluster, Path(cache), args.watch)
    except CannotStart as error:
        print(f"error: OpenSearch could not be started: {error}", file=sys.stderr)
        return 2
    except (RuntimeError, OSError, urllib.error.URLError) as error:
        check.say("run", False, f"stopped: {error}")
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        check.failures.append("interrupted")
    finally:
        stop_ours(cluster, before, args.keep, check)
    took = time.monotonic() - check.started
    if check.failures:
        print(f"FAIL in {took:.0f} s: {len(check.failures)} failed step(s): "
              + " | ".join(check.failures))
        return 1
    print(f"PASS in {took:.0f} s: with node-2 lost and back, {len(QUERIES)} queries "
          "answered the same totals and ids; green again")
    return 0


if __name__ == "__main__":
    sys.exit(main())
