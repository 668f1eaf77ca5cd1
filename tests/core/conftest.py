import datetime as dt
from decimal import Decimal as D

import pytest

from propdesk.services import customers as C
from propdesk.services import property as P


@pytest.fixture
def estate_tree(db, admin):
    """One company, region, estate JD, building 01 with units 1-2, 6 floors x 2 rooms."""
    with db.session() as s:
        co = P.create_company(s, admin, code="HX", name="华兴物业")
        rg = P.create_region(s, admin, co, code="SZ", name="深圳区域")
        es = P.create_estate(s, admin, rg, code="JD", name="锦都花园")
        b = P.create_building(s, admin, es, code="01", floors=6)
        P.generate_rooms(s, admin, P.RoomPlan(
            b.id, ["1", "2"], (1, 6), 2,
            areas={1: (D("128.50"), D("101.20")), 2: (D("89.37"), D("70.15"))}))
        return {"company": co.id, "region": rg.id, "estate": es.id, "building": b.id}


@pytest.fixture
def owner(db, admin, estate_tree):
    with db.session() as s:
        room = P.room_by_code(s, admin, "JD-01-1-0502")
        c = C.create_customer(s, admin, name="张三丰", gender="male",
                              id_number="11010519491231002X", phone="13800138000")
        C.move_in(s, admin, c.id, role="owner", start=dt.date(2024, 1, 1), room_id=room.id)
        return {"customer": c.id, "room": room.id}
