"""Reprint, void and refund: supervisor authorization, reasons, reversal through billing, shifts."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from propdesk.errors import AuthFailed, Conflict, PermissionDenied, ValidationFailed
from propdesk.models.cashier import ReceiptPrint
from propdesk.security import PAY_SUPERVISE
from propdesk.services.billing import ledger
from propdesk.services.cashier import corrections, payments, shifts
from propdesk.services.cashier.payments import PaymentRequest, Tender
from propdesk.services.cashier.receipts import verify_receipt
from propdesk.services.operators import authorize
from tests.cashier.conftest import AS_OF


def _pay_april(db, cashier, world, tenders=None, topup=D("0")):
    """王伟 pays both April lines: 295.55 + 6.06 + 205.55 + 4.21 = 511.37 (+ top-up)."""
    with db.session() as s:
        q = payments.quote(s, cashier, world.wang, AS_OF)
        keys = [ln.key for ln in q.lines if ln.period == "2026-04"]
        total = D("511.37") + topup
        return payments.collect(s, cashier, PaymentRequest(
            world.wang, AS_OF, keys, tenders or [Tender("cash", total)], topup=topup))


def _sup(db, creds):
    with db.session() as s:
        return authorize(s, *creds, PAY_SUPERVISE)


def test_cashier_alone_cannot_void_refund_or_reprint(db, world, cashier):
    res = _pay_april(db, cashier, world)
    with db.session() as s:
        corrections.record_print(s, cashier, res.receipt_number, "escpos")   # the original: fine
    for call in (lambda s: corrections.void(s, cashier, res.receipt_number, "收错房号"),
                 lambda s: corrections.refund(s, cashier, res.receipt_number, "业主搬走"),
                 lambda s: corrections.record_print(s, cashier, res.receipt_number, "escpos", reason="卡纸")):
        with db.session() as s, pytest.raises(PermissionDenied) as err:
            call(s)
        assert "主管授权" in err.value.zh


def test_supervisor_password_authorizes_on_the_cashiers_screen(db, world, cashier, supervisor):
    res = _pay_april(db, cashier, world)
    with db.session() as s, pytest.raises(AuthFailed):
        authorize(s, "zhuguan", "wrong-password", PAY_SUPERVISE)
    sup = _sup(db, supervisor)
    with db.session() as s:
        first = corrections.record_print(s, cashier, res.receipt_number, "escpos")
        assert first.copy is False
        with pytest.raises(ValidationFailed):   # a copy needs a reason
            corrections.record_print(s, cashier, res.receipt_number, "pdf", supervisor=sup)
        copy = corrections.record_print(s, cashier, res.receipt_number, "pdf", supervisor=sup, reason="客户遗失")
        assert copy.copy is True
    with db.session() as s:
        prints = s.query(ReceiptPrint).order_by(ReceiptPrint.created_at).all()
        assert [(p.copy, p.operator_name, p.authorized_by_name, p.reason) for p in prints] == [
            (False, "陈收费", "", ""), (True, "陈收费", "王主管", "客户遗失")]


def test_void_in_the_same_shift_makes_lines_outstanding_again(db, world, cashier, supervisor):
    before = None
    with db.session() as s:
        before = payments.quote(s, cashier, world.wang, AS_OF)
    res = _pay_april(db, cashier, world, topup=D("100.00"))
    sup = _sup(db, supervisor)
    with db.session() as s, pytest.raises(ValidationFailed):
        corrections.void(s, cashier, res.receipt_number, " ", supervisor=sup)
    with db.session() as s:
        corrections.void(s, cashier, res.receipt_number, "收错房号", supervisor=sup)
    with db.session() as s:
        after = payments.quote(s, cashier, world.wang, AS_OF)
        assert [(x.key, x.principal, x.late_fee) for x in after.lines] == \
            [(x.key, x.principal, x.late_fee) for x in before.lines]
        assert after.prepaid_balance == D("0.00")
        assert ledger.check(s, cashier).ok
        assert verify_receipt(s, res.code).status == "void"
        summ = shifts.summarize(s, cashier, shifts.current_shift(s, cashier).id)
        assert summ.takings == D("0.00") and summ.payments == 1 and summ.voids == 1
        with pytest.raises(Conflict):
            corrections.void(s, cashier, res.receipt_number, "再次作废", supervisor=sup)


def test_void_refused_when_its_top_up_was_spent(db, world, cashier, supervisor):
    from propdesk.models.cashier import ReceiptVoid

    res = _pay_april(db, cashier, world, topup=D("300.00"))
    with db.session() as s:
        q = payments.quote(s, cashier, world.wang, AS_OF)
        # 0101/05: 295.55 + 1.48 = 297.03, paid from the 300.00 just deposited
        line = next(x for x in q.lines if x.period == "2026-05")
        payments.collect(s, cashier, PaymentRequest(world.wang, AS_OF, [line.key],
                                                    [Tender("prepaid", line.principal + line.late_fee)]))
    sup = _sup(db, supervisor)
    with db.session() as s, pytest.raises(Conflict) as err:
        corrections.void(s, cashier, res.receipt_number, "收错房号", supervisor=sup)
    assert err.value.zh == (f"收据 {res.receipt_number} 存入的预存 300.00 元已被使用（收费时冲抵或计费后自动冲抵），"
                            "不能作废；请先作废或退款用了这笔预存的收据")
    with db.session() as s:                       # nothing of the void was kept
        assert s.query(ReceiptVoid).count() == 0
        assert verify_receipt(s, res.code).status != "void"
        assert payments.quote(s, cashier, world.wang, AS_OF).prepaid_balance == D("2.97")   # 300.00 − 297.03
        assert ledger.check(s, cashier).ok


def test_void_refused_after_the_shift_closed_refund_allowed(db, world, cashier, supervisor):
    res = _pay_april(db, cashier, world, tenders=[Tender("wechat", D("511.37"))])
    sup = _sup(db, supervisor)
    with db.session() as s:
        sh = shifts.current_shift(s, cashier)
        close = shifts.close_shift(s, cashier, sh.id, counted_cash=D("0.00"))
        assert close.takings == D("511.37") and close.expected_cash == D("0.00")
    with db.session() as s, pytest.raises(Conflict) as err:
        corrections.void(s, cashier, res.receipt_number, "收错了", supervisor=sup)
    assert "已交班" in err.value.zh
    with db.session() as s, pytest.raises(Conflict):   # a closed shift takes no documents at all
        shifts.require_open(s, sh.id)
    # the next collection opens a new shift; a full refund goes back by WeChat
    with db.session() as s:
        r = corrections.refund(s, cashier, res.receipt_number, "重复缴费", supervisor=sup)
        assert (r.amount, r.method) == (D("511.37"), "wechat")
    with db.session() as s:
        q = payments.quote(s, cashier, world.wang, AS_OF)
        april = [x for x in q.lines if x.period == "2026-04"]
        # Outstanding again, with the late fee as of 06-10 as before paying (billing's rule: a
        # payment on day x stops accrual from x + 1, so 05-01..06-10 = 41 days still count):
        # 295.55 × 0.0005 × 41 = 6.058775; 205.55 × 0.0005 × 41 = 4.213775
        assert [(x.principal, x.late_fee) for x in april] == [(D("295.55"), D("6.06")), (D("205.55"), D("4.21"))]
        assert ledger.check(s, cashier).ok
        assert verify_receipt(s, res.code).status == "refunded"
        new = shifts.current_shift(s, cashier)
        assert new.id != sh.id
        assert shifts.summarize(s, cashier, new.id).by_method == {"wechat": D("-511.37")}


def test_partial_refund_gives_back_the_last_line_first(db, world, cashier, supervisor):
    res = _pay_april(db, cashier, world)
    sup = _sup(db, supervisor)
    with db.session() as s:
        with pytest.raises(ValidationFailed):
            corrections.refund(s, cashier, res.receipt_number, "多收", amount=D("600.00"), supervisor=sup)
        r = corrections.refund(s, cashier, res.receipt_number, "0102 已由租户缴纳", amount=D("100.00"),
                               method="cash", supervisor=sup)
        assert r.amount == D("100.00")
    with db.session() as s:
        q = payments.quote(s, cashier, world.wang, AS_OF)
        april = {x.target_code: x for x in q.lines if x.period == "2026-04"}
        # the last line (0102/04) gives back its principal first: 100.00 of 205.55
        assert list(april) == ["JD-01-1-0102"]
        assert april["JD-01-1-0102"].principal == D("100.00")
        assert ledger.check(s, cashier).ok
        assert corrections.refundable(s, corrections.find_receipt(s, res.receipt_number)) == D("411.37")
        r2 = corrections.refund(s, cashier, res.receipt_number, "余款退回", supervisor=sup)
        assert r2.amount == D("411.37")
    with db.session() as s:
        q = payments.quote(s, cashier, world.wang, AS_OF)
        april = [x for x in q.lines if x.period == "2026-04"]
        assert sum((x.principal for x in april), D(0)) == D("501.10")   # 295.55 + 205.55
        assert ledger.check(s, cashier).ok
        summ = shifts.summarize(s, cashier, shifts.current_shift(s, cashier).id)
        assert summ.by_method == {"cash": D("0.00")}   # 511.37 − 100.00 − 411.37
        assert summ.refunds == 2


def test_shift_close_counts_cash_and_finance_approves(db, world, cashier, actor_for):
    with db.session() as s:
        shifts.open_shift(s, cashier, opening_float=D("500.00"))
    _pay_april(db, cashier, world, tenders=[Tender("cash", D("511.37"), tendered=D("600.00"))])
    with db.session() as s:
        sh = shifts.current_shift(s, cashier)
    with db.session() as s, pytest.raises(Conflict):   # not closed yet
        shifts.approve_shift(s, actor_for("finance", "赵财务"), sh.id)
    with db.session() as s:
        close = shifts.close_shift(s, cashier, sh.id, counted_cash=D("1010.00"), note="短款1.37")
        # 500.00 float + 511.37 kept (600.00 handed over, 88.63 change)
        assert close.expected_cash == D("1011.37")
    with db.session() as s:
        with pytest.raises(PermissionDenied):
            shifts.approve_shift(s, cashier, sh.id)
        shifts.approve_shift(s, actor_for("finance", "赵财务"), sh.id)
        summ = shifts.summarize(s, actor_for("finance"), sh.id)
        assert summ.state == "approved"
        with pytest.raises(Conflict):
            shifts.approve_shift(s, actor_for("finance", "赵财务"), sh.id)
