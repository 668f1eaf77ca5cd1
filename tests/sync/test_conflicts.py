"""Conflict log, review rules (owner changes), and the 主管's review actions."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from propdesk.errors import Conflict as ConflictError
from propdesk.errors import PermissionDenied
from propdesk.models import Customer, Occupancy
from propdesk.security import Actor
from propdesk.services import customers as Cu
from propdesk.services import property as P
from propdesk.sync import conflicts

from tests.sync.util import (
    ADMIN, central_all, central_rows, company, customer, register, snapshot_central,
    snapshot_sqlite, sqlite_rows, sync,
)

pytestmark = pytest.mark.pg
SUPERVISOR = Actor.for_role("zhuguan", "supervisor", display_name="王主管")


def _pair(make_terminal, url):
    t1, t2 = make_terminal("T01"), make_terminal("T02")
    register(t1, url, "T01")
    register(t2, url, "T02")
    return t1, t2


def _room(db, code="JD-01-1-0101"):
    with db.session() as s:
        return P.room_by_code(s, ADMIN, code).id


def _owners(db, room_id) -> list[str]:
    with db.session() as s:
        rows = s.scalars(select(Occupancy).where(
            Occupancy.room_id == room_id, Occupancy.role == "owner",
            Occupancy.end_date.is_(None), Occupancy.deleted_at.is_(None))).all()
        return sorted(s.get(Customer, o.customer_id).name for o in rows)


def test_two_offices_transfer_one_room_to_different_owners(make_terminal, central_url):
    """Owner changes are not merged silently: the second becomes a held duplicate."""
    t1, t2 = _pair(make_terminal, central_url)
    company(t1)
    a = customer(t1, "原业主")
    b = customer(t1, "买家甲")
    c = customer(t1, "买家乙")
    room = _room(t1)
    with t1.session() as s:
        Cu.move_in(s, ADMIN, a, role="owner", start=dt.date(2020, 1, 1), room_id=room)
    sync(t1)
    sync(t2)
    day = dt.date(2026, 3, 1)
    with t1.session() as s:
        Cu.transfer(s, ADMIN, room, b, day)
    with t2.session() as s:
        Cu.transfer(s, ADMIN, room, c, day)
    sync(t1)
    r = sync(t2)
    assert r.conflicts == 1
    sync(t1)
    assert _owners(t1, room) == _owners(t2, room) == ["买家甲"]
    assert snapshot_sqlite(t1) == snapshot_sqlite(t2) == snapshot_central(central_url)
    [(kind, status, table)] = central_all(
        central_url, "SELECT kind, status, table_name FROM sync_conflict")
    assert (kind, status, table) == ("duplicate", "open", "occupancy")

    # the 主管 decides the T02 sale is the valid one: re-apply swaps the owners
    with t1.session() as s:
        [v] = conflicts.list_conflicts(s, SUPERVISOR)
        assert v.kind_label == "重复记录" and v.table_label == "入住记录"
        assert "业主变更" in v.note
        conflicts.reapply(s, SUPERVISOR, v.id, note="以乙方合同为准")
    for t in (t1, t2, t1):
        sync(t)
    assert _owners(t1, room) == _owners(t2, room) == ["买家乙"]
    assert central_all(central_url, "SELECT status, resolved_by FROM sync_conflict") == [
        ("reapplied", "王主管")]
    assert snapshot_sqlite(t1) == snapshot_sqlite(t2) == snapshot_central(central_url)


def test_concurrent_edits_of_an_owner_record_wait_for_review(make_terminal, central_url):
    t1, t2 = _pair(make_terminal, central_url)
    company(t1)
    a = customer(t1, "业主")
    room = _room(t1)
    with t1.session() as s:
        occ = Cu.move_in(s, ADMIN, a, role="owner", start=dt.date(2020, 1, 1), room_id=room).id
    sync(t1)
    sync(t2)
    with t1.session() as s:
        Cu.move_out(s, ADMIN, occ, end=dt.date(2026, 1, 31))
    with t2.session() as s:
        Cu.move_out(s, ADMIN, occ, end=dt.date(2026, 2, 28))
    sync(t1)
    r = sync(t2)   # T02's date would win by clock, but owner records are held for review
    assert r.conflicts == 1
    sync(t1)
    for t in (t1, t2):
        with t.session() as s:
            assert s.get(Occupancy, occ).end_date == dt.date(2026, 1, 31)
    [(kind, column, kept, lost)] = central_all(
        central_url, "SELECT kind, \"column\", kept_value, lost_value FROM sync_conflict")
    assert (kind, column, kept, lost) == ("review", "end_date", '"2026-01-31"', '"2026-02-28"')
    with t2.session() as s:
        [v] = conflicts.list_conflicts(s, SUPERVISOR)
        assert (v.kept, v.lost, v.kind_label) == ("2026-01-31", "2026-02-28", "待审核")
        conflicts.reapply(s, SUPERVISOR, v.id)
    sync(t2)
    sync(t1)
    for t in (t1, t2):
        with t.session() as s:
            assert s.get(Occupancy, occ).end_date == dt.date(2026, 2, 28)
    assert sqlite_rows(t1, "occupancy") == central_rows(central_url, "occupancy")


def test_accept_keeps_the_winner_and_closes_the_entry(make_terminal, central_url):
    t1, t2 = _pair(make_terminal, central_url)
    cid = customer(t1, "客户", phone="13800000003")
    sync(t1)
    sync(t2)
    with t1.session() as s:
        Cu.update_customer(s, ADMIN, cid, phone="13800000004")
    with t2.session() as s:
        Cu.update_customer(s, ADMIN, cid, phone="13800000005")
    sync(t1)
    sync(t2)
    sync(t1)
    with t1.session() as s:
        assert conflicts.count_open(s) == 1
        [v] = conflicts.list_conflicts(s, SUPERVISOR)
        assert (v.column_label, v.kept, v.lost) == ("电话", "13800000005", "13800000004")
        assert (v.kept_terminal, v.lost_terminal) == ("T02", "T01")
        conflicts.accept(s, SUPERVISOR, v.id)
        with pytest.raises(ConflictError, match="已处理"):
            conflicts.accept(s, SUPERVISOR, v.id)
    sync(t1)
    sync(t2)
    with t2.session() as s:
        assert conflicts.count_open(s) == 0
        assert s.get(Customer, cid).phone == "13800000005"
        assert conflicts.list_conflicts(s, SUPERVISOR, status="accepted")[0].status == "accepted"


def test_only_supervisors_review(make_terminal, central_url):
    t1 = make_terminal("T01")
    with t1.session() as s:
        with pytest.raises(PermissionDenied):
            conflicts.list_conflicts(s, Actor.for_role("shouyin", "cashier"))
        assert conflicts.list_conflicts(s, SUPERVISOR) == []
