"""Completions as the user types, and "did you mean" spellings for queries that find little.

Both answer in the script the user typed: a Latin prefix completes to Latin
words of the index and to the native words it spells (``pyon`` → પ્યોંગયાંગ).
"""
from __future__ import annotations

from . import completion, followers, languages
from .languages import script_of
from .analysis import KINDS
from .normalize import normalize_token
from .spelling import Budget
from .tokenize import words

MAX_SUGGESTIONS = 8
#: Prefix terms read from the index per text field per completion request (bounds the work:
#: 2,000 took ~100 ms for a one-letter prefix at 19,800 articles).
MAX_PREFIX_TERMS = 500
#: Latin prefixes shorter than this complete only to Latin words (one letter begins
#: too many native words to be worth reading).
MIN_LATIN_PREFIX = 2


_KIND_PREFIXES = tuple(kind.prefix for kind in KINDS if kind.prefix)


def is_plain_word(term: str) -> bool:
    """Tell whether an index term is a word as written (not an ``s:``/``x:``/``p:`` form)."""
    return not term.startswith(_KIND_PREFIXES)


def complete(engine, prefix: str, lexicon=None, limit: int = MAX_SUGGESTIONS) -> list[str]:
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
    counts = indexed_completions(engine, last)
    script = script_of(last)
    candidates = completion.literal_candidates(counts, script)
    if lexicon is not None and script == languages.LATIN and len(last) >= MIN_LATIN_PREFIX:
        latin_words = dict(counts)
        if engine.has_term(last):
            latin_words[last] = engine.doc_frequency(last)
        candidates += completion.native_candidates(lexicon, last, latin_words)
    ranked = completion.rank(candidates)
    if len(found) > 1:
        previous = followers.readings(normalize_token(found[-2]), lexicon)
        after = followers.next_words(engine, previous)
        ranked = completion.rank(followers.context_candidates(last, after)) + ranked
    return [head + word for word in dict.fromkeys(ranked) if word != last][:limit]


def indexed_completions(engine, prefix: str) -> dict[str, int]:
    """Return the indexed words that begin with ``prefix`` (not it), with their frequencies."""
    return {term: count for term, count in engine.terms_with_prefix(prefix, MAX_PREFIX_TERMS).items()
            if is_plain_word(term) and term != prefix}


def did_you_mean(engine, query_words: list[str], lexicon=None, spelling=None,
                 budget: Budget | None = None) -> str | None:
    """Return the query with each unknown word replaced by the closest indexed spelling.

    The work is bounded: ``spelling`` (a ``SpellIndex`` of the index's words) is looked
    up for at most ``budget``'s words and candidates; words past it are left as typed.
    """
    budget = budget or Budget()
    changed = False
    out = []
    for word in query_words:
        normalized = normalize_token(word)
        if not normalized or engine.has_term(normalized):
            out.append(word)
            continue
        better = closest(spelling, normalized, lexicon, budget) if spelling else None
        changed |= better is not None
        out.append(better or word)
    return " ".join(out) if changed else None


def closest(spelling, word: str, lexicon=None, budget: Budget | None = None) -> str | None:
    """Return the most used indexed word in ``word``'s script within two edits of it.

    Failing that, a native word that sounds like it (``Lexicon.similar``).
    """
    budget = budget or Budget()
    looked_up = budget.looked_up
    found = spelling.closest(word, budget)
    if found is not None and script_of(found) == script_of(word):
        return found
    script = script_of(word)
    if budget.looked_up > looked_up and lexicon is not None and script != languages.LATIN:
        similar = lexicon.similar(word, limit=1)
        if similar and script_of(similar[0][0]) == script:
            return similar[0][0]
    return None
