"""A WSGI factory serving the index named by ``NEWS_INDEX_DIR``, for the reliability scripts.

    NEWS_INDEX_DIR=/tmp/ix PYTHONPATH=scripts/reliability \\
        .venv/bin/waitress-serve --host 127.0.0.1 --port 5077 --call app_for:create_app
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def create_app():
    """Return the web app over ``$NEWS_INDEX_DIR`` (read when called, not at import)."""
    from web import create_app as web_create_app
    return web_create_app({"INDEX_DIR": os.environ["NEWS_INDEX_DIR"]})
