"""Whoosh index files that many threads can read at once.

Whoosh reads a segment's files with ``seek`` then ``read`` on one shared file
object per file, so two threads searching one searcher would read each other's
positions. Here every file is mapped into memory once and read by slicing, at a
position each thread keeps for itself: the searcher and its lazily loaded tables
are shared (one copy in memory, not one per thread), the positions are not.
(Slicing a map costs no system call; ``os.pread`` per read made a term lookup
three times slower.) No descriptor stays open: the map keeps its own, released
with it, so engines dropped without closing leak nothing.
"""
from __future__ import annotations

import mmap
import os
import threading

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile

#: Bytes ``peek`` reads ahead for the unpickler (it asks for a little at a time).
PEEK_BYTES = 4096


class MappedFile:
    """A read-only range of a file mapped into memory; each thread has its own position in it.

    ``view`` makes a range of the same map (for compound files); closing the file that
    mapped it unmaps it, and reads of its views then fail instead of reading garbage.
    """

    def __init__(self, mapped, start: int, size: int, owner: bool):
        self._map, self._start, self._size, self._owner = mapped, start, size, owner
        self._local = threading.local()
        self.closed = False

    @classmethod
    def open(cls, path: str) -> "MappedFile":
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if size else None
        return cls(mapped, 0, size, owner=True)

    def view(self, offset: int, length: int) -> "MappedFile":
        return MappedFile(self._map, self._start + offset, length, owner=False)

    def _at(self) -> int:
        return getattr(self._local, "pos", 0)

    def read_at(self, length: int, position: int) -> bytes:
        """Return up to ``length`` bytes at ``position`` (no position changes)."""
        length = max(0, min(length, self._size - position))
        if not length:
            return b""
        start = self._start + position
        return self._map[start:start + length]

    def read(self, length: int = -1) -> bytes:
        at = self._at()
        data = self.read_at(self._size - at if length is None or length < 0 else length, at)
        self._local.pos = at + len(data)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def peek(self, length: int = 1) -> bytes:
        return self.read_at(max(length, PEEK_BYTES), self._at())

    def readline(self, limit: int = -1) -> bytes:
        at, line = self._at(), b""
        while not line.endswith(b"\n") and (limit < 0 or len(line) < limit):
            chunk = self.read_at(PEEK_BYTES, at + len(line))
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
        if not self.closed and self._owner and self._map is not None:
            self._map.close()
        self.closed = True


class SharedFile(StructFile):
    """Whoosh's structured file over a ``MappedFile``; ``get`` is one slice."""

    def get(self, position: int, length: int) -> bytes:
        return self.file.read_at(length, position)

    def subset(self, offset: int, length: int, name: str | None = None) -> "SharedFile":
        return SharedFile(self.file.view(offset, length), name=name or self._name)


class SharedReadStorage(FileStorage):
    """A read-only index directory whose files are safe to read from many threads."""

    supports_mmap = False

    def __init__(self, path: str):
        super().__init__(path, supports_mmap=False, readonly=True)

    def open_file(self, name, **kwargs) -> SharedFile:
        return SharedFile(MappedFile.open(self._fpath(name)), name=name, **kwargs)
