"""How often a word shown in the reading aid's Latin letters, typed back as a query, matches that word.

    .venv/bin/python scripts/eval_reading.py INDEX [--words 1000]

Takes the most frequent native words of the index, writes each in Latin
letters (``searcher.latin_reading.reading``, and ICU's Any-Latin as the
reading aid had it before), expands that as a query word the way a search
does, and counts the words whose own terms are among the expansion's.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from searcher.analysis import surface_terms  # noqa: E402
from searcher.latin_reading import reading  # noqa: E402
from searcher.search import SearchEngine  # noqa: E402
from searcher.served import vocabulary  # noqa: E402
from searcher.transliterate import to_latin  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("index")
    parser.add_argument("--words", type=int, default=1000)
    args = parser.parse_args(argv)
    engine = SearchEngine(args.index)
    engine.search("x")            # opens the build
    opened = engine._current
    counts = vocabulary(opened.engine)
    words = sorted((w for w in counts if len(w) >= 3), key=lambda w: (-counts[w], w))[:args.words]
    expand = opened.expander()
    for name, write in (("latin_reading", reading), ("ICU Any-Latin", to_latin)):
        missed = [(w, write(w)) for w in words
                  if not surface_terms(w) & {alt.term for alt in expand(write(w))}]
        found = len(words) - len(missed)
        print(f"{name:>14}: {found} of {len(words)} found ({100 * found / len(words):.1f}%); "
              f"missed e.g. {missed[:6]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
