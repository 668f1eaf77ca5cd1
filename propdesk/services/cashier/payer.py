"""Finding the payer at the desk: by search hit, by room code, or by gate card.

Gate cards: the cards area resolves a card UID to its holder.  Until it
registers its resolver with :func:`register_card_lookup`, a swiped card is
answered with "未识别的卡".  The hook takes ``(session, uid_hex)`` and
returns the holder's customer id or None.
"""

from __future__ import annotations

import uuid
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from propdesk.errors import NotFound
from propdesk.models import Occupancy, ParkingSpace, Room
from propdesk.security import PAY_COLLECT, Actor, require

CardLookup = Callable[[Session, str], "uuid.UUID | None"]
_card_lookup: CardLookup | None = None


def register_card_lookup(fn: CardLookup | None) -> None:
    """The cards area calls this once at start-up with its UID → holder resolver."""
    global _card_lookup
    _card_lookup = fn


def customer_for_card(session: Session, actor: Actor, uid_hex: str) -> uuid.UUID:
    require(actor, PAY_COLLECT)
    uid = uid_hex.strip().upper().replace(" ", "").replace(":", "")
    customer_id = _card_lookup(session, uid) if _card_lookup else None
    if customer_id is None:
        raise NotFound(f"未识别的卡（卡号 {uid}）：该卡未发放或已挂失，请改用房号或姓名查找",
                       f"unknown card {uid}: not issued or reported lost; search by room or name")
    return customer_id


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
