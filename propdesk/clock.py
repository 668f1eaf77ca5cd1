"""Time helpers. Stamps in the database are naive UTC; dates are local dates."""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def today() -> dt.date:
    return dt.date.today()


def local_date(stamp: dt.datetime) -> dt.date:
    """The office's local date of a naive UTC stamp (``created_at``): in Beijing a
    line written at 17:00 UTC belongs to the next day."""
    return stamp.replace(tzinfo=dt.timezone.utc).astimezone().date()
