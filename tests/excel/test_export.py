"""Exports: rooms in the import layout (and back again), customers with their rooms, any table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from propdesk.db import Database
from propdesk.errors import NotFound, PermissionDenied
from propdesk.excel.export import export_customers, export_rooms
from propdesk.excel.importer import import_workbook
from propdesk.excel.sample import write_sample
from propdesk.excel.table_export import write_table
from propdesk.models import AuditLog, Building, Customer, Estate, Occupancy, Room, Unit
from tests.excel.conftest import table_counts
from tests.excel.helpers import ID_LI, ID_ZHANG

TODAY = dt.date(2025, 6, 30)


@pytest.fixture
def loaded(db, admin, book, sheets):
    with db.session() as s:
        import_workbook(s, admin, book(sheets), today=TODAY)
    return db


@pytest.fixture
def empty_db(tmp_path):
    d = Database(str(tmp_path / "other.sqlite3"), terminal="T02")
    d.upgrade()
    yield d
    d.dispose()


def _rows(path, sheet):
    ws = load_workbook(path, read_only=True)[sheet]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_rooms_export_layout(loaded, admin, tmp_path):
    with loaded.session() as s:
        result = export_rooms(s, admin, tmp_path / "rooms.xlsx")
    assert result.rows == {"房间": 4, "小区": 1, "楼栋": 2, "业主": 3}
    assert load_workbook(result.path, read_only=True).sheetnames == ["房间", "小区", "楼栋", "业主"]
    rooms = _rows(result.path, "房间")
    assert rooms[0] == ["房间编码", "小区", "楼栋", "单元", "楼层", "房号", "建筑面积", "套内面积", "户型", "朝向",
                        "用途", "状态", "权属类型", "备注", "业主姓名", "业主手机"]
    assert rooms[1] == ["JD-01-1-0502", "JD", "01", "1", 5, "0502", 89.37, 70.15, "两室两厅", "南北", "住宅",
                        "入住", "商品房", None, "张三", "13800138000"]
    assert [r[0] for r in rooms[1:]] == ["JD-01-1-0502", "JD-01-1-1801", "JD-01-2-0501", "JD-V1-101"]
    assert rooms[3][14:] == [None, None]                # 0501 has a tenant, no owner
    owners = _rows(result.path, "业主")
    assert owners[1][:13] == ["JD-01-1-0502", "JD", "01", "1", "0502", "张三", "个人", "男", "居民身份证",
                              ID_ZHANG, "13800138000", "业主", dt.datetime(2024, 3, 1)]
    ws = load_workbook(result.path)["房间"]
    assert ws.freeze_panes == "A2" and ws["G2"].number_format == "0.00"


def _snapshot(db) -> dict:
    """Everything the round trip must keep, by human keys (ids differ between databases)."""
    with db.session() as s:
        estates = {(e.code, e.name, e.address, e.land_area, e.building_area, e.green_area, e.phone)
                   for e in s.scalars(select(Estate))}
        buildings = {(s.get(Estate, b.estate_id).code, b.code, b.name, b.building_type, b.structure, b.floors)
                     for b in s.scalars(select(Building))}
        units = {(s.get(Building, u.building_id).code, u.code) for u in s.scalars(select(Unit))}
        rooms = {(r.code, r.number, r.floor, r.building_area, r.inner_area, r.layout, r.orientation, r.usage,
                  r.status, r.ownership_type, r.note) for r in s.scalars(select(Room))}
        people = {(c.name, c.gender, c.id_type, c.id_number, c.phone, c.employer, c.emergency_contact,
                   c.emergency_phone, c.note, c.name_initials, c.id_rev) for c in s.scalars(select(Customer))}
        occ = {(s.get(Room, o.room_id).code, s.get(Customer, o.customer_id).name, o.role, o.start_date)
               for o in s.scalars(select(Occupancy))}
    return dict(estates=estates, buildings=buildings, units=units, rooms=rooms, people=people, occ=occ)


def test_round_trip_into_an_empty_database(loaded, empty_db, admin, tmp_path):
    with loaded.session() as s:
        path = export_rooms(s, admin, tmp_path / "rooms.xlsx").path
    with empty_db.session() as s:
        report = import_workbook(s, admin, path, today=dt.date(2030, 1, 1))
    assert report.counts["room"] == 4 and report.problems == []
    assert _snapshot(empty_db) == _snapshot(loaded)


def test_round_trip_of_a_realistic_estate(db, empty_db, admin, tmp_path):
    """300 rooms of a generated sales-system export: import, export, import elsewhere, compare."""
    sample = tmp_path / "sample.xlsx"
    written = write_sample(sample, rooms=300, seed=5)
    with db.session() as s:
        import_workbook(s, admin, sample)
    with db.session() as s:
        path = export_rooms(s, admin, tmp_path / "rooms.xlsx").path
    with empty_db.session() as s:
        import_workbook(s, admin, path)
    assert table_counts(db)["room"] == 300 == table_counts(empty_db)["room"]
    assert table_counts(empty_db)["occupancy"] == written["业主"]
    assert _snapshot(empty_db) == _snapshot(db)


def test_rooms_of_one_estate(loaded, admin, book, tmp_path):
    second = {"小区": [["小区编码", "小区名称"], ["CH", "翠湖苑"]],
              "楼栋": [["小区", "楼栋", "层数"], ["CH", "A", 6]],
              "房间": [["小区", "楼栋", "楼层", "房号", "建筑面积"], ["CH", "A", 1, "101", 50]]}
    with loaded.session() as s:
        import_workbook(s, admin, book(second))
    with loaded.session() as s:
        result = export_rooms(s, admin, tmp_path / "ch.xlsx", estate_code="ch")
    assert result.rows == {"房间": 1, "小区": 1, "楼栋": 1, "业主": 0}
    assert _rows(result.path, "房间")[1][0] == "CH-A-101"
    with loaded.session() as s, pytest.raises(NotFound):
        export_rooms(s, admin, tmp_path / "x.xlsx", estate_code="ZZ")


def test_customers_export_with_their_rooms(loaded, admin, tmp_path):
    from propdesk.services.customers import create_customer

    with loaded.session() as s:
        create_customer(s, admin, name="=HYPERLINK(\"http://x\")", phone="13500135000")
    with loaded.session() as s:
        result = export_customers(s, admin, tmp_path / "people.xlsx")
    rows = _rows(result.path, "业主")
    assert rows[0][:6] == ["房间编码", "小区", "楼栋", "单元", "房号", "姓名"]
    # sorted by pinyin initials: the formula-like name (initials "=hyperlink…") first, then 李娜 (ln), 张三 (zs)
    assert [(r[0], r[5], r[11]) for r in rows[1:]] == [
        (None, "=HYPERLINK(\"http://x\")", None),
        ("JD-01-2-0501", "李娜", "租户"),
        ("JD-01-1-0502", "张三", "业主"), ("JD-V1-101", "张三", "业主")]
    assert rows[2][9] == ID_LI
    cell = load_workbook(result.path)["业主"]["F2"]
    assert cell.data_type == "s"                  # stays text, never a formula
    with loaded.session() as s:
        only_jd = export_customers(s, admin, tmp_path / "jd.xlsx", estate_code="JD")
    assert only_jd.rows == {"业主": 3}


def test_exports_are_audited_and_need_view_permission(loaded, admin, actor_for, tmp_path):
    with loaded.session() as s:
        export_customers(s, actor_for("engineer"), tmp_path / "p.xlsx")
    with loaded.session() as s:
        log = s.scalar(select(AuditLog).where(AuditLog.action == "export"))
        assert log.entity == "customer" and log.summary == "导出客户 3 行到 p.xlsx"
        assert log.operator_name == "engineer"
    from propdesk.security import Actor
    nobody = Actor("guest", "cashier", permissions=frozenset())
    with loaded.session() as s, pytest.raises(PermissionDenied):
        export_rooms(s, nobody, tmp_path / "r.xlsx")


def test_write_table_keeps_types_and_text(tmp_path):
    path = tmp_path / "t.xlsx"
    n = write_table(path, "收费明细", ["房间", "金额", "日期", "时间", "备注", "已缴"],
                    [["JD-01-1-0502", Decimal("1234.50"), dt.date(2024, 3, 1), dt.datetime(2024, 3, 1, 8, 5),
                      "=1+1", True],
                     ["JD-01-1-0503", Decimal("7"), None, None, "第一行\n第二行\x07", False]],
                    subtitle="导出时间：2024-03-01 08:00　操作员：王主管")
    assert n == 2
    ws = load_workbook(path)["收费明细"]
    assert ws["A1"].value == "收费明细" and ws["A2"].value.startswith("导出时间")
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:F1", "A2:F2"}
    assert [c.value for c in ws[3]] == ["房间", "金额", "日期", "时间", "备注", "已缴"]
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref == "A3:F5"
    assert (ws["B4"].value, ws["B4"].number_format) == (1234.5, "#,##0.00")
    assert (ws["B5"].value, ws["B5"].number_format) == (7, "#,##0")
    assert ws["C4"].number_format == "yyyy-mm-dd" and ws["D4"].number_format == "yyyy-mm-dd hh:mm"
    assert (ws["E4"].value, ws["E4"].data_type) == ("=1+1", "s")
    assert ws["E5"].value == "第一行\n第二行"                 # the bell character Excel refuses is dropped
    assert (ws["F4"].value, ws["F5"].value) == ("是", "否")
    assert ws.column_dimensions["A"].width == 14          # 12 characters of JD-01-1-0502, plus 2


def test_write_table_sheet_title_and_empty_rows(tmp_path):
    n = write_table(tmp_path / "e.xlsx", "欠费/明细[2024]", ["a"], [])
    assert n == 0
    assert load_workbook(tmp_path / "e.xlsx").sheetnames == ["欠费_明细_2024_"]
