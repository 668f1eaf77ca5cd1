"""The service desk (客服部/工程部): work orders, complaints, equipment, stock.

Times a person reads and types on these forms (报修时间, 预约时间, 完成时限,
回访时间 …) are the office's local wall-clock time, stored naive; the
``created_at``/``updated_at`` stamps of the mixins stay UTC as everywhere
else.  An office works in one time zone, and "due today at 18:00" must not
move when a central server in another zone reads it.

Stock on hand is never stored: it is the sum of the append-only
:class:`StockMovement` rows of an item (corrections are reversals).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from propdesk.models.base import AppendOnly, Base, Synced
from propdesk.models.types import Money, Scaled

QTY = 3  # stock quantities: three decimals (metres of cable, kilograms of putty)


class WorkOrder(Synced, Base):
    """A work order (工单): a repair request (报修), public-area work or preventive maintenance.

    ``number`` is unique across terminals because it carries the terminal code
    (BX-T01-20261123-0001).  A maintenance order generated from a plan carries
    ``plan_id`` and ``plan_due``; the unique index on the pair is what makes
    generation idempotent.
    """

    __tablename__ = "work_order"
    __table_args__ = (
        Index("uq_work_order_plan_due", "plan_id", "plan_due", unique=True),
        Index("ix_work_order_state_due", "state", "due_at"),
        Index("ix_work_order_assignee_state", "assignee_id", "state"),
        Index("ix_work_order_room_reported", "room_id", "reported_at"),
    )
    number: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="repair")
    source: Mapped[str] = mapped_column(String(16), default="front_desk")
    estate_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("estate.id"), default=None, index=True)
    room_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("room.id"), default=None)
    customer_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("customer.id"), default=None)
    location: Mapped[str] = mapped_column(String(128), default="")
    equipment_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("equipment.id"), default=None, index=True)
    plan_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("maintenance_plan.id"), default=None)
    plan_due: Mapped[dt.date | None] = mapped_column(Date, default=None)
    reporter: Mapped[str] = mapped_column(String(64), default="")
    contact: Mapped[str] = mapped_column(String(32), default="")
    category: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text, default="")
    urgency: Mapped[str] = mapped_column(String(16), default="normal")
    reported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    appointment_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    due_at: Mapped[dt.datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    held_from: Mapped[str] = mapped_column(String(16), default="")
    hold_reason: Mapped[str] = mapped_column(String(256), default="")
    cancel_reason: Mapped[str] = mapped_column(String(256), default="")
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("operator.id"), default=None)
    dispatched_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    result: Mapped[str] = mapped_column(Text, default="")
    labour_hours: Mapped[Decimal] = mapped_column(Scaled(2), default=Decimal("0"))
    labour_fee: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    chargeable: Mapped[bool] = mapped_column(Boolean, default=False)
    charge_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    charge_state: Mapped[str] = mapped_column(String(16), default="")
    charge_ref: Mapped[str] = mapped_column(String(64), default="")
    satisfaction: Mapped[str] = mapped_column(String(16), default="")
    visit_comment: Mapped[str] = mapped_column(Text, default="")
    visited_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    visitor: Mapped[str] = mapped_column(String(64), default="")
    taken_by: Mapped[str] = mapped_column(String(64), default="")


class WorkOrderEvent(AppendOnly, Base):
    """One step in a work order's life (受理, 派工, 挂起 …), shown as its history."""

    __tablename__ = "work_order_event"
    order_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("work_order.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    from_state: Mapped[str] = mapped_column(String(16), default="")
    to_state: Mapped[str] = mapped_column(String(16), default="")
    note: Mapped[str] = mapped_column(String(512), default="")
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    operator_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    operator_name: Mapped[str] = mapped_column(String(64), default="")


class Complaint(Synced, Base):
    """A complaint (投诉), with the fields of the 投诉处理受理单."""

    __tablename__ = "complaint"
    __table_args__ = (Index("ix_complaint_state_due", "state", "reply_due_at"),)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    estate_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("estate.id"), default=None, index=True)
    room_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("room.id"), default=None, index=True)
    complainant: Mapped[str] = mapped_column(String(64))
    identity: Mapped[str] = mapped_column(String(16), default="owner")
    phone: Mapped[str] = mapped_column(String(32), default="")
    content: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    received_by: Mapped[str] = mapped_column(String(64), default="")
    reply_due_at: Mapped[dt.datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(16), default="received")
    department: Mapped[str] = mapped_column(String(16), default="")
    routed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    handler: Mapped[str] = mapped_column(String(64), default="")
    handling: Mapped[str] = mapped_column(Text, default="")
    reply_method: Mapped[str] = mapped_column(String(16), default="")
    reply: Mapped[str] = mapped_column(Text, default="")
    replied_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    satisfaction: Mapped[str] = mapped_column(String(16), default="")
    completed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class Equipment(Synced, Base):
    """An entry of the equipment ledger (设备台账)."""

    __tablename__ = "equipment"
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    estate_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("estate.id"), default=None, index=True)
    location: Mapped[str] = mapped_column(String(128), default="")
    model: Mapped[str] = mapped_column(String(64), default="")
    manufacturer: Mapped[str] = mapped_column(String(64), default="")
    supplier: Mapped[str] = mapped_column(String(64), default="")
    supplier_phone: Mapped[str] = mapped_column(String(32), default="")
    serial_no: Mapped[str] = mapped_column(String(64), default="")
    install_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    warranty_until: Mapped[dt.date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(16), default="running")
    note: Mapped[str] = mapped_column(Text, default="")


class MaintenancePlan(Synced, Base):
    """A preventive-maintenance plan (保养计划) of one piece of equipment.

    Occurrences fall on ``start_date`` plus whole periods counted from it
    (not from the previous occurrence), so a monthly plan starting Jan 31
    falls due Feb 28, Mar 31, Apr 30 …  ``every`` multiplies the period: lifts are
    serviced every 2 weeks (半月保), many systems every 2 quarters (半年).
    """

    __tablename__ = "maintenance_plan"
    equipment_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("equipment.id"), index=True)
    title: Mapped[str] = mapped_column(String(64))
    frequency: Mapped[str] = mapped_column(String(8))
    every: Mapped[int] = mapped_column(Integer, default=1)   # 每 N 周/月/季/年 (电梯 每2周)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    content: Mapped[str] = mapped_column(Text, default="")
    post: Mapped[str] = mapped_column(String(32), default="")
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("operator.id"), default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class EquipmentRecord(Synced, Base):
    """Maintenance or repair done on equipment (保养记录/维修记录): its history."""

    __tablename__ = "equipment_record"
    __table_args__ = (Index("ix_equipment_record_equipment_done", "equipment_id", "done_on"),)
    equipment_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("equipment.id"))
    kind: Mapped[str] = mapped_column(String(16))
    done_on: Mapped[dt.date] = mapped_column(Date)
    content: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    performed_by: Mapped[str] = mapped_column(String(64), default="")
    cost: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    work_order_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("work_order.id"), default=None, index=True)
    plan_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("maintenance_plan.id"), default=None, index=True)


class StockItem(Synced, Base):
    """A material kept in the engineering store (物料)."""

    __tablename__ = "stock_item"
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64), index=True)
    spec: Mapped[str] = mapped_column(String(64), default="")
    unit: Mapped[str] = mapped_column(String(8), default="个")
    category: Mapped[str] = mapped_column(String(32), default="")
    min_qty: Mapped[Decimal] = mapped_column(Scaled(QTY), default=Decimal("0"))
    price: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")


class Stocktake(AppendOnly, Base):
    """A stocktaking (盘点单): the counted quantities against the book."""

    __tablename__ = "stocktake"
    number: Mapped[str] = mapped_column(String(32), unique=True)
    taken_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(256), default="")
    operator_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    operator_name: Mapped[str] = mapped_column(String(64), default="")


class StocktakeLine(AppendOnly, Base):
    __tablename__ = "stocktake_line"
    stocktake_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("stocktake.id"), index=True)
    item_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("stock_item.id"), index=True)
    book_qty: Mapped[Decimal] = mapped_column(Scaled(QTY))
    counted_qty: Mapped[Decimal] = mapped_column(Scaled(QTY))


class StockMovement(AppendOnly, Base):
    """One line of a stock document: 入库 (+), 领料/出库 (−), 返库 (+), 盘点调整 (±),
    冲销 (the negation of an earlier line).  Lines of one document share ``doc_no``.

    ``unit_price`` is the purchase price on 入库 and the charge price on 领料
    (copied from the item at the time, so later price changes do not alter
    what a finished repair cost).  ``override`` marks a line that took stock
    below zero with the STOCK_OVERRIDE permission.
    """

    __tablename__ = "stock_movement"
    __table_args__ = (Index("ix_stock_movement_item_created", "item_id", "created_at"),)
    doc_no: Mapped[str] = mapped_column(String(32), index=True)
    item_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("stock_item.id"))
    kind: Mapped[str] = mapped_column(String(16))
    qty: Mapped[Decimal] = mapped_column(Scaled(QTY))
    unit_price: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    moved_on: Mapped[dt.date] = mapped_column(Date)
    work_order_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("work_order.id"), default=None, index=True)
    stocktake_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("stocktake.id"), default=None)
    reverses_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("stock_movement.id"), default=None, unique=True)
    party: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(String(256), default="")
    override: Mapped[bool] = mapped_column(Boolean, default=False)
    operator_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    operator_name: Mapped[str] = mapped_column(String(64), default="")
