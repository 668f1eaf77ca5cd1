"""The append-only audit log, written in the same transaction as each change."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.models import AuditLog
from propdesk.security import AUDIT_VIEW, Actor, require

_SKIP = {"created_at", "updated_at", "terminal", "password_hash"}


def _jsonable(v: Any) -> Any:
    if isinstance(v, (Decimal, uuid.UUID)):
        return str(v)
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return v


def snapshot(obj: Any, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The column values of an ORM object, JSON-ready (secrets left out)."""
    if obj is None:
        return {}
    names = fields or [c.key for c in sa_inspect(type(obj)).column_attrs]
    return {n: _jsonable(getattr(obj, n)) for n in names if n not in _SKIP}


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict, dict]:
    """Only the keys that changed, as (before, after)."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def record(session: Session, actor: Actor, action: str, entity: str, entity_id: Any = "",
           *, before: dict | None = None, after: dict | None = None, summary: str = "") -> AuditLog:
    row = AuditLog(
        operator_id=actor.operator_id,
        operator_name=actor.label,
        action=action,
        entity=entity,
        entity_id=str(entity_id or ""),
        summary=summary[:512],
        before=json.dumps(before, ensure_ascii=False, sort_keys=True) if before else "",
        after=json.dumps(after, ensure_ascii=False, sort_keys=True) if after else "",
    )
    session.add(row)
    return row


@dataclass(frozen=True)
class AuditQuery:
    text: str = ""
    entity: str = ""
    operator: str = ""
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    limit: int = 500


def search(session: Session, actor: Actor, q: AuditQuery) -> list[AuditLog]:
    require(actor, AUDIT_VIEW)
    stmt = select(AuditLog).order_by(AuditLog.created_at.desc(), AuditLog.id.desc())
    if q.entity:
        stmt = stmt.where(AuditLog.entity == q.entity)
    if q.operator:
        stmt = stmt.where(AuditLog.operator_name.contains(q.operator))
    if q.since:
        stmt = stmt.where(AuditLog.created_at >= q.since)
    if q.until:
        stmt = stmt.where(AuditLog.created_at < q.until)
    if q.text:
        like = f"%{q.text}%"
        stmt = stmt.where(
            AuditLog.summary.like(like) | AuditLog.entity_id.like(like) | AuditLog.action.like(like)
            | AuditLog.before.like(like) | AuditLog.after.like(like)
        )
    return list(session.scalars(stmt.limit(q.limit)))
