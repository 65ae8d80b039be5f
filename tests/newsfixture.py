"""A small news collection beside the bundled pages: headline items, dates, outlets.

Made by the tests themselves (dates relative to today, so "past week" has
something in it) in the shape of ``../shared/corpus/news.jsonl``; it never
reads that file. Each item stands for one kind the corpus holds.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from index.build import build

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"

LONG_LEDE = ("लेकिन मीडिया रिपोर्टों के मुताबिक रूस के राष्ट्रपति व्लादिमीर पुतिन की उम्मीदवारी "
             "सबसे मज़बूत मानी जा रही है और इस बार ये सवाल उभर रहा है कि यदि वे चुनाव जीत जाते हैं "
             "तो वो किन मायनों में अलग साबित होंगे.")


def items(today: date) -> list[dict]:
    """Return the collection's items, dated back from ``today``."""
    def day(back: int) -> str:
        return (today - timedelta(days=back)).isoformat() + "T10:00:00.000Z"
    zee = "https://zeenews.india.com/gujarati/world/story-"
    return [
        # headline-only, dated, with a URL, escaped twice as the zeenews titles are
        {"id": "zee-1", "lang": "gu", "title": "પુતિનના 2 &amp;#039;સિક્રેટ બાળકો&amp;#039;! જાણો",
         "text": "", "url": zee + "1", "published": day(2), "source": "zeenews-gujarati"},
        {"id": "zee-2", "lang": "gu", "title": "પુતિન અને ટ્રમ્પ વચ્ચે ફોન પર વાત",
         "text": "", "url": zee + "2", "published": day(20), "source": "zeenews-gujarati"},
        {"id": "zee-3", "lang": "gu", "title": "પુતિનનો ભારત પ્રવાસ નક્કી",
         "text": "", "url": zee + "3", "published": day(200), "source": "zeenews-gujarati"},
        # headline-only, undated, a collection label and no URL
        {"id": "l3-1", "lang": "gu", "title": "પુતિનનો યુક્રેન પર નવો આદેશ", "text": "",
         "source": "l3cube-headlines"},
        {"id": "l3-2", "lang": "hi", "title": "पुतिन ने मोदी से फोन पर बात की", "text": "",
         "source": "l3cube-headlines"},
        {"id": "l3-3", "lang": "hi", "title": "पुतिन की चेतावनी, पश्चिम सावधान रहे", "text": "",
         "source": "l3cube-headlines"},
        # no title: its first sentence stands in for one, far too long for a list
        {"id": "bbc-1", "lang": "hi", "title": "", "source": "bbc-hindi",
         "text": LONG_LEDE + "\n\nउन्होंने कहा कि पुतिन पर सबकी नज़र है."},
        # markup in a title, escaped in the source: shown as text, never run
        {"id": "hostile-1", "lang": "hi", "title": "&lt;script&gt;alert(1)&lt;/script&gt; मोदी",
         "text": "", "source": "l3cube-headlines"},
        {"id": "modi-1", "lang": "gu", "title": "મોદી ગુજરાત પ્રવાસે", "text": "",
         "url": zee + "4", "published": day(3), "source": "zeenews-gujarati"},
    ]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    """Write ``rows`` as a JSON Lines source file (UTF-8, no ``\\u`` escapes); return ``path``."""
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), "utf-8")
    return path


def news_sources(tmp_path_factory, today: date | None = None) -> list[Path]:
    """Return the bundled pages and this collection, written as JSON Lines."""
    return [ARTICLES, write_jsonl(tmp_path_factory.mktemp("news") / "news.jsonl",
                                  items(today or utc_today()))]


def build_news_index(tmp_path_factory, today: date | None = None) -> Path:
    """Build the bundled pages plus this collection into a new index; return its directory."""
    index_dir = tmp_path_factory.mktemp("news-index")
    report = build(news_sources(tmp_path_factory, today), index_dir)
    assert report.indexed == 5 + len(items(utc_today())) and not report.skipped
    return index_dir


def utc_today() -> date:
    """Return today's date in UTC, the date the page's shortcuts count back from."""
    return datetime.now(timezone.utc).date()
