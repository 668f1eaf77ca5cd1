"""Declarative base and the columns every synchronised table carries."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, MetaData, String, Uuid, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from propdesk.clock import utcnow
from propdesk.ids import uuid7

# Deterministic constraint names, so alembic migrations can refer to them on
# SQLite (batch mode) and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Synced:
    """Mixin for tables that synchronise between terminals and the centre.

    * ``id``: client-generated UUIDv7 (see :mod:`propdesk.ids`).
    * ``created_at``/``updated_at``: UTC stamps, set on flush.
    * ``terminal``: code of the terminal that last wrote the row.
    * ``deleted_at``: tombstone; rows are never physically deleted, so a
      deletion can travel to other terminals like any other change.
    """

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    terminal: Mapped[str] = mapped_column(String(16), default="")
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class AppendOnly:
    """Mixin for money and audit documents: inserted once, never updated.

    Corrections are new documents (reversals), so there is no ``updated_at``
    and no tombstone.  :func:`_refuse_changes` enforces this in the ORM.
    """

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    terminal: Mapped[str] = mapped_column(String(16), default="")


class AppendOnlyViolation(RuntimeError):
    pass


@event.listens_for(Session, "before_flush")
def _stamp_and_guard(session: Session, flush_context, instances) -> None:
    terminal = session.info.get("terminal", "")
    now = utcnow()
    for obj in session.new:
        if isinstance(obj, (Synced, AppendOnly)) and not obj.terminal:
            obj.terminal = terminal
        if isinstance(obj, Synced):
            obj.created_at = obj.created_at or now
            obj.updated_at = now
    for obj in session.dirty:
        if isinstance(obj, AppendOnly) and session.is_modified(obj):
            raise AppendOnlyViolation(
                f"{type(obj).__name__} 是只增单据，不能修改 (append-only document cannot be edited)"
            )
        if isinstance(obj, Synced) and session.is_modified(obj):
            obj.updated_at = now
            obj.terminal = terminal or obj.terminal
    for obj in session.deleted:
        if isinstance(obj, (Synced, AppendOnly)):
            raise AppendOnlyViolation(
                f"{type(obj).__name__} 不能物理删除，请使用作废/墓碑 (rows are tombstoned, never deleted)"
            )
