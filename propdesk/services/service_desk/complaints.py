"""Complaints (投诉): intake, routing to a department, handling, reply, completion.

The fields are those of the office's 投诉处理受理单.  Life of a complaint::

    已受理 ──转派──▶ 处理中 ──回复──▶ 已回复 ──完成──▶ 已完成
                       ▲ (改派)            │
                       └──────重新处理─────┘

A complaint must be answered within :data:`REPLY_WITHIN` of receipt; one not
yet replied to after that is overdue.  Intake needs WORKORDER_CREATE, every
later step WORKORDER_DISPATCH (客服/主管).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from propdesk.errors import Conflict, NotFound, Problem, ValidationFailed
from propdesk.models import Room
from propdesk.models.service import Complaint
from propdesk.security import MASTER_VIEW, WORKORDER_CREATE, WORKORDER_DISPATCH, Actor, require
from propdesk.services import audit
from propdesk.services.service_desk.codes import (
    COMPLAINT_STATES, DEPARTMENTS, IDENTITIES, REPLY_METHODS, SATISFACTION, length_problems,
    local_now, parse_code,
)
from propdesk.services.service_desk.numbering import next_number
from propdesk.validators import normalize_phone, phone_ok

REPLY_WITHIN = dt.timedelta(hours=24)
PREFIX = "TS"

TRANSITIONS: dict[str, dict[str, str]] = {
    "route": {"received": "routed", "routed": "routed"},
    "reply": {"routed": "replied"},
    "reopen": {"replied": "routed"},
    "close": {"replied": "closed"},
}
ACTIONS = {"route": "转派", "reply": "回复", "reopen": "重新处理", "close": "完成"}
WAITING = ("received", "routed")


def is_overdue(c: Complaint, now: dt.datetime) -> bool:
    return c.state in WAITING and c.reply_due_at < now


def get_complaint(session: Session, actor: Actor, complaint_id: uuid.UUID) -> Complaint:
    require(actor, MASTER_VIEW)
    c = session.get(Complaint, complaint_id)
    if c is None or c.deleted_at is not None:
        raise NotFound("投诉不存在或已删除", "complaint not found")
    return c


def complaint_by_number(session: Session, actor: Actor, number: str) -> Complaint:
    require(actor, MASTER_VIEW)
    c = session.scalar(select(Complaint).where(Complaint.number == number.strip().upper(),
                                               Complaint.deleted_at.is_(None)))
    if c is None:
        raise NotFound(f"找不到投诉单 {number}，请核对单号（如 TS-T01-20261123-0001）",
                       f"no complaint {number}")
    return c


def create_complaint(session: Session, actor: Actor, *, complainant: str, content: str,
                     identity: str = "owner", phone: str = "", room_id: uuid.UUID | None = None,
                     estate_id: uuid.UUID | None = None, note: str = "",
                     now: dt.datetime | None = None) -> Complaint:
    """受理 a complaint; ``identity`` accepts a code or 业主/住户/租客/访客/其他."""
    require(actor, WORKORDER_CREATE)
    now = now or local_now()
    p: list[Problem] = []
    identity = parse_code(IDENTITIES, identity, "投诉人身份", p)
    if not (complainant or "").strip():
        p.append(Problem("投诉人", "请填写投诉人姓名", "complainant's name is required"))
    if not (content or "").strip():
        p.append(Problem("投诉内容", "请填写投诉内容", "the complaint's content is required"))
    phone = normalize_phone(phone or "")
    if phone and not phone_ok(phone):
        p.append(Problem("联系电话", f"电话号码无效：{phone}", f"invalid phone number {phone}"))
    p += length_problems(Complaint, dict(complainant=(complainant or "").strip(), phone=phone),
                         {"complainant": "投诉人", "phone": "联系电话"})
    if room_id is not None:
        room = session.get(Room, room_id)
        if room is None or room.deleted_at is not None:
            p.append(Problem("房间", "房间不存在或已删除", "room not found"))
        else:
            estate_id = room.estate_id
    if p:
        raise ValidationFailed(p)
    c = Complaint(number=next_number(session, Complaint.number, PREFIX, now.date()),
                  estate_id=estate_id, room_id=room_id, complainant=complainant.strip(),
                  identity=identity, phone=phone, content=content.strip(), received_at=now,
                  received_by=actor.label, reply_due_at=now + REPLY_WITHIN, state="received",
                  note=(note or "").strip())
    session.add(c)
    session.flush()
    audit.record(session, actor, "create", "complaint", c.id, after=audit.snapshot(c),
                 summary=f"受理投诉 {c.number}（{c.complainant}）")
    return c


def _step(session: Session, actor: Actor, c: Complaint, action: str, now: dt.datetime,
          remark: str = "", **changes) -> Complaint:
    to = TRANSITIONS[action].get(c.state)
    if to is None:
        possible = "、".join(ACTIONS[a] for a, t in TRANSITIONS.items() if c.state in t) or "无"
        raise Conflict(f"投诉单 {c.number} 当前为“{COMPLAINT_STATES[c.state]}”，不能{ACTIONS[action]}；"
                       f"可进行的操作：{possible}",
                       f"complaint {c.number} is {c.state}; cannot {action}")
    before = audit.snapshot(c)
    frm = c.state
    c.state = to
    for k, v in changes.items():
        setattr(c, k, v)
    session.flush()
    b, a = audit.diff(before, audit.snapshot(c))
    audit.record(session, actor, action, "complaint", c.id, before=b, after=a,
                 summary=(f"{ACTIONS[action]}投诉 {c.number}：{COMPLAINT_STATES[frm]} → "
                          f"{COMPLAINT_STATES[to]}{('，' + remark) if remark else ''}")[:512])
    return c


def route(session: Session, actor: Actor, complaint_id: uuid.UUID, *, department: str,
          handler: str = "", now: dt.datetime | None = None) -> Complaint:
    """转派 to the responsible department (again to re-route)."""
    require(actor, WORKORDER_DISPATCH)
    now = now or local_now()
    c = get_complaint(session, actor, complaint_id)
    p: list[Problem] = []
    dept = parse_code(DEPARTMENTS, department, "责任部门", p)
    p += length_problems(Complaint, {"handler": (handler or "").strip()}, {"handler": "处理人"})
    if p:
        raise ValidationFailed(p)
    return _step(session, actor, c, "route", now, DEPARTMENTS[dept], department=dept,
                 handler=(handler or "").strip(), routed_at=now)


def record_handling(session: Session, actor: Actor, complaint_id: uuid.UUID, *, handling: str
                    ) -> Complaint:
    """处理情况 as the department reports it, while the complaint is being handled."""
    require(actor, WORKORDER_DISPATCH)
    c = get_complaint(session, actor, complaint_id)
    if c.state != "routed":
        raise Conflict(f"投诉单 {c.number} 当前为“{COMPLAINT_STATES[c.state]}”，请先转派再登记处理情况",
                       f"complaint {c.number} is {c.state}; route it first")
    if not (handling or "").strip():
        raise ValidationFailed([Problem("处理情况", "请填写处理情况", "handling is required")])
    before = {"handling": c.handling}
    c.handling = handling.strip()
    session.flush()
    audit.record(session, actor, "handling", "complaint", c.id, before=before,
                 after={"handling": c.handling}, summary=f"登记投诉 {c.number} 处理情况")
    return c


def reply(session: Session, actor: Actor, complaint_id: uuid.UUID, *, method: str, reply: str,
          handling: str | None = None, now: dt.datetime | None = None) -> Complaint:
    """回复 the complainant (电话, 信件/传真, 电邮, 亲临, 其他)."""
    require(actor, WORKORDER_DISPATCH)
    now = now or local_now()
    c = get_complaint(session, actor, complaint_id)
    p: list[Problem] = []
    m = parse_code(REPLY_METHODS, method, "回复方式", p)
    if not (reply or "").strip():
        p.append(Problem("回复内容", "请填写回复内容", "the reply is required"))
    hand = (handling if handling is not None else c.handling).strip()
    if not hand:
        p.append(Problem("处理情况", "回复前请先填写处理情况", "record the handling before replying"))
    if p:
        raise ValidationFailed(p)
    return _step(session, actor, c, "reply", now, REPLY_METHODS[m], reply_method=m,
                 reply=reply.strip(), handling=hand, replied_at=now)


def reopen(session: Session, actor: Actor, complaint_id: uuid.UUID, *, reason: str,
           now: dt.datetime | None = None) -> Complaint:
    """重新处理: the complainant does not accept the reply."""
    require(actor, WORKORDER_DISPATCH)
    now = now or local_now()
    c = get_complaint(session, actor, complaint_id)
    if not (reason or "").strip():
        raise ValidationFailed([Problem("原因", "重新处理必须填写原因", "a reason is required")])
    note = f"{c.note}\n{now:%Y-%m-%d %H:%M} 重新处理：{reason.strip()}".strip()
    return _step(session, actor, c, "reopen", now, reason.strip(), note=note,
                 reply_due_at=now + REPLY_WITHIN)


def close(session: Session, actor: Actor, complaint_id: uuid.UUID, *, satisfaction: str,
          completed_on: dt.date | None = None, now: dt.datetime | None = None) -> Complaint:
    """完成 with the complainant's satisfaction and the completion date."""
    require(actor, WORKORDER_DISPATCH)
    now = now or local_now()
    c = get_complaint(session, actor, complaint_id)
    p: list[Problem] = []
    sat = parse_code(SATISFACTION, satisfaction, "满意度", p)
    done = completed_on or now.date()
    if done < c.received_at.date():
        p.append(Problem("完成日期", "完成日期不能早于受理日期", "completion before receipt"))
    if p:
        raise ValidationFailed(p)
    return _step(session, actor, c, "close", now, SATISFACTION[sat], satisfaction=sat,
                 completed_on=done)


@dataclass(frozen=True)
class ComplaintRow:
    id: uuid.UUID
    number: str
    state: str
    room_code: str
    complainant: str
    identity: str
    phone: str
    content: str
    department: str
    received_at: dt.datetime
    reply_due_at: dt.datetime
    replied_at: dt.datetime | None
    satisfaction: str
    overdue: bool


def list_complaints(session: Session, actor: Actor, *, states: tuple[str, ...] = (),
                    department: str = "", text: str = "", overdue_only: bool = False,
                    room_id: uuid.UUID | None = None, since: dt.date | None = None,
                    until: dt.date | None = None, now: dt.datetime | None = None,
                    limit: int = 1000) -> list[ComplaintRow]:
    require(actor, MASTER_VIEW)
    now = now or local_now()
    stmt = (select(Complaint, Room.code).outerjoin(Room, Room.id == Complaint.room_id)
            .where(Complaint.deleted_at.is_(None))
            .order_by(Complaint.received_at.desc(), Complaint.number.desc()))
    if states:
        stmt = stmt.where(Complaint.state.in_(list(states)))
    if department:
        stmt = stmt.where(Complaint.department == department)
    if room_id is not None:
        stmt = stmt.where(Complaint.room_id == room_id)
    if overdue_only:
        stmt = stmt.where(Complaint.state.in_(WAITING), Complaint.reply_due_at < now)
    if since:
        stmt = stmt.where(Complaint.received_at >= dt.datetime.combine(since, dt.time()))
    if until:
        stmt = stmt.where(Complaint.received_at <
                          dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
    if text.strip():
        like = f"%{text.strip()}%"
        stmt = stmt.where(or_(Complaint.number.like(like), Complaint.complainant.like(like),
                              Complaint.content.like(like), Complaint.phone.like(like),
                              Room.code.like(like)))
    return [ComplaintRow(c.id, c.number, c.state, code or "", c.complainant, c.identity, c.phone,
                         c.content, c.department, c.received_at, c.reply_due_at, c.replied_at,
                         c.satisfaction, is_overdue(c, now))
            for c, code in session.execute(stmt.limit(limit))]
