"""登录: success, wrong password, lockout after five failures; the first-run dialog."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from propdesk.models import AuditLog, Operator
from propdesk.services.operators import add_operator
from ui.login import FirstRunDialog, LoginDialog, needs_first_run


def _add_clerk(db, admin):
    with db.session() as s:
        add_operator(s, admin, "qiantai", role="frontdesk", password="right-pw", display_name="李前台")


def _login(qtbot, dlg, user, pw):
    dlg.username.setText(user)
    dlg.password.setText(pw)
    qtbot.mouseClick(dlg.ok, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.ok.isEnabled(), timeout=10000)


def test_login_ok_gives_the_operator_and_remembers_the_name(qtbot, make_ctx, db, admin):
    _add_clerk(db, admin)
    ctx = make_ctx(None)
    dlg = LoginDialog(ctx)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.logged_in, timeout=10000) as got:
        _login(qtbot, dlg, "QianTai", "right-pw")      # user names are case-insensitive
    actor = got.args[0]
    assert (actor.username, actor.role, actor.display_name) == ("qiantai", "frontdesk", "李前台")
    assert dlg.actor == actor and dlg.result() == LoginDialog.DialogCode.Accepted
    assert ctx.settings.last_username == "qiantai"
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditLog)
                        .where(AuditLog.action == "login")) == 1


def test_wrong_password_says_so_and_keeps_the_dialog(qtbot, make_ctx, db, admin):
    _add_clerk(db, admin)
    ctx = make_ctx(None)
    dlg = LoginDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    _login(qtbot, dlg, "qiantai", "wrong")
    assert dlg.error.isVisible() and dlg.error.text() == "用户名或密码错误"
    assert dlg.actor is None and dlg.password.text() == ""
    with db.session() as s:
        assert s.scalar(select(Operator.failed_attempts)) == 1


def test_five_wrong_passwords_lock_the_account(qtbot, make_ctx, db, admin):
    _add_clerk(db, admin)
    ctx = make_ctx(None)
    dlg = LoginDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    for _ in range(4):
        _login(qtbot, dlg, "qiantai", "wrong")
        assert dlg.error.text() == "用户名或密码错误"
    _login(qtbot, dlg, "qiantai", "wrong")
    assert dlg.error.text() == "密码连续错误 5 次，账户已锁定 15 分钟"
    _login(qtbot, dlg, "qiantai", "right-pw")     # even the right password now waits
    assert dlg.error.text().startswith("账户已锁定，请 ")
    assert dlg.actor is None
    with db.session() as s:
        locked = s.scalar(select(Operator.locked_until))
        assert locked is not None and locked > dt.datetime.utcnow() + dt.timedelta(minutes=14)


def test_first_run_creates_the_administrator_and_logs_in(qtbot, make_ctx, db):
    ctx = make_ctx(None)
    assert needs_first_run(ctx)
    dlg = FirstRunDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.username.setText("boss")
    dlg.display_name.setText("张经理")
    dlg.password.setText("secret1")
    dlg.password2.setText("secret2")
    dlg.create()
    assert dlg.error.text() == "两次输入的密码不一致"
    dlg.password2.setText("secret1")
    dlg.create()
    qtbot.waitUntil(lambda: dlg.actor is not None, timeout=10000)
    assert (dlg.actor.username, dlg.actor.role, dlg.actor.display_name) == ("boss", "admin", "张经理")
    assert not needs_first_run(ctx)
    with db.session() as s:
        actions = sorted(s.scalars(select(AuditLog.action)))
    assert actions == ["create", "login"]


def test_first_run_refuses_a_short_password(qtbot, make_ctx):
    ctx = make_ctx(None)
    dlg = FirstRunDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.password.setText("12345")
    dlg.password2.setText("12345")
    dlg.create()
    qtbot.waitUntil(lambda: dlg.ok.isEnabled(), timeout=10000)
    assert "密码至少 6 位" in dlg.error.text()
    assert needs_first_run(ctx)


def test_login_dialog_switches_language_at_once(qtbot, make_ctx):
    ctx = make_ctx(None)
    dlg = LoginDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.ok.text() == "登录" and dlg.user_label.text() == "用户名(&U)"
    dlg.lang.setCurrentIndex(dlg.lang.findData("en"))
    qtbot.waitUntil(lambda: dlg.ok.text() == "Log in", timeout=5000)
    assert dlg.user_label.text() == "&Username"
    assert dlg.windowTitle() == "Log in - PropDesk property management"
    assert ctx.settings.language == "en"
