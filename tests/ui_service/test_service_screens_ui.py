"""Complaints, equipment and maintenance, and stock screens, driven as an operator would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pypdf import PdfReader
from sqlalchemy import select

from propdesk.models.service import Complaint, WorkOrder
from propdesk.services.service_desk import equipment as eq, maintenance as mt, stock
from tests.ui_service.conftest import idle
from ui.service.complaints import ComplaintsScreen
from ui.service.equipment import EquipmentScreen
from ui.service.stock import StockScreen


def _ok(qtbot, ctx, dlg, **values):
    for key, value in values.items():
        field = dlg.fields[key]
        if hasattr(field, "set_code"):
            field.set_code(value)
        elif hasattr(field, "setPlainText"):
            field.setPlainText(value)
        else:
            field.setText(value)
    with qtbot.waitSignal(dlg.accepted, timeout=5000):
        dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    idle(qtbot, ctx)


def _show(qtbot, ctx, cls):
    w = cls(ctx)
    qtbot.addWidget(w)
    w.show()
    w.activated()
    idle(qtbot, ctx)
    return w


def test_complaint_from_intake_to_completion(qtbot, db, office, make_ctx, tmp_path):
    ctx = make_ctx(office.frontdesk)
    w = _show(qtbot, ctx, ComplaintsScreen)
    assert w.model.rowCount() == 0
    _ok(qtbot, ctx, w.new_complaint(), complainant="王芳", identity="tenant",
        phone="13912345678", room="JD-01-1-0502", content="楼上装修噪音，晚上十点后仍在施工")
    assert [r.complainant for r in w.model.rows()] == ["王芳"]
    idle(qtbot, ctx)
    visible = lambda: {k for k, b in w.buttons.items() if b.isVisibleTo(w)}  # noqa: E731
    assert visible() == {"route", "print"}
    _ok(qtbot, ctx, w.act("route"), department="security", handler="赵队长")
    assert visible() == {"route", "handling", "reply", "print"}
    assert "秩序维护部" in w.detail_values["department"].text()
    _ok(qtbot, ctx, w.act("reply"), method="phone", handling="已约谈装修户",
        reply="已电话告知处理结果")
    _ok(qtbot, ctx, w.act("close"), satisfaction="satisfied")
    with db.session() as s:
        c = s.scalar(select(Complaint))
        assert (c.state, c.department, c.reply_method, c.satisfaction) == (
            "closed", "security", "phone", "satisfied")
    assert w.model.rowCount() == 0  # the default filter shows what is still open
    w.state.setCurrentIndex(1)      # 全部
    idle(qtbot, ctx)
    assert w.model.rowCount() == 1
    pdf = tmp_path / "ts.pdf"
    w.print_to(str(pdf))
    idle(qtbot, ctx)
    text = PdfReader(str(pdf)).pages[0].extract_text()
    assert c.number in text and "楼上装修噪音" in text


def test_equipment_plans_generate_and_overdue(qtbot, db, office, admin, make_ctx):
    today = dt.date.today()
    with db.session() as s:
        lift = eq.create_equipment(s, admin, code="DT-01", name="1号电梯", kind="lift",
                                   location="1栋电梯井")
        mt.create_plan(s, admin, lift.id, title="电梯周保养", frequency="week",
                       start_date=today - dt.timedelta(days=14),
                       assignee_id=office.engineer.operator_id)
    ctx = make_ctx(office.engineer)
    w = _show(qtbot, ctx, EquipmentScreen)
    assert [e.code for e in w.equipment.rows()] == ["DT-01"]
    # Three weekly occurrences are due (14 and 7 days ago, today); the two past ones are late.
    assert [(r.days_late, r.order_no) for r in w.overdue.rows()] == [(14, ""), (7, "")]
    w.generate()
    idle(qtbot, ctx)
    box = w.findChild(QMessageBox, "infoBox")
    assert box is not None and "3" in box.text()
    box.close()
    idle(qtbot, ctx)
    with db.session() as s:
        orders = s.scalars(select(WorkOrder).order_by(WorkOrder.plan_due)).all()
        assert [(o.plan_due, o.state) for o in orders] == [
            (today - dt.timedelta(days=14), "dispatched"), (today - dt.timedelta(days=7), "dispatched"),
            (today, "dispatched")]
    assert all(r.order_no for r in w.overdue.rows())
    (plan,) = w.plans.rows()
    assert (plan.open_orders, plan.overdue, plan.next_due) == (3, 2, today)
    # A contractor's visit recorded by hand shows in the equipment's history.
    w.equipment_table.selectRow(0)
    _ok(qtbot, ctx, w.add_record(), content="奥的斯季度维保", performed_by="奥的斯 陈工")
    idle(qtbot, ctx)
    w._load_history(w.equipment_table.currentIndex())
    idle(qtbot, ctx)
    assert [h.performed_by for h in w.history.rows()] == ["奥的斯 陈工"]


def test_new_equipment_with_optional_dates(qtbot, db, office, make_ctx):
    ctx = make_ctx(office.engineer)
    w = _show(qtbot, ctx, EquipmentScreen)
    dlg = w.edit_equipment(None)
    dlg.fields["install_date"].set_date(dt.date(2019, 6, 1))
    _ok(qtbot, ctx, dlg, code="sb-02", name="消防水泵", kind="pump", location="地下泵房")
    (e,) = w.equipment.rows()
    assert (e.code, e.install_date, e.warranty_until) == ("SB-02", dt.date(2019, 6, 1), None)


def test_stock_documents_and_stocktake(qtbot, db, office, make_ctx):
    ctx = make_ctx(office.engineer)
    w = _show(qtbot, ctx, StockScreen)
    assert w.warning.text() == "3 种物料低于库存下限"
    assert w.ledger_model.rowCount() == 0 and w.ledger_hint.showing()
    assert w.ledger_hint.text() == "还没有库存流水：入库、领料、返库和盘点后在这里逐笔列出"
    doc = w.document("in")
    doc.party.setText("南山五金")
    doc.lines.cellWidget(0, 0).setCurrentIndex(
        [lv.item_id for lv in doc.levels].index(office.pipe_id))
    doc.lines.item(0, 1).setText("40")
    doc.lines.item(0, 2).setText("9.80")
    r = doc.add_line(office.valve_id, "10")
    assert r == 1
    with qtbot.waitSignal(doc.accepted, timeout=5000):
        doc.submit()
    idle(qtbot, ctx)
    levels = {lv.code: lv.on_hand for lv in w.level_model.rows()}
    assert (levels["SD-001"], levels["SD-002"]) == (Decimal("40.000"), Decimal("10.000"))
    assert w.ledger_model.rowCount() == 2 and not w.ledger_hint.showing()
    assert w.warning.text() == "1 种物料低于库存下限"
    # Taking out more than there is: refused, the form says so and stays open.
    out = w.document("out")
    out.lines.cellWidget(0, 0).setCurrentIndex(
        [lv.item_id for lv in out.levels].index(office.valve_id))
    out.lines.item(0, 1).setText("11")
    out.submit()
    idle(qtbot, ctx)
    assert out.isVisible() and "库存不足" in out.error.text()
    assert not out.override.isVisibleTo(out)  # engineers may not override
    out.reject()
    take = w.take_stock()
    row = [lv.item_id for lv in take.levels].index(office.pipe_id)
    take.set_count(row, "38.5")
    assert take.table.item(row, 4).text() == "-1.5"
    with qtbot.waitSignal(take.accepted, timeout=5000):
        take.submit()
    idle(qtbot, ctx)
    assert [d.code for d in take.result.differences] == ["SD-001"]
    box = w.findChild(QMessageBox, "infoBox")
    assert "盘亏 1.5" in box.text()
    box.close()
    with db.session() as s:
        assert stock.on_hand(s, office.pipe_id) == Decimal("38.500")
    w.tabs.setCurrentIndex(1)
    kinds = [m.kind for m in w.ledger_model.rows()]
    assert kinds.count("in") == 2 and kinds.count("adjust") == 1


def _mnemonic(text: str) -> str:
    import re

    m = re.search(r"&([^&])", text)
    return m.group(1).upper() if m else ""


def test_stock_and_equipment_buttons_have_distinct_alt_keys(qtbot, db, office, make_ctx):
    """Every toolbar button of 物料库存 (冲销所选行 too) and 设备台账 opens with Alt+letter, in both languages."""
    from ui.i18n import set_language

    ctx = make_ctx(office.engineer)
    stock_screen = _show(qtbot, ctx, StockScreen)
    equipment = _show(qtbot, ctx, EquipmentScreen)
    for lang in ("zh", "en"):
        set_language(lang)
        for buttons in (list(stock_screen.buttons.values()) + [stock_screen.reverse_button],
                        [equipment.add_button, equipment.edit_button, equipment.record_button,
                         equipment.repair_button]):
            qtbot.waitUntil(lambda: all(_mnemonic(b.text()) for b in buttons), timeout=5000)
            keys = [_mnemonic(b.text()) for b in buttons]
            assert len(set(keys)) == len(keys), keys


def _alt_keys(screen) -> list[str]:
    """The Alt keys of every button and buddied label of a screen (hidden ones too)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [b.text() for b in screen.findChildren(QAbstractButton)]
    texts += [lbl.text() for lbl in screen.findChildren(QLabel) if lbl.buddy() is not None]
    return [k for k in map(_mnemonic, texts) if k]


def test_work_order_and_complaint_detail_buttons_have_distinct_alt_keys(qtbot, db, office, admin,
                                                                      make_ctx):
    """派工, 挂起, 取消, 打印报修单 … and 转派, 打印受理单 … each open with their own Alt+letter,
    distinct from the rest of the screen, in both languages; so does 改派."""
    from propdesk.services.service_desk import complaints as cp, workorders as wo
    from ui.i18n import set_language
    from ui.screens.workorders import WorkOrdersScreen
    from ui.service.order_panel import BUTTONS

    with db.session() as s:
        order = wo.create_order(s, office.frontdesk, room_id=office.room_id, category="水电",
                                description="厨房水龙头漏水")
        cp.create_complaint(s, office.frontdesk, complainant="王芳", content="楼上装修噪音")
    ctx = make_ctx(office.supervisor)
    board = _show(qtbot, ctx, WorkOrdersScreen)
    complaints = _show(qtbot, ctx, ComplaintsScreen)
    assert complaints.model.rowCount() == 1
    for lang in ("zh", "en"):
        set_language(lang)
        panel_buttons = list(board.panel.buttons.values())
        qtbot.waitUntil(lambda: all(_mnemonic(b.text()) for b in panel_buttons), timeout=5000)
        keys = _alt_keys(board)
        assert len(set(keys)) == len(keys), keys
        assert all(_mnemonic(b.text()) for b in complaints.buttons.values())
        keys = _alt_keys(complaints)
        assert len(set(keys)) == len(keys), keys
    set_language("zh")
    assert [_mnemonic(board.panel.buttons[k].text()) for k in BUTTONS] == list("DSMTIRWUECP")
    with db.session() as s:
        wo.dispatch(s, office.supervisor, order.id, office.engineer.operator_id)
    board.panel.set_order(order.id)
    idle(qtbot, ctx)
    assert board.panel.buttons["dispatch"].text() == "改派(&G)"
    keys = _alt_keys(board)
    assert len(set(keys)) == len(keys), keys


def test_audit_log_filter_labels_have_alt_keys(qtbot, db, office, make_ctx):
    """Each filter label of 审计日志 (对象 among them) takes the focus to its field with Alt+letter."""
    from ui.i18n import set_language
    from ui.screens.audit_log import AuditLogScreen

    screen = _show(qtbot, make_ctx(office.supervisor), AuditLogScreen)
    for lang in ("zh", "en"):
        set_language(lang)
        qtbot.waitUntil(lambda: all(_mnemonic(lbl.text()) for lbl in screen.labels), timeout=5000)
        keys = _alt_keys(screen)
        assert len(set(keys)) == len(keys), keys
    set_language("zh")
    assert screen.labels[1].text() == "对象(&B)" and screen.labels[1].buddy() is screen.entity
