"""Results as the reader sees them: hits with snippets and headlines marked, and articles.

What a page shows of each match (its snippet, marked headline, the same story
in the other language, its near-duplicates), built from stored fields; the
search decides which matches and in what order (``searcher.search``).
"""
from __future__ import annotations

from index.metadata import outlet_name

from .deadline import Deadline
from .headlines import is_headline_only, marked_title
from .results import Article, Hit
from .served import ServedBuild
from .snippets import MAX_FRAGMENT_CHARS, MAX_SCAN_CHARS, Snippet, make_snippet, mark_all, sentences

#: Characters of articles the snippets of one page may analyse to find the query's
#: words; later hits of the page, and every hit past the deadline, show their first
#: sentence unmarked (100 snippets of a page took 180-400 ms, most of the request).
SNIPPET_CHARS_PER_PAGE = 40_000
#: Characters of an article its unmarked first sentence is looked for in.
LATE_SNIPPET_CHARS = 600


def hit(served: ServedBuild, stored: dict, score: float, terms: set[str],
        deadline: Deadline, snippet_chars: list[int]) -> Hit:
    """Return one result from its stored fields: its snippet marks ``terms`` while the
    page's ``snippet_chars`` last and the deadline has not passed, else its first sentence."""
    title, text = stored.get("title", ""), stored.get("text", "")
    headline_only = is_headline_only(title, text)
    source = stored.get("source", "")
    if headline_only:
        snippet = None                  # the headline says it all
    elif snippet_chars[0] <= 0 or deadline.expired():
        snippet = lede(text)            # no words analysed: the first sentence
    else:
        snippet_chars[0] -= min(len(text), MAX_SCAN_CHARS)
        snippet = make_snippet(text, terms)
    return Hit(
        id=stored["id"], title=title, lang=stored.get("lang", ""),
        score=round(float(score), 4),
        snippet=Snippet(()) if snippet is None else snippet,
        url=stored.get("url", ""), published=stored.get("published", ""),
        source=source,
        also_in=also_in(served, stored["id"]),
        title_html=marked_title(title, terms), headline_only=headline_only,
        source_name=outlet_name(source),
    )


def article(served: ServedBuild, doc_id: str, terms: set[str]) -> Article | None:
    """Return one article with ``terms`` marked in its title and paragraphs, or ``None``."""
    stored = served.engine.document(doc_id)
    if stored is None:
        return None
    body = stored.get("text", "")
    return Article(
        id=doc_id, title=stored.get("title", ""), lang=stored.get("lang", ""),
        url=stored.get("url", ""), published=stored.get("published", ""),
        source=stored.get("source", ""), english_title=stored.get("english_title", ""),
        paragraphs=[mark_all(p, terms) for p in body.split("\n") if p.strip()],
        also_in=also_in(served, doc_id),
        source_name=outlet_name(stored.get("source", "")),
        elsewhere=elsewhere(served, doc_id),
        headline_only=is_headline_only(stored.get("title", ""), body),
        title_html=mark_all(stored.get("title", ""), terms),
    )


def also_in(served: ServedBuild, doc_id: str) -> list[dict]:
    """Return the same story in the other language (``index.link``)."""
    return [{"id": other, "lang": stored.get("lang", ""), "title": stored.get("title", "")}
            for other, stored in _linked(served, served.links.other_language, doc_id)]


def elsewhere(served: ServedBuild, doc_id: str) -> list[dict]:
    """Return the near-duplicates of an item: the same story from other items (``index.link``)."""
    return [{"id": other, "lang": stored.get("lang", ""), "title": stored.get("title", ""),
             "url": stored.get("url", ""), "source_name": outlet_name(stored.get("source", ""))}
            for other, stored in _linked(served, served.links.duplicates, doc_id)]


def _linked(served: ServedBuild, links: dict[str, list[str]], doc_id: str):
    """Yield ``(id, stored fields)`` of the items ``links`` joins to ``doc_id`` that the build holds."""
    for other in links.get(doc_id, ()):
        stored = served.engine.document(other)
        if stored:
            yield other, stored


def lede(text: str) -> Snippet:
    """Return the first sentence of ``text``, unmarked, at most a fragment long (no analysis).

    >>> lede("કિમ જોંગ ઉને મિસાઇલ છોડી. બીજું વાક્ય.").html()
    'કિમ જોંગ ઉને મિસાઇલ છોડી.'
    """
    head = text[:LATE_SNIPPET_CHARS]
    bounds = sentences(head)
    if not bounds:
        return Snippet(())
    piece = head[bounds[0][0]:bounds[0][1]].strip()
    if len(piece) > MAX_FRAGMENT_CHARS:
        piece = piece[:MAX_FRAGMENT_CHARS].rsplit(" ", 1)[0] + "…"
    return Snippet(((piece, False),))


def member(stored) -> dict:
    """Describe a near-duplicate grouped under a hit (enough to list and open it)."""
    return {name: stored.get(name, "") for name in ("id", "title", "lang", "source", "published")}
