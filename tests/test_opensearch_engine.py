"""``searcher.opensearch.engine`` without a node: short answers refused, errors named, IDF restored."""
from __future__ import annotations

from math import log

import pytest

from searcher.opensearch import engine


def test_an_answer_with_a_failed_shard_is_refused_not_shown_short():
    whole = {"_shards": {"total": 2, "successful": 2, "failed": 0}, "hits": {"hits": []}}
    assert engine.complete(whole) is whole
    with pytest.raises(engine.PartialAnswer, match="1 of 2 shards failed"):
        engine.complete({"_shards": {"total": 2, "successful": 1, "failed": 1}})


def test_a_failing_call_is_tried_again_then_named_as_the_clusters(monkeypatch):
    monkeypatch.setattr(engine, "RETRY_SECONDS", 0)
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise engine.PartialAnswer("1 of 2 shards failed")
        return "answer"
    assert engine.cluster_errors(flaky, attempts=3) == "answer" and len(calls) == 3
    calls.clear()
    with pytest.raises(engine.ClusterError, match="did not answer: 1 of 2 shards failed"):
        engine.cluster_errors(flaky, attempts=2)
    assert len(calls) == 2


def test_a_cluster_error_is_an_index_missing_so_pages_answer_503():
    from searcher.layout import IndexMissing
    assert issubclass(engine.ClusterError, IndexMissing)


def test_the_factor_turns_lucenes_idf_into_whooshs(tmp_path):
    from searcher.opensearch.columns import save_columns, save_vocabulary
    save_vocabulary(tmp_path / engine.VOCABULARY, {"title": {"કિમ": 1}, "body": {"કિમ": 4}})
    rows = [{"id": str(n), "lang": "gu"} for n in range(20)]
    save_columns(tmp_path / engine.COLUMNS, rows, {"title": 20, "body": 10})
    build = engine.OpenSearchBuild(None, "news-b20261203t101500-3f2a1c", tmp_path)
    # the title's K1 is Whoosh's over the title boost; the body's grows with 20 / 10
    assert build.factor("કિમ", "title") == pytest.approx(
        (log(20 / 2) + 1) / log(1 + 19.5 / 1.5) * 2.2 / 1.6)
    body_k1 = 1.2 * 0.25 + 1.2 * 0.75 * 2
    assert build.factor("કિમ", "body") == pytest.approx(
        (log(20 / 5) + 1) / log(1 + 6.5 / 4.5) * 2.2 / (body_k1 + 1))
    assert build.factor("absent", "body") is None
