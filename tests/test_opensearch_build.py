"""Builds on a real OpenSearch node: the alias switch, failed and killed builds, the lock, errors.

Run when ``OPENSEARCH_URL`` names a node (``make opensearch``; ``.ci/run`` starts one);
skipped otherwise, with the message of ``backends.require``.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import backends
from index.build import BuildError, BuildLocked
from newsfixture import write_jsonl
from web import create_app

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"


@pytest.fixture(autouse=True)
def node():
    backends.require("opensearch")


@pytest.fixture
def location(tmp_path):
    from searcher.opensearch.location import OpenSearchLocation
    name = f"{backends.SESSION_PREFIX}-build-{os.urandom(3).hex()}"
    backends._built.append(name)
    return OpenSearchLocation(backends.OPENSEARCH_URL, name, cache=tmp_path / "cache")


def build(location, sources=(ARTICLES,), **options):
    from index.opensearch_build import build_on_cluster
    return build_on_cluster(list(sources), location, procs=options.pop("procs", 1), **options)


def build_indices(location) -> set[str]:
    found = location.client.indices.get(index=f"{location.name}-b*", allow_no_indices=True,
                                        ignore_unavailable=True)
    return set(found)


def target(location) -> str | None:
    from searcher.opensearch.location import alias_target
    return alias_target(location.client, location.name)


def test_a_build_serves_through_the_alias_and_a_rebuild_replaces_it(location):
    from searcher.search import SearchEngine
    report = build(location)
    first = target(location)
    assert report.indexed == 5 and not report.skipped and first in report.build_dir
    assert build_indices(location) == {first, f"{first}-files"}
    assert SearchEngine(str(location)).search("shoigu").total == 3
    build(location)
    second = target(location)
    assert second != first
    assert build_indices(location) == {second, f"{second}-files"}     # the previous is gone


def test_the_alias_moves_in_one_step_under_searches(location):
    """A reader looking at the alias all through a rebuild sees the old build or the new one."""
    from searcher.search import SearchEngine
    build(location)
    engine, seen, stop = SearchEngine(str(location)), [], threading.Event()

    def read():
        while not stop.is_set():
            seen.append(engine.search("કિમ").total)
    reader = threading.Thread(target=read)
    reader.start()
    try:
        build(location)
        time.sleep(1.5)
    finally:
        stop.set()
        reader.join()
    assert seen and set(seen) == {5}


def test_a_build_with_nothing_to_index_leaves_the_served_build(location, tmp_path):
    build(location)
    served = target(location)
    empty = write_jsonl(tmp_path / "empty.jsonl", [])
    with pytest.raises(BuildError, match="nothing to index"):
        build(location, [empty])
    assert target(location) == served
    assert build_indices(location) == {served, f"{served}-files"}


def test_skipped_items_are_named_and_the_rest_indexed(location, tmp_path):
    source = tmp_path / "mixed.jsonl"
    source.write_text('{"id": "a", "title": "કિમ", "text": "કિમ મોસ્કો ગયા.", "lang": "gu"}\n'
                      "not json\n", "utf-8")
    report = build(location, [source])
    assert report.indexed == 1 and [item.where for item in report.skipped] == [f"{source}:2"]


def test_a_killed_build_never_moves_the_alias_and_the_next_build_removes_its_index(location, tmp_path):
    build(location)
    served = target(location)
    rows = [{"id": f"k{n}", "title": f"સમાચાર {n}", "text": "કિમ જોંગ ઉન મોસ્કો ગયા. " * 30,
             "lang": "gu"} for n in range(4000)]
    big = write_jsonl(tmp_path / "big.jsonl", rows)
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "build_index.py"), str(big), "--procs", "1",
         "--index", str(location)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(build_indices(location)) < 3 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(build_indices(location)) >= 3, "the build never created its index"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert target(location) == served
    half_made = build_indices(location) - {served, f"{served}-files"}
    assert half_made
    build(location)                           # the lock of the dead build is taken over
    assert not half_made & build_indices(location)


def test_a_second_build_is_refused_or_waits(location):
    from index.opensearch_build import cluster_lock
    build(location)
    with cluster_lock(location.client, location.name):
        with pytest.raises(BuildLocked, match="another build"):
            build(location)
    with cluster_lock(location.client, location.name):
        done = []
        waiter = threading.Thread(target=lambda: done.append(build(location, wait=True)))
        waiter.start()
        time.sleep(1.5)
        assert not done                       # still waiting for the lock
    waiter.join(60)
    assert done and done[0].indexed == 5


def test_the_command_line_exits_3_while_another_build_runs(location):
    from index.opensearch_build import cluster_lock
    with cluster_lock(location.client, location.name):
        run = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_index.py"),
                              "--index", str(location)], capture_output=True, text=True)
    assert run.returncode == 3 and "another build" in run.stderr


def test_the_command_line_builds_and_prints_a_summary(location):
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_index.py"),
                          "--backend", "opensearch", "--url", location.url, "--name", location.name,
                          "--shards", "2"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("indexed 5, skipped 0") and target(location) in run.stdout
    settings = location.client.indices.get_settings(index=target(location))
    assert next(iter(settings.values()))["settings"]["index"]["number_of_shards"] == "2"


def test_no_index_or_no_cluster_is_a_clear_503(location):
    missing = create_app({"TESTING": True, "SEARCH_BACKEND": "opensearch",
                          "OPENSEARCH_URL": location.url, "OPENSEARCH_INDEX": location.name})
    response = missing.test_client().get("/api/search?q=kim")
    assert response.status_code == 503 and "build one" in response.get_json()["error"]
    unreachable = create_app({"TESTING": True, "SEARCH_BACKEND": "opensearch",
                              "OPENSEARCH_URL": "http://127.0.0.1:9", "OPENSEARCH_INDEX": "news"})
    response = unreachable.test_client().get("/search?q=kim")
    assert response.status_code == 503 and "did not answer" in response.get_data(as_text=True)

