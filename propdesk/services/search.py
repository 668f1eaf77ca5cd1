"""The navigator's search box: room code, name or pinyin initials, phone,
the last digits of an ID number, or a plate.

Every lookup is an index-backed prefix query (ID suffixes via the reversed ID
column), so answers stay fast at 100,000 rooms.  Customers found resolve to
their current rooms and spaces, so the UI can jump to a tree node.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from propdesk.models import Customer, Occupancy, ParkingSpace, Room, Vehicle
from propdesk.security import MASTER_VIEW, Actor, require
from propdesk.validators import PROVINCES, normalize_plate

_CJK = re.compile(r"[\u3400-\u9fff]")
_PLATE_START = re.compile(r"^[\u4e00-\u9fff][A-Za-z]")


@dataclass(frozen=True)
class Hit:
    kind: str            # "room" | "space"
    target_id: uuid.UUID
    code: str            # room or space code
    matched: str         # what matched: 房间编码/姓名/拼音/手机/证件/车牌
    customer: str = ""   # the customer's name when a customer matched
    customer_id: uuid.UUID | None = None


def _prefix(col, text: str, dialect: str):
    # SQLite's LIKE ignores ASCII case and cannot use a plain index; a range
    # on the raw column can.  PostgreSQL uses LIKE with a pattern index.
    if dialect == "sqlite":
        return and_(col >= text, col < text + "\U0010ffff")
    return col.like(text.replace("%", r"\%").replace("_", r"\_") + "%")


def search(session: Session, actor: Actor, query: str, limit: int = 50) -> list[Hit]:
    require(actor, MASTER_VIEW)
    q = query.strip()
    if not q:
        return []
    d = session.get_bind().dialect.name
    hits: list[Hit] = []
    seen: set[tuple[str, uuid.UUID, uuid.UUID | None]] = set()

    def add(h: Hit) -> None:
        key = (h.kind, h.target_id, h.customer_id)
        if key not in seen and len(hits) < limit:
            seen.add(key)
            hits.append(h)

    upper = q.upper()
    # 1. room and space codes (JD-01-1-0502, or a prefix of one)
    if not _CJK.search(q):
        for rid, code in session.execute(select(Room.id, Room.code).where(
                _prefix(Room.code, upper, d), Room.deleted_at.is_(None)).order_by(Room.code).limit(limit)):
            add(Hit("room", rid, code, "房间编码"))
        for sid, code in session.execute(select(ParkingSpace.id, ParkingSpace.code).where(
                _prefix(ParkingSpace.code, upper, d), ParkingSpace.deleted_at.is_(None))
                .order_by(ParkingSpace.code).limit(limit)):
            add(Hit("space", sid, code, "车位编码"))

    customers: list[tuple[uuid.UUID, str, str]] = []
    cust_cols = (Customer.id, Customer.name)
    live = Customer.deleted_at.is_(None)
    if _PLATE_START.match(q):
        plate = normalize_plate(q)
        for cid, name in session.execute(select(*cust_cols).join(Vehicle, Vehicle.customer_id == Customer.id)
                                         .where(_prefix(Vehicle.plate, plate, d),
                                                Vehicle.deleted_at.is_(None), live).limit(limit)):
            customers.append((cid, name, "车牌"))
    if _CJK.search(q):
        for cid, name in session.execute(select(*cust_cols).where(_prefix(Customer.name, q, d), live)
                                         .order_by(Customer.name).limit(limit)):
            customers.append((cid, name, "姓名"))
    elif q.isascii() and q.isalpha():
        for cid, name in session.execute(select(*cust_cols).where(
                _prefix(Customer.name_initials, q.lower(), d), live).limit(limit)):
            customers.append((cid, name, "拼音"))
        if len(q) >= 2:
            plate = normalize_plate(q)
            for cid, name in session.execute(select(*cust_cols).join(Vehicle, Vehicle.customer_id == Customer.id)
                                             .where(_prefix(Vehicle.plate, plate, d), live).limit(limit)):
                customers.append((cid, name, "车牌"))
    digits = q.upper().rstrip("X")
    if digits.isdigit() and len(q) >= 3:
        for cid, name in session.execute(select(*cust_cols).where(_prefix(Customer.phone, q, d), live)
                                         .limit(limit)):
            customers.append((cid, name, "手机"))
        for cid, name in session.execute(select(*cust_cols).where(
                _prefix(Customer.id_rev, q.upper()[::-1], d), live).limit(limit)):
            customers.append((cid, name, "证件号码"))
    # plates typed without the province: "B12345"
    if not _CJK.search(q) and q[:1].isalpha() and any(c.isdigit() for c in q) and "-" not in q:
        # One index range per province prefix: LIKE '_B123%' could not use the index.
        tail = normalize_plate(q)
        by_province = or_(*(_prefix(Vehicle.plate, p + tail, d) for p in PROVINCES))
        for cid, name in session.execute(select(*cust_cols).join(Vehicle, Vehicle.customer_id == Customer.id)
                                         .where(by_province, Vehicle.deleted_at.is_(None), live)
                                         .limit(limit)):
            customers.append((cid, name, "车牌"))

    if customers:
        ids = list(dict.fromkeys(c[0] for c in customers))
        holdings: dict[uuid.UUID, list[tuple[str, uuid.UUID, str]]] = {}
        rows = session.execute(
            select(Occupancy.customer_id, Occupancy.room_id, Room.code, Occupancy.space_id,
                   ParkingSpace.code)
            .outerjoin(Room, Room.id == Occupancy.room_id)
            .outerjoin(ParkingSpace, ParkingSpace.id == Occupancy.space_id)
            .where(Occupancy.customer_id.in_(ids), Occupancy.end_date.is_(None),
                   Occupancy.deleted_at.is_(None)))
        for cid, rid, rcode, sid, scode in rows:
            holdings.setdefault(cid, []).append(("room", rid, rcode) if rid else ("space", sid, scode))
        for cid, name, how in customers:
            for kind, tid, code in sorted(holdings.get(cid, []), key=lambda t: (t[0], t[2])):
                add(Hit(kind, tid, code, how, name, cid))
    return hits
