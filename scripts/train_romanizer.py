"""Learn how people spell each Gujarati / Hindi sound unit in Latin letters.

Reads the Dakshina *train* split (``native<TAB>romanization<TAB>count``) and fits
P(Latin spelling | native unit) by expectation maximization over all monotone
alignments in which every unit of ``searcher.latin_typing.units`` spells 0-3 letters.
Writes ``searcher/data/romanizer_<lang>.tsv``. Deterministic: same input, same file.

    python scripts/train_romanizer.py --lang gu hi
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from searcher.normalize import normalize_token  # noqa: E402
from searcher.latin_typing import MAX_SPAN, latin_letters, units  # noqa: E402

DEFAULT_DAKSHINA = ROOT.parent / "shared" / "romanization" / "dakshina"
HEADER = """\
# P(Latin spelling | native sound unit) for {lang}, learned by EM ({iterations} iterations)
# from the Google Dakshina v1.0 lexicon, train split only ({pairs} pairs, weighted by
# annotator count): {source}. Dakshina is licensed CC BY-SA 4.0; so is this table.
# Regenerate with: python scripts/train_romanizer.py --lang {lang}
# Columns: unit (see searcher.latin_typing.units) <TAB> spelling ("" = not written) <TAB> probability
"""


def read_pairs(path: Path) -> list[tuple[tuple[str, ...], str, float]]:
    """Read ``native, romanization, count`` lines as (units, letters, weight)."""
    pairs = []
    for line in path.read_text("utf-8").splitlines():
        native, latin, count = line.split("\t")
        word_units, letters = units(normalize_token(native)), latin_letters(latin)
        if word_units and letters:
            pairs.append((word_units, letters, float(count)))
    return pairs


def initial_model(pairs) -> dict[str, dict[str, float]]:
    """Start from every spelling equally likely, writing nothing less likely."""
    model: dict[str, dict[str, float]] = defaultdict(dict)
    for word_units, letters, _ in pairs:
        for unit in word_units:
            model[unit][""] = 0.1
            for start in range(len(letters)):
                for end in range(start + 1, min(len(letters), start + MAX_SPAN) + 1):
                    model[unit][letters[start:end]] = 1.0
    return model


def _forward(model, word_units, letters):
    m = len(letters)
    alpha = [[0.0] * (m + 1) for _ in range(len(word_units) + 1)]
    alpha[0][0] = 1.0
    for i, unit in enumerate(word_units):
        table, prev, row = model[unit], alpha[i], alpha[i + 1]
        for j in range(m + 1):
            if prev[j]:
                for end in range(j, min(m, j + MAX_SPAN) + 1):
                    row[end] += prev[j] * table.get(letters[j:end], 0.0)
    return alpha


def _backward(model, word_units, letters):
    m = len(letters)
    beta = [[0.0] * (m + 1) for _ in range(len(word_units) + 1)]
    beta[-1][m] = 1.0
    for i in range(len(word_units) - 1, -1, -1):
        table, after, row = model[word_units[i]], beta[i + 1], beta[i]
        for j in range(m + 1):
            total = 0.0
            for end in range(j, min(m, j + MAX_SPAN) + 1):
                if after[end]:
                    total += table.get(letters[j:end], 0.0) * after[end]
            row[j] = total
    return beta


def em_step(model, pairs):
    """Return the model re-estimated from expected spelling counts, and the log likelihood."""
    import math

    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    loglik = 0.0
    for word_units, letters, weight in pairs:
        alpha, beta = _forward(model, word_units, letters), _backward(model, word_units, letters)
        total = alpha[-1][-1]
        if total <= 0.0:
            continue
        loglik += weight * math.log(total)
        m = len(letters)
        for i, unit in enumerate(word_units):
            table, prev, after, acc = model[unit], alpha[i], beta[i + 1], counts[unit]
            for j in range(m + 1):
                if prev[j]:
                    for end in range(j, min(m, j + MAX_SPAN) + 1):
                        p = prev[j] * table.get(letters[j:end], 0.0) * after[end]
                        if p:
                            acc[letters[j:end]] += weight * p / total
    return _normalized(counts), loglik


def _normalized(counts) -> dict[str, dict[str, float]]:
    model: dict[str, dict[str, float]] = defaultdict(dict)
    for unit, spellings in counts.items():
        total = sum(spellings.values())
        for spelling, count in spellings.items():
            if count / total > 1e-6:
                model[unit][spelling] = count / total
    return model


def write_model(model, path: Path, header: str, floor: float) -> None:
    """Write spellings with probability >= ``floor``, renormalized, most likely first."""
    lines = [header.rstrip("\n")]
    for unit in sorted(model):
        kept = {s: p for s, p in model[unit].items() if p >= floor}
        total = sum(kept.values())
        for spelling, p in sorted(kept.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"{unit}\t{spelling}\t{p / total:.4g}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def train(lang: str, dakshina: Path, iterations: int, floor: float, out_dir: Path,
          pool: list[str]) -> Path:
    """Fit and write the model for ``lang`` (from the pairs of ``pool``); return the file."""
    sources = [dakshina / code / f"{code}.translit.sampled.train.tsv" for code in pool]
    pairs = [pair for source in sources for pair in read_pairs(source)]
    model = initial_model(pairs)
    for iteration in range(iterations):
        model, loglik = em_step(model, pairs)
        print(f"{lang} iteration {iteration + 1}: log likelihood {loglik:.1f}", file=sys.stderr)
    out = out_dir / f"romanizer_{lang}.tsv"
    header = HEADER.format(lang=lang, iterations=iterations, pairs=len(pairs),
                           source=", ".join(f"{s.parent.name}/{s.name}" for s in sources))
    write_model(model, out, header, floor)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="+", default=["gu", "hi"])
    parser.add_argument("--dakshina", type=Path, default=DEFAULT_DAKSHINA)
    parser.add_argument("--iterations", type=int, default=8)
    parser.add_argument("--floor", type=float, default=2e-4, help="drop rarer spellings")
    parser.add_argument("--out", type=Path, default=ROOT / "searcher" / "data")
    parser.add_argument("--pool", action="store_true",
                        help="fit each language's model on the pairs of all --lang languages")
    args = parser.parse_args(argv)
    for lang in args.lang:
        path = args.dakshina / lang / f"{lang}.translit.sampled.train.tsv"
        if not path.is_file():
            print(f"error: Dakshina train split not found: {path} (use --dakshina DIR)",
                  file=sys.stderr)
            return 2
    for lang in args.lang:
        pool = args.lang if args.pool else [lang]
        print(f"wrote {train(lang, args.dakshina, args.iterations, args.floor, args.out, pool)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
