"""Find the same story told in two languages, and near-duplicates within one.

Each article becomes a TF-IDF vector over the *sound* forms of its words (the
cross-script analysis makes પુતિન and पुतिन, કિમ and किम one form). Articles
in different languages whose vectors are each other's best match, above
``CROSS_LANGUAGE_MIN``, are one story in two languages; articles in one
language above ``DUPLICATE_MIN`` are near-duplicates.

Measured on the bundled collection: 000 (Gujarati) and 002 (Hindi), one
report, score 0.23; every other Gujarati–Hindi pair scores 0.09–0.13.
"""
from __future__ import annotations

import math
import string
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from searcher.analysis import forms
from searcher.languages import SENTENCE_ENDS
from searcher.normalize import normalize_token
from searcher.stem import stopwords

_PUNCTUATION = string.punctuation + SENTENCE_ENDS + "‘’“”…–—«»"

CROSS_LANGUAGE_MIN = 0.18
DUPLICATE_MIN = 0.80
#: A story link needs this many content forms in each article and in common:
#: two headlines share a topic more often than a story.
MIN_STORY_TERMS = 20
MIN_SHARED_TERMS = 5
#: Terms in more articles than this do not propose candidate pairs.
MAX_DF = 50
#: Similarity a pair's rare terms must reach before the whole pair is scored.
MIN_RARE_SHARE = 0.05
#: Most frequent forms kept per article (bounds memory on large collections).
MAX_SIGNATURE_TERMS = 64


@dataclass
class Links:
    """Story links of a collection: ``other_language[id]`` and ``duplicates[id]``."""

    other_language: dict[str, list[str]] = field(default_factory=dict)
    duplicates: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"other_language": self.other_language, "duplicates": self.duplicates}

    @classmethod
    def from_dict(cls, data: dict) -> "Links":
        return cls(data.get("other_language", {}), data.get("duplicates", {}))


def signature(text: str, lang: str) -> Counter:
    """Count the sound forms of ``text``'s content words.

    >>> signature("શોઇગુએ કિમ અને", "gu") == signature("शोइगु किम", "hi")
    True
    """
    stop = stopwords(lang)
    counts: Counter = Counter()
    for raw in text.split():     # white space is enough here, and far cheaper than ICU
        word, sound = _word_and_sound(raw)
        if word and word not in stop:
            counts[sound] += 1
    return Counter(dict(counts.most_common(MAX_SIGNATURE_TERMS)))


@lru_cache(maxsize=300_000)
def _word_and_sound(raw: str) -> tuple[str, str]:
    """Return a white-space token's normalized word ('' if too short) and its sound form."""
    word = normalize_token(raw.strip(_PUNCTUATION))
    if len(word) < 2:
        return "", ""
    return word, dict(forms(word)).get("sound", word)


def find_links(articles: Iterable[tuple[str, str, Counter]]) -> Links:
    """Return the links among ``(id, lang, signature)`` articles."""
    articles = list(articles)
    vectors = _tfidf([sig for _, _, sig in articles])
    scores = _pair_scores(vectors)
    best: dict[int, tuple[float, int]] = {}
    links = Links()
    for (a, b), score in scores.items():
        (id_a, lang_a, _), (id_b, lang_b, _) = articles[a], articles[b]
        if lang_a == lang_b:
            if score >= DUPLICATE_MIN:
                links.duplicates.setdefault(id_a, []).append(id_b)
                links.duplicates.setdefault(id_b, []).append(id_a)
            continue
        if not _enough_in_common(articles[a][2], articles[b][2]):
            continue
        for x, y in ((a, b), (b, a)):
            if score > best.get(x, (0.0, -1))[0]:
                best[x] = (score, y)
    for x, (score, y) in best.items():
        if score >= CROSS_LANGUAGE_MIN and best.get(y, (0, -1))[1] == x:
            links.other_language.setdefault(articles[x][0], []).append(articles[y][0])
    return links


def _enough_in_common(a: Counter, b: Counter) -> bool:
    """Tell whether two signatures are long enough, and share enough, to be one story."""
    return (len(a) >= MIN_STORY_TERMS and len(b) >= MIN_STORY_TERMS
            and len(a.keys() & b.keys()) >= MIN_SHARED_TERMS)


def _tfidf(signatures: list[Counter]) -> list[dict[str, float]]:
    n = len(signatures)
    df = Counter(term for sig in signatures for term in sig)
    vectors = []
    for sig in signatures:
        vector = {t: (1 + math.log(c)) * math.log(1 + n / df[t]) for t, c in sig.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({t: v / norm for t, v in vector.items()})
    return vectors


def _pair_scores(vectors: list[dict[str, float]]) -> dict[tuple[int, int], float]:
    """Return cosine scores of the pairs that share enough rare terms to be candidates.

    Only terms in at most ``MAX_DF`` articles propose pairs, so the work grows
    with the collection, not with its square; a pair's rare terms must carry at
    least ``MIN_RARE_SHARE`` of similarity before its full cosine is computed.
    """
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for term, weight in vector.items():
            postings[term].append((index, weight))
    partial: dict[tuple[int, int], float] = defaultdict(float)
    for posting in postings.values():
        if len(posting) > MAX_DF:
            continue
        for k, (a, weight_a) in enumerate(posting):
            for b, weight_b in posting[k + 1:]:
                partial[(a, b)] += weight_a * weight_b
    return {(a, b): sum(w * vectors[b].get(t, 0.0) for t, w in vectors[a].items())
            for (a, b), rare in partial.items() if rare >= MIN_RARE_SHARE}
