"""The reading grid: type, Enter to the next meter, live checks, save all or nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from PySide6.QtCore import Qt
from sqlalchemy import select

from propdesk.models.billing import MeterReading
from propdesk.services.billing import meters
from ui.billing.readings import COL_CURRENT, COL_NOTE, COL_USAGE, ReadingsScreen


def make_meters(db, admin, billed):
    with db.session() as s:
        for number, start in (("0101", "100"), ("0102", "9990"), ("0201", "50")):
            meters.create_meter(s, admin, kind="water", room_id=billed.rooms[number], initial_reading=D(start),
                                installed_on=dt.date(2026, 3, 31), max_reading=D("9999"), places=0)


def type_reading(qtbot, grid, text: str) -> None:
    """The first key opens the cell editor; the rest go to the editor; Enter commits."""
    qtbot.keyClick(grid, text[0])
    if text[1:]:
        qtbot.keyClicks(grid.focusWidget(), text[1:])
    qtbot.keyClick(grid.focusWidget(), Qt.Key.Key_Return)


def screen_with_sheet(qtbot, ctx):
    screen = ReadingsScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.activated()
    qtbot.waitUntil(lambda: screen.building.count() == 2)   # JD-01, JD 小区公共表
    screen.period.setText("2026-04")
    screen.read_on.setDate(dt.date(2026, 4, 25))
    with qtbot.waitSignal(screen.load_sheet().finished):
        pass
    return screen


def test_keyboard_entry_checks_and_save(qtbot, make_ctx, billed, db, admin, qtmodeltester):
    make_meters(db, admin, billed)
    screen = screen_with_sheet(qtbot, make_ctx("finance"))
    qtmodeltester.check(screen.model)
    assert screen.model.rowCount() == 3
    grid = screen.grid
    assert grid.currentIndex().row() == 0 and grid.currentIndex().column() == COL_CURRENT
    type_reading(qtbot, grid, "127")
    qtbot.waitUntil(lambda: grid.currentIndex().row() == 1)  # Enter committed and moved to the next meter
    idx = screen.model.index(0, COL_USAGE)
    assert screen.model.data(idx) == "27 m³"   # 127 − 100
    type_reading(qtbot, grid, "5")
    qtbot.waitUntil(lambda: grid.currentIndex().row() == 2)
    note = screen.model.data(screen.model.index(1, COL_NOTE))
    assert "回零" in note and not screen.save_button.isEnabled()   # 5 < 9990: an error until marked
    grid.setCurrentIndex(screen.model.index(1, COL_CURRENT))
    qtbot.keyClick(grid, Qt.Key.Key_Space)                         # Space marks 回零
    # rollover at 9999 (step 1): (10000 − 9990) + 5 = 15 m³
    assert screen.model.data(screen.model.index(1, COL_USAGE)) == "15 m³"
    assert screen.save_button.isEnabled()
    with qtbot.waitSignal(screen.save(confirm=False).finished):
        pass
    with db.session() as s:
        got = sorted((r.value for r in s.scalars(select(MeterReading).where(MeterReading.kind == "read"))))
    assert got == [D("5.000"), D("127.000")]
    qtbot.waitUntil(lambda: "已保存 2 条读数" in screen.status.text() or screen.model.rows[0].sheet.current is not None)


def test_inactive_meter_is_read_only_and_estate_meters_have_their_sheet(qtbot, make_ctx, billed, db, admin):
    with db.session() as s:
        m = meters.create_meter(s, admin, kind="water", room_id=billed.rooms["0101"], initial_reading=D("100"),
                                installed_on=dt.date(2026, 3, 31), places=0)
        meters.enter_readings(s, admin, "2026-04", dt.date(2026, 4, 25), [meters.ReadingEntry(m.id, D("110"))])
        meters.update_meter(s, admin, m.id, active=False)
        meters.create_meter(s, admin, kind="water", estate_id=billed.estate_id, initial_reading=D("5000"),
                            installed_on=dt.date(2026, 3, 31), places=0)
    screen = screen_with_sheet(qtbot, make_ctx("finance"))
    # April: the inactive meter's reading is shown, not editable
    assert screen.model.rowCount() == 1
    idx = screen.model.index(0, COL_CURRENT)
    assert screen.model.data(idx) == "110" and not screen.model.flags(idx) & Qt.ItemFlag.ItemIsEditable
    assert screen.model.data(screen.model.index(0, COL_NOTE)) == "已停用：读数不能修改"
    # May: not offered at all
    screen.period.setText("2026-05")
    with qtbot.waitSignal(screen.load_sheet().finished):
        pass
    assert screen.model.rowCount() == 0
    # the estate's own public meters: the second entry of the chooser
    assert screen.building.itemText(1) == "JD 锦都花园JD 小区公共表"
    screen.building.setCurrentIndex(1)
    with qtbot.waitSignal(screen.load_sheet().finished):
        pass
    assert [(r.sheet.meter_code, r.sheet.previous) for r in screen.model.rows] == [("JD-PUB-W", D("5000"))]


def test_sheet_loads_without_pressing_load_and_the_empty_grid_says_why(qtbot, make_ctx, billed, db, admin,
                                                                       monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    make_meters(db, admin, billed)
    screen = ReadingsScreen(make_ctx("finance"))
    qtbot.addWidget(screen)
    screen.show()
    screen.period.setText("2026-04")
    assert screen.hint.showing() and screen.hint.text() == "正在载入…"
    screen.activated()                                    # opening the screen loads JD-01's sheet
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)
    assert not screen.hint.showing()
    assert screen.grid.currentIndex().column() == COL_CURRENT
    screen.building.setCurrentIndex(1)                    # the estate's public meters: none
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0)
    assert screen.hint.showing()
    assert screen.hint.text() == "JD 锦都花园JD 小区公共表 在 2026-04 没有要抄的表。换一个楼栋或账期；新仪表在 仪表 页建立"
    screen.building.setCurrentIndex(0)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)
    assert not screen.hint.showing()
    # a new period is loaded when the field is left with Enter
    screen.period.setFocus()
    screen.period.selectAll()
    qtbot.keyClicks(screen.period, "202605")
    qtbot.keyClick(screen.period, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen._loaded_key is not None and screen._loaded_key[1] == "2026-05")
    assert screen.model.rowCount() == 3
    # typed readings are not thrown away without asking
    type_reading(qtbot, screen.grid, "127")
    qtbot.waitUntil(lambda: len(screen.model.dirty_rows()) == 1)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    screen.building.setCurrentIndex(1)
    assert asked and "1 条读数还没有保存" in asked[0]
    assert screen.building.currentIndex() == 0 and len(screen.model.dirty_rows()) == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    screen.building.setCurrentIndex(1)
    qtbot.waitUntil(lambda: screen.hint.showing() and screen._loaded_key[0] == screen.building.itemData(1))
    assert screen.model.dirty_rows() == []
