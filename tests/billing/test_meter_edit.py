"""修改仪表 and 停用/启用 (update_meter), and an estate's own public meters (小区总表)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from propdesk.errors import PermissionDenied, ValidationFailed
from propdesk.models import AuditLog
from propdesk.models.billing import BillLine, Meter, MeterReading
from propdesk.security import Actor
from propdesk.services.billing import catalog, meters, run
from propdesk.services.billing.catalog import VersionInput
from tests.billing.conftest import build_estate

MAR31, APR25 = dt.date(2026, 3, 31), dt.date(2026, 4, 25)


def audits(s, meter_id) -> list[AuditLog]:
    return list(s.scalars(select(AuditLog).where(AuditLog.entity == "meter", AuditLog.action == "update",
                                                 AuditLog.entity_id == str(meter_id)).order_by(AuditLog.created_at)))


def problems(info) -> list[str]:
    return [p.zh for p in info.value.problems]


def test_edit_before_readings_changes_the_register_too(db, admin, estate):
    with db.session() as s:
        m = meters.create_meter(s, admin, kind="electric", room_id=estate.rooms["0101"], initial_reading=D("1234.5"),
                                installed_on=MAR31)
        mid = m.id
    with db.session() as s:                          # as the screen does: the meter read back from the database
        m = s.get(Meter, mid)
        meters.update_meter(s, admin, m.id, name="厨房电表", serial_no=" A-0042 ", note="表箱在走廊",
                            multiplier=D("2"), max_reading=D("99999.9"), places=1, active=True)
        assert (m.name, m.serial_no, m.note, m.multiplier, m.max_reading, m.places, m.active) == (
            "厨房电表", "A-0042", "表箱在走廊", D("2"), D("99999.9"), 1, True)
        (initial,) = meters.meter_readings(s, m.id)
        assert initial.multiplier == D("2")           # the installation reading follows the new 倍率
        (a,) = audits(s, m.id)
        # only the changed fields, before and after (places and active were unchanged)
        assert json.loads(a.before) == {"name": "电表", "serial_no": "", "note": "", "multiplier": "1.00",
                                        "max_reading": None}
        assert json.loads(a.after) == {"name": "厨房电表", "serial_no": "A-0042", "note": "表箱在走廊",
                                       "multiplier": "2.00", "max_reading": "99999.900"}
        assert a.summary == f"修改仪表 {m.code}" and a.operator_name == admin.label
        # the same values again: nothing changes, nothing is audited
        meters.update_meter(s, admin, m.code, name="厨房电表", multiplier=D("2.00"), places=1)
        assert len(audits(s, m.id)) == 1
        # fewer places than the installation reading has, a maximum below it: refused
        with pytest.raises(ValidationFailed) as info:
            meters.update_meter(s, admin, m.id, places=0, max_reading=D("999"))
        assert problems(info) == ["起始读数 1,234.5 的小数位多于 0 位", "起始读数 1,234.5 超过最大读数 999"]


def test_register_fields_are_refused_once_read(db, admin, estate):
    with db.session() as s:
        m = meters.create_meter(s, admin, kind="water", room_id=estate.rooms["0101"], initial_reading=D("100"),
                                installed_on=MAR31, places=0)
        meters.enter_readings(s, admin, "2026-04", APR25, [meters.ReadingEntry(m.id, D("112"))])
        with pytest.raises(ValidationFailed) as info:
            meters.update_meter(s, admin, m.id, name="新名称", multiplier=D("10"), max_reading=D("9999"), places=1)
        code = m.code
        assert problems(info) == [
            f"仪表 {code} 已有抄表读数，倍率不能修改：修改会改变已算出的用量；换了表或互感器请用「换表」",
            f"仪表 {code} 已有抄表读数，最大读数不能修改：修改会改变已算出的用量；换了表或互感器请用「换表」",
            f"仪表 {code} 已有抄表读数，小数位不能修改：修改会改变已算出的用量；换了表或互感器请用「换表」",
        ]
        assert (m.name, m.multiplier, m.max_reading, m.places) == ("水表", D("1"), None, 0)
        # unchanged register values pass (the dialog sends the whole form); the rest changes
        meters.update_meter(s, admin, m.id, name="新名称", serial_no="W-7", multiplier=D("1"), max_reading=None,
                            places=0)
        assert (m.name, m.serial_no) == ("新名称", "W-7")
        # what identifies the meter, and bad values
        with pytest.raises(ValidationFailed) as info:
            meters.update_meter(s, admin, m.id, kind="gas", room_id=estate.rooms["0102"], name=" ")
        assert problems(info) == [
            "仪表的表类型不能修改：位置或类型不对请停用此表并新建仪表，换了表请用「换表」",
            "仪表的房间不能修改：位置或类型不对请停用此表并新建仪表，换了表请用「换表」",
            "名称不能为空"]
        with pytest.raises(ValidationFailed) as info:
            meters.update_meter(s, admin, m.id, multiplier=D("0"), places=4, max_reading=D("-1"), active="no")
        assert problems(info) == ["停用应为是/否", "倍率必须大于0，最多2位小数", "读数小数位应为0到3", "最大读数必须大于0"]


def test_permission_is_fee_edit(db, admin, estate):
    with db.session() as s:
        m = meters.create_meter(s, admin, kind="water", room_id=estate.rooms["0101"], initial_reading=D("1"),
                                installed_on=MAR31)
        for role in ("cashier", "frontdesk"):
            with pytest.raises(PermissionDenied):
                meters.update_meter(s, Actor.for_role("x", role), m.id, name="x")
        meters.update_meter(s, Actor.for_role("li", "finance", display_name="李会计"), m.id, active=False)
        (a,) = audits(s, m.id)
        assert (a.summary, a.operator_name, json.loads(a.before), json.loads(a.after)) == (
            f"停用仪表 {m.code}", "李会计", {"active": True}, {"active": False})


def water_standard(s, actor, estate):
    std = catalog.create_standard(s, actor, code="WATER-STD", name="居民水费", fee_item="WATER", method="metered",
                                  meter_kind="water", version=VersionInput(dt.date(2026, 1, 1), unit_price=D("3.50")))
    catalog.assign(s, actor, std.id, scope_kind="estate", scope_id=estate.estate_id, start_period="2026-01")
    return std


def water_lines(s, period):
    return [(l.target_code, l.kind, l.amount) for l in s.scalars(select(BillLine).where(
        BillLine.bill_period == period, BillLine.fee_item_id == catalog.get_fee_item(s, "WATER").id)
        .order_by(BillLine.target_code, BillLine.seq))]


def test_inactive_meter_keeps_its_read_periods_and_leaves_later_ones(db, admin, estate):
    with db.session() as s:
        water_standard(s, admin, estate)
        m1 = meters.create_meter(s, admin, kind="water", room_id=estate.rooms["0101"], initial_reading=D("100"),
                                 installed_on=MAR31, places=0)
        m2 = meters.create_meter(s, admin, kind="water", room_id=estate.rooms["0102"], initial_reading=D("50"),
                                 installed_on=MAR31, places=0)
        meters.enter_readings(s, admin, "2026-04", APR25, [meters.ReadingEntry(m1.id, D("110")),
                                                           meters.ReadingEntry(m2.id, D("54"))])
        # 停用 0101's meter after its April reading, before April is billed
        meters.update_meter(s, admin, m1.id, active=False)
        sheet = meters.reading_sheet(s, admin, estate.building_id, "2026-04")
        assert [(r.meter_code, r.current, r.active) for r in sheet] == [
            (m1.code, D("110"), False), (m2.code, D("54"), True)]
        assert [r.meter_code for r in meters.reading_sheet(s, admin, estate.building_id, "2026-05")] == [m2.code]
        run.commit(s, admin, "2026-04")
        # April: 0101 (110 − 100) × 3.50 = 35.00, 0102 (54 − 50) × 3.50 = 14.00
        assert water_lines(s, "2026-04") == [("JD-01-1-0101", "charge", D("35.00")),
                                             ("JD-01-1-0102", "charge", D("14.00"))]
        # no reading is taken on an inactive meter, by any path
        with pytest.raises(ValidationFailed) as info:
            meters.enter_readings(s, admin, "2026-05", dt.date(2026, 5, 25), [meters.ReadingEntry(m1.id, D("120"))])
        assert problems(info) == [f"仪表 {m1.code} 已停用，不能录入读数；需要时请先在「仪表」中启用"]
        with pytest.raises(ValidationFailed, match="已停用，不能录入读数"):
            meters.record_reading(s, admin, m1.id, D("120"), dt.date(2026, 5, 25))
        with pytest.raises(ValidationFailed) as info:
            meters.replace_meter(s, admin, m1.id, old_final=D("120"), new_initial=D("0"), on=dt.date(2026, 5, 3))
        assert problems(info)[0] == f"仪表 {m1.code} 已停用，不能换表；需要时请先在「仪表」中启用"
        meters.enter_readings(s, admin, "2026-05", dt.date(2026, 5, 25), [meters.ReadingEntry(m2.id, D("60"))])
        pv = run.preview(s, admin, "2026-05")
        # May: only 0102, (60 − 54) × 3.50 = 21.00; the inactive meter is not reported as 未抄表
        assert [(l.target.code, l.amount) for l in pv.lines if l.formula.startswith("JD-01-1-")] == [
            ("JD-01-1-0102", D("21.00"))]
        assert not [p for p in pv.problems if m1.code in p.where]
        # a re-run of April reverses nothing: the reading before 停用 is still billed
        run.commit(s, admin, "2026-04")
        assert len(water_lines(s, "2026-04")) == 2
        # 启用 again: the meter is back on the May sheet and takes readings
        meters.update_meter(s, admin, m1.id, active=True)
        assert [r.meter_code for r in meters.reading_sheet(s, admin, estate.building_id, "2026-05")] == [
            m1.code, m2.code]
        meters.record_reading(s, admin, m1.id, D("120"), dt.date(2026, 5, 26), source="manual")


def test_inactive_public_meter_is_shared_only_where_read(db, admin):
    with db.session() as s:
        e = build_estate(s, admin, areas=(("0101", "50.00"), ("0102", "150.00")), code="GS")
        std = catalog.create_standard(s, admin, code="PUB-STD", name="公摊电费", fee_item="PUBU", method="shared",
                                      share_basis="building_area", meter_kind="electric",
                                      version=VersionInput(dt.date(2026, 1, 1), unit_price=D("0.40")))
        catalog.assign(s, admin, std.id, scope_kind="building", scope_id=e.building_id, start_period="2026-01")
        pub = meters.create_meter(s, admin, kind="electric", building_id=e.building_id, initial_reading=D("1000"),
                                  installed_on=MAR31, share_standard=std.id)
        meters.record_reading(s, admin, pub.id, D("1100"), dt.date(2026, 4, 28), source="manual")
        meters.update_meter(s, admin, pub.id, active=False)
        # April: 100 kWh × 0.40 = 40.00 over 50/150 m²: 10.00 + 30.00
        got = {l.target.code: l.amount for l in run.preview(s, admin, "2026-04").lines}
        assert got == {"GS-01-1-0101": D("10.00"), "GS-01-1-0102": D("30.00")}
        # May: nothing to split, a warning instead of an error that would stop the run
        pv = run.preview(s, admin, "2026-05")
        assert pv.lines == [] and [(p.severity, p.zh) for p in pv.problems] == [
            ("warning", "公摊标准的公共表均已停用，2026-05 不分摊")]


def test_estate_public_meter_without_building(db, admin, estate):
    with db.session() as s:
        total = meters.create_meter(s, admin, kind="water", estate_id=estate.estate_id, initial_reading=D("5000"),
                                    installed_on=MAR31, places=0, name="小区总水表")
        room = meters.create_meter(s, admin, kind="water", room_id=estate.rooms["0101"], initial_reading=D("1"),
                                   installed_on=MAR31)
        assert (total.code, total.is_public, total.building_id, total.estate_id) == (
            "JD-PUB-W", True, None, estate.estate_id)
        places = meters.meter_places(s, admin)
        assert [(p.estate_code, p.building_code, p.is_estate) for p in places] == [("JD", "01", False), ("JD", "", True)]
        rows = meters.list_meters(s, admin, None, estate_id=estate.estate_id)
        assert [(r.code, r.name, r.room_code, r.last_value, r.has_readings) for r in rows] == [
            ("JD-PUB-W", "小区总水表", "", D("5000"), False)]
        assert [r.code for r in meters.list_meters(s, admin, estate.building_id)] == [room.code]
        assert meters.meter_choices(s, admin, None).rooms == []
        meters.record_reading(s, admin, total.id, D("5600"), dt.date(2026, 4, 28), source="manual")
        sheet = meters.reading_sheet(s, admin, None, "2026-04", estate_id=estate.estate_id)
        assert [(r.meter_code, r.room_code, r.previous, r.current, r.usage) for r in sheet] == [
            ("JD-PUB-W", "公共表", D("5000"), D("5600"), D("600"))]
        with pytest.raises(ValueError):
            meters.list_meters(s, admin, None)
        assert s.scalar(select(MeterReading.value).where(MeterReading.meter_id == total.id,
                                                         MeterReading.kind == "read")) == D("5600")
        assert s.get(Meter, total.id).active
