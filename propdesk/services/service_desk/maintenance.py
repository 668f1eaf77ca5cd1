"""Preventive maintenance (保养计划): when each plan falls due, generating its work
orders, and what is overdue.

Occurrence *k* of a plan is ``start_date`` plus *k* periods, counted from the
start and not from the previous occurrence, so month ends stay month ends:
a monthly plan from Jan 31 falls due Feb 28 (29 in a leap year), Mar 31,
Apr 30; a yearly plan from Feb 29 falls due Feb 28 in common years.

:func:`generate_due` is idempotent: an occurrence already generated (on this
terminal, or on another and synchronised here) is never generated again; the
unique index on (plan_id, plan_due) is the last guard.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from propdesk.errors import NotFound, Problem, ValidationFailed
from propdesk.models import Operator
from propdesk.models.service import Equipment, EquipmentRecord, MaintenancePlan, WorkOrder
from propdesk.security import (
    EQUIPMENT_MANAGE, MASTER_VIEW, ROLE_PERMISSIONS, WORKORDER_CREATE, WORKORDER_HANDLE, Actor,
    require,
)
from propdesk.services import audit
from propdesk.services.service_desk import workorders
from propdesk.services.service_desk.codes import (
    FREQUENCIES, length_problems, local_now, parse_code,
)

MONTHS = {"month": 1, "quarter": 3, "year": 12}
# The periods counted (每 2 周, 每 6 个月), for plans repeating every N periods.
FREQUENCY_UNITS = {"week": "周", "month": "个月", "quarter": "季度", "year": "年"}
PLAN_FIELDS = ("title", "frequency", "every", "start_date", "end_date", "content", "post",
               "assignee_id", "active")
# The work-order category a piece of equipment's maintenance is filed under.
CATEGORY_FOR_KIND = {"lift": "lift", "fire": "fire", "pump": "water_electric",
                     "power": "water_electric", "generator": "water_electric"}
OPEN = ("pending", "dispatched", "in_progress", "suspended")


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def occurrence(start: dt.date, frequency: str, k: int, every: int = 1) -> dt.date:
    """The ``k``-th due date (0 = ``start``) of a plan repeating every ``every`` periods."""
    if frequency == "week":
        return start + dt.timedelta(weeks=k * every)
    return add_months(start, MONTHS[frequency] * every * k)


def occurrences(start: dt.date, frequency: str, until: dt.date, end: dt.date | None = None,
                every: int = 1) -> Iterator[dt.date]:
    """Due dates from ``start`` up to and including ``until`` (and ``end``, if set)."""
    last = min(until, end) if end else until
    k = 0
    while True:
        d = occurrence(start, frequency, k, every)
        if d > last:
            return
        yield d
        k += 1


def plan_occurrences(plan: MaintenancePlan, until: dt.date) -> Iterator[dt.date]:
    return occurrences(plan.start_date, plan.frequency, until, plan.end_date, plan.every or 1)


def next_due(plan: MaintenancePlan, after: dt.date) -> dt.date | None:
    """The first due date strictly after ``after`` (None when the plan has ended)."""
    every = plan.every or 1
    if plan.start_date > after:
        d = plan.start_date
    else:
        # Jump close by arithmetic rather than walking every week of a long plan.
        if plan.frequency == "week":
            k = (after - plan.start_date).days // (7 * every)
        else:
            months = (after.year - plan.start_date.year) * 12 + after.month - plan.start_date.month
            k = max(0, months // (MONTHS[plan.frequency] * every) - 1)
        while (d := occurrence(plan.start_date, plan.frequency, k, every)) <= after:
            k += 1
    if plan.end_date and d > plan.end_date:
        return None
    return d


def describe(frequency: str, every: int = 1) -> str:
    """每月, 每 2 周, 每 6 个月 …"""
    if every == 1:
        return "每" + FREQUENCIES[frequency]
    return f"每 {every} {FREQUENCY_UNITS[frequency]}"


# --- plans ---------------------------------------------------------------------------

def _plan_problems(session: Session, v: dict) -> list[Problem]:
    p: list[Problem] = []
    if not (v.get("title") or "").strip():
        p.append(Problem("计划名称", "计划名称不能为空（如 1号电梯月度保养）", "title is required"))
    v["frequency"] = parse_code(FREQUENCIES, v.get("frequency"), "保养周期", p)
    every = v.get("every", 1)
    if not isinstance(every, int) or isinstance(every, bool) or not 1 <= every <= 24:
        p.append(Problem("间隔", "间隔应为1到24之间的整数（如 电梯每2周）",
                         "every must be a whole number from 1 to 24"))
    if not isinstance(v.get("start_date"), dt.date):
        p.append(Problem("首次保养日期", "请填写首次保养日期", "first due date is required"))
    elif v.get("end_date") and v["end_date"] < v["start_date"]:
        p.append(Problem("结束日期", "结束日期不能早于首次保养日期", "end date before start"))
    p += length_problems(MaintenancePlan, v, {"title": "计划名称", "post": "责任岗位"})
    if v.get("assignee_id") is not None:
        op = session.get(Operator, v["assignee_id"])
        if op is None or not op.active or WORKORDER_HANDLE not in ROLE_PERMISSIONS.get(op.role, ()):
            p.append(Problem("负责人", "负责人须为在职的工程人员", "assignee must be an active engineer"))
    return p


def create_plan(session: Session, actor: Actor, equipment_id: uuid.UUID, *, title: str,
                frequency: str, start_date: dt.date, content: str = "", post: str = "",
                assignee_id: uuid.UUID | None = None, end_date: dt.date | None = None,
                every: int = 1) -> MaintenancePlan:
    require(actor, EQUIPMENT_MANAGE)
    e = session.get(Equipment, equipment_id)
    if e is None or e.deleted_at is not None:
        raise NotFound("设备不存在或已删除", "equipment not found")
    v = dict(title=title.strip(), frequency=frequency, every=every, start_date=start_date,
             end_date=end_date, content=content.strip(), post=post.strip(),
             assignee_id=assignee_id)
    problems = _plan_problems(session, v)
    if problems:
        raise ValidationFailed(problems)
    plan = MaintenancePlan(equipment_id=e.id, active=True, **v)
    session.add(plan)
    session.flush()
    audit.record(session, actor, "create", "maintenance_plan", plan.id,
                 after=audit.snapshot(plan),
                 summary=f"新建保养计划 {e.code} {plan.title}（{describe(plan.frequency, plan.every)}）")
    return plan


def update_plan(session: Session, actor: Actor, plan_id: uuid.UUID, **changes) -> MaintenancePlan:
    """Change a plan.  Occurrences already generated keep their orders; a new start
    date re-bases future occurrences only."""
    require(actor, EQUIPMENT_MANAGE)
    plan = get_plan(session, actor, plan_id)
    bad = set(changes) - set(PLAN_FIELDS)
    if bad:
        raise ValueError(f"fields not editable: {sorted(bad)}")
    merged = {k: getattr(plan, k) for k in PLAN_FIELDS} | changes
    problems = _plan_problems(session, merged)
    if problems:
        raise ValidationFailed(problems)
    before = audit.snapshot(plan)
    for k in changes:
        setattr(plan, k, merged[k])
    session.flush()
    b, a = audit.diff(before, audit.snapshot(plan))
    if a:
        audit.record(session, actor, "update", "maintenance_plan", plan.id, before=b, after=a,
                     summary=f"修改保养计划 {plan.title}")
    return plan


def get_plan(session: Session, actor: Actor, plan_id: uuid.UUID) -> MaintenancePlan:
    require(actor, MASTER_VIEW)
    plan = session.get(MaintenancePlan, plan_id)
    if plan is None or plan.deleted_at is not None:
        raise NotFound("保养计划不存在或已删除", "maintenance plan not found")
    return plan


@dataclass(frozen=True)
class PlanRow:
    plan: MaintenancePlan
    equipment_code: str
    equipment_name: str
    assignee_name: str
    next_due: dt.date | None
    last_done: dt.date | None
    open_orders: int
    overdue: int


def plan_rows(session: Session, actor: Actor, *, as_of: dt.date | None = None,
              equipment_id: uuid.UUID | None = None, include_inactive: bool = False
              ) -> list[PlanRow]:
    """Plans with their next due date, last maintenance and open/overdue orders."""
    require(actor, MASTER_VIEW)
    as_of = as_of or dt.date.today()
    stmt = (select(MaintenancePlan, Equipment, Operator.display_name)
            .join(Equipment, Equipment.id == MaintenancePlan.equipment_id)
            .outerjoin(Operator, Operator.id == MaintenancePlan.assignee_id)
            .where(MaintenancePlan.deleted_at.is_(None), Equipment.deleted_at.is_(None))
            .order_by(Equipment.code, MaintenancePlan.title))
    if equipment_id is not None:
        stmt = stmt.where(MaintenancePlan.equipment_id == equipment_id)
    if not include_inactive:
        stmt = stmt.where(MaintenancePlan.active.is_(True))
    last = dict(session.execute(select(EquipmentRecord.plan_id, func.max(EquipmentRecord.done_on))
                                .where(EquipmentRecord.plan_id.is_not(None),
                                       EquipmentRecord.deleted_at.is_(None))
                                .group_by(EquipmentRecord.plan_id)).all())
    overdue_by_plan: dict[uuid.UUID, int] = {}
    for o in overdue(session, actor, as_of):
        overdue_by_plan[o.plan_id] = overdue_by_plan.get(o.plan_id, 0) + 1
    open_by_plan = dict(session.execute(
        select(WorkOrder.plan_id, func.count()).where(
            WorkOrder.plan_id.is_not(None), WorkOrder.state.in_(OPEN),
            WorkOrder.deleted_at.is_(None)).group_by(WorkOrder.plan_id)).all())
    return [PlanRow(p, e.code, e.name, name or "", next_due(p, as_of - dt.timedelta(days=1)),
                    last.get(p.id), open_by_plan.get(p.id, 0), overdue_by_plan.get(p.id, 0))
            for p, e, name in session.execute(stmt)]


# --- generation and the overdue list ---------------------------------------------------

def _due_plans(session: Session):
    return session.execute(
        select(MaintenancePlan, Equipment)
        .join(Equipment, Equipment.id == MaintenancePlan.equipment_id)
        .where(MaintenancePlan.active.is_(True), MaintenancePlan.deleted_at.is_(None),
               Equipment.deleted_at.is_(None), Equipment.status != "scrapped")
        .order_by(Equipment.code, MaintenancePlan.id)).all()


def _generated(session: Session, plan_ids: list[uuid.UUID]) -> set[tuple[uuid.UUID, dt.date]]:
    if not plan_ids:
        return set()
    return set(session.execute(select(WorkOrder.plan_id, WorkOrder.plan_due).where(
        WorkOrder.plan_id.in_(plan_ids))).all())


def generate_due(session: Session, actor: Actor, as_of: dt.date, *,
                 now: dt.datetime | None = None) -> list[WorkOrder]:
    """Create the maintenance work orders of every occurrence due on or before ``as_of``
    that has none yet; dispatch them to the plan's engineer when it names one."""
    require(actor, WORKORDER_CREATE)
    now = now or local_now()
    plans = _due_plans(session)
    done = _generated(session, [p.id for p, _ in plans])
    created: list[WorkOrder] = []
    for plan, equip in plans:
        for due in plan_occurrences(plan, as_of):
            if (plan.id, due) in done:
                continue
            text = f"{plan.title}（{due:%Y-%m-%d}）" + (f"：{plan.content}" if plan.content else "")
            order = workorders.create_order(
                session, actor, kind="maintenance", category=CATEGORY_FOR_KIND.get(
                    equip.kind, "facility"), description=text, equipment_id=equip.id,
                estate_id=equip.estate_id, location=equip.location, reporter=plan.post,
                urgency="planned", source="plan", plan_id=plan.id, plan_due=due,
                due_at=dt.datetime.combine(due, workorders.END_OF_DAY), now=now)
            eng = session.get(Operator, plan.assignee_id) if plan.assignee_id else None
            if eng is not None and eng.active and eng.deleted_at is None:
                workorders.assign(session, actor, order, eng, "保养计划自动派工", now)
            created.append(order)
            done.add((plan.id, due))
    if created:
        audit.record(session, actor, "generate", "maintenance_plan", "",
                     after={"as_of": as_of.isoformat(), "orders": [o.number for o in created]},
                     summary=f"生成保养工单 {len(created)} 张（截至 {as_of:%Y-%m-%d}）")
    return created


@dataclass(frozen=True)
class OverdueRow:
    plan_id: uuid.UUID
    plan_title: str
    equipment_code: str
    equipment_name: str
    location: str
    due: dt.date
    order_id: uuid.UUID | None     # None: the occurrence has not been generated yet
    order_no: str
    state: str
    days_late: int


def overdue(session: Session, actor: Actor, as_of: dt.date) -> list[OverdueRow]:
    """Maintenance due before ``as_of`` and not done: open orders past their due date,
    and occurrences nobody has generated yet.  Oldest first."""
    require(actor, MASTER_VIEW)
    rows: list[OverdueRow] = []
    plans = _due_plans(session)
    by_id = {p.id: (p, e) for p, e in plans}
    generated = _generated(session, list(by_id))
    for plan, equip in plans:
        for due in plan_occurrences(plan, as_of - dt.timedelta(days=1)):
            if (plan.id, due) not in generated:
                rows.append(OverdueRow(plan.id, plan.title, equip.code, equip.name,
                                       equip.location, due, None, "", "", (as_of - due).days))
    if by_id:
        for o in session.scalars(select(WorkOrder).where(
                WorkOrder.plan_id.in_(list(by_id)), WorkOrder.state.in_(OPEN),
                WorkOrder.plan_due < as_of, WorkOrder.deleted_at.is_(None))):
            plan, equip = by_id[o.plan_id]
            rows.append(OverdueRow(plan.id, plan.title, equip.code, equip.name, equip.location,
                                   o.plan_due, o.id, o.number, o.state, (as_of - o.plan_due).days))
    rows.sort(key=lambda r: (r.due, r.equipment_code))
    return rows


def records(session: Session, actor: Actor, *, since: dt.date | None = None,
            until: dt.date | None = None, equipment_id: uuid.UUID | None = None
            ) -> list[tuple[EquipmentRecord, Equipment]]:
    """保养记录: maintenance done, newest first."""
    require(actor, MASTER_VIEW)
    stmt = (select(EquipmentRecord, Equipment)
            .join(Equipment, Equipment.id == EquipmentRecord.equipment_id)
            .where(EquipmentRecord.kind == "maintenance", EquipmentRecord.deleted_at.is_(None))
            .order_by(EquipmentRecord.done_on.desc(), Equipment.code))
    if since:
        stmt = stmt.where(EquipmentRecord.done_on >= since)
    if until:
        stmt = stmt.where(EquipmentRecord.done_on <= until)
    if equipment_id:
        stmt = stmt.where(EquipmentRecord.equipment_id == equipment_id)
    return [(r, e) for r, e in session.execute(stmt)]
