import datetime as dt
import json

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from propdesk.errors import Conflict, ValidationFailed
from propdesk.models import AuditLog, Occupancy, Room
from propdesk.services import customers as C
from propdesk.services import property as P


def test_customer_validation_reports_every_field(db, admin):
    with db.session() as s, pytest.raises(ValidationFailed) as ei:
        C.create_customer(s, admin, name="", id_number="110105194912310021", phone="12345")
    wheres = [p.where for p in ei.value.problems]
    assert wheres == ["姓名", "证件号码", "手机"]


def test_search_helpers_are_derived(db, admin, owner):
    with db.session() as s:
        c = C.get_customer(s, admin, owner["customer"])
        assert c.name_initials == "zsf"
        assert c.id_rev == "X20013219491501011"


def test_one_current_owner(db, admin, owner):
    with db.session() as s:
        other = C.create_customer(s, admin, name="李四", phone="13900139000")
        with pytest.raises(Conflict):
            C.move_in(s, admin, other.id, role="owner", start=dt.date(2025, 1, 1),
                      room_id=owner["room"])
    # and the database itself refuses a second current owner (partial unique index)
    with pytest.raises(IntegrityError):
        with db.session() as s:
            other = C.create_customer(s, admin, name="王五")
            s.add(Occupancy(customer_id=other.id, room_id=owner["room"], role="owner",
                            start_date=dt.date(2025, 1, 1)))
            s.flush()


def test_transfer_closes_and_opens(db, admin, owner):
    with db.session() as s:
        buyer = C.create_customer(s, admin, name="李四", phone="13900139000")
        C.transfer(s, admin, owner["room"], buyer.id, dt.date(2025, 6, 30))
    with db.session() as s:
        rows = C.occupants(s, admin, owner["room"], include_history=True)
        assert [(r.name, r.role, r.start, r.end) for r in rows] == [
            ("李四", "owner", dt.date(2025, 6, 30), None),
            ("张三丰", "owner", dt.date(2024, 1, 1), dt.date(2025, 6, 30)),
        ]
        old = s.scalars(select(Occupancy).where(Occupancy.end_date.is_not(None))).one()
        assert old.end_reason == "transfer"
        assert C.room_owner(s, owner["room"]).name == "李四"


def test_tenants_and_residents_many(db, admin, owner):
    with db.session() as s:
        for name in ("租客甲", "租客乙"):
            t = C.create_customer(s, admin, name=name)
            C.move_in(s, admin, t.id, role="tenant", start=dt.date(2025, 2, 1), room_id=owner["room"])
        assert [r.role for r in C.occupants(s, admin, owner["room"])] == ["owner", "tenant", "tenant"]
        assert s.get(Room, owner["room"]).status == "occupied"


def test_move_out_before_start_refused(db, admin, owner):
    with db.session() as s:
        occ = C.occupants(s, admin, owner["room"])[0]
        with pytest.raises(ValidationFailed):
            C.move_out(s, admin, occ.occupancy_id, end=dt.date(2023, 12, 31))


def test_customer_holds_many_rooms_and_vehicle(db, admin, owner):
    with db.session() as s:
        second = P.room_by_code(s, admin, "JD-01-2-0101")
        C.move_in(s, admin, owner["customer"], role="owner", start=dt.date(2024, 3, 1),
                  room_id=second.id)
        v = C.add_vehicle(s, admin, owner["customer"], plate="粤b 12345", brand="比亚迪")
        assert v.plate == "粤B12345"
        with pytest.raises(Conflict):
            C.add_vehicle(s, admin, owner["customer"], plate="粤B12345")
        with pytest.raises(ValidationFailed):
            C.add_vehicle(s, admin, owner["customer"], plate="ABC")
        codes = [h[2] for h in C.customer_holdings(s, admin, owner["customer"])]
        assert codes == ["JD-01-1-0502", "JD-01-2-0101"]


def test_update_customer_audit_before_after(db, admin, owner):
    with db.session() as s:
        C.update_customer(s, admin, owner["customer"], phone="13700137000")
    with db.session() as s:
        a = s.scalars(select(AuditLog).where(AuditLog.entity == "customer",
                                             AuditLog.action == "update")).one()
        assert json.loads(a.before) == {"phone": "13800138000"}
        assert json.loads(a.after) == {"phone": "13700137000"}
