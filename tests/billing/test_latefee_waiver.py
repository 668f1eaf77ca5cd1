"""Late fees that were waived stay waived; every amount is worked out by hand
in the comments."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal as D

from propdesk.services.billing import ledger, run
from tests.billing.conftest import mgmt_with_late_fee, open_item


def test_a_waived_late_fee_is_not_charged_again_on_the_next_payment(db, admin, estate):
    with db.session() as s:
        mgmt_with_late_fee(s, admin)
        run.commit(s, admin, "2026-04")
        owner = estate.owners["0201"]
        # 0201: 100.00 m² × 2.30 = 230.00, due 2026-04-30.
        # As of 05-10: late 05-01..05-10 = 10 days × 230.00 × 0.0005 = 1.15.
        it = open_item(s, admin, owner, dt.date(2026, 5, 10))
        assert it.late_fee == D("1.15")
        # The supervisor waives those 1.15 and the owner pays 100.00 of the principal on 05-10.
        ledger.settle(s, admin, owner, [ledger.SettleRequest(it.slot, D("100.00"))], on=dt.date(2026, 5, 10),
                      doc_type="cashier_payment", doc_id=uuid.uuid4(), waive_late_fee_reason="首次逾期")
        # As of 05-20: accrued in total 05-01..05-10 on 230.00 = 1.15 (waived) plus
        # 05-11..05-20 = 10 days × 130.00 × 0.0005 = 0.65; only the 0.65 is still to pay.
        it = open_item(s, admin, owner, dt.date(2026, 5, 20))
        assert (it.outstanding, it.late_fee) == (D("130.00"), D("0.65"))
        assert ledger.late_fee(s, admin, it.slot, dt.date(2026, 5, 20))[0] == D("0.65")
        # Paying the rest on 05-20 charges 0.65 of late fee, not 1.80.
        st_ = ledger.settle(s, admin, owner, [ledger.SettleRequest(it.slot, D("130.00"), D("0.65"))],
                            on=dt.date(2026, 5, 20), doc_type="cashier_payment", doc_id=uuid.uuid4())
        assert st_.total == D("130.65")
        assert ledger.outstanding(s, admin, owner, as_of=dt.date(2026, 5, 20)) == []
        assert ledger.check(s, admin).ok


def test_a_late_fee_waived_by_bill_waive_stays_waived(db, admin, estate):
    with db.session() as s:
        mgmt_with_late_fee(s, admin)
        run.commit(s, admin, "2026-04")
        owner = estate.owners["0201"]
        it = open_item(s, admin, owner, dt.date(2026, 5, 10))
        # 05-10: 1.15 late fee (see above) charged and 30.00 of the principal paid → 200.00 left.
        ledger.settle(s, admin, owner, [ledger.SettleRequest(it.slot, D("30.00"), D("1.15"))],
                      on=dt.date(2026, 5, 10), doc_type="cashier_payment", doc_id=uuid.uuid4())
        # 05-20: accrued 05-11..05-20 on 200.00 = 10 × 0.10 = 1.00; charged with a 0.01 payment
        ledger.settle(s, admin, owner, [ledger.SettleRequest(it.slot, D("0.00"), D("0.01"))],
                      on=dt.date(2026, 5, 20), doc_type="cashier_payment", doc_id=uuid.uuid4())
        late = ledger.late_slot(it.slot)
        # late-fee item: charged 1.15 + 1.00 = 2.15, paid 1.16 → 0.99 unpaid; the supervisor waives it
        ledger.waive(s, admin, late, "物业原因")
        # As of 05-20 nothing is left to pay on the late fee: 2.15 accrued, 1.16 paid, 0.99 waived.
        it = open_item(s, admin, owner, dt.date(2026, 5, 20))
        assert (it.outstanding, it.late_fee) == (D("200.00"), D("0.00"))
        # As of 05-25: 05-21..05-25 = 5 days × 200.00 × 0.0005 = 0.50 more, and only that.
        it = open_item(s, admin, owner, dt.date(2026, 5, 25))
        assert it.late_fee == D("0.50")
        assert ledger.check(s, admin).ok


def test_an_adjustment_counts_from_its_local_date(db, admin, estate, monkeypatch):
    """A line's created_at is UTC; the late fee dates it by the office's local day."""
    import time
    import types

    from propdesk import clock

    class AtNight(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2026, 5, 10, 16, 30, tzinfo=dt.timezone.utc)   # 05-11 00:30 in Beijing

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        with db.session() as s:
            mgmt_with_late_fee(s, admin)
            run.commit(s, admin, "2026-04")
            owner = estate.owners["0201"]
            it = open_item(s, admin, owner, dt.date(2026, 5, 10))
            with monkeypatch.context() as m:
                m.setattr(clock, "dt", types.SimpleNamespace(datetime=AtNight, timezone=dt.timezone, date=dt.date))
                line = ledger.adjust(s, admin, it.slot, D("-100.00"), "面积复核")
                s.flush()
            assert line.created_at == dt.datetime(2026, 5, 10, 16, 30)
            # 230.00, due 04-30, lowered on 05-11 (local), so 130.00 from 05-12 on:
            # 05-01..05-11 = 11 days × 230.00 × 0.0005 = 1.265; 05-12..05-20 = 9 × 130.00 × 0.0005 = 0.585;
            # 1.85 in all (dated by its UTC day it would be 10 × 0.115 + 10 × 0.065 = 1.80)
            it = open_item(s, admin, owner, dt.date(2026, 5, 20))
            assert (it.outstanding, it.late_fee) == (D("130.00"), D("1.85"))
    finally:
        monkeypatch.delenv("TZ", raising=False)
        time.tzset()
