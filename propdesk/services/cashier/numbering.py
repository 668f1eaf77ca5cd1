"""Document numbers of the cashier: receipts, refunds, shifts.

Receipt numbers form one series per terminal and year, ``T01-2026-000123``;
refunds ``TK-T01-2026-000007``; shifts ``BC-T01-20261123-01``.  A terminal
only ever issues numbers under its own code, so terminals never collide,
online or not, and the unique constraints are the backstop.

:func:`next_sequence` is the ONE place that picks the next number of a
series.  Until the sync guard (``propdesk.sync.series.next_number``) lands it
takes one more than the largest number stored (documents are never deleted,
so a number is never reused on a live database); the sync guard also covers
a terminal restored from an old backup, whose highest numbers it no longer
holds.  Switching over is the one line marked below.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from propdesk.models.cashier import Receipt, Refund, Shift


def terminal_code(session: Session) -> str:
    return session.info.get("terminal") or "T01"


def _largest(session: Session, column, head: str) -> int:
    last = session.scalar(
        select(column).where(column.like(head.replace("_", r"\_") + "%", escape="\\"))
        # Longest first: after 999999 comes 1000000, which sorts lower as text.
        .order_by(func.length(column).desc(), column.desc()).limit(1))
    tail = last[len(head):] if last else ""
    return int(tail) if tail.isdigit() else 0


_SERIES_COLUMNS = {"receipt": Receipt.number, "refund": Refund.number, "shift": Shift.number}


def next_sequence(session: Session, kind: str, head: str) -> int:
    """The next sequence number after ``head`` (e.g. "T01-2026-") in ``kind``'s series."""
    # Sync guard switch-over (one line):
    #   from propdesk.sync.series import next_number; return next_number(session, head)
    return _largest(session, _SERIES_COLUMNS[kind], head) + 1


def receipt_number(session: Session, day: dt.date) -> str:
    head = f"{terminal_code(session)}-{day:%Y}-"
    return f"{head}{next_sequence(session, 'receipt', head):06d}"


def refund_number(session: Session, day: dt.date) -> str:
    head = f"TK-{terminal_code(session)}-{day:%Y}-"
    return f"{head}{next_sequence(session, 'refund', head):06d}"


def shift_number(session: Session, day: dt.date) -> str:
    head = f"BC-{terminal_code(session)}-{day:%Y%m%d}-"
    return f"{head}{next_sequence(session, 'shift', head):02d}"
