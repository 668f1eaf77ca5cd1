"""Preventive maintenance: due dates by hand, idempotent generation, the overdue list,
maintenance records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from propdesk.errors import NotFound, PermissionDenied, ValidationFailed
from propdesk.models.service import WorkOrder
from propdesk.services.service_desk import equipment, maintenance as mt, workorders as wo
from tests.service.conftest import NOW

d = dt.date


@pytest.mark.parametrize("start,freq,until,expected", [
    (d(2026, 1, 5), "week", d(2026, 2, 2),
     [d(2026, 1, 5), d(2026, 1, 12), d(2026, 1, 19), d(2026, 1, 26), d(2026, 2, 2)]),
    (d(2026, 1, 31), "month", d(2026, 6, 30),
     [d(2026, 1, 31), d(2026, 2, 28), d(2026, 3, 31), d(2026, 4, 30), d(2026, 5, 31),
      d(2026, 6, 30)]),
    (d(2028, 1, 31), "month", d(2028, 3, 1), [d(2028, 1, 31), d(2028, 2, 29)]),  # leap year
    (d(2026, 1, 30), "month", d(2026, 3, 30), [d(2026, 1, 30), d(2026, 2, 28), d(2026, 3, 30)]),
    (d(2026, 11, 30), "quarter", d(2027, 12, 1),
     [d(2026, 11, 30), d(2027, 2, 28), d(2027, 5, 30), d(2027, 8, 30), d(2027, 11, 30)]),
    (d(2025, 8, 31), "quarter", d(2026, 3, 1), [d(2025, 8, 31), d(2025, 11, 30), d(2026, 2, 28)]),
    (d(2024, 2, 29), "year", d(2028, 3, 1),
     [d(2024, 2, 29), d(2025, 2, 28), d(2026, 2, 28), d(2027, 2, 28), d(2028, 2, 29)]),
    (d(2026, 12, 15), "month", d(2027, 2, 14), [d(2026, 12, 15), d(2027, 1, 15)]),
    (d(2026, 12, 15), "month", d(2026, 12, 14), []),
])
def test_occurrences(start, freq, until, expected):
    assert list(mt.occurrences(start, freq, until)) == expected


def test_every_n_periods():
    # 电梯半月保: every 2 weeks from Mon Jan 5.
    assert list(mt.occurrences(d(2026, 1, 5), "week", d(2026, 2, 16), every=2)) == [
        d(2026, 1, 5), d(2026, 1, 19), d(2026, 2, 2), d(2026, 2, 16)]
    # 半年: every 2 quarters from Aug 31: Feb 28, Aug 31, Feb 29 (2028 is a leap year).
    assert list(mt.occurrences(d(2026, 8, 31), "quarter", d(2028, 3, 1), every=2)) == [
        d(2026, 8, 31), d(2027, 2, 28), d(2027, 8, 31), d(2028, 2, 29)]

    class P:
        start_date, frequency, end_date, every = d(2026, 1, 5), "week", None, 2
    assert mt.next_due(P, d(2026, 1, 19)) == d(2026, 2, 2)
    assert mt.next_due(P, d(2026, 1, 18)) == d(2026, 1, 19)
    P.frequency, P.start_date, P.every = "month", d(2026, 1, 31), 6
    assert mt.next_due(P, d(2026, 1, 31)) == d(2026, 7, 31)
    assert mt.next_due(P, d(2027, 6, 1)) == d(2027, 7, 31)
    assert mt.describe("week", 2) == "每 2 周" and mt.describe("month") == "每月"


def test_occurrences_stop_at_the_end_date():
    assert list(mt.occurrences(d(2026, 1, 1), "quarter", d(2027, 1, 1), d(2026, 7, 1))) == [
        d(2026, 1, 1), d(2026, 4, 1), d(2026, 7, 1)]


def test_next_due():
    class P:  # the attributes next_due reads
        start_date, frequency, end_date, every = d(2026, 1, 31), "month", None, 1
    assert mt.next_due(P, d(2026, 1, 1)) == d(2026, 1, 31)
    assert mt.next_due(P, d(2026, 1, 31)) == d(2026, 2, 28)
    assert mt.next_due(P, d(2026, 2, 28)) == d(2026, 3, 31)
    assert mt.next_due(P, d(2027, 4, 15)) == d(2027, 4, 30)
    P.frequency = "week"
    P.start_date = d(2026, 1, 5)
    assert mt.next_due(P, d(2026, 11, 23)) == d(2026, 11, 30)
    P.end_date = d(2026, 11, 29)
    assert mt.next_due(P, d(2026, 11, 23)) is None


@pytest.fixture
def lift(db, office, admin):
    with db.session() as s:
        e = equipment.create_equipment(s, admin, code="DT-01", name="1号电梯", kind="lift",
                                       location="1栋电梯井", model="GeN2", supplier="奥的斯",
                                       install_date=d(2019, 6, 1), warranty_until=d(2021, 6, 1),
                                       estate_id=office.estate_id)
        return e.id


def test_generate_due_is_idempotent(db, office, admin, lift):
    with db.session() as s:
        plan = mt.create_plan(s, office.engineer, lift, title="电梯月度保养", frequency="月",
                              start_date=d(2026, 1, 31), content="曳引机、制动器、门机检查",
                              post="电梯维保", assignee_id=office.engineer.operator_id)
        assert plan.frequency == "month"
        first = mt.generate_due(s, office.engineer, d(2026, 3, 30), now=NOW)
        assert [o.plan_due for o in first] == [d(2026, 1, 31), d(2026, 2, 28)]
        o = first[1]
        assert (o.kind, o.category, o.source, o.urgency, o.state) == (
            "maintenance", "lift", "plan", "planned", "dispatched")
        assert o.assignee_id == office.engineer.operator_id  # the plan's engineer
        assert o.due_at == dt.datetime(2026, 2, 28, 23, 59, 59)
        assert o.number.startswith("BY-T01-20261123-")
        assert "电梯月度保养（2026-02-28）" in o.description and o.location == "1栋电梯井"
        # Run again, the same day and later: nothing twice.
        assert mt.generate_due(s, office.engineer, d(2026, 3, 30), now=NOW) == []
        again = mt.generate_due(s, office.frontdesk, d(2026, 3, 31), now=NOW)
        assert [o.plan_due for o in again] == [d(2026, 3, 31)]
        assert mt.generate_due(s, office.frontdesk, d(2026, 3, 31), now=NOW) == []
        n = s.scalar(select(func.count()).select_from(WorkOrder).where(WorkOrder.plan_id == plan.id))
        assert n == 3


def test_generate_due_for_each_frequency(db, office, admin, lift):
    with db.session() as s:
        plans = {f: mt.create_plan(s, admin, lift, title=f"{f} plan", frequency=f,
                                   start_date=d(2026, 1, 31)) for f in ("week", "month",
                                                                        "quarter", "year")}
        made = mt.generate_due(s, admin, d(2026, 5, 1), now=NOW)
        got = {}
        for o in made:
            got.setdefault(o.plan_id, []).append(o.plan_due)
        assert got[plans["week"].id] == [d(2026, 1, 31) + dt.timedelta(weeks=k) for k in range(13)]
        assert got[plans["month"].id] == [d(2026, 1, 31), d(2026, 2, 28), d(2026, 3, 31),
                                          d(2026, 4, 30)]
        assert got[plans["quarter"].id] == [d(2026, 1, 31), d(2026, 4, 30)]
        assert got[plans["year"].id] == [d(2026, 1, 31)]
        assert all(o.state == "pending" for o in made)  # no engineer on these plans


def test_inactive_plans_and_scrapped_equipment_generate_nothing(db, office, admin, lift):
    with db.session() as s:
        plan = mt.create_plan(s, admin, lift, title="季度保养", frequency="季",
                              start_date=d(2026, 1, 1))
        mt.update_plan(s, admin, plan.id, active=False)
        assert mt.generate_due(s, admin, d(2026, 12, 31), now=NOW) == []
        mt.update_plan(s, admin, plan.id, active=True)
        equipment.update_equipment(s, admin, lift, status="报废")
        assert mt.generate_due(s, admin, d(2026, 12, 31), now=NOW) == []


def test_overdue_list(db, office, admin, lift):
    with db.session() as s:
        pump = equipment.create_equipment(s, admin, code="SB-01", name="生活水泵1#", kind="水泵",
                                          location="地下泵房")
        weekly = mt.create_plan(s, admin, pump.id, title="水泵周检", frequency="week",
                                start_date=d(2026, 11, 2))
        monthly = mt.create_plan(s, admin, lift, title="电梯月度保养", frequency="month",
                                 start_date=d(2026, 10, 31))
        # Generated up to Nov 10: weekly Nov 2 and 9, monthly Oct 31.
        made = {o.plan_due: o for o in mt.generate_due(s, admin, d(2026, 11, 10), now=NOW)}
        assert sorted(made) == [d(2026, 10, 31), d(2026, 11, 2), d(2026, 11, 9)]
        # Nov 2 is done; Oct 31 and Nov 9 are still open.
        o = made[d(2026, 11, 2)]
        wo.dispatch(s, admin, o.id, office.engineer.operator_id, now=NOW)
        wo.start(s, office.engineer, o.id, now=NOW)
        wo.finish(s, office.engineer, o.id, result="运行正常，补充润滑油", now=NOW)
        assert o.state == "done"
        rows = mt.overdue(s, admin, d(2026, 11, 23))
        assert [(r.equipment_code, r.due, r.order_no != "", r.days_late) for r in rows] == [
            ("DT-01", d(2026, 10, 31), True, 23),
            ("SB-01", d(2026, 11, 9), True, 14),
            ("SB-01", d(2026, 11, 16), False, 7),   # not generated yet
        ]
        # Nov 23 itself is due today, not overdue; the monthly Nov 30 is in the future.
        table = {r.plan.title: r for r in mt.plan_rows(s, admin, as_of=d(2026, 11, 23))}
        assert table["水泵周检"].next_due == d(2026, 11, 23)
        assert table["水泵周检"].last_done == NOW.date()
        assert (table["水泵周检"].open_orders, table["水泵周检"].overdue) == (1, 2)
        assert table["电梯月度保养"].next_due == d(2026, 11, 30)
        # A fortnightly lift plan generates on its own rhythm.
        fortnight = mt.create_plan(s, admin, monthly.equipment_id, title="电梯半月保养",
                                   frequency="week", every=2, start_date=d(2026, 11, 2))
        made = mt.generate_due(s, admin, d(2026, 11, 30), now=NOW)
        assert sorted(o.plan_due for o in made if o.plan_id == fortnight.id) == [
            d(2026, 11, 2), d(2026, 11, 16), d(2026, 11, 30)]
        assert {r.plan_id for r in rows} == {weekly.id, monthly.id}


def test_finishing_maintenance_writes_the_record(db, office, admin, lift):
    with db.session() as s:
        plan = mt.create_plan(s, admin, lift, title="电梯周保养", frequency="week",
                              start_date=d(2026, 11, 23), assignee_id=office.engineer.operator_id)
        (o,) = mt.generate_due(s, admin, d(2026, 11, 23), now=NOW)
        wo.start(s, office.engineer, o.id, now=NOW)
        wo.finish(s, office.engineer, o.id, result="钢丝绳张力正常", now=NOW)
        (rec, eq) = mt.records(s, admin)[0]
        assert (rec.kind, rec.plan_id, rec.result, eq.code) == (
            "maintenance", plan.id, "钢丝绳张力正常", "DT-01")
        # A contractor's visit, recorded by hand.
        equipment.add_record(s, admin, lift, kind="保养", done_on=d(2026, 11, 20),
                             content="奥的斯季度维保", performed_by="奥的斯 陈工",
                             cost=Decimal("1200.00"), plan_id=plan.id)
        hist = equipment.history(s, admin, lift)
        assert [(h.done_on, h.kind, h.performed_by) for h in hist] == [
            (NOW.date(), "maintenance", "刘工程"), (d(2026, 11, 20), "maintenance", "奥的斯 陈工")]


def test_plan_validation_and_permissions(db, office, admin, lift):
    with db.session() as s:
        with pytest.raises(ValidationFailed) as e:
            mt.create_plan(s, admin, lift, title="", frequency="半月", start_date=d(2026, 1, 1),
                           end_date=d(2025, 1, 1), assignee_id=office.cashier.operator_id)
        assert {p.where for p in e.value.problems} == {"计划名称", "保养周期", "结束日期", "负责人"}
        with pytest.raises(ValidationFailed) as e:
            mt.create_plan(s, admin, lift, title="x", frequency="周", start_date=d(2026, 1, 1),
                           every=0)
        assert [p.where for p in e.value.problems] == ["间隔"]
        with pytest.raises(PermissionDenied):
            mt.create_plan(s, office.frontdesk, lift, title="x", frequency="月",
                           start_date=d(2026, 1, 1))
        with pytest.raises(PermissionDenied):
            mt.generate_due(s, office.cashier, d(2026, 1, 1))
        import uuid
        with pytest.raises(NotFound):
            mt.create_plan(s, admin, uuid.uuid4(), title="x", frequency="月",
                           start_date=d(2026, 1, 1))
