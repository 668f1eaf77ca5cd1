"""The work-order board, its forms and the room's 工单 tab, driven as an operator would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pypdf import PdfReader
from sqlalchemy import select

from propdesk.models.service import WorkOrder
from propdesk.services.service_desk import stock, workorders as wo
from tests.ui_service.conftest import NOW, idle
from ui.screens.workorders import WorkOrdersScreen
from ui.screens.workorders_room import RoomWorkOrdersTab
from ui.service.forms import OVERDUE


def _orders(db, office, admin):
    """Three orders: an urgent one two days old (overdue), a fresh one, a public one."""
    with db.session() as s:
        old = wo.create_order(s, office.frontdesk, room_id=office.room_id, category="门窗",
                              description="入户门锁坏", urgency="紧急",
                              now=dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=2))
        new = wo.create_order(s, office.frontdesk, room_id=office.room_id, category="水电",
                              description="厨房水龙头漏水",
                              now=dt.datetime.now().replace(microsecond=0))
        pub = wo.create_order(s, office.engineer, kind="public", location="3栋大堂",
                              category="公共设施", description="大堂吊灯不亮",
                              now=dt.datetime.now().replace(microsecond=0))
        stock.stock_in(s, admin, [stock.StockLine(office.valve_id, Decimal("5"))])
        return old.number, new.number, pub.number


def _screen(qtbot, ctx) -> WorkOrdersScreen:
    w = WorkOrdersScreen(ctx)
    qtbot.addWidget(w)
    w.show()
    w.activated()
    idle(qtbot, ctx)
    return w


def test_board_counts_filters_and_overdue(qtbot, db, office, admin, make_ctx):
    old, new, pub = _orders(db, office, admin)
    ctx = make_ctx(office.frontdesk)
    w = _screen(qtbot, ctx)
    numbers = [r.number for r in w.model.rows()]
    assert sorted(numbers) == sorted([old, new, pub])
    assert w.chips["pending"].text() == "待派工 3"
    assert w.chips["overdue"].text() == "超时 1"
    row = numbers.index(old)
    assert w.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) == OVERDUE  # red
    w.chips["overdue"].click()
    idle(qtbot, ctx)
    assert [r.number for r in w.model.rows()] == [old]
    w.chips["all"].click()
    w.category.setCurrentIndex(w.category.findData("water_electric"))
    idle(qtbot, ctx)
    assert [r.number for r in w.model.rows()] == [new]
    w.category.setCurrentIndex(0)
    w.search.setText("大堂")
    w.search.returnPressed.emit()
    idle(qtbot, ctx)
    assert [r.number for r in w.model.rows()] == [pub]
    assert w.panel.detail.order.number == pub
    assert w.panel.values["place"].text() == "3栋大堂"


def test_intake_form_creates_an_order_and_shows_errors_inline(qtbot, db, office, make_ctx):
    ctx = make_ctx(office.frontdesk)
    w = _screen(qtbot, ctx)
    dlg = w.intake("repair")
    dlg.room.setText("jd-01-1-0502")
    dlg.look_up_room()
    idle(qtbot, ctx)
    assert dlg.room.text() == "JD-01-1-0502"
    assert "张伟" in dlg.owner.text() and "13800138000" in dlg.owner.text()
    # Nothing described yet: the service refuses, the form says why and stays open.
    dlg.submit()
    idle(qtbot, ctx)
    assert dlg.isVisible() and "报修内容" in dlg.error.text()
    assert dlg.description.property("invalid") is True
    dlg.description.setPlainText("卫生间地漏堵塞")
    dlg.category.set_code("water_electric")
    dlg.urgency.set_code("urgent")
    with qtbot.waitSignal(dlg.accepted, timeout=5000):
        dlg.submit()
    idle(qtbot, ctx)
    with db.session() as s:
        o = s.scalar(select(WorkOrder))
        assert (o.description, o.urgency, o.reporter, o.contact, o.taken_by) == (
            "卫生间地漏堵塞", "urgent", "张伟", "13800138000", "李前台")
    assert [r.number for r in w.model.rows()] == [o.number]
    assert w.panel.detail.order.id == o.id


def _act(qtbot, ctx, panel, action, **values):
    dlg = panel.act(action)
    idle(qtbot, ctx)
    for key, value in values.items():
        field = dlg.fields[key]
        if hasattr(field, "set_code"):
            field.set_code(value)
        elif hasattr(field, "setChecked"):
            field.setChecked(value)
        elif hasattr(field, "setPlainText"):
            field.setPlainText(value)
        elif hasattr(field, "set_value"):
            field.set_value(value)
        elif hasattr(field, "setCurrentIndex"):  # a combo over Python objects (uuid)
            field.setCurrentIndex(next(i for i in range(field.count())
                                       if field.itemData(i) == value))
        else:
            field.setText(value)
    with qtbot.waitSignal(dlg.accepted, timeout=5000):
        dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    idle(qtbot, ctx)
    return dlg


def test_lifecycle_through_the_panel_by_role(qtbot, db, office, admin, make_ctx):
    _old, new, _pub = _orders(db, office, admin)
    desk = make_ctx(office.frontdesk)
    board = _screen(qtbot, desk)
    board.table.selectRow([r.number for r in board.model.rows()].index(new))
    idle(qtbot, desk)
    panel = board.panel
    visible = {k for k, b in panel.buttons.items() if b.isVisibleTo(panel)}
    assert {"dispatch", "cancel", "suspend", "print"} <= visible
    assert not visible & {"start", "finish", "materials"}  # the desk does not do the work
    assert panel.charge_hint.showing() and panel.charge_hint.text() == "没有用料或费用"
    _act(qtbot, desk, panel, "dispatch", engineer=office.engineer.operator_id, note="下午两点前")
    assert panel.detail.order.state == "dispatched"
    assert panel.values["engineer"].text() == "刘工程"

    # The engineer's board shows only their orders and offers the work, not the desk's steps.
    eng = make_ctx(office.engineer)
    mine = _screen(qtbot, eng)
    assert mine.mine.isChecked()
    assert [r.number for r in mine.model.rows()] == [new]
    p = mine.panel
    assert p.buttons["start"].isVisibleTo(p) and not p.buttons["dispatch"].isVisibleTo(p)
    p.act("start")
    idle(qtbot, eng)
    assert p.detail.order.state == "in_progress"
    assert p.charge_hint.showing()
    assert p.charge_hint.text() == "还没有用料或费用：按 领料（Alt+M）从库存领出材料"
    _act(qtbot, eng, p, "materials", item=office.valve_id, qty=Decimal("2"))
    assert [c.label for c in p.detail.charge_lines] == ["角阀"]
    assert not p.charge_hint.showing()
    _act(qtbot, eng, p, "finish", result="更换角阀两只", chargeable=True, fee=Decimal("30.00"))
    assert p.detail.order.state == "to_visit"
    # It has left the engineer's open list, but stays on the panel so they see the result.
    assert mine.model.rowCount() == 0
    assert p.detail.order.charge_state == "posted"
    assert "80.00" in p.values["charge"].text()

    # Back at the desk, the return visit closes it.
    idle(qtbot, desk)
    board.chips["all"].click()
    idle(qtbot, desk)
    board.table.selectRow([r.number for r in board.model.rows()].index(new))
    idle(qtbot, desk)
    assert board.panel.buttons["visit"].isVisibleTo(board.panel)
    _act(qtbot, desk, board.panel, "visit", satisfaction="satisfied", comment="很及时")
    assert board.panel.detail.order.state == "done"
    assert [e.action for e in board.panel.detail.events] == [
        "create", "dispatch", "start", "materials", "labour", "finish", "visit"]


def test_print_from_the_panel(qtbot, db, office, admin, make_ctx, tmp_path):
    _old, new, _pub = _orders(db, office, admin)
    ctx = make_ctx(office.frontdesk)
    w = _screen(qtbot, ctx)
    w.table.selectRow([r.number for r in w.model.rows()].index(new))
    idle(qtbot, ctx)
    path = tmp_path / "bx.pdf"
    w.panel.print_to(str(path))
    idle(qtbot, ctx)
    text = PdfReader(str(path)).pages[0].extract_text()
    assert new in text and "厨房水龙头漏水" in text


def test_room_tab(qtbot, db, office, admin, make_ctx):
    old, new, _pub = _orders(db, office, admin)
    ctx = make_ctx(office.frontdesk)
    tab = RoomWorkOrdersTab(ctx)
    qtbot.addWidget(tab)
    tab.set_room(office.room_id)
    tab.load()
    idle(qtbot, ctx)
    assert sorted(r.number for r in tab.model.rows()) == sorted([old, new])
    assert tab.count.text() == "共 2 张，未完结 2 张"
    dlg = tab.new_order()
    idle(qtbot, ctx)
    assert dlg.room.text() == "JD-01-1-0502" and "张伟" in dlg.owner.text()
    dlg.reject()
    detail = tab.open_order(tab.model.rows()[0])
    idle(qtbot, ctx)
    assert detail.panel.detail.order.number == tab.model.rows()[0].number
    detail.reject()


def test_english(qtbot, db, office, admin, make_ctx):
    from ui.i18n import set_language

    _orders(db, office, admin)
    ctx = make_ctx(office.frontdesk)
    w = _screen(qtbot, ctx)
    set_language("en")  # widgets re-label on the LanguageChange event Qt posts them
    qtbot.waitUntil(lambda: w.heading.text() == "Work orders", timeout=5000)
    assert w.chips["overdue"].text() == "Overdue 1"
    assert w.chips["pending"].text() == "To dispatch 3"
    assert w.model.headerData(0, Qt.Orientation.Horizontal) == "Number"
    states = {w.model.index(r, 1).data() for r in range(w.model.rowCount())}
    assert states == {"To dispatch"}
    assert w.panel.buttons["dispatch"].text() == "&Dispatch"


def test_state_chips_wrap_on_a_small_screen(qtbot, db, office, admin, make_ctx):
    """On a 1024-pixel PC (about 780 px left for the screen in English) the nine state chips
    wrap onto a second line instead of making the board wider than the window."""
    from ui.i18n import set_language

    _orders(db, office, admin)
    ctx = make_ctx(office.frontdesk)
    set_language("en")
    w = _screen(qtbot, ctx)
    assert w.minimumSizeHint().width() < 700
    w.resize(760, 600)
    row = w.chip_row
    qtbot.waitUntil(lambda: all(b.geometry().right() <= row.width() for b in w.chips.values()), timeout=2000)
    tops = {b.geometry().top() for b in w.chips.values()}
    assert len(tops) == 2                                 # two lines of chips
    assert row.height() >= row.flow.heightForWidth(row.width())   # the second line is not cut off
    w.resize(1400, 600)
    qtbot.waitUntil(lambda: len({b.geometry().top() for b in w.chips.values()}) == 1, timeout=2000)
