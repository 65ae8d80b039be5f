"""What a build leaves and says: its report, manifest, directory, lock messages, and
what an incremental build reads, reuses and rewrites (mutation tests of ``index.build``)."""
import errno
import os
import re
import shutil
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

import index.build
from index.build import BuildError, BuildLocked, build, build_lock, switch_to
from index.parallel import ParallelWriter
from searcher.layout import CURRENT, LOCK, current_build, read_manifest
from searcher.search import SearchEngine
from newsfixture import write_jsonl

#: A file of the bundled collection and a word only it has, and one only its Hindi twin has.
NORTH_KOREA, HINDI_TWIN = "000_", "002_"


def _page(articles: Path, prefix: str) -> Path:
    return next(articles.glob(f"{prefix}*.txt"))


def _add_word(articles: Path, prefix: str, word: str) -> None:
    page = _page(articles, prefix)
    page.write_text(page.read_text("utf-8") + f"\n{word} નવો શબ્દ ઉમેરાયો.\n", "utf-8")


# --- the report and the manifest ------------------------------------------------------

def test_summary_says_what_was_indexed_reused_and_where(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    before = time.monotonic()
    first = build([articles_copy], index_dir)
    elapsed = time.monotonic() - before
    assert 0 < first.seconds <= elapsed
    assert first.summary() == f"indexed 5, skipped 0, {first.seconds:.1f} s -> {first.build_dir}"
    again = build([articles_copy], index_dir)
    assert again.summary() == (f"indexed 0, reused 5 unchanged, skipped 0, "
                               f"{again.seconds:.1f} s -> {again.build_dir}")


def test_manifest_records_documents_skips_sources_and_time(articles_copy, tmp_path):
    """The manifest is readable JSON in the scripts themselves (no ``\\u`` escapes)."""
    (articles_copy / "ખરાબ.txt").write_bytes(b"ab\xe9cd" * 3)
    index_dir = tmp_path / "ix"
    wall = time.time()
    report = build([articles_copy], index_dir)
    manifest = read_manifest(current_build(index_dir))
    assert manifest["documents"] == 5
    assert manifest["skipped"] == [f"{articles_copy / 'ખરાબ.txt'}: not UTF-8 (bad byte at offset 2)"]
    assert manifest["sources"] == [str(articles_copy)]
    assert manifest["seconds"] == round(report.seconds, 3)
    created = datetime.strptime(manifest["created"], "%Y-%m-%dT%H:%M:%S%z").timestamp()
    assert int(wall) - 1 <= created <= time.time() + 1
    assert "ખરાબ.txt" in (current_build(index_dir) / "manifest.json").read_text("utf-8")
    _add_word(articles_copy, "001_", "ક્વોન્ટલેક્સ")
    build([articles_copy], index_dir)
    assert read_manifest(current_build(index_dir))["documents"] == 5     # 1 read + 4 reused


def test_skips_of_unchanged_files_are_reported_again(articles_copy, tmp_path):
    (articles_copy / "bad.txt").write_bytes(b"ab\xe9cd" * 3)
    index_dir = tmp_path / "ix"
    first = build([articles_copy], index_dir)
    again = build([articles_copy], index_dir)
    assert (again.indexed, again.reused) == (0, 5)
    assert [str(s) for s in again.skipped] == [str(s) for s in first.skipped] == [
        f"{articles_copy / 'bad.txt'}: not UTF-8 (bad byte at offset 2)"]


def test_on_item_sees_every_document_and_skip(articles_copy, tmp_path):
    (articles_copy / "bad.txt").write_bytes(b"ab\xe9cd" * 3)
    seen = []
    build([articles_copy], tmp_path / "ix", on_item=seen.append)
    assert sorted(item.id for item in seen if hasattr(item, "id")) == sorted(
        p.stem for p in articles_copy.glob("0*.txt"))
    assert [str(item) for item in seen if not hasattr(item, "id")] == [
        f"{articles_copy / 'bad.txt'}: not UTF-8 (bad byte at offset 2)"]


def test_build_directory_is_named_by_its_start_time_and_readable_by_all(articles_copy,
                                                                         tmp_path):
    started = time.strftime("%Y%m%dT%H%M%S")
    report = build([articles_copy], tmp_path / "a" / "b" / "ix")    # parents are made
    finished = time.strftime("%Y%m%dT%H%M%S")
    name = Path(report.build_dir).name
    assert re.fullmatch(r"\d{8}T\d{6}-\w+", name), name
    assert started <= name[:15] <= finished
    assert Path(report.build_dir).stat().st_mode & 0o777 == 0o755
    assert current_build(tmp_path / "a" / "b" / "ix") == Path(report.build_dir).resolve()


def test_a_build_leaves_no_file_open(articles_copy, tmp_path):
    before = len(os.listdir("/proc/self/fd"))
    build([articles_copy], tmp_path / "ix", procs=1)
    build([articles_copy], tmp_path / "ix", procs=1)
    assert len(os.listdir("/proc/self/fd")) == before


# --- messages of failed builds --------------------------------------------------------

def test_nothing_to_index_message(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(BuildError) as failed:
        build([tmp_path / "empty"], tmp_path / "ix")
    assert str(failed.value) == "nothing to index: every source was empty or skipped"
    assert list((tmp_path / "ix" / "builds").iterdir()) == []


def test_disk_full_message_names_the_abandoned_build(articles_copy, tmp_path, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device (injected)")
    monkeypatch.setattr(index.build, "_write_manifest", disk_full)
    with pytest.raises(BuildError) as failed:
        build([articles_copy], tmp_path / "ix", procs=1)
    builds = re.escape(str(tmp_path / "ix" / "builds"))
    assert re.fullmatch(rf"disk full while writing {builds}/\d{{8}}T\d{{6}}-\w+; "
                        "the previous index is still serving", str(failed.value))
    assert failed.value.__cause__.errno == errno.ENOSPC


def test_failing_worker_message(articles_copy, tmp_path, monkeypatch):
    import index.parallel
    monkeypatch.setattr(index.build, "MIN_PARALLEL_BYTES", 0)
    monkeypatch.setattr(index.parallel, "document_signature", lambda fields, lang: 1 / 0)
    with pytest.raises(BuildError) as failed:
        build([articles_copy], tmp_path / "ix", procs=2)
    assert re.fullmatch(r"indexing worker failed: ZeroDivisionError\(.*\); "
                        "the previous index is still serving", str(failed.value))


def test_other_errors_pass_through_and_leave_no_build(articles_copy, tmp_path):
    def interrupted(item):
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        build([articles_copy], tmp_path / "ix", on_item=interrupted)
    assert list((tmp_path / "ix" / "builds").iterdir()) == []


@pytest.mark.parametrize("threshold", [0, 5])        # 5: as many as the documents
def test_failing_story_links_fail_the_build_and_keep_the_index(articles_copy, tmp_path,
                                                               monkeypatch, threshold):
    """From ``MIN_PARALLEL_LINKS`` documents on, the links are computed in a child
    process: its failure fails the build."""
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir)
    before = current_build(index_dir)

    def broken(signatures):
        raise ValueError("broken links (injected)")
    monkeypatch.setattr(index.build, "MIN_PARALLEL_LINKS", threshold)
    monkeypatch.setattr(index.build, "find_links", broken)
    with pytest.raises(BuildError, match=r"^a build process failed: ValueError\('broken links "
                                         r"\(injected\)'\); the previous index is still serving$"):
        build([articles_copy], index_dir, procs=2, full=True)
    assert current_build(index_dir) == before
    assert [d.name for d in (index_dir / "builds").iterdir()] == [before.name]


# --- the lock -------------------------------------------------------------------------

def test_refusal_names_the_pid_holding_the_lock(tmp_path):
    index_dir = tmp_path / "ix"
    index_dir.mkdir()
    (index_dir / LOCK).write_text("123456789")            # a longer pid from an old build
    with build_lock(index_dir):
        with pytest.raises(BuildLocked) as refused:
            with build_lock(index_dir):
                pass
    assert str(refused.value) == f"another build of {index_dir} is running (pid {os.getpid()})"


def test_refusal_without_a_recorded_pid(tmp_path):
    """A lock held by something that wrote no pid: the message has none."""
    import fcntl
    index_dir = tmp_path / "ix"
    index_dir.mkdir()
    with open(index_dir / LOCK, "w") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)
        with pytest.raises(BuildLocked) as refused:
            build([tmp_path], index_dir)
    assert str(refused.value) == f"another build of {index_dir} is running"


def _blocked_on(lock: Path) -> bool:
    """Whether some process waits for ``lock`` (a ``->`` line of /proc/locks)."""
    inode = f":{os.stat(lock).st_ino} "
    return any("->" in line and inode in line
               for line in Path("/proc/locks").read_text().splitlines())


#: How long a check waits for something that should happen at once, polling.
HANG_BOUND = 120


def test_waiting_build_runs_once_the_lock_is_free(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    done: list = []
    with build_lock(index_dir):
        waiter = threading.Thread(target=lambda: done.append(
            build([articles_copy], index_dir, wait=True)), daemon=True)
        waiter.start()
        deadline = time.monotonic() + HANG_BOUND
        while waiter.is_alive() and not _blocked_on(index_dir / LOCK):
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert waiter.is_alive() and not done          # waiting, not refused
    waiter.join(HANG_BOUND)
    assert done and done[0].indexed == 5
    assert current_build(index_dir) == Path(done[0].build_dir).resolve()


# --- the switch -----------------------------------------------------------------------

def test_failure_after_the_switch_keeps_the_new_build(articles_copy, tmp_path, monkeypatch):
    """Interrupted after ``current`` moved: the new build serves and is not deleted."""
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir)
    before = current_build(index_dir)
    real_fsync = index.build._fsync

    def interrupted_at_index_dir(path):
        if Path(path) == index_dir:
            raise KeyboardInterrupt
        real_fsync(path)
    monkeypatch.setattr(index.build, "_fsync", interrupted_at_index_dir)
    with pytest.raises(KeyboardInterrupt):
        build([articles_copy], index_dir, full=True)
    monkeypatch.undo()
    now = current_build(index_dir)
    assert now != before and now.parent == before.parent
    assert SearchEngine(index_dir).search("કિમ").total == 5


def test_unsynced_switch_still_completes(articles_copy, tmp_path, monkeypatch):
    index_dir = tmp_path / "ix"
    real_fsync = index.build._fsync

    def failing_at_index_dir(path):
        if Path(path) == index_dir:
            raise OSError(errno.EIO, "Input/output error (injected)")
        real_fsync(path)
    monkeypatch.setattr(index.build, "_fsync", failing_at_index_dir)
    report = build([articles_copy], index_dir)
    assert current_build(index_dir) == Path(report.build_dir).resolve()


def test_switch_replaces_a_leftover_link_of_the_same_pid(articles_copy, tmp_path):
    """A killed build whose pid came back left ``.current.<pid>``: the switch still works."""
    index_dir = tmp_path / "ix"
    report = build([articles_copy], index_dir)
    leftover = index_dir / f".{CURRENT}.{os.getpid()}"
    leftover.symlink_to("builds/gone")
    assert switch_to(index_dir, Path(report.build_dir))
    assert current_build(index_dir) == Path(report.build_dir).resolve()
    assert not leftover.is_symlink()


def test_even_a_failing_build_clears_what_a_killed_one_left(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    report = build([articles_copy], index_dir)
    (index_dir / "builds" / "20250101T000000-killed").mkdir()     # never finished
    (index_dir / f".{CURRENT}.999999").symlink_to("builds/20250101T000000-killed")
    (tmp_path / "empty").mkdir()
    with pytest.raises(BuildError, match="nothing to index"):
        build([tmp_path / "empty"], index_dir)
    assert [d.name for d in (index_dir / "builds").iterdir()] == [Path(report.build_dir).name]
    assert not list(index_dir.glob(f".{CURRENT}.*"))


# --- incremental builds ---------------------------------------------------------------

def test_report_counts_files_read_and_removed(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    first = build([articles_copy], index_dir)
    assert (first.files_read, first.files_removed) == (5, 0)
    _add_word(articles_copy, "001_", "ક્વોન્ટલેક્સ")
    _page(articles_copy, "004_").unlink()
    _page(articles_copy, "003_").unlink()
    report = build([articles_copy], index_dir)
    assert (report.files_read, report.files_removed) == (1, 2)
    assert (report.indexed, report.reused) == (1, 2)


def test_as_many_read_as_reused_is_not_nothing(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir)
    _add_word(articles_copy, "001_", "ક્વોન્ટલેક્સ")
    _add_word(articles_copy, "003_", "ઝેબ્રાફૂલ")
    _page(articles_copy, "004_").unlink()
    report = build([articles_copy], index_dir)
    assert (report.indexed, report.reused) == (2, 2)
    assert SearchEngine(index_dir).search("કિમ").total == 4


def test_removing_a_file_alone_removes_its_documents(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir)
    removed = _page(articles_copy, "004_")
    removed_id = removed.stem
    removed.unlink()
    report = build([articles_copy], index_dir)
    assert (report.indexed, report.reused, report.files_removed) == (0, 4, 1)
    engine = SearchEngine(index_dir)
    assert engine.search("કિમ").total == 4
    assert engine.article(removed_id) is None


def test_other_sources_replace_the_previous_ones(articles_copy, tmp_path):
    """A build of other files, none of them unchanged, keeps nothing of the last one."""
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir)
    other = write_jsonl(tmp_path / "other.jsonl", [
        {"id": "solo", "lang": "gu", "title": "એકલું", "text": "ઝબૂકતારો એકલો છે."}])
    report = build([other], index_dir)
    assert (report.indexed, report.reused) == (1, 0)
    engine = SearchEngine(index_dir)
    assert engine.search("કિમ").total == 0
    assert [h.id for h in engine.search("ઝબૂકતારો").results] == ["solo"]


def test_new_file_repeating_an_id_of_an_unchanged_file_is_skipped(tmp_path):
    first = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "same", "lang": "gu", "title": "પહેલું", "text": "ઝબૂકતારો પહેલા સ્રોતમાં છે."}])
    build([tmp_path], tmp_path / "ix")
    write_jsonl(tmp_path / "b.jsonl", [
        {"id": "same", "lang": "gu", "title": "બીજું", "text": "ઝબૂકતારો બીજા સ્રોતમાં પણ છે."},
        {"id": "other", "lang": "gu", "title": "ત્રીજું", "text": "ઝબૂકતારો ત્રીજો."}])
    report = build([tmp_path], tmp_path / "ix")
    assert (report.indexed, report.reused) == (1, 1)
    assert [str(s) for s in report.skipped] == [f"{tmp_path / 'b.jsonl'}: duplicate id 'same'"]
    engine = SearchEngine(tmp_path / "ix")
    assert sorted(h.id for h in engine.search("ઝબૂકતારો").results) == ["other", "same"]
    assert engine.article("same").title == "પહેલું"
    assert first.exists()


def test_changed_file_updates_completions(articles_copy, tmp_path):
    """The lexicon is rebuilt when a file changes (not copied from the last build)."""
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir)
    assert "ક્વોન્ટલેક્સ" not in SearchEngine(index_dir).complete("ક્વોન્ટ")
    _add_word(articles_copy, "001_", "ક્વોન્ટલેક્સ")
    build([articles_copy], index_dir)
    assert "ક્વોન્ટલેક્સ" in SearchEngine(index_dir).complete("ક્વોન્ટ")


def _twin_ids(index_dir: Path) -> dict:
    engine = SearchEngine(index_dir)
    return {hit.id[:4]: [other["id"][:4] for other in hit.also_in]
            for hit in engine.search("કિમ", per_page=100).results if hit.also_in}


def test_story_links_follow_incremental_builds(articles_copy, tmp_path):
    """The Gujarati and Hindi reports of one story are linked, whichever build read them."""
    index_dir = tmp_path / "ix"
    twin = _page(articles_copy, HINDI_TWIN)
    kept = tmp_path / twin.name
    shutil.move(twin, kept)
    build([articles_copy], index_dir)
    assert _twin_ids(index_dir) == {}
    shutil.move(kept, twin)                       # the twin comes back: a new link
    build([articles_copy], index_dir)
    assert _twin_ids(index_dir) == {NORTH_KOREA: [HINDI_TWIN], HINDI_TWIN: [NORTH_KOREA]}
    _add_word(articles_copy, "001_", "ક્વોન્ટલેક્સ")  # both twins unchanged: carried over
    report = build([articles_copy], index_dir)
    assert report.reused == 4
    assert _twin_ids(index_dir) == {NORTH_KOREA: [HINDI_TWIN], HINDI_TWIN: [NORTH_KOREA]}


def test_stored_fields_and_day_of_an_article(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir)
    engine = SearchEngine(index_dir)
    page = _page(articles_copy, "004_")
    article = engine.article(page.stem)
    assert (article.lang, article.published, article.source) == (
        "gu", "2025-07-14T12:44:00+05:30", "revoi.in")
    assert engine.article(_page(articles_copy, "003_").stem).english_title.startswith(
        "North Korean leader Kim Jong-u")
    one_day = engine.search("કિમ", date_from="2025-07-14", date_to="2025-07-14")
    assert [hit.id for hit in one_day.results] == [page.stem]


# --- where the work is done -----------------------------------------------------------

@pytest.fixture
def worker_starts(monkeypatch) -> list:
    """Record each start of indexing workers (directory and count); the workers are real."""
    starts: list = []

    class Recorded(ParallelWriter):
        def __init__(self, index_dir, procs, *args, **kwargs):
            starts.append((index_dir, procs))
            super().__init__(index_dir, procs, *args, **kwargs)
    monkeypatch.setattr(index.build, "ParallelWriter", Recorded)
    return starts


def _total_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir())


def test_small_sources_are_indexed_without_workers(articles_copy, tmp_path, worker_starts):
    report = build([articles_copy], tmp_path / "ix", procs=3)
    assert report.indexed == 5 and worker_starts == []


def test_sources_of_the_threshold_size_go_to_workers(articles_copy, tmp_path, monkeypatch,
                                                     worker_starts):
    monkeypatch.setattr(index.build, "MIN_PARALLEL_BYTES", _total_size(articles_copy))
    report = build([articles_copy], tmp_path / "ix", procs=3)
    assert worker_starts == [(report.build_dir, 3)]
    assert SearchEngine(tmp_path / "ix").search("કિમ").total == 5


def test_one_process_means_no_workers(articles_copy, tmp_path, monkeypatch, worker_starts):
    monkeypatch.setattr(index.build, "MIN_PARALLEL_BYTES", 0)
    build([articles_copy], tmp_path / "ix", procs=1)
    assert worker_starts == []
    build([articles_copy], tmp_path / "ix", procs=2)      # nothing changed: nothing to read
    assert worker_starts == []


def test_segments_are_separate_files(articles_copy, tmp_path):
    """Not one compound file, which Whoosh would copy into memory to open."""
    report = build([articles_copy], tmp_path / "ix", procs=1)
    suffixes = {p.suffix for p in Path(report.build_dir).iterdir()}
    assert {".trm", ".pst"} <= suffixes and ".seg" not in suffixes


def test_a_headline_item_indexes_no_body(tmp_path):
    """Its text is its headline: indexed once, in the title (``index.build.body_text``)."""
    from whoosh import index as whoosh_index
    source = write_jsonl(tmp_path / "one.jsonl", [
        {"id": "headline", "lang": "gu", "title": "ઝબૂકતારો આજે રાત્રે દેખાશે"}])
    build([source], tmp_path / "ix")
    with whoosh_index.open_dir(str(current_build(tmp_path / "ix"))).reader() as reader:
        assert list(reader.field_terms("body")) == []
        assert "ઝબૂકતારો" in set(reader.field_terms("title"))
    engine = SearchEngine(tmp_path / "ix")
    assert [h.id for h in engine.search("ઝબૂકતારો").results] == ["headline"]


def test_a_dangling_link_among_the_sources_is_skipped_at_every_build(articles_copy, tmp_path):
    """A file that cannot even be looked at is a named skip, and is tried again next time."""
    (articles_copy / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    index_dir = tmp_path / "ix"
    for _ in range(2):
        report = build([articles_copy], index_dir)
        assert [str(s) for s in report.skipped] == [
            f"{articles_copy / 'gone.txt'}: No such file or directory"]
    assert (report.indexed, report.reused, report.files_read) == (0, 5, 1)
    (tmp_path / "nowhere.txt").write_text("ઝબૂકતારો પાછો આવ્યો.\n", "utf-8")
    report = build([articles_copy], index_dir)
    assert (report.indexed, report.reused, report.skipped) == (1, 5, [])
    assert SearchEngine(index_dir).search("ઝબૂકતારો").total == 1


def test_latin_words_go_to_the_spelling_index_and_native_ones_to_the_lexicon(tmp_path):
    """A Gujarati article quoting Latin names: a misspelt name is corrected, and a
    Latin prefix still completes to the Gujarati words (not to the Latin ones)."""
    source = write_jsonl(tmp_path / "nato.jsonl", [
        {"id": "nato", "lang": "gu", "title": "શોઇગુની બેઠક",
         "text": "Stoltenberg અને Rutte ની શોઇગુ સાથે બેઠક બ્રસેલ્સમાં થઈ."}])
    build([source], tmp_path / "ix")
    engine = SearchEngine(tmp_path / "ix")
    assert engine.search("stoltenburg").did_you_mean == "stoltenberg"
    assert engine.search("ruttee").did_you_mean == "rutte"
    assert "શોઇગુ" in engine.complete("shoi")


def test_lexicon_gives_native_words_to_a_latin_prefix(articles_copy, tmp_path):
    """The lexicon holds the native words: ``shoi`` completes to શોઇગુ and शोइगु."""
    build([articles_copy], tmp_path / "ix")
    completions = SearchEngine(tmp_path / "ix").complete("shoi")
    assert {"શોઇગુ", "शोइगु"} <= set(completions)
    assert not any(word.isascii() for word in completions)


def test_the_saved_lexicon_holds_the_native_words_a_latin_query_finds(articles_copy, tmp_path):
    """The lexicon saved with a build is what Latin queries are read against: the
    collection's native words (શોઇગુ, किम), never its Latin ones; ``shoigu`` finds
    Gujarati pages through it."""
    from searcher.layout import LEXICON
    from searcher.lexicon import Lexicon
    build([articles_copy], tmp_path / "ix")
    lexicon = Lexicon.load(current_build(tmp_path / "ix") / LEXICON)
    words = {word for word, _, _ in lexicon.entries()}
    assert "શોઇગુ" in words and "किम" in words
    assert not any(word.isascii() for word in words)
    found = SearchEngine(tmp_path / "ix").search("shoigu")
    assert found.total >= 1 and any(hit.lang == "gu" for hit in found.results)
