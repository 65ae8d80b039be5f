import pytest

from searcher.tokenize import spans, words


@pytest.mark.parametrize("text, expected", [
    ("કિમ જોંગ ઉને રશિયાને", ["કિમ", "જોંગ", "ઉને", "રશિયાને"]),
    ("पुतिन ने कहा, “मिसाइलें”।", ["पुतिन", "ने", "कहा", "मिसाइलें"]),
    # vowel signs, virama and nukta stay inside the word (a \w+ pattern splits them)
    ("પ્યોંગયાંગ क़ानून ज़्यादा", ["પ્યોંગયાંગ", "क़ानून", "ज़्यादा"]),
    # script changes split a word: KCNAના is KCNA + ના
    ("KCNAના અહેવાલ", ["KCNA", "ના", "અહેવાલ"]),
    ("", []),
    ("!!! … ।", []),
    ("2025 ૨૦૨૫", ["2025", "૨૦૨૫"]),
])
def test_words(text, expected):
    assert words(text) == expected


def test_offsets_are_python_offsets_after_emoji():
    text = "😀😀 શોઇગુ 🚀 शोइगु"
    found = list(spans(text))
    assert [(s.text, s.start, s.end) for s in found] == [("શોઇગુ", 3, 8), ("शोइगु", 11, 16)]
    assert [text[s.start:s.end] for s in found] == ["શોઇગુ", "शोइगु"]


def test_zero_width_joiner_stays_inside_the_word():
    assert words("ક્\u200dષ અને") == ["ક્\u200dષ", "અને"]


def test_threads_do_not_share_break_iterators():
    from concurrent.futures import ThreadPoolExecutor
    text = "ઉત્તર કોરિયાના નેતા કિમ જોંગ ઉને " * 50
    expected = words(text)
    with ThreadPoolExecutor(4) as pool:
        assert all(r == expected for r in pool.map(words, [text] * 32))
