"""住户 and 车辆 tabs: 入住 with a new customer (ID checked as typed), 迁出, 过户, 登记车辆,
and the customer's other holdings one click away."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from propdesk.models import Customer, Occupancy, Vehicle
from propdesk.services import customers as C
from propdesk.services import property as P
from ui.dialogs.customer import CustomerEditor
from ui.screens.room_detail import RoomDetailPanel


@pytest.fixture
def rooms(db, admin, demo):
    with db.session() as s:
        # a vacant room (no occupants) and an occupied one, found the way an operator would
        vacant = next(r for r in s.scalars(select(P.Room).where(P.Room.status == "vacant")
                                           .order_by(P.Room.code)))
        owned = P.room_by_code(s, admin, "JD-01-1-0502")
        return {"vacant": (vacant.id, vacant.code), "owned": (owned.id, owned.code)}


def _occupants_tab(qtbot, ctx, room_id):
    panel = RoomDetailPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_room(room_id)
    panel.show_tab("occupants")
    tab = panel.tab("occupants")
    qtbot.waitUntil(lambda: tab.room_code != "" and ctx.tasks.is_idle(), timeout=5000)
    return panel, tab


def test_customer_editor_checks_the_id_number_as_typed(qtbot, ctx):
    dlg = CustomerEditor(ctx)
    qtbot.addWidget(dlg)
    save = dlg.buttons.button(QDialogButtonBox.StandardButton.Save)
    dlg.name.setText("王小明")
    # 11010519491231002X is the GB 11643 example number; its last character is the check
    dlg.id_number.setText("110105194912310021")
    assert dlg.id_check.text() == "身份证号码校验位错误，应为 X" and not save.isEnabled()
    dlg.id_number.setText("11010519491231002x")
    assert dlg.id_check.text() == "✓ 校验通过" and save.isEnabled()
    dlg.phone.setText("1380013800")            # ten digits
    assert dlg.phone_check.text() == "手机号码应为11位，以1开头" and not save.isEnabled()
    dlg.phone.setText("13800138000")
    assert save.isEnabled()
    dlg.id_type.set_code("passport")           # no GB 11643 check for a passport
    dlg.id_number.setText("E12345678")
    assert dlg.id_check.text() == "" and save.isEnabled()


def test_move_in_a_new_customer(qtbot, ctx, db, admin, rooms):
    rid, code = rooms["vacant"]
    panel, tab = _occupants_tab(qtbot, ctx, rid)
    assert tab.model.rowCount() == 0 and not tab.transfer_button.isEnabled()
    dlg = tab.move_in()
    qtbot.addWidget(dlg)
    assert dlg.role.code() == "owner"          # nobody owns the room yet
    ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    editor = None
    dlg.picker.query.setText("钱多多")
    dlg.picker.new_button.click()
    editor = dlg.picker.findChild(CustomerEditor)
    assert editor.name.text() == "钱多多"
    editor.id_number.setText("11010519491231002X")
    editor.phone.setText("13912345678")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save()
    assert dlg.picker.chosen().name == "钱多多" and ok.isEnabled()
    dlg.start.set_date(dt.date(2025, 3, 1))
    dlg.submit()
    qtbot.waitUntil(lambda: dlg.result_value is not None, timeout=5000)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    row = tab.model.row(0)
    assert (row.name, row.role, row.start, row.end) == ("钱多多", "owner", dt.date(2025, 3, 1), None)
    with db.session() as s:
        assert P.get_room(s, admin, rid).status == "occupied"   # a vacant room an owner moves into
        c = s.scalars(select(Customer).where(Customer.name == "钱多多")).one()
        assert (c.id_number, c.name_initials, c.phone) == ("11010519491231002X", "qdd", "13912345678")
    qtbot.waitUntil(lambda: panel.people.text() == "业主：钱多多", timeout=5000)


def test_move_out_then_history_shows_both(qtbot, ctx, db, admin, rooms):
    rid, code = rooms["owned"]
    panel, tab = _occupants_tab(qtbot, ctx, rid)
    current = [o for o in tab.model.rows() if o.end is None]
    assert len(current) >= 1
    owner = next(o for o in current if o.role == "owner")
    tab.table.selectRow(tab.model.rows().index(owner))
    dlg = tab.move_out()
    qtbot.addWidget(dlg)
    dlg.end.set_date(owner.start - dt.timedelta(days=1))
    dlg.submit()
    qtbot.waitUntil(lambda: dlg.error.isVisible(), timeout=5000)
    assert dlg.error.text() == "数据校验失败，共 1 处错误，未写入任何数据\n• 迁出日期：迁出日期早于入住日期"
    dlg.end.set_date(dt.date(2026, 1, 31))
    dlg.submit()
    qtbot.waitUntil(lambda: dlg.result_value is not None, timeout=5000)
    qtbot.waitUntil(lambda: any(o.end == dt.date(2026, 1, 31) for o in tab.model.rows()), timeout=5000)
    with db.session() as s:
        occ = s.get(Occupancy, owner.occupancy_id)
        assert (occ.end_date, occ.end_reason) == (dt.date(2026, 1, 31), "move_out")


def test_transfer_to_an_existing_customer(qtbot, ctx, db, admin, rooms):
    rid, code = rooms["owned"]
    with db.session() as s:
        buyer = C.create_customer(s, admin, name="孙买家", phone="13700001111")
        buyer_id = buyer.id
    panel, tab = _occupants_tab(qtbot, ctx, rid)
    dlg = tab.transfer()
    qtbot.addWidget(dlg)
    dlg.picker.query.setText("137000")     # phone prefix
    dlg.picker.search_now()
    qtbot.waitUntil(lambda: dlg.picker.results.count() == 1, timeout=5000)
    dlg.picker.results.setCurrentRow(0)
    assert dlg.picker.chosen().id == buyer_id
    dlg.on.set_date(dt.date(2026, 2, 1))
    dlg.submit()
    qtbot.waitUntil(lambda: dlg.result_value is not None, timeout=5000)
    with db.session() as s:
        owners = s.scalars(select(Occupancy).where(Occupancy.room_id == rid,
                                                   Occupancy.role == "owner")
                           .order_by(Occupancy.start_date)).all()
    assert [(o.end_date, o.end_reason) for o in owners][-2:] == [
        (dt.date(2026, 2, 1), "transfer"), (None, "")]
    assert owners[-1].customer_id == buyer_id


def test_holdings_jump_in_one_click(qtbot, ctx, db, admin, rooms):
    rid, code = rooms["owned"]
    with db.session() as s:
        owner = C.room_owner(s, rid)
        other = P.room_by_code(s, admin, "JD-02-2-0303")
        C.move_in(s, admin, owner.id, role="owner", start=dt.date(2024, 5, 1), room_id=other.id) \
            if not C.room_owner(s, other.id) else None
        if C.room_owner(s, other.id).id != owner.id:
            C.transfer(s, admin, other.id, owner.id, dt.date(2024, 5, 1))
        other_id = other.id
    panel, tab = _occupants_tab(qtbot, ctx, rid)
    i = next(i for i, o in enumerate(tab.model.rows()) if o.customer_id == owner.id and o.end is None)
    tab.table.selectRow(i)
    qtbot.waitUntil(lambda: tab.holdings.count() >= 2, timeout=5000)
    texts = [tab.holdings.item(r).text() for r in range(tab.holdings.count())]
    assert f"{code}　业主　（当前房间）" in texts and "JD-02-2-0303　业主" in texts
    target = next(tab.holdings.item(r) for r in range(tab.holdings.count())
                  if tab.holdings.item(r).text() == "JD-02-2-0303　业主")
    with qtbot.waitSignal(ctx.signals.open_node, timeout=5000) as sig:
        tab.holdings.itemClicked.emit(target)
    assert sig.args == ["room", other_id]


def test_register_a_vehicle_with_plate_check(qtbot, ctx, db, admin, rooms):
    rid, code = rooms["owned"]
    panel = RoomDetailPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_room(rid)
    panel.show_tab("vehicles")
    tab = panel.tab("vehicles")
    qtbot.waitUntil(lambda: tab.add_button.isEnabled(), timeout=5000)
    before = tab.model.rowCount()
    dlg = tab.add_vehicle()
    qtbot.addWidget(dlg)
    ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dlg.plate.setText("粤B1234")               # six characters: too short
    assert dlg.plate_check.text() == "车牌格式不对" and not ok.isEnabled()
    dlg.plate.setText("粤 b·d12345")           # new-energy plate typed loosely
    assert dlg.plate_check.text() == "✓ 粤BD12345" and ok.isEnabled()
    dlg.brand.setText("比亚迪")
    dlg.submit()
    qtbot.waitUntil(lambda: dlg.result_value is not None, timeout=5000)
    qtbot.waitUntil(lambda: tab.model.rowCount() == before + 1, timeout=5000)
    with db.session() as s:
        v = s.scalars(select(Vehicle).where(Vehicle.plate == "粤BD12345")).one()
        assert v.brand == "比亚迪"
