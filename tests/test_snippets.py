from searcher.expand import expand_word
from searcher.snippets import MAX_FRAGMENT_CHARS, Snippet, make_snippet, sentences


def terms(*words):
    return {alt.term for word in words for alt in expand_word(word)}


def test_snippet_marks_inflected_forms_and_escapes_html():
    text = "<script>x</script> પહેલું વાક્ય. શોઇગુએ કિમ સાથે વાત કરી. છેલ્લું."
    html = make_snippet(text, terms("શોઇગુ")).html()
    assert "<mark>શોઇગુએ</mark>" in html
    assert "<script>" not in html


def test_snippet_prefers_sentence_with_most_distinct_matches():
    text = "કિમ આવ્યા. કિમ અને પુતિન મળ્યા। બીજું વાક્ય."
    html = make_snippet(text, terms("કિમ", "પુતિન"), fragments=1).html()
    assert html == "<mark>કિમ</mark> અને <mark>પુતિન</mark> મળ્યા।"


def test_only_tags_are_marks():
    text = 'a "quoted" & <b>bold</b> पुतिन।'
    html = make_snippet(text, terms("पुतिन")).html()
    assert html.count("<") == html.count("<mark>") + html.count("</mark>")


def test_long_sentence_is_cut_around_the_match():
    text = ("શબ્દ " * 200) + "પુતિન " + ("શબ્દ " * 200) + "."
    snippet = make_snippet(text, terms("પુતિન"))
    plain = "".join(t for t, _ in snippet.pieces)
    assert len(plain) <= MAX_FRAGMENT_CHARS + 2
    assert any(hit and t == "પુતિન" for t, hit in snippet.pieces)


def test_no_match_gives_first_sentence():
    assert make_snippet("એક. બે.", terms("zzz")).html() == "એક."


def test_sentences_end_at_danda():
    text = "पहला। दूसरा? तीसरा"
    assert [text[a:b].strip() for a, b in sentences(text)] == ["पहला।", "दूसरा?", "तीसरा"]


def test_map_keeps_highlights():
    snippet = Snippet((("a", False), ("b", True)))
    assert snippet.map(str.upper).html() == "A<mark>B</mark>"


def test_match_deep_in_a_long_article_is_found():
    text = ("એક વાક્ય અહીં છે. " * 600) + "અંતે પુતિન આવ્યા."
    snippet = make_snippet(text, terms("પુતિન"))
    assert any(hit and t == "પુતિન" for t, hit in snippet.pieces)


def test_every_html_special_character_is_escaped():
    snippet = Snippet((("ટાટા & સન્સ <b> \"x\" 'y'", False), ("&", True)))
    assert snippet.html() == ("ટાટા &amp; સન્સ &lt;b&gt; &quot;x&quot; &#x27;y&#x27;"
                              "<mark>&amp;</mark>")


def test_ampersand_in_article_text_is_an_entity_in_snippet_and_article():
    from searcher.snippets import mark_all
    text = "ટાટા & સન્સે નવી ફેક્ટરી ખોલી."
    assert make_snippet(text, terms("ટાટા")).html() == "<mark>ટાટા</mark> &amp; સન્સે નવી ફેક્ટરી ખોલી."
    assert mark_all(text, terms("ટાટા")).html() == "<mark>ટાટા</mark> &amp; સન્સે નવી ફેક્ટરી ખોલી."
    assert mark_all(text, set()).html() == "ટાટા &amp; સન્સે નવી ફેક્ટરી ખોલી."


# -- cutting a long sentence: MAX_FRAGMENT_CHARS (240) around its first match,
#    up to a third of it (80) before the match, cut at spaces, "…" where cut.
#    Each made-up word below is 6 characters and a space.
WORDS = [f"વાત{n:03d}" for n in range(120)]


def _long(before: int, word: str = "પુતિન", tail: str = ".") -> str:
    return " ".join(WORDS[:before] + [word] + WORDS[before:]) + tail


def test_long_sentence_is_cut_at_spaces_around_its_match():
    html = make_snippet(_long(40), terms("પુતિન")).html()
    # 11 words (77 characters) fit in the 80 before the match; the window ends at a space
    assert html == ("…" + " ".join(WORDS[29:40]) + " <mark>પુતિન</mark> "
                    + " ".join(WORDS[40:62]) + "…")


def test_cut_sentence_marks_no_match_outside_its_window():
    text = " ".join(WORDS[:40] + ["પુતિન"] + WORDS[40:80] + ["કિમ"] + WORDS[80:]) + "."
    html = make_snippet(text, terms("પુતિન", "કિમ")).html()
    assert html.count("<mark>") == 1 and "કિમ" not in html and html.endswith(WORDS[61] + "…")


def test_long_sentence_after_another_is_cut_the_same_way():
    html = make_snippet("પહેલું વાક્ય. " + _long(40), terms("પુતિન")).html()
    assert html.startswith("…" + WORDS[29] + " ") and html.endswith(WORDS[61] + "…")


def test_long_sentence_starting_with_its_match_has_no_leading_ellipsis():
    html = make_snippet(_long(0), terms("પુતિન")).html()
    assert html == "<mark>પુતિન</mark> " + " ".join(WORDS[:33]) + "…"


def test_long_sentence_ending_with_its_match_has_no_trailing_ellipsis():
    html = make_snippet(_long(120, tail=""), terms("પુતિન")).html()
    assert html == "…" + " ".join(WORDS[109:]) + " <mark>પુતિન</mark>"


def test_long_sentence_without_a_match_shows_its_start():
    html = make_snippet(" ".join(WORDS) + ".", terms("zzz")).html()
    assert html == " ".join(WORDS[:34]) + "…"


def test_sentence_up_to_the_limit_is_shown_whole():
    """A sentence of up to 240 characters is never cut, wherever its match is."""
    head = " ".join(WORDS[:30]) + " પુતિન"
    sentence = head + "." * (MAX_FRAGMENT_CHARS - len(head))
    html = make_snippet("પહેલું વાક્ય છે. " + sentence, terms("પુતિન")).html()
    assert html == " ".join(WORDS[:30]) + " <mark>પુતિન</mark>" + sentence[len(head):]
    longer = make_snippet("પહેલું વાક્ય છે. " + sentence + ".", terms("પુતિન")).html()
    assert longer.startswith("…")


def test_two_matching_sentences_are_joined_in_text_order():
    text = "કિમ આવ્યા. બીજું વાક્ય. કિમ અને પુતિન મળ્યા. છેલ્લું."
    html = make_snippet(text, terms("કિમ", "પુતિન")).html()
    assert html == "<mark>કિમ</mark> આવ્યા. … <mark>કિમ</mark> અને <mark>પુતિન</mark> મળ્યા."


def test_two_fragments_by_default_and_unmatched_sentences_left_out():
    text = "કિમ એક. કિમ બે. કિમ ત્રણ."
    assert make_snippet(text, terms("કિમ")).html().count("<mark>") == 2
    assert make_snippet("કિમ આવ્યા. બીજું વાક્ય.", terms("કિમ")).html() == "<mark>કિમ</mark> આવ્યા."


def test_more_matches_break_a_tie_of_distinct_words():
    text = "કિમ આવ્યા. કિમ ફરી કિમ મળ્યા."
    html = make_snippet(text, terms("કિમ"), fragments=1).html()
    assert html == "<mark>કિમ</mark> ફરી <mark>કિમ</mark> મળ્યા."


def test_leading_space_of_a_sentence_is_dropped_not_its_first_letter():
    html = make_snippet("પહેલું. બીજું વાક્ય કિમ.", terms("કિમ")).html()
    assert html == "બીજું વાક્ય <mark>કિમ</mark>."


def test_match_at_the_very_end_is_marked():
    assert make_snippet("આજે કિમ અને પુતિન", terms("પુતિન")).html() == \
        "આજે કિમ અને <mark>પુતિન</mark>"


def test_line_end_is_dropped_but_not_other_trailing_text():
    assert make_snippet("કિમ અને MAX \nબીજું.", terms("કિમ")).html() == "<mark>કિમ</mark> અને MAX "


def test_empty_text_gives_an_empty_snippet():
    assert make_snippet("", terms("કિમ")).html() == "" and make_snippet("", set()).pieces == ()


def test_the_lede_wins_over_a_better_match_later():
    """Reading stops after the first 3,000-character chunk with a match."""
    lede = "કિમ આવ્યા. " + "ભરતી વાક્ય અહીં છે. " * 200
    text = lede + "કિમ અને પુતિન મળ્યા."
    assert len(lede) > 3000
    html = make_snippet(text, terms("કિમ", "પુતિન"), fragments=1).html()
    assert html == "<mark>કિમ</mark> આવ્યા."


def test_mark_all_marks_every_match_and_keeps_the_rest():
    from searcher.snippets import mark_all
    assert mark_all("આજે કિમ અને પુતિન મળ્યા", terms("કિમ", "પુતિન")).html() == \
        "આજે <mark>કિમ</mark> અને <mark>પુતિન</mark> મળ્યા"


def test_long_sentence_fitting_the_window_from_its_cut_keeps_its_end():
    """The window (240 characters from its start, WORDS[29]) ends exactly at the full stop."""
    text = " ".join(WORDS[:40] + ["પુતિન"] + WORDS[40:62]) + " છે."
    assert len(text) - 29 * 7 == MAX_FRAGMENT_CHARS
    html = make_snippet(text, terms("પુતિન")).html()
    assert html == ("…" + " ".join(WORDS[29:40]) + " <mark>પુતિન</mark> "
                    + " ".join(WORDS[40:62]) + " છે.")
    longer = make_snippet(text[:-1] + "..", terms("પુતિન")).html()
    assert longer.endswith(WORDS[61] + "…")


def test_long_sentence_without_a_space_before_its_match_is_cut_inside_the_run():
    """84 hyphen-joined characters before the match: the window starts 80 before it."""
    run = "-".join(WORDS[40:52]) + "-"
    text = " ".join(WORDS[:40]) + " " + run + "પુતિન " + " ".join(WORDS[52:]) + "."
    html = make_snippet(text, terms("પુતિન")).html()
    assert html == "…" + run[-80:] + "<mark>પુતિન</mark> " + " ".join(WORDS[52:74]) + "…"


def test_long_sentence_without_spaces_is_cut_at_the_limit():
    text = "પુતિન-" + "-".join(WORDS) + "."
    html = make_snippet(text, terms("પુતિન")).html()
    assert html == "<mark>પુતિન</mark>" + text[5:MAX_FRAGMENT_CHARS] + "…"


def test_a_sentence_ending_in_a_capital_x_keeps_it():
    assert make_snippet("ઇલોન મસ્કની કંપની SpaceX", terms("કંપની")).html() == \
        "ઇલોન મસ્કની <mark>કંપની</mark> SpaceX"
