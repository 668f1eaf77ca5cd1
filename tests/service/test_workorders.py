"""Repair orders: intake, due times, numbering, the lifecycle with permissions, listing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from propdesk.db import Database
from propdesk.errors import Conflict, PermissionDenied, ValidationFailed
from propdesk.models import AuditLog
from propdesk.models.service import EquipmentRecord, WorkOrderEvent
from propdesk.services.service_desk import equipment, stock, workorders as wo
from propdesk.services.service_desk.stock import StockLine
from tests.service.conftest import NOW


def _repair(s, office, **kw):
    args = dict(room_id=office.room_id, category="水电", description="厨房水龙头漏水", now=NOW)
    args.update(kw)
    return wo.create_order(s, office.frontdesk, **args)


# --- due times ----------------------------------------------------------------------

@pytest.mark.parametrize("urgency,reported,appointment,due", [
    ("normal", "2026-11-23 09:30", None, "2026-11-23 23:59:59"),
    ("normal", "2026-11-23 22:10", None, "2026-11-23 23:59:59"),
    ("urgent", "2026-11-23 09:30", None, "2026-11-23 13:30:00"),
    ("urgent", "2026-11-23 22:10", None, "2026-11-24 02:10:00"),
    ("emergency", "2026-11-23 09:30", None, "2026-11-23 10:30:00"),
    ("planned", "2026-11-23 09:30", None, "2026-11-30 23:59:59"),
    # The owner asks for Wednesday 10:00: due that day, not today.
    ("normal", "2026-11-23 09:30", "2026-11-25 10:00", "2026-11-25 23:59:59"),
    ("urgent", "2026-11-23 09:30", "2026-11-23 15:00", "2026-11-23 19:00:00"),
    # An appointment earlier than intake changes nothing.
    ("normal", "2026-11-23 09:30", "2026-11-23 08:00", "2026-11-23 23:59:59"),
])
def test_due_time(urgency, reported, appointment, due):
    p = dt.datetime.fromisoformat
    assert wo.due_time(urgency, p(reported), p(appointment) if appointment else None) == p(due)


# --- intake -------------------------------------------------------------------------

def test_intake_fills_reporter_from_owner_and_numbers_per_day(db, office):
    with db.session() as s:
        a = _repair(s, office)
        b = _repair(s, office, category="lift", reporter="李四", contact="0755-86001234",
                    description="电梯按钮失灵")
        c = _repair(s, office, now=NOW + dt.timedelta(days=1))
        assert (a.number, b.number, c.number) == (
            "BX-T01-20261123-0001", "BX-T01-20261123-0002", "BX-T01-20261124-0001")
        assert (a.reporter, a.contact, a.customer_id) == ("张伟", "13800138000", office.owner_id)
        assert (b.reporter, b.contact, b.category) == ("李四", "0755-86001234", "lift")
        assert a.state == "pending" and a.taken_by == "李前台"
        assert a.estate_id == office.estate_id
        pub = wo.create_order(s, office.engineer, kind="公区", location="地下车库B区",
                              category="公共设施", description="车库照明损坏", now=NOW)
        assert pub.number == "GQ-T01-20261123-0001" and pub.source == "staff"


def test_numbers_from_two_terminals_never_collide(tmp_path, office, db):
    other = Database(db.url, terminal="T02")
    try:
        with db.session() as s:
            a = _repair(s, office)
        with other.session() as s:
            b = _repair(s, office)
        assert a.number == "BX-T01-20261123-0001"
        assert b.number == "BX-T02-20261123-0001"
    finally:
        other.dispose()


def test_a_terminal_restored_from_backup_continues_above_what_the_centre_saw(db, office):
    """After a restore the centre's high-water mark (raised into the series on sync)
    keeps the terminal from issuing numbers it had already used."""
    from propdesk.sync import series

    with db.session() as s:
        series.raise_floors(s.connection(), {"BX-T01-20261123": 57})
        assert _repair(s, office).number == "BX-T01-20261123-0058"


def test_sequence_past_9999(db, office):
    with db.session() as s:
        o = _repair(s, office)
        o.number = "BX-T01-20261123-9999"
        s.flush()
        assert _repair(s, office).number == "BX-T01-20261123-10000"
        assert _repair(s, office).number == "BX-T01-20261123-10001"


def test_intake_validation_lists_every_problem(db, office):
    with db.session() as s:
        with pytest.raises(ValidationFailed) as e:
            wo.create_order(s, office.frontdesk, category="空调", description=" ",
                            contact="12345", urgency="很急", now=NOW)
    where = {p.where for p in e.value.problems}
    assert {"报修类别", "报修内容", "联系电话", "紧急程度", "房间"} <= where
    msg = next(p for p in e.value.problems if p.where == "报修类别").zh
    assert "水电" in msg and "消防" in msg  # says what is allowed


def test_cashier_cannot_take_orders(db, office):
    with db.session() as s:
        with pytest.raises(PermissionDenied):
            wo.create_order(s, office.cashier, room_id=office.room_id, category="水电",
                            description="x", now=NOW)


def test_chargeable_needs_a_room(db, office):
    with db.session() as s:
        with pytest.raises(ValidationFailed):
            wo.create_order(s, office.frontdesk, kind="public", location="大堂", category="其他",
                            description="门禁坏", chargeable=True, now=NOW)


# --- the lifecycle, with who may do what ------------------------------------------------

def test_full_lifecycle(db, office):
    t = NOW
    with db.session() as s:
        o = _repair(s, office, chargeable=False)
        oid = o.id
        # The front desk dispatches; engineers cannot.
        with pytest.raises(PermissionDenied):
            wo.dispatch(s, office.engineer, oid, office.engineer.operator_id, now=t)
        wo.dispatch(s, office.frontdesk, oid, office.engineer.operator_id, now=t)
        assert o.state == "dispatched" and o.dispatched_at == t
        # Another engineer may not touch it; the front desk may not do the work.
        with pytest.raises(PermissionDenied) as e:
            wo.start(s, office.engineer2, oid, now=t)
        assert "刘工程" not in e.value.zh and "孙电工" in e.value.zh
        with pytest.raises(PermissionDenied):
            wo.start(s, office.frontdesk, oid, now=t)
        wo.start(s, office.engineer, oid, now=t + dt.timedelta(minutes=20))
        with pytest.raises(PermissionDenied):
            wo.finish(s, office.engineer2, oid, result="x", now=t)
        with pytest.raises(ValidationFailed):
            wo.finish(s, office.engineer, oid, result=" ", now=t)
        wo.finish(s, office.engineer, oid, result="更换角阀，试水无渗漏",
                  labour_hours=Decimal("0.5"), now=t + dt.timedelta(hours=1))
        assert o.state == "to_visit" and o.result.startswith("更换角阀")
        assert o.labour_hours == Decimal("0.50")
        # The engineer cannot call back on their own work (and lacks the permission anyway);
        # a supervisor who did the repair cannot either.
        with pytest.raises(PermissionDenied):
            wo.visit(s, office.engineer, oid, satisfaction="满意", now=t)
        with pytest.raises(ValidationFailed):
            wo.visit(s, office.frontdesk, oid, satisfaction="不满意", comment="", now=t)
        wo.visit(s, office.frontdesk, oid, satisfaction="基本满意", comment="师傅来得有点晚",
                 now=t + dt.timedelta(hours=3))
        assert (o.state, o.satisfaction, o.visitor) == ("done", "fair", "李前台")
        assert o.closed_at == t + dt.timedelta(hours=3)

        detail = wo.order_detail(s, office.frontdesk, oid, now=t)
        assert [e.action for e in detail.events] == [
            "create", "dispatch", "start", "labour", "finish", "visit"]
        assert detail.events[1].note == "派给 刘工程"
        assert detail.assignee_name == "刘工程" and detail.room_code == "JD-01-1-0502"
        assert detail.actions == ()
        actions = [a for (a,) in s.execute(select(AuditLog.action).where(
            AuditLog.entity == "work_order", AuditLog.entity_id == str(oid))
            .order_by(AuditLog.created_at, AuditLog.id))]
        assert actions == ["create", "dispatch", "start", "labour", "finish", "visit"]


def test_supervisor_dispatches_and_works_for_anyone(db, office):
    with db.session() as s:
        o = _repair(s, office)
        wo.dispatch(s, office.supervisor, o.id, office.engineer.operator_id, now=NOW)
        wo.start(s, office.supervisor, o.id, now=NOW)
        wo.finish(s, office.supervisor, o.id, result="已处理", now=NOW)
        assert o.state == "to_visit"
        # The supervisor did not do the repair as the assignee, so may call back.
        wo.visit(s, office.supervisor, o.id, satisfaction="满意", now=NOW)
        assert o.state == "done"


def test_engineer_cannot_visit_own_work_even_as_supervisor(db, office):
    with db.session() as s:
        o = _repair(s, office)
        wo.dispatch(s, office.frontdesk, o.id, office.supervisor.operator_id, now=NOW)
        wo.start(s, office.supervisor, o.id, now=NOW)
        wo.finish(s, office.supervisor, o.id, result="已处理", now=NOW)
        with pytest.raises(PermissionDenied) as e:
            wo.visit(s, office.supervisor, o.id, satisfaction="满意", now=NOW)
        assert "其他人员" in e.value.zh


def test_reassign_moves_the_order_to_the_new_engineer(db, office):
    with db.session() as s:
        o = _repair(s, office)
        wo.dispatch(s, office.frontdesk, o.id, office.engineer.operator_id, now=NOW)
        wo.start(s, office.engineer, o.id, now=NOW)
        wo.dispatch(s, office.frontdesk, o.id, office.engineer2.operator_id, note="刘工请假",
                    now=NOW)
        assert (o.state, o.assignee_id, o.started_at) == (
            "dispatched", office.engineer2.operator_id, None)
        with pytest.raises(PermissionDenied):
            wo.start(s, office.engineer, o.id, now=NOW)
        wo.start(s, office.engineer2, o.id, now=NOW)
        ev = wo.order_detail(s, office.frontdesk, o.id).events[-2]
        assert ev.note == "改派：刘工程 → 孙电工；刘工请假"
        with pytest.raises(Conflict):  # already his
            wo.dispatch(s, office.frontdesk, o.id, office.engineer2.operator_id, now=NOW)


def test_dispatch_only_to_active_engineering_staff(db, office):
    with db.session() as s:
        o = _repair(s, office)
        for who in (office.frontdesk.operator_id, office.cashier.operator_id):
            with pytest.raises(ValidationFailed):
                wo.dispatch(s, office.frontdesk, o.id, who, now=NOW)
        assert o.state == "pending"
        names = [e.display_name for e in wo.engineers(s, office.frontdesk)]
        assert names[:2] == ["孙电工", "刘工程"] and "李前台" not in names


def test_suspend_stops_the_clock_and_resume_returns(db, office):
    with db.session() as s:
        o = _repair(s, office)  # due 2026-11-23 23:59:59
        wo.dispatch(s, office.frontdesk, o.id, office.engineer.operator_id, now=NOW)
        wo.start(s, office.engineer, o.id, now=NOW)
        wo.suspend(s, office.engineer, o.id, reason="等角阀到货", now=NOW)
        assert (o.state, o.held_from, o.hold_reason) == ("suspended", "in_progress", "等角阀到货")
        later = dt.datetime(2026, 11, 25, 9, 30)  # held exactly 48 hours
        assert not wo.is_overdue(o, later)
        # The other engineer cannot resume it; the assignee can.
        with pytest.raises(PermissionDenied):
            wo.resume(s, office.engineer2, o.id, now=later)
        wo.resume(s, office.engineer, o.id, now=later)
        assert (o.state, o.held_from) == ("in_progress", "")
        assert o.due_at == dt.datetime(2026, 11, 25, 23, 59, 59)


def test_rework_after_unsatisfied_visit(db, office):
    with db.session() as s:
        o = _repair(s, office)
        wo.dispatch(s, office.frontdesk, o.id, office.engineer.operator_id, now=NOW)
        wo.start(s, office.engineer, o.id, now=NOW)
        wo.finish(s, office.engineer, o.id, result="紧固接头", now=NOW)
        later = NOW + dt.timedelta(days=1)
        wo.rework(s, office.frontdesk, o.id, reason="业主反映仍漏水", now=later)
        assert (o.state, o.assignee_id, o.finished_at) == (
            "dispatched", office.engineer.operator_id, None)
        assert o.due_at == dt.datetime(2026, 11, 24, 23, 59, 59)


def test_cancel_needs_materials_returned(db, office, admin):
    with db.session() as s:
        stock.stock_in(s, admin, [StockLine(office.valve_id, Decimal("5"))])
        o = _repair(s, office)
        wo.dispatch(s, office.frontdesk, o.id, office.engineer.operator_id, now=NOW)
        wo.issue_materials(s, office.engineer, o.id, [StockLine(office.valve_id, Decimal("2"))])
        with pytest.raises(Conflict) as e:
            wo.cancel(s, office.frontdesk, o.id, reason="业主自行维修", now=NOW)
        assert "退料" in e.value.zh
        wo.return_materials(s, office.engineer, o.id, [StockLine(office.valve_id, Decimal("2"))])
        wo.cancel(s, office.frontdesk, o.id, reason="业主自行维修", now=NOW)
        assert (o.state, o.cancel_reason) == ("cancelled", "业主自行维修")
        assert stock.on_hand(s, office.valve_id) == Decimal("5")


def test_materials_only_while_working_and_only_by_the_assignee(db, office, admin):
    with db.session() as s:
        stock.stock_in(s, admin, [StockLine(office.pipe_id, Decimal("20"))])
        o = _repair(s, office)
        with pytest.raises(Conflict):  # not dispatched yet
            wo.issue_materials(s, office.supervisor, o.id, [StockLine(office.pipe_id, Decimal("1"))])
        wo.dispatch(s, office.frontdesk, o.id, office.engineer.operator_id, now=NOW)
        with pytest.raises(PermissionDenied):
            wo.issue_materials(s, office.engineer2, o.id, [StockLine(office.pipe_id, Decimal("1"))])
        moves = wo.issue_materials(s, office.engineer, o.id,
                                   [StockLine(office.pipe_id, Decimal("2.5"))])
        assert moves[0].doc_no == "LL-T01-{:%Y%m%d}-0001".format(dt.date.today())
        assert moves[0].party == "刘工程" and moves[0].qty == Decimal("-2.500")
        assert stock.on_hand(s, office.pipe_id) == Decimal("17.500")
        with pytest.raises(ValidationFailed):  # more than it took
            wo.return_materials(s, office.engineer, o.id, [StockLine(office.pipe_id, Decimal("3"))])


def test_equipment_repair_lands_in_its_history(db, office, admin):
    with db.session() as s:
        lift = equipment.create_equipment(s, admin, code="DT-01", name="1号电梯", kind="电梯",
                                          location="1栋电梯井", estate_id=office.estate_id)
        o = wo.create_order(s, office.engineer, kind="public", equipment_id=lift.id,
                            category="电梯", description="1号梯异响", urgency="紧急", now=NOW)
        assert o.location == "1栋电梯井" and o.due_at == NOW + dt.timedelta(hours=4)
        wo.dispatch(s, office.supervisor, o.id, office.engineer.operator_id, now=NOW)
        wo.start(s, office.engineer, o.id, now=NOW)
        wo.finish(s, office.engineer, o.id, result="更换导靴", now=NOW)
        assert o.state == "done"  # public work: no return visit
        rec = s.scalar(select(EquipmentRecord))
        assert (rec.kind, rec.result, rec.performed_by, rec.work_order_id) == (
            "repair", "更换导靴", "刘工程", o.id)
        hist = equipment.history(s, admin, lift.id)
        assert [h.work_order_no for h in hist] == [o.number]


# --- listing, overdue, the board ---------------------------------------------------------

def test_list_filters_and_overdue(db, office):
    with db.session() as s:
        a = _repair(s, office, urgency="紧急")                          # due 13:30
        b = _repair(s, office, category="门窗", description="入户门锁坏")  # due 23:59:59
        c = wo.create_order(s, office.engineer, kind="public", location="3栋大堂",
                            category="公共设施", description="大堂灯不亮", now=NOW)
        wo.dispatch(s, office.frontdesk, b.id, office.engineer.operator_id, now=NOW)
        wo.suspend(s, office.frontdesk, c.id, reason="等灯具", now=NOW)
        at = dt.datetime(2026, 11, 23, 14, 0)
        rows = wo.list_orders(s, office.frontdesk, wo.OrderFilter(), now=at)
        assert {r.number: r.overdue for r in rows} == {a.number: True, b.number: False,
                                                        c.number: False}
        late = dt.datetime(2026, 11, 24, 8, 0)
        over = wo.list_orders(s, office.frontdesk, wo.OrderFilter(overdue_only=True), now=late)
        assert [r.number for r in over] == [b.number, a.number]  # suspended c is not running
        mine = wo.list_orders(s, office.engineer, wo.OrderFilter(
            assignee_id=office.engineer.operator_id))
        assert [(r.number, r.assignee_name) for r in mine] == [(b.number, "刘工程")]
        assert [r.number for r in wo.list_orders(
            s, office.frontdesk, wo.OrderFilter(category="door_window"))] == [b.number]
        assert [r.number for r in wo.list_orders(
            s, office.frontdesk, wo.OrderFilter(text="0502", states=("pending",)))] == [a.number]
        assert [r.place for r in wo.list_orders(
            s, office.frontdesk, wo.OrderFilter(kinds=("public",)))] == ["3栋大堂"]
        counts = wo.state_counts(s, office.frontdesk, now=late)
        assert (counts["pending"], counts["dispatched"], counts["suspended"],
                counts["overdue"]) == (1, 1, 1, 2)


def test_summary(db, office):
    with db.session() as s:
        a = _repair(s, office)
        wo.dispatch(s, office.frontdesk, a.id, office.engineer.operator_id, now=NOW)
        wo.start(s, office.engineer, a.id, now=NOW)
        wo.finish(s, office.engineer, a.id, result="ok", now=NOW + dt.timedelta(days=1))
        wo.visit(s, office.frontdesk, a.id, satisfaction="满意", now=NOW + dt.timedelta(days=1))
        b = _repair(s, office)
        wo.cancel(s, office.frontdesk, b.id, reason="重复报修", now=NOW)
        _repair(s, office, urgency="特急")
        sm = wo.summary(s, office.frontdesk, dt.date(2026, 11, 1), dt.date(2026, 11, 30),
                        now=dt.datetime(2026, 11, 23, 12, 0))
        assert (sm.total, sm.done, sm.cancelled, sm.open, sm.overdue_open, sm.finished_late) == (
            3, 1, 1, 1, 1, 1)
        assert sm.satisfaction == {"satisfied": 1, "fair": 0, "unsatisfied": 0}


def test_every_event_is_audited_in_the_same_transaction(db, office):
    with pytest.raises(RuntimeError):
        with db.session() as s:
            o = _repair(s, office)
            wo.dispatch(s, office.frontdesk, o.id, office.engineer.operator_id, now=NOW)
            raise RuntimeError("power cut")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(WorkOrderEvent)) == 0
        assert s.scalar(select(func.count()).select_from(AuditLog).where(
            AuditLog.entity == "work_order")) == 0


def test_update_intake_recomputes_due(db, office):
    with db.session() as s:
        o = _repair(s, office)
        wo.update_intake(s, office.frontdesk, o.id, urgency="特急", contact="13911112222")
        assert o.due_at == NOW + dt.timedelta(hours=1) and o.contact == "13911112222"
        with pytest.raises(ValidationFailed):
            wo.update_intake(s, office.frontdesk, o.id, category="不存在")
