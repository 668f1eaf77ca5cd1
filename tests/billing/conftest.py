"""A small estate built by hand for billing tests: rooms of known areas and owners."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal as D

import pytest

from propdesk.services import customers, property as prop


@dataclass
class Estate:
    estate_id: object
    building_id: object
    rooms: dict        # number → room id
    owners: dict       # number → customer id
    codes: dict        # number → room code


def build_estate(session, actor, areas=(("0101", "128.50"), ("0102", "89.37"), ("0201", "100.00")),
                 owner_since=dt.date(2020, 1, 1), code="JD") -> Estate:
    company = prop.create_company(session, actor, code="HX" + code, name="华兴物业" + code)
    region = prop.create_region(session, actor, company, code="SZ" + code, name="深圳" + code)
    estate = prop.create_estate(session, actor, region, code=code, name="锦都花园" + code)
    building = prop.create_building(session, actor, estate, code="01", floors=6)
    unit = prop.create_unit(session, actor, building, code="1")
    rooms, owners, codes = {}, {}, {}
    for i, (number, area) in enumerate(areas):
        r = prop.create_room(session, actor, building, unit, number=number, floor=int(number[:2]),
                             building_area=D(area), inner_area=(D(area) * D("0.8")).quantize(D("0.01")),
                             status="occupied")
        c = customers.create_customer(session, actor, name=f"业主{number}", phone=f"1380000{i:04d}")
        if owner_since is not None:
            customers.move_in(session, actor, c.id, role="owner", start=owner_since, room_id=r.id)
        rooms[number], owners[number], codes[number] = r.id, c.id, r.code
    session.flush()
    return Estate(estate.id, building.id, rooms, owners, codes)


@pytest.fixture
def estate(db, admin):
    with db.session() as s:
        return build_estate(s, admin)
