"""Bad workbooks: every problem is reported at its sheet, row and column, and nothing is written.

Each case spoils the good workbook (tests/excel/helpers.py) in one place.  Rows are
Excel's row numbers: the header is row 1, so the n-th data row is row n + 1.
房间 rows: 2 = JD-01-1-0502, 3 = JD-01-1-1801, 4 = JD-01-2-0501, 5 = JD-V1-101.
业主 rows: 2 = 张三 @0502, 3 = 李娜 @0501 (tenant), 4 = 张三 @V1-101.
"""

from __future__ import annotations

import pytest

from propdesk.errors import ValidationFailed
from propdesk.excel.importer import import_workbook, validate_workbook
from tests.excel.helpers import OWNER_HEAD, ROOM_HEAD


def _set(sheets, sheet, row, column, value):
    """Put ``value`` in Excel row ``row`` under header ``column``."""
    head = sheets[sheet][0]
    sheets[sheet][row - 1][head.index(column)] = value


def _drop_column(sheets, sheet, column):
    i = sheets[sheet][0].index(column)
    for r in sheets[sheet]:
        del r[i]


def missing_required_column(s):
    _drop_column(s, "房间", "建筑面积")


def missing_room_columns_in_owners(s):
    _drop_column(s, "业主", "房号")


def bad_number(s):
    _set(s, "房间", 3, "建筑面积", "一百二十")


def negative_area(s):
    _set(s, "房间", 2, "套内面积", -3)


def inner_above_building(s):
    _set(s, "房间", 4, "套内面积", "80.00")   # building area of that room: 76.80


def required_cell_blank(s):
    _set(s, "房间", 5, "房号", "  ")


def bad_id_check_digit(s):
    _set(s, "业主", 2, "证件号码", "110101199003074515")   # the check character is 4 (206 % 11 = 8)


def id_stored_as_number(s):
    _set(s, "业主", 3, "证件号码", 4.4030519851212e17)


def bad_mobile(s):
    _set(s, "业主", 3, "手机", "1370013700")              # 10 digits


def bad_emergency_phone(s):
    _set(s, "业主", 2, "紧急联系电话", "12")


def bad_date(s):
    _set(s, "业主", 2, "入住日期", "2024-13-01")


def duplicate_room_in_file(s):
    s["房间"].append(["JD", "01", "1", 5, "0502", "89.37", "", "", "", "", "", ""])   # row 6


def duplicate_room_code_by_spelling(s):
    s["房间"].append(["锦都花园", "01", "1单元", "5", "0502", 90, "", "", "", "", "", ""])   # row 6


def unknown_estate_for_building(s):
    _set(s, "楼栋", 3, "小区", "翠湖苑")


def unknown_estate_for_room(s):
    _set(s, "房间", 3, "小区", "CH")


def unknown_building(s):
    _set(s, "房间", 4, "楼栋", "03")


def unknown_coded_value(s):
    _set(s, "房间", 2, "用途", "仓库")


def unknown_building_type(s):
    _set(s, "楼栋", 2, "楼宇类型", "超高层")


def floor_above_building(s):
    _set(s, "房间", 3, "楼层", 19)                       # building 01 has 18 floors


def floor_zero(s):
    _set(s, "房间", 3, "楼层", 0)


def floors_out_of_range(s):
    _set(s, "楼栋", 2, "层数", 201)


def room_code_mismatch(s):
    for r in s["房间"]:
        r.insert(0, "房间编码" if r is s["房间"][0] else "")
    _set(s, "房间", 2, "房间编码", "JD-01-1-0503")


def second_owner_in_file(s):
    s["业主"].append(["JD", "01", "1", "0502", "王五", "", "", "", "13600136000", "业主", "", "", "", "",
                     ""])  # row 5


def owner_name_blank(s):
    _set(s, "业主", 3, "姓名", "")


def owner_room_unknown(s):
    _set(s, "业主", 3, "房号", "0599")


def owner_without_room_columns(s):
    _set(s, "业主", 3, "楼栋", None)


def same_id_two_names(s):
    _set(s, "业主", 4, "姓名", "张叁")


def duplicate_estate_in_file(s):
    s["小区"].append(["JD", "锦都花园二期", "", "", "", "", ""])   # row 3


def duplicate_building_in_file(s):
    s["楼栋"].append(["JD", "1", "高层", "框架", 18])             # "1" is building 01 without its zero


def estate_code_not_ascii(s):
    _set(s, "小区", 2, "小区编码", "锦都")


def move_in_date_absurd(s):
    _set(s, "业主", 2, "入住日期", "1900-01-01")


def duplicate_column(s):
    s["房间"][0].append("房间号")
    for r in s["房间"][1:]:
        r.append("9999")


CASES = [
    (missing_required_column, [("房间", 1, "建筑面积")]),
    (missing_room_columns_in_owners, [("业主", 1, "房号")]),
    (bad_number, [("房间", 3, "建筑面积")]),
    (negative_area, [("房间", 2, "套内面积")]),
    (inner_above_building, [("房间", 4, "套内面积")]),
    # Row 5 defines no room, so the owner row of JD-V1-101 has no room either.
    (required_cell_blank, [("房间", 5, "房号"), ("业主", 4, "房号")]),
    (bad_id_check_digit, [("业主", 2, "证件号码")]),
    (id_stored_as_number, [("业主", 3, "证件号码")]),
    (bad_mobile, [("业主", 3, "手机")]),
    (bad_emergency_phone, [("业主", 2, "紧急联系电话")]),
    (bad_date, [("业主", 2, "入住日期")]),
    (duplicate_room_in_file, [("房间", 6, "房号")]),
    (duplicate_room_code_by_spelling, [("房间", 6, "房号")]),
    (unknown_estate_for_building, [("楼栋", 3, "小区"), ("房间", 5, "楼栋"), ("业主", 4, "楼栋")]),
    (unknown_estate_for_room, [("房间", 3, "小区")]),
    (unknown_building, [("房间", 4, "楼栋"), ("业主", 3, "房号")]),
    (unknown_coded_value, [("房间", 2, "用途")]),
    (unknown_building_type, [("楼栋", 2, "楼宇类型")]),
    (floor_above_building, [("房间", 3, "楼层")]),
    (floor_zero, [("房间", 3, "楼层")]),
    (floors_out_of_range, [("楼栋", 2, "层数")]),
    (room_code_mismatch, [("房间", 2, "房间编码")]),
    (second_owner_in_file, [("业主", 5, "房号")]),
    (owner_room_unknown, [("业主", 3, "房号")]),
    (owner_name_blank, [("业主", 3, "姓名")]),
    (owner_without_room_columns, [("业主", 3, "楼栋")]),
    (same_id_two_names, [("业主", 4, "姓名")]),
    (duplicate_estate_in_file, [("小区", 3, "小区编码")]),
    (duplicate_building_in_file, [("楼栋", 4, "楼栋")]),
    # The estate row is refused, so every reference to it (by code or name) is unresolved too.
    (estate_code_not_ascii, [("小区", 2, "小区编码"), ("楼栋", 2, "小区"), ("楼栋", 3, "小区"),
                             ("房间", 2, "小区"), ("房间", 3, "小区"), ("房间", 4, "小区"), ("房间", 5, "小区"),
                             ("业主", 2, "小区"), ("业主", 3, "小区"), ("业主", 4, "小区")]),
    (move_in_date_absurd, [("业主", 2, "入住日期")]),
    (duplicate_column, [("房间", 1, "房间号")]),
]


@pytest.mark.parametrize("spoil, expected", CASES, ids=[c[0].__name__ for c in CASES])
def test_bad_file_reports_exact_cells_and_writes_nothing(spoil, expected, db, admin, book, sheets, counts):
    spoil(sheets)
    path = book(sheets)
    before = counts(db)
    with db.session() as s:
        found = [(p.sheet, p.row, p.column) for p in validate_workbook(s, admin, path)]
    assert found == expected
    with pytest.raises(ValidationFailed) as e, db.session() as s:
        import_workbook(s, admin, path)
    assert [(p.sheet, p.row, p.column) for p in e.value.problems] == expected
    assert all(p.zh and p.en for p in e.value.problems)
    assert counts(db) == before


def test_messages_say_what_and_what_to_do(db, admin, book, sheets):
    floor_above_building(sheets)
    second_owner_in_file(sheets)
    bad_id_check_digit(sheets)
    with db.session() as s:
        problems = {(p.sheet, p.row, p.column): p for p in validate_workbook(s, admin, book(sheets))}
    assert problems[("房间", 3, "楼层")].zh == "楼层 19 超过楼栋 JD-01 的层数 18"
    assert problems[("业主", 2, "证件号码")].zh == "身份证号码校验位错误，应为 4"
    assert "已有业主（第2行 张三）" in problems[("业主", 5, "房号")].zh
    assert problems[("业主", 5, "房号")].where == "业主 第5行 房号"


def test_all_problems_collected_in_file_order(db, admin, book, sheets, counts):
    """Nine problems on four sheets: all reported, ordered by sheet, row and column."""
    _set(sheets, "小区", 2, "电话", "12")
    _set(sheets, "楼栋", 2, "层数", "十八")
    _set(sheets, "房间", 2, "建筑面积", "x")
    _set(sheets, "房间", 2, "用途", "仓库")
    _set(sheets, "房间", 3, "套内面积", "200")
    duplicate_room_in_file(sheets)
    _set(sheets, "业主", 2, "手机", "123")
    _set(sheets, "业主", 2, "证件号码", "110101199003074515")
    _set(sheets, "业主", 3, "身份", "房客")
    before = counts(db)
    with pytest.raises(ValidationFailed) as e, db.session() as s:
        import_workbook(s, admin, book(sheets))
    assert [(p.sheet, p.row, p.column) for p in e.value.problems] == [
        ("小区", 2, "电话"), ("楼栋", 2, "层数"), ("房间", 2, "建筑面积"), ("房间", 2, "用途"),
        ("房间", 3, "套内面积"), ("房间", 6, "房号"), ("业主", 2, "证件号码"), ("业主", 2, "手机"),
        ("业主", 3, "身份")]
    assert "9 处错误" in e.value.zh
    assert counts(db) == before


def _import_good(db, admin, book, sheets):
    with db.session() as s:
        import_workbook(s, admin, book(sheets))


def test_room_already_in_database(db, admin, book, sheets, counts):
    import copy
    _import_good(db, admin, book, copy.deepcopy(sheets))
    before = counts(db)
    again = {"房间": [ROOM_HEAD, ["JD", "01", "2", 6, "0601", "80", "", "", "", "", "", ""],
                      ["JD", "01", "1", 5, "0502", "89.37", "", "", "", "", "", ""]]}
    with pytest.raises(ValidationFailed) as e, db.session() as s:
        import_workbook(s, admin, book(again))
    assert [(p.sheet, p.row, p.column) for p in e.value.problems] == [("房间", 3, "房号")]
    assert "JD-01-1-0502 在系统中已存在" in e.value.problems[0].zh
    assert counts(db) == before


def test_second_owner_against_database(db, admin, book, sheets, counts):
    import copy
    _import_good(db, admin, book, copy.deepcopy(sheets))
    before = counts(db)
    again = {"业主": [OWNER_HEAD[:5], ["JD", "01", "1", "0502", "王五"], ["JD", "01", "2", "0501", "赵六"]]}
    with pytest.raises(ValidationFailed) as e, db.session() as s:
        import_workbook(s, admin, book(again))
    assert [(p.sheet, p.row, p.column) for p in e.value.problems] == [("业主", 2, "房号")]
    assert "系统中的业主 张三" in e.value.problems[0].zh
    assert counts(db) == before


def test_existing_building_with_other_floors(db, admin, book, sheets, counts):
    import copy
    _import_good(db, admin, book, copy.deepcopy(sheets))
    again = {"楼栋": [["小区", "楼栋", "层数"], ["JD", "01", 20]]}
    with db.session() as s:
        problems = validate_workbook(s, admin, book(again))
    assert [(p.sheet, p.row, p.column) for p in problems] == [("楼栋", 2, "层数")]
    assert "为18层" in problems[0].zh


def test_estate_code_with_another_name_in_database(db, admin, book, sheets):
    import copy
    _import_good(db, admin, book, copy.deepcopy(sheets))
    again = {"小区": [["小区编码", "小区名称"], ["JD", "锦都华庭"], ["CH", "锦都花园"]]}
    with db.session() as s:
        problems = validate_workbook(s, admin, book(again))
    assert [(p.sheet, p.row, p.column) for p in problems] == [("小区", 2, "小区名称"), ("小区", 3, "小区名称")]


@pytest.mark.parametrize("content, fragment", [
    (b"not a zip at all", "不是有效的 .xlsx"),
    (None, "找不到文件"),
])
def test_unreadable_files(db, admin, tmp_path, content, fragment):
    path = tmp_path / "x.xlsx"
    if content is not None:
        path.write_bytes(content)
    with db.session() as s:
        problems = validate_workbook(s, admin, path)
    assert len(problems) == 1 and fragment in problems[0].zh and problems[0].row is None


def test_no_known_sheet(db, admin, book):
    with db.session() as s:
        problems = validate_workbook(s, admin, book({"Sheet1": [["a", "b"], [1, 2]]}))
    assert len(problems) == 1 and "工作表应命名为 小区、楼栋、房间、业主" in problems[0].zh


def test_no_header_row(db, admin, book):
    with db.session() as s:
        problems = validate_workbook(s, admin, book({"房间": [["x", "y"], ["JD", "01"]]}))
    assert [(p.sheet, p.row, p.column) for p in problems] == [("房间", 1, "")]
    assert "找不到表头行" in problems[0].zh


def test_data_written_between_check_and_insert_is_a_conflict(db, admin, book, sheets, counts):
    """Another terminal creating estate JD after the check: the insert fails as a whole."""
    from propdesk.errors import Conflict
    from propdesk.excel import importer
    from propdesk.services.property import create_company, create_estate, create_region

    before = counts(db)
    with pytest.raises(Conflict) as e, db.session() as s:
        plan, findings = importer._check(s, admin, book(sheets))
        assert findings.errors == []
        region = create_region(s, admin, create_company(s, admin, code="HX", name="华兴物业"),
                               code="SZ", name="深圳区域")
        create_estate(s, admin, region, code="JD", name="锦都花园")
        importer._insert(s, plan)
    assert "未导入任何数据" in e.value.zh
    assert counts(db) == before


def test_company_name_too_long_for_its_column(db, admin, book, sheets, counts):
    before = counts(db)
    with pytest.raises(ValidationFailed) as e, db.session() as s:
        import_workbook(s, admin, book(sheets), company_name="华" * 129)
    assert [(p.column, p.zh) for p in e.value.problems] == [("公司名称", "公司名称过长（129字），最多128字")]
    assert counts(db) == before


def test_damaged_sheet(db, admin, book, sheets, tmp_path):
    """A workbook whose 房间 sheet XML was cut off in transit."""
    import zipfile
    good = book(sheets)
    bad = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet3.xml":
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    with db.session() as s:
        problems = validate_workbook(s, admin, bad)
    assert len(problems) == 1 and "已损坏" in problems[0].zh and problems[0].sheet == "damaged.xlsx"
