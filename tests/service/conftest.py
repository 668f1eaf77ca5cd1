"""A small office for the service-desk tests: one estate with two rooms (one with an
owner), the staff as real operator rows, and a few stock items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from propdesk.models import Operator
from propdesk.security import Actor
from propdesk.services import customers, property as prop
from propdesk.services.service_desk import stock

NOW = dt.datetime(2026, 11, 23, 9, 30)


@dataclass
class Office:
    room_id: object           # JD-01-1-0502, owner 张伟
    empty_room_id: object     # JD-01-1-0601, no owner
    estate_id: object
    owner_id: object
    engineer: Actor           # 刘工程
    engineer2: Actor          # 孙电工
    frontdesk: Actor          # 李前台
    supervisor: Actor         # 王主管
    cashier: Actor
    pipe_id: object           # PPR 水管 20mm, 12.50/米
    valve_id: object          # 角阀, 25.00/个
    bulb_id: object           # LED 灯泡, 8.00/个


def _operator(s, username: str, role: str, name: str) -> Actor:
    # Rows straight in: these tests are about the service desk, not passwords.
    op = Operator(username=username, display_name=name, role=role, password_hash="!")
    s.add(op)
    s.flush()
    return Actor.for_role(username, role, op.id, name)


@pytest.fixture
def office(db, admin) -> Office:
    return build_office(db, admin)


def build_office(db, admin) -> Office:
    with db.session() as s:
        company = prop.create_company(s, admin, code="PD", name="锦都物业服务有限公司")
        region = prop.create_region(s, admin, company, code="SZ", name="深圳")
        estate = prop.create_estate(s, admin, region, code="JD", name="锦都花园")
        building = prop.create_building(s, admin, estate, code="01", floors=18)
        unit = prop.create_unit(s, admin, building, code="1")
        room = prop.create_room(s, admin, building, unit, number="0502", floor=5,
                                building_area=Decimal("89.50"))
        empty = prop.create_room(s, admin, building, unit, number="0601", floor=6,
                                 building_area=Decimal("89.50"))
        owner = customers.create_customer(s, admin, name="张伟", phone="13800138000")
        customers.move_in(s, admin, owner.id, role="owner", start=dt.date(2020, 5, 1),
                          room_id=room.id)
        staff = dict(
            engineer=_operator(s, "gongcheng", "engineer", "刘工程"),
            engineer2=_operator(s, "diangong", "engineer", "孙电工"),
            frontdesk=_operator(s, "qiantai", "frontdesk", "李前台"),
            supervisor=_operator(s, "zhuguan", "supervisor", "王主管"),
            cashier=_operator(s, "shouyin", "cashier", "陈收费"),
        )
        pipe = stock.create_item(s, admin, code="SD-001", name="PPR水管", spec="20mm", unit="米",
                                 category="水电", min_qty=Decimal("10"), price=Decimal("12.50"))
        valve = stock.create_item(s, admin, code="SD-002", name="角阀", unit="个",
                                  category="水电", min_qty=Decimal("5"), price=Decimal("25.00"))
        bulb = stock.create_item(s, admin, code="DQ-001", name="LED灯泡", spec="9W", unit="个",
                                 category="电气", min_qty=Decimal("20"), price=Decimal("8.00"))
        return Office(room.id, empty.id, estate.id, owner.id, pipe_id=pipe.id,
                      valve_id=valve.id, bulb_id=bulb.id, **staff)
