"""Whoosh behind the seam: the only package that imports ``whoosh``.

It writes query plans as Whoosh queries (``query``), scores them from the
posting lists (``scorer``, ``postings``, ``docsets``), reads a build from many
threads (``storage``) and holds the schema and its analyzer (``schema``).
"""

#: The Whoosh release the private parts used here (``postings``: the W3 codec's
#: posting blocks; ``writing``: the segment writer; ``engine``: segments and BM25F's
#: per-field B) were written against; ``setup.cfg`` pins it.
WHOOSH_VERSION = "3.54.0"
