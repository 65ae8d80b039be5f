import os
import subprocess
import sys
from pathlib import Path

import pytest

from index.build import BuildError, BuildLocked, build, build_lock
from searcher.layout import CURRENT, IndexMissing, current_build
from searcher.search import SearchEngine

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_index.py"


def run_script(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_build_switches_atomically_and_keeps_one_previous(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    first = build([articles_copy], index_dir)
    assert current_build(index_dir) == Path(first.build_dir).resolve()
    second = build([articles_copy], index_dir)
    third = build([articles_copy], index_dir)
    assert current_build(index_dir) == Path(third.build_dir).resolve()
    kept = sorted(p.name for p in (index_dir / "builds").iterdir())
    assert kept == sorted([Path(second.build_dir).name, Path(third.build_dir).name])


def test_failed_build_leaves_previous_index_serving(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir)
    before = current_build(index_dir)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(BuildError, match="nothing to index"):
        build([empty], index_dir)
    assert current_build(index_dir) == before
    assert SearchEngine(index_dir).search("કિમ").total == 5


def test_second_build_is_refused_while_one_runs(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    with build_lock(index_dir):
        with pytest.raises(BuildLocked, match="another build"):
            build([articles_copy], index_dir)
        result = run_script(articles_copy, "--index", index_dir)
        assert result.returncode == 3
        assert "another build" in result.stderr


def test_no_index_is_reported_clearly(tmp_path):
    with pytest.raises(IndexMissing, match="build_index.py"):
        current_build(tmp_path)


def test_script_reports_skips_and_exit_status(articles_copy, tmp_path):
    (articles_copy / "bad.txt").write_bytes(b"\xff\xfe\xfa broken" * 3)
    (articles_copy / "bad.txt").write_bytes(b"ab\xe9cd" * 3)
    result = run_script(articles_copy, "--index", tmp_path / "ix")
    assert result.returncode == 1, result.stderr
    assert "skipped" in result.stderr and "bad.txt: not UTF-8" in result.stderr
    assert result.stdout.startswith("indexed 5, skipped 1")
    assert (tmp_path / "ix" / CURRENT).is_symlink()


def test_script_all_good_exits_zero(articles_copy, tmp_path):
    result = run_script(articles_copy, "--index", tmp_path / "ix")
    assert result.returncode == 0, result.stderr
    assert "indexed 5, skipped 0" in result.stdout


def test_killed_build_leaves_previous_index(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir)
    before = current_build(index_dir)
    # a build directory left behind by a killed build is cleaned by the next one
    stale = index_dir / "builds" / "20000101T000000-1"
    stale.mkdir()
    (stale / "junk").write_text("half-written")
    build([articles_copy], index_dir)
    assert not stale.exists()
    assert current_build(index_dir) != before


def test_rebuild_with_nothing_changed_reads_nothing(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir)
    again = build([articles_copy], index_dir)
    assert (again.indexed, again.reused) == (0, 5)
    assert SearchEngine(index_dir).search("શોઇગુ").total == 3


def test_changed_file_is_reindexed_alone_and_removed_file_disappears(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir)
    page = sorted(articles_copy.glob("001_*.txt"))[0]
    page.write_text(page.read_text("utf-8") + "\nક્વોન્ટલેક્સ નવો શબ્દ ઉમેરાયો.\n", "utf-8")
    (sorted(articles_copy.glob("004_*.txt"))[0]).unlink()
    report = build([articles_copy], index_dir)
    assert (report.indexed, report.reused) == (1, 3)
    engine = SearchEngine(index_dir)
    assert [h.id[:3] for h in engine.search("ક્વોન્ટલેક્સ").results] == ["001"]
    assert "004" not in {h.id[:3] for h in engine.search("કિમ").results}
    assert engine.search("કિમ").total == 4


def test_touched_but_unchanged_file_is_not_reread(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir)
    page = sorted(articles_copy.glob("002_*.txt"))[0]
    os.utime(page, None)
    assert build([articles_copy], index_dir).indexed == 0


def test_full_rebuild_reads_everything(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir)
    assert build([articles_copy], index_dir, full=True).indexed == 5


def test_explain_shows_each_line_verdict_and_builds_nothing(tmp_path):
    page = ROOT / "data" / "articles" / "002_b809a8d0328b69a2.txt"
    result = run_script("--explain", page, "--index", tmp_path / "ix")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("DROP") and "MSNBC" in line for line in lines)
    assert any(line.startswith("KEEP") and "पुतिन" in line for line in lines)
    assert not (tmp_path / "ix").exists()


QUERIES = ("શોઇગુ", "putin", "किम", "kim jong un", '"kim jong un"', "મિસાઇલ -kursk")


def _answers(index_dir):
    engine = SearchEngine(index_dir)
    answers = {}
    for text in QUERIES:
        results = engine.search(text, per_page=100)
        answers[text] = (results.total, results.facets,
                         [(hit.id, hit.score, hit.snippet, hit.also_in) for hit in results.results])
    return answers


def test_worker_processes_build_the_same_index(articles_copy, tmp_path, monkeypatch):
    """Two worker processes, one document per batch: same answers as one process."""
    from whoosh import index as whoosh_index

    import index.build
    import index.parallel
    monkeypatch.setattr(index.build, "MIN_PARALLEL_BYTES", 0)
    monkeypatch.setattr(index.build, "MIN_PARALLEL_LINKS", 0)
    monkeypatch.setattr(index.parallel, "BATCH", 1)
    serial = build([articles_copy], tmp_path / "serial", procs=1)
    parallel = build([articles_copy], tmp_path / "parallel", procs=2)
    assert parallel.indexed == serial.indexed == 5
    segments = whoosh_index.open_dir(str(current_build(tmp_path / "parallel"))).reader()
    assert len(segments.leaf_readers()) == 2
    from searcher.search import vocabulary
    serial_reader = whoosh_index.open_dir(str(current_build(tmp_path / "serial"))).reader()
    assert vocabulary(segments) == vocabulary(serial_reader)   # the lexicon's frequency prior
    assert _answers(tmp_path / "parallel") == _answers(tmp_path / "serial")
    # an incremental rebuild on top of worker-written segments
    page = sorted(articles_copy.glob("001_*.txt"))[0]
    page.write_text(page.read_text("utf-8") + "\nક્વોન્ટલેક્સ નવો શબ્દ ઉમેરાયો.\n", "utf-8")
    report = build([articles_copy], tmp_path / "parallel", procs=2)
    assert (report.indexed, report.reused) == (1, 4)
    engine = SearchEngine(tmp_path / "parallel")
    assert [h.id[:3] for h in engine.search("ક્વોન્ટલેક્સ").results] == ["001"]
    assert engine.search("શોઇગુ").total == 3


def test_a_failing_worker_fails_the_build_and_keeps_the_index(articles_copy, tmp_path,
                                                              monkeypatch):
    import index.build
    import index.parallel
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir, procs=1)
    before = current_build(index_dir)
    monkeypatch.setattr(index.build, "MIN_PARALLEL_BYTES", 0)
    monkeypatch.setattr(index.parallel, "document_signature",
                        lambda fields, lang: 1 / 0)
    with pytest.raises(BuildError, match="indexing worker failed.*previous index is still serving"):
        build([articles_copy], index_dir, procs=2, full=True)
    assert current_build(index_dir) == before
    assert SearchEngine(index_dir).search("શોઇગુ").total == 3


def test_child_process_failure_is_raised(tmp_path):
    from index.parallel import in_child
    done = tmp_path / "done"
    in_child(done.write_text, "yes").join()
    assert done.read_text() == "yes"
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        in_child(divmod, 1, 0).join()


def test_incremental_builds_do_not_pile_up_segments(articles_copy, tmp_path, monkeypatch):
    from whoosh import index as whoosh_index

    import index.build
    monkeypatch.setattr(index.build, "MIN_PARALLEL_BYTES", 0)
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir, procs=2)
    page = sorted(articles_copy.glob("001_*.txt"))[0]
    original = page.read_text("utf-8")
    words = ["ઝેબ્રાફૂલ", "કાચબાઘર", "મોરપીંછુ", "ગુલમહોરી"]
    for word in words:
        page.write_text(original + f"\n{word} નવો શબ્દ ઉમેરાયો.\n", "utf-8")
        assert build([articles_copy], index_dir, procs=2).indexed == 1
    segments = whoosh_index.open_dir(str(current_build(index_dir)))._segments()
    assert all(segment.doc_count() > 0 for segment in segments)
    assert len(segments) <= 3
    engine = SearchEngine(index_dir)
    assert engine.search(words[-1]).total == 1 and engine.search(words[-2]).total == 0
    assert engine.search("શોઇગુ").total == 3


KILLED_BUILD = """
import os, signal, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from whoosh import index
from index.build import build_lock
from index.parallel import ParallelWriter
from searcher.whoosh_analysis import make_schema
target = Path({target!r})
(target / "ix").mkdir()
index.create_in(str(target / "ix"), make_schema())
with build_lock(target):
    writer = ParallelWriter(str(target / "ix"), 2)
    (target / "pids").write_text(" ".join(str(worker.pid) for worker in writer._workers))
    os.kill(os.getpid(), signal.SIGKILL)
"""


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def test_workers_of_a_killed_build_exit_and_free_the_lock(tmp_path):
    import time
    script = KILLED_BUILD.format(root=str(ROOT), target=str(tmp_path))
    # output to files: the orphaned workers would keep a pipe open
    with open(tmp_path / "log", "w") as log:
        subprocess.run([sys.executable, "-c", script], stdout=log, stderr=log, timeout=60)
    workers = [int(pid) for pid in (tmp_path / "pids").read_text().split()]
    assert len(workers) == 2, (tmp_path / "log").read_text()
    deadline = time.monotonic() + 15
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_running(pid) for pid in workers)
    with build_lock(tmp_path):       # raises BuildLocked if a worker still held it
        pass
