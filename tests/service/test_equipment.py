"""The equipment ledger: entries, validation, warranty, deletion rules."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from propdesk.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from propdesk.models import AuditLog
from propdesk.services.service_desk import equipment as eq, maintenance as mt


def test_ledger_entries(db, office, admin):
    with db.session() as s:
        a = eq.create_equipment(s, office.engineer, code="fd-01", name="柴油发电机", kind="发电机",
                                location="地下一层发电机房", model="KTA19-G3", manufacturer="康明斯",
                                supplier="深圳动力设备有限公司", supplier_phone="0755-83331234",
                                install_date=dt.date(2018, 3, 1),
                                warranty_until=dt.date(2021, 3, 1), estate_id=office.estate_id)
        assert (a.code, a.kind, a.status) == ("FD-01", "generator", "running")
        eq.create_equipment(s, admin, code="XF-01", name="消防主机", kind="fire",
                            location="消防控制室")
        eq.create_equipment(s, admin, code="JK-01", name="监控主机", kind="监控", status="故障")
        assert [e.code for e in eq.list_equipment(s, office.cashier)] == ["FD-01", "JK-01", "XF-01"]
        assert [e.code for e in eq.list_equipment(s, admin, text="康明斯")] == []  # not searched
        assert [e.code for e in eq.list_equipment(s, admin, text="机房")] == ["FD-01"]
        assert [e.code for e in eq.list_equipment(s, admin, status="fault")] == ["JK-01"]
        assert not eq.in_warranty(a, dt.date(2026, 11, 23))
        assert eq.in_warranty(a, dt.date(2021, 3, 1))
        eq.update_equipment(s, admin, a.id, status="维修中", note="启动电瓶亏电")
        assert a.status == "repairing"
        rec = s.scalars(select(AuditLog).where(AuditLog.entity == "equipment",
                                               AuditLog.action == "update")).one()
        assert json.loads(rec.before) == {"note": "", "status": "running"}


def test_validation(db, office, admin):
    with db.session() as s:
        with pytest.raises(ValidationFailed) as e:
            eq.create_equipment(s, admin, code=" ", name="", kind="冰箱", status="坏了",
                                supplier_phone="123", install_date=dt.date(2020, 1, 1),
                                warranty_until=dt.date(2019, 1, 1))
        assert {p.where for p in e.value.problems} == {
            "设备编号", "设备名称", "设备类别", "状态", "供应商电话", "保修期至"}
        eq.create_equipment(s, admin, code="DT-01", name="1号电梯", kind="lift")
        with pytest.raises(Conflict):
            eq.create_equipment(s, admin, code="dt-01", name="重复", kind="lift")
        with pytest.raises(PermissionDenied):
            eq.create_equipment(s, office.frontdesk, code="DT-02", name="2号电梯", kind="lift")
        with pytest.raises(NotFound):
            eq.equipment_by_code(s, admin, "DT-99")


def test_delete_only_without_history(db, office, admin):
    with db.session() as s:
        wrong = eq.create_equipment(s, admin, code="MJ-01", name="门禁", kind="access")
        eq.delete_equipment(s, admin, wrong.id)
        assert wrong.deleted_at is not None
        with pytest.raises(NotFound):
            eq.get_equipment(s, admin, wrong.id)
        lift = eq.create_equipment(s, admin, code="DT-01", name="1号电梯", kind="lift")
        mt.create_plan(s, admin, lift.id, title="月度保养", frequency="月",
                       start_date=dt.date(2026, 1, 1))
        with pytest.raises(Conflict) as e:
            eq.delete_equipment(s, admin, lift.id)
        assert "报废" in e.value.zh
