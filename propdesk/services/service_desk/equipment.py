"""The equipment ledger (设备台账) and each piece's history of maintenance and repairs."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from propdesk.clock import utcnow
from propdesk.errors import Conflict, NotFound, Problem, ValidationFailed
from propdesk.models import Estate
from propdesk.models.service import Equipment, EquipmentRecord, MaintenancePlan, WorkOrder
from propdesk.money import MoneyError, ZERO, to_decimal
from propdesk.security import EQUIPMENT_MANAGE, MASTER_VIEW, Actor, require
from propdesk.services import audit
from propdesk.services.service_desk.codes import (
    EQUIPMENT_KINDS, EQUIPMENT_STATUSES, RECORD_KINDS, length_problems, parse_code,
)
from propdesk.validators import normalize_phone, phone_ok

EQUIPMENT_FIELDS = ("code", "name", "kind", "estate_id", "location", "model", "manufacturer",
                    "supplier", "supplier_phone", "serial_no", "install_date", "warranty_until",
                    "status", "note")


def _problems(session: Session, v: dict) -> list[Problem]:
    p: list[Problem] = []
    if not (v.get("code") or "").strip():
        p.append(Problem("设备编号", "设备编号不能为空（如 DT-01）", "equipment code is required"))
    if not (v.get("name") or "").strip():
        p.append(Problem("设备名称", "设备名称不能为空", "equipment name is required"))
    v["kind"] = parse_code(EQUIPMENT_KINDS, v.get("kind"), "设备类别", p)
    v["status"] = parse_code(EQUIPMENT_STATUSES, v.get("status") or "running", "状态", p)
    if v.get("supplier_phone"):
        v["supplier_phone"] = normalize_phone(v["supplier_phone"])
        if not phone_ok(v["supplier_phone"]):
            p.append(Problem("供应商电话", f"电话号码无效：{v['supplier_phone']}",
                             f"invalid phone number {v['supplier_phone']}"))
    inst, warr = v.get("install_date"), v.get("warranty_until")
    if inst and warr and warr < inst:
        p.append(Problem("保修期至", "保修截止日期不能早于安装日期",
                         "warranty cannot end before installation"))
    if inst and inst > dt.date.today() + dt.timedelta(days=366):
        p.append(Problem("安装日期", "安装日期不合理", "implausible installation date"))
    p += length_problems(Equipment, v, {
        "code": "设备编号", "name": "设备名称", "location": "位置", "model": "型号",
        "manufacturer": "生产厂家", "supplier": "供应商", "supplier_phone": "供应商电话",
        "serial_no": "出厂编号"})
    if v.get("estate_id") is not None:
        e = session.get(Estate, v["estate_id"])
        if e is None or e.deleted_at is not None:
            p.append(Problem("小区", "小区不存在", "estate not found"))
    return p


def create_equipment(session: Session, actor: Actor, *, code: str, name: str, kind: str,
                     **values) -> Equipment:
    require(actor, EQUIPMENT_MANAGE)
    bad = set(values) - set(EQUIPMENT_FIELDS)
    if bad:
        raise ValueError(f"unknown fields: {sorted(bad)}")
    v = {k: (x.strip() if isinstance(x, str) else x) for k, x in values.items()}
    v.update(code=code.strip().upper(), name=name.strip(), kind=kind)
    problems = _problems(session, v)
    if problems:
        raise ValidationFailed(problems)
    if session.scalar(select(Equipment.id).where(Equipment.code == v["code"])):
        raise Conflict(f"设备编号 {v['code']} 已存在，请换一个编号",
                       f"equipment code {v['code']} already exists")
    e = Equipment(**v)
    session.add(e)
    session.flush()
    audit.record(session, actor, "create", "equipment", e.id, after=audit.snapshot(e),
                 summary=f"新建设备 {e.code} {e.name}")
    return e


def update_equipment(session: Session, actor: Actor, equipment_id: uuid.UUID, **changes
                     ) -> Equipment:
    require(actor, EQUIPMENT_MANAGE)
    e = get_equipment(session, actor, equipment_id)
    bad = set(changes) - (set(EQUIPMENT_FIELDS) - {"code"})
    if bad:
        raise ValueError(f"fields not editable: {sorted(bad)}")
    merged = {k: getattr(e, k) for k in EQUIPMENT_FIELDS} | {
        k: (x.strip() if isinstance(x, str) else x) for k, x in changes.items()}
    problems = _problems(session, merged)
    if problems:
        raise ValidationFailed(problems)
    before = audit.snapshot(e)
    for k in changes:
        setattr(e, k, merged[k])
    session.flush()
    b, a = audit.diff(before, audit.snapshot(e))
    if a:
        audit.record(session, actor, "update", "equipment", e.id, before=b, after=a,
                     summary=f"修改设备 {e.code} {e.name}")
    return e


def delete_equipment(session: Session, actor: Actor, equipment_id: uuid.UUID) -> None:
    """Tombstone an entry made by mistake; equipment with history is 报废, not deleted."""
    require(actor, EQUIPMENT_MANAGE)
    e = get_equipment(session, actor, equipment_id)
    used = session.scalar(select(EquipmentRecord.id).where(
        EquipmentRecord.equipment_id == e.id, EquipmentRecord.deleted_at.is_(None)).limit(1)) \
        or session.scalar(select(WorkOrder.id).where(WorkOrder.equipment_id == e.id).limit(1)) \
        or session.scalar(select(MaintenancePlan.id).where(
            MaintenancePlan.equipment_id == e.id, MaintenancePlan.deleted_at.is_(None)).limit(1))
    if used:
        raise Conflict(f"设备 {e.code} 已有保养计划、工单或维保记录，不能删除；请把状态改为“报废”",
                       f"{e.code} has plans, orders or records; set its status to scrapped instead")
    e.deleted_at = utcnow()
    audit.record(session, actor, "delete", "equipment", e.id, before=audit.snapshot(e),
                 summary=f"删除设备 {e.code} {e.name}")


def get_equipment(session: Session, actor: Actor, equipment_id: uuid.UUID) -> Equipment:
    require(actor, MASTER_VIEW)
    e = session.get(Equipment, equipment_id)
    if e is None or e.deleted_at is not None:
        raise NotFound("设备不存在或已删除", "equipment not found")
    return e


def equipment_by_code(session: Session, actor: Actor, code: str) -> Equipment:
    require(actor, MASTER_VIEW)
    e = session.scalar(select(Equipment).where(Equipment.code == code.strip().upper(),
                                               Equipment.deleted_at.is_(None)))
    if e is None:
        raise NotFound(f"找不到设备编号 {code}，请在设备台账中核对", f"no equipment with code {code}")
    return e


def list_equipment(session: Session, actor: Actor, *, text: str = "", kind: str = "",
                   status: str = "", estate_id: uuid.UUID | None = None) -> list[Equipment]:
    require(actor, MASTER_VIEW)
    stmt = select(Equipment).where(Equipment.deleted_at.is_(None)).order_by(Equipment.code)
    if kind:
        stmt = stmt.where(Equipment.kind == kind)
    if status:
        stmt = stmt.where(Equipment.status == status)
    if estate_id is not None:
        stmt = stmt.where(Equipment.estate_id == estate_id)
    if text.strip():
        like = f"%{text.strip()}%"
        stmt = stmt.where(or_(Equipment.code.like(like), Equipment.name.like(like),
                              Equipment.location.like(like), Equipment.model.like(like),
                              Equipment.supplier.like(like)))
    return list(session.scalars(stmt))


def in_warranty(e: Equipment, on: dt.date) -> bool:
    return e.warranty_until is not None and on <= e.warranty_until


def add_record(session: Session, actor: Actor, equipment_id: uuid.UUID, *, kind: str,
               done_on: dt.date, content: str, result: str = "", performed_by: str = "",
               cost=ZERO, plan_id: uuid.UUID | None = None) -> EquipmentRecord:
    """Record work done outside a work order (e.g. the lift contractor's 维保 visit)."""
    require(actor, EQUIPMENT_MANAGE)
    e = get_equipment(session, actor, equipment_id)
    problems: list[Problem] = []
    kind = parse_code(RECORD_KINDS, kind, "记录类别", problems)
    if not (content or "").strip():
        problems.append(Problem("工作内容", "请填写工作内容", "describe the work"))
    problems += length_problems(EquipmentRecord, {"performed_by": performed_by or ""},
                                {"performed_by": "执行人"})
    if done_on > dt.date.today() + dt.timedelta(days=1):
        problems.append(Problem("日期", "记录日期不能在将来", "the date cannot be in the future"))
    try:
        cost = to_decimal(cost)
        if cost < 0 or cost.quantize(Decimal("0.01")) != cost:
            raise MoneyError(str(cost))
    except MoneyError:
        problems.append(Problem("维保费用", f"维保费用无效：{cost}", f"invalid cost {cost}"))
    if plan_id is not None:
        plan = session.get(MaintenancePlan, plan_id)
        if plan is None or plan.equipment_id != e.id:
            problems.append(Problem("保养计划", "保养计划不属于该设备", "plan is not this equipment's"))
    if problems:
        raise ValidationFailed(problems)
    r = EquipmentRecord(equipment_id=e.id, kind=kind, done_on=done_on, content=content.strip(),
                        result=(result or "").strip(),
                        performed_by=(performed_by or "").strip() or actor.label, cost=cost,
                        plan_id=plan_id)
    session.add(r)
    session.flush()
    audit.record(session, actor, "create", "equipment_record", r.id, after=audit.snapshot(r),
                 summary=f"{e.code} {RECORD_KINDS[kind]}记录 {done_on:%Y-%m-%d}")
    return r


@dataclass(frozen=True)
class HistoryRow:
    done_on: dt.date
    kind: str
    content: str
    result: str
    performed_by: str
    cost: Decimal
    work_order_no: str


def history(session: Session, actor: Actor, equipment_id: uuid.UUID) -> list[HistoryRow]:
    """The equipment's maintenance and repair history, newest first."""
    get_equipment(session, actor, equipment_id)
    rows = session.execute(
        select(EquipmentRecord, WorkOrder.number)
        .outerjoin(WorkOrder, WorkOrder.id == EquipmentRecord.work_order_id)
        .where(EquipmentRecord.equipment_id == equipment_id, EquipmentRecord.deleted_at.is_(None))
        .order_by(EquipmentRecord.done_on.desc(), EquipmentRecord.created_at.desc()))
    return [HistoryRow(r.done_on, r.kind, r.content, r.result, r.performed_by, r.cost, no or "")
            for r, no in rows]
