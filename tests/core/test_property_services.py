import datetime as dt
import json
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from propdesk.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from propdesk.models import AppendOnlyViolation, AuditLog, Room, Unit
from propdesk.services import property as P


def count(s, model):
    return s.scalar(select(func.count()).select_from(model))


def test_batch_generation_codes_and_areas(db, admin, estate_tree):
    with db.session() as s:
        # 2 units x 6 floors x 2 rooms = 24 rooms
        assert count(s, Room) == 24
        assert count(s, Unit) == 2
        r = P.room_by_code(s, admin, "JD-01-2-0601")
        assert (r.number, r.floor, r.building_area, r.inner_area) == ("0601", 6, D("128.50"), D("101.20"))
        r2 = P.room_by_code(s, admin, "jd-01-1-0102")
        assert r2.building_area == D("89.37")
        gen = s.scalars(select(AuditLog).where(AuditLog.action == "generate")).one()
        assert json.loads(gen.after)["count"] == 24


def test_preview_marks_existing_and_generation_refuses_clash(db, admin, estate_tree):
    plan = P.RoomPlan(estate_tree["building"], ["2", "3"], (6, 7), 1)
    with db.session() as s:
        planned = P.preview_rooms(s, admin, plan)
        # unit 2 floors 6,7 and unit 3 floors 6,7 = 4 rooms; only JD-01-2-0601 exists
        assert [(p.code, p.exists) for p in planned] == [
            ("JD-01-2-0601", True), ("JD-01-2-0701", False),
            ("JD-01-3-0601", False), ("JD-01-3-0701", False)]
    with pytest.raises(Conflict):
        with db.session() as s:
            P.generate_rooms(s, admin, plan)
    with db.session() as s:
        assert count(s, Room) == 24  # nothing half-written


def test_bad_pattern_reports_clearly(db, admin, estate_tree):
    with db.session() as s, pytest.raises(ValidationFailed) as ei:
        P.preview_rooms(s, admin, P.RoomPlan(estate_tree["building"], ["1"], (1, 2), 2,
                                             pattern="{unit}-{storey}"))
    assert ei.value.problems[0].where == "命名规则"


def test_update_room_validates_and_audits(db, admin, estate_tree):
    with db.session() as s:
        r = P.room_by_code(s, admin, "JD-01-1-0101")
        P.update_room(s, admin, r.id, status="decorating", inner_area=D("100.00"))
    with db.session() as s:
        a = s.scalars(select(AuditLog).where(AuditLog.action == "update")).one()
        assert json.loads(a.before) == {"inner_area": "101.20", "status": "vacant"}
        assert json.loads(a.after) == {"inner_area": "100.00", "status": "decorating"}
        with pytest.raises(ValidationFailed) as ei:
            P.update_room(s, admin, r.id, inner_area=D("200.00"))
        assert "套内面积" in ei.value.problems[0].where


def test_permissions_enforced_in_services(db, admin, actor_for, estate_tree):
    cashier = actor_for("cashier")
    with db.session() as s:
        r = P.room_by_code(s, cashier, "JD-01-1-0101")  # viewing is allowed
        with pytest.raises(PermissionDenied):
            P.update_room(s, cashier, r.id, status="rented")
        with pytest.raises(PermissionDenied):
            P.generate_rooms(s, cashier, P.RoomPlan(estate_tree["building"], ["9"], (1, 1), 1))


def test_delete_is_a_tombstone(db, admin, estate_tree):
    with db.session() as s:
        r = P.room_by_code(s, admin, "JD-01-1-0101")
        P.delete_room(s, admin, r.id)
    with db.session() as s:
        assert s.get(Room, r.id).deleted_at is not None  # the row is still there
        with pytest.raises(NotFound):
            P.room_by_code(s, admin, "JD-01-1-0101")
    with pytest.raises(AppendOnlyViolation):  # physical deletes are refused outright
        with db.session() as s:
            s.delete(s.get(Room, r.id))
            s.flush()


def test_audit_rows_are_append_only(db, admin, estate_tree):
    with pytest.raises(AppendOnlyViolation):
        with db.session() as s:
            a = s.scalars(select(AuditLog)).first()
            a.summary = "tampered"
            s.flush()


def test_terminal_and_stamps(db, admin, estate_tree):
    with db.session() as s:
        r = P.room_by_code(s, admin, "JD-01-1-0101")
        assert r.terminal == "T01"
        assert r.id.version == 7


def test_tree_children_and_path(db, admin, estate_tree):
    with db.session() as s:
        [company] = P.children(s, "root", None)
        [region] = P.children(s, "company", company.id)
        [estate] = P.children(s, "region", region.id)
        assert estate.label == "锦都花园 (JD)"
        [building] = P.children(s, "estate", estate.id)
        units = P.children(s, "building", building.id)
        assert [u.label for u in units] == ["1单元", "2单元"]
        rooms = P.children(s, "unit", units[0].id)
        assert [r.label for r in rooms][:3] == ["0101", "0102", "0201"]
        path = P.path_to(s, "room", rooms[2].id)
        assert [k for k, _ in path] == ["company", "region", "estate", "building", "unit", "room"]


def test_building_grid_top_floor_first(db, admin, estate_tree):
    with db.session() as s:
        grid = P.building_grid(s, admin, estate_tree["building"])
        assert len(grid) == 24
        assert (grid[0].floor, grid[0].unit, grid[0].number) == (6, "1", "0601")
        assert grid[-1].floor == 1
