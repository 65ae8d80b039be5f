"""The files a build writes beside its OpenSearch index, kept in the cluster itself.

The lexicon, spellings, aliases, story links, vocabulary and columns of a build
go into a small index of their own, ``<build index>-files``, as base64 chunks,
so every web server reads them from the cluster it already talks to: web
servers keep no state, only a cache (``download`` into a local directory, once
per build), and a build is complete when its index and its files are both there.
"""
from __future__ import annotations

import base64
import os
import shutil
import tempfile
from pathlib import Path

from .location import alias_of_build

#: Bytes of a file per document (base64 makes it a third larger; requests stay small).
CHUNK_BYTES = 4 << 20
#: The document listing a build's files and their chunks.
LISTING = "_files"


def files_index(index: str) -> str:
    """Return the name of the index holding the files of build index ``index``."""
    return f"{index}-files"


FILES_BODY = {
    "settings": {"number_of_shards": 1, "auto_expand_replicas": "0-1"},
    "mappings": {"dynamic": "strict", "properties": {
        "name": {"type": "keyword"}, "part": {"type": "integer"},
        "data": {"type": "binary"}, "parts": {"type": "object", "enabled": False}}},
}


def upload(client, index: str, directory: Path, names: list[str]) -> None:
    """Store the files ``names`` of ``directory`` as the files of build index ``index``."""
    target = files_index(index)
    client.indices.create(index=target, body=FILES_BODY)
    parts = {}
    for name in names:
        data = (directory / name).read_bytes()
        chunks = [data[at:at + CHUNK_BYTES] for at in range(0, len(data), CHUNK_BYTES)] or [b""]
        for part, chunk in enumerate(chunks):
            client.index(index=target, id=f"{name}/{part}", body={
                "name": name, "part": part, "data": base64.b64encode(chunk).decode("ascii")})
        parts[name] = len(chunks)
    client.index(index=target, id=LISTING, body={"name": LISTING, "parts": parts},
                 refresh="true")


def download(client, index: str, cache: Path) -> Path:
    """Return a local directory holding the files of build index ``index`` (fetched once).

    Fetched into a temporary directory and renamed, so a directory in the cache is
    always complete; the caches of other builds of the same name are removed.
    """
    target = cache / index
    if target.is_dir():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    listing = client.get(index=files_index(index), id=LISTING)["_source"]["parts"]
    partial = Path(tempfile.mkdtemp(prefix=f".{index}-", dir=cache))
    try:
        for name, count in listing.items():
            with open(partial / name, "wb") as out:
                for part in range(count):
                    doc = client.get(index=files_index(index), id=f"{name}/{part}")
                    out.write(base64.b64decode(doc["_source"]["data"]))
        os.rename(partial, target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        if not target.is_dir():
            raise
    _forget_other_builds(cache, index)
    return target


def _forget_other_builds(cache: Path, index: str) -> None:
    """Remove cached files of the other builds of the same alias (``news-b…`` but ``index``)."""
    name = alias_of_build(index)
    if name is None:
        return
    for other in cache.iterdir():
        if other.name != index and alias_of_build(other.name) == name and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)
