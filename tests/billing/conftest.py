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


def mgmt_with_late_fee(s, actor):
    """物业费 2.30 元/m²·月, due on the 30th, 0.05 %/day late fee capped at the principal,
    assigned company-wide from 2026-01."""
    from propdesk.services.billing import catalog
    from propdesk.services.billing.catalog import VersionInput

    std = catalog.create_standard(s, actor, code="MGMT-L", name="物业费", fee_item="MGMT", method="building_area",
                                  due_day=30, version=VersionInput(dt.date(2026, 1, 1), unit_price=D("2.30"),
                                                                   late_daily_rate=D("0.0005"),
                                                                   late_cap_ratio=D("1")))
    catalog.assign(s, actor, std.id, scope_kind="company", start_period="2026-01")
    return std


def open_item(s, actor, customer, as_of, period="2026-04"):
    """The customer's open item of ``period`` as of ``as_of``."""
    from propdesk.services.billing import ledger

    return next(i for i in ledger.outstanding(s, actor, customer, as_of=as_of) if i.bill_period == period)
