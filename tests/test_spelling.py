"""Did-you-mean: close spellings found through the spelling table, with bounded work."""
import pytest

from searcher import spelling
from searcher.spelling import Budget, SpellIndex, head
from searcher.suggest import did_you_mean

WORDS = {"સરકાર": 40, "સરકારે": 12, "સરકારી": 9, "ગુજરાત": 30, "सरकार": 50, "पुलिस": 20,
         "putin": 8, "pune": 3}


@pytest.mark.parametrize("typed, expected", [
    ("સરકર", "સરકાર"),        # one letter missing
    ("ગુજરત", "ગુજરાત"),
    ("सरकर", "सरकार"),
    ("पुलीस", "पुलिस"),      # a long vowel for a short one
    ("putn", "putin"),
    ("ઝઝઝઝ", None),          # nothing within reach
])
def test_closest_spelling(typed, expected):
    assert SpellIndex(WORDS).closest(typed, Budget()) == expected


def test_the_most_used_of_the_close_words_wins():
    index = SpellIndex({"સરકારે": 12, "સરકારી": 90})
    assert index.closest("સરકારો", Budget()) == "સરકારી"


def test_latin_words_must_share_two_first_letters():
    assert head("putin") == "pu" and head("સરકાર") == "સ"
    assert SpellIndex({"punit": 5}).closest("ptuin", Budget()) is None


def _worst_case(count: int) -> dict[str, int]:
    """``count`` distinct 14-letter Gujarati words starting with સ (one group, one length)."""
    letters = [chr(c) for c in range(0x0A95, 0x0AB9)]
    words = {}
    n = 0
    while len(words) < count:
        tail = "".join(letters[(n // len(letters) ** k) % len(letters)] for k in range(13))
        words["સ" + tail] = count - len(words)
        n += 1
    return words


def test_one_word_compares_at_most_the_cap(monkeypatch):
    monkeypatch.setattr(spelling, "MAX_CANDIDATES_PER_WORD", 300)
    index = SpellIndex(_worst_case(2000))
    budget = Budget()
    index.closest("સ" + "ક" * 13, budget)
    assert budget.examined == 300


def test_a_request_compares_at_most_its_budget(monkeypatch):
    monkeypatch.setattr(spelling, "MAX_CANDIDATES_PER_WORD", 300)
    index = SpellIndex(_worst_case(2000))
    budget = Budget(candidates=1000, words=8)
    typed = ["સ" + chr(0x0A95 + n) * 13 for n in range(32)]    # 32 unknown words
    for word in typed:
        index.closest(word, budget)
    assert budget.examined == 1000      # 300 + 300 + 300 + 100, then nothing
    assert budget.looked_up == 4


def test_a_request_looks_up_at_most_its_words():
    index = SpellIndex(_worst_case(50))
    budget = Budget(words=3)
    for n in range(10):
        index.closest("સ" + chr(0x0A95 + n) * 13, budget)
    assert budget.looked_up == 3 and budget.examined == 3 * 50


def test_a_word_longer_than_any_indexed_word_costs_nothing():
    budget = Budget()
    assert SpellIndex(WORDS).closest("સ" * 500, budget) is None
    assert budget.examined == 0 and budget.looked_up == 0


class _Indexed:
    """The one thing did_you_mean asks an opened build: whether a term is indexed."""

    def has_term(self, term):
        return term in WORDS


def test_did_you_mean_replaces_unknown_words_only():
    index = SpellIndex(WORDS)
    assert did_you_mean(_Indexed(), ["ગુજરત", "સરકાર"], spelling=index) == "ગુજરાત સરકાર"
    assert did_you_mean(_Indexed(), ["ગુજરાત"], spelling=index) is None


def test_did_you_mean_stops_at_the_request_budget():
    index = SpellIndex(WORDS)
    budget = Budget(words=1)
    assert did_you_mean(_Indexed(), ["ગુજરત", "सरकर"], spelling=index,
                        budget=budget) == "ગુજરાત सरकर"


def test_a_saved_index_answers_the_same(tmp_path):
    SpellIndex(WORDS).save(tmp_path / "spelling.bin")
    loaded = SpellIndex.load(tmp_path / "spelling.bin")
    assert loaded.closest("સરકર", Budget()) == "સરકાર" and loaded.longest == 6
    (tmp_path / "other.bin").write_bytes(b"not a pickle")
    with pytest.raises(Exception):
        SpellIndex.load(tmp_path / "other.bin")
