"""Every weight and constant that ranks results, with its reason: one table to read or tune.

Modules that rank (``analysis`` for the kinds, ``whoosh`` for BM25F and the title,
the scorer's rescoring window, ``expand`` and ``lexicon`` for Latin and
sound-alike readings, ``mixing`` for the scripts of the first page) read their
values here by name, so a change shows in one place and in one diff. Budgets
(how many candidates, terms, milliseconds) stay with the code they bound.

>>> value("title_boost"), value("kind_word") > value("kind_stem") > value("kind_pivot")
(2.0, True)
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Constant:
    """One ranking constant: its name, its value and why it is that."""

    name: str
    value: float
    reason: str


CONSTANTS = (
    # what a match of each kind of term counts (searcher.analysis.KINDS)
    Constant("kind_word", 4.0, "the word as written is the surest match, and what the user typed "
             "ranks first"),
    Constant("kind_stem", 2.0, "the same word in another inflection (કિમે for કિમ): surely related"),
    Constant("kind_pivot", 1.5, "the stem in the other script, spelling variants folded (किम for "
             "કિમ): joins the scripts, a little less sure than the stem"),
    Constant("kind_sound", 0.6, "letters confused in names folded (पुटिन for पुतिन): often another "
             "word, so it only adds where nothing better matched"),
    # BM25F over the text fields (searcher.whoosh)
    Constant("title_boost", 2.0, "a word in the headline says more about the item than one in the "
             "body"),
    Constant("bm25_k1", 1.2, "term frequency saturation: BM25's usual value (Whoosh's default)"),
    Constant("bm25_b_title", 0.75, "length normalization of titles: BM25's usual value"),
    Constant("bm25_b_body", 0.75, "length normalization of bodies: BM25's usual value"),
    # the proximity boost of an unquoted multi-word query (searcher.whoosh.scorer)
    Constant("rescore_window", 1000, "matches per segment searched for the words together: reading "
             "positions for every match cost most of a two-word query at 200,000 articles"),
    # Latin and sound-alike expansion (searcher.expand, searcher.lexicon)
    Constant("romanized_factor", 0.8, "a native word read from Latin letters counts a little less "
             "than the same word typed in the other script: the reading may be wrong"),
    Constant("similar_factor", 0.4, "a sound-alike spelling of a native word (पुटिन for पुतिन) is "
             "often another word"),
    Constant("unconfirmed_factor", 0.3, "a look-alike the mined aliases contradict (मस्क is "
             "musk's, not mask's) joins only weakly"),
    Constant("alias_score", 1.0, "the collection pairs the two words: as sure as a romanized "
             "match gets"),
    Constant("expansion_prior_weight", 1.0, "a query asks for the words people write (Bayes' "
             "rule): दिल्ली (475 items) beats डेली (19) for delhi"),
    Constant("min_romanized_score", 0.05, "a native reading scoring less is noise"),
    Constant("min_romanized_share", 0.3, "a reading below this share of the best one's score is cut "
             "(મોડી 'late' must not ride along with મોદી for modi)"),
    Constant("lexicon_prior_weight", 0.3, "word frequency against the channel model when ranking "
             "word types (the word-level evaluation; tuned on Dakshina dev)"),
    Constant("other_per_letter", -2.5, "log probability per typed letter of 'some other word': a "
             "reading scoring worse gets a small score even when it is the best there is"),
    # the first page of a Latin query (searcher.mixing)
    Constant("min_per_script", 2, "items of each script the first page (of 10) holds when that "
             "script has matches: a Latin query is about both"),
)

_BY_NAME = {constant.name: constant for constant in CONSTANTS}


def value(name: str) -> float:
    """Return the value of the ranking constant ``name`` (a ``KeyError`` names a typo)."""
    return _BY_NAME[name].value
