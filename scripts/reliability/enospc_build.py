#!/usr/bin/env python3
"""Run ``scripts/build_index.py`` with index writes failing as on a full disk (ENOSPC).

    ENOSPC_AFTER_BYTES=2000000 .venv/bin/python scripts/reliability/enospc_build.py SOURCE --index DIR

The fallback of ``disk_full.py`` where a small tmpfs cannot be mounted: every file
Whoosh creates counts against one byte budget; a write beyond it raises
``OSError(ENOSPC)`` as the kernel would.
"""
from __future__ import annotations

import errno
import os
import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class Budget:
    """Bytes left before writes fail."""

    left = int(os.environ.get("ENOSPC_AFTER_BYTES", "2000000"))


class FullDiskFile:
    """A file object whose writes fail with ENOSPC once the shared budget is spent."""

    def __init__(self, fileobj):
        self._fileobj = fileobj

    def write(self, data):
        Budget.left -= len(data)
        if Budget.left < 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self._fileobj.write(data)

    def __getattr__(self, name):
        return getattr(self._fileobj, name)


def install() -> None:
    """Wrap every file Whoosh's FileStorage creates."""
    from whoosh.filedb import filestore
    original = filestore.FileStorage.create_file

    def create_file(self, name, *args, **kwargs):
        struct = original(self, name, *args, **kwargs)
        struct.file = FullDiskFile(struct.file)
        return struct
    filestore.FileStorage.create_file = create_file


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    install()
    sys.argv[0] = str(ROOT / "scripts" / "build_index.py")
    runpy.run_path(sys.argv[0], run_name="__main__")
