"""Words that follow a word in the index, for completing a word in context.

``kim jo`` completes its last word among the words that follow ``kim`` (read as
किम, કિમ and kim) in the items of the index: જોંગ, जोंग, not ``jobs``. The typed
letters must begin them: literally in the same script, by the prefix alignment
of ``searcher.completion`` from Latin letters.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict

from .completion import MAX_LETTERS, Candidate, PrefixAligner, cached_lookup
from .languages import script_of
from .normalize import normalize_token
from .latin_typing import latin_letters, units
from .tokenize import words

#: Items holding the previous word read for the words that follow it, places per item,
#: and characters read after each place (a long word and the next).
MAX_CONTEXT_DOCS = 100
MAX_OCCURRENCES = 5
NEXT_WORD_CHARS = 60
#: Characters of each item searched for the previous word (its title and first lines).
MAX_CONTEXT_CHARS = 4000
#: Followers whose alignment with the typed letters is this much (log) below the best
#: follower's are not offered.
CONTEXT_MARGIN = 6.0
#: Native readings of a previous Latin word this likely join its context.
CONTEXT_MIN_SCORE = 0.3


def readings(word: str, lexicon) -> list[str]:
    """Return a previous word as written and, for a Latin word, its likely native readings."""
    found = [word]
    if lexicon is not None and latin_letters(word) == word:
        found += [native for native, score in cached_lookup(lexicon, word)
                  if score >= CONTEXT_MIN_SCORE]
    return found


def next_words(engine, previous: list[str]) -> Counter:
    """Count the words that directly follow a reading of the previous word, by items.

    Read from the stored title and text of at most ``MAX_CONTEXT_DOCS`` items that
    hold a reading, ``MAX_OCCURRENCES`` places each: ``kim`` → જોંગ (12), जोंग (8).
    """
    docs: set[int] = set()
    for term in previous:
        docs |= engine.docs_with(term)
    found: Counter = Counter()
    for docnum in sorted(docs)[:MAX_CONTEXT_DOCS]:
        stored = engine.stored(docnum)
        text = (stored.get("title", "") + "\n" + stored.get("text", ""))[:MAX_CONTEXT_CHARS]
        lowered = text.lower()                       # Latin terms are lowercase
        followers: set[str] = set()
        for term in previous:
            start = 0
            for _ in range(MAX_OCCURRENCES):
                at = lowered.find(term, start)
                if at < 0:
                    break
                start = at + len(term)
                window = [normalize_token(w) for w in
                          words(text[at:at + len(term) + NEXT_WORD_CHARS])[:2]]
                if len(window) > 1 and window[0] == term:
                    followers.add(window[1])
        found.update(followers)
    return found


def context_candidates(letters: str, followers: Counter) -> list[Candidate]:
    """Return the words that follow the previous word and may begin with what was typed.

    Same script: the word begins with the typed letters. Latin letters and a native
    word: its prefix alignment is within ``CONTEXT_MARGIN`` of the best follower's of
    that script. The posterior is shared out by items times alignment likelihood.
    """
    latin = latin_letters(letters) == letters
    scored: dict[str, list[tuple[float, str]]] = defaultdict(list)
    aligners: dict[str, PrefixAligner] = {}
    for word, count in followers.items():
        script = script_of(word)
        if word.startswith(letters):
            scored[script].append((math.log(count), word))
        elif latin and script in ("gu", "hi") and len(letters) <= MAX_LETTERS:
            if script not in aligners:
                aligners[script] = PrefixAligner(script, letters)
            logp = aligners[script].score(units(word))
            if logp > -math.inf:
                scored[script].append((logp + math.log(count), word))
    out = []
    for script, pairs in scored.items():
        top = max(s for s, _ in pairs)
        kept = [(math.exp(s - top), w) for s, w in pairs if s >= top - CONTEXT_MARGIN]
        norm = sum(weight for weight, _ in kept)
        out += [Candidate(w, script, weight / norm, followers[w]) for weight, w in kept]
    return out
