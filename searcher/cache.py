"""A memo of a one-argument function, bounded by the memory of what it holds, not a count.

A count says nothing about memory: the analysis caches held up to 500,000 words
each, about 0.9 KB a word, hundreds of MB for a server that meets many distinct
words. This one adds up the size of each key and value it keeps and forgets the
least recently used ones past its budget:

>>> @byte_bounded(2_000)
... def shout(word):
...     return word.upper()
>>> shout("કિમ"), shout("kim")
('કિમ', 'KIM')
>>> shout.bytes <= 2_000
True
"""
from __future__ import annotations

import sys
import threading
from functools import update_wrapper


#: What the memo's dict costs per entry besides its key and value (a slot and a hash).
ENTRY_BYTES = 100


def entry_size(key, value, item_bytes: int) -> int:
    """Return the bytes one entry holds: key, value, and ``item_bytes`` for each item of a
    tuple or set value (three C calls: measuring every inner string cost a third of
    indexing). ``item_bytes`` is an upper bound per item, given by the memo's owner."""
    size = ENTRY_BYTES + sys.getsizeof(key) + sys.getsizeof(value)
    if isinstance(value, (tuple, frozenset)):
        size += len(value) * item_bytes
    return size


class ByteBoundedCache:
    """Memoize ``function`` in at most ``budget`` bytes, the least recently used forgotten.

    Two generations, each of half the budget: entries go into the young one; when it
    is full it becomes the old one and the previous old one is dropped; a hit in the
    old one moves the entry back to the young one. A hit is one dict lookup (moving
    every hit to the end of one ordered dict cost a quarter of indexing speed). Safe
    for threads: lookups need no lock; adding takes one (on misses only).
    """

    def __init__(self, function, budget: int, item_bytes: int = 0):
        self._function, self.budget, self.item_bytes = function, budget, item_bytes
        self._young: dict = {}
        self._old: dict = {}
        self._young_bytes = self._old_bytes = 0
        self._lock = threading.Lock()
        update_wrapper(self, function)

    @property
    def bytes(self) -> int:
        """The bytes the memo holds now (at most ``budget`` and one entry)."""
        return self._young_bytes + self._old_bytes

    def __call__(self, key):
        try:
            return self._young[key]
        except KeyError:
            pass
        old = self._old
        value = old[key] if key in old else self._function(key)
        self._add(key, value)
        return value

    def _add(self, key, value) -> None:
        size = entry_size(key, value, self.item_bytes)
        half = self.budget // 2
        if size > half:
            return
        with self._lock:
            if key in self._young:
                return
            if self._young_bytes + size > half:
                self._old, self._old_bytes = self._young, self._young_bytes
                self._young, self._young_bytes = {}, 0
            self._young[key] = value
            self._young_bytes += size

    def __len__(self) -> int:
        return len(self._young.keys() | self._old.keys())

    def clear(self) -> None:
        with self._lock:
            self._young, self._old = {}, {}
            self._young_bytes = self._old_bytes = 0


def byte_bounded(budget: int, item_bytes: int = 0):
    """Decorate a one-argument function with a ``ByteBoundedCache`` of ``budget`` bytes."""
    return lambda function: ByteBoundedCache(function, budget, item_bytes)
