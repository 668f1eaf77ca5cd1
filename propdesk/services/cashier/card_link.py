"""The cashier's side of the card area's money: the only module here that calls it.

Issuing a card with a deposit (押金) leaves the deposit waiting for the
cashier (:mod:`propdesk.services.cards_billing`); cancelling a returned card
leaves its refund waiting the same way.  The cashier lists the deposits of a
payer beside the bills (:func:`deposit_lines`), takes them in a payment
(:func:`take`: billing records the deposit as held, under the payment's
document), gives them back when that payment is voided (:func:`untake`), and
pays a cancelled card's deposit back through the refund path
(:func:`pay_back`).
"""

from __future__ import annotations

import datetime as dt
import uuid

from propdesk.clock import today
from propdesk.services import cards_billing
from propdesk.services.cards_billing import DepositDue
from propdesk.services.cashier.billing_link import DueLine

DEPOSIT = "deposit"


def fee_item_name(session) -> str:
    """What the receipt calls a card deposit: billing's name of the deposit fee item."""
    from sqlalchemy import select

    from propdesk.models.billing import FeeItem

    code = cards_billing.FEE_ITEMS["deposit"]
    return session.scalar(select(FeeItem.name).where(FeeItem.code == code)) or "门禁卡押金"


def card_note(uid: str) -> str:
    """The receipt line's note: which card the deposit is held for."""
    return f"卡号 {uid}"


def as_line(due: DepositDue, item: str) -> DueLine:
    """A deposit to take, as a line of the payer's list (no period, no late fee)."""
    return DueLine(key=str(due.charge_id), bill_line_id=None, target_kind=due.target_kind,
                   target_id=due.target_id, target_code=due.target_code, fee_item=item,
                   fee_item_id=None, period="", due_date=due.charge_date or today(),
                   principal=due.amount, kind=DEPOSIT, note=card_note(due.uid))


def deposit_lines(session, actor, customer_id: uuid.UUID) -> list[DueLine]:
    """The card deposits the payer is to hand over, oldest first."""
    dues = [d for d in cards_billing.deposits_due(session, actor, customer_id) if d.kind == "deposit"]
    if not dues:
        return []
    item = fee_item_name(session)
    return [as_line(d, item) for d in dues]


def refunds_due(session, actor, customer_id: uuid.UUID) -> list[DepositDue]:
    """Deposits of the payer's cancelled cards waiting to be paid back (amount < 0)."""
    return [d for d in cards_billing.deposits_due(session, actor, customer_id) if d.kind == "deposit_refund"]


def refund_due(session, actor, charge_id: uuid.UUID) -> DepositDue:
    due = cards_billing.deposit_due(session, actor, charge_id)
    if due.kind != "deposit_refund":
        from propdesk.errors import Conflict

        raise Conflict("这笔押金是待收取的，不是待退还的", "this deposit is to be taken, not paid back")
    return due


def take(session, actor, line: DueLine, doc_type: str, doc_id: uuid.UUID, on: dt.date) -> uuid.UUID:
    """Billing records the deposit as held under the payment's document; its deposit id."""
    deposit = cards_billing.collect_deposit(session, actor, uuid.UUID(line.key), on=on,
                                            doc_type=doc_type, doc_id=doc_id)
    return deposit.id


def check_untake(session, charge_key: str) -> None:
    """Conflict unless :func:`untake` can give this deposit back (no refund of it under way)."""
    cards_billing.held_deposit(session, uuid.UUID(charge_key))


def untake(session, authorizer, charge_key: str, on: dt.date, reason: str) -> None:
    """The payment that took the deposit is void: billing gives it back, it waits again."""
    cards_billing.uncollect_deposit(session, authorizer, uuid.UUID(charge_key), on=on, reason=reason)


def pay_back(session, authorizer, charge_id: uuid.UUID, on: dt.date, reason: str) -> None:
    """Billing's refund of a cancelled card's deposit (主管)."""
    cards_billing.refund_deposit(session, authorizer, charge_id, on=on, reason=reason)
