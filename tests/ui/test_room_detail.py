"""Room detail: 基本信息 edits save through update_room with an audit record; validation
errors show on the fields; a cashier sees no edit actions and the service refuses anyway."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from propdesk.errors import PermissionDenied
from propdesk.models import AuditLog
from propdesk.services import property as P
from ui.screens.room_detail import RoomDetailPanel
from ui.screens.room_info import RoomInfoTab


@pytest.fixture
def room(db, admin, demo):
    with db.session() as s:
        r = P.room_by_code(s, admin, "JD-01-1-0502")
        return r.id, r.building_area, r.inner_area


def _panel(qtbot, ctx, room_id):
    panel = RoomDetailPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_room(room_id)
    info: RoomInfoTab = panel.tab("info")
    qtbot.waitUntil(lambda: info.code.text() == "JD-01-1-0502", timeout=5000)
    qtbot.waitUntil(lambda: panel.code.text() == "JD-01-1-0502", timeout=5000)
    return panel, info


def test_header_shows_where_and_who(qtbot, ctx, room):
    panel, _info = _panel(qtbot, ctx, room[0])
    # demo building 01 of 锦都花园, unit 1, floor 5; demo rooms at position 2 are 89.37 m²
    assert panel.where.text() == "锦都花园 · 1栋 · 1单元 · 5层 · 住宅 · 建筑面积 89.37㎡"
    # this tabs come first; later issues append theirs through ui.room_tabs
    assert [panel.tabs.tabText(i) for i in range(3)] == ["基本信息", "住户", "车辆"]


def test_edit_and_save_writes_the_room_and_an_audit_record(qtbot, ctx, db, room, admin):
    rid, old_area, _ = room
    panel, info = _panel(qtbot, ctx, rid)
    assert not info.save_button.isEnabled()
    info.building_area.setText("90.5")
    info.layout_edit.setText("两室两厅一卫")
    info.status.set_code("decorating")
    assert info.save_button.isEnabled()
    assert info.changes() == {"building_area": D("90.50"), "layout": "两室两厅一卫",
                              "status": "decorating"}
    with qtbot.waitSignal(info.saved, timeout=5000):
        qtbot.mouseClick(info.save_button, Qt.MouseButton.LeftButton)
    with db.session() as s:
        r = P.get_room(s, admin, rid)
        assert (r.building_area, r.layout, r.status) == (D("90.50"), "两室两厅一卫", "decorating")
        log = s.scalars(select(AuditLog).where(AuditLog.entity == "room", AuditLog.action == "update")
                        ).one()
    assert log.entity_id == str(rid) and log.operator_name == "admin"
    assert json.loads(log.before) == {"building_area": str(old_area), "layout": "两室两厅",
                                      "status": json.loads(log.before)["status"]}
    assert json.loads(log.after) == {"building_area": "90.50", "layout": "两室两厅一卫",
                                     "status": "decorating"}
    assert not info.is_dirty() and not info.save_button.isEnabled()
    # the header follows the saved status
    qtbot.waitUntil(lambda: panel.status.text() == "装修", timeout=5000)


def test_inner_area_larger_than_building_area_is_refused(qtbot, ctx, db, room, admin):
    rid, area, inner = room
    _panel_, info = _panel(qtbot, ctx, rid)
    info.inner_area.setText("200")
    info.save()
    qtbot.waitUntil(lambda: info.error.isVisible(), timeout=5000)
    assert "套内面积不能大于建筑面积" in info.error.text()
    assert info.inner_area.property("invalid") is True
    assert info.building_area.property("invalid") is False
    with db.session() as s:
        assert P.get_room(s, admin, rid).inner_area == inner
        assert s.scalar(select(AuditLog.id).where(AuditLog.action == "update")) is None


def test_cashier_sees_no_edit_actions_and_the_service_refuses(qtbot, make_ctx, db, room):
    rid = room[0]
    ctx = make_ctx("cashier")
    panel, info = _panel(qtbot, ctx, rid)
    assert not info.save_button.isVisible() and not info.revert_button.isVisible()
    assert info.readonly_hint.isVisible()
    assert info.building_area.isReadOnly() and not info.status.isEnabled()
    occ = panel.tab("occupants")
    veh = panel.tab("vehicles")
    assert not any(b.isVisible() for b in occ.edit_buttons)
    assert not veh.add_button.isVisible()
    # and calling the service anyway is refused, whatever the UI shows
    with pytest.raises(PermissionDenied) as err, db.session() as s:
        P.update_room(s, ctx.actor, rid, layout="x")
    assert err.value.zh.startswith("cashier（收费员）没有权限")


def test_unsaved_edits_are_reported_and_revert_restores(qtbot, ctx, room):
    panel, info = _panel(qtbot, ctx, room[0])
    info.orientation.setText("东西")
    assert info.is_dirty()
    info.revert()
    qtbot.waitUntil(lambda: not info.is_dirty(), timeout=5000)
    assert info.orientation.text() != "东西"


def test_tab_moves_through_the_form_row_by_row(qtbot, ctx, room):
    panel, info = _panel(qtbot, ctx, room[0])
    info.building_area.setFocus()
    seen = [info.building_area]
    for _ in range(6):
        w = seen[-1].nextInFocusChain()
        while not (w.focusPolicy() & Qt.FocusPolicy.TabFocus) or not w.isVisible():
            w = w.nextInFocusChain()
        seen.append(w)
    assert seen == [info.building_area, info.inner_area, info.layout_edit, info.orientation,
                    info.usage, info.ownership, info.status]


def test_cashier_navigator_offers_no_batch_generation(qtbot, make_ctx, room):
    from ui.screens.navigator import NavigatorScreen

    nav = NavigatorScreen(make_ctx("cashier"))
    qtbot.addWidget(nav)
    assert not nav.generate_action.isVisible() and not nav.generate_action.isEnabled()
    assert nav.generate_action not in nav.menu_actions()
    assert nav.open_batch_dialog() is None
