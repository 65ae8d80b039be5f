"""Recording and comparing rankings (scripts/compare_rankings.py) on the bundled articles."""
from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest

from index.sources import Document, read_sources

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import compare_rankings  # noqa: E402
from benchlib import ranking_queries, rankings  # noqa: E402
from benchlib.queries import QUERY_CLASSES  # noqa: E402

#: Requests with several ranked hits on the bundled articles, a filter, a page 2,
#: one finding nothing and one the request check refuses.
CASES = [
    {"class": "native word", "q": "કિમ", "per_page": 100},
    {"class": "Latin name", "q": "putin", "per_page": 100},
    {"class": "lang filter", "q": "पुतिन lang:hi", "per_page": 100},
    {"class": "paging", "q": "કિમ", "page": 2, "per_page": 2},
    {"class": "no-hit", "q": "zzxqvw", "per_page": 100},
    {"class": "refused", "q": "કિમ", "lang": "xx"},
]
#: Classes of the query language and request beyond bench's query classes.
FEATURES = {"OR", "exclusion", "lang filter", "source filter", "date range", "paging",
            "broken syntax"}


@pytest.fixture(scope="module")
def recording(articles_index):
    return rankings.record(articles_index, CASES)


def _answer(recording, query: str) -> dict:
    return next(item for item in recording["answers"] if item["case"]["q"] == query)


def _differing(report) -> list[str]:
    return [case["q"] for case, found in report if found]


def test_recording_holds_ranked_ids_and_scores(recording):
    kim = _answer(recording, "કિમ")
    assert kim["total"] >= 3 and len(kim["ranked"]) == kim["total"]
    scores = [score for _, score in kim["ranked"]]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    assert kim["facets"]["lang"] and "took_ms" not in kim
    assert _answer(recording, "zzxqvw")["total"] == 0
    hindi = _answer(recording, "पुतिन lang:hi")
    # the lang facet is counted without the lang filter: its hi count is the total
    assert hindi["total"] >= 1 and hindi["facets"]["lang"]["hi"] == hindi["total"]
    refused = next(item for item in recording["answers"] if item["case"]["class"] == "refused")
    assert "xx" in refused["error"] and "ranked" not in refused


def test_two_recordings_of_one_index_are_identical(articles_index, recording):
    again = rankings.record(articles_index, CASES)
    report = rankings.compare(recording, again)
    assert len(report) == len(CASES) and _differing(report) == []


def test_an_altered_score_is_reported(recording):
    changed = copy.deepcopy(recording)
    _answer(changed, "કિમ")["ranked"][1][1] += 1e-4
    report = rankings.compare(recording, changed)
    assert _differing(report) == ["કિમ"]
    assert "score of" in dict((c["q"], f) for c, f in report if f)["કિમ"][0]
    assert _differing(rankings.compare(recording, changed, tolerance=1e-3)) == []


def test_many_changed_scores_are_summed_up_after_three(recording):
    changed = copy.deepcopy(recording)
    ranked = _answer(changed, "કિમ")["ranked"]
    for hit in ranked:
        hit[1] *= 2
    [found] = [f for _, f in rankings.compare(recording, changed) if f]
    assert len(ranked) > 3 and found[3] == f"... and {len(ranked) - 3} more" and len(found) == 4


def _swap_first_two(recording, tie: bool) -> tuple[dict, dict]:
    """Return a copy of ``recording`` and one with the first two hits of કિમ swapped."""
    old = copy.deepcopy(recording)
    ranked = _answer(old, "કિમ")["ranked"]
    if tie:
        ranked[1][1] = ranked[0][1]
    new = copy.deepcopy(old)
    ranked = _answer(new, "કિમ")["ranked"]
    ranked[0][0], ranked[1][0] = ranked[1][0], ranked[0][0]
    return old, new


@pytest.mark.parametrize("tie", [False, True])
def test_a_changed_order_is_reported_and_says_whether_only_ties_moved(recording, tie):
    first, second = _answer(recording, "કિમ")["ranked"][:2]
    assert first[1] > second[1]
    [(case, found)] = [(c, f) for c, f in rankings.compare(*_swap_first_two(recording, tie)) if f]
    assert case["q"] == "કિમ" and found[0].startswith("order: rank 1")
    assert ("only ties" in found[0]) == tie


def test_a_lost_hit_a_total_a_facet_and_a_notice_are_reported(recording):
    changed = copy.deepcopy(recording)
    putin = _answer(changed, "putin")
    putin["ranked"].pop()
    putin["total"] -= 1
    lang = next(iter(putin["facets"]["lang"]))
    putin["facets"]["lang"][lang] -= 1
    _answer(changed, "zzxqvw")["notices"].append("a new notice")
    found = dict((c["q"], f) for c, f in rankings.compare(recording, changed) if f)
    assert set(found) == {"putin", "zzxqvw"}
    assert any(line.startswith("total:") for line in found["putin"])
    assert any(line.startswith("ids: 1 gone") for line in found["putin"])
    count = _answer(recording, "putin")["facets"]["lang"][lang]
    assert f"facets.lang.{lang}: {count} -> {count - 1}" in found["putin"]
    assert found["zzxqvw"][0].startswith("notices:")


def test_a_case_missing_from_either_side_is_reported(recording):
    shorter = copy.deepcopy(recording)
    shorter["answers"] = shorter["answers"][1:]
    assert _differing(rankings.compare(recording, shorter)) == ["કિમ"]
    assert _differing(rankings.compare(shorter, recording)) == ["કિમ"]


def test_cli_compare_says_how_many_are_identical(tmp_path, recording, capsys):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(json.dumps(recording, ensure_ascii=False), "utf-8")
    assert compare_rankings.main(["compare", str(first), str(first)]) == 0
    assert f"{len(CASES)} queries, {len(CASES)} identical" in capsys.readouterr().out
    changed = copy.deepcopy(recording)
    _answer(changed, "કિમ")["ranked"][0][1] += 1e-7
    second.write_text(json.dumps(changed, ensure_ascii=False), "utf-8")
    assert compare_rankings.main(["compare", str(first), str(second)]) == 1
    out = capsys.readouterr().out
    assert "DIFFERS [native word] 'કિમ'" in out and f"{len(CASES) - 1} identical" in out
    assert compare_rankings.main(["compare", str(first), str(second), "--tolerance", "1e-6"]) == 0


def test_cli_record_writes_a_recording(tmp_path, articles_index, recording):
    queries, out = tmp_path / "queries.jsonl", tmp_path / "out.json"
    ranking_queries.write_cases(CASES, queries)
    assert compare_rankings.main(["record", str(articles_index), str(out),
                                  "--queries", str(queries)]) == 0
    assert _differing(rankings.compare(recording, rankings.load(out))) == []


@pytest.mark.parametrize("argv, message", [
    (["compare", "missing.json", "missing.json"], "cannot read recording"),
    (["compare", "{queries}", "{queries}"], "cannot read recording"),
    (["compare", "{json}", "{json}"], "is not a recording"),
    (["compare", "{broken}", "{broken}"], "is not a recording"),
    (["compare", "{json}", "{json}", "--tolerance", "nan"], "--tolerance"),
    (["record", "{tmp}", "{tmp}/out.json"], "no index at"),
    (["record", "{tmp}", "{tmp}/out.json", "--queries", "{json}"], "a case is an object"),
    (["queries", "{tmp}/missing.jsonl", "--out", "{tmp}/q.jsonl"], "corpus not found"),
])
def test_cli_bad_input_is_a_clear_error(tmp_path, capsys, argv, message):
    (tmp_path / "queries.jsonl").write_text("not json\n", "utf-8")
    (tmp_path / "other.json").write_text('["a list"]\n', "utf-8")
    (tmp_path / "broken.json").write_text('{"format": 1, "answers": [{"q": "x"}]}', "utf-8")
    paths = {"queries": tmp_path / "queries.jsonl", "json": tmp_path / "other.json",
             "broken": tmp_path / "broken.json", "tmp": tmp_path}
    argv = [arg.format(**paths) for arg in argv]
    assert compare_rankings.main(argv) == 2
    assert message in capsys.readouterr().err


def _records() -> list[dict]:
    """Return each paragraph of the bundled articles as a corpus item, half of them dated."""
    documents = [d for d in read_sources([ROOT / "data" / "articles"]) if isinstance(d, Document)]
    records = []
    for document in documents:
        for number, paragraph in enumerate(p for p in document.text.split("\n") if p.strip()):
            records.append({"id": f"{document.id}-{number}", "lang": document.lang,
                            "title": paragraph[:80], "text": paragraph,
                            "source": f"outlet-{number % 3}",
                            "published": f"2026-0{number % 9 + 1}-01" if number % 2 else ""})
    return records


def test_derived_cases_are_fixed_by_the_seed_and_cover_every_class():
    records = _records()
    cases = ranking_queries.derive_cases(records)
    assert cases == ranking_queries.derive_cases(list(records))
    assert cases != ranking_queries.derive_cases(records, seed=ranking_queries.SEED + 1)
    assert {case["class"] for case in cases} >= {name for name, _, _ in QUERY_CLASSES} | FEATURES
    assert len({rankings.case_key(case) for case in cases}) == len(cases)


def test_the_committed_list_covers_bench_and_the_query_language(articles_index):
    cases = ranking_queries.read_cases(compare_rankings.QUERIES)
    assert len(cases) >= 200
    assert {case["class"] for case in cases} >= {name for name, _, _ in QUERY_CLASSES} | FEATURES
    bench = {(name, query) for name, _, queries in QUERY_CLASSES for query in queries}
    assert bench <= {(case["class"], case["q"]) for case in cases}
    assert len({rankings.case_key(case) for case in cases}) == len(cases)
    answers = rankings.record(articles_index, cases)["answers"]
    assert [item["case"] for item in answers if "error" in item] == []
