"""修改收费项目 / 修改收费标准 and the 优惠规则 tab, driven through the real widgets."""

from __future__ import annotations

import json
from decimal import Decimal as D

from PySide6.QtCore import Qt
from sqlalchemy import select

from propdesk.models import AuditLog
from propdesk.models.billing import DiscountRule, FeeItem, FeeStandard
from propdesk.services.billing import run
from tests.ui_billing.test_fees_ui import loaded
from ui.billing.discounts import DiscountDialog, EndDiscountDialog
from ui.billing.fee_dialogs import FeeItemEditDialog, StandardEditDialog


def _double_click_row(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _only(screen, cls):
    dialogs = [d for d in screen.findChildren(cls) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_double_click_edits_a_fee_item(qtbot, make_ctx, billed, db):
    screen = loaded(qtbot, make_ctx("finance"))
    row = next(i for i, r in enumerate(screen.items.rows()) if r.code == "ELEV")
    _double_click_row(qtbot, screen.item_table, row)
    d = _only(screen, FeeItemEditDialog)
    assert d.name.text() == "电梯费" and not d.inactive.isChecked()
    d.name.setText("电梯运行费")
    d.sort_key.setValue(15)
    d.inactive.setChecked(True)
    with qtbot.waitSignal(d.saved):
        qtbot.mouseClick(d.buttons.button(d.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    with db.session() as s:
        item = s.scalar(select(FeeItem).where(FeeItem.code == "ELEV"))
        assert (item.name, item.sort_key, item.active) == ("电梯运行费", 15, False)
    qtbot.waitUntil(lambda: any(r.name == "电梯运行费" for r in screen.items.rows()))
    row = next(i for i, r in enumerate(screen.items.rows()) if r.code == "ELEV")
    assert screen.items.index(row, 3).data() == "停用"
    # a stopped item is not offered for a new standard any more
    d = screen.add_standard()
    assert d.item.findText("电梯运行费 (ELEV)") == -1 and d.item.findText("物业管理费 (MGMT)") >= 0
    d.reject()


def test_edit_standard_keeps_price_and_method(qtbot, make_ctx, billed, db):
    screen = loaded(qtbot, make_ctx("finance"))
    qtbot.waitUntil(lambda: screen.standards.rowCount() == 1 and screen.edit_std_button.isEnabled())
    qtbot.mouseClick(screen.edit_std_button, Qt.MouseButton.LeftButton)
    d = _only(screen, StandardEditDialog)
    assert d.due_day.value() == 30 and d.bill_to.code() == "owner" and d.prorate.isChecked()
    assert d.fixed.text() == "MGMT-STD　物业管理费　单价×建筑面积　房间　按月计费"
    d.name.setText("")
    d.submit()
    qtbot.waitUntil(lambda: d.error.isVisible())
    assert "名称不能为空" in d.error.text()
    d.name.setText("住宅物业服务费")
    d.due_day.setValue(15)
    d.bill_to.set_code("tenant")
    d.inactive.setChecked(True)
    with qtbot.waitSignal(d.saved):
        d.submit()
    with db.session() as s:
        std = s.scalar(select(FeeStandard).where(FeeStandard.code == "MGMT-STD"))
        assert (std.name, std.due_day, std.bill_to, std.active, std.method) == (
            "住宅物业服务费", 15, "tenant", False, "building_area")
        audit = s.scalar(select(AuditLog).where(AuditLog.entity == "fee_standard", AuditLog.action == "update"))
        assert json.loads(audit.after) == {"name": "住宅物业服务费", "due_day": 15, "bill_to": "tenant",
                                           "active": False}
        assert run.preview(s, make_ctx().actor, "2026-04").lines == []   # 停用: no longer billed
    qtbot.waitUntil(lambda: screen.standards.row(0).name == "住宅物业服务费")
    assert screen.standards.row(0).price_text == "2.30 元/m²·月"


def test_cashier_sees_no_edit_buttons(qtbot, make_ctx, billed):
    screen = loaded(qtbot, make_ctx("cashier"))
    for b in (screen.edit_item_button, screen.edit_std_button, screen.discounts.new_button,
              screen.discounts.end_button):
        assert not b.isVisibleTo(screen)
    _double_click_row(qtbot, screen.item_table, 0)
    assert screen.findChildren(FeeItemEditDialog) == []


def test_new_discount_then_end_it(qtbot, make_ctx, billed, db):
    screen = loaded(qtbot, make_ctx("finance"))
    screen.tabs.setCurrentWidget(screen.discounts)
    assert screen.current_table() is screen.discounts.table      # 文件 ▸ 导出Excel exports the rules
    qtbot.waitUntil(lambda: len(screen.scopes()) > 1)
    qtbot.mouseClick(screen.discounts.new_button, Qt.MouseButton.LeftButton)
    d = _only(screen, DiscountDialog)
    d.kind.set_code("fixed")
    assert d.amount.isVisibleTo(d) and not d.percent.isVisibleTo(d) and not d.months_paid.isVisibleTo(d)
    d.kind.set_code("prepay_free")
    assert d.months_paid.isVisibleTo(d) and d.months_free.isVisibleTo(d) and not d.amount.isVisibleTo(d)
    d.kind.set_code("percent")
    assert d.percent.isVisibleTo(d) and not d.months_free.isVisibleTo(d)
    d.name.setText("锦都物业费八折")
    d.percent.setText("20")
    d.item.setCurrentIndex(d.item.findText("物业管理费 (MGMT)"))
    d.scope.combo.setCurrentIndex(d.scope.combo.findText("锦都花园JD (JD)"))
    d.start.setText("2026-03")
    d.submit()                                     # no reason yet
    qtbot.waitUntil(lambda: d.error.isVisible())
    assert "优惠/减免必须写明原因" in d.error.text()
    d.reason.setText("业委会决议：2026年物业费八折")
    with qtbot.waitSignal(d.saved):
        d.submit()
    with db.session() as s:
        rule = s.scalar(select(DiscountRule))
        assert (rule.name, rule.kind, rule.value, rule.scope_kind, rule.scope_id, rule.start_period,
                rule.end_period, rule.reason) == ("锦都物业费八折", "percent", D("20"), "estate", billed.estate_id,
                                                  "2026-03", None, "业委会决议：2026年物业费八折")
        got = {l.target.code: l.amount for l in run.preview(s, make_ctx().actor, "2026-04").lines}
        # 128.50 × 2.30 = 295.55, less 20% = 236.44; 89.37 × 2.30 = 205.551 → 205.55 × 0.8 = 164.44;
        # 100.00 × 2.30 = 230.00 × 0.8 = 184.00
        assert got == {"JD-01-1-0101": D("236.44"), "JD-01-1-0102": D("164.44"), "JD-01-1-0201": D("184.00")}

    panel = screen.discounts
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    texts = [panel.model.index(0, c).data() for c in range(panel.model.columnCount())]
    assert texts[:7] == ["锦都物业费八折", "按比例优惠", "减收 20%", "物业管理费", "JD 锦都花园JD", "2026-03", "长期"]
    assert not panel.end_button.isEnabled()
    panel.table.selectRow(0)
    assert panel.end_button.isEnabled()
    qtbot.mouseClick(panel.end_button, Qt.MouseButton.LeftButton)
    e = _only(screen, EndDiscountDialog)
    e.last.setText("2026-01")                      # before the start: refused
    e.submit()
    qtbot.waitUntil(lambda: e.error.isVisible())
    assert "结束账期早于起始账期" in e.error.text()
    e.last.setText("2026-08")
    with qtbot.waitSignal(e.saved):
        e.submit()
    with db.session() as s:
        assert s.scalar(select(DiscountRule.end_period)) == "2026-08"
    qtbot.waitUntil(lambda: panel.model.index(0, 6).data() == "2026-08")


def test_company_wide_prepay_offer(qtbot, make_ctx, billed, db):
    screen = loaded(qtbot, make_ctx("finance"))
    qtbot.waitUntil(lambda: len(screen.scopes()) > 1)
    d = screen.discounts.add_discount()
    d.kind.set_code("prepay_free")
    d.months_paid.setValue(12)
    d.months_free.setValue(2)
    d.item.setCurrentIndex(d.item.findText("物业管理费 (MGMT)"))
    d.start.setText("2026-01")
    d.end.setText("2026-12")
    d.reason.setText("年缴送两个月")
    with qtbot.waitSignal(d.saved):
        d.submit()
    with db.session() as s:
        rule = s.scalar(select(DiscountRule))
        assert (rule.name, rule.kind, rule.months_paid, rule.months_free, rule.value, rule.scope_kind,
                rule.end_period) == ("预缴N月送M月", "prepay_free", 12, 2, D("0"), "company", "2026-12")
    qtbot.waitUntil(lambda: screen.discounts.model.rowCount() == 1)
    assert screen.discounts.model.index(0, 2).data() == "预缴 12 月送 2 月"
    assert screen.discounts.model.index(0, 4).data() == "全公司"


def test_discount_for_one_room_by_code(qtbot, make_ctx, billed, db):
    screen = loaded(qtbot, make_ctx("finance"))
    qtbot.waitUntil(lambda: len(screen.scopes()) > 1)
    d = screen.discounts.add_discount()
    d.kind.set_code("fixed")
    d.amount.setText("10.00")
    d.scope.combo.setCurrentIndex(d.scope.combo.findText("指定房间…"))
    d.scope.code.setText("JD-01-1-0201")
    d.start.setText("2026-04")
    d.reason.setText("门前施工补偿")
    with qtbot.waitSignal(d.saved):
        d.submit()
    with db.session() as s:
        rule = s.scalar(select(DiscountRule))
        assert (rule.scope_kind, rule.scope_id, rule.value) == ("room", billed.rooms["0201"], D("10.00"))
        got = {l.target.code: l.amount for l in run.preview(s, make_ctx().actor, "2026-04").lines}
    # 128.50 × 2.30 = 295.55; 89.37 × 2.30 = 205.551 → 205.55; 100.00 × 2.30 = 230.00 − 10.00 = 220.00
    assert got == {"JD-01-1-0101": D("295.55"), "JD-01-1-0102": D("205.55"), "JD-01-1-0201": D("220.00")}
