"""Build the index on an OpenSearch cluster: a new index per build, then one alias switch.

    news-b20261203t101500-3f2a        the build's index (``mapping.index_body``)
    news-b20261203t101500-3f2a-files  its lexicon, links, vocabulary, ... (``companions``)
    news                              the alias web servers follow
    news-lock                         exists while a build runs (``cluster_lock``)

Worker processes analyse the articles (``searcher.opensearch.mapping``, the same
analysis as the Whoosh index) and send them in bulk requests; this process
reads the sources, counts the vocabulary and writes the companion files. Only
when the index and its files are complete does one ``_aliases`` request move
the alias (remove the old index, add the new); then the previous build is
deleted. A build that fails or is killed never moves the alias, and its
half-made index is deleted by the next build. Every build reads every source:
there is no incremental build on a cluster.
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
import socket
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from searcher.languages import LATIN
from searcher.layout import ALIASES, LEXICON, LINKS, MANIFEST, SPELLING
from searcher.lexicon import Lexicon
from searcher.opensearch.columns import COLUMNS, VOCABULARY, save_columns, save_vocabulary
from searcher.opensearch.companions import files_index, upload
from searcher.opensearch.engine import OpenSearchBuild
from searcher.opensearch.location import (OpenSearchLocation, alias_of_build, alias_target,
                                          make_client, new_build_index)
from searcher.opensearch.mapping import PARTS, index_body, similarities
from searcher.opensearch.writing import BULK_DOCS, PART_DOCS, ClusterWriter
from searcher.analysis import analysed_parts, use_build_caches
from searcher.served import vocabulary
from searcher.spelling import SpellIndex
from searcher.suggest import script_of

from .aliases import mine as mine_aliases
from .build import BuildError, BuildLocked, BuildReport, document_fields
from .link import find_links
from .parallel import default_procs, document_signature
from .sources import Document, Item, Skipped, read_file, source_files
from .state import origin_key

#: Seconds between two looks at another build's lock, with ``wait``.
LOCK_POLL_SECONDS = 1.0
#: Seconds to wait for the new index's shards (replicas included) to be allocated.
GREEN_TIMEOUT = "120s"
#: Seconds the previous build is kept after the switch: web servers look the alias up
#: once a second (``location.ALIAS_CHECK_SECONDS``), so none is still opening it.
PREVIOUS_GRACE_SECONDS = 2.0
#: The companion files a web server needs.
COMPANIONS = (VOCABULARY, COLUMNS, LINKS, LEXICON, SPELLING, ALIASES, MANIFEST)


def build_on_cluster(sources: list, location: OpenSearchLocation,
                     on_item: Callable[[Item], None] | None = None, wait: bool = False,
                     procs: int | None = None, shards: int = 1, replicas: int = 0) -> BuildReport:
    """Index ``sources`` into a new index of the cluster and point ``location``'s alias at it."""
    use_build_caches()
    started = time.monotonic()
    report = BuildReport()
    client = location.client
    procs = procs if procs is not None else default_procs()
    name = location.name
    with cluster_lock(client, name, wait):
        previous = alias_target(client, name)
        remove_unfinished(client, name, keep=previous)
        index = new_build_index(name)
        directory = Path(tempfile.mkdtemp(prefix="opensearch-build-"))
        switched = False
        try:
            client.indices.create(index=index, body=_loading(index_body(shards, replicas)))
            files = source_files(sources)
            report.files_read = len(files)
            frequencies, columns, signatures = _fill(location.url, index, files, report, on_item, procs)
            if not report.indexed:
                raise BuildError("nothing to index: every source was empty or skipped")
            # Whoosh's length normalization needs how many items have words in each part
            part_docs = {part: counts[PART_DOCS] for part, counts in frequencies.items()}
            client.indices.close(index=index)
            client.indices.put_settings(index=index, body={"index": {
                "refresh_interval": None,
                "similarity": similarities(report.indexed, part_docs)}})
            client.indices.open(index=index)
            client.indices.refresh(index=index)
            # in the path: opensearch-py takes a `timeout` parameter for its own
            wanted = "green" if replicas else "yellow"
            client.transport.perform_request(
                "GET", f"/_cluster/health/{index}?wait_for_status={wanted}&timeout={GREEN_TIMEOUT}")
            _write_companions(client, index, directory, frequencies, columns, signatures)
            report.seconds = time.monotonic() - started
            report.build_dir = f"{location.url}/{index}"
            _write_manifest(directory, sources, report, shards, replicas)
            upload(client, index, directory, list(COMPANIONS))
            switch_alias(client, name, index, previous)
            switched = True
        except BaseException as error:
            if not switched:
                delete_build(client, index)
            if isinstance(error, (KeyboardInterrupt, BuildError)):
                raise
            if _is_cluster_error(error):
                raise BuildError(f"the cluster refused the build: {error}; "
                                 f"the index being served is unchanged") from error
            raise
        finally:
            shutil.rmtree(directory, ignore_errors=True)
        if previous:
            time.sleep(PREVIOUS_GRACE_SECONDS)     # web servers look at the alias meanwhile
            delete_build(client, previous)
    return report


def _loading(body: dict) -> dict:
    """Return ``body`` with refreshes off while the bulk requests run (turned on after)."""
    settings = dict(body["settings"], refresh_interval="-1")
    return {**body, "settings": settings}


def _is_cluster_error(error: BaseException) -> bool:
    from opensearchpy.exceptions import OpenSearchException
    return isinstance(error, OpenSearchException)


# --- reading and analysing --------------------------------------------------------------

def _documents(files: list[Path], report: BuildReport, on_item) -> Iterator[dict]:
    """Yield the fields of every readable article, skipping (and reporting) the rest."""
    seen: set[str] = set()
    for path in files:
        for item in read_file(path):
            if isinstance(item, Document) and item.id in seen:
                item = Skipped(item.origin or item.id, f"duplicate id {item.id!r}")
            if isinstance(item, Skipped):
                report.skipped.append(item)
            else:
                seen.add(item.id)
                item.origin = origin_key(path)       # as index.build names it
                report.indexed += 1
                yield document_fields(item)
            if on_item:
                on_item(item)


def _batches(documents: Iterable[dict]) -> Iterator[list[tuple[int, dict]]]:
    batch: list[tuple[int, dict]] = []
    for docnum, fields in enumerate(documents):
        batch.append((docnum, fields))
        if len(batch) == BULK_DOCS:
            yield batch
            batch = []
    if batch:
        yield batch


def _fill(url: str, index: str, files: list[Path], report: BuildReport, on_item, procs: int):
    """Send every article to ``index``; return the term frequencies, columns and signatures."""
    per_part = {part: Counter() for part in PARTS}
    columns: dict[int, dict] = {}
    signatures: list = []
    batches = _batches(_documents(files, report, on_item))
    if procs > 1:
        context = multiprocessing.get_context("fork")
        pool = context.Pool(procs, initializer=_start_worker, initargs=(url, index))
        results = pool.imap(_analyse_and_send, batches)
    else:
        _start_worker(url, index)
        pool, results = None, map(_analyse_and_send, batches)
    try:
        for counts, rows, signed in results:
            for part in PARTS:
                per_part[part].update(counts[part])
            columns.update(rows)
            signatures.extend(signed)
    finally:
        if pool:
            pool.terminate()
            pool.join()
    return per_part, [columns[n] for n in sorted(columns)], signatures


_worker: dict = {}


def _start_worker(url: str, index: str) -> None:
    use_build_caches()
    _worker.update(client=make_client(url), index=index)


def _analyse_and_send(batch: list[tuple[int, dict]]):
    """Analyse one batch of articles and write it (one bulk request); return what it counted."""
    writer = ClusterWriter(_worker["client"], _worker["index"], first=batch[0][0])
    signed = []
    for _, fields in batch:
        writer.add(fields, analysed_parts(fields))
        lang, sig = document_signature(fields, fields["lang"])
        signed.append((fields["id"], lang, sig))
    writer.commit()
    return writer.counts, writer.rows, signed


# --- companions ---------------------------------------------------------------------------

def _write_companions(client, index: str, directory: Path, frequencies: dict, columns: list,
                      signatures: list) -> None:
    """Write the files web servers load beside the index, as ``index.build`` does for Whoosh."""
    import json
    part_docs = {part: counts.pop(PART_DOCS, 0) for part, counts in frequencies.items()}
    save_vocabulary(directory / VOCABULARY, frequencies)
    save_columns(directory / COLUMNS, columns, part_docs)
    links = find_links(signatures)
    (directory / LINKS).write_text(json.dumps(links.to_dict(), ensure_ascii=False), "utf-8")
    opened = OpenSearchBuild(client, index, directory)
    words = vocabulary(opened, latin=True)
    lexicon = Lexicon({word: n for word, n in words.items() if script_of(word) != LATIN})
    lexicon.save(directory / LEXICON)
    SpellIndex(words).save(directory / SPELLING)
    mine_aliases(opened, lexicon).save(directory / ALIASES)


def _write_manifest(directory: Path, sources: list, report: BuildReport, shards: int,
                    replicas: int) -> None:
    import json
    manifest = {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "documents": report.indexed,
        "skipped": [str(item) for item in report.skipped],
        "sources": [str(source) for source in sources],
        "seconds": round(report.seconds, 3),
        "shards": shards, "replicas": replicas,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")


# --- the alias, the lock, leftovers -------------------------------------------------------

def switch_alias(client, name: str, index: str, previous: str | None) -> None:
    """Point alias ``name`` at ``index`` in one atomic request (off ``previous``)."""
    actions = [{"add": {"index": index, "alias": name}}]
    if previous:
        actions.insert(0, {"remove": {"index": previous, "alias": name}})
    client.indices.update_aliases(body={"actions": actions})


def delete_build(client, index: str) -> None:
    """Delete a build's index and its files (those that exist)."""
    for target in (index, files_index(index)):
        try:
            client.indices.delete(index=target, ignore_unavailable=True)
        except Exception:  # noqa: BLE001 - best effort: the next build removes leftovers
            pass


def remove_unfinished(client, name: str, keep: str | None) -> None:
    """Delete the build indices of ``name`` the alias does not point at (killed builds)."""
    found = client.indices.get(index=f"{name}-b*", ignore_unavailable=True, allow_no_indices=True)
    for index in sorted(found):
        if index.endswith("-files"):
            index = index[:-len("-files")]
        if index != keep and alias_of_build(index) == name:   # not news-big's for news
            delete_build(client, index)


def lock_index(name: str) -> str:
    return f"{name}-lock"


@contextmanager
def cluster_lock(client, name: str, wait: bool = False) -> Iterator[None]:
    """Hold the build lock of ``name`` on the cluster; raise ``BuildLocked`` if another build has it.

    The lock is an index: creating one is atomic cluster-wide. A lock left by a build
    of this machine whose process is gone (killed) is taken over.
    """
    from opensearchpy.exceptions import RequestError
    me = {"host": socket.gethostname(), "pid": os.getpid(), "started": time.time()}
    target = lock_index(name)
    while True:
        try:
            client.indices.create(index=target, body={
                "settings": {"number_of_shards": 1, "auto_expand_replicas": "0-1"},
                "mappings": {"_meta": me, "dynamic": False}})
            break
        except RequestError as error:
            if error.error != "resource_already_exists_exception":
                raise
        holder = _lock_holder(client, target)
        if holder and holder.get("host") == me["host"] and not _alive(holder.get("pid")):
            client.indices.delete(index=target, ignore_unavailable=True)
            continue
        if not wait:
            who = f" (pid {holder.get('pid')} on {holder.get('host')})" if holder else ""
            raise BuildLocked(f"another build of {name} is running{who}; "
                              f"if none is, delete the index {target}")
        time.sleep(LOCK_POLL_SECONDS)
    try:
        yield
    finally:
        client.indices.delete(index=target, ignore_unavailable=True)


def _lock_holder(client, target: str) -> dict | None:
    try:
        mapping = client.indices.get_mapping(index=target)
    except Exception:  # noqa: BLE001 - gone meanwhile: try again
        return None
    return next(iter(mapping.values()), {}).get("mappings", {}).get("_meta")


def _alive(pid) -> bool:
    try:
        os.kill(int(pid), 0)
    except (OSError, TypeError, ValueError):
        return False
    return True
