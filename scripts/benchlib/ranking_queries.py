"""A fixed list of search requests drawn from a corpus, to record rankings with.

Each case is one call of ``SearchEngine.search``: a ``class`` (one of the query
classes of ``queries.QUERY_CLASSES``, or a feature of the query language and
the request) and the arguments, e.g.
``{"class": "two-word", "q": "ગુજરાત સરકાર", "per_page": 100}``. The list is
derived with a fixed seed and committed (``scripts/ranking_queries.jsonl``), so
recordings made months apart ask exactly the same questions.
"""
from __future__ import annotations

import json
import random
from collections import Counter
from functools import lru_cache
from pathlib import Path

import icu

from searcher.languages import language_of_char
from searcher.tokenize import words

from .queries import QUERY_CLASSES

SEED = 20261202
#: Results recorded per case: the deepest page the API serves.
PER_PAGE = 100
#: Native words drawn per language and class (two languages: twice as many cases).
PER_LANGUAGE = 12
#: A drawn word appears in this many articles (a word found in 1 or 2 articles
#: ranks trivially; one in thousands is the "very common" class).
WORD_DF = (3, 300)
#: Drawn words romanized for the "Latin common word" class: frequent, so they are in the lexicon.
LATIN_DF = (20, 600)
#: Names as news readers type them in Latin letters (beyond bench's five).
LATIN_NAMES = ("kejriwal", "gandhi", "biden", "zelensky", "nitish", "yogi", "mamata",
               "imran", "netanyahu", "amit shah", "kim", "obama", "bhupendra", "patel")
#: Strings found nowhere, beside bench's three.
NO_HITS = ("xqzvbnmw", "ૠૠૠ", "ज्ञज्ञज्ञक्ष")
#: Broken syntax, read as plain words ({w}, {v}: drawn native words).
BROKEN = ('"{w} {v}', "({w}", "{w})", "OR {w}", "{w} OR", "NOT", "-{w}", "{w} -")
#: (page, per_page) of the paging cases: page 1 of 10 (duplicates collapse
#: within a page), pages 2 and 3, the last page under the depth limit, one past it.
PAGES = ((1, 10), (2, 10), (3, 10), (10, 100), (11, 100))


def _script_word(word: str) -> bool:
    """Tell whether ``word`` is written in Gujarati or Devanagari letters only: પુતિન, not 2026."""
    return all(language_of_char(char) for char in word)


def _native(word: str) -> bool:
    """Tell whether ``word`` is worth drawing: સરકાર, not the particle છે."""
    return len(word) >= 3 and _script_word(word)


def _vocabulary(records: list[dict]) -> dict[str, Counter]:
    """Return, per language, how many articles each native word appears in."""
    frequency: dict[str, Counter] = {}
    for record in records:
        text = f"{record.get('title') or ''} {record.get('text') or ''}"
        found = {word for word in words(text) if _native(word)}
        frequency.setdefault(record.get("lang", ""), Counter()).update(found)
    return frequency


def _draw(rng: random.Random, frequency: Counter, bounds: tuple[int, int], count: int) -> list[str]:
    """Return ``count`` words whose article count lies within ``bounds``, in a fixed order."""
    low, high = bounds
    pool = sorted(word for word, df in frequency.items() if low <= df <= high)
    return rng.sample(pool, min(count, len(pool)))


def _spans(rng: random.Random, titles: list[str], length: int, count: int) -> list[str]:
    """Return ``count`` runs of ``length`` adjacent native-script words of random titles."""
    runs = []
    for title in rng.sample(titles, len(titles)):
        found = words(title)
        starts = [start for start in range(len(found) - length + 1)
                  if all(_script_word(word) for word in found[start:start + length])]
        if starts:
            start = rng.choice(starts)
            runs.append(" ".join(found[start:start + length]))
        if len(runs) == count:
            break
    return runs


@lru_cache(maxsize=1)
def _romanizer() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")


def _romanize(word: str) -> str:
    """Return ``word`` in plain Latin letters: સરકાર -> sarakara."""
    return _romanizer().transliterate(word).lower()


def _word_cases(rng: random.Random, frequency: Counter, titles: list[str]) -> list[dict]:
    """Return the cases of bench's query classes drawn from one language."""
    native = _draw(rng, frequency, WORD_DF, PER_LANGUAGE)
    latin = [_romanize(word) for word in _draw(rng, frequency, LATIN_DF, PER_LANGUAGE)]
    cases = [{"class": "native word", "q": word} for word in native]
    cases += [{"class": "very common word", "q": word} for word in _most_common(frequency)]
    cases += [{"class": "Latin common word", "q": word}
              for word in latin if word.isascii() and word.isalpha()]
    cases += [{"class": "two-word", "q": run} for run in _spans(rng, titles, 2, PER_LANGUAGE)]
    cases += [{"class": "phrase", "q": f'"{run}"'} for run in _spans(rng, titles, 3, PER_LANGUAGE)]
    return cases


def _most_common(frequency: Counter, count: int = 3) -> list[str]:
    ranked = sorted(frequency.items(), key=lambda item: (-item[1], item[0]))
    return [word for word, _ in ranked[:count]]


def _feature_cases(rng: random.Random, frequency: Counter, lang: str,
                   sources: list[str], days: list[str]) -> list[dict]:
    """Return cases of the query language and the request's filters and paging for one language."""
    common = _most_common(frequency, 2)
    native = _draw(rng, frequency, WORD_DF, 2 * PER_LANGUAGE)
    if len(common) < 2 or len(native) < 2:
        return []       # too few words to draw from
    pairs = list(zip(native[0::2], native[1::2]))
    other = "hi" if lang == "gu" else "gu"
    cases = [{"class": "OR", "q": f"{a} OR {b}"} for a, b in pairs[:5]]
    cases += [{"class": "exclusion", "q": f"{common[0]} -{a}"} for a, _ in pairs[5:7]]
    cases += [{"class": "exclusion", "q": f"{a} NOT {b}"} for a, b in pairs[7:9]]
    cases += [{"class": "lang filter", "q": f"{word} lang:{lang}"} for word in native[:2]]
    cases += [{"class": "lang filter", "q": word, "lang": other} for word in native[2:4]]
    for source, word in zip(sources, native[4:]):
        cases += [{"class": "source filter", "q": f"{word} source:{source}"},
                  {"class": "source filter", "q": common[1], "source": source}]
    if days:
        middle = days[len(days) // 2]
        cases += [{"class": "date range", "q": common[0], "date_from": days[0], "date_to": middle},
                  {"class": "date range", "q": common[1], "date_from": middle},
                  {"class": "date range", "q": native[-1], "date_to": middle}]
    cases += [{"class": "paging", "q": common[0], "page": page, "per_page": per_page}
              for page, per_page in PAGES]
    cases += [{"class": "broken syntax", "q": form.format(w=a, v=b)}
              for form, (a, b) in zip(BROKEN, pairs * len(BROKEN))]
    return cases


def derive_cases(records: list[dict], seed: int = SEED) -> list[dict]:
    """Return the cases for ``records`` (corpus items): bench's queries first, then drawn ones."""
    rng = random.Random(seed)
    cases = [{"class": name, "q": query} for name, _, queries in QUERY_CLASSES for query in queries]
    cases += [{"class": "Latin name", "q": name} for name in LATIN_NAMES]
    cases += [{"class": "no-hit", "q": text} for text in NO_HITS]
    frequency = _vocabulary(records)
    days = sorted({(r.get("published") or "")[:10] for r in records} - {""})
    for lang in sorted(frequency):
        mine = [record for record in records if record.get("lang") == lang]
        titles = sorted({record["title"] for record in mine if record.get("title")})
        sources = [name for name, _ in Counter(r.get("source") for r in mine
                                               if r.get("source")).most_common(2)]
        cases += _word_cases(rng, frequency[lang], titles)
        cases += _feature_cases(rng, frequency[lang], lang, sources, days)
    cases.append({"class": "long query", "q": " ".join(c["q"] for c in cases[:120])})
    unique = {json.dumps(case, ensure_ascii=False, sort_keys=True): case for case in cases}
    return [{**case, "per_page": case.get("per_page", PER_PAGE)} for case in unique.values()]


def write_cases(cases: list[dict], path: Path) -> None:
    """Write ``cases`` as JSON Lines, one case a line."""
    path.write_text("".join(json.dumps(case, ensure_ascii=False) + "\n" for case in cases), "utf-8")


class CasesError(Exception):
    """A list of cases that cannot be read or holds something other than cases."""


def read_cases(path: Path) -> list[dict]:
    """Return the cases of a JSON Lines file written by ``write_cases``."""
    cases = []
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    cases.append(json.loads(line))
                    if not isinstance(cases[-1], dict) or not isinstance(cases[-1].get("q"), str):
                        raise CasesError(f'{path}:{number}: a case is an object with a string "q"')
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CasesError(f"cannot read cases from {path}: {error}") from None
    return cases
