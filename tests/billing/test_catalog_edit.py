"""Editing the fee catalogue: fee items, standards (not their structure or prices), discount rules."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from propdesk.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from propdesk.models import AuditLog
from propdesk.models.billing import DiscountRule, FeeItem, FeeStandard
from propdesk.services.billing import catalog, run
from propdesk.services.billing.catalog import VersionInput


def _standard(s, admin):
    std = catalog.create_standard(s, admin, code="MGMT-STD", name="住宅物业费", fee_item="MGMT",
                                  method="building_area", due_day=30,
                                  version=VersionInput(dt.date(2026, 1, 1), unit_price=D("2.30")))
    catalog.assign(s, admin, std.id, scope_kind="company", start_period="2026-01")
    return std


def _audits(s, entity):
    return list(s.scalars(select(AuditLog).where(AuditLog.entity == entity, AuditLog.action == "update")))


def test_update_standard_writes_the_changed_fields_to_the_audit(db, admin, actor_for, estate):
    with db.session() as s:
        std_id = _standard(s, admin).id
    with db.session() as s:
        std = catalog.update_standard(s, actor_for("finance", "王会计"), "mgmt-std", name=" 住宅物业服务费 ",
                                      due_day=15, bill_to="tenant", prorate=False)
        assert std.id == std_id
    with db.session() as s:
        std = s.get(FeeStandard, std_id)
        assert (std.name, std.due_day, std.bill_to, std.prorate) == ("住宅物业服务费", 15, "tenant", False)
        assert (std.method, std.cycle_months) == ("building_area", 1)
        [row] = _audits(s, "fee_standard")
        assert row.operator_name == "王会计" and row.entity_id == str(std_id)
        assert json.loads(row.before) == {"name": "住宅物业费", "due_day": 30, "bill_to": "owner", "prorate": True}
        assert json.loads(row.after) == {"name": "住宅物业服务费", "due_day": 15, "bill_to": "tenant",
                                         "prorate": False}
        assert row.summary == "修改收费标准 住宅物业服务费"


def test_update_standard_needs_fee_edit(db, admin, actor_for, estate):
    with db.session() as s:
        std_id = _standard(s, admin).id
    with pytest.raises(PermissionDenied):
        with db.session() as s:
            catalog.update_standard(s, actor_for("cashier"), std_id, name="改名")
    with db.session() as s:
        assert s.get(FeeStandard, std_id).name == "住宅物业费"
        assert _audits(s, "fee_standard") == []


@pytest.mark.parametrize("field, value, where", [
    ("method", "fixed", "计费方式"), ("target", "space", "计费对象"), ("cycle_months", 3, "计费周期"),
    ("fee_item", "ELEV", "收费项目"), ("code", "X", "编码"), ("unit_price", D("3.00"), "价格"),
])
def test_update_standard_refuses_structure_and_prices(db, admin, estate, field, value, where):
    with db.session() as s:
        std_id = _standard(s, admin).id
    with db.session() as s:
        with pytest.raises(ValidationFailed) as info:
            catalog.update_standard(s, admin, std_id, name="新名字", **{field: value})
    [p] = info.value.problems
    assert p.where == where
    assert ("新建收费标准" in p.zh) if where != "价格" else ("新价格版本" in p.zh)
    with db.session() as s:
        assert s.get(FeeStandard, std_id).name == "住宅物业费"   # nothing of the call was written


@pytest.mark.parametrize("changes, where", [
    ({"due_day": 0}, "应缴日"), ({"due_day": 32}, "应缴日"), ({"name": "  "}, "名称"),
    ({"bill_to": "nobody"}, "缴费人"), ({"due_offset_months": 13}, "应缴月"),
])
def test_update_standard_validates_like_create(db, admin, estate, changes, where):
    with db.session() as s:
        std_id = _standard(s, admin).id
        with pytest.raises(ValidationFailed) as info:
            catalog.update_standard(s, admin, std_id, **changes)
    assert [p.where for p in info.value.problems] == [where]


def test_inactive_standard_is_not_billed_and_no_change_no_audit(db, admin, estate):
    with db.session() as s:
        std_id = _standard(s, admin).id
        # 128.50 × 2.30 = 295.55 (0101), 89.37 × 2.30 = 205.551 → 205.55, 100 × 2.30 = 230.00
        assert sorted(l.amount for l in run.preview(s, admin, "2026-04").lines) == [
            D("205.55"), D("230.00"), D("295.55")]
        catalog.update_standard(s, admin, std_id, due_day=30)           # same value: nothing to audit
        assert _audits(s, "fee_standard") == []
        catalog.update_standard(s, admin, std_id, active=False)
        assert run.preview(s, admin, "2026-04").lines == []
        [row] = _audits(s, "fee_standard")
        assert row.summary == "停用收费标准 住宅物业费"


def test_update_fee_item_strips_the_name_and_audits(db, admin, actor_for):
    with db.session() as s:
        item = catalog.update_fee_item(s, actor_for("finance"), catalog.get_fee_item(s, "ELEV").id,
                                       name=" 电梯运行费 ", sort_key=5, active=False)
        assert (item.name, item.sort_key, item.active) == ("电梯运行费", 5, False)
        [row] = _audits(s, "fee_item")
        assert json.loads(row.after) == {"name": "电梯运行费", "sort_key": 5, "active": False}
    with db.session() as s:
        with pytest.raises(PermissionDenied):
            catalog.update_fee_item(s, actor_for("frontdesk"), s.scalar(
                select(FeeItem.id).where(FeeItem.code == "ELEV")), name="x")


def test_discounts_listed_ended_and_found_by_name(db, admin, estate):
    with db.session() as s:
        catalog.create_discount(s, admin, name="空置房优惠", kind="vacant", value=D("50"), reason="空置房减半",
                                scope_kind="estate", scope_id=estate.estate_id, start_period="2026-01")
        catalog.create_discount(s, admin, name="预缴一年送一月", kind="prepay_free", fee_item="MGMT",
                                months_paid=12, months_free=1, reason="年缴优惠", start_period="2026-03",
                                end_period="2030-12")
        rows = catalog.list_discounts(s, admin)
    assert [(r.name, r.scope, r.fee_item, r.terms, r.start_period, r.end_period) for r in rows] == [
        ("预缴一年送一月", "全公司", "物业管理费", "预缴 12 月送 1 月", "2026-03", "2030-12"),
        ("空置房优惠", "JD 锦都花园JD", "", "减收 50%", "2026-01", None),
    ]
    with db.session() as s:
        with pytest.raises(ValidationFailed):
            catalog.end_discount(s, admin, catalog.get_discount(s, "空置房优惠").id, "2025-11")
        rule = catalog.end_discount(s, admin, catalog.get_discount(s, "空置房优惠").id, "2026-06")
        assert rule.end_period == "2026-06"
        row = s.scalar(select(AuditLog).where(AuditLog.entity == "discount_rule", AuditLog.action == "update"))
        assert json.loads(row.before)["end_period"] is None and json.loads(row.after)["end_period"] == "2026-06"
        with pytest.raises(NotFound):
            catalog.get_discount(s, "没有这个")
        catalog.create_discount(s, admin, name="空置房优惠", kind="percent", value=D("10"), reason="重名",
                                start_period="2026-01")
        with pytest.raises(Conflict):
            catalog.get_discount(s, "空置房优惠")


def test_create_discount_refuses_end_before_start_and_no_reason(db, admin):
    with db.session() as s:
        with pytest.raises(ValidationFailed) as info:
            catalog.create_discount(s, admin, name="x", kind="fixed", value=D("10"), reason=" ",
                                    start_period="2026-05", end_period="2026-04")
        assert sorted(p.where for p in info.value.problems) == ["原因", "结束账期"]
        assert s.scalars(select(DiscountRule)).all() == []


def test_scope_by_code(db, admin, estate):
    """Scopes by their human codes (any case); each wrong code is named with the expected format."""
    from propdesk.models import Unit

    with db.session() as s:
        unit = s.scalar(select(Unit).where(Unit.building_id == estate.building_id))
        assert catalog.scope_by_code(s, "company") == ("company", None)
        assert catalog.scope_by_code(s, "estate", " jd ") == ("estate", estate.estate_id)
        assert catalog.scope_by_code(s, "building", "JD-01") == ("building", estate.building_id)
        assert catalog.scope_by_code(s, "unit", "jd-01-1") == ("unit", unit.id)
        assert catalog.scope_by_code(s, "room", "JD-01-1-0102") == ("room", estate.rooms["0102"])
        for kind, code, message in (("building", "JD-02", "找不到楼栋 JD-02（编码格式如 JD-01）"),
                                    ("unit", "JD-01-9", "找不到单元 JD-01-9（编码格式如 JD-01-1）"),
                                    ("unit", "JD-01", "找不到单元 JD-01（编码格式如 JD-01-1）"),
                                    ("room", "JD-01-1-0999", "找不到房间 JD-01-1-0999")):
            with pytest.raises(NotFound) as e:
                catalog.scope_by_code(s, kind, code)
            assert message in e.value.zh
        with pytest.raises(ValidationFailed) as e:
            catalog.scope_by_code(s, "room", "  ")
        assert "请填写房间编码" in e.value.problems[0].zh
        with pytest.raises(ValidationFailed):
            catalog.scope_by_code(s, "lot", "P1")
