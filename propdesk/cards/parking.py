"""Parking fees: the temporary-parking calculator (临时停车收费) and monthly cards (月卡).

Temporary parking, as a pure function of a rule and the entry and exit times
(naive local wall-clock times, as the barrier records them):

1. The stay is counted in whole minutes; seconds are dropped (in the driver's favour).
2. Up to ``free_minutes`` the stay is free.  Beyond it, the whole stay is
   charged (``free_deducted=False``, the usual 超时全程计费) or only the time
   after the free minutes (``free_deducted=True``).
3. The first ``first_minutes`` cost ``first_fee``; after that every started
   ``unit_minutes`` costs ``unit_fee`` (a partial unit counts in full).
   ``first_minutes=0`` means there is no first period, only units.
4. ``daily_cap`` limits what one day costs; how a "day" is counted is ``cap_mode``:

   * ``rolling24`` (按24小时周期): the stay is cut into 24-hour cycles from the
     entry; each cycle is charged afresh (first period again, no free
     minutes) and capped separately.  A stay of 24 h 10 min is one capped
     cycle plus a 10-minute cycle.
   * ``calendar`` (按自然日): the charging runs on continuously (the first period
     once), each charge falls on the calendar day in which its period starts,
     and each calendar day's total is capped.

Every result carries lines with their formulas, so the cashier can show how
the amount came about.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

from propdesk.errors import Problem, ValidationFailed
from propdesk.money import ZERO, fmt, round_fen, to_decimal

DAY_MINUTES: Final = 24 * 60
CAP_MODES: Final = {"rolling24": "按24小时周期封顶", "calendar": "按自然日封顶"}

CapMode = Literal["rolling24", "calendar"]


@dataclass(frozen=True)
class TempParkingRule:
    free_minutes: int = 15
    first_minutes: int = 60
    first_fee: Decimal = Decimal("5.00")
    unit_minutes: int = 30
    unit_fee: Decimal = Decimal("2.00")
    daily_cap: Decimal | None = Decimal("30.00")
    cap_mode: CapMode = "rolling24"
    free_deducted: bool = False

    def problems(self) -> list[Problem]:
        p: list[Problem] = []
        if not 0 <= self.free_minutes <= DAY_MINUTES:
            p.append(Problem("免费时长", "免费时长应在 0–1440 分钟之间", "free minutes must be 0-1440"))
        if not 0 <= self.first_minutes <= DAY_MINUTES:
            p.append(Problem("首段时长", "首段时长应在 0–1440 分钟之间", "first period must be 0-1440 minutes"))
        if not 1 <= self.unit_minutes <= DAY_MINUTES:
            p.append(Problem("计费单位", "计费单位应在 1–1440 分钟之间", "unit must be 1-1440 minutes"))
        for where, value in (("首段费用", self.first_fee), ("单位费用", self.unit_fee),
                             ("每日封顶", self.daily_cap)):
            if value is not None and (to_decimal(value) < 0 or round_fen(value) != to_decimal(value)):
                p.append(Problem(where, f"金额应为非负且精确到分：{value}", f"amount must be >= 0 in whole fen: {value}"))
        if self.cap_mode not in CAP_MODES:
            p.append(Problem("封顶方式", f"未知封顶方式 {self.cap_mode}", f"unknown cap mode {self.cap_mode}"))
        return p

    def check(self) -> TempParkingRule:
        problems = self.problems()
        if problems:
            raise ValidationFailed(problems)
        return self

    def describe(self) -> str:
        """The rule in words, for the cashier's screen and receipts."""
        parts = [f"{self.free_minutes}分钟内免费"] if self.free_minutes else []
        if self.first_minutes:
            parts.append(f"首{self.first_minutes}分钟{fmt(self.first_fee)}元")
            parts.append(f"之后每{self.unit_minutes}分钟{fmt(self.unit_fee)}元")
        else:
            parts.append(f"每{self.unit_minutes}分钟{fmt(self.unit_fee)}元")
        if self.daily_cap is not None:
            parts.append(("每24小时" if self.cap_mode == "rolling24" else "每自然日") + f"最高{fmt(self.daily_cap)}元")
        if self.free_minutes:
            parts.append("超时后扣除免费时长" if self.free_deducted else "超时后全程计费")
        return "，".join(parts)


@dataclass(frozen=True)
class FeeLine:
    label: str
    minutes: int
    amount: Decimal
    formula: str


@dataclass(frozen=True)
class ParkingFee:
    minutes: int
    amount: Decimal
    lines: tuple[FeeLine, ...]

    @property
    def duration_text(self) -> str:
        days, rest = divmod(self.minutes, DAY_MINUTES)
        hours, minutes = divmod(rest, 60)
        return (f"{days}天" if days else "") + (f"{hours}小时" if hours or days else "") + f"{minutes}分钟"


def _units(minutes: int, unit: int) -> int:
    return -(-minutes // unit)


def _period_charge(rule: TempParkingRule, minutes: int) -> tuple[Decimal, str]:
    """Uncapped charge of one continuous stretch that starts with the first period."""
    if minutes <= 0:
        return ZERO, "0"
    if rule.first_minutes and minutes <= rule.first_minutes:
        return round_fen(rule.first_fee), f"首段{fmt(rule.first_fee)}"
    head = round_fen(rule.first_fee) if rule.first_minutes else ZERO
    units = _units(minutes - rule.first_minutes, rule.unit_minutes)
    amount = head + units * round_fen(rule.unit_fee)
    tail = f"{units}×{rule.unit_minutes}分钟×{fmt(rule.unit_fee)}"
    return amount, (f"首段{fmt(rule.first_fee)} + {tail}" if rule.first_minutes else tail)


def _cap(rule: TempParkingRule, amount: Decimal, formula: str) -> tuple[Decimal, str]:
    if rule.daily_cap is not None and amount > rule.daily_cap:
        return round_fen(rule.daily_cap), f"{formula} = {fmt(amount)}，封顶{fmt(rule.daily_cap)}"
    return amount, f"{formula} = {fmt(amount)}"


def stay_minutes(entered: dt.datetime, left: dt.datetime) -> int:
    if left < entered:
        raise ValidationFailed([Problem("出场时间", f"出场时间 {left:%Y-%m-%d %H:%M} 早于入场时间 {entered:%Y-%m-%d %H:%M}",
                                        "exit time is before entry time")])
    return int((left - entered).total_seconds() // 60)


def temp_parking_fee(rule: TempParkingRule, entered: dt.datetime, left: dt.datetime) -> ParkingFee:
    """The temporary-parking fee for a stay from ``entered`` to ``left``."""
    rule.check()
    minutes = stay_minutes(entered, left)
    if minutes <= rule.free_minutes:
        return ParkingFee(minutes, ZERO, (FeeLine("免费时长内", minutes, ZERO, f"{minutes}分钟 ≤ 免费{rule.free_minutes}分钟"),))
    skip = rule.free_minutes if rule.free_deducted else 0
    if rule.cap_mode == "rolling24":
        lines = _rolling(rule, minutes, skip)
    else:
        lines = _calendar(rule, entered, minutes, skip)
    return ParkingFee(minutes, sum((line.amount for line in lines), ZERO), tuple(lines))


def _rolling(rule: TempParkingRule, minutes: int, skip: int) -> list[FeeLine]:
    lines = []
    cycles = _units(minutes, DAY_MINUTES)
    for i in range(cycles):
        in_cycle = min(DAY_MINUTES, minutes - i * DAY_MINUTES)
        billable = in_cycle - (skip if i == 0 else 0)
        amount, formula = _cap(rule, *_period_charge(rule, billable))
        label = "停车" if cycles == 1 else f"第{i + 1}个24小时"
        note = f"（扣除免费{skip}分钟）" if i == 0 and skip else ""
        lines.append(FeeLine(label, in_cycle, amount, f"{in_cycle}分钟{note}：{formula}"))
    return lines


def _calendar(rule: TempParkingRule, entered: dt.datetime, minutes: int, skip: int) -> list[FeeLine]:
    start = entered.replace(second=0, microsecond=0)
    end = start + dt.timedelta(minutes=minutes)
    # Every charge piece: (start minute from entry, fee).
    pieces: list[tuple[int, Decimal]] = []
    t = skip
    if rule.first_minutes:
        pieces.append((t, round_fen(rule.first_fee)))
        t += rule.first_minutes
    while t < minutes:
        pieces.append((t, round_fen(rule.unit_fee)))
        t += rule.unit_minutes
    by_day: dict[dt.date, list[Decimal]] = {}
    for offset, fee in pieces:
        by_day.setdefault((start + dt.timedelta(minutes=offset)).date(), []).append(fee)
    lines = []
    for day in sorted(by_day):
        fees = by_day[day]
        day_start = max(start, dt.datetime.combine(day, dt.time()))
        day_end = min(end, dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
        in_day = int((day_end - day_start).total_seconds() // 60)
        first = 1 if rule.first_minutes and fees is by_day[min(by_day)] else 0
        units = len(fees) - first
        parts = ([f"首段{fmt(rule.first_fee)}"] if first else []) + \
            ([f"{units}×{rule.unit_minutes}分钟×{fmt(rule.unit_fee)}"] if units else [])
        amount, formula = _cap(rule, sum(fees, ZERO), " + ".join(parts))
        lines.append(FeeLine(f"{day:%m月%d日}", in_day, amount, f"{in_day}分钟：{formula}"))
    return lines


# --- monthly cards -------------------------------------------------------------------------------

def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's end (Jan 31 + 1 → Feb 28/29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def renewal_until(valid_until: dt.date, months: int, today: dt.date) -> tuple[dt.date, dt.date]:
    """(from, until) of a renewal by ``months`` whole months.

    A card still valid continues from the day after its current end; an
    expired card starts again today (the gap is not charged).  The end is the
    day before the same date ``months`` later: paid from Jan 15 for 1 month
    means valid until Feb 14; from Jan 31, until Feb 28 (or 29).
    """
    if months < 1:
        raise ValidationFailed([Problem("续期月数", "续期月数至少为 1", "renew by at least one month")])
    start = valid_until + dt.timedelta(days=1) if valid_until >= today else today
    return start, add_months(start, months) - dt.timedelta(days=1)


def monthly_charge(monthly_fee: Decimal, months: int) -> tuple[Decimal, str]:
    """(amount, formula) of ``months`` months of a monthly card."""
    fee = round_fen(monthly_fee)
    return fee * months, f"{fmt(fee)}元/月 × {months}个月 = {fmt(fee * months)}"
