"""Hybrid logical clock (HLC) stamps: one 64-bit integer per change.

``hlc = physical_ms << 16 | logical``: the upper bits are Unix milliseconds,
the lower 16 a counter.  A new local stamp is ``max(last + 1, now_ms << 16)``
(the capture triggers compute exactly this in SQL, see
:mod:`propdesk.sync.capture`); a received stamp only ever raises ``last``
(``last = max(last, remote)``), so after a terminal has seen a change, its
own next change is stamped later, whatever its PC clock says.  Stamps are
compared as integers; ties between terminals are broken by terminal code.
The clock lives in ``sync_state`` and is committed with the changes it
stamped, so it never runs backwards -- not across restarts, not when the PC
clock is set back.  If the logical part overflows (65 536 changes in one
millisecond) it carries into the millisecond field, which is harmless.
"""

from __future__ import annotations

import datetime as dt
import time

LOGICAL_BITS = 16
_LOGICAL_MASK = (1 << LOGICAL_BITS) - 1


def physical_now() -> int:
    """This PC's clock as an HLC with a zero logical part."""
    return int(time.time() * 1000) << LOGICAL_BITS


def from_datetime(when: dt.datetime) -> int:
    """A naive-UTC datetime as an HLC (used for the server's clock)."""
    epoch = dt.datetime(1970, 1, 1)
    return int((when - epoch).total_seconds() * 1000) << LOGICAL_BITS


def tick(last: int, now: int | None = None) -> int:
    """The next local stamp after ``last``."""
    return max(last + 1, physical_now() if now is None else now)


def observe(last: int, remote: int) -> int:
    """The clock after seeing ``remote`` (receive rule)."""
    return max(last, remote)


def physical_ms(h: int) -> int:
    return h >> LOGICAL_BITS


def logical(h: int) -> int:
    return h & _LOGICAL_MASK


def to_datetime(h: int) -> dt.datetime:
    """The physical part as a naive UTC datetime."""
    return dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=physical_ms(h))


def describe(h: int) -> str:
    """``2026-11-23 09:15:02.118+3`` (UTC, logical counter after the plus)."""
    if h <= 0:
        return "-"
    text = to_datetime(h).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
    return f"{text}+{logical(h)}" if logical(h) else text


def read_local(conn) -> int:
    """The terminal's clock (``conn``: a SQLAlchemy connection or session)."""
    from sqlalchemy import text

    return int(conn.execute(text("SELECT hlc FROM sync_state WHERE id = 1")).scalar_one())


def observe_local(conn, remote: int) -> None:
    """Raise the terminal's clock to at least ``remote`` (same transaction as the pull)."""
    from sqlalchemy import text

    conn.execute(text("UPDATE sync_state SET hlc = max(hlc, :r) WHERE id = 1"), {"r": int(remote)})
