"""``web.settings``: the settings table, its defaults, and the request limits they make."""
from __future__ import annotations

from pathlib import Path

import pytest

from searcher.search_request import LIMITS, Limits
from web import create_app
from web.settings import SETTINGS, defaults, request_limits


def test_each_setting_is_named_once_with_a_line_of_help():
    names = [setting.name for setting in SETTINGS]
    assert len(names) == len(set(names))
    assert all(name.isupper() for name in names)
    assert all(setting.help.strip() and "\n" not in setting.help for setting in SETTINGS)


def test_defaults_are_the_tables_defaults_and_the_products_limits():
    found = defaults()
    assert list(found) == [setting.name for setting in SETTINGS]
    assert (found["PER_PAGE"], found["MAX_PER_PAGE"], found["MAX_RESULTS_DEPTH"]) == (
        LIMITS.per_page, LIMITS.max_per_page, LIMITS.max_results_depth)
    assert found["INDEX_DIR"] is None and found["JSON_ENSURE_ASCII"] is False


def test_defaults_make_the_products_limits():
    assert request_limits(defaults()) == LIMITS


def test_limits_from_a_config_file_may_be_strings():
    """``instance/config.py`` or an environment may hold ``"20"``: it is read as a number."""
    config = defaults() | {"PER_PAGE": "20", "MAX_PER_PAGE": "50", "MAX_RESULTS_DEPTH": "500"}
    assert request_limits(config) == Limits(per_page=20, max_per_page=50, max_results_depth=500,
                                            max_query_chars=LIMITS.max_query_chars)


def test_the_query_length_limit_is_not_a_setting():
    assert request_limits(defaults() | {"PER_PAGE": 5}).max_query_chars == LIMITS.max_query_chars


@pytest.mark.parametrize("changes", [
    {"PER_PAGE": 0},                               # an empty page
    {"PER_PAGE": 200},                             # above MAX_PER_PAGE (100)
    {"MAX_PER_PAGE": 5000},                        # above MAX_RESULTS_DEPTH (1000)
    {"PER_PAGE": "ten"},                           # not a number
])
def test_inconsistent_limits_are_refused(changes):
    with pytest.raises(ValueError):
        request_limits(defaults() | changes)


def test_an_app_with_inconsistent_limits_is_not_made(articles_index):
    with pytest.raises(ValueError, match="per_page"):
        create_app({"TESTING": True, "INDEX_DIR": str(articles_index), "PER_PAGE": 200})


def test_without_index_dir_the_app_serves_its_instance_folder():
    app = create_app({"TESTING": True})
    assert Path(app.config["INDEX_DIR"]) == Path(app.instance_path) / "index"


@pytest.mark.parametrize("ascii_only, expected", [(False, "કિમ"), (True, "\\u0a95\\u0abf\\u0aae")])
def test_json_ensure_ascii_chooses_how_native_text_is_written(articles_index, ascii_only, expected):
    app = create_app({"TESTING": True, "INDEX_DIR": str(articles_index),
                      "JSON_ENSURE_ASCII": ascii_only})
    body = app.test_client().get("/api/search", query_string={"q": "કિમ"}).get_data(as_text=True)
    assert f'"query": "{expected}"' in body or f'"query":"{expected}"' in body


def test_an_unknown_backend_is_refused_when_the_app_starts():
    with pytest.raises(ValueError, match="SEARCH_BACKEND must be one of whoosh, opensearch"):
        create_app({"TESTING": True, "SEARCH_BACKEND": "elastic"})


def test_the_backend_settings_name_the_index_location(tmp_path):
    from web.settings import index_location
    assert index_location(defaults() | {"INDEX_DIR": str(tmp_path)}) == str(tmp_path)
    assert index_location(defaults() | {"SEARCH_BACKEND": "opensearch"}) == \
        "opensearch:http://127.0.0.1:9200/news"
