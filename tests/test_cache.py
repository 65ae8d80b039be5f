"""A memo bounded by the bytes it holds."""
import sys

from searcher.cache import ByteBoundedCache, entry_size


def test_the_memo_never_holds_more_than_its_budget():
    calls = []
    memo = ByteBoundedCache(lambda word: calls.append(word) or word * 3, budget=10_000)
    for n in range(5000):
        memo(f"શબ્દ{n}")
        assert memo.bytes <= 10_000
    assert len(calls) == 5000 and 0 < len(memo) < 100


def test_a_recent_word_is_answered_from_the_memo():
    calls = []
    memo = ByteBoundedCache(lambda word: calls.append(word) or len(word), budget=100_000)
    assert [memo(w) for w in ["કિમ", "किम", "કિમ", "કિમ"]] == [3, 3, 3, 3]
    assert calls == ["કિમ", "किम"]


def test_a_word_used_often_survives_many_new_ones():
    calls = []
    memo = ByteBoundedCache(lambda word: calls.append(word) or word, budget=4_000)
    for n in range(200):
        memo("મોદી")                  # used between every two new words
        memo(f"નવો{n}")
    assert calls.count("મોદી") == 1


def test_an_entry_counts_its_items():
    pair = (("word", "કિમ"), ("stem", "s:કિમ"))
    assert entry_size("કિમ", pair, 200) == entry_size("કિમ", (), 0) + (
        sys.getsizeof(pair) - sys.getsizeof(())) + 400


def test_a_value_larger_than_half_the_budget_is_not_kept():
    memo = ByteBoundedCache(lambda word: word * 1000, budget=1_000)
    memo("કિમ")
    assert memo.bytes == 0 and len(memo) == 0
