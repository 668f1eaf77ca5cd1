"""有偿维修: handing a chargeable repair's amount to billing, for the cashier to collect.

The service desk works out *what* to charge (labour plus the materials
issued to the order, each line rounded once to the fen) and *whom* (the
order's customer, by default the room's current owner).  Billing owns the
bill line.  The two meet in one function, :data:`ChargePoster`: given a
:class:`ChargeRequest` it writes an outstanding one-off (临时) line in the
same transaction and returns the line's id.

:func:`billing_poster` returns billing's implementation, which posts to the
有偿服务费 fee item; the cashier then sees the line among the owner's
outstanding items.  Should posting be impossible (no poster), the charge
waits with ``charge_state='pending'`` and :func:`post_pending` hands it over
later, so no chargeable repair is ever lost.  A repair is charged once: a
返修 after it is not charged again.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.errors import Problem, ValidationFailed
from propdesk.models import Room
from propdesk.models.service import StockItem, StockMovement, WorkOrder
from propdesk.money import ZERO, fmt, round_fen
from propdesk.security import WORKORDER_DISPATCH, WORKORDER_HANDLE, Actor, require
from propdesk.services import audit

ITEM_NAME = "有偿维修"


@dataclass(frozen=True)
class ChargeLine:
    """One part of a repair's charge, as printed on the 报修单."""

    label: str
    qty: Decimal
    unit: str
    unit_price: Decimal
    amount: Decimal


@dataclass(frozen=True)
class ChargeRequest:
    """What billing needs to raise an outstanding one-off line."""

    room_id: uuid.UUID
    customer_id: uuid.UUID
    amount: Decimal
    item_name: str           # 收费项目 as the cashier sees it: 有偿维修
    description: str         # BX-T01-20261123-0001 人工费 50.00 + 材料费 25.00
    source: str              # "work_order"
    source_id: uuid.UUID     # the work order's id (idempotency key for billing)
    source_no: str           # the work order's number
    charge_date: dt.date


ChargePoster = Callable[[Session, Actor, ChargeRequest], str]


FEE_ITEM = "SERV"  # billing's seeded 有偿服务费 (temporary) fee item


def billing_poster() -> ChargePoster | None:
    """Billing's one-off charge (:func:`propdesk.services.billing.ledger.charge`)."""
    return _post_to_billing


def _post_to_billing(session: Session, actor: Actor, request: ChargeRequest) -> str:
    from propdesk.services.billing.ledger import charge

    # The service desk is the authority for a repair's charge: the order was marked 有偿
    # at the desk and the amount comes from the order's labour and issued materials,
    # checked by the caller (WORKORDER_HANDLE on one's own order, or WORKORDER_DISPATCH
    # when the desk hands over a charge that was left pending).
    authority = WORKORDER_HANDLE if actor.can(WORKORDER_HANDLE) else WORKORDER_DISPATCH
    line = charge(session, actor, authority=authority, target_kind="room", target_id=request.room_id,
                  fee_item=FEE_ITEM, amount=request.amount,
                  reason=f"{ITEM_NAME} {request.description}", customer_id=request.customer_id,
                  due=request.charge_date, on=request.charge_date)
    return str(line.id)


def charge_lines(session: Session, order: WorkOrder) -> list[ChargeLine]:
    """Labour and each material movement of the order, each rounded once to the fen."""
    lines: list[ChargeLine] = []
    if order.labour_fee:
        lines.append(ChargeLine("人工费", order.labour_hours, "工时", ZERO, order.labour_fee))
    rows = session.execute(
        select(StockMovement, StockItem).join(StockItem, StockItem.id == StockMovement.item_id)
        .where(StockMovement.work_order_id == order.id)
        .order_by(StockMovement.created_at, StockMovement.id))
    for m, item in rows:
        used = -m.qty  # an issue is negative stock, a positive charge
        label = f"{item.name}{(' ' + item.spec) if item.spec else ''}"
        if used < 0:
            label += "（退料）"
        lines.append(ChargeLine(label, used, item.unit, m.unit_price,
                                round_fen(used * m.unit_price)))
    return lines


def charge_total(session: Session, order: WorkOrder) -> Decimal:
    return sum((line.amount for line in charge_lines(session, order)), ZERO)


def _request(session: Session, order: WorkOrder, on: dt.date) -> ChargeRequest:
    from propdesk.services.customers import room_owner

    customer_id = order.customer_id
    if customer_id is None and order.room_id is not None:
        owner = room_owner(session, order.room_id)
        customer_id = owner.id if owner else None
    if order.room_id is None or customer_id is None:
        room = session.get(Room, order.room_id) if order.room_id else None
        where = room.code if room else order.location or order.number
        raise ValidationFailed([Problem(
            f"工单 {order.number}",
            f"有偿维修无法入账：{where} 没有业主或缴费客户。请先在房间资料中登记业主，"
            f"或把工单改为无偿",
            f"cannot charge {where}: no owner or paying customer; register the owner first "
            f"or make the order free of charge")])
    labour = order.labour_fee or ZERO
    materials = order.charge_amount - labour
    return ChargeRequest(
        room_id=order.room_id, customer_id=customer_id, amount=order.charge_amount,
        item_name=ITEM_NAME,
        description=f"{order.number} 人工费 {fmt(labour)} + 材料费 {fmt(materials)}",
        source="work_order", source_id=order.id, source_no=order.number, charge_date=on)


def settle(session: Session, actor: Actor, order: WorkOrder, on: dt.date,
           poster: ChargePoster | None = None) -> None:
    """Fix the order's charge and hand it to billing (or leave it pending)."""
    if not order.chargeable:
        return
    if order.charge_state == "posted":
        return  # 返修 after a charged repair is the office's cost, not charged again
    order.charge_amount = charge_total(session, order)
    if order.charge_amount <= 0:
        order.charge_state = ""
        return
    request = _request(session, order, on)  # refuse now, at the desk, if nobody can pay
    order.charge_state = "pending"
    poster = poster or billing_poster()
    if poster is not None:
        _hand_over(session, actor, order, request, poster)


def _hand_over(session: Session, actor: Actor, order: WorkOrder, request: ChargeRequest,
               poster: ChargePoster) -> None:
    ref = poster(session, actor, request)
    order.charge_ref = str(ref)
    order.charge_state = "posted"
    audit.record(session, actor, "charge", "work_order", order.id,
                 after={"amount": str(request.amount), "customer_id": str(request.customer_id),
                        "billing_line": order.charge_ref},
                 summary=f"有偿维修 {order.number} 入账 {fmt(request.amount)} 元")


def post_pending(session: Session, actor: Actor, *, on: dt.date | None = None,
                 poster: ChargePoster | None = None) -> list[str]:
    """Hand every waiting charge to billing; returns the order numbers posted."""
    require(actor, WORKORDER_DISPATCH)
    poster = poster or billing_poster()
    if poster is None:
        return []
    day = on or dt.date.today()
    posted = []
    for order in session.scalars(select(WorkOrder).where(
            WorkOrder.charge_state == "pending", WorkOrder.deleted_at.is_(None))
            .order_by(WorkOrder.number)):
        _hand_over(session, actor, order, _request(session, order, day), poster)
        posted.append(order.number)
    return posted
