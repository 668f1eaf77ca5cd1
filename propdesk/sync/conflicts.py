"""The conflict log and alarms, as a 主管 reviews them (on any terminal, offline too).

The centre writes ``sync_conflict``/``sync_alarm`` rows; they reach every
terminal like other master data.  Reviewing is an ordinary local edit that
syncs back:

* **accept** (保留现值): the value that won stays; the entry is closed;
* **re-apply** (恢复被覆盖的值): the losing value is written again to the row,
  as a new local change -- it is causally after everything this terminal has
  seen, so it wins at the centre without a new conflict.  For a
  ``duplicate`` (two live rows on one unique key, e.g. two current owners of
  a room) re-applying swaps them: the row that stayed is marked deleted and
  the held-back row becomes live.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from propdesk.clock import utcnow
from propdesk.errors import Conflict, NotFound
from propdesk.models.sync import SyncAlarm, SyncConflict
from propdesk.security import CONFLICT_REVIEW, Actor, require
from propdesk.services import audit
from propdesk.sync import codec as C
from propdesk.sync import hlc
from propdesk.sync import tables as T

TABLE_LABELS = {
    "customer": ("客户", "customer"), "room": ("房间", "room"), "occupancy": ("入住记录", "occupancy"),
    "estate": ("小区", "estate"), "building": ("楼栋", "building"), "unit": ("单元", "unit"),
    "vehicle": ("车辆", "vehicle"), "pet": ("宠物", "pet"), "family_member": ("家庭成员", "family member"),
    "parking_space": ("车位", "parking space"), "gate_card": ("门禁卡", "gate card"),
    "operator": ("操作员", "operator"), "work_order": ("工单", "work order"),
    "complaint": ("投诉", "complaint"), "fee_item": ("收费项目", "fee item"),
    "fee_standard": ("收费标准", "fee standard"),
}
COLUMN_LABELS = {
    "name": "名称/姓名", "phone": "电话", "note": "备注", "code": "编码", "status": "状态",
    "role": "身份", "start_date": "开始日期", "end_date": "结束日期", "end_reason": "结束原因",
    "customer_id": "客户", "room_id": "房间", "deleted_at": "删除标记", "employer": "工作单位",
    "building_area": "建筑面积", "inner_area": "套内面积", "id_number": "证件号码",
    "holder_name": "持卡人", "plate": "车牌", "valid_until": "有效期至",
}
KIND_LABELS = {"lww": ("后写覆盖", "later write won"), "review": ("待审核", "held for review"),
               "duplicate": ("重复记录", "duplicate row")}


@dataclass(frozen=True)
class ConflictView:
    id: uuid.UUID
    table: str
    table_label: str
    row_id: str
    row_label: str
    column: str
    column_label: str
    kind: str
    kind_label: str
    kept: str
    lost: str
    kept_terminal: str
    lost_terminal: str
    kept_at: str
    lost_at: str
    status: str
    note: str
    created_at: dt.datetime


def _value_text(table: str, column: str, wire_json: str) -> str:
    try:
        value = json.loads(wire_json) if wire_json else None
    except ValueError:
        return wire_json
    if isinstance(value, dict):   # a whole row (duplicates): its human key
        return _row_label_from(table, value) or "-"
    st = T.get(table)
    if st is None or column not in st.table.columns or value is None:
        return C.wire_text(value)
    py = C.codec(st.table).python_from_wire(column, value)
    if isinstance(py, uuid.UUID):
        return str(py)[:8]
    if isinstance(py, dt.datetime):
        return py.strftime("%Y-%m-%d %H:%M")
    return C.wire_text(py)


def _row_label_from(table: str, row: dict[str, Any]) -> str:
    for key in ("code", "number", "name", "plate", "holder_name", "username"):
        if row.get(key):
            return str(row[key])
    if table == "occupancy":
        return f"{row.get('role', '')} {row.get('start_date', '')}"
    return str(row.get("id", ""))[:8]


def _row_label(session: Session, table: str, row_id: str) -> str:
    st = T.get(table)
    if st is None:
        return row_id[:8]
    obj = session.get(st.model, uuid.UUID(hex=row_id))
    if obj is None:
        return row_id[:8]
    return _row_label_from(table, {c: getattr(obj, c, None) for c in st.columns})


def view(session: Session, c: SyncConflict) -> ConflictView:
    t_zh = TABLE_LABELS.get(c.table_name, (c.table_name,))[0]
    return ConflictView(
        id=c.id, table=c.table_name, table_label=t_zh, row_id=c.row_id,
        row_label=_row_label(session, c.table_name, c.row_id), column=c.column,
        column_label=COLUMN_LABELS.get(c.column, c.column), kind=c.kind,
        kind_label=KIND_LABELS.get(c.kind, (c.kind,))[0],
        kept=_value_text(c.table_name, c.column, c.kept_value),
        lost=_value_text(c.table_name, c.column, c.lost_value),
        kept_terminal=c.kept_terminal, lost_terminal=c.lost_terminal,
        kept_at=hlc.describe(c.kept_hlc), lost_at=hlc.describe(c.lost_hlc),
        status=c.status, note=c.note, created_at=c.created_at)


def list_conflicts(session: Session, actor: Actor, *, status: str = "open",
                   limit: int = 1000) -> list[ConflictView]:
    require(actor, CONFLICT_REVIEW)
    stmt = select(SyncConflict).where(SyncConflict.deleted_at.is_(None))
    if status:
        stmt = stmt.where(SyncConflict.status == status)
    stmt = stmt.order_by(SyncConflict.created_at.desc(), SyncConflict.id.desc()).limit(limit)
    return [view(session, c) for c in session.scalars(stmt)]


def count_open(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(SyncConflict).where(
        SyncConflict.status == "open", SyncConflict.deleted_at.is_(None))) or 0


def _get(session: Session, conflict_id: uuid.UUID) -> SyncConflict:
    c = session.get(SyncConflict, conflict_id)
    if c is None:
        raise NotFound("找不到该冲突记录", "conflict not found")
    if c.status != "open":
        raise Conflict(f"该冲突已处理（{c.status}，{c.resolved_by}）",
                       f"this conflict was already resolved ({c.status} by {c.resolved_by})")
    return c


def _close(session: Session, actor: Actor, c: SyncConflict, status: str, note: str) -> None:
    c.status = status
    c.resolved_by = actor.label
    c.resolved_at = utcnow()
    c.note = (note or c.note)[:256]


def accept(session: Session, actor: Actor, conflict_id: uuid.UUID, note: str = "") -> None:
    """Keep what is there now (保留现值)."""
    require(actor, CONFLICT_REVIEW)
    c = _get(session, conflict_id)
    _close(session, actor, c, "accepted", note)
    audit.record(session, actor, "conflict_accept", "sync_conflict", c.id,
                 summary=f"保留现值：{c.table_name} {c.row_id[:8]} {c.column}")


def reapply(session: Session, actor: Actor, conflict_id: uuid.UUID, note: str = "") -> None:
    """Put the value that lost back (恢复被覆盖的值); it syncs as a new change."""
    require(actor, CONFLICT_REVIEW)
    c = _get(session, conflict_id)
    st = T.get(c.table_name)
    if st is None or st.kind != T.ROW:
        raise NotFound(f"本机没有数据表 {c.table_name}", f"no table {c.table_name} here")
    target = session.get(st.model, uuid.UUID(hex=c.row_id))
    if target is None:
        raise NotFound("该记录尚未同步到本机，请先同步", "the row is not on this terminal yet; sync first")
    if c.kind == "duplicate":
        other = session.get(st.model, uuid.UUID(hex=c.other_row_id)) if c.other_row_id else None
        now = utcnow()
        if other is not None and other.deleted_at is None:
            other.deleted_at = now
            session.flush()   # free the unique key before the held row takes it
        target.deleted_at = None
        summary = f"启用被搁置的记录 {c.table_name} {c.row_id[:8]}，停用 {c.other_row_id[:8]}"
        before, after = {"live": c.other_row_id}, {"live": c.row_id}
    else:
        cdc = C.codec(st.table)
        value = cdc.python_from_wire(c.column, json.loads(c.lost_value))
        attr = st.model.__mapper__.get_property_by_column(st.table.columns[c.column]).key
        before = {c.column: C.wire_text(getattr(target, attr))}
        setattr(target, attr, value)
        after = {c.column: C.wire_text(value)}
        summary = f"恢复被覆盖的值：{c.table_name} {c.row_id[:8]} {c.column}"
    _close(session, actor, c, "reapplied", note)
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(
            "无法恢复该值：它与现有记录冲突（例如房间已有现任业主），请先处理现有记录",
            "cannot re-apply: it clashes with an existing row (e.g. the room already has a "
            "current owner); deal with that row first") from None
    audit.record(session, actor, "conflict_reapply", c.table_name, c.row_id, before=before,
                 after=after, summary=summary)


@dataclass(frozen=True)
class AlarmView:
    id: uuid.UUID
    kind: str
    table: str
    row_id: str
    from_terminal: str
    message: str
    message_en: str
    created_at: dt.datetime
    acknowledged_by: str


def list_alarms(session: Session, actor: Actor, *, open_only: bool = True,
                limit: int = 500) -> list[AlarmView]:
    require(actor, CONFLICT_REVIEW)
    stmt = select(SyncAlarm).where(SyncAlarm.deleted_at.is_(None))
    if open_only:
        stmt = stmt.where(SyncAlarm.acknowledged_at.is_(None))
    stmt = stmt.order_by(SyncAlarm.created_at.desc()).limit(limit)
    return [AlarmView(a.id, a.kind, a.table_name, a.row_id, a.from_terminal, a.message,
                      a.message_en, a.created_at, a.acknowledged_by)
            for a in session.scalars(stmt)]


def acknowledge_alarm(session: Session, actor: Actor, alarm_id: uuid.UUID) -> None:
    require(actor, CONFLICT_REVIEW)
    a = session.get(SyncAlarm, alarm_id)
    if a is None:
        raise NotFound("找不到该告警", "alarm not found")
    a.acknowledged_by = actor.label
    a.acknowledged_at = utcnow()
    audit.record(session, actor, "alarm_ack", "sync_alarm", a.id, summary=a.message[:200])
