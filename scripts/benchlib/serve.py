"""The production web app on the benchmark's index, for ``waitress --call``.

    BENCH_INDEX_DIR=DIR waitress-serve --call benchlib.serve:create_app
"""
from __future__ import annotations

import os

from web import create_app as create_web_app


def create_app():
    """Return the web app serving the index named by ``BENCH_INDEX_DIR``."""
    return create_web_app({"INDEX_DIR": os.environ["BENCH_INDEX_DIR"]})
