"""The written orders in which money meets bills.

Prepayment offset (预存冲抵), automatic after every bill run and on demand:

1. Earmarked prepayment (专项预存, for one fee item) pays bill items of that
   fee item only; then general prepayment (通用预存) pays any item.
2. Within each pass, the oldest bill item first: by billing period, then due
   date, then the fee item's sort order, then the item's key (stable).
3. An item is paid in full when the balance allows, else partly with what is
   left; nothing is ever allocated beyond an item's outstanding amount.

Partial payment at the cashier (部分缴费): the amount settles the items in the
order the cashier chose (by default the order above); each late fee is settled
immediately before its own principal; the last item reached may be settled
partly.  Late fee then keeps accruing only on the unpaid principal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Hashable, Mapping, Sequence

from propdesk.money import ZERO


@dataclass(frozen=True)
class OpenItem:
    key: Hashable                 # the bill item (slot)
    fee_item_id: Hashable
    period: str                   # YYYY-MM of the bill
    due_date: dt.date
    sort_key: int
    outstanding: Decimal


def oldest_first(items: Sequence[OpenItem]) -> list[OpenItem]:
    return sorted(items, key=lambda i: (i.period, i.due_date, i.sort_key, str(i.key)))


def plan_offsets(balances: Mapping[Hashable | None, Decimal],
                 items: Sequence[OpenItem]) -> list[tuple[Hashable | None, Hashable, Decimal]]:
    """(earmark, item key, amount) allocations of prepaid ``balances`` (earmark
    None = general) to ``items``, in the written order."""
    left = {k: v for k, v in balances.items() if v > 0}
    due = {i.key: i.outstanding for i in items}
    out = []
    ordered = oldest_first([i for i in items if i.outstanding > 0])
    for general in (False, True):
        for item in ordered:
            mark = None if general else item.fee_item_id
            if mark is None and not general:
                continue
            have = left.get(mark, ZERO)
            take = min(have, due[item.key])
            if take > 0:
                out.append((mark, item.key, take))
                left[mark] = have - take
                due[item.key] -= take
    return out


def plan_settlement(amount: Decimal, items: Sequence[OpenItem]) -> list[tuple[Hashable, Decimal]]:
    """Spread a payment of ``amount`` over ``items`` in the given order."""
    if amount < 0:
        raise ValueError("payment amount cannot be negative")
    out, left = [], amount
    for item in items:
        if left <= 0:
            break
        take = min(left, item.outstanding)
        if take > 0:
            out.append((item.key, take))
            left -= take
    return out
