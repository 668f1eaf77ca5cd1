"""Settlement, prepayment offset order, late fees, deposits, opening balances, imports
and the ledger check; hypothesis properties over whole bill runs."""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from propdesk.db import Database
from propdesk.errors import Conflict, PermissionDenied, ValidationFailed
from propdesk.models.billing import Allocation, BillLine
from propdesk.services.billing import catalog, ledger, meters, opening, run
from propdesk.services.billing.catalog import VersionInput
from tests.billing.conftest import build_estate

APR = dt.date(2026, 4, 1)


def std_with_late_fee(s, actor, rate="0.0005", cap="1", code="MGMT-L"):
    std = catalog.create_standard(s, actor, code=code, name="物业费", fee_item="MGMT", method="building_area",
                                  due_day=30, version=VersionInput(dt.date(2026, 1, 1), unit_price=D("2.30"),
                                                                   late_daily_rate=D(rate), late_cap_ratio=D(cap)))
    catalog.assign(s, actor, std.id, scope_kind="company", start_period="2026-01")
    return std


def item_of(s, actor, customer, period="2026-04", as_of=dt.date(2026, 4, 30)):
    return next(i for i in ledger.outstanding(s, actor, customer, as_of=as_of) if i.bill_period == period)


def test_prepayment_offset_order(db, admin, estate):
    with db.session() as s:
        std_with_late_fee(s, admin)
        water = catalog.create_standard(s, admin, code="W", name="水费", fee_item="WATER", method="fixed",
                                        version=VersionInput(dt.date(2026, 1, 1), amount=D("50.00")))
        catalog.assign(s, admin, water.id, scope_kind="company", start_period="2026-01")
        run.commit(s, admin, "2026-03")
        run.commit(s, admin, "2026-04")
        owner = estate.owners["0101"]
        # Items of 0101: 03 物业费 295.55, 03 水费 50.00, 04 物业费 295.55, 04 水费 50.00.
        # Earmarked 水费 60.00 → 03 水费 50.00, 04 水费 10.00; general 400.00 → oldest first:
        # 03 物业管理费 is overdue on 04-05 (due 03-30): its late fee 03-31..04-05 = 6 days × 295.55 × 0.0005
        # = 0.88665 → 0.89 first, then its 295.55, then 04 物业管理费 103.56 (it sorts before 水费; 04 水费
        # is left at 40.00).
        ledger.topup_prepayment(s, admin, owner, D("60.00"), fee_item="WATER", on=dt.date(2026, 4, 5),
                                doc_type="test", doc_id=uuid.uuid4(), offset=False)
        allocs = ledger.topup_prepayment(s, admin, owner, D("400.00"), on=dt.date(2026, 4, 5),
                                         doc_type="test", doc_id=uuid.uuid4())
        items = {i.slot: i for i in ledger._items(s, customer_ids=[owner])}
        got = [(items[a.slot].bill_period, items[a.slot].fee_item, a.amount, a.earmark_id is not None)
               for a in allocs]
        assert got == [("2026-03", "水费", D("50.00"), True), ("2026-04", "水费", D("10.00"), True),
                       ("2026-03", "物业管理费滞纳金", D("0.89"), False), ("2026-03", "物业管理费", D("295.55"), False),
                       ("2026-04", "物业管理费", D("103.56"), False)]
        b = ledger.balance(s, admin, owner)
        # billed 2 × (295.55 + 50.00) + 0.89 late fee = 691.99; prepaid 460.00 used → 231.99 owed, 0 left
        assert (b.receivable, b.prepaid) == (D("231.99"), D("0.00"))
        assert ledger.check(s, admin).ok


def test_settle_partial_with_late_fee_and_reverse(db, admin, actor_for, estate):
    with db.session() as s:
        std_with_late_fee(s, admin)
        run.commit(s, admin, "2026-04")
        owner = estate.owners["0101"]
        it = item_of(s, admin, owner, as_of=dt.date(2026, 5, 10))
        # due 04-30; late 05-01..05-10 = 10 days: 295.55 × 0.0005 × 10 = 1.47775 → 1.48
        assert (it.outstanding, it.late_fee) == (D("295.55"), D("1.48"))
        assert ledger.late_fee(s, admin, it.slot, dt.date(2026, 5, 10))[0] == D("1.48")
        cashier = actor_for("cashier")
        doc = uuid.uuid4()
        st_ = ledger.settle(s, cashier, owner, [ledger.SettleRequest(it.slot, D("200.00"), D("1.48"))],
                            on=dt.date(2026, 5, 10), doc_type="cashier_payment", doc_id=doc)
        assert (st_.principal, st_.late_fee, st_.total) == (D("200.00"), D("1.48"), D("201.48"))
        it = item_of(s, admin, owner, as_of=dt.date(2026, 5, 20))
        # 95.55 left. Total as of 05-20: 05-01..05-10 at 295.55 (the payment day counts in full)
        # = 1.47775, 05-11..05-20 at 95.55 = 0.47775; 1.9555 → 1.96, minus 1.48 charged = 0.48
        assert (it.outstanding, it.late_fee) == (D("95.55"), D("0.48"))
        with pytest.raises(ValidationFailed, match="超过未缴"):
            ledger.settle(s, cashier, owner, [ledger.SettleRequest(it.slot, D("100.00"))],
                          on=dt.date(2026, 5, 20), doc_type="cashier_payment", doc_id=uuid.uuid4())
        with pytest.raises(PermissionDenied):
            ledger.reverse_settlement(s, cashier, "cashier_payment", doc, on=dt.date(2026, 5, 20), reason="收错")
        ledger.reverse_settlement(s, admin, "cashier_payment", doc, on=dt.date(2026, 5, 20), reason="收错")
        it = item_of(s, admin, owner, as_of=dt.date(2026, 5, 10))
        assert it.outstanding == D("295.55") and it.late_fee == D("1.48")  # charged late fee was reversed
        assert ledger.balance(s, admin, owner).receivable == D("295.55")
        assert ledger.check(s, admin).ok


def test_late_fee_reaches_the_cap(db, admin, estate):
    with db.session() as s:
        std_with_late_fee(s, admin, rate="0.005", cap="0.5")
        run.commit(s, admin, "2026-04")
        it = item_of(s, admin, estate.owners["0201"], as_of=dt.date(2026, 12, 31))
        # 230.00 × 0.5%/day × 245 days (05-01..12-31) = 281.75, capped at 230.00 × 50% = 115.00
        assert it.late_fee == D("115.00")
        assert "封顶 115.00 元" in it.late_fee_formula


def test_waive_needs_supervisor_and_overpaid_goes_to_prepaid(db, admin, actor_for, estate):
    with db.session() as s:
        std_with_late_fee(s, admin)
        run.commit(s, admin, "2026-04")
        owner = estate.owners["0201"]
        it = item_of(s, admin, owner)
        with pytest.raises(PermissionDenied):
            ledger.waive(s, actor_for("finance"), it.slot, "困难户")
        ledger.settle(s, admin, owner, [ledger.SettleRequest(it.slot, D("230.00"))], on=dt.date(2026, 4, 20),
                      doc_type="cashier_payment", doc_id=uuid.uuid4())
        ledger.adjust(s, admin, it.slot, D("-30.00"), "面积更正")
        b = ledger.balance(s, admin, owner)
        assert (b.receivable, b.prepaid_general) == (D("0.00"), D("30.00"))  # 230 paid, 200 due → 30 credit
        assert ledger.check(s, admin).ok


def test_waive_on_a_supervisors_authorization_names_both(db, admin, actor_for, estate):
    from propdesk.models.auth import AuditLog

    clerk, boss = actor_for("frontdesk", "小李"), actor_for("supervisor", "王主管")
    with db.session() as s:
        std_with_late_fee(s, admin)
        run.commit(s, admin, "2026-04")
        it = item_of(s, admin, estate.owners["0201"])      # 100.00 m² × 2.30 = 230.00
        with pytest.raises(PermissionDenied):
            ledger.waive(s, clerk, it.slot, "困难户", amount=D("80.00"))
        with pytest.raises(PermissionDenied):   # a clerk's "authorization" is no authorization
            ledger.waive(s, clerk, it.slot, "困难户", amount=D("80.00"), supervisor=actor_for("cashier"))
        with pytest.raises(ValidationFailed, match="原因"):
            ledger.waive(s, boss, it.slot, "  ")
        line = ledger.waive(s, clerk, it.slot, "困难户", amount=D("80.00"), on=dt.date(2026, 4, 25),
                            supervisor=boss)
        assert (line.amount, line.kind, line.operator_name) == (D("-80.00"), "adjustment", "小李")
        assert "主管授权：王主管" in line.formula
        assert item_of(s, admin, estate.owners["0201"]).outstanding == D("150.00")
        row = s.scalar(select(AuditLog).where(AuditLog.action == "adjust"))
        assert row.operator_name == "小李" and "授权：王主管" in row.summary and "减免：困难户" in row.summary
        assert '"authorized_by": "王主管"' in row.after
        # raising an item needs BILL_RUN: the clerk alone may not, a supervisor may authorize it
        with pytest.raises(PermissionDenied):
            ledger.adjust(s, clerk, it.slot, D("5.00"), "补收")
        ledger.adjust(s, clerk, it.slot, D("5.00"), "补收", supervisor=boss)
        assert item_of(s, admin, estate.owners["0201"]).outstanding == D("155.00")
        assert ledger.check(s, admin).ok


def test_deposit_held_and_refunded(db, admin, estate):
    with db.session() as s:
        owner = estate.owners["0101"]
        d = ledger.receive_deposit(s, admin, owner, fee_item="DECO", target_kind="room",
                                   target_id=estate.rooms["0101"], amount=D("3000"), on=dt.date(2026, 4, 1))
        with pytest.raises(ValidationFailed):
            ledger.refund_deposit(s, admin, d.id, refund=D("2900"), forfeit=D("200"), on=dt.date(2026, 6, 1),
                                  reason="装修完成")
        ledger.refund_deposit(s, admin, d.id, refund=D("2800"), forfeit=D("200"), on=dt.date(2026, 6, 1),
                              reason="装修完成，损坏公共墙面扣200")
        assert ledger.balance(s, admin, owner).deposits == D("0.00")
        assert [(x.amount, held) for x, held in ledger.deposits(s, admin, owner)] == [(D("3000.00"), D("0.00"))]
        assert ledger.check(s, admin).ok


def _xlsx(path: Path, header, rows) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "期初余额"
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_opening_balance_import_all_or_nothing(db, admin, estate, tmp_path):
    header = opening.COLUMNS
    bad = _xlsx(tmp_path / "bad.xlsx", header, [
        ["JD-01-1-0101", "", "欠费", "物业管理费", "2025-12", 295.55, None, ""],
        ["JD-99-1-0101", "", "欠费", "物业管理费", "2025-12", 10, None, ""],
        ["JD-01-1-0102", "", "预存", "", "", "abc", None, ""],
        ["JD-01-1-0201", "", "欠费", "", "2025-13", 10, None, ""],
    ])
    with db.session() as s:
        with pytest.raises(ValidationFailed) as exc:
            opening.import_balances(s, admin, bad)
        wheres = [p.where for p in exc.value.problems]
        assert wheres == ["工作表「期初余额」第3行「房间编码」列", "工作表「期初余额」第4行「金额」列",
                          "工作表「期初余额」第5行「收费项目」列", "工作表「期初余额」第5行「账期」列"]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(BillLine)) == 0
    good = _xlsx(tmp_path / "good.xlsx", header, [
        ["JD-01-1-0101", "", "欠费", "MGMT", "2025-12", 295.55, None, "旧系统欠费"],
        ["JD-01-1-0102", "业主0102", "预存", "", "", "100.10", None, ""],
    ])
    with db.session() as s:
        res = opening.import_balances(s, admin, good, on=dt.date(2026, 1, 5))
        assert (res.debt_total, res.prepaid_total) == (D("295.55"), D("100.10"))
        assert ledger.balance(s, admin, estate.owners["0101"]).receivable == D("295.55")
        assert ledger.balance(s, admin, estate.owners["0102"]).prepaid_general == D("100.10")
        with pytest.raises(Conflict):
            opening.import_balances(s, admin, good)
        assert ledger.check(s, admin).ok


def test_reading_import(db, admin, estate, tmp_path):
    with db.session() as s:
        m = meters.create_meter(s, admin, kind="water", room_id=estate.rooms["0101"], initial_reading=D("100"),
                                installed_on=dt.date(2026, 3, 31))
        code = m.code
    f = _xlsx(tmp_path / "r.xlsx", meters.READING_COLUMNS, [[code, "2026-04", dt.date(2026, 4, 25), 112.5, "", ""],
                                                            ["NOPE", "2026-04", "2026-04-25", 5, "", ""]])
    with db.session() as s:
        with pytest.raises(ValidationFailed, match="找不到仪表"):
            meters.import_readings(s, admin, f)
    f = _xlsx(tmp_path / "r2.xlsx", meters.READING_COLUMNS, [[code, "2026-04", dt.date(2026, 4, 25), 112.5, "", ""]])
    with db.session() as s:
        res = meters.import_readings(s, admin, f)
        assert [r.value for r in res] == [D("112.500")]
        u = meters.period_usage(s, [meters.get_meter(s, code)], run.parse_period("2026-04"))
        assert list(u.values())[0].usage == D("12.500")  # 112.5 − 100


# --- properties over whole runs ------------------------------------------------------------

areas = st.decimals(min_value=D("1.00"), max_value=D("500.00"), places=2)
prices = st.decimals(min_value=D("0.01"), max_value=D("20.00"), places=2)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(areas, min_size=1, max_size=6), prices, st.integers(min_value=1, max_value=28),
       st.lists(st.decimals(min_value=D("0.01"), max_value=D("900.00"), places=2), max_size=3))
def test_run_properties(admin, room_areas, price, move_in_day, topups):
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(str(Path(tmp) / "p.sqlite3"), terminal="T01")
        db.upgrade()
        try:
            with db.session() as s:
                e = build_estate(s, admin, areas=[(f"{i + 1:02d}01", str(a)) for i, a in enumerate(room_areas)],
                                 owner_since=dt.date(2026, 4, move_in_day))
                std = catalog.create_standard(s, admin, code="P", name="物业费", fee_item="MGMT",
                                              method="building_area", version=VersionInput(APR, unit_price=price))
                catalog.assign(s, admin, std.id, scope_kind="company", start_period="2026-01")
                for i, amt in enumerate(topups):
                    ledger.topup_prepayment(s, admin, list(e.owners.values())[i % len(e.owners)], amt,
                                            on=dt.date(2026, 4, 1), doc_type="t", doc_id=uuid.uuid4(), offset=False)
                res = run.commit(s, admin, "2026-04")
                # the run total is the sum of its lines, and the preview's per-item totals agree
                written = list(s.scalars(select(BillLine.amount)))
                assert sum(written, D(0)) == res.preview.total == sum(res.preview.totals_by_item.values(), D(0))
                assert len(written) == len(room_areas)
            with db.session() as s:
                again = run.commit(s, admin, "2026-04")
                assert again.lines_written == 0
                assert s.scalar(select(func.count()).select_from(BillLine)) == len(room_areas)
                report = ledger.check(s, admin)
                assert report.ok, report.problems
                paid = s.scalar(select(func.coalesce(func.sum(Allocation.amount), 0)))
                assert paid <= sum(topups, D(0))
        finally:
            db.dispose()


def test_assignment_preview_shows_who_gets_what(db, admin, estate):
    with db.session() as s:
        std = catalog.create_standard(s, admin, code="A", name="物业费", fee_item="MGMT", method="building_area",
                                      version=VersionInput(APR, unit_price=D("2.30")))
        catalog.assign(s, admin, std.id, scope_kind="company", start_period="2026-01")
        high = catalog.create_standard(s, admin, code="B", name="高层物业费", fee_item="MGMT", method="building_area",
                                       version=VersionInput(APR, unit_price=D("2.80")))
        pv = catalog.preview_assignment(s, admin, high.id, scope_kind="building", scope_id=estate.building_id,
                                        start_period="2026-04")
        assert (pv.changed, pv.gained, pv.lost, pv.unchanged) == (3, 0, 0, 0)
        assert pv.rows[0].before == "物业费（2.30 元/m²·月）" and pv.rows[0].after == "高层物业费（2.80 元/m²·月）"
        ex = catalog.preview_assignment(s, admin, std.id, scope_kind="room", scope_id=estate.rooms["0102"],
                                        start_period="2026-04", exclude=True)
        assert [(r.target_code, r.after) for r in ex.rows] == [("JD-01-1-0102", "")] and ex.unchanged == 0
        assert s.scalar(select(func.count()).select_from(catalog.FeeAssignment)) == 1  # nothing written


def test_prepay_twelve_months_get_one_free(db, admin, estate):
    from propdesk.services.billing import offers

    with db.session() as s:
        std_with_late_fee(s, admin)
        rule = catalog.create_discount(s, admin, name="预缴一年送一月", kind="prepay_free", fee_item="MGMT",
                                       months_paid=12, months_free=1, reason="2026年预缴活动",
                                       start_period="2026-01", end_period="2026-12")
        owner, room = estate.owners["0201"], estate.rooms["0201"]
        [offer] = offers.offers_for(s, admin, "room", room, dt.date(2026, 4, 3))
        # 100.00 m² × 2.30 = 230.00 a month; pay 12 × 230.00 = 2,760.00, get 230.00
        assert (offer.monthly, offer.pay, offer.bonus) == (D("230.00"), D("2760.00"), D("230.00"))
        doc = uuid.uuid4()
        with pytest.raises(ValidationFailed, match="需预缴 12 个月"):
            offers.apply_offer(s, admin, rule.id, owner, target_kind="room", target_id=room, paid=D("2000"),
                               on=dt.date(2026, 4, 3), doc_type="cashier_payment", doc_id=doc)
        ledger.topup_prepayment(s, admin, owner, D("2760.00"), fee_item="MGMT", on=dt.date(2026, 4, 3),
                                doc_type="cashier_payment", doc_id=doc, offset=False)
        offers.apply_offer(s, admin, rule.id, owner, target_kind="room", target_id=room, paid=D("2760.00"),
                           on=dt.date(2026, 4, 3), doc_type="cashier_payment", doc_id=doc)
        b = ledger.balance(s, admin, owner)
        assert sum(b.prepaid_by_item.values(), D(0)) == D("2990.00")  # 2,760.00 + 230.00
        run.commit(s, admin, "2026-04")
        assert ledger.balance(s, admin, owner).receivable == D("0.00")  # April paid from the prepayment
        assert ledger.check(s, admin).ok


def test_waived_late_fee_and_its_reversal(db, admin, estate):
    with db.session() as s:
        std_with_late_fee(s, admin)
        run.commit(s, admin, "2026-04")
        owner = estate.owners["0201"]
        it = item_of(s, admin, owner, as_of=dt.date(2026, 5, 10))
        # 230.00 × 0.0005 × 10 days = 1.15 accrued; the supervisor waives it and 230.00 is paid
        assert it.late_fee == D("1.15")
        doc = uuid.uuid4()
        st_ = ledger.settle(s, admin, owner, [ledger.SettleRequest(it.slot, D("230.00"))], on=dt.date(2026, 5, 10),
                            doc_type="cashier_payment", doc_id=doc, waive_late_fee_reason="首次逾期")
        assert st_.total == D("230.00")
        assert ledger.outstanding(s, admin, owner, as_of=dt.date(2026, 5, 10)) == []
        ledger.reverse_settlement(s, admin, "cashier_payment", doc, on=dt.date(2026, 5, 11), reason="收错房间")
        # the principal is due again; the waived late fee is not charged twice nor made negative
        it = item_of(s, admin, owner, as_of=dt.date(2026, 5, 10))
        assert (it.outstanding, it.late_charged) == (D("230.00"), D("0.00"))
        assert it.late_fee == D("1.15")  # accrues again as of 05-10, to be charged or waived anew
        assert ledger.check(s, admin).ok


def test_partial_payment_follows_the_written_order(db, admin, estate):
    with db.session() as s:
        std_with_late_fee(s, admin)
        run.commit(s, admin, "2026-03")
        run.commit(s, admin, "2026-04")
        owner, on = estate.owners["0101"], dt.date(2026, 5, 10)
        plan = ledger.plan_amount(s, admin, owner, D("400.00"), on=on)
        # March (due 03-30): late 03-31..05-10 = 41 days × 295.55 × 0.0005 = 6.058775 → 6.06, then 295.55;
        # 400.00 − 6.06 − 295.55 = 98.39 left. April (due 04-30): late 10 days → 1.48, then 96.91 of 295.55.
        assert [(r.late_fee, r.principal) for r in plan] == [(D("6.06"), D("295.55")), (D("1.48"), D("96.91"))]
        st_ = ledger.settle_amount(s, admin, owner, D("400.00"), on=on, doc_type="cashier_payment",
                                   doc_id=uuid.uuid4())
        assert st_.total == D("400.00")
        left = ledger.outstanding(s, admin, owner, as_of=on)
        assert [(i.bill_period, i.outstanding, i.late_fee) for i in left] == [("2026-04", D("198.64"), D("0.00"))]
        assert ledger.check(s, admin).ok


def test_charge_authorities(db, admin, actor_for, estate):
    """A one-off charge needs billing staff, or the desk whose business raises it."""
    from propdesk.errors import PermissionDenied as Denied
    from propdesk.security import CARD_ISSUE, PAY_COLLECT

    room = estate.rooms["0101"]
    with db.session() as s:
        kw = dict(target_kind="room", target_id=room, fee_item="SERV", amount=D("30.00"), reason="换锁")
        # front desk issues cards: may charge on that authority, not as billing staff
        assert ledger.charge(s, actor_for("frontdesk"), authority=CARD_ISSUE, **kw).amount == D("30.00")
        with pytest.raises(Denied):
            ledger.charge(s, actor_for("frontdesk"), **kw)
        with pytest.raises(Denied):  # a cashier holds none of the authorities
            ledger.charge(s, actor_for("cashier"), authority=CARD_ISSUE, **kw)
        with pytest.raises(ValueError):  # and may not name a permission that is no authority
            ledger.charge(s, actor_for("cashier"), authority=PAY_COLLECT, **kw)
