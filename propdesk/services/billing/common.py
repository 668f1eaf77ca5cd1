"""Helpers shared by the billing services: keys, periods, the ledger writer."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from propdesk.billing.periods import Period, PeriodError
from propdesk.errors import NotFound, Problem, ValidationFailed
from propdesk.models.billing import FeeItem, LedgerEntry, PeriodClose
from propdesk.money import ZERO
from propdesk.security import Actor

# Seed rows get deterministic ids so two terminals seeding on their own agree.
SEED_NAMESPACE = uuid.UUID("6f1c2a52-6a3e-4f0e-9c55-2b7f0d6b1a10")


def seed_id(kind: str, code: str) -> uuid.UUID:
    return uuid.uuid5(SEED_NAMESPACE, f"{kind}:{code}")


def period_index(p: Period) -> int:
    return p.year * 12 + (p.month - 1)


def slot_prefix(period: Period) -> bytes:
    return period_index(period).to_bytes(4, "big")


def slot_key(prefix: bytes, key: bytes) -> bytes:
    """The 16 bytes of the slot for a period prefix and a key (the hot path of bill
    runs, which keys its lines by these bytes and never builds uuid objects)."""
    h = bytearray(prefix + hashlib.blake2b(key, digest_size=12).digest())
    h[6] = (h[6] & 0x0F) | 0x80  # version 8
    h[8] = (h[8] & 0x3F) | 0x80  # RFC 9562 variant
    return bytes(h)


def slot_from(prefix: bytes, key: bytes) -> uuid.UUID:
    return uuid.UUID(bytes=slot_key(prefix, key))


def slot_id(period: Period, *parts: object) -> uuid.UUID:
    """The key of a bill item (应收项), a version-8 UUID (RFC 9562, custom).

    The first 4 bytes are the billing period, so all items of a period lie in
    one key range (idempotency checks need no extra index); the other 12 bytes
    hash ``parts`` (standard, target, payer …), so the same inputs always give
    the same key and a repeated bill run finds its own lines.
    """
    key = b"".join(p.bytes if isinstance(p, uuid.UUID) else str(p).encode() for p in parts)
    return slot_from(slot_prefix(period), key)


def new_slot(period: Period) -> uuid.UUID:
    """A fresh bill item key in ``period``'s range (one-off charges, opening debts)."""
    return slot_id(period, uuid.uuid4())


def slot_range(period: Period) -> tuple[uuid.UUID, uuid.UUID]:
    head = period_index(period).to_bytes(4, "big")
    return uuid.UUID(bytes=head + b"\x00" * 12), uuid.UUID(bytes=head + b"\xff" * 12)


def slot_period(slot: uuid.UUID) -> Period:
    idx = int.from_bytes(slot.bytes[:4], "big")
    return Period(idx // 12, idx % 12 + 1)


def parse_period(text: "str | Period", where: str = "账期") -> Period:
    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise ValidationFailed([Problem(where, str(exc), f"invalid period {text!r}; use YYYY-MM")]) from None


def last_closed(session: Session, estate_id: uuid.UUID) -> Period | None:
    p = session.scalar(select(func.max(PeriodClose.period)).where(PeriodClose.estate_id == estate_id))
    return Period.parse(p) if p else None


def posting_period(session: Session, estate_id: uuid.UUID | None, wanted: Period,
                   cache: dict | None = None) -> Period:
    """The period a document belongs in: ``wanted``, or the first open period of
    the estate when ``wanted`` is already closed (corrections go forward)."""
    if estate_id is None:
        return wanted
    if cache is not None and estate_id in cache:
        closed = cache[estate_id]
    else:
        closed = last_closed(session, estate_id)
        if cache is not None:
            cache[estate_id] = closed
    if closed is not None and wanted <= closed:
        return closed.add(1)
    return wanted


def fee_item(session: Session, ref: "uuid.UUID | str") -> FeeItem:
    """A fee item by id, code or name."""
    item = None
    if isinstance(ref, uuid.UUID):
        item = session.get(FeeItem, ref)
    else:
        text = str(ref).strip()
        item = session.scalar(select(FeeItem).where(FeeItem.code == text.upper(),
                                                    FeeItem.deleted_at.is_(None)))
        if item is None:
            item = session.scalar(select(FeeItem).where(FeeItem.name == text,
                                                        FeeItem.deleted_at.is_(None)))
    if item is None or item.deleted_at is not None:
        raise NotFound(f"找不到收费项目 {ref}，请用收费项目的编码或名称（propdesk fee items 列出全部）",
                       f"no fee item {ref}")
    return item


def ledger(session: Session, actor: Actor, *, customer_id: uuid.UUID, account: str,
           amount: Decimal, kind: str, doc_type: str, doc_id: uuid.UUID, on: dt.date,
           post_period: Period, estate_id: uuid.UUID | None = None,
           earmark_id: uuid.UUID | None = None, memo: str = "") -> LedgerEntry | None:
    """Append one ledger entry (nothing for a zero amount)."""
    if amount == ZERO:
        return None
    e = LedgerEntry(customer_id=customer_id, account=account, earmark_id=earmark_id,
                    amount=amount, kind=kind, doc_type=doc_type, doc_id=doc_id, entry_date=on,
                    post_period=str(post_period), estate_id=estate_id, memo=memo[:256],
                    operator_name=actor.label[:64])
    session.add(e)
    return e
