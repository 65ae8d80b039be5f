"""Every search does bounded work: a deadline, capped expansions, concurrent readers."""
import itertools
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from index.build import build
from searcher import search as search_module
from searcher.expand import Alternative
from searcher.search import DEADLINE_NOTICE, SearchEngine, capped_expander


def _stepping_clock(step_s: float = 0.001):
    """A clock that moves ``step_s`` each time it is read: a deadline of N ms passes after
    N readings, whatever the machine's speed."""
    ticks = itertools.count()
    return lambda: next(ticks) * step_s


def test_a_deadline_of_zero_answers_at_once_with_a_notice(articles_index):
    results = SearchEngine(articles_index, deadline_ms=0).search("કિમ મિસાઇલ")
    assert DEADLINE_NOTICE in results.notices
    assert results.total == 0


def test_without_a_deadline_there_is_no_notice(articles_index):
    results = SearchEngine(articles_index).search("કિમ મિસાઇલ")
    assert DEADLINE_NOTICE not in results.notices and results.total > 0


def _ranking(results):
    return [(hit.id, hit.score) for hit in results.results]


def test_a_deadline_returns_the_results_found_so_far(articles_index):
    query = "કિમ shoigu"
    full = SearchEngine(articles_index).search(query, per_page=50)
    either = {hit.id for hit in SearchEngine(articles_index).search(
        "કિમ OR shoigu", per_page=50).results}
    partial = []
    for readings in range(1, 400):
        engine = SearchEngine(articles_index, deadline_ms=readings, clock=_stepping_clock())
        results = engine.search(query, per_page=50)
        if DEADLINE_NOTICE not in results.notices:
            break
        if results.total:
            partial.append(results)
    # past enough readings the search is whole again, and the same as without a deadline
    assert DEADLINE_NOTICE not in results.notices and _ranking(results) == _ranking(full)
    assert partial, "no deadline gave partial results"
    # what a cut search shows matches some of the words, with the scores of what was read
    assert all({hit.id for hit in r.results} <= either for r in partial)
    assert any(_ranking(r) != _ranking(full) for r in partial)


def test_the_same_clock_readings_give_the_same_answer(articles_index):
    answers = {SearchEngine(articles_index, deadline_ms=12, clock=_stepping_clock())
               .search('"kim jong un" મિસાઇલ').to_dict()["total"] for _ in range(3)}
    assert len(answers) == 1


def test_expansions_are_capped_per_word_and_per_query(monkeypatch):
    monkeypatch.setattr(search_module, "MAX_TERMS_PER_WORD", 5)
    many = [Alternative(f"t{n}", "word", 1.0) for n in range(20)]
    expand = capped_expander(lambda word: many, limit=12)
    sizes = [len(expand(word)) for word in ["a", "b", "c", "d", "a"]]
    assert sizes == [5, 5, 2, 1, 5]      # each keeps at least one; a word keeps its answer


def test_past_the_deadline_a_new_word_is_looked_for_as_written():
    class Expired:
        def expired(self):
            return True
    expand = capped_expander(lambda word: pytest.fail("expanded past the deadline"),
                             deadline=Expired())
    assert [alt.term for alt in expand("શોઇગુએ")] == ["શોઇગુએ"]


QUERIES = ["કિમ", "shoigu", "पुतिन", '"kim jong un"', "મિસાઇલ", "કિમ -મિસાઇલ",
           "putin OR પુતિન", "qzxwvjk", "કિમમ", "lang:gu kim", "મિસાઇલ પરીક્ષણ"]


def _answer(engine, query):
    data = engine.search(query, per_page=20).to_dict()
    data.pop("took_ms")
    return data


def test_concurrent_searches_answer_as_sequential_ones(articles_index):
    engine = SearchEngine(articles_index)
    expected = {query: _answer(engine, query) for query in QUERIES}
    fresh = SearchEngine(articles_index)         # caches filled by the threads themselves
    start = threading.Barrier(8)

    def first(n):
        start.wait()            # all at once, each thread in its own order
        order = QUERIES[n % len(QUERIES):] + QUERIES[:n % len(QUERIES)]
        return [(query, _answer(fresh, query)) for query in order]
    with ThreadPoolExecutor(8) as pool:
        found = [pair for batch in pool.map(first, range(8)) for pair in batch]
    assert len(found) == 8 * len(QUERIES)
    assert all(answer == expected[query] for query, answer in found)


def test_a_new_build_is_swapped_in_while_threads_search(articles_copy, tmp_path):
    index_dir = tmp_path / "ix"
    build([articles_copy], index_dir)
    engine = SearchEngine(index_dir)
    before = engine.search("કિમ").total
    old = engine._opened()
    stop = threading.Event()
    errors = []

    def search_until_stopped():
        while not stop.is_set():
            try:
                assert engine.search("કિમ").total >= before
                assert engine.article("no-such-id") is None
            except Exception as error:  # noqa: BLE001 - any failure is the finding
                errors.append(error)
    threads = [threading.Thread(target=search_until_stopped) for _ in range(4)]
    for thread in threads:
        thread.start()
    (articles_copy / "new.txt").write_text("કિમ વિશે એક નવો લેખ અહીં છે.", "utf-8")
    build([articles_copy], index_dir)
    while engine._current is old:
        engine.search("કિમ")
    stop.set()
    for thread in threads:
        thread.join()
    assert errors == []
    assert engine.search("કિમ").total == before + 1
    assert old._retired and old._users == 0        # closed once its last search ended
    with pytest.raises(Exception):
        old.engine.doc_count()                     # the retired build is closed


def test_the_web_app_serves_with_the_deadline_setting(articles_index):
    from web import create_app
    from web.settings import defaults

    def deadline(**config):
        app = create_app({"INDEX_DIR": str(articles_index), **config})
        return app.extensions["search_engine"].deadline_ms
    assert deadline() == defaults()["SEARCH_DEADLINE_MS"] > 0
    assert deadline(SEARCH_DEADLINE_MS=50) == 50
    assert deadline(SEARCH_DEADLINE_MS=0) is None
    assert deadline(TESTING=True) is None        # answers must not depend on the load


def test_words_reached_past_the_deadline_are_described_as_searched(articles_index):
    """The expansions a page shows are what was looked for: past the deadline a word is
    searched only as written, so it is described with nothing added (and describing it
    does not do the expansion work the deadline stopped)."""
    def described(engine):
        return {entry["word"]: [e["word"] for e in entry["expanded"]]
                for entry in engine.search("shoigu કિમ").expansions}
    whole = described(SearchEngine(articles_index))
    cut = described(SearchEngine(articles_index, deadline_ms=0))
    assert set(whole) == set(cut) == {"shoigu", "કિમ"}
    assert all(len(whole[word]) > len(cut[word]) for word in whole)
    assert all(set(cut[word]) <= {word} for word in cut)
