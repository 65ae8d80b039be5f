"""``searcher.opensearch.companions``: a build's files kept in the cluster, fetched once per
web server. On a real node (``OPENSEARCH_URL``; skipped without one, see ``backends``)."""
from __future__ import annotations

import os
import threading

import pytest

import backends
from searcher.opensearch import companions


@pytest.fixture
def client():
    backends.require("opensearch")
    from searcher.opensearch.location import make_client
    return make_client(backends.OPENSEARCH_URL)


@pytest.fixture
def index(client):
    from searcher.opensearch.location import new_build_index
    name = new_build_index(f"{backends.SESSION_PREFIX}-files-{os.urandom(3).hex()}")
    backends._built.append(name)
    yield name
    client.indices.delete(index=companions.files_index(name), ignore_unavailable=True)


def test_files_come_back_byte_for_byte_across_chunks(client, index, tmp_path, monkeypatch):
    monkeypatch.setattr(companions, "CHUNK_BYTES", 1000)
    (tmp_path / "up").mkdir()
    data = {"lexicon.bin": os.urandom(4500), "links.json": "{\"કિમ\": []}".encode(),
            "empty.tsv": b""}
    for name, content in data.items():
        (tmp_path / "up" / name).write_bytes(content)
    companions.upload(client, index, tmp_path / "up", list(data))
    got = companions.download(client, index, tmp_path / "cache")
    assert got == tmp_path / "cache" / index
    assert {name: (got / name).read_bytes() for name in data} == data


def test_web_servers_fetching_at_once_all_get_a_complete_directory(client, index, tmp_path):
    (tmp_path / "up").mkdir()
    (tmp_path / "up" / "vocabulary.tsv").write_text("કિમ\t1\t2\n", "utf-8")
    companions.upload(client, index, tmp_path / "up", ["vocabulary.tsv"])
    found, errors = [], []

    def fetch():
        try:
            found.append(companions.download(client, index, tmp_path / "cache"))
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)
    threads = [threading.Thread(target=fetch) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(set(found)) == 1
    assert (found[0] / "vocabulary.tsv").read_text("utf-8") == "કિમ\t1\t2\n"
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [index]   # no partial left


def test_an_older_builds_cache_is_removed_when_a_newer_one_is_fetched(client, index, tmp_path):
    from searcher.opensearch.location import alias_of_build
    stale = tmp_path / "cache" / f"{alias_of_build(index)}-b20260101t000000-b00000"
    other_alias = tmp_path / "cache" / f"{alias_of_build(index)}x-b20260101t000000-b00000"
    other_alias.mkdir(parents=True)
    stale.mkdir(parents=True)
    (tmp_path / "up").mkdir()
    (tmp_path / "up" / "a").write_bytes(b"x")
    companions.upload(client, index, tmp_path / "up", ["a"])
    companions.download(client, index, tmp_path / "cache")
    assert not stale.exists() and other_alias.exists()
