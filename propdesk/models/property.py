"""The property tree: company → region → estate → building → unit → room, plus parking."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from propdesk.models.base import Base, Synced
from propdesk.models.types import Scaled


class Company(Synced, Base):
    __tablename__ = "company"
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    address: Mapped[str] = mapped_column(String(256), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    tax_id: Mapped[str] = mapped_column(String(32), default="")


class Region(Synced, Base):
    __tablename__ = "region"
    company_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("company.id"), index=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(128))


class Estate(Synced, Base):
    """小区/管理处."""

    __tablename__ = "estate"
    region_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("region.id"), index=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    address: Mapped[str] = mapped_column(String(256), default="")
    land_area: Mapped[Decimal | None] = mapped_column(Scaled(2), default=None)
    building_area: Mapped[Decimal | None] = mapped_column(Scaled(2), default=None)
    green_area: Mapped[Decimal | None] = mapped_column(Scaled(2), default=None)
    phone: Mapped[str] = mapped_column(String(32), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Building(Synced, Base):
    __tablename__ = "building"
    __table_args__ = (Index("uq_building_estate_code", "estate_id", "code", unique=True),)
    estate_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("estate.id"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(64))
    building_type: Mapped[str] = mapped_column(String(16), default="high_rise")
    structure: Mapped[str] = mapped_column(String(16), default="frame")
    floors: Mapped[int] = mapped_column(Integer, default=1)
    sort_key: Mapped[int] = mapped_column(Integer, default=0)


class Unit(Synced, Base):
    __tablename__ = "unit"
    __table_args__ = (Index("uq_unit_building_code", "building_id", "code", unique=True),)
    building_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("building.id"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(64))
    sort_key: Mapped[int] = mapped_column(Integer, default=0)


class Room(Synced, Base):
    """A room (房间): the unit of billing.  ``code`` is the human key, e.g. JD-01-1-0502."""

    __tablename__ = "room"
    __table_args__ = (
        Index("ix_room_unit_floor", "unit_id", "floor", "number"),
        Index("ix_room_building_floor", "building_id", "floor", "number"),
    )
    estate_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("estate.id"), index=True)
    building_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("building.id"))
    unit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("unit.id"), default=None)
    code: Mapped[str] = mapped_column(String(48), unique=True)
    number: Mapped[str] = mapped_column(String(16))
    floor: Mapped[int] = mapped_column(Integer, default=1)
    building_area: Mapped[Decimal] = mapped_column(Scaled(2), default=Decimal("0"))
    inner_area: Mapped[Decimal] = mapped_column(Scaled(2), default=Decimal("0"))
    layout: Mapped[str] = mapped_column(String(32), default="")
    orientation: Mapped[str] = mapped_column(String(16), default="")
    usage: Mapped[str] = mapped_column(String(16), default="residential")
    status: Mapped[str] = mapped_column(String(16), default="vacant")
    ownership_type: Mapped[str] = mapped_column(String(16), default="commodity")
    note: Mapped[str] = mapped_column(Text, default="")


class ParkingLot(Synced, Base):
    __tablename__ = "parking_lot"
    __table_args__ = (Index("uq_parking_lot_estate_code", "estate_id", "code", unique=True),)
    estate_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("estate.id"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16), default="underground")


class ParkingSpace(Synced, Base):
    """A parking space; ``code`` is the human key, e.g. JD-P1-001."""

    __tablename__ = "parking_space"
    __table_args__ = (Index("ix_parking_space_lot_number", "lot_id", "number"),)
    lot_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("parking_lot.id"))
    estate_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("estate.id"), index=True)
    code: Mapped[str] = mapped_column(String(48), unique=True)
    number: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16), default="owned")
    area: Mapped[Decimal] = mapped_column(Scaled(2), default=Decimal("0"))
    status: Mapped[str] = mapped_column(String(16), default="vacant")
