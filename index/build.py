"""Build an index into a fresh directory and switch to it only when it is complete.

A build that crashes, is killed or runs out of disk leaves the previous index
serving; two builds of one index never run at once (the second is refused).
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from searcher.headlines import is_headline_only
from searcher.layout import (ALIASES, BUILDS, CURRENT, LEXICON, LINKS, LOCK, MANIFEST, SPELLING,
                             IndexMissing, current_build)
from searcher.lexicon import Lexicon
from searcher.served import vocabulary
from searcher.analysis import analysed_parts, use_build_caches
from searcher.languages import LATIN
from searcher.spelling import SpellIndex
from searcher.suggest import script_of
from searcher.whoosh.engine import WhooshBuild
from searcher.whoosh.writing import BuildWriter

from .aliases import mine as mine_aliases
from .link import find_links
from .parallel import (
    HELD_LOCKS,
    MIN_PARALLEL_BYTES,
    MIN_PARALLEL_LINKS,
    ParallelWriter,
    WorkerFailed,
    default_procs,
    document_signature,
    in_child,
)
from .sources import Document, Item, Skipped, read_file, source_files
from .state import STATE, BuildState, Origin, fingerprint, origin_key, unchanged

#: Completed builds kept besides the current one, for readers still using them.
KEEP_PREVIOUS = 1


class BuildError(Exception):
    """A build that could not complete; the previous index is still serving."""


class BuildLocked(BuildError):
    """Another build of the same index is running."""


@dataclass
class BuildReport:
    """What a build did: counts, the skipped items and their reasons, time taken."""

    indexed: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    build_dir: str = ""
    reused: int = 0         # documents of unchanged files, carried over from the last build
    files_read: int = 0     # source files read (new or changed)
    files_removed: int = 0  # source files of the last build that are gone

    def summary(self) -> str:
        """Return the one-line summary printed at the end of a build."""
        reused = f", reused {self.reused} unchanged" if self.reused else ""
        return (f"indexed {self.indexed}{reused}, skipped {len(self.skipped)}, "
                f"{self.seconds:.1f} s -> {self.build_dir}")


@contextmanager
def build_lock(index_dir: Path, wait: bool = False) -> Iterator[None]:
    """Hold the index's build lock; raise ``BuildLocked`` if another build has it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / LOCK, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            pid = f" (pid {holder})" if holder else ""
            raise BuildLocked(f"another build of {index_dir} is running{pid}") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        HELD_LOCKS.add(handle.fileno())
        try:
            yield
        finally:
            HELD_LOCKS.discard(handle.fileno())


def build(sources: list[str | os.PathLike], index_dir: str | os.PathLike,
          on_item: Callable[[Item], None] | None = None, wait: bool = False,
          procs: int | None = None, full: bool = False) -> BuildReport:
    """Index ``sources`` into a new build of ``index_dir`` and switch to it.

    Unless ``full``, the current build is the starting point: only source files
    that are new or changed are read, and documents of removed files are deleted.
    ``procs`` worker processes analyse and write the new documents (default: one
    per core; see ``index.parallel``).
    """
    index_dir = Path(index_dir)
    use_build_caches()              # workers fork from here and inherit the budgets
    report = BuildReport()
    started = time.monotonic()
    procs = procs if procs is not None else default_procs()
    with build_lock(index_dir, wait=wait):
        remove_stale_builds(index_dir)
        files = source_files(sources)
        previous = None if full else _reusable_build(index_dir)
        (index_dir / BUILDS).mkdir(parents=True, exist_ok=True)
        build_dir = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%dT%H%M%S-"),
                                          dir=index_dir / BUILDS))
        build_dir.chmod(0o755)     # readable by a server running as another user
        switched = False
        try:
            state = _write_index(build_dir, files, previous, report, on_item, procs)
            if not report.indexed + report.reused:
                raise BuildError("nothing to index: every source was empty or skipped")
            _write_companions(build_dir, state, previous, report, procs)
            report.seconds = time.monotonic() - started
            report.build_dir = str(build_dir)
            _write_manifest(build_dir, sources, report)
            switched = switch_to(index_dir, build_dir)
        except BaseException as error:
            if switched or _is_current(index_dir, build_dir):
                raise      # the new build is serving: never delete it

            shutil.rmtree(build_dir, ignore_errors=True)
            if isinstance(error, OSError) and error.errno == errno.ENOSPC:
                raise BuildError(f"disk full while writing {build_dir}; "
                                 "the previous index is still serving") from error
            if isinstance(error, WorkerFailed):
                raise BuildError(f"{error}; the previous index is still serving") from error
            raise
        remove_stale_builds(index_dir)
    return report


def _reusable_build(index_dir: Path) -> tuple[Path, BuildState] | None:
    """Return the current build and its state, if a build can start from it."""
    try:
        current = current_build(index_dir)
    except IndexMissing:
        return None
    state = BuildState.load(current)
    return (current, state) if state is not None else None


def _write_index(build_dir: Path, files: list[Path], previous, report: BuildReport,
                 on_item, procs: int) -> BuildState:
    """Write the index: reuse the previous build's unchanged files, read the rest."""
    old = previous[1] if previous else BuildState()
    state = BuildState()
    to_read = []
    for path in files:
        key = origin_key(path)
        same = unchanged(path, old.origins.get(key))
        if same is not None and previous:
            same.ids, same.skipped = old.origins[key].ids, old.origins[key].skipped
            state.origins[key] = same
        else:
            to_read.append(path)
    extend = bool(previous and state.origins)
    if extend:
        for name in os.listdir(previous[0]):
            if name not in (MANIFEST, STATE, LINKS, LEXICON, SPELLING, ALIASES):
                _share(previous[0] / name, build_dir / name)
    report.files_read = len(to_read)
    report.files_removed = len(set(old.origins) - set(state.origins) - {origin_key(p) for p in to_read})
    writer = BuildWriter(build_dir, create=not extend)
    if sum(_size(path) for path in to_read) < MIN_PARALLEL_BYTES:
        procs = 1
    workers = ParallelWriter(str(build_dir), procs) if procs > 1 and to_read else None
    try:
        for key in set(old.origins) - set(state.origins) if previous and state.origins else ():
            writer.delete_origin(key)
        _carry_over(state, old, report)
        sink = _Sink(writer, workers, state)
        for path in to_read:
            _index_file(sink, path, state, report, on_item)
        segments = sink.finish()
    except BaseException:
        if workers:
            workers.cancel()
        writer.cancel()
        raise
    if to_read or set(old.origins) - set(state.origins):
        writer.commit(segments)
    else:
        writer.cancel()
    return state


class _Sink:
    """Where read documents go: this process's writer, or the worker processes."""

    def __init__(self, writer, workers: ParallelWriter | None, state: BuildState):
        self.writer, self.workers, self.state = writer, workers, state
        self.ids: set[str] = set(state.signatures)

    def add(self, doc: Document) -> None:
        fields = document_fields(doc)
        self.ids.add(doc.id)
        if self.workers:
            self.workers.add_document(fields, doc.lang)
        else:
            self.writer.add(fields, analysed_parts(fields))
            self.state.signatures[doc.id] = document_signature(fields, doc.lang)

    def finish(self) -> list:
        """Return the workers' segments, with their documents' signatures recorded."""
        if not self.workers:
            return []
        segments, signatures = self.workers.finish()
        self.state.signatures.update(signatures)
        return segments


def _share(source: Path, target: Path) -> None:
    """Give ``target`` the content of ``source``: a hard link, or a copy where links fail.

    Whoosh never changes a segment file once written (deletions go in the
    table of contents), so builds can share them.
    """
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _carry_over(state: BuildState, old: BuildState, report: BuildReport) -> None:
    for origin in state.origins.values():
        report.reused += len(origin.ids)
        report.skipped.extend(Skipped(where, reason) for where, reason in origin.skipped)
        for doc_id in origin.ids:
            if doc_id in old.signatures:
                state.signatures[doc_id] = old.signatures[doc_id]


def _index_file(sink: _Sink, path: Path, state: BuildState, report: BuildReport, on_item) -> None:
    key = origin_key(path)
    try:
        origin = fingerprint(path)
    except OSError:
        origin = Origin(0, 0, "")
    state.origins[key] = origin
    for item in read_file(path):
        if isinstance(item, Document) and item.id in sink.ids:
            item = Skipped(item.origin or item.id, f"duplicate id {item.id!r}")
        if isinstance(item, Skipped):
            report.skipped.append(item)
            origin.skipped.append((item.where, item.reason))
        else:
            item.origin = key
            sink.add(item)
            origin.ids.append(item.id)
            report.indexed += 1
        if on_item:
            on_item(item)


def _write_companions(build_dir: Path, state: BuildState, previous, report: BuildReport,
                      procs: int = 1) -> None:
    """Write what the searcher loads beside the index: story links, the lexicon, aliases.

    With more than one process, the links are computed in a child process while
    this one reads the vocabulary.
    """
    unchanged = previous and not report.files_read and not report.files_removed
    signatures = [(doc_id, lang, sig) for doc_id, (lang, sig) in state.signatures.items()]
    links = None
    if unchanged and (previous[0] / LINKS).exists():
        shutil.copy2(previous[0] / LINKS, build_dir / LINKS)
    elif procs > 1 and len(signatures) >= MIN_PARALLEL_LINKS:
        links = in_child(_write_links, build_dir, signatures)
    else:
        _write_links(build_dir, signatures)
    companions = (LEXICON, SPELLING, ALIASES)
    if unchanged and all((previous[0] / name).exists() for name in companions):
        for name in companions:
            shutil.copy2(previous[0] / name, build_dir / name)
    else:
        opened = WhooshBuild(build_dir)
        try:
            words = vocabulary(opened, latin=True)
            lexicon = Lexicon({word: n for word, n in words.items() if script_of(word) != LATIN})
            lexicon.save(build_dir / LEXICON)
            SpellIndex(words).save(build_dir / SPELLING)
            mine_aliases(opened, lexicon).save(build_dir / ALIASES)
        finally:
            opened.close()
    state.save(build_dir)
    if links is not None:
        links.join()


def _write_links(build_dir: Path, signatures: list) -> None:
    links = find_links(signatures)
    (build_dir / LINKS).write_text(json.dumps(links.to_dict(), ensure_ascii=False), "utf-8")


def document_fields(doc: Document) -> dict:
    """Return the stored and indexed fields of one document."""
    return {
        "id": doc.id, "title": doc.title, "body": body_text(doc), "text": doc.text,
        "lang": doc.lang, "source": doc.source, "url": doc.url,
        "published": doc.published, "day": doc.published[:10],
        "english_title": doc.english_title, "origin": doc.origin,
    }


def body_text(doc: Document) -> str:
    """Return the text to index as the body: none for an item that is only a headline.

    A headline item's text is its headline (``sources``); indexed as its body
    too, every word of a one-line item counted in both fields and outranked
    the articles about the query (``scripts/eval_page.py``: for ``putin`` the
    bundled articles ranked 57-69 of 69, and 2 and 5 without the double count).
    """
    return "" if is_headline_only(doc.title, doc.text) else doc.text


def _write_manifest(build_dir: Path, sources: list, report: BuildReport) -> None:
    manifest = {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "documents": report.indexed + report.reused,
        "skipped": [str(item) for item in report.skipped],
        "sources": [str(source) for source in sources],
        "seconds": round(report.seconds, 3),
    }
    _fsync_tree(build_dir)
    path = build_dir / MANIFEST
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    _fsync(path)


def switch_to(index_dir: Path, build_dir: Path) -> bool:
    """Point ``index_dir/current`` at ``build_dir`` in one atomic rename; return ``True``."""
    temporary = index_dir / f".{CURRENT}.{os.getpid()}"
    if temporary.is_symlink():
        temporary.unlink()
    os.symlink(os.path.relpath(build_dir, index_dir), temporary)
    os.replace(temporary, index_dir / CURRENT)
    try:
        _fsync(index_dir)
    except OSError:
        pass        # the switch is done; durability of the rename is best effort
    return True


def _is_current(index_dir: Path, build_dir: Path) -> bool:
    link = index_dir / CURRENT
    return link.is_symlink() and link.resolve() == build_dir.resolve()


def remove_stale_builds(index_dir: Path) -> None:
    """Delete unfinished builds and all but the newest finished ones (call with the lock held)."""
    for leftover in index_dir.glob(f".{CURRENT}.*"):
        leftover.unlink(missing_ok=True)       # a link a killed build never renamed
    builds = index_dir / BUILDS
    if not builds.is_dir():
        return
    current = (index_dir / CURRENT).resolve() if (index_dir / CURRENT).is_symlink() else None
    finished = sorted((d for d in builds.iterdir() if (d / MANIFEST).is_file() and d != current),
                      key=lambda d: d.stat().st_mtime, reverse=True)
    keep = set(finished[:KEEP_PREVIOUS]) | {current}
    for directory in builds.iterdir():
        if directory not in keep:
            shutil.rmtree(directory, ignore_errors=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(directory: Path) -> None:
    for path in directory.iterdir():
        if path.is_file():
            _fsync(path)
    _fsync(directory)
