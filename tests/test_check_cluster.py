"""The judging of scripts/check_cluster.py: answers compared, shard layouts checked (no node)."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from check_cluster import (Answer, Watch, differences, empty_answers, layout,  # noqa: E402
                           layout_problems)

BEFORE = {"કિમ": Answer(5, ("004", "002", "001", "000", "003")),
          "lang:hi पुतिन": Answer(1, ("002",))}


@pytest.mark.parametrize("seen, found", [
    (dict(BEFORE), []),
    ({**BEFORE, "કિમ": Answer(3, ("004", "002", "001"))},
     ["કિમ: total 3, was 5", "કિમ: ids 004, 002, 001, was 004, 002, 001, 000, 003"]),
    ({**BEFORE, "કિમ": Answer(5, ("002", "004", "001", "000", "003"))},
     ["કિમ: ids 002, 004, 001, 000, 003, was 004, 002, 001, 000, 003"]),
    ({**BEFORE, "lang:hi पुतिन": Answer(None, error="ClusterError: no shard")},
     ["lang:hi पुतिन: ClusterError: no shard"]),
    ({"કિમ": BEFORE["કિમ"]}, ["lang:hi पुतिन: not run"]),
], ids=["same", "fewer", "reordered", "error", "missing"])
def test_differences_name_every_changed_total_order_and_error(seen, found):
    assert differences(BEFORE, seen) == found


def test_a_query_finding_nothing_or_failing_proves_nothing():
    answers = {**BEFORE, "zzxqvw": Answer(0), "पुतिन": Answer(None, error="timeout")}
    assert empty_answers(answers) == ["zzxqvw: 0 []", "पुतिन: error: timeout"]


def copy(shard: int, prirep: str, node: str | None, state: str = "STARTED") -> dict:
    return {"index": "cluster-check-b1", "shard": str(shard), "prirep": prirep,
            "state": state, "node": node}


SPREAD = [copy(0, "p", "node-1"), copy(0, "r", "node-2"),
          copy(1, "p", "node-2"), copy(1, "r", "node-1")]
BOTH = {"node-1", "node-2"}


@pytest.mark.parametrize("shards, found", [
    (SPREAD, []),
    (SPREAD[:2], ["1 shards, not 2"]),
    (SPREAD[:3] + [copy(1, "r", None, "UNASSIGNED")],
     ["shard 1: started copies ['p'], not p and 1 r"]),
    ([copy(0, "p", "node-1"), copy(0, "r", "node-1"), copy(1, "p", "node-1"),
      copy(1, "r", "node-1")],
     ["shard 0: two copies on ['node-1', 'node-1']", "shard 1: two copies on ['node-1', 'node-1']",
      "copies on ['node-1'], not on every node ['node-1', 'node-2']"]),
], ids=["spread", "a shard missing", "a replica unassigned", "all on one node"])
def test_layout_problems_of_two_primaries_with_a_replica_each(shards, found):
    assert layout_problems(shards, 2, 1, BOTH) == found


def test_primaries_alone_on_the_node_left():
    left = [copy(0, "p", "node-1"), copy(1, "p", "node-1")]
    assert layout_problems(left, 2, 0, {"node-1"}) == []
    assert layout(left + [copy(0, "r", None, "UNASSIGNED")]) == \
        "0p:node-1, 0r:UNASSIGNED, 1p:node-1"


class FakeEngine:
    """Answers ``કિમ`` with one article too few and refuses ``पुतिन``, as a cluster losing a node may."""

    def search(self, query):
        from types import SimpleNamespace
        if query == "पुतिन":
            raise ConnectionError("the OpenSearch cluster did not answer")
        return SimpleNamespace(total=4, results=[SimpleNamespace(id="004")])


def test_searches_meanwhile_keep_wrong_answers_apart_from_refused_ones():
    expected = {"કિમ": Answer(5, ("004",)), "पुतिन": Answer(5, ("002",))}
    with Watch(FakeEngine(), expected) as watch:
        while watch.searches < 2:
            time.sleep(0.01)
    assert watch.wrong[0] == "કિમ: total 4, was 5"
    assert watch.refused[0] == "पुतिन: ConnectionError: the OpenSearch cluster did not answer"
    assert "wrong answers" in watch.summary()
