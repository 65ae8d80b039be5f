"""Query expansion: which native words a Latin or other-script word brings in, at what weight."""
import pytest

from searcher.aliases import Alias, Aliases
from searcher.expand import (
    ALIAS_SCORE,
    TYPED_FORM_WEIGHT,
    UNCONFIRMED_FACTOR,
    expand_word,
    romanized,
)
from searcher.lexicon import Lexicon


def weights(alternatives, kind=None):
    return {a.term: a.weight for a in alternatives if kind is None or a.kind == kind}


def test_other_script_spelling_of_the_whole_word_joins_as_typed():
    typed = weights(expand_word("कविनुं"), "typed")
    assert typed == {"કવિનું": TYPED_FORM_WEIGHT}
    assert weights(expand_word("પેશાવરમાં"), "typed") == {"पेशावरमां": TYPED_FORM_WEIGHT}


def test_romanized_reading_joins_as_itself_best_reading_heaviest():
    lexicon = Lexicon({"તળાવનાં": 2, "તળાવની": 3, "તળાવથી": 4, "તળાવ": 9})
    typed = weights(expand_word("talaavnaan", lexicon), "typed")
    assert max(typed, key=typed.get) == "તળાવનાં"
    # every form of the stem still matches through the shared pivot term
    assert "x:तलाव" in weights(expand_word("talaavnaan", lexicon), "romanized")


def test_forms_of_one_stem_share_its_score():
    """પોલીસ and પોલીસે split the posterior; their stem gets the sum, not the larger half."""
    lexicon = Lexicon({"પોલીસ": 145, "પોલીસે": 76})
    found = dict(romanized("police", lexicon))
    stem_weight = weights(expand_word("police", lexicon), "romanized")["x:पोलिस"]
    assert stem_weight > 1.5 * 0.8 * max(found.values()) * 0.99 or len(found) == 1
    assert stem_weight == pytest.approx(1.5 * 0.8 * min(1.0, sum(found.values())))


def test_frequent_word_that_matches_well_survives_the_cut():
    """A rare native-style reading (सहारे) must not push out the common word (शेयर)."""
    lexicon = Lexicon({"सहारे": 9, "शेयर": 119, "सहारा": 3})
    assert "शेयर" in dict(romanized("share", lexicon))


def test_frequency_prior_moves_the_ranking():
    lexicon = Lexicon({"दिल्ली": 475, "डेली": 19})
    found = romanized("delhi", lexicon)
    assert found[0][0] == "दिल्ली"


def test_aliases_join_at_full_weight_and_contradicted_look_alikes_at_less():
    lexicon = Lexicon({"रेट": 45, "रात": 193, "મસ્ક": 21, "માસ્ક": 3})
    lexicon.aliases = Aliases([Alias("rate", "hi", "रेट", 8, 26, 45, 3.9),
                               Alias("musk", "gu", "મસ્ક", 7, 17, 21, 5.1)])
    rate = dict(romanized("rate", lexicon))
    assert rate["रेट"] == ALIAS_SCORE
    assert rate.get("रात", 0) <= UNCONFIRMED_FACTOR
    mask = dict(romanized("mask", lexicon))
    assert mask.get("મસ્ક", 0) <= UNCONFIRMED_FACTOR * 1.0 < mask["માસ્ક"]


def test_alias_twin_in_the_other_script_counts_when_writers_use_it():
    lexicon = Lexicon({"રેટ": 100, "रेट": 45, "रात": 193})
    lexicon.aliases = Aliases([Alias("rate", "gu", "રેટ", 5, 26, 100, 3.6)])
    found = dict(romanized("rate", lexicon))
    assert found["रेट"] == ALIAS_SCORE and found.get("रात", 0) <= UNCONFIRMED_FACTOR


def test_latin_word_keeps_its_own_term():
    lexicon = Lexicon({"બજેટ": 70, "बजट": 105})
    alternatives = weights(expand_word("Budget", lexicon))
    assert alternatives["budget"] == 4.0 and {"બજેટ", "बजट"} <= set(alternatives)


def test_every_alternative_is_a_kind_or_a_named_route():
    from searcher.analysis import KIND
    from searcher.expand import ROUTES
    lexicon = Lexicon({"પુતિન": 40, "पुतिन": 30, "पुटिन": 4, "ક્રિકેટ": 9, "ક્રિકેટર": 4,
                       "बाइडेन": 18, "बाइडन": 5})
    seen = set()
    for query in ["putin", "पुतिन", "પુતિનને", "cricket", "biden", "kcna", "२०२४"]:
        seen |= {alt.kind for alt in expand_word(query, lexicon)}
    assert seen <= set(KIND) | set(ROUTES)
    assert {"typed", "romanized", "sound-alike"} <= seen      # each route is taken


def test_a_native_words_sound_alikes_are_labelled_so_not_romanized():
    lexicon = Lexicon({"पुतिन": 30, "पुटिन": 4})
    kinds = {alt.via: alt.kind for alt in expand_word("पुतिन", lexicon) if alt.via}
    assert kinds.get("पुटिन") == "sound-alike"
    assert "romanized" not in kinds.values()
