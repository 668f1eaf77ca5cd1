"""Gate and parking cards at the front desk: issue, renew, report lost, replace, cancel;
look-ups for the cashier and the screens.

Every operation that touches a card takes a ``card_io`` object (see
:class:`propdesk.cards.engine.CardIO`; a ``drivers.pn532.MifareClassic`` in
the app) and the :class:`~propdesk.cards.secrets.SiteSecrets`.  The order is
always: check everything in the database, write and read back the card, and
only then add the rows.  The caller's session commits at the end, so a card
that failed or was lifted half-way leaves no record (see
:mod:`propdesk.cards.engine` for how the next attempt recovers the card).
"""

from __future__ import annotations

import datetime as dt
import secrets as random_source
import uuid
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from propdesk.cards import engine
from propdesk.cards.credential import MAX_SERIAL, Credential, parse_serial, ref_of, serial_text
from propdesk.cards.engine import CardIO, CardState
from propdesk.cards.errors import CardRejected
from propdesk.cards.parking import add_months, monthly_charge, renewal_until
from propdesk.cards.secrets import SiteSecrets
from propdesk.clock import today as local_today
from propdesk.clock import utcnow
from propdesk.errors import Conflict, NotFound, Problem, ValidationFailed
from propdesk.models import Customer, Occupancy, Operator, ParkingSpace, Room, Vehicle
from propdesk.models.cards import (
    CARD_ACTIONS, CARD_STATUSES, CARD_TYPES, DEPOSIT_STATES, CardCharge, CardTariff, GateCard, GateCardEvent,
)
from propdesk.money import ZERO, fmt, round_fen, to_decimal
from propdesk.security import CARD_ISSUE, MASTER_VIEW, Actor, require
from propdesk.services import audit, cards_billing
from propdesk.validators import normalize_plate

MAX_VALID_YEARS = 10


# --- requests and results --------------------------------------------------------------------

@dataclass(frozen=True)
class IssueRequest:
    """What the front desk fills in to issue a card.

    Holder by type: 住户卡 a room and one of its current occupants (id or
    name); 车辆卡 a vehicle (id or plate) and optionally its space; 员工卡 a
    name (and optionally the operator); 临时卡 a name and optionally the room
    visited or the customer.  Amounts left ``None`` come from the estate's
    card tariff.  A vehicle card with a monthly fee is issued for whole
    ``months`` (its end date follows); other cards take ``valid_until``.
    """

    card_type: str
    valid_until: dt.date | None = None
    valid_from: dt.date | None = None
    months: int | None = None
    room_id: uuid.UUID | None = None
    customer_id: uuid.UUID | None = None
    holder_name: str = ""
    vehicle_id: uuid.UUID | None = None
    plate: str = ""
    space_id: uuid.UUID | None = None
    operator_id: uuid.UUID | None = None
    deposit: Decimal | None = None
    card_fee: Decimal | None = None
    monthly_fee: Decimal | None = None
    note: str = ""
    overwrite: bool = False


@dataclass(frozen=True)
class CardResult:
    card_id: uuid.UUID
    uid: str
    serial: str
    card_type: str
    holder_name: str
    place_code: str
    valid_from: dt.date
    valid_until: dt.date
    status: str
    charges: tuple[tuple[str, Decimal, str], ...] = ()   # (kind, amount, state)
    recovered: bool = False                               # the card had been partly written before

    def as_dict(self) -> dict:
        return {"card_id": str(self.card_id), "uid": self.uid, "serial": self.serial,
                "type": self.card_type, "type_label": CARD_TYPES[self.card_type],
                "holder": self.holder_name, "place": self.place_code,
                "valid_from": self.valid_from.isoformat(), "valid_until": self.valid_until.isoformat(),
                "status": self.status, "status_label": CARD_STATUSES[self.status],
                "charges": [{"kind": k, "amount": str(a), "state": s} for k, a, s in self.charges],
                "recovered": self.recovered}


@dataclass(frozen=True)
class HolderInfo:
    """Who a card belongs to, for the cashier (swipe a card → the customer's bills)."""

    card_id: uuid.UUID
    uid: str
    serial: str
    card_type: str
    type_label: str
    status: str                  # effective: active / lost / cancelled / expired
    status_label: str
    valid_from: dt.date
    valid_until: dt.date
    holder_name: str
    customer_id: uuid.UUID | None
    room_id: uuid.UUID | None
    room_code: str
    vehicle_id: uuid.UUID | None
    plate: str
    space_id: uuid.UUID | None
    space_code: str
    estate_id: uuid.UUID | None
    monthly_fee: Decimal | None
    deposit: Decimal

    @property
    def usable(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True)
class CardRow:
    """One line of a card list (room tab, customer tab, search)."""

    card_id: uuid.UUID
    uid: str
    serial: str
    card_type: str
    status: str
    holder_name: str
    place_code: str
    plate: str
    valid_from: dt.date
    valid_until: dt.date
    deposit: Decimal
    deposit_state: str
    issued_on: dt.date
    pending_charges: int = 0
    monthly_fee: Decimal | None = None
    wiped: bool = False


@dataclass(frozen=True)
class HistoryRow:
    at: dt.datetime
    action: str
    from_status: str
    to_status: str
    valid_until_before: dt.date | None
    valid_until_after: dt.date | None
    amount: Decimal
    note: str
    operator_name: str
    uid: str


@dataclass
class _Plan:
    """A validated issuance: everything the card and the record need, except the card."""

    card_type: str
    valid_from: dt.date
    valid_until: dt.date
    months: int | None
    holder_name: str
    customer_id: uuid.UUID | None = None
    room: Room | None = None
    vehicle: Vehicle | None = None
    space: ParkingSpace | None = None
    operator_id: uuid.UUID | None = None
    estate_id: uuid.UUID | None = None
    deposit: Decimal = ZERO
    card_fee: Decimal = ZERO
    monthly_fee: Decimal | None = None
    note: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def holder_id(self) -> uuid.UUID | None:
        if self.card_type == "vehicle" and self.vehicle is not None:
            return self.vehicle.id
        if self.card_type == "staff":
            return self.operator_id
        return self.customer_id

    @property
    def place_id(self) -> uuid.UUID | None:
        if self.card_type == "vehicle":
            return self.space.id if self.space else None
        return self.room.id if self.room else None

    @property
    def place_code(self) -> str:
        if self.card_type == "vehicle":
            return self.space.code if self.space else ""
        return self.room.code if self.room else ""


# --- validation ----------------------------------------------------------------------------------

def _current_occupants(session: Session, room_id: uuid.UUID) -> list[Customer]:
    return list(session.scalars(
        select(Customer).join(Occupancy, Occupancy.customer_id == Customer.id)
        .where(Occupancy.room_id == room_id, Occupancy.end_date.is_(None), Occupancy.deleted_at.is_(None),
               Customer.deleted_at.is_(None))
        .order_by(Occupancy.role, Customer.name)))


def _customer_room(session: Session, customer_id: uuid.UUID) -> Room | None:
    return session.scalar(
        select(Room).join(Occupancy, Occupancy.room_id == Room.id)
        .where(Occupancy.customer_id == customer_id, Occupancy.end_date.is_(None),
               Occupancy.deleted_at.is_(None)).order_by(Occupancy.start_date).limit(1))


def _live(session: Session, model, row_id: uuid.UUID | None):
    if row_id is None:
        return None
    row = session.get(model, row_id)
    return None if row is None or row.deleted_at is not None else row


def _resolve_holder(session: Session, req: IssueRequest, plan: _Plan) -> None:
    p = plan.problems
    name = (req.holder_name or "").strip()
    plan.room = _live(session, Room, req.room_id)
    if req.room_id is not None and plan.room is None:
        p.append(Problem("房间", "房间不存在或已删除", "room not found"))
    customer = _live(session, Customer, req.customer_id)
    if req.customer_id is not None and customer is None:
        p.append(Problem("持卡人", "客户不存在或已删除", "customer not found"))

    if req.card_type == "resident":
        if plan.room is None:
            if req.room_id is None:
                p.append(Problem("房间", "住户卡必须指定房间", "a resident card needs a room"))
            return
        occupants = _current_occupants(session, plan.room.id)
        if customer is None and name:
            matches = [c for c in occupants if c.name == name]
            if len(matches) == 1:
                customer = matches[0]
            elif len(matches) > 1:
                p.append(Problem("持卡人", f"{plan.room.code} 有 {len(matches)} 位住户叫 {name}，请从列表中选择",
                                 f"{plan.room.code} has {len(matches)} occupants named {name}: pick one"))
                return
        if customer is None:
            listed = "、".join(c.name for c in occupants) or "（无）"
            p.append(Problem("持卡人", f"请指定持卡人：{plan.room.code} 当前住户为 {listed}",
                             f"name the holder: current occupants of {plan.room.code} are {listed}"))
            return
        if customer.id not in {c.id for c in occupants}:
            p.append(Problem("持卡人", f"{customer.name} 不是 {plan.room.code} 的当前住户，请先办理入住",
                             f"{customer.name} does not live in {plan.room.code}: register the move-in first"))
        plan.customer_id, plan.holder_name = customer.id, customer.name

    elif req.card_type == "vehicle":
        vehicle = _live(session, Vehicle, req.vehicle_id)
        if vehicle is None and req.plate:
            plate = normalize_plate(req.plate)
            vehicle = session.scalar(select(Vehicle).where(Vehicle.plate == plate, Vehicle.deleted_at.is_(None)))
        if vehicle is None:
            p.append(Problem("车辆", f"找不到车辆 {req.plate}：请先在客户资料中登记车辆",
                             f"vehicle {req.plate} not found: register it with its owner first"))
            return
        plan.vehicle = vehicle
        plan.customer_id = vehicle.customer_id
        owner = session.get(Customer, vehicle.customer_id)
        plan.holder_name = owner.name if owner else vehicle.plate
        plan.space = _live(session, ParkingSpace, req.space_id or vehicle.space_id)
        if (req.space_id or vehicle.space_id) and plan.space is None:
            p.append(Problem("车位", "车位不存在或已删除", "parking space not found"))
        if plan.room is None and plan.customer_id:
            plan.room = _customer_room(session, plan.customer_id)

    elif req.card_type == "staff":
        operator = _live(session, Operator, req.operator_id)
        if req.operator_id is not None and operator is None:
            p.append(Problem("员工", "操作员不存在", "operator not found"))
        plan.operator_id = operator.id if operator else None
        plan.holder_name = name or (operator.display_name or operator.username if operator else "")
        if not plan.holder_name:
            p.append(Problem("持卡人", "员工卡必须填写员工姓名", "a staff card needs the staff member's name"))

    elif req.card_type == "temporary":
        plan.customer_id = customer.id if customer else None
        plan.holder_name = name or (customer.name if customer else "")
        if not plan.holder_name:
            p.append(Problem("持卡人", "临时卡必须填写持卡人姓名", "a temporary card needs the holder's name"))


def _estate_of(plan: _Plan) -> uuid.UUID | None:
    if plan.space is not None:
        return plan.space.estate_id
    if plan.room is not None:
        return plan.room.estate_id
    return None


def _tariff(session: Session, estate_id: uuid.UUID | None, card_type: str) -> CardTariff | None:
    if estate_id is None:
        return None
    return session.scalar(select(CardTariff).where(
        CardTariff.estate_id == estate_id, CardTariff.card_type == card_type, CardTariff.deleted_at.is_(None)))


def _amount(value, where: str, problems: list[Problem]) -> Decimal:
    try:
        d = to_decimal(value)
    except ValueError:
        problems.append(Problem(where, f"金额无效：{value}", f"invalid amount: {value}"))
        return ZERO
    if d < 0 or round_fen(d) != d:
        problems.append(Problem(where, f"金额应为非负数且精确到分：{value}", f"amount must be >= 0 in whole fen: {value}"))
        return ZERO
    return d


def _validity_problems(valid_from: dt.date, valid_until: dt.date, today: dt.date) -> list[Problem]:
    p = []
    if valid_until < valid_from:
        p.append(Problem("有效期", f"截止日 {valid_until} 早于起始日 {valid_from}",
                         f"valid until {valid_until} is before valid from {valid_from}"))
    if valid_until < today:
        p.append(Problem("有效期", f"截止日 {valid_until} 已过", f"valid until {valid_until} is in the past"))
    if valid_until > add_months(today, 12 * MAX_VALID_YEARS):
        p.append(Problem("有效期", f"有效期最长 {MAX_VALID_YEARS} 年", f"at most {MAX_VALID_YEARS} years"))
    return p


def _plan(session: Session, req: IssueRequest, today: dt.date) -> _Plan:
    problems: list[Problem] = []
    if req.card_type not in CARD_TYPES:
        raise ValidationFailed([Problem("卡类型", f"未知卡类型 {req.card_type}，可选：住户卡/车辆卡/员工卡/临时卡",
                                        f"unknown card type {req.card_type}")])
    valid_from = req.valid_from or today
    plan = _Plan(req.card_type, valid_from, req.valid_until or valid_from, req.months, "",
                 note=req.note.strip()[:500], problems=problems)
    _resolve_holder(session, req, plan)
    plan.estate_id = _estate_of(plan)
    tariff = _tariff(session, plan.estate_id, req.card_type)
    plan.deposit = _amount(req.deposit if req.deposit is not None else (tariff.deposit if tariff else ZERO),
                           "押金", problems)
    plan.card_fee = _amount(req.card_fee if req.card_fee is not None else (tariff.card_fee if tariff else ZERO),
                            "工本费", problems)
    monthly = req.monthly_fee if req.monthly_fee is not None else (tariff.monthly_fee if tariff else None)
    if req.card_type == "vehicle" and monthly is not None and to_decimal(monthly) > 0:
        plan.monthly_fee = _amount(monthly, "月租", problems)
        if not req.months or req.months < 1:
            problems.append(Problem("月数", f"月卡按整月办理：请填写月数（月租 {fmt(to_decimal(monthly))} 元）",
                                    "a monthly card is issued for whole months: give the number of months"))
        else:
            plan.valid_until = add_months(valid_from, req.months) - dt.timedelta(days=1)
    elif req.valid_until is None:
        problems.append(Problem("有效期", "请填写有效期截止日", "give the valid-until date"))
    if (plan.deposit or plan.card_fee or plan.monthly_fee) and plan.customer_id is None:
        problems.append(Problem("收费", "押金和费用需要缴费客户：员工卡或未登记客户的临时卡请把金额填 0",
                                "deposits and fees need a paying customer; set them to 0 for staff or unregistered visitors"))
    problems.extend(_validity_problems(plan.valid_from, plan.valid_until, today))
    if problems:
        raise ValidationFailed(problems)
    return plan


# --- the card on the reader -----------------------------------------------------------------------

def _active_on_uid(session: Session, uid: str) -> GateCard | None:
    return session.scalar(select(GateCard).where(
        GateCard.uid == uid, GateCard.status == "active", GateCard.deleted_at.is_(None)))


def _check_card_free(session: Session, state: CardState, plan: _Plan, overwrite: bool,
                     allowed_serials: frozenset[int] = frozenset()) -> bool:
    """Refuse a card already in use; True if the card carries an unfinished issuance of ours."""
    active = _active_on_uid(session, state.uid_hex)
    if active is not None:
        raise CardRejected(
            f"这张卡（{state.uid_hex}）已发给 {active.holder_name}（{active.place_code or CARD_TYPES[active.card_type]}），"
            "仍然有效：请换一张空白卡；如要收回此卡请先办理注销",
            f"card {state.uid_hex} is already issued to {active.holder_name} and still active: use a blank card, "
            "or cancel that card first")
    if state.keys != "site":
        return state.keys == "transport" and state.has_magic
    credential = state.credential
    if credential is None:
        return True  # our keys, incomplete credential: an interrupted issue or renewal
    known = session.scalar(select(GateCard).where(GateCard.serial == credential.serial))
    if known is not None or credential.serial in allowed_serials:
        return False  # a former card of this office (cancelled without wiping, lost and found …)
    same = (credential.card_type == plan.card_type and credential.holder_ref == ref_of(plan.holder_id)
            and credential.place_ref == ref_of(plan.place_id))
    if same or overwrite:
        return True
    raise CardRejected(
        f"这张卡（{state.uid_hex}）带有本系统的有效凭证 {credential.serial_hex}，但本数据库中没有它的记录，"
        "持卡人也不同：可能是另一个管理处发的卡。确认可以覆盖时请勾选“覆盖卡上凭证”后重试",
        f"card {state.uid_hex} carries a valid credential {credential.serial_hex} unknown to this database, "
        "for another holder: perhaps another office's card. Retry with overwrite if you are sure")


def _new_serial(session: Session) -> int:
    while True:
        serial = random_source.randbits(63)
        if 1 <= serial <= MAX_SERIAL and session.scalar(select(GateCard.id).where(GateCard.serial == serial)) is None:
            return serial


def _credential(card: GateCard) -> Credential:
    holder = card.vehicle_id if card.card_type == "vehicle" else (
        card.operator_id if card.card_type == "staff" else card.customer_id)
    place = card.space_id if card.card_type == "vehicle" else card.room_id
    return Credential(card.serial, card.card_type, card.valid_from, card.valid_until, ref_of(holder), ref_of(place))


# --- records --------------------------------------------------------------------------------------

def _event(session: Session, actor: Actor, card: GateCard, action: str, *, from_status: str = "",
           until_before: dt.date | None = None, amount: Decimal = ZERO, related: uuid.UUID | None = None,
           note: str = "") -> GateCardEvent:
    event = GateCardEvent(
        card_id=card.id, action=action, at=utcnow(), uid=card.uid, serial=card.serial,
        from_status=from_status, to_status=card.status, valid_until_before=until_before,
        valid_until_after=card.valid_until, amount=amount, related_card_id=related, note=note[:256],
        operator_id=actor.operator_id, operator_name=actor.label)
    session.add(event)
    session.flush()
    return event


def _target(session: Session, card: GateCard) -> tuple[str, uuid.UUID, str]:
    """What billing charges the card against: the vehicle card's space, else the room."""
    if card.card_type == "vehicle" and card.space_id is not None:
        return "space", card.space_id, card.place_code
    if card.room_id is not None:
        room = session.get(Room, card.room_id)
        return "room", room.id, room.code
    room = _customer_room(session, card.customer_id) if card.customer_id else None
    if room is None:
        raise ValidationFailed([Problem("收费", f"{card.holder_name} 没有登记房间或车位，无法收取押金或费用",
                                        f"{card.holder_name} has no room or space to charge against")])
    return "room", room.id, room.code


def _charges(session: Session, actor: Actor, card: GateCard, event: GateCardEvent, today: dt.date,
             items: list[tuple[str, Decimal, tuple[dt.date, dt.date] | None]]) -> list[CardCharge]:
    out = []
    for kind, amount, service in items:
        if amount > 0:
            out.append(cards_billing.add_charge(session, actor, card, event, kind, amount, day=today,
                                                target=_target(session, card), service=service))
    return out


def _result(card: GateCard, charges: list[CardCharge], recovered: bool = False) -> CardResult:
    return CardResult(card.id, card.uid, serial_text(card.serial), card.card_type, card.holder_name,
                      card.place_code, card.valid_from, card.valid_until, card.status,
                      tuple((c.kind, c.amount, c.state) for c in charges), recovered)


def _snapshot(card: GateCard) -> dict:
    return audit.snapshot(card, ["uid", "serial", "card_type", "status", "holder_name", "place_code", "plate",
                                 "valid_from", "valid_until", "deposit", "deposit_state", "wiped"])


# --- operations -----------------------------------------------------------------------------------

def issue_card(session: Session, actor: Actor, card_io: CardIO, secrets: SiteSecrets, req: IssueRequest,
               *, today: dt.date | None = None) -> CardResult:
    """发卡: validate, write the credential to the blank card on the reader, read it back, record it."""
    require(actor, CARD_ISSUE)
    today = today or local_today()
    plan = _plan(session, req, today)
    state = engine.probe(card_io, secrets)
    recovered = _check_card_free(session, state, plan, req.overwrite)
    card = GateCard(
        uid=state.uid_hex, serial=_new_serial(session), card_type=plan.card_type, estate_id=plan.estate_id,
        customer_id=plan.customer_id, room_id=plan.room.id if plan.room else None,
        vehicle_id=plan.vehicle.id if plan.vehicle else None, space_id=plan.space.id if plan.space else None,
        operator_id=plan.operator_id, holder_name=plan.holder_name[:64], place_code=plan.place_code,
        plate=plan.vehicle.plate if plan.vehicle else "", valid_from=plan.valid_from,
        valid_until=plan.valid_until, status="active", sector=secrets.sector,
        key_fingerprint=secrets.fingerprint, deposit=plan.deposit, card_fee=plan.card_fee,
        monthly_fee=plan.monthly_fee, deposit_state="held" if plan.deposit > 0 else "none",
        issued_on=today, note=plan.note)
    engine.write_credential(card_io, secrets, state, _credential(card))
    session.add(card)
    session.flush()
    months = plan.months if plan.monthly_fee else None
    monthly = monthly_charge(plan.monthly_fee, months)[0] if months else ZERO
    total = plan.deposit + plan.card_fee + monthly
    event = _event(session, actor, card, "issue", amount=total,
                   note=("续写中断的卡片；" if recovered else "") + plan.note)
    charges = _charges(session, actor, card, event, today, [
        ("deposit", plan.deposit, None), ("card_fee", plan.card_fee, None),
        ("monthly", monthly, (plan.valid_from, plan.valid_until) if months else None)])
    audit.record(session, actor, "issue", "gate_card", card.id, after=_snapshot(card),
                 summary=f"发{CARD_TYPES[card.card_type]} {card.uid} 给 {card.holder_name} "
                         f"{card.place_code} 有效期至 {card.valid_until}")
    return _result(card, charges, recovered)


def _get(session: Session, card_id: uuid.UUID) -> GateCard:
    card = session.get(GateCard, card_id)
    if card is None or card.deleted_at is not None:
        raise NotFound("门禁卡记录不存在", "card record not found")
    return card


def find_card(session: Session, actor: Actor, number: str) -> GateCard:
    """A card by what is printed or read: its UID (8 or 14 hex digits) or its serial (16).

    For a UID the active card comes first, then the most recently issued one.
    """
    require(actor, MASTER_VIEW)
    text = "".join(ch for ch in number.strip().upper() if ch not in " :-")
    card = None
    if len(text) == 16:
        try:
            card = session.scalar(select(GateCard).where(GateCard.serial == parse_serial(text)))
        except ValueError:
            card = None
    if card is None:
        card = session.scalar(select(GateCard).where(GateCard.uid == text, GateCard.deleted_at.is_(None))
                              .order_by((GateCard.status == "active").desc(), GateCard.issued_on.desc(),
                                        GateCard.created_at.desc()).limit(1))
    if card is None:
        raise NotFound(f"找不到卡号 {number}：请核对卡面号码（卡号 UID 或 16 位凭证号）",
                       f"no card {number}: check the UID or 16-digit serial")
    return card


def renew_card(session: Session, actor: Actor, card_io: CardIO, secrets: SiteSecrets, card_id: uuid.UUID, *,
               valid_until: dt.date | None = None, months: int | None = None,
               today: dt.date | None = None) -> CardResult:
    """延期: rewrite the validity on the card (read back) and record it; monthly cards by whole months."""
    require(actor, CARD_ISSUE)
    today = today or local_today()
    card = _get(session, card_id)
    if card.status != "active":
        raise Conflict(f"卡 {card.uid} 状态为{CARD_STATUSES[card.status]}，不能延期",
                       f"card {card.uid} is {card.status} and cannot be renewed")
    before = _snapshot(card)
    old_until = card.valid_until
    service = None
    if card.monthly_fee:
        if not months:
            raise ValidationFailed([Problem("月数", f"月卡按整月续期（月租 {fmt(card.monthly_fee)} 元）：请填写月数",
                                            "a monthly card is renewed by whole months")])
        start, new_until = renewal_until(card.valid_until, months, today)
        service = (start, new_until)
    else:
        if valid_until is None:
            raise ValidationFailed([Problem("有效期", "请填写新的有效期截止日", "give the new valid-until date")])
        new_until = valid_until
        problems = _validity_problems(card.valid_from, new_until, today)
        if new_until == card.valid_until:
            problems.append(Problem("有效期", "新截止日与原截止日相同", "the new date equals the current one"))
        if problems:
            raise ValidationFailed(problems)
    engine.rewrite_credential(card_io, secrets, bytes.fromhex(card.uid),
                              replace(_credential(card), valid_until=new_until))
    card.valid_until = new_until  # only after the card holds the new validity
    amount = monthly_charge(card.monthly_fee, months)[0] if service else ZERO
    event = _event(session, actor, card, "renew", from_status="active", until_before=old_until, amount=amount)
    charges = _charges(session, actor, card, event, today, [("monthly", amount, service)])
    session.flush()
    b, a = audit.diff(before, _snapshot(card))
    audit.record(session, actor, "renew", "gate_card", card.id, before=b, after=a,
                 summary=f"门禁卡 {card.uid} 延期：{old_until} → {new_until}")
    return _result(card, charges)


def report_lost(session: Session, actor: Actor, card_id: uuid.UUID, *, note: str = "") -> CardResult:
    """挂失: the card is blacklisted at once (every look-up and the next gate list refuse it)."""
    require(actor, CARD_ISSUE)
    card = _get(session, card_id)
    if card.status != "active":
        raise Conflict(f"卡 {card.uid} 状态为{CARD_STATUSES[card.status]}，无需挂失",
                       f"card {card.uid} is {card.status}; nothing to report")
    before = _snapshot(card)
    card.status = "lost"
    card.ended_on = local_today()
    card.end_reason = "lost"
    session.flush()
    _event(session, actor, card, "lost", from_status="active", until_before=card.valid_until, note=note)
    b, a = audit.diff(before, _snapshot(card))
    audit.record(session, actor, "lost", "gate_card", card.id, before=b, after=a,
                 summary=f"挂失{CARD_TYPES[card.card_type]} {card.uid}（{card.holder_name} {card.place_code}）")
    return _result(card, [])


def replace_card(session: Session, actor: Actor, card_io: CardIO, secrets: SiteSecrets, card_id: uuid.UUID, *,
                 fee: Decimal | None = None, today: dt.date | None = None, note: str = "") -> CardResult:
    """补卡: a new card (the blank one on the reader) for the same holder and validity; the old
    card is blacklisted; the deposit moves to the new card; the replacement fee is charged."""
    require(actor, CARD_ISSUE)
    today = today or local_today()
    old = _get(session, card_id)
    if old.status not in ("active", "lost"):
        raise Conflict(f"卡 {old.uid} 已{CARD_STATUSES[old.status]}，不能补卡：请重新发卡",
                       f"card {old.uid} is {old.status}: issue a new card instead")
    tariff = _tariff(session, old.estate_id, old.card_type)
    problems: list[Problem] = []
    amount = _amount(fee if fee is not None else (tariff.replace_fee if tariff else ZERO), "补卡费", problems)
    if amount and old.customer_id is None:
        problems.append(Problem("补卡费", "补卡费需要缴费客户", "a replacement fee needs a paying customer"))
    valid_until = max(old.valid_until, today)
    if problems:
        raise ValidationFailed(problems)
    state = engine.probe(card_io, secrets)
    if state.uid_hex == old.uid:
        raise CardRejected(f"读卡器上是原卡 {old.uid}：补卡请放一张新的空白卡",
                           f"the reader holds the old card {old.uid}: place a new blank card")
    plan = _Plan(old.card_type, old.valid_from, valid_until, None, old.holder_name,
                 customer_id=old.customer_id, room=_live(session, Room, old.room_id),
                 vehicle=_live(session, Vehicle, old.vehicle_id), space=_live(session, ParkingSpace, old.space_id),
                 operator_id=old.operator_id)
    recovered = _check_card_free(session, state, plan, False)
    new = GateCard(
        uid=state.uid_hex, serial=_new_serial(session), card_type=old.card_type, estate_id=old.estate_id,
        customer_id=old.customer_id, room_id=old.room_id, vehicle_id=old.vehicle_id, space_id=old.space_id,
        operator_id=old.operator_id, holder_name=old.holder_name, place_code=old.place_code, plate=old.plate,
        valid_from=old.valid_from, valid_until=valid_until, status="active", sector=secrets.sector,
        key_fingerprint=secrets.fingerprint, deposit=old.deposit, card_fee=amount, monthly_fee=old.monthly_fee,
        deposit_state=old.deposit_state if old.deposit_state == "held" else "none", replaces_id=old.id,
        issued_on=today, note=note.strip()[:500])
    engine.write_credential(card_io, secrets, state, _credential(new))
    session.add(new)
    session.flush()
    before = _snapshot(old)
    old_status = old.status
    old.status, old.replaced_by_id, old.ended_on, old.end_reason = "cancelled", new.id, today, "replaced"
    if old.deposit_state == "held":
        old.deposit_state = "transferred"
    session.flush()
    _event(session, actor, old, "replace", from_status=old_status, until_before=old.valid_until,
           related=new.id, note=f"补发新卡 {new.uid}，原卡列入黑名单")
    event = _event(session, actor, new, "issue", amount=amount, related=old.id,
                   note=f"补卡，替换原卡 {old.uid}" + ("；续写中断的卡片" if recovered else ""))
    charges = _charges(session, actor, new, event, today, [("replace_fee", amount, None)])
    b, a = audit.diff(before, _snapshot(old))
    audit.record(session, actor, "replace", "gate_card", old.id, before=b, after=a | {"replaced_by": new.uid},
                 summary=f"补卡：{old.uid} → {new.uid}（{new.holder_name} {new.place_code}），原卡列入黑名单")
    return _result(new, charges, recovered)


def cancel_card(session: Session, actor: Actor, card_id: uuid.UUID, *, card_io: CardIO | None = None,
                secrets: SiteSecrets | None = None, refund_deposit: bool = True, note: str = "",
                today: dt.date | None = None) -> CardResult:
    """注销.  With the card on the reader (``card_io``): its sector is wiped back to transport
    keys FF×6 and access bits FF 07 80, and the deposit is refunded through billing.
    Without it (not returned): the card is blacklisted and the deposit is kept.

    A card already cancelled without being wiped (lost, replaced, not returned) can be
    cancelled again when it comes back: it is wiped and its deposit refunded then.
    """
    require(actor, CARD_ISSUE)
    today = today or local_today()
    card = _get(session, card_id)
    if card.status == "cancelled" and (card.wiped or card_io is None):
        raise Conflict(f"卡 {card.uid} 已注销" + ("并已清除" if card.wiped else "：如卡片已收回，请放在读卡器上再注销以清除卡片"),
                       f"card {card.uid} is already cancelled" + ("" if card.wiped else "; put it on the reader to wipe it"))
    before = _snapshot(card)
    from_status = card.status
    if card_io is not None:
        if secrets is None:
            raise ValueError("wiping a card needs the site secrets")
        engine.wipe(card_io, secrets, bytes.fromhex(card.uid))
        card.wiped = True
    card.status = "cancelled"
    if from_status != "cancelled":
        card.ended_on, card.end_reason = today, "cancelled"
    session.flush()
    refund = ZERO
    refund_charges: list[CardCharge] = []
    returned = card_io is not None
    event = _event(session, actor, card, "cancel", from_status=from_status, until_before=card.valid_until,
                   note=("卡片已收回并清除" if returned else "卡片未收回，已列入黑名单") + (f"；{note}" if note else ""))
    if returned and refund_deposit and card.deposit_state == "held":
        refund_charges = _refund_deposit(session, actor, card, event, today)
        refund = card.deposit
        card.deposit_state = "refunded"
    session.flush()
    b, a = audit.diff(before, _snapshot(card))
    audit.record(session, actor, "cancel", "gate_card", card.id, before=b, after=a,
                 summary=f"注销{CARD_TYPES[card.card_type]} {card.uid}（{card.holder_name}）"
                         + (f"，退押金 {fmt(refund)} 元" if refund else "")
                         + ("" if returned else "，卡未收回，列入黑名单"))
    return _result(card, refund_charges)


def _deposit_charge(session: Session, card: GateCard) -> CardCharge | None:
    """The charge that took this card's deposit (following replacements back to the first card)."""
    seen = set()
    current: GateCard | None = card
    while current is not None and current.id not in seen:
        seen.add(current.id)
        charge = session.scalar(select(CardCharge).where(
            CardCharge.card_id == current.id, CardCharge.kind == "deposit", CardCharge.state != "void"))
        if charge is not None:
            return charge
        current = session.get(GateCard, current.replaces_id) if current.replaces_id else None
    return None


def _refund_deposit(session: Session, actor: Actor, card: GateCard, event: GateCardEvent,
                    today: dt.date) -> list[CardCharge]:
    original = _deposit_charge(session, card)
    if original is not None and cards_billing.void_pending(session, actor, original,
                                                           f"门禁卡 {card.uid} 注销时押金尚未交财务入账"):
        return [original]
    refund = cards_billing.add_charge(session, actor, card, event, "deposit_refund", card.deposit, day=today,
                                      target=_target(session, card), refund_of=original)
    return [refund]


# --- look-ups ----------------------------------------------------------------------------------------

def holder_for_uid(session: Session, actor: Actor, uid: str, *, today: dt.date | None = None) -> HolderInfo | None:
    """The cashier's look-up: who holds the card with this UID (active card first, else the
    latest issued), or None for a card this office never issued."""
    require(actor, MASTER_VIEW)
    try:
        card = find_card(session, actor, uid)
    except NotFound:
        return None
    today = today or local_today()
    status = card.effective_status(today)
    room = session.get(Room, card.room_id) if card.room_id else None
    space = session.get(ParkingSpace, card.space_id) if card.space_id else None
    return HolderInfo(
        card_id=card.id, uid=card.uid, serial=serial_text(card.serial), card_type=card.card_type,
        type_label=CARD_TYPES[card.card_type], status=status, status_label=CARD_STATUSES[status],
        valid_from=card.valid_from, valid_until=card.valid_until, holder_name=card.holder_name,
        customer_id=card.customer_id, room_id=card.room_id, room_code=room.code if room else "",
        vehicle_id=card.vehicle_id, plate=card.plate, space_id=card.space_id,
        space_code=space.code if space else "", estate_id=card.estate_id, monthly_fee=card.monthly_fee,
        deposit=card.deposit)


def _rows(session: Session, stmt, today: dt.date) -> list[CardRow]:
    cards = list(session.scalars(stmt))
    pending: dict[uuid.UUID, int] = {}
    deposit_due: set[uuid.UUID] = set()
    for c in cards_billing.pending_charges(session):
        pending[c.card_id] = pending.get(c.card_id, 0) + 1
        if c.kind == "deposit":
            deposit_due.add(c.card_id)
    return [CardRow(c.id, c.uid, serial_text(c.serial), c.card_type, c.effective_status(today), c.holder_name,
                    c.place_code, c.plate, c.valid_from, c.valid_until, c.deposit,
                    "due" if c.deposit_state == "held" and c.id in deposit_due else c.deposit_state, c.issued_on,
                    pending.get(c.id, 0), c.monthly_fee, c.wiped) for c in cards]


def _ordered(stmt):
    return stmt.where(GateCard.deleted_at.is_(None)).order_by(
        (GateCard.status == "active").desc(), GateCard.issued_on.desc(), GateCard.created_at.desc())


def cards_of_room(session: Session, actor: Actor, room_id: uuid.UUID, *, today: dt.date | None = None) -> list[CardRow]:
    """The room's cards (resident and temporary cards of the room, vehicle cards of its people)."""
    require(actor, MASTER_VIEW)
    customers = select(Occupancy.customer_id).where(Occupancy.room_id == room_id, Occupancy.deleted_at.is_(None))
    stmt = select(GateCard).where(or_(GateCard.room_id == room_id,
                                      (GateCard.card_type == "vehicle") & GateCard.customer_id.in_(customers)))
    return _rows(session, _ordered(stmt), today or local_today())


def cards_of_customer(session: Session, actor: Actor, customer_id: uuid.UUID, *,
                      today: dt.date | None = None) -> list[CardRow]:
    require(actor, MASTER_VIEW)
    return _rows(session, _ordered(select(GateCard).where(GateCard.customer_id == customer_id)),
                 today or local_today())


def search_cards(session: Session, actor: Actor, text: str = "", *, status: str | None = None,
                 limit: int = 200, today: dt.date | None = None) -> list[CardRow]:
    """Cards whose UID, serial, holder, room/space code or plate contains ``text``."""
    require(actor, MASTER_VIEW)
    today = today or local_today()
    stmt = select(GateCard)
    words = text.strip()
    if words:
        like = f"%{words.upper()}%"
        stmt = stmt.where(or_(GateCard.uid.like(like), GateCard.holder_name.like(f"%{words}%"),
                              GateCard.place_code.like(like), GateCard.plate.like(like)))
    if status == "expired":
        stmt = stmt.where(GateCard.status == "active", GateCard.valid_until < today)
    elif status == "active":
        stmt = stmt.where(GateCard.status == "active", GateCard.valid_until >= today)
    elif status:
        stmt = stmt.where(GateCard.status == status)
    return _rows(session, _ordered(stmt).limit(limit), today)


def card_history(session: Session, actor: Actor, card_id: uuid.UUID) -> list[HistoryRow]:
    """The card's events, oldest first, including the card it replaced (one chain)."""
    require(actor, MASTER_VIEW)
    card = _get(session, card_id)
    ids = [card.id]
    seen = {card.id}
    current = card
    while current.replaces_id and current.replaces_id not in seen:
        seen.add(current.replaces_id)
        ids.append(current.replaces_id)
        current = _get(session, current.replaces_id)
    events = session.scalars(select(GateCardEvent).where(GateCardEvent.card_id.in_(ids))
                             .order_by(GateCardEvent.at, GateCardEvent.id))
    return [HistoryRow(e.at, e.action, e.from_status, e.to_status, e.valid_until_before, e.valid_until_after,
                       e.amount, e.note, e.operator_name, e.uid) for e in events]


def card_detail(session: Session, actor: Actor, card_id: uuid.UUID, *, today: dt.date | None = None) -> CardRow:
    require(actor, MASTER_VIEW)
    card = _get(session, card_id)
    return _rows(session, select(GateCard).where(GateCard.id == card.id), today or local_today())[0]


@dataclass(frozen=True)
class IssueForm:
    """What the issuance dialog offers: the room, its people and vehicles, and the tariffs."""

    room_id: uuid.UUID | None
    room_code: str
    estate_id: uuid.UUID | None
    people: tuple[tuple[uuid.UUID, str, str], ...]            # (customer id, name, role)
    vehicles: tuple[tuple[uuid.UUID, str, str, str], ...]     # (vehicle id, plate, owner, space code)
    tariffs: dict[str, tuple[Decimal, Decimal, Decimal, Decimal | None]]  # type → deposit, fee, replace, monthly


def issue_form(session: Session, actor: Actor, *, room_id: uuid.UUID | None = None,
               customer_id: uuid.UUID | None = None) -> IssueForm:
    require(actor, MASTER_VIEW)
    room = _live(session, Room, room_id)
    if room is None and customer_id is not None:
        room = _customer_room(session, customer_id)
    if customer_id is not None:
        customer = _live(session, Customer, customer_id)
        people = [customer] if customer else []
    else:
        people = _current_occupants(session, room.id) if room else []
    roles = {}
    if room is not None:
        roles = dict(session.execute(select(Occupancy.customer_id, Occupancy.role).where(
            Occupancy.room_id == room.id, Occupancy.end_date.is_(None), Occupancy.deleted_at.is_(None))).all())
    ids = [c.id for c in people]
    vehicles = session.execute(
        select(Vehicle.id, Vehicle.plate, Customer.name, ParkingSpace.code)
        .join(Customer, Customer.id == Vehicle.customer_id)
        .outerjoin(ParkingSpace, ParkingSpace.id == Vehicle.space_id)
        .where(Vehicle.customer_id.in_(ids), Vehicle.deleted_at.is_(None)).order_by(Vehicle.plate)).all()
    estate_id = room.estate_id if room else None
    tariffs = {}
    if estate_id is not None:
        for t in session.scalars(select(CardTariff).where(CardTariff.estate_id == estate_id,
                                                          CardTariff.deleted_at.is_(None))):
            tariffs[t.card_type] = (t.deposit, t.card_fee, t.replace_fee, t.monthly_fee)
    return IssueForm(room.id if room else None, room.code if room else "", estate_id,
                     tuple((c.id, c.name, roles.get(c.id, "")) for c in people),
                     tuple((v, p, n, sc or "") for v, p, n, sc in vehicles), tariffs)


@dataclass(frozen=True)
class Inspection:
    """A card read at the front desk: what the card says and what the database says."""

    state: CardState
    card: CardRow | None
    verdict: object   # propdesk.cards.verify.Verdict

    def as_dict(self) -> dict:
        data = dict(self.verdict.as_dict())  # type: ignore[attr-defined]
        data["keys"] = self.state.keys
        if self.card is not None:
            data["record"] = {"card_id": str(self.card.card_id), "status": self.card.status,
                              "status_label": CARD_STATUSES[self.card.status], "holder": self.card.holder_name,
                              "place": self.card.place_code, "valid_until": self.card.valid_until.isoformat()}
        return data


def inspect_card(session: Session, actor: Actor, card_io: CardIO, secrets: SiteSecrets, *,
                 today: dt.date | None = None) -> Inspection:
    """读卡核验: read the card on the reader and judge it against the database's current lists."""
    from propdesk.cards.verify import decide
    from propdesk.services.cards_lists import current_gate_list

    require(actor, MASTER_VIEW)
    today = today or local_today()
    state = engine.probe(card_io, secrets)
    gate = current_gate_list(session, today, site=secrets.fingerprint)
    verdict = decide(state, today, gate)
    row = None
    if state.credential is not None:
        card = session.scalar(select(GateCard).where(GateCard.serial == state.credential.serial))
        if card is not None:
            row = _rows(session, select(GateCard).where(GateCard.id == card.id), today)[0]
    return Inspection(state, row, verdict)


__all__ = [
    "CARD_ACTIONS", "CARD_STATUSES", "CARD_TYPES", "DEPOSIT_STATES", "CardResult", "CardRow", "HistoryRow",
    "HolderInfo", "Inspection", "IssueForm", "IssueRequest", "issue_form", "cancel_card", "card_detail", "card_history",
    "cards_of_customer", "cards_of_room", "find_card", "holder_for_uid", "inspect_card", "issue_card",
    "renew_card", "replace_card", "report_lost", "search_cards",
]
