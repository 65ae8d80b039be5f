"""What a query word was expanded to, as shown and undone (searcher.expansions)."""
import pytest

from searcher.expand import Alternative, expand_word
from searcher.expansions import (UNDOABLE, class_of, describe, describe_word, parse_drop,
                                 shown_word, without)
from searcher.querylang import parse

SHARE = [Alternative("share", "word", 4.0),
         Alternative("x:शेयर", "romanized", 1.2, via="शेयर"),
         Alternative("शेयर", "romanized", 1.2, via="शेयर"),
         Alternative("x:शेर", "romanized", 1.0, via="શેર"),
         Alternative("x:सहार", "romanized", 0.5, via="सहारा"),
         Alternative("x:शेअर", "alias", 0.9, via="शेअर")]


def fake_expand(word):
    return SHARE if word == "share" else expand_word(word)


@pytest.mark.parametrize("alternative, shown", [
    (Alternative("x:पुतिन", "pivot", 1.5), "पुतिन"), (Alternative("s:પુતિન", "stem", 2.0), "પુતિન"),
    (Alternative("p:पुटिन", "sound", 0.6), "पुटिन"), (Alternative("કિમ", "word", 4.0), "કિમ"),
    (Alternative("x:शेर", "romanized", 1.0, via="શેર"), "શેર"),
])
def test_shown_word(alternative, shown):
    assert shown_word(alternative) == shown


def test_classes_for_latin_and_native_words():
    romanized = Alternative("x:पुटिन", "romanized", 0.5, via="પુટિન")
    assert class_of(romanized, "putin") == "romanized"
    sounding = Alternative("x:पुटिन", "sound-alike", 0.5, via="પુટિન")    # expand's label
    assert class_of(sounding, "પુતિન") == "sound-alike"
    assert class_of(Alternative("x:पुतिन", "pivot", 1.5), "પુતિન") == "other script"
    assert class_of(Alternative("x:x", "alias", 1.0, via="x"), "x") == "alias"
    assert class_of(Alternative("x:x", "newkind", 1.0), "x") == "newkind"


def test_each_word_is_named_once_best_first():
    named = describe_word("share", SHARE)
    assert [(e.word, e.kind) for e in named] == [
        ("share", "exact"), ("शेयर", "romanized"), ("શેર", "romanized"),
        ("शेअर", "alias"), ("सहारा", "romanized")]
    assert {e.kind for e in named} - {"exact"} <= set(UNDOABLE)


def test_without_leaves_out_the_dropped_words_but_never_the_word_typed():
    expand = without(fake_expand, ["सहारा", "share", " "])
    terms = {alt.term for alt in expand("share")}
    assert "x:सहार" not in terms and "share" in terms and "x:शेयर" in terms
    assert without(fake_expand, []) is fake_expand


def test_describe_marks_dropped_words():
    entries = describe(parse("share कमला -trump"), fake_expand, dropped=["सहारा"])
    assert [e["word"] for e in entries] == ["share", "कमला"]
    dropped = {e["word"]: e["dropped"] for e in entries[0]["expanded"]}
    assert dropped["सहारा"] is True and dropped["शेयर"] is False and dropped["share"] is False


def test_parse_drop():
    assert parse_drop(["सहारा,શેર", "", "सहारा", " x "]) == ["सहारा", "શેર", "x"]
    assert parse_drop([]) == []
