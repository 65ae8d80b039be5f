import pytest

from searcher.querylang import MAX_WORDS, Clause, parse


def shape(query):
    return [[(c.words, c.phrase) for c in g] for g in query.groups]


@pytest.mark.parametrize("text, groups", [
    ("putin", [[(("putin",), False)]]),
    ("kim jong", [[(("kim",), False)], [(("jong",), False)]]),
    ('"kim jong un"', [[(("kim", "jong", "un"), True)]]),
    ("putin OR पुतिन", [[(("putin",), False), (("पुतिन",), False)]]),
    ('"kim jong', [[(("kim",), False)], [(("jong",), False)]]),   # unbalanced quote
    ("(putin", [[(("putin",), False)]]),                          # stray parenthesis
    ("OR", []), ("NOT", []), ("-", []), ('""', []),               # lone operators
    ("KCNAના", [[(("KCNA", "ના"), True)]]),                       # one piece, two scripts
])
def test_parse(text, groups):
    assert shape(parse(text)) == groups


def test_exclusions_and_filters():
    query = parse('putin -trump NOT biden lang:gu source:revoi.in')
    assert shape(query) == [[(("putin",), False)]]
    assert query.excluded == [Clause(("trump",)), Clause(("biden",))]
    assert query.filters == {"lang": "gu", "source": "revoi.in"}


def test_unbalanced_quote_is_noted():
    assert parse('"kim').notes == ["unbalanced quote ignored"]


def test_too_many_words_are_cut_and_noted():
    query = parse(" ".join(f"w{i}" for i in range(MAX_WORDS + 5)))
    assert len(query.clauses) == MAX_WORDS
    assert query.notes
