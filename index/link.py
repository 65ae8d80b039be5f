"""Find the same story told in two languages, and near-duplicates within one.

Story links: each article becomes a TF-IDF vector over the *sound* forms of its
words (the cross-script analysis makes પુતિન and पुतिन, કિમ and किम one form).
Articles in different languages whose vectors are each other's best match, above
``CROSS_LANGUAGE_MIN``, are one story in two languages.

Near-duplicates are the same story in the same words: articles of one language
whose *shingles* (runs of ``SHINGLE_WORDS`` normalized words) are nearly all
shared (Broder's resemblance, estimated from a bottom-k sketch). Sharing a sound
or a stem is not enough: the one-word items તળાવથી and તળાવની are not duplicates.

Measured on the bundled collection: 000 (Gujarati) and 002 (Hindi), one
report, score 0.23; every other Gujarati–Hindi pair scores 0.09–0.13.
"""
from __future__ import annotations

import hashlib
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
#: A story link needs this many content forms in each article and in common:
#: two headlines share a topic more often than a story.
MIN_STORY_TERMS = 20
MIN_SHARED_TERMS = 5
#: Terms (or shingles) in more articles than this do not propose candidate pairs.
MAX_DF = 50
#: Similarity a pair's rare terms must reach before the whole pair is scored.
MIN_RARE_SHARE = 0.05
#: Most frequent forms kept per article (bounds memory on large collections).
MAX_SIGNATURE_TERMS = 64

#: Words per shingle: three words in a row rarely repeat by chance in news text, and
#: a ten-word headline still has eight shingles. Shorter items are one shingle.
SHINGLE_WORDS = 3
#: Smallest shingle hashes kept per article (a bottom-k sketch: a headline keeps all
#: of its shingles, so its resemblance is exact; a long article's is estimated).
SKETCH_SIZE = 64
#: Smallest hashes of a sketch that propose candidate pairs: articles sharing 80% of
#: their shingles share one of their 4 smallest hashes but for ~0.2^4 of pairs.
PROPOSAL_HASHES = 4
#: Share of shingles two articles must have in common to be near-duplicates.
DUPLICATE_MIN = 0.8
#: Articles shorter than this many words (headlines, one-word items) must be
#: near-identical: at 0.95, a 20-word headline may gain one word, a shorter one none.
SHORT_ITEM_WORDS = 30
SHORT_DUPLICATE_MIN = 0.95


@dataclass(frozen=True)
class Signature:
    """What ``find_links`` compares of one article."""

    sounds: Counter                 # sound form of each content word -> count
    sketch: tuple[int, ...] = ()    # smallest hashes of its word shingles, ascending
    words: int = 0                  # normalized words in the article
    shingles: int = 0               # distinct shingles (the sketch keeps the smallest)


@dataclass
class Links:
    """Story links of a collection: ``other_language[id]`` and ``duplicates[id]``.

    ``duplicates[id]`` lists the other members of ``id``'s group of near-duplicates.
    """

    other_language: dict[str, list[str]] = field(default_factory=dict)
    duplicates: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"other_language": self.other_language, "duplicates": self.duplicates}

    @classmethod
    def from_dict(cls, data: dict) -> "Links":
        return cls(data.get("other_language", {}), data.get("duplicates", {}))


def signature(text: str, lang: str) -> Signature:
    """Return the sound forms of ``text``'s content words and the sketch of its shingles.

    >>> signature("શોઇગુએ કિમ અને", "gu").sounds == signature("शोइगु किम", "hi").sounds
    True
    """
    stop = stopwords(lang)
    counts: Counter = Counter()
    words = []
    for raw in text.split():     # white space is enough here, and far cheaper than ICU
        word, sound = _word_and_sound(raw)
        if word:
            words.append(word)
            if word not in stop:
                counts[sound] += 1
    hashes = shingle_hashes(words)
    return Signature(Counter(dict(counts.most_common(MAX_SIGNATURE_TERMS))),
                     tuple(sorted(hashes)[:SKETCH_SIZE]), len(words), len(hashes))


def sketch(words: list[str]) -> tuple[int, ...]:
    """Return the ``SKETCH_SIZE`` smallest hashes of the word shingles of ``words``.

    >>> sketch(["કિમ", "જોંગ", "ઉન"]) == sketch(["કિમ", "જોંગ", "ઉન"]) != sketch(["કિમ"])
    True
    """
    return tuple(sorted(shingle_hashes(words))[:SKETCH_SIZE])


def shingle_hashes(words: list[str]) -> set[int]:
    """Return the 64-bit hashes of the runs of ``SHINGLE_WORDS`` words (all words if fewer)."""
    size = min(SHINGLE_WORDS, len(words))
    if not size:
        return set()
    shingles = {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}
    return {int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big")
            for s in shingles}


def resemblance(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimate the share of shingles two sketches' articles have in common (Jaccard).

    Exact when both articles have at most ``SKETCH_SIZE`` shingles.
    """
    if not a or not b:
        return 0.0
    both = set(a).intersection(b)
    if len(a) < SKETCH_SIZE and len(b) < SKETCH_SIZE:     # whole shingle sets
        return len(both) / (len(a) + len(b) - len(both))
    union = sorted(set(a).union(b))[:SKETCH_SIZE]
    return sum(h in both for h in union) / len(union)


def are_duplicates(a: Signature, b: Signature) -> bool:
    """Tell whether two articles of one language are the same story in the same words."""
    least = SHORT_DUPLICATE_MIN if min(a.words, b.words) < SHORT_ITEM_WORDS else DUPLICATE_MIN
    # resemblance cannot exceed the ratio of the shingle counts: skip the sketches when low
    fewer, more = sorted((a.shingles, b.shingles))
    return fewer >= least * more and resemblance(a.sketch, b.sketch) >= least


@lru_cache(maxsize=300_000)
def _word_and_sound(raw: str) -> tuple[str, str]:
    """Return a white-space token's normalized word ('' if too short) and its sound form."""
    word = normalize_token(raw.strip(_PUNCTUATION))
    if len(word) < 2:
        return "", ""
    return word, dict(forms(word)).get("sound", word)


def find_links(articles: Iterable[tuple[str, str, Signature]]) -> Links:
    """Return the links among ``(id, lang, signature)`` articles."""
    articles = list(articles)
    links = Links(duplicates=duplicate_groups(articles))
    langs = [lang for _, lang, _ in articles]
    vectors = _tfidf([sig.sounds for _, _, sig in articles])
    best: dict[int, tuple[float, int]] = {}
    for (a, b), score in _pair_scores(vectors, langs).items():
        if not _enough_in_common(articles[a][2].sounds, articles[b][2].sounds):
            continue
        for x, y in ((a, b), (b, a)):
            if score > best.get(x, (0.0, -1))[0]:
                best[x] = (score, y)
    for x, (score, y) in best.items():
        if score >= CROSS_LANGUAGE_MIN and best.get(y, (0, -1))[1] == x:
            links.other_language.setdefault(articles[x][0], []).append(articles[y][0])
    return links


def duplicate_groups(articles: list[tuple[str, str, Signature]]) -> dict[str, list[str]]:
    """Return, for each article with near-duplicates, the other members of its group.

    Identical texts are grouped by their sketch alone (however many there are);
    other candidates share one of their ``PROPOSAL_HASHES`` smallest shingle hashes,
    found in at most ``MAX_DF`` articles.
    """
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    same_text: dict[tuple, int] = {}
    postings: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, (_, lang, sig) in enumerate(articles):
        if not sig.sketch:
            continue
        first = same_text.setdefault((lang, sig.words, sig.sketch), i)
        if first != i:
            parent[root(i)] = root(first)
            continue
        for h in sig.sketch[:PROPOSAL_HASHES]:
            postings[(lang, h)].append(i)
    for i, j in _shingle_pairs(postings):
        if root(i) != root(j) and are_duplicates(articles[i][2], articles[j][2]):
            parent[root(i)] = root(j)
    members: dict[int, list[str]] = defaultdict(list)
    for i, (doc_id, _, _) in enumerate(articles):
        members[root(i)].append(doc_id)
    return {doc_id: [other for other in group if other != doc_id]
            for group in members.values() if len(group) > 1 for doc_id in group}


def _shingle_pairs(postings: dict) -> set[tuple[int, int]]:
    """Return the pairs of articles that share a shingle hash of at most ``MAX_DF`` articles."""
    pairs: set[tuple[int, int]] = set()
    for posting in postings.values():
        if 1 < len(posting) <= MAX_DF:
            pairs.update((a, b) for k, a in enumerate(posting) for b in posting[k + 1:])
    return pairs


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


def _pair_scores(vectors: list[dict[str, float]], langs: list[str]
                 ) -> dict[tuple[int, int], float]:
    """Return cosine scores of the pairs in two languages that share enough rare terms.

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
                if langs[a] != langs[b]:
                    partial[(a, b)] += weight_a * weight_b
    return {(a, b): sum(w * vectors[b].get(t, 0.0) for t, w in vectors[a].items())
            for (a, b), rare in partial.items() if rare >= MIN_RARE_SHARE}
