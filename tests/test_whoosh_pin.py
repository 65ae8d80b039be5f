"""Whoosh is pinned to the release its private parts were written against, and only
``searcher/whoosh/`` imports it."""
import configparser
import re
from importlib import metadata
from pathlib import Path

from searcher.whoosh import WHOOSH_VERSION

ROOT = Path(__file__).resolve().parent.parent


def test_setup_cfg_pins_the_version_the_package_was_written_against():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    requires = [line.strip() for line in config["options"]["install_requires"].splitlines()
                if line.strip() and not line.strip().startswith("#")]
    assert f"whoosh3=={WHOOSH_VERSION}" in requires


def test_the_installed_whoosh_is_the_pinned_one():
    assert metadata.version("whoosh3") == WHOOSH_VERSION


def test_only_the_whoosh_package_imports_whoosh():
    """The seam: the language side, the builder, the web app and the scripts reach
    Whoosh through searcher.whoosh; the benchmark's plain-Whoosh baseline is the one
    exception (it measures Whoosh itself)."""
    importing = re.compile(r"^\s*(import whoosh|from whoosh[ .])", re.M)
    allowed = {ROOT / "scripts" / "benchlib" / "engines.py"}
    found = sorted(str(path.relative_to(ROOT)) for folder in ("searcher", "index", "web", "scripts")
                   for path in (ROOT / folder).rglob("*.py")
                   if importing.search(path.read_text("utf-8")) and path not in allowed
                   and (ROOT / "searcher" / "whoosh") not in path.parents)
    assert found == []


def test_a_schema_pickled_before_the_move_still_opens():
    """Builds made before searcher/whoosh/ existed pickled their schema as
    searcher.whoosh_analysis; such an index must open until it is rebuilt."""
    import pickle

    from searcher.whoosh.schema import make_schema
    schema = make_schema()
    # protocol 0 names classes as text lines, so the module path can be swapped in place
    old = pickle.dumps(schema, protocol=0).replace(b"searcher.whoosh.schema",
                                                   b"searcher.whoosh_analysis")
    assert b"searcher.whoosh_analysis" in old
    from searcher.whoosh.schema import IndicAnalyzer, IndicText
    loaded = pickle.loads(old)
    assert loaded.names() == schema.names()
    assert type(loaded["title"]) is IndicText and type(loaded["body"].analyzer) is IndicAnalyzer
