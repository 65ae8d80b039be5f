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
from typing import Callable, Iterable, Iterator

from whoosh import index as whoosh_index

from searcher.layout import BUILDS, CURRENT, LOCK, MANIFEST
from searcher.whoosh_analysis import make_schema

from .link import find_links, signature
from .sources import Document, Item, Skipped, read_sources

#: File in a build directory holding the story links (see ``index.link``).
LINKS = "links.json"

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
    duplicates: int = 0

    def summary(self) -> str:
        """Return the one-line summary printed at the end of a build."""
        return (f"indexed {self.indexed}, skipped {len(self.skipped)}, "
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
            holder = handle.read().strip() or "unknown"
            raise BuildLocked(f"another build of {index_dir} is running (pid {holder})") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield


def build(sources: list[str | os.PathLike], index_dir: str | os.PathLike,
          on_item: Callable[[Item], None] | None = None, wait: bool = False,
          procs: int = 1) -> BuildReport:
    """Index every document of ``sources`` into a new build of ``index_dir`` and switch to it."""
    index_dir = Path(index_dir)
    report = BuildReport()
    started = time.monotonic()
    with build_lock(index_dir, wait=wait):
        remove_stale_builds(index_dir)
        (index_dir / BUILDS).mkdir(parents=True, exist_ok=True)
        build_dir = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%dT%H%M%S-"),
                                          dir=index_dir / BUILDS))
        try:
            _write_index(build_dir, read_sources(sources), report, on_item, procs)
            if not report.indexed:
                raise BuildError("nothing to index: every source was empty or skipped")
            report.seconds = time.monotonic() - started
            report.build_dir = str(build_dir)
            _write_manifest(build_dir, sources, report)
            switch_to(index_dir, build_dir)
        except BaseException as error:
            shutil.rmtree(build_dir, ignore_errors=True)
            if isinstance(error, OSError) and error.errno == errno.ENOSPC:
                raise BuildError(f"disk full while writing {build_dir}; "
                                 "the previous index is still serving") from error
            raise
        remove_stale_builds(index_dir)
    return report


def _write_index(build_dir: Path, items: Iterable[Item], report: BuildReport,
                 on_item: Callable[[Item], None] | None, procs: int) -> None:
    ix = whoosh_index.create_in(str(build_dir), make_schema())
    writer = ix.writer(limitmb=256, procs=procs, multisegment=procs > 1)
    seen: set[str] = set()
    signatures = []
    try:
        for item in items:
            if isinstance(item, Skipped):
                report.skipped.append(item)
            elif item.id in seen:
                report.skipped.append(Skipped(item.origin or item.id, f"duplicate id {item.id!r}"))
            else:
                seen.add(item.id)
                writer.add_document(**document_fields(item))
                signatures.append((item.id, item.lang, signature(item.title + "\n" + item.text, item.lang)))
                report.indexed += 1
            if on_item:
                on_item(item)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    links = find_links(signatures)
    (build_dir / LINKS).write_text(json.dumps(links.to_dict(), ensure_ascii=False), "utf-8")


def document_fields(doc: Document) -> dict:
    """Return the stored and indexed fields of one document."""
    return {
        "id": doc.id, "title": doc.title, "body": doc.text, "text": doc.text,
        "lang": doc.lang, "source": doc.source, "url": doc.url,
        "published": doc.published, "day": doc.published[:10],
        "english_title": doc.english_title, "origin": doc.origin,
    }


def _write_manifest(build_dir: Path, sources: list, report: BuildReport) -> None:
    manifest = {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "documents": report.indexed,
        "skipped": [str(item) for item in report.skipped],
        "sources": [str(source) for source in sources],
        "seconds": round(report.seconds, 3),
    }
    _fsync_tree(build_dir)
    path = build_dir / MANIFEST
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    _fsync(path)


def switch_to(index_dir: Path, build_dir: Path) -> None:
    """Point ``index_dir/current`` at ``build_dir`` in one atomic rename."""
    temporary = index_dir / f".{CURRENT}.{os.getpid()}"
    if temporary.is_symlink():
        temporary.unlink()
    os.symlink(os.path.relpath(build_dir, index_dir), temporary)
    os.replace(temporary, index_dir / CURRENT)
    _fsync(index_dir)


def remove_stale_builds(index_dir: Path) -> None:
    """Delete unfinished builds and all but the newest finished ones (call with the lock held)."""
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
