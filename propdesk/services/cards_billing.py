"""Card money through billing: card and replacement fees, monthly parking, deposits (押金)
and their refunds.  The only module of the card area that calls billing.

The card services decide *what* an operation costs and *who* pays; billing
owns the money documents; the cashier collects.  Each amount is first a
:class:`~propdesk.models.cards.CardCharge` (written with the card event):

* **fees** (工本费, 补卡费, 月卡停车费) become billing one-off lines at once
  (:func:`propdesk.services.billing.ledger.charge`, fee items ``CARDF``,
  ``CARDR``, ``PARKM`` seeded by migration 0004) and the cashier collects them
  with the customer's other outstanding items;
* **deposits** are money *held*, which billing records only when the cashier
  takes it (:func:`~propdesk.services.billing.ledger.receive_deposit`, fee
  item ``CARDD``).  So a deposit waits as a ``pending`` charge; the cashier
  sees it in :func:`deposits_due` and takes it with :func:`collect_deposit`;
* **deposit refunds** (注销 with the card returned) wait the same way until the
  cashier pays them out with :func:`refund_deposit` (billing's
  :func:`~propdesk.services.billing.ledger.refund_deposit`, 主管 permission).
  A deposit that was never collected is simply withdrawn (``void``).

Billing's ``charge`` asks for ``bill.run``, which the front desk does not
have; the front desk may issue cards (``card.issue``, checked by the card
service) and a card's fees follow from that, so the fee lines are raised on
the operator's behalf with ``bill.run`` granted for that one call (the audit
record names the operator).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.errors import Conflict, NotFound
from propdesk.models.cards import CHARGE_KINDS, CardCharge, GateCard, GateCardEvent
from propdesk.money import fmt
from propdesk.security import BILL_VIEW, CARD_ISSUE, Actor, require
from propdesk.services import audit

#: billing fee item code of each card charge kind (seeded by migration 0004)
FEE_ITEMS = {"deposit": "CARDD", "deposit_refund": "CARDD", "card_fee": "CARDF", "replace_fee": "CARDR",
             "monthly": "PARKM"}
SEEDED_FEE_ITEMS = [("CARDF", "门禁卡工本费", "temporary"), ("CARDR", "补卡费", "temporary"),
                    ("PARKM", "月卡停车费", "temporary"), ("CARDD", "门禁卡押金", "deposit")]
FEES = frozenset({"card_fee", "replace_fee", "monthly"})


@dataclass(frozen=True)
class DepositDue:
    """A card deposit the cashier is to take (``amount`` > 0) or pay back (< 0)."""

    charge_id: uuid.UUID
    card_id: uuid.UUID
    kind: str                 # deposit | deposit_refund
    customer_id: uuid.UUID
    target_code: str
    uid: str
    amount: Decimal
    description: str
    target_kind: str = ""
    target_id: uuid.UUID | None = None
    charge_date: dt.date | None = None
    refund_of: uuid.UUID | None = None      # a refund: the deposit charge it pays back


def _post_fee(session: Session, actor: Actor, charge: CardCharge) -> None:
    from propdesk.services.billing import ledger

    line = ledger.charge(session, actor, authority=CARD_ISSUE, target_kind=charge.target_kind, target_id=charge.target_id,
                         fee_item=FEE_ITEMS[charge.kind], amount=charge.amount, reason=charge.description,
                         customer_id=charge.customer_id, on=charge.charge_date, due=charge.charge_date)
    charge.billing_ref = str(line.id)
    charge.state = "posted"


def add_charge(session: Session, actor: Actor, card: GateCard, event: GateCardEvent, kind: str,
               amount: Decimal, *, day: dt.date, target: tuple[str, uuid.UUID, str],
               service: tuple[dt.date, dt.date] | None = None,
               refund_of: CardCharge | None = None) -> CardCharge:
    """Record one charge of a card event; fees go to billing at once, deposits wait for the cashier."""
    if card.customer_id is None:
        raise ValueError("a card charge needs a paying customer")
    charge = CardCharge(
        card_id=card.id, event_id=event.id, kind=kind, amount=amount, customer_id=card.customer_id,
        estate_id=card.estate_id, target_kind=target[0], target_id=target[1], target_code=target[2],
        description=f"{CHARGE_KINDS[kind]} 卡号{card.uid}"
        + (f" {service[0]:%Y-%m-%d}至{service[1]:%Y-%m-%d}" if service else ""),
        charge_date=day, service_from=service[0] if service else None,
        service_to=service[1] if service else None, refund_of_id=refund_of.id if refund_of else None)
    session.add(charge)
    session.flush()
    if kind in FEES:
        _post_fee(session, actor, charge)
    session.flush()
    return charge


def void_pending(session: Session, actor: Actor, charge: CardCharge, reason: str) -> bool:
    """Withdraw a deposit the cashier never took (the card is cancelled before paying)."""
    if charge.state != "pending":
        return False
    charge.state = "void"
    audit.record(session, actor, "void", "card_charge", charge.id,
                 before={"state": "pending"}, after={"state": "void"},
                 summary=f"{CHARGE_KINDS[charge.kind]} {fmt(charge.amount)} 元未收取即作废：{reason}")
    return True


def pending_charges(session: Session, card_id: uuid.UUID | None = None) -> list[CardCharge]:
    stmt = select(CardCharge).where(CardCharge.state == "pending", CardCharge.deleted_at.is_(None))
    if card_id is not None:
        stmt = stmt.where(CardCharge.card_id == card_id)
    return list(session.scalars(stmt.order_by(CardCharge.created_at)))


# --- the cashier's side ---------------------------------------------------------------------------

def deposits_due(session: Session, actor: Actor, customer_id: uuid.UUID) -> list[DepositDue]:
    """Card deposits waiting at the cashier for this customer: to take (+) or to pay back (−)."""
    require(actor, BILL_VIEW)
    rows = session.execute(select(CardCharge, GateCard.uid).join(GateCard, GateCard.id == CardCharge.card_id)
                           .where(CardCharge.customer_id == customer_id, CardCharge.state == "pending",
                                  CardCharge.kind.in_(("deposit", "deposit_refund")),
                                  CardCharge.deleted_at.is_(None))
                           .order_by(CardCharge.created_at))
    return [_due(c, uid) for c, uid in rows]


def deposit_due(session: Session, actor: Actor, charge_id: uuid.UUID) -> DepositDue:
    """One card deposit waiting at the cashier (to take or to pay back)."""
    require(actor, BILL_VIEW)
    row = session.execute(select(CardCharge, GateCard.uid).join(GateCard, GateCard.id == CardCharge.card_id)
                          .where(CardCharge.id == charge_id,
                                 CardCharge.kind.in_(("deposit", "deposit_refund")))).first()
    if row is None:
        raise NotFound("门禁卡押金记录不存在", "card deposit not found")
    _pending(session, charge_id, row[0].kind)
    return _due(*row)


def _due(c: CardCharge, uid: str) -> DepositDue:
    return DepositDue(c.id, c.card_id, c.kind, c.customer_id, c.target_code, uid,
                      c.amount if c.kind == "deposit" else -c.amount, c.description,
                      target_kind=c.target_kind, target_id=c.target_id, charge_date=c.charge_date,
                      refund_of=c.refund_of_id)


def _pending(session: Session, charge_id: uuid.UUID, kind: str) -> CardCharge:
    charge = session.get(CardCharge, charge_id)
    if charge is None or charge.kind != kind:
        raise NotFound("门禁卡押金记录不存在", "card deposit not found")
    if charge.state != "pending":
        raise Conflict(f"{CHARGE_KINDS[kind]} {fmt(charge.amount)} 元已办理（{charge.state}）",
                       f"this card deposit was already handled ({charge.state})")
    return charge


def collect_deposit(session: Session, actor: Actor, charge_id: uuid.UUID, *, on: dt.date,
                    doc_type: str = "", doc_id: uuid.UUID | None = None):
    """The cashier took the card deposit: billing records it as held (returns billing's Deposit)."""
    from propdesk.services.billing import ledger

    charge = _pending(session, charge_id, "deposit")
    deposit = ledger.receive_deposit(session, actor, charge.customer_id, fee_item=FEE_ITEMS["deposit"],
                                     target_kind=charge.target_kind, target_id=charge.target_id,
                                     amount=charge.amount, on=on, doc_type=doc_type, doc_id=doc_id,
                                     note=charge.description)
    charge.billing_ref, charge.state = str(deposit.id), "posted"
    session.flush()
    return deposit


def held_deposit(session: Session, charge_id: uuid.UUID) -> CardCharge:
    """A deposit the cashier took that is still simply held: no refund of it under way."""
    charge = session.get(CardCharge, charge_id)
    if charge is None or charge.kind != "deposit":
        raise NotFound("门禁卡押金记录不存在", "card deposit not found")
    refunds = session.scalar(select(CardCharge.id).where(
        CardCharge.refund_of_id == charge.id, CardCharge.state != "void", CardCharge.deleted_at.is_(None)))
    if charge.state != "posted" or not charge.billing_ref or refunds is not None:
        raise Conflict(f"{charge.description}已随注销办理退还，不能撤回",
                       "this card deposit is being paid back (the card was cancelled); it cannot be taken back")
    return charge


def uncollect_deposit(session: Session, actor: Actor, charge_id: uuid.UUID, *, on: dt.date, reason: str):
    """The payment that took this deposit was voided (作废): billing gives the held amount
    back (主管 permission) and the deposit waits at the cashier again.  Refused once the
    card's deposit is being paid back (the card was cancelled meanwhile)."""
    from propdesk.services.billing import ledger

    charge = held_deposit(session, charge_id)
    ledger.refund_deposit(session, actor, uuid.UUID(charge.billing_ref), refund=charge.amount, on=on,
                          reason=reason)
    charge.billing_ref, charge.state = "", "pending"
    audit.record(session, actor, "uncollect", "card_charge", charge.id,
                 before={"state": "posted"}, after={"state": "pending"},
                 summary=f"{charge.description} {fmt(charge.amount)} 元撤回待收：{reason}")
    session.flush()


def refund_deposit(session: Session, actor: Actor, charge_id: uuid.UUID, *, on: dt.date, reason: str = ""):
    """The cashier pays a cancelled card's deposit back (billing's refund, 主管 permission)."""
    from propdesk.services.billing import ledger

    charge = _pending(session, charge_id, "deposit_refund")
    original = session.get(CardCharge, charge.refund_of_id) if charge.refund_of_id else None
    if original is None or original.state != "posted":
        raise Conflict("这张卡的押金没有经收费员收取，无需退还", "the deposit was never collected")
    events = ledger.refund_deposit(session, actor, uuid.UUID(original.billing_ref), refund=charge.amount, on=on,
                                   reason=reason or charge.description)
    charge.billing_ref, charge.state = str(events[0].id), "posted"
    session.flush()
    return events
