"""Bad source files beside good ones: each is skipped with its reason, the rest is indexed.

Covers what a folder of saved pages really holds: other encodings, Windows line
ends, binary junk, empty and huge files, broken and looping symbolic links, files
that cannot be read; and that a failing build never loses the previous index.
"""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from index.build import BuildError, build
from index.sources import Document, Skipped, read_sources
from searcher.layout import current_build
from searcher.search import SearchEngine

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
GU_PAGE = ARTICLES / "000_4a1281cac945e6a1.txt"
HI_PAGE = ARTICLES / "002_b809a8d0328b69a2.txt"


def page_with(marker: str, page: Path = GU_PAGE) -> str:
    """Return a bundled page whose first article paragraph ends with a made-up ``marker``."""
    lines = page.read_text("utf-8").split("\n")
    first = next(n for n, line in enumerate(lines) if len(line) > 200)
    lines[first] += f" {marker}."
    return "\n".join(lines)


def write_invalid_utf8(path: Path) -> None:
    path.write_bytes(page_with("ખોટુંબાઇટ").encode("utf-8")[:500] + b"\xe9\xff ab\xe9cd")


def write_nul(path: Path) -> None:
    path.write_bytes(page_with("નલબાઇટ").encode("utf-8") + b"\x00\x00binary")


def write_large(path: Path) -> None:
    with open(path, "wb") as handle:        # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)


def write_loop(path: Path) -> None:
    partner = path.with_name("loop_b.txt")
    os.symlink(partner.name, path)
    os.symlink(path.name, partner)


def write_unreadable_proc(path: Path) -> None:
    if not Path("/proc/self/mem").exists():
        pytest.skip("no /proc/self/mem on this system")
    os.symlink("/proc/self/mem", path)      # reading it at offset 0 fails with EIO, even for root


#: (file name, how to write it, reason it is skipped for)
SKIPPED = [
    ("invalid_utf8.txt", write_invalid_utf8, "not UTF-8"),
    ("nul_bytes.txt", write_nul, "binary file"),
    ("empty.txt", lambda p: p.write_bytes(b""), "empty file"),
    ("blank.txt", lambda p: p.write_bytes(b" \r\n\t\n"), "empty file"),
    ("large.txt", write_large, "larger than 20 MB"),
    ("loop_a.txt", write_loop, "symbolic links"),
    ("dangling.txt", lambda p: os.symlink("nowhere.txt", p), "No such file"),
    ("proc_mem.txt", write_unreadable_proc, "Input/output error"),
]
# (a file without read permission: test_unreadable_file_is_skipped_for_an_unprivileged_build)

#: (file name, bytes, made-up word in it): pages in other encodings that must be indexed.
READABLE = [
    ("utf16_bom.txt", page_with("યુટીએફસોળ").encode("utf-16"), "યુટીએફસોળ"),
    ("utf16_be_bom.txt", b"\xfe\xff" + page_with("બિગએન્ડિયન").encode("utf-16-be"),
     "બિગએન્ડિયન"),
    ("utf8_bom.txt", b"\xef\xbb\xbf" + page_with("બીઓએમવાળું").encode("utf-8"), "બીઓએમવાળું"),
    ("crlf.txt", page_with("સીઆરએલએફ", HI_PAGE).replace("\n", "\r\n").encode("utf-8"),
     "સીઆરએલએફ"),
    ("cr_only.txt", page_with("કેરેજરિટર્ન").replace("\n", "\r").encode("utf-8"), "કેરેજરિટર્ન"),
]


def only_in_dir(tmp_path: Path, name: str, write) -> list:
    folder = tmp_path / "one"
    folder.mkdir()
    write(folder / name)
    return list(read_sources([folder]))


@pytest.mark.parametrize("name, write, reason", SKIPPED, ids=[case[0] for case in SKIPPED])
def test_bad_file_is_skipped_with_its_reason(tmp_path, name, write, reason):
    items = only_in_dir(tmp_path, name, write)
    skipped = [item for item in items
               if isinstance(item, Skipped) and Path(item.where).name == name]
    assert len(skipped) == 1, items
    assert reason in skipped[0].reason
    assert not [item for item in items if isinstance(item, Document)]


@pytest.mark.parametrize("name, data, word", READABLE, ids=[case[0] for case in READABLE])
def test_other_encodings_and_line_ends_are_read(tmp_path, name, data, word):
    items = only_in_dir(tmp_path, name, lambda p: p.write_bytes(data))
    assert [type(item) for item in items] == [Document], items
    doc = items[0]
    assert word in doc.text and "\r" not in doc.text and "\ufeff" not in doc.text + doc.title
    assert doc.title and doc.lang in ("gu", "hi")


def test_a_directory_named_like_a_page_is_walked_not_read(tmp_path):
    folder = tmp_path / "one"
    (folder / "x.txt").mkdir(parents=True)
    (folder / "x.txt" / "inner.txt").write_text(page_with("અંદરનું"), "utf-8")
    items = list(read_sources([folder]))
    assert [Path(item.origin).name for item in items] == ["inner.txt"]


def test_bad_json_lines_are_skipped_one_by_one(tmp_path):
    good = '{"id": "ok", "lang": "hi", "title": "ठीक", "text": "सही लेख"}'.encode("utf-8")
    lines = [good,
             b'{"id": "broken", "text": ', b'[1, 2]', b'{"id": "bad-utf8", "text": "ab\xe9"}',
             b'{"id": "nothing", "text": "  ", "title": ""}', b"", b"\x00\x00"]
    source = tmp_path / "items.jsonl"
    source.write_bytes(b"\r\n".join(lines) + b"\r\n")
    items = list(read_sources([source]))
    assert [item.id for item in items if isinstance(item, Document)] == ["ok"]
    reasons = {item.where.rsplit(":", 1)[1]: item.reason for item in items
               if isinstance(item, Skipped)}
    assert set(reasons) == {"2", "3", "4", "5", "7"}
    assert "not JSON" in reasons["2"] and "not a JSON object" in reasons["3"]
    assert "not UTF-8" in reasons["4"] and "no text and no title" in reasons["5"]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """Return (index dir, build report) for the bundled pages plus every bad and odd file."""
    base = tmp_path_factory.mktemp("mixed")
    folder = base / "articles"
    folder.mkdir()
    for page in ARTICLES.glob("*.txt"):
        (folder / page.name).write_bytes(page.read_bytes())
    expected = {}
    for name, write, reason in SKIPPED:
        try:
            write(folder / name)
        except pytest.skip.Exception:
            continue
        expected[name] = reason
    expected["loop_b.txt"] = "symbolic links"
    for name, data, _ in READABLE:
        (folder / name).write_bytes(data)
    report = build([folder], base / "index")
    return base / "index", report, expected


def test_mixed_folder_skips_each_bad_file_and_indexes_the_rest(mixed):
    index_dir, report, expected = mixed
    reasons = {Path(item.where).name: item.reason for item in report.skipped}
    assert set(reasons) == set(expected)
    for name, reason in expected.items():
        assert reason in reasons[name], (name, reasons[name])
    assert report.indexed == len(list(ARTICLES.glob("*.txt"))) + len(READABLE)


@pytest.mark.parametrize("name, word", [(name, word) for name, _, word in READABLE])
def test_readable_odd_files_are_searchable(mixed, name, word):
    index_dir, _, _ = mixed
    results = SearchEngine(index_dir).search(word)
    assert [hit.id for hit in results.results] == [Path(name).stem]


def test_build_of_only_bad_files_fails_and_keeps_the_previous_index(mixed, tmp_path):
    index_dir, _, expected = mixed
    before = current_build(index_dir)
    total = SearchEngine(index_dir).search("કિમ").total
    bad = tmp_path / "bad"
    bad.mkdir()
    for name, write, _ in SKIPPED[:5]:
        write(bad / name)
    with pytest.raises(BuildError, match="nothing to index"):
        build([bad], index_dir)
    assert current_build(index_dir) == before
    assert SearchEngine(index_dir).search("કિમ").total == total
    assert not _unfinished(index_dir)


def test_build_that_crashes_midway_keeps_the_previous_index(mixed, tmp_path, monkeypatch):
    index_dir, _, _ = mixed
    before = current_build(index_dir)
    total = SearchEngine(index_dir).search("કિમ").total
    source = tmp_path / "items.jsonl"
    source.write_text('{"id": "a", "lang": "hi", "text": "पहला लेख"}\n' * 1, "utf-8")

    def failing_write(*args, **kwargs):
        raise OSError(errno.EIO, "injected write failure")
    import whoosh.writing
    monkeypatch.setattr(whoosh.writing.SegmentWriter, "add_document", failing_write)
    with pytest.raises(OSError, match="injected"):
        build([source], index_dir, full=True)
    assert current_build(index_dir) == before
    assert SearchEngine(index_dir).search("કિમ").total == total
    assert not _unfinished(index_dir)


def _unfinished(index_dir: Path) -> list[str]:
    return [d.name for d in (index_dir / "builds").iterdir() if not (d / "manifest.json").exists()]


#: Commands that run a command as the unprivileged user ``nobody`` (root reads
#: any file, chmod 000 or not; CI runs as root).
AS_NOBODY = [
    ("setpriv", ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]),
    ("runuser", ["runuser", "-u", "nobody", "--"]),
]


def _unprivileged() -> list[str]:
    """Return the command prefix that drops root, or ``[]`` when not root."""
    if os.geteuid() != 0:
        return []
    for tool, prefix in AS_NOBODY:
        if shutil.which(tool):
            return prefix
    pytest.skip("running as root without setpriv or runuser: cannot read as another user")


def test_unreadable_file_is_skipped_for_an_unprivileged_build():
    """A page without read permission is skipped and named; the build goes on."""
    prefix = _unprivileged()
    base = Path(tempfile.mkdtemp(prefix="unreadable-"))   # not under root's private tmp
    try:
        base.chmod(0o755)
        pages = base / "pages"
        pages.mkdir(mode=0o755)
        (pages / "readable.txt").write_text(page_with("વાંચી શકાય"), "utf-8")
        locked = pages / "chmod_000.txt"
        locked.write_text(page_with("અવાચ્ય"), "utf-8")
        locked.chmod(0)
        (pages / "readable.txt").chmod(0o644)
        index_dir = base / "ix"
        index_dir.mkdir(mode=0o777)
        index_dir.chmod(0o777)
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(base)}
        result = subprocess.run(
            [*prefix, sys.executable, str(ROOT / "scripts" / "build_index.py"), str(pages),
             "--index", str(index_dir), "--procs", "1"],
            capture_output=True, text=True, timeout=300, env=env, cwd=base)
        assert result.returncode == 1, result.stderr
        assert f"{locked}: Permission denied" in result.stderr
        assert result.stdout.startswith("indexed 1, skipped 1")
        assert [hit.id for hit in SearchEngine(index_dir).search("અવાચ્ય").results] == []
        assert SearchEngine(index_dir).search("કિમ").total == 1
    finally:
        shutil.rmtree(base, ignore_errors=True)


#: How long a hang detector waits for what should happen at once (generous: the
#: machine may be loaded; a real hang never ends).
HANG_BOUND = 120


def test_named_pipe_does_not_block_the_build(tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "page.txt").write_text(page_with("પાઇપ"), "utf-8")
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    done = threading.Event()
    thread = threading.Thread(target=lambda: (build([folder], tmp_path / "ix"), done.set()),
                              daemon=True)
    thread.start()
    blocked = not done.wait(timeout=HANG_BOUND)
    _release(fifo, thread)
    assert not blocked, f"the build was still waiting on the named pipe after {HANG_BOUND} s"


def _release(fifo: Path, thread: threading.Thread) -> None:
    """Unblock readers of ``fifo`` by opening it for writing until ``thread`` ends (bounded)."""
    deadline = time.monotonic() + 10
    while thread.is_alive() and time.monotonic() < deadline:
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
        time.sleep(0.05)


def test_failure_after_the_switch_keeps_an_index_serving(tmp_path, monkeypatch):
    import index.build as index_build
    index_dir = tmp_path / "ix"
    build([ARTICLES], index_dir)
    real_fsync = index_build._fsync

    def fsync(path):
        if Path(path) == index_dir:
            raise OSError(errno.EIO, "injected fsync failure of the index directory")
        return real_fsync(path)
    monkeypatch.setattr(index_build, "_fsync", fsync)
    report = build([ARTICLES], index_dir, full=True)   # the rename is done: the build stands
    assert SearchEngine(index_dir).search("કિમ").total == 5
    assert (index_dir / "current").resolve() == Path(report.build_dir).resolve()
