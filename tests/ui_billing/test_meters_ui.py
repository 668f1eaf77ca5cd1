"""The 仪表 screen: list a building's meters, 新建仪表 and 换表 through their dialogs,
the selected meter's history; bad input is refused with a message and writes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel
from sqlalchemy import func, select

from propdesk.models import AuditLog
from propdesk.models.billing import Meter, MeterReading
from propdesk.security import Actor
from propdesk.services.billing import catalog, meters
from propdesk.services.billing.catalog import VersionInput
from ui.billing.meter_list import HISTORY_COLUMNS, MetersScreen
from ui.screens import SCREENS


def open_screen(qtbot, ctx) -> MetersScreen:
    screen = MetersScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1100, 700)
    screen.show()
    screen.activated()
    qtbot.waitUntil(lambda: screen.building.count() == 2 and screen._rows_loaded)   # JD-01, JD 小区公共表
    return screen


def history_texts(screen) -> list[list[str]]:
    m = screen.history
    return [[m.data(m.index(r, c)) for c in range(len(HISTORY_COLUMNS))] for r in range(m.rowCount())]


def counts(db):
    with db.session() as s:
        return (s.scalar(select(func.count()).select_from(Meter)),
                s.scalar(select(func.count()).select_from(MeterReading)),
                s.scalar(select(func.count()).select_from(AuditLog)))


def new_meter_dialog(qtbot, screen):
    with qtbot.waitSignal(screen.add_meter().finished):
        pass
    d = screen.dialog
    qtbot.waitUntil(d.isVisible)
    return d


def test_screen_is_registered_next_to_readings():
    keys = [s.key for s in SCREENS]
    assert keys[keys.index("readings") + 1] == "meters"


def test_new_meter_replace_and_history(qtbot, make_ctx, billed, db, admin, qtmodeltester):
    ctx = make_ctx("admin")
    screen = open_screen(qtbot, ctx)
    assert screen.model.rowCount() == 0 and screen.status.text() == "共 0 块表：户表 0，公共表 0"
    # 新建仪表: an electric room meter of 0102, ×2, one decimal, rolls over after 99999.9
    d = new_meter_dialog(qtbot, screen)
    assert [d.room.itemText(i) for i in range(d.room.count())] == ["JD-01-1-0101", "JD-01-1-0102", "JD-01-1-0201"]
    assert not d.share.isVisibleTo(d)
    d.room.setCurrentIndex(1)
    d.kind.set_code("electric")
    d.initial.clear()
    qtbot.keyClicks(d.initial, "1234.5")
    d.installed_on.set_date(dt.date(2026, 3, 31))
    qtbot.keyClicks(d.max_reading, "99999.9")
    d.multiplier.clear()
    qtbot.keyClicks(d.multiplier, "2")
    with qtbot.waitSignal(d.submit().finished):
        pass
    assert not d.isVisible()
    with db.session() as s:
        m = s.scalar(select(Meter))
        assert (m.code, m.kind, m.room_id, m.is_public, m.multiplier, m.max_reading, m.places, m.installed_on) == (
            "JD-01-1-0102-E", "electric", billed.rooms["0102"], False, D("2"), D("99999.9"), 1, dt.date(2026, 3, 31))
        (r,) = s.scalars(select(MeterReading)).all()
        assert (r.kind, r.value, r.period, r.read_on) == ("initial", D("1234.5"), "2026-03", dt.date(2026, 3, 31))
        assert s.scalar(select(AuditLog).where(AuditLog.entity == "meter", AuditLog.action == "create")) is not None
        meter_id = m.id
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and screen.history.rowCount() == 1)
    qtmodeltester.check(screen.model)
    row = [screen.model.data(screen.model.index(0, c)) for c in range(10)]
    assert row == ["JD-01-1-0102-E", "JD-01-1-0102", "电表", "2", "99,999.9", "1", "2026-03-31", "在用",
                   "1,234.5", "2026-03-31"]
    assert "已保存仪表 JD-01-1-0102-E" in screen.status.text()
    who = ctx.actor.label
    assert history_texts(screen) == [["2026-03", "2026-03-31", "1,234.5", "装表起码", "", "2", "手工", who, "装表起码"]]
    # an April reading from the grid, entered by 李会计
    clerk = Actor.for_role("li", "finance", display_name="李会计")
    with db.session() as s:
        meters.enter_readings(s, clerk, "2026-04", dt.date(2026, 4, 10), [meters.ReadingEntry(meter_id, D("1250.5"))],
                              accept_warnings=True)
    # 换表 on 04-20: the old register ends at 1260.5, the new one starts at 0 with 倍率 1
    with qtbot.waitSignal(screen.load().finished):
        pass
    qtbot.waitUntil(lambda: screen.history.rowCount() == 2)
    d = screen.replace_meter()
    qtbot.waitUntil(d.isVisible)
    assert d.last_shown.text() == "1,250.5（2026-04-10）"
    qtbot.keyClicks(d.old_final, "1260.5")
    d.new_initial.clear()
    qtbot.keyClicks(d.new_initial, "0")
    d.on.set_date(dt.date(2026, 4, 20))
    qtbot.keyClicks(d.multiplier, "1")
    with qtbot.waitSignal(d.submit().finished):
        pass
    assert not d.isVisible()
    with db.session() as s:
        m = s.get(Meter, meter_id)
        assert (m.multiplier, m.max_reading, m.installed_on) == (D("1"), D("99999.9"), dt.date(2026, 4, 20))
        got = [(r.kind, r.value, r.multiplier, r.period) for r in meters.meter_readings(s, meter_id)]
        assert got == [("initial", D("1234.5"), D("2"), "2026-03"), ("read", D("1250.5"), D("2"), "2026-04"),
                       ("final", D("1260.5"), D("2"), "2026-04"), ("initial", D("0"), D("1"), "2026-04")]
    qtbot.waitUntil(lambda: screen.history.rowCount() == 4)
    qtmodeltester.check(screen.history)
    # newest first; usage = (1250.5 − 1234.5) × 2 = 32 and (1260.5 − 1250.5) × 2 = 20
    assert history_texts(screen) == [
        ["2026-04", "2026-04-20", "0", "换表新表起码", "", "1", "手工", who, "换表新表起码"],
        ["2026-04", "2026-04-20", "1,260.5", "换表旧表止码", "20", "2", "手工", who, "换表旧表止码"],
        ["2026-04", "2026-04-10", "1,250.5", "抄表", "32", "2", "手工", "李会计", ""],
        ["2026-03", "2026-03-31", "1,234.5", "装表起码", "", "2", "手工", who, "装表起码"],
    ]
    assert screen.model.data(screen.model.index(0, 3)) == "1"     # the list shows the new 倍率


def test_rollover_is_marked_in_the_history(qtbot, make_ctx, billed, db, admin):
    with db.session() as s:
        m = meters.create_meter(s, admin, kind="water", building_id=billed.building_id, initial_reading=D("9990"),
                                installed_on=dt.date(2026, 3, 31), max_reading=D("9999"), places=0)
        meters.enter_readings(s, admin, "2026-04", dt.date(2026, 4, 25), [meters.ReadingEntry(m.id, D("5"), True)],
                              accept_warnings=True)
    screen = open_screen(qtbot, make_ctx("finance"))
    qtbot.waitUntil(lambda: screen.history.rowCount() == 2)
    assert screen.model.data(screen.model.index(0, 1)) == "公共表"
    top = history_texts(screen)[0]
    assert top[2:5] == ["5", "抄表（回零）", "15"]        # 10000 − 9990 + 5
    assert "按回零计算" in top[8]


def test_bad_input_shows_a_message_and_writes_nothing(qtbot, make_ctx, billed, db, admin):
    screen = open_screen(qtbot, make_ctx("admin"))
    before = counts(db)
    d = new_meter_dialog(qtbot, screen)
    d.initial.setText("12a")                 # pasted text the field's validator would not let one type
    assert d.submit() is None
    assert d.error.isVisibleTo(d) and d.error.text() == "起始读数「12a」不是数字"
    assert d.initial.property("invalid") is True and d.isVisible()
    # the service's own checks: a public meter with 倍率 0 and a reading above its maximum
    d.public_radio.setChecked(True)
    assert d.share.isVisibleTo(d) and not d.room.isVisibleTo(d)
    d.initial.setText("120")
    qtbot.keyClicks(d.max_reading, "99")
    d.multiplier.setText("0")
    with qtbot.waitSignal(d.submit().finished):
        pass
    assert d.isVisible() and "倍率必须大于0" in d.error.text() and "起始读数无效" in d.error.text()
    assert d.multiplier.property("invalid") is True and d.initial.property("invalid") is True
    assert counts(db) == before
    d.reject()
    # 换表 with an old final reading below the last reading
    with db.session() as s:
        meters.create_meter(s, admin, kind="water", room_id=billed.rooms["0101"], initial_reading=D("300"),
                            installed_on=dt.date(2026, 3, 31), places=0)
    with qtbot.waitSignal(screen.load().finished):
        pass
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    before = counts(db)
    d = screen.replace_meter()
    qtbot.keyClicks(d.old_final, "250")
    d.on.set_date(dt.date(2026, 4, 20))
    with qtbot.waitSignal(d.submit().finished):
        pass
    assert d.isVisible() and "旧表止码 250 小于上次读数 300" in d.error.text()
    assert d.old_final.property("invalid") is True
    assert counts(db) == before
    # 回零: the old register wrapped — but this meter has no maximum to wrap at
    assert d.old_rollover.text() == "旧表换下前已回零（止码小于上次读数）"
    d.old_rollover.setChecked(True)
    with qtbot.waitSignal(d.submit().finished):
        pass
    assert d.isVisible() and "旧表已回零，但该表没有设置最大读数" in d.error.text()
    assert counts(db) == before


def test_keyboard_mnemonics_and_permissions(qtbot, make_ctx, billed, db, admin):
    screen = open_screen(qtbot, make_ctx("cashier"))      # may look, not change
    assert not screen.new_button.isVisibleTo(screen) and not screen.replace_button.isVisibleTo(screen)
    screen = open_screen(qtbot, make_ctx("admin"))
    assert screen.new_button.text() == "新建仪表(&N)…" and screen.replace_button.text() == "换表(&R)…"
    assert screen.building_label.buddy() is screen.building
    screen.building.setFocus()
    qtbot.keyClick(screen.building, Qt.Key.Key_Tab)
    assert screen.table.hasFocus()
    # every labelled field of both dialogs has its own Alt key
    with db.session() as s:
        meters.create_meter(s, admin, kind="water", room_id=billed.rooms["0101"], initial_reading=D("1"),
                            installed_on=dt.date(2026, 3, 31))
    with qtbot.waitSignal(screen.load().finished):
        pass
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    for d in (new_meter_dialog(qtbot, screen), screen.replace_meter()):
        texts = [w.text() for w in d.findChildren(QLabel) + d.findChildren(QAbstractButton) if "&" in w.text()]
        keys = [QKeySequence.mnemonic(t).toString() for t in texts]
        assert len(keys) >= 5 and len(set(keys)) == len(keys), texts
        d.reject()


def test_public_meter_shared_by_a_standard(qtbot, make_ctx, billed, db, admin):
    with db.session() as s:
        std = catalog.create_standard(s, admin, code="PUB-STD", name="公摊电费", fee_item="PUBU", method="shared",
                                      share_basis="building_area", meter_kind="electric",
                                      version=VersionInput(dt.date(2026, 1, 1), unit_price=D("0.40")))
        std_id = std.id
    screen = open_screen(qtbot, make_ctx("admin"))
    d = new_meter_dialog(qtbot, screen)
    assert [d.share.itemText(i) for i in range(d.share.count())] == ["（不公摊）", "公摊电费 (PUB-STD)"]
    d.public_radio.setChecked(True)
    assert d.public_radio.isChecked() and d.share.isVisibleTo(d)
    d.share.setCurrentIndex(1)
    d.kind.set_code("electric")
    d.initial.setText("1000")
    d.multiplier.setText("80")
    d.installed_on.set_date(dt.date(2026, 3, 31))
    with qtbot.waitSignal(d.submit().finished):
        pass
    with db.session() as s:
        m = s.scalar(select(Meter))
        assert (m.code, m.is_public, m.room_id, m.building_id, m.share_standard_id, m.multiplier) == (
            "JD-01PUB-E", True, None, billed.building_id, std_id, D("80"))
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert [screen.model.data(screen.model.index(0, c)) for c in (0, 1, 2, 3, 10)] == [
        "JD-01PUB-E", "公共表", "电表", "80", "公摊电费"]


def test_edit_meter_and_deactivate(qtbot, make_ctx, billed, db, admin):
    with db.session() as s:
        m = meters.create_meter(s, admin, kind="electric", room_id=billed.rooms["0101"], initial_reading=D("100"),
                                installed_on=dt.date(2026, 3, 31))
        meter_id = m.id
    screen = open_screen(qtbot, make_ctx("admin"))
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and screen.edit_button.isEnabled())
    assert screen.edit_button.text() == "修改仪表(&E)…"
    assert [a.text() for a in screen.table.row_actions] == ["修改仪表(&E)…", "换表(&R)…"]
    # double-click on the row opens 修改仪表
    rect = screen.table.visualRect(screen.model.index(0, 1))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: getattr(screen, "dialog", None) is not None and screen.dialog.isVisible())
    d = screen.dialog
    assert d.objectName() == "editMeterDialog" and d.windowTitle() == "修改仪表：JD-01-1-0101-E"
    assert (d.name.text(), d.multiplier.text(), d.max_reading.text(), d.places.value()) == ("电表", "1", "", 1)
    assert d.multiplier.isEnabled() and "第一次抄表前" in d.hint.text()
    d.name.setText("厨房电表")
    qtbot.keyClicks(d.serial_no, "E-2031")
    d.multiplier.setText("2")
    qtbot.keyClicks(d.max_reading, "99999.9")
    with qtbot.waitSignal(d.submit().finished):
        pass
    assert not d.isVisible()
    with db.session() as s:
        m = s.get(Meter, meter_id)
        assert (m.name, m.serial_no, m.multiplier, m.max_reading, m.active) == (
            "厨房电表", "E-2031", D("2"), D("99999.9"), True)
        a = s.scalar(select(AuditLog).where(AuditLog.entity == "meter", AuditLog.action == "update"))
        assert a.summary == "修改仪表 JD-01-1-0101-E"
    qtbot.waitUntil(lambda: screen.model.data(screen.model.index(0, 3)) == "2")
    # after a reading the register fields are shown, not edited; 停用 greys the row
    with db.session() as s:
        meters.enter_readings(s, admin, "2026-04", dt.date(2026, 4, 25), [meters.ReadingEntry(meter_id, D("150"))],
                              accept_warnings=True)
    with qtbot.waitSignal(screen.load().finished):
        pass
    qtbot.waitUntil(lambda: screen.current_meter() is not None and screen.current_meter().has_readings)
    d = screen.edit_meter()
    qtbot.waitUntil(d.isVisible)
    assert not d.multiplier.isEnabled() and not d.places.isEnabled() and "已有抄表读数" in d.hint.text()
    assert d.labels["inactive"].buddy() is d.inactive
    d.inactive.setChecked(True)
    with qtbot.waitSignal(d.submit().finished):
        pass
    assert not d.isVisible()
    qtbot.waitUntil(lambda: screen.model.data(screen.model.index(0, 7)) == "停用")
    assert screen.model.data(screen.model.index(0, 0), Qt.ItemDataRole.ForegroundRole) == QColor("#757575")
    assert "其中停用 1" in screen.status.text()
    with db.session() as s:
        assert not s.get(Meter, meter_id).active


def test_edit_refused_shows_the_service_message(qtbot, make_ctx, billed, db, admin):
    with db.session() as s:
        meters.create_meter(s, admin, kind="water", room_id=billed.rooms["0101"], initial_reading=D("12.5"),
                            installed_on=dt.date(2026, 3, 31))
    screen = open_screen(qtbot, make_ctx("admin"))
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and screen.edit_button.isEnabled())
    before = counts(db)
    d = screen.edit_meter()
    d.places.setValue(0)
    with qtbot.waitSignal(d.submit().finished):
        pass
    assert d.isVisible() and "起始读数 12.5 的小数位多于 0 位" in d.error.text()
    assert d.places.property("invalid") is True and d.name.property("invalid") is not True
    assert counts(db) == before
    texts = [w.text() for w in d.findChildren(QLabel) + d.findChildren(QAbstractButton) if "&" in w.text()]
    keys = [QKeySequence.mnemonic(t).toString() for t in texts]
    assert len(keys) >= 6 and len(set(keys)) == len(keys), texts
    d.reject()
    # who may not edit meters sees no 修改仪表; double-click opens nothing
    screen = open_screen(qtbot, make_ctx("cashier"))
    assert not screen.edit_button.isVisibleTo(screen) and screen.table.row_actions == []
    assert screen.edit_meter() is None


def test_estate_public_meters_are_listed_and_added(qtbot, make_ctx, billed, db, admin):
    with db.session() as s:
        meters.create_meter(s, admin, kind="water", room_id=billed.rooms["0101"], initial_reading=D("1"),
                            installed_on=dt.date(2026, 3, 31))
    screen = open_screen(qtbot, make_ctx("admin"))
    assert [screen.building.itemText(i) for i in range(2)] == ["JD-01 01栋", "JD 锦都花园JD 小区公共表"]
    screen.building.setCurrentIndex(1)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0 and screen.status.text() == "共 0 块表：户表 0，公共表 0")
    d = new_meter_dialog(qtbot, screen)
    assert d.public_radio.isChecked() and not d.room_radio.isVisibleTo(d) and d.share.isVisibleTo(d)
    assert (d.labels["building"].text(), d.building_shown.text()) == ("小区", "JD 锦都花园JD 小区公共表")
    d.initial.setText("5000")
    d.places.setValue(0)
    d.installed_on.set_date(dt.date(2026, 3, 31))
    with qtbot.waitSignal(d.submit().finished):
        pass
    assert not d.isVisible()
    with db.session() as s:
        m = s.scalar(select(Meter).where(Meter.code == "JD-PUB-W"))
        assert (m.is_public, m.building_id, m.estate_id, m.room_id) == (True, None, billed.estate_id, None)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert [screen.model.data(screen.model.index(0, c)) for c in (0, 1, 2, 8)] == ["JD-PUB-W", "公共表", "水表", "5,000"]
    # the building's list does not show it
    screen.building.setCurrentIndex(0)
    qtbot.waitUntil(lambda: [r.code for r in screen.model.rows()] == ["JD-01-1-0101-W"])
