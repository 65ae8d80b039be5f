"""The application's settings: name, default and a line of help each (documented in the README)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS = (
    Setting("INDEX_DIR", None, "Directory of the index to serve; default: <instance folder>/index."),
    Setting("PER_PAGE", 10, "Results per page when the request does not say."),
    Setting("MAX_PER_PAGE", 100, "Largest per_page a request may ask for."),
    Setting("JSON_ENSURE_ASCII", False, "Escape non-ASCII in JSON as \\u sequences (off: UTF-8 text)."),
    Setting("SEARCH_DEADLINE_MS", 250, "Milliseconds a search may work before it answers with the best results found so far (empty: no limit)."),
)


def defaults() -> dict:
    """Return every setting's default value."""
    return {setting.name: setting.default for setting in SETTINGS}
