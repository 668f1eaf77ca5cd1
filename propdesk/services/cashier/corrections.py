"""Reprint (补打), void (作废) and refund (退款): reversal documents, never edits.

All three need PAY_SUPERVISE (主管).  A cashier without it asks a supervisor,
who types their own user name and password on the cashier's screen
(:func:`propdesk.services.operators.authorize`); the supervisor's Actor is
passed here as ``supervisor`` and is recorded as the authorizer, the cashier
as the operator.  Each needs a reason.

* Reprint: the first print of a receipt is the original; every later print is
  a 副本 (copy) and is recorded with who authorized it and why.
* Void: only in the receipt's own shift, while that shift is open; the
  payment's allocations are reversed through billing, so its lines are
  outstanding again, the top-up and any prepayment used are undone, the card
  deposits it took wait at the cashier again (refused once a deposit is
  being paid back), and the shift's takings drop by the voided tenders.
* Refund: any time, full or partial, to a method (not to 预存冲抵), in the
  refunding cashier's open shift.  Written rule for a partial refund: it
  gives back the prepayment top-up first, then the receipt's bill lines from
  the last to the first, each line's principal before its late fee.  The
  amounts given back become outstanding again through billing.  Money paid
  by 预存冲抵 is not refundable in cash: at most the receipt's other tenders,
  less earlier refunds and less the card deposits still held, can be
  refunded.
* Deposit refund (退押金): a card deposit (押金) is paid back only when its
  card was cancelled and returned (the card area leaves the refund waiting at
  the cashier); :func:`refund_deposit` pays it as a refund of the receipt
  that took it, through billing's deposit refund.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.clock import local_date
from propdesk.errors import Conflict, PermissionDenied, Problem, ValidationFailed
from propdesk.models.cashier import (
    PAY_METHODS, REFUND_METHODS, Payment, PaymentLine, PaymentTender, Receipt, ReceiptPrint,
    ReceiptVoid, Refund, RefundLine,
)
from propdesk.money import ZERO, fmt, round_fen
from propdesk.receipts.data import ReceiptData
from propdesk.security import PAY_COLLECT, PAY_SUPERVISE, Actor, require
from propdesk.services import audit
from propdesk.services.cashier import billing_link, card_link
from propdesk.services.cashier.numbering import refund_number
from propdesk.services.cashier.receipts import find_receipt, is_void, receipt_data, refunded
from propdesk.services.cashier.shifts import close_of, ensure_shift, now_utc, require_open


def _authorizer(actor: Actor, supervisor: Actor | None, what: str) -> Actor:
    """The supervisor (or the actor, if a supervisor) who authorizes ``what``."""
    auth = supervisor or actor
    if not auth.can(PAY_SUPERVISE):
        raise PermissionDenied(
            f"{what}需要主管授权：{auth.label} 没有权限，请主管输入用户名和密码授权",
            f"{what} needs a supervisor's authorization; {auth.label} lacks {PAY_SUPERVISE}")
    return auth


def _reason(reason: str, what: str) -> str:
    text = (reason or "").strip()
    if len(text) < 2:
        raise ValidationFailed([Problem("原因", f"{what}必须填写原因", f"{what} needs a reason")])
    return text[:256]


def is_printed(session: Session, receipt_id: uuid.UUID) -> bool:
    return session.scalar(select(ReceiptPrint.id).where(ReceiptPrint.receipt_id == receipt_id)
                          .limit(1)) is not None


def record_print(session: Session, actor: Actor, ref: "str | uuid.UUID", target: str, *,
                 supervisor: Actor | None = None, reason: str = "",
                 prepaid_balance: Decimal | None = None) -> ReceiptData:
    """Record that a receipt goes to ``target`` ("escpos" | "pdf") and return what to print.

    The first print is the original (PAY_COLLECT); later ones are copies
    (副本) that need a supervisor and a reason.
    """
    require(actor, PAY_COLLECT)
    receipt = find_receipt(session, ref)
    copy = is_printed(session, receipt.id)
    auth = None
    if copy:
        auth = _authorizer(actor, supervisor, "补打收据")
        reason = _reason(reason, "补打收据")
    session.add(ReceiptPrint(receipt_id=receipt.id, copy=copy, target=target,
                             operator_id=actor.operator_id, operator_name=actor.label,
                             authorized_by_id=auth.operator_id if auth else None,
                             authorized_by_name=auth.label if auth else "", reason=reason))
    if copy:
        audit.record(session, actor, "reprint", "cashier_receipt", receipt.id,
                     summary=f"补打收据 {receipt.number}（授权：{auth.label}，原因：{reason}）")
    session.flush()
    return receipt_data(session, receipt, copy=copy,
                        prepaid_balance=None if copy else prepaid_balance)


@dataclass(frozen=True)
class VoidResult:
    receipt_number: str
    amount: Decimal


def void(session: Session, actor: Actor, ref: "str | uuid.UUID", reason: str, *,
         supervisor: Actor | None = None) -> VoidResult:
    require(actor, PAY_COLLECT)
    auth = _authorizer(actor, supervisor, "作废收据")
    reason = _reason(reason, "作废收据")
    receipt = find_receipt(session, ref)
    pay = session.get(Payment, receipt.payment_id)
    if close_of(session, pay.shift_id) is not None:
        raise Conflict(f"收据 {receipt.number} 所在班次已交班，不能作废；请改办退款",
                       f"receipt {receipt.number} belongs to a closed shift; refund it instead")
    require_open(session, pay.shift_id)
    if is_void(session, receipt.id):
        raise Conflict(f"收据 {receipt.number} 已作废", f"receipt {receipt.number} is already void")
    if refunded(session, receipt.id):
        raise Conflict(f"收据 {receipt.number} 已有退款，不能作废", f"receipt {receipt.number} has refunds")
    deposit_keys = list(session.scalars(select(PaymentLine.item_key).where(
        PaymentLine.payment_id == pay.id, PaymentLine.kind == card_link.DEPOSIT)))
    for key in deposit_keys:
        try:
            card_link.check_untake(session, key)
        except Conflict as exc:
            raise Conflict(f"收据 {receipt.number} 不能作废：{exc.zh}；其余款项请改办退款",
                           f"receipt {receipt.number} cannot be voided: {exc.en}; refund the rest instead") from None
    with session.begin_nested():   # all of the void or, when a step is refused, nothing of it
        v = ReceiptVoid(receipt_id=receipt.id, shift_id=pay.shift_id, voided_at=now_utc(),
                        operator_id=actor.operator_id, operator_name=actor.label,
                        authorized_by_id=auth.operator_id, authorized_by_name=auth.label, reason=reason)
        session.add(v)
        session.flush()
        why = f"作废收据 {receipt.number}：{reason}"
        # Dated like the payment: a void means it never happened, so late fee
        # accrues as if it had not been paid at all.
        if session.scalar(select(PaymentLine.id).where(PaymentLine.payment_id == pay.id,
                                                       PaymentLine.kind == "bill").limit(1)):
            billing_link.reverse(session, auth, billing_link.PAYMENT_DOC, pay.id, pay.as_of, why)
        for key in deposit_keys:
            card_link.untake(session, auth, key, local_date(v.voided_at), why)
        if pay.topup:
            try:
                billing_link.take_back_topup(session, auth, pay.customer_id, pay.topup, billing_link.VOID_DOC,
                                             v.id, local_date(v.voided_at), why)
            except ValidationFailed:
                raise Conflict(f"收据 {receipt.number} 存入的预存 {fmt(pay.topup)} 元已被使用（收费时冲抵或计费后自动冲抵），"
                               "不能作废；请先作废或退款用了这笔预存的收据",
                               f"receipt {receipt.number}: its top-up of {fmt(pay.topup)} has been spent; "
                               "void or refund the receipts that used it first") from None
        audit.record(session, actor, "void", "cashier_receipt", receipt.id,
                     before={"state": "valid"}, after={"state": "void", "reason": reason},
                     summary=f"作废收据 {receipt.number} {fmt(receipt.amount)} 元（授权：{auth.label}，原因：{reason}）")
    return VoidResult(receipt.number, receipt.amount)


def refundable(session: Session, receipt: Receipt) -> Decimal:
    """Money that can still be paid back on a receipt: not what came from prepayment,
    and not a card deposit still held (that goes back with its card, :func:`refund_deposit`)."""
    if is_void(session, receipt.id):
        return ZERO
    paid = sum(session.scalars(select(PaymentTender.amount).where(
        PaymentTender.payment_id == receipt.payment_id, PaymentTender.method != "prepaid")), ZERO)
    return paid - refunded(session, receipt.id) - deposits_held(session, receipt.payment_id)


def deposits_held(session: Session, payment_id: uuid.UUID) -> Decimal:
    """The card deposits a payment took that have not been paid back."""
    taken = sum(session.scalars(select(PaymentLine.principal).where(
        PaymentLine.payment_id == payment_id, PaymentLine.kind == card_link.DEPOSIT)), ZERO)
    back = sum(session.scalars(select(RefundLine.principal).join(
        PaymentLine, PaymentLine.id == RefundLine.payment_line_id).where(
        PaymentLine.payment_id == payment_id, PaymentLine.kind == card_link.DEPOSIT)), ZERO)
    return taken - back


def _refund_plan(session: Session, pay: Payment, amount: Decimal) -> tuple[Decimal, list[tuple[PaymentLine, Decimal, Decimal]]]:
    """(top-up back, [(line, principal back, late fee back)]) by the written rule."""
    left = amount
    taken_topup = sum(session.scalars(select(RefundLine.topup).join(Refund, Refund.id == RefundLine.refund_id)
                                      .where(Refund.receipt_id == _receipt_id(session, pay.id))), ZERO)
    topup_back = min(left, pay.topup - taken_topup)
    left -= topup_back
    plan: list[tuple[PaymentLine, Decimal, Decimal]] = []
    lines = session.scalars(select(PaymentLine).where(PaymentLine.payment_id == pay.id,
                                                      PaymentLine.kind == "bill")
                            .order_by(PaymentLine.seq.desc())).all()
    for ln in lines:
        if left <= 0:
            break
        done_p = sum(session.scalars(select(RefundLine.principal).where(RefundLine.payment_line_id == ln.id)), ZERO)
        done_f = sum(session.scalars(select(RefundLine.late_fee).where(RefundLine.payment_line_id == ln.id)), ZERO)
        p = min(left, ln.principal - done_p)
        left -= p
        f = min(left, ln.late_fee - done_f)
        left -= f
        if p or f:
            plan.append((ln, p, f))
    return topup_back, plan


def _receipt_id(session: Session, payment_id: uuid.UUID) -> uuid.UUID:
    return session.scalar(select(Receipt.id).where(Receipt.payment_id == payment_id))


def _settlement_doc(session: Session, receipt: Receipt, pay: Payment, exclude: uuid.UUID) -> tuple[str, uuid.UUID]:
    """The billing document that holds a receipt's allocations now: the payment,
    or the latest partial refund that re-settled what was kept."""
    latest = session.scalar(
        select(Refund.id).join(RefundLine, RefundLine.refund_id == Refund.id)
        .join(PaymentLine, PaymentLine.id == RefundLine.payment_line_id)
        .where(Refund.receipt_id == receipt.id, Refund.id != exclude, PaymentLine.kind == "bill",
               (RefundLine.principal > 0) | (RefundLine.late_fee > 0))
        .order_by(Refund.refunded_at.desc(), Refund.number.desc()).limit(1))
    return (billing_link.REFUND_DOC, latest) if latest else (billing_link.PAYMENT_DOC, pay.id)


def _give_back(session: Session, auth: Actor, receipt: Receipt, pay: Payment, f: Refund,
               topup_back: Decimal, lines_back: bool, reason: str) -> None:
    """Billing's side of a refund.

    Billing reverses whole documents, so a refund that gives back part of the
    lines reverses the document holding the receipt's allocations and settles
    again, under the refund's own document and as of the original payment
    date, what the payer keeps (funded by the same prepayment as before).  If
    billing's late fee for a kept line comes out lower than what was paid
    for it (the payment itself stopped one day of accrual), the difference
    stays the payer's money and is credited to their prepayment.
    """
    why = f"退款 {f.number}（收据 {receipt.number}）：{reason}"
    if topup_back:
        billing_link.take_back_topup(session, auth, pay.customer_id, topup_back, billing_link.REFUND_DOC,
                                     f.id, local_date(f.refunded_at), why)
    if not lines_back:
        return
    doc_type, doc_id = _settlement_doc(session, receipt, pay, f.id)
    billing_link.reverse(session, auth, doc_type, doc_id, local_date(f.refunded_at), why)
    kept = []
    for ln in session.scalars(select(PaymentLine).where(PaymentLine.payment_id == pay.id,
                                                        PaymentLine.kind == "bill")
                              .order_by(PaymentLine.seq)):
        back_p = sum(session.scalars(select(RefundLine.principal).where(RefundLine.payment_line_id == ln.id)), ZERO)
        back_f = sum(session.scalars(select(RefundLine.late_fee).where(RefundLine.payment_line_id == ln.id)), ZERO)
        if ln.principal - back_p or ln.late_fee - back_f:
            kept.append((ln, ln.principal - back_p, ln.late_fee - back_f))
    if not kept:
        return
    due = {d.key: d for d in billing_link.outstanding(session, auth, pay.customer_id, pay.as_of)}
    parts, credit = [], ZERO
    for ln, p, fee in kept:
        d = due.get(ln.item_key)
        if d is None:
            credit += p + fee
            continue
        late = min(fee, d.late_fee)
        credit += fee - late
        parts.append((d, min(p, d.principal), late))
        credit += p - min(p, d.principal)
    prepaid = sum(session.scalars(select(PaymentTender.amount).where(
        PaymentTender.payment_id == pay.id, PaymentTender.method == "prepaid")), ZERO)
    billing_link.settle(session, auth, pay.customer_id, billing_link.REFUND_DOC, f.id, pay.as_of, parts,
                        prepaid=min(prepaid, sum((p + x for _, p, x in parts), ZERO)))
    if credit:
        billing_link.top_up(session, auth, pay.customer_id, credit, billing_link.REFUND_DOC, f.id, pay.as_of)


@dataclass(frozen=True)
class RefundResult:
    number: str
    receipt_number: str
    amount: Decimal
    method: str


def _new_refund(session: Session, actor: Actor, auth: Actor, receipt: Receipt, pay: Payment, amount: Decimal,
                method: str | None, reference: str, reason: str) -> Refund:
    """The numbered refund document in the refunding cashier's open shift; ``method``
    None pays back the way the receipt was mostly paid (never to 预存冲抵)."""
    if method is None:
        methods = session.scalars(select(PaymentTender.method).where(
            PaymentTender.payment_id == pay.id, PaymentTender.method != "prepaid")
            .order_by(PaymentTender.amount.desc())).all()
        method = methods[0] if methods else "cash"
    if method not in REFUND_METHODS:
        raise ValidationFailed([Problem("退款方式", f"不能退到 {PAY_METHODS.get(method, method)}",
                                        f"cannot refund to {method}")])
    shift = require_open(session, ensure_shift(session, actor).id)
    at = now_utc()
    f = Refund(number=refund_number(session, local_date(at)), receipt_id=receipt.id, shift_id=shift.id,
               refunded_at=at, method=method, amount=amount, reference=reference.strip()[:64],
               operator_id=actor.operator_id, operator_name=actor.label,
               authorized_by_id=auth.operator_id, authorized_by_name=auth.label, reason=reason)
    session.add(f)
    session.flush()
    return f


def refund(session: Session, actor: Actor, ref: "str | uuid.UUID", reason: str, *,
           amount: Decimal | None = None, method: str | None = None, reference: str = "",
           supervisor: Actor | None = None) -> RefundResult:
    """Pay money back on a receipt: everything still refundable, or ``amount``."""
    require(actor, PAY_COLLECT)
    auth = _authorizer(actor, supervisor, "退款")
    reason = _reason(reason, "退款")
    receipt = find_receipt(session, ref)
    pay = session.get(Payment, receipt.payment_id)
    if is_void(session, receipt.id):
        raise Conflict(f"收据 {receipt.number} 已作废，不能退款", f"receipt {receipt.number} is void")
    left = refundable(session, receipt)
    value = left if amount is None else round_fen(amount)
    if value <= 0 or value > left:
        raise ValidationFailed([Problem("退款金额", f"退款金额应在 0.01 到可退 {fmt(left)} 之间",
                                        f"refund must be between 0.01 and the {left} refundable")])
    topup_back, plan = _refund_plan(session, pay, value)
    f = _new_refund(session, actor, auth, receipt, pay, value, method, reference, reason)
    if topup_back:
        session.add(RefundLine(refund_id=f.id, payment_line_id=None, principal=ZERO, late_fee=ZERO,
                               topup=topup_back))
    for ln, p, fee in plan:
        session.add(RefundLine(refund_id=f.id, payment_line_id=ln.id, principal=p, late_fee=fee,
                               topup=ZERO))
    session.flush()
    _give_back(session, auth, receipt, pay, f, topup_back, bool(plan), reason)
    audit.record(session, actor, "refund", "cashier_receipt", receipt.id,
                 after={"refund": f.number, "amount": str(value), "method": f.method, "reason": reason},
                 summary=f"退款 {f.number}：收据 {receipt.number} 退 {fmt(value)} 元"
                         f"（{PAY_METHODS[f.method]}，授权：{auth.label}，原因：{reason}）")
    return RefundResult(f.number, receipt.number, value, f.method)


def refund_deposit(session: Session, actor: Actor, charge_id: uuid.UUID, reason: str, *,
                   method: str | None = None, reference: str = "",
                   supervisor: Actor | None = None) -> RefundResult:
    """退押金: pay a cancelled card's deposit back, as a refund of the receipt that took it.

    Needs a supervisor and a reason like every refund; the money leaves the
    refunding cashier's open shift by ``method`` (default: how the receipt was
    mostly paid), and billing records the deposit as refunded."""
    require(actor, PAY_COLLECT)
    auth = _authorizer(actor, supervisor, "退押金")
    reason = _reason(reason, "退押金")
    due = card_link.refund_due(session, actor, charge_id)
    amount = -due.amount
    line = session.scalar(select(PaymentLine).where(PaymentLine.kind == card_link.DEPOSIT,
                                                    PaymentLine.item_key == str(due.refund_of)))
    if line is None:
        raise Conflict(f"卡 {due.uid} 的押金 {fmt(amount)} 元不是在收费台收取的，没有收据可退："
                       "请由财务核实后处理", f"the deposit of card {due.uid} was not taken at the desk: "
                       "no receipt to refund it on")
    pay = session.get(Payment, line.payment_id)
    receipt = session.scalar(select(Receipt).where(Receipt.payment_id == pay.id))
    if is_void(session, receipt.id):
        raise Conflict(f"收取卡 {due.uid} 押金的收据 {receipt.number} 已作废，押金无需退还",
                       f"receipt {receipt.number} that took the deposit is void")
    f = _new_refund(session, actor, auth, receipt, pay, amount, method, reference, reason)
    session.add(RefundLine(refund_id=f.id, payment_line_id=line.id, principal=amount, late_fee=ZERO,
                           topup=ZERO))
    card_link.pay_back(session, auth, charge_id, local_date(f.refunded_at), f"退押金 {f.number}（收据 {receipt.number}）：{reason}")
    audit.record(session, actor, "refund", "cashier_receipt", receipt.id,
                 after={"refund": f.number, "amount": str(amount), "method": f.method, "reason": reason,
                        "deposit_of_card": due.uid},
                 summary=f"退押金 {f.number}：卡 {due.uid} 押金 {fmt(amount)} 元（收据 {receipt.number}，"
                         f"{PAY_METHODS[f.method]}，授权：{auth.label}，原因：{reason}）")
    session.flush()
    return RefundResult(f.number, receipt.number, amount, f.method)
