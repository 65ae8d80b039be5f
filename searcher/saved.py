"""Files a build saves beside its index (the lexicon, the spelling table): tagged pickles.

Each holds a dict with a ``format`` tag; a file with another tag (older code, another
kind of file) is refused with ``ValueError`` rather than misread.
"""
from __future__ import annotations

import pickle
from pathlib import Path


def write_state(path, tag: str, state: dict) -> None:
    """Write ``state`` (plain lists and dicts) to ``path`` under the format ``tag``."""
    with open(path, "wb") as f:
        pickle.dump({"format": tag, **state}, f, protocol=pickle.HIGHEST_PROTOCOL)


def read_state(path, tag: str, what: str) -> dict:
    """Return the state written by ``write_state`` with ``tag``; raise ``ValueError`` otherwise."""
    with open(path, "rb") as f:
        state = pickle.load(f)
    if not isinstance(state, dict) or state.get("format") != tag:
        raise ValueError(f"{Path(path)} is not a saved {what} ({tag})")
    return state
