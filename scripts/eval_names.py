"""Measure English-typed names and loanwords through the search engine, on the news corpus.

Each query is an English spelling (``budget``, ``sonia gandhi``) with its Gujarati
and Hindi spellings. An item is relevant when every word of one native spelling
starts a word of it (so inflections count: ભાજપના for ભાજપ) or it holds every
English word as Latin text. Per query: recall over all matches, precision in the
first 10, and whether the first 10 hold both languages when both have items.

    python scripts/eval_names.py                       # builds instance/news once
    python scripts/eval_names.py --index instance/news --only budget bjp

The query list was written before any tuning, from names and loanwords common in
Indian news; spellings were checked against the corpus, never against results.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from searcher.normalize import normalize_token  # noqa: E402
from searcher.querylang import parse  # noqa: E402
from searcher.plan import build_plan  # noqa: E402
from searcher.search import SearchEngine, capped_expander  # noqa: E402
from searcher.tokenize import words  # noqa: E402

SHARED = ROOT.parent / "shared"
#: English spelling; Gujarati spellings; Hindi spellings ("|" between variants).
QUERIES = """
budget	બજેટ	बजट
sonia gandhi	સોનિયા ગાંધી	सोनिया गांधी
rahul gandhi	રાહુલ ગાંધી	राहुल गांधी
amit shah	અમિત શાહ	अमित शाह
modi	મોદી	मोदी
putin	પુતિન	पुतिन
trump	ટ્રમ્પ	ट्रंप|ट्रम्प
biden	બાઇડેન|બાઈડેન|બાઇડન	बाइडेन|बाइडन
zelensky	ઝેલેન્સ્કી	जेलेंस्की|ज़ेलेंस्की
kim jong un	કિમ જોંગ ઉન	किम जोंग उन
imran khan	ઇમરાન ખાન|ઈમરાન ખાન	इमरान खान
kejriwal	કેજરીવાલ	केजरीवाल
nitish kumar	નીતિશ કુમાર	नीतीश कुमार|नितीश कुमार
mamata banerjee	મમતા બેનર્જી	ममता बनर्जी
netanyahu	નેતન્યાહુ|નેતન્યાહૂ	नेतन्याहू
elon musk	ઇલોન મસ્ક|એલોન મસ્ક	एलन मस्क|एलोन मस्क
ambani	અંબાણી	अंबानी
adani	અદાણી	अडानी|अदाणी
virat kohli	વિરાટ કોહલી	विराट कोहली
dhoni	ધોની	धोनी
shah rukh khan	શાહરૂખ ખાન|શાહરુખ ખાન	शाहरुख खान|शाहरूख खान
yogi adityanath	યોગી આદિત્યનાથ	योगी आदित्यनाथ
bangalore	બેંગ્લોર|બેંગલોર|બેંગલુરુ|બેંગ્લુરુ	बेंगलुरु|बैंगलोर|बेंगलूरु
mumbai	મુંબઈ|મુંબઇ	मुंबई
delhi	દિલ્હી	दिल्ली
gujarat	ગુજરાત	गुजरात
ahmedabad	અમદાવાદ	अहमदाबाद
surat	સુરત	सूरत
kolkata	કોલકાતા	कोलकाता
chennai	ચેન્નાઈ|ચેન્નઈ	चेन्नई
hyderabad	હૈદરાબાદ	हैदराबाद
pakistan	પાકિસ્તાન	पाकिस्तान
china	ચીન	चीन
america	અમેરિકા	अमेरिका
ukraine	યુક્રેન	यूक्रेन
moscow	મોસ્કો	मॉस्को|मास्को
london	લંડન	लंदन
dubai	દુબઈ|દુબઇ	दुबई
israel	ઇઝરાયેલ|ઈઝરાયેલ|ઇઝરાયલ	इजरायल|इज़रायल|इसराइल
iran	ઈરાન|ઇરાન	ईरान
japan	જાપાન	जापान
manipur	મણિપુર	मणिपुर
kashmir	કાશ્મીર	कश्मीर
punjab	પંજાબ	पंजाब
bihar	બિહાર	बिहार
rajasthan	રાજસ્થાન	राजस्थान
maharashtra	મહારાષ્ટ્ર	महाराष्ट्र
bjp	ભાજપ|બીજેપી	भाजपा|बीजेपी
congress	કોંગ્રેસ	कांग्रेस
nato	નાટો	नाटो
isro	ઇસરો|ઈસરો	इसरो
google	ગૂગલ	गूगल
facebook	ફેસબુક	फेसबुक
twitter	ટ્વિટર	ट्विटर
whatsapp	વોટ્સએપ|વોટ્સએપ્પ|વૉટ્સએપ	वॉट्सऐप|व्हाट्सएप|व्हाट्सऐप
apple	એપલ	एप्पल|ऐपल
samsung	સેમસંગ	सैमसंग
tata	ટાટા	टाटा
reliance	રિલાયન્સ	रिलायंस
amazon	એમેઝોન	अमेज़न|अमेजन|अमेज़ॅन
youtube	યુટ્યુબ|યૂટ્યૂબ	यूट्यूब
instagram	ઇન્સ્ટાગ્રામ	इंस्टाग्राम
iphone	આઇફોન|આઈફોન	आईफोन|आईफ़ोन
gold	ગોલ્ડ	गोल्ड
share bazar	શેર બજાર	शेयर बाजार|शेयर बाज़ार
rate	રેટ	रेट
tax	ટેક્સ|ટેક્ષ	टैक्स
hero	હીરો	हीरो
mask	માસ્ક	मास्क
police	પોલીસ	पुलिस
hospital	હોસ્પિટલ	हॉस्पिटल|अस्पताल
vaccine	વેક્સિન|વેક્સીન	वैक्सीन
covid	કોવિડ	कोविड
corona	કોરોના	कोरोना
lockdown	લોકડાઉન	लॉकडाउन
cricket	ક્રિકેટ	क्रिकेट
film	ફિલ્મ	फिल्म|फ़िल्म
match	મેચ	मैच
doctor	ડૉક્ટર|ડોક્ટર	डॉक्टर
bank	બેંક	बैंक
video	વીડિયો|વિડિયો|વીડિઓ	वीडियो
mobile	મોબાઇલ|મોબાઈલ	मोबाइल
online	ઓનલાઇન|ઓનલાઈન	ऑनलाइन
company	કંપની	कंपनी
record	રેકોર્ડ	रिकॉर्ड|रिकार्ड
world cup	વર્લ્ડ કપ	वर्ल्ड कप
asia cup	એશિયા કપ	एशिया कप
petrol	પેટ્રોલ	पेट्रोल
diesel	ડીઝલ	डीजल|डीज़ल
missile	મિસાઇલ|મિસાઈલ	मिसाइल
drone	ડ્રોન	ड्रोन
internet	ઇન્ટરનેટ|ઈન્ટરનેટ	इंटरनेट
"""


def read_queries() -> list[tuple[str, dict[str, list[list[str]]]]]:
    """Return (English query, {lang: [spelling as a list of words]}) rows."""
    rows = []
    for line in QUERIES.strip().splitlines():
        english, gu, hi = line.split("\t")
        rows.append((english, {lang: [[normalize_token(w) for w in s.split()] for s in col.split("|")]
                               for lang, col in (("gu", gu), ("hi", hi))}))
    return rows


def read_items(corpus: Path) -> list[tuple[str, str, list[str]]]:
    """Return (id, lang, normalized words) of every item of the corpus."""
    if not corpus.is_file():
        raise SystemExit(f"error: corpus not found: {corpus} (use --corpus PATH)")
    items = []
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            text = f"{item.get('title') or ''}\n{item.get('text') or ''}"
            items.append((str(item["id"]), item.get("lang", ""),
                          [w for w in (normalize_token(t) for t in words(text)) if w]))
    return items


def relevant(items, english: str, spellings: dict[str, list[list[str]]]) -> dict[str, str]:
    """Return id -> lang of the items holding a native spelling (word starts) or the English words."""
    latin = english.lower().split()
    found = {}
    for doc_id, lang, tokens in items:
        vocab = set(tokens)
        if all(word in vocab for word in latin):
            found[doc_id] = lang
            continue
        for spelling in spellings.get(lang, ()):
            if all(any(t.startswith(w) for t in tokens) for w in spelling):
                found[doc_id] = lang
                break
    return found


def matched(engine: SearchEngine, query: str) -> set[str]:
    """Return the ids of every item the engine matches (what ``total`` counts).

    Pages leave out near-duplicates of shown hits (issue 11 part 3), so recall is
    taken over the engine's match set: the same query, expansion and scorer.
    """
    with engine.using() as opened:
        expand = capped_expander(opened.expander())
        scores = opened.engine.scores(build_plan(parse(query), expand))
        return {opened.engine.stored(docnum)["id"] for docnum in scores}


def measure(engine, items, rows) -> list[dict]:
    out = []
    for english, spellings in rows:
        rel = relevant(items, english, spellings)
        ids = matched(engine, english)
        page = engine.search(english, per_page=10)
        total, top = page.total, [(hit.id, hit.lang) for hit in page.results]
        langs_rel = set(rel.values())
        out.append({
            "query": english, "relevant": len(rel), "total": total,
            "recall": (len(ids & rel.keys()) / len(rel)) if rel else 1.0,
            "p10": (sum(doc_id in rel for doc_id, _ in top) / len(top)) if top else 0.0,
            "both": ({"gu", "hi"} <= {lang for _, lang in top}) if langs_rel >= {"gu", "hi"}
            else None,
            "rel_by_lang": {lang: sum(1 for v in rel.values() if v == lang) for lang in ("gu", "hi")},
        })
    return out


def report(rows: list[dict]) -> None:
    print("| query | relevant gu / hi | matches | recall | P@10 | both scripts in top 10 |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        both = "—" if r["both"] is None else ("yes" if r["both"] else "NO")
        print(f"| {r['query']} | {r['rel_by_lang']['gu']} / {r['rel_by_lang']['hi']} | {r['total']} "
              f"| {r['recall']:.2f} | {r['p10']:.1f} | {both} |")
    both = [r["both"] for r in rows if r["both"] is not None]
    recalls = [r["recall"] for r in rows]
    print()
    print(f"queries {len(rows)}; mean recall {statistics.mean(recalls):.3f} "
          f"(min {min(recalls):.2f}; {sum(x < 0.8 for x in recalls)} under 0.80); "
          f"mean P@10 {statistics.mean(r['p10'] for r in rows):.3f}; "
          f"both scripts in top 10 {sum(both)}/{len(both)} = {sum(both) / len(both):.3f}")


def ensure_index(index: Path, corpus: Path) -> None:
    """Build the corpus index once, cached at ``index``."""
    if (index / "current").exists():
        return
    from index.build import build
    print(f"building {index} from {corpus} …", file=sys.stderr)
    build([corpus], index)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "news.jsonl")
    parser.add_argument("--index", type=Path, default=ROOT / "instance" / "news")
    parser.add_argument("--only", nargs="*", help="only these queries")
    args = parser.parse_args(argv)
    ensure_index(args.index, args.corpus)
    rows = [row for row in read_queries() if not args.only or row[0] in args.only]
    items = read_items(args.corpus)
    report(measure(SearchEngine(args.index), items, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
