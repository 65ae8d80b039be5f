"""Report the groups of near-duplicates ``index.link`` finds in a collection.

Reads the sources as the index builder does, computes each document's signature
and the duplicate groups, and prints how many documents are grouped, the sizes of
the groups and a sample of them, so a change to the thresholds can be checked by eye.

    python scripts/report_duplicates.py ../shared/corpus/news.jsonl --sample 12
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.link import duplicate_groups, resemblance, signature  # noqa: E402
from index.sources import Document, read_sources  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+")
    parser.add_argument("--sample", type=int, default=10, help="groups to print")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    docs = {item.id: item for item in read_sources(args.sources) if isinstance(item, Document)}
    started = time.perf_counter()
    articles = [(d.id, d.lang, signature(d.title + "\n" + d.text, d.lang)) for d in docs.values()]
    groups = duplicate_groups(articles)
    took = time.perf_counter() - started
    signatures = {doc_id: sig for doc_id, _, sig in articles}
    distinct = {tuple(sorted([doc_id, *others])) for doc_id, others in groups.items()}
    sizes = Counter(len(group) for group in distinct)
    identical = sum(len({_text(docs[i]) for i in group}) == 1 for group in distinct)
    print(f"documents {len(docs)}, grouped {len(groups)} in {len(distinct)} groups "
          f"({identical} of identical text), {took:.1f} s")
    print("group sizes:", ", ".join(f"{size}: {n}" for size, n in sorted(sizes.items())))
    rng = random.Random(args.seed)
    for group in rng.sample(sorted(distinct), min(args.sample, len(distinct))):
        first = signatures[group[0]]
        print(f"- {len(group)} items, resemblance to the first: "
              + ", ".join(f"{resemblance(first.sketch, signatures[i].sketch):.2f}"
                          for i in group[1:]))
        for doc_id in group[:3]:
            print(f"    {doc_id} [{docs[doc_id].lang}] {_text(docs[doc_id])[:90]}")
    return 0


def _text(doc: Document) -> str:
    return " ".join((doc.title + " " + doc.text).split())


if __name__ == "__main__":
    sys.exit(main())
