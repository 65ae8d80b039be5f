#!/usr/bin/env python3
"""Send the costliest requests the limits allow; measure them alone and their effect on others.

    .venv/bin/python scripts/reliability/attack.py [--seconds 30] [--attackers 4]

Builds (or refreshes) the 19,800-item news index, serves it on loopback with the
chosen server (gunicorn, 2 processes of 4 threads, as ``make serve``; or
``--server waitress``), then:

1. alone: each kind of costly request (unknown long words, a 500-letter word,
   32 common words, 16 phrases, 31 exclusions, deep pages with per_page=100,
   one-letter suggestions, did-you-mean bait, the /search page, HEAD) ``--repeat``
   times, one at a time, every query new (random words, so no cache helps);
2. under attack: ``--attackers`` clients loop on the costliest kinds while one
   client asks normal single-word queries (``/api/search?q=modi`` and the like).

Fails when a costly request takes over ``--max-costly-ms`` at p99, the normal
query over ``--max-normal-ms`` at p95, or any response is not 200.
"""
from __future__ import annotations

import http.client
import json
import random
import threading
import time
import urllib.parse
from pathlib import Path

from common import HOST, Outcome, base_parser, build_news_index, command_line, percentile, serving

#: Gujarati consonants, for random words no index holds.
GU_LETTERS = [chr(c) for c in range(0x0A95, 0x0AB9) if chr(c).isalpha()]
HI_LETTERS = [chr(c) for c in range(0x0915, 0x0939) if chr(c).isalpha()]
#: Normal queries: one word each, as most visitors type them.
NORMAL = ["modi", "putin", "trump", "gujarat", "મોદી", "ગુજરાત", "सरकार", "पुलिस"]
#: Words of the query language's limits (searcher.querylang.MAX_WORDS, MAX_QUERY_CHARS).
MAX_WORDS, MAX_CHARS = 32, 500


def main() -> int:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30, help="length of the attack")
    parser.add_argument("--attackers", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=20, help="requests per kind, alone")
    parser.add_argument("--server", choices=["gunicorn", "waitress"], default="gunicorn")
    parser.add_argument("--processes", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per server process")
    parser.add_argument("--max-costly-ms", type=float, default=300)
    parser.add_argument("--max-normal-ms", type=float, default=150)
    parser.add_argument("--index", type=Path, help="index dir (default WORKDIR/news_index)")
    args = parser.parse_args()
    outcome = Outcome("attack", command=command_line())
    index_dir = args.index or args.workdir / "news_index"
    if build_news_index(outcome, index_dir) is None:
        return outcome.finish(args.json)
    common = common_words(index_dir)
    kinds = attack_kinds(common)
    processes = args.processes if args.server == "gunicorn" else 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    with serving(index_dir, threads=args.threads, processes=processes,
                 log=args.workdir / "attack_server.log") as server:
        for kind in kinds.values():                      # warm-up, not counted
            fetch(server.port, *kind(random.Random(0)))
        alone = measure_alone(server.port, kinds, args.repeat, args.seed)
        costliest = sorted(alone, key=lambda k: -alone[k]["p99"])[:4]
        attacked = measure_under_attack(server.port, {k: kinds[k] for k in costliest},
                                        args.attackers, args.seconds, args.seed)
        memory = group_memory(server.process.pid)
    report(outcome, args, alone, costliest, attacked, memory)
    return outcome.finish(args.json)


def common_words(index_dir: Path, count: int = 64) -> list[str]:
    """Return the native words found in most articles (the costliest to read)."""
    from searcher.layout import current_build
    from searcher.layout import SPELLING
    from searcher.served import vocabulary
    from searcher.spelling import SpellIndex
    from searcher.whoosh.engine import WhooshBuild
    build = current_build(index_dir)
    if (build / SPELLING).exists():
        words = dict(SpellIndex.load(build / SPELLING).words())
    else:
        opened = WhooshBuild(build)
        words = vocabulary(opened)
        opened.close()
    native = [w for w in words if not w.isascii() and len(w) > 1]
    return sorted(native, key=lambda w: -words[w])[:count]


def _query(words: list[str]) -> str:
    text = " ".join(words[:MAX_WORDS])
    return text[:MAX_CHARS].rsplit(" ", 1)[0] if len(text) > MAX_CHARS else text


def attack_kinds(common: list[str]) -> dict:
    """Return each kind of costly request: a function of a random generator giving
    ``(method, path)``, a new query each time so that no cache answers it."""
    def search(text, **params):
        return "/api/search?" + urllib.parse.urlencode({"q": text, **params})

    def unknown(rng, letters, length):
        return letters[0] + "".join(rng.choice(letters) for _ in range(length - 1))

    def shuffled(rng, n):
        return rng.sample(common, n)

    def misspelled(rng, word):
        at = rng.randrange(1, len(word))
        return word[:at] + rng.choice(GU_LETTERS + HI_LETTERS) + word[at + 1:]

    return {
        "32 unknown 14-letter words": lambda rng: ("GET", search(_query(
            ["સ" + unknown(rng, GU_LETTERS, 13) for _ in range(MAX_WORDS)]))),
        "one 500-letter word": lambda rng: ("GET", search(unknown(rng, GU_LETTERS, MAX_CHARS))),
        "32 common words": lambda rng: ("GET", search(_query(shuffled(rng, MAX_WORDS)))),
        "32 common words, page 10 of 100": lambda rng: ("GET", search(
            _query(shuffled(rng, MAX_WORDS)), page=10, per_page=100)),
        "one common word, page 10 of 100": lambda rng: ("GET", search(
            rng.choice(common[:8]), page=10, per_page=100)),
        "16 phrases": lambda rng: ("GET", search(_query(
            [f'"{a} {b}"' for a, b in zip(*[iter(shuffled(rng, MAX_WORDS))] * 2)]))),
        "31 exclusions": lambda rng: ("GET", search(_query(
            [rng.choice(common[:8])] + ["-" + w for w in shuffled(rng, MAX_WORDS - 1)]))),
        "did-you-mean bait (32 misspelled words)": lambda rng: ("GET", search(_query(
            [misspelled(rng, w) for w in shuffled(rng, MAX_WORDS)]))),
        "32 Latin words": lambda rng: ("GET", search(_query(
            rng.choices(["modi", "putin", "trump", "gujarat", "sarkar", "corona", "police",
                         "delhi", "congress", "bjp"], k=MAX_WORDS)))),
        "one-letter suggestion": lambda rng: ("GET", "/api/suggest?" + urllib.parse.urlencode(
            {"q": rng.choice(GU_LETTERS + HI_LETTERS + list("abcdefghijklmnoprstuvw"))})),
        "/search page, 32 common words, 100 a page": lambda rng: ("GET", "/search?" +
            urllib.parse.urlencode({"q": _query(shuffled(rng, MAX_WORDS)), "per_page": 100})),
        "HEAD /search, 32 unknown words": lambda rng: ("HEAD", "/search?" + urllib.parse.urlencode(
            {"q": _query(["સ" + unknown(rng, GU_LETTERS, 13) for _ in range(MAX_WORDS)])})),
    }


def fetch(port: int, method: str, path: str, conn=None) -> tuple[int, float, bytes]:
    """Send one request; return its status (0: connection error), seconds and body."""
    own = conn is None
    conn = conn or http.client.HTTPConnection(HOST, port, timeout=60)
    started = time.monotonic()
    try:
        conn.request(method, path)
        response = conn.getresponse()
        status, body = response.status, response.read()
    except (OSError, http.client.HTTPException):
        status, body = 0, b""
        conn.close()
    finally:
        if own:
            conn.close()
    return status, time.monotonic() - started, body


def _summary(times: list[float], statuses: list[int], cut: int = 0) -> dict:
    ms = sorted(t * 1000 for t in times)
    return {"n": len(ms), "p50": round(percentile(ms, .5), 1), "p95": round(percentile(ms, .95), 1),
            "p99": round(percentile(ms, .99), 1), "max": round(ms[-1], 1) if ms else None,
            "errors": sum(s != 200 for s in statuses), "stopped at deadline": cut}


def measure_alone(port: int, kinds: dict, repeat: int, seed: int) -> dict:
    rng = random.Random(seed)
    found = {}
    for name, kind in kinds.items():
        times, statuses, cut = [], [], 0
        for _ in range(repeat):
            status, seconds, body = fetch(port, *kind(rng))
            times.append(seconds)
            statuses.append(status)
            cut += b"time limit" in body
        found[name] = _summary(times, statuses, cut)
        print(f"alone: {name}: {found[name]}", flush=True)
    return found


def measure_under_attack(port: int, kinds: dict, attackers: int, seconds: float,
                         seed: int) -> dict:
    """Loop ``attackers`` clients on ``kinds`` while one client asks normal queries."""
    stop = threading.Event()
    lock = threading.Lock()
    attack_times, attack_statuses, normal_times, normal_statuses = [], [], [], []

    def attacker(number: int) -> None:
        rng = random.Random(seed * 100 + number)
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        names = list(kinds)
        while not stop.is_set():
            status, took, _ = fetch(port, *kinds[rng.choice(names)](rng), conn=conn)
            if status == 0:
                conn = http.client.HTTPConnection(HOST, port, timeout=60)
            with lock:
                attack_times.append(took)
                attack_statuses.append(status)
        conn.close()

    threads = [threading.Thread(target=attacker, args=(n,), daemon=True) for n in range(attackers)]
    for thread in threads:
        thread.start()
    time.sleep(1)                      # let the attack reach its pace
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        path = "/api/search?" + urllib.parse.urlencode({"q": rng.choice(NORMAL)})
        status, took, _ = fetch(port, "GET", path, conn=conn)
        if status == 0:
            conn = http.client.HTTPConnection(HOST, port, timeout=60)
        normal_times.append(took)
        normal_statuses.append(status)
    stop.set()
    for thread in threads:
        thread.join(timeout=90)
    conn.close()
    return {"normal query": _summary(normal_times, normal_statuses),
            "costly requests": _summary(attack_times, attack_statuses),
            "seconds": seconds, "attack requests/s": round(len(attack_times) / seconds, 1)}


def group_memory(pid: int) -> dict:
    """Return the resident and proportional memory of the server and its worker processes."""
    pids = [pid]
    try:
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    rss = pss = 0
    for each in pids:
        try:
            for line in open(f"/proc/{each}/smaps_rollup"):
                key, _, value = line.partition(":")
                if key == "Rss":
                    rss += int(value.split()[0])
                elif key == "Pss":
                    pss += int(value.split()[0])
        except OSError:
            pass
    return {"processes": len(pids), "rss_mb": round(rss / 1024, 1), "pss_mb": round(pss / 1024, 1)}


def report(outcome: Outcome, args, alone: dict, costliest: list[str], attacked: dict,
           memory: dict) -> None:
    for name, row in alone.items():
        outcome.check(row["errors"] == 0, f"{name}: {row['errors']} responses not 200")
        outcome.check(row["p99"] <= args.max_costly_ms,
                      f"{name}: p99 {row['p99']} ms alone, over {args.max_costly_ms} ms")
    normal = attacked["normal query"]
    outcome.check(normal["errors"] == 0 and attacked["costly requests"]["errors"] == 0,
                  f"errors under attack: {normal['errors']} normal, "
                  f"{attacked['costly requests']['errors']} costly")
    outcome.check(normal["p95"] <= args.max_normal_ms,
                  f"normal query p95 {normal['p95']} ms under attack, over {args.max_normal_ms} ms")
    server = (f"gunicorn, {args.processes} processes x {args.threads} threads"
              if args.server == "gunicorn" else f"waitress, {args.threads} threads")
    outcome.numbers.update({
        "server": server, "attackers": args.attackers, "attack seconds": args.seconds,
        "requests per kind alone": args.repeat,
        "costliest kinds (looped by the attackers)": costliest,
        "normal query under attack, ms": json.dumps(normal, ensure_ascii=False),
        "costly requests under attack, ms": json.dumps(attacked["costly requests"],
                                                       ensure_ascii=False),
        "costly requests/s under attack": attacked["attack requests/s"],
        "server memory at end (all processes), MB": json.dumps(memory),
        "latency alone by kind, ms": alone})


if __name__ == "__main__":
    raise SystemExit(main())
