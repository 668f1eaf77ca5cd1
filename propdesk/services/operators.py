"""Operators: create, log in (with lockout), change password, roles."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from propdesk.clock import utcnow
from propdesk.errors import AuthFailed, Conflict, NotFound, Problem, ValidationFailed
from propdesk.models import Operator
from propdesk.security import (
    ROLES, USER_MANAGE, Actor, hash_password, require, verify_password,
)
from propdesk.services import audit

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD = 6


def _password_problems(password: str) -> list[Problem]:
    if len(password) < MIN_PASSWORD:
        return [Problem("密码", f"密码至少 {MIN_PASSWORD} 位", f"password needs {MIN_PASSWORD}+ characters")]
    return []


def add_operator(session: Session, actor: Actor, username: str, *, role: str, password: str,
                 display_name: str = "") -> Operator:
    require(actor, USER_MANAGE)
    username = username.strip()
    problems = _password_problems(password)
    if not username:
        problems.append(Problem("用户名", "用户名不能为空", "username is required"))
    if role not in ROLES:
        problems.append(Problem("角色", f"未知角色 {role}，可选：{', '.join(ROLES)}", f"unknown role {role}"))
    if problems:
        raise ValidationFailed(problems)
    if session.scalar(select(Operator.id).where(func.lower(Operator.username) == username.lower())):
        raise Conflict(f"用户名 {username} 已存在", f"username {username} already exists")
    op = Operator(username=username, display_name=display_name or username, role=role,
                  password_hash=hash_password(password))
    session.add(op)
    session.flush()
    audit.record(session, actor, "create", "operator", op.id, after=audit.snapshot(op),
                 summary=f"新建操作员 {username}（{ROLES[role]}）")
    return op


def count_operators(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Operator).where(Operator.deleted_at.is_(None))) or 0


def login(session: Session, username: str, password: str, *, now: dt.datetime | None = None) -> Actor:
    """Check a password; count failures and lock the account after MAX_FAILURES.

    A failed attempt commits its counter (and the lockout's audit record)
    before raising, so a rolled-back caller cannot undo the count; call this
    in a unit of work of its own.
    """
    now = now or utcnow()
    op = session.scalar(select(Operator).where(func.lower(Operator.username) == username.strip().lower(),
                                               Operator.deleted_at.is_(None)))
    bad = AuthFailed("用户名或密码错误", "wrong username or password")
    if op is None or not op.active:
        raise bad
    if op.locked_until and op.locked_until > now:
        minutes = int((op.locked_until - now).total_seconds() // 60) + 1
        raise AuthFailed(f"账户已锁定，请 {minutes} 分钟后再试或联系管理员",
                         f"account locked; try again in {minutes} min or ask an administrator")
    if not verify_password(password, op.password_hash):
        op.failed_attempts += 1
        if op.failed_attempts >= MAX_FAILURES:
            op.locked_until = now + LOCKOUT
            op.failed_attempts = 0
            actor = Actor.for_role(op.username, op.role, op.id, op.display_name)
            audit.record(session, actor, "lockout", "operator", op.id,
                         summary=f"连续 {MAX_FAILURES} 次密码错误，账户锁定")
            session.commit()
            raise AuthFailed(
                f"密码连续错误 {MAX_FAILURES} 次，账户已锁定 {LOCKOUT.seconds // 60} 分钟",
                f"{MAX_FAILURES} wrong passwords; account locked for {LOCKOUT.seconds // 60} min")
        session.commit()
        raise bad
    op.failed_attempts = 0
    op.locked_until = None
    actor = Actor.for_role(op.username, op.role, op.id, op.display_name)
    audit.record(session, actor, "login", "operator", op.id, summary="登录")
    return actor


def authorize(session: Session, username: str, password: str, permission: str) -> Actor:
    """A supervisor authorizes one action on someone else's screen (主管授权)."""
    sup = login(session, username, password)
    require(sup, permission)
    return sup


def change_password(session: Session, actor: Actor, operator_id: uuid.UUID, new_password: str,
                    *, old_password: str | None = None) -> None:
    op = session.get(Operator, operator_id)
    if op is None:
        raise NotFound("操作员不存在", "operator not found")
    if actor.operator_id != operator_id:
        require(actor, USER_MANAGE)
    elif old_password is None or not verify_password(old_password, op.password_hash):
        raise AuthFailed("原密码错误", "old password is wrong")
    problems = _password_problems(new_password)
    if problems:
        raise ValidationFailed(problems)
    op.password_hash = hash_password(new_password)
    op.locked_until = None
    op.failed_attempts = 0
    audit.record(session, actor, "password", "operator", op.id, summary=f"修改 {op.username} 的密码")


def unlock(session: Session, actor: Actor, operator_id: uuid.UUID) -> None:
    require(actor, USER_MANAGE)
    op = session.get(Operator, operator_id)
    if op is None:
        raise NotFound("操作员不存在", "operator not found")
    op.locked_until = None
    op.failed_attempts = 0
    audit.record(session, actor, "unlock", "operator", op.id, summary=f"解锁 {op.username}")



def operator_by_name(session: Session, actor: Actor, username: str) -> Operator:
    require(actor, USER_MANAGE)
    op = session.scalar(select(Operator).where(func.lower(Operator.username) == username.strip().lower(),
                                               Operator.deleted_at.is_(None)))
    if op is None:
        raise NotFound(f"找不到操作员 {username}，请用 user list 查看用户名",
                       f"no operator named {username} (see user list)")
    return op


def _live_operator(session: Session, operator_id: uuid.UUID) -> Operator:
    op = session.get(Operator, operator_id)
    if op is None or op.deleted_at is not None:
        raise NotFound("操作员不存在或已删除", "operator not found")
    return op


def _keep_an_admin(session: Session, actor: Actor, op: Operator, what_zh: str, what_en: str) -> None:
    """Refuse to take away the caller's own administration or the last active administrator:
    without one, nobody could manage operators again."""
    if op.id == actor.operator_id:
        raise Conflict(f"不能{what_zh}自己的账户，请由另一位管理员操作",
                       f"you cannot {what_en} your own account; ask another administrator")
    others = session.scalar(select(func.count()).select_from(Operator).where(
        Operator.role == "admin", Operator.active.is_(True), Operator.deleted_at.is_(None),
        Operator.id != op.id)) or 0
    if others == 0:
        raise Conflict(f"{op.username} 是最后一位在用的管理员，不能{what_zh}；请先设置另一位管理员",
                       f"{op.username} is the last active administrator and cannot be "
                       f"{what_en}d; make another operator an administrator first")


def set_role(session: Session, actor: Actor, operator_id: uuid.UUID, role: str) -> Operator:
    """Give an operator another role (their permissions follow at their next login)."""
    require(actor, USER_MANAGE)
    if role not in ROLES:
        raise ValidationFailed([Problem("角色", f"未知角色 {role}，可选：{', '.join(ROLES)}",
                                        f"unknown role {role}")])
    op = _live_operator(session, operator_id)
    if op.role == role:
        return op
    if op.role == "admin" and op.active:
        _keep_an_admin(session, actor, op, "降级", "demote")
    before = op.role
    op.role = role
    session.flush()
    audit.record(session, actor, "role", "operator", op.id, before={"role": before},
                 after={"role": role},
                 summary=f"{op.username} 的角色：{ROLES[before]} → {ROLES[role]}")
    return op


def set_active(session: Session, actor: Actor, operator_id: uuid.UUID, active: bool) -> Operator:
    """停用 or 启用 an operator; a disabled operator cannot log in (the row stays, for the audit)."""
    require(actor, USER_MANAGE)
    op = _live_operator(session, operator_id)
    if op.active == active:
        return op
    if not active and op.role == "admin":
        _keep_an_admin(session, actor, op, "停用", "disable")
    op.active = active
    session.flush()
    audit.record(session, actor, "enable" if active else "disable", "operator", op.id,
                 before={"active": not active}, after={"active": active},
                 summary=f"{'启用' if active else '停用'}操作员 {op.username}")
    return op


@dataclass(frozen=True)
class OperatorRow:
    id: uuid.UUID
    username: str
    display_name: str
    role: str
    active: bool
    failed_attempts: int
    locked_until: dt.datetime | None


def list_operators(session: Session, actor: Actor) -> list[OperatorRow]:
    """All live operators for the operator-management screen (no password hashes)."""
    require(actor, USER_MANAGE)
    rows = session.execute(
        select(Operator.id, Operator.username, Operator.display_name, Operator.role,
               Operator.active, Operator.failed_attempts, Operator.locked_until)
        .where(Operator.deleted_at.is_(None)).order_by(Operator.username))
    return [OperatorRow(*r) for r in rows]
