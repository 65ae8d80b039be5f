"""Tests for index.metadata: dates, headlines and source sites read off page lines."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index import metadata


@pytest.mark.parametrize("line, iso", [
    # English month names, time before or after, zone when stated (004's byline first).
    ("12:44 PM Jul 14, 2025 IST | revoi editor", "2025-07-14T12:44:00+05:30"),
    ("Published on July 14, 2025 at 9:05 am IST", "2025-07-14T09:05:00+05:30"),
    ("14 July 2025, 12:44 AM", "2025-07-14T00:44:00"),
    ("Updated: 3rd Sept 2024 18:30 GMT+5:30", "2024-09-03T18:30:00+05:30"),
    ("Sep 3, 2024 06:00 UTC", "2024-09-03T06:00:00+00:00"),
    ("Dec 31, 2024 11:59 PM +05:30", "2024-12-31T23:59:00+05:30"),
    # Hindi and Gujarati month names, native digits.
    ("प्रकाशित: 20 जुलाई 2025, 06:15 PM IST", "2025-07-20T18:15:00+05:30"),
    ("अपडेटेड: 5 फ़रवरी 2025", "2025-02-05"),
    ("१२ सितम्बर २०२४", "2024-09-12"),
    ("અપડેટેડ: ૧૪ જુલાઈ, ૨૦૨૫", "2025-07-14"),
    ("૧ ઑક્ટોબર ૨૦૨૩ ૧૦:૩૦ AM IST", "2023-10-01T10:30:00+05:30"),
    # Numeric dates: ISO, and day first as Indian papers print them.
    ("2025-07-14 12:44", "2025-07-14T12:44:00"),
    ("14/07/2025", "2025-07-14"),
    ("14.07.2025 | 10:00 IST", "2025-07-14T10:00:00+05:30"),
    ("૧૪-૦૭-૨૦૨૫", "2025-07-14"),
])
def test_find_date(line, iso):
    assert metadata.find_date(line).iso == iso


@pytest.mark.parametrize("line", [
    "KCNA એ બુધવારે (11 જૂન) જણાવ્યું",         # no year: 000 names a day, not a publication date
    "केसीएनए ने बुधवार (11 जून) को बताया",
    "31/02/2025",                                # no such day
    "2024 માં, 100 બેલિસ્ટિક મિસાઇલો",
    "11,000 થી વધુ સૈનિકો",
    "Revolution of July 1789",                  # no day
    "",
])
def test_find_date_finds_no_date(line):
    assert metadata.find_date(line) is None


def test_time_out_of_range_keeps_only_the_day():
    assert metadata.find_date("Jul 14, 2025 25:61").iso == "2025-07-14"


@pytest.mark.parametrize("line, words, expected", [
    ("કિમ જોંગ ઉનની રશિયાના યુદ્ધમાં સહાયની પ્રતિબદ્ધતા", 6, True),
    ("क्या पुतिन एयरबेस हमले का बदला ले रहे हैं?", 8, True),
    ("‘मेरे प्यारे कॉमरेड व्लादिमीर’, किम जोंग उन का पुतिन को संदेश", 11, True),
    ("उत्तर कोरियाई नेता लगातार रूस का समर्थन करते रहे हैं.", 9, False),
    ("ઉત્તર કોરિયા રશિયા સાથે ઊભું છે।", 6, False),
    ("राजनीति", 1, False),
])
def test_is_headline(line, words, expected):
    assert metadata.is_headline(line, words) is expected


@pytest.mark.parametrize("line, expected", [
    ("North Korean leader Kim Jong-un meets Russian defense minister on 'military cooperation'", True),
    ("Connect with us", False),
    ("12:44 PM Jul 14, 2025 IST | revoi editor", False),
    ("https://m.revoi.in/gujarati/kim-jong-un-russia", False),
])
def test_is_english_headline(line, expected):
    assert metadata.is_english_headline(line) is expected


@pytest.mark.parametrize("line, ends, cut", [
    ("તેમણે ટેકો આપ્યો.", True, False),
    ("उन्होंने कहा, ‘हम साथ हैं।’", True, False),
    ("શું પુતિન બદલો લઈ રહ્યા છે?", True, False),
    ("वहीं, वास्तु शास्त्र के अनुसार, सावन के इन शुभ दिनों में दीपक जलाना...", False, True),
    ("રાજકોટ એરપોર્ટ પર મુસાફરોની સંખ્યા…", False, True),
    ("उन्होंने कहा. फिर चुप हो गए...", False, False),
    ("બંને દેશોના સંબંધો", False, False),
])
def test_sentence_ends_and_cut_teasers(line, ends, cut):
    assert (metadata.ends_sentence(line), metadata.is_truncated(line)) == (ends, cut)


@pytest.mark.parametrize("lines, site", [
    (["For the best experience, open", "https://m.revoi.in", "on your mobile browser."], "revoi.in"),
    (["12:44 PM Jul 14, 2025 IST | revoi editor"], "revoi.in"),
    (["https://www.divyabhaskar.example/gujarat"], "divyabhaskar.example"),
    (["https://amp.hindi.example.com/desh"], "hindi.example.com"),
    (["Share on https://www.facebook.com/news", "https://x.com/news"], None),
    (["Advertisement", "Connect with us"], None),
    ([], None),
])
def test_find_source(lines, site):
    assert metadata.find_source(lines) == site


@pytest.mark.parametrize("text, title", [
    ("કિમે પુતિનને સંદેશ મોકલ્યો. બીજું વાક્ય.", "કિમે પુતિનને સંદેશ મોકલ્યો."),
    ("किम ने कहा। दूसरा वाक्य।\nअगली पंक्ति", "किम ने कहा।"),
    ("बिना विराम का शीर्षक", "बिना विराम का शीर्षक"),
    (" ".join(["शब्द"] * 40) + "।", " ".join(["शब्द"] * 30) + " …"),
])
def test_lede(text, title):
    assert metadata.lede(text) == title


def test_tables_load_in_nfc_with_every_month():
    tables = metadata.date_tables()
    assert set(tables.months.values()) == set(range(1, 13))
    assert tables.zones["IST"] == "+05:30"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_readers_never_raise(text):
    found = metadata.find_date(text)
    assert found is None or 0 <= found.start < found.end <= len(text)
    metadata.is_headline(text, len(text.split()))
    metadata.is_english_headline(text)
    metadata.is_truncated(text)
    metadata.lede(text)
    metadata.find_source([text])
