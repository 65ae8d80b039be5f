"""Headlines for a result list: cut to a readable length, with the query's words marked.

The full headline stays in the index and on the article page; only the list
shows the cut one. bbc-hindi items of the news corpus have no headline, so
their first line stands in for one, often a whole long sentence.
"""
from __future__ import annotations

from .snippets import Snippet, mark_all

#: Longest headline shown in a result list, in characters: two lines at
#: 390 px. Most headlines stay whole (news corpus median 91, zeenews longest 171).
MAX_TITLE_CHARS = 120
#: A cut goes back to the last space, but never below this share of the limit
#: (a headline with no space near the end is cut inside its last word).
MIN_CUT_SHARE = 0.6
#: What a cut headline ends with.
ELLIPSIS = " …"
_TRAILING = " ,;:-–—|"


def short_title(title: str, max_chars: int = MAX_TITLE_CHARS) -> str:
    """Return ``title`` cut at a word boundary to at most ``max_chars`` characters and an ellipsis.

    >>> short_title("लेकिन मीडिया रिपोर्टों के मुताबिक इन उम्मीदवारों में से सईद जलीली", 30)
    'लेकिन मीडिया रिपोर्टों के …'
    >>> short_title("કિમ જોંગ ઉન મોસ્કો પહોંચ્યા")
    'કિમ જોંગ ઉન મોસ્કો પહોંચ્યા'
    """
    title = title.strip()
    if len(title) <= max_chars:
        return title
    room = max_chars - len(ELLIPSIS)
    cut = title.rfind(" ", 0, room + 1)
    if cut < room * MIN_CUT_SHARE:
        cut = room
    return title[:cut].rstrip(_TRAILING) + ELLIPSIS


def marked_title(title: str, terms: set[str], max_chars: int = MAX_TITLE_CHARS) -> Snippet:
    """Return the cut headline with the query's words marked.

    >>> marked_title("પુતિનને <b>કિમ</b>નો સંદેશ", {"s:પુતિન"}).html()
    '<mark>પુતિનને</mark> &lt;b&gt;કિમ&lt;/b&gt;નો સંદેશ'
    """
    return mark_all(short_title(title, max_chars), terms)


def is_headline_only(title: str, text: str) -> bool:
    """Tell whether an item has no body beyond its headline (a snippet would repeat it).

    >>> is_headline_only("મોદી ગુજરાતમાં", " મોદી ગુજરાતમાં\\n"), is_headline_only("મોદી", "મોદી આવ્યા.")
    (True, False)
    """
    return not text.strip() or text.strip() == title.strip()
