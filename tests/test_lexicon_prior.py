"""The frequency prior of the romanized lookup: a common word outranks a rare look-alike.

Each pair below is typed the same way in Latin letters and differs only in a
variant typists do not mark (vowel length, dental or retroflex), so the channel
model scores the two alike; how often each occurs in the index must decide.
(Kept apart from test_lexicon.py, which another branch is changing.)
"""
from __future__ import annotations

import pytest

from searcher.lexicon import Lexicon

#: typed, two native spellings it may stand for
LOOK_ALIKES = [
    ("missile", "મિસાઇલ", "મિસાઈલ"),
    ("putin", "पुतिन", "पुटिन"),
    ("kim", "किम", "कीम"),
    ("samarthan", "समर्थन", "सामर्थन"),
    ("shoigu", "શોઇગુ", "શોઈગુ"),
]


@pytest.mark.parametrize("typed, first, second", LOOK_ALIKES)
@pytest.mark.parametrize("common", [0, 1])
def test_common_word_outranks_a_rare_look_alike(typed, first, second, common):
    words = (first, second)
    frequent, rare = words[common], words[1 - common]
    lexicon = Lexicon({first: 1000 if common == 0 else 1, second: 1 if common == 0 else 1000})
    ranked = lexicon.lookup(typed)
    assert [word for word, _ in ranked] == [frequent, rare]
    scores = dict(ranked)
    assert scores[frequent] > 2 * scores[rare]


def test_score_grows_with_frequency():
    """Among look-alikes, more occurrences never lower a word's score."""
    scores = []
    for count in (1, 10, 100, 1000):
        lexicon = Lexicon({"पुतिन": 50, "पुटिन": count})
        scores.append(dict(lexicon.lookup("putin"))["पुटिन"])
    assert scores == sorted(scores) and scores[-1] > scores[0]
