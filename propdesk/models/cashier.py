"""Front-desk cashier (收费台): shifts, payments, receipts and their reversals.

Every money document here is append-only (:class:`AppendOnly`): it is
inserted once and never updated or deleted.  A document's state is derived
from the documents that come after it:

* a shift is *open* until a :class:`ShiftClose` references it, *approved*
  when a :class:`ShiftApproval` references the close;
* a receipt is *void* when a :class:`ReceiptVoid` references it, and
  (partly) *refunded* by the :class:`Refund` rows that reference it;
* a print is an *original* or a *copy* (副本) as recorded in
  :class:`ReceiptPrint`.

What a receipt shows is frozen in :class:`PaymentLine` (room code, fee item,
period, amounts), so a reprint years later shows exactly what the customer
was handed, whatever happened to the master data since.

Configuration (receipt layouts, the site key that signs verification codes)
is ``Synced``: it travels between terminals like master data.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from propdesk.models.base import AppendOnly, Base, Synced
from propdesk.models.types import Money

#: Payment methods (收款方式).  ``prepaid`` is 预存冲抵: money already held
#: for the customer, so it never enters the cash drawer or the shift's takings.
PAY_METHODS = {
    "cash": "现金",
    "wechat": "微信",
    "alipay": "支付宝",
    "card": "银行卡",
    "transfer": "转账",
    "prepaid": "预存冲抵",
}
#: Methods a refund can go back through (not to a prepayment: that is a top-up).
REFUND_METHODS = {k: v for k, v in PAY_METHODS.items() if k != "prepaid"}

LAYOUT_KINDS = {"thermal": "热敏小票", "pdf": "A4/A5 单据"}


class _Operated:
    """Who wrote a document, and the supervisor who authorized it (主管授权)."""

    operator_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    operator_name: Mapped[str] = mapped_column(String(64), default="")


class _Authorized(_Operated):
    authorized_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    authorized_by_name: Mapped[str] = mapped_column(String(64), default="")
    reason: Mapped[str] = mapped_column(String(256), default="")


class Shift(_Operated, AppendOnly, Base):
    """A cashier's shift (班次) on one terminal; it takes payments until closed."""

    __tablename__ = "cashier_shift"
    __table_args__ = (Index("ix_cashier_shift_operator", "operator_id", "opened_at"),)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime)
    business_date: Mapped[dt.date] = mapped_column(Date)
    opening_float: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))  # 备用金


class ShiftClose(_Operated, AppendOnly, Base):
    """交班/日结: the cashier's count against what the documents say."""

    __tablename__ = "cashier_shift_close"
    shift_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cashier_shift.id"), unique=True)
    closed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expected_cash: Mapped[Decimal] = mapped_column(Money)
    counted_cash: Mapped[Decimal] = mapped_column(Money)
    takings: Mapped[Decimal] = mapped_column(Money)      # net money received, all methods
    totals_json: Mapped[str] = mapped_column(Text, default="")  # by method and fee item
    note: Mapped[str] = mapped_column(String(256), default="")


class ShiftApproval(_Operated, AppendOnly, Base):
    """收款审批/入账: finance accepts a closed shift's takings into the books."""

    __tablename__ = "cashier_shift_approval"
    close_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("cashier_shift_close.id"), unique=True)
    approved_at: Mapped[dt.datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(String(256), default="")


class Payment(_Operated, AppendOnly, Base):
    """One collection at the desk: lines settled, card deposits taken, prepayment topped
    up, tenders taken."""

    __tablename__ = "cashier_payment"
    __table_args__ = (Index("ix_cashier_payment_customer", "customer_id", "paid_at"),)
    shift_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cashier_shift.id"), index=True)
    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customer.id"))
    payer_name: Mapped[str] = mapped_column(String(128))
    paid_at: Mapped[dt.datetime] = mapped_column(DateTime)
    as_of: Mapped[dt.date] = mapped_column(Date)          # late fees computed as of this date
    principal: Mapped[Decimal] = mapped_column(Money)     # bill amounts settled
    late_fee: Mapped[Decimal] = mapped_column(Money)      # late fees settled
    topup: Mapped[Decimal] = mapped_column(Money)         # prepayment added (预存)
    deposit: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))   # card deposits taken (押金)
    total: Mapped[Decimal] = mapped_column(Money)         # principal + late_fee + deposit + topup
    change: Mapped[Decimal] = mapped_column(Money)        # 找零 given back in cash
    note: Mapped[str] = mapped_column(String(256), default="")


class PaymentTender(AppendOnly, Base):
    """How a payment was paid: one row per method (mixed payments have several)."""

    __tablename__ = "cashier_payment_tender"
    payment_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("cashier_payment.id"), index=True)
    method: Mapped[str] = mapped_column(String(16))
    amount: Mapped[Decimal] = mapped_column(Money)        # applied to the payment
    tendered: Mapped[Decimal] = mapped_column(Money)      # handed over (cash: amount + change)
    reference: Mapped[str] = mapped_column(String(64), default="")  # 交易单号/凭证号


#: Kinds of receipt line: a bill item settled, or a card deposit taken (押金, held
#: until the card is cancelled and returned).
LINE_KINDS = {"bill": "账单", "deposit": "押金"}


class PaymentLine(AppendOnly, Base):
    """What one payment settled or took, frozen as printed on the receipt.

    A ``deposit`` line is a card deposit: ``item_key`` is the card charge
    (``card_charge.id``), ``settlement_ref`` billing's deposit, ``note`` the
    card (卡号 A1B2C3D4), and it has no period or late fee."""

    __tablename__ = "cashier_payment_line"
    payment_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("cashier_payment.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8), default="bill")      # bill | deposit
    bill_line_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None, index=True)
    item_key: Mapped[str] = mapped_column(String(40), default="")   # billing's bill item (slot)
    settlement_ref: Mapped[str] = mapped_column(String(64), default="")  # billing's allocation id
    target_kind: Mapped[str] = mapped_column(String(8), default="room")  # room | space
    target_code: Mapped[str] = mapped_column(String(48), default="")
    fee_item: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(32), default="")   # 2026-03 or 2026-01~2026-03
    due: Mapped[Decimal] = mapped_column(Money)          # outstanding principal before paying
    principal: Mapped[Decimal] = mapped_column(Money)    # principal paid
    late_fee: Mapped[Decimal] = mapped_column(Money)     # late fee paid
    note: Mapped[str] = mapped_column(String(64), default="")     # a deposit: the card it is for


class Receipt(AppendOnly, Base):
    """收据: the numbered, signed document handed to the payer."""

    __tablename__ = "cashier_receipt"
    number: Mapped[str] = mapped_column(String(40), unique=True)
    payment_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("cashier_payment.id"), unique=True)
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime)
    amount: Mapped[Decimal] = mapped_column(Money)
    code: Mapped[str] = mapped_column(String(16), unique=True)   # verification code
    key_id: Mapped[int] = mapped_column(Integer, default=1)      # which site key signed it


class ReceiptPrint(_Authorized, AppendOnly, Base):
    """Every time a receipt went to paper or PDF; ``copy`` marks a 补打 (副本)."""

    __tablename__ = "cashier_receipt_print"
    receipt_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("cashier_receipt.id"), index=True)
    copy: Mapped[bool] = mapped_column(Boolean, default=False)
    target: Mapped[str] = mapped_column(String(16))   # escpos | pdf


class ReceiptVoid(_Authorized, AppendOnly, Base):
    """作废: cancels a receipt within its own shift; billing lines become due again."""

    __tablename__ = "cashier_receipt_void"
    receipt_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("cashier_receipt.id"), unique=True)
    shift_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cashier_shift.id"), index=True)
    voided_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Refund(_Authorized, AppendOnly, Base):
    """退款: money paid back on a receipt, any time later, in full or in part."""

    __tablename__ = "cashier_refund"
    number: Mapped[str] = mapped_column(String(40), unique=True)
    receipt_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("cashier_receipt.id"), index=True)
    shift_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cashier_shift.id"), index=True)
    refunded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    method: Mapped[str] = mapped_column(String(16))
    amount: Mapped[Decimal] = mapped_column(Money)
    reference: Mapped[str] = mapped_column(String(64), default="")


class RefundLine(AppendOnly, Base):
    """How much of each receipt line a refund gave back."""

    __tablename__ = "cashier_refund_line"
    refund_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cashier_refund.id"), index=True)
    payment_line_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("cashier_payment_line.id"), default=None, index=True)
    principal: Mapped[Decimal] = mapped_column(Money)
    late_fee: Mapped[Decimal] = mapped_column(Money)
    topup: Mapped[Decimal] = mapped_column(Money)        # prepayment taken back


class ReceiptLayout(Synced, Base):
    """收费单打印格式: a receipt layout as data (JSON, see propdesk.receipts.layout)."""

    __tablename__ = "cashier_receipt_layout"
    name: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))      # thermal | pdf
    spec: Mapped[str] = mapped_column(Text)            # JSON
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)


class SiteKey(Synced, Base):
    """The site secret that signs receipt verification codes (the same on every terminal)."""

    __tablename__ = "cashier_site_key"
    key_id: Mapped[int] = mapped_column(Integer, unique=True)
    secret: Mapped[str] = mapped_column(String(128))   # hex
    active: Mapped[bool] = mapped_column(Boolean, default=True)
