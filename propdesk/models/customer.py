"""Customers (业主/租户/住户), their households, vehicles, pets and occupancy history."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from propdesk.models.base import Base, Synced


class Customer(Synced, Base):
    __tablename__ = "customer"
    kind: Mapped[str] = mapped_column(String(16), default="person")
    name: Mapped[str] = mapped_column(String(128), index=True)
    gender: Mapped[str] = mapped_column(String(8), default="")
    id_type: Mapped[str] = mapped_column(String(24), default="resident_id")
    id_number: Mapped[str] = mapped_column(String(32), default="")
    phone: Mapped[str] = mapped_column(String(32), default="", index=True)
    employer: Mapped[str] = mapped_column(String(128), default="")
    hukou: Mapped[str] = mapped_column(String(128), default="")
    emergency_contact: Mapped[str] = mapped_column(String(64), default="")
    emergency_phone: Mapped[str] = mapped_column(String(32), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # Search helpers, maintained by the customer service on every write.
    name_initials: Mapped[str] = mapped_column(String(64), default="", index=True)
    id_rev: Mapped[str] = mapped_column(String(32), default="", index=True)


class FamilyMember(Synced, Base):
    __tablename__ = "family_member"
    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customer.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    relation: Mapped[str] = mapped_column(String(16), default="")
    gender: Mapped[str] = mapped_column(String(8), default="")
    id_number: Mapped[str] = mapped_column(String(32), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    birth_date: Mapped[dt.date | None] = mapped_column(Date, default=None)


class Vehicle(Synced, Base):
    __tablename__ = "vehicle"
    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customer.id"), index=True)
    plate: Mapped[str] = mapped_column(String(16), index=True)
    brand: Mapped[str] = mapped_column(String(32), default="")
    color: Mapped[str] = mapped_column(String(16), default="")
    model: Mapped[str] = mapped_column(String(32), default="")
    space_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("parking_space.id"), default=None, index=True
    )


class Pet(Synced, Base):
    __tablename__ = "pet"
    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customer.id"), index=True)
    name: Mapped[str] = mapped_column(String(32))
    species: Mapped[str] = mapped_column(String(16), default="犬")
    breed: Mapped[str] = mapped_column(String(32), default="")
    license_no: Mapped[str] = mapped_column(String(32), default="")
    vaccinated_on: Mapped[dt.date | None] = mapped_column(Date, default=None)


class Occupancy(Synced, Base):
    """Who holds or lives in a room or parking space, and since when.

    入住 opens a row, 迁出 closes it (``end_reason='move_out'``), 过户 closes
    the owner's row (``'transfer'``) and opens one for the new owner.  A room
    has at most one current owner: a partial unique index enforces it.
    """

    __tablename__ = "occupancy"
    __table_args__ = (
        CheckConstraint(
            "(room_id IS NULL) <> (space_id IS NULL)", name="room_xor_space"
        ),
        Index(
            "uq_occupancy_current_owner",
            "room_id",
            unique=True,
            sqlite_where=text("role = 'owner' AND end_date IS NULL AND deleted_at IS NULL AND room_id IS NOT NULL"),
            postgresql_where=text("role = 'owner' AND end_date IS NULL AND deleted_at IS NULL AND room_id IS NOT NULL"),
        ),
        Index("ix_occupancy_room", "room_id", "end_date"),
        Index("ix_occupancy_space", "space_id", "end_date"),
        Index("ix_occupancy_customer", "customer_id", "end_date"),
    )
    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customer.id"))
    room_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("room.id"), default=None)
    space_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("parking_space.id"), default=None
    )
    role: Mapped[str] = mapped_column(String(16))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    end_reason: Mapped[str] = mapped_column(String(16), default="")
    note: Mapped[str] = mapped_column(String(256), default="")
