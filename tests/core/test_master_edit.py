"""Creating and editing the upper levels of the property tree: estates, buildings, units, parking."""

import json
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from propdesk.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from propdesk.models import AuditLog, Building, Company, Estate, ParkingLot, Region
from propdesk.services import property as P


def _audits(s, entity, action):
    return s.scalars(select(AuditLog).where(AuditLog.entity == entity, AuditLog.action == action)
                     .order_by(AuditLog.created_at)).all()


def test_create_region_and_estate_validate(db, admin, estate_tree):
    with db.session() as s:
        from propdesk.models import Company
        co = s.get(Company, estate_tree["company"])
        rg = P.create_region(s, admin, co, code=" gz ", name="广州区域")
        assert rg.code == "GZ"
        with pytest.raises(Conflict):
            P.create_region(s, admin, co, code="SZ", name="又一个深圳")
        with pytest.raises(ValidationFailed) as ei:
            P.create_estate(s, admin, rg, code="锦 都", name="", land_area=D("-1"))
        assert [p.where for p in ei.value.problems] == ["小区编码", "小区名称", "占地面积"]
        with pytest.raises(ValidationFailed) as ei:
            P.create_estate(s, admin, rg, code="YH", name="锦都花园")   # name taken by JD
        assert ei.value.problems[0].where == "小区名称"
        with pytest.raises(Conflict):
            P.create_estate(s, admin, rg, code="jd", name="另一个")
        es = P.create_estate(s, admin, rg, code="yh", name="云海苑", address="天河路1号",
                             building_area=D("52000.50"), phone="020-88886666")
        assert (es.code, es.region_id) == ("YH", rg.id)
        [created] = [a for a in _audits(s, "estate", "create") if a.entity_id == str(es.id)]
        assert json.loads(created.after)["building_area"] == "52000.50"


def test_update_estate_audits_before_and_after(db, admin, estate_tree):
    with db.session() as s:
        P.update_estate(s, admin, estate_tree["estate"], name="锦都花园二期", phone="0755-1234567",
                        green_area=D("800.00"))
    with db.session() as s:
        e = s.get(Estate, estate_tree["estate"])
        assert (e.code, e.name, e.phone, e.green_area) == ("JD", "锦都花园二期", "0755-1234567",
                                                           D("800.00"))
        [a] = _audits(s, "estate", "update")
        assert json.loads(a.before) == {"name": "锦都花园", "phone": "", "green_area": None}
        assert json.loads(a.after) == {"name": "锦都花园二期", "phone": "0755-1234567",
                                       "green_area": "800.00"}
        with pytest.raises(ValueError):
            P.update_estate(s, admin, e.id, code="XX")      # the code is in every room code
        with pytest.raises(ValidationFailed) as ei:
            P.update_estate(s, admin, e.id, name="  ")
        assert ei.value.problems[0].where == "小区名称"
        P.update_estate(s, admin, e.id, phone="0755-1234567")   # no change, no audit row
        assert len(_audits(s, "estate", "update")) == 1


def test_create_and_update_building(db, admin, estate_tree):
    with db.session() as s:
        es = s.get(Estate, estate_tree["estate"])
        b = P.create_building(s, admin, es, code="02", building_type="villa",
                              structure="brick_concrete", floors=3)
        assert (b.name, b.sort_key) == ("02栋", 2)
        with pytest.raises(Conflict):
            P.create_building(s, admin, es, code="01")
        with pytest.raises(ValidationFailed) as ei:
            P.create_building(s, admin, es, code="", building_type="castle", floors=0)
        assert [p.where for p in ei.value.problems] == ["楼栋编码", "楼宇类型", "层数"]
        P.update_building(s, admin, b.id, name="2号别墅", floors=4)
        [a] = _audits(s, "building", "update")
        assert json.loads(a.before) == {"name": "02栋", "floors": 3}
        assert json.loads(a.after) == {"name": "2号别墅", "floors": 4}
        # building 01 has rooms on floors 1..6: it cannot shrink below 6
        with pytest.raises(ValidationFailed) as ei:
            P.update_building(s, admin, estate_tree["building"], floors=5)
        assert "6" in ei.value.problems[0].zh
        P.update_building(s, admin, estate_tree["building"], floors=6, structure="shear_wall")
        assert s.get(Building, estate_tree["building"]).structure == "shear_wall"


def test_create_unit_and_parking(db, admin, estate_tree):
    with db.session() as s:
        b = s.get(Building, estate_tree["building"])
        u = P.create_unit(s, admin, b, code="3")
        assert u.name == "3单元"
        with pytest.raises(Conflict):
            P.create_unit(s, admin, b, code="1")
        es = s.get(Estate, estate_tree["estate"])
        lot = P.create_parking_lot(s, admin, es, code="p1", name="地下停车场")
        with pytest.raises(Conflict):
            P.create_parking_lot(s, admin, es, code="P1")
        sp = P.create_parking_space(s, admin, lot, number="001", area=D("12.50"), kind="rented")
        assert (sp.code, sp.estate_id, sp.status) == ("JD-P1-001", es.id, "vacant")
        with pytest.raises(Conflict):
            P.create_parking_space(s, admin, lot, number="001")
        with pytest.raises(ValidationFailed) as ei:
            P.create_parking_space(s, admin, lot, number=" ", kind="x")
        assert [p.where for p in ei.value.problems] == ["车位号", "类型"]
        kinds = [n.kind for n in P.children(s, "estate", es.id)]
        assert kinds == ["building", "lot"]
        assert [n.label for n in P.children(s, "lot", lot.id)] == ["001"]
        assert len(_audits(s, "parking_space", "create")) == 1


def test_master_edit_is_required(db, admin, actor_for, estate_tree):
    frontdesk, cashier = actor_for("frontdesk"), actor_for("cashier")
    with db.session() as s:
        es = s.get(Estate, estate_tree["estate"])
        b = s.get(Building, estate_tree["building"])
        rg = s.get(Region, estate_tree["region"])
        for call in (lambda: P.update_estate(s, cashier, es.id, name="X"),
                     lambda: P.update_building(s, cashier, b.id, floors=9),
                     lambda: P.create_estate(s, cashier, rg, code="ZZ", name="Z"),
                     lambda: P.create_building(s, cashier, es, code="09"),
                     lambda: P.create_unit(s, cashier, b, code="9"),
                     lambda: P.create_parking_lot(s, cashier, es, code="P9"),
                     lambda: P.create_region(s, cashier, s.get(Company, estate_tree["company"]), code="Q", name="Q")):
            with pytest.raises(PermissionDenied):
                call()
        lot = P.create_parking_lot(s, frontdesk, es, code="P2")   # 前台 has MASTER_EDIT
        with pytest.raises(PermissionDenied):
            P.create_parking_space(s, cashier, lot, number="1")
        assert s.scalar(select(ParkingLot.code).where(ParkingLot.id == lot.id)) == "P2"
        with pytest.raises(NotFound):
            P.update_building(s, admin, es.id, floors=2)   # an estate's id is no building


def test_room_nodes_carry_the_current_owner_only(db, admin, estate_tree, owner):
    import datetime as dt

    from propdesk.services import customers as C

    with db.session() as s:
        tenant = C.create_customer(s, admin, name="李租客", phone="13900139000")
        C.move_in(s, admin, tenant.id, role="tenant", start=dt.date(2024, 3, 1),
                  room_id=owner["room"])
        unit1 = P.children(s, "building", estate_tree["building"])[0]
        rooms = P.children(s, "unit", unit1.id)
        # 6 floors x 2 rooms, each once; only 0502 has an owner (the tenant is not shown)
        assert len(rooms) == 12
        assert [(r.label, r.owner) for r in rooms if r.owner] == [("0502", "张三丰")]
        [node] = P.room_nodes(s, admin, [owner["room"]])
        assert (node.label, node.owner, node.status) == ("0502", "张三丰", "occupied")
        # after 过户 the new owner shows; the old row (ended) is ignored
        heir = C.create_customer(s, admin, name="张无忌", phone="13700137000")
        C.transfer(s, admin, owner["room"], heir.id, dt.date(2025, 1, 1))
        [node] = P.room_nodes(s, admin, [owner["room"]])
        assert node.owner == "张无忌"
