"""Where an OpenSearch build is served from: a cluster URL and an index name (an alias).

Written ``opensearch:http://127.0.0.1:9200/news`` wherever a Whoosh index
directory is accepted (``SearchEngine``, ``--index`` of the scripts). The alias
``news`` points at the build index being served (``news-b20261203t101500-1a2b``);
a build moves it in one atomic ``_aliases`` request, and web servers look it up
at most once a second, so they follow a new build without a restart.
"""
from __future__ import annotations

import os
import re
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

SCHEME = "opensearch:"
#: Seconds between two lookups of the alias by one web server.
ALIAS_CHECK_SECONDS = 1.0
#: Where web servers cache the build's files, unless ``OPENSEARCH_CACHE`` says.
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "indic-news-search" / "opensearch-cache"


#: A build's index: the alias name, the build's time and six random hex digits.
BUILD_INDEX = re.compile(r"(?P<name>.+)-b\d{8}t\d{6}-[0-9a-f]{6}")


def new_build_index(name: str) -> str:
    """Return a fresh index name for a build of alias ``name`` (``news-b20261203t101500-3f2a1c``)."""
    return f"{name}-b{time.strftime('%Y%m%dt%H%M%S')}-{os.urandom(3).hex()}"


def alias_of_build(index: str) -> str | None:
    """Return the alias name a build index belongs to, or ``None`` if it is not one.

    >>> alias_of_build("news-b20261203t101500-b3f2a1"), alias_of_build("news-lock")
    ('news', None)
    """
    found = BUILD_INDEX.fullmatch(index)
    return found["name"] if found else None


def is_location(spec) -> bool:
    return isinstance(spec, str) and spec.startswith(SCHEME)


def location_spec(url: str, name: str) -> str:
    """Return the location of index ``name`` on the cluster at ``url``."""
    return f"{SCHEME}{url.rstrip('/')}/{name}"


def make_client(url: str):
    """Return a client for the cluster at ``url`` (thread-safe, keeps connections)."""
    from opensearchpy import OpenSearch
    return OpenSearch(hosts=[url], timeout=30, max_retries=2, retry_on_timeout=False,
                      http_compress=True)


@dataclass
class OpenSearchLocation:
    """An index name on a cluster: the alias a build switches and web servers follow."""

    url: str
    name: str
    cache: Path = field(default_factory=lambda: Path(os.environ.get("OPENSEARCH_CACHE",
                                                                    DEFAULT_CACHE)))

    def __post_init__(self):
        self._client = None
        self._looked_at = 0.0
        self._target: str | None = None
        self._lock = threading.Lock()

    @classmethod
    def parse(cls, spec: str) -> "OpenSearchLocation":
        """Read ``opensearch:http://host:9200/name`` (``ValueError`` if malformed)."""
        rest = spec[len(SCHEME):]
        parts = urlsplit(rest)
        name = parts.path.strip("/")
        if parts.scheme not in ("http", "https") or not parts.netloc or not name or "/" in name:
            raise ValueError(f"not an OpenSearch location: {spec!r} "
                             "(write opensearch:http://HOST:9200/INDEX)")
        return cls(f"{parts.scheme}://{parts.netloc}", name)

    def __str__(self) -> str:
        return location_spec(self.url, self.name)

    @property
    def client(self):
        if self._client is None:
            self._client = make_client(self.url)
        return self._client

    def current(self) -> str:
        """Return the build index the alias points at (looked up at most once a second)."""
        from searcher.layout import IndexMissing
        from .engine import cluster_errors
        now = time.monotonic()
        if self._target is not None and now - self._looked_at < ALIAS_CHECK_SECONDS:
            return self._target
        with self._lock:
            if self._target is None or time.monotonic() - self._looked_at >= ALIAS_CHECK_SECONDS:
                target = cluster_errors(lambda: alias_target(self.client, self.name))
                if target is None:
                    raise IndexMissing(f"no index {self.name!r} on {self.url}: build one with "
                                       f"`python scripts/build_index.py --index {self}`")
                self._target, self._looked_at = target, time.monotonic()
        return self._target

    def open(self, index: str):
        """Open build index ``index`` for searching (its files fetched into the cache)."""
        from searcher.served import open_build
        from .companions import download
        from .engine import OpenSearchBuild, cluster_errors
        directory = cluster_errors(lambda: download(self.client, index, self.cache))
        return open_build(directory, OpenSearchBuild(self.client, index, directory), key=index)


def alias_target(client, name: str) -> str | None:
    """Return the index alias ``name`` points at, or ``None`` when there is no such alias."""
    if not client.indices.exists_alias(name=name):
        return None
    targets = sorted(client.indices.get_alias(name=name))
    return targets[-1] if targets else None
