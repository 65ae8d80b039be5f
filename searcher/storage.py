"""Whoosh index files that many threads can read at once.

Whoosh reads a segment's files with ``seek`` then ``read`` on one shared file
object per file, so two threads searching one searcher would read each other's
positions. Here every file is mapped into memory once and read by slicing, at a
position each thread keeps for itself: the searcher and its lazily loaded tables
are shared (one copy in memory, not one per thread), the positions are not.
(Slicing a map costs no system call; ``os.pread`` per read made a term lookup
three times slower. Empty files, which cannot be mapped, are read with ``pread``.)
"""
from __future__ import annotations

import mmap
import os
import threading

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile

#: Bytes ``peek`` reads ahead for the unpickler (it asks for a little at a time).
PEEK_BYTES = 4096


class PreadFile:
    """A read-only range of an open (and mapped) file; each thread has its own position in it.

    Only the first ``PreadFile`` of a file owns the descriptor; ``subset`` views
    share it and leave closing to the owner.
    """

    def __init__(self, fd: int, start: int, size: int, owner: bool, mapped=None):
        self._fd, self._start, self._size, self._owner = fd, start, size, owner
        self._map = mapped
        self._local = threading.local()
        self.closed = False

    @classmethod
    def open(cls, path: str) -> "PreadFile":
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        size = os.fstat(fd).st_size
        mapped = mmap.mmap(fd, 0, access=mmap.ACCESS_READ) if size else None
        return cls(fd, 0, size, owner=True, mapped=mapped)

    def view(self, offset: int, length: int) -> "PreadFile":
        return PreadFile(self._fd, self._start + offset, length, owner=False, mapped=self._map)

    def _at(self) -> int:
        return getattr(self._local, "pos", 0)

    def pread(self, length: int, position: int) -> bytes:
        """Return up to ``length`` bytes at ``position`` (no position changes)."""
        length = max(0, min(length, self._size - position))
        if not length:
            return b""
        start = self._start + position
        if self._map is not None:
            return self._map[start:start + length]
        return os.pread(self._fd, length, start)

    def read(self, length: int = -1) -> bytes:
        at = self._at()
        data = self.pread(self._size - at if length is None or length < 0 else length, at)
        self._local.pos = at + len(data)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def peek(self, length: int = 1) -> bytes:
        return self.pread(max(length, PEEK_BYTES), self._at())

    def readline(self, limit: int = -1) -> bytes:
        at, line = self._at(), b""
        while not line.endswith(b"\n") and (limit < 0 or len(line) < limit):
            chunk = self.pread(PEEK_BYTES, at + len(line))
            if not chunk:
                break
            end = chunk.find(b"\n")
            line += chunk if end < 0 else chunk[:end + 1]
        line = line if limit < 0 else line[:limit]
        self._local.pos = at + len(line)
        return line

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._at(), os.SEEK_END: self._size}[whence]
        self._local.pos = base + offset
        return self._local.pos

    def tell(self) -> int:
        return self._at()

    def close(self) -> None:
        if not self.closed and self._owner:
            if self._map is not None:
                self._map.close()
            os.close(self._fd)
        self.closed = True


class SharedFile(StructFile):
    """Whoosh's structured file over a ``PreadFile``; ``get`` is one ``pread``."""

    def get(self, position: int, length: int) -> bytes:
        return self.file.pread(length, position)

    def subset(self, offset: int, length: int, name: str | None = None) -> "SharedFile":
        return SharedFile(self.file.view(offset, length), name=name or self._name)


class SharedReadStorage(FileStorage):
    """A read-only index directory whose files are safe to read from many threads."""

    supports_mmap = False

    def __init__(self, path: str):
        super().__init__(path, supports_mmap=False, readonly=True)

    def open_file(self, name, **kwargs) -> SharedFile:
        return SharedFile(PreadFile.open(self._fpath(name)), name=name, **kwargs)
