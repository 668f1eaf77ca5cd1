"""Document numbers that stay unique across terminals working offline.

A number is PREFIX-TERMINAL-YYYYMMDD-NNNN, e.g. BX-T01-20261123-0001.  Each
terminal only ever issues numbers with its own code, so two terminals never
collide without talking to each other.

On a terminal (SQLite) the sequence comes from the sync layer's number series
(:mod:`propdesk.sync.series`): a counter per PREFIX-TERMINAL-DAY whose floor
the centre raises on every sync, so a terminal restored from an old backup
carries on above every number it had already issued.  On the central
database, which is never restored from a terminal's backup, the next number
is one more than the largest stored that day.  Either way the unique
constraint on the number column is the last guard.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session


def terminal_code(session: Session) -> str:
    return session.info.get("terminal") or "T01"


def _largest(session: Session, column, head: str) -> int:
    last = session.scalar(
        select(column).where(column.like(head + "%"))
        # Longest first: after 9999 comes 10000, which sorts lower as text.
        .order_by(func.length(column).desc(), column.desc()).limit(1))
    tail = last[len(head):] if last else ""
    return int(tail) if tail.isdigit() else 0


def next_number(session: Session, column, prefix: str, day: dt.date) -> str:
    """The next free number for ``prefix`` on ``day`` in ``column`` (e.g. WorkOrder.number)."""
    head = f"{prefix}-{terminal_code(session)}-{day:%Y%m%d}-"
    largest = _largest(session, column, head)
    if session.get_bind().dialect.name == "sqlite":
        from propdesk.sync import series

        seq = series.next_number(session, head, above=largest)
    else:
        seq = largest + 1
    return f"{head}{seq:04d}"
