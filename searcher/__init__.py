"""Cross-script search for Gujarati and Hindi news: analysis, query building, searching.

This package is the library. It never imports Flask; ``web/`` and ``scripts/``
are thin adapters over it.
"""
