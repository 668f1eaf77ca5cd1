"""Gate and parking cards (门禁卡/车卡): card records, their history, gate-list
versions, card tariffs and temporary-parking rates.

* :class:`GateCard` is ``Synced``: a card record changes (renewed, lost,
  cancelled) and travels between terminals; two terminals assigning the same
  physical card (UID) collide on ``uq_gate_card_active_uid`` and go to
  conflict review.
* :class:`GateCardEvent` is ``AppendOnly``: what happened to a card, with the
  money it caused; never edited.
* :class:`CardListEntry` / :class:`CardListVersion` are ``AppendOnly``: the
  whitelist/blacklist as versioned data.  An entry records the state of one
  card in the gate lists from a version on; the state at version V is each
  serial's latest entry with ``version <= V``, so an incremental export is
  simply the entries after the gate's version.

Status codes: ``active`` 有效, ``lost`` 挂失, ``cancelled`` 注销; 过期
(``expired``) is not stored but derived from ``valid_until``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import BigInteger, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from propdesk.models.base import AppendOnly, Base, Synced
from propdesk.models.types import Money

CARD_TYPES = {"resident": "住户卡", "vehicle": "车辆卡", "staff": "员工卡", "temporary": "临时卡"}
CARD_STATUSES = {"active": "有效", "lost": "挂失", "cancelled": "注销", "expired": "过期"}
CARD_ACTIONS = {"issue": "发卡", "renew": "延期", "lost": "挂失", "replace": "补卡", "cancel": "注销"}
DEPOSIT_STATES = {"none": "无押金", "held": "押金在押", "refunded": "押金已退", "forfeited": "押金不退",
                  "transferred": "押金转新卡", "due": "押金待收"}
"""``due`` is never stored: card lists show it for a held deposit the cashier has not taken yet."""
LIST_KINDS = {"white": "白名单", "black": "黑名单", "none": "移出名单"}


class GateCard(Synced, Base):
    """One issuance of a card: a physical card (UID) carrying a credential (serial)."""

    __tablename__ = "gate_card"
    __table_args__ = (
        Index("uq_gate_card_active_uid", "uid", unique=True,
              sqlite_where=text("status = 'active' AND deleted_at IS NULL"),
              postgresql_where=text("status = 'active' AND deleted_at IS NULL")),
        Index("ix_gate_card_uid", "uid"),
        Index("ix_gate_card_room", "room_id", "status"),
        Index("ix_gate_card_customer", "customer_id", "status"),
        Index("ix_gate_card_space", "space_id", "status"),
        Index("ix_gate_card_vehicle", "vehicle_id"),
    )
    uid: Mapped[str] = mapped_column(String(20))
    serial: Mapped[int] = mapped_column(BigInteger, unique=True)
    card_type: Mapped[str] = mapped_column(String(12))
    estate_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("estate.id"), default=None)
    customer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("customer.id"), default=None)
    room_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("room.id"), default=None)
    vehicle_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("vehicle.id"), default=None)
    space_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("parking_space.id"), default=None)
    operator_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("operator.id"), default=None)
    holder_name: Mapped[str] = mapped_column(String(64), default="")
    place_code: Mapped[str] = mapped_column(String(48), default="")
    plate: Mapped[str] = mapped_column(String(16), default="")
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_until: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="active")
    sector: Mapped[int] = mapped_column(Integer)
    key_fingerprint: Mapped[str] = mapped_column(String(16), default="")
    deposit: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    card_fee: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    monthly_fee: Mapped[Decimal | None] = mapped_column(Money(), default=None)
    deposit_state: Mapped[str] = mapped_column(String(12), default="none")
    deposit_ref: Mapped[str] = mapped_column(String(64), default="")
    replaces_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("gate_card.id"), default=None)
    replaced_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("gate_card.id"), default=None)
    wiped: Mapped[bool] = mapped_column(Boolean, default=False)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    ended_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    end_reason: Mapped[str] = mapped_column(String(16), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    def effective_status(self, today: dt.date) -> str:
        """The status as people use it: an active card past its validity is 过期."""
        if self.status == "active" and self.valid_until < today:
            return "expired"
        return self.status

    @property
    def blacklisted(self) -> bool:
        """A card that may still carry a valid credential but must not open: lost, or
        cancelled/replaced without the card coming back to be wiped."""
        return self.status == "lost" or (self.status == "cancelled" and not self.wiped)


class GateCardEvent(AppendOnly, Base):
    """One step in a card's life (发卡, 延期, 挂失, 补卡, 注销): its history."""

    __tablename__ = "gate_card_event"
    __table_args__ = (Index("ix_gate_card_event_card", "card_id", "at"),)
    card_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("gate_card.id"))
    action: Mapped[str] = mapped_column(String(12))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    uid: Mapped[str] = mapped_column(String(20), default="")
    serial: Mapped[int] = mapped_column(BigInteger, default=0)
    from_status: Mapped[str] = mapped_column(String(12), default="")
    to_status: Mapped[str] = mapped_column(String(12), default="")
    valid_until_before: Mapped[dt.date | None] = mapped_column(Date, default=None)
    valid_until_after: Mapped[dt.date | None] = mapped_column(Date, default=None)
    amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    charge_refs: Mapped[str] = mapped_column(String(256), default="")
    related_card_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    note: Mapped[str] = mapped_column(String(256), default="")
    operator_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    operator_name: Mapped[str] = mapped_column(String(64), default="")


class CardListVersion(AppendOnly, Base):
    """One published state of the gate lists (白名单/黑名单)."""

    __tablename__ = "card_list_version"
    version: Mapped[int] = mapped_column(Integer, unique=True)
    white_count: Mapped[int] = mapped_column(Integer, default=0)
    black_count: Mapped[int] = mapped_column(Integer, default=0)
    change_count: Mapped[int] = mapped_column(Integer, default=0)
    state_checksum: Mapped[str] = mapped_column(String(64))
    as_of: Mapped[dt.date] = mapped_column(Date)
    operator_name: Mapped[str] = mapped_column(String(64), default="")


class CardListEntry(AppendOnly, Base):
    """A card's place in the gate lists from ``version`` on (``none``: removed)."""

    __tablename__ = "card_list_entry"
    __table_args__ = (
        Index("uq_card_list_entry_serial_version", "serial", "version", unique=True),
        Index("ix_card_list_entry_version", "version"),
    )
    version: Mapped[int] = mapped_column(Integer)
    serial: Mapped[int] = mapped_column(BigInteger)
    list_kind: Mapped[str] = mapped_column(String(8))
    payload: Mapped[str] = mapped_column(Text, default="")


class CardTariff(Synced, Base):
    """What a card costs at an estate, by card type: deposit, card fee, replacement
    fee and (vehicle cards) the monthly parking fee."""

    __tablename__ = "card_tariff"
    __table_args__ = (
        Index("uq_card_tariff_estate_type", "estate_id", "card_type", unique=True,
              sqlite_where=text("deleted_at IS NULL"), postgresql_where=text("deleted_at IS NULL")),
    )
    estate_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("estate.id"))
    card_type: Mapped[str] = mapped_column(String(12))
    deposit: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    card_fee: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    replace_fee: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    monthly_fee: Mapped[Decimal | None] = mapped_column(Money(), default=None)


class ParkingRate(Synced, Base):
    """临时停车收费标准 of an estate (or one of its lots): see :mod:`propdesk.cards.parking`."""

    __tablename__ = "parking_rate"
    __table_args__ = (Index("ix_parking_rate_estate", "estate_id", "lot_id"),)
    estate_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("estate.id"))
    lot_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("parking_lot.id"), default=None)
    name: Mapped[str] = mapped_column(String(64), default="")
    free_minutes: Mapped[int] = mapped_column(Integer, default=15)
    first_minutes: Mapped[int] = mapped_column(Integer, default=60)
    first_fee: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    unit_minutes: Mapped[int] = mapped_column(Integer, default=30)
    unit_fee: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    daily_cap: Mapped[Decimal | None] = mapped_column(Money(), default=None)
    cap_mode: Mapped[str] = mapped_column(String(12), default="rolling24")
    free_deducted: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


CHARGE_KINDS = {"deposit": "门禁卡押金", "card_fee": "门禁卡工本费", "replace_fee": "补卡费",
                "monthly": "月卡停车费", "deposit_refund": "退门禁卡押金"}
CHARGE_STATES = {"pending": "待入账", "posted": "已入账", "void": "已作废"}


class CardCharge(Synced, Base):
    """Money a card operation asks billing to charge (or refund), for the cashier to collect.

    Written in the same transaction as the card event; handed to billing at
    once when billing's posting function is available, otherwise it waits as
    ``pending`` and :func:`propdesk.services.cards_billing.post_pending` hands
    it over later, so no deposit or fee is ever lost.  ``billing_ref`` is the
    id of billing's document (bill line, refund) once posted.
    """

    __tablename__ = "card_charge"
    __table_args__ = (
        Index("ix_card_charge_card", "card_id"),
        Index("ix_card_charge_state", "state"),
    )
    card_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("gate_card.id"))
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("gate_card_event.id"))
    kind: Mapped[str] = mapped_column(String(16))
    amount: Mapped[Decimal] = mapped_column(Money())
    customer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("customer.id"))
    estate_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("estate.id"), default=None)
    target_kind: Mapped[str] = mapped_column(String(8))
    target_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    target_code: Mapped[str] = mapped_column(String(48), default="")
    description: Mapped[str] = mapped_column(String(256), default="")
    charge_date: Mapped[dt.date] = mapped_column(Date)
    service_from: Mapped[dt.date | None] = mapped_column(Date, default=None)
    service_to: Mapped[dt.date | None] = mapped_column(Date, default=None)
    refund_of_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("card_charge.id"), default=None)
    state: Mapped[str] = mapped_column(String(12), default="pending")
    billing_ref: Mapped[str] = mapped_column(String(64), default="")
