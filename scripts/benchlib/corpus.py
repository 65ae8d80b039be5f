"""Benchmark corpora: the real items, a deterministic sample or scale-up, split into shards.

A corpus is a directory of ``part-NNN.jsonl`` files, so a rebuild of the directory
can show what an incremental build gains when only one file changed.
"""
from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from pathlib import Path

SEED = 20261122
SHARDS = 20
SENTENCE_END = re.compile(r"(?<=[.!?।॥])\s+")
STAMP = ".complete"


class CorpusMissing(Exception):
    """The source corpus file does not exist or holds no items."""


def load_records(path: Path) -> list[dict]:
    """Return the JSON objects of the corpus file, in file order."""
    if not path.is_file():
        raise CorpusMissing(f"corpus not found: {path} (pass --corpus PATH to a news.jsonl file)")
    records = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                records.append(json.loads(line))
    if not records:
        raise CorpusMissing(f"corpus is empty: {path}")
    return records


def _sentences(text: str) -> list[list[str]]:
    """Return the sentences of each paragraph of ``text``."""
    return [SENTENCE_END.split(p.strip()) for p in text.split("\n") if p.strip()]


def _pools(records: list[dict]) -> tuple[dict, dict]:
    """Return titles and sentences of the corpus, grouped by (lang, source)."""
    titles, sentences = defaultdict(list), defaultdict(list)
    for record in records:
        key = (record.get("lang"), record.get("source"))
        if record.get("title"):
            titles[key].append(record["title"])
        for paragraph in _sentences(record.get("text") or ""):
            sentences[key].extend(paragraph)
    return titles, sentences


def scale(records: list[dict], size: int, seed: int = SEED) -> list[dict]:
    """Return ``size`` items: the real ones first, then recombinations of their parts.

    A generated item copies a random real item's language, source and shape (a
    headline alone, or paragraphs of so many sentences), with its title and each
    sentence drawn from real items of the same language and source.
    """
    rng = random.Random(seed)
    if size <= len(records):
        return [records[i] for i in sorted(rng.sample(range(len(records)), size))]
    titles, sentences = _pools(records)
    items = list(records)
    for number in range(size - len(records)):
        template = rng.choice(records)
        key = (template.get("lang"), template.get("source"))
        paragraphs = [" ".join(rng.choice(sentences[key]) for _ in p)
                      for p in _sentences(template.get("text") or "")]
        title = rng.choice(titles[key]) if titles[key] else ""
        items.append({**template, "id": f"scaled-{number:07d}", "title": title,
                      "text": "\n".join(paragraphs)})
    return items


def write_shards(items: list[dict], directory: Path, shards: int = SHARDS) -> list[Path]:
    """Write ``items`` into ``shards`` JSON Lines files under ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    per_shard = -(-len(items) // shards)
    paths = []
    for number in range(shards):
        path = directory / f"part-{number:03d}.jsonl"
        chunk = items[number * per_shard:(number + 1) * per_shard]
        path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in chunk),
                        "utf-8")
        paths.append(path)
    return paths


def prepare(corpus: Path, size: int, work: Path, base: int | None = None) -> Path:
    """Return the shard directory of a ``size``-item corpus, writing it unless it is there.

    ``base`` first reduces the real items to a sample of that many (for a quick run).
    """
    stat = corpus.stat() if corpus.is_file() else None
    key = f"{corpus.resolve()} {stat.st_size if stat else 0} {stat.st_mtime if stat else 0} {SEED} {base}"
    directory = work / f"corpus-{size}" if base is None else work / f"corpus-{base}-{size}"
    stamp = directory / STAMP
    if stamp.is_file() and stamp.read_text("utf-8") == key:
        return directory
    for old in directory.glob("part-*.jsonl"):
        old.unlink()
    records = load_records(corpus)
    if base is not None:
        records = scale(records, min(base, len(records)))
    write_shards(scale(records, size), directory)
    stamp.write_text(key, "utf-8")
    return directory


def change_one_file(directory: Path) -> tuple[Path, str]:
    """Edit the first item of the first shard; return the shard and its old text to restore."""
    path = sorted(directory.glob("part-*.jsonl"))[0]
    original = path.read_text("utf-8")
    first, _, rest = original.partition("\n")
    record = json.loads(first)
    record["text"] = (record.get("text") or record.get("title", "")) + " (સુધારો / सुधार)"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n" + rest, "utf-8")
    return path, original
