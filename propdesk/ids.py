"""Client-generated, time-ordered UUID keys (RFC 9562 version 7).

Every synced row gets its key on the terminal that creates it, so terminals
never coordinate to allocate ids.  Version 7 puts a millisecond Unix timestamp
in the top 48 bits, so keys sort by creation time and B-tree inserts stay
local.  Python 3.11 has no ``uuid.uuid7``; this is the RFC layout with the
12-bit ``rand_a`` field used as a counter ("method 1" of RFC 9562 §6.2) so that
ids made in the same millisecond by one process are still strictly increasing.
"""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def uuid7(now_ms: int | None = None) -> uuid.UUID:
    """Return a new version-7 UUID, strictly greater than the previous one."""
    global _last_ms, _counter
    with _lock:
        ms = int(time.time() * 1000) if now_ms is None else now_ms
        if ms > _last_ms:
            _last_ms = ms
            _counter = int.from_bytes(os.urandom(2), "big") & 0x3FF  # leave headroom
        else:
            # Same millisecond (or the clock stepped back): keep the last
            # timestamp and count up, so ordering never breaks.
            _counter += 1
            if _counter > 0xFFF:
                _last_ms += 1
                _counter = 0
            ms = _last_ms
        rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
        value = (ms & ((1 << 48) - 1)) << 80
        value |= 0x7 << 76
        value |= _counter << 64
        value |= 0b10 << 62
        value |= rand_b
        return uuid.UUID(int=value)


def uuid7_time_ms(u: uuid.UUID) -> int:
    """The millisecond timestamp embedded in a version-7 UUID."""
    return u.int >> 80
