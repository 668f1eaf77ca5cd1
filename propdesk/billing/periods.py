"""Billing periods (账期) and the day-count rule for proration.

A period is a calendar month written ``YYYY-MM``.  Standards bill in cycles of
1, 3, 6 or 12 months (月/季/半年/年) that start in an *anchor* month, always for
whole calendar months.

Day-count rule (计费天数), the only one in PropDesk:

* An occupancy covers the days ``start_date`` up to but NOT including
  ``end_date``: the move-in day is billed, the move-out day is not.  A
  transfer (过户) on day X therefore bills the old owner to X-1 and the new
  owner from X, and no day is billed twice.
* A month's share is ``billed days / days in that calendar month`` (28-31),
  so a full month is always exactly 1 whatever its length.
* A multi-month cycle adds the share of each of its months.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from fractions import Fraction

CYCLES = {1: "月", 3: "季", 6: "半年", 12: "年"}
CYCLES_EN = {1: "monthly", 3: "quarterly", 6: "half-yearly", 12: "yearly"}

_PERIOD = re.compile(r"^\s*(\d{4})\s*[-/年.]\s*(\d{1,2})\s*月?\s*$")


class PeriodError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not (1 <= self.month <= 12) or not (1900 <= self.year <= 2999):
            raise PeriodError(f"账期无效 (invalid period): {self.year}-{self.month}")

    @classmethod
    def parse(cls, text: "str | Period") -> "Period":
        if isinstance(text, Period):
            return text
        m = _PERIOD.match(str(text))
        if not m:
            raise PeriodError(f"账期格式应为 YYYY-MM，如 2026-03 (period must be YYYY-MM): {text!r}")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> "Period":
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def days(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.days)

    @property
    def end(self) -> dt.date:
        """The day after the last day (exclusive end)."""
        return self.last_day + dt.timedelta(days=1)

    def add(self, months: int) -> "Period":
        idx = self.year * 12 + (self.month - 1) + months
        return Period(idx // 12, idx % 12 + 1)

    def __sub__(self, other: "Period") -> int:
        return (self.year * 12 + self.month) - (other.year * 12 + other.month)

    def day(self, day_of_month: int) -> dt.date:
        """The given day of this month, clipped to its last day (31 → 30 in April)."""
        return dt.date(self.year, self.month, max(1, min(day_of_month, self.days)))


def is_cycle_start(period: Period, cycle_months: int, anchor_month: int) -> bool:
    """Does a cycle of ``cycle_months`` anchored at ``anchor_month`` start in ``period``?"""
    if cycle_months not in CYCLES:
        raise PeriodError(f"计费周期应为 1/3/6/12 个月 (cycle must be 1, 3, 6 or 12 months): {cycle_months}")
    return (period.month - anchor_month) % cycle_months == 0


def cycle_months_of(period: Period, cycle_months: int) -> list[Period]:
    return [period.add(i) for i in range(cycle_months)]


def overlap_days(start: dt.date, end: dt.date | None, period: Period) -> int:
    """Days of [start, end) inside the calendar month ``period`` (end None = open)."""
    lo = max(start, period.first_day)
    hi = min(end, period.end) if end is not None else period.end
    return max(0, (hi - lo).days)


def month_share(days: int, period: Period) -> Fraction:
    return Fraction(days, period.days)


def due_date(period: Period, due_day: int, offset_months: int = 0) -> dt.date:
    """The due date of a bill for ``period``: day ``due_day`` of the month
    ``offset_months`` later, clipped to the month's length."""
    return period.add(offset_months).day(due_day)
