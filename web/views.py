"""Views: the search page and the JSON API, both answered by ``search_request``."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, request

from searcher import languages
from searcher.layout import IndexMissing
from searcher.search import QueryError

from .engine import get_engine

bp = Blueprint("search", __name__)


class BadRequest(Exception):
    """A request parameter that is not usable."""


def _whole_number(name: str, default: int) -> int:
    value = request.args.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, not {value[:40]!r}") from None


def search_request() -> tuple[dict, int]:
    """Run the search the request asks for; return the data and the HTTP status."""
    try:
        page = _whole_number("page", 1)
        per_page = _whole_number("per_page", current_app.config["PER_PAGE"])
        if per_page > current_app.config["MAX_PER_PAGE"]:
            raise BadRequest(f"per_page must be at most {current_app.config['MAX_PER_PAGE']}")
        results = get_engine().search(request.args.get("q"), page=page, per_page=per_page,
                                      lang=request.args.get("lang") or None)
    except (BadRequest, QueryError) as error:
        return {"error": str(error)}, 400
    except IndexMissing as error:
        return {"error": str(error)}, 503
    return results.to_dict(), 200


@bp.get("/api/search")
def api_search():
    data, status = search_request()
    return jsonify(data), status


@bp.get("/")
@bp.get("/search")
def page():
    query = request.args.get("q", "")
    if not query.strip():
        return render_template("search.html", query="", data=None, error=None,
                               languages=languages.LANGUAGES)
    data, status = search_request()
    return render_template("search.html", query=query, data=data if status == 200 else None,
                           error=data.get("error"), languages=languages.LANGUAGES), status


@bp.after_app_request
def security_headers(response):
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
