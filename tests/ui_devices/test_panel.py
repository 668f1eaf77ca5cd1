"""The 终端设备 panel against simulators on real pseudo-terminals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from propdesk import devices
from propdesk.db import Database, write_setting
from ui.devices.widgets import BUSY, ERROR, OK, FrameLogView
from ui.screens.devices import DevicesScreen


def save(db, admin, role: str, **settings) -> devices.DeviceConfig:
    with db.session() as s:
        return devices.save(s, admin, devices.defaults(role, settings.pop("protocol", "dlt645"))
                            .with_changes(**settings))


@pytest.fixture
def open_screen(qtbot, ctx, hub):
    def make(context=None) -> DevicesScreen:
        screen = DevicesScreen(context or ctx, hub=hub)
        qtbot.addWidget(screen)
        screen.resize(1300, 760)
        screen.show()
        c = context or ctx
        qtbot.waitUntil(c.tasks.is_idle, timeout=10000)   # settings loaded, ports listed
        return screen
    return make


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wait_state(qtbot, box, *states, timeout=10000) -> None:
    qtbot.waitUntil(lambda: box.state in states, timeout=timeout)


def test_printer_test_page_ends_in_the_printer(qtbot, db, admin, open_screen, printer_sim):
    save(db, admin, "printer", port=printer_sim.port, columns=48)
    screen = open_screen()
    box = screen.boxes["printer"]
    assert box.port.port() == printer_sim.port and box.columns.currentData() == 48
    assert not box.save_button.isEnabled()                   # nothing edited yet
    click(qtbot, box.test_button)
    assert box.state == BUSY and not box.test_button.isEnabled()
    wait_state(qtbot, box, OK, ERROR)
    assert box.state == OK, box.result.text()
    assert "测试页已发送到" in box.result.text()
    qtbot.waitUntil(lambda: "[CUT]" in printer_sim.transcript, timeout=5000)
    lines = printer_sim.lines
    assert any("打印测试页" in line for line in lines)
    assert any(line.startswith("物业管理费（住宅）") and line.endswith("￥360.00") for line in lines)
    assert any(t.startswith("[QR:PropDesk 打印测试 T01") for t in printer_sim.transcript)
    # the frame log: the status queries and their answers, then the job itself
    entries = list(screen.log.entries)
    tx = [e for e in entries if e[3] == "TX"]
    rx = [e for e in entries if e[3] == "RX"]
    assert tx[0][1] == "收据打印机" and tx[0][2] == printer_sim.port and tx[0][4] == "10 04 01"   # DLE EOT 1
    assert rx and rx[0][4] == "12"                                                            # online
    assert any(e[4].startswith("1B 40 1C 26") and "共" in e[4] for e in tx)     # ESC @, FS &: long, cut short


def test_card_writer_shows_firmware_and_uid(qtbot, db, admin, open_screen, card_sim):
    save(db, admin, "card", port=card_sim.port)
    screen = open_screen()
    box = screen.boxes["card"]
    click(qtbot, box.test_button)
    wait_state(qtbot, box, OK, ERROR)
    assert box.state == OK, box.result.text()
    assert "固件版本：PN532 v1.6" in box.result.text()
    assert "卡号：DEADBEEF（MIFARE Classic 1K）" in box.result.text()

    card_sim.remove_card()
    click(qtbot, box.test_button)
    wait_state(qtbot, box, OK, ERROR)
    assert "读卡区没有卡片" in box.result.text() and box.state == OK    # no card is not a fault


def test_card_watch_polls_on_the_port_thread(qtbot, db, admin, open_screen, card_sim):
    save(db, admin, "card", port=card_sim.port)
    screen = open_screen()
    box = screen.boxes["card"]
    box.watch_button.setChecked(True)
    qtbot.waitUntil(lambda: "卡号：DEADBEEF" in box.result.text(), timeout=10000)
    card_sim.remove_card()
    qtbot.waitUntil(lambda: box.result.text() == "读卡区没有卡片", timeout=10000)
    card_sim.place_card(bytes.fromhex("0A0B0C0D"))
    qtbot.waitUntil(lambda: "卡号：0A0B0C0D" in box.result.text(), timeout=10000)
    box.watch_button.setChecked(False)
    assert screen.watch is None and box.watch_button.text() == "持续寻卡"


def test_meter_read_shows_the_value_and_the_frames(qtbot, db, admin, open_screen, meter_sim):
    save(db, admin, "meter", port=meter_sim.port, parity="N")     # a pty refuses parity E
    screen = open_screen()
    box = screen.boxes["meter"]
    assert box.protocol.code() == "dlt645"
    box.address.clear()
    qtbot.keyClicks(box.address, "123456789012")
    click(qtbot, box.test_button)
    wait_state(qtbot, box, OK, ERROR)
    assert box.state == OK, box.result.text()
    assert box.result.text() == "表 123456789012  正向有功总电能：1234.56 kWh"
    frames = [e for e in screen.log.entries if e[3] in ("TX", "RX")]
    assert [e[3] for e in frames] == ["TX", "RX"]
    assert frames[0][4] == "FE FE FE FE 68 12 90 78 56 34 12 68 11 04 33 33 34 33 68 16"
    assert frames[1][4] == "FE FE FE FE 68 12 90 78 56 34 12 68 91 08 33 33 34 33 89 67 45 33 54 16"
    text = screen.log.text.toPlainText()
    assert "抄表总线" in text and " TX " in text and " RX " in text
    assert screen.ctx.settings.qs.value("devices/meter_address") == "123456789012"

    # a bad address is caught before anything goes on the line
    box.address.setText("12AB")
    click(qtbot, box.test_button)
    assert box.state == ERROR and "不超过 12 位的数字" in box.result.text()
    assert len([e for e in screen.log.entries if e[3] == "TX"]) == 1


def test_port_vanishing_mid_read_gives_a_message_and_the_window_stays_responsive(
        qtbot, db, admin, open_screen):
    from drivers.simulators import DLT645Simulator

    sim = DLT645Simulator().start()
    sim.add_meter("123456789012", energy=Decimal("1.00"))
    sim_port = sim.port
    save(db, admin, "meter", port=sim.port, parity="N", timeout=3.0)
    screen = open_screen()
    box = screen.boxes["meter"]
    box.address.setText("000000000099")          # nobody answers: the read waits up to 3 s per try

    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    click(qtbot, box.test_button)
    qtbot.waitUntil(lambda: any(e[3] == "TX" for e in screen.log.entries), timeout=10000)
    # the port thread is blocked in the read; the GUI thread is not
    start = len(ticks)
    qtbot.keyClicks(box.address, "1")
    qtbot.waitUntil(lambda: len(ticks) >= start + 5, timeout=2000)
    assert box.address.text() == "0000000000991" and box.state == BUSY
    assert not box.test_button.isEnabled()
    sim.stop()                                    # the adapter is pulled out mid-read
    wait_state(qtbot, box, ERROR, OK)
    timer.stop()
    assert box.state == ERROR
    assert box.result.text() == f"串口 {sim_port} 已断开，请检查连接线或 USB 转换器"
    assert any(e[3] == "!!" and "已断开" in e[4] for e in screen.log.entries)
    assert box.test_button.isEnabled()            # and the user can try again


def test_settings_are_saved_per_terminal(qtbot, db, admin, open_screen, make_ctx, tmp_path, printer_sim):
    screen = open_screen()
    box = screen.boxes["printer"]
    box.port.setEditText(printer_sim.port)
    box.columns.setCurrentIndex(box.columns.findData(48))
    box.check_status.setChecked(False)
    assert box.dirty and box.save_button.isEnabled() and box.dirty_label.text() == "未保存"
    click(qtbot, box.save_button)
    qtbot.waitUntil(lambda: not box.dirty, timeout=10000)
    assert box.result.text().startswith("已保存：")
    stored = devices.load(db, "printer")
    assert (stored.port, stored.columns, stored.check_status) == (printer_sim.port, 48, False)

    # the card writer may not take the printer's port
    card = screen.boxes["card"]
    card.port.setEditText(printer_sim.port)
    click(qtbot, card.save_button)
    qtbot.waitUntil(lambda: "已分配给收据打印机" in card.result.text(), timeout=10000)
    assert devices.load(db, "card").port == ""

    # a new screen on this terminal shows what was saved
    again = open_screen()
    assert again.boxes["printer"].port.port() == printer_sim.port
    assert again.boxes["printer"].columns.currentData() == 48 and not again.boxes["printer"].dirty

    # another terminal's database knows nothing of it
    setup = Database(str(tmp_path / "t02.sqlite3"))
    setup.upgrade()
    with setup.session() as s:
        write_setting(s, "terminal_code", "T02")
    setup.dispose()
    other_db = Database(str(tmp_path / "t02.sqlite3"))      # as the app opens terminal T02's store
    try:
        other = open_screen(make_ctx("admin", other_db))
        assert other.boxes["printer"].port.port() == "" and "T02" in other.hint.text()
    finally:
        other_db.dispose()


def test_meter_protocol_brings_its_line_settings(qtbot, open_screen):
    screen = open_screen()
    box = screen.boxes["meter"]
    assert (box.baud.currentText(), box.parity.code()) == ("2400", "E")     # DL/T 645 default
    assert not box.form.isRowVisible(box.preset)
    box.protocol.set_code("modbus")
    assert (box.baud.currentText(), box.parity.code()) == ("9600", "N")
    assert box.form.isRowVisible(box.preset) and not box.form.isRowVisible(box.meter_type)
    assert box.config().preset == "eastron_sdm" and box.dirty
    box.protocol.set_code("cjt188")
    assert box.form.isRowVisible(box.meter_type) and box.config().meter_type == 0x10


def test_unset_port_and_dead_port(qtbot, open_screen, hub):
    screen = open_screen()
    box = screen.boxes["card"]
    click(qtbot, box.test_button)
    assert box.state == ERROR and box.result.text() == "请先选择或输入端口"
    assert hub.workers() == []                    # nothing was opened
    box.port.setEditText("/dev/ttyPROPDESK-NONE")
    click(qtbot, box.test_button)
    wait_state(qtbot, box, ERROR, OK)
    assert "找不到串口 /dev/ttyPROPDESK-NONE" in box.result.text()


def test_frame_log_caps_copies_clears_and_pauses(qtbot):
    log = FrameLogView(limit=5, shown_bytes=4)
    qtbot.addWidget(log)
    for i in range(8):
        log.add_frame("抄表总线", "COM3", "tx" if i % 2 == 0 else "rx", bytes([i] * 6), 1_700_000_000 + i)
    assert len(log.entries) == 5 and log.text.document().blockCount() == 5
    first = log.entries[0]
    assert first[3] == "RX" and first[4] == "03 03 03 03 …（共 6 字节）"
    log.copy()
    copied = QApplication.clipboard().text().splitlines()
    assert len(copied) == 5 and copied[-1].endswith("RX  07 07 07 07 …（共 6 字节）")
    assert "5 条，最多保留 5 条" in log.count_label.text()
    log.pause_button.setChecked(True)
    assert log.pause_button.text() == "继续"
    log.add_frame("抄表总线", "COM3", "tx", b"\x01", 1_700_000_100)
    assert len(log.entries) == 5 and "略过 1 条" in log.count_label.text()
    log.pause_button.setChecked(False)
    click(qtbot, log.clear_button)
    assert not log.entries and log.text.toPlainText() == ""


def test_screen_is_registered_for_device_configuration():
    from propdesk.security import Actor
    from ui.registry import load
    from ui.screens import SCREENS, screens_for

    entry = next(e for e in SCREENS if e.key == "devices")
    assert load(entry.factory) is DevicesScreen and entry.permission == "device.config"
    assert entry in screens_for(Actor.for_role("a", "admin"))
    assert entry not in screens_for(Actor.for_role("c", "cashier"))


def test_english_texts_and_english_device_errors(qtbot, open_screen):
    from ui.i18n import set_language

    screen = open_screen()
    set_language("en")                       # live switch: every widget re-labels itself
    box = screen.boxes["card"]
    qtbot.waitUntil(lambda: screen.title.text() == "Terminal devices", timeout=5000)
    assert (box.title.text(), box.test_button.text()) == ("Card writer", "Test reader")
    assert screen.boxes["printer"].test_button.text() == "Print test page"
    assert screen.boxes["meter"].protocol.currentText() == "DL/T 645-2007 electricity meter"
    assert box.state_label.text() == "Not tested"
    box.port.setEditText("/dev/ttyPROPDESK-NONE")
    click(qtbot, box.test_button)
    wait_state(qtbot, box, ERROR, OK)
    assert box.result.text().startswith("port /dev/ttyPROPDESK-NONE not found")
