"""Card tariffs (押金, 工本费, 补卡费, 月租) and temporary-parking rates, and the
cashier's temporary-parking fee.

The cashier calls :func:`temp_parking_fee` with the estate (and lot, if the
lot has its own rate) and the entry/exit times; the arithmetic is the pure
:func:`propdesk.cards.parking.temp_parking_fee`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.cards import parking
from propdesk.cards.parking import ParkingFee, TempParkingRule
from propdesk.errors import NotFound, Problem, ValidationFailed
from propdesk.models import Estate, ParkingLot
from propdesk.models.cards import CARD_TYPES, CardTariff, ParkingRate
from propdesk.money import to_decimal
from propdesk.security import BILL_VIEW, FEE_EDIT, MASTER_VIEW, Actor, require
from propdesk.services import audit

RULE_FIELDS = ("free_minutes", "first_minutes", "first_fee", "unit_minutes", "unit_fee", "daily_cap",
               "cap_mode", "free_deducted")


def _estate(session: Session, estate_id: uuid.UUID) -> Estate:
    estate = session.get(Estate, estate_id)
    if estate is None or estate.deleted_at is not None:
        raise NotFound("小区不存在", "estate not found")
    return estate


def set_card_tariff(session: Session, actor: Actor, estate_id: uuid.UUID, card_type: str, *,
                    deposit: Decimal, card_fee: Decimal, replace_fee: Decimal,
                    monthly_fee: Decimal | None = None) -> CardTariff:
    """Create or change what a card type costs at an estate."""
    require(actor, FEE_EDIT)
    estate = _estate(session, estate_id)
    if card_type not in CARD_TYPES:
        raise ValidationFailed([Problem("卡类型", f"未知卡类型 {card_type}", f"unknown card type {card_type}")])
    values = {"deposit": deposit, "card_fee": card_fee, "replace_fee": replace_fee, "monthly_fee": monthly_fee}
    problems = [Problem(k, f"金额应为非负数：{v}", f"amount must be >= 0: {v}")
                for k, v in values.items() if v is not None and to_decimal(v) < 0]
    if monthly_fee is not None and card_type != "vehicle":
        problems.append(Problem("月租", "只有车辆卡有月租", "only vehicle cards have a monthly fee"))
    if problems:
        raise ValidationFailed(problems)
    tariff = session.scalar(select(CardTariff).where(CardTariff.estate_id == estate.id,
                                                     CardTariff.card_type == card_type,
                                                     CardTariff.deleted_at.is_(None)))
    before = audit.snapshot(tariff) if tariff else {}
    if tariff is None:
        tariff = CardTariff(estate_id=estate.id, card_type=card_type)
        session.add(tariff)
    for k, v in values.items():
        setattr(tariff, k, None if v is None else to_decimal(v))
    session.flush()
    b, a = audit.diff(before, audit.snapshot(tariff))
    audit.record(session, actor, "update" if before else "create", "card_tariff", tariff.id, before=b, after=a,
                 summary=f"{estate.name} {CARD_TYPES[card_type]}收费标准")
    return tariff


def card_tariffs(session: Session, actor: Actor, estate_id: uuid.UUID) -> list[CardTariff]:
    require(actor, MASTER_VIEW)
    return list(session.scalars(select(CardTariff).where(CardTariff.estate_id == estate_id,
                                                         CardTariff.deleted_at.is_(None))
                                .order_by(CardTariff.card_type)))


def rule_of(rate: ParkingRate) -> TempParkingRule:
    return TempParkingRule(**{k: getattr(rate, k) for k in RULE_FIELDS})


def set_parking_rate(session: Session, actor: Actor, estate_id: uuid.UUID, rule: TempParkingRule, *,
                     lot_id: uuid.UUID | None = None, name: str = "") -> ParkingRate:
    """Set the temporary-parking rate of an estate (``lot_id`` None) or of one of its lots."""
    require(actor, FEE_EDIT)
    estate = _estate(session, estate_id)
    rule.check()
    if lot_id is not None:
        lot = session.get(ParkingLot, lot_id)
        if lot is None or lot.estate_id != estate.id:
            raise NotFound("停车场不存在或不属于该小区", "parking lot not found in this estate")
    rate = session.scalar(select(ParkingRate).where(
        ParkingRate.estate_id == estate.id, ParkingRate.active.is_(True), ParkingRate.deleted_at.is_(None),
        ParkingRate.lot_id.is_(None) if lot_id is None else ParkingRate.lot_id == lot_id))
    before = audit.snapshot(rate) if rate else {}
    if rate is None:
        rate = ParkingRate(estate_id=estate.id, lot_id=lot_id)
        session.add(rate)
    rate.name = name or rule.describe()[:64]
    for k in RULE_FIELDS:
        setattr(rate, k, getattr(rule, k))
    session.flush()
    b, a = audit.diff(before, audit.snapshot(rate))
    audit.record(session, actor, "update" if before else "create", "parking_rate", rate.id, before=b, after=a,
                 summary=f"{estate.name} 临时停车收费标准：{rule.describe()}")
    return rate


def parking_rule(session: Session, actor: Actor, estate_id: uuid.UUID,
                 lot_id: uuid.UUID | None = None) -> TempParkingRule:
    """The rate in force: the lot's own if it has one, else the estate's."""
    require(actor, BILL_VIEW)
    base = select(ParkingRate).where(ParkingRate.estate_id == estate_id, ParkingRate.active.is_(True),
                                     ParkingRate.deleted_at.is_(None))
    rate = session.scalar(base.where(ParkingRate.lot_id == lot_id)) if lot_id else None
    rate = rate or session.scalar(base.where(ParkingRate.lot_id.is_(None)))
    if rate is None:
        estate = _estate(session, estate_id)
        raise NotFound(f"{estate.name} 尚未设置临时停车收费标准：请在 门禁卡 ▸ 停车收费 中设置",
                       f"{estate.name} has no temporary-parking rate yet")
    return rule_of(rate)


def temp_parking_fee(session: Session, actor: Actor, *, estate_id: uuid.UUID, entered: dt.datetime,
                     left: dt.datetime, lot_id: uuid.UUID | None = None) -> ParkingFee:
    """The cashier's temporary-parking fee for one stay (amount, minutes, lines with formulas)."""
    return parking.temp_parking_fee(parking_rule(session, actor, estate_id, lot_id), entered, left)


def estates(session: Session, actor: Actor) -> list[tuple[uuid.UUID, str, str]]:
    """(id, code, name) of every live estate, for the parking and tariff pickers."""
    require(actor, MASTER_VIEW)
    return [tuple(r) for r in session.execute(select(Estate.id, Estate.code, Estate.name)
                                              .where(Estate.deleted_at.is_(None)).order_by(Estate.code))]


def fee_settings(session: Session, actor: Actor, estate_id: uuid.UUID) -> tuple[TempParkingRule | None,
                                                                                dict[str, CardTariff]]:
    """The estate's own temporary-parking rule (None if not set) and card tariffs by type."""
    require(actor, MASTER_VIEW)
    rate = session.scalar(select(ParkingRate).where(
        ParkingRate.estate_id == estate_id, ParkingRate.lot_id.is_(None), ParkingRate.active.is_(True),
        ParkingRate.deleted_at.is_(None)))
    return (rule_of(rate) if rate else None), {t.card_type: t for t in card_tariffs(session, actor, estate_id)}
