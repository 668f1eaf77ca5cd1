"""Cell parsing: what Excel and sales systems hand us, and what we make of it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from propdesk.excel.cells import CellError, parse
from propdesk.excel.columns import BUILDINGS, ESTATES, OWNERS, ROOMS

AREA = ROOMS.column("building_area")
FLOOR = ROOMS.column("floor")
NUMBER = ROOMS.column("number")
BUILDING = ROOMS.column("building")
UNIT = ROOMS.column("unit")
DATE = OWNERS.column("start_date")
MOBILE = OWNERS.column("phone")
PHONE = OWNERS.column("emergency_phone")
ID_NO = OWNERS.column("id_number")


@pytest.mark.parametrize("col, raw, expected", [
    (AREA, 89.37, Decimal("89.37")),
    (AREA, "89.37", Decimal("89.37")),
    (AREA, " 89.37 ", Decimal("89.37")),
    (AREA, "８９.３７", Decimal("89.37")),            # full-width digits
    (AREA, "89.37㎡", Decimal("89.37")),
    (AREA, "1,234.5", Decimal("1234.50")),
    (AREA, 89.37000000000001, Decimal("89.37")),     # float noise from Excel arithmetic
    (AREA, 120, Decimal("120.00")),
    (AREA, "0", Decimal("0.00")),
    (FLOOR, 18, 18),
    (FLOOR, 18.0, 18),
    (FLOOR, "18", 18),
    (FLOOR, "１８层", 18),
    (FLOOR, "-1", -1),
    (FLOOR, "B2", -2),
    (NUMBER, "0502", "0502"),
    (NUMBER, 502, "502"),                              # Excel ate the zero; we cannot guess it back
    (NUMBER, "a01 ", "A01"),
    (BUILDING, "1栋", "1"),
    (BUILDING, "12号楼", "12"),
    (BUILDING, 1.0, "1"),
    (UNIT, "2单元", "2"),
    (DATE, dt.datetime(2024, 3, 1), dt.date(2024, 3, 1)),
    (DATE, dt.date(2024, 3, 1), dt.date(2024, 3, 1)),
    (DATE, "2024-03-01", dt.date(2024, 3, 1)),
    (DATE, "2024/3/1", dt.date(2024, 3, 1)),
    (DATE, "2024.3.1", dt.date(2024, 3, 1)),
    (DATE, "2024年3月1日", dt.date(2024, 3, 1)),
    (DATE, "20240301", dt.date(2024, 3, 1)),
    (DATE, 20240301, dt.date(2024, 3, 1)),
    (DATE, 45352, dt.date(2024, 3, 1)),                # Excel serial: 1899-12-30 + 45352 days
    (DATE, "２０２４-０３-０１", dt.date(2024, 3, 1)),
    (MOBILE, "13800138000", "13800138000"),
    (MOBILE, 13800138000, "13800138000"),
    (MOBILE, "138 0013 8000", "13800138000"),
    (MOBILE, "138-0013-8000", "13800138000"),
    (MOBILE, "+8613800138000", "13800138000"),
    (PHONE, "0755-83338888", "0755-83338888"),
    (ID_NO, "44030519851212002x", "44030519851212002X"),
    (ID_NO, " 110101199003074514\u3000", "110101199003074514"),
    (OWNERS.column("id_type"), "身份证", "resident_id"),
    (OWNERS.column("id_type"), "居民身份证", "resident_id"),
    (OWNERS.column("role"), "业主", "owner"),
    (OWNERS.column("role"), "租户", "tenant"),
    (OWNERS.column("role"), "tenant", "tenant"),
    (OWNERS.column("gender"), "女", "female"),
    (ROOMS.column("status"), "已售未入住", "sold"),
    (ROOMS.column("status"), "已入住", "occupied"),
    (ROOMS.column("usage"), "商铺", "shop"),
    (BUILDINGS.column("building_type"), "别墅", "villa"),
    (BUILDINGS.column("structure"), "砖混", "brick_concrete"),
    (ESTATES.column("code"), "jd", "JD"),
    (ESTATES.column("name"), " 锦都花园 ", "锦都花园"),
])
def test_accepted(col, raw, expected):
    got = parse(raw, col)
    assert got == expected
    assert type(got) is type(expected)


@pytest.mark.parametrize("raw", [None, "", "   ", "\u3000"])
def test_blank_is_none(raw):
    assert parse(raw, AREA) is None


@pytest.mark.parametrize("col, raw, fragment", [
    (AREA, "abc", "不是数字"),
    (AREA, -5, "不能为负数"),
    (AREA, "89.375", "最多两位小数"),
    (AREA, 1e9, "面积过大"),
    (FLOOR, "5.5", "应为整数"),
    (FLOOR, "五楼", "不是整数"),
    (DATE, "2024-02-30", "不是有效日期"),
    (DATE, "next week", "不是有效日期"),
    (MOBILE, "12345", "手机号码无效"),
    (MOBILE, "0755-83338888", "手机号码无效"),       # a landline is not a mobile
    (PHONE, "8888", "电话号码无效"),
    (ID_NO, 1.10101199003074e17, "存成了数字"),      # 18 digits do not survive a float
    (OWNERS.column("role"), "房客甲", "不是可选值"),
    (ROOMS.column("usage"), "仓库", "可选：住宅/商铺/办公/车位/其他"),
    (ESTATES.column("code"), "锦都", "英文字母和数字"),
    (NUMBER, "05 02", "不能含空格"),
    (NUMBER, "05-02", "不能含空格或“-”"),
    (NUMBER, "12345678901234567", "编码过长"),
    (ESTATES.column("name"), "名" * 129, "内容过长"),
])
def test_rejected_with_reason(col, raw, fragment):
    with pytest.raises(CellError) as e:
        parse(raw, col)
    assert fragment in e.value.zh
    assert e.value.en


# --- properties: every way Excel may hand over the same value gives the same value ----------

from hypothesis import given, strategies as st  # noqa: E402

_FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


@given(st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False, allow_infinity=False))
def test_area_as_number_text_or_full_width(d):
    assert parse(str(d), AREA) == d
    assert parse(float(d), AREA) == d                 # the float Excel stores for the typed number
    assert parse(str(d).translate(_FULL_WIDTH), AREA) == d
    assert parse(f" {d}㎡ ", AREA) == d


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_date_in_every_spelling(day):
    serial = (day - dt.date(1899, 12, 30)).days       # Excel's day number (1900 system, after 1900-03-01)
    for raw in (day, dt.datetime(day.year, day.month, day.day), day.isoformat(),
                f"{day.year}/{day.month}/{day.day}", f"{day.year}年{day.month}月{day.day}日",
                f"{day:%Y%m%d}", int(f"{day:%Y%m%d}"), serial, float(serial)):
        assert parse(raw, DATE) == day, raw
