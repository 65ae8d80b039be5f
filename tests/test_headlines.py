"""Headlines for a result list (searcher.headlines)."""
import pytest

from searcher.headlines import ELLIPSIS, MAX_TITLE_CHARS, is_headline_only, marked_title, short_title

LONG = ("लेकिन मीडिया रिपोर्टों के मुताबिक इन उम्मीदवारों में से सईद जलीली की उम्मीदवारी सबसे "
        "मज़बूत मानी जा रही है और राष्ट्रपति चुनाव में इस बार ये सवाल उभर रहा है कि यदि जलीली जीत जाते हैं")


def test_short_titles_stay_whole():
    title = "કિમ જોંગ ઉન મોસ્કો પહોંચ્યા, પુતિને સ્વાગત કર્યું"
    assert short_title(title) == title and short_title("  " + title + " ") == title


def test_long_titles_are_cut_between_words():
    cut = short_title(LONG)
    assert len(cut) <= MAX_TITLE_CHARS and cut.endswith(ELLIPSIS)
    kept = cut[:-len(ELLIPSIS)]
    assert LONG.startswith(kept) and LONG[len(kept)] == " "


@pytest.mark.parametrize("limit", [20, 45, 80])
def test_cuts_respect_any_limit(limit):
    cut = short_title(LONG, limit)
    assert len(cut) <= limit and LONG[len(cut) - len(ELLIPSIS)] == " "


def test_a_title_without_spaces_is_cut_inside_its_word():
    assert short_title("ક" * 200, 50) == "ક" * 48 + ELLIPSIS


def test_marked_title_marks_words_and_escapes_the_rest():
    html = marked_title("<i>પુતિનને</i> કિમનો & સંદેશ", {"s:પુતિન"}).html()
    assert html == "&lt;i&gt;<mark>પુતિનને</mark>&lt;/i&gt; કિમનો &amp; સંદેશ"


def test_marked_title_marks_only_what_the_cut_keeps():
    html = marked_title(LONG + " पुतिन", {"पुतिन"}).html()
    assert "<mark>" not in html and html.endswith(ELLIPSIS)


@pytest.mark.parametrize("title, text, only", [
    ("મોદી ગુજરાતમાં", "મોદી ગુજરાતમાં", True), ("मोदी", "", True), ("मोदी", "  \n", True),
    ("મોદી ગુજરાતમાં", "મોદી ગુજરાતમાં આવ્યા.", False), ("", "पुतिन ने कहा।", False),
])
def test_is_headline_only(title, text, only):
    assert is_headline_only(title, text) is only
