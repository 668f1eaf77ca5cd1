import datetime as dt

import pytest
from sqlalchemy import select

from propdesk.errors import AuthFailed, Conflict, PermissionDenied, ValidationFailed
from propdesk.models import AuditLog, Operator
from propdesk.security import PAY_SUPERVISE, hash_password, verify_password
from propdesk.services import operators as O


def test_password_hash_is_scrypt_and_salted():
    a, b = hash_password("s3cret!"), hash_password("s3cret!")
    assert a.startswith("scrypt$16384$8$1$") and a != b
    assert verify_password("s3cret!", a) and not verify_password("s3cret?", a)
    assert not verify_password("x", "garbage")


def test_add_and_login(db, admin):
    with db.session() as s:
        O.add_operator(s, admin, "chen", role="cashier", password="abc12345", display_name="陈收费")
    with db.session() as s:
        actor = O.login(s, "CHEN", "abc12345")
        assert actor.role == "cashier" and actor.display_name == "陈收费"
    with db.session() as s:
        assert s.scalars(select(AuditLog.action).where(AuditLog.action == "login")).one()


def test_validation_and_duplicates(db, admin, actor_for):
    with db.session() as s:
        with pytest.raises(ValidationFailed):
            O.add_operator(s, admin, "x", role="janitor", password="123")
        O.add_operator(s, admin, "wang", role="supervisor", password="abc12345")
        with pytest.raises(Conflict):
            O.add_operator(s, admin, "Wang", role="cashier", password="abc12345")
        with pytest.raises(PermissionDenied):
            O.add_operator(s, actor_for("supervisor"), "li", role="cashier", password="abc12345")


def test_lockout_after_five_failures_survives_rollback(db, admin):
    with db.session() as s:
        O.add_operator(s, admin, "chen", role="cashier", password="abc12345")
    t0 = dt.datetime(2026, 1, 1, 9, 0)
    for _ in range(4):
        with pytest.raises(AuthFailed, match="用户名或密码错误"):
            with db.session() as s:
                O.login(s, "chen", "wrong", now=t0)
    with pytest.raises(AuthFailed, match="锁定"):
        with db.session() as s:
            O.login(s, "chen", "wrong", now=t0)
    # even the right password is refused while locked ...
    with pytest.raises(AuthFailed, match="锁定"):
        with db.session() as s:
            O.login(s, "chen", "abc12345", now=t0 + dt.timedelta(minutes=14))
    # ... and accepted after the 15-minute lock
    with db.session() as s:
        O.login(s, "chen", "abc12345", now=t0 + dt.timedelta(minutes=16))
    with db.session() as s:
        assert s.scalars(select(AuditLog).where(AuditLog.action == "lockout")).one()


def test_supervisor_authorization(db, admin):
    with db.session() as s:
        O.add_operator(s, admin, "wang", role="supervisor", password="abc12345")
        O.add_operator(s, admin, "chen", role="cashier", password="abc12345")
    with db.session() as s:
        assert O.authorize(s, "wang", "abc12345", PAY_SUPERVISE).role == "supervisor"
    with db.session() as s, pytest.raises(PermissionDenied):
        O.authorize(s, "chen", "abc12345", PAY_SUPERVISE)


def test_change_password(db, admin):
    with db.session() as s:
        op = O.add_operator(s, admin, "chen", role="cashier", password="abc12345")
    with db.session() as s:
        me = O.login(s, "chen", "abc12345")
    with db.session() as s:
        with pytest.raises(AuthFailed):
            O.change_password(s, me, op.id, "newpass99", old_password="nope")
    with db.session() as s:
        O.change_password(s, me, op.id, "newpass99", old_password="abc12345")
    with db.session() as s:
        O.login(s, "chen", "newpass99")


def _op_actor(s, username):
    from propdesk.security import Actor
    op = s.scalars(select(Operator).where(Operator.username == username)).one()
    return Actor.for_role(op.username, op.role, op.id, op.display_name)


def test_set_role_and_active_are_audited(db, admin):
    with db.session() as s:
        boss = O.add_operator(s, admin, "boss", role="admin", password="abc12345")
        chen = O.add_operator(s, admin, "chen", role="cashier", password="abc12345")
    with db.session() as s:
        me = _op_actor(s, "boss")
        O.set_role(s, me, chen.id, "supervisor")
        O.set_active(s, me, chen.id, False)
        O.set_active(s, me, chen.id, False)          # already off: nothing to record
    with db.session() as s:
        rows = s.scalars(select(AuditLog).where(AuditLog.entity == "operator",
                                                AuditLog.action.in_(["role", "disable"]))
                         .order_by(AuditLog.created_at)).all()
        assert [(a.action, a.before, a.after, a.operator_name) for a in rows] == [
            ("role", '{"role": "cashier"}', '{"role": "supervisor"}', "boss"),
            ("disable", '{"active": true}', '{"active": false}', "boss")]
        assert rows[0].summary == "chen 的角色：收费员 → 主管"
        assert s.get(Operator, chen.id).role == "supervisor"
    with db.session() as s, pytest.raises(AuthFailed):
        O.login(s, "chen", "abc12345")               # disabled: cannot log in
    with db.session() as s:
        O.set_active(s, _op_actor(s, "boss"), chen.id, True)
    with db.session() as s:
        assert O.login(s, "chen", "abc12345").role == "supervisor"
    with db.session() as s, pytest.raises(ValidationFailed):
        O.set_role(s, admin, chen.id, "janitor")


def test_admins_cannot_remove_themselves_or_the_last_admin(db, admin, actor_for):
    with db.session() as s:
        boss = O.add_operator(s, admin, "boss", role="admin", password="abc12345")
        deputy = O.add_operator(s, admin, "deputy", role="admin", password="abc12345")
    with db.session() as s:
        me = _op_actor(s, "boss")
        with pytest.raises(Conflict) as ei:
            O.set_role(s, me, boss.id, "cashier")
        assert "自己" in ei.value.zh
        with pytest.raises(Conflict):
            O.set_active(s, me, boss.id, False)
        O.set_active(s, me, deputy.id, False)        # boss stays: allowed
    with db.session() as s:
        # the command line (no operator) cannot remove the last active admin either
        with pytest.raises(Conflict) as ei:
            O.set_role(s, admin, boss.id, "supervisor")
        assert "最后一位" in ei.value.zh
        with pytest.raises(Conflict):
            O.set_active(s, admin, boss.id, False)
        # a disabled admin may be demoted: it does not count as an active admin
        O.set_role(s, admin, deputy.id, "frontdesk")
        with pytest.raises(PermissionDenied):
            O.set_role(s, actor_for("supervisor"), deputy.id, "admin")
        with pytest.raises(PermissionDenied):
            O.set_active(s, actor_for("supervisor"), deputy.id, True)
    with db.session() as s:
        assert (s.get(Operator, boss.id).role, s.get(Operator, boss.id).active) == ("admin", True)
        assert (s.get(Operator, deputy.id).role, s.get(Operator, deputy.id).active) == \
            ("frontdesk", False)
