"""The Flask adapter: a search page and a JSON API over ``searcher``.

    flask --app web run
"""
from __future__ import annotations

import os

from flask import Flask

from . import settings


def create_app(test_config: dict | None = None) -> Flask:
    """Create the application: defaults, then ``instance/config.py``, then ``test_config``."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(settings.defaults())
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    if not app.config["INDEX_DIR"]:
        app.config["INDEX_DIR"] = os.path.join(app.instance_path, "index")
    app.json.ensure_ascii = bool(app.config["JSON_ENSURE_ASCII"])
    app.json.sort_keys = False
    app.extensions["request_limits"] = settings.request_limits(app.config)

    from . import engine, views
    engine.init_app(app)
    app.register_blueprint(views.bp)
    return app
