"""Month-end close (月结) per estate.

A closed period is immutable: nothing is posted into it again.  Documents
dated in a closed period, corrections and re-runs of closed periods are all
posted into the estate's first open period (see ``posting_period``).
Periods close in order, and never before they have ended.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from propdesk.billing.calc import yuan
from propdesk.billing.periods import Period
from propdesk.errors import Conflict, ValidationFailed, Problem
from propdesk.models import Estate
from propdesk.models.billing import Allocation, BillLine, FeeItem, PeriodClose
from propdesk.money import ZERO
from propdesk.security import BILL_VIEW, PERIOD_CLOSE, Actor, require
from propdesk.services import audit
from propdesk.services.billing.common import last_closed, parse_period
from propdesk.services.property import estate_by_code


@dataclass(frozen=True)
class CloseResult:
    estate: str
    period: Period
    billed: dict
    collected: str


def period_totals(session: Session, estate_id, period: Period) -> tuple[dict, str]:
    names = {i: n for i, n in session.execute(select(FeeItem.id, FeeItem.name))}
    billed = {}
    for item, amt in session.execute(select(BillLine.fee_item_id, func.sum(BillLine.amount)).where(
            BillLine.estate_id == estate_id, BillLine.post_period == str(period)).group_by(BillLine.fee_item_id)):
        billed[names.get(item, str(item))] = yuan(amt)
    collected = session.scalar(select(func.sum(Allocation.amount)).where(
        Allocation.estate_id == estate_id, Allocation.post_period == str(period))) or ZERO
    return billed, yuan(collected)


def close_period(session: Session, actor: Actor, estate_code: str, period: "str | Period", *,
                 today: dt.date | None = None) -> CloseResult:
    require(actor, PERIOD_CLOSE)
    estate = estate_by_code(session, estate_code)
    P = parse_period(period)
    today = today or dt.date.today()
    if P.last_day >= today:
        raise ValidationFailed([Problem("账期", f"{P} 尚未结束，月末之后才能结账", f"{P} has not ended yet")])
    closed = last_closed(session, estate.id)
    if closed is not None and P <= closed:
        raise Conflict(f"{estate.name} {P} 已结账（最近结账 {closed}）", f"{P} is already closed for {estate.code}")
    if closed is not None and P != closed.add(1):
        raise ValidationFailed([Problem("账期", f"请按顺序结账：下一个应结账期是 {closed.add(1)}",
                                        f"close periods in order: next is {closed.add(1)}")])
    billed, collected = period_totals(session, estate.id, P)
    row = PeriodClose(estate_id=estate.id, period=str(P), operator_name=actor.label[:64],
                      totals=json.dumps({"billed": billed, "collected": collected}, ensure_ascii=False))
    session.add(row)
    session.flush()
    audit.record(session, actor, "close", "period_close", row.id, after={"estate": estate.code, "period": str(P)},
                 summary=f"月结 {estate.name} {P}")
    return CloseResult(estate.code, P, billed, collected)


def closes(session: Session, actor: Actor) -> list[tuple[str, str, str]]:
    """(estate code, last closed period or '', first open period or '') per estate."""
    require(actor, BILL_VIEW)
    out = []
    for e in session.scalars(select(Estate).where(Estate.deleted_at.is_(None)).order_by(Estate.code)):
        c = last_closed(session, e.id)
        out.append((e.code, str(c) if c else "", str(c.add(1)) if c else ""))
    return out
