"""Billing: fee items, standards and their dated versions, assignments, discounts,
meters and readings (master data, ``Synced``); and the money documents —
bill runs, bill lines, allocations, ledger entries, deposits, closes —
which are ``AppendOnly``: never edited, corrected by new documents.

There is no balance column anywhere: every balance is a sum of ledger entries
(see :mod:`propdesk.services.billing.ledger`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from propdesk.models.base import AppendOnly, Base, Synced
from propdesk.models.types import Money, Scaled

# --- coded values (code → Chinese label) ----------------------------------------
FEE_KINDS = {"periodic": "周期性", "metered": "抄表类", "temporary": "临时·一次性",
             "deposit": "押金", "collection": "代收"}
TARGET_KINDS = {"room": "房间", "space": "车位", "vehicle": "车辆"}
BILL_TO = {"owner": "业主", "tenant": "租户（无租户时业主）"}
SHARE_BASES = {"building_area": "按建筑面积", "inner_area": "按套内面积", "household": "按户"}
METER_KINDS = {"water": "水表", "electric": "电表", "gas": "燃气表", "heat": "热量表"}
METER_UNITS = {"water": "m³", "electric": "kWh", "gas": "m³", "heat": "GJ"}
READING_KINDS = {"read": "抄表", "final": "换表旧表止码", "initial": "换表新表起码"}
READING_SOURCES = {"manual": "手工", "import": "导入", "device": "设备"}
SCOPE_KINDS = {"company": "全公司", "estate": "小区", "building": "楼栋", "unit": "单元",
               "room": "房间", "lot": "停车场", "space": "车位"}
DISCOUNT_KINDS = {"percent": "按比例优惠", "fixed": "固定金额减免", "vacant": "空置房优惠",
                  "prepay_free": "预缴N月送M月"}
LINE_KINDS = {"charge": "应收", "adjustment": "调整", "opening": "期初欠费", "late_fee": "滞纳金",
              "temporary": "临时收费"}
ACCOUNTS = {"receivable": "应收", "prepaid": "预存", "deposit": "押金"}


class FeeItem(Synced, Base):
    """收费项目: what is charged (物业管理费, 水费 …)."""

    __tablename__ = "fee_item"
    code: Mapped[str] = mapped_column(String(24), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    sort_key: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(default=True)
    note: Mapped[str] = mapped_column(Text, default="")


class FeeStandard(Synced, Base):
    """收费标准: how a fee item is computed.  Prices live in dated versions."""

    __tablename__ = "fee_standard"
    code: Mapped[str] = mapped_column(String(24), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    fee_item_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("fee_item.id"), index=True)
    method: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(8), default="room")
    bill_to: Mapped[str] = mapped_column(String(8), default="owner")
    cycle_months: Mapped[int] = mapped_column(Integer, default=1)
    anchor_month: Mapped[int] = mapped_column(Integer, default=1)
    due_day: Mapped[int] = mapped_column(Integer, default=31)
    due_offset_months: Mapped[int] = mapped_column(Integer, default=0)
    prorate: Mapped[bool] = mapped_column(default=True)
    meter_kind: Mapped[str] = mapped_column(String(8), default="")
    share_basis: Mapped[str] = mapped_column(String(16), default="")
    active: Mapped[bool] = mapped_column(default=True)
    note: Mapped[str] = mapped_column(Text, default="")


class FeeStandardVersion(Synced, Base):
    """A dated price of a standard.  A new price is a new version, never an edit;
    ``effective_from`` is the first day of a month and the version applies to
    every period from that month until the next version."""

    __tablename__ = "fee_standard_version"
    __table_args__ = (Index("uq_fee_standard_version_from", "standard_id", "effective_from",
                            unique=True),)
    standard_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("fee_standard.id"))
    effective_from: Mapped[dt.date] = mapped_column(Date)
    unit_price: Mapped[Decimal | None] = mapped_column(Scaled(4), default=None)
    amount: Mapped[Decimal | None] = mapped_column(Money, default=None)
    tiers: Mapped[str] = mapped_column(Text, default="")
    formula: Mapped[str] = mapped_column(Text, default="")
    allow_negative: Mapped[bool] = mapped_column(default=False)
    late_daily_rate: Mapped[Decimal | None] = mapped_column(Scaled(6), default=None)
    late_grace_days: Mapped[int] = mapped_column(Integer, default=0)
    late_cap_ratio: Mapped[Decimal | None] = mapped_column(Scaled(4), default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class FeeAssignment(Synced, Base):
    """A rule 'standard S applies to everything in scope X (of usage U)'.

    Evaluated at bill time, so rooms added later inherit it.  For one fee item
    the most specific matching rule wins (room > unit > building > estate >
    company); an ``exclude`` rule removes the fee item at its level."""

    __tablename__ = "fee_assignment"
    standard_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("fee_standard.id"), index=True)
    scope_kind: Mapped[str] = mapped_column(String(16))
    scope_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    usage: Mapped[str] = mapped_column(String(16), default="")
    start_period: Mapped[str] = mapped_column(String(7))
    end_period: Mapped[str | None] = mapped_column(String(7), default=None)
    exclude: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(String(256), default="")


class DiscountRule(Synced, Base):
    """优惠/减免 rules applied while billing (or, for prepay_free, at top-up)."""

    __tablename__ = "discount_rule"
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    fee_item_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("fee_item.id"), default=None)
    value: Mapped[Decimal] = mapped_column(Scaled(4), default=Decimal("0"))
    months_paid: Mapped[int] = mapped_column(Integer, default=0)
    months_free: Mapped[int] = mapped_column(Integer, default=0)
    scope_kind: Mapped[str] = mapped_column(String(16), default="company")
    scope_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    start_period: Mapped[str] = mapped_column(String(7))
    end_period: Mapped[str | None] = mapped_column(String(7), default=None)
    reason: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(default=True)


class Meter(Synced, Base):
    """仪表: a metering point of a room, or a public meter of a building/estate."""

    __tablename__ = "meter"
    code: Mapped[str] = mapped_column(String(48), unique=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(8))
    estate_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("estate.id"), index=True)
    building_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("building.id"), default=None,
                                                          index=True)
    room_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("room.id"), default=None,
                                                      index=True)
    is_public: Mapped[bool] = mapped_column(default=False)
    share_standard_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("fee_standard.id"), default=None)
    multiplier: Mapped[Decimal] = mapped_column(Scaled(2), default=Decimal("1"))
    max_reading: Mapped[Decimal | None] = mapped_column(Scaled(3), default=None)
    places: Mapped[int] = mapped_column(Integer, default=1)
    serial_no: Mapped[str] = mapped_column(String(32), default="")
    installed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    active: Mapped[bool] = mapped_column(default=True)
    note: Mapped[str] = mapped_column(Text, default="")


class MeterReading(Synced, Base):
    """抄表读数.  One ordinary reading per meter and period; corrections before
    billing edit it (audited), after billing they produce adjustment lines."""

    __tablename__ = "meter_reading"
    __table_args__ = (
        Index("ix_meter_reading_meter_on", "meter_id", "read_on"),
        Index("uq_meter_reading_period", "meter_id", "period", unique=True,
              sqlite_where=text("kind = 'read' AND deleted_at IS NULL"),
              postgresql_where=text("kind = 'read' AND deleted_at IS NULL")),
    )
    meter_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("meter.id"))
    period: Mapped[str] = mapped_column(String(7))
    read_on: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[Decimal] = mapped_column(Scaled(3))
    kind: Mapped[str] = mapped_column(String(8), default="read")
    rollover: Mapped[bool] = mapped_column(default=False)
    multiplier: Mapped[Decimal] = mapped_column(Scaled(2), default=Decimal("1"))
    # the register's maximum when this reading was taken (a 换表 may bring another);
    # None on readings from before migration 0009: the meter's own maximum applies
    max_reading: Mapped[Decimal | None] = mapped_column(Scaled(3), default=None)
    source: Mapped[str] = mapped_column(String(8), default="manual")
    checks: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(String(256), default="")


# --- money documents ---------------------------------------------------------------

class BillRun(AppendOnly, Base):
    """应收计算: one committed bill run (preview runs are not stored)."""

    __tablename__ = "bill_run"
    bill_period: Mapped[str] = mapped_column(String(7), index=True)
    post_period: Mapped[str] = mapped_column(String(7))
    scope_kind: Mapped[str] = mapped_column(String(16))
    scope_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    scope_label: Mapped[str] = mapped_column(String(128), default="")
    line_count: Mapped[int] = mapped_column(Integer, default=0)
    adjustment_count: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    operator_name: Mapped[str] = mapped_column(String(64), default="")
    summary: Mapped[str] = mapped_column(Text, default="")


class BillLine(AppendOnly, Base):
    """One receivable line with its inputs and human formula.

    Lines of the same ``slot`` form one bill item (应收项): the original
    (``seq`` 0) and its adjustments (1, 2 …).  The slot of a periodic charge is
    derived from (period, standard, target, payer), which makes bill runs
    idempotent."""

    __tablename__ = "bill_line"
    __table_args__ = (
        Index("uq_bill_line_slot_seq", "slot", "seq", unique=True),
        Index("ix_bill_line_target", "target_id", "bill_period"),
        Index("ix_bill_line_customer", "customer_id"),
    )
    run_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("bill_run.id"), default=None)
    slot: Mapped[uuid.UUID] = mapped_column(Uuid)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(12))
    bill_period: Mapped[str] = mapped_column(String(7))
    post_period: Mapped[str] = mapped_column(String(7))
    estate_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("estate.id"))
    building_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    target_kind: Mapped[str] = mapped_column(String(8))
    target_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    target_code: Mapped[str] = mapped_column(String(48), default="")
    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customer.id"))
    fee_item_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("fee_item.id"))
    standard_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    version_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    service_from: Mapped[dt.date] = mapped_column(Date)
    service_to: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date)
    quantity: Mapped[Decimal | None] = mapped_column(Scaled(4), default=None)
    unit_price: Mapped[Decimal | None] = mapped_column(Scaled(4), default=None)
    gross: Mapped[Decimal] = mapped_column(Money)
    discount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    amount: Mapped[Decimal] = mapped_column(Money)
    formula: Mapped[str] = mapped_column(Text, default="")
    inputs: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(String(256), default="")
    adjusts_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    operator_name: Mapped[str] = mapped_column(String(64), default="")


class Allocation(AppendOnly, Base):
    """Money applied to a bill line (核销): from a payment, a prepayment, or the
    reversal of an earlier allocation (negative, ``reverses_id`` set)."""

    __tablename__ = "allocation"
    __table_args__ = (
        Index("ix_allocation_slot", "slot"),
        Index("ix_allocation_customer", "customer_id"),
        Index("ix_allocation_doc", "doc_type", "doc_id"),
    )
    line_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("bill_line.id"))
    slot: Mapped[uuid.UUID] = mapped_column(Uuid)
    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customer.id"))
    amount: Mapped[Decimal] = mapped_column(Money)
    source: Mapped[str] = mapped_column(String(12))
    doc_type: Mapped[str] = mapped_column(String(24))
    doc_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    alloc_date: Mapped[dt.date] = mapped_column(Date)
    post_period: Mapped[str] = mapped_column(String(7))
    estate_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    earmark_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    reverses_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    operator_name: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(String(256), default="")


class LedgerEntry(AppendOnly, Base):
    """The customer ledger (客户往来账): every change of a customer's receivable,
    prepaid or deposit balance, each pointing at its source document.

    Signs: receivable + means the customer owes more; prepaid + means more
    credit held for the customer; deposit + means more deposit held."""

    __tablename__ = "ledger_entry"
    __table_args__ = (
        Index("ix_ledger_entry_customer", "customer_id", "account"),
        Index("ix_ledger_entry_doc", "doc_type", "doc_id"),
    )
    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customer.id"))
    account: Mapped[str] = mapped_column(String(12))
    earmark_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    amount: Mapped[Decimal] = mapped_column(Money)
    kind: Mapped[str] = mapped_column(String(24))
    doc_type: Mapped[str] = mapped_column(String(24))
    doc_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    entry_date: Mapped[dt.date] = mapped_column(Date)
    post_period: Mapped[str] = mapped_column(String(7))
    estate_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    memo: Mapped[str] = mapped_column(String(256), default="")
    operator_name: Mapped[str] = mapped_column(String(64), default="")


class Deposit(AppendOnly, Base):
    """押金 received (装修保证金 …); refunds and forfeits are DepositEvents."""

    __tablename__ = "deposit"
    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customer.id"), index=True)
    fee_item_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("fee_item.id"))
    estate_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("estate.id"))
    target_kind: Mapped[str] = mapped_column(String(8))
    target_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    target_code: Mapped[str] = mapped_column(String(48), default="")
    amount: Mapped[Decimal] = mapped_column(Money)
    received_on: Mapped[dt.date] = mapped_column(Date)
    doc_type: Mapped[str] = mapped_column(String(24), default="")
    doc_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    note: Mapped[str] = mapped_column(String(256), default="")
    operator_name: Mapped[str] = mapped_column(String(64), default="")


class DepositEvent(AppendOnly, Base):
    """A refund (退还) or forfeit (扣除, e.g. damage) of part of a deposit."""

    __tablename__ = "deposit_event"
    deposit_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("deposit.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    amount: Mapped[Decimal] = mapped_column(Money)
    happened_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(256))
    operator_name: Mapped[str] = mapped_column(String(64), default="")


class PeriodClose(AppendOnly, Base):
    """月结: once a period of an estate is closed nothing is posted into it."""

    __tablename__ = "period_close"
    __table_args__ = (Index("uq_period_close_estate_period", "estate_id", "period", unique=True),)
    estate_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("estate.id"))
    period: Mapped[str] = mapped_column(String(7))
    operator_name: Mapped[str] = mapped_column(String(64), default="")
    totals: Mapped[str] = mapped_column(Text, default="")


class BalanceImport(AppendOnly, Base):
    """One imported opening-balance file; the hash refuses a second import."""

    __tablename__ = "balance_import"
    file_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(256))
    row_count: Mapped[int] = mapped_column(Integer)
    debt_total: Mapped[Decimal] = mapped_column(Money)
    prepaid_total: Mapped[Decimal] = mapped_column(Money)
    operator_name: Mapped[str] = mapped_column(String(64), default="")
