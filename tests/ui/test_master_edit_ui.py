"""新建/修改 on tree nodes in 房产资料: dialogs write through the services and the tree shows
the result without a restart; operators without MASTER_EDIT get no such actions."""

from __future__ import annotations

from decimal import Decimal as D

from PySide6.QtCore import QModelIndex
from sqlalchemy import select

from propdesk.models import AuditLog, Building, Estate, ParkingSpace
from ui.models.property_tree import KIND_ROLE
from ui.screens.navigator import NavigatorScreen


def _child(model, parent, text):
    if model.canFetchMore(parent):
        model.fetchMore(parent)
    for r in range(model.rowCount(parent)):
        idx = model.index(r, 0, parent)
        if idx.data() == text:
            return idx
    raise AssertionError(f"{text!r} not under {parent.data()!r}: "
                         f"{[model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]}")


def _labels(model, parent):
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def _select(nav, idx):
    nav.tree.setCurrentIndex(idx)
    assert nav.tree.currentIndex() == idx


def _nav(qtbot, ctx):
    nav = NavigatorScreen(ctx)
    qtbot.addWidget(nav)
    nav.show()
    return nav


def _estate(nav):
    m = nav.model
    co = _child(m, QModelIndex(), "华兴物业服务有限公司")
    rg = _child(m, co, "深圳区域")
    return co, rg, _child(m, rg, "锦都花园 (JD)")


def test_actions_follow_the_selected_node(qtbot, ctx, demo):
    nav = _nav(qtbot, ctx)
    co, rg, es = _estate(nav)
    names = lambda kind: [a.objectName() for a in nav.node_actions(kind)]  # noqa: E731
    assert names("company") == ["create_region"]
    assert names("region") == ["create_estate"]
    assert names("estate") == ["create_building", "create_lot", "edit_node"]
    assert names("building") == ["create_unit", "edit_node"]
    assert names("lot") == ["create_space"]
    assert names("unit") == [] and names("room") == []
    _select(nav, es)
    enabled = {a.objectName() for a in nav.create_actions.values() if a.isEnabled()}
    assert enabled == {"create_building", "create_lot"} and nav.edit_action.isEnabled()
    assert nav.create_actions["estate"].text() == "新建小区…"


def test_create_estate_then_building_appear_in_the_tree(qtbot, ctx, db, demo):
    nav = _nav(qtbot, ctx)
    m = nav.model
    co, rg, es = _estate(nav)
    _select(nav, rg)
    dlg = nav.open_create("estate")
    dlg.widgets["code"].setText("yh")
    dlg.widgets["name"].setText("云海苑")
    dlg.widgets["address"].setText("南山大道1号")
    dlg.widgets["building_area"].setText("52000.5")
    dlg.widgets["phone"].setText("0755-86001234")
    dlg.submit()
    qtbot.waitUntil(lambda: "云海苑 (YH)" in _labels(m, rg), timeout=5000)
    # the new estate is selected once saved
    qtbot.waitUntil(lambda: nav.tree.currentIndex().data() == "云海苑 (YH)", timeout=5000)
    with db.session() as s:
        e = s.scalars(select(Estate).where(Estate.code == "YH")).one()
        assert (e.name, e.address, e.building_area, e.phone) == \
            ("云海苑", "南山大道1号", D("52000.50"), "0755-86001234")
    dlg = nav.open_create("building")
    dlg.widgets["code"].setText("A1")
    dlg.widgets["building_type"].set_code("villa")
    dlg.widgets["floors"].setValue(3)
    dlg.submit()
    yh = _child(m, rg, "云海苑 (YH)")
    qtbot.waitUntil(lambda: _labels(m, yh) == ["A1栋"], timeout=5000)
    with db.session() as s:
        b = s.scalars(select(Building).where(Building.estate_id == e.id)).one()
        assert (b.code, b.building_type, b.floors) == ("A1", "villa", 3)


def test_create_errors_stay_in_the_dialog(qtbot, ctx, demo):
    nav = _nav(qtbot, ctx)
    _co, _rg, es = _estate(nav)
    _select(nav, es)
    dlg = nav.open_create("building")
    dlg.widgets["code"].setText("01")           # the demo's first building
    dlg.submit()
    qtbot.waitUntil(lambda: dlg.error.isVisible(), timeout=5000)
    assert "已有楼栋 01" in dlg.error.text() and dlg.isVisible()


def test_unit_lot_and_space(qtbot, ctx, db, demo):
    nav = _nav(qtbot, ctx)
    m = nav.model
    _co, _rg, es = _estate(nav)
    b1 = _child(m, es, "1栋")
    _select(nav, b1)
    dlg = nav.open_create("unit")
    dlg.widgets["code"].setText("3")
    dlg.submit()
    qtbot.waitUntil(lambda: _labels(m, b1) == ["1单元", "2单元", "3单元"], timeout=5000)
    _select(nav, es)
    dlg = nav.open_create("lot")
    dlg.widgets["code"].setText("P2")
    dlg.widgets["name"].setText("地面停车场")
    dlg.widgets["kind"].set_code("ground")
    dlg.submit()
    qtbot.waitUntil(lambda: "地面停车场" in _labels(m, es), timeout=5000)
    qtbot.waitUntil(lambda: nav.tree.currentIndex().data() == "地面停车场", timeout=5000)
    dlg = nav.open_create("space")
    dlg.widgets["number"].setText("008")
    dlg.widgets["area"].setText("12.5")
    dlg.submit()
    p2 = _child(m, es, "地面停车场")
    qtbot.waitUntil(lambda: _labels(m, p2) == ["008号车位"], timeout=5000)
    with db.session() as s:
        sp = s.scalars(select(ParkingSpace).where(ParkingSpace.code == "JD-P2-008")).one()
        assert (sp.area, sp.kind, sp.status) == (D("12.50"), "owned", "vacant")


def test_edit_estate_and_building_relabel_the_tree(qtbot, ctx, db, demo):
    nav = _nav(qtbot, ctx)
    m = nav.model
    _co, rg, es = _estate(nav)
    _select(nav, es)
    dlg = nav.open_edit()
    assert dlg.widgets["code"].text() == "JD" and not dlg.widgets["code"].isEnabled()
    assert dlg.widgets["name"].text() == "锦都花园"
    dlg.widgets["name"].setText("锦都花园一期")
    dlg.submit()
    qtbot.waitUntil(lambda: "锦都花园一期 (JD)" in _labels(m, rg), timeout=5000)
    b2 = _child(m, es, "2栋")
    _select(nav, b2)
    dlg = nav.open_edit()
    assert dlg.widgets["floors"].value() == 6
    dlg.widgets["name"].setText("2号楼")
    dlg.widgets["floors"].setValue(18)
    dlg.submit()
    qtbot.waitUntil(lambda: "2号楼" in _labels(m, es), timeout=5000)
    with db.session() as s:
        a = s.scalars(select(AuditLog).where(AuditLog.entity == "building",
                                             AuditLog.action == "update")).one()
        assert (a.summary, a.operator_name) == ("修改楼栋 JD-02", "admin")


def test_no_master_edit_no_actions(qtbot, make_ctx, demo):
    nav = _nav(qtbot, make_ctx("cashier"))
    _co, rg, es = _estate(nav)
    _select(nav, es)
    assert nav.node_actions("estate") == [] and nav.open_create("building") is None
    assert nav.open_edit() is None
    assert not any(a.isVisible() for a in nav.create_actions.values())
    assert es.data(KIND_ROLE) == "estate"
    assert not set(nav.menu_actions()) & {*nav.create_actions.values(), nav.edit_action}


def test_room_label_follows_its_owner(qtbot, ctx, db, admin, demo):
    import datetime as dt

    from propdesk.models import Occupancy
    from propdesk.services import customers as C
    from propdesk.services import property as P
    from ui.tasks import Changes

    nav = _nav(qtbot, ctx)
    with db.session() as s:
        rid = P.room_by_code(s, admin, "JD-01-1-0101").id
        occ = s.scalars(select(Occupancy.id).where(Occupancy.room_id == rid,
                                                   Occupancy.role == "owner",
                                                   Occupancy.end_date.is_(None))).one()
    assert nav.jump_to("room", rid)
    idx = nav.tree.currentIndex()
    assert idx.data() == "0101室 姚洋"
    ctx.tasks.write(lambda s: C.move_out(s, admin, occ, end=dt.date(2025, 6, 30)),
                    changes=Changes.of(occupancy=[rid])).run()
    qtbot.waitUntil(lambda: idx.data() == "0101室", timeout=5000)
