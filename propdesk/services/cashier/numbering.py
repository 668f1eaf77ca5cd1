"""Document numbers of the cashier: receipts, refunds, shifts.

Receipt numbers form one series per terminal and year, ``T01-2026-000123``;
refunds ``TK-T01-2026-000007``; shifts ``BC-T01-20261123-01``.  A terminal
only ever issues numbers under its own code, so terminals never collide,
online or not, and the unique constraints are the backstop.

:func:`next_sequence` is the ONE place that picks the next number of a
series.  It goes through the sync guard (``propdesk.sync.series.next_number``),
whose counter is advanced in the caller's transaction and whose floor comes
from the centre, so a terminal restored from an old backup never issues a
number again; it also never issues at or below the largest number already
stored here (numbers issued before the guard existed).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from propdesk.models.cashier import Receipt, Refund, Shift
from propdesk.sync.series import last_number, next_number


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
    """The next sequence number after ``head`` (e.g. "T01-2026-") in ``kind``'s series:
    the sync guard's counter, never at or below a number stored here."""
    # The guard's counter already covers every number it issued; the stored
    # documents are scanned only when a series is first used here (a database
    # that numbered receipts before the guard existed).
    largest = 0 if last_number(session, head) else _largest(session, _SERIES_COLUMNS[kind], head)
    return next_number(session, head, above=largest)


def receipt_number(session: Session, day: dt.date) -> str:
    head = f"{terminal_code(session)}-{day:%Y}-"
    return f"{head}{next_sequence(session, 'receipt', head):06d}"


def refund_number(session: Session, day: dt.date) -> str:
    head = f"TK-{terminal_code(session)}-{day:%Y}-"
    return f"{head}{next_sequence(session, 'refund', head):06d}"


def shift_number(session: Session, day: dt.date) -> str:
    head = f"BC-{terminal_code(session)}-{day:%Y%m%d}-"
    return f"{head}{next_sequence(session, 'shift', head):02d}"
