"""Views: the search page and the JSON API, both answered by ``search_request``."""
from __future__ import annotations

from flask import (Blueprint, abort, current_app, jsonify, render_template, request,
                   url_for)

from searcher import languages
from searcher.expansions import parse_drop
from searcher.layout import IndexMissing
from searcher.requests import QueryError

from .engine import get_engine
from .openapi import openapi_document
from .pageparts import page_context
from .reading import reading_aids

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
        args = request.args
        results = get_engine().search(
            args.get("q"), page=page, per_page=per_page, lang=args.get("lang") or None,
            source=args.get("source") or None, date_from=args.get("from") or None,
            date_to=args.get("to") or None, sort=args.get("sort") or None,
            drop=parse_drop(args.getlist("drop")))
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
    context = {"query": query, "data": None, "error": None, "languages": languages.LANGUAGES}
    if not query.strip():
        return render_template("search.html", **context)
    data, status = search_request()
    if status == 200:
        for hit in data["results"]:
            hit["aids"] = reading_aids(hit["snippet"], hit["lang"])
            hit["title_aids"] = reading_aids(hit["title_html"], hit["lang"])
        context["data"] = data
    else:
        context["error"] = data["error"]
    context.update(page_context(request.args, context["data"]))
    return render_template("search.html", **context), status


@bp.get("/article/<path:doc_id>")
def article(doc_id: str):
    query = request.args.get("q", "")
    try:
        found = get_engine().article(doc_id, query)
    except IndexMissing as error:
        return render_template("article.html", article=None, error=str(error), query=query,
                               languages=languages.LANGUAGES), 503
    if found is None:
        abort(404)
    back = url_for("search.page", **request.args) if query else url_for("search.page")
    return render_template("article.html", article=found, error=None, query=query, back=back,
                           languages=languages.LANGUAGES)


@bp.get("/api/suggest")
def api_suggest():
    prefix = request.args.get("q")
    if prefix is None:
        return jsonify({"error": "missing q: pass the text typed so far"}), 400
    try:
        suggestions = get_engine().complete(prefix)
    except IndexMissing as error:
        return jsonify({"error": str(error)}), 503
    return jsonify({"query": prefix[:500], "suggestions": suggestions})


@bp.get("/favicon.ico")
def favicon():
    return current_app.send_static_file("favicon.svg")


@bp.get("/api/openapi.json")
def api_openapi():
    return jsonify(openapi_document())


@bp.app_errorhandler(404)
def not_found(error):
    if request.path.startswith("/api/"):
        return jsonify({"error": "not found"}), 404
    return render_template("search.html", query="", data=None, error="Page not found.",
                           languages=languages.LANGUAGES), 404


@bp.app_errorhandler(500)
def server_error(error):
    if request.path.startswith("/api/"):
        return jsonify({"error": "internal error; the request was logged"}), 500
    return render_template("search.html", query="", data=None,
                           error="Something went wrong on our side.",
                           languages=languages.LANGUAGES), 500


@bp.after_app_request
def security_headers(response):
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
