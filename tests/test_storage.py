"""Index files read from many threads at once, each at its own position."""
import threading

import pytest

from searcher.whoosh.storage import MappedFile, SharedReadStorage


@pytest.fixture
def numbers(tmp_path):
    path = tmp_path / "numbers.bin"
    path.write_bytes(bytes(range(256)) * 64)
    return path


def test_each_thread_keeps_its_own_position(numbers):
    shared = MappedFile.open(str(numbers))
    start = threading.Barrier(8)
    wrong = []

    def read_from(offset: int):
        start.wait()
        for _ in range(2000):
            shared.seek(offset)
            data = shared.read(4)
            if data != bytes((offset + k) % 256 for k in range(4)) or shared.tell() != offset + 4:
                wrong.append(offset)
    threads = [threading.Thread(target=read_from, args=(n * 100,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    shared.close()
    assert wrong == []


def test_reads_like_a_file(numbers):
    f = MappedFile.open(str(numbers))
    assert f.read(3) == b"\x00\x01\x02" and f.tell() == 3
    assert f.seek(-2, 2) == 256 * 64 - 2 and f.read() == b"\xfe\xff" and f.read(5) == b""
    f.seek(10)
    assert f.peek(1)[:2] == b"\x0a\x0b" and f.tell() == 10
    buffer = bytearray(4)
    assert f.readinto(buffer) == 4 and bytes(buffer) == b"\x0a\x0b\x0c\x0d"
    f.seek(0)
    assert f.readline() == bytes(range(11))           # up to and with b"\n" (10)
    part = f.view(250, 12)
    assert part.read() == bytes([250, 251, 252, 253, 254, 255, 0, 1, 2, 3, 4, 5])
    f.close()


def test_an_empty_file_reads_as_empty(tmp_path):
    (tmp_path / "empty").write_bytes(b"")
    f = MappedFile.open(str(tmp_path / "empty"))
    assert f.read() == b"" and f.readline() == b""
    f.close()


def test_the_storage_opens_a_whoosh_index(articles_index):
    from searcher.layout import current_build
    ix = SharedReadStorage(str(current_build(articles_index))).open_index()
    with ix.searcher() as searcher:
        assert searcher.doc_count() > 0
        assert searcher.document(id=next(iter(searcher.lexicon("id"))).decode()) is not None
