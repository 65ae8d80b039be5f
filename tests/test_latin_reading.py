"""The reading aid's Latin letters (searcher.latin_reading): as people type them, and typed back they find the word."""
import pytest

from searcher.latin_reading import reading
from searcher.search import SearchEngine
from searcher.served import vocabulary
from searcher.snippets import Snippet
from web.reading import reading_aids


@pytest.mark.parametrize("native, latin", [
    # medial schwa deleted, kept before a cluster and at a cluster's end
    ("कमला", "kamla"), ("समझना", "samajhna"), ("राजधानी", "rajdhani"), ("मंत्र", "mantra"),
    ("સમર્થનમાં", "samarthanman"), ("बदलना", "badalna"), ("अपना", "apna"),
    # no ' between vowels, no diacritics, sh and ch as typed
    ("सिद्धारमैया", "siddharmaiya"), ("मिसाइलें", "misailen"), ("શોઇગુ", "shoigu"),
    ("ચર્ચા", "charcha"), ("लिए", "lie"),
    # the anusvara by the letter after it
    ("संबंध", "sambandh"), ("चंपा", "champa"), ("गंगा", "ganga"), ("हिंदी", "hindi"),
    ("પ્યોંગયાંગ", "pyongyang"),
    # nukta letters, conjuncts, vowel letters
    ("ज़मीन", "zamin"), ("लड़की", "ladki"), ("क्षमा", "kshama"), ("ज्ञान", "gyan"),
    ("उत्तर कोरिया", "uttar koriya"), ("આજે થશે", "aje thashe"),
    # punctuation, digits and Latin kept
    ("पुतिन ने कहा। २०२५", "putin ne kaha. 2025"), ("KCNA ના અહેવાલ", "KCNA na aheval"),
])
def test_reading(native, latin):
    assert reading(native) == latin


def test_reading_aids_convert_headlines_and_keep_marks():
    aids = reading_aids(Snippet((("પુતિનને", True), (" & કિમ", False))), "gu")
    assert aids["latin"] == "<mark>putinne</mark> &amp; kim"
    assert aids["hi"] == "<mark>पुतिनने</mark> &amp; किम"


@pytest.fixture(scope="module")
def engine(articles_index):
    return SearchEngine(articles_index)


def test_a_word_read_in_latin_letters_and_typed_back_finds_that_word(engine):
    from searcher.layout import current_build
    from searcher.whoosh.engine import WhooshBuild
    opened = WhooshBuild(current_build(engine.index_dir))
    words = vocabulary(opened)
    opened.close()
    common = sorted((w for w in words if len(w) >= 3), key=lambda w: (-words[w], w))[:60]
    missed = []
    for word in common:
        typed = reading(word)
        found = engine.search(typed, per_page=5).results
        marked = any(f"<mark>{word}</mark>" in " ".join(p.html() for p in engine.article(hit.id, typed).paragraphs)
                     for hit in found)
        if not marked:
            missed.append((word, typed))
    assert not missed, missed
