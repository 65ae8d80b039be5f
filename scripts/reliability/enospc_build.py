#!/usr/bin/env python3
"""Run ``scripts/build_index.py`` with index writes failing as on a full disk (ENOSPC).

    ENOSPC_AFTER_BYTES=2000000 .venv/bin/python scripts/reliability/enospc_build.py SOURCE --index DIR

The fallback of ``disk_full.py`` where a small tmpfs cannot be mounted: every file
the build writes in the index directory counts against one byte budget; a write
beyond it raises ``OSError(ENOSPC)`` as the kernel would.
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

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._fileobj.__exit__(*exc)

    def __iter__(self):
        return iter(self._fileobj)


def install(index_dir: str) -> None:
    """Wrap every file the build opens for writing under ``index_dir`` (the index's
    segments, and the files saved beside them)."""
    import builtins
    import io
    original = io.open
    inside = os.path.abspath(index_dir) + os.sep

    def open_counted(file, mode="r", *args, **kwargs):
        handle = original(file, mode, *args, **kwargs)
        writes = any(flag in mode for flag in "wax+")
        if writes and isinstance(file, (str, os.PathLike)) and \
                os.path.abspath(os.fspath(file)).startswith(inside):
            return FullDiskFile(handle)
        return handle
    builtins.open = io.open = open_counted


def _index_arg(argv: list[str]) -> str:
    for n, arg in enumerate(argv):
        if arg == "--index" and n + 1 < len(argv):
            return argv[n + 1]
        if arg.startswith("--index="):
            return arg.split("=", 1)[1]
    raise SystemExit("enospc_build.py: pass --index DIR")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    install(_index_arg(sys.argv))
    sys.argv[0] = str(ROOT / "scripts" / "build_index.py")
    runpy.run_path(sys.argv[0], run_name="__main__")
