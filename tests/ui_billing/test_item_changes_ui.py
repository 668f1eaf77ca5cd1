"""减免 and 调整 from the room's 费用信息 tab, with a 主管's authorization when the
operator lacks the permission.  Amounts are worked out by hand from the
billed fixture: 0101 is 128.50 m² × 2.30 = 295.55, 0102 is 89.37 m² × 2.30
= 205.551 → 205.55."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from propdesk.models.auth import AuditLog
from propdesk.models.billing import BillLine
from tests.ui_billing.conftest import post
from ui.billing.room_fees import RoomFeesTab


@pytest.fixture
def zhuguan(db, admin):
    """王主管 (user zhuguan, password zhuguan123)."""
    from propdesk.services.operators import add_operator

    with db.session() as s:
        add_operator(s, admin, "zhuguan", role="supervisor", password="zhuguan123", display_name="王主管")


def open_tab(qtbot, ctx, room_id) -> RoomFeesTab:
    tab = RoomFeesTab(ctx)
    qtbot.addWidget(tab)
    tab.set_room(room_id)
    tab.load()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    tab.table.selectRow(0)
    return tab


def adjustment_lines(db, room_id) -> list[tuple]:
    with db.session() as s:
        return [(l.amount, l.reason, l.operator_name) for l in s.scalars(
            select(BillLine).where(BillLine.target_id == room_id, BillLine.kind == "adjustment")
            .order_by(BillLine.seq))]


def adjust_audits(db) -> list[AuditLog]:
    with db.session() as s:
        rows = list(s.scalars(select(AuditLog).where(AuditLog.action == "adjust").order_by(AuditLog.created_at)))
        s.expunge_all()
        return rows


def test_supervisor_waives_an_item_in_full(qtbot, make_ctx, billed, db, admin):
    post(db, admin, "2026-04")
    ctx = make_ctx("supervisor")
    tab = open_tab(qtbot, ctx, billed.rooms["0101"])
    assert tab.waive_button.isEnabled() and tab.adjust_button.isEnabled()
    assert tab.table.row_actions == [tab.waive_action, tab.adjust_action]   # the context menu's too
    dlg = tab.change_item("waive")
    assert not dlg.needs_supervisor and not dlg.sup_user.isVisibleTo(dlg)
    assert dlg.amount.text() == "295.55"                 # default: all that is unpaid
    assert dlg.facts["outstanding"].text() == "295.55" and dlg.facts["period"].text() == "2026-04"
    assert "128.50 m² × 2.30" in dlg.facts["formula"].text()
    assert dlg.effect.text() == "未缴 295.55 → 0.00"
    dlg.reason.setText("困难户")
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        dlg.submit()
    qtbot.waitUntil(lambda: tab.model.row(0).outstanding == D("0.00"), timeout=10000)
    assert tab.model.row(0).billed == D("0.00")
    tab.table.selectRow(0)
    assert not tab.waive_button.isEnabled() and not tab.waive_action.isEnabled()   # nothing left to waive
    assert tab.adjust_button.isEnabled()
    assert adjustment_lines(db, billed.rooms["0101"]) == [(D("-295.55"), "减免：困难户", "supervisor")]
    [row] = adjust_audits(db)
    assert row.operator_name == "supervisor" and "减免：困难户" in row.summary and "-295.55" in row.summary
    assert "授权" not in row.summary


def test_supervisor_waives_part_of_an_item(qtbot, make_ctx, billed, db, admin):
    post(db, admin, "2026-04")
    tab = open_tab(qtbot, make_ctx("supervisor"), billed.rooms["0102"])
    dlg = tab.change_item("waive")
    dlg.amount.setText("5.55")
    assert dlg.effect.text() == "未缴 205.55 → 200.00"
    dlg.reason.setText("空置期优惠")
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        dlg.submit()
    qtbot.waitUntil(lambda: tab.model.row(0).outstanding == D("200.00"), timeout=10000)
    assert adjustment_lines(db, billed.rooms["0102"]) == [(D("-5.55"), "减免：空置期优惠", "supervisor")]


def test_waive_more_than_unpaid_or_without_reason_is_refused(qtbot, make_ctx, billed, db, admin):
    post(db, admin, "2026-04")
    ctx = make_ctx("supervisor")
    tab = open_tab(qtbot, ctx, billed.rooms["0102"])
    dlg = tab.change_item("waive")
    dlg.submit()                                           # no reason
    assert dlg.error.text() == "请写明原因" and dlg.isVisible()
    dlg.reason.setText("困难户")
    dlg.amount.setText("205.56")
    dlg.submit()
    assert "不超过未缴 205.55 元" in dlg.error.text()
    dlg.amount.setText("0")
    dlg.submit()
    assert "不超过未缴 205.55 元" in dlg.error.text()
    assert adjustment_lines(db, billed.rooms["0102"]) == [] and adjust_audits(db) == []


def test_clerk_asks_a_supervisor_and_a_wrong_password_writes_nothing(qtbot, make_ctx, contexts, billed, db,
                                                                     admin, zhuguan):
    from tests.ui_support import role_actor

    post(db, admin, "2026-04")
    ctx = contexts.make(db, role_actor("frontdesk", "小李"))   # 前台: sees the tab, may not lower money
    tab = open_tab(qtbot, ctx, billed.rooms["0101"])
    dlg = tab.change_item("waive")
    assert dlg.needs_supervisor and dlg.sup_user.isVisibleTo(dlg) and dlg.sup_password.isVisibleTo(dlg)
    assert "请主管输入用户名和密码授权" in dlg.hint.text()
    dlg.amount.setText("95.55")
    dlg.reason.setText("维修期间减免")
    dlg.submit()                                           # no supervisor named
    assert dlg.error.text() == "请主管输入用户名和密码授权"
    dlg.sup_user.setText("zhuguan")
    dlg.sup_password.setText("wrong")
    with qtbot.waitSignal(ctx.tasks.idle, timeout=10000):
        dlg.submit()
    assert "用户名或密码错误" in dlg.error.text() and dlg.isVisible()
    assert dlg.sup_password.text() == ""
    assert adjustment_lines(db, billed.rooms["0101"]) == [] and adjust_audits(db) == []

    dlg.sup_password.setText("zhuguan123")
    dlg.error.clear_error()
    dlg.grab().save("/tmp/waive_dialog.png")
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        dlg.submit()
    qtbot.waitUntil(lambda: tab.model.row(0).outstanding == D("200.00"), timeout=10000)   # 295.55 − 95.55
    assert adjustment_lines(db, billed.rooms["0101"]) == [(D("-95.55"), "减免：维修期间减免", "小李")]
    [row] = adjust_audits(db)
    assert row.operator_name == "小李" and "授权：王主管" in row.summary
    assert json.loads(row.after)["authorized_by"] == "王主管"
    with db.session() as s:
        from propdesk.models import Operator
        boss_id = s.scalar(select(Operator.id).where(Operator.username == "zhuguan"))
    assert json.loads(row.after)["authorized_by_id"] == str(boss_id)
    tab.table.selectRow(0)
    assert "主管授权：王主管" in tab.detail.toPlainText()


def test_a_cashier_is_no_supervisor(qtbot, make_ctx, contexts, billed, db, admin):
    from propdesk.services.operators import add_operator
    from tests.ui_support import role_actor

    with db.session() as s:
        add_operator(s, admin, "shoufei", role="cashier", password="shoufei123", display_name="张收费")
    post(db, admin, "2026-04")
    ctx = contexts.make(db, role_actor("frontdesk", "小李"))
    tab = open_tab(qtbot, ctx, billed.rooms["0101"])
    dlg = tab.change_item("waive")
    dlg.reason.setText("困难户")
    dlg.sup_user.setText("shoufei")
    dlg.sup_password.setText("shoufei123")
    with qtbot.waitSignal(ctx.tasks.idle, timeout=10000):
        dlg.submit()
    assert "没有权限" in dlg.error.text() and dlg.isVisible()
    assert adjustment_lines(db, billed.rooms["0101"]) == []


def test_adjust_up_and_down(qtbot, make_ctx, billed, db, admin, zhuguan):
    post(db, admin, "2026-04")
    ctx = make_ctx("finance")                               # BILL_RUN, not BILL_ADJUST
    tab = open_tab(qtbot, ctx, billed.rooms["0102"])
    dlg = tab.change_item("adjust")
    assert dlg.amount.text() == ""
    dlg.amount.setText("0")
    dlg.reason.setText("面积更正")
    dlg.submit()
    assert "不能为 0" in dlg.error.text()
    dlg.amount.setText("+10.00")                           # raising billed money: finance may
    assert not dlg.needs_supervisor and not dlg.sup_user.isVisibleTo(dlg)
    assert dlg.effect.text() == "应收 205.55 → 215.55\n未缴 205.55 → 215.55"
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        dlg.submit()
    qtbot.waitUntil(lambda: tab.model.row(0).outstanding == D("215.55"), timeout=10000)

    tab.table.selectRow(0)
    dlg = tab.change_item("adjust")
    dlg.amount.setText("-15.55")                           # lowering: a 主管 must authorize
    assert dlg.needs_supervisor and dlg.sup_user.isVisibleTo(dlg)
    assert dlg.effect.text() == "应收 215.55 → 200.00\n未缴 215.55 → 200.00"
    dlg.reason.setText("面积复核")
    dlg.sup_user.setText("zhuguan")
    dlg.sup_password.setText("zhuguan123")
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        dlg.submit()
    qtbot.waitUntil(lambda: tab.model.row(0).outstanding == D("200.00"), timeout=10000)
    assert adjustment_lines(db, billed.rooms["0102"]) == [(D("10.00"), "面积更正", "finance"),
                                                           (D("-15.55"), "面积复核", "finance")]
    first, second = adjust_audits(db)
    assert "授权" not in first.summary and "授权：王主管" in second.summary


def test_adjust_below_what_was_paid_shows_the_money_going_to_prepayment(qtbot, make_ctx, billed, db, admin):
    import datetime as dt
    import uuid

    from propdesk.services.billing import ledger

    post(db, admin, "2026-04")
    with db.session() as s:       # 200.00 of 0102's 205.55 paid
        slot = next(i.slot for i in ledger.outstanding(s, admin, billed.owners["0102"]))
        ledger.settle(s, admin, billed.owners["0102"], [ledger.SettleRequest(slot, D("200.00"))],
                      on=dt.date(2026, 4, 20), doc_type="cashier_payment", doc_id=uuid.uuid4())
    tab = open_tab(qtbot, make_ctx("supervisor"), billed.rooms["0102"])
    dlg = tab.change_item("adjust")
    dlg.amount.setText("-25.55")
    # billed 205.55 − 25.55 = 180.00 < 200.00 paid: 20.00 goes to prepayment, nothing unpaid
    assert dlg.effect.text() == "应收 205.55 → 180.00\n未缴 5.55 → 0.00\n多缴 20.00 元转入预存"
    dlg.reason.setText("面积更正")
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        dlg.submit()
    qtbot.waitUntil(lambda: tab.model.row(0).billed == D("180.00"), timeout=10000)
    assert "预存 20.00 元" in tab.summary.text()


def test_waive_dialog_in_english(qtbot, make_ctx, billed, db, admin):
    from ui.i18n import set_language

    post(db, admin, "2026-04")
    set_language("en")
    tab = open_tab(qtbot, make_ctx("supervisor"), billed.rooms["0101"])
    assert tab.waive_button.text() == "&Waive…" and tab.adjust_action.text() == "Ad&just…"
    dlg = tab.change_item("waive")
    assert dlg.windowTitle() == "Waiver — JD-01-1-0101"
    assert dlg.labels["amount"].text() == "Amount waived"
    assert dlg.effect.text() == "Unpaid 295.55 → 0.00"
    dlg.amount.setText("")
    dlg.submit()
    assert dlg.error.text() == "The amount waived must be more than 0 and at most the unpaid 295.55 yuan"
