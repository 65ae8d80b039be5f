"""The checks of probe_mapping.py: each returns ``(passed, lines to print)``.

Every expected answer comes from ``Reference``, which evaluates a parsed query on
our own aligned forms in Python; OpenSearch's answer is compared with it.
"""
from __future__ import annotations

import threading
import time
from collections import Counter

from opensearchpy import helpers
from opensearchpy.exceptions import RequestError, TransportError

from searcher.opensearch import aligned
from index.sources import Document
from searcher import languages
from searcher.analysis import KINDS, term_positions
from searcher.expand import expand_word
from searcher.lexicon import Lexicon
from searcher.querylang import Clause, Query, parse

ALIAS = "probe-articles"
#: Bulk requests of this many documents (well under the 100 MB request limit).
BULK_DOCS = 500
#: Lucene's default limit on the clauses of one query (indices.query.bool.max_clause_count).
MAX_CLAUSES = 1024
#: Most hits one probe query may have (OpenSearch's index.max_result_window).
MAX_IDS = 10_000
#: Seconds between the alias reader's requests (enough to see the switch, not a load test).
READ_EVERY = 0.01
#: The default count OpenSearch stops at without track_total_hits.
DEFAULT_TOTAL_LIMIT = 10_000


class Reference:
    """Which documents a parsed query matches, evaluated on our aligned forms in Python."""

    def __init__(self, analysed: dict[str, dict], docs: dict[str, Document], expand):
        self.analysed, self.docs, self.expand = analysed, docs, expand
        self.present = {doc_id: [{kind: set(column) for kind, column in columns.items()}
                                 for columns in parts.values()]
                        for doc_id, parts in analysed.items()}

    def ids(self, parsed: Query) -> set[str]:
        self._wanted: dict[tuple[str, ...], list[dict]] = {}
        return {doc_id for doc_id in self.docs if self._matches(doc_id, parsed)}

    def _matches(self, doc_id: str, parsed: Query) -> bool:
        doc = self.docs[doc_id]
        if any(getattr(doc, name, None) != value for name, value in parsed.filters.items()):
            return False
        if any(self._clause(doc_id, clause) for clause in parsed.excluded):
            return False
        return bool(parsed.groups) and all(
            any(self._clause(doc_id, clause) for clause in group) for group in parsed.groups)

    def _clause(self, doc_id: str, clause: Clause) -> bool:
        per_word = self._wanted.get(clause.words)
        if per_word is None:
            per_word = [aligned.targets(alts) for alts in map(self.expand, clause.words) if alts]
            self._wanted[clause.words] = per_word
        if not per_word:
            return False
        present = self.present[doc_id]
        if clause.phrase and len(per_word) > 1:
            return (all(any(any(f in sets[k] for k, f in word) for sets in present) for word in per_word)
                    and any(_phrase_at(columns, per_word) for columns in self.analysed[doc_id].values()))
        return all(any(any(form in sets[kind] for kind, form in word) for sets in present)
                   for word in per_word)


def _phrase_at(columns: dict[str, list[str]], per_word: list[dict]) -> bool:
    length = len(columns[KINDS[0].name])
    return any(all(any(columns[kind][start + i] == form for kind, form in word)
                   for i, word in enumerate(per_word))
               for start in range(length - len(per_word) + 1))


class Probe:
    """The node, the documents, their analysis, and the probe's indices."""

    def __init__(self, client, bundled: list[Document], corpus: list[Document]):
        self.client, self.bundled, self.corpus = client, bundled, corpus
        self.analysed = {doc.id: aligned.analyse(doc) for doc in bundled}
        self.indices: list[str] = []
        self.lexicon = Lexicon(_native_words(self.analysed))
        self.feed_seconds: dict[str, float] = {}
        self.vocabulary: dict[str, set[str]] = {kind.name: set() for kind in KINDS}

    def query(self, text: str, combine: str = "bool") -> dict:
        """Return the OpenSearch query of ``text``, pruned to the forms the index holds."""
        return aligned.build_query(parse(text), self.expand, combine, self.vocabulary)

    def expand(self, word: str):
        return expand_word(word, self.lexicon)

    def reference(self, docs: list[Document]) -> Reference:
        return Reference({d.id: self.analysed[d.id] for d in docs}, {d.id: d for d in docs}, self.expand)

    def create(self, name: str, docs: list[Document], shards: int = 1, replicas: int = 0) -> int:
        """Create index ``name`` and bulk-load ``docs`` into it; return the count it holds."""
        body = aligned.index_body(shards=shards, replicas=replicas)
        body["settings"]["refresh_interval"] = "-1"          # no refreshes while loading
        self.client.indices.create(index=name, body=body)
        self.indices.append(name)
        started = time.perf_counter()
        for doc in docs:
            if doc.id not in self.analysed:
                self.analysed[doc.id] = aligned.analyse(doc)
            for columns in self.analysed[doc.id].values():
                for kind, column in columns.items():
                    self.vocabulary[kind].update(column)
        analysed_at, node_cpu = time.perf_counter(), self.node_cpu_seconds()
        sources = (aligned.document_source(doc, self.analysed[doc.id]) for doc in docs)
        helpers.bulk(self.client, aligned.bulk_actions(name, sources), chunk_size=BULK_DOCS)
        self.client.indices.put_settings(index=name, body={"refresh_interval": "1s"})
        self.client.indices.refresh(index=name)
        self.feed_seconds[name] = (analysed_at - started, time.perf_counter() - analysed_at,
                                   self.node_cpu_seconds() - node_cpu)
        return self.client.count(index=name)["count"]

    def node_cpu_seconds(self) -> float:
        """Return the CPU time all nodes have used since they started (load-independent cost)."""
        nodes = self.client.nodes.stats(metric="process")["nodes"].values()
        return sum(node["process"]["cpu"]["total_in_millis"] for node in nodes) / 1000

    def ids(self, query: dict, index: str = ALIAS) -> set[str]:
        response = self.client.search(index=index, body={
            "query": query, "size": MAX_IDS, "_source": False, "track_total_hits": True})
        if response["hits"]["total"]["value"] > MAX_IDS:
            raise ValueError(f"more than {MAX_IDS} hits: pick a rarer probe query")
        return {hit["_id"] for hit in response["hits"]["hits"]}

    def behind(self) -> list[Document]:
        """Return the documents behind the alias now: the bundled ones, or all after the switch."""
        behind = self.client.indices.get_alias(name=ALIAS)
        if "probe-v2" in behind and self.corpus:
            seen = {d.id for d in self.bundled}
            return self.bundled + [d for d in self.corpus if d.id not in seen]
        return self.bundled

    def remove_indices(self) -> None:
        for name in self.indices:
            self.client.indices.delete(index=name, ignore=[404])


def _native_words(analysed: dict[str, dict]) -> dict[str, int]:
    """Return the native words of the documents with their document frequencies."""
    counts: Counter = Counter()
    for parts in analysed.values():
        words = {w for columns in parts.values() for w in columns["word"]}
        counts.update(w for w in words if languages.language_of_char(w[0]))
    return dict(counts)


def check_bare(probe: Probe) -> tuple[bool, list[str]]:
    """the zip is bare: no plugins, no ICU or analysis-common; the built-in whitespace analyzer works"""
    plugins = probe.client.cat.plugins(format="json")
    lines = [f"plugins installed: {[p['component'] for p in plugins] or 'none'}"]
    available = {}
    for label, body in (("analyzer whitespace", {"analyzer": "whitespace"}),
                        ("analyzer keyword", {"analyzer": "keyword"}),
                        ("analyzer standard", {"analyzer": "standard"}),
                        ("tokenizer standard", {"tokenizer": "standard"}),
                        ("tokenizer whitespace", {"tokenizer": "whitespace"}),
                        ("tokenizer icu_tokenizer", {"tokenizer": "icu_tokenizer"}),
                        ("filter lowercase", {"tokenizer": "standard", "filter": ["lowercase"]}),
                        ("filter stemmer", {"tokenizer": "standard", "filter": [{"type": "stemmer"}]}),
                        ("filter synonym", {"tokenizer": "standard",
                                            "filter": [{"type": "synonym", "synonyms": ["a, b"]}]})):
        try:
            probe.client.indices.analyze(body={**body, "text": "કિમ જોંગ ઉને"})
            available[label] = True
        except RequestError as error:
            available[label] = False
            lines.append(f"{label}: unavailable ({str(error.info['error']['reason'])[:70]})")
    lines.insert(1, "available: " + ", ".join(k for k, ok in available.items() if ok))
    ok = available["analyzer whitespace"] and not available["tokenizer icu_tokenizer"]
    return ok, lines


def check_alignment(probe: Probe) -> tuple[bool, list[str]]:
    """every field holds word N at position N (term vectors equal our analysis)"""
    probe.create("probe-v1", probe.bundled)
    probe.client.indices.put_alias(index="probe-v1", name=ALIAS)
    fields = [f"{part}.{kind.name}" for part in aligned.PARTS for kind in KINDS]
    compared, wrong = 0, []
    for doc in probe.bundled:
        vectors = probe.client.termvectors(index="probe-v1", id=doc.id, body={
            "fields": fields, "positions": True, "offsets": False, "term_statistics": False,
            "field_statistics": False})["term_vectors"]
        for field in fields:
            part, kind = field.split(".")
            ours: dict[str, list[int]] = {}
            for position, form in enumerate(probe.analysed[doc.id][part][kind]):
                ours.setdefault(form, []).append(position)
            theirs = {term: [t["position"] for t in info["tokens"]]
                      for term, info in vectors.get(field, {}).get("terms", {}).items()}
            compared += sum(map(len, ours.values()))
            if ours != theirs:
                wrong.append(f"{doc.id} {field}")
        # The word field is exactly the Whoosh index's unprefixed terms, at the same positions.
        whoosh = {t: p for t, p in term_positions(doc.text).items()
                  if not any(t.startswith(k.prefix) for k in KINDS[1:])}
        theirs = {term: [t["position"] for t in info["tokens"]]
                  for term, info in vectors["body.word"]["terms"].items()}
        if whoosh != theirs:
            wrong.append(f"{doc.id} body.word vs term_positions")
    lines = [f"{len(probe.bundled)} articles, {compared} (form, position) pairs compared in {len(fields)} fields"]
    return not wrong, lines + [f"differs: {w}" for w in wrong[:10]]


def _leaves(query) -> int:
    """Count the term and span_term clauses of a query (what Lucene's 1,024 limit counts)."""
    if isinstance(query, list):
        return sum(map(_leaves, query))
    if isinstance(query, dict):
        return ("term" in query or "span_term" in query) + sum(map(_leaves, query.values()))
    return 0


def _refusal(probe: Probe, query: dict) -> str:
    try:
        probe.ids(query)
    except TransportError as error:
        return f"refused ({str(error.info['error']['reason'])[:60]})"
    return "answered"


def _hits_line(probe: Probe, text: str, ids: set[str], docs: dict) -> str:
    langs = Counter(docs[i].lang for i in ids)
    return f"{text!r}: {len(ids)} hits {dict(sorted(langs.items()))}"


def check_words(probe: Probe) -> tuple[bool, list[str]]:
    """a query word (bool or dis_max of term queries, kind weights as boosts) finds it across scripts"""
    behind = probe.behind()
    reference, docs = probe.reference(behind), {d.id: d for d in behind}
    ok, crossed, lines = True, [], [f"on the {len(behind)} documents behind the alias"]
    for text in ("पुतिन", "કિમ", "putin", "shoigu", "मिसाइल", "રશિયા", "kcna"):
        parsed = parse(text)
        expected = reference.ids(parsed)
        got = {mode: probe.ids(probe.query(text, mode))
               for mode in ("bool", "dis_max")}
        same = got["bool"] == got["dis_max"] == expected
        ok &= same
        script = languages.language_of_char(text[0]) or "latin"
        if any(docs[i].lang != script for i in got["bool"]):
            crossed.append(text)
        lines.append(_hits_line(probe, text, got["bool"], docs)
                     + ("" if same else f" EXPECTED {sorted(expected)} dis_max {sorted(got['dis_max'])}"))
    top = probe.client.search(index=ALIAS, body={
        "query": probe.query("પુતિન"), "size": 5, "_source": ["lang"]})
    lines.append("ranking of 'પુતિન': " + ", ".join(
        f"{h['_source']['lang']} {h['_score']:.2f}" for h in top["hits"]["hits"]))
    lines.append(f"found in another script than typed: {crossed}")
    return ok and bool(crossed), lines


def check_phrases(probe: Probe) -> tuple[bool, list[str]]:
    """a phrase across kinds (span_near of span_or of span_field_masking) matches in both languages"""
    behind = probe.behind()
    reference, docs = probe.reference(behind), {d.id: d for d in behind}
    ok, lines = True, [f"on the {len(behind)} documents behind the alias"]
    for text, both in (('"kim jong un"', True), ('"કિમ જોંગ ઉન"', True), ('"किम जोंग उन"', True),
                       ('"un jong kim"', False), ('"પુતિન કિમ"', False)):
        parsed = parse(text)
        expected = reference.ids(parsed)
        got = probe.ids(probe.query(text))
        clauses = _leaves(probe.query(text))
        langs = {docs[i].lang for i in got}
        good = got == expected and (not both or langs == {"gu", "hi"})
        ok &= good
        lines.append(_hits_line(probe, text, got, docs) + f", {clauses} term clauses"
                     + ("" if good else f" EXPECTED {sorted(expected)}"))
        unpruned = aligned.build_query(parsed, probe.expand)
        if _leaves(unpruned) > MAX_CLAUSES:
            lines.append(f"  without pruning to the index's forms: {_leaves(unpruned)} clauses: "
                         + _refusal(probe, unpruned))
    return ok, lines


def _count_while(probe: Probe, stop: threading.Event, seen: Counter, errors: list) -> None:
    while not stop.is_set():
        try:
            seen[probe.client.count(index=ALIAS)["count"]] += 1
        except Exception as error:          # noqa: BLE001 - any failure is what we look for
            errors.append(repr(error)[:120])
        stop.wait(READ_EVERY)


def check_alias_switch(probe: Probe) -> tuple[bool, list[str]]:
    """a new index by bulk requests, then one _aliases remove+add: readers never see a gap"""
    docs = probe.bundled + [d for d in probe.corpus if d.id not in probe.analysed] if probe.corpus \
        else probe.bundled
    seen, errors, stop = Counter(), [], threading.Event()
    reader = threading.Thread(target=_count_while, args=(probe, stop, seen, errors))
    reader.start()
    try:
        new_count = probe.create("probe-v2", docs, shards=2)
        probe.lexicon = Lexicon(_native_words(probe.analysed))   # as a build would rebuild it
        time.sleep(0.3)
        probe.client.indices.update_aliases(body={"actions": [
            {"remove": {"index": "probe-v1", "alias": ALIAS}},
            {"add": {"index": "probe-v2", "alias": ALIAS}}]})
        time.sleep(0.3)
    finally:
        stop.set()
        reader.join()
    behind = sorted(probe.client.indices.get_alias(name=ALIAS))
    probe.client.indices.delete(index="probe-v1")
    analyse_s, bulk_s, node_cpu_s = probe.feed_seconds["probe-v2"]
    old_count = len(probe.bundled)
    lines = [f"probe-v2: {new_count} documents, 2 primary shards; analysis {analyse_s:.1f} s, "
             f"bulk+refresh {bulk_s:.1f} s ({new_count / max(bulk_s, 1e-9):.0f} docs/s; "
             f"node CPU {node_cpu_s:.1f} s, {new_count / max(node_cpu_s, 1e-9):.0f} docs per CPU s)",
             f"counts seen through the alias while switching: {dict(seen)} ({sum(seen.values())} requests)",
             f"alias now on: {behind}; probe-v1 deleted; reader errors: {errors[:3] or 'none'}"]
    ok = (new_count == len(docs) and behind == ["probe-v2"] and not errors
          and set(seen) <= {old_count, new_count} and new_count in seen)
    return ok, lines


def check_facets(probe: Probe) -> tuple[bool, list[str]]:
    """terms aggregations count lang and source (all documents and one query) as Python does"""
    docs = [probe.behind()]
    all_docs = docs[0]
    ok, lines = True, []
    for text in ("", "કિમ"):
        query = probe.query(text) if text else {"match_all": {}}
        ids = probe.reference(all_docs).ids(parse(text)) if text else {d.id for d in all_docs}
        chosen = [d for d in all_docs if d.id in ids]
        response = probe.client.search(index=ALIAS, body={
            "query": query, "size": 0, "track_total_hits": True,
            "aggs": {name: {"terms": {"field": name, "size": 100}} for name in ("lang", "source")}})
        for name in ("lang", "source"):
            theirs = {b["key"]: b["doc_count"] for b in response["aggregations"][name]["buckets"]}
            ours = Counter(getattr(d, name) for d in chosen if getattr(d, name))
            top = dict(sorted(theirs.items(), key=lambda kv: -kv[1])[:4])
            good = theirs == dict(ours) if len(ours) <= 100 else all(ours[k] == v for k, v in theirs.items())
            ok &= good
            lines.append(f"{text or 'all'!r} {name}: {len(theirs)} buckets, top {top}"
                         + ("" if good else " DIFFERS"))
    return ok, lines


def check_totals(probe: Probe) -> tuple[bool, list[str]]:
    """totals are exact with track_total_hits: true (the default stops at 10,000)"""
    all_docs = probe.behind()
    ok, lines = True, []
    for text in ("", "lang:gu"):
        query = {"bool": {"filter": [{"term": {"lang": "gu"}}]}} if text else {"match_all": {}}
        expected = sum(1 for d in all_docs if not text or d.lang == "gu")
        exact = probe.client.search(index=ALIAS, body={"query": query, "size": 0, "track_total_hits": True})
        default = probe.client.search(index=ALIAS, body={"query": query, "size": 0})
        total, capped = exact["hits"]["total"], default["hits"]["total"]
        ok &= total == {"value": expected, "relation": "eq"}
        lines.append(f"{text or 'all'!r}: track_total_hits=true {total}; default {capped}; Python {expected}")
    if len(all_docs) <= DEFAULT_TOTAL_LIMIT:
        lines.append(f"only {len(all_docs)} documents: give --corpus to pass the 10,000 default")
    return ok, lines


def check_words_after(probe: Probe) -> tuple[bool, list[str]]:
    """after the switch: the same words, answered on every document behind the alias"""
    return check_words(probe)


def check_phrases_after(probe: Probe) -> tuple[bool, list[str]]:
    """after the switch: the same phrases, answered on every document behind the alias"""
    return check_phrases(probe)


CHECKS = (check_bare, check_alignment, check_words, check_phrases, check_alias_switch,
          check_words_after, check_phrases_after, check_facets, check_totals)
