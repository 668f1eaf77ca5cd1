"""Late fees (滞纳金): one rule, one function, used by cashier, notices and reports.

Rule, written down:

* Late days start the day after ``due_date + grace_days`` and run up to and
  including ``as_of``.
* Each late day charges ``daily_rate`` × the amount unpaid at the start of
  that day: a payment made on day d stops the accrual on what it paid from
  day d+1 on.  So the late fee quoted on a day is exactly what is charged
  when the customer pays that day, and stays so afterwards.
* The total is exact until it is rounded once, half-up to the fen.
* The late fee is capped at ``principal × cap_ratio`` (rounded to the fen);
  ``cap_ratio`` None means no cap.  Chinese practice and most contracts cap
  it at the principal (cap_ratio 1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Sequence

from propdesk.billing.calc import to_fen, yuan
from propdesk.money import ZERO, round_fen


@dataclass(frozen=True)
class LateFeeRule:
    daily_rate: Decimal               # 0.0005 = 万分之五 per day
    grace_days: int = 0
    cap_ratio: Decimal | None = Decimal(1)

    def describe(self) -> str:
        cap = "不封顶" if self.cap_ratio is None else f"封顶 本金×{pct(self.cap_ratio)}"
        return f"每日 {pct(self.daily_rate)}，宽限 {self.grace_days} 天，{cap}"


def pct(rate: Decimal) -> str:
    return format((rate * 100).normalize(), "f") + "%"


def late_fee(principal: Decimal, due_date: dt.date, as_of: dt.date, rule: LateFeeRule | None,
             changes: Sequence[tuple[dt.date, Decimal]] = ()) -> tuple[Decimal, str]:
    """Late fee on a bill item as of ``as_of``, and its formula.

    ``principal`` is the amount billed (used for the cap); ``changes`` are the
    dated changes of the unpaid amount after billing: payments negative,
    adjustments positive or negative.  Outstanding on day d = principal +
    changes dated ≤ d.
    """
    if rule is None or rule.daily_rate <= 0:
        return ZERO, "该标准未设滞纳金"
    start = due_date + dt.timedelta(days=rule.grace_days + 1)
    if as_of < start:
        return ZERO, f"未逾期（应缴日 {due_date:%Y-%m-%d}，宽限 {rule.grace_days} 天）"
    # A change on day x counts from day x + 1 (see the rule above).
    events = sorted((day + dt.timedelta(days=1), delta) for day, delta in changes)
    # Piecewise-constant outstanding over [start, as_of].
    outstanding = principal + sum((d for day, d in events if day <= start), Decimal(0))
    pieces: list[tuple[Decimal, int]] = []
    cursor = start
    for day, delta in events:
        if day <= start:
            continue
        if day > as_of:
            break
        pieces.append((outstanding, (day - cursor).days))
        outstanding += delta
        cursor = day
    pieces.append((outstanding, (as_of - cursor).days + 1))
    pieces = [(amt, n) for amt, n in pieces if n > 0 and amt > 0]
    if not pieces:
        return ZERO, "逾期期间无欠款"
    exact = sum((Fraction(a) * Fraction(rule.daily_rate) * n for a, n in pieces), Fraction(0))
    amount = to_fen(exact)
    terms = " + ".join(f"{yuan(a)} 元 × {pct(rule.daily_rate)}/天 × {n} 天" for a, n in pieces)
    text = f"{terms} = {yuan(amount)} 元"
    if rule.cap_ratio is not None:
        cap = round_fen(principal * rule.cap_ratio)
        if amount > cap:
            text += f"，超过封顶 {yuan(cap)} 元（本金 {yuan(principal)} × {pct(rule.cap_ratio)}），按封顶计"
            amount = cap
    return amount, f"逾期自 {start:%Y-%m-%d} 起：{text}"
