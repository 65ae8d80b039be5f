"""What a build remembers about its sources, so the next build re-reads only what changed.

For every source file: its fingerprint (size, modification time, SHA-256), the
ids of the documents it gave and what of it was skipped; for every document its
story signature (see ``index.link``).
"""
from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

STATE = "state.pickle"
#: Bump when the analysis or schema changes: an older build is then not reused.
FORMAT = 3


@dataclass
class Origin:
    """One source file as a build saw it."""

    size: int
    mtime_ns: int
    sha256: str
    ids: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (where, reason)


@dataclass
class BuildState:
    """The sources of a build and the signatures of its documents."""

    format: int = FORMAT
    origins: dict[str, Origin] = field(default_factory=dict)
    signatures: dict[str, tuple] = field(default_factory=dict)     # id -> (lang, Signature)

    def save(self, build_dir: Path) -> None:
        with open(build_dir / STATE, "wb") as handle:
            pickle.dump(self, handle, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def load(cls, build_dir: Path) -> "BuildState | None":
        """Return the state saved in ``build_dir``, or ``None`` if absent or of another format."""
        try:
            with open(build_dir / STATE, "rb") as handle:
                state = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None
        return state if isinstance(state, cls) and state.format == FORMAT else None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fingerprint(path: Path, known: Origin | None = None) -> Origin:
    """Return ``path``'s fingerprint; hash it only when size or time differ from ``known``."""
    stat = path.stat()
    if not S_ISREG(stat.st_mode):
        return Origin(0, 0, "")
    if known and (known.size, known.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
        return Origin(stat.st_size, stat.st_mtime_ns, known.sha256)
    try:
        digest = sha256_of(path)
    except OSError:
        digest = ""
    return Origin(stat.st_size, stat.st_mtime_ns, digest)


def unchanged(path: Path, known: Origin | None) -> Origin | None:
    """Return the fingerprint of ``path`` if it matches ``known`` (the file need not be read)."""
    if known is None or not known.sha256:
        return None
    try:
        now = fingerprint(path, known)
    except OSError:
        return None
    return now if now.sha256 == known.sha256 else None


def origin_key(path: Path) -> str:
    """Return how a build names a source file (its absolute path)."""
    return os.path.abspath(path)
