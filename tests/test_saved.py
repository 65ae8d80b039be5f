import pytest

from searcher.lexicon import Lexicon
from searcher.saved import read_state, write_state


def test_state_round_trips_under_its_tag(tmp_path):
    path = tmp_path / "state.bin"
    write_state(path, "demo/1", {"words": ["પુતિન", "पुतिन"]})
    assert read_state(path, "demo/1", "demo") == {"format": "demo/1", "words": ["પુતિન", "पुतिन"]}


def test_another_tag_is_refused(tmp_path):
    path = tmp_path / "state.bin"
    write_state(path, "demo/1", {})
    with pytest.raises(ValueError, match="not a saved demo"):
        read_state(path, "demo/2", "demo")


def test_a_saved_lexicon_looks_up_as_before(tmp_path):
    lexicon = Lexicon({"પુતિન": 12, "पुतिन": 9, "પટણા": 3})
    lexicon.save(tmp_path / "lexicon.bin")
    assert Lexicon.load(tmp_path / "lexicon.bin").lookup("putin") == lexicon.lookup("putin")
