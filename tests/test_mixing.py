"""The first page of a Latin query holds both scripts."""
from searcher.mixing import MIN_PER_SCRIPT, candidates, mix_scripts, script_neutral

LANG = {n: ("hi" if n < 20 else "gu") for n in range(30)}


def test_first_page_holds_each_scripts_best_in_score_order():
    ranked = [(n, 100.0 - n) for n in range(30)]
    mixed = mix_scripts(ranked, per_page=10, lang_of=LANG.get)
    first = mixed[:10]
    assert sum(LANG[d] == "gu" for d, _ in first) == MIN_PER_SCRIPT
    assert [s for _, s in first] == sorted((s for _, s in first), reverse=True)
    assert sorted(mixed) == sorted(ranked)          # nothing lost, nothing repeated
    assert [d for d, _ in mixed[10:12]] == [8, 9]   # the displaced open page 2


def test_a_mixed_page_is_left_alone():
    ranked = [(n, 100.0 - n) for n in (0, 25, 1, 26, 2, 3)]
    assert mix_scripts(ranked, per_page=4, lang_of=LANG.get) == ranked


def test_candidates_reach_past_the_limit_for_each_script():
    scores = {n: 100.0 - n for n in range(30)}
    found = {d for d, _ in candidates(scores, 10, {"hi": set(range(20)), "gu": set(range(20, 30))})}
    assert set(range(10)) <= found and {20, 21} <= found


def test_only_latin_queries_without_a_language_filter_are_mixed():
    assert script_neutral(["budget"], {})
    assert not script_neutral(["budget"], {"lang": "gu"})
    assert not script_neutral(["बजट"], {}) and not script_neutral([], {})
