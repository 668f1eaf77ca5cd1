"""Collecting payments against billing's lines: amounts worked out by hand (see World)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from propdesk.clock import today
from propdesk.errors import Conflict, ValidationFailed
from propdesk.models.cashier import Payment, PaymentLine, Receipt
from propdesk.services.billing import ledger
from propdesk.services.cashier import payments, shifts
from propdesk.services.cashier.payments import PaymentRequest, Tender
from propdesk.services.cashier.receipts import find_receipt, receipt_data, verify_receipt
from tests.cashier.conftest import AS_OF


def _quote(db, actor, customer):
    with db.session() as s:
        return payments.quote(s, actor, customer, AS_OF)


def test_quote_lists_every_room_with_late_fees(db, world, cashier):
    q = _quote(db, cashier, world.wang)
    got = [(ln.target_code, ln.period, ln.principal, ln.late_fee) for ln in q.lines]
    # April: due 04-30, late 05-01..06-10 = 41 days; May: due 05-31, late 06-01..06-10 = 10 days
    assert got == [
        ("JD-01-1-0101", "2026-04", D("295.55"), D("6.06")),   # 295.55 × 0.0005 × 41 = 6.058775
        ("JD-01-1-0102", "2026-04", D("205.55"), D("4.21")),   # 205.55 × 0.0005 × 41 = 4.213775
        ("JD-01-1-0101", "2026-05", D("295.55"), D("1.48")),   # 295.55 × 0.0005 × 10 = 1.47775
        ("JD-01-1-0102", "2026-05", D("205.55"), D("1.03")),   # 205.55 × 0.0005 × 10 = 1.02775
    ]
    assert q.total == D("1014.98")   # 1002.20 principal + 12.78 late fees
    assert q.prepaid_balance == D("0.00")


def test_full_payment_in_cash_with_change(db, world, cashier):
    q = _quote(db, cashier, world.wang)
    with db.session() as s:
        res = payments.collect(s, cashier, PaymentRequest(
            world.wang, AS_OF, [ln.key for ln in q.lines],
            [Tender("cash", D("1014.98"), tendered=D("1100.00"))], expected_total=D("1014.98")))
    assert res.total == D("1014.98") and res.change == D("85.02")
    assert res.receipt_number == f"T01-{today():%Y}-000001"
    with db.session() as s:
        assert payments.quote(s, cashier, world.wang, AS_OF).lines == []
        assert ledger.check(s, cashier).ok
        r = find_receipt(s, res.receipt_number)
        data = receipt_data(s, r)
        assert data.total_upper == "壹仟零壹拾肆元玖角捌分"
        assert data.rooms == ["JD-01-1-0101", "JD-01-1-0102"]
        assert [(ln.period, ln.principal, ln.late_fee) for ln in data.lines][0] == (
            "2026-04", D("295.55"), D("6.06"))
        assert data.company == "华兴物业服务有限公司" and data.estate == "锦都花园"
        v = verify_receipt(s, res.code)
        assert v.status == "valid" and v.amount == D("1014.98") and v.payer == "王伟"
        assert verify_receipt(s, data.qr_payload).status == "valid"
        # the same code with another amount in the QR text is caught
        forged = data.qr_payload.replace(":101498:", ":201498:")
        assert verify_receipt(s, forged).status == "mismatch"


def test_partial_payment_follows_the_written_rule(db, world, cashier):
    q = _quote(db, cashier, world.wang)
    with db.session() as s:
        res = payments.collect(s, cashier, PaymentRequest(
            world.wang, AS_OF, [ln.key for ln in q.lines], [Tender("wechat", D("400.00"), reference="WX1")],
            amount=D("400.00")))
    with db.session() as s:
        lines = s.query(PaymentLine).filter_by(payment_id=res.payment_id).order_by(PaymentLine.seq).all()
        # late fee before its own principal, oldest first: 6.06 + 295.55 = 301.61; then 4.21 late
        # fee of 0102/04 and 400.00 − 301.61 − 4.21 = 94.18 of its principal
        assert [(ln.target_code, ln.period, ln.principal, ln.late_fee) for ln in lines] == [
            ("JD-01-1-0101", "2026-04", D("295.55"), D("6.06")),
            ("JD-01-1-0102", "2026-04", D("94.18"), D("4.21")),
        ]
        after = payments.quote(s, cashier, world.wang, AS_OF)
        first = after.lines[0]
        assert (first.target_code, first.period, first.principal) == ("JD-01-1-0102", "2026-04", D("111.37"))
        assert ledger.check(s, cashier).ok


def test_mixed_tenders_must_add_up(db, world, cashier):
    q = _quote(db, cashier, world.wang)
    keys = [q.lines[0].key]   # 295.55 + 6.06 = 301.61
    with db.session() as s, pytest.raises(ValidationFailed) as err:
        payments.collect(s, cashier, PaymentRequest(world.wang, AS_OF, keys, [
            Tender("wechat", D("200.00")), Tender("cash", D("100.00"))]))
    assert "301.61" in str(err.value)
    with db.session() as s, pytest.raises(ValidationFailed):   # only cash gives change
        payments.collect(s, cashier, PaymentRequest(world.wang, AS_OF, keys, [
            Tender("alipay", D("301.61"), tendered=D("310.00"))]))
    with db.session() as s:
        res = payments.collect(s, cashier, PaymentRequest(world.wang, AS_OF, keys, [
            Tender("wechat", D("200.00")), Tender("cash", D("101.61"), tendered=D("110.00"))]))
    assert res.change == D("8.39")


def test_top_up_then_pay_by_prepayment(db, world, cashier):
    q = _quote(db, cashier, world.wang)
    with db.session() as s:
        payments.collect(s, cashier, PaymentRequest(world.wang, AS_OF, [q.lines[0].key],
                                                    [Tender("cash", D("601.61"))], topup=D("300.00")))
    q = _quote(db, cashier, world.wang)
    assert q.prepaid_balance == D("300.00")
    # 0102/04: 205.55 + 4.21 = 209.76 from the prepayment
    with db.session() as s:
        payments.collect(s, cashier, PaymentRequest(world.wang, AS_OF, [q.lines[0].key],
                                                    [Tender("prepaid", D("209.76"))]))
    q = _quote(db, cashier, world.wang)
    assert q.prepaid_balance == D("90.24")   # 300.00 − 209.76
    # next: 0101/05, 295.55 + 1.48 = 297.03, more than the 90.24 held
    with db.session() as s, pytest.raises(ValidationFailed) as err:
        payments.collect(s, cashier, PaymentRequest(world.wang, AS_OF, [q.lines[0].key],
                                                    [Tender("prepaid", D("297.03"))]))
    assert "预存余额只有 90.24" in str(err.value)
    with db.session() as s:
        assert ledger.check(s, cashier).ok
        summ = shifts.summarize(s, cashier, shifts.current_shift(s, cashier).id)
        assert summ.by_method == {"cash": D("601.61")}     # 预存冲抵 moves no money
        assert summ.prepaid_used == D("209.76")
        assert summ.by_fee_item == {"物业管理费": D("511.37"), "预存款": D("300.00")}  # 301.61 + 209.76


def test_stale_screen_and_double_payment_are_refused(db, world, cashier):
    q = _quote(db, cashier, world.wang)
    req = PaymentRequest(world.wang, AS_OF, [q.lines[0].key], [Tender("cash", D("301.61"))],
                         expected_total=D("301.61"))
    with db.session() as s:
        payments.collect(s, cashier, req)
    with db.session() as s, pytest.raises(Conflict):
        payments.collect(s, cashier, req)   # the line was paid meanwhile
    with db.session() as s, pytest.raises(Conflict):
        payments.collect(s, cashier, PaymentRequest(world.wang, AS_OF, [q.lines[1].key],
                                                    [Tender("cash", D("100"))], expected_total=D("100")))


def test_receipt_numbers_per_terminal_never_collide(db, world, cashier, tmp_path):
    q = _quote(db, cashier, world.wang)
    with db.session() as s:
        a = payments.collect(s, cashier, PaymentRequest(world.wang, AS_OF, [q.lines[0].key],
                                                        [Tender("cash", D("301.61"))]))
    from propdesk.db import Database

    t02 = Database(db.url, terminal="T02")
    with t02.session() as s:
        b = payments.collect(s, cashier, PaymentRequest(world.wang, AS_OF, [q.lines[1].key],
                                                        [Tender("cash", D("209.76"))]))
    with db.session() as s:
        c = payments.collect(s, cashier, PaymentRequest(world.wang, AS_OF, [q.lines[2].key],
                                                        [Tender("cash", D("297.03"))]))
    y = f"{today():%Y}"
    assert [a.receipt_number, b.receipt_number, c.receipt_number] == [
        f"T01-{y}-000001", f"T02-{y}-000001", f"T01-{y}-000002"]
    t02.dispose()


@pytest.mark.pg
def test_payment_and_void_on_postgresql(pg_url, admin, cashier):
    """The same documents and billing calls on the central database."""
    from propdesk.db import Database
    from propdesk.security import Actor
    from propdesk.services.cashier import corrections
    from tests.cashier.conftest import build_world

    db = Database(pg_url, terminal="T01")
    db.upgrade()
    with db.session() as s:
        world = build_world(s, admin)
    with db.session() as s:
        q = payments.quote(s, cashier, world.wang, AS_OF)
        assert q.total == D("1014.98")
        res = payments.collect(s, cashier, PaymentRequest(
            world.wang, AS_OF, [ln.key for ln in q.lines], [Tender("alipay", D("1014.98"))]))
    with db.session() as s:
        assert payments.quote(s, cashier, world.wang, AS_OF).lines == []
        corrections.void(s, cashier, res.receipt_number, "测试作废",
                         supervisor=Actor.for_role("王主管", "supervisor"))
    with db.session() as s:
        assert payments.quote(s, cashier, world.wang, AS_OF).total == D("1014.98")
        assert ledger.check(s, cashier).ok
        assert verify_receipt(s, res.code).status == "void"
    db.dispose()


def test_months_ahead_are_priced_from_the_latest_bills(db, world, cashier):
    """预交 N 个月: one month of 王伟 = 295.55 + 205.55 (May's bills); of 李娜 = 230.00."""
    with db.session() as s:
        assert payments.monthly_charge(s, cashier, world.wang) == D("501.10")
        assert payments.monthly_charge(s, cashier, world.li) == D("230.00")
        q = payments.quote(s, cashier, world.li, AS_OF)
        # pay everything and three months ahead: 465.87 + 3 × 230.00 = 1155.87
        res = payments.collect(s, cashier, PaymentRequest(
            world.li, AS_OF, [ln.key for ln in q.lines], [Tender("transfer", D("1155.87"), reference="TR-88")],
            topup=D("690.00")))
        assert res.total == D("1155.87")
        assert res.receipt.topup == D("690.00") and res.receipt.methods_text == "转账 1,155.87"
    with db.session() as s:
        q = payments.quote(s, cashier, world.li, AS_OF)
        assert q.lines == [] and q.prepaid_balance == D("690.00")
        assert ledger.check(s, cashier).ok


def test_restored_terminal_continues_above_what_the_centre_has_seen(db, world, cashier):
    """After a restore from an old backup, sync brings back the centre's high-water mark
    (the series floor): the next receipt is numbered above it, never reusing a number."""
    from propdesk.sync import series

    q = _quote(db, cashier, world.wang)
    with db.session() as s:
        first = payments.collect(s, cashier, PaymentRequest(world.wang, AS_OF, [q.lines[0].key],
                                                            [Tender("cash", D("301.61"))]))
    y = f"{today():%Y}"
    with db.engine.begin() as conn:   # what a sync pull does when the centre saw up to 000041
        series.raise_floors(conn, {f"T01-{y}": 41})
    with db.session() as s:
        second = payments.collect(s, cashier, PaymentRequest(world.wang, AS_OF, [q.lines[1].key],
                                                             [Tender("cash", D("209.76"))]))
    assert (first.receipt_number, second.receipt_number) == (f"T01-{y}-000001", f"T01-{y}-000042")
