"""The temporary-parking calculator: a table of stays worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from propdesk.cards.parking import (
    TempParkingRule, add_months, monthly_charge, renewal_until, temp_parking_fee,
)
from propdesk.errors import ValidationFailed

T0 = dt.datetime(2025, 3, 1, 8, 0, 0)
# free 15 min; first 60 min 5.00; then 2.00 per started 30 min; at most 30.00 per 24 h
STANDARD = TempParkingRule(free_minutes=15, first_minutes=60, first_fee=D("5.00"), unit_minutes=30,
                           unit_fee=D("2.00"), daily_cap=D("30.00"), cap_mode="rolling24")
DEDUCTED = TempParkingRule(free_minutes=15, first_minutes=60, first_fee=D("5.00"), unit_minutes=30,
                           unit_fee=D("2.00"), daily_cap=D("30.00"), free_deducted=True)
HOURLY = TempParkingRule(free_minutes=0, first_minutes=0, first_fee=D("0"), unit_minutes=60,
                         unit_fee=D("3.00"), daily_cap=None)
CALENDAR = TempParkingRule(free_minutes=15, first_minutes=60, first_fee=D("5.00"), unit_minutes=30,
                           unit_fee=D("2.00"), daily_cap=D("20.00"), cap_mode="calendar")
CAL_DEDUCTED = TempParkingRule(free_minutes=15, first_minutes=60, first_fee=D("5.00"), unit_minutes=30,
                               unit_fee=D("2.00"), daily_cap=D("20.00"), cap_mode="calendar",
                               free_deducted=True)


def at(day: int, hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime(2025, 3, day, hour, minute, second)


CASES = [
    # rule, entered, left, amount, why
    (STANDARD, T0, at(1, 8, 15), "0.00", "15 min: within the free time"),
    (STANDARD, T0, at(1, 8, 15, 59), "0.00", "15 min 59 s: seconds are dropped"),
    (STANDARD, T0, at(1, 8, 16), "5.00", "16 min: whole stay charged, first period"),
    (STANDARD, T0, at(1, 9, 0), "5.00", "60 min: still the first period"),
    (STANDARD, T0, at(1, 9, 1), "7.00", "61 min: 5 + one started unit"),
    (STANDARD, T0, at(1, 9, 30), "7.00", "90 min: 5 + 1 x 2"),
    (STANDARD, T0, at(1, 9, 31), "9.00", "91 min: 5 + 2 x 2"),
    (STANDARD, T0, at(1, 12, 0), "17.00", "240 min: 5 + 6 x 2"),
    (STANDARD, T0, at(1, 18, 0), "30.00", "600 min: 5 + 18 x 2 = 41, capped at 30"),
    (STANDARD, T0, at(2, 8, 0), "30.00", "exactly 24 h: one capped cycle"),
    (STANDARD, T0, at(2, 8, 10), "35.00", "24 h 10 min: 30 + a new cycle's first period 5"),
    (STANDARD, T0, at(2, 9, 31), "39.00", "24 h 91 min: 30 + (5 + 2 x 2)"),
    (STANDARD, T0, at(4, 8, 0), "90.00", "72 h: three capped cycles"),
    (STANDARD, T0, at(3, 20, 0), "90.00", "60 h: 30 + 30 + (12 h = 49, capped 30)"),
    (DEDUCTED, T0, at(1, 8, 16), "5.00", "16 min - 15 free = 1 min: first period"),
    (DEDUCTED, T0, at(1, 9, 15), "5.00", "75 - 15 = 60 min: first period"),
    (DEDUCTED, T0, at(1, 9, 16), "7.00", "76 - 15 = 61 min: 5 + 2"),
    (HOURLY, T0, T0, "0.00", "no time at all"),
    (HOURLY, T0, at(1, 8, 1), "3.00", "1 min: one started hour"),
    (HOURLY, T0, at(1, 10, 0), "6.00", "2 h: 2 x 3"),
    (HOURLY, T0, at(2, 10, 0), "78.00", "26 h, no cap: 26 x 3"),
    (CALENDAR, at(1, 22, 0), at(2, 2, 0), "17.00", "first 5 + 2 units on the 1st; 4 units on the 2nd"),
    (CALENDAR, at(1, 20, 0), at(2, 20, 0), "37.00", "1st: 5 + 6 x 2 = 17; 2nd: 40 units = 80, capped 20"),
    (CALENDAR, at(1, 23, 50), at(2, 0, 10), "5.00", "20 min over midnight: the first period only"),
    (CAL_DEDUCTED, at(1, 23, 50), at(2, 1, 0), "5.00", "70 min: charging starts 00:05, first period only"),
]


@pytest.mark.parametrize("rule, entered, left, amount, why", CASES, ids=[c[4] for c in CASES])
def test_fee_table(rule, entered, left, amount, why):
    fee = temp_parking_fee(rule, entered, left)
    assert fee.amount == D(amount), why
    assert sum(line.amount for line in fee.lines) == fee.amount


def test_lines_explain_the_amount():
    fee = temp_parking_fee(STANDARD, T0, at(2, 8, 10))
    assert [line.label for line in fee.lines] == ["第1个24小时", "第2个24小时"]
    assert fee.lines[0].formula == "1440分钟：首段5.00 + 46×30分钟×2.00 = 97.00，封顶30.00"
    assert fee.lines[1].formula == "10分钟：首段5.00 = 5.00"
    assert fee.minutes == 1450 and fee.duration_text == "1天0小时10分钟"


def test_calendar_lines_fall_on_the_day_the_charge_starts():
    fee = temp_parking_fee(CAL_DEDUCTED, at(1, 23, 50), at(2, 1, 0))
    assert [(line.label, line.amount) for line in fee.lines] == [("03月02日", D("5.00"))]


def test_exit_before_entry_is_refused():
    with pytest.raises(ValidationFailed):
        temp_parking_fee(STANDARD, at(1, 9, 0), at(1, 8, 0))


def test_invalid_rule_is_refused():
    with pytest.raises(ValidationFailed) as info:
        temp_parking_fee(TempParkingRule(unit_minutes=0, unit_fee=D("-1")), T0, at(1, 9, 0))
    assert len(info.value.problems) == 2


def test_describe():
    assert STANDARD.describe() == "15分钟内免费，首60分钟5.00元，之后每30分钟2.00元，每24小时最高30.00元，超时后全程计费"


@pytest.mark.parametrize("day, months, expected", [
    (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
    (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
    (dt.date(2025, 11, 15), 3, dt.date(2026, 2, 15)),
    (dt.date(2025, 3, 31), -1, dt.date(2025, 2, 28)),
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize("until, months, today, expected", [
    # still valid: continue from the day after the current end
    (dt.date(2025, 1, 31), 1, dt.date(2025, 1, 20), (dt.date(2025, 2, 1), dt.date(2025, 2, 28))),
    (dt.date(2025, 2, 28), 1, dt.date(2025, 2, 10), (dt.date(2025, 3, 1), dt.date(2025, 3, 31))),
    (dt.date(2025, 1, 14), 12, dt.date(2025, 1, 14), (dt.date(2025, 1, 15), dt.date(2026, 1, 14))),
    # expired: start again today, the gap is not charged
    (dt.date(2024, 12, 31), 2, dt.date(2025, 1, 15), (dt.date(2025, 1, 15), dt.date(2025, 3, 14))),
])
def test_renewal_period(until, months, today, expected):
    assert renewal_until(until, months, today) == expected


def test_monthly_charge():
    assert monthly_charge(D("300"), 3) == (D("900.00"), "300.00元/月 × 3个月 = 900.00")
    with pytest.raises(ValidationFailed):
        renewal_until(dt.date(2025, 1, 1), 0, dt.date(2025, 1, 1))
