from concurrent.futures import ThreadPoolExecutor

import pytest

from index.build import build
from searcher.search_request import QueryError
from searcher.search import SearchEngine


def test_threads_share_one_engine_safely(articles_index):
    engine = SearchEngine(articles_index)
    queries = ["કિમ", "shoigu", "पुतिन", '"kim jong un"', "મિસાઇલ"] * 8
    expected = {q: [h.id for h in engine.search(q).results] for q in set(queries)}
    with ThreadPoolExecutor(8) as pool:
        found = list(pool.map(lambda q: (q, [h.id for h in engine.search(q).results]), queries))
    assert all(ids == expected[q] for q, ids in found)


def test_engine_picks_up_a_new_build_without_restart(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir)
    engine = SearchEngine(index_dir)
    assert engine.search("ક્વોન્ટલેક્સ").total == 0
    (articles_copy / "new.txt").write_text("ક્વોન્ટલેક્સ વિશે એક નવો લેખ અહીં છે.", "utf-8")
    build([articles_copy], index_dir)
    assert [h.id for h in engine.search("ક્વોન્ટલેક્સ").results] == ["new"]


@pytest.mark.parametrize("kwargs, message", [
    ({"text": None}, "missing query"),
    ({"text": "x", "page": 0}, "page"),
    ({"text": "x", "per_page": 500}, "per_page"),
    ({"text": "x", "lang": "ta"}, "lang must be one of"),
    ({"text": "x", "date_from": "2025/01/01"}, "YYYY-MM-DD"),
])
def test_library_errors_say_what_to_change(articles_index, kwargs, message):
    with pytest.raises(QueryError, match=message):
        SearchEngine(articles_index).search(**kwargs)


def test_long_query_is_cut_with_a_notice(articles_index):
    results = SearchEngine(articles_index).search("કિમ " * 400)
    assert results.total > 0 and any("cut" in note for note in results.notices)


def test_near_duplicates_are_collapsed_in_a_result_list(tmp_path):
    import json
    story = ("ઉત્તર કોરિયાના નેતા કિમ જોંગ ઉને રશિયન રાષ્ટ્રપતિ વ્લાદિમીર પુતિનને સંદેશમાં "
             "કહ્યું કે તેમનો દેશ હંમેશા મોસ્કો સાથે ઉભો રહેશે. ")
    other = "ગુજરાતમાં વરસાદ પડ્યો અને ખેડૂતો ખુશ થયા. નદીઓમાં પાણી આવ્યું. કિમ નામનો ખેડૂત."
    lines = [{"id": "a", "title": "કિમ", "text": story * 3, "lang": "gu"},
             {"id": "b", "title": "કિમ", "text": story * 3 + "વધુ.", "lang": "gu"},
             {"id": "c", "title": "વરસાદ", "text": other, "lang": "gu"}]
    (tmp_path / "news.jsonl").write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines), "utf-8")
    build([tmp_path / "news.jsonl"], tmp_path / "ix")
    results = SearchEngine(tmp_path / "ix").search("કિમ")
    ids = [hit.id for hit in results.results]
    assert results.collapsed == 1 and len(ids) == 2 and "c" in ids


def test_unreadable_lexicon_file_is_rebuilt_from_the_index(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir)
    (index_dir / "current" / "lexicon.bin").write_bytes(b"not a lexicon")
    assert SearchEngine(index_dir).search("shoigu").total == 3
