"""The read-only queries added for the UI (property, customers, operators services)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from propdesk.errors import NotFound, PermissionDenied
from propdesk.models import ParkingLot, ParkingSpace
from propdesk.services import customers as C
from propdesk.services import operators as O
from propdesk.services import property as P


@pytest.fixture
def estate(db, admin):
    """JD: building 01 (units 1-2, floors 1-3, 2 rooms a floor = 12 rooms), building 02 (unit 1,
    floors 1-2, 1 room a floor = 2 rooms); a car park with one space."""
    with db.session() as s:
        co = P.create_company(s, admin, code="HX", name="华兴物业")
        rg = P.create_region(s, admin, co, code="SZ", name="深圳区域")
        es = P.create_estate(s, admin, rg, code="JD", name="锦都花园")
        b1 = P.create_building(s, admin, es, code="01", floors=3)
        b2 = P.create_building(s, admin, es, code="02", floors=2)
        P.generate_rooms(s, admin, P.RoomPlan(b1.id, ["1", "2"], (1, 3), 2,
                                              areas={1: (D("100.00"), D("80.00"))}))
        P.generate_rooms(s, admin, P.RoomPlan(b2.id, ["1"], (1, 2), 1))
        lot = ParkingLot(estate_id=es.id, code="P1", name="地下停车场")
        s.add(lot)
        s.flush()
        sp = ParkingSpace(lot_id=lot.id, estate_id=es.id, code="JD-P1-001", number="001",
                          area=D("13.20"), status="occupied")
        s.add(sp)
        s.flush()
        zhang = C.create_customer(s, admin, name="张三丰", id_number="11010519491231002X",
                                  phone="13800138000")
        r0502 = P.room_by_code(s, admin, "JD-01-1-0301")
        C.move_in(s, admin, zhang.id, role="owner", start=dt.date(2024, 1, 1), room_id=r0502.id)
        C.move_in(s, admin, zhang.id, role="owner", start=dt.date(2024, 2, 1), space_id=sp.id)
        C.add_vehicle(s, admin, zhang.id, plate="粤B12345", brand="丰田", space_id=sp.id)
        return dict(company=co.id, region=rg.id, estate=es.id, b1=b1.id, b2=b2.id,
                    room=r0502.id, space=sp.id, zhang=zhang.id)


def test_room_header(db, admin, estate):
    with db.session() as s:
        h = P.room_header(s, admin, estate["room"])
    assert (h.code, h.status, h.floor, h.building_area) == ("JD-01-1-0301", "occupied", 3, D("100.00"))
    assert (h.estate_name, h.building_name, h.unit_name) == ("锦都花园", "01栋", "1单元")
    with pytest.raises(NotFound), db.session() as s:
        P.room_header(s, admin, estate["space"])


def test_building_refs_in_estate_then_building_order(db, admin, estate):
    with db.session() as s:
        refs = P.building_refs(s, admin)
    assert [(r.estate_code, r.building_code, r.building_name, r.floors) for r in refs] == [
        ("JD", "01", "01栋", 3), ("JD", "02", "02栋", 2)]


def test_room_status_counts_at_every_level(db, admin, estate):
    with db.session() as s:
        # 12 + 2 rooms, all generated vacant; one became occupied by the move-in
        expected = {"vacant": 13, "occupied": 1}
        for kind in ("company", "region", "estate"):
            assert P.room_status_counts(s, admin, kind, estate[kind]) == expected
        assert P.room_status_counts(s, admin, "building", estate["b1"]) == {"vacant": 11, "occupied": 1}
        assert P.room_status_counts(s, admin, "building", estate["b2"]) == {"vacant": 2}
        with pytest.raises(ValueError):
            P.room_status_counts(s, admin, "space", estate["space"])


def test_space_detail(db, admin, estate):
    with db.session() as s:
        d = P.space_detail(s, admin, estate["space"])
    assert (d.code, d.lot_name, d.kind, d.status, d.area) == ("JD-P1-001", "地下停车场", "owned",
                                                              "occupied", D("13.20"))
    assert [(name, role, since) for _cid, name, role, since in d.holders] == [
        ("张三丰", "owner", dt.date(2024, 2, 1))]
    assert d.plates == ["粤B12345"]


@pytest.mark.parametrize("text", ["张三", "zsf", "138001", "002X", "002x"])
def test_find_customers(db, admin, estate, text):
    with db.session() as s:
        rows = C.find_customers(s, admin, text)
    assert [(r.name, r.phone) for r in rows] == [("张三丰", "13800138000")]


def test_find_customers_nothing(db, admin, estate):
    with db.session() as s:
        assert C.find_customers(s, admin, "") == []
        assert C.find_customers(s, admin, "李") == []
        assert C.find_customers(s, admin, "139") == []


def test_room_vehicles(db, admin, estate):
    with db.session() as s:
        rows = C.room_vehicles(s, admin, estate["room"])
        empty = C.room_vehicles(s, admin, P.room_by_code(s, admin, "JD-02-1-0101").id)
    assert [(v.plate, v.brand, v.customer_name, v.space_code) for v in rows] == [
        ("粤B12345", "丰田", "张三丰", "JD-P1-001")]
    assert empty == []


def test_list_operators_needs_user_manage(db, admin, actor_for):
    with db.session() as s:
        O.add_operator(s, admin, "zhuguan", role="supervisor", password="abc123", display_name="王主管")
        O.add_operator(s, admin, "caiwu", role="finance", password="abc123")
    with db.session() as s:
        rows = O.list_operators(s, admin)
        assert [(r.username, r.display_name, r.role, r.active, r.failed_attempts) for r in rows] == [
            ("caiwu", "caiwu", "finance", True, 0), ("zhuguan", "王主管", "supervisor", True, 0)]
        assert not hasattr(rows[0], "password_hash")
        with pytest.raises(PermissionDenied):
            O.list_operators(s, actor_for("supervisor"))
