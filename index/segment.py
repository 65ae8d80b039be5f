"""Whoosh's segment writer, with field lengths read once per segment instead of per posting.

When Whoosh writes a segment's postings it asks for the length of the
posting's field in its document, once per posting, from the length column on
disk (a seek and a read each: 1.1 million of them for 4,000 articles). The
lengths are read into memory once here, a few bytes per document.
"""
from __future__ import annotations

from whoosh.writing import SegmentWriter


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
