"""Card money through billing: deposits (押金), card and replacement fees, monthly parking,
and deposit refunds.

The card services decide *what* a card operation costs and *who* pays; billing
owns the money documents and the cashier collects them.  The two meet in one
function, :data:`CardChargePoster`: given a :class:`CardChargeRequest` billing
writes, in the same transaction, an outstanding line (``fee_kind`` ``deposit``
or ``temporary``) or a deposit refund (``deposit_refund``, pointing at the
billing document of the deposit it refunds) and returns its id.

:func:`billing_poster` returns billing's implementation.  Until billing
provides one, each :class:`~propdesk.models.cards.CardCharge` waits as
``pending`` and :func:`post_pending` hands the waiting ones over later.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.models.cards import CHARGE_KINDS, CardCharge, GateCard, GateCardEvent
from propdesk.money import fmt
from propdesk.security import CARD_ISSUE, Actor, require
from propdesk.services import audit

#: billing's fee kind for each card charge kind
FEE_KINDS = {"deposit": "deposit", "card_fee": "temporary", "replace_fee": "temporary",
             "monthly": "temporary", "deposit_refund": "deposit_refund"}


@dataclass(frozen=True)
class CardChargeRequest:
    """What billing needs to raise one outstanding line (or a deposit refund)."""

    customer_id: uuid.UUID
    estate_id: uuid.UUID | None
    target_kind: str             # room | space | vehicle
    target_id: uuid.UUID
    target_code: str             # JD-01-1-0502, JD-P1-001, 粤B12345
    fee_kind: str                # deposit | temporary | deposit_refund
    item_name: str               # 门禁卡押金, 门禁卡工本费, 补卡费, 月卡停车费, 退门禁卡押金
    amount: Decimal              # positive; for deposit_refund the amount to pay back
    description: str             # 住户卡 A1B2C3D4 押金 50.00
    charge_date: dt.date
    service_from: dt.date | None  # monthly parking: the months paid for
    service_to: dt.date | None
    source: str                  # "card_charge"
    source_id: uuid.UUID         # CardCharge.id: billing's idempotency key
    refund_of: str               # deposit_refund: billing_ref of the deposit charge


CardChargePoster = Callable[[Session, Actor, CardChargeRequest], str]


def billing_poster() -> CardChargePoster | None:
    """Billing's function that posts a card charge, or None while billing has none."""
    return None


def request_for(session: Session, charge: CardCharge) -> CardChargeRequest:
    refund_of = ""
    if charge.refund_of_id is not None:
        refund_of = session.get(CardCharge, charge.refund_of_id).billing_ref
    return CardChargeRequest(
        customer_id=charge.customer_id, estate_id=charge.estate_id, target_kind=charge.target_kind,
        target_id=charge.target_id, target_code=charge.target_code, fee_kind=FEE_KINDS[charge.kind],
        item_name=CHARGE_KINDS[charge.kind], amount=charge.amount, description=charge.description,
        charge_date=charge.charge_date, service_from=charge.service_from, service_to=charge.service_to,
        source="card_charge", source_id=charge.id, refund_of=refund_of)


def add_charge(session: Session, actor: Actor, card: GateCard, event: GateCardEvent, kind: str,
               amount: Decimal, *, day: dt.date, target: tuple[str, uuid.UUID, str],
               service: tuple[dt.date, dt.date] | None = None, refund_of: CardCharge | None = None,
               poster: CardChargePoster | None = None) -> CardCharge:
    """Record one charge of a card event and hand it to billing if billing can take it."""
    if card.customer_id is None:
        raise ValueError("a card charge needs a paying customer")
    kind_label = CHARGE_KINDS[kind]
    charge = CardCharge(
        card_id=card.id, event_id=event.id, kind=kind, amount=amount, customer_id=card.customer_id,
        estate_id=card.estate_id, target_kind=target[0], target_id=target[1], target_code=target[2],
        description=f"{kind_label} {card.uid} {fmt(amount)}元"
        + (f"（{service[0]:%Y-%m-%d} 至 {service[1]:%Y-%m-%d}）" if service else ""),
        charge_date=day, service_from=service[0] if service else None,
        service_to=service[1] if service else None,
        refund_of_id=refund_of.id if refund_of else None)
    session.add(charge)
    session.flush()
    _hand_over(session, actor, charge, poster or billing_poster())
    return charge


def void_pending(session: Session, actor: Actor, charge: CardCharge, reason: str) -> bool:
    """Withdraw a charge billing never received (e.g. a deposit refunded before it was posted)."""
    if charge.state != "pending":
        return False
    charge.state = "void"
    audit.record(session, actor, "void", "card_charge", charge.id,
                 before={"state": "pending"}, after={"state": "void"},
                 summary=f"{CHARGE_KINDS[charge.kind]} {fmt(charge.amount)} 元未入账即作废：{reason}")
    return True


def _hand_over(session: Session, actor: Actor, charge: CardCharge, poster: CardChargePoster | None) -> None:
    if poster is None:
        return
    if charge.refund_of_id is not None:
        original = session.get(CardCharge, charge.refund_of_id)
        if original.state != "posted":  # billing must know the deposit before it can refund it
            return
    charge.billing_ref = str(poster(session, actor, request_for(session, charge)))
    charge.state = "posted"
    audit.record(session, actor, "post", "card_charge", charge.id,
                 after={"amount": str(charge.amount), "kind": charge.kind, "billing_ref": charge.billing_ref},
                 summary=f"{CHARGE_KINDS[charge.kind]} {fmt(charge.amount)} 元交财务入账")


def post_pending(session: Session, actor: Actor, *, poster: CardChargePoster | None = None) -> list[uuid.UUID]:
    """Hand every waiting card charge to billing (deposits before their refunds)."""
    require(actor, CARD_ISSUE)
    poster = poster or billing_poster()
    if poster is None:
        return []
    posted = []
    pending = session.scalars(select(CardCharge).where(
        CardCharge.state == "pending", CardCharge.deleted_at.is_(None))
        .order_by(CardCharge.refund_of_id.is_not(None), CardCharge.created_at, CardCharge.id)).all()
    for charge in pending:
        _hand_over(session, actor, charge, poster)
        if charge.state == "posted":
            posted.append(charge.id)
    return posted


def pending_charges(session: Session, card_id: uuid.UUID | None = None) -> list[CardCharge]:
    stmt = select(CardCharge).where(CardCharge.state == "pending", CardCharge.deleted_at.is_(None))
    if card_id is not None:
        stmt = stmt.where(CardCharge.card_id == card_id)
    return list(session.scalars(stmt.order_by(CardCharge.created_at)))
