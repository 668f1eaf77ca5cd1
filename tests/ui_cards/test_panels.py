"""The 门禁卡 room tab, the card actions, and the 门禁卡 screen."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

import pytest
from PySide6.QtWidgets import QMessageBox

from propdesk.cards import lists
from propdesk.cards.parking import TempParkingRule
from propdesk.services import cards as svc
from propdesk.services.cards_parking import set_parking_rate
from ui.cards.operations import CancelDialog, RenewDialog, ReplaceDialog
from tests.ui_cards.conftest import open_reader
from ui.cards.station import CARD, CardStation
from ui.screens.cards import CardsScreen
from ui.screens.cards_room import RoomCardsTab

UID = bytes.fromhex("A1B2C3D4")


@pytest.fixture
def issued(db, admin, place, site, card_sim):
    """A card issued beforehand; the port is closed again (it is opened exclusively)."""
    card = card_sim.place_card(UID)
    device, io = open_reader(card_sim.port)
    try:
        with db.session() as s:
            result = svc.issue_card(s, admin, io, site, svc.IssueRequest(
                card_type="resident", room_id=place["room"], holder_name="张三丰",
                valid_until=dt.date(2030, 5, 31), deposit=D("50")))
    finally:
        device.close()
    return {"result": result, "card": card}


def room_tab(qtbot, ctx, place) -> RoomCardsTab:
    tab = RoomCardsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    tab.set_room(place["room"])
    with qtbot.waitSignal(tab.panel.loaded):
        tab.load()
    return tab


def test_room_tab_lists_cards_and_history(qtbot, qtmodeltester, ctx, place, issued):
    tab = room_tab(qtbot, ctx, place)
    panel = tab.panel
    qtmodeltester.check(panel.model)
    row = panel.current()
    assert (row.uid, row.holder_name, row.status) == ("A1B2C3D4", "张三丰", "active")
    assert panel.model.data(panel.model.index(0, 2)) == "有效"
    qtbot.waitUntil(lambda: panel.history_model.rowCount() == 1)
    assert panel.history_model.data(panel.history_model.index(0, 1)) == "发卡"
    assert panel.count.text() == "共 1 张"
    assert all(b.isEnabled() for b in (panel.renew_button, panel.lost_button, panel.replace_button,
                                       panel.cancel_button))


def test_report_lost_in_one_confirmation(qtbot, ctx, place, issued):
    tab = room_tab(qtbot, ctx, place)
    panel = tab.panel
    box = panel.report_lost()
    assert "立即列入黑名单" in box.text()
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert panel.current().status == "lost"
    assert panel.model.data(panel.model.index(0, 2)) == "挂失"
    assert not panel.lost_button.isEnabled() and panel.replace_button.isEnabled()


def test_cashier_sees_cards_without_actions(qtbot, make_ctx, place, issued):
    tab = room_tab(qtbot, make_ctx("cashier"), place)
    assert tab.panel.model.rowCount() == 1
    assert not tab.panel.issue_button.isVisibleTo(tab)


def test_renew_dialog(qtbot, ctx, db, place, site, card_sim, issued):
    row = _row(db, ctx, issued)
    station = CardStation(card_sim.port, interval_ms=50)
    try:
        dlg = RenewDialog(ctx, row, station=station)
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitUntil(lambda: dlg.ok_button.isEnabled())
        dlg.until.setDate(dt.date(2031, 5, 31))
        with qtbot.waitSignal(station.job_finished, timeout=10000):
            dlg.ok_button.click()
        assert dlg.prompt.text() == "延期成功：A1B2C3D4 有效期至 2031-05-31"
    finally:
        station.close()


def _row(db, ctx, issued) -> svc.CardRow:
    with db.session() as s:
        return svc.card_detail(s, ctx.actor, issued["result"].card_id)


def test_wrong_card_is_pointed_out(qtbot, ctx, db, place, site, card_sim, issued):
    station = CardStation(card_sim.port, interval_ms=50)
    try:
        dlg = CancelDialog(ctx, _row(db, ctx, issued), station=station)
        qtbot.addWidget(dlg)
        dlg.show()
        card_sim.place_card(bytes.fromhex("0A0B0C0D"))
        qtbot.waitUntil(lambda: station.status.state == CARD and station.status.uid == "0A0B0C0D")
        assert dlg.prompt.text() == "读卡器上是 0A0B0C0D，不是这张卡：请放上 A1B2C3D4"
        assert not dlg.ok_button.isEnabled()
    finally:
        station.close()


def test_replace_then_cancel_returned(qtbot, ctx, db, place, site, card_sim, issued):
    station = CardStation(card_sim.port, interval_ms=50)
    try:
        dlg = ReplaceDialog(ctx, _row(db, ctx, issued), station=station)
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitUntil(lambda: station.status.state == CARD)
        assert not dlg.ok_button.isEnabled() and "原卡" in dlg.prompt.text()
        card_sim.place_card(bytes.fromhex("0A0B0C0D"))
        qtbot.waitUntil(lambda: dlg.ok_button.isEnabled())
        dlg.fee.setText("20")
        with qtbot.waitSignal(station.job_finished, timeout=10000):
            dlg.ok_button.click()
        assert dlg.prompt.text().startswith("补卡成功：新卡 0A0B0C0D，原卡 A1B2C3D4 已列入黑名单")
        assert "补卡费 20.00 元" in dlg.prompt.text()
        new_id = dlg.result.card_id

        with db.session() as s:
            row = svc.card_detail(s, ctx.actor, new_id)
        cancel = CancelDialog(ctx, row, station=station)
        qtbot.addWidget(cancel)
        cancel.show()
        qtbot.waitUntil(lambda: cancel.ok_button.isEnabled())
        assert cancel.refund.isChecked()
        with qtbot.waitSignal(station.job_finished, timeout=10000):
            cancel.ok_button.click()
        assert cancel.prompt.text().startswith("已注销：卡片 0A0B0C0D 已清除为出厂状态")
        # the deposit was never taken at the cashier: it is withdrawn, nothing to pay back
        assert "押金 50.00 元尚未在收费台收取，已撤销，无需退还" in cancel.prompt.text()
    finally:
        station.close()


def test_cancel_not_returned_needs_no_reader(qtbot, ctx, db, place, issued, tmp_path):
    station = CardStation(str(tmp_path / "absent"), interval_ms=50)
    try:
        dlg = CancelDialog(ctx, _row(db, ctx, issued), station=station)
        qtbot.addWidget(dlg)
        dlg.show()
        dlg.not_returned.setChecked(True)
        assert dlg.ok_button.isEnabled() and not dlg.refund.isEnabled()
        with qtbot.waitSignal(dlg.finished_ok, timeout=10000):
            dlg.ok_button.click()
        assert "列入黑名单" in dlg.prompt.text()
        with db.session() as s:
            assert svc.card_detail(s, ctx.actor, issued["result"].card_id).status == "cancelled"
    finally:
        station.close()


def test_screen_search_inspect_export_and_parking(qtbot, ctx, db, admin, place, site, card_sim, issued, tmp_path):
    with db.session() as s:
        set_parking_rate(s, admin, place["estate"], TempParkingRule(free_minutes=15, first_fee=D("5"),
                                                                    unit_fee=D("2"), daily_cap=D("30")))
    screen = CardsScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    with qtbot.waitSignal(screen.panel.loaded):
        screen.activated()
    assert screen.panel.model.rowCount() == 1 and not screen.panel.hint.showing()
    with qtbot.waitSignal(screen.panel.loaded, timeout=5000):
        screen.search.setText("李四")
    assert screen.panel.model.rowCount() == 0
    assert screen.panel.hint.showing()
    assert screen.panel.hint.text() == "没有符合条件的门禁卡。要发新卡，按 发卡（Alt+I）"
    with qtbot.waitSignal(screen.panel.loaded, timeout=5000):
        screen.search.setText("0502")
    assert screen.panel.model.rowCount() == 1 and not screen.panel.hint.showing()

    # 读卡核验: placing the card reads it at once
    dlg = screen.inspect()
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.inspection is not None, timeout=10000)
    assert dlg.verdict.text() == "有效，准予通行"
    assert "档案：张三丰 JD-01-1-0502，有效" in dlg.details.text()
    dlg.reject()

    # 导出名单
    with qtbot.waitSignal(ctx.tasks.idle, timeout=5000):
        screen.export()
    export = screen.dialog
    qtbot.addWidget(export)
    path = tmp_path / "gate.json"
    export.path.setText(str(path))
    with qtbot.waitSignal(export.exported, timeout=10000):
        export.buttons.button(export.buttons.StandardButton.Ok).click()
    document = lists.load(path.read_bytes(), mac_key=site.mac_key)
    assert document["version"] == 1 and [e["uid"] for e in document["entries"]] == ["A1B2C3D4"]
    assert "已导出名单版本 1" in export.message.text()
    json.loads(path.read_text())

    # 临时停车
    qtbot.waitUntil(lambda: screen.estate.count() == 1 and screen.calc_button.isEnabled(), timeout=5000)
    assert screen.rule_text.text().startswith("收费标准：15分钟内免费")
    screen.entered.setDateTime(dt.datetime(2025, 3, 1, 8, 0))
    screen.left.setDateTime(dt.datetime(2025, 3, 1, 9, 31))
    with qtbot.waitSignal(ctx.tasks.idle, timeout=5000):
        screen.calc_button.click()
    assert screen.fee_total.text() == "停车 1小时31分钟，应收 9.00 元"
    assert screen.fee_model.rowCount() == 1


def test_fee_settings_are_saved(qtbot, make_ctx, db, place):
    ctx = make_ctx("supervisor")
    screen = CardsScreen(ctx)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(ctx.tasks.idle, timeout=5000):
        screen.activated()
    qtbot.waitUntil(lambda: screen.settings_estate.count() == 1)
    qtbot.waitUntil(ctx.tasks.is_idle)
    deposit, fee, replace, monthly = screen.tariff_edits["vehicle"]
    deposit.setText("100")
    fee.setText("10")
    replace.setText("30")
    monthly.setText("300")
    screen.rate_cap.setText("25")
    with qtbot.waitSignal(ctx.tasks.idle, timeout=5000):
        screen.save_settings.click()
    assert screen.settings_message.text() == "收费设置已保存"
    from propdesk.services.cards_parking import fee_settings
    with db.session() as s:
        rule, tariffs = fee_settings(s, ctx.actor, place["estate"])
    assert rule.daily_cap == D("25.00") and tariffs["vehicle"].monthly_fee == D("300.00")
    assert "resident" not in tariffs  # empty rows are not saved as zero tariffs


def test_no_cards_yet_says_how_to_issue_one(qtbot, make_ctx, ctx, place):
    """An empty list names 发卡 for who may issue cards, and only says so for who may not."""
    for c, text in ((ctx, "还没有门禁卡。把空白卡放在发卡器上，按 发卡（Alt+I）发第一张卡"),
                    (make_ctx("cashier"), "没有门禁卡")):
        screen = CardsScreen(c)
        qtbot.addWidget(screen)
        screen.show()
        assert not screen.panel.hint.showing()          # nothing said before the list has loaded
        with qtbot.waitSignal(screen.panel.loaded):
            screen.activated()
        assert screen.panel.model.rowCount() == 0
        assert screen.panel.hint.showing() and screen.panel.hint.text() == text
    tab = room_tab(qtbot, ctx, place)
    assert tab.panel.hint.text() == "这个房间还没有门禁卡。把空白卡放在发卡器上，按 发卡（Alt+I）"
    from ui.i18n import set_language

    set_language("en")
    qtbot.waitUntil(lambda: tab.panel.hint.text().startswith("This room has no cards yet"))
    assert tab.panel.hint.text().endswith("press Issue (Alt+I)")
