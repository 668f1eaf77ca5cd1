"""The bill-run screen and the room's 费用 tab, driven like an operator would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from propdesk.models.billing import BillLine
from tests.ui_billing.conftest import post
from ui.billing import room_fees
from ui.billing.bill_run import BillRunScreen
from ui.billing.room_fees import RoomFeesTab
from ui.i18n import set_language
from ui.room_tabs import tabs_for
from ui.screens import screens_for


def test_registered_for_the_right_roles(make_ctx):
    assert "fees" in [t.key for t in tabs_for(make_ctx("cashier").actor)]
    assert "bill_run" in [s.key for s in screens_for(make_ctx("finance").actor)]
    assert "bill_run" not in [s.key for s in screens_for(make_ctx("engineer").actor)]


def test_preview_then_commit_off_the_gui_thread(qtbot, make_ctx, billed, db):
    ctx = make_ctx("finance")
    screen = BillRunScreen(ctx)
    qtbot.addWidget(screen)
    screen.activated()
    qtbot.waitUntil(lambda: screen.scope.count() == 3)  # company, estate JD, building JD-01
    screen.scope.setCurrentIndex(screen.scope.findData(("building", "JD-01")))
    screen.period.setText("2026-04")
    assert not screen.commit_button.isEnabled()
    assert screen.hint.showing() and screen.hint.text() == "选择账期和范围，按 预览（Alt+V）查看将要生成的应收"
    assert screen.scope_label.buddy() is screen.scope and screen.period_label.buddy() is screen.period
    with qtbot.waitSignal(screen.do_preview().finished):
        pass
    assert not screen.hint.showing()
    # 295.55 + 205.55 + 230.00 = 731.10
    assert screen.by_item.rows()[-1][1] == D("731.10")
    assert screen.lines.rowCount() == 3 and screen.commit_button.isEnabled()
    assert "新增 3 行" in screen.status.text()
    with qtbot.waitSignal(screen.commit_now().finished):
        pass
    assert "已入账 3 行" in screen.status.text()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(BillLine)) == 3
    with qtbot.waitSignal(screen.do_preview().finished):
        pass
    assert screen.lines.rowCount() == 0 and not screen.commit_button.isEnabled()
    assert "未变 3 行" in screen.status.text()
    assert screen.hint.showing() and screen.hint.text() == "所选账期和范围没有需要生成的应收"
    screen.period.setText("2026-05")   # another period: back to how to preview it
    assert screen.hint.text() == "选择账期和范围，按 预览（Alt+V）查看将要生成的应收"


def test_preview_shows_problems_and_blocks_commit(qtbot, make_ctx, billed, db, admin):
    from propdesk.services.billing import catalog
    from propdesk.services.billing.catalog import VersionInput

    with db.session() as s:
        std = catalog.create_standard(s, admin, code="BAD", name="电梯费", fee_item="ELEV", method="formula",
                                      version=VersionInput(dt.date(2026, 1, 1), formula="area / (floor - 1)"))
        catalog.assign(s, admin, std.id, scope_kind="company", start_period="2026-01")
    screen = BillRunScreen(make_ctx("finance"))
    qtbot.addWidget(screen)
    screen.period.setText("2026-04")
    with qtbot.waitSignal(screen.do_preview().finished):
        pass
    assert screen.problems.count() == 2 and "除数为零" in screen.problems.item(0).text()
    assert not screen.commit_button.isEnabled()
    assert "修正前不能入账" in screen.status.text()


def test_room_fees_tab_shows_items_balance_and_formula(qtbot, make_ctx, billed, db, admin, monkeypatch,
                                                       qtmodeltester):
    import uuid
    from propdesk.services.billing import ledger

    post(db, admin, "2026-04")
    with db.session() as s:  # a 100.00 part payment on 04-20, before the due date
        slot = next(i.slot for i in ledger.outstanding(s, admin, billed.owners["0101"]))
        ledger.settle(s, admin, billed.owners["0101"], [ledger.SettleRequest(slot, D("100.00"))],
                      on=dt.date(2026, 4, 20), doc_type="cashier_payment", doc_id=uuid.uuid4())
    monkeypatch.setattr(room_fees, "today", lambda: dt.date(2026, 5, 10))
    tab = RoomFeesTab(make_ctx("cashier"))
    qtbot.addWidget(tab)
    tab.set_room(billed.rooms["0101"])
    tab.load()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    qtmodeltester.check(tab.model)
    item = tab.model.row(0)
    # 295.55 − 100.00 = 195.55 unpaid; due 04-30, late 05-01..05-10: 195.55 × 0.0005 × 10 = 0.97775 → 0.98
    assert (item.outstanding, item.late_fee) == (D("195.55"), D("0.98"))
    assert "欠费 195.55 元" in tab.summary.text()
    assert tab.payments.rowCount() == 1 and tab.payments.row(0).amount == D("100.00")
    qtmodeltester.check(tab.payments)
    tab.table.selectRow(0)
    assert "128.50 m² × 2.30 元/m²·月 = 295.55 元" in tab.detail.toPlainText()
    assert "滞纳金" in tab.detail.toPlainText()
    header = tab.model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "账期"


def test_room_fees_in_english(qtbot, make_ctx, billed, db, admin):
    post(db, admin, "2026-04")
    set_language("en")
    tab = RoomFeesTab(make_ctx("cashier"))
    qtbot.addWidget(tab)
    tab.set_room(billed.rooms["0102"])
    tab.load()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.model.headerData(1, Qt.Orientation.Horizontal) == "Fee item"
    assert "owes 205.55" in tab.summary.text()
