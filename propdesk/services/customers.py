"""Customers, occupancy (入住/迁出/过户), households, vehicles and pets."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.errors import Conflict, NotFound, Problem, ValidationFailed
from propdesk.models import Customer, FamilyMember, Occupancy, ParkingSpace, Pet, Room, Vehicle
from propdesk.models.enums import CUSTOMER_KINDS, GENDERS, ID_TYPES, OCCUPANT_ROLES
from propdesk.security import MASTER_EDIT, MASTER_VIEW, Actor, require
from propdesk.services import audit
from propdesk.validators import (
    mobile_ok, normalize_id, normalize_phone, normalize_plate, phone_ok, plate_ok,
    resident_id_problem,
)

CUSTOMER_FIELDS = (
    "kind", "name", "gender", "id_type", "id_number", "phone", "employer", "hukou",
    "emergency_contact", "emergency_phone", "note",
)


@lru_cache(maxsize=65536)
def name_initials(name: str) -> str:
    """Pinyin initials of a name, lower case: 张三丰 -> zsf (non-Chinese kept as is)."""
    from pypinyin import Style, lazy_pinyin

    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")
    return "".join(letters).lower().replace(" ", "")[:64]


def customer_problems(values: dict, where: str = "") -> list[Problem]:
    loc = (where + " ") if where else ""
    p: list[Problem] = []
    if not (values.get("name") or "").strip():
        p.append(Problem(loc + "姓名", "姓名不能为空", "name is required"))
    if values.get("kind", "person") not in CUSTOMER_KINDS:
        p.append(Problem(loc + "类别", "客户类别应为 个人/企业", "kind must be person/company"))
    if values.get("gender") and values["gender"] not in GENDERS:
        p.append(Problem(loc + "性别", "性别应为 男/女", "gender must be male/female"))
    id_type = values.get("id_type", "resident_id")
    if id_type not in ID_TYPES:
        p.append(Problem(loc + "证件类型", f"未知证件类型 {id_type}", f"unknown ID type {id_type}"))
    id_no = values.get("id_number") or ""
    if id_no and id_type == "resident_id":
        why = resident_id_problem(id_no)
        if why:
            p.append(Problem(loc + "证件号码", why[0], why[1]))
    phone = values.get("phone") or ""
    if phone and not mobile_ok(phone):
        p.append(Problem(loc + "手机", f"手机号码无效：{phone}（应为11位，以1开头）",
                         f"invalid mobile number {phone}"))
    ephone = values.get("emergency_phone") or ""
    if ephone and not phone_ok(ephone):
        p.append(Problem(loc + "紧急联系电话", f"电话号码无效：{ephone}", f"invalid phone {ephone}"))
    return p


def _clean(values: dict) -> dict:
    v = dict(values)
    if "id_number" in v:
        v["id_number"] = normalize_id(v["id_number"] or "")
    for k in ("phone", "emergency_phone"):
        if k in v:
            v[k] = normalize_phone(v[k] or "")
    if "name" in v:
        v["name"] = (v["name"] or "").strip()
    return v


def _derive(c: Customer) -> None:
    c.name_initials = name_initials(c.name)
    c.id_rev = (c.id_number or "")[::-1]


def create_customer(session: Session, actor: Actor, **values) -> Customer:
    require(actor, MASTER_EDIT)
    values = _clean(values)
    problems = customer_problems(values)
    if problems:
        raise ValidationFailed(problems)
    c = Customer(**values)
    _derive(c)
    session.add(c)
    session.flush()
    audit.record(session, actor, "create", "customer", c.id, after=audit.snapshot(c),
                 summary=f"新建客户 {c.name}")
    return c


def update_customer(session: Session, actor: Actor, customer_id: uuid.UUID, **changes) -> Customer:
    require(actor, MASTER_EDIT)
    c = get_customer(session, actor, customer_id)
    bad = set(changes) - set(CUSTOMER_FIELDS)
    if bad:
        raise ValueError(f"fields not editable: {sorted(bad)}")
    changes = _clean(changes)
    merged = {k: getattr(c, k) for k in CUSTOMER_FIELDS} | changes
    problems = customer_problems(merged, c.name)
    if problems:
        raise ValidationFailed(problems)
    before = audit.snapshot(c)
    for k, v in changes.items():
        setattr(c, k, v)
    _derive(c)
    session.flush()
    b, a = audit.diff(before, audit.snapshot(c))
    if a:
        audit.record(session, actor, "update", "customer", c.id, before=b, after=a,
                     summary=f"修改客户 {c.name}")
    return c


def get_customer(session: Session, actor: Actor, customer_id: uuid.UUID) -> Customer:
    require(actor, MASTER_VIEW)
    c = session.get(Customer, customer_id)
    if c is None or c.deleted_at is not None:
        raise NotFound("客户不存在或已删除", "customer not found")
    return c


# --- occupancy ---------------------------------------------------------------

def _current(session: Session, *, room_id=None, space_id=None, role=None, customer_id=None):
    stmt = select(Occupancy).where(Occupancy.end_date.is_(None), Occupancy.deleted_at.is_(None))
    if room_id:
        stmt = stmt.where(Occupancy.room_id == room_id)
    if space_id:
        stmt = stmt.where(Occupancy.space_id == space_id)
    if role:
        stmt = stmt.where(Occupancy.role == role)
    if customer_id:
        stmt = stmt.where(Occupancy.customer_id == customer_id)
    return list(session.scalars(stmt))


def move_in(session: Session, actor: Actor, customer_id: uuid.UUID, *, role: str,
            start: dt.date, room_id: uuid.UUID | None = None,
            space_id: uuid.UUID | None = None, note: str = "") -> Occupancy:
    """入住: the customer becomes owner/tenant/resident of a room or space from ``start``."""
    require(actor, MASTER_EDIT)
    if role not in OCCUPANT_ROLES:
        raise ValidationFailed([Problem("身份", "身份应为 业主/租户/住户", "role must be owner/tenant/resident")])
    if (room_id is None) == (space_id is None):
        raise ValueError("give exactly one of room_id, space_id")
    c = get_customer(session, actor, customer_id)
    target = session.get(Room, room_id) if room_id else session.get(ParkingSpace, space_id)
    if target is None or target.deleted_at is not None:
        raise NotFound("房间或车位不存在", "room or parking space not found")
    if role == "owner" and _current(session, room_id=room_id, space_id=space_id, role="owner"):
        raise Conflict(f"{target.code} 已有业主，请办理过户",
                       f"{target.code} already has an owner; use transfer")
    if _current(session, room_id=room_id, space_id=space_id, role=role, customer_id=customer_id):
        raise Conflict(f"{c.name} 已是 {target.code} 的{OCCUPANT_ROLES[role]}",
                       f"{c.name} is already {role} of {target.code}")
    occ = Occupancy(customer_id=c.id, room_id=room_id, space_id=space_id, role=role,
                    start_date=start, note=note)
    session.add(occ)
    if room_id and role in ("owner", "tenant") and target.status in ("vacant", "sold"):
        target.status = "occupied" if role == "owner" else "rented"
    session.flush()
    audit.record(session, actor, "move_in", "occupancy", occ.id, after=audit.snapshot(occ),
                 summary=f"{c.name} 入住 {target.code}（{OCCUPANT_ROLES[role]}）")
    return occ


def move_out(session: Session, actor: Actor, occupancy_id: uuid.UUID, *, end: dt.date,
             reason: str = "move_out") -> Occupancy:
    """迁出: close an occupancy on ``end``."""
    require(actor, MASTER_EDIT)
    occ = session.get(Occupancy, occupancy_id)
    if occ is None or occ.end_date is not None or occ.deleted_at is not None:
        raise NotFound("该入住记录不存在或已结束", "occupancy not found or already ended")
    if end < occ.start_date:
        raise ValidationFailed([Problem("迁出日期", "迁出日期早于入住日期",
                                        "end date is before the start date")])
    before = audit.snapshot(occ)
    occ.end_date, occ.end_reason = end, reason
    session.flush()
    audit.record(session, actor, reason, "occupancy", occ.id, before=before,
                 after=audit.snapshot(occ), summary="迁出" if reason == "move_out" else "过户")
    return occ


def transfer(session: Session, actor: Actor, room_id: uuid.UUID, new_owner_id: uuid.UUID,
             on: dt.date) -> Occupancy:
    """过户: end the current owner's occupancy and open the new owner's, same day."""
    require(actor, MASTER_EDIT)
    for occ in _current(session, room_id=room_id, role="owner"):
        move_out(session, actor, occ.id, end=on, reason="transfer")
    return move_in(session, actor, new_owner_id, role="owner", start=on, room_id=room_id,
                   note="过户")


@dataclass(frozen=True)
class OccupantRow:
    occupancy_id: uuid.UUID
    customer_id: uuid.UUID
    name: str
    role: str
    phone: str
    start: dt.date
    end: dt.date | None


def occupants(session: Session, actor: Actor, room_id: uuid.UUID, *,
              include_history: bool = False) -> list[OccupantRow]:
    require(actor, MASTER_VIEW)
    stmt = (select(Occupancy.id, Customer.id, Customer.name, Occupancy.role, Customer.phone,
                   Occupancy.start_date, Occupancy.end_date)
            .join(Customer, Customer.id == Occupancy.customer_id)
            .where(Occupancy.room_id == room_id, Occupancy.deleted_at.is_(None)))
    if not include_history:
        stmt = stmt.where(Occupancy.end_date.is_(None))
    order = {"owner": 0, "tenant": 1, "resident": 2}
    rows = [OccupantRow(*r) for r in session.execute(stmt)]
    return sorted(rows, key=lambda r: (r.end is not None, order.get(r.role, 9), r.start))


def customer_holdings(session: Session, actor: Actor, customer_id: uuid.UUID) -> list[tuple[str, uuid.UUID, str, str]]:
    """Current rooms and spaces of a customer: (kind, id, code, role)."""
    require(actor, MASTER_VIEW)
    rows = session.execute(
        select(Occupancy.room_id, Occupancy.space_id, Occupancy.role, Room.code, ParkingSpace.code)
        .outerjoin(Room, Room.id == Occupancy.room_id)
        .outerjoin(ParkingSpace, ParkingSpace.id == Occupancy.space_id)
        .where(Occupancy.customer_id == customer_id, Occupancy.end_date.is_(None),
               Occupancy.deleted_at.is_(None)))
    out = []
    for rid, sid, role, rcode, scode in rows:
        out.append(("room", rid, rcode, role) if rid else ("space", sid, scode, role))
    return sorted(out, key=lambda t: (t[0], t[2]))


def room_owner(session: Session, room_id: uuid.UUID) -> Customer | None:
    occ = _current(session, room_id=room_id, role="owner")
    return session.get(Customer, occ[0].customer_id) if occ else None


# --- vehicles, pets, family ---------------------------------------------------

def add_vehicle(session: Session, actor: Actor, customer_id: uuid.UUID, *, plate: str,
                brand: str = "", color: str = "", model: str = "",
                space_id: uuid.UUID | None = None) -> Vehicle:
    require(actor, MASTER_EDIT)
    c = get_customer(session, actor, customer_id)
    p = normalize_plate(plate)
    if not plate_ok(p):
        raise ValidationFailed([Problem("车牌", f"车牌号无效：{plate}（如 粤B12345、粤BD12345）",
                                        f"invalid plate {plate}")])
    if session.scalar(select(Vehicle.id).where(Vehicle.plate == p, Vehicle.deleted_at.is_(None))):
        raise Conflict(f"车牌 {p} 已登记", f"plate {p} is already registered")
    v = Vehicle(customer_id=c.id, plate=p, brand=brand, color=color, model=model, space_id=space_id)
    session.add(v)
    session.flush()
    audit.record(session, actor, "create", "vehicle", v.id, after=audit.snapshot(v),
                 summary=f"{c.name} 登记车辆 {p}")
    return v


def vehicles_of(session: Session, actor: Actor, customer_ids: list[uuid.UUID]) -> list[Vehicle]:
    require(actor, MASTER_VIEW)
    if not customer_ids:
        return []
    return list(session.scalars(select(Vehicle).where(
        Vehicle.customer_id.in_(customer_ids), Vehicle.deleted_at.is_(None)).order_by(Vehicle.plate)))


def add_pet(session: Session, actor: Actor, customer_id: uuid.UUID, *, name: str,
            species: str = "犬", breed: str = "", license_no: str = "",
            vaccinated_on: dt.date | None = None) -> Pet:
    require(actor, MASTER_EDIT)
    c = get_customer(session, actor, customer_id)
    pet = Pet(customer_id=c.id, name=name, species=species, breed=breed, license_no=license_no,
              vaccinated_on=vaccinated_on)
    session.add(pet)
    session.flush()
    audit.record(session, actor, "create", "pet", pet.id, after=audit.snapshot(pet),
                 summary=f"{c.name} 登记宠物 {name}")
    return pet


def add_family_member(session: Session, actor: Actor, customer_id: uuid.UUID, *, name: str,
                      relation: str, gender: str = "", id_number: str = "", phone: str = "",
                      birth_date: dt.date | None = None) -> FamilyMember:
    require(actor, MASTER_EDIT)
    c = get_customer(session, actor, customer_id)
    problems = []
    if id_number and (why := resident_id_problem(id_number)):
        problems.append(Problem("家庭成员 证件号码", why[0], why[1]))
    if phone and not phone_ok(phone):
        problems.append(Problem("家庭成员 电话", f"电话号码无效：{phone}", f"invalid phone {phone}"))
    if problems:
        raise ValidationFailed(problems)
    m = FamilyMember(customer_id=c.id, name=name, relation=relation, gender=gender,
                     id_number=normalize_id(id_number), phone=normalize_phone(phone),
                     birth_date=birth_date)
    session.add(m)
    session.flush()
    audit.record(session, actor, "create", "family_member", m.id, after=audit.snapshot(m),
                 summary=f"{c.name} 添加家庭成员 {name}")
    return m


# --- read-only views for the desktop UI ----------------------------------------

@dataclass(frozen=True)
class CustomerRow:
    id: uuid.UUID
    name: str
    phone: str
    id_number: str


def find_customers(session: Session, actor: Actor, text: str, limit: int = 30) -> list[CustomerRow]:
    """Customers by name prefix, pinyin initials, phone prefix or the last digits of the
    ID number (for picking the person in 入住/过户); index-backed like the navigator search."""
    from propdesk.services.search import _CJK, _prefix

    require(actor, MASTER_VIEW)
    q = text.strip()
    if not q:
        return []
    d = session.get_bind().dialect.name
    cols = (Customer.id, Customer.name, Customer.phone, Customer.id_number)
    live = Customer.deleted_at.is_(None)
    conds = []
    if _CJK.search(q):
        conds.append(_prefix(Customer.name, q, d))
    elif q.isascii() and q.isalpha():
        conds.append(_prefix(Customer.name_initials, q.lower(), d))
    elif q.upper().rstrip("X").isdigit():
        conds.append(_prefix(Customer.phone, q, d))
        conds.append(_prefix(Customer.id_rev, q.upper()[::-1], d))
    out: dict[uuid.UUID, CustomerRow] = {}
    for cond in conds:
        for row in session.execute(select(*cols).where(cond, live).order_by(Customer.name)
                                   .limit(limit)):
            out.setdefault(row[0], CustomerRow(*row))
    return list(out.values())[:limit]


@dataclass(frozen=True)
class VehicleRow:
    id: uuid.UUID
    plate: str
    brand: str
    model: str
    color: str
    customer_id: uuid.UUID
    customer_name: str
    space_code: str


def room_vehicles(session: Session, actor: Actor, room_id: uuid.UUID) -> list[VehicleRow]:
    """Vehicles of the room's current occupants, with owner name and parking-space code."""
    require(actor, MASTER_VIEW)
    holders = select(Occupancy.customer_id).where(
        Occupancy.room_id == room_id, Occupancy.end_date.is_(None), Occupancy.deleted_at.is_(None))
    rows = session.execute(
        select(Vehicle.id, Vehicle.plate, Vehicle.brand, Vehicle.model, Vehicle.color,
               Customer.id, Customer.name, ParkingSpace.code)
        .join(Customer, Customer.id == Vehicle.customer_id)
        .outerjoin(ParkingSpace, ParkingSpace.id == Vehicle.space_id)
        .where(Vehicle.customer_id.in_(holders), Vehicle.deleted_at.is_(None))
        .order_by(Vehicle.plate))
    return [VehicleRow(*r[:7], r[7] or "") for r in rows]
