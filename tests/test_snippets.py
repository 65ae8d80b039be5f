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
    assert mark_all(text, terms("ટાટા")) == "<mark>ટાટા</mark> &amp; સન્સે નવી ફેક્ટરી ખોલી."
    assert mark_all(text, set()) == "ટાટા &amp; સન્સે નવી ફેક્ટરી ખોલી."
