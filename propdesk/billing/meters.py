"""Meter usage from readings, with rollover and replacement, and reading checks.

A meter (仪表) is a metering point; its register may wrap to zero (回零) or be
replaced (换表).  Readings are kinds:

* ``read``    an ordinary reading;
* ``final``   the old register's last reading when it is replaced;
* ``initial`` the new register's first reading (no usage before it).

Usage between consecutive readings is (current − previous) × multiplier (倍率)
of the register that produced the current reading.  If the current reading is
below the previous one the reading must be marked ``rollover`` and the meter
must have a maximum reading: usage is then (max + one step − previous) +
current, where one step is the last digit of the maximum (9999.9 → 0.1).
Anything else is an error, never a silent zero or a negative bill.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from propdesk.billing.calc import qty


class MeterError(ValueError):
    pass


@dataclass(frozen=True)
class RegisterReading:
    value: Decimal
    kind: str = "read"                 # read | final | initial
    multiplier: Decimal = Decimal(1)
    rollover: bool = False             # operator confirmed the register wrapped
    max_reading: Decimal | None = None  # largest value the register shows, e.g. 9999.9
    label: str = ""                    # e.g. the date, for messages
    step: Decimal | None = None        # the register's last digit (0.1 for one decimal)


def step_of(max_reading: Decimal, step: Decimal | None = None) -> Decimal:
    """The register's last-digit step: given, or read from how the maximum is
    written (9999.9 → 0.1, 99999 → 1)."""
    return step if step is not None else Decimal(1).scaleb(max_reading.as_tuple().exponent)


def segment(prev: RegisterReading, cur: RegisterReading) -> tuple[Decimal, str]:
    """Usage from ``prev`` to ``cur`` (same register), and how it was found."""
    if cur.kind == "initial":
        return Decimal(0), ""
    diff = cur.value - prev.value
    mult = "" if cur.multiplier == 1 else f" × {qty(cur.multiplier)}"
    if diff >= 0:
        if cur.rollover:
            raise MeterError(f"读数 {qty(cur.value)} 不小于上次 {qty(prev.value)}，不应标记为回零")
        return diff * cur.multiplier, f"({qty(cur.value)} − {qty(prev.value)}){mult}"
    if not cur.rollover:
        raise MeterError(
            f"本次读数 {qty(cur.value)} 小于上次读数 {qty(prev.value)}：若表已回零请标记“回零”，"
            "若已换表请登记换表（旧表止码、新表起码），否则请核对读数")
    if cur.max_reading is None:
        raise MeterError("标记了回零，但该表没有设置最大读数（量程），请先在仪表资料中填写")
    wrap = cur.max_reading + step_of(cur.max_reading, cur.step)
    used = wrap - prev.value + cur.value
    return used * cur.multiplier, (f"回零 ({qty(wrap)} − {qty(prev.value)} + {qty(cur.value)}){mult}")


def usage(previous: RegisterReading, readings: Sequence[RegisterReading]) -> tuple[Decimal, str]:
    """Total usage from ``previous`` through ``readings`` (chronological).

    A replacement appears as a ``final`` reading of the old register followed
    by an ``initial`` reading of the new one; the text names both parts.
    """
    total, parts, prev = Decimal(0), [], previous
    replaced = any(r.kind == "initial" for r in readings)
    for cur in readings:
        if cur.max_reading is not None and cur.value > cur.max_reading:
            raise MeterError(f"读数 {qty(cur.value)} 超过该表最大读数 {qty(cur.max_reading)}")
        if cur.value < 0:
            raise MeterError(f"读数不能为负：{qty(cur.value)}")
        used, text = segment(prev, cur)
        if text:
            if replaced and cur.kind == "final":
                text = "旧表 " + text
            elif replaced and prev.kind == "initial":
                text = "新表 " + text
            parts.append(text)
        total += used
        prev = cur
    if not parts:
        parts.append("0")
    return total, " + ".join(parts)


@dataclass(frozen=True)
class ReadingCheck:
    severity: str  # "error" blocks saving; "warning" needs the operator's confirmation
    code: str
    zh: str
    en: str


def check_reading(previous: Decimal | None, value: Decimal, *, rollover: bool = False,
                  max_reading: Decimal | None = None, multiplier: Decimal = Decimal(1),
                  occupied: bool = False, average: Decimal | None = None,
                  step: Decimal | None = None) -> list[ReadingCheck]:
    """The checks shown when a reading is entered (grid, import or device)."""
    out: list[ReadingCheck] = []
    if value < 0:
        return [ReadingCheck("error", "negative", "读数不能为负", "a reading cannot be negative")]
    if max_reading is not None and value > max_reading:
        return [ReadingCheck("error", "over_max", f"读数 {qty(value)} 超过最大读数 {qty(max_reading)}",
                             f"reading {qty(value)} exceeds the meter's maximum {qty(max_reading)}")]
    if previous is None:
        return out
    try:
        used, _ = segment(RegisterReading(previous), RegisterReading(
            value, multiplier=multiplier, rollover=rollover, max_reading=max_reading, step=step))
    except MeterError as exc:
        return [ReadingCheck("error", "backwards", str(exc),
                             f"reading {qty(value)} is below the previous {qty(previous)}: mark rollover "
                             "or record a meter replacement, or correct the value")]
    if rollover:
        out.append(ReadingCheck("warning", "rollover", f"按回零计算，用量 {qty(used)}",
                                f"treated as rollover, usage {qty(used)}"))
    if used == 0 and occupied:
        out.append(ReadingCheck("warning", "zero", "已入住房间本期用量为 0，请核对是否抄错或表已损坏",
                                "zero usage in an occupied room: check the reading or the meter"))
    if average is not None and average > 0 and used > 3 * average:
        out.append(ReadingCheck("warning", "spike",
                                f"本期用量 {qty(used)} 超过该表近期平均 {qty(average.quantize(Decimal('0.01')))} 的 3 倍，请核对",
                                f"usage {qty(used)} is more than 3× the meter's recent average "
                                f"{qty(average.quantize(Decimal('0.01')))}"))
    return out
