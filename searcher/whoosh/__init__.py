"""Whoosh behind the seam: the only package that imports ``whoosh``.

It writes query plans as Whoosh queries (``query``), scores them from the
posting lists (``scorer``, ``postings``, ``docsets``), reads a build from many
threads (``storage``) and holds the schema and its analyzer (``schema``).
"""
