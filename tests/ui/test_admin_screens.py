"""审计日志 search with readable before/after; 操作员 add, unlock, reset password;
the main window shows only the screens an operator may use and opens rooms on request."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from propdesk.errors import AuthFailed
from propdesk.models import Operator
from propdesk.services import operators as O
from propdesk.services import property as P
from ui.main_window import MainWindow
from ui.screens.audit_log import AuditLogScreen, change_rows
from ui.screens.operators import OperatorsScreen


def test_change_rows_are_readable():
    rows = change_rows('{"building_area": "89.37", "status": "vacant"}',
                       '{"building_area": "90.50", "status": "decorating", "note": "换锁"}')
    assert rows == [("建筑面积", "89.37", "90.50"), ("状态", "空置", "装修"), ("备注", "", "换锁")]


def test_audit_search_finds_a_room_update(qtbot, ctx, db, admin, demo):
    with db.session() as s:
        room = P.room_by_code(s, admin, "JD-02-1-0304")
        P.update_room(s, admin, room.id, building_area=D("100.00"))
    screen = AuditLogScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.text.setText("JD-02-1-0304")
    screen.entity.setCurrentIndex(screen.entity.findData("room"))
    screen.run_query()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=5000)
    r = screen.model.row(0)
    assert (r.action, r.summary) == ("update", "修改房间 JD-02-1-0304")
    assert screen.model.index(0, 2).data() == "修改" and screen.model.index(0, 3).data() == "房间"
    assert screen.changes.rowCount() == 1
    assert [screen.changes.item(0, c).text() for c in range(3)] == ["建筑面积", "112.66", "100.00"]
    # a date range that ends before today finds nothing
    screen.until.set_date(dt.date.today() - dt.timedelta(days=2))
    screen.since.set_date(dt.date.today() - dt.timedelta(days=9))
    screen.run_query()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0, timeout=5000)
    assert screen.current_table() is screen.table


@pytest.fixture
def clerk(db, admin):
    with db.session() as s:
        return O.add_operator(s, admin, "qiantai", role="frontdesk", password="old-pw1",
                              display_name="李前台").id


def test_operators_add_unlock_reset(qtbot, ctx, db, clerk):
    screen = OperatorsScreen(ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=5000)
    # add
    dlg = screen.add_operator()
    qtbot.addWidget(dlg)
    dlg.username.setText("shouyin")
    dlg.display_name.setText("陈收费")
    dlg.role.set_code("cashier")
    dlg.password.setText("abc123")
    dlg.password2.setText("abc123")
    dlg.submit()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=5000)
    assert [(o.username, o.role) for o in screen.model.rows()] == [
        ("qiantai", "frontdesk"), ("shouyin", "cashier")]
    assert screen.model.index(1, 2).data() == "收费员"
    # lock qiantai by five wrong passwords, then unlock from the screen
    for _ in range(5):
        with pytest.raises(AuthFailed), db.session() as s:
            O.login(s, "qiantai", "nope")
    screen.load()
    qtbot.waitUntil(lambda: screen.model.index(0, 3).data() == "已锁定", timeout=5000)
    screen.table.selectRow(0)
    assert screen.unlock_button.isEnabled()
    screen.unlock_selected()
    qtbot.waitUntil(lambda: screen.model.index(0, 3).data() == "正常", timeout=5000)
    with db.session() as s:
        assert s.get(Operator, clerk).locked_until is None
    # reset the password; the new one works, the old one not
    screen.table.selectRow(0)
    rd = screen.reset_password()
    qtbot.addWidget(rd)
    rd.password.setText("new-pw2")
    rd.password2.setText("new-pw2")
    with qtbot.waitSignal(rd.accepted, timeout=10000):
        rd.submit()
    with db.session() as s:
        assert O.login(s, "qiantai", "new-pw2").username == "qiantai"
    with pytest.raises(AuthFailed), db.session() as s:
        O.login(s, "qiantai", "old-pw1")


def test_add_operator_shows_service_errors(qtbot, ctx, clerk):
    screen = OperatorsScreen(ctx)
    qtbot.addWidget(screen)
    dlg = screen.add_operator()
    qtbot.addWidget(dlg)
    dlg.username.setText("QianTai")           # taken, whatever the case
    dlg.password.setText("abc123")
    dlg.password2.setText("abc123")
    dlg.submit()
    qtbot.waitUntil(lambda: dlg.error.isVisible(), timeout=5000)
    assert dlg.error.text() == "用户名 QianTai 已存在"
    assert dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_screens_follow_permissions(qtbot, make_ctx):
    cashier = MainWindow(make_ctx("cashier"))
    qtbot.addWidget(cashier)
    keys = [e.key for e in cashier.entries]
    assert "property" in keys and "room_map" in keys
    assert "audit" not in keys and "operators" not in keys
    admin = MainWindow(make_ctx("admin"))
    qtbot.addWidget(admin)
    assert {"property", "room_map", "audit", "operators"} <= {e.key for e in admin.entries}


def test_open_node_switches_to_the_navigator(qtbot, ctx, db, admin, demo):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.show_screen("audit")
    with db.session() as s:
        rid = P.room_by_code(s, admin, "JD-04-2-0203").id
    ctx.open_node("room", rid)
    assert win.current_entry().key == "property"
    nav = win.screen("property")
    qtbot.waitUntil(lambda: nav.room_panel.code.text() == "JD-04-2-0203", timeout=5000)
    assert win.windowTitle() == "房产资料 - PropDesk 物业管理系统"


def test_open_screen_switches_to_a_screen_the_operator_may_use(qtbot, make_ctx):
    """A dialog asks for another screen (打印设置 → 终端设备) through the context, not the window."""
    from ui.devices.worker import DeviceHub

    admin_ctx = make_ctx("admin")
    win = MainWindow(admin_ctx)
    qtbot.addWidget(win)
    win.show()
    try:
        win.show_screen("audit")
        admin_ctx.open_screen("devices")
        assert win.current_entry().key == "devices"
        assert win.windowTitle() == "终端设备 - PropDesk 物业管理系统"

        cashier_ctx = make_ctx("cashier")
        cashier = MainWindow(cashier_ctx)
        qtbot.addWidget(cashier)
        before = cashier.current_entry().key
        cashier_ctx.open_screen("devices")           # not one of the cashier's screens: nothing happens
        assert cashier.current_entry().key == before
    finally:
        DeviceHub.instance().shutdown()


def test_operators_change_role_and_disable(qtbot, make_ctx, db, admin, clerk):
    from propdesk.security import Actor

    with db.session() as s:
        boss = O.add_operator(s, admin, "boss", role="admin", password="abc12345")
        boss_actor = Actor.for_role("boss", "admin", boss.id, "boss")
    ctx = make_ctx(None)
    ctx.actor = boss_actor
    screen = OperatorsScreen(ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=5000)
    assert [o.username for o in screen.model.rows()] == ["boss", "qiantai"]
    screen.table.selectRow(1)
    assert screen.active_button.text() == "停用(&D)"
    dlg = screen.change_role()
    qtbot.addWidget(dlg)
    dlg.role.set_code("cashier")
    with qtbot.waitSignal(dlg.accepted, timeout=10000):
        dlg.submit()
    qtbot.waitUntil(lambda: screen.model.index(1, 2).data() == "收费员", timeout=5000)
    screen.table.selectRow(1)
    screen.toggle_active()
    qtbot.waitUntil(lambda: screen.model.index(1, 3).data() == "停用", timeout=5000)
    screen.table.selectRow(1)
    assert screen.active_button.text() == "启用(&E)"
    with db.session() as s:
        assert (s.get(Operator, clerk).role, s.get(Operator, clerk).active) == ("cashier", False)
    # the administrator cannot demote themselves: the dialog says why and stays open
    screen.table.selectRow(0)
    dlg = screen.change_role()
    qtbot.addWidget(dlg)
    dlg.role.set_code("supervisor")
    dlg.submit()
    qtbot.waitUntil(lambda: dlg.error.isVisible(), timeout=5000)
    assert "不能降级自己的账户" in dlg.error.text()
    with db.session() as s:
        assert s.get(Operator, boss.id).role == "admin"


def _audit_codes() -> tuple[set[str], set[str]]:
    """The literal (action, entity) codes every ``audit.record(session, actor, action, entity, …)``
    call in propdesk writes, plus the ones its helpers pass on (work orders, complaints, stock)."""
    import ast
    from pathlib import Path

    from propdesk.paths import ROOT
    from propdesk.services.service_desk.codes import MOVEMENT_KINDS

    actions, entities = set(MOVEMENT_KINDS), set()
    for path in (ROOT / "propdesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if name == "record" and len(node.args) >= 4:
                for arg, into in ((node.args[2], actions), (node.args[3], entities)):
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        into.add(arg.value)
            elif name in ("_transition", "_step") and len(node.args) >= 4:
                arg = node.args[3]   # work order / complaint step: (session, actor, obj, action, …)
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    actions.add(arg.value)
    return actions, entities


def test_audit_log_names_every_action_and_object_in_chinese():
    """The 操作 and 对象 columns never show a bare code (route, work_order …) to the office."""
    from ui.screens.audit_log import ACTIONS, ENTITIES

    actions, entities = _audit_codes()
    assert {"dispatch", "route", "in", "void"} <= actions and {"work_order", "complaint"} <= entities
    assert sorted(actions - ACTIONS.keys()) == []
    assert sorted(entities - ENTITIES.keys()) == []
