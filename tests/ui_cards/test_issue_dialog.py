"""The issuance dialog on the card simulator: live status, prompts, serial I/O off the GUI thread."""

from __future__ import annotations

import datetime as dt
import threading

from PySide6.QtCore import QDate
from sqlalchemy import func, select

from drivers import mifare
from propdesk.models.cards import GateCard
from ui.cards.issue_dialog import IssueCardDialog
from ui.cards.station import CARD, NO_CARD, CardStation

UID = bytes.fromhex("A1B2C3D4")


def open_dialog(qtbot, ctx, place, station) -> IssueCardDialog:
    dlg = IssueCardDialog(ctx, room_id=place["room"], station=station)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.form_data is not None and dlg.holder.count() == 2)
    return dlg


def cards(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(GateCard))


def test_issue_with_live_status_and_prompts(qtbot, ctx, db, place, site, card_sim, spy_opener):
    station = CardStation(card_sim.port, opener=spy_opener, interval_ms=50)
    try:
        dlg = open_dialog(qtbot, ctx, place, station)
        assert dlg.where.text() == "房间 JD-01-1-0502"
        assert [dlg.holder.itemText(i) for i in range(dlg.holder.count())] == ["张三丰（业主）", "李四（租户）"]
        qtbot.waitUntil(lambda: station.status.state == NO_CARD)
        assert dlg.reader.text.text() == "请把空白卡平放在读卡器上"
        assert not dlg.issue_button.isEnabled()

        card_sim.place_card(UID)
        qtbot.waitUntil(lambda: station.status.state == CARD)
        assert dlg.reader.text.text() == "检测到卡片 A1B2C3D4"
        assert dlg.issue_button.isEnabled()

        dlg.holder.setCurrentIndex(1)  # 李四
        dlg.valid_until.setDate(QDate(2030, 6, 30))
        dlg.deposit.setText("50")
        with qtbot.waitSignal(station.job_finished, timeout=10000):
            dlg.issue_button.click()
            assert dlg.prompt.text() == "正在写卡 A1B2C3D4，请勿移动卡片…"
        assert dlg.prompt.text().startswith("校验通过，发卡成功：A1B2C3D4 住户卡 李四，有效期至 2030-06-30")
        assert "押金 50.00 元" in dlg.prompt.text() and "收费台" in dlg.prompt.text()
        assert not dlg.issue_button.isEnabled()  # one card per click; no double issue
        assert cards(db) == 1
        assert card_sim.block(mifare.trailer_block(1))[6:10] == bytes.fromhex("78778869")
        main = threading.main_thread().ident
        assert spy_opener.spies and all(main not in spy.threads for spy in spy_opener.spies)
    finally:
        station.close()


def test_lifted_card_shows_what_to_do_and_the_retry_recovers(qtbot, ctx, db, place, site, card_sim):
    station = CardStation(card_sim.port, interval_ms=50)
    try:
        dlg = open_dialog(qtbot, ctx, place, station)
        card = card_sim.place_card(UID)
        qtbot.waitUntil(lambda: station.status.state == CARD)
        card_sim.lift_card_after(11)  # after the trailer was written
        with qtbot.waitSignal(station.job_finished, timeout=10000):
            dlg.issue_button.click()
        assert "移开" in dlg.prompt.text() and "放回读卡器" in dlg.prompt.text()
        assert dlg.prompt.property("tone") == "error"
        assert cards(db) == 0
        card_sim.place_card(card.uid, [bytes(b) for b in card.memory])
        qtbot.waitUntil(lambda: station.status.state == CARD and dlg.issue_button.isEnabled())
        with qtbot.waitSignal(station.job_finished, timeout=10000):
            dlg.issue_button.click()
        assert "发卡成功" in dlg.prompt.text() and "续写完成" in dlg.prompt.text()
        assert cards(db) == 1
    finally:
        station.close()


def test_form_errors_are_shown_before_touching_the_card(qtbot, ctx, db, place, site, card_sim):
    station = CardStation(card_sim.port, interval_ms=50)
    try:
        dlg = open_dialog(qtbot, ctx, place, station)
        card_sim.place_card(UID)
        qtbot.waitUntil(lambda: dlg.issue_button.isEnabled())
        dlg.valid_until.setDate(QDate(2001, 1, 1))
        with qtbot.waitSignal(station.job_finished, timeout=10000):
            dlg.issue_button.click()
        assert "截止日" in dlg.prompt.text()
        assert card_sim.block(mifare.trailer_block(1)) == mifare.blank_trailer()
    finally:
        station.close()


def test_reader_offline_is_reported(qtbot, ctx, place, site, tmp_path):
    station = CardStation(str(tmp_path / "no-such-port"), interval_ms=50)
    try:
        dlg = open_dialog(qtbot, ctx, place, station)
        qtbot.waitUntil(lambda: station.status.state == "offline")
        assert dlg.reader.text.text().startswith("读卡器未连接（")
        assert not dlg.issue_button.isEnabled()
    finally:
        station.close()


def test_vehicle_type_offers_the_rooms_vehicles(qtbot, ctx, place, site, card_sim):
    station = CardStation(card_sim.port, interval_ms=50)
    try:
        dlg = open_dialog(qtbot, ctx, place, station)
        dlg.card_type.setCurrentIndex(dlg.card_type.findData("vehicle"))
        assert [dlg.holder.itemText(i) for i in range(dlg.holder.count())] == ["粤B12345（张三丰，JD-P1-001）"]
        dlg.card_type.setCurrentIndex(dlg.card_type.findData("staff"))
        assert dlg.holder.isEditable() and dlg.holder.currentText() == ""
        dlg.card_type.setCurrentIndex(dlg.card_type.findData("temporary"))
        assert dlg.valid_until.date().toPython() == dt.date.today() + dt.timedelta(days=7)
    finally:
        station.close()


def test_english(qtbot, ctx, place, site, card_sim):
    from ui.i18n import set_language

    station = CardStation(card_sim.port, interval_ms=50)
    try:
        set_language("en")
        dlg = open_dialog(qtbot, ctx, place, station)
        qtbot.waitUntil(lambda: station.status.state == NO_CARD)
        assert dlg.windowTitle() == "Issue card"
        assert dlg.issue_button.text() == "&Issue"
        assert dlg.reader.text.text() == "Place a blank card flat on the reader"
        assert dlg.card_type.itemText(0) == "Resident card"
        set_language("zh")  # live switch back (LanguageChange events are posted)
        qtbot.waitUntil(lambda: dlg.issue_button.text() == "发卡(&I)")
        assert dlg.reader.text.text() == "请把空白卡平放在读卡器上"
    finally:
        station.close()
