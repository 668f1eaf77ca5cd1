"""Document numbers that stay unique across terminals working offline.

A number is PREFIX-TERMINAL-YYYYMMDD-NNNN, e.g. BX-T01-20261123-0001.  Each
terminal only ever issues numbers with its own code, so two terminals never
collide without talking to each other; within a terminal the next sequence is
one more than the largest issued that day (rows are never deleted, so a
number is never reused).  The database's unique constraint is the backstop.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session


def terminal_code(session: Session) -> str:
    return session.info.get("terminal") or "T01"


def next_number(session: Session, column, prefix: str, day: dt.date) -> str:
    """The next free number for ``prefix`` on ``day`` in ``column`` (e.g. WorkOrder.number)."""
    head = f"{prefix}-{terminal_code(session)}-{day:%Y%m%d}-"
    last = session.scalar(
        select(column).where(column.like(head + "%"))
        # Longest first: after 9999 comes 10000, which sorts lower as text.
        .order_by(func.length(column).desc(), column.desc()).limit(1))
    seq = 1
    if last:
        tail = last[len(head):]
        seq = int(tail) + 1 if tail.isdigit() else 1
    return f"{head}{seq:04d}"
