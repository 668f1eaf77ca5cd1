"""Bill runs against hand-computed amounts: proration, versions, idempotency,
adjustments, closes, meters, shared costs, failing formulas (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from propdesk.billing.calc import Tier
from propdesk.db import Database
from propdesk.errors import PermissionDenied, ValidationFailed
from propdesk.models.billing import BillLine, BillRun
from propdesk.services import customers, property as prop
from propdesk.services.billing import catalog, close, ledger, meters, run
from propdesk.services.billing.catalog import VersionInput
from tests.billing.conftest import build_estate

APR = dt.date(2026, 4, 1)


def mgmt(s, actor, price="2.30", code="MGMT-STD", **kw):
    std = catalog.create_standard(s, actor, code=code, name="住宅物业费", fee_item="MGMT",
                                  method="building_area", version=VersionInput(APR, unit_price=D(price), **kw))
    catalog.assign(s, actor, std.id, scope_kind="company", start_period="2026-01")
    return std


def lines(s, period="2026-04"):
    return list(s.scalars(select(BillLine).where(BillLine.bill_period == period).order_by(BillLine.target_code,
                                                                                         BillLine.seq)))


def test_area_fee_run_and_idempotent_rerun(db, admin, estate):
    with db.session() as s:
        mgmt(s, admin)
        pv = run.preview(s, admin, "2026-04")
        # 128.50 × 2.30 = 295.55; 89.37 × 2.30 = 205.551 → 205.55; 100.00 × 2.30 = 230.00
        assert sorted(l.amount for l in pv.lines) == [D("205.55"), D("230.00"), D("295.55")]
        assert pv.total == D("731.10")  # 295.55 + 205.55 + 230.00
        assert list(pv.totals_by_item.values()) == [D("731.10")]
        res = run.commit(s, admin, "2026-04")
        assert res.lines_written == 3
    with db.session() as s:
        again = run.commit(s, admin, "2026-04")
        assert again.lines_written == 0 and again.preview.unchanged == 3
        assert s.scalar(select(func.count()).select_from(BillLine)) == 3
        assert s.scalar(select(func.count()).select_from(BillRun)) == 1
        got = {l.target_code: (l.amount, l.formula) for l in lines(s)}
        assert got["JD-01-1-0101"] == (D("295.55"), "128.50 m² × 2.30 元/m²·月 = 295.55 元")
        assert ledger.check(s, admin).ok


def test_mid_month_move_in_is_prorated(db, admin, estate):
    with db.session() as s:
        mgmt(s, admin)
        b = prop.get_room(s, admin, estate.rooms["0101"])
        from propdesk.models import Building, Unit
        building, unit = s.get(Building, b.building_id), s.get(Unit, b.unit_id)
        r = prop.create_room(s, admin, building, unit, number="0301", floor=3, building_area=D("128.50"))
        c = customers.create_customer(s, admin, name="新业主")
        customers.move_in(s, admin, c.id, role="owner", start=dt.date(2026, 4, 14), room_id=r.id)
        run.commit(s, admin, "2026-04")
        line = next(l for l in lines(s) if l.target_id == r.id)
        # April: 30 days, 14..30 = 17 days; 128.50 × 2.30 × 17/30 = 5024.35/30 = 167.478… → 167.48
        assert line.amount == D("167.48")
        assert line.formula == "128.50 m² × 2.30 元/m²·月 × 17/30 月 = 167.48 元"
        assert (line.service_from, line.service_to) == (dt.date(2026, 4, 1), dt.date(2026, 4, 30))


def test_transfer_splits_between_old_and_new_owner(db, admin, estate):
    with db.session() as s:
        mgmt(s, admin)
        buyer = customers.create_customer(s, admin, name="买方")
        customers.transfer(s, admin, estate.rooms["0201"], buyer.id, dt.date(2026, 4, 11))
        run.commit(s, admin, "2026-04")
        got = {l.customer_id: l.amount for l in lines(s) if l.target_id == estate.rooms["0201"]}
        # 100.00 × 2.30 = 230.00/month; seller 04-01..04-10 = 10/30 → 76.666… → 76.67;
        # buyer 04-11..04-30 = 20/30 → 153.333… → 153.33 (each line rounded once)
        assert got == {estate.owners["0201"]: D("76.67"), buyer.id: D("153.33")}


def test_new_price_is_a_new_version(db, admin, estate):
    with db.session() as s:
        std = mgmt(s, admin)
        catalog.add_version(s, admin, std.id, VersionInput(dt.date(2026, 5, 1), unit_price=D("2.50")))
        with pytest.raises(ValidationFailed):
            catalog.add_version(s, admin, std.id, VersionInput(dt.date(2026, 6, 15), unit_price=D("3")))
        run.commit(s, admin, "2026-04")
        run.commit(s, admin, "2026-05")
        # May: 128.50 × 2.50 = 321.25
        may = {l.target_code: l.amount for l in lines(s, "2026-05")}
        assert may["JD-01-1-0101"] == D("321.25")
        assert {l.target_code: l.amount for l in lines(s)}["JD-01-1-0101"] == D("295.55")


def test_changed_input_gives_adjustment_not_edit(db, admin, actor_for, estate):
    with db.session() as s:
        mgmt(s, admin)
        run.commit(s, admin, "2026-04")
        prop.update_room(s, admin, estate.rooms["0101"], building_area=D("130.00"))
        prop.update_room(s, admin, estate.rooms["0102"], building_area=D("80.00"))
    with db.session() as s:
        finance = actor_for("finance")
        with pytest.raises(PermissionDenied):  # lowers 0102: needs 主管
            run.commit(s, finance, "2026-04")
    with db.session() as s:
        res = run.commit(s, admin, "2026-04")
        assert res.preview.recalc_count == 2
        rows = [(l.target_code, l.seq, l.kind, l.amount) for l in lines(s)]
        # 130.00 × 2.30 = 299.00, posted 295.55 → +3.45; 80.00 × 2.30 = 184.00, posted 205.55 → −21.55
        assert ("JD-01-1-0101", 1, "recalc", D("3.45")) in rows
        assert ("JD-01-1-0102", 1, "recalc", D("-21.55")) in rows
        assert ("JD-01-1-0101", 0, "charge", D("295.55")) in rows
        assert run.commit(s, admin, "2026-04").lines_written == 0
        assert ledger.check(s, admin).ok


def test_adjustment_after_close_goes_to_open_period(db, admin, estate):
    with db.session() as s:
        mgmt(s, admin)
        run.commit(s, admin, "2026-04")
        close.close_period(s, admin, "JD", "2026-04", today=dt.date(2026, 5, 3))
        with pytest.raises(ValidationFailed):  # May has not ended
            close.close_period(s, admin, "JD", "2026-05", today=dt.date(2026, 5, 3))
        slot = next(l.slot for l in lines(s) if l.target_code == "JD-01-1-0101")
        adj = ledger.adjust(s, admin, slot, D("-10.00"), "面积复核", on=dt.date(2026, 4, 20))
        # dated in closed April → posted in the first open period, May; the bill period stays April
        assert (adj.bill_period, adj.post_period, adj.amount) == ("2026-04", "2026-05", D("-10.00"))
        prop.update_room(s, admin, estate.rooms["0201"], building_area=D("110.00"))
        res = run.commit(s, admin, "2026-04")
        recalc = [l for l in lines(s) if l.kind == "recalc"]
        # 110.00 × 2.30 = 253.00, posted 230.00 → +23.00 in May; the manual −10.00 is not undone
        assert [(l.target_code, l.amount, l.post_period) for l in recalc] == [("JD-01-1-0201", D("23.00"), "2026-05")]
        assert res.lines_written == 1
        assert s.scalar(select(func.count()).select_from(BillLine).where(BillLine.post_period == "2026-04")) == 3


def test_tiered_water_from_readings_and_rollover(db, admin, estate):
    with db.session() as s:
        std = catalog.create_standard(
            s, admin, code="WATER-STD", name="居民水费", fee_item="WATER", method="metered", meter_kind="water",
            version=VersionInput(dt.date(2026, 1, 1), tiers=[Tier(D("15"), D("3.50")), Tier(D("25"), D("4.55")),
                                                             Tier(None, D("6.10"))]))
        catalog.assign(s, admin, std.id, scope_kind="estate", scope_id=estate.estate_id, start_period="2026-01")
        m1 = meters.create_meter(s, admin, kind="water", room_id=estate.rooms["0101"], initial_reading=D("100"),
                                 installed_on=dt.date(2026, 3, 31))
        m2 = meters.create_meter(s, admin, kind="water", room_id=estate.rooms["0102"], initial_reading=D("9990"),
                                 installed_on=dt.date(2026, 3, 31), max_reading=D("9999"), places=0)
        with pytest.raises(ValidationFailed, match="回零"):
            meters.enter_readings(s, admin, "2026-04", dt.date(2026, 4, 25),
                                  [meters.ReadingEntry(m1.id, D("127")), meters.ReadingEntry(m2.id, D("5"))])
        meters.enter_readings(s, admin, "2026-04", dt.date(2026, 4, 25),
                              [meters.ReadingEntry(m1.id, D("127")), meters.ReadingEntry(m2.id, D("5"), rollover=True)],
                              accept_warnings=True)
        run.commit(s, admin, "2026-04")
        got = {l.target_code: l for l in lines(s)}
        # 0101: 127 − 100 = 27 m³ → 15 × 3.50 + 10 × 4.55 + 2 × 6.10 = 52.50 + 45.50 + 12.20 = 110.20
        assert got["JD-01-1-0101"].amount == D("110.20")
        assert "15 m³ × 3.50 元 + 10 m³ × 4.55 元 + 2 m³ × 6.10 元" in got["JD-01-1-0101"].formula
        # 0102: rollover at 9999 → (10000 − 9990) + 5 = 15 m³ → 15 × 3.50 = 52.50
        assert got["JD-01-1-0102"].amount == D("52.50")
        assert "JD-01-1-0201" not in got  # no meter: nothing billed, counted in the preview
        # a corrected reading after posting → an adjustment line: 30 m³ = 52.50 + 45.50 + 5 × 6.10 = 128.50 (+18.30)
        meters.record_reading(s, admin, m1.id, D("130"), dt.date(2026, 4, 26), source="manual")
        run.commit(s, admin, "2026-04")
        rc = [l for l in lines(s) if l.kind == "recalc"]
        assert [(l.target_code, l.amount) for l in rc] == [("JD-01-1-0101", D("18.30"))]


def test_meter_replacement_in_a_bill(db, admin, estate):
    with db.session() as s:
        std = catalog.create_standard(s, admin, code="ELEC-STD", name="电费", fee_item="ELEC", method="metered",
                                      meter_kind="electric", version=VersionInput(dt.date(2026, 1, 1), unit_price=D("0.68")))
        catalog.assign(s, admin, std.id, scope_kind="company", start_period="2026-01")
        m = meters.create_meter(s, admin, kind="electric", room_id=estate.rooms["0101"], initial_reading=D("500"),
                                installed_on=dt.date(2026, 3, 31))
        meters.replace_meter(s, admin, m.id, old_final=D("530"), new_initial=D("0"), on=dt.date(2026, 4, 10))
        meters.record_reading(s, admin, m.id, D("12"), dt.date(2026, 4, 25), source="device")
        run.commit(s, admin, "2026-04")
        line = lines(s)[0]
        # old (530 − 500) = 30 + new (12 − 0) = 12 → 42 kWh × 0.68 = 28.56
        assert line.amount == D("28.56")
        assert "旧表 (530 − 500) + 新表 (12 − 0)" in line.formula


def test_public_cost_split_adds_up(db, admin):
    with db.session() as s:
        e = build_estate(s, admin, areas=(("0101", "50.00"), ("0102", "60.00"), ("0103", "70.00")), code="GS")
        std = catalog.create_standard(s, admin, code="PUB-STD", name="公摊电费", fee_item="PUBU", method="shared",
                                      share_basis="building_area", meter_kind="electric",
                                      version=VersionInput(dt.date(2026, 1, 1), unit_price=D("0.40")))
        catalog.assign(s, admin, std.id, scope_kind="building", scope_id=e.building_id, start_period="2026-01")
        pub = meters.create_meter(s, admin, kind="electric", building_id=e.building_id, initial_reading=D("1000"),
                                  installed_on=dt.date(2026, 3, 31), share_standard=std.id)
        meters.record_reading(s, admin, pub.id, D("1250"), dt.date(2026, 4, 28), source="manual")
        run.commit(s, admin, "2026-04")
        got = {l.target_code: l.amount for l in lines(s)}
        # 250 kWh × 0.40 = 100.00 over 50/60/70 m² (sum 180): 27.78 + 33.33 + 38.89 = 100.00
        assert got == {"GS-01-1-0101": D("27.78"), "GS-01-1-0102": D("33.33"), "GS-01-1-0103": D("38.89")}
        assert sum(got.values()) == D("100.00")


def test_failing_formula_bills_nothing(db, admin, estate):
    with db.session() as s:
        std = catalog.create_standard(s, admin, code="F-STD", name="电梯费", fee_item="ELEV", method="formula",
                                      version=VersionInput(APR, unit_price=D("0.50"),
                                                           formula="建筑面积 * 单价 / (楼层 - 1)"))
        catalog.assign(s, admin, std.id, scope_kind="company", start_period="2026-01")
        pv = run.preview(s, admin, "2026-04")
        assert [p.where for p in pv.errors] == ["JD-01-1-0101 电梯费", "JD-01-1-0102 电梯费"]  # floor 1: ÷ 0
        with pytest.raises(ValidationFailed, match="除数为零"):
            run.commit(s, admin, "2026-04")
        assert s.scalar(select(func.count()).select_from(BillLine)) == 0


def test_assignment_precedence_exclusion_and_inheritance(db, admin, estate):
    with db.session() as s:
        std = mgmt(s, admin)
        shop = catalog.create_standard(s, admin, code="SHOP", name="商铺物业费", fee_item="MGMT",
                                       method="building_area", version=VersionInput(APR, unit_price=D("5.00")))
        catalog.assign(s, admin, shop.id, scope_kind="company", usage="shop", start_period="2026-01")
        catalog.assign(s, admin, std.id, scope_kind="room", scope_id=estate.rooms["0102"], start_period="2026-01",
                       exclude=True)
        prop.update_room(s, admin, estate.rooms["0201"], usage="shop")
        from propdesk.models import Building, Unit
        r0 = prop.get_room(s, admin, estate.rooms["0101"])
        later = prop.create_room(s, admin, s.get(Building, r0.building_id), s.get(Unit, r0.unit_id), number="0601",
                                 floor=6, building_area=D("10.00"))
        c = customers.create_customer(s, admin, name="后来的业主")
        customers.move_in(s, admin, c.id, role="owner", start=dt.date(2026, 1, 1), room_id=later.id)
        got = {l.target.code: l.amount for l in run.preview(s, admin, "2026-04").lines}
        # 0101 company rule 2.30 → 295.55; 0102 excluded; 0201 shop 100 × 5.00 = 500.00;
        # 0601 added after the rule, inherits it: 10.00 × 2.30 = 23.00
        assert got == {"JD-01-1-0101": D("295.55"), "JD-01-1-0201": D("500.00"), "JD-01-1-0601": D("23.00")}


def test_vacant_discount_and_quarterly_cycle(db, admin, estate):
    with db.session() as s:
        std = catalog.create_standard(s, admin, code="Q", name="物业费（季缴）", fee_item="MGMT", method="building_area",
                                      cycle_months=3, anchor_month=1,
                                      version=VersionInput(APR, unit_price=D("2.30")))
        catalog.assign(s, admin, std.id, scope_kind="company", start_period="2026-01")
        catalog.create_discount(s, admin, name="空置房优惠", kind="vacant", value=D("50"), reason="空置房减半",
                                start_period="2026-01")
        prop.update_room(s, admin, estate.rooms["0101"], status="sold")
        assert run.preview(s, admin, "2026-05").lines == []  # not a quarter start
        got = {l.target.code: l for l in run.preview(s, admin, "2026-04").lines}
        # 0101 sold, not moved in: 128.50 × 2.30 × 3 = 886.65 × 50% = 443.325 → 443.33
        assert got["JD-01-1-0101"].amount == D("443.33")
        assert got["JD-01-1-0101"].discount == D("443.32")   # 886.65 − 443.33
        # 0201: 100.00 × 2.30 × 3 = 690.00
        assert got["JD-01-1-0201"].amount == D("690.00")


def test_scope_building_and_room(db, admin, estate):
    with db.session() as s:
        mgmt(s, admin)
        sc = run.scope_for(s, room="JD-01-1-0102")
        pv = run.preview(s, admin, "2026-04", sc)
        assert [l.target.code for l in pv.lines] == ["JD-01-1-0102"]
        run.commit(s, admin, "2026-04", sc)
        res = run.commit(s, admin, "2026-04", run.scope_for(s, building="JD-01"))
        assert res.lines_written == 2 and res.preview.unchanged == 1


@pytest.mark.pg
def test_bill_run_on_postgresql(pg_url, admin):
    db = Database(pg_url, terminal="T01")
    db.upgrade()
    try:
        with db.session() as s:
            e = build_estate(s, admin)
            mgmt(s, admin)
            run.commit(s, admin, "2026-04")
            ledger.topup_prepayment(s, admin, e.owners["0101"], D("100.00"), on=dt.date(2026, 4, 5),
                                    doc_type="test", doc_id=e.owners["0101"])
        with db.session() as s:
            assert run.commit(s, admin, "2026-04").lines_written == 0
            assert sorted(l.amount for l in lines(s)) == [D("205.55"), D("230.00"), D("295.55")]
            b = ledger.balance(s, admin, e.owners["0101"])
            assert b.receivable == D("195.55")  # 295.55 − 100.00 prepaid offset
            assert ledger.check(s, admin).ok
    finally:
        db.dispose()


def test_tenant_pays_when_the_standard_says_so(db, admin, estate):
    with db.session() as s:
        std = catalog.create_standard(s, admin, code="T", name="垃圾费", fee_item="GARB", method="fixed",
                                      bill_to="tenant", version=VersionInput(APR, amount=D("30.00")))
        catalog.assign(s, admin, std.id, scope_kind="company", start_period="2026-01")
        tenant = customers.create_customer(s, admin, name="租户甲")
        customers.move_in(s, admin, tenant.id, role="tenant", start=dt.date(2026, 4, 21), room_id=estate.rooms["0101"])
        got = {l.customer_id: l.amount for l in run.preview(s, admin, "2026-04").lines
               if l.target.id == estate.rooms["0101"]}
        # 30.00 a month; owner 04-01..04-20 = 20/30 → 20.00; tenant 04-21..04-30 = 10/30 → 10.00
        assert got == {estate.owners["0101"]: D("20.00"), tenant.id: D("10.00")}


def test_parking_space_fee_goes_to_the_space_owner(db, admin, estate):
    from propdesk.ids import uuid7
    from propdesk.models import ParkingLot, ParkingSpace

    with db.session() as s:
        lot = ParkingLot(id=uuid7(), estate_id=estate.estate_id, code="P1", name="地下停车场")
        s.add(lot)
        s.flush()
        space = ParkingSpace(id=uuid7(), lot_id=lot.id, estate_id=estate.estate_id, code="JD-P1-001", number="001",
                             area=D("13.20"))
        s.add(space)
        s.flush()
        customers.move_in(s, admin, estate.owners["0102"], role="owner", start=dt.date(2026, 4, 16), space_id=space.id)
        std = catalog.create_standard(s, admin, code="CW", name="车位管理费", fee_item="PARK", method="fixed",
                                      target="space", version=VersionInput(APR, amount=D("150.00")))
        catalog.assign(s, admin, std.id, scope_kind="estate", scope_id=estate.estate_id, start_period="2026-01")
        lines = [l for l in run.preview(s, admin, "2026-04").lines if l.target.kind == "space"]
        # 150.00 × 15/30 (04-16..04-30) = 75.00
        assert [(l.target.code, l.customer_id, l.amount) for l in lines] == [
            ("JD-P1-001", estate.owners["0102"], D("75.00"))]
        assert lines[0].formula == "150.00 元/个·月 × 15/30 月 = 75.00 元"
