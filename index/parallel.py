"""Index documents in worker processes, each writing a Whoosh segment of its own.

The analysis and Whoosh's posting writer are pure Python, so one process uses
one core. The build process reads and cleans the sources and hands documents
out in batches; each worker analyses them, writes its segment and returns it
with the documents' story-link signatures; the build then commits the new
segments together with the old ones in one table of contents.
(Whoosh's own ``procs=`` writer pickles every batch to a temporary file and
was slower than one process here.)
"""
from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import queue
import signal
import sys
import threading

from searcher.analysis import analysed_parts
from searcher.whoosh.writing import WorkerSegment

from .link import signature


class WorkerFailed(RuntimeError):
    """A worker or child process of a build failed or died."""


#: Documents per batch handed to a worker.
BATCH = 200
#: Below this many documents, story links are computed in the build process itself.
MIN_PARALLEL_LINKS = 2000
#: Below this many bytes of sources to read, starting workers costs more than it saves.
MIN_PARALLEL_BYTES = 2_000_000


#: Descriptors of build locks this process holds (``index.build.build_lock``). A forked
#: process inherits them and closes them first thing, so that a build killed while
#: its children still run does not leave the lock held by them.
HELD_LOCKS: set[int] = set()


#: How often a worker checks that its build process is still there, in seconds: a
#: worker of a killed build exits within this long even where ``prctl`` is missing.
PARENT_CHECK_SECONDS = 0.5
#: ``prctl`` option asking Linux to signal this process when its parent dies.
_PR_SET_PDEATHSIG = 1


def build_process() -> tuple[int, bool]:
    """Return what a forked child needs to die with this process: its pid, and whether the
    kernel may watch it (``PR_SET_PDEATHSIG`` fires when the forking *thread* ends, so
    only a fork from the main thread may use it)."""
    return os.getpid(), threading.current_thread() is threading.main_thread()


def die_with_build(parent: tuple[int, bool]) -> None:
    """Make this forked process exit as soon as the build process ``parent`` is gone.

    On Linux the kernel sends SIGKILL when the parent dies (``PR_SET_PDEATHSIG``),
    whatever the process is doing (a worker blocked reading a half-written batch
    from a dead build never returns to its job loop); elsewhere, and as a second
    guard, a thread compares the parent pid every ``PARENT_CHECK_SECONDS``.
    """
    parent, kernel = parent
    if kernel and sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:      # the build died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True,
                     name="watch-build").start()


def _watch_parent(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(1)             # orphaned: the build was killed
        threading.Event().wait(PARENT_CHECK_SECONDS)


def _release_inherited_locks() -> None:
    for fd in list(HELD_LOCKS):
        try:
            os.close(fd)
        except OSError:
            pass
    HELD_LOCKS.clear()


def default_procs() -> int:
    """Return how many worker processes a build uses by default: one per core, at most 4."""
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                      else os.cpu_count() or 1))


def document_signature(fields: dict, lang: str) -> tuple[str, object]:
    """Return what ``index.link`` compares, for one document's fields."""
    return lang, signature(fields["title"] + "\n" + fields["text"], lang)


class ParallelWriter:
    """Add documents through ``procs`` worker processes writing separate segments."""

    def __init__(self, index_dir: str, procs: int, limitmb: int = 1024):
        context = multiprocessing.get_context("fork")
        self._jobs = context.Queue(maxsize=procs * 2)
        self._results = context.Queue()
        self._batch: list[tuple[dict, str]] = []
        parent = build_process()
        self._workers = [context.Process(target=_work, daemon=True,
                                         args=(index_dir, self._jobs, self._results, limitmb,
                                               parent))
                         for _ in range(procs)]
        for worker in self._workers:
            worker.start()

    def add_document(self, fields: dict, lang: str) -> None:
        """Queue one document (its fields for ``add_document``, and its language)."""
        self._batch.append((fields, lang))
        if len(self._batch) >= BATCH:
            self._send()

    def _send(self) -> None:
        while True:
            try:
                self._jobs.put(self._batch, timeout=1)
                break
            except queue.Full:
                self._check_alive()
        self._batch = []

    def _check_alive(self) -> None:
        dead = [w for w in self._workers if not w.is_alive() and w.exitcode]
        if dead:
            self.cancel()
            raise WorkerFailed(f"an indexing worker died (exit status {dead[0].exitcode})")

    def finish(self) -> tuple[list, dict]:
        """Wait for the workers; return their segments and the documents' signatures."""
        if self._batch:
            self._send()
        for _ in self._workers:
            self._jobs.put(None)
        segments, signatures = [], {}
        for _ in self._workers:
            while True:
                try:
                    segment, found = self._results.get(timeout=1)
                    break
                except queue.Empty:
                    self._check_alive()
            if isinstance(segment, BaseException):
                self.cancel()
                raise segment
            if segment is not None:
                segments.append(segment)
            signatures.update(found)
        for worker in self._workers:
            worker.join()
        return segments, signatures

    def cancel(self) -> None:
        """Stop the workers; what they wrote is left for the caller to delete."""
        for worker in self._workers:
            if worker.is_alive():
                worker.terminate()
        for worker in self._workers:
            worker.join()


def _work(index_dir: str, jobs, results, limitmb: int, parent: tuple[int, bool]) -> None:
    """Worker process: add each batch's documents to a segment, then return it."""
    _release_inherited_locks()
    die_with_build(parent)
    try:
        writer = WorkerSegment(index_dir, limitmb)
        signatures = {}
        while (batch := _next_job(jobs, parent[0])) is not None:
            for fields, lang in batch:
                writer.add(fields, analysed_parts(fields))
                signatures[fields["id"]] = document_signature(fields, lang)
        if signatures:
            results.put((writer.finish(), signatures))
        else:
            writer.cancel()
            results.put((None, {}))
    except BaseException as error:  # noqa: BLE001 - reported to the build process
        # an OSError keeps its errno (a full disk is reported as such)
        results.put((error if isinstance(error, OSError) else
                     WorkerFailed(f"indexing worker failed: {error!r}"), {}))


class Child:
    """A function running in a forked process; ``join`` waits and re-raises its failure."""

    def __init__(self, function, *args):
        context = multiprocessing.get_context("fork")
        self._errors = context.SimpleQueue()
        self._process = context.Process(target=_run_child,
                                        args=(self._errors, build_process(), function, args),
                                        daemon=True)
        self._process.start()

    def join(self) -> None:
        self._process.join()
        error = None if self._errors.empty() else self._errors.get()
        if error is not None or self._process.exitcode:
            raise WorkerFailed(f"a build process failed: {error or self._process.exitcode}")


def in_child(function, *args) -> Child:
    """Run ``function(*args)`` in a forked process (for work whose result is a file)."""
    return Child(function, *args)


def _run_child(errors, parent: tuple[int, bool], function, args) -> None:
    _release_inherited_locks()
    die_with_build(parent)
    try:
        function(*args)
    except BaseException as error:  # noqa: BLE001 - reported to the parent
        errors.put(repr(error))
        raise SystemExit(1) from None


def _next_job(jobs, parent: int):
    """Return the next batch (``None``: no more); exit if the build process ``parent`` died."""
    while True:
        try:
            return jobs.get(timeout=PARENT_CHECK_SECONDS)
        except queue.Empty:
            if os.getppid() != parent:
                os._exit(1)        # orphaned: the build was killed
