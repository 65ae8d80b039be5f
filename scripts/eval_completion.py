"""Measure Latin-prefix completion: is the native word among the first completions?

For each Dakshina pair (native word, romanization) of a split whose native word is
in the news corpus, the first 3, 4 and 5 typed letters are completed against the
corpus vocabulary of both languages (``searcher.completion.NativePrefixes``); a hit
is the native word among the first ``--top`` completions in its own script. Also
reported weighted by the word's corpus frequency (how often people look for it),
and beside the baseline the engine used before: the whole-word lexicon lookup of
the typed letters.

    python scripts/eval_completion.py --lang gu hi --limit 1000
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from searcher import languages  # noqa: E402
from searcher.completion import NativePrefixes  # noqa: E402
from searcher.lexicon import Lexicon  # noqa: E402
from searcher.normalize import normalize_token  # noqa: E402
from searcher.tokenize import words  # noqa: E402

SHARED = ROOT.parent / "shared"
PREFIX_LENGTHS = (3, 4, 5)


def corpus_counts(corpus: Path) -> Counter:
    """Count, per word, the news items that hold it (native-script words only)."""
    counts: Counter = Counter()
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            found = {normalize_token(w) for w in words(f"{item['title']}\n{item['text']}")}
            counts.update(w for w in found if languages.language_of_char(w[0]) in ("gu", "hi"))
    return counts


def read_pairs(path: Path, vocabulary: Counter) -> list[tuple[str, str]]:
    pairs = set()
    for line in path.read_text("utf-8").splitlines():
        native, latin, _ = line.split("\t")
        native = normalize_token(native)
        if vocabulary.get(native) and latin.isascii() and latin.isalpha():
            pairs.add((native, latin.lower()))
    return sorted(pairs)


def evaluate(pairs, vocabulary, complete, top: int) -> dict[int, tuple[float, float]]:
    """Return, per prefix length, (recall, frequency-weighted recall) at ``top``."""
    out = {}
    for k in PREFIX_LENGTHS:
        asked = [(n, l) for n, l in pairs if len(l) > k]
        hits = [n in complete(l[:k])[:top] for n, l in asked]
        weights = [vocabulary[n] for n, _ in asked]
        out[k] = (sum(hits) / len(asked),
                  sum(w for w, h in zip(weights, hits) if h) / sum(weights))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="+", default=["gu", "hi"])
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--limit", type=int, default=1000, help="pairs per language (sampled)")
    parser.add_argument("--top", type=int, default=4, help="completions per script shown")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "news.jsonl")
    parser.add_argument("--dakshina", type=Path, default=SHARED / "romanization" / "dakshina")
    args = parser.parse_args(argv)
    vocabulary = corpus_counts(args.corpus)
    lexicon = Lexicon(vocabulary)
    prefixes = NativePrefixes(lexicon)
    print(f"vocabulary {len(lexicon)} words; hit = native word in the first {args.top} "
          f"of its script; recall / frequency-weighted recall")
    print("| language | pairs | method | " + " | ".join(f"{k} letters" for k in PREFIX_LENGTHS)
          + " | ms per prefix |")
    print("| --- | --- | --- |" + " --- |" * (len(PREFIX_LENGTHS) + 1))
    for lang in args.lang:
        pairs = read_pairs(args.dakshina / lang / f"{lang}.translit.sampled.{args.split}.tsv",
                           vocabulary)
        pairs = random.Random(1).sample(pairs, min(args.limit, len(pairs)))
        methods = {
            "prefix model": lambda typed: [w for w, lg, _, _ in prefixes.complete(typed, 8)
                                           if lg == lang],
            "baseline: whole-word lookup": lambda typed: [
                w for w, _ in lexicon.lookup(typed, limit=16)
                if languages.language_of_char(w[0]) == lang],
        }
        for name, complete in methods.items():
            started = time.perf_counter()
            result = evaluate(pairs, vocabulary, complete, args.top)
            took = (time.perf_counter() - started) * 1000 / (len(pairs) * len(PREFIX_LENGTHS))
            print(f"| {lang} | {len(pairs)} | {name} | "
                  + " | ".join(f"{r:.3f} / {w:.3f}" for r, w in result.values())
                  + f" | {took:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
