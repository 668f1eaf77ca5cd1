"""Prepayment offset of an overdue item charges its late fee first; amounts worked out by hand."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal as D

from propdesk.services.billing import ledger, run
from tests.billing.conftest import mgmt_with_late_fee


def test_prepayment_offset_of_an_overdue_item_pays_its_late_fee_first(db, admin, estate):
    with db.session() as s:
        mgmt_with_late_fee(s, admin)
        run.commit(s, admin, "2026-04")
        owner = estate.owners["0201"]
        # 0201: 230.00 due 04-30; as of 05-10: 10 days × 230.00 × 0.0005 = 1.15 late fee.
        # A 300.00 top-up on 05-10 pays the late fee 1.15 first, then the 230.00: 68.85 stays prepaid.
        ledger.topup_prepayment(s, admin, owner, D("300.00"), on=dt.date(2026, 5, 10), doc_type="test",
                                doc_id=uuid.uuid4())
        b = ledger.balance(s, admin, owner)
        assert (b.receivable, b.prepaid) == (D("0.00"), D("68.85"))
        assert ledger.outstanding(s, admin, owner, as_of=dt.date(2026, 5, 20)) == []
        assert ledger.check(s, admin).ok
