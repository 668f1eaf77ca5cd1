"""Bill runs narrower than a shared (公摊) cost; every amount is worked out by hand
in the comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from sqlalchemy import select

from propdesk.models import Estate
from propdesk.models.billing import BillLine
from propdesk.services import customers, property as prop
from propdesk.services.billing import catalog, ledger, meters, run
from propdesk.services.billing.catalog import VersionInput


def _second_building(s, actor, estate, area="60.00"):
    e = s.get(Estate, estate.estate_id)
    b2 = prop.create_building(s, actor, e, code="02", floors=6)
    u2 = prop.create_unit(s, actor, b2, code="1")
    r = prop.create_room(s, actor, b2, u2, number="0101", floor=1, building_area=D(area),
                         inner_area=D(area), status="occupied")
    c = customers.create_customer(s, actor, name="业主02-0101", phone="13900000001")
    customers.move_in(s, actor, c.id, role="owner", start=dt.date(2020, 1, 1), room_id=r.id)
    return b2, r


def _sum_by_room(s, std_id):
    out: dict = {}
    for l in s.scalars(select(BillLine).where(BillLine.standard_id == std_id)):
        out[l.target_code] = out.get(l.target_code, D("0.00")) + l.amount
    return out


def test_building_run_does_not_resplit_an_estate_wide_shared_amount(db, admin, estate):
    with db.session() as s:
        _second_building(s, admin, estate)
        std = catalog.create_standard(s, admin, code="PUB-AMT", name="公共照明", fee_item="PUBU", method="shared",
                                      share_basis="household",
                                      version=VersionInput(dt.date(2026, 1, 1), amount=D("400.00")))
        catalog.assign(s, admin, std.id, scope_kind="estate", scope_id=estate.estate_id, start_period="2026-01")
        run.commit(s, admin, "2026-04", run.scope_for(s, estate="JD"))
        # 400.00 over 4 households = 100.00 each
        assert _sum_by_room(s, std.id) == {"JD-01-1-0101": D("100.00"), "JD-01-1-0102": D("100.00"),
                                           "JD-01-1-0201": D("100.00"), "JD-02-1-0101": D("100.00")}
        # Billing building 01 again must not split the whole 400.00 over its 3 rooms
        # (133.34 + 133.33 + 133.33, i.e. 500.00 billed for a 400.00 cost).
        res = run.commit(s, admin, "2026-04", run.scope_for(s, building="JD-01"))
        assert sum((l.amount for l in res.preview.lines), D(0)) == D("0.00")
        assert sum(_sum_by_room(s, std.id).values(), D(0)) == D("400.00")
        assert any("公摊" in p.zh for p in res.preview.problems)


def test_building_run_keeps_the_lines_of_an_estate_public_meter(db, admin, estate):
    with db.session() as s:
        _second_building(s, admin, estate)
        std = catalog.create_standard(s, admin, code="PUB-STD", name="公摊电费", fee_item="PUBU", method="shared",
                                      share_basis="household", meter_kind="electric",
                                      version=VersionInput(dt.date(2026, 1, 1), unit_price=D("0.40")))
        catalog.assign(s, admin, std.id, scope_kind="estate", scope_id=estate.estate_id, start_period="2026-01")
        pub = meters.create_meter(s, admin, kind="electric", estate_id=estate.estate_id, initial_reading=D("1000"),
                                  installed_on=dt.date(2026, 3, 31), share_standard=std.id)
        meters.record_reading(s, admin, pub.id, D("2000"), dt.date(2026, 4, 28), source="manual")
        run.commit(s, admin, "2026-04", run.scope_for(s, estate="JD"))
        # 1000 kWh × 0.40 = 400.00 over 4 households = 100.00 each
        assert sum(_sum_by_room(s, std.id).values(), D(0)) == D("400.00")
        # A building run skips the estate meter with a warning and must leave its lines alone
        # (not reverse building 01's 300.00 as "no longer billed").
        res = run.commit(s, admin, "2026-04", run.scope_for(s, building="JD-01"))
        assert [l for l in res.preview.lines if l.standard_id == std.id] == []
        assert _sum_by_room(s, std.id) == {"JD-01-1-0101": D("100.00"), "JD-01-1-0102": D("100.00"),
                                           "JD-01-1-0201": D("100.00"), "JD-02-1-0101": D("100.00")}
        assert ledger.check(s, admin).ok
