"""Read the package's data files (one entry a line, ``#`` comments), once."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def read_lines(name: str) -> tuple[str, ...]:
    """Return the non-comment, non-blank lines of ``searcher/data/<name>``, stripped."""
    text = resources.files(__package__).joinpath("data", name).read_text("utf-8")
    return tuple(
        line.strip() for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )
