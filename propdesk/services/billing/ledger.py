"""Customer accounts: outstanding items, settlement, prepayments, deposits,
adjustments, late fees and the ledger check.

This is the API the cashier (收费台, issue #5) builds on:

* :func:`outstanding` — open bill items of a customer across all their rooms,
  spaces and vehicles, each with its late fee as of a date;
* :func:`settle` — apply a payment document to chosen items (one allocation
  per line, late fee charged and settled first), or :func:`settle_amount` to
  spread an amount by the written order of :mod:`propdesk.billing.offsets`;
* :func:`reverse_settlement` — undo every allocation of a payment document
  (void/refund), including the late fee it charged;
* :func:`topup_prepayment`, :func:`offset_prepayments`, :func:`refund_prepayment`;
* :func:`receive_deposit`, :func:`refund_deposit`;
* :func:`balance` — receivable, prepaid (general and per fee item), deposits.

Every balance is a sum of ``ledger_entry`` rows; no balance is stored.  Each
money change writes its document (bill line, allocation, deposit) and its
ledger entry in the same transaction; :func:`check` proves they agree.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from propdesk.billing import calc, latefee as late_engine, offsets as order
from propdesk.billing.periods import Period
from propdesk.clock import local_date, today as local_today
from propdesk.errors import NotFound, Problem, ValidationFailed
from propdesk.models import Customer, ParkingSpace, Room, Vehicle
from propdesk.models.billing import (
    Allocation, BillLine, Deposit, DepositEvent, FeeItem, FeeStandardVersion, LedgerEntry,
)
from propdesk.money import ZERO, round_fen
from propdesk.security import (
    BILL_ADJUST, BILL_RUN, BILL_VIEW, CARD_ISSUE, PAY_COLLECT, PAY_SUPERVISE, WORKORDER_DISPATCH,
    WORKORDER_HANDLE, Actor,
    require,
)
from propdesk.services import audit
from propdesk.services.billing.catalog import late_rule
from propdesk.services.billing.common import (
    fee_item as get_fee_item, ledger, new_slot, posting_period, slot_id, slot_period,
)

# --- reading items ----------------------------------------------------------------------


@dataclass
class Item:
    """A bill item (应收项): the lines of one slot and the money applied to it."""

    slot: uuid.UUID
    line_id: uuid.UUID            # the item's first line: allocations point here
    kind: str                     # charge | opening | temporary | late_fee
    customer_id: uuid.UUID
    estate_id: uuid.UUID
    target_kind: str
    target_id: uuid.UUID
    target_code: str
    fee_item_id: uuid.UUID
    fee_item: str
    fee_sort: int
    bill_period: str
    due_date: dt.date
    billed: Decimal
    paid: Decimal
    formula: str
    lines: list[BillLine] = field(default_factory=list)
    late_fee: Decimal = ZERO      # late fee payable as of the date asked (accrued + charged unpaid)
    late_fee_formula: str = ""
    late_charged: Decimal = ZERO  # late fee already charged on this item (its own item)

    @property
    def outstanding(self) -> Decimal:
        return self.billed - self.paid

    def open_item(self) -> order.OpenItem:
        # a late fee sorts just before its own principal (same period, due date and fee item)
        return order.OpenItem(self.slot, self.fee_item_id, self.bill_period, self.due_date,
                              self.fee_sort * 2 - (self.kind == "late_fee"), self.outstanding)


def late_slot(slot: uuid.UUID) -> uuid.UUID:
    return slot_id(slot_period(slot), "late", slot)


#: The reason that starts the line taking back the late fee a reversed document charged.
LATE_REVERSAL = "冲销单据的滞纳金："


def late_accounted(ls: "Item | None") -> Decimal:
    """How much of an item's accrued late fee has been dealt with: charged (``late_fee``
    lines) less what reversed documents took back.  A waiver lowers what is billed on
    the late-fee item but not this: waived late fee was accrued, and must not be
    charged again by the next payment."""
    if ls is None:
        return ZERO
    return sum((l.amount for l in ls.lines if l.kind == "late_fee" or l.reason.startswith(LATE_REVERSAL)), ZERO)


def _items(session: Session, *, customer_ids: Iterable[uuid.UUID] | None = None,
           slots: Iterable[uuid.UUID] | None = None, target_id: uuid.UUID | None = None) -> list[Item]:
    stmt = select(BillLine)
    if customer_ids is not None:
        ids = list(customer_ids)
        if not ids:
            return []
        stmt = stmt.where(BillLine.customer_id.in_(ids))
    if slots is not None:
        stmt = stmt.where(BillLine.slot.in_(list(slots)))
    if target_id is not None:
        stmt = stmt.where(BillLine.target_id == target_id)
    lines = list(session.scalars(stmt.order_by(BillLine.slot, BillLine.seq)))
    if not lines:
        return []
    fees = {i.id: i for i in session.scalars(select(FeeItem))}
    by_slot: dict[uuid.UUID, list[BillLine]] = defaultdict(list)
    for l in lines:
        by_slot[l.slot].append(l)
    paid: dict[uuid.UUID, Decimal] = defaultdict(lambda: ZERO)
    keys = list(by_slot)
    for i in range(0, len(keys), 500):
        for s, amt in session.execute(select(Allocation.slot, func.sum(Allocation.amount))
                                      .where(Allocation.slot.in_(keys[i:i + 500])).group_by(Allocation.slot)):
            paid[s] = amt if isinstance(amt, Decimal) else Decimal(amt or 0) / 100
    out = []
    for s, ls in by_slot.items():
        head = ls[0]
        fee = fees[head.fee_item_id]
        formula = head.formula + "".join(f"\n{'调整' if l.kind != 'late_fee' else '滞纳金'}：{l.formula}"
                                         for l in ls[1:])
        out.append(Item(s, head.id, head.kind if head.kind != "recalc" else "charge", head.customer_id,
                        head.estate_id, head.target_kind, head.target_id, head.target_code, head.fee_item_id,
                        fee.name if head.kind != "late_fee" else f"{fee.name}滞纳金", fee.sort_key,
                        head.bill_period, head.due_date, sum((l.amount for l in ls), ZERO), paid[s], formula, ls))
    return out


def _late(session: Session, item: Item, as_of: dt.date, versions: dict) -> tuple[Decimal, str]:
    """Total late fee of a principal item as of ``as_of`` (before what was charged)."""
    head = item.lines[0]
    if item.kind == "late_fee" or head.version_id is None:
        return ZERO, ""
    if head.version_id not in versions:
        versions[head.version_id] = session.get(FeeStandardVersion, head.version_id)
    rule = late_rule(versions[head.version_id])
    if rule is None:
        return ZERO, ""
    changes = [(local_date(l.created_at), l.amount) for l in item.lines[1:] if l.created_at]
    for a_date, amt in session.execute(select(Allocation.alloc_date, Allocation.amount)
                                       .where(Allocation.slot == item.slot)):
        changes.append((a_date, -amt))
    return late_engine.late_fee(head.amount, item.due_date, as_of, rule, changes)


def late_fee(session: Session, actor: Actor, slot: uuid.UUID, as_of: dt.date) -> tuple[Decimal, str]:
    """THE late-fee function (cashier, notices, reports): the late fee of one bill
    item as of ``as_of`` still to be charged, and its formula."""
    require(actor, BILL_VIEW)
    items = {i.slot: i for i in _items(session, slots=[slot, late_slot(slot)])}
    if slot not in items:
        raise NotFound("应收项不存在", "bill item not found")
    total, text = _late(session, items[slot], as_of, {})
    charged = late_accounted(items.get(late_slot(slot)))
    due = max(ZERO, total - charged)
    if charged:
        text += f"；已计收 {calc.yuan(charged)} 元，本次 {calc.yuan(due)} 元"
    return due, text


def outstanding(session: Session, actor: Actor, customer_id: uuid.UUID, *, as_of: dt.date | None = None,
                target_id: uuid.UUID | None = None) -> list[Item]:
    """Open items of a customer (all rooms, spaces, vehicles), oldest first, each
    with ``late_fee``: the late fee payable as of ``as_of`` (accrued and not yet
    charged, plus charged and unpaid).  Late-fee items are folded into their
    principal item; settle them through it."""
    require(actor, BILL_VIEW)
    as_of = as_of or local_today()
    items = _items(session, customer_ids=[customer_id], target_id=target_id)
    by_slot = {i.slot: i for i in items}
    versions: dict = {}
    out = []
    for it in items:
        if it.kind == "late_fee":
            continue
        ls = by_slot.get(late_slot(it.slot))
        it.late_charged = ls.billed if ls else ZERO
        late_unpaid = ls.outstanding if ls else ZERO
        if it.outstanding > 0:
            total, text = _late(session, it, as_of, versions)
            it.late_fee = max(ZERO, total - late_accounted(ls)) + late_unpaid
            it.late_fee_formula = text
        elif late_unpaid > 0:
            it.late_fee, it.late_fee_formula = late_unpaid, f"已计收未缴滞纳金 {calc.yuan(late_unpaid)} 元"
        if it.outstanding > 0 or it.late_fee > 0:
            out.append(it)
    return sorted(out, key=lambda i: (i.bill_period, i.due_date, i.fee_sort, str(i.slot)))


def room_items(session: Session, actor: Actor, target_id: uuid.UUID, *, as_of: dt.date | None = None) -> list[Item]:
    """Every bill item of a room/space/vehicle, paid or not (the room's 费用 tab)."""
    require(actor, BILL_VIEW)
    items = _items(session, target_id=target_id)
    versions: dict = {}
    as_of = as_of or local_today()
    by_slot = {i.slot: i for i in items}
    for it in items:
        if it.kind != "late_fee" and it.outstanding > 0:
            total, text = _late(session, it, as_of, versions)
            ls = by_slot.get(late_slot(it.slot))
            it.late_charged = ls.billed if ls else ZERO
            it.late_fee = max(ZERO, total - late_accounted(ls)) + (ls.outstanding if ls else ZERO)
            it.late_fee_formula = text
    items.sort(key=lambda i: (i.fee_sort, i.kind == "late_fee", str(i.slot)))
    items.sort(key=lambda i: i.bill_period, reverse=True)  # newest period first, fee items in their order
    return items


@dataclass(frozen=True)
class PaymentRow:
    """One allocation to an item of a target (the room's 费用 tab)."""

    on: dt.date
    bill_period: str
    fee_item: str
    amount: Decimal
    source: str        # payment | prepayment | reversal | overpaid
    doc_type: str
    doc_id: uuid.UUID
    operator: str


def room_payments(session: Session, actor: Actor, target_id: uuid.UUID) -> list[PaymentRow]:
    """Money applied to a room's (space's, vehicle's) bill items, newest first."""
    require(actor, BILL_VIEW)
    rows = session.execute(
        select(Allocation.alloc_date, BillLine.bill_period, FeeItem.name, Allocation.amount, Allocation.source,
               Allocation.doc_type, Allocation.doc_id, Allocation.operator_name, BillLine.kind)
        .join(BillLine, BillLine.id == Allocation.line_id).join(FeeItem, FeeItem.id == BillLine.fee_item_id)
        .where(BillLine.target_id == target_id)
        .order_by(Allocation.alloc_date.desc(), Allocation.created_at.desc()))
    return [PaymentRow(d, p, name + ("滞纳金" if kind == "late_fee" else ""), amt, src, dt_, di, op)
            for d, p, name, amt, src, dt_, di, op, kind in rows]


# --- balances --------------------------------------------------------------------------

@dataclass(frozen=True)
class Balance:
    customer_id: uuid.UUID
    receivable: Decimal                 # owed (+) by the customer
    prepaid_general: Decimal            # 通用预存
    prepaid_by_item: dict               # fee item id → 专项预存
    deposits: Decimal                   # 押金 held

    @property
    def prepaid(self) -> Decimal:
        return self.prepaid_general + sum(self.prepaid_by_item.values(), ZERO)


def balance(session: Session, actor: Actor, customer_id: uuid.UUID) -> Balance:
    require(actor, BILL_VIEW)
    rec, gen, dep, by_item = ZERO, ZERO, ZERO, {}
    for account, mark, amt in session.execute(
            select(LedgerEntry.account, LedgerEntry.earmark_id, func.sum(LedgerEntry.amount))
            .where(LedgerEntry.customer_id == customer_id)
            .group_by(LedgerEntry.account, LedgerEntry.earmark_id)):
        if account == "receivable":
            rec += amt
        elif account == "prepaid":
            if mark is None:
                gen += amt
            elif amt:
                by_item[mark] = amt
        elif account == "deposit":
            dep += amt
    return Balance(customer_id, rec, gen, by_item, dep)


def _prepaid(session: Session, customer_ids: Iterable[uuid.UUID] | None = None) -> dict:
    stmt = (select(LedgerEntry.customer_id, LedgerEntry.earmark_id, func.sum(LedgerEntry.amount))
            .where(LedgerEntry.account == "prepaid")
            .group_by(LedgerEntry.customer_id, LedgerEntry.earmark_id))
    out: dict[uuid.UUID, dict] = defaultdict(dict)
    wanted = set(customer_ids) if customer_ids is not None else None
    for cid, mark, amt in session.execute(stmt):
        if amt and amt > 0 and (wanted is None or cid in wanted):
            out[cid][mark] = amt
    return out


# --- writing allocations ---------------------------------------------------------------

def _allocate(session: Session, actor: Actor, item: Item, amount: Decimal, *, source: str, doc_type: str,
              doc_id: uuid.UUID, on: dt.date, post: Period, earmark_id: uuid.UUID | None = None,
              reverses_id: uuid.UUID | None = None, note: str = "") -> Allocation:
    a = Allocation(line_id=item.line_id, slot=item.slot, customer_id=item.customer_id, amount=amount,
                   source=source, doc_type=doc_type, doc_id=doc_id, alloc_date=on, post_period=str(post),
                   estate_id=item.estate_id, earmark_id=earmark_id, reverses_id=reverses_id,
                   operator_name=actor.label[:64], note=note[:256])
    session.add(a)
    item.paid += amount
    return a


def _post_line(session: Session, actor: Actor, item_like: Item | None, *, kind: str, amount: Decimal,
               formula: str, reason: str, on: dt.date, slot: uuid.UUID | None = None,
               base: BillLine | None = None, customer_id=None, estate_id=None, building_id=None,
               target=None, fee_item_id=None, bill_period: Period | None = None,
               due: dt.date | None = None) -> BillLine:
    """Append a line to an item (adjustment, late fee) or start a new item."""
    if base is not None:
        slot = slot or base.slot
        top = session.scalar(select(func.max(BillLine.seq)).where(BillLine.slot == slot))
        seq = 0 if top is None else top + 1
        customer_id, estate_id, building_id = base.customer_id, base.estate_id, base.building_id
        target = (base.target_kind, base.target_id, base.target_code)
        fee_item_id, bill_period, due = base.fee_item_id, Period.parse(base.bill_period), due or base.due_date
        service = (base.service_from, base.service_to)
        std, ver = base.standard_id, base.version_id
    else:
        seq, service, std, ver = 0, (bill_period.first_day, bill_period.last_day), None, None
    post = posting_period(session, estate_id, max(bill_period, Period.of(on)))
    line = BillLine(slot=slot, seq=seq, kind=kind, bill_period=str(bill_period), post_period=str(post),
                    estate_id=estate_id, building_id=building_id, target_kind=target[0], target_id=target[1],
                    target_code=target[2], customer_id=customer_id, fee_item_id=fee_item_id, standard_id=std,
                    version_id=ver, service_from=service[0], service_to=service[1], due_date=due,
                    gross=amount, discount=ZERO, amount=amount, formula=formula, inputs="",
                    reason=reason[:256], adjusts_id=base.id if base is not None and kind != "late_fee" else None,
                    operator_name=actor.label[:64])
    session.add(line)
    session.flush()
    ledger(session, actor, customer_id=customer_id, account="receivable", amount=amount,
           kind=kind, doc_type="bill_line", doc_id=line.id, on=on, post_period=post, estate_id=estate_id,
           memo=f"{target[2]} {reason or formula}"[:256])
    return line


def _release_overpaid(session: Session, actor: Actor, item: Item, on: dt.date, why: str) -> None:
    """If an item now holds more money than it bills (it was lowered after being
    paid), move the excess to the customer's general prepayment."""
    excess = item.paid - max(item.billed, ZERO)
    if excess <= 0:
        return
    post = posting_period(session, item.estate_id, Period.of(on))
    doc = uuid.uuid4()
    _allocate(session, actor, item, -excess, source="overpaid", doc_type="overpaid", doc_id=doc, on=on, post=post,
              note=f"多缴转预存：{why}")
    ledger(session, actor, customer_id=item.customer_id, account="receivable", amount=excess, kind="overpaid",
           doc_type="overpaid", doc_id=doc, on=on, post_period=post, estate_id=item.estate_id,
           memo=f"{item.target_code} {item.fee_item} 多缴转预存")
    ledger(session, actor, customer_id=item.customer_id, account="prepaid", amount=excess, kind="overpaid",
           doc_type="overpaid", doc_id=doc, on=on, post_period=post, estate_id=item.estate_id,
           memo=f"{item.target_code} {item.fee_item} 多缴转预存")


def _reclaim_overpaid(session: Session, actor: Actor, item: Item, amount: Decimal, on: dt.date, why: str) -> None:
    """Undo ``amount`` of what :func:`_release_overpaid` moved from ``item`` to the general
    prepayment; refused when the prepayment no longer holds it."""
    session.flush()
    have = _prepaid(session, [item.customer_id]).get(item.customer_id, {}).get(None, ZERO)
    if amount > have:
        raise ValidationFailed([Problem(
            f"{item.target_code} {item.fee_item} {item.bill_period}",
            f"该项目调减后多缴的 {calc.yuan(amount)} 元已转入预存，预存余额只有 {calc.yuan(have)} 元，无法冲销；"
            "请先冲销用掉这笔预存的缴费或冲抵，再作废/退款",
            f"{calc.yuan(amount)} of this item went to the prepayment when it was lowered, and only "
            f"{calc.yuan(have)} is left there: reverse what spent it first")])
    post = posting_period(session, item.estate_id, Period.of(on))
    doc = uuid.uuid4()
    _allocate(session, actor, item, amount, source="overpaid", doc_type="overpaid", doc_id=doc, on=on, post=post,
              note=f"多缴预存随单据冲销收回：{why}")
    for account in ("receivable", "prepaid"):
        ledger(session, actor, customer_id=item.customer_id, account=account, amount=-amount, kind="overpaid",
               doc_type="overpaid", doc_id=doc, on=on, post_period=post, estate_id=item.estate_id,
               memo=f"{item.target_code} {item.fee_item} 多缴预存收回（单据冲销）")


def _item(session: Session, slot: uuid.UUID) -> Item:
    its = _items(session, slots=[slot])
    if not its:
        raise NotFound("应收项不存在", "bill item not found")
    return its[0]


# --- adjustments, waivers, one-off charges -----------------------------------------------

@dataclass(frozen=True)
class Effect:
    """What an adjustment of ``delta`` leaves on an item (the 减免/调整 dialog's preview)."""

    billed: Decimal         # billed after
    outstanding: Decimal    # unpaid after
    to_prepaid: Decimal     # money already paid that no longer has anything to pay: to general prepayment


def adjust_effect(item: Item, delta: Decimal) -> Effect:
    billed = item.billed + delta
    excess = max(item.paid - max(billed, ZERO), ZERO)     # as :func:`_release_overpaid` moves it
    return Effect(billed, billed - (item.paid - excess), excess)


def _authorizer(actor: Actor, supervisor: Actor | None, permission: str) -> Actor:
    """Who authorizes a change to billed money: the operator, or a 主管 who typed
    their own user name and password on the operator's screen
    (:func:`propdesk.services.operators.authorize`), as the cashier does for 作废/退款."""
    if supervisor is None:
        require(actor, permission)
        return actor
    require(actor, BILL_VIEW)
    require(supervisor, permission)
    return supervisor


def adjust(session: Session, actor: Actor, slot: uuid.UUID, delta: Decimal, reason: str, *,
           on: dt.date | None = None, supervisor: Actor | None = None) -> BillLine:
    """An adjustment line on a bill item, posted in the open period.  Lowering
    billed money (delta < 0) needs the 主管 permission BILL_ADJUST (raising it,
    BILL_RUN).  An operator without it acts on ``supervisor``'s authorization:
    the line and the audit record name the operator, the audit record and the
    formula name the supervisor too."""
    auth = _authorizer(actor, supervisor, BILL_ADJUST if delta < 0 else BILL_RUN)
    if not reason.strip():
        raise ValidationFailed([Problem("原因", "调整必须写明原因", "an adjustment needs a reason")])
    delta = round_fen(delta)
    if delta == 0:
        raise ValidationFailed([Problem("金额", "调整金额不能为 0", "adjustment cannot be zero")])
    on = on or local_today()
    it = _item(session, slot)
    if it.billed + delta < 0:
        raise ValidationFailed([Problem(f"{it.target_code} {it.fee_item}",
                                        f"调减后金额为负（应收 {calc.yuan(it.billed)} 元，调整 {calc.yuan(delta)} 元）",
                                        "the item would become negative")])
    by = f"，主管授权：{auth.label}" if auth is not actor else ""
    line = _post_line(session, actor, it, kind="adjustment", amount=delta, base=it.lines[0], on=on, reason=reason,
                      formula=f"调整 {delta:+,.2f} 元：{reason}（原应收 {calc.yuan(it.billed)} 元，调整后 "
                              f"{calc.yuan(it.billed + delta)} 元{by}）")
    it.billed += delta
    _release_overpaid(session, actor, it, on, reason)
    after = {"slot": str(slot), "delta": str(delta), "reason": reason}
    if auth is not actor:
        after["authorized_by"] = auth.label
        after["authorized_by_id"] = str(auth.operator_id) if auth.operator_id else None
    audit.record(session, actor, "adjust", "bill_line", line.id, after=after,
                 summary=f"调整 {it.target_code} {it.fee_item} {it.bill_period} {delta:+,.2f} 元：{reason}"
                         + (f"（授权：{auth.label}）" if auth is not actor else ""))
    return line


def waive(session: Session, actor: Actor, slot: uuid.UUID, reason: str, *, amount: Decimal | None = None,
          on: dt.date | None = None, supervisor: Actor | None = None) -> BillLine:
    """减免: lower an item by ``amount`` (default: all that is still unpaid).
    Needs BILL_ADJUST, the operator's or ``supervisor``'s (see :func:`adjust`)."""
    _authorizer(actor, supervisor, BILL_ADJUST)
    if not reason.strip():
        raise ValidationFailed([Problem("原因", "减免必须写明原因", "a waiver needs a reason")])
    it = _item(session, slot)
    amt = it.outstanding if amount is None else round_fen(amount)
    if amt <= 0 or amt > it.outstanding:
        raise ValidationFailed([Problem(f"{it.target_code} {it.fee_item}",
                                        f"减免金额应在 0 到未缴金额 {calc.yuan(it.outstanding)} 元之间",
                                        "waiver must be within the unpaid amount")])
    return adjust(session, actor, slot, -amt, f"减免：{reason.strip()}", on=on, supervisor=supervisor)


#: Who may cause a one-off charge: billing staff, and the desks whose own
#: business raises one (a card's 工本费 at issue, a paid repair when it is done).
#: The caller states on which authority it charges; the actor must hold it.
CHARGE_AUTHORITIES = frozenset({BILL_RUN, CARD_ISSUE, WORKORDER_HANDLE, WORKORDER_DISPATCH})


def charge(session: Session, actor: Actor, *, target_kind: str, target_id: uuid.UUID,
           fee_item: "uuid.UUID | str", amount: Decimal, reason: str, period: "str | Period | None" = None,
           due: dt.date | None = None, customer_id: uuid.UUID | None = None,
           on: dt.date | None = None, authority: str = BILL_RUN) -> BillLine:
    """临时/一次性收费 (有偿服务费 …) on a room, space or vehicle, to its current
    owner unless ``customer_id`` is given.

    ``authority`` is the permission the charge is made under: BILL_RUN for
    billing staff, CARD_ISSUE for card fees, WORKORDER_HANDLE/WORKORDER_DISPATCH
    for paid repairs (finished by the engineer, or handed over later by the desk)."""
    if authority not in CHARGE_AUTHORITIES:
        raise ValueError(f"{authority!r} is not an authority for charges")
    require(actor, authority)
    on = on or local_today()
    amount = round_fen(amount)
    item = get_fee_item(session, fee_item)
    p = []
    if amount <= 0:
        p.append(Problem("金额", "金额必须大于0", "amount must be positive"))
    if not reason.strip():
        p.append(Problem("说明", "请写明收费内容", "describe the charge"))
    if p:
        raise ValidationFailed(p)
    per = Period.parse(period) if period else Period.of(on)
    target, estate_id, building_id, owner = _target(session, target_kind, target_id)
    cid = customer_id or owner
    if cid is None:
        raise ValidationFailed([Problem(target[2], "该对象没有当前业主，请指定缴费客户", "no current owner: give a customer")])
    line = _post_line(session, actor, None, kind="temporary", amount=amount, slot=new_slot(per), on=on,
                      reason=reason, formula=f"{item.name}：{reason} = {calc.yuan(amount)} 元",
                      customer_id=cid, estate_id=estate_id, building_id=building_id, target=target,
                      fee_item_id=item.id, bill_period=per, due=due or on)
    audit.record(session, actor, "charge", "bill_line", line.id, after={"amount": str(amount), "reason": reason},
                 summary=f"临时收费 {target[2]} {item.name} {calc.yuan(amount)} 元")
    return line


def _target(session: Session, kind: str, target_id: uuid.UUID):
    from propdesk.models import Occupancy

    if kind == "room":
        r = session.get(Room, target_id)
        if r is None:
            raise NotFound("房间不存在", "room not found")
        owner = session.scalar(select(Occupancy.customer_id).where(
            Occupancy.room_id == r.id, Occupancy.role == "owner", Occupancy.end_date.is_(None),
            Occupancy.deleted_at.is_(None)))
        return ("room", r.id, r.code), r.estate_id, r.building_id, owner
    if kind == "space":
        s = session.get(ParkingSpace, target_id)
        if s is None:
            raise NotFound("车位不存在", "parking space not found")
        owner = session.scalar(select(Occupancy.customer_id).where(
            Occupancy.space_id == s.id, Occupancy.end_date.is_(None), Occupancy.deleted_at.is_(None)))
        return ("space", s.id, s.code), s.estate_id, None, owner
    if kind == "vehicle":
        v = session.get(Vehicle, target_id)
        if v is None or v.space_id is None:
            raise NotFound("车辆不存在或未绑定车位", "vehicle not found or without a space")
        s = session.get(ParkingSpace, v.space_id)
        return ("vehicle", v.id, v.plate), s.estate_id, None, v.customer_id
    raise ValueError(kind)


# --- settlement (the cashier's API) ------------------------------------------------------

@dataclass(frozen=True)
class SettleRequest:
    """Pay ``principal`` of item ``slot`` and ``late_fee`` of its late fee."""

    slot: uuid.UUID
    principal: Decimal
    late_fee: Decimal = ZERO


@dataclass
class Settlement:
    doc_type: str
    doc_id: uuid.UUID
    allocations: list[Allocation]
    principal: Decimal
    late_fee: Decimal

    @property
    def total(self) -> Decimal:
        return self.principal + self.late_fee


def settle(session: Session, actor: Actor, customer_id: uuid.UUID, requests: Sequence[SettleRequest], *,
           on: dt.date, doc_type: str, doc_id: uuid.UUID, source: str = "payment",
           waive_late_fee_reason: str = "") -> Settlement:
    """Apply a payment document to bill items: one allocation per line.

    For each request the late fee accrued as of ``on`` is charged first (a
    ``late_fee`` line on the item's late-fee slot) and ``late_fee`` of it is
    settled, then ``principal`` of the item.  A request may settle less than
    is due (partial payment); never more.  Passing ``waive_late_fee_reason``
    waives the accrued late fee instead (needs BILL_ADJUST).  The receivable
    ledger entry is one per document."""
    require(actor, PAY_COLLECT)
    if waive_late_fee_reason:
        require(actor, BILL_ADJUST)
    slots = [r.slot for r in requests]
    items = {i.slot: i for i in _items(session, slots=slots + [late_slot(s) for s in slots])}
    problems = []
    allocs: list[Allocation] = []
    total_p = total_l = ZERO
    versions: dict = {}
    for r in requests:
        it = items.get(r.slot)
        where = f"应收项 {r.slot}"
        if it is None or it.customer_id != customer_id:
            problems.append(Problem(where, "应收项不存在或不属于该客户", "item not found for this customer"))
            continue
        where = f"{it.target_code} {it.fee_item} {it.bill_period}"
        if r.principal < 0 or r.late_fee < 0:
            problems.append(Problem(where, "金额不能为负", "amounts cannot be negative"))
            continue
        if r.principal > it.outstanding:
            problems.append(Problem(where, f"本金 {calc.yuan(r.principal)} 超过未缴 {calc.yuan(it.outstanding)} 元",
                                    "principal exceeds what is unpaid"))
            continue
        ls = items.get(late_slot(r.slot))
        charged = late_accounted(ls)
        accrued, text = _late(session, it, on, versions) if it.kind != "late_fee" else (ZERO, "")
        new_late = max(ZERO, accrued - charged)
        if new_late > 0:
            line = _post_line(session, actor, None, kind="late_fee", amount=new_late, slot=late_slot(r.slot),
                              base=it.lines[0], on=on, reason=f"{doc_type}:{doc_id}",
                              formula=f"滞纳金（截至 {on:%Y-%m-%d}）：{text}")
            if ls is None:
                ls = Item(late_slot(r.slot), line.id, "late_fee", it.customer_id, it.estate_id, it.target_kind,
                          it.target_id, it.target_code, it.fee_item_id, f"{it.fee_item}滞纳金", it.fee_sort,
                          it.bill_period, it.due_date, ZERO, ZERO, line.formula, [])
                items[ls.slot] = ls
            ls.lines.append(line)
            ls.billed += new_late
            if waive_late_fee_reason:
                ls.lines.append(_post_line(
                    session, actor, None, kind="adjustment", amount=-new_late, base=line, slot=ls.slot,
                    on=on, reason=f"{doc_type}:{doc_id} 减免滞纳金：{waive_late_fee_reason}",
                    formula=f"减免滞纳金 {calc.yuan(new_late)} 元：{waive_late_fee_reason}"))
                ls.billed -= new_late
        late_due = ls.outstanding if ls else ZERO
        if r.late_fee > late_due:
            problems.append(Problem(where, f"滞纳金 {calc.yuan(r.late_fee)} 超过应收滞纳金 {calc.yuan(late_due)} 元",
                                    "late fee exceeds what is due"))
            continue
        post = posting_period(session, it.estate_id, Period.of(on))
        if r.late_fee > 0:
            allocs.append(_allocate(session, actor, ls, r.late_fee, source=source, doc_type=doc_type, doc_id=doc_id,
                                    on=on, post=post))
            total_l += r.late_fee
        if r.principal > 0:
            allocs.append(_allocate(session, actor, it, r.principal, source=source, doc_type=doc_type,
                                    doc_id=doc_id, on=on, post=post))
            total_p += r.principal
    if problems:
        raise ValidationFailed(problems)
    by_estate: dict = defaultdict(lambda: ZERO)
    for a in allocs:
        by_estate[(a.estate_id, a.post_period)] += a.amount
    for (eid, post), amt in by_estate.items():
        ledger(session, actor, customer_id=customer_id, account="receivable", amount=-amt, kind=source,
               doc_type=doc_type, doc_id=doc_id, on=on, post_period=Period.parse(post), estate_id=eid,
               memo=f"{doc_type} 核销")
    session.flush()
    return Settlement(doc_type, doc_id, allocs, total_p, total_l)


def plan_amount(session: Session, actor: Actor, customer_id: uuid.UUID, amount: Decimal, *, on: dt.date,
                slots: Sequence[uuid.UUID] | None = None) -> list[SettleRequest]:
    """How ``amount`` would settle the customer's items by the written order:
    chosen items in the given order (default oldest first), each item's late
    fee before its principal, the last one partly."""
    items = outstanding(session, actor, customer_id, as_of=on)
    if slots is not None:
        pos = {s: i for i, s in enumerate(slots)}
        items = sorted((i for i in items if i.slot in pos), key=lambda i: pos[i.slot])
    left, out = round_fen(amount), []
    for it in items:
        if left <= 0:
            break
        late = min(left, it.late_fee)
        left -= late
        principal = min(left, max(it.outstanding, ZERO))
        left -= principal
        if late or principal:
            out.append(SettleRequest(it.slot, principal, late))
    return out


def settle_amount(session: Session, actor: Actor, customer_id: uuid.UUID, amount: Decimal, *, on: dt.date,
                  doc_type: str, doc_id: uuid.UUID, slots: Sequence[uuid.UUID] | None = None) -> Settlement:
    """Settle ``amount`` by :func:`plan_amount`; what is left is not applied."""
    return settle(session, actor, customer_id, plan_amount(session, actor, customer_id, amount, on=on, slots=slots),
                  on=on, doc_type=doc_type, doc_id=doc_id)


def reverse_settlement(session: Session, actor: Actor, doc_type: str, doc_id: uuid.UUID, *, on: dt.date,
                       reason: str) -> list[Allocation]:
    """Undo a payment document (作废/退款): a negative allocation for each of its
    allocations, the late fee it charged reversed, prepayment used given back."""
    require(actor, PAY_SUPERVISE)
    if not reason.strip():
        raise ValidationFailed([Problem("原因", "冲销必须写明原因", "a reversal needs a reason")])
    allocs = list(session.scalars(select(Allocation).where(Allocation.doc_type == doc_type,
                                                           Allocation.doc_id == doc_id,
                                                           Allocation.reverses_id.is_(None))))
    done = set(session.scalars(select(Allocation.reverses_id).where(
        Allocation.reverses_id.in_([a.id for a in allocs] or [uuid.uuid4()]))))
    allocs = [a for a in allocs if a.id not in done]
    if not allocs:
        raise NotFound("该单据没有可冲销的核销记录（可能已冲销）", "nothing to reverse for this document")
    items = {i.slot: i for i in _items(session, slots={a.slot for a in allocs})}
    out, by_key = [], defaultdict(lambda: ZERO)
    rev_doc = uuid.uuid4()
    for a in allocs:
        it = items[a.slot]
        post = posting_period(session, it.estate_id, Period.of(on))
        out.append(_allocate(session, actor, it, -a.amount, source="reversal", doc_type=doc_type, doc_id=doc_id,
                             on=on, post=post, earmark_id=a.earmark_id, reverses_id=a.id, note=reason))
        by_key[(a.customer_id, it.estate_id, str(post), a.source, a.earmark_id)] += a.amount
    for (cid, eid, post, source, mark), amt in by_key.items():
        ledger(session, actor, customer_id=cid, account="receivable", amount=amt, kind="reversal",
               doc_type=doc_type, doc_id=doc_id, on=on, post_period=Period.parse(post), estate_id=eid,
               memo=f"冲销：{reason}")
        if source == "prepayment":
            ledger(session, actor, customer_id=cid, account="prepaid", amount=amt, earmark_id=mark,
                   kind="reversal", doc_type=doc_type, doc_id=doc_id, on=on, post_period=Period.parse(post),
                   estate_id=eid, memo=f"冲销退回预存：{reason}")
    # An item lowered after this document paid it moved the excess to the general prepayment
    # (:func:`_release_overpaid`); that money leaves with the document, so it comes back out of
    # the prepayment, and the item never holds less than nothing.
    for it in {it.slot: it for it in (items[a.slot] for a in allocs)}.values():
        if it.paid < 0:
            _reclaim_overpaid(session, actor, it, -it.paid, on, reason)
    # The late fee this document charged is taken back, and any waiver it carried with it:
    # the late fee accrues again, to be charged or waived anew (see :func:`late_accounted`).
    tag = f"{doc_type}:{doc_id}"
    charged: dict = defaultdict(lambda: [ZERO, ZERO, None])
    for line in session.scalars(select(BillLine).where(
            (BillLine.reason == tag) | BillLine.reason.startswith(tag + " "))):
        entry = charged[line.slot]
        entry[0 if line.kind == "late_fee" else 1] += line.amount
        entry[2] = entry[2] or line
    for slot, (fee, waived, line) in charged.items():
        if fee:
            _post_line(session, actor, None, kind="adjustment", amount=-fee, base=line, slot=slot, on=on,
                       reason=f"{LATE_REVERSAL}{reason}", formula=f"冲回滞纳金 {calc.yuan(fee)} 元（单据已冲销）")
        if waived:
            _post_line(session, actor, None, kind="adjustment", amount=-waived, base=line, slot=slot, on=on,
                       reason=f"冲销单据的滞纳金减免：{reason}",
                       formula=f"撤回减免滞纳金 {calc.yuan(-waived)} 元（单据已冲销）")
    if charged:
        # a late fee this document charged but another one paid: that money is now over
        for it in _items(session, slots=list(charged)):
            _release_overpaid(session, actor, it, on, f"冲销单据的滞纳金：{reason}")
    audit.record(session, actor, "reverse", doc_type, doc_id, after={"allocations": len(out), "reason": reason},
                 summary=f"冲销核销 {len(out)} 笔：{reason}")
    session.flush()
    return out


# --- prepayments ----------------------------------------------------------------------------

def topup_prepayment(session: Session, actor: Actor, customer_id: uuid.UUID, amount: Decimal, *, on: dt.date,
                     doc_type: str, doc_id: uuid.UUID, fee_item: "uuid.UUID | str | None" = None,
                     estate_id: uuid.UUID | None = None, offset: bool = True, memo: str = "") -> list[Allocation]:
    """预存: credit the customer (general, or earmarked for one fee item), then
    offset open items in the written order unless ``offset`` is False."""
    require(actor, PAY_COLLECT)
    amount = round_fen(amount)
    if amount <= 0:
        raise ValidationFailed([Problem("预存金额", "预存金额必须大于0", "top-up must be positive")])
    if session.get(Customer, customer_id) is None:
        raise NotFound("客户不存在", "customer not found")
    mark = get_fee_item(session, fee_item).id if fee_item is not None else None
    ledger(session, actor, customer_id=customer_id, account="prepaid", amount=amount, earmark_id=mark,
           kind="topup", doc_type=doc_type, doc_id=doc_id, on=on,
           post_period=posting_period(session, estate_id, Period.of(on)), estate_id=estate_id,
           memo=memo or "预存")
    session.flush()
    return offset_prepayments(session, actor, [customer_id], on=on) if offset else []


def offset_prepayments(session: Session, actor: Actor, customer_ids: Iterable[uuid.UUID], *, on: dt.date,
                       _checked: bool = False) -> list[Allocation]:
    """预存冲抵 by the written order (earmarked first, then general; oldest first)."""
    if not _checked:
        require(actor, PAY_COLLECT)
    balances = _prepaid(session, customer_ids)
    if not balances:
        return []
    by_slot = {i.slot: i for i in _items(session, customer_ids=list(balances))}
    # An overdue item's late fee as of ``on`` is charged first, so the prepayment pays it
    # before the principal (paying the principal alone would stop the accrual and lose it).
    docs: dict = {}
    versions: dict = {}
    for it in list(by_slot.values()):
        bal = balances[it.customer_id]
        if (it.kind == "late_fee" or it.outstanding <= 0 or it.due_date >= on
                or not (bal.get(None, ZERO) > 0 or bal.get(it.fee_item_id, ZERO) > 0)):
            continue
        ls = by_slot.get(late_slot(it.slot))
        accrued, text = _late(session, it, on, versions)
        new_late = max(ZERO, accrued - late_accounted(ls))
        if new_late <= 0:
            continue
        doc = docs.setdefault(it.customer_id, uuid.uuid4())
        line = _post_line(session, actor, None, kind="late_fee", amount=new_late, slot=late_slot(it.slot),
                          base=it.lines[0], on=on, reason=f"prepay_offset:{doc}",
                          formula=f"滞纳金（截至 {on:%Y-%m-%d}）：{text}")
        if ls is None:
            ls = by_slot[line.slot] = Item(
                line.slot, line.id, "late_fee", it.customer_id, it.estate_id, it.target_kind, it.target_id,
                it.target_code, it.fee_item_id, f"{it.fee_item}滞纳金", it.fee_sort, it.bill_period, it.due_date,
                ZERO, ZERO, line.formula, [])
        ls.lines.append(line)
        ls.billed += new_late
    items_by_c: dict = defaultdict(list)
    for it in by_slot.values():
        if it.outstanding > 0:
            items_by_c[it.customer_id].append(it)
    out = []
    for cid, bal in balances.items():
        items = {i.slot: i for i in items_by_c.get(cid, ())}
        plan = order.plan_offsets(bal, [i.open_item() for i in items.values()])
        if not plan:
            continue
        doc = docs.get(cid) or uuid.uuid4()
        by_key: dict = defaultdict(lambda: ZERO)
        for mark, slot, amt in plan:
            it = items[slot]
            post = posting_period(session, it.estate_id, Period.of(on))
            out.append(_allocate(session, actor, it, amt, source="prepayment", doc_type="prepay_offset", doc_id=doc,
                                 on=on, post=post, earmark_id=mark, note="预存冲抵"))
            by_key[(it.estate_id, str(post), mark)] += amt
        for (eid, post, mark), amt in by_key.items():
            ledger(session, actor, customer_id=cid, account="prepaid", amount=-amt, earmark_id=mark,
                   kind="prepay_use", doc_type="prepay_offset", doc_id=doc, on=on, post_period=Period.parse(post),
                   estate_id=eid, memo="预存冲抵")
            ledger(session, actor, customer_id=cid, account="receivable", amount=-amt, kind="prepayment",
                   doc_type="prepay_offset", doc_id=doc, on=on, post_period=Period.parse(post), estate_id=eid,
                   memo="预存冲抵")
    session.flush()
    return out


def refund_prepayment(session: Session, actor: Actor, customer_id: uuid.UUID, amount: Decimal, *, on: dt.date,
                      reason: str, doc_type: str, doc_id: uuid.UUID,
                      fee_item: "uuid.UUID | str | None" = None) -> LedgerEntry:
    """退预存 (主管): pay unused prepayment back to the customer."""
    require(actor, PAY_SUPERVISE)
    amount = round_fen(amount)
    mark = get_fee_item(session, fee_item).id if fee_item is not None else None
    have = _prepaid(session, [customer_id]).get(customer_id, {}).get(mark, ZERO)
    if amount <= 0 or amount > have:
        raise ValidationFailed([Problem("退款金额", f"退款金额应在 0 到预存余额 {calc.yuan(have)} 元之间",
                                        "refund must be within the prepaid balance")])
    if not reason.strip():
        raise ValidationFailed([Problem("原因", "退预存必须写明原因", "a refund needs a reason")])
    e = ledger(session, actor, customer_id=customer_id, account="prepaid", amount=-amount, earmark_id=mark,
               kind="refund", doc_type=doc_type, doc_id=doc_id, on=on, post_period=Period.of(on), memo=reason)
    audit.record(session, actor, "refund", "prepayment", customer_id, after={"amount": str(amount), "reason": reason},
                 summary=f"退预存 {calc.yuan(amount)} 元：{reason}")
    return e


# --- deposits ---------------------------------------------------------------------------------

def receive_deposit(session: Session, actor: Actor, customer_id: uuid.UUID, *, fee_item: "uuid.UUID | str",
                    target_kind: str, target_id: uuid.UUID, amount: Decimal, on: dt.date, doc_type: str = "",
                    doc_id: uuid.UUID | None = None, note: str = "") -> Deposit:
    """收押金 (装修保证金 …): held for the customer until refunded or forfeited."""
    require(actor, PAY_COLLECT)
    amount = round_fen(amount)
    item = get_fee_item(session, fee_item)
    if amount <= 0:
        raise ValidationFailed([Problem("押金金额", "押金金额必须大于0", "deposit must be positive")])
    target, estate_id, _, _ = _target(session, target_kind, target_id)
    d = Deposit(customer_id=customer_id, fee_item_id=item.id, estate_id=estate_id, target_kind=target[0],
                target_id=target[1], target_code=target[2], amount=amount, received_on=on, doc_type=doc_type,
                doc_id=doc_id, note=note, operator_name=actor.label[:64])
    session.add(d)
    session.flush()
    ledger(session, actor, customer_id=customer_id, account="deposit", amount=amount, earmark_id=d.id,
           kind="deposit_in", doc_type="deposit", doc_id=d.id, on=on,
           post_period=posting_period(session, estate_id, Period.of(on)), estate_id=estate_id,
           memo=f"{target[2]} {item.name}")
    audit.record(session, actor, "create", "deposit", d.id, after=audit.snapshot(d),
                 summary=f"收取{item.name} {calc.yuan(amount)} 元（{target[2]}）")
    return d


def deposit_held(session: Session, deposit_id: uuid.UUID) -> Decimal:
    return session.scalar(select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(
        LedgerEntry.account == "deposit", LedgerEntry.earmark_id == deposit_id)) or ZERO


def refund_deposit(session: Session, actor: Actor, deposit_id: uuid.UUID, *, refund: Decimal, on: dt.date,
                   reason: str, forfeit: Decimal = ZERO) -> list[DepositEvent]:
    """退押金 (主管): refund part or all; ``forfeit`` keeps part (e.g. damage), with a reason."""
    require(actor, PAY_SUPERVISE)
    d = session.get(Deposit, deposit_id)
    if d is None:
        raise NotFound("押金记录不存在", "deposit not found")
    held = deposit_held(session, d.id)
    held = held if isinstance(held, Decimal) else Decimal(held) / 100
    refund, forfeit = round_fen(refund), round_fen(forfeit)
    if refund < 0 or forfeit < 0 or refund + forfeit <= 0 or refund + forfeit > held:
        raise ValidationFailed([Problem(f"押金 {d.target_code}", f"退还加扣除应在 0 到在押金额 {calc.yuan(held)} 元之间",
                                        "refund plus forfeit must be within what is held")])
    if not reason.strip():
        raise ValidationFailed([Problem("原因", "退押金必须写明原因", "a reason is required")])
    events = []
    post = posting_period(session, d.estate_id, Period.of(on))
    for kind, amt in (("refund", refund), ("forfeit", forfeit)):
        if amt <= 0:
            continue
        ev = DepositEvent(deposit_id=d.id, kind=kind, amount=amt, happened_on=on, reason=reason,
                          operator_name=actor.label[:64])
        session.add(ev)
        session.flush()
        events.append(ev)
        ledger(session, actor, customer_id=d.customer_id, account="deposit", amount=-amt, earmark_id=d.id,
               kind=f"deposit_{kind}", doc_type="deposit_event", doc_id=ev.id, on=on, post_period=post,
               estate_id=d.estate_id, memo=f"{'退还' if kind == 'refund' else '扣除'}押金：{reason}")
    audit.record(session, actor, "refund", "deposit", d.id, after={"refund": str(refund), "forfeit": str(forfeit)},
                 summary=f"押金 {d.target_code}：退还 {calc.yuan(refund)} 元，扣除 {calc.yuan(forfeit)} 元：{reason}")
    return events


def deposits(session: Session, actor: Actor, customer_id: uuid.UUID) -> list[tuple[Deposit, Decimal]]:
    require(actor, BILL_VIEW)
    out = []
    for d in session.scalars(select(Deposit).where(Deposit.customer_id == customer_id).order_by(Deposit.received_on)):
        held = deposit_held(session, d.id)
        out.append((d, held if isinstance(held, Decimal) else Decimal(held) / 100))
    return out


# --- the ledger check --------------------------------------------------------------------------

@dataclass
class CheckReport:
    customers: int
    entries: int
    lines: int
    allocations: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def _sum_by(session: Session, stmt) -> dict:
    out = {}
    for key, amt in session.execute(stmt):
        out[key] = amt if isinstance(amt, Decimal) else Decimal(int(amt or 0)) / 100
    return out


def check(session: Session, actor: Actor) -> CheckReport:
    """``propdesk ledger check``: every customer's receivable ledger equals their
    bill lines minus allocations; no item holds more money than it bills or
    less than none; no prepaid or deposit balance is negative; every
    prepayment offset matches its prepaid entries."""
    require(actor, BILL_VIEW)
    problems: list[str] = []
    ledger_rec = _sum_by(session, select(LedgerEntry.customer_id, func.sum(LedgerEntry.amount))
                         .where(LedgerEntry.account == "receivable").group_by(LedgerEntry.customer_id))
    lines = _sum_by(session, select(BillLine.customer_id, func.sum(BillLine.amount)).group_by(BillLine.customer_id))
    allocs = _sum_by(session, select(Allocation.customer_id, func.sum(Allocation.amount))
                     .group_by(Allocation.customer_id))
    names = {}
    customers = set(ledger_rec) | set(lines) | set(allocs)
    for cid in customers:
        want = lines.get(cid, ZERO) - allocs.get(cid, ZERO)
        got = ledger_rec.get(cid, ZERO)
        if want != got:
            names.setdefault(cid, session.get(Customer, cid))
            problems.append(f"客户 {names[cid].name if names[cid] else cid}：应收台账 {calc.yuan(got)} 元 ≠ "
                            f"账单 {calc.yuan(lines.get(cid, ZERO))} − 核销 {calc.yuan(allocs.get(cid, ZERO))} = "
                            f"{calc.yuan(want)} 元")
    billed = _sum_by(session, select(BillLine.slot, func.sum(BillLine.amount)).group_by(BillLine.slot))
    paid = _sum_by(session, select(Allocation.slot, func.sum(Allocation.amount)).group_by(Allocation.slot))
    for slot, amt in paid.items():
        if amt < 0:
            problems.append(f"应收项 {slot}：核销合计为负 {calc.yuan(amt)} 元")
        elif amt > max(billed.get(slot, ZERO), ZERO):
            problems.append(f"应收项 {slot}：核销 {calc.yuan(amt)} 元超过应收 {calc.yuan(billed.get(slot, ZERO))} 元")
    for cid, account, mark, amt in session.execute(
            select(LedgerEntry.customer_id, LedgerEntry.account, LedgerEntry.earmark_id, func.sum(LedgerEntry.amount))
            .where(LedgerEntry.account.in_(("prepaid", "deposit")))
            .group_by(LedgerEntry.customer_id, LedgerEntry.account, LedgerEntry.earmark_id)):
        if amt < 0:
            names.setdefault(cid, session.get(Customer, cid))
            problems.append(f"客户 {names[cid].name if names[cid] else cid}：{'预存' if account == 'prepaid' else '押金'}"
                            f"余额为负 {calc.yuan(amt)} 元")
    used = _sum_by(session, select(Allocation.doc_id, func.sum(Allocation.amount))
                   .where(Allocation.source == "prepayment").group_by(Allocation.doc_id))
    taken = _sum_by(session, select(LedgerEntry.doc_id, func.sum(LedgerEntry.amount))
                    .where(LedgerEntry.account == "prepaid", LedgerEntry.kind == "prepay_use")
                    .group_by(LedgerEntry.doc_id))
    for doc, amt in used.items():
        if taken.get(doc, ZERO) != -amt:
            problems.append(f"预存冲抵单 {doc}：核销 {calc.yuan(amt)} 元与预存扣减 {calc.yuan(-taken.get(doc, ZERO))} 元不符")
    n_entries = session.scalar(select(func.count()).select_from(LedgerEntry))
    n_lines = session.scalar(select(func.count()).select_from(BillLine))
    n_allocs = session.scalar(select(func.count()).select_from(Allocation))
    return CheckReport(len(customers), n_entries, n_lines, n_allocs, problems)
