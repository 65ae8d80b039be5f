"""The ranking table: every constant named once, with a reason, and read by the modules that rank."""
import pytest

from searcher.analysis import KIND
from searcher.ranking import CONSTANTS, value


def test_every_constant_has_one_name_a_number_and_a_reason():
    names = [constant.name for constant in CONSTANTS]
    assert len(names) == len(set(names))
    assert all(isinstance(c.value, (int, float)) and len(c.reason.split()) >= 5 for c in CONSTANTS)


def test_an_unknown_name_is_an_error_not_a_default():
    with pytest.raises(KeyError):
        value("title_bost")


def test_the_kinds_weigh_what_the_table_says_best_match_first():
    weights = [KIND[name].weight for name in ("word", "stem", "pivot", "sound")]
    assert weights == [value(f"kind_{name}") for name in ("word", "stem", "pivot", "sound")]
    assert weights == sorted(weights, reverse=True)


def test_the_engine_scores_with_the_tables_bm25_and_title_boost(articles_index):
    from searcher.layout import current_build
    from searcher.whoosh.engine import WhooshBuild
    opened = WhooshBuild(current_build(articles_index))
    weighting = opened.searcher.weighting
    assert weighting.K1 == value("bm25_k1")
    assert opened._scorer.b_of("title") == value("bm25_b_title")
    assert opened._scorer.b_of("body") == value("bm25_b_body")
    assert opened.searcher.schema["title"].format.field_boost == value("title_boost")
    opened.close()

