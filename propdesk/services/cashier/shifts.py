"""Shifts (班次): open, take documents, close (交班/日结), approve (收款审批/入账).

A cashier works in an open shift on one terminal; the first payment opens
one if none is open.  Closing counts the drawer against what the documents
say; a closed shift takes no more documents (payments, voids, refunds).
Finance then approves the close, which books the takings.

What a shift took (its *takings*) is computed from its documents only:

* payments: every tender except 预存冲抵 (prepayment offsets move no money);
* voids in the shift: minus the voided payment's tenders;
* refunds in the shift: minus the refund, by its method.

Expected cash in the drawer = opening float (备用金) + cash takings.  The
amount a cash tender records is what stayed in the drawer (handed over
minus change), so change never counts twice.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.clock import local_date, utcnow
from propdesk.errors import Conflict, NotFound, PermissionDenied
from propdesk.models.cashier import (
    PAY_METHODS, Payment, PaymentLine, PaymentTender, Receipt, ReceiptVoid, Refund, RefundLine,
    Shift, ShiftApproval, ShiftClose,
)
from propdesk.money import ZERO, fmt
from propdesk.security import PAY_COLLECT, PAY_SUPERVISE, SHIFT_APPROVE, Actor, require
from propdesk.services import audit
from propdesk.services.cashier.numbering import shift_number, terminal_code

TOPUP_ITEM = "预存款"


def now_utc():
    """Document stamps: UTC, whole seconds (verification codes sign them to the second)."""
    return utcnow().replace(microsecond=0)


def _lock(stmt, session: Session):
    # PostgreSQL: serialise documents of one shift against its close.  SQLite
    # has one writer at a time anyway.
    return stmt.with_for_update() if session.get_bind().dialect.name == "postgresql" else stmt


def _same_operator(actor: Actor):
    # Operators by id; the command line (no operator row) by its name.
    if actor.operator_id is not None:
        return Shift.operator_id == actor.operator_id
    return (Shift.operator_id.is_(None)) & (Shift.operator_name == actor.label)


def current_shift(session: Session, actor: Actor) -> Shift | None:
    """The actor's open shift on this terminal, if any."""
    closed = select(ShiftClose.shift_id)
    return session.scalar(
        select(Shift).where(_same_operator(actor),
                            Shift.terminal == terminal_code(session),
                            Shift.id.not_in(closed))
        .order_by(Shift.opened_at.desc()).limit(1))


def open_shift(session: Session, actor: Actor, opening_float: Decimal = ZERO) -> Shift:
    require(actor, PAY_COLLECT)
    if current_shift(session, actor) is not None:
        raise Conflict(f"{actor.label} 在本终端已有未交班的班次，请先交班",
                       f"{actor.label} already has an open shift on this terminal; close it first")
    if opening_float < 0:
        raise Conflict("备用金不能为负", "opening float cannot be negative")
    # The business date is the local date of the opening stamp, not a second clock read.
    opened = now_utc()
    day = local_date(opened)
    shift = Shift(number=shift_number(session, day), opened_at=opened, business_date=day,
                  opening_float=opening_float, operator_id=actor.operator_id,
                  operator_name=actor.label)
    session.add(shift)
    session.flush()
    audit.record(session, actor, "open", "cashier_shift", shift.id,
                 summary=f"开班 {shift.number}，备用金 {fmt(opening_float)}")
    return shift


def ensure_shift(session: Session, actor: Actor) -> Shift:
    return current_shift(session, actor) or open_shift(session, actor)


def get_shift(session: Session, shift_id: uuid.UUID) -> Shift:
    shift = session.get(Shift, shift_id)
    if shift is None:
        raise NotFound("班次不存在", "shift not found")
    return shift


def close_of(session: Session, shift_id: uuid.UUID) -> ShiftClose | None:
    return session.scalar(select(ShiftClose).where(ShiftClose.shift_id == shift_id))


def require_open(session: Session, shift_id: uuid.UUID) -> Shift:
    """The shift, locked against a concurrent close; Conflict if it is closed."""
    shift = session.scalar(_lock(select(Shift).where(Shift.id == shift_id), session))
    if shift is None:
        raise NotFound("班次不存在", "shift not found")
    if close_of(session, shift_id) is not None:
        raise Conflict(f"班次 {shift.number} 已交班，不能再办理收费、作废或退款；请开新班次",
                       f"shift {shift.number} is closed and takes no more documents; open a new shift")
    return shift


@dataclass
class ShiftRow:
    """One line of the 日收费明细表."""

    time: object
    number: str
    kind: str            # 收款 | 作废 | 退款
    payer: str
    rooms: str
    amount: Decimal      # signed: voids and refunds negative
    methods: str


@dataclass
class ShiftSummary:
    shift: Shift
    close: ShiftClose | None
    approval: ShiftApproval | None
    by_method: dict[str, Decimal] = field(default_factory=dict)
    by_fee_item: dict[str, Decimal] = field(default_factory=dict)
    prepaid_used: Decimal = ZERO
    payments: int = 0
    voids: int = 0
    refunds: int = 0
    rows: list[ShiftRow] = field(default_factory=list)

    @property
    def takings(self) -> Decimal:
        return sum(self.by_method.values(), ZERO)

    @property
    def expected_cash(self) -> Decimal:
        return self.shift.opening_float + self.by_method.get("cash", ZERO)

    @property
    def state(self) -> str:
        return "approved" if self.approval else "closed" if self.close else "open"

    def totals_json(self) -> str:
        return json.dumps({
            "by_method": {k: str(v) for k, v in self.by_method.items()},
            "by_fee_item": {k: str(v) for k, v in self.by_fee_item.items()},
            "prepaid_used": str(self.prepaid_used),
            "payments": self.payments, "voids": self.voids, "refunds": self.refunds,
        }, ensure_ascii=False, sort_keys=True)


def summarize(session: Session, actor: Actor, shift_id: uuid.UUID) -> ShiftSummary:
    if not actor.can(SHIFT_APPROVE):
        require(actor, PAY_COLLECT)
    shift = get_shift(session, shift_id)
    close = close_of(session, shift_id)
    approval = session.scalar(select(ShiftApproval).where(ShiftApproval.close_id == close.id)) \
        if close else None
    s = ShiftSummary(shift, close, approval)
    by_method: dict[str, Decimal] = defaultdict(lambda: ZERO)
    by_item: dict[str, Decimal] = defaultdict(lambda: ZERO)

    def add_payment(p: Payment, receipt: Receipt, sign: int, kind: str, when) -> None:
        tenders = session.scalars(select(PaymentTender).where(PaymentTender.payment_id == p.id)).all()
        for t in tenders:
            if t.method == "prepaid":
                s.prepaid_used += sign * t.amount
            else:
                by_method[t.method] += sign * t.amount
        for ln in session.scalars(select(PaymentLine).where(PaymentLine.payment_id == p.id)):
            by_item[ln.fee_item] += sign * (ln.principal + ln.late_fee)
        if p.topup:
            by_item[TOPUP_ITEM] += sign * p.topup
        s.rows.append(ShiftRow(when, receipt.number, kind, p.payer_name, _rooms(session, p.id),
                               sign * p.total,
                               "、".join(PAY_METHODS.get(t.method, t.method) for t in tenders)))

    pays = session.execute(select(Payment, Receipt).join(Receipt, Receipt.payment_id == Payment.id)
                           .where(Payment.shift_id == shift_id).order_by(Payment.paid_at, Receipt.number))
    for p, r in pays:
        s.payments += 1
        add_payment(p, r, 1, "收款", p.paid_at)
    voids = session.execute(select(ReceiptVoid, Receipt, Payment)
                            .join(Receipt, Receipt.id == ReceiptVoid.receipt_id)
                            .join(Payment, Payment.id == Receipt.payment_id)
                            .where(ReceiptVoid.shift_id == shift_id).order_by(ReceiptVoid.voided_at))
    for v, r, p in voids:
        s.voids += 1
        add_payment(p, r, -1, "作废", v.voided_at)
    refunds = session.execute(select(Refund, Receipt, Payment)
                              .join(Receipt, Receipt.id == Refund.receipt_id)
                              .join(Payment, Payment.id == Receipt.payment_id)
                              .where(Refund.shift_id == shift_id).order_by(Refund.refunded_at))
    for f, r, p in refunds:
        s.refunds += 1
        by_method[f.method] -= f.amount
        for rl, pl in session.execute(select(RefundLine, PaymentLine)
                                      .outerjoin(PaymentLine, PaymentLine.id == RefundLine.payment_line_id)
                                      .where(RefundLine.refund_id == f.id)):
            if pl is not None:
                by_item[pl.fee_item] -= rl.principal + rl.late_fee
            if rl.topup:
                by_item[TOPUP_ITEM] -= rl.topup
        s.rows.append(ShiftRow(f.refunded_at, f.number, "退款", p.payer_name, _rooms(session, p.id),
                               -f.amount, PAY_METHODS.get(f.method, f.method)))
    s.by_method = {k: by_method[k] for k in PAY_METHODS if k in by_method}
    s.by_fee_item = dict(sorted(by_item.items()))
    s.rows.sort(key=lambda r: (r.time, r.number))
    return s


def _rooms(session: Session, payment_id: uuid.UUID) -> str:
    codes = session.scalars(select(PaymentLine.target_code).where(PaymentLine.payment_id == payment_id)
                            .order_by(PaymentLine.seq))
    return "、".join(dict.fromkeys(c for c in codes if c))


def close_shift(session: Session, actor: Actor, shift_id: uuid.UUID, counted_cash: Decimal,
                note: str = "") -> ShiftClose:
    """交班: record the counted cash against the expected; the shift takes no more documents."""
    require(actor, PAY_COLLECT)
    shift = require_open(session, shift_id)
    if shift.operator_id != actor.operator_id and not actor.can(PAY_SUPERVISE):
        raise PermissionDenied(f"只能由收款员本人或主管为班次 {shift.number} 交班",
                               f"only the shift's cashier or a supervisor can close {shift.number}")
    if counted_cash < 0:
        raise Conflict("清点现金不能为负", "counted cash cannot be negative")
    s = summarize(session, actor, shift_id)
    close = ShiftClose(shift_id=shift.id, closed_at=now_utc(), expected_cash=s.expected_cash,
                       counted_cash=counted_cash, takings=s.takings, totals_json=s.totals_json(),
                       note=note, operator_id=actor.operator_id, operator_name=actor.label)
    session.add(close)
    session.flush()
    diff = counted_cash - s.expected_cash
    audit.record(session, actor, "close", "cashier_shift", shift.id, after={
        "expected_cash": str(s.expected_cash), "counted_cash": str(counted_cash),
        "takings": str(s.takings)},
        summary=f"交班 {shift.number}：应有现金 {fmt(s.expected_cash)}，实点 {fmt(counted_cash)}，"
                f"{'长款' if diff > 0 else '短款' if diff < 0 else '相符'} {fmt(abs(diff))}")
    return close


def approve_shift(session: Session, actor: Actor, shift_id: uuid.UUID, note: str = "") -> ShiftApproval:
    """收款审批/入账 by finance."""
    require(actor, SHIFT_APPROVE)
    shift = get_shift(session, shift_id)
    close = close_of(session, shift_id)
    if close is None:
        raise Conflict(f"班次 {shift.number} 尚未交班，不能审批", f"shift {shift.number} is not closed yet")
    if session.scalar(select(ShiftApproval.id).where(ShiftApproval.close_id == close.id)):
        raise Conflict(f"班次 {shift.number} 已审批入账", f"shift {shift.number} is already approved")
    ap = ShiftApproval(close_id=close.id, approved_at=now_utc(), note=note,
                       operator_id=actor.operator_id, operator_name=actor.label)
    session.add(ap)
    session.flush()
    audit.record(session, actor, "approve", "cashier_shift", shift.id,
                 summary=f"审批入账 {shift.number}，收款 {fmt(close.takings)}")
    return ap


def list_shifts(session: Session, actor: Actor, *, state: str = "", limit: int = 200) -> list[ShiftSummary]:
    """Recent shifts (newest first), optionally only open/closed/approved ones."""
    if not (actor.can(SHIFT_APPROVE) or actor.can(PAY_SUPERVISE)):
        require(actor, PAY_COLLECT)
    shifts = session.scalars(select(Shift).order_by(Shift.opened_at.desc()).limit(limit)).all()
    out = []
    for sh in shifts:
        summ = summarize(session, actor, sh.id)
        if not state or summ.state == state:
            out.append(summ)
    return out
