"""Measure romanized lookup: recall@1 / @10 of ``Lexicon.lookup`` on Dakshina pairs.

Each ``native<TAB>romanization<TAB>count`` line of the split is one query; recall is
reported per line ("pairs") and weighted by annotator count ("weighted"). The
vocabulary is the split's native words plus every native-script word of the news
corpus in that language (distractors); frequencies come from the corpus only
(split words absent from it get 0).

    python scripts/eval_romanized.py --lang gu hi
    python scripts/eval_romanized.py --lang hi --limit 500 --baselines
    python scripts/eval_romanized.py --docs          # document level, through SearchEngine

``--docs`` indexes one tiny item per word (the split's words plus the
``DISTRACTORS`` most used news words per language, cached under instance/), asks
the search engine each romanization with ``lang=`` its language, and counts rank 1
only when it is the typed word's own item; it also asks each Gujarati word written
in Devanagari (ICU ``Gujarati-Devanagari``), where the Hindi item of exactly that
spelling also counts.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from searcher import languages  # noqa: E402
from searcher.lexicon import Lexicon  # noqa: E402
from searcher.normalize import normalize_token  # noqa: E402
from searcher.latin_typing import latin_key, latin_letters, native_key  # noqa: E402
from searcher.tokenize import words  # noqa: E402

SHARED = ROOT.parent / "shared"

#: English-typed names and loanwords (stretch goal): typed form, expected words.
NAMES = [
    ("missile", "મિસાઇલ", "मिसाइल"),
    ("ukraine", "યુક્રેન", "यूक्रेन"),
    ("russia", "રશિયા", "रशिया"),
    ("kyiv", "કીવ", "कीव"),
    ("trump", "ટ્રમ્પ", "ट्रंप"),
    ("zaporizhzhia", "ઝાપોરિઝિયા", "ज़ापोरिज़िया"),
    ("corona", "કોરોના", "कोरोना"),
    ("covid", "કોવિડ", "कोविड"),
    ("lockdown", "લોકડાઉન", "लॉकडाउन"),
    ("police", "પોલીસ", "पुलिस"),
    ("delhi", "દિલ્હી", "दिल्ली"),
    ("mumbai", "મુંબઈ", "मुंबई"),
    ("modi", "મોદી", "मोदी"),
    ("gujarat", "ગુજરાત", "गुजरात"),
    ("congress", "કોંગ્રેસ", "कांग्रेस"),
    ("vaccine", "વેક્સિન", "वैक्सीन"),
    ("virus", "વાયરસ", "वायरस"),
    ("cricket", "ક્રિકેટ", "क्रिकेट"),
    ("film", "ફિલ્મ", "फिल्म"),
    ("america", "અમેરિકા", "अमेरिका"),
    ("china", "ચીન", "चीन"),
    ("pakistan", "પાકિસ્તાન", "पाकिस्तान"),
    ("iran", "ઈરાન", "ईरान"),
    ("israel", "ઇઝરાયેલ", "इजरायल"),
    ("facebook", "ફેસબુક", "फेसबुक"),
    ("twitter", "ટ્વિટર", "ट्विटर"),
    ("bollywood", "બોલીવુડ", "बॉलीवुड"),
    ("hospital", "હોસ્પિટલ", "हॉस्पिटल"),
    ("minister", "મિનિસ્ટર", "मिनिस्टर"),
    ("world", "વર્લ્ડ", "वर्ल्ड"),
]


class DataMissing(Exception):
    """The Dakshina split or the corpus is not where we looked."""


def read_pairs(dakshina: Path, lang: str, split: str) -> list[tuple[str, str, int]]:
    path = dakshina / lang / f"{lang}.translit.sampled.{split}.tsv"
    if not path.is_file():
        raise DataMissing(f"Dakshina {split} split not found: {path} (use --dakshina DIR)")
    pairs = []
    for line in path.read_text("utf-8").splitlines():
        native, latin, count = line.split("\t")
        pairs.append((normalize_token(native), latin, int(count)))
    return pairs


def corpus_counts(corpus: Path, langs: list[str]) -> dict[str, Counter]:
    """Count the native-script words of each language's news items."""
    if not corpus.is_file():
        raise DataMissing(f"corpus not found: {corpus} (use --corpus PATH)")
    counts = {lang: Counter() for lang in langs}
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            lang = item.get("lang")
            if lang not in counts:
                continue
            for word in words(f"{item.get('title') or ''}\n{item.get('text') or ''}"):
                word = normalize_token(word)
                if all(languages.language_of_char(c) == lang for c in word if c.isalpha()) \
                        and languages.language_of_char(word[0]) == lang:
                    counts[lang][word] += 1
    return counts


def evaluate(lexicon: Lexicon, queries: list[tuple[str, str, int]]) -> dict:
    """Return recall@1/@10 (per pair and weighted) and lookup latency in ms."""
    hits = {1: [0, 0], 10: [0, 0]}
    times, cpu = [], []
    for native, latin, count in queries:
        start, start_cpu = time.perf_counter(), time.process_time()
        found = [word for word, _ in lexicon.lookup(latin, limit=10)]
        cpu.append((time.process_time() - start_cpu) * 1000)
        times.append((time.perf_counter() - start) * 1000)
        for k in hits:
            if native in found[:k]:
                hits[k][0] += 1
                hits[k][1] += count
    total = sum(c for _, _, c in queries)
    times.sort()
    cpu.sort()
    return {"r1": hits[1][0] / len(queries), "r10": hits[10][0] / len(queries),
            "w1": hits[1][1] / total, "w10": hits[10][1] / total,
            "p50": statistics.median(times), "p95": times[int(len(times) * 0.95)],
            "cpu50": statistics.median(cpu), "cpu95": cpu[int(len(cpu) * 0.95)]}


def baselines(vocab: Counter, queries) -> dict[str, tuple[float, float]]:
    """Recall@1/@10 of exact ICU romanization, and of the consonant skeleton alone.

    Both rank the words that match by corpus frequency.
    """
    import icu

    latin = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")
    tables: dict[str, dict[str, list[str]]] = {"icu": {}, "skeleton": {}}
    for word, _ in vocab.most_common():
        tables["icu"].setdefault(latin_letters(latin.transliterate(word)), []).append(word)
        tables["skeleton"].setdefault(native_key(word), []).append(word)
    result = {}
    for name, table in tables.items():
        hit1 = hit10 = 0
        for native, typed, _ in queries:
            typed = latin_letters(typed)
            found = table.get(typed if name == "icu" else latin_key(typed), [])
            hit1 += native in found[:1]
            hit10 += native in found[:10]
        result[name] = (hit1 / len(queries), hit10 / len(queries))
    return result


def names_found(lexicon: Lexicon, vocab: Counter, lang: str) -> tuple[int, int, list[str]]:
    """Count how many English-typed names find their word (top 3) among those in ``vocab``."""
    column = 1 if lang == "gu" else 2
    tried, found, missed = 0, 0, []
    for row in NAMES:
        if row[column] not in vocab:
            continue
        tried += 1
        top = [word for word, _ in lexicon.lookup(row[0], limit=3)]
        if row[column] in top:
            found += 1
        else:
            missed.append(f"{row[0]}→{row[column]} (got {', '.join(top[:2]) or 'nothing'})")
    return found, tried, missed


def run(args) -> int:
    splits = {lang: read_pairs(args.dakshina, lang, args.split) for lang in args.lang}
    counts = corpus_counts(args.corpus, args.lang)
    print("| language | pairs | vocabulary | recall@1 | recall@10 | weighted r@1 | weighted r@10 "
          "| build s | lookup ms p50 / p95 | CPU ms p50 / p95 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    notes = []
    for lang in args.lang:
        queries = splits[lang][: args.limit or None]
        vocab = Counter(counts[lang])
        for native, _, _ in splits[lang]:
            vocab.setdefault(native, 0)
        start = time.perf_counter()
        lexicon = Lexicon(vocab)
        built = time.perf_counter() - start
        m = evaluate(lexicon, queries)
        print(f"| {lang} | {len(queries)} | {len(vocab)} | {m['r1']:.3f} | {m['r10']:.3f} "
              f"| {m['w1']:.3f} | {m['w10']:.3f} | {built:.1f} | {m['p50']:.1f} / {m['p95']:.1f} "
              f"| {m['cpu50']:.1f} / {m['cpu95']:.1f} |")
        if args.baselines:
            for name, (r1, r10) in baselines(vocab, queries).items():
                notes.append(f"baseline {name} ({lang}): recall@1 {r1:.3f}, recall@10 {r10:.3f}")
        found, tried, missed = names_found(lexicon, vocab, lang)
        notes.append(f"English-typed names ({lang}): {found}/{tried} in top 3"
                     + (f"; missed: {'; '.join(missed)}" if missed else ""))
    print()
    print("\n".join(f"- {note}" for note in notes))
    return 0


#: News-corpus words per language indexed beside the split's words (document level).
DISTRACTORS = 10_000


def docs_index(args, splits, counts) -> tuple[Path, dict[str, tuple[str, str]]]:
    """Build (once) an index of one item per word; return it and id -> (lang, word)."""
    words_of: dict[str, tuple[str, str]] = {}
    for lang in args.lang:
        chosen = dict.fromkeys(native for native, _, _ in splits[lang])
        extra = (w for w, _ in counts[lang].most_common() if w not in chosen)
        chosen.update(dict.fromkeys(w for _, w in zip(range(DISTRACTORS), extra)))
        words_of.update((f"{lang}{n:06d}", (lang, word)) for n, word in enumerate(chosen))
    index = ROOT / "instance" / f"eval-docs-{args.split}-{'-'.join(args.lang)}"
    if not (index / "current").exists():
        from index.build import build
        index.mkdir(parents=True, exist_ok=True)
        source = index / "words.jsonl"
        with source.open("w", encoding="utf-8") as f:
            for doc_id, (lang, word) in words_of.items():
                f.write(json.dumps({"id": doc_id, "title": word, "text": "", "lang": lang},
                                   ensure_ascii=False) + "\n")
        print(f"building {index} ({len(words_of)} items) …", file=sys.stderr)
        build([source], index)
    return index, words_of


def rank_of(engine, query: str, wanted: set[str], lang: str | None) -> int:
    """Return the 1-based rank of the first wanted id in the first 10 results (0: not there)."""
    for rank, hit in enumerate(engine.search(query, per_page=10, lang=lang).results, 1):
        if hit.id in wanted:
            return rank
    return 0


def run_docs(args) -> int:
    import icu

    from searcher.search import SearchEngine
    splits = {lang: read_pairs(args.dakshina, lang, args.split) for lang in args.lang}
    index, words_of = docs_index(args, splits, corpus_counts(args.corpus, args.lang))
    ids = {(lang, word): doc_id for doc_id, (lang, word) in words_of.items()}
    engine = SearchEngine(index)
    print("| query | language | queries | recall@1 | recall@10 |")
    print("|---|---|---|---|---|")
    for lang in args.lang:
        ranks = [rank_of(engine, latin, {ids[(lang, native)]}, lang)
                 for native, latin, _ in splits[lang][: args.limit or None]]
        print(f"| romanized | {lang} | {len(ranks)} | {sum(r == 1 for r in ranks) / len(ranks):.3f} "
              f"| {sum(r > 0 for r in ranks) / len(ranks):.3f} |")
    if "gu" in args.lang:
        to_deva = icu.Transliterator.createInstance("Gujarati-Devanagari")
        natives = list(dict.fromkeys(n for n, _, _ in splits["gu"]))[: args.limit or None]
        ranks = []
        for native in natives:
            typed = normalize_token(to_deva.transliterate(native))
            wanted = {ids[("gu", native)]} | ({ids[("hi", typed)]} if ("hi", typed) in ids else set())
            ranks.append(rank_of(engine, typed, wanted, None))
        print(f"| Gujarati word in Devanagari | gu | {len(ranks)} "
              f"| {sum(r == 1 for r in ranks) / len(ranks):.3f} "
              f"| {sum(r > 0 for r in ranks) / len(ranks):.3f} |")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="+", default=["gu", "hi"],
                        choices=sorted(languages.LANGUAGES))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=0, help="first N pairs per language")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "news.jsonl")
    parser.add_argument("--dakshina", type=Path, default=SHARED / "romanization" / "dakshina")
    parser.add_argument("--baselines", action="store_true", help="also measure two baselines")
    parser.add_argument("--docs", action="store_true",
                        help="measure at document level through the search engine")
    args = parser.parse_args(argv)
    try:
        return run_docs(args) if args.docs else run(args)
    except DataMissing as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
