"""A time limit for one request, and a gate that lets costly requests take turns."""
from __future__ import annotations

import time


class Deadline:
    """A time limit for one request; ``expired`` reads the clock (``clock`` is injectable).

    ``cut`` becomes true once some work was skipped because the limit had passed.
    With a ``gate`` (a semaphore shared by the requests of a process), a request
    that is still working ``heavy_after_ms`` after it started must hold one of the
    gate's places to go on: it waits for one until its deadline, so a few costly
    requests take turns instead of slowing every short one down.
    """

    def __init__(self, ms: float | None, clock=time.perf_counter, gate=None,
                 heavy_after_ms: float = 0):
        self._clock = clock
        start = clock()
        self._end = None if ms is None else start + ms / 1000
        self._heavy_at = start + heavy_after_ms / 1000
        self._gate, self._holding = gate, False
        self.cut = False

    def expired(self) -> bool:
        if self._end is None:
            return False
        now = self._clock()
        if now < self._end and self._gate is not None and not self._holding \
                and now >= self._heavy_at:
            self._holding = self._gate.acquire(timeout=self._end - now)
            now = self._clock()
            if not self._holding:
                now = self._end
        if now >= self._end:
            self.cut = True
            return True
        return False

    def remaining_ms(self) -> float | None:
        """Return the milliseconds left (0 once past), or ``None`` without a limit."""
        if self._end is None:
            return None
        return max(0.0, (self._end - self._clock()) * 1000)

    def close(self) -> None:
        """Give back the gate's place, if this request took one."""
        if self._holding:
            self._holding = False
            self._gate.release()


#: No time limit.
NO_DEADLINE = Deadline(None)
