"""Collecting a payment (收费): what a payer owes, and one all-or-nothing payment.

:func:`quote` lists every outstanding line of a customer across all rooms and
parking spaces, with late fees as of a date (from billing), then the card
deposits (押金) waiting for the cashier (from the card area, :mod:`.card_link`),
and the deposits of cancelled cards waiting to be paid back (those go through
:func:`propdesk.services.cashier.corrections.refund_deposit`).
:func:`collect` takes the cashier's selection and tenders and, in the
caller's ONE transaction, writes the payment, its tenders, the frozen receipt
lines, billing's allocations and ledger entries, the deposits held, the
prepayment top-up, the numbered and signed receipt and the audit record.  The caller commits once
(``with db.session() as s: collect(s, ...)``): a crash at any point leaves
all of it or none of it.

Partial payment rule (部分缴费), billing's written rule
(:func:`propdesk.billing.offsets.plan_settlement`): the amount settles the
selected lines in the order given (the screen's default is oldest first);
each line's late fee is settled immediately before its own principal; the
last line reached may be settled partly; late fee then keeps accruing only
on the unpaid principal.  A card deposit is taken in full or not at all: an
amount less than the selection pays the selected deposits first and spreads
the rest over the bills by that rule.

Tenders (收款方式): their amounts add up to the payment total exactly.  Cash
may be handed over in excess: the excess is the change (找零) and only the
amount stays in the drawer.  Only cash gives change.  预存冲抵 (``prepaid``)
spends the customer's prepayment and cannot be combined with a top-up; it
pays bills only, never a deposit.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Sequence

from sqlalchemy.orm import Session

from propdesk.billing.offsets import OpenItem, plan_settlement
from propdesk.clock import local_date
from propdesk.errors import Conflict, NotFound, Problem, ValidationFailed
from propdesk.models import Customer
from propdesk.models.cashier import PAY_METHODS, Payment, PaymentLine, PaymentTender, Receipt
from propdesk.money import ZERO, fmt, round_fen
from propdesk.security import PAY_COLLECT, Actor, require
from propdesk.services import audit
from propdesk.services.cashier import billing_link, card_link, verify
from propdesk.services.cashier.billing_link import DueLine
from propdesk.services.cards_billing import DepositDue
from propdesk.receipts.data import ReceiptData
from propdesk.services.cashier.numbering import receipt_number
from propdesk.services.cashier.receipts import build as build_receipt
from propdesk.services.cashier.shifts import ensure_shift, now_utc, require_open


@dataclass(frozen=True)
class Quote:
    """What a customer owes as of a date, for the collection screen."""

    customer_id: uuid.UUID
    customer_name: str
    phone: str
    as_of: dt.date
    lines: list[DueLine]                  # bills (oldest first), then card deposits to take
    prepaid_balance: Decimal
    deposit_refunds: list[DepositDue] = field(default_factory=list)   # to pay back (amount < 0)

    @property
    def total(self) -> Decimal:
        return sum((ln.total for ln in self.lines), ZERO)


def due_lines(session: Session, actor: Actor, customer_id: uuid.UUID, as_of: dt.date) -> list[DueLine]:
    """Everything the payer may pay now: outstanding bill items, then card deposits."""
    return billing_link.outstanding(session, actor, customer_id, as_of) \
        + card_link.deposit_lines(session, actor, customer_id)


def quote(session: Session, actor: Actor, customer_id: uuid.UUID, as_of: dt.date) -> Quote:
    require(actor, PAY_COLLECT)
    cust = session.get(Customer, customer_id)
    if cust is None or cust.deleted_at is not None:
        raise NotFound("客户不存在", "customer not found")
    return Quote(cust.id, cust.name, cust.phone, as_of, due_lines(session, actor, customer_id, as_of),
                 billing_link.prepaid_balance(session, actor, customer_id),
                 card_link.refunds_due(session, actor, customer_id))


@dataclass(frozen=True)
class Tender:
    method: str
    amount: Decimal                 # applied to the payment
    tendered: Decimal | None = None  # cash handed over; None = the amount
    reference: str = ""


@dataclass(frozen=True)
class PaymentRequest:
    customer_id: uuid.UUID
    as_of: dt.date
    line_keys: Sequence[str]          # DueLine.key of the selected lines, in settling order
    tenders: Sequence[Tender]
    amount: Decimal | None = None     # None: the selected lines in full; else a partial payment
    topup: Decimal = ZERO             # prepayment added (预存)
    expected_total: Decimal | None = None  # what the cashier saw; guards a stale screen
    note: str = ""


@dataclass(frozen=True)
class Settled:
    line: DueLine
    principal: Decimal
    late_fee: Decimal


@dataclass
class PaymentPlan:
    settled: list[Settled] = field(default_factory=list)
    deposits: list[DueLine] = field(default_factory=list)     # taken in full
    topup: Decimal = ZERO

    @property
    def principal(self) -> Decimal:
        return sum((s.principal for s in self.settled), ZERO)

    @property
    def late_fee(self) -> Decimal:
        return sum((s.late_fee for s in self.settled), ZERO)

    @property
    def deposit(self) -> Decimal:
        return sum((d.principal for d in self.deposits), ZERO)

    @property
    def total(self) -> Decimal:
        return self.principal + self.late_fee + self.deposit + self.topup


def plan(lines: Sequence[DueLine], amount: Decimal | None, topup: Decimal = ZERO) -> PaymentPlan:
    """Spread ``amount`` (None: everything) over ``lines``: the deposits among them in
    full, the rest over the bills by the partial-payment rule."""
    due = sum((ln.total for ln in lines), ZERO)
    deposits = [ln for ln in lines if ln.kind == card_link.DEPOSIT]
    held = sum((ln.principal for ln in deposits), ZERO)
    pay = due if amount is None else round_fen(amount)
    if pay < 0 or pay > due:
        raise ValidationFailed([Problem("金额", f"缴费金额 {fmt(pay)} 应在 0 到应缴 {fmt(due)} 之间",
                                        f"amount {pay} must be between 0 and the {due} due")])
    if pay < held:
        raise ValidationFailed([Problem("金额", f"押金须全额收取：本次缴纳至少 {fmt(held)}，或不选押金",
                                        f"deposits are taken in full: pay at least {held}, or leave them out")])
    pay -= held
    lines = [ln for ln in lines if ln.kind != card_link.DEPOSIT]
    items = []
    for ln in lines:
        items.append(OpenItem((ln.key, "late"), None, ln.period, ln.due_date, 0, ln.late_fee))
        items.append(OpenItem((ln.key, "principal"), None, ln.period, ln.due_date, 0, ln.principal))
    got: dict[tuple[str, str], Decimal] = dict(plan_settlement(pay, items))
    out = PaymentPlan(deposits=deposits, topup=round_fen(topup))
    for ln in lines:
        p, f = got.get((ln.key, "principal"), ZERO), got.get((ln.key, "late"), ZERO)
        if p or f:
            out.settled.append(Settled(ln, p, f))
    return out


def _check_tenders(tenders: Sequence[Tender], total: Decimal, topup: Decimal) -> tuple[list[Tender], Decimal]:
    problems: list[Problem] = []
    clean: list[Tender] = []
    change = ZERO
    for i, t in enumerate(tenders, start=1):
        where = f"收款方式 {i}"
        if t.method not in PAY_METHODS:
            problems.append(Problem(where, f"未知收款方式 {t.method}", f"unknown method {t.method}"))
            continue
        amount = round_fen(t.amount)
        tendered = amount if t.tendered is None else round_fen(t.tendered)
        if amount <= 0:
            problems.append(Problem(where, "金额必须大于0", "amount must be positive"))
        if t.method == "cash":
            if tendered < amount:
                problems.append(Problem(where, f"现金实收 {fmt(tendered)} 少于应收 {fmt(amount)}",
                                        f"cash handed over {tendered} is less than {amount}"))
            change += max(ZERO, tendered - amount)
        elif tendered != amount:
            problems.append(Problem(where, f"{PAY_METHODS[t.method]}不能找零", f"{t.method} gives no change"))
        clean.append(Tender(t.method, amount, tendered, t.reference.strip()))
    methods = [t.method for t in clean]
    if methods.count("cash") > 1:
        problems.append(Problem("收款方式", "现金只能录入一笔", "one cash tender at most"))
    if "prepaid" in methods and topup > 0:
        problems.append(Problem("收款方式", "预存冲抵时不能同时充值预存",
                                "a prepayment offset cannot be combined with a top-up"))
    paid = sum((t.amount for t in clean), ZERO)
    if not problems and paid != total:
        problems.append(Problem("收款方式", f"各方式金额合计 {fmt(paid)} 与应收 {fmt(total)} 不符",
                                f"tenders add up to {paid}, not {total}"))
    if problems:
        raise ValidationFailed(problems)
    return clean, change


@dataclass(frozen=True)
class PaymentResult:
    payment_id: uuid.UUID
    receipt_id: uuid.UUID
    receipt_number: str
    total: Decimal
    change: Decimal
    code: str
    receipt: ReceiptData        # what to print, built from the documents just written


def collect(session: Session, actor: Actor, req: PaymentRequest) -> PaymentResult:
    """Take one payment and issue its receipt, inside the caller's transaction."""
    require(actor, PAY_COLLECT)
    shift = require_open(session, ensure_shift(session, actor).id)
    cust = session.get(Customer, req.customer_id)
    if cust is None or cust.deleted_at is not None:
        raise NotFound("客户不存在", "customer not found")
    if len(set(req.line_keys)) != len(req.line_keys):
        raise ValidationFailed([Problem("收费明细", "同一笔欠费被重复选择", "a line was selected twice")])
    fresh = {ln.key: ln for ln in due_lines(session, actor, cust.id, req.as_of)}
    gone = [k for k in req.line_keys if k not in fresh]
    if gone:
        raise Conflict("所选欠费已有变化（可能已在其他终端收取），请刷新后重试",
                       "the selected lines changed (perhaps paid at another terminal); refresh and retry")
    selected = [fresh[k] for k in req.line_keys]
    topup = round_fen(req.topup)
    if topup < 0:
        raise ValidationFailed([Problem("预存", "预存金额不能为负", "top-up cannot be negative")])
    p = plan(selected, req.amount, topup)
    if req.expected_total is not None and round_fen(req.expected_total) != p.total:
        raise Conflict(f"应收金额已变为 {fmt(p.total)}（界面显示 {fmt(req.expected_total)}），请刷新后重试",
                       f"the total is now {p.total}, not {req.expected_total} as shown; refresh")
    if p.total <= 0:
        raise ValidationFailed([Problem("金额", "没有可收取的金额", "nothing to collect")])
    tenders, change = _check_tenders(req.tenders, p.total, topup)
    prepaid_used = sum((t.amount for t in tenders if t.method == "prepaid"), ZERO)
    if prepaid_used > p.principal + p.late_fee:
        raise ValidationFailed([Problem("预存冲抵", f"预存冲抵只能缴账单（{fmt(p.principal + p.late_fee)}），"
                                                    f"押金和预存须另付", "a prepayment offset pays bills only, "
                                                    "not deposits or top-ups")])
    if prepaid_used:
        have = billing_link.prepaid_balance(session, actor, cust.id)
        if prepaid_used > have:
            raise ValidationFailed([Problem("预存冲抵", f"预存余额只有 {fmt(have)}，不够冲抵 {fmt(prepaid_used)}",
                                            f"prepaid balance {have} is less than {prepaid_used}")])

    paid_at = now_utc()
    pay = Payment(shift_id=shift.id, customer_id=cust.id, payer_name=cust.name, paid_at=paid_at,
                  as_of=req.as_of, principal=p.principal, late_fee=p.late_fee, deposit=p.deposit,
                  topup=p.topup, total=p.total, change=change, note=req.note.strip()[:256],
                  operator_id=actor.operator_id, operator_name=actor.label)
    session.add(pay)
    session.flush()
    tender_rows = [PaymentTender(payment_id=pay.id, method=t.method, amount=t.amount,
                                 tendered=t.tendered, reference=t.reference) for t in tenders]
    session.add_all(tender_rows)
    refs = billing_link.settle(session, actor, cust.id, billing_link.PAYMENT_DOC, pay.id, req.as_of,
                               [(s.line, s.principal, s.late_fee) for s in p.settled],
                               prepaid=prepaid_used)
    line_rows = [PaymentLine(payment_id=pay.id, seq=seq, bill_line_id=s.line.bill_line_id,
                             item_key=s.line.key, settlement_ref=ref, target_kind=s.line.target_kind,
                             target_code=s.line.target_code, fee_item=s.line.fee_item,
                             period=s.line.period, due=s.line.principal, principal=s.principal,
                             late_fee=s.late_fee)
                 for seq, (s, ref) in enumerate(zip(p.settled, refs), start=1)]
    received = local_date(paid_at)
    for seq, d in enumerate(p.deposits, start=len(line_rows) + 1):
        held_id = card_link.take(session, actor, d, billing_link.PAYMENT_DOC, pay.id, received)
        line_rows.append(PaymentLine(payment_id=pay.id, seq=seq, kind=card_link.DEPOSIT, item_key=d.key,
                                     settlement_ref=f"deposit:{held_id}", target_kind=d.target_kind,
                                     target_code=d.target_code, fee_item=d.fee_item, note=d.note,
                                     due=d.principal, principal=d.principal, late_fee=ZERO))
    session.add_all(line_rows)
    if p.topup:
        billing_link.top_up(session, actor, cust.id, p.topup, billing_link.PAYMENT_DOC, pay.id, req.as_of)
    receipt = issue_receipt(session, pay)
    audit.record(session, actor, "collect", "cashier_payment", pay.id, after={
        "receipt": receipt.number, "customer": str(cust.id), "total": str(p.total),
        "deposit": str(p.deposit), "tenders": {t.method: str(t.amount) for t in tenders}},
        summary=f"收费 {receipt.number} {cust.name} {fmt(p.total)} 元")
    session.flush()
    data = build_receipt(session, receipt, pay, line_rows, tender_rows)
    return PaymentResult(pay.id, receipt.id, receipt.number, p.total, change, receipt.code, data)


def issue_receipt(session: Session, pay: Payment) -> Receipt:
    """Number and sign the payment's receipt."""
    key = verify.active_key(session)
    # The series year is the local date of the receipt's own stamp (a payment at
    # 00:30 on 1 January Beijing time is 16:30 UTC on 31 December).
    number = receipt_number(session, local_date(pay.paid_at))
    code = verify.sign(bytes.fromhex(key.secret), number, pay.total, pay.paid_at)
    receipt = Receipt(number=number, payment_id=pay.id, issued_at=pay.paid_at, amount=pay.total,
                      code=code, key_id=key.key_id)
    session.add(receipt)
    session.flush()
    return receipt


def monthly_charge(session: Session, actor: Actor, customer_id: uuid.UUID) -> Decimal:
    """What one month of the customer's periodic fees comes to, for 预交 N 个月 (paying
    months ahead as prepayment): the periodic charges billed for the latest period
    on each room and space the customer holds now."""
    from propdesk.services.cashier.payer import holdings

    total = ZERO
    for kind, target_id in holdings(session, customer_id):
        items = [it for it in billing_link.items_of(session, actor, target_id)
                 if it.kind == "charge" and it.customer_id == customer_id]
        if not items:
            continue
        latest = max(it.bill_period for it in items)
        total += sum((it.billed for it in items if it.bill_period == latest), ZERO)
    return total
