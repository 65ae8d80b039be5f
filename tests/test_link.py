"""Story links and near-duplicates (``index.link``): same story in the same words only."""
from __future__ import annotations

import pytest

from index.link import (MAX_DF, SHINGLE_WORDS, SKETCH_SIZE, duplicate_groups, find_links,
                        resemblance, signature, sketch)

STORY = ("ઉત્તર કોરિયાના નેતા કિમ જોંગ ઉને રશિયન રાષ્ટ્રપતિ વ્લાદિમીર પુતિનને નવા વર્ષના "
         "સંદેશમાં કહ્યું કે તેમનો દેશ હંમેશા મોસ્કો સાથે ઉભો રહેશે અને બંને દેશોની મિત્રતા "
         "વધુ મજબૂત બનશે. રશિયાના સંરક્ષણ પ્રધાન સર્ગેઈ શોઇગુએ પણ પ્યોંગયાંગની મુલાકાત લીધી હતી "
         "અને મિસાઇલ કાર્યક્રમ વિશે ચર્ચા કરી હતી.")
OTHER_STORY = ("ગુજરાતમાં ભારે વરસાદથી નદીઓમાં પૂર આવ્યું છે અને ખેડૂતોના પાકને નુકસાન થયું છે. "
               "સરકારે રાહત કામગીરી શરૂ કરી છે અને લોકોને સલામત સ્થળે ખસેડવામાં આવ્યા છે. "
               "હવામાન વિભાગે આગામી બે દિવસ વધુ વરસાદની આગાહી કરી છે.")


def groups_of(texts: dict[str, tuple[str, str]]) -> dict[str, list[str]]:
    """Return the duplicate groups of ``id -> (lang, text)``."""
    return duplicate_groups([(i, lang, signature(text, lang)) for i, (lang, text) in texts.items()])


def test_same_story_in_the_same_words_is_grouped():
    found = groups_of({"a": ("gu", STORY), "b": ("gu", STORY + " વધુ વિગતો માટે જુઓ."),
                       "c": ("gu", OTHER_STORY)})
    assert found == {"a": ["b"], "b": ["a"]}


def test_every_member_lists_the_others():
    found = groups_of({k: ("gu", STORY) for k in "xyz"})
    assert {k: sorted(v) for k, v in found.items()} == {
        "x": ["y", "z"], "y": ["x", "z"], "z": ["x", "y"]}


def test_identical_texts_are_grouped_however_many_there_are():
    found = groups_of({str(k): ("hi", "बजट 2024 की बड़ी घोषणाएं") for k in range(MAX_DF + 5)})
    assert len(found) == MAX_DF + 5 and all(len(v) == MAX_DF + 4 for v in found.values())


@pytest.mark.parametrize("first, second", [
    ("તળાવથી", "તળાવની"),               # one word each, one stem: not one story
    ("પુતિન", "પુટિન"),                  # one sound
    ("तालाब", "तालाबों"),
    ("વાંચો તમારું 24 સપ્ટેમ્બર 2023નું રાશિ ભવિષ્ય",  # headlines a word apart
     "વાંચો તમારું 26 સપ્ટેમ્બર 2023નું રાશિ ભવિષ્ય"),
    ("राजनीति: प्रदूषण से निपटने की चुनौती", "राजनीति: वायु प्रदूषण से निपटने की चुनौती"),
])
def test_short_items_with_different_words_are_never_grouped(first, second):
    lang = "hi" if "\u0900" <= first[0] <= "\u097f" else "gu"
    assert groups_of({"a": (lang, first), "b": (lang, second)}) == {}


def test_short_items_with_the_same_words_are_grouped():
    headline = "IND vs AUS: વિરાટ કોહલીએ પોતાના નામે કર્યો એક મોટો રેકોર્ડ"
    found = groups_of({"a": ("gu", headline), "b": ("gu", headline.replace(":", " :")),
                       "c": ("gu", "તળાવ"), "d": ("gu", "તળાવ")})
    assert found == {"a": ["b"], "b": ["a"], "c": ["d"], "d": ["c"]}


def test_one_story_in_other_words_is_not_a_duplicate():
    retold = ("રશિયન રાષ્ટ્રપતિ પુતિનને ઉત્તર કોરિયાના નેતા કિમ જોંગ ઉને સંદેશ મોકલ્યો. કિમે "
              "કહ્યું કે બંને દેશોની મિત્રતા મજબૂત બનશે અને પ્યોંગયાંગ હંમેશા મોસ્કોની સાથે છે. "
              "શોઇગુએ મિસાઇલ કાર્યક્રમ પર ચર્ચા કરવા પ્યોંગયાંગની મુલાકાત લીધી હતી.")
    assert groups_of({"a": ("gu", STORY), "b": ("gu", retold)}) == {}


def test_the_same_text_in_two_languages_is_not_a_duplicate():
    assert groups_of({"a": ("gu", "Budget 2024 live updates"),
                      "b": ("hi", "Budget 2024 live updates")}) == {}


def test_items_shorter_than_a_shingle_are_one_shingle():
    assert len(sketch(["તળાવ"])) == len(sketch(["કિમ", "જોંગ"])) == 1
    words = STORY.split()
    assert len(sketch(words[:SHINGLE_WORDS + 2])) == 3
    assert len(sketch(words)) == min(SKETCH_SIZE, len(words) - SHINGLE_WORDS + 1)


def test_resemblance_is_the_share_of_shingles_in_common():
    words = "એક બે ત્રણ ચાર પાંચ છ".split()
    assert resemblance(sketch(words), sketch(words)) == 1.0
    assert resemblance(sketch(words), sketch(words[:5])) == pytest.approx(3 / 4)
    assert resemblance(sketch(words), ()) == 0.0


def test_normalized_words_count_not_punctuation_or_joiners():
    assert signature("કિમ, જોંગ ઉન!", "gu").sketch == signature("કિમ જોંગ ઉન", "gu").sketch
    assert signature("ક્\u200dષમતા વધી", "gu").sketch == signature("ક્ષમતા વધી", "gu").sketch
    assert signature("કિમ જોંગ ઉન", "gu").sketch != signature("કિમ જોંગ", "gu").sketch


def test_find_links_keeps_story_links_across_languages_and_groups_duplicates():
    hindi = ("उत्तर कोरिया के नेता किम जोंग उन ने रूसी राष्ट्रपति व्लादिमीर पुतिन को नए साल के "
             "संदेश में कहा कि उनका देश हमेशा मॉस्को के साथ खड़ा रहेगा और दोनों देशों की दोस्ती "
             "और मजबूत होगी। रूस के रक्षा मंत्री सर्गेई शोइगु ने भी प्योंगयांग का दौरा किया था "
             "और मिसाइल कार्यक्रम पर चर्चा की थी।")
    articles = [("gu1", "gu", signature(STORY, "gu")), ("gu2", "gu", signature(STORY, "gu")),
                ("hi1", "hi", signature(hindi, "hi")), ("gu3", "gu", signature(OTHER_STORY, "gu"))]
    links = find_links(articles)
    assert links.duplicates == {"gu1": ["gu2"], "gu2": ["gu1"]}
    assert "hi1" in links.other_language and links.other_language["hi1"][0] in ("gu1", "gu2")
