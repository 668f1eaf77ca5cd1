"""Check an import workbook against itself and the database, and plan the inserts.

Everything happens in memory with dict lookups: the database is asked a few
batched questions (existing estates, buildings, units, room codes, customers
by ID number, current owners), never once per row.  Every problem found is
recorded with its sheet, row and column; the plan is only written when there
are none (see :mod:`propdesk.excel.importer`).

Rules (also in the template's 说明 sheet):

* The import only adds.  An estate or building already in the database is
  reused as it is (a note says so); a room code already in the database, or
  twice in the file, is an error.
* References (小区 by code or name, 楼栋, 单元, the room of an owner row) are
  looked up first in the file, then in the database.
* A room has at most one current owner, counting the database.
* Owner rows with the same ID number are one customer; a customer already in
  the database with that ID number is reused, not duplicated.  Without an ID
  number, rows with the same name and mobile are one customer.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.excel.cells import CellError, parse
from propdesk.excel.columns import AREA, CHOICE, CODE, DATE, ESTATES, INT, REF
from propdesk.excel.problems import Findings
from propdesk.excel.reader import SheetData
from propdesk.ids import uuid7
from propdesk.models import (
    Building, Company, Customer, Estate, Occupancy, Region, Room, Unit,
)
from propdesk.models.enums import OCCUPANT_ROLES
from propdesk.services.customers import customer_problems
from propdesk.services.property import _sort_key as building_sort_key  # same ordering as the UI
from propdesk.services.property import room_code, validate_room_values

DEFAULT_COMPANY = "物业服务公司"
DEFAULT_REGION = "默认区域"
MIN_FLOOR = -5          # basements, as in 批量生成房间
MAX_FLOORS = 200
BATCH = 500             # parameters per IN (...) query
FIRST_DATE = dt.date(1950, 1, 1)
_MAX_LISTED = 10        # row numbers listed in an aggregated note


_REPEATING = frozenset({CHOICE, REF, CODE, AREA, INT, DATE})


def _parse_or_error(raw, col):
    try:
        return parse(raw, col)
    except CellError as e:
        return e


def _canon(code: str) -> str:
    """'01' and '1' are the same building when Excel has eaten the leading zero."""
    return (code.lstrip("0") or "0") if code.isdigit() else code


class CodeIndex:
    """Codes within a parent: exact match first, then unique match ignoring leading zeros."""

    def __init__(self) -> None:
        self.exact: dict[str, Any] = {}
        self._canon: dict[str, list[Any]] = {}

    def add(self, code: str, item: Any) -> None:
        self.exact[code] = item
        self._canon.setdefault(_canon(code), []).append(item)

    def get(self, code: str) -> Any:
        hit = self.exact.get(code)
        if hit is None:
            same = self._canon.get(_canon(code), [])
            hit = same[0] if len(same) == 1 else None
        return hit


@dataclass(eq=False)
class EstateRef:
    id: uuid.UUID
    code: str
    name: str
    row: int | None            # row in the 小区 sheet; None when only in the database
    deleted: bool = False
    buildings: CodeIndex | None = None   # loaded on first use for database estates


@dataclass(eq=False)
class BuildingRef:
    id: uuid.UUID
    estate: EstateRef
    code: str
    floors: int | None
    row: int | None
    deleted: bool = False
    units: CodeIndex | None = None


@dataclass(eq=False)
class RoomRef:
    id: uuid.UUID
    code: str
    row: int | None            # row in the 房间 sheet; None when in the database
    values: dict | None = None  # the insert row, for rooms of this file
    status_given: bool = True
    owner: str = ""            # who is the current owner, for the "second owner" message
    tenants: int = 0
    occupants: set = field(default_factory=set)   # (customer key, role)


@dataclass
class SheetTally:
    sheet: str                 # title as in the file
    rows: int = 0
    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, n: int = 1, *, existing: bool = False) -> None:
        d = self.existing if existing else self.created
        d[what] = d.get(what, 0) + n


class Plan:
    """The checked content of one workbook, ready to insert."""

    ORDER = (Company, Region, Estate, Building, Unit, Room, Customer, Occupancy)

    def __init__(self, session: Session, findings: Findings, *, today: dt.date,
                 company_name: str = "", region_name: str = "") -> None:
        self.s = session
        self.f = findings
        self.today = today
        self.company_name = company_name.strip() or DEFAULT_COMPANY
        self.region_name = region_name.strip() or DEFAULT_REGION
        self.new: dict[type, list[dict]] = {m: [] for m in self.ORDER}
        self.tallies: dict[str, SheetTally] = {}
        self.estates_by_code: dict[str, EstateRef] = {}
        self.estates_by_name: dict[str, EstateRef] = {}
        self.rooms: dict[str, RoomRef] = {}
        self._regions: dict[str, uuid.UUID] | None = None
        self._memo: dict = defaultdict(dict)
        self._region_names: list[str] = []
        self._company_id: uuid.UUID | None = None
        self._load_estates()

    # --- helpers -------------------------------------------------------------------

    def add_row(self, model: type, **values) -> dict:
        row = dict(id=uuid7(), **values)
        self.new[model].append(row)
        return row

    def cells(self, data: SheetData, number: int, values: tuple) -> dict[str, Any]:
        """Parse every known cell of a row; a bad cell is reported and left out."""
        out: dict[str, Any] = {}
        n = len(values)
        for key, i, col, header in data.layout:
            raw = values[i] if i < n else None
            memo = self._memo[id(col)] if col.kind in _REPEATING else None
            try:
                if memo is None:
                    v = parse(raw, col)
                else:
                    # Estates, buildings, choices and areas repeat down a sheet: parse each value once.
                    k = (raw.__class__, raw)
                    v = memo[k] if k in memo else memo.setdefault(k, _parse_or_error(raw, col))
                    if isinstance(v, CellError):
                        raise v
            except CellError as e:
                self.f.error(data.title, number, header, e.zh, e.en)
                continue
            if v is None:
                if col.required:
                    self.f.error(data.title, number, header, f"「{header}」必须填写", f"{col.name} is required")
                continue
            out[key] = v
        return out

    def service_problems(self, data: SheetData, number: int, problems, label_to_key: dict) -> None:
        """Report the findings of a service validator at the matching column."""
        for p in problems:
            key = label_to_key.get(p.where.strip())
            column = data.col(key) if key else p.where.strip()
            self.f.error(data.title, number, column, p.zh, p.en)

    def aggregate_note(self, data: SheetData, rows: list[int], column: str, zh: str, en: str) -> None:
        if not rows:
            return
        listed = "、".join(str(r) for r in rows[:_MAX_LISTED]) + ("…" if len(rows) > _MAX_LISTED else "")
        self.f.note(data.title, None, column, f"{zh}（共{len(rows)}行：第{listed}行）",
                    f"{en} ({len(rows)} rows)")

    def tally(self, data: SheetData) -> SheetTally:
        return self.tallies.setdefault(data.spec.key, SheetTally(data.title))

    # --- the database, asked in batches --------------------------------------------

    def _load_estates(self) -> None:
        rows = self.s.execute(select(Estate.id, Estate.code, Estate.name, Estate.deleted_at))
        for id_, code, name, deleted in rows:
            ref = EstateRef(id_, code, name, None, deleted is not None)
            self.estates_by_code[code.upper()] = ref
            self.estates_by_name[name] = ref

    def buildings_of(self, estate: EstateRef) -> CodeIndex:
        if estate.buildings is None:
            estate.buildings = CodeIndex()
            rows = self.s.execute(select(Building.id, Building.code, Building.floors, Building.deleted_at)
                                  .where(Building.estate_id == estate.id))
            for id_, code, floors, deleted in rows:
                estate.buildings.add(code, BuildingRef(id_, estate, code, floors, None, deleted is not None))
        return estate.buildings

    def units_of(self, building: BuildingRef) -> CodeIndex:
        if building.units is None:
            building.units = CodeIndex()
            if building.row is None:
                rows = self.s.execute(select(Unit.id, Unit.code).where(Unit.building_id == building.id))
                for id_, code in rows:
                    building.units.add(code, (id_, code))
        return building.units

    def in_batches(self, values: Iterable, query: Callable[[list], Iterable]) -> list:
        values = list(dict.fromkeys(values))
        out: list = []
        for i in range(0, len(values), BATCH):
            out.extend(query(values[i:i + BATCH]))
        return out

    def region_for(self, text: str) -> tuple[uuid.UUID | None, str]:
        """The region an estate goes to, creating company/region in an empty database.

        Returns (region id, "") or (None, the names to choose from).
        """
        if self._regions is None:
            self._regions = {}
            for id_, code, name in self.s.execute(
                    select(Region.id, Region.code, Region.name).where(Region.deleted_at.is_(None))
                    .order_by(Region.code)):
                self._regions.setdefault(code.upper(), id_)
                self._regions.setdefault(name, id_)
                self._region_names.append(name)
        existing = "、".join(self._region_names)
        if not text:
            if len(self._region_names) == 1:
                return self._regions[self._region_names[0]], ""
            if self._region_names:
                return None, existing
            text = self.region_name
        hit = self._regions.get(text) or self._regions.get(text.upper())
        if hit:
            return hit, ""
        return (None, existing) if self._region_names else (self._new_region(text), "")

    def _new_region(self, name: str) -> uuid.UUID:
        if self._company_id is None:
            self._company_id = self.s.scalar(select(Company.id).where(Company.deleted_at.is_(None))
                                             .order_by(Company.code).limit(1))
            if self._company_id is None:
                taken = set(self.s.scalars(select(Company.code)))
                code = next(f"C{i:02d}" for i in range(1, 100) if f"C{i:02d}" not in taken)
                self._company_id = self.add_row(Company, code=code, name=self.company_name, address="",
                                                phone="", tax_id="")["id"]
        taken = set(self.s.scalars(select(Region.code))) | {r["code"] for r in self.new[Region]}
        code = next(f"R{i:02d}" for i in range(1, 1000) if f"R{i:02d}" not in taken)
        rid = self.add_row(Region, company_id=self._company_id, code=code, name=name)["id"]
        self._regions[name] = rid
        company = next((c["name"] for c in self.new[Company]), "")
        self.f.note(ESTATES.name, None, ESTATES.column("region").name,
                    (f"系统中还没有公司：新建公司「{company}」和" if company else "新建") +
                    f"区域「{name}」（编码 {code}），可在系统设置中改名",
                    (f"no company yet: company {company!r} and " if company else "")
                    + f"region {name!r} ({code}) are created")
        return rid

    def find_estate(self, text: str) -> EstateRef | None:
        return self.estates_by_code.get(text.upper()) or self.estates_by_name.get(text)

    # --- 小区 -------------------------------------------------------------------------

    def estates(self, data: SheetData) -> None:
        t = self.tally(data)
        file_codes: dict[str, int] = {}
        file_names: dict[str, int] = {}
        for number, raw in data.rows:
            t.rows += 1
            v = self.cells(data, number, raw)
            code, name = v.get("code"), v.get("name")
            if code and code in file_codes:
                self.f.error(data.title, number, data.col("code"),
                             f"小区编码 {code} 与第{file_codes[code]}行重复", f"estate code {code} repeats row {file_codes[code]}")
                continue
            if name and name in file_names:
                self.f.error(data.title, number, data.col("name"),
                             f"小区名称「{name}」与第{file_names[name]}行重复", f"estate name {name} repeats row {file_names[name]}")
                continue
            if not code or not name:
                continue
            file_codes[code], file_names[name] = number, number
            self._estate_row(data, number, v, t)

    def _estate_row(self, data: SheetData, number: int, v: dict, t: SheetTally) -> None:
        code, name = v["code"], v["name"]
        same_code, same_name = self.estates_by_code.get(code), self.estates_by_name.get(name)
        if same_code is not None:
            if same_code.deleted:
                self.f.error(data.title, number, data.col("code"),
                             f"小区编码 {code} 已被系统中已删除的小区占用，请换一个编码",
                             f"estate code {code} belongs to a deleted estate; choose another")
            elif same_code.name != name:
                self.f.error(data.title, number, data.col("name"),
                             f"系统中编码 {code} 的小区名为「{same_code.name}」，与此处「{name}」不一致",
                             f"estate {code} is named {same_code.name!r} in the database, not {name!r}")
            else:
                t.add("estate", existing=True)
                self.f.note(data.title, number, data.col("code"),
                            f"小区 {code} {name} 已在系统中，沿用已有资料（导入不修改已有数据）",
                            f"estate {code} already exists; reused unchanged")
            return
        ok = True
        if same_name is not None:
            ok = False
            self.f.error(data.title, number, data.col("name"),
                         f"系统中已有小区「{name}」，其编码为 {same_name.code}，请使用该编码",
                         f"estate {name!r} exists with code {same_name.code}")
        region_id, choices = self.region_for(v.get("region", ""))
        if region_id is None:
            ok = False
            self.f.error(data.title, number, data.col("region"),
                         f"系统中有多个区域，请填写所属区域（{choices}）" if not v.get("region") else
                         f"系统中没有区域「{v['region']}」，可选：{choices}",
                         "several regions exist: fill in 所属区域" if not v.get("region") else
                         f"no region {v['region']!r}")
        row = self.add_row(Estate, region_id=region_id, code=code, name=name,
                           address=v.get("address", ""), land_area=v.get("land_area"),
                           building_area=v.get("building_area"), green_area=v.get("green_area"),
                           phone=v.get("phone", ""), note=v.get("note", ""))
        # Registered even when in error, so the rows that refer to it are still checked.
        ref = EstateRef(row["id"], code, name, number, buildings=CodeIndex())
        self.estates_by_code[code] = ref
        self.estates_by_name.setdefault(name, ref)
        if ok:
            t.add("estate")

    # --- 楼栋 -------------------------------------------------------------------------

    def resolve_estate(self, data: SheetData, number: int, text: str | None) -> EstateRef | None:
        if not text:
            return None
        ref = self.find_estate(text)
        if ref is None or ref.deleted:
            self.f.error(data.title, number, data.col("estate"),
                         f"小区「{text}」既不在本文件的「小区」表中，也不在系统中；请先在「小区」表中填写该小区",
                         f"estate {text!r} is neither in the 小区 sheet nor in the database")
            return None
        return ref

    def buildings(self, data: SheetData) -> None:
        t = self.tally(data)
        for number, raw in data.rows:
            t.rows += 1
            v = self.cells(data, number, raw)
            estate = self.resolve_estate(data, number, v.get("estate"))
            floors = v.get("floors")
            if floors is not None and not 1 <= floors <= MAX_FLOORS:
                self.f.error(data.title, number, data.col("floors"), f"层数应在1到{MAX_FLOORS}之间：{floors}",
                             f"floors must be 1..{MAX_FLOORS}: {floors}")
                floors = None
            code = v.get("code")
            if estate is None or not code:
                continue
            index = self.buildings_of(estate)
            known = index.get(code)
            if known is not None:
                self._known_building(data, number, v, known, floors, t)
                continue
            row = self.add_row(Building, estate_id=estate.id, code=code, name=v.get("name") or f"{code}栋",
                               building_type=v.get("building_type", "high_rise"),
                               structure=v.get("structure", "frame"), floors=floors or 1,
                               sort_key=building_sort_key(code))
            index.add(code, BuildingRef(row["id"], estate, code, floors, number, units=CodeIndex()))
            t.add("building")

    def _known_building(self, data: SheetData, number: int, v: dict, known: BuildingRef,
                        floors: int | None, t: SheetTally) -> None:
        where, label = data.col("code"), f"{known.estate.code} 楼栋 {known.code}"
        if known.row is not None:
            self.f.error(data.title, number, where, f"{label} 与第{known.row}行重复",
                         f"building {label} repeats row {known.row}")
        elif known.deleted:
            self.f.error(data.title, number, where, f"{label} 在系统中已删除，编码不能再用",
                         f"building {label} was deleted; its code cannot be reused")
        elif floors is not None and floors != known.floors:
            self.f.error(data.title, number, data.col("floors"),
                         f"{label} 已在系统中，为{known.floors}层；导入不修改已有楼栋，请改为{known.floors}或先在系统中修改",
                         f"building {label} exists with {known.floors} floors; import does not change it")
        else:
            t.add("building", existing=True)
            self.f.note(data.title, number, where, f"{label} 已在系统中，沿用已有资料",
                        f"building {label} already exists; reused unchanged")

    # --- 房间 -------------------------------------------------------------------------

    def resolve_building(self, data: SheetData, number: int, estate: EstateRef,
                         code: str | None) -> BuildingRef | None:
        if not code:
            return None
        ref = self.buildings_of(estate).get(code)
        if ref is None or ref.deleted:
            self.f.error(data.title, number, data.col("building"),
                         f"楼栋「{code}」（小区 {estate.code}）既不在本文件的「楼栋」表中，也不在系统中",
                         f"building {code} of {estate.code} is neither in the 楼栋 sheet nor in the database")
            return None
        return ref

    def rooms_sheet(self, data: SheetData) -> None:
        t = self.tally(data)
        for number, raw in data.rows:
            t.rows += 1
            v = self.cells(data, number, raw)
            self.service_problems(data, number, validate_room_values(v), _ROOM_LABELS)
            estate = self.resolve_estate(data, number, v.get("estate"))
            building = estate and self.resolve_building(data, number, estate, v.get("building"))
            if building is None:
                continue
            self._check_floor(data, number, building, v.get("floor"))
            unit_id, unit_code = self._unit(building, v.get("unit"), t)
            if "number" not in v:
                continue
            code = room_code(estate.code, building.code, unit_code, v["number"])
            if len(code) > 48:
                self.f.error(data.title, number, data.col("number"), f"房间编码 {code} 过长（最多48位）",
                             f"room code {code} is too long (48 at most)")
                continue
            if v.get("room_code") and v["room_code"] != code:
                self.f.error(data.title, number, data.col("room_code"),
                             f"房间编码 {v['room_code']} 与 小区-楼栋-单元-房号 组成的 {code} 不一致",
                             f"room code {v['room_code']} does not match {code}")
            first = self.rooms.get(code)
            if first is not None:
                self.f.error(data.title, number, data.col("number"), f"房间编码 {code} 与第{first.row}行重复",
                             f"room code {code} repeats row {first.row}")
                continue
            row = dict(id=uuid7(), estate_id=estate.id, building_id=building.id, unit_id=unit_id, code=code,
                       number=v["number"], floor=v.get("floor", 1),
                       building_area=v.get("building_area", Decimal("0")),
                       inner_area=v.get("inner_area", Decimal("0")), layout=v.get("layout", ""),
                       orientation=v.get("orientation", ""), usage=v.get("usage", "residential"),
                       status=v.get("status", "vacant"), ownership_type=v.get("ownership_type", "commodity"),
                       note=v.get("note", ""))
            self.new[Room].append(row)
            self.rooms[code] = RoomRef(row["id"], code, number, row, status_given="status" in v)
            t.add("room")
        self._rooms_in_database(data)

    def _check_floor(self, data: SheetData, number: int, building: BuildingRef, floor: int | None) -> None:
        if floor is None:
            return
        if floor == 0 or floor < MIN_FLOOR:
            self.f.error(data.title, number, data.col("floor"),
                         f"楼层 {floor} 无效：地上从1开始，地下用 -1 到 {MIN_FLOOR}",
                         f"invalid floor {floor}: 1 and up, basements -1..{MIN_FLOOR}")
        elif building.floors is not None and floor > building.floors:
            self.f.error(data.title, number, data.col("floor"),
                         f"楼层 {floor} 超过楼栋 {building.estate.code}-{building.code} 的层数 {building.floors}",
                         f"floor {floor} is above the building's {building.floors} floors")

    def _unit(self, building: BuildingRef, code: str | None, t: SheetTally) -> tuple[uuid.UUID | None, str | None]:
        if not code:
            return None, None
        units = self.units_of(building)
        hit = units.get(code)
        if hit is None:
            row = self.add_row(Unit, building_id=building.id, code=code, name=f"{code}单元",
                               sort_key=building_sort_key(code))
            hit = (row["id"], code)
            units.add(code, hit)
            t.add("unit")
        return hit

    def _rooms_in_database(self, data: SheetData) -> None:
        mine = [c for c, r in self.rooms.items() if r.row is not None]
        taken = self.in_batches(mine, lambda chunk: self.s.execute(
            select(Room.code, Room.deleted_at).where(Room.code.in_(chunk))))
        for code, deleted in taken:
            ref = self.rooms[code]
            self.f.error(data.title, ref.row, data.col("number"),
                         f"房间 {code} 在系统中已存在" + ("（已删除的房间也占用编码）" if deleted else "")
                         + "；导入只新增房间，请从文件中删除该行",
                         f"room {code} already exists in the database")
            self.tally(data).add("room", -1)

    # --- 业主 -------------------------------------------------------------------------

    def owners(self, data: SheetData) -> None:
        t = self.tally(data)
        parsed: list[tuple[int, dict, str | None]] = []
        for number, raw in data.rows:
            t.rows += 1
            v = self.cells(data, number, raw)
            parsed.append((number, v, self._owner_room_code(data, number, v)))
        self._rooms_from_database(code for _, _, code in parsed if code and code not in self.rooms)
        by_id = self._customers_by_id(v["id_number"] for _, v, _ in parsed if v.get("id_number"))
        file_customers: dict[tuple, tuple[int, dict]] = {}
        dated: list[int] = []
        for number, v, code in parsed:
            if code is None:
                continue
            room = self.rooms.get(code)
            room_col = data.col("room_code") if v.get("room_code") else data.col("number")
            if room is None:
                self.f.error(data.title, number, room_col,
                             f"房间 {code} 既不在本文件的「房间」表中，也不在系统中",
                             f"room {code} is neither in the 房间 sheet nor in the database")
                continue
            customer = self._customer(data, number, v, by_id, file_customers, t)
            if customer is None:
                continue
            if "start_date" not in v:
                dated.append(number)
            self._occupancy(data, number, v, room, room_col, customer, t)
        self.aggregate_note(data, dated, data.col("start_date") if data.has("start_date") else "入住日期",
                            f"未填入住日期的行，按导入当天 {self.today:%Y-%m-%d} 记录",
                            f"blank move-in dates recorded as {self.today:%Y-%m-%d}")
        self._derive_statuses()

    def _owner_room_code(self, data: SheetData, number: int, v: dict) -> str | None:
        if v.get("room_code"):
            return v["room_code"]
        missing = [k for k in ("estate", "building", "number") if k not in v]
        for k in missing:
            self.f.error(data.title, number, data.col(k), f"未填房间编码时「{data.col(k)}」必须填写",
                         f"{data.col(k)} is required unless 房间编码 is given")
        if missing:
            return None
        estate = self.resolve_estate(data, number, v["estate"])
        building = estate and self.resolve_building(data, number, estate, v["building"])
        if building is None:
            return None
        unit = v.get("unit")
        if unit:
            hit = self.units_of(building).get(unit)
            unit = hit[1] if hit else unit
        return room_code(estate.code, building.code, unit, v["number"])

    def _rooms_from_database(self, codes: Iterable[str]) -> None:
        found = self.in_batches(codes, lambda chunk: self.s.execute(
            select(Room.id, Room.code).where(Room.code.in_(chunk), Room.deleted_at.is_(None))))
        for id_, code in found:
            self.rooms[code] = RoomRef(id_, code, None)
        owners = self.in_batches([i for i, _ in found], lambda chunk: self.s.execute(
            select(Room.code, Occupancy.role, Customer.name)
            .join(Occupancy, Occupancy.room_id == Room.id)
            .join(Customer, Customer.id == Occupancy.customer_id)
            .where(Room.id.in_(chunk), Occupancy.end_date.is_(None), Occupancy.deleted_at.is_(None))))
        for code, role, name in owners:
            if role == "owner":
                self.rooms[code].owner = f"系统中的业主 {name}"

    def _customers_by_id(self, numbers: Iterable[str]) -> dict[tuple[str, str], tuple[uuid.UUID, str]]:
        rows = self.in_batches(numbers, lambda chunk: self.s.execute(
            select(Customer.id, Customer.id_type, Customer.id_number, Customer.name)
            .where(Customer.id_number.in_(chunk), Customer.deleted_at.is_(None))
            .order_by(Customer.created_at)))
        out: dict[tuple[str, str], tuple[uuid.UUID, str]] = {}
        for id_, id_type, number, name in rows:
            out.setdefault((id_type, number), (id_, name))
        return out

    def _customer(self, data: SheetData, number: int, v: dict, by_id: dict,
                  seen: dict[tuple, tuple[int, dict]], t: SheetTally) -> tuple | None:
        """The customer of an owner row: (key, id); None when the row is in error."""
        values = {k: v.get(k, "") for k in ("name", "gender", "id_number", "phone", "emergency_phone")}
        kind = v.get("kind", "person")
        values |= {"kind": kind, "id_type": v.get("id_type", "business_license" if kind == "company"
                                                   else "resident_id")}
        problems = customer_problems(values)
        if "name" not in v:   # a blank name is already reported as a required cell
            problems = [p for p in problems if p.where.strip() != "姓名"]
        self.service_problems(data, number, problems, _CUSTOMER_LABELS)
        self._gender_from_id(data, number, values)
        name = v.get("name")
        if not name:
            return None
        key: tuple
        if values["id_number"]:
            key = ("id", values["id_type"], values["id_number"])
        elif values["phone"]:
            key = ("name+phone", name, values["phone"])
        else:
            key = ("row", number)
        if key in seen:
            first_row, first = seen[key]
            if first["name"] != name:
                self.f.error(data.title, number, data.col("name"),
                             f"证件号码 {values['id_number']} 在第{first_row}行是「{first['name']}」，此处却是「{name}」",
                             f"ID {values['id_number']} belongs to {first['name']!r} on row {first_row}")
                return None
            return key, first["id"]
        if key[0] == "id" and (key[1], key[2]) in by_id:
            cid, db_name = by_id[(key[1], key[2])]
            if db_name != name:
                self.f.error(data.title, number, data.col("name"),
                             f"证件号码 {values['id_number']} 在系统中属于「{db_name}」，此处却是「{name}」",
                             f"ID {values['id_number']} belongs to {db_name!r} in the database")
                return None
            seen[key] = (number, {"id": cid, "name": name})
            t.add("customer", existing=True)
            self.f.note(data.title, number, data.col("name"),
                        f"客户 {name} 已在系统中（证件号码相同），沿用已有资料，不重复建档",
                        f"customer {name} exists (same ID number); reused")
            return key, cid
        row = self.add_row(Customer, kind=values["kind"], name=name, gender=values["gender"],
                           id_type=values["id_type"], id_number=values["id_number"], phone=values["phone"],
                           employer=v.get("employer", ""), hukou=v.get("hukou", ""),
                           emergency_contact=v.get("emergency_contact", ""),
                           emergency_phone=values["emergency_phone"], note=v.get("note", ""),
                           name_initials="", id_rev=values["id_number"][::-1])  # initials: at insert
        seen[key] = (number, row)
        t.add("customer")
        return key, row["id"]

    def _gender_from_id(self, data: SheetData, number: int, values: dict) -> None:
        """居民身份证: the 17th digit is odd for men.  Fill a blank gender, flag a contradiction."""
        idn = values["id_number"]
        if values["id_type"] != "resident_id" or len(idn) != 18 or not idn[16].isdigit():
            return
        by_id = "male" if int(idn[16]) % 2 else "female"
        if not values["gender"]:
            values["gender"] = by_id
        elif values["gender"] != by_id:
            self.f.note(data.title, number, data.col("gender"),
                        "性别与身份证号码第17位不符，请核对", "gender contradicts the ID number")

    def _occupancy(self, data: SheetData, number: int, v: dict, room: RoomRef, room_col: str,
                   customer: tuple, t: SheetTally) -> None:
        key, customer_id = customer
        role = v.get("role", "owner")
        start = v.get("start_date", self.today)
        if not FIRST_DATE <= start <= self.today + dt.timedelta(days=366):
            self.f.error(data.title, number, data.col("start_date"),
                         f"入住日期 {start:%Y-%m-%d} 不合理（应在 {FIRST_DATE:%Y} 年之后、一年之内）",
                         f"move-in date {start} is out of range")
            return
        if (key, role) in room.occupants:
            self.f.error(data.title, number, data.col("name"),
                         f"{v['name']} 已登记为房间 {room.code} 的{OCCUPANT_ROLES[role]}，此行重复",
                         f"{v['name']} is already {role} of {room.code}")
            return
        if role == "owner" and room.owner:
            self.f.error(data.title, number, room_col,
                         f"房间 {room.code} 已有业主（{room.owner}），一间房只能有一位当前业主；过户请在系统中办理",
                         f"room {room.code} already has a current owner ({room.owner})")
            return
        if role == "owner":
            room.owner = f"第{number}行 {v['name']}"
        elif role == "tenant":
            room.tenants += 1
        room.occupants.add((key, role))
        self.add_row(Occupancy, customer_id=customer_id, room_id=room.id, space_id=None, role=role,
                     start_date=start, end_date=None, end_reason="", note="Excel导入")
        t.add("occupancy")

    def _derive_statuses(self) -> None:
        """A blank 状态 follows the occupants, as 入住 does: owner → 入住, tenant only → 出租."""
        for room in self.rooms.values():
            if room.values is not None and not room.status_given:
                room.values["status"] = ("occupied" if room.owner else
                                         "rented" if room.tenants else "vacant")


# Where a service validator's finding belongs: its label -> our column key.
_ROOM_LABELS = {"建筑面积": "building_area", "套内面积": "inner_area", "用途": "usage", "状态": "status",
                "权属类型": "ownership_type"}
_CUSTOMER_LABELS = {"姓名": "name", "类别": "kind", "性别": "gender", "证件类型": "id_type",
                    "证件号码": "id_number", "手机": "phone", "紧急联系电话": "emergency_phone"}
