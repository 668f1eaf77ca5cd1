"""Document numbers and business dates come from the document's own stamp, in local time.

Stamps are naive UTC; the office is in Beijing (UTC+8).  A payment stamped
2026-12-31 16:30:00 UTC was taken at 2027-01-01 00:30 local time, so its
receipt is in the 2027 series and its shift's business date is 2027-01-01,
whatever date a second read of the machine clock happens to return.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal as D

import pytest

from propdesk.services.cashier import corrections, payments, shifts
from propdesk.services.cashier.payments import PaymentRequest, Tender
from propdesk.services.cashier.receipts import find_receipt
from tests.cashier.conftest import AS_OF
from tests.cashier.test_corrections import _sup

# 2026-12-31 16:30:00 UTC + 8 h = 2027-01-01 00:30:00 Beijing
STAMP = dt.datetime(2026, 12, 31, 16, 30, 0)


@pytest.fixture
def beijing_after_midnight(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    monkeypatch.setattr(shifts, "utcnow", lambda: STAMP)
    yield
    monkeypatch.undo()
    time.tzset()


def test_receipt_refund_and_shift_take_the_local_date_of_their_stamp(
        db, world, cashier, supervisor, beijing_after_midnight):
    sup = _sup(db, supervisor)
    with db.session() as s:
        q = payments.quote(s, cashier, world.wang, AS_OF)
        keys = [ln.key for ln in q.lines if ln.period == "2026-04"]
        # 0101/04 295.55 + 6.06 late, 0102/04 205.55 + 4.21 late = 511.37
        res = payments.collect(s, cashier, PaymentRequest(world.wang, AS_OF, keys,
                                                          [Tender("cash", D("511.37"))]))
        sh = shifts.current_shift(s, cashier)
        assert sh.business_date == dt.date(2027, 1, 1)
        assert sh.number == "BC-T01-20270101-01"
    assert res.receipt_number == "T01-2027-000001"
    assert res.receipt.issued_at == dt.datetime(2027, 1, 1, 0, 30)
    with db.session() as s:
        back = corrections.refund(s, cashier, res.receipt_number, "多收", amount=D("11.37"),
                                  method="cash", supervisor=sup)
    assert back.number == "TK-T01-2027-000001"
    with db.session() as s:
        assert find_receipt(s, res.receipt_number).issued_at == STAMP
