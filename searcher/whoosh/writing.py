"""Writing a build of the Whoosh index: documents, deletions, worker segments, one commit.

``BuildWriter`` writes a build directory (new, or holding the previous build's
segments); ``WorkerSegment`` is the segment one indexing worker process writes
(``index.parallel``); ``BuildWriter.commit`` puts the workers' segments into the
same table of contents. Both write with ``IndexWriter``, Whoosh's segment writer
with field lengths read once per segment instead of once per posting: when
Whoosh writes a segment's postings it asks for the length of the posting's
field in its document from the length column on disk (a seek and a read each:
1.1 million of them for 4,000 articles).
"""
from __future__ import annotations

import os
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import MERGE_SMALL, SegmentWriter

from ..analysis import TEXT_PARTS, analysed_parts
from .schema import make_schema

#: Memory Whoosh's posting pool may use before it spills to temporary files.
LIMIT_MB = 1024


class BuildWriter:
    """Write one build directory: add documents, delete a source's, commit or cancel.

    ``create``: a new index; otherwise the directory holds the previous build's
    segments (hard-linked), which this writer extends.
    """

    def __init__(self, build_dir: str | Path, create: bool):
        ix = (whoosh_index.create_in(str(build_dir), make_schema()) if create
              else whoosh_index.open_dir(str(build_dir)))
        # Separate files, not one compound file: Whoosh copies a compound file's parts into
        # memory when it opens them (about 830 MB at 200,000 articles); separate files are
        # read from disk as needed.
        self._writer = IndexWriter(ix, limitmb=LIMIT_MB, compound=False)

    def add(self, fields: dict, words: dict | None = None) -> None:
        """Add one document's fields (``index.build.document_fields``) and the analysed
        words of its text parts (``analysis.analysed_parts``; analysed here if ``None``)."""
        self._writer.add_document(**whoosh_fields(fields, words))

    def delete_origin(self, origin: str) -> None:
        """Delete every document read from the source file ``origin``."""
        self._writer.delete_by_term("origin", origin)

    def commit(self, segments: list = ()) -> None:
        """Commit this writer's deletions and documents with the workers' ``segments``."""
        commit_with(self._writer, list(segments))

    def cancel(self) -> None:
        self._writer.cancel()


class WorkerSegment:
    """The segment one worker process writes into a build directory."""

    def __init__(self, build_dir: str | Path, limitmb: int = LIMIT_MB):
        ix = _WorkerStorage(str(build_dir)).open_index()
        self._writer = IndexWriter(ix, _lk=False, limitmb=limitmb, compound=False)

    def add(self, fields: dict, words: dict | None = None) -> None:
        self._writer.add_document(**whoosh_fields(fields, words))

    def finish(self):
        """Write the segment out and return it (for ``BuildWriter.commit``)."""
        segment = self._writer._finalize_segment()
        self._writer.temp_storage().destroy()
        return segment

    def cancel(self) -> None:
        self._writer.cancel()


def whoosh_fields(fields: dict, words: dict | None) -> dict:
    """Return ``add_document``'s arguments: each text part indexed from its analysed words,
    its text stored as it is (Whoosh's ``_stored_<field>``)."""
    if words is None:
        words = analysed_parts(fields)
    found = dict(fields)
    for part in TEXT_PARTS:
        found[part], found[f"_stored_{part}"] = words[part], fields[part]
    return found


class _WorkerStorage(FileStorage):
    """The index directory, with temporary files in a directory of this process's own.

    Every Whoosh writer of an index keeps its temporary files in ``MAIN.tmp`` and
    deletes that directory when it finishes, under the feet of other writers.
    """

    def temp_storage(self, name=None):
        return super().temp_storage(f"worker-{os.getpid()}.tmp")


def commit_with(writer: SegmentWriter, segments: list) -> None:
    """Commit ``writer`` (its deletions and documents) together with the workers' segments.

    Mirrors the multi-segment commit of Whoosh's ``MpWriter``; old segments whose
    documents were all deleted are dropped, and small ones merged (Whoosh's
    ``MERGE_SMALL``), so incremental builds do not pile up segments.
    """
    final = writer._merge_segments(_drop_empty_merge_small, False, True) + list(segments)
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final)
    writer._finish()


def _drop_empty_merge_small(writer, segments: list) -> list:
    return MERGE_SMALL(writer, [segment for segment in segments if segment.doc_count() > 0])


class IndexWriter(SegmentWriter):
    """A ``SegmentWriter`` whose segment flush reads each field's lengths in one pass."""

    def _flush_segment(self):
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        lengths = _Lengths(reader, self.schema, self.docnum) if reader else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if reader:
            reader.close()


class _Lengths:
    """Field lengths of a segment's documents, read on first use and kept in lists."""

    def __init__(self, reader, schema, doc_count: int):
        self._reader, self._count = reader, doc_count
        self._fields: dict[str, list[int]] = {}

    def doc_field_length_reader(self, fieldname: str, default: int = 0):
        lengths = self._fields.get(fieldname)
        if lengths is None:
            read = self._reader.doc_field_length
            lengths = self._fields[fieldname] = [read(docnum, fieldname, 0) or 0
                                                 for docnum in range(self._count)]
        return lengths.__getitem__

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        return self.doc_field_length_reader(fieldname)(docnum)
