"""A request's ``Deadline``: when it expires, and when it takes a place of the heavy-request gate.

The clock is a list of readings (``Deadline`` reads it once when made and once per
``expired()``, again after waiting for the gate); times are exact binary fractions
so that "exactly at the limit" means it. The gate is a real ``BoundedSemaphore``, as
in ``SearchEngine``; whether a place is taken is seen by trying to take it.
"""
from __future__ import annotations

import threading

from searcher.deadline import Deadline

START = 64.0


def readings(*seconds: float):
    """A clock that returns ``START + s`` for each ``s`` in turn (and fails if read more)."""
    return iter([START, *(START + s for s in seconds)]).__next__


def is_free(gate: threading.BoundedSemaphore) -> bool:
    if gate.acquire(blocking=False):
        gate.release()
        return True
    return False


def test_without_a_limit_nothing_expires():
    deadline = Deadline(None, clock=readings())
    assert not deadline.expired() and not deadline.cut


def test_it_expires_exactly_at_its_limit_and_stays_expired():
    deadline = Deadline(250, clock=readings(0.125, 0.2499, 0.25, 0.5))
    assert not deadline.expired() and not deadline.expired()    # 125 ms, 249.9 ms
    assert not deadline.cut
    assert deadline.expired() and deadline.cut                  # 250 ms
    assert deadline.expired() and deadline.cut


def test_a_heavy_request_takes_a_place_of_the_gate_until_it_closes():
    """Heavy from 62.5 ms on: at 62.49 ms the gate is left alone, from 62.5 ms one place is
    held (and not asked for again), ``close`` gives it back, a second ``close`` nothing."""
    gate = threading.BoundedSemaphore(1)
    deadline = Deadline(250, readings(0.06249, 0.0625, 0.07, 0.1), gate, heavy_after_ms=62.5)
    assert not deadline.expired() and is_free(gate)
    assert not deadline.expired() and not is_free(gate)
    assert not deadline.expired() and not is_free(gate) and not deadline.cut
    deadline.close()
    assert is_free(gate)
    deadline.close()              # a BoundedSemaphore released twice would raise ValueError
    assert gate.acquire(blocking=False) and not gate.acquire(blocking=False)


def test_by_default_a_request_with_a_gate_is_heavy_from_the_start():
    gate = threading.BoundedSemaphore(1)
    deadline = Deadline(250, readings(0.0005, 0.0006), gate)
    assert not deadline.expired() and not is_free(gate)
    deadline.close()
    assert is_free(gate)


def test_a_request_past_its_deadline_takes_no_place():
    gate = threading.BoundedSemaphore(1)
    deadline = Deadline(62.5, readings(0.0625, 0.07), gate)
    assert deadline.expired() and deadline.cut
    assert is_free(gate)


def test_a_heavy_request_waits_for_a_place_only_until_its_deadline():
    """Another request holds the only place. This one, heavy at 31.25 ms of 62.5, waits
    for a place the remaining 31.25 ms, gets none and is out of time. (The other gives
    its place back after 5 s: a request waiting longer would get it and go on.)"""
    gate = threading.BoundedSemaphore(1)
    assert gate.acquire(blocking=False)
    later = threading.Timer(5.0, gate.release)
    later.start()
    try:
        deadline = Deadline(62.5, readings(0.03125, 0.04), gate)
        assert deadline.expired() and deadline.cut
    finally:
        later.cancel()
    assert not is_free(gate)      # still the other request's place
    deadline.close()
    assert not is_free(gate)

