"""Changes that go to a 主管's review instead of being merged silently.

A rule names a table, the columns it guards (None: all) and a condition on
the row (wire values).  When two terminals change a guarded column
concurrently with different values, the value already at the centre stays and
the other one is logged with kind ``review``; a 主管 then keeps it or
re-applies the other value.  A *new* row that collides with a live row on a
unique key (a second current owner of one room, …) is always held: it is
stored tombstoned and logged as ``duplicate``.

Other areas register their own rules here, next to the two built in::

    from propdesk.sync.rules import register_review
    register_review("gate_card", {"customer_id", "room_id"}, lambda row: True,
                    "门禁卡分配", "card assignment")
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class ReviewRule:
    table: str
    columns: frozenset[str] | None
    when: Callable[[dict[str, Any]], bool]
    zh: str
    en: str


_RULES: dict[str, list[ReviewRule]] = {}


def register_review(table: str, columns, when: Callable[[dict[str, Any]], bool],
                    zh: str, en: str) -> ReviewRule:
    rule = ReviewRule(table, frozenset(columns) if columns is not None else None, when, zh, en)
    _RULES.setdefault(table, []).append(rule)
    return rule


def rules_for(table: str) -> list[ReviewRule]:
    return list(_RULES.get(table, ()))


def review_check(table: str, *rows: dict[str, Any] | None) -> Callable[[str], bool]:
    """A ``column -> bool`` for :func:`propdesk.sync.merge.merge`: guarded for these rows?"""
    active = [r for r in _RULES.get(table, ()) if any(row and r.when(row) for row in rows)]
    if not active:
        return lambda column: False
    return lambda column: any(r.columns is None or column in r.columns for r in active)


def describe(table: str, row: dict[str, Any] | None) -> tuple[str, str]:
    for r in _RULES.get(table, ()):
        if row and r.when(row):
            return r.zh, r.en
    return "", ""


# 业主变更: who owns a room is a legal fact; two offices disagreeing is for a person to settle.
register_review("occupancy", None, lambda row: row.get("role") == "owner",
                "业主变更", "owner change")
# 门禁卡分配: which person/room/vehicle a card opens doors for.
register_review(
    "gate_card",
    {"customer_id", "room_id", "vehicle_id", "space_id", "holder_name", "place_code", "plate",
     "status"},
    lambda row: True, "门禁卡分配", "card assignment")
