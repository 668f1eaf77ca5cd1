"""导出Excel of a table view: the visible columns and rows, typed values, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal as D

import openpyxl
from PySide6.QtCore import Qt

from propdesk.excel.table_export import write_table
from propdesk.models.enums import ROOM_STATUSES
from ui.i18n import label, tr_noop
from ui.widgets.table import Column, RowTableModel, TableView


@dataclass
class R:
    code: str
    area: D
    status: str
    since: dt.date
    note: str


COLUMNS = [
    Column(tr_noop("房间编码"), lambda r: r.code),
    Column(tr_noop("建筑面积"), lambda r: r.area),
    Column(tr_noop("状态"), lambda r: r.status, text=lambda v: label(ROOM_STATUSES, v)),
    Column(tr_noop("入住日期"), lambda r: r.since),
    Column(tr_noop("备注"), lambda r: r.note),
]
ROWS = [R("JD-01-1-0101", D("128.50"), "occupied", dt.date(2024, 1, 2), "东边套"),
        R("JD-01-1-0102", D("89.37"), "vacant", dt.date(2023, 6, 30), ""),
        R("JD-01-1-0103", D("76.80"), "rented", dt.date(2022, 12, 1), "=SUM(A1)")]


def test_export_writes_visible_columns_in_screen_order(qtbot, ctx, tmp_path):
    view = TableView(export_title=tr_noop("房间"))
    qtbot.addWidget(view)
    view.set_context(ctx)
    view.setModel(RowTableModel(COLUMNS, ROWS))
    view.setColumnHidden(4, True)                      # 备注 hidden: not exported
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # by area, largest first
    view.horizontalHeader().moveSection(2, 0)           # 状态 dragged to the front
    path = tmp_path / "rooms.xlsx"
    op = view.export_xlsx(path)
    qtbot.waitUntil(lambda: op.result == 3, timeout=5000)   # three data rows written
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "房间"
    assert ws["A1"].value == "房间"
    assert ws["A2"].value.startswith("导出时间：") and "操作员：admin" in ws["A2"].value
    assert [c.value for c in ws[3]] == ["状态", "房间编码", "建筑面积", "入住日期"]
    data = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    # sorted by area descending: 128.50, 89.37, 76.80; areas are numbers, dates are dates
    assert [r[1] for r in data] == ["JD-01-1-0101", "JD-01-1-0102", "JD-01-1-0103"]
    assert [r[0] for r in data] == ["入住", "空置", "出租"]
    assert [D(str(r[2])) for r in data] == [D("128.5"), D("89.37"), D("76.8")]
    assert ws["C4"].number_format == "#,##0.00"
    assert [r[3].date() for r in data] == [dt.date(2024, 1, 2), dt.date(2023, 6, 30), dt.date(2022, 12, 1)]


def test_write_table_keeps_formulas_as_text(tmp_path):
    path = tmp_path / "t.xlsx"
    n = write_table(path, "测试", ["a", "b"], [["=SUM(A1)", D("1.50")], ["x", 2]])
    assert n == 2
    ws = openpyxl.load_workbook(path).active
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert values[0][0] == "=SUM(A1)" and ws["A3"].data_type == "s"
    assert values[0][1] == 1.5 and values[1] == ["x", 2]


def test_row_table_model_passes_qtmodeltester(qtmodeltester):
    model = RowTableModel(COLUMNS, ROWS)
    qtmodeltester.check(model, force_py=True)
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert [model.row(i).code for i in range(3)] == ["JD-01-1-0103", "JD-01-1-0102", "JD-01-1-0101"]
    qtmodeltester.check(model, force_py=True)
