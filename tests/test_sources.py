import json

import pytest

from index.sources import Document, Skipped, SourceError, read_sources


def collect(paths):
    items = list(read_sources(paths))
    return ([i for i in items if isinstance(i, Document)],
            {str(i.where).rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, Skipped)})


def test_bundled_articles_are_read_with_language_and_title(articles_copy):
    docs, skipped = collect([articles_copy])
    assert not skipped
    assert [d.id for d in docs] == sorted(p.stem for p in articles_copy.glob("*.txt"))
    assert {d.id[:3]: d.lang for d in docs} == {
        "000": "gu", "001": "gu", "002": "hi", "003": "gu", "004": "gu"}
    assert all(d.title and d.text for d in docs)


def test_bad_files_are_skipped_with_a_reason_and_the_rest_indexed(articles_copy):
    (articles_copy / "latin1.txt").write_bytes("caf\xe9 ".encode("latin-1") * 10)
    (articles_copy / "empty.txt").write_bytes(b"")
    (articles_copy / "binary.txt").write_bytes(b"\x00\x01\x02abc")
    (articles_copy / "utf16.txt").write_bytes("પુતિન મોસ્કો ગયા.\r\nબીજું વાક્ય.".encode("utf-16"))
    docs, skipped = collect([articles_copy])
    assert skipped["latin1.txt"].startswith("not UTF-8")
    assert skipped["empty.txt"] == "empty file"
    assert skipped["binary.txt"].startswith("binary file")
    assert {d.id for d in docs} >= {p.stem for p in articles_copy.glob("0*.txt")}
    assert "utf16" in {d.id for d in docs}


def test_jsonl_lines_are_documents_or_named_skips(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"id": "a", "title": "શીર્ષક", "text": "પુતિન મોસ્કો ગયા.", "lang": "gu"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "b", "title": ""}),
        json.dumps(["a list"]),
        json.dumps({"id": "c", "text": "पुतिन ने कहा।"}, ensure_ascii=False),
        "",
    ]
    path.write_text("\n".join(lines), "utf-8")
    docs, _ = collect([path])
    items = list(read_sources([path]))
    reasons = {i.where.rsplit(":", 1)[-1]: i.reason for i in items if isinstance(i, Skipped)}
    assert [d.id for d in docs] == ["a", "c"]
    assert docs[1].lang == "hi" and docs[1].title == "पुतिन ने कहा।"
    assert reasons["2"].startswith("not JSON")
    assert reasons["3"] == "no text and no title"
    assert reasons["4"] == "not a JSON object"


def test_missing_source_is_an_error(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        list(read_sources([tmp_path / "nope"]))


def test_headline_only_item_is_indexed_by_its_title(tmp_path):
    path = tmp_path / "headlines.jsonl"
    path.write_text(json.dumps({"id": "h", "title": "ખાંભા તાલુકામાં ભોજન", "text": ""},
                               ensure_ascii=False), "utf-8")
    docs, skipped = collect([path])
    assert not skipped and docs[0].text == "ખાંભા તાલુકામાં ભોજન"
