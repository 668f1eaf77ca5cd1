"""Tables of the synchronisation machinery (see :mod:`propdesk.sync` for the design).

Three groups live here, all created by migration 0005 on both databases (a
terminal simply never uses the central-only tables, and the centre never uses
the terminal-only ones):

* terminal-only, never synchronised: :class:`SyncState` (the hybrid logical
  clock, the pull cursor and the "applying pulled changes" flag the capture
  triggers read), :class:`SyncOutbox` (changes captured by the triggers),
  :class:`SyncRejected` (changes the centre refused, kept for review and
  retry), :class:`SyncSkipped` (pulled changes that could not be applied
  locally) and :class:`NumberSeries` (document-number counters);
* central-only: :class:`SyncTerminal` (registered terminals),
  :class:`SyncChange` (the change feed terminals pull, which also remembers
  every change id ever received), :class:`SyncVersion` (per-field versions of
  each master-data row) and :class:`SyncSeriesHigh` (the highest number the
  centre has seen per series);
* synchronised master data written by the centre: :class:`SyncConflict` (the
  conflict log a 主管 reviews) and :class:`SyncAlarm` (refused money documents
  and other incidents).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, DateTime, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from propdesk.clock import utcnow
from propdesk.models.base import Base, Synced

# --- terminal-only -------------------------------------------------------------


class SyncState(Base):
    """One row (id = 1): the terminal's clock, pull cursor and apply flag.

    The capture triggers read and advance ``hlc`` in the same transaction as
    the change, so the clock is persisted with the data and never runs
    backwards, even across restarts or a PC clock set back.  ``applying`` is 1
    only inside the transaction that applies a pulled page; the triggers do
    not capture while it is set (pulled changes must not travel back).
    """

    __tablename__ = "sync_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    hlc: Mapped[int] = mapped_column(BigInteger, default=0)
    pull_cursor: Mapped[int] = mapped_column(BigInteger, default=0)
    applying: Mapped[int] = mapped_column(Integer, default=0)


class SyncOutbox(Base):
    """A captured local change waiting to be pushed (written by triggers only).

    ``seq`` orders the changes (AUTOINCREMENT: never reused, even after rows
    are deleted); ``change_id`` is random, so it stays unique even when a
    terminal is restored from an old backup and its counters rewind.
    ``payload`` is the whole new row as JSON in SQLite storage form, ``cols``
    the changed columns of an update (empty for an insert), ``base`` the pull
    cursor when the change was made (what the writer had seen).
    """

    __tablename__ = "sync_outbox"
    __table_args__ = ({"sqlite_autoincrement": True},)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(String(32))
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    op: Mapped[str] = mapped_column(String(1))
    cols: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[str] = mapped_column(Text)
    hlc: Mapped[int] = mapped_column(BigInteger)
    base: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[str] = mapped_column(String(32))


class SyncRejected(Base):
    """A local change the centre refused (with its reason), kept for review and retry."""

    __tablename__ = "sync_rejected"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    change_id: Mapped[str] = mapped_column(String(32))
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(1))
    cols: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[str] = mapped_column(Text)
    hlc: Mapped[int] = mapped_column(BigInteger)
    base: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text, default="")
    rejected_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SyncSkipped(Base):
    """A pulled change that could not be applied here; retried on every sync."""

    __tablename__ = "sync_skipped"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(36))
    payload: Mapped[str] = mapped_column(Text)
    hlc: Mapped[int] = mapped_column(BigInteger)
    error: Mapped[str] = mapped_column(Text, default="")
    skipped_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class NumberSeries(Base):
    """A document-number series of this terminal (e.g. ``T01-2026`` for receipts).

    ``last_value`` is the last number issued here; ``floor`` the highest the
    centre has seen (raised on every sync), so a terminal restored from an old
    backup continues above every number it issued before the backup was lost.
    """

    __tablename__ = "number_series"
    series: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_value: Mapped[int] = mapped_column(BigInteger, default=0)
    floor: Mapped[int] = mapped_column(BigInteger, default=0)


# --- central-only ----------------------------------------------------------------


class SyncTerminal(Base):
    """A registered terminal (收费终端/前台电脑) and what it serves."""

    __tablename__ = "sync_terminal"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    install_id: Mapped[str] = mapped_column(String(32))
    estates: Mapped[str] = mapped_column(Text, default="")  # comma-separated estate codes; empty = all
    registered_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    app_version: Mapped[str] = mapped_column(String(32), default="")
    schema: Mapped[str] = mapped_column(String(128), default="")
    pushed: Mapped[int] = mapped_column(BigInteger, default=0)


class SyncChange(Base):
    """The change feed: one entry per accepted change, in commit order.

    ``seq`` is assigned under a transaction-scoped advisory lock held until
    commit, so entries become visible in ``seq`` order and a pull cursor can
    never step over an entry that commits later (see :mod:`propdesk.sync.central`).
    ``payload`` is the row's whole state after the change (wire form, JSON).
    """

    __tablename__ = "sync_change"
    __table_args__ = (Index("ix_sync_change_row", "table_name", "row_id"),)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    change_id: Mapped[str] = mapped_column(String(32), unique=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(32))
    estate_id: Mapped[str | None] = mapped_column(String(32), default=None)
    origin: Mapped[str] = mapped_column(String(16))
    hlc: Mapped[int] = mapped_column(BigInteger)
    payload: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SyncVersion(Base):
    """Per-field versions of one master-data row: ``{column: [hlc, terminal, seq]}`` as JSON."""

    __tablename__ = "sync_version"
    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    versions: Mapped[str] = mapped_column(Text)


class SyncSeriesHigh(Base):
    """The highest document number the centre has seen in each series."""

    __tablename__ = "sync_series_high"
    series: Mapped[str] = mapped_column(String(64), primary_key=True)
    terminal: Mapped[str] = mapped_column(String(16))
    last_value: Mapped[int] = mapped_column(BigInteger, default=0)


# --- synchronised, written by the centre ---------------------------------------


class SyncConflict(Synced, Base):
    """One concurrent value that lost (or was held back), for a 主管 to review.

    ``kind``: ``lww`` (the later writer won by clock, the other value was
    overwritten), ``review`` (a rule holds such changes back, e.g. owner
    changes: the first value stays until a 主管 decides) or ``duplicate`` (a
    new row clashed with a live row on a unique key and was stored as
    deleted; ``other_row_id`` is the row that stayed).
    ``status``: ``open`` → ``accepted`` (keep what is there) or ``reapplied``
    (the 主管 put the losing value back).  Values are JSON in wire form.
    """

    __tablename__ = "sync_conflict"
    __table_args__ = (
        Index("ix_sync_conflict_status", "status", "created_at"),
        Index("ix_sync_conflict_row", "table_name", "row_id"),
    )
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(32))
    column: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(16))
    kept_value: Mapped[str] = mapped_column(Text, default="")
    lost_value: Mapped[str] = mapped_column(Text, default="")
    kept_terminal: Mapped[str] = mapped_column(String(16), default="")
    lost_terminal: Mapped[str] = mapped_column(String(16), default="")
    kept_hlc: Mapped[int] = mapped_column(BigInteger, default=0)
    lost_hlc: Mapped[int] = mapped_column(BigInteger, default=0)
    other_row_id: Mapped[str] = mapped_column(String(32), default="")
    estate_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    status: Mapped[str] = mapped_column(String(16), default="open")
    resolved_by: Mapped[str] = mapped_column(String(64), default="")
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    note: Mapped[str] = mapped_column(String(256), default="")


class SyncAlarm(Synced, Base):
    """An incident the centre refused to merge: a money document edited or
    deleted, the same document id arriving with a different content, a change
    that violates the central schema.  Nothing is dropped silently."""

    __tablename__ = "sync_alarm"
    __table_args__ = (Index("ix_sync_alarm_ack", "acknowledged_at", "created_at"),
                      Index("ix_sync_alarm_change", "change_id"))   # a retried change is refused again
    kind: Mapped[str] = mapped_column(String(32))
    table_name: Mapped[str] = mapped_column(String(64), default="")
    row_id: Mapped[str] = mapped_column(String(32), default="")
    change_id: Mapped[str] = mapped_column(String(32), default="")
    from_terminal: Mapped[str] = mapped_column(String(16), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    message_en: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    estate_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    acknowledged_by: Mapped[str] = mapped_column(String(64), default="")
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
