"""Views: the search page and the JSON API, both answered by ``search_request``."""
from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from flask import (Blueprint, abort, current_app, jsonify, redirect, render_template, request,
                   url_for)
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from searcher import languages
from searcher.expansions import parse_drop
from searcher.layout import IndexMissing
from searcher.search_request import Limits, QueryError, search_arguments

from .engine import get_engine
from .openapi import openapi_document
from .pageparts import page_context
from .reading import reading_aids

bp = Blueprint("search", __name__)


def _limits() -> Limits:
    return current_app.extensions["request_limits"]


def search_request():
    """Run the search the request asks for; return the results (``None`` on an error),
    their data as the JSON shows it, and the HTTP status."""
    try:
        results = get_engine().search(**search_arguments(request.args, _limits()),
                                      duplicates=request.args.get("duplicates") or None,
                                      sort=request.args.get("sort") or None,
                                      drop=parse_drop(request.args.getlist("drop")))
    except QueryError as error:
        return None, {"error": str(error)}, 400
    except IndexMissing as error:
        return None, {"error": str(error)}, 503
    return results, results.to_dict(), 200


@bp.get("/api/search")
def api_search():
    _, data, status = search_request()
    return jsonify(data), status


@bp.get("/")
@bp.get("/search")
def page():
    query = request.args.get("q", "")
    context = {"query": query, "data": None, "error": None, "languages": languages.LANGUAGES,
               "depth": _limits().max_results_depth}
    if not query.strip():
        return render_template("search.html", **context)
    results, data, status = search_request()
    if status == 200:
        for found, hit in zip(results.results, data["results"]):
            hit["aids"] = reading_aids(found.snippet, found.lang)
            hit["title_aids"] = reading_aids(found.title_html, found.lang)
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
    return jsonify({"query": prefix[:_limits().max_query_chars], "suggestions": suggestions})


@bp.get("/favicon.ico")
def favicon():
    return current_app.send_static_file("favicon.svg")


@bp.get("/api/openapi.json")
def api_openapi():
    return jsonify(openapi_document(_limits()))


def _is_api() -> bool:
    return (request.path + "/").startswith("/api/")


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    """Answer an HTTP error as JSON under ``/api/`` and as the search page elsewhere."""
    if not _is_api():
        if error.code != 404:
            return error
        return render_template("search.html", query="", data=None, error="Page not found.",
                               languages=languages.LANGUAGES), 404
    response = error.get_response()  # keeps headers such as Allow on a 405
    message = f"{error.name.lower()}: {error.description}"
    if error.code == 404:
        message = "not found: the endpoints are listed in /api/openapi.json"
    elif error.code == 405:
        allowed = ", ".join(sorted(getattr(error, "valid_methods", None) or ()))
        message = f"method not allowed: {request.path} answers {allowed}"
    response.set_data(current_app.json.dumps({"error": message}))
    response.content_type = "application/json"
    return response


@bp.before_app_request
def relative_redirect():
    """Answer routing redirects (``/api//search``) with a relative ``Location``.

    Werkzeug builds an absolute URL from the client's ``Host`` header.
    """
    moved = request.routing_exception
    if not isinstance(moved, RequestRedirect):
        return None
    scheme, netloc, path, query, fragment = urlsplit(moved.new_url)
    location = urlunsplit(("", "", "/" + path.lstrip("/"), query, fragment))
    if _is_api():
        response = jsonify({"location": location})
        response.status_code = moved.code
        response.headers["Location"] = location
        return response
    return redirect(location, moved.code)


@bp.app_errorhandler(500)
def server_error(error):
    if _is_api():
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
