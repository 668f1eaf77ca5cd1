"""Export rooms and customers to .xlsx in the import layout (导出房间 / 导出客户).

The rooms export is an import workbook: sheet 房间 first (房间编码, then the
import's 房间 columns, then 业主姓名 and 业主手机 for reference), then 小区,
楼栋 and 业主 (the current occupants of those rooms).  Imported into an empty
database it recreates the same estates, buildings, rooms and occupants.

The customers export is one 业主-layout row per customer and current room
(房间编码 first), so it can be filtered in Excel or re-imported elsewhere;
customers with no current room get one row without room columns.

Both record an audit entry: exports carry personal data (ID numbers, phones).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from openpyxl import Workbook
from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from propdesk.errors import NotFound
from propdesk.excel.columns import AREA, BUILDINGS, ESTATES, OWNERS, ROOMS, Sheet
from propdesk.excel.table_export import stream_rows
from propdesk.models import Building, Customer, Estate, Occupancy, Region, Room, Unit
from propdesk.models.enums import (
    BUILDING_TYPES, CUSTOMER_KINDS, GENDERS, ID_TYPES, OCCUPANT_ROLES, OWNERSHIP_TYPES, ROOM_STATUSES,
    ROOM_USAGES, STRUCTURES,
)
from propdesk.security import MASTER_VIEW, Actor, require
from propdesk.services import audit

_ROLE_ORDER = {"owner": 0, "tenant": 1, "resident": 2}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: dict[str, int]        # sheet -> data rows written

    def text(self) -> str:
        return f"已导出到 {self.path}：" + "，".join(f"{k} {n}行" for k, n in self.rows.items())


def _label(mapping: dict[str, str], code: str | None) -> str:
    return mapping.get(code or "", code or "")


def _estate_ids(session: Session, estate_code: str | None) -> list | None:
    if not estate_code:
        return None
    code = estate_code.strip().upper()
    found = session.scalar(select(Estate.id).where(Estate.code == code, Estate.deleted_at.is_(None)))
    if found is None:
        raise NotFound(f"找不到小区 {estate_code}，请检查小区编码", f"no estate with code {estate_code}")
    return [found]


def _sheet(wb: Workbook, spec: Sheet, rows: Iterable[list], *, with_reference: bool = False) -> int:
    columns = [c for c in spec.columns if c.imported or with_reference]
    ws = wb.create_sheet(spec.name)
    formats = ["0.00" if c.kind == AREA else None for c in columns]
    return stream_rows(ws, [c.name for c in columns], rows, formats=formats,
                       min_widths=[c.width for c in columns])


def export_rooms(session: Session, actor: Actor, path: str | Path, *,
                 estate_code: str | None = None) -> ExportResult:
    """Write the rooms (of one estate, or all) with their estates, buildings and occupants."""
    require(actor, MASTER_VIEW)
    estates = _estate_ids(session, estate_code)
    wb = Workbook(write_only=True)
    counts = {ROOMS.name: _sheet(wb, ROOMS, _room_rows(session, estates), with_reference=True),
              ESTATES.name: _sheet(wb, ESTATES, _estate_rows(session, estates)),
              BUILDINGS.name: _sheet(wb, BUILDINGS, _building_rows(session, estates)),
              OWNERS.name: _sheet(wb, OWNERS, _occupant_rows(session, estates))}
    path = _save(wb, path)
    audit.record(session, actor, "export", "room", "", after={"file": path.name, "estate": estate_code or "",
                                                               "rows": counts},
                 summary=f"导出房间 {counts[ROOMS.name]} 间到 {path.name}")
    return ExportResult(path, counts)


def export_customers(session: Session, actor: Actor, path: str | Path, *,
                     estate_code: str | None = None) -> ExportResult:
    """Write the customers with their current rooms (of one estate, or all)."""
    require(actor, MASTER_VIEW)
    estates = _estate_ids(session, estate_code)
    wb = Workbook(write_only=True)
    n = _sheet(wb, OWNERS, _customer_rows(session, estates))
    path = _save(wb, path)
    audit.record(session, actor, "export", "customer", "", after={"file": path.name, "estate": estate_code or "",
                                                                   "rows": n},
                 summary=f"导出客户 {n} 行到 {path.name}")
    return ExportResult(path, {OWNERS.name: n})


def _save(wb: Workbook, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _where_estate(stmt, column, estates):
    return stmt if estates is None else stmt.where(column.in_(estates))


def _estate_rows(session: Session, estates) -> Iterator[list]:
    stmt = (select(Estate.code, Estate.name, Region.name, Estate.address, Estate.land_area,
                   Estate.building_area, Estate.green_area, Estate.phone, Estate.note)
            .join(Region, Region.id == Estate.region_id)
            .where(Estate.deleted_at.is_(None)).order_by(Estate.code))
    for row in session.execute(_where_estate(stmt, Estate.id, estates)):
        yield list(row)


def _building_rows(session: Session, estates) -> Iterator[list]:
    stmt = (select(Estate.code, Building.code, Building.name, Building.building_type, Building.structure,
                   Building.floors)
            .join(Estate, Estate.id == Building.estate_id)
            .where(Building.deleted_at.is_(None), Estate.deleted_at.is_(None))
            .order_by(Estate.code, Building.sort_key, Building.code))
    for ecode, code, name, btype, structure, floors in session.execute(
            _where_estate(stmt, Building.estate_id, estates)):
        yield [ecode, code, name, _label(BUILDING_TYPES, btype), _label(STRUCTURES, structure), floors]


def _room_rows(session: Session, estates) -> Iterator[list]:
    owner = aliased(Occupancy)
    stmt = (select(Room.code, Estate.code, Building.code, Unit.code, Room.floor, Room.number,
                   Room.building_area, Room.inner_area, Room.layout, Room.orientation, Room.usage,
                   Room.status, Room.ownership_type, Room.note, Customer.name, Customer.phone)
            .join(Estate, Estate.id == Room.estate_id)
            .join(Building, Building.id == Room.building_id)
            .outerjoin(Unit, Unit.id == Room.unit_id)
            .outerjoin(owner, and_(owner.room_id == Room.id, owner.role == "owner",
                                   owner.end_date.is_(None), owner.deleted_at.is_(None)))
            .outerjoin(Customer, Customer.id == owner.customer_id)
            .where(Room.deleted_at.is_(None))
            .order_by(Estate.code, Building.sort_key, Building.code, Unit.sort_key, Unit.code,
                      Room.floor, Room.number))
    for (code, ecode, bcode, ucode, floor, number, ba, ia, layout, orient, usage, status, own, note,
         oname, ophone) in session.execute(_where_estate(stmt, Room.estate_id, estates)):
        yield [code, ecode, bcode, ucode or "", floor, number, ba, ia, layout, orient,
               _label(ROOM_USAGES, usage), _label(ROOM_STATUSES, status), _label(OWNERSHIP_TYPES, own),
               note, oname or "", ophone or ""]


def _customer_cells(c: Customer) -> list:
    return [c.name, _label(CUSTOMER_KINDS, c.kind), _label(GENDERS, c.gender), _label(ID_TYPES, c.id_type),
            c.id_number]


def _occupant_select():
    return (select(Room.code, Estate.code, Building.code, Unit.code, Room.number, Customer, Occupancy.role,
                   Occupancy.start_date)
            .select_from(Occupancy)
            .join(Room, Room.id == Occupancy.room_id)
            .join(Estate, Estate.id == Room.estate_id)
            .join(Building, Building.id == Room.building_id)
            .outerjoin(Unit, Unit.id == Room.unit_id)
            .join(Customer, Customer.id == Occupancy.customer_id)
            .where(Occupancy.end_date.is_(None), Occupancy.deleted_at.is_(None), Room.deleted_at.is_(None),
                   Customer.deleted_at.is_(None)))


def _occupant_row(code, ecode, bcode, ucode, number, c: Customer, role, start) -> list:
    return [code, ecode, bcode, ucode or "", number, *_customer_cells(c), c.phone,
            _label(OCCUPANT_ROLES, role), start, c.employer, c.hukou, c.emergency_contact, c.emergency_phone,
            c.note]


def _occupant_rows(session: Session, estates) -> Iterator[list]:
    stmt = _where_estate(_occupant_select(), Room.estate_id, estates)
    rows = session.execute(stmt.order_by(Room.code, Occupancy.start_date)).all()
    rows.sort(key=lambda r: (r[0], _ROLE_ORDER.get(r[6], 9), r[7]))
    for r in rows:
        yield _occupant_row(*r)


def _customer_rows(session: Session, estates) -> Iterator[list]:
    stmt = _where_estate(_occupant_select(), Room.estate_id, estates)
    held = session.execute(stmt).all()
    held.sort(key=lambda r: (r[5].name_initials, r[5].name, str(r[5].id), r[0]))
    if estates is not None:
        for r in held:
            yield _occupant_row(*r)
        return
    # Everyone, including customers who hold no room now (moved out, parking only).
    with_room = {r[5].id for r in held}
    loose = [c for c in session.scalars(select(Customer).where(Customer.deleted_at.is_(None)))
             if c.id not in with_room]
    rows = [(r[5].name_initials, r[5].name, str(r[5].id), r[0], _occupant_row(*r)) for r in held]
    rows += [(c.name_initials, c.name, str(c.id), "",
              ["", "", "", "", "", *_customer_cells(c), c.phone, "", None, c.employer, c.hukou,
               c.emergency_contact, c.emergency_phone, c.note]) for c in loose]
    rows.sort(key=lambda t: t[:4])
    for *_, row in rows:
        yield row
