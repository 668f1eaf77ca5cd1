"""A good sales-system workbook imports completely, with everything filled in as the services would."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from propdesk.errors import PermissionDenied, ValidationFailed
from propdesk.excel.importer import import_workbook, preview_workbook, validate_workbook
from propdesk.models import AuditLog, Building, Company, Customer, Estate, Occupancy, Region, Room, Unit
from tests.excel.helpers import ID_ZHANG, OWNER_HEAD, ROOM_HEAD

TODAY = dt.date(2025, 6, 30)


def _import(db, actor, path, **kw):
    with db.session() as s:
        return import_workbook(s, actor, path, today=TODAY, **kw)


def test_good_file_imports_rooms_owners_and_search_helpers(db, admin, book, sheets, counts):
    report = _import(db, admin, book(sheets))
    assert report.ok and report.written
    assert report.counts == {"company": 1, "region": 1, "estate": 1, "building": 2, "unit": 2, "room": 4,
                             "customer": 2, "occupancy": 3}
    with db.session() as s:
        rooms = {r.code: r for r in s.scalars(select(Room))}
        assert sorted(rooms) == ["JD-01-1-0502", "JD-01-1-1801", "JD-01-2-0501", "JD-V1-101"]
        r = rooms["JD-01-1-0502"]
        assert (r.number, r.floor, r.layout, r.orientation, r.usage, r.ownership_type) == \
            ("0502", 5, "两室两厅", "南北", "residential", "commodity")
        assert r.building_area == Decimal("89.37") and isinstance(r.building_area, Decimal)
        assert r.inner_area == Decimal("70.15")
        assert rooms["JD-01-1-1801"].building_area == Decimal("128.50")
        assert rooms["JD-01-1-1801"].inner_area == Decimal("101.20")   # 101.2 typed as a number
        assert rooms["JD-01-2-0501"].inner_area == Decimal("0.00")     # blank: 0
        assert rooms["JD-V1-101"].unit_id is None                      # a villa has no unit
        # 状态: given values are kept; blank ones follow the occupants (owner -> 入住, tenant only -> 出租).
        assert {c: r.status for c, r in rooms.items()} == {
            "JD-01-1-0502": "occupied", "JD-01-1-1801": "sold", "JD-01-2-0501": "rented",
            "JD-V1-101": "decorating"}
        estate = s.scalar(select(Estate))
        assert (estate.code, estate.name, estate.land_area, estate.building_area, estate.green_area,
                estate.phone) == ("JD", "锦都花园", Decimal("52000.00"), Decimal("186000.50"),
                                  Decimal("18500.00"), "0755-83338888")
        buildings = {b.code: b for b in s.scalars(select(Building))}
        assert (buildings["01"].building_type, buildings["01"].structure, buildings["01"].floors,
                buildings["01"].name) == ("high_rise", "frame", 18, "01栋")
        assert (buildings["V1"].building_type, buildings["V1"].structure, buildings["V1"].floors) == \
            ("villa", "brick_concrete", 3)
        assert sorted(u.code for u in s.scalars(select(Unit))) == ["1", "2"]
        assert all(r.estate_id == estate.id for r in rooms.values())

        people = {c.name: c for c in s.scalars(select(Customer))}
        assert sorted(people) == ["张三", "李娜"]      # 张三 owns two rooms: one customer
        z = people["张三"]
        assert (z.id_type, z.id_number, z.phone, z.gender, z.employer, z.emergency_contact,
                z.emergency_phone, z.note) == ("resident_id", ID_ZHANG, "13800138000", "male", "华兴科技",
                                               "李四", "13900139000", "VIP")
        assert z.name_initials == "zs" and z.id_rev == "415470300991101011"
        li = people["李娜"]
        assert li.name_initials == "ln" and li.id_rev == "X20021215891503044" and li.gender == "female"
        occ = sorted((o.role, s.get(Room, o.room_id).code, s.get(Customer, o.customer_id).name, o.start_date,
                      o.end_date) for o in s.scalars(select(Occupancy)))
        assert occ == [("owner", "JD-01-1-0502", "张三", dt.date(2024, 3, 1), None),
                       ("owner", "JD-V1-101", "张三", TODAY, None),     # blank 入住日期: the import day
                       ("tenant", "JD-01-2-0501", "李娜", dt.date(2024, 3, 1), None)]
        company, region = s.scalar(select(Company)), s.scalar(select(Region))
        assert (company.name, region.name, region.company_id, estate.region_id) == \
            ("物业服务公司", "默认区域", company.id, region.id)
    assert counts(db)["audit_log"] == 5


def test_one_audit_record_per_sheet_with_counts(db, admin, book, sheets):
    _import(db, admin, book(sheets, "sales.xlsx"))
    with db.session() as s:
        logs = {a.entity: a for a in s.scalars(select(AuditLog).where(AuditLog.action == "import"))}
    assert sorted(logs) == ["building", "customer", "estate", "region", "room"]
    room = json.loads(logs["room"].after)
    assert room == {"file": "sales.xlsx", "sheet": "房间", "rows": 4, "created": {"room": 4, "unit": 2},
                    "existing": {}}
    owners = json.loads(logs["customer"].after)
    assert owners["rows"] == 3 and owners["created"] == {"customer": 2, "occupancy": 3}
    assert logs["room"].summary == "Excel导入 sales.xlsx 房间: 4行，新建 2个单元、4间房间"
    assert logs["room"].operator_name == admin.label


def test_company_and_region_names_for_a_fresh_office(db, admin, book, sheets):
    _import(db, admin, book(sheets), company_name="华兴物业", region_name="深圳区域")
    with db.session() as s:
        assert s.scalar(select(Company.name)) == "华兴物业"
        assert s.scalar(select(Region.name)) == "深圳区域"


def test_estates_go_to_the_only_region_of_an_existing_company(db, admin, book, sheets):
    from propdesk.services.property import create_company, create_region

    with db.session() as s:
        region = create_region(s, admin, create_company(s, admin, code="HX", name="华兴物业"),
                               code="SZ", name="深圳区域")
        region_id = region.id
    report = _import(db, admin, book(sheets))
    assert report.counts["company"] == 0 and report.counts["region"] == 0
    with db.session() as s:
        assert s.scalar(select(Estate.region_id)) == region_id


def test_region_column_picks_among_several(db, admin, book, sheets):
    from propdesk.services.property import create_company, create_region

    with db.session() as s:
        company = create_company(s, admin, code="HX", name="华兴物业")
        create_region(s, admin, company, code="SZ", name="深圳区域")
        gz = create_region(s, admin, company, code="GZ", name="广州区域").id
    sheets["小区"][0].append("所属区域")
    sheets["小区"][1].append("广州区域")
    _import(db, admin, book(sheets))
    with db.session() as s:
        assert s.scalar(select(Estate.region_id)) == gz


def test_several_regions_and_none_named_is_an_error(db, admin, book, sheets, counts):
    from propdesk.services.property import create_company, create_region

    with db.session() as s:
        company = create_company(s, admin, code="HX", name="华兴物业")
        create_region(s, admin, company, code="SZ", name="深圳区域")
        create_region(s, admin, company, code="GZ", name="广州区域")
    with db.session() as s:
        problems = validate_workbook(s, admin, book(sheets))
    assert [(p.sheet, p.row, p.column) for p in problems] == [("小区", 2, "所属区域")]
    assert "深圳区域" in problems[0].zh and "广州区域" in problems[0].zh


def test_tolerates_what_excel_and_sales_systems_do(db, admin, book):
    """Reordered and renamed columns, an extra column, a title line, text numbers, full-width digits,
    trailing spaces, 1栋/1单元 spellings, dates as strings and serials, a building code that lost its 0."""
    sheets = {
        "小区": [["锦都花园资料（销售系统导出）"],
                 ["项目名称", "小区编码 ", "*电话", "占地面积"],
                 ["锦都花园 ", "jd", "0755-83338888", "５２０００"]],
        "楼栋": [["层数", "楼栋", "小区", "开发商"],
                 ["１８", "01", "锦都花园", "某地产"]],
        "房屋": [["房号", "楼栋", "小区", "单元", "楼层", "建筑面积\n(㎡)", "房屋状态", "销售员"],
                 ["0502", 1, "JD", "1单元", "5层", "89.37㎡", "已售", "王五"],
                 ["0602 ", "1栋", "JD", 1, 6, 89.37000000000001, "", ""]],
        "客户": [["房间编码", "客户姓名", "证件号码（身份证）", "手机号码", "入伙日期"],
                 ["jd-01-1-0502", "张三", "110101199003074514", "138 0013 8000", 45352],
                 ["JD-01-1-0602", "李娜", "44030519851212002x", 13700137000, "2024年3月1日"]],
        "统计": [["随便什么"]],
    }
    with db.session() as s:
        report = preview_workbook(s, admin, book(sheets))
    assert report.problems == []
    notes = {(n.sheet, n.column) for n in report.notes}
    assert {("楼栋", "开发商"), ("房屋", "销售员"), ("统计", "")} <= notes
    _import(db, admin, book(sheets))
    with db.session() as s:
        rooms = {r.code: r for r in s.scalars(select(Room))}
        assert sorted(rooms) == ["JD-01-1-0502", "JD-01-1-0602"]
        assert rooms["JD-01-1-0502"].status == "sold" and rooms["JD-01-1-0602"].status == "occupied"
        assert rooms["JD-01-1-0602"].building_area == Decimal("89.37")
        assert s.scalar(select(Estate.land_area)) == Decimal("52000.00")
        people = {c.name: (c.id_number, c.phone) for c in s.scalars(select(Customer))}
        assert people == {"张三": ("110101199003074514", "13800138000"),
                          "李娜": ("44030519851212002X", "13700137000")}
        starts = sorted(s.scalars(select(Occupancy.start_date)))
        assert starts == [dt.date(2024, 3, 1), dt.date(2024, 3, 1)]


def test_existing_estate_and_building_are_reused_and_new_rooms_added(db, admin, book, sheets, counts):
    _import(db, admin, book(sheets))
    second = {
        "小区": [["小区编码", "小区名称"], ["JD", "锦都花园"]],
        "楼栋": [["小区", "楼栋", "层数"], ["JD", "01", 18], ["JD", "02", 11]],
        "房间": [ROOM_HEAD[:6], ["JD", "02", "1", 11, "1101", "99"],
                 ["JD", "01", "1", 6, "0602", "89.37"]],
        "业主": [["房间编码", "姓名", "证件号码", "手机"],
                 ["JD-02-1-1101", "张三", ID_ZHANG, "13800138000"],      # already a customer
                 ["JD-01-1-1801", "王芳", "", "13600136000"]],           # a room of the database
    }
    report = _import(db, admin, book(second))
    assert report.counts == {"company": 0, "region": 0, "estate": 0, "building": 1, "unit": 1, "room": 2,
                             "customer": 1, "occupancy": 2}
    by_sheet = {sh.sheet: sh for sh in report.sheets}
    assert by_sheet["小区"].existing == {"estate": 1} and by_sheet["楼栋"].existing == {"building": 1}
    assert by_sheet["业主"].existing == {"customer": 1}
    assert any("沿用" in n.zh for n in report.notes)
    with db.session() as s:
        assert s.scalar(select(Customer.id).where(Customer.name == "王芳")) is not None
        assert len(list(s.scalars(select(Customer).where(Customer.id_number == ID_ZHANG)))) == 1
        # the existing room's status is not changed by the import
        assert s.scalar(select(Room.status).where(Room.code == "JD-01-1-1801")) == "sold"
    assert counts(db)["room"] == 6


def test_cashier_and_front_desk_cannot_import(db, actor_for, book, sheets, counts):
    before = counts(db)
    for role in ("cashier", "frontdesk", "engineer"):
        with pytest.raises(PermissionDenied):
            _import(db, actor_for(role), book(sheets))
        with db.session() as s, pytest.raises(PermissionDenied):
            validate_workbook(s, actor_for(role), book(sheets))
    assert counts(db) == before


def test_finance_may_import(db, actor_for, book, sheets):
    assert _import(db, actor_for("finance", "caiwu"), book(sheets)).counts["room"] == 4


def test_preview_writes_nothing_and_tells_what_would_be_created(db, admin, book, sheets, counts):
    before = counts(db)
    with db.session() as s:
        report = preview_workbook(s, admin, book(sheets))
    assert report.ok and not report.written
    assert report.counts["room"] == 4 and report.counts["customer"] == 2
    assert counts(db) == before


def test_empty_template_has_nothing_to_import(db, admin, tmp_path):
    from propdesk.excel.template import write_template

    path = write_template(tmp_path / "empty.xlsx")
    with db.session() as s, pytest.raises(ValidationFailed) as e:
        import_workbook(s, admin, path)
    assert "没有任何数据行" in e.value.problems[0].zh


def test_owner_rows_by_room_code_only(db, admin, book, sheets):
    sheets["业主"] = [["房间编码", "姓名", "身份"], ["JD-01-1-0502", "赵六", "业主"]]
    _import(db, admin, book(sheets))
    with db.session() as s:
        assert s.scalar(select(Customer.name)) == "赵六"
        assert s.scalar(select(Customer.id_type)) == "resident_id"


def test_same_name_and_mobile_without_id_is_one_customer(db, admin, book, sheets):
    sheets["业主"] = [OWNER_HEAD[:5] + ["手机"],
                      ["JD", "01", "1", "0502", "赵六", "13500135000"],
                      ["JD", "01", "1", "1801", "赵六", "13500135000"]]
    _import(db, admin, book(sheets))
    with db.session() as s:
        assert len(list(s.scalars(select(Customer)))) == 1
        assert len(list(s.scalars(select(Occupancy)))) == 2


def test_company_customer_takes_a_credit_code(db, admin, book, sheets):
    sheets["业主"] = [["房间编码", "姓名", "客户类别", "证件号码", "身份"],
                      ["JD-01-1-0502", "深圳市华兴科技有限公司", "企业", "91440300MA5DXXXX1X", "租户"]]
    _import(db, admin, book(sheets))
    with db.session() as s:
        c = s.scalar(select(Customer))
        assert (c.kind, c.id_type, c.id_number, c.gender) == ("company", "business_license",
                                                              "91440300MA5DXXXX1X", "")
        assert s.scalar(select(Room.status).where(Room.code == "JD-01-1-0502")) == "rented"
