"""Dunning notices (催缴通知单): arrears and late fees as of a date, per building or customer.

A notice lists a customer's outstanding lines on the rooms and spaces
chosen (a whole building, or everything the chosen customers hold) with
late fees as of ``as_of`` from billing's one late-fee rule.  Batches print to
one PDF per building; each customer starts on a new page.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.errors import NotFound
from propdesk.models import Building, Company, Customer, Estate, Occupancy, Room
from propdesk.money import ZERO, fmt
from propdesk.receipts.documents import Notice, NoticeLine, notices_pdf
from propdesk.security import BILL_VIEW, Actor, require
from propdesk.services import audit
from propdesk.services.cashier import billing_link


def _notice(session: Session, actor: Actor, customer_id: uuid.UUID, as_of: dt.date, pay_by: dt.date,
            codes: set[str] | None, company: str, estate: Estate | None) -> Notice | None:
    cust = session.get(Customer, customer_id)
    lines = [ln for ln in billing_link.outstanding(session, actor, customer_id, as_of)
             if codes is None or ln.target_code in codes]
    if not lines:
        return None
    role = session.scalar(select(Occupancy.role).where(Occupancy.customer_id == customer_id,
                                                       Occupancy.end_date.is_(None)).limit(1))
    return Notice(
        customer=cust.name, phone=cust.phone,
        rooms=list(dict.fromkeys(ln.target_code for ln in lines)),
        lines=[NoticeLine(ln.target_code, ln.fee_item, ln.period, ln.due_date, ln.principal, ln.late_fee)
               for ln in lines],
        as_of=as_of, pay_by=pay_by, company=company, estate=estate.name if estate else "",
        office_phone=estate.phone if estate else "", address=estate.address if estate else "",
        salutation={"tenant": "租户", "resident": "住户"}.get(role or "", "业主"))


@dataclass
class Batch:
    label: str          # e.g. JD-01 锦都花园 01栋
    notices: list[Notice]

    @property
    def total(self):
        return sum((n.total for n in self.notices), ZERO)

    def pdf(self) -> bytes:
        return notices_pdf(self.notices, title=f"催缴通知单 {self.label}")


def _company(session: Session) -> str:
    return session.scalar(select(Company.name).where(Company.deleted_at.is_(None))
                          .order_by(Company.created_at).limit(1)) or ""


def for_buildings(session: Session, actor: Actor, as_of: dt.date, *, estate_code: str,
                  building_code: str | None = None, pay_by: dt.date | None = None) -> list[Batch]:
    """One batch per building of an estate (or the one building named)."""
    require(actor, BILL_VIEW)
    estate = session.scalar(select(Estate).where(Estate.code == estate_code.strip().upper()))
    if estate is None:
        raise NotFound(f"找不到小区 {estate_code}", f"no estate {estate_code}")
    stmt = select(Building).where(Building.estate_id == estate.id, Building.deleted_at.is_(None))
    if building_code:
        stmt = stmt.where(Building.code == building_code)
    buildings = list(session.scalars(stmt.order_by(Building.sort_key, Building.code)))
    if building_code and not buildings:
        raise NotFound(f"{estate.name} 没有楼栋 {building_code}", f"no building {building_code}")
    company, pay_by = _company(session), pay_by or as_of + dt.timedelta(days=15)
    batches = []
    for b in buildings:
        rooms = dict(session.execute(select(Room.id, Room.code).where(Room.building_id == b.id,
                                                                      Room.deleted_at.is_(None))).all())
        holders = session.scalars(select(Occupancy.customer_id).where(
            Occupancy.room_id.in_(list(rooms) or [uuid.uuid4()]), Occupancy.end_date.is_(None),
            Occupancy.deleted_at.is_(None)))
        notices = []
        for cid in dict.fromkeys(holders):
            n = _notice(session, actor, cid, as_of, pay_by, set(rooms.values()), company, estate)
            if n is not None:
                notices.append(n)
        notices.sort(key=lambda n: n.rooms[0])
        batches.append(Batch(f"{estate.code}-{b.code} {estate.name}{b.name}", notices))
    audit.record(session, actor, "dunning", "estate", estate.id,
                 summary=f"催缴通知单 {estate.name}：{sum(len(x.notices) for x in batches)} 户，"
                         f"合计 {fmt(sum((x.total for x in batches), ZERO))} 元（截至 {as_of}）")
    return batches


def for_customers(session: Session, actor: Actor, as_of: dt.date, customer_ids: list[uuid.UUID], *,
                  pay_by: dt.date | None = None) -> Batch:
    require(actor, BILL_VIEW)
    company, pay_by = _company(session), pay_by or as_of + dt.timedelta(days=15)
    notices = []
    for cid in customer_ids:
        if session.get(Customer, cid) is None:
            raise NotFound("客户不存在", "customer not found")
        first_room = session.scalar(select(Room).join(Occupancy, Occupancy.room_id == Room.id)
                                    .where(Occupancy.customer_id == cid).limit(1))
        estate = session.get(Estate, first_room.estate_id) if first_room else None
        n = _notice(session, actor, cid, as_of, pay_by, None, company, estate)
        if n is not None:
            notices.append(n)
    audit.record(session, actor, "dunning", "customer", ",".join(map(str, customer_ids))[:64],
                 summary=f"催缴通知单 {len(notices)} 户（截至 {as_of}）")
    return Batch("选定客户", notices)
