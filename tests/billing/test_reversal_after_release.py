"""Voiding a payment whose item was lowered afterwards; every amount is worked out by hand
in the comments."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal as D

from propdesk.services.billing import ledger, run
from tests.billing.conftest import mgmt_with_late_fee, open_item


def test_voiding_a_payment_after_its_item_was_lowered_keeps_the_item_whole(db, admin, estate):
    with db.session() as s:
        mgmt_with_late_fee(s, admin)
        run.commit(s, admin, "2026-04")
        owner = estate.owners["0201"]
        it = open_item(s, admin, owner, dt.date(2026, 4, 10))
        # 230.00 paid on 04-10 (before the due date: no late fee)
        doc = uuid.uuid4()
        ledger.settle(s, admin, owner, [ledger.SettleRequest(it.slot, D("230.00"))], on=dt.date(2026, 4, 10),
                      doc_type="cashier_payment", doc_id=doc)
        # 04-12 the item is lowered by 100.00: billed 130.00, paid 230.00 → 100.00 to general prepayment
        ledger.adjust(s, admin, it.slot, D("-100.00"), "面积更正", on=dt.date(2026, 4, 12))
        b = ledger.balance(s, admin, owner)
        assert (b.receivable, b.prepaid) == (D("0.00"), D("100.00"))
        # 04-15 the payment is voided: the 230.00 goes back to the payer.  The 100.00 that the payment
        # had left over in the prepayment goes with it; the item owes its 130.00 again, no more.
        ledger.reverse_settlement(s, admin, "cashier_payment", doc, on=dt.date(2026, 4, 15), reason="收错")
        it = open_item(s, admin, owner, dt.date(2026, 4, 15))
        assert (it.billed, it.paid, it.outstanding) == (D("130.00"), D("0.00"), D("130.00"))
        b = ledger.balance(s, admin, owner)
        assert (b.receivable, b.prepaid) == (D("130.00"), D("0.00"))
        assert ledger.check(s, admin).ok, ledger.check(s, admin).problems


def test_voiding_the_payment_that_charged_a_late_fee_another_one_paid(db, admin, estate):
    with db.session() as s:
        mgmt_with_late_fee(s, admin)
        run.commit(s, admin, "2026-04")
        owner = estate.owners["0201"]
        it = open_item(s, admin, owner, dt.date(2026, 5, 10))
        # 05-10 payment A: 30.00 of the 230.00 principal; it charges the 1.15 late fee (10 days × 0.115)
        # without paying it.  Payment B, the same day, pays those 1.15.
        a, b = uuid.uuid4(), uuid.uuid4()
        ledger.settle(s, admin, owner, [ledger.SettleRequest(it.slot, D("30.00"))], on=dt.date(2026, 5, 10),
                      doc_type="cashier_payment", doc_id=a)
        ledger.settle(s, admin, owner, [ledger.SettleRequest(it.slot, D("0.00"), D("1.15"))],
                      on=dt.date(2026, 5, 10), doc_type="cashier_payment", doc_id=b)
        # 05-12 A is voided: its 30.00 and the 1.15 late fee it charged are taken back, so the 1.15
        # B paid has nothing left to pay and goes to the prepayment.
        ledger.reverse_settlement(s, admin, "cashier_payment", a, on=dt.date(2026, 5, 12), reason="收错")
        assert ledger.check(s, admin).ok, ledger.check(s, admin).problems
        assert ledger.balance(s, admin, owner).prepaid == D("1.15")
        # late fee as of 05-12: 05-01..05-10 on 230.00 = 1.15, 05-11..05-12 on 200.00 = 0.20 → 1.35
        it = open_item(s, admin, owner, dt.date(2026, 5, 12))
        assert (it.outstanding, it.late_fee) == (D("230.00"), D("1.35"))
