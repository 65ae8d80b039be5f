"""The query set, by class: what people type, in the three scripts."""
from __future__ import annotations

#: (class, what it stands for, queries). Every engine runs the same strings.
QUERY_CLASSES = (
    ("native word", "a word in Gujarati or Devanagari",
     ("પુતિન", "मोदी", "સરકાર", "कोरोना", "અમદાવાદ")),
    ("Latin name", "a name typed in Latin letters",
     ("putin", "modi", "shoigu", "trump", "rahul")),
    ("Latin common word", "a common word typed in Latin letters",
     ("samarthan", "sarkar", "chunav", "vikas")),
    ("two-word", "two words, all must match",
     ("modi sarkar", "अमित शाह", "ગુજરાત સરકાર", "putin yukren")),
    ("phrase", "a quoted phrase",
     ('"kim jong un"', '"नरेंद्र मोदी"', '"ગુજરાત સરકાર"')),
    ("no-hit", "words found nowhere",
     ("zzxqvw", "qwertyuiopasd", "ઝઝઝક્ષ")),
    ("very common word", "a word in most articles",
     ("છે", "है", "और")),
)

NAMES = tuple(name for name, _, _ in QUERY_CLASSES)
LATIN_NAME = "Latin name"


def all_queries() -> list[str]:
    """Return every query of every class, in order."""
    return [query for _, _, queries in QUERY_CLASSES for query in queries]
