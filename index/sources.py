"""Read articles from sources: directories of saved ``.txt`` pages and JSON Lines files.

Every source yields either a ``Document`` or a ``Skipped`` record naming what
could not be read and why; nothing is dropped silently.
"""
from __future__ import annotations

import html
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Union

from searcher import languages
from searcher.normalize import nfc

from .clean import clean_page
from .metadata import outlet

#: Files larger than this are skipped rather than read into memory.
MAX_FILE_BYTES = 20 * 1024 * 1024

#: Byte-order marks we decode, and the codec each one names.
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


@dataclass
class Document:
    """One article, ready to index."""

    id: str
    title: str
    text: str
    lang: str
    url: str = ""
    published: str = ""
    source: str = ""
    english_title: str = ""
    origin: str = ""          # the file it came from, for incremental rebuilds
    extra: dict = field(default_factory=dict)


@dataclass
class Skipped:
    """Something that could not be indexed: ``where`` (file or file:line) and ``reason``."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


Item = Union[Document, Skipped]

#: A character reference closed by ``;``. References without one (``&not``,
#: ``&copy``) are left alone: in plain text they are far likelier to be words
#: after an ampersand (``AT&T``, ``Q&A``) than references.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: A reference whose ``&`` was escaped a second time: 397 zeenews-gujarati titles
#: of the news corpus hold ``&amp;#039;`` for an apostrophe. It stands for the
#: one character, so it is decoded as one reference, not as text ``&#039;``.
_TWICE_ESCAPED = re.compile(r"&amp;(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")


def decode_entities(text: str) -> str:
    """Decode the HTML character references of source text, once, at ingest.

    The result is plain text: ``&lt;b&gt;`` becomes ``<b>``, which every page
    escapes again when it shows it, so markup in a source is never run.

    >>> decode_entities("પુતિનના 2 &amp;#039;સિક્રેટ બાળકો&amp;#039;!")
    "પુતિનના 2 'સિક્રેટ બાળકો'!"
    >>> decode_entities("AT&T &lt;b&gt; &quot;मोदी&quot;")
    'AT&T <b> "मोदी"'
    """
    if "&" not in text:
        return text
    text = _TWICE_ESCAPED.sub("&", text)
    return _ENTITY.sub(lambda match: html.unescape(match.group()), text)


class SourceError(Exception):
    """A source path that does not exist or cannot be listed."""


def read_sources(paths: list[str | os.PathLike]) -> Iterator[Item]:
    """Yield the documents (and skips) of every source in ``paths``, in order."""
    for path in source_files(paths):
        yield from read_file(path)


def source_files(paths: list[str | os.PathLike]) -> list[Path]:
    """Return every file the sources name: pages and ``.jsonl`` files, directories walked."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(_directory_files(path))
        elif path.exists():
            found.append(path)
        else:
            raise SourceError(f"{path}: no such file or directory")
    return list(dict.fromkeys(found))


def _directory_files(directory: Path) -> list[Path]:
    """Return the ``.txt`` pages and ``.jsonl`` files below ``directory``, sorted by path."""
    paths = []
    for root, dirs, files in os.walk(directory, onerror=None, followlinks=False):
        dirs.sort()
        paths.extend(Path(root, name) for name in files
                     if name.endswith((".txt", ".jsonl")) and not name.startswith("."))
    return sorted(paths)


def read_file(path: Path) -> Iterator[Item]:
    """Yield the documents of one source file: a JSON Lines file or a saved page."""
    problem = not_a_regular_file(path)
    if problem:
        return iter([Skipped(str(path), problem)])
    return read_jsonl(path) if path.suffix == ".jsonl" else read_page(path)


def not_a_regular_file(path: Path) -> str | None:
    """Say why ``path`` cannot be read as a file (a pipe would block a reader), or ``None``."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return error.strerror or str(error)
    return None if stat.S_ISREG(mode) else "not a regular file (a pipe or a device)"


def read_text(path: Path) -> str:
    """Return the text of ``path``; raise ``ValueError`` saying why it is unusable."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ValueError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    data = path.read_bytes()
    codec = "utf-8"
    for bom, bom_codec in BOMS:
        if data.startswith(bom):
            codec = bom_codec
            break
    if not data.strip():
        raise ValueError("empty file")
    if codec == "utf-8" and b"\x00" in data:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise ValueError(f"not {codec.upper()} (bad byte at offset {error.start})") from None
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))


def read_page(path: Path) -> Iterator[Item]:
    """Yield the article of one saved page, cleaned of site chrome."""
    try:
        raw = read_text(path)
    except (OSError, ValueError) as error:
        yield Skipped(str(path), getattr(error, "strerror", None) or str(error))
        return
    page = clean_page(raw, name=path.name)
    if not page.text.strip():
        yield Skipped(str(path), "no article text (only site chrome)")
        return
    yield Document(
        id=path.stem, title=decode_entities(page.title), text=decode_entities(page.text),
        lang=page.lang, published=page.published or "", source=page.source or "",
        english_title=decode_entities(page.english_title or ""), origin=str(path),
    )


def read_jsonl(path: Path) -> Iterator[Item]:
    """Yield one document per JSON line with a ``text``; skip and name the others."""
    try:
        handle = path.open("rb")
    except OSError as error:
        yield Skipped(str(path), error.strerror or str(error))
        return
    with handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                yield _jsonl_document(line, f"{path}:{number}", str(path))


def _jsonl_document(line: bytes, where: str, origin: str) -> Item:
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        return Skipped(where, "not UTF-8")
    except json.JSONDecodeError as error:
        return Skipped(where, f"not JSON ({error.msg})")
    if not isinstance(record, dict):
        return Skipped(where, "not a JSON object")
    text, title = record.get("text"), record.get("title")
    text = decode_entities(text) if isinstance(text, str) and text.strip() else ""
    title = nfc(decode_entities(title).strip()) if isinstance(title, str) else ""
    if not text and not title:
        return Skipped(where, "no text and no title")
    text = nfc(text) or title          # a headline item is its own text
    title = title or _first_line(text)
    lang = record.get("lang")
    if lang not in languages.LANGUAGES:
        lang = languages.detect_language(title + " " + text[:2000])
    url = str(record.get("url") or "")
    return Document(
        id=str(record.get("id") or where), title=title, text=text, lang=lang,
        url=url, published=str(record.get("published") or ""),
        source=outlet(url, str(record.get("source") or "")), origin=origin,
        extra={"category": str(record.get("category") or "")},
    )


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")[:200]
