"""The service desk on the central PostgreSQL database: the same rules hold there."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy.exc import IntegrityError

from propdesk.db import Database
from propdesk.errors import Conflict
from propdesk.models.service import WorkOrder
from propdesk.services.service_desk import maintenance as mt, stock, workorders as wo
from propdesk.services.service_desk import equipment as eq
from propdesk.services.service_desk.stock import StockLine
from tests.service.conftest import NOW, build_office

pytestmark = pytest.mark.pg


@pytest.fixture
def pg_office(pg_url, admin):
    db = Database(pg_url, terminal="T01")
    db.upgrade()
    yield db, build_office(db, admin)
    db.dispose()


def test_lifecycle_stock_and_maintenance_on_postgres(pg_office, admin):
    db, office = pg_office
    with db.session() as s:
        stock.stock_in(s, admin, [StockLine(office.valve_id, Decimal("2"))])
        o = wo.create_order(s, office.frontdesk, room_id=office.room_id, category="水电",
                            description="角阀漏水", chargeable=True, now=NOW)
        wo.dispatch(s, office.frontdesk, o.id, office.engineer.operator_id, now=NOW)
        wo.start(s, office.engineer, o.id, now=NOW)
        wo.issue_materials(s, office.engineer, o.id, [StockLine(office.valve_id, Decimal("2"))])
        with pytest.raises(Conflict):
            stock.issue(s, office.engineer, [StockLine(office.valve_id, Decimal("0.001"))])
        wo.finish(s, office.engineer, o.id, result="更换", labour_fee=Decimal("30"), now=NOW)
        assert (o.state, o.charge_amount, o.charge_state) == ("to_visit", Decimal("80.00"),
                                                              "posted")
        assert stock.on_hand(s, office.valve_id) == Decimal("0.000")
        lift = eq.create_equipment(s, admin, code="DT-01", name="1号电梯", kind="lift")
        mt.create_plan(s, admin, lift.id, title="月保", frequency="month",
                       start_date=dt.date(2026, 1, 31))
        made = mt.generate_due(s, admin, dt.date(2026, 3, 31), now=NOW)
        assert [m.plan_due for m in made] == [dt.date(2026, 1, 31), dt.date(2026, 2, 28),
                                              dt.date(2026, 3, 31)]
        assert mt.generate_due(s, admin, dt.date(2026, 3, 31), now=NOW) == []
        numbers = sorted(r.number for r in wo.list_orders(s, admin))
        assert numbers[0] == "BX-T01-20261123-0001" and numbers[1:] == [
            "BY-T01-20261123-0001", "BY-T01-20261123-0002", "BY-T01-20261123-0003"]
        plan_id = made[0].plan_id
    # The unique index is the last guard against a second order for one occurrence.
    with pytest.raises(IntegrityError):
        with db.session() as s:
            wo.create_order(s, admin, kind="maintenance", location="x", category="电梯",
                            description="dup", plan_id=plan_id, plan_due=dt.date(2026, 1, 31),
                            now=NOW)
            s.flush()
    with db.session() as s:
        assert s.query(WorkOrder).count() == 4
