"""Finding the payer at the desk: by search hit, by room code, or by gate card.

Gate cards: a card swiped on the desk's reader is looked up in the cards
service (:func:`propdesk.services.cards.holder_for_uid`), a plain call
between two services of the core; only a card in force finds its holder.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.errors import Conflict, NotFound
from propdesk.models import Occupancy, ParkingSpace, Room
from propdesk.security import PAY_COLLECT, Actor, require


def customer_for_card(session: Session, actor: Actor, uid_hex: str, *,
                      today: dt.date | None = None) -> uuid.UUID:
    """The customer who pays for the card with this UID.  A card this office never
    issued, a card without a paying customer (staff cards) and a card that is not in
    force (lost, expired, cancelled) are refused, naming the card and why."""
    from propdesk.services.cards import holder_for_uid

    require(actor, PAY_COLLECT)
    uid = uid_hex.strip().upper().replace(" ", "").replace(":", "")
    holder = holder_for_uid(session, actor, uid, today=today)
    if holder is None:
        raise NotFound(f"未识别的卡（卡号 {uid}）：本处没有发过这张卡，请改用房号或姓名查找",
                       f"unknown card {uid}: not issued here; search by room or name")
    card = f"{holder.type_label} {holder.uid}（{holder.holder_name}" \
           + (f" {holder.room_code or holder.space_code}" if holder.room_code or holder.space_code else "") + "）"
    if not holder.usable:
        why = {"lost": "已挂失", "cancelled": "已注销",
               "expired": f"已过期（有效期至 {holder.valid_until:%Y-%m-%d}）"}.get(holder.status, holder.status_label)
        raise Conflict(f"{card}{why}，不能用于收费：请改用房号或姓名查找交款人",
                       f"card {holder.uid} ({holder.holder_name}) is {holder.status}; search by room or name")
    if holder.customer_id is None:
        raise NotFound(f"{card}没有对应的交款人：请改用房号或姓名查找",
                       f"card {holder.uid} belongs to no paying customer; search by room or name")
    return holder.customer_id


def customers_of(session: Session, kind: str, target_id: uuid.UUID) -> list[uuid.UUID]:
    """Current holders of a room or parking space, owner first."""
    col = Occupancy.room_id if kind == "room" else Occupancy.space_id
    rows = session.execute(select(Occupancy.customer_id, Occupancy.role).where(
        col == target_id, Occupancy.end_date.is_(None), Occupancy.deleted_at.is_(None)))
    order = {"owner": 0, "tenant": 1, "resident": 2}
    return list(dict.fromkeys(cid for cid, role in sorted(rows, key=lambda r: order.get(r[1], 9))))


def target_by_code(session: Session, code: str) -> tuple[str, uuid.UUID]:
    code = code.strip().upper()
    rid = session.scalar(select(Room.id).where(Room.code == code, Room.deleted_at.is_(None)))
    if rid:
        return "room", rid
    sid = session.scalar(select(ParkingSpace.id).where(ParkingSpace.code == code,
                                                       ParkingSpace.deleted_at.is_(None)))
    if sid:
        return "space", sid
    raise NotFound(f"找不到房间或车位 {code}", f"no room or parking space {code}")


def holdings(session: Session, customer_id: uuid.UUID) -> list[tuple[str, uuid.UUID]]:
    """The rooms and spaces the customer holds now, as (kind, id)."""
    rows = session.execute(select(Occupancy.room_id, Occupancy.space_id).where(
        Occupancy.customer_id == customer_id, Occupancy.end_date.is_(None), Occupancy.deleted_at.is_(None)))
    return [("room", r) if r else ("space", s) for r, s in rows]


def payer_for_hit(session: Session, actor: Actor, kind: str, target_id: uuid.UUID,
                  customer_id: uuid.UUID | None) -> uuid.UUID:
    """The customer a search hit means: the one matched, or the room's owner (then tenant)."""
    require(actor, PAY_COLLECT)
    if customer_id is not None:
        return customer_id
    ids = customers_of(session, kind, target_id)
    if not ids:
        raise NotFound("该房间/车位没有当前业主或租户，无法收费", "nobody holds this room or space now")
    return ids[0]
