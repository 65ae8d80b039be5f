"""Where the full articles rank among one-line headlines, and what a results page shows.

    .venv/bin/python scripts/eval_page.py INDEX [--ids-from data/articles] [QUERY ...]

For each query: the total, and the ranks of the documents whose ids are the
file names in ``--ids-from`` (by default the bundled pages, data/articles). Build
the index from the news corpus and the bundled pages first:

    .venv/bin/python scripts/build_index.py ../shared/corpus/news.jsonl data/articles --index /tmp/news-idx
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from searcher.search import SearchEngine  # noqa: E402

QUERIES = ["putin", "shoigu", '"kim jong un"', "kim", "પુતિન", "पुतिन", "missile"]
#: Ranks are looked for this deep; a page shows 10.
DEPTH = 100


def ranks(engine: SearchEngine, query: str, wanted: set[str], **options) -> tuple[int, list[int]]:
    """Return the total and the 1-based ranks of ``wanted`` ids in the first ``DEPTH`` results."""
    found = engine.search(query, page=1, per_page=DEPTH, **options)
    return found.total, [i for i, hit in enumerate(found.results, 1) if hit.id in wanted]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("index")
    parser.add_argument("queries", nargs="*", default=QUERIES)
    parser.add_argument("--ids-from", default="data/articles")
    args = parser.parse_args(argv)
    wanted = {path.stem for path in Path(args.ids_from).glob("*.txt")}
    engine = SearchEngine(args.index)
    in_top = 0
    for query in args.queries:
        total, where = ranks(engine, query, wanted)
        in_top += bool(where) and min(where) <= 10
        print(f"{query:>16}  total {total:5d}  bundled at {where}")
    print(f"queries with a bundled page in the first 10: {in_top} of {len(args.queries)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
