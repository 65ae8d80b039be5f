"""Where an index lives on disk, shared by the builder (writes) and the searcher (reads).

``INDEX_DIR/builds/<name>/`` holds complete and in-progress builds;
``INDEX_DIR/current`` is a symbolic link to the complete build being served.
The builder replaces the link in one atomic rename, so a reader sees the old
build or the new one, never a half-written one.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

CURRENT = "current"
BUILDS = "builds"
MANIFEST = "manifest.json"
LOCK = ".lock"
#: Files a build saves beside the engine's index, for the language side.
LEXICON = "lexicon.bin"
ALIASES = "aliases.json"
LINKS = "links.json"
SPELLING = "spelling.bin"


class IndexMissing(Exception):
    """There is no complete index at the configured location."""


def current_build(index_dir: str | os.PathLike) -> Path:
    """Return the directory of the build being served; raise ``IndexMissing`` if none."""
    link = Path(index_dir) / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        raise IndexMissing(
            f"no index at {index_dir}: build one with `python scripts/build_index.py`"
        ) from None
    build = (link.parent / target).resolve()
    if not (build / MANIFEST).is_file():
        raise IndexMissing(f"the index at {index_dir} is incomplete: rebuild it")
    return build


def read_manifest(build: Path) -> dict:
    """Return the facts a build recorded about itself (counts, sources, time)."""
    return json.loads((build / MANIFEST).read_text("utf-8"))
