"""The cashier's side of the billing API: the only module here that calls billing.

Billing (propdesk.services.billing) owns bill lines, allocations, the
append-only ledger, prepayments and late fees; the cashier asks it for a
customer's outstanding lines, hands it the allocations of a payment, and
asks it to reverse them after a void or refund.  Everything billing-specific
the cashier needs goes through these few functions, so a change in billing's
API is a change here only.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from propdesk.money import ZERO


@dataclass(frozen=True)
class DueLine:
    """One line the payer owes: an outstanding bill item with its late fee as of a date,
    or (``kind`` "deposit", from :mod:`.card_link`) a card deposit to hand over, whose
    ``key`` is the card charge and ``note`` the card."""

    key: str                      # stable key of the bill item (billing's slot)
    bill_line_id: uuid.UUID | None
    target_kind: str              # room | space | vehicle
    target_id: uuid.UUID | None
    target_code: str
    fee_item: str
    fee_item_id: uuid.UUID | None
    period: str                   # YYYY-MM
    due_date: dt.date
    principal: Decimal            # principal still unpaid
    late_fee: Decimal = ZERO      # late fee as of the quote date
    late_formula: str = ""
    kind: str = "bill"            # bill | deposit
    note: str = ""                # a deposit: the card it is held for

    @property
    def total(self) -> Decimal:
        return self.principal + self.late_fee

    @property
    def overdue(self) -> bool:
        return self.late_fee > 0


# --- calls into billing ---------------------------------------------------------------------
#
# Documents the cashier hands to billing: a payment is ("cashier_payment",
# payment id); the part of a payment kept after a partial refund is
# re-settled as ("cashier_refund", refund id); a voided top-up is taken back
# as ("cashier_void", void id).

PAYMENT_DOC = "cashier_payment"
REFUND_DOC = "cashier_refund"
VOID_DOC = "cashier_void"


def _bl():
    from propdesk.services.billing import ledger

    return ledger


def outstanding(session, actor, customer_id: uuid.UUID, as_of: dt.date) -> list[DueLine]:
    """Every open item of the customer (all rooms, spaces, vehicles): oldest period
    first, then by room/space code, so the screen and a partial payment go in an
    order the payer can follow."""
    out = []
    for it in _bl().outstanding(session, actor, customer_id, as_of=as_of):
        out.append(DueLine(
            key=str(it.slot), bill_line_id=it.line_id, target_kind=it.target_kind,
            target_id=it.target_id, target_code=it.target_code, fee_item=it.fee_item,
            fee_item_id=it.fee_item_id, period=it.bill_period, due_date=it.due_date,
            principal=max(it.outstanding, ZERO), late_fee=it.late_fee,
            late_formula=it.late_fee_formula))
    return sorted(out, key=lambda d: (d.period, d.due_date, d.target_code, d.fee_item))


def prepaid_balance(session, actor, customer_id: uuid.UUID) -> Decimal:
    """The general prepayment (通用预存) that 预存冲抵 at the desk may spend."""
    return _bl().balance(session, actor, customer_id).prepaid_general


def settle(session, actor, customer_id: uuid.UUID, doc_type: str, doc_id: uuid.UUID, on: dt.date,
           parts: list[tuple[DueLine, Decimal, Decimal]], prepaid: Decimal = ZERO) -> list[str]:
    """Apply (line, principal, late fee) parts to billing under one document.

    ``prepaid`` of it is paid from the customer's general prepayment: it
    funds the parts in order (each late fee before its principal) and is
    taken from the prepayment ledger; the rest is money received.  Returns
    the settlement reference of each part."""
    bl = _bl()
    from propdesk.billing.periods import Period
    from propdesk.services.billing.common import ledger as post_ledger

    from_prepaid: list = []
    from_money: list = []
    budget = prepaid
    for line, principal, late in parts:
        slot = uuid.UUID(line.key)
        take_late = min(budget, late)
        budget -= take_late
        take_principal = min(budget, principal)
        budget -= take_principal
        if take_late or take_principal:
            from_prepaid.append(bl.SettleRequest(slot, take_principal, take_late))
        if late - take_late or principal - take_principal:
            from_money.append(bl.SettleRequest(slot, principal - take_principal, late - take_late))
    if budget:
        raise ValueError("prepaid amount exceeds the parts it should pay")
    if from_prepaid:
        s = bl.settle(session, actor, customer_id, from_prepaid, on=on, doc_type=doc_type, doc_id=doc_id,
                      source="prepayment")
        by_key: dict = {}
        for a in s.allocations:
            by_key[(a.estate_id, a.post_period)] = by_key.get((a.estate_id, a.post_period), ZERO) + a.amount
        for (estate_id, post), amount in by_key.items():
            post_ledger(session, actor, customer_id=customer_id, account="prepaid", amount=-amount,
                        kind="prepay_use", doc_type=doc_type, doc_id=doc_id, on=on,
                        post_period=Period.parse(post), estate_id=estate_id, memo="收费台预存冲抵")
    if from_money:
        bl.settle(session, actor, customer_id, from_money, on=on, doc_type=doc_type, doc_id=doc_id)
    return [f"{doc_type}:{doc_id}"] * len(parts)


def top_up(session, actor, customer_id: uuid.UUID, amount: Decimal, doc_type: str,
           doc_id: uuid.UUID, on: dt.date) -> None:
    """预存: credit the customer; kept for coming bills (the cashier already chose what to pay)."""
    _bl().topup_prepayment(session, actor, customer_id, amount, on=on, doc_type=doc_type,
                           doc_id=doc_id, offset=False, memo="收费台预存")


def take_back_topup(session, authorizer, customer_id: uuid.UUID, amount: Decimal, doc_type: str,
                    doc_id: uuid.UUID, on: dt.date, reason: str) -> None:
    """Undo a top-up (void or refund); fails if the prepayment was already spent."""
    _bl().refund_prepayment(session, authorizer, customer_id, amount, on=on, reason=reason,
                            doc_type=doc_type, doc_id=doc_id)


def reverse(session, authorizer, doc_type: str, doc_id: uuid.UUID, on: dt.date, reason: str) -> None:
    """Undo every allocation of a document: its lines are outstanding again, the
    late fee it charged is taken back, prepayment it used is given back."""
    _bl().reverse_settlement(session, authorizer, doc_type, doc_id, on=on, reason=reason)


def items_of(session, actor, target_id: uuid.UUID) -> list:
    """Every bill item of a room or space, paid or not (billing's own Item objects)."""
    return _bl().room_items(session, actor, target_id)
