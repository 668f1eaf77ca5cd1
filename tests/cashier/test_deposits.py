"""Card deposits (押金) at the cashier: taken with the bills in one payment and receipt,
given back to 'waiting' by a void, paid back through the refund path when the card is
cancelled and returned.  Amounts by hand from the World (tests/cashier/conftest.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from propdesk.errors import Conflict, PermissionDenied, ValidationFailed
from propdesk.receipts import escpos
from propdesk.services import cards as svc
from propdesk.services import cards_billing
from propdesk.services.billing import ledger
from propdesk.services.cashier import corrections, payments, shifts
from propdesk.services.cashier.payments import PaymentRequest, Tender
from propdesk.services.cashier.receipts import find_receipt, verify_receipt
from propdesk.services.operators import authorize
from propdesk.security import PAY_SUPERVISE
from tests.cards.conftest import card_sim, keystore, reader, site  # noqa: F401  (fixtures)
from tests.cashier.conftest import AS_OF

UID = bytes.fromhex("A1B2C3D4")


@pytest.fixture
def wang_card(db, admin, world, card_sim, reader, site):  # noqa: F811
    """王伟's resident card for 0101, issued on 06-10 with a 50.00 deposit and a 20.00 card fee."""
    card_sim.place_card(UID)
    with db.session() as s:
        return svc.issue_card(s, admin, reader, site, svc.IssueRequest(
            card_type="resident", room_id=world.rooms["0101"], holder_name="王伟",
            valid_until=dt.date(2030, 6, 30), deposit=D("50"), card_fee=D("20")), today=AS_OF)


def pay_all(db, cashier, customer, tendered: str, **kw) -> payments.PaymentResult:
    with db.session() as s:
        q = payments.quote(s, cashier, customer, AS_OF)
        return payments.collect(s, cashier, PaymentRequest(
            customer, AS_OF, [ln.key for ln in q.lines], [Tender("cash", q.total, D(tendered))],
            expected_total=q.total, **kw))


def test_the_deposit_is_a_line_beside_the_bills_and_on_the_receipt(db, cashier, world, wang_card):
    with db.session() as s:
        q = payments.quote(s, cashier, world.wang, AS_OF)
    # 0101/0102 April and May 1002.20 + 12.78 late fees (the World), the card fee 20.00
    # (a billing line due 06-10, no late fee yet), then the deposit 50.00: 1084.98
    assert [(ln.kind, ln.fee_item, ln.period, ln.total) for ln in q.lines[-2:]] == [
        ("bill", "门禁卡工本费", "2026-06", D("20.00")), ("deposit", "门禁卡押金", "", D("50.00"))]
    assert q.lines[-1].note == "卡号 A1B2C3D4" and q.lines[-1].target_code == "JD-01-1-0101"
    assert q.total == D("1084.98") and q.deposit_refunds == []

    res = pay_all(db, cashier, world.wang, "1100")
    assert (res.total, res.change) == (D("1084.98"), D("15.02"))
    r = res.receipt
    assert r.deposit == D("50.00") and r.total == D("1084.98")
    assert r.lines[-1].item == "门禁卡押金（卡号 A1B2C3D4）" and r.lines[-1].amount == D("50.00")
    with db.session() as s:
        pay = s.get(payments.Payment, res.payment_id)
        # principal 1002.20 + 20.00, late fee 12.78, deposit 50.00
        assert (pay.principal, pay.late_fee, pay.deposit, pay.topup, pay.total) == (
            D("1022.20"), D("12.78"), D("50.00"), D("0.00"), D("1084.98"))
        held = ledger.deposits(s, cashier, world.wang)
        assert [(d.amount, amount, d.doc_type, d.doc_id) for d, amount in held] == [
            (D("50.00"), D("50.00"), "cashier_payment", res.payment_id)]
        assert cards_billing.deposits_due(s, cashier, world.wang) == []
        assert payments.quote(s, cashier, world.wang, AS_OF).lines == []
        assert svc.card_detail(s, cashier, wang_card.card_id).deposit_state == "held"   # no longer "due"
        summary = shifts.summarize(s, cashier, pay.shift_id)
        assert summary.by_fee_item["门禁卡押金"] == D("50.00") and summary.by_method == {"cash": D("1084.98")}
        assert ledger.check(s, cashier).ok
    # printed on a 58 mm receipt as 押金 with its card, wrapped under the item
    from drivers.simulators.printer import PrinterSimulator

    sim = PrinterSimulator()
    sim.feed(escpos.render(r))
    assert "门禁卡押金（卡号           50.00" in sim.lines and "A1B2C3D4）" in sim.lines   # 16 + 10 + 5 = 31


def test_deposits_are_taken_in_full_and_never_from_prepayment(db, admin, cashier, world, card_sim, reader, site):  # noqa: F811
    card_sim.place_card(UID)
    with db.session() as s:
        svc.issue_card(s, admin, reader, site, svc.IssueRequest(
            card_type="resident", room_id=world.rooms["0201"], holder_name="李娜",
            valid_until=dt.date(2030, 6, 30), deposit=D("100")), today=AS_OF)
        q = payments.quote(s, cashier, world.li, AS_OF)
        keys = [ln.key for ln in q.lines]
        # 李娜 0201: 230.00 + 4.72 and 230.00 + 1.15 (the World), and the 100.00 deposit
        assert q.total == D("565.87")
        with pytest.raises(ValidationFailed) as err:
            payments.plan(q.lines, D("80"))
        assert "押金须全额收取：本次缴纳至少 100.00" in err.value.problems[0].zh
        with pytest.raises(ValidationFailed) as err:
            payments.collect(s, cashier, PaymentRequest(world.li, AS_OF, keys[-1:], [Tender("prepaid", D("100"))]))
        assert err.value.problems[0].where == "预存冲抵"
    # 300.00: the deposit 100.00 first, then 200.00 by the partial rule: April's late fee
    # 4.72, then 195.28 of April's 230.00 principal (34.72 left); May untouched
    with db.session() as s:
        res = payments.collect(s, cashier, PaymentRequest(world.li, AS_OF, keys, [Tender("cash", D("300"))],
                                                          amount=D("300"), expected_total=D("300")))
        assert res.total == D("300.00")
        pay = s.get(payments.Payment, res.payment_id)
        assert (pay.principal, pay.late_fee, pay.deposit) == (D("195.28"), D("4.72"), D("100.00"))
        left = payments.quote(s, cashier, world.li, AS_OF).lines
        assert [(ln.kind, ln.period, ln.principal) for ln in left] == [
            ("bill", "2026-04", D("34.72")), ("bill", "2026-05", D("230.00"))]


def test_a_void_puts_the_deposit_back_to_waiting(db, cashier, world, wang_card, supervisor):
    res = pay_all(db, cashier, world.wang, "1084.98")
    with pytest.raises(PermissionDenied), db.session() as s:
        corrections.void(s, cashier, res.receipt_number, "收错人")
    with db.session() as s:
        sup = authorize(s, *supervisor, PAY_SUPERVISE)
        corrections.void(s, cashier, res.receipt_number, "收错人", supervisor=sup)
    with db.session() as s:
        due = cards_billing.deposits_due(s, cashier, world.wang)
        assert [(d.kind, d.amount) for d in due] == [("deposit", D("50.00"))]
        assert [amount for _d, amount in ledger.deposits(s, cashier, world.wang)] == [D("0.00")]   # 50 in, 50 back
        q = payments.quote(s, cashier, world.wang, AS_OF)
        assert q.total == D("1084.98") and q.lines[-1].kind == "deposit"     # all owed again, deposit too
        assert ledger.check(s, cashier).ok
    res2 = pay_all(db, cashier, world.wang, "1084.98")                      # and it can be taken again
    assert res2.receipt.deposit == D("50.00")


def test_a_cancelled_cards_deposit_is_paid_back_through_the_refund_path(
        db, admin, cashier, world, wang_card, supervisor, card_sim, reader, site):  # noqa: F811
    res = pay_all(db, cashier, world.wang, "1100")
    with db.session() as s:
        receipt = find_receipt(s, res.receipt_number)
        # the bills can be refunded, the deposit stays with its card: 1084.98 − 50.00
        assert corrections.refundable(s, receipt) == D("1034.98")
        svc.cancel_card(s, admin, wang_card.card_id, card_io=reader, secrets=site, today=AS_OF)   # card returned
    with db.session() as s:
        q = payments.quote(s, cashier, world.wang, AS_OF)
        assert q.lines == [] and [(d.uid, d.amount) for d in q.deposit_refunds] == [("A1B2C3D4", D("-50.00"))]
        charge = q.deposit_refunds[0].charge_id
    with pytest.raises(PermissionDenied) as err, db.session() as s:
        corrections.refund_deposit(s, cashier, charge, "退卡")
    assert "退押金需要主管授权" in err.value.zh
    with pytest.raises(Conflict) as err, db.session() as s:
        corrections.void(s, cashier, res.receipt_number, "收错人",          # the deposit is on its way back
                         supervisor=authorize(s, *supervisor, PAY_SUPERVISE))
    assert err.value.zh == (f"收据 {res.receipt_number} 不能作废：门禁卡押金 卡号A1B2C3D4已随注销办理退还，不能撤回；"
                            "其余款项请改办退款")
    with db.session() as s:
        sup = authorize(s, *supervisor, PAY_SUPERVISE)
        back = corrections.refund_deposit(s, cashier, charge, "退卡", supervisor=sup)
    assert (back.receipt_number, back.amount, back.method) == (res.receipt_number, D("50.00"), "cash")
    with db.session() as s:
        assert cards_billing.deposits_due(s, cashier, world.wang) == []
        assert [amount for _d, amount in ledger.deposits(s, cashier, world.wang)] == [D("0.00")]
        receipt = find_receipt(s, res.receipt_number)
        assert corrections.refundable(s, receipt) == D("1034.98")            # 1084.98 − 50.00 refunded
        assert verify_receipt(s, res.code).refunded == D("50.00")
        summary = shifts.summarize(s, cashier, s.get(payments.Payment, res.payment_id).shift_id)
        assert summary.by_method == {"cash": D("1034.98")} and summary.refunds == 1
        assert summary.by_fee_item["门禁卡押金"] == D("0.00")                 # 50.00 in, 50.00 out
        assert ledger.check(s, cashier).ok
    with pytest.raises(Conflict), db.session() as s:                         # paid back once only
        corrections.refund_deposit(s, cashier, charge, "退卡", supervisor=authorize(s, *supervisor, PAY_SUPERVISE))


def test_refunding_the_receipt_gives_back_the_bills_not_the_deposit(db, cashier, world, wang_card, supervisor):
    res = pay_all(db, cashier, world.wang, "1084.98")
    with db.session() as s:
        back = corrections.refund(s, cashier, res.receipt_number, "缴错了",
                                  supervisor=authorize(s, *supervisor, PAY_SUPERVISE))
    assert back.amount == D("1034.98")                  # everything but the 50.00 deposit
    with db.session() as s:
        q = payments.quote(s, cashier, world.wang, AS_OF)
        assert q.total == D("1034.98") and all(ln.kind == "bill" for ln in q.lines)   # the bills owed again
        assert [amount for _d, amount in ledger.deposits(s, cashier, world.wang)] == [D("50.00")]  # still held
        assert corrections.refundable(s, find_receipt(s, res.receipt_number)) == D("0.00")
        assert ledger.check(s, cashier).ok
