"""Work orders (工单): 报修 intake, 派工, the state machine, 领料, 完工, 回访.

Who may do what (checked here, whatever the UI shows):

* 受理 (intake): WORKORDER_CREATE.
* 派工/改派, 取消, 回访, 返修: WORKORDER_DISPATCH (前台/客服, 主管).
* 开始处理, 完工, 领料/退料, 工时: WORKORDER_HANDLE, and only on orders dispatched
  to oneself, unless one may also dispatch (主管 acting for an engineer).
* 挂起/恢复: the assigned engineer or a dispatcher.
* The engineer who did the work never makes its return visit.

Every step writes a :class:`WorkOrderEvent` (the order's history) and an
audit record in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from propdesk.errors import Conflict, NotFound, PermissionDenied, Problem, ValidationFailed
from propdesk.models import Customer, Estate, Operator, Room
from propdesk.models.service import Equipment, EquipmentRecord, StockItem, WorkOrder, WorkOrderEvent
from propdesk.money import ZERO, MoneyError, to_decimal
from propdesk.security import (
    MASTER_VIEW, ROLE_PERMISSIONS, WORKORDER_CREATE, WORKORDER_DISPATCH, WORKORDER_HANDLE, Actor,
    require,
)
from propdesk.services import audit
from propdesk.services.service_desk import charges, stock, workflow
from propdesk.services.service_desk.codes import (
    ACTIONS, CATEGORIES, NUMBER_PREFIX, SATISFACTION, SOURCES, STATES, URGENCIES,
    WORK_ORDER_KINDS, length_problems, local_now, parse_code,
)
from propdesk.services.service_desk.numbering import next_number
from propdesk.validators import normalize_phone, phone_ok

INTAKE_LABELS = {"reporter": "报修人", "contact": "联系电话", "location": "位置"}

# How long each urgency allows, from the later of intake and appointment.
URGENCY_WINDOW = {"emergency": dt.timedelta(hours=1), "urgent": dt.timedelta(hours=4)}
PLANNED_DAYS = 7
END_OF_DAY = dt.time(23, 59, 59)
# States whose due time is running (挂起 stops the clock: waiting for parts or the owner).
RUNNING_STATES = ("pending", "dispatched", "in_progress")


def due_time(urgency: str, reported_at: dt.datetime,
             appointment_at: dt.datetime | None = None) -> dt.datetime:
    """When an order must be done: 特急 1 hour, 紧急 4 hours, 一般 the same day, 计划 7 days.

    Counted from the appointment when the reporter asked for a later time.
    """
    base = max(reported_at, appointment_at) if appointment_at else reported_at
    if urgency in URGENCY_WINDOW:
        return base + URGENCY_WINDOW[urgency]
    day = base.date() + dt.timedelta(days=PLANNED_DAYS if urgency == "planned" else 0)
    return dt.datetime.combine(day, END_OF_DAY)


def is_overdue(order: WorkOrder, now: dt.datetime) -> bool:
    return order.state in RUNNING_STATES and order.due_at < now


# --- reading ---------------------------------------------------------------------

def get_order(session: Session, actor: Actor, order_id: uuid.UUID) -> WorkOrder:
    require(actor, MASTER_VIEW)
    order = session.get(WorkOrder, order_id)
    if order is None or order.deleted_at is not None:
        raise NotFound("工单不存在或已删除", "work order not found")
    return order


def order_by_number(session: Session, actor: Actor, number: str) -> WorkOrder:
    require(actor, MASTER_VIEW)
    order = session.scalar(select(WorkOrder).where(WorkOrder.number == number.strip().upper(),
                                                   WorkOrder.deleted_at.is_(None)))
    if order is None:
        raise NotFound(f"找不到工单 {number}，请核对单号（如 BX-T01-20261123-0001）",
                       f"no work order {number} (e.g. BX-T01-20261123-0001)")
    return order


@dataclass(frozen=True)
class OrderFilter:
    states: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    category: str = ""
    assignee_id: uuid.UUID | None = None
    unassigned: bool = False
    room_id: uuid.UUID | None = None
    equipment_id: uuid.UUID | None = None
    overdue_only: bool = False
    text: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int = 1000


@dataclass(frozen=True)
class OrderRow:
    id: uuid.UUID
    number: str
    kind: str
    state: str
    category: str
    urgency: str
    room_code: str
    location: str
    reporter: str
    contact: str
    description: str
    assignee_id: uuid.UUID | None
    assignee_name: str
    reported_at: dt.datetime
    appointment_at: dt.datetime | None
    due_at: dt.datetime
    finished_at: dt.datetime | None
    overdue: bool
    chargeable: bool
    charge_amount: Decimal
    charge_state: str
    satisfaction: str

    @property
    def place(self) -> str:
        return self.room_code or self.location


def list_orders(session: Session, actor: Actor, f: OrderFilter = OrderFilter(), *,
                now: dt.datetime | None = None) -> list[OrderRow]:
    """Orders for the list/board, newest first, with the overdue flag computed at ``now``."""
    require(actor, MASTER_VIEW)
    now = now or local_now()
    eng = aliased(Operator)
    stmt = (select(WorkOrder, Room.code, eng.display_name)
            .outerjoin(Room, Room.id == WorkOrder.room_id)
            .outerjoin(eng, eng.id == WorkOrder.assignee_id)
            .where(WorkOrder.deleted_at.is_(None))
            .order_by(WorkOrder.reported_at.desc(), WorkOrder.number.desc()))
    if f.states:
        stmt = stmt.where(WorkOrder.state.in_(list(f.states)))
    if f.kinds:
        stmt = stmt.where(WorkOrder.kind.in_(list(f.kinds)))
    if f.category:
        stmt = stmt.where(WorkOrder.category == f.category)
    if f.assignee_id is not None:
        stmt = stmt.where(WorkOrder.assignee_id == f.assignee_id)
    if f.unassigned:
        stmt = stmt.where(WorkOrder.assignee_id.is_(None))
    if f.room_id is not None:
        stmt = stmt.where(WorkOrder.room_id == f.room_id)
    if f.equipment_id is not None:
        stmt = stmt.where(WorkOrder.equipment_id == f.equipment_id)
    if f.overdue_only:
        stmt = stmt.where(WorkOrder.state.in_(RUNNING_STATES), WorkOrder.due_at < now)
    if f.since is not None:
        stmt = stmt.where(WorkOrder.reported_at >= dt.datetime.combine(f.since, dt.time()))
    if f.until is not None:
        stmt = stmt.where(WorkOrder.reported_at <
                          dt.datetime.combine(f.until + dt.timedelta(days=1), dt.time()))
    if f.text.strip():
        like = f"%{f.text.strip()}%"
        stmt = stmt.where(or_(WorkOrder.number.like(like), Room.code.like(like),
                              WorkOrder.location.like(like), WorkOrder.description.like(like),
                              WorkOrder.reporter.like(like), WorkOrder.contact.like(like)))
    rows = []
    for o, room_code, eng_name in session.execute(stmt.limit(f.limit)):
        rows.append(OrderRow(
            o.id, o.number, o.kind, o.state, o.category, o.urgency, room_code or "", o.location,
            o.reporter, o.contact, o.description, o.assignee_id, eng_name or "", o.reported_at,
            o.appointment_at, o.due_at, o.finished_at, is_overdue(o, now), o.chargeable,
            o.charge_amount, o.charge_state, o.satisfaction))
    return rows


def state_counts(session: Session, actor: Actor, *, now: dt.datetime | None = None,
                 assignee_id: uuid.UUID | None = None) -> dict[str, int]:
    """Orders per state plus ``overdue``, for the board's headers."""
    require(actor, MASTER_VIEW)
    now = now or local_now()
    base = [WorkOrder.deleted_at.is_(None)]
    if assignee_id is not None:
        base.append(WorkOrder.assignee_id == assignee_id)
    out = {s: 0 for s in STATES}
    for state, n in session.execute(select(WorkOrder.state, func.count())
                                    .where(*base).group_by(WorkOrder.state)):
        out[state] = n
    out["overdue"] = session.scalar(select(func.count()).select_from(WorkOrder).where(
        *base, WorkOrder.state.in_(RUNNING_STATES), WorkOrder.due_at < now)) or 0
    return out


@dataclass(frozen=True)
class EventRow:
    at: dt.datetime
    action: str
    from_state: str
    to_state: str
    note: str
    operator_name: str


@dataclass(frozen=True)
class OrderDetail:
    order: WorkOrder
    room_code: str
    estate_name: str
    customer_name: str
    assignee_name: str
    equipment_label: str
    events: tuple[EventRow, ...]
    materials: tuple[stock.LedgerRow, ...]
    charge_lines: tuple[charges.ChargeLine, ...]
    overdue: bool
    actions: tuple[str, ...]

    @property
    def charge_total(self) -> Decimal:
        return sum((c.amount for c in self.charge_lines), ZERO)


def order_detail(session: Session, actor: Actor, order_id: uuid.UUID, *,
                 now: dt.datetime | None = None) -> OrderDetail:
    order = get_order(session, actor, order_id)
    room = session.get(Room, order.room_id) if order.room_id else None
    estate = session.get(Estate, order.estate_id) if order.estate_id else None
    cust = session.get(Customer, order.customer_id) if order.customer_id else None
    eng = session.get(Operator, order.assignee_id) if order.assignee_id else None
    equip = session.get(Equipment, order.equipment_id) if order.equipment_id else None
    events = tuple(EventRow(e.at, e.action, e.from_state, e.to_state, e.note, e.operator_name)
                   for e in session.scalars(select(WorkOrderEvent).where(
                       WorkOrderEvent.order_id == order.id).order_by(WorkOrderEvent.id)))
    return OrderDetail(
        order, room.code if room else "", estate.name if estate else "",
        cust.name if cust else "", eng.display_name if eng else "",
        f"{equip.code} {equip.name}" if equip else "", events,
        tuple(reversed(stock.ledger(session, actor, work_order_id=order.id))),
        tuple(charges.charge_lines(session, order)), is_overdue(order, now or local_now()),
        tuple(workflow.allowed_actions(order.kind, order.state, order.held_from)))


def engineers(session: Session, actor: Actor) -> list[Operator]:
    """Operators work can be dispatched to: active, with the handle permission."""
    require(actor, MASTER_VIEW)
    roles = [r for r, perms in ROLE_PERMISSIONS.items() if WORKORDER_HANDLE in perms]
    return list(session.scalars(select(Operator).where(
        Operator.role.in_(roles), Operator.active.is_(True), Operator.deleted_at.is_(None))
        .order_by(Operator.role != "engineer", Operator.username)))


# --- intake ------------------------------------------------------------------------

def _event(session: Session, actor: Actor, order: WorkOrder, action: str, from_state: str,
           note: str, at: dt.datetime) -> None:
    session.add(WorkOrderEvent(order_id=order.id, action=action, from_state=from_state,
                               to_state=order.state, note=note[:512], at=at,
                               operator_id=actor.operator_id, operator_name=actor.label))


def _money(value, where: str, problems: list[Problem]) -> Decimal:
    try:
        d = to_decimal(value)
    except MoneyError:
        problems.append(Problem(where, f"金额无效：{value!r}", f"invalid amount {value!r}"))
        return ZERO
    if d < 0 or d.quantize(Decimal("0.01")) != d:
        problems.append(Problem(where, f"金额应不小于0且最多两位小数：{d}",
                                f"amount must be >= 0 with at most 2 decimals: {d}"))
    return d


def create_order(session: Session, actor: Actor, *, category: str, description: str,
                 kind: str = "repair", room_id: uuid.UUID | None = None,
                 estate_id: uuid.UUID | None = None, location: str = "", reporter: str = "",
                 contact: str = "", urgency: str = "normal", source: str = "",
                 appointment_at: dt.datetime | None = None, chargeable: bool = False,
                 customer_id: uuid.UUID | None = None, equipment_id: uuid.UUID | None = None,
                 plan_id: uuid.UUID | None = None, plan_due: dt.date | None = None,
                 due_at: dt.datetime | None = None, now: dt.datetime | None = None) -> WorkOrder:
    """受理: record a request.  ``category``, ``urgency``, ``source`` and ``kind`` accept
    codes or Chinese labels.  A repair (报修) needs a room; public-area and maintenance
    work needs a location or a piece of equipment."""
    require(actor, WORKORDER_CREATE)
    now = now or local_now()
    problems: list[Problem] = []
    kind = parse_code(WORK_ORDER_KINDS, kind, "工单类型", problems)
    category = parse_code(CATEGORIES, category, "报修类别", problems)
    urgency = parse_code(URGENCIES, urgency or "normal", "紧急程度", problems)
    source = parse_code(SOURCES, source or ("staff" if kind != "repair" else "front_desk"),
                        "来源", problems)
    description = (description or "").strip()
    if not description:
        problems.append(Problem("报修内容", "请填写报修内容（什么坏了、在哪里、现象）",
                                "describe the problem"))
    contact = normalize_phone(contact or "")
    if contact and not phone_ok(contact):
        problems.append(Problem("联系电话", f"电话号码无效：{contact}（手机11位，座机带区号）",
                                f"invalid phone number {contact}"))
    room = None
    if room_id is not None:
        room = session.get(Room, room_id)
        if room is None or room.deleted_at is not None:
            problems.append(Problem("房间", "房间不存在或已删除", "room not found"))
    equip = None
    if equipment_id is not None:
        equip = session.get(Equipment, equipment_id)
        if equip is None or equip.deleted_at is not None:
            problems.append(Problem("设备", "设备不存在或已删除", "equipment not found"))
    if kind == "repair" and room_id is None:
        problems.append(Problem("房间", "业主报修必须选择房间；公共区域请用“公区”工单",
                                "a repair needs a room; use a public-area order otherwise"))
    if kind != "repair" and not location.strip() and equip is None and room_id is None:
        problems.append(Problem("位置", "请填写报修位置（如 3栋大堂、地下车库B区）",
                                "give the location (e.g. lobby of building 3)"))
    if chargeable and room_id is None:
        problems.append(Problem("有偿维修", "只有房间的报修可以收费", "only a room's repair can be charged"))
    problems += length_problems(WorkOrder, dict(reporter=reporter, contact=contact,
                                                location=location), INTAKE_LABELS)
    if appointment_at is not None and appointment_at < now - dt.timedelta(days=1):
        problems.append(Problem("预约时间", f"预约时间 {appointment_at:%Y-%m-%d %H:%M} 已过",
                                "the appointment time is in the past"))
    if problems:
        raise ValidationFailed(problems)

    if room is not None:
        estate_id = room.estate_id
        if customer_id is None or not reporter or not contact:
            from propdesk.services.customers import room_owner

            owner = room_owner(session, room.id)
            if owner is not None:
                customer_id = customer_id or owner.id
                reporter = reporter or owner.name
                contact = contact or owner.phone
    elif equip is not None:
        estate_id = estate_id or equip.estate_id
    if equip is not None and not location.strip():
        location = equip.location or equip.name
    order = WorkOrder(
        number=next_number(session, WorkOrder.number, NUMBER_PREFIX[kind], now.date()),
        kind=kind, source=source, estate_id=estate_id, room_id=room_id,
        customer_id=customer_id, location=location.strip(), equipment_id=equipment_id,
        plan_id=plan_id, plan_due=plan_due, reporter=(reporter or "").strip(), contact=contact,
        category=category, description=description, urgency=urgency, reported_at=now,
        appointment_at=appointment_at,
        due_at=due_at or due_time(urgency, now, appointment_at), state="pending",
        chargeable=chargeable, taken_by=actor.label)
    session.add(order)
    session.flush()
    _event(session, actor, order, "create", "", description[:120], now)
    place = room.code if room else order.location
    audit.record(session, actor, "create", "work_order", order.id, after=audit.snapshot(order),
                 summary=f"受理{WORK_ORDER_KINDS[kind]}工单 {order.number} {place} "
                         f"{CATEGORIES[category]}")
    return order


# --- the state machine ---------------------------------------------------------------

def _may_handle(actor: Actor, order: WorkOrder) -> None:
    """Engineers work only on orders dispatched to them; dispatchers may act for them."""
    require(actor, WORKORDER_HANDLE)
    if actor.can(WORKORDER_DISPATCH) or (
            order.assignee_id is not None and order.assignee_id == actor.operator_id):
        return
    raise PermissionDenied(
        f"工单 {order.number} 没有派给 {actor.label}，只有被派工的工程人员或主管可以处理",
        f"work order {order.number} is not dispatched to {actor.label}; only its engineer "
        f"or a supervisor may work on it")


def _may_handle_or_dispatch(actor: Actor, order: WorkOrder) -> None:
    if actor.can(WORKORDER_DISPATCH):
        return
    _may_handle(actor, order)


def _need_reason(action: str, reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed([Problem(
            "原因", f"{ACTIONS[action]}必须填写原因", f"{action} needs a reason")])
    too_long = length_problems(WorkOrder, {"hold_reason": reason}, {"hold_reason": "原因"})
    if too_long:
        raise ValidationFailed(too_long)
    return reason


def _transition(session: Session, actor: Actor, order: WorkOrder, action: str, note: str,
                now: dt.datetime, **changes) -> WorkOrder:
    to = workflow.check(order.kind, order.state, action, order.number, order.held_from)
    before = audit.snapshot(order)
    from_state = order.state
    order.state = to
    for k, v in changes.items():
        setattr(order, k, v)
    session.flush()
    _event(session, actor, order, action, from_state, note, now)
    b, a = audit.diff(before, audit.snapshot(order))
    audit.record(session, actor, action, "work_order", order.id, before=b, after=a,
                 summary=f"{ACTIONS[action]} {order.number}：{STATES[from_state]} → "
                         f"{STATES[to]}{('，' + note) if note else ''}"[:512])
    return order


def dispatch(session: Session, actor: Actor, order_id: uuid.UUID, engineer_id: uuid.UUID, *,
             note: str = "", now: dt.datetime | None = None) -> WorkOrder:
    """派工 (or 改派 when already dispatched or under way)."""
    require(actor, WORKORDER_DISPATCH)
    now = now or local_now()
    order = get_order(session, actor, order_id)
    eng = session.get(Operator, engineer_id) if engineer_id is not None else None
    if (eng is None or eng.deleted_at is not None or not eng.active
            or WORKORDER_HANDLE not in ROLE_PERMISSIONS.get(eng.role, ())):
        raise ValidationFailed([Problem(
            "维修人员", "请选择在职的工程人员（该操作员不存在、已停用或不是工程岗位）",
            "choose an active engineering operator")])
    workflow.check(order.kind, order.state, "dispatch", order.number, order.held_from)
    if order.assignee_id == eng.id:
        raise Conflict(f"工单 {order.number} 已经派给 {eng.display_name}",
                       f"{order.number} is already dispatched to {eng.username}")
    return assign(session, actor, order, eng, note, now)


def assign(session: Session, actor: Actor, order: WorkOrder, eng: Operator, note: str,
           now: dt.datetime) -> WorkOrder:
    """The 派工 step itself, after the caller's checks (also used by maintenance plans,
    whose configured engineer receives their orders whoever generates them)."""
    previous = session.get(Operator, order.assignee_id) if order.assignee_id else None
    text = (f"改派：{previous.display_name} → {eng.display_name}" if previous
            else f"派给 {eng.display_name}") + (f"；{note}" if note else "")
    return _transition(session, actor, order, "dispatch", text, now, assignee_id=eng.id,
                       dispatched_at=now, started_at=None)


def start(session: Session, actor: Actor, order_id: uuid.UUID, *,
          now: dt.datetime | None = None) -> WorkOrder:
    """开始处理: the engineer has taken the job (到场/接单)."""
    now = now or local_now()
    order = get_order(session, actor, order_id)
    _may_handle(actor, order)
    return _transition(session, actor, order, "start", "", now, started_at=now)


def set_labour(session: Session, actor: Actor, order_id: uuid.UUID, *, hours=None,
               fee=None) -> WorkOrder:
    """工时/人工费 while the order is being worked on."""
    order = get_order(session, actor, order_id)
    _may_handle(actor, order)
    if order.state not in workflow.WORKING_STATES:
        raise Conflict(f"工单 {order.number} 当前为“{STATES[order.state]}”，不能再登记工时",
                       f"{order.number} is {order.state}; labour can no longer be recorded")
    problems: list[Problem] = []
    changes = {}
    if hours is not None:
        h = stock.parse_qty(hours, "工时", problems, allow_zero=True)
        if h.quantize(Decimal("0.01")) != h or h > 999:
            problems.append(Problem("工时", f"工时应为0到999小时、最多两位小数：{h}",
                                    f"hours must be 0..999 with at most 2 decimals: {h}"))
        changes["labour_hours"] = h
    if fee is not None:
        changes["labour_fee"] = _money(fee, "人工费", problems)
    if problems:
        raise ValidationFailed(problems)
    before = audit.snapshot(order)
    for k, v in changes.items():
        setattr(order, k, v)
    session.flush()
    b, a = audit.diff(before, audit.snapshot(order))
    if a:
        _event(session, actor, order, "labour", order.state,
               f"工时 {order.labour_hours}，人工费 {order.labour_fee}", local_now())
        audit.record(session, actor, "labour", "work_order", order.id, before=b, after=a,
                     summary=f"登记工时 {order.number}")
    return order


def set_chargeable(session: Session, actor: Actor, order_id: uuid.UUID, chargeable: bool
                   ) -> WorkOrder:
    """Mark an order 有偿 or 无偿 before it is finished."""
    order = get_order(session, actor, order_id)
    _may_handle_or_dispatch(actor, order)
    if order.state not in ("pending", "dispatched", "in_progress", "suspended"):
        raise Conflict(f"工单 {order.number} 已完工，不能再改收费方式",
                       f"{order.number} is finished; its charging cannot change")
    if chargeable and order.room_id is None:
        raise ValidationFailed([Problem("有偿维修", "只有房间的报修可以收费",
                                        "only a room's repair can be charged")])
    if order.chargeable != chargeable:
        before = {"chargeable": order.chargeable}
        order.chargeable = chargeable
        session.flush()
        audit.record(session, actor, "update", "work_order", order.id, before=before,
                     after={"chargeable": chargeable},
                     summary=f"{order.number} 改为{'有偿' if chargeable else '无偿'}维修")
    return order


def issue_materials(session: Session, actor: Actor, order_id: uuid.UUID,
                    lines: Sequence[stock.StockLine], *, override: bool = False,
                    note: str = "") -> list:
    """领料 for an order: deducted from stock, priced for a chargeable repair."""
    order = get_order(session, actor, order_id)
    _may_handle(actor, order)
    if order.state not in workflow.WORKING_STATES:
        raise Conflict(f"工单 {order.number} 当前为“{STATES[order.state]}”，不能领料；"
                       f"请在派工后、完工前领料",
                       f"{order.number} is {order.state}; materials are issued between "
                       f"dispatch and completion")
    eng = session.get(Operator, order.assignee_id) if order.assignee_id else None
    moves = stock.issue(session, actor, lines, recipient=eng.display_name if eng else actor.label,
                        work_order_id=order.id, note=note or f"工单 {order.number}",
                        override=override)
    _event(session, actor, order, "materials", order.state,
           f"领料单 {moves[0].doc_no}：" + _material_text(session, moves), local_now())
    return moves


def return_materials(session: Session, actor: Actor, order_id: uuid.UUID,
                     lines: Sequence[stock.StockLine], *, note: str = "") -> list:
    """退料 for an order: unused material back to stock, off the order's charge."""
    order = get_order(session, actor, order_id)
    _may_handle(actor, order)
    if order.state not in workflow.WORKING_STATES and order.state != "suspended":
        raise Conflict(f"工单 {order.number} 当前为“{STATES[order.state]}”，不能退料",
                       f"{order.number} is {order.state}; materials cannot be returned now")
    moves = stock.return_stock(session, actor, lines, work_order_id=order.id,
                               returned_by=actor.label, note=note or f"工单 {order.number}")
    _event(session, actor, order, "return", order.state,
           f"返库单 {moves[0].doc_no}：" + _material_text(session, moves), local_now())
    return moves


def _material_text(session: Session, moves) -> str:
    parts = []
    for m in moves:
        item = session.get(StockItem, m.item_id)
        parts.append(f"{item.name}×{stock.fmt_qty(abs(m.qty))}{item.unit}")
    return "、".join(parts)


def finish(session: Session, actor: Actor, order_id: uuid.UUID, *, result: str,
           labour_hours=None, labour_fee=None, now: dt.datetime | None = None,
           poster: charges.ChargePoster | None = None) -> WorkOrder:
    """完工: record what was done.  A chargeable repair's charge is fixed and handed to
    billing here; equipment work is added to the equipment's history."""
    now = now or local_now()
    order = get_order(session, actor, order_id)
    _may_handle(actor, order)
    result = (result or "").strip()
    workflow.check(order.kind, order.state, "finish", order.number, order.held_from)
    if not result:
        raise ValidationFailed([Problem("处理结果", "请填写处理结果（做了什么、换了什么）",
                                        "describe what was done")])
    if labour_hours is not None or labour_fee is not None:
        set_labour(session, actor, order.id, hours=labour_hours, fee=labour_fee)
    _transition(session, actor, order, "finish", result[:200], now, result=result,
                finished_at=now, closed_at=now if order.kind in workflow.NO_VISIT_KINDS else None)
    charges.settle(session, actor, order, now.date(), poster)
    if order.equipment_id is not None:
        eng = session.get(Operator, order.assignee_id) if order.assignee_id else None
        session.add(EquipmentRecord(
            equipment_id=order.equipment_id,
            kind="maintenance" if order.kind == "maintenance" else "repair", done_on=now.date(),
            content=order.description, result=result,
            performed_by=eng.display_name if eng else actor.label,
            cost=charges.charge_total(session, order), work_order_id=order.id,
            plan_id=order.plan_id))
    session.flush()
    return order


def visit(session: Session, actor: Actor, order_id: uuid.UUID, *, satisfaction: str,
          comment: str = "", now: dt.datetime | None = None) -> WorkOrder:
    """回访: call the reporter back and close the order with their satisfaction."""
    require(actor, WORKORDER_DISPATCH)
    now = now or local_now()
    order = get_order(session, actor, order_id)
    problems: list[Problem] = []
    sat = parse_code(SATISFACTION, satisfaction, "满意度", problems)
    if sat == "unsatisfied" and not (comment or "").strip():
        problems.append(Problem("回访意见", "不满意时请记录客户意见", "record why the customer is unsatisfied"))
    if problems:
        raise ValidationFailed(problems)
    if order.assignee_id is not None and order.assignee_id == actor.operator_id:
        raise PermissionDenied(f"工单 {order.number} 由 {actor.label} 维修，回访须由其他人员进行",
                               f"{actor.label} did the repair; someone else must call back")
    return _transition(session, actor, order, "visit",
                       f"{SATISFACTION.get(sat, sat)}{('：' + comment.strip()) if comment.strip() else ''}",
                       now, satisfaction=sat, visit_comment=(comment or "").strip(),
                       visited_at=now, visitor=actor.label, closed_at=now)


def rework(session: Session, actor: Actor, order_id: uuid.UUID, *, reason: str,
           now: dt.datetime | None = None) -> WorkOrder:
    """返修: the fix did not hold; back to the same engineer."""
    require(actor, WORKORDER_DISPATCH)
    now = now or local_now()
    order = get_order(session, actor, order_id)
    reason = _need_reason("rework", reason)
    return _transition(session, actor, order, "rework", reason, now, finished_at=None,
                       dispatched_at=now, started_at=None, due_at=max(order.due_at,
                                                                      due_time(order.urgency, now)))


def suspend(session: Session, actor: Actor, order_id: uuid.UUID, *, reason: str,
            now: dt.datetime | None = None) -> WorkOrder:
    """挂起 (waiting for parts, for the owner …); the due clock stops."""
    now = now or local_now()
    order = get_order(session, actor, order_id)
    _may_handle_or_dispatch(actor, order)
    reason = _need_reason("suspend", reason)
    return _transition(session, actor, order, "suspend", reason, now, held_from=order.state,
                       hold_reason=reason)


def resume(session: Session, actor: Actor, order_id: uuid.UUID, *, note: str = "",
           now: dt.datetime | None = None) -> WorkOrder:
    """恢复 a suspended order to where it was; the time it was held is added to its due time."""
    now = now or local_now()
    order = get_order(session, actor, order_id)
    _may_handle_or_dispatch(actor, order)
    held_since = session.scalar(select(func.max(WorkOrderEvent.at)).where(
        WorkOrderEvent.order_id == order.id, WorkOrderEvent.action == "suspend"))
    pause = (now - held_since) if held_since and now > held_since else dt.timedelta()
    return _transition(session, actor, order, "resume", note.strip(), now, held_from="",
                       due_at=order.due_at + pause)


def cancel(session: Session, actor: Actor, order_id: uuid.UUID, *, reason: str,
           now: dt.datetime | None = None) -> WorkOrder:
    """取消 with a reason; material taken for the order must be returned first."""
    require(actor, WORKORDER_DISPATCH)
    now = now or local_now()
    order = get_order(session, actor, order_id)
    reason = _need_reason("cancel", reason)
    workflow.check(order.kind, order.state, "cancel", order.number, order.held_from)
    held = {k: v for k, v in stock.issued_to_order(session, order.id).items() if v != 0}
    if held:
        raise Conflict(f"工单 {order.number} 还有已领用的物料，请先退料再取消",
                       f"{order.number} still holds issued material; return it before cancelling")
    return _transition(session, actor, order, "cancel", reason, now, cancel_reason=reason,
                       closed_at=now)


def apply(session: Session, actor: Actor, order_id: uuid.UUID, action: str, **kw) -> WorkOrder:
    """Run a state-machine action by name (scripts; the tests walk the whole table with it)."""
    fns = {"dispatch": dispatch, "start": start, "finish": finish, "visit": visit,
           "rework": rework, "suspend": suspend, "resume": resume, "cancel": cancel}
    if action not in fns:
        raise ValueError(f"unknown action {action!r}")
    if action == "dispatch":
        return dispatch(session, actor, order_id, kw.pop("engineer_id"), **kw)
    return fns[action](session, actor, order_id, **kw)


def update_intake(session: Session, actor: Actor, order_id: uuid.UUID, **changes) -> WorkOrder:
    """Correct what was taken down at intake (before the work is finished)."""
    require(actor, WORKORDER_CREATE)
    order = get_order(session, actor, order_id)
    if order.state not in ("pending", "dispatched", "in_progress", "suspended"):
        raise Conflict(f"工单 {order.number} 已完工，不能再修改受理内容",
                       f"{order.number} is finished; intake details are fixed")
    editable = {"category", "description", "urgency", "reporter", "contact", "location",
                "appointment_at"}
    bad = set(changes) - editable
    if bad:
        raise ValueError(f"fields not editable: {sorted(bad)}")
    problems: list[Problem] = []
    if "category" in changes:
        changes["category"] = parse_code(CATEGORIES, changes["category"], "报修类别", problems)
    if "urgency" in changes:
        changes["urgency"] = parse_code(URGENCIES, changes["urgency"], "紧急程度", problems)
    if "description" in changes and not (changes["description"] or "").strip():
        problems.append(Problem("报修内容", "报修内容不能为空", "description is required"))
    if "contact" in changes:
        changes["contact"] = normalize_phone(changes["contact"] or "")
        if changes["contact"] and not phone_ok(changes["contact"]):
            problems.append(Problem("联系电话", f"电话号码无效：{changes['contact']}",
                                    f"invalid phone number {changes['contact']}"))
    problems += length_problems(WorkOrder, changes, INTAKE_LABELS)
    if problems:
        raise ValidationFailed(problems)
    before = audit.snapshot(order)
    for k, v in changes.items():
        setattr(order, k, v.strip() if isinstance(v, str) else v)
    if {"urgency", "appointment_at"} & set(changes):
        order.due_at = due_time(order.urgency, order.reported_at, order.appointment_at)
    session.flush()
    b, a = audit.diff(before, audit.snapshot(order))
    if a:
        audit.record(session, actor, "update", "work_order", order.id, before=b, after=a,
                     summary=f"修改工单 {order.number} 受理内容")
    return order


@dataclass(frozen=True)
class Summary:
    """Figures for a period: how many, how fast, how satisfied."""

    total: int
    done: int
    cancelled: int
    open: int
    overdue_open: int
    finished_late: int
    satisfaction: dict[str, int]
    charged: Decimal


def summary(session: Session, actor: Actor, since: dt.date, until: dt.date, *,
            now: dt.datetime | None = None) -> Summary:
    """工单统计 for orders reported between ``since`` and ``until`` (inclusive)."""
    require(actor, MASTER_VIEW)
    now = now or local_now()
    lo = dt.datetime.combine(since, dt.time())
    hi = dt.datetime.combine(until + dt.timedelta(days=1), dt.time())
    rows = list(session.scalars(select(WorkOrder).where(
        WorkOrder.deleted_at.is_(None), WorkOrder.reported_at >= lo, WorkOrder.reported_at < hi)))
    sat = {k: 0 for k in SATISFACTION}
    for o in rows:
        if o.satisfaction in sat:
            sat[o.satisfaction] += 1
    return Summary(
        total=len(rows), done=sum(o.state == "done" for o in rows),
        cancelled=sum(o.state == "cancelled" for o in rows),
        open=sum(o.state not in ("done", "cancelled", "to_visit") for o in rows),
        overdue_open=sum(is_overdue(o, now) for o in rows),
        finished_late=sum(o.finished_at is not None and o.finished_at > o.due_at for o in rows),
        satisfaction=sat,
        charged=sum((o.charge_amount for o in rows if o.charge_state in ("pending", "posted")),
                    ZERO))
