"""``index.state``: what a build remembers about its sources, and when a file counts as unchanged."""
from __future__ import annotations

import hashlib
import os
import pickle

import pytest

from index.state import FORMAT, STATE, BuildState, Origin, fingerprint, origin_key, sha256_of, unchanged

GUJARATI = "પુતિનના 2 સિક્રેટ બાળકો\n".encode("utf-8")
HINDI = "पुतिन ने मोदी से फोन पर बात की\n".encode("utf-8")


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_bytes(GUJARATI)
    return path


def test_a_saved_state_loads_back_equal(tmp_path):
    state = BuildState(
        origins={"/data/news.jsonl": Origin(10, 123, "ab" * 32, ids=["zee-1", "l3-2"],
                                            skipped=[("line 3", "no text")])},
        signatures={"zee-1": ("gu", ("પુતિન", "બાળકો"))})
    state.save(tmp_path)
    assert (tmp_path / STATE).is_file()
    assert BuildState.load(tmp_path) == state


def test_no_state_file_loads_as_none(tmp_path):
    assert BuildState.load(tmp_path) is None


@pytest.mark.parametrize("content", [
    b"",                                           # truncated to nothing (EOFError)
    b"\x80\x05not a pickle at all",                # corrupt
    pickle.dumps({"origins": {}}),                 # a pickle, but not a BuildState
    pickle.dumps(BuildState(format=FORMAT - 1)),   # an older analysis: not to be reused
])
def test_a_state_that_cannot_be_reused_loads_as_none(tmp_path, content):
    (tmp_path / STATE).write_bytes(content)
    assert BuildState.load(tmp_path) is None


def test_sha256_of_reads_files_larger_than_one_block(tmp_path):
    path = tmp_path / "big.txt"
    data = HINDI * 40_000                          # about 2.4 MB: three 1 MiB blocks
    path.write_bytes(data)
    assert sha256_of(path) == hashlib.sha256(data).hexdigest()


def test_fingerprint_of_a_new_file_hashes_it(source):
    found = fingerprint(source)
    assert (found.size, found.sha256) == (len(GUJARATI), hashlib.sha256(GUJARATI).hexdigest())
    assert found.mtime_ns == source.stat().st_mtime_ns
    assert found.ids == [] and found.skipped == []


def test_fingerprint_trusts_a_known_hash_while_size_and_time_match(source):
    """The file is not read again: a hash known for the same size and time is kept."""
    stat = source.stat()
    known = Origin(stat.st_size, stat.st_mtime_ns, "remembered")
    assert fingerprint(source, known).sha256 == "remembered"


def test_fingerprint_hashes_again_when_the_time_differs(source):
    stat = source.stat()
    known = Origin(stat.st_size, stat.st_mtime_ns - 1, "remembered")
    assert fingerprint(source, known).sha256 == hashlib.sha256(GUJARATI).hexdigest()


def test_fingerprint_of_a_directory_is_empty(tmp_path):
    assert fingerprint(tmp_path) == Origin(0, 0, "")


def test_fingerprint_of_a_missing_file_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        fingerprint(tmp_path / "gone.jsonl")


def test_a_file_touched_but_not_changed_is_unchanged(source):
    known = fingerprint(source)
    os.utime(source, ns=(known.mtime_ns + 10**9, known.mtime_ns + 10**9))
    now = unchanged(source, known)
    assert now is not None and now.sha256 == known.sha256
    assert now.mtime_ns == known.mtime_ns + 10**9       # the new time, for the next build


def test_a_file_rewritten_with_the_same_size_is_changed(source):
    known = fingerprint(source)
    altered = bytearray(GUJARATI)
    altered[0] ^= 1
    source.write_bytes(bytes(altered))
    os.utime(source, ns=(known.mtime_ns + 10**9, known.mtime_ns + 10**9))
    assert source.stat().st_size == known.size
    assert unchanged(source, known) is None


def test_a_file_with_new_lines_is_changed(source):
    known = fingerprint(source)
    source.write_bytes(GUJARATI + HINDI)
    assert unchanged(source, known) is None


@pytest.mark.parametrize("known", [None, Origin(len(GUJARATI), 0, "")])
def test_nothing_known_or_no_hash_known_is_never_unchanged(source, known):
    if known is not None:                          # same size and time, but nothing to compare
        known.mtime_ns = source.stat().st_mtime_ns
    assert unchanged(source, known) is None


def test_a_removed_file_is_not_unchanged(source):
    known = fingerprint(source)
    source.unlink()
    assert unchanged(source, known) is None


def test_origin_key_is_the_absolute_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert origin_key("news.jsonl") == str(tmp_path / "news.jsonl")
    assert origin_key(tmp_path / "a" / ".." / "news.jsonl") == str(tmp_path / "news.jsonl")
