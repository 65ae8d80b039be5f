"""A bounded HTTP load generator for the loopback server: client threads, a query mix, stats.

Each client thread keeps one HTTP/1.1 connection (reopened after an error), picks
requests from a weighted mix with its own seeded random generator, and records
status and latency. Every run stops by itself after ``duration`` seconds.
"""
from __future__ import annotations

import http.client
import random
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from common import HOST, get, percentile, search_path

#: (weight, kind, path) of the requests in a realistic mix on the news corpus.
QUERY_MIX = [
    (6, "native gu", "મોદી"), (4, "native gu", "ગુજરાત"), (3, "native gu", "અમદાવાદ"),
    (3, "native gu", "ક્રિકેટ"), (6, "native hi", "सरकार"), (4, "native hi", "कोरोना"),
    (3, "native hi", "पुलिस"), (3, "native hi", "प्रधानमंत्री"),
    (5, "latin", "modi"), (4, "latin", "putin"), (2, "latin", "shoigu"), (2, "latin", "trump"),
    (2, "latin", "samarthan"), (2, "latin", "gujarat"),
    (2, "phrase", '"narendra modi"'), (2, "phrase", '"प्रधानमंत्री नरेंद्र मोदी"'),
    (1, "phrase", '"kim jong un"'),
    (2, "operators", "putin -trump"), (1, "operators", "putin OR पुतिन"),
    (2, "filter", "lang:gu modi"), (1, "filter", "lang:hi corona"),
    (3, "no hit", "qzxwvjk"), (1, "no hit", "ઝઝઝઝક્ષ"),
]


@dataclass
class Request:
    kind: str
    path: str
    query: str = ""


def build_mix(suggest: bool = True, html_share: int = 3,
              deep_share: int = 2) -> list[tuple[int, Request]]:
    """Return the weighted requests: API searches, HTML pages, later pages, suggestions."""
    mix = [(weight, Request(kind, search_path(query), query)) for weight, kind, query in QUERY_MIX]
    html = "/search?" + urllib.parse.urlencode({"q": "modi"})
    mix.append((html_share, Request("html page", html)))
    mix.append((deep_share, Request("page 3", search_path("सरकार", page=3, per_page=20))))
    if suggest:
        mix += [(2, Request("suggest", "/api/suggest?q=mo")),
                (1, Request("suggest", "/api/suggest?" + urllib.parse.urlencode({"q": "ગુજ"})))]
    return mix


def has_suggest(port: int) -> bool:
    """Return whether the server has ``/api/suggest`` (it may not exist yet)."""
    return get(port, "/api/suggest?q=mo")[0] != 404


@dataclass
class Sample:
    kind: str
    status: int          # 0: connection error
    seconds: float
    started: float


@dataclass
class LoadStats:
    """Everything the clients saw."""

    samples: list[Sample] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    duration: float = 0.0

    def summary(self) -> dict:
        latencies = sorted(s.seconds * 1000 for s in self.samples)
        failed = [s for s in self.samples if s.status != 200]
        return {
            "requests": len(self.samples),
            "failed requests": len(failed),
            "throughput, req/s": round(len(self.samples) / max(self.duration, 1e-9), 1),
            "p50 latency, ms": round(percentile(latencies, 0.50), 1),
            "p90 latency, ms": round(percentile(latencies, 0.90), 1),
            "p99 latency, ms": round(percentile(latencies, 0.99), 1),
            "max latency, ms": round(latencies[-1], 1) if latencies else None,
            "errors by kind": dict(self.errors) or "none",
        }

    def by_kind(self) -> dict[str, dict]:
        kinds: dict[str, list[float]] = {}
        for sample in self.samples:
            kinds.setdefault(sample.kind, []).append(sample.seconds * 1000)
        return {kind: {"n": len(v), "p50": round(percentile(sorted(v), .5), 1),
                       "p99": round(percentile(sorted(v), .99), 1)}
                for kind, v in sorted(kinds.items())}


def run_load(port: int, mix: list[tuple[int, Request]], clients: int, duration: float,
             seed: int, stop: threading.Event | None = None,
             on_response: Callable[[Request, int, bytes], None] | None = None) -> LoadStats:
    """Run ``clients`` threads for ``duration`` seconds (or until ``stop`` is set)."""
    stats = LoadStats()
    lock = threading.Lock()
    stop = stop or threading.Event()
    deadline = time.monotonic() + duration
    weights = [weight for weight, _ in mix]
    requests = [request for _, request in mix]

    def client(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        conn = None
        while time.monotonic() < deadline and not stop.is_set():
            request = rng.choices(requests, weights)[0]
            started = time.monotonic()
            status, body = 0, b""
            try:
                conn = conn or http.client.HTTPConnection(HOST, port, timeout=30)
                conn.request("GET", request.path)
                response = conn.getresponse()
                status, body = response.status, response.read()
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    stats.errors[f"{type(error).__name__}: {error}"[:120]] += 1
                conn.close()
                conn = None
            sample = Sample(request.kind, status, time.monotonic() - started, started)
            with lock:
                stats.samples.append(sample)
                if status not in (0, 200):
                    stats.errors[f"HTTP {status} on {request.path[:60]}"] += 1
            if on_response and status == 200:
                on_response(request, status, body)
        if conn:
            conn.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 60)
    stats.duration = time.monotonic() - began
    return stats
