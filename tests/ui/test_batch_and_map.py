"""批量生成房间 through the dialog, and the 房态图 colours."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableWidgetItem
from sqlalchemy import func, select

from propdesk.models import AuditLog, Room
from propdesk.services import property as P
from propdesk.services.property import GridCell
from ui.dialogs.batch_rooms import BatchRoomsDialog
from ui.widgets.room_grid import RoomGrid


@pytest.fixture
def building(db, admin):
    with db.session() as s:
        co = P.create_company(s, admin, code="HX", name="华兴物业")
        rg = P.create_region(s, admin, co, code="SZ", name="深圳区域")
        es = P.create_estate(s, admin, rg, code="JD", name="锦都花园")
        b = P.create_building(s, admin, es, code="01", floors=3)
        return b.id


def _dialog(qtbot, ctx, building_id):
    dlg = BatchRoomsDialog(ctx, building_id)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.building.currentData() == building_id, timeout=5000)
    return dlg


def test_preview_then_create(qtbot, ctx, db, admin, building):
    dlg = _dialog(qtbot, ctx, building)
    assert dlg.floor_to.value() == 3            # from the building's 3 floors
    dlg.units.setText("1，2")                    # a Chinese comma works too
    dlg.per_floor.setValue(2)
    dlg.areas.setItem(1, 1, QTableWidgetItem("90.10"))
    dlg.areas.setItem(1, 2, QTableWidgetItem("72.00"))
    assert not dlg.create_button.isEnabled()
    dlg.run_preview()
    qtbot.waitUntil(lambda: dlg.previewed_plan is not None, timeout=5000)
    # 2 units x 3 floors x 2 rooms = 12
    codes = [p.code for p in dlg.preview_model.rows()]
    assert len(codes) == 12
    assert codes[:4] == ["JD-01-1-0101", "JD-01-1-0102", "JD-01-1-0201", "JD-01-1-0202"]
    assert codes[-1] == "JD-01-2-0302"
    assert dlg.summary.text() == "将生成 12 间房，编码均未被占用。"
    assert dlg.create_button.isEnabled()
    dlg.create()
    qtbot.waitUntil(lambda: dlg.created == 12, timeout=5000)
    with db.session() as s:
        rows = s.execute(select(Room.code, Room.building_area, Room.inner_area, Room.layout)
                         .order_by(Room.code)).all()
        assert s.scalar(select(func.count()).select_from(AuditLog)
                        .where(AuditLog.action == "generate")) == 1
    assert len(rows) == 12
    # position 1 keeps the default 128.50/101.20 三室两厅; position 2 was edited to 90.10/72.00
    assert rows[0] == ("JD-01-1-0101", D("128.50"), D("101.20"), "三室两厅")
    assert rows[1] == ("JD-01-1-0102", D("90.10"), D("72.00"), "两室两厅")


def test_existing_codes_are_marked_and_block_creation(qtbot, ctx, db, admin, building):
    with db.session() as s:
        P.generate_rooms(s, admin, P.RoomPlan(building, ["1"], (1, 1), 2))
    dlg = _dialog(qtbot, ctx, building)
    dlg.units.setText("1")
    dlg.floor_to.setValue(2)
    dlg.per_floor.setValue(2)
    dlg.run_preview()
    qtbot.waitUntil(lambda: dlg.previewed_plan is not None, timeout=5000)
    marks = [(p.code, dlg.preview_model.index(i, 6).data())
             for i, p in enumerate(dlg.preview_model.rows())]
    assert marks == [("JD-01-1-0101", "编码已存在"), ("JD-01-1-0102", "编码已存在"),
                     ("JD-01-1-0201", "新建"), ("JD-01-1-0202", "新建")]
    assert dlg.summary.text() == "共 4 间，其中 2 个编码已存在（红色），请修改规则后重新预览。"
    assert not dlg.create_button.isEnabled()
    dlg.pattern.setText("{unit}-{floor}{room:02d}")   # a change asks for a new preview
    assert dlg.summary.text() == "规则已修改，请重新预览。"


def test_bad_area_is_reported_before_any_query(qtbot, ctx, building):
    dlg = _dialog(qtbot, ctx, building)
    dlg.areas.setItem(0, 1, QTableWidgetItem("12.345"))
    assert dlg.run_preview() is None
    assert "第 1 户 面积" in dlg.error.text() and "12.345" in dlg.error.text()


def _cell(room_no: str, status: str, floor: int, unit: str) -> GridCell:
    import uuid
    return GridCell(uuid.uuid4(), f"JD-01-{unit}-{room_no}", room_no, floor, unit, status, D("88.00"))


def test_room_map_draws_each_status_in_its_colour(qtbot):
    cells = [_cell("0201", "vacant", 2, "1"), _cell("0202", "sold", 2, "1"),
             _cell("0201", "occupied", 2, "2"), _cell("0101", "decorating", 1, "1"),
             _cell("0102", "rented", 1, "1"), _cell("0101", "vacant", 1, "2")]
    grid = RoomGrid()
    qtbot.addWidget(grid)
    grid.set_cells(cells)
    img = grid.grab().toImage()
    expected = {  # the legend's colours, written out: grey, blue, green, orange, violet
        "vacant": "#e3e7ed", "sold": "#a9ccf2", "occupied": "#9ed9b0",
        "decorating": "#ffc98a", "rented": "#cdb7ee"}
    for c in cells:
        r = grid.cell_rect(c.room_id)
        # a point inside the cell, clear of the border and of the text
        px = QColor(img.pixel(r.left() + 4, r.top() + r.height() // 2))
        assert px.name() == expected[c.status], (c.code, c.status)
    # top floor first; units side by side: 2nd floor above 1st, unit 2 right of unit 1
    r201, r101 = grid.cell_rect(cells[0].room_id), grid.cell_rect(cells[3].room_id)
    assert r201.top() < r101.top() and r201.left() == r101.left()
    assert grid.cell_rect(cells[2].room_id).left() > grid.cell_rect(cells[1].room_id).right()
    assert dict(grid.status_counts()) == {"vacant": 2, "sold": 1, "occupied": 1,
                                          "decorating": 1, "rented": 1}


def test_room_map_click_and_keys(qtbot):
    from PySide6.QtCore import Qt

    cells = [_cell("0201", "vacant", 2, "1"), _cell("0202", "sold", 2, "1"),
             _cell("0101", "occupied", 1, "1")]
    grid = RoomGrid()
    qtbot.addWidget(grid)
    grid.set_cells(cells)
    grid.show()
    with qtbot.waitSignal(grid.room_clicked) as clicked:
        qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=grid.cell_rect(cells[1].room_id).center())
    assert clicked.args == [cells[1].room_id]
    with qtbot.waitSignal(grid.current_moved) as moved:
        qtbot.keyClick(grid, Qt.Key.Key_Down)          # from 0202 down to the nearest on floor 1
    assert moved.args == [cells[2].room_id]
    with qtbot.waitSignal(grid.room_activated) as opened:
        qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert opened.args == [cells[2].room_id]
