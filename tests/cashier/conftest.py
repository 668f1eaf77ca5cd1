"""Fixtures of the cashier tests: a sample receipt, a printer simulator on a pty."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from propdesk.receipts.data import ReceiptData, ReceiptLine, ReceiptTender


@pytest.fixture
def sample_receipt() -> ReceiptData:
    """王伟 pays two months of 物业管理费 (one overdue), water and a parking space, and
    tops up 100.00: 284.71 + 280.50 + 36.40 + 150.00 + 100.00 = 851.61, paid with 900.00 cash."""
    lines = (ReceiptLine("JD-01-1-0502", "物业管理费", "2026-09", D("280.50"), D("4.21")),
             ReceiptLine("JD-01-1-0502", "物业管理费", "2026-10", D("280.50")),
             ReceiptLine("JD-01-1-0502", "水费", "2026-10", D("36.40")),
             ReceiptLine("JD-P1-001", "车位管理费", "2026-10", D("150.00")))
    return ReceiptData(
        number="T01-2026-000123", issued_at=dt.datetime(2026, 11, 23, 10, 15), payer="王伟",
        lines=lines, tenders=(ReceiptTender("cash", "现金", D("851.61"), D("900.00")),),
        total=D("851.61"), cashier="陈收费", terminal="T01", code="7KQ2M-X9PRT",
        qr_payload="PDR1:T01-2026-000123:85161:20261123021500:7KQ2M-X9PRT",
        company="深圳锦都物业服务有限公司", estate="锦都花园", topup=D("100.00"),
        change=D("48.39"), prepaid_balance=D("100.00"))


@pytest.fixture
def printer_sim():
    from drivers.simulators.printer import PrinterSimulator

    with PrinterSimulator() as sim:
        yield sim


# --- a small billed estate -----------------------------------------------------------------

import datetime as _dt  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from propdesk.services import customers as _customers, property as _prop  # noqa: E402

AS_OF = _dt.date(2026, 6, 10)


@dataclass
class World:
    """锦都花园 JD, building 01, unit 1: rooms 0101 (128.50 m²) and 0102 (89.37 m²) both
    owned by 王伟, 0201 (100.00 m²) owned by 李娜.  物业管理费 2.30 元/m²·月, due the
    last day of the month, late fee 0.05 % a day (万分之五), capped at the principal.
    Billed for 2026-04 and 2026-05:

    * 0101: 128.50 × 2.30 = 295.55 a month
    * 0102:  89.37 × 2.30 = 205.551 → 205.55 a month
    * 0201: 100.00 × 2.30 = 230.00 a month
    """

    wang: object
    li: object
    rooms: dict
    codes: dict


def build_world(session, actor) -> World:
    from propdesk.services.billing import catalog, run
    from propdesk.services.billing.catalog import VersionInput

    company = _prop.create_company(session, actor, code="HXWY", name="华兴物业服务有限公司")
    region = _prop.create_region(session, actor, company, code="SZ", name="深圳")
    estate = _prop.create_estate(session, actor, region, code="JD", name="锦都花园")
    building = _prop.create_building(session, actor, estate, code="01", floors=6)
    unit = _prop.create_unit(session, actor, building, code="1")
    wang = _customers.create_customer(session, actor, name="王伟", phone="13800001234")
    li = _customers.create_customer(session, actor, name="李娜", phone="13900005678")
    rooms, codes = {}, {}
    for number, area, owner in (("0101", "128.50", wang), ("0102", "89.37", wang), ("0201", "100.00", li)):
        r = _prop.create_room(session, actor, building, unit, number=number, floor=int(number[:2]),
                              building_area=D(area), status="occupied")
        _customers.move_in(session, actor, owner.id, role="owner", start=_dt.date(2020, 1, 1), room_id=r.id)
        rooms[number], codes[number] = r.id, r.code
    std = catalog.create_standard(
        session, actor, code="MGMT-STD", name="住宅物业费", fee_item="MGMT", method="building_area",
        version=VersionInput(_dt.date(2026, 4, 1), unit_price=D("2.30"), late_daily_rate=D("0.0005")))
    catalog.assign(session, actor, std.id, scope_kind="company", start_period="2026-04")
    run.commit(session, actor, "2026-04")
    run.commit(session, actor, "2026-05")
    session.flush()
    return World(wang.id, li.id, rooms, codes)


@pytest.fixture
def world(db, admin) -> World:
    with db.session() as s:
        return build_world(s, admin)


@pytest.fixture
def cashier(actor_for):
    return actor_for("cashier", "陈收费")


@pytest.fixture
def supervisor(db, admin):
    """A real supervisor operator (王主管, password zhuguan123) who authorizes on the cashier's screen."""
    from propdesk.services.operators import add_operator

    with db.session() as s:
        add_operator(s, admin, "zhuguan", role="supervisor", password="zhuguan123", display_name="王主管")
    return "zhuguan", "zhuguan123"
