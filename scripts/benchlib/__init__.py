"""Helpers of ``scripts/bench.py``: corpora, engines, measurements and the report."""
