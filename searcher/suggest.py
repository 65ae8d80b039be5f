"""Completions as the user types, and "did you mean" spellings for queries that find little.

Both answer in the script the user typed: a Latin prefix completes to Latin
words of the index and to the native words it spells (``pyon`` → પ્યોંગયાંગ).
"""
from __future__ import annotations

from . import completion, languages
from .analysis import KINDS
from .normalize import normalize_token
from .tokenize import words

MAX_SUGGESTIONS = 8
#: Prefix terms read from the index per completion request (bounds the work).
MAX_PREFIX_TERMS = 2000
FIELDS = ("title", "body")
#: Latin prefixes shorter than this complete only to Latin words (one letter begins
#: too many native words to be worth reading).
MIN_LATIN_PREFIX = 2


def script_of(text: str) -> str:
    return languages.language_of_char(text[0]) or languages.LATIN if text else languages.LATIN


_KIND_PREFIXES = tuple(kind.prefix for kind in KINDS if kind.prefix)


def is_plain_word(term: str) -> bool:
    """Tell whether an index term is a word as written (not an ``s:``/``x:``/``p:`` form)."""
    return not term.startswith(_KIND_PREFIXES)


def complete(reader, prefix: str, lexicon=None, limit: int = MAX_SUGGESTIONS) -> list[str]:
    """Return up to ``limit`` completions of the last word of ``prefix``, most used first.

    A Latin prefix also completes to the native words it most likely begins, in both
    scripts (``completion``); with words before it, words that follow the previous
    word in the index come first (``kim jo`` → ``kim જોંગ``, not ``kim jobs``).
    """
    found = words(prefix)
    if not found:
        return []
    head = prefix[: prefix.rfind(found[-1])]
    last = normalize_token(found[-1])
    counts = indexed_completions(reader, last)
    script = script_of(last)
    candidates = completion.literal_candidates(counts, script)
    if lexicon is not None and script == languages.LATIN and len(last) >= MIN_LATIN_PREFIX:
        latin_words = dict(counts)
        if any((field, last) in reader for field in FIELDS):
            latin_words[last] = max(reader.doc_frequency(field, last) for field in FIELDS)
        candidates += completion.native_candidates(lexicon, last, latin_words)
    ranked = completion.rank(candidates)
    if len(found) > 1:
        previous = completion.readings(normalize_token(found[-2]), lexicon)
        followers = completion.next_words(reader, previous, FIELDS)
        ranked = completion.rank(completion.context_candidates(last, followers, lexicon)) + ranked
    return [head + word for word in dict.fromkeys(ranked) if word != last][:limit]


def indexed_completions(reader, prefix: str) -> dict[str, int]:
    """Return the indexed words that begin with ``prefix`` (not it), with their frequencies."""
    counts: dict[str, int] = {}
    for field in FIELDS:
        for n, term in enumerate(reader.expand_prefix(field, prefix)):
            if n >= MAX_PREFIX_TERMS:
                break
            term = term.decode("utf-8") if isinstance(term, bytes) else term
            if is_plain_word(term) and term != prefix:
                counts[term] = max(counts.get(term, 0), reader.doc_frequency(field, term))
    return counts


def did_you_mean(reader, query_words: list[str], lexicon=None) -> str | None:
    """Return the query with each unknown word replaced by the closest indexed spelling."""
    changed = False
    out = []
    for word in query_words:
        normalized = normalize_token(word)
        if any((field, normalized) in reader for field in FIELDS):
            out.append(word)
            continue
        better = closest(reader, normalized, lexicon)
        changed |= better is not None
        out.append(better or word)
    return " ".join(out) if changed else None


def closest(reader, word: str, lexicon=None) -> str | None:
    """Return the most used indexed word in ``word``'s script within two edits of it."""
    script = script_of(word)
    best: tuple[int, str] | None = None
    for field in FIELDS:
        # the first letters must match: it bounds the search over a large term list
        # (two for Latin words, or every "s:" stem term would be a candidate for "s…")
        prefix = 2 if script == languages.LATIN and len(word) > 2 else 1
        for term in reader.terms_within(field, word, 2 if len(word) > 4 else 1, prefix=prefix):
            term = term.decode("utf-8") if isinstance(term, bytes) else term
            if not is_plain_word(term) or script_of(term) != script or term == word:
                continue
            freq = reader.doc_frequency(field, term)
            if best is None or freq > best[0]:
                best = (freq, term)
    if best is None and lexicon is not None and script != languages.LATIN:
        similar = lexicon.similar(word, limit=1)
        if similar and script_of(similar[0][0]) == script:
            return similar[0][0]
    return best[1] if best else None
