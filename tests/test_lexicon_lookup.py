"""Romanized lookup on tiny lexicons: limits, the frequency prior, pruning, script order.

Each fixture holds a few Hindi or Gujarati spellings of one typed name (पुतिन, પુતિન),
so what ``Lexicon.lookup`` returns can be stated exactly.
"""
from __future__ import annotations

import math

import pytest

from searcher.lexicon import MAX_LETTERS, PRIOR_WEIGHT, Lexicon
from searcher.latin_typing import ChannelModel

#: Hindi spellings of "putin" that differ only in what typists do not mark.
PUTIN_SPELLINGS = ["पुतिन", "पुतीन", "पूतिन", "पूतीन", "पुटिन", "पुटीन", "पूटिन", "पूटीन",
                   "पुत्तिन", "पुतिना", "पुतिनी", "पुतिने"]
#: Frequent Hindi words that share no letters with "putin": they must not move its scores.
UNRELATED = {"कमल": 10**6, "दिल्ली": 10**5, "सरकार": 5 * 10**4}


def words(results: list[tuple[str, float]]) -> list[str]:
    return [word for word, _ in results]


def test_limit_defaults_to_ten_and_cuts_the_best_first():
    lexicon = Lexicon(dict.fromkeys(PUTIN_SPELLINGS, 1))
    everything = lexicon.lookup("putin", limit=100)
    assert len(everything) == len(PUTIN_SPELLINGS)
    assert lexicon.lookup("putin") == everything[:10]
    assert lexicon.lookup("putin", limit=1) == everything[:1]


@pytest.mark.parametrize("limit", [0, -1, -5])
def test_no_limit_finds_nothing(limit):
    assert Lexicon(dict.fromkeys(PUTIN_SPELLINGS, 1)).lookup("putin", limit=limit) == []


def test_typed_words_over_forty_letters_find_nothing():
    """``putin`` eight times is 40 letters and still looked up; one letter more is not."""
    assert MAX_LETTERS == 40
    lexicon = Lexicon({"पुतिन" * 8: 1, "पुतिन" * 8 + "ा": 1})
    assert words(lexicon.lookup("putin" * 8))[0] == "पुतिन" * 8
    assert lexicon.sharing_keys("putin" * 8) == ["पुतिन" * 8, "पुतिन" * 8 + "ा"]
    assert lexicon.lookup("putin" * 8 + "a") == []
    assert lexicon.sharing_keys("putin" * 8 + "a") == []


def test_odds_of_two_spellings_follow_their_counts_under_bayes_rule():
    """With prior weight 1, raising पुतिन from 0 to 3 items multiplies its odds by (3+1)/(0+1)."""
    odds = []
    for count in (0, 3):
        scores = dict(Lexicon({"पुतिन": count, "पुटिन": 5}).lookup("putin", prior_weight=1.0))
        odds.append(scores["पुतिन"] / scores["पुटिन"])
    assert odds[1] / odds[0] == pytest.approx(4.0)


def test_default_prior_weight_dampens_the_counts():
    odds = []
    for count in (0, 3):
        scores = dict(Lexicon({"पुतिन": count, "पुटिन": 5}).lookup("putin"))
        odds.append(scores["पुतिन"] / scores["पुटिन"])
    assert odds[1] / odds[0] == pytest.approx(4.0 ** PRIOR_WEIGHT)


#: पुतिन and near look-alikes, a hopeless spelling (पतूनौ) and loose-key ones (पुतियन).
NEAR_PUTIN = {"पुतिन": 5, "पुटिन": 1, "पतूनौ": 1, "पुतियन": 1, "पूतीयनू": 1}


@pytest.mark.parametrize("prior_weight", [PRIOR_WEIGHT, 1.0])
def test_words_the_typed_letters_do_not_share_change_no_score(prior_weight):
    """The prior is relative among candidates: frequent unrelated words (कमल) change nothing."""
    alone = Lexicon(NEAR_PUTIN).lookup("putin", prior_weight=prior_weight)
    crowded = Lexicon({**NEAR_PUTIN, **UNRELATED}).lookup("putin", prior_weight=prior_weight)
    assert words(crowded) == words(alone)
    assert [score for _, score in crowded] == pytest.approx([score for _, score in alone])


def test_hopeless_spellings_are_not_offered():
    """पतूनौ shares the key of "putin", but no typist spells it so: dropped, not listed last."""
    lexicon = Lexicon({"पुतिन": 5, "पतूनौ": 1})
    assert lexicon.sharing_keys("putin") == ["पुतिन", "पतूनौ"]
    assert words(lexicon.lookup("putin")) == ["पुतिन"]
    assert Lexicon({"पतूनौ": 1}).lookup("putin") == []


def test_a_loose_match_far_below_the_best_word_is_dropped():
    """पहतन (a loose key, ``phtn``) is offered for "putin" alone, not beside पुतिन itself."""
    assert words(Lexicon({"पहतन": 1}).lookup("putin")) == ["पहतन"]
    assert words(Lexicon({"पुतिन": 5, "पहतन": 1}).lookup("putin")) == ["पुतिन"]


def test_the_best_word_so_far_sets_the_bar_for_loose_matches():
    """पुतिनो (exact key, poor spelling) sorts after पुतिन and must not lower the bar पुतिन set."""
    lexicon = Lexicon({"पुतिन": 5, "पुतिनो": 1, "पहतन": 1})
    assert "पहतन" not in words(lexicon.lookup("putin"))


def test_scripts_are_ranked_by_posterior_whatever_their_vocabulary_sizes():
    """Alone among Gujarati words, પુતિન scores near 1; पुतिन and पुटिन share the Hindi mass."""
    lexicon = Lexicon({"પુતિન": 5, "કમળ": 10**6, "સરકાર": 10**5, "पुतिन": 5, "पुटिन": 5})
    results = lexicon.lookup("putin")
    assert words(results) == ["પુતિન", "पुतिन", "पुटिन"]
    assert results[0][1] > 0.99 and 0.2 < results[1][1] < 0.8


def test_fit_is_the_log_probability_per_typed_letter():
    lexicon = Lexicon({"पुतिन": 1})
    for native in ("पुतिन", "पटना"):
        whole = ChannelModel.load("hi").logprob(native, "putin")
        assert lexicon.fit("putin", native) == pytest.approx(whole / 5)
    assert lexicon.fit("Putin!", "પુતિન") == pytest.approx(
        ChannelModel.load("gu").logprob("પુતિન", "putin") / 5)
    assert -1 < lexicon.fit("putin", "पुतिन") < 0
    assert lexicon.fit("putin", "पुतिन") > lexicon.fit("putin", "पटना")


@pytest.mark.parametrize("latin, native", [("", "पुतिन"), ("123", "पुतिन"), ("putin", "putin"),
                                           ("putin", "")])
def test_fit_without_letters_or_script_is_minus_infinity(latin, native):
    assert Lexicon({}).fit(latin, native) == -math.inf
