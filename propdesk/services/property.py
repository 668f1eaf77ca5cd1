"""Master data of the property tree: estates, buildings, units, rooms, parking."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, insert, select
from sqlalchemy.orm import Session

from propdesk.errors import Conflict, NotFound, Problem, ValidationFailed
from propdesk.models import (
    Building, Company, Estate, ParkingLot, ParkingSpace, Region, Room, Unit,
)
from propdesk.models.enums import (
    BUILDING_TYPES, LOT_KINDS, OWNERSHIP_TYPES, ROOM_STATUSES, ROOM_USAGES, SPACE_KINDS,
    SPACE_STATUSES, STRUCTURES,
)
from propdesk.security import MASTER_EDIT, MASTER_VIEW, Actor, require
from propdesk.services import audit

ROOM_FIELDS = (
    "code", "number", "floor", "building_area", "inner_area", "layout", "orientation",
    "usage", "status", "ownership_type", "note",
)


def room_code(estate_code: str, building_code: str, unit_code: str | None, number: str) -> str:
    """The human room code: estate-building-unit-room, e.g. JD-01-1-0502."""
    parts = [estate_code, building_code] + ([unit_code] if unit_code else []) + [number]
    return "-".join(parts)


def _live(stmt, model):
    return stmt.where(model.deleted_at.is_(None))


def _create(session: Session, actor: Actor, obj: Any, entity: str, label: str) -> Any:
    require(actor, MASTER_EDIT)
    session.add(obj)
    session.flush()
    audit.record(session, actor, "create", entity, obj.id, after=audit.snapshot(obj),
                 summary=f"新建{label}")
    return obj


def create_company(session: Session, actor: Actor, *, code: str, name: str, **kw) -> Company:
    return _create(session, actor, Company(code=code, name=name, **kw), "company", f"公司 {name}")


def _blank_problems(**fields: tuple[str, str]) -> list[Problem]:
    """A Problem for each required text field left empty; ``fields`` maps key -> (label, value)."""
    return [Problem(lbl, f"{lbl}不能为空", f"{key} is required")
            for key, (lbl, value) in fields.items() if not (value or "").strip()]


def _area_problems(values: dict[str, Any], labels: dict[str, str]) -> list[Problem]:
    p = []
    for key, lbl in labels.items():
        v = values.get(key)
        if v is not None and (not isinstance(v, Decimal) or v < 0 or v > Decimal("100000000")):
            p.append(Problem(lbl, f"面积无效：{v}", f"invalid area: {v}"))
    return p


def get_live(session: Session, model: type, node_id: uuid.UUID, label: str) -> Any:
    """A live row by id, or NotFound naming what was looked for (e.g. 区域)."""
    obj = session.get(model, node_id)
    if obj is None or obj.deleted_at is not None:
        raise NotFound(f"{label}不存在或已删除，请刷新后重试", f"{model.__tablename__} not found")
    return obj


def create_region(session: Session, actor: Actor, company: Company, *, code: str, name: str) -> Region:
    require(actor, MASTER_EDIT)
    code, name = code.strip().upper(), name.strip()
    problems = _blank_problems(code=("区域编码", code), name=("区域名称", name))
    if problems:
        raise ValidationFailed(problems)
    if session.scalar(select(Region.id).where(Region.code == code)):
        raise Conflict(f"区域编码 {code} 已存在", f"region code {code} already exists")
    return _create(session, actor, Region(company_id=company.id, code=code, name=name),
                   "region", f"区域 {name}")


ESTATE_FIELDS = ("name", "address", "land_area", "building_area", "green_area", "phone", "note")
ESTATE_AREAS = {"land_area": "占地面积", "building_area": "建筑面积", "green_area": "绿化面积"}


def _estate_problems(session: Session, values: dict[str, Any],
                     estate_id: uuid.UUID | None = None) -> list[Problem]:
    p = _blank_problems(name=("小区名称", values.get("name", "")))
    p += _area_problems(values, ESTATE_AREAS)
    if len(values.get("phone") or "") > 32:
        p.append(Problem("电话", "电话号码过长（最多32位）", "phone too long (max 32)"))
    name = (values.get("name") or "").strip()
    if name and session.scalar(select(Estate.id).where(Estate.name == name,
                                                       Estate.id != estate_id)):
        p.append(Problem("小区名称", f"小区名称 {name} 已被使用", f"estate name {name} is taken"))
    return p


def create_estate(session: Session, actor: Actor, region: Region, *, code: str, name: str,
                  **kw) -> Estate:
    require(actor, MASTER_EDIT)
    code, name = code.strip().upper(), name.strip()
    bad = set(kw) - set(ESTATE_FIELDS)
    if bad:
        raise ValueError(f"unknown estate fields: {sorted(bad)}")
    problems = _blank_problems(code=("小区编码", code))
    if code and not re.fullmatch(r"[A-Z0-9_]{1,16}", code):
        problems.append(Problem("小区编码", "小区编码只能用字母和数字，最多16位（会成为房间编码的开头）",
                                "estate code: letters and digits, at most 16"))
    problems += _estate_problems(session, dict(kw, name=name))
    if problems:
        raise ValidationFailed(problems)
    if session.scalar(select(Estate.id).where(Estate.code == code)):
        raise Conflict(f"小区编码 {code} 已存在", f"estate code {code} already exists")
    return _create(session, actor, Estate(region_id=region.id, code=code, name=name, **kw),
                   "estate", f"小区 {name}")


def update_estate(session: Session, actor: Actor, estate_id: uuid.UUID, **changes) -> Estate:
    """Edit an estate's descriptive fields; its code is part of every room code and stays."""
    require(actor, MASTER_EDIT)
    estate = get_live(session, Estate, estate_id, "小区")
    bad = set(changes) - set(ESTATE_FIELDS)
    if bad:
        raise ValueError(f"fields not editable: {sorted(bad)}")
    if "name" in changes:
        changes["name"] = (changes["name"] or "").strip()
    merged = {k: getattr(estate, k) for k in ESTATE_FIELDS} | changes
    problems = _estate_problems(session, merged, estate.id)
    if problems:
        raise ValidationFailed(problems)
    return _update(session, actor, estate, changes, "estate", f"修改小区 {estate.code}")


def _update(session: Session, actor: Actor, obj: Any, changes: dict[str, Any], entity: str,
            summary: str) -> Any:
    """Apply validated changes and audit what really changed (before/after)."""
    before = audit.snapshot(obj)
    for k, v in changes.items():
        setattr(obj, k, v)
    session.flush()
    b, a = audit.diff(before, audit.snapshot(obj))
    if a:
        audit.record(session, actor, "update", entity, obj.id, before=b, after=a, summary=summary)
    return obj


BUILDING_FIELDS = ("name", "building_type", "structure", "floors")


def _building_problems(values: dict[str, Any]) -> list[Problem]:
    problems = []
    building_type, structure, floors = (values.get("building_type"), values.get("structure"),
                                        values.get("floors"))
    if building_type not in BUILDING_TYPES:
        problems.append(Problem("楼宇类型", f"未知类型 {building_type}", f"unknown type {building_type}"))
    if structure not in STRUCTURES:
        problems.append(Problem("结构", f"未知结构 {structure}", f"unknown structure {structure}"))
    if not isinstance(floors, int) or floors < 1 or floors > 200:
        problems.append(Problem("层数", "层数应在1到200之间", "floors must be 1..200"))
    return problems


def create_building(session: Session, actor: Actor, estate: Estate, *, code: str, name: str = "",
                    building_type: str = "high_rise", structure: str = "frame",
                    floors: int = 1) -> Building:
    require(actor, MASTER_EDIT)
    code, name = code.strip(), name.strip()
    problems = _blank_problems(code=("楼栋编码", code))
    problems += _building_problems(dict(building_type=building_type, structure=structure,
                                        floors=floors))
    if problems:
        raise ValidationFailed(problems)
    if session.scalar(select(Building.id).where(Building.estate_id == estate.id,
                                                Building.code == code)):
        raise Conflict(f"{estate.name} 已有楼栋 {code}", f"building {code} exists in {estate.code}")
    b = Building(estate_id=estate.id, code=code, name=name or f"{code}栋",
                 building_type=building_type, structure=structure, floors=floors,
                 sort_key=_sort_key(code))
    return _create(session, actor, b, "building", f"楼栋 {estate.code}-{code}")


def update_building(session: Session, actor: Actor, building_id: uuid.UUID, **changes) -> Building:
    """Edit a building's name, type, structure and floors; its code (in room codes) stays.

    Fewer floors than the building's highest room is refused: the rooms would sit
    above the roof of the 房态图.
    """
    require(actor, MASTER_EDIT)
    building = get_live(session, Building, building_id, "楼栋")
    bad = set(changes) - set(BUILDING_FIELDS)
    if bad:
        raise ValueError(f"fields not editable: {sorted(bad)}")
    if "name" in changes:
        changes["name"] = (changes["name"] or "").strip() or f"{building.code}栋"
    merged = {k: getattr(building, k) for k in BUILDING_FIELDS} | changes
    problems = _building_problems(merged)
    if not problems and merged["floors"] < building.floors:
        top = session.scalar(_live(select(func.max(Room.floor)).where(
            Room.building_id == building.id), Room))
        if top is not None and top > merged["floors"]:
            problems.append(Problem("层数", f"已有房间在 {top} 层，层数不能少于 {top}",
                                    f"rooms exist on floor {top}; floors cannot be below {top}"))
    if problems:
        raise ValidationFailed(problems)
    estate = session.get(Estate, building.estate_id)
    return _update(session, actor, building, changes, "building",
                   f"修改楼栋 {estate.code}-{building.code}")


def editable_values(session: Session, actor: Actor, kind: str,
                    node_id: uuid.UUID) -> dict[str, Any]:
    """The code and editable fields of an estate or building, for its 修改 dialog."""
    require(actor, MASTER_VIEW)
    model, fields, label = {"estate": (Estate, ESTATE_FIELDS, "小区"),
                            "building": (Building, BUILDING_FIELDS, "楼栋")}[kind]
    obj = get_live(session, model, node_id, label)
    return {"code": obj.code} | {k: getattr(obj, k) for k in fields}


def create_unit(session: Session, actor: Actor, building: Building, *, code: str,
                name: str = "") -> Unit:
    require(actor, MASTER_EDIT)
    code, name = code.strip(), name.strip()
    problems = _blank_problems(code=("单元编码", code))
    if problems:
        raise ValidationFailed(problems)
    if session.scalar(select(Unit.id).where(Unit.building_id == building.id, Unit.code == code)):
        raise Conflict(f"{building.name} 已有 {code} 单元", f"unit {code} exists in this building")
    u = Unit(building_id=building.id, code=code, name=name or f"{code}单元",
             sort_key=_sort_key(code))
    return _create(session, actor, u, "unit", f"单元 {code}")


def create_parking_lot(session: Session, actor: Actor, estate: Estate, *, code: str,
                       name: str = "", kind: str = "underground") -> ParkingLot:
    require(actor, MASTER_EDIT)
    code, name = code.strip().upper(), name.strip()
    problems = _blank_problems(code=("停车场编码", code))
    if kind not in LOT_KINDS:
        problems.append(Problem("类型", f"未知类型 {kind}", f"unknown lot kind {kind}"))
    if problems:
        raise ValidationFailed(problems)
    if session.scalar(select(ParkingLot.id).where(ParkingLot.estate_id == estate.id,
                                                  ParkingLot.code == code)):
        raise Conflict(f"{estate.name} 已有停车场 {code}", f"parking lot {code} exists in {estate.code}")
    lot = ParkingLot(estate_id=estate.id, code=code, name=name or f"{code}停车场", kind=kind)
    return _create(session, actor, lot, "parking_lot", f"停车场 {estate.code}-{code}")


def create_parking_space(session: Session, actor: Actor, lot: ParkingLot, *, number: str,
                         kind: str = "owned", area: Decimal = Decimal("0"),
                         status: str = "vacant") -> ParkingSpace:
    """A space in a lot; its code is estate-lot-number, e.g. JD-P1-001."""
    require(actor, MASTER_EDIT)
    number = number.strip().upper()
    area = Decimal("0") if area is None else area
    problems = _blank_problems(number=("车位号", number))
    if kind not in SPACE_KINDS:
        problems.append(Problem("类型", f"未知类型 {kind}", f"unknown space kind {kind}"))
    if status not in SPACE_STATUSES:
        problems.append(Problem("状态", f"未知状态 {status}", f"unknown space status {status}"))
    problems += _area_problems({"area": area}, {"area": "面积"})
    if problems:
        raise ValidationFailed(problems)
    estate = session.get(Estate, lot.estate_id)
    code = f"{estate.code}-{lot.code}-{number}"
    if session.scalar(select(ParkingSpace.id).where(ParkingSpace.code == code)):
        raise Conflict(f"车位编码 {code} 已存在", f"parking space {code} already exists")
    sp = ParkingSpace(lot_id=lot.id, estate_id=estate.id, code=code, number=number, kind=kind,
                      area=area, status=status)
    return _create(session, actor, sp, "parking_space", f"车位 {code}")


def _sort_key(code: str) -> int:
    digits = "".join(c for c in code if c.isdigit())
    return int(digits[:9]) if digits else 0


def validate_room_values(values: dict[str, Any], where: str = "") -> list[Problem]:
    """Check the editable room fields; ``where`` prefixes each problem's location."""
    p: list[Problem] = []
    loc = (where + " ") if where else ""
    for key, label in (("building_area", "建筑面积"), ("inner_area", "套内面积")):
        v = values.get(key)
        if v is not None and (not isinstance(v, Decimal) or v < 0 or v > Decimal("100000")):
            p.append(Problem(loc + label, f"面积无效：{v}", f"invalid area: {v}"))
    ba, ia = values.get("building_area"), values.get("inner_area")
    if isinstance(ba, Decimal) and isinstance(ia, Decimal) and ia > ba:
        p.append(Problem(loc + "套内面积", "套内面积不能大于建筑面积",
                         "inner area cannot exceed building area"))
    for key, label, mapping in (("usage", "用途", ROOM_USAGES), ("status", "状态", ROOM_STATUSES),
                                ("ownership_type", "权属类型", OWNERSHIP_TYPES)):
        v = values.get(key)
        if v is not None and v not in mapping:
            p.append(Problem(loc + label, f"未知取值 {v}，可选：{'/'.join(mapping.values())}",
                             f"unknown value {v}"))
    return p


def create_room(session: Session, actor: Actor, building: Building, unit: Unit | None, *,
                number: str, floor: int, building_area: Decimal, inner_area: Decimal = Decimal("0"),
                **kw) -> Room:
    require(actor, MASTER_EDIT)
    estate = session.get(Estate, building.estate_id)
    code = room_code(estate.code, building.code, unit.code if unit else None, number)
    values = dict(building_area=building_area, inner_area=inner_area, **kw)
    problems = validate_room_values(values)
    if problems:
        raise ValidationFailed(problems)
    if session.scalar(select(Room.id).where(Room.code == code)):
        raise Conflict(f"房间编码 {code} 已存在", f"room code {code} already exists")
    room = Room(estate_id=estate.id, building_id=building.id, unit_id=unit.id if unit else None,
                code=code, number=number, floor=floor, **values)
    return _create(session, actor, room, "room", f"房间 {code}")


def update_room(session: Session, actor: Actor, room_id: uuid.UUID, **changes) -> Room:
    require(actor, MASTER_EDIT)
    room = get_room(session, actor, room_id)
    allowed = set(ROOM_FIELDS) - {"code", "number"}
    bad = set(changes) - allowed
    if bad:
        raise ValueError(f"fields not editable: {sorted(bad)}")
    merged = {k: getattr(room, k) for k in allowed} | changes
    problems = validate_room_values(merged, room.code)
    if problems:
        raise ValidationFailed(problems)
    return _update(session, actor, room, changes, "room", f"修改房间 {room.code}")


def delete_room(session: Session, actor: Actor, room_id: uuid.UUID) -> None:
    """Tombstone a room.  Rooms with a current occupant cannot be deleted."""
    from propdesk.models import Occupancy
    from propdesk.clock import utcnow

    require(actor, MASTER_EDIT)
    room = get_room(session, actor, room_id)
    busy = session.scalar(select(func.count()).select_from(Occupancy).where(
        Occupancy.room_id == room.id, Occupancy.end_date.is_(None), Occupancy.deleted_at.is_(None)))
    if busy:
        raise Conflict(f"房间 {room.code} 仍有住户，请先办理迁出",
                       f"room {room.code} still has occupants; move them out first")
    room.deleted_at = utcnow()
    audit.record(session, actor, "delete", "room", room.id, before=audit.snapshot(room),
                 summary=f"删除房间 {room.code}")


def get_room(session: Session, actor: Actor, room_id: uuid.UUID) -> Room:
    require(actor, MASTER_VIEW)
    room = session.get(Room, room_id)
    if room is None or room.deleted_at is not None:
        raise NotFound("房间不存在或已删除", "room not found")
    return room


def room_by_code(session: Session, actor: Actor, code: str) -> Room:
    require(actor, MASTER_VIEW)
    room = session.scalar(_live(select(Room).where(Room.code == code.strip().upper()), Room))
    if room is None:
        room = session.scalar(_live(select(Room).where(Room.code == code.strip()), Room))
    if room is None:
        raise NotFound(f"找不到房间 {code}，请检查房间编码（如 JD-01-1-0502）",
                       f"no room with code {code} (e.g. JD-01-1-0502)")
    return room


def estate_by_code(session: Session, code: str) -> Estate:
    e = session.scalar(_live(select(Estate).where(Estate.code == code.strip().upper()), Estate))
    if e is None:
        raise NotFound(f"找不到小区 {code}", f"no estate with code {code}")
    return e


# --- batch room generation (批量生成房间) ------------------------------------

@dataclass
class RoomPlan:
    """Parameters of 批量生成房间.

    ``pattern`` renders the part of the room code after ``estate-building-``;
    the text after its last '-' is the 房号.  Placeholders: {unit} {floor} {room}.
    ``areas`` maps a position on the floor (1-based) to (建筑面积, 套内面积).
    """

    building_id: uuid.UUID
    units: list[str]
    floors: tuple[int, int]
    rooms_per_floor: int
    pattern: str = "{unit}-{floor:02d}{room:02d}"
    areas: dict[int, tuple[Decimal, Decimal]] = field(default_factory=dict)
    usage: str = "residential"
    status: str = "vacant"
    layout_by_position: dict[int, str] = field(default_factory=dict)


@dataclass
class PlannedRoom:
    code: str
    unit: str
    number: str
    floor: int
    position: int
    building_area: Decimal
    inner_area: Decimal
    exists: bool


def preview_rooms(session: Session, actor: Actor, plan: RoomPlan) -> list[PlannedRoom]:
    """What :func:`generate_rooms` would create; ``exists`` marks codes already taken."""
    require(actor, MASTER_VIEW)
    building = session.get(Building, plan.building_id)
    if building is None:
        raise NotFound("楼栋不存在", "building not found")
    estate = session.get(Estate, building.estate_id)
    problems = []
    lo, hi = plan.floors
    if not (1 <= plan.rooms_per_floor <= 99):
        problems.append(Problem("每层户数", "每层户数应在1到99之间", "rooms per floor must be 1..99"))
    if lo > hi or lo < -5 or hi > 200:
        problems.append(Problem("楼层", "楼层范围无效", "invalid floor range"))
    if not plan.units:
        problems.append(Problem("单元", "至少需要一个单元", "at least one unit"))
    if problems:
        raise ValidationFailed(problems)
    planned: list[PlannedRoom] = []
    for unit in plan.units:
        for floor in range(lo, hi + 1):
            if floor == 0:
                continue
            for pos in range(1, plan.rooms_per_floor + 1):
                try:
                    tail = plan.pattern.format(unit=unit, floor=floor, room=pos)
                except (KeyError, ValueError, IndexError) as exc:
                    raise ValidationFailed([Problem("命名规则", f"命名规则无效：{exc}",
                                                    f"bad naming pattern: {exc}")]) from None
                code = f"{estate.code}-{building.code}-{tail}"
                ba, ia = plan.areas.get(pos, (Decimal("0"), Decimal("0")))
                planned.append(PlannedRoom(code, unit, tail.rsplit("-", 1)[-1], floor, pos,
                                           ba, ia, False))
    codes = [p.code for p in planned]
    if len(set(codes)) != len(codes):
        raise ValidationFailed([Problem("命名规则", "命名规则生成了重复的房间编码",
                                        "the pattern produces duplicate room codes")])
    taken: set[str] = set()
    for i in range(0, len(codes), 500):
        taken |= set(session.scalars(select(Room.code).where(Room.code.in_(codes[i:i + 500]))))
    for p in planned:
        p.exists = p.code in taken
    return planned


def generate_rooms(session: Session, actor: Actor, plan: RoomPlan) -> int:
    """Create the planned rooms (skipping none: any taken code aborts) in one transaction."""
    require(actor, MASTER_EDIT)
    planned = preview_rooms(session, actor, plan)
    clashes = [p.code for p in planned if p.exists]
    if clashes:
        raise Conflict(f"以下房间编码已存在：{', '.join(clashes[:10])}{' …' if len(clashes) > 10 else ''}",
                       f"{len(clashes)} room codes already exist")
    building = session.get(Building, plan.building_id)
    units = {u.code: u for u in session.scalars(
        select(Unit).where(Unit.building_id == building.id, Unit.deleted_at.is_(None)))}
    for code in plan.units:
        if code not in units:
            units[code] = create_unit(session, actor, building, code=code)
    rows = [dict(id=None, estate_id=building.estate_id, building_id=building.id,
                 unit_id=units[p.unit].id, code=p.code, number=p.number, floor=p.floor,
                 building_area=p.building_area, inner_area=p.inner_area,
                 layout=plan.layout_by_position.get(p.position, ""), usage=plan.usage,
                 status=plan.status) for p in planned]
    from propdesk.ids import uuid7
    for r in rows:
        r["id"] = uuid7()
    insert_rooms(session, rows)
    audit.record(session, actor, "generate", "room", building.id,
                 after={"count": len(rows), "first": rows[0]["code"] if rows else "",
                        "last": rows[-1]["code"] if rows else "", "pattern": plan.pattern},
                 summary=f"批量生成房间 {len(rows)} 间")
    return len(rows)


def insert_rooms(session: Session, rows: list[dict]) -> None:
    """Bulk insert room dicts (ids already set); stamps added here."""
    from propdesk.clock import utcnow

    now = utcnow()
    terminal = session.info.get("terminal", "")
    defaults = dict(created_at=now, updated_at=now, terminal=terminal, deleted_at=None,
                    layout="", orientation="", usage="residential", status="vacant",
                    ownership_type="commodity", note="", inner_area=Decimal("0"))
    if rows:
        session.execute(insert(Room), [defaults | r for r in rows])


# --- tree reads (navigator) --------------------------------------------------

@dataclass(frozen=True)
class Node:
    kind: str  # company|region|estate|building|unit|room|lot|space
    id: uuid.UUID
    label: str
    has_children: bool
    status: str = ""
    owner: str = ""        # rooms: the current owner's name, shown after the room number


def children(session: Session, kind: str, node_id: uuid.UUID | None) -> list[Node]:
    """The children of a tree node, for lazy loading; ``kind='root'`` gives companies."""
    if kind == "root":
        rows = session.execute(_live(select(Company.id, Company.name), Company).order_by(Company.code))
        return [Node("company", i, n, True) for i, n in rows]
    if kind == "company":
        rows = session.execute(_live(select(Region.id, Region.name).where(
            Region.company_id == node_id), Region).order_by(Region.code))
        return [Node("region", i, n, True) for i, n in rows]
    if kind == "region":
        rows = session.execute(_live(select(Estate.id, Estate.name, Estate.code).where(
            Estate.region_id == node_id), Estate).order_by(Estate.code))
        return [Node("estate", i, f"{n} ({c})", True) for i, n, c in rows]
    if kind == "estate":
        b = session.execute(_live(select(Building.id, Building.name).where(
            Building.estate_id == node_id), Building).order_by(Building.sort_key, Building.code))
        lots = session.execute(_live(select(ParkingLot.id, ParkingLot.name).where(
            ParkingLot.estate_id == node_id), ParkingLot).order_by(ParkingLot.code))
        return [Node("building", i, n, True) for i, n in b] + [Node("lot", i, n, True) for i, n in lots]
    if kind == "building":
        units = session.execute(_live(select(Unit.id, Unit.name).where(
            Unit.building_id == node_id), Unit).order_by(Unit.sort_key, Unit.code))
        out = [Node("unit", i, n, True) for i, n in units]
        loose = _room_nodes(session, Room.building_id == node_id, Room.unit_id.is_(None))
        return out + loose
    if kind == "unit":
        return _room_nodes(session, Room.unit_id == node_id)
    if kind == "lot":
        rows = session.execute(_live(select(ParkingSpace.id, ParkingSpace.number,
                                            ParkingSpace.status).where(
            ParkingSpace.lot_id == node_id), ParkingSpace).order_by(ParkingSpace.number))
        return [Node("space", i, n, False, s) for i, n, s in rows]
    return []


def _room_nodes(session: Session, *where) -> list[Node]:
    """Room nodes with their current owner's name: one query, LEFT JOINed to the current
    owner occupancy and its customer.  A room has at most one current owner (a partial
    unique index guarantees it), so no room repeats."""
    from propdesk.models import Customer, Occupancy

    rows = session.execute(
        select(Room.id, Room.number, Room.status, Customer.name)
        .outerjoin(Occupancy, and_(Occupancy.room_id == Room.id, Occupancy.role == "owner",
                                   Occupancy.end_date.is_(None), Occupancy.deleted_at.is_(None)))
        .outerjoin(Customer, Customer.id == Occupancy.customer_id)
        .where(Room.deleted_at.is_(None), *where).order_by(Room.floor, Room.number))
    return [Node("room", i, n, False, st, o or "") for i, n, st, o in rows]


def room_nodes(session: Session, actor: Actor, room_ids: list[uuid.UUID]) -> list[Node]:
    """The tree nodes of some live rooms (to repaint them after a status or owner change)."""
    require(actor, MASTER_VIEW)
    room_ids = list(room_ids)
    out: list[Node] = []
    for i in range(0, len(room_ids), 500):
        out += _room_nodes(session, Room.id.in_(room_ids[i:i + 500]))
    return out


def path_to(session: Session, kind: str, node_id: uuid.UUID) -> list[tuple[str, uuid.UUID]]:
    """The chain of (kind, id) from the company down to the node (for jump-to)."""
    chain: list[tuple[str, uuid.UUID]] = []
    if kind == "room":
        r = session.get(Room, node_id)
        chain.append(("room", r.id))
        if r.unit_id:
            chain.append(("unit", r.unit_id))
        kind, node_id = "building", r.building_id
    if kind == "space":
        sp = session.get(ParkingSpace, node_id)
        chain.append(("space", sp.id))
        kind, node_id = "lot", sp.lot_id
    if kind == "lot":
        lot = session.get(ParkingLot, node_id)
        chain.append(("lot", lot.id))
        kind, node_id = "estate", lot.estate_id
    if kind == "unit":
        u = session.get(Unit, node_id)
        chain.append(("unit", u.id))
        kind, node_id = "building", u.building_id
    if kind == "building":
        b = session.get(Building, node_id)
        chain.append(("building", b.id))
        kind, node_id = "estate", b.estate_id
    if kind == "estate":
        e = session.get(Estate, node_id)
        chain.append(("estate", e.id))
        kind, node_id = "region", e.region_id
    if kind == "region":
        rg = session.get(Region, node_id)
        chain.append(("region", rg.id))
        chain.append(("company", rg.company_id))
    return list(reversed(chain))


@dataclass(frozen=True)
class GridCell:
    room_id: uuid.UUID
    code: str
    number: str
    floor: int
    unit: str
    status: str
    area: Decimal


def building_grid(session: Session, actor: Actor, building_id: uuid.UUID) -> list[GridCell]:
    """Rooms of a building for the 房态图, ordered floor-descending as drawn."""
    require(actor, MASTER_VIEW)
    rows = session.execute(
        _live(select(Room.id, Room.code, Room.number, Room.floor, Unit.code, Room.status,
                     Room.building_area)
              .outerjoin(Unit, Unit.id == Room.unit_id)
              .where(Room.building_id == building_id), Room)
        .order_by(Room.floor.desc(), Unit.sort_key, Room.number))
    return [GridCell(i, c, n, f, u or "", s, a) for i, c, n, f, u, s, a in rows]


# --- read-only views for the desktop UI ----------------------------------------

@dataclass(frozen=True)
class RoomHeader:
    """What the room detail panel shows above its tabs."""

    id: uuid.UUID
    code: str
    status: str
    usage: str
    floor: int
    building_area: Decimal
    estate_name: str
    building_id: uuid.UUID
    building_name: str
    unit_name: str


def room_header(session: Session, actor: Actor, room_id: uuid.UUID) -> RoomHeader:
    room = get_room(session, actor, room_id)
    estate = session.get(Estate, room.estate_id)
    building = session.get(Building, room.building_id)
    unit = session.get(Unit, room.unit_id) if room.unit_id else None
    return RoomHeader(room.id, room.code, room.status, room.usage, room.floor, room.building_area,
                      estate.name, building.id, building.name, unit.name if unit else "")


@dataclass(frozen=True)
class BuildingRef:
    estate_id: uuid.UUID
    estate_code: str
    estate_name: str
    building_id: uuid.UUID
    building_code: str
    building_name: str
    floors: int


def building_refs(session: Session, actor: Actor) -> list[BuildingRef]:
    """Every live building with its estate, for building pickers (estate, then building order)."""
    require(actor, MASTER_VIEW)
    rows = session.execute(
        select(Estate.id, Estate.code, Estate.name, Building.id, Building.code, Building.name,
               Building.floors)
        .join(Building, Building.estate_id == Estate.id)
        .where(Estate.deleted_at.is_(None), Building.deleted_at.is_(None))
        .order_by(Estate.code, Building.sort_key, Building.code))
    return [BuildingRef(*r) for r in rows]


def room_status_counts(session: Session, actor: Actor, kind: str,
                       node_id: uuid.UUID) -> dict[str, int]:
    """Rooms per status under a tree node (company, region, estate, building or unit)."""
    require(actor, MASTER_VIEW)
    stmt = select(Room.status, func.count()).where(Room.deleted_at.is_(None))
    if kind == "unit":
        stmt = stmt.where(Room.unit_id == node_id)
    elif kind == "building":
        stmt = stmt.where(Room.building_id == node_id)
    elif kind == "estate":
        stmt = stmt.where(Room.estate_id == node_id)
    elif kind == "region":
        stmt = stmt.join(Estate, Estate.id == Room.estate_id).where(Estate.region_id == node_id)
    elif kind == "company":
        stmt = (stmt.join(Estate, Estate.id == Room.estate_id)
                .join(Region, Region.id == Estate.region_id).where(Region.company_id == node_id))
    else:
        raise ValueError(f"no room counts for a {kind!r} node")
    return dict(session.execute(stmt.group_by(Room.status)).all())


@dataclass(frozen=True)
class SpaceDetail:
    id: uuid.UUID
    code: str
    lot_name: str
    kind: str
    status: str
    area: Decimal
    holders: list[tuple[uuid.UUID, str, str, Any]]   # (customer id, name, role, since)
    plates: list[str]


def space_detail(session: Session, actor: Actor, space_id: uuid.UUID) -> SpaceDetail:
    from propdesk.models import Customer, Occupancy, Vehicle

    require(actor, MASTER_VIEW)
    sp = session.get(ParkingSpace, space_id)
    if sp is None or sp.deleted_at is not None:
        raise NotFound("车位不存在或已删除", "parking space not found")
    lot = session.get(ParkingLot, sp.lot_id)
    holders = [tuple(r) for r in session.execute(
        select(Customer.id, Customer.name, Occupancy.role, Occupancy.start_date)
        .join(Customer, Customer.id == Occupancy.customer_id)
        .where(Occupancy.space_id == sp.id, Occupancy.end_date.is_(None),
               Occupancy.deleted_at.is_(None)).order_by(Occupancy.start_date))]
    plates = list(session.scalars(select(Vehicle.plate).where(
        Vehicle.space_id == sp.id, Vehicle.deleted_at.is_(None)).order_by(Vehicle.plate)))
    return SpaceDetail(sp.id, sp.code, lot.name, sp.kind, sp.status, sp.area, holders, plates)
