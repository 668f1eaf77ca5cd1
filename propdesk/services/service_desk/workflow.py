"""The work-order state machine: which action may move an order from which state.

::

    待派工 ──派工──▶ 已派工 ──开始处理──▶ 处理中 ──完工──▶ 待回访 ──回访──▶ 已完成
      │               ▲ │  ▲ (改派)            │               │
      │               │ │  └──────────────────┘ ◀────返修──────┘
      └──挂起/取消──── 任何未完结状态可挂起（恢复回原状态）或取消（需填写原因）

Public-area and maintenance orders have nobody to call back: their 完工 goes
straight to 已完成.  Everything not in :data:`TRANSITIONS` is refused.
"""

from __future__ import annotations

from propdesk.errors import Conflict
from propdesk.services.service_desk.codes import ACTIONS, STATES

RESUME = "<held_from>"  # the state an order was in when it was suspended

TRANSITIONS: dict[str, dict[str, str]] = {
    "dispatch": {"pending": "dispatched", "dispatched": "dispatched",
                 "in_progress": "dispatched"},
    "start": {"dispatched": "in_progress"},
    "finish": {"in_progress": "to_visit"},
    "visit": {"to_visit": "done"},
    "rework": {"to_visit": "dispatched"},
    "suspend": {"pending": "suspended", "dispatched": "suspended", "in_progress": "suspended"},
    "resume": {"suspended": RESUME},
    "cancel": {"pending": "cancelled", "dispatched": "cancelled", "in_progress": "cancelled",
               "suspended": "cancelled"},
}

# Kinds whose completion needs no return visit (回访).
NO_VISIT_KINDS = frozenset({"public", "maintenance"})

# Actions that need a written reason.
REASON_REQUIRED = frozenset({"suspend", "cancel", "rework"})

# Work may be recorded (materials, labour) only while the order is being worked on.
WORKING_STATES = frozenset({"dispatched", "in_progress"})


def target(kind: str, state: str, action: str, held_from: str = "") -> str | None:
    """The state ``action`` leads to from ``state``, or None when it is not allowed."""
    to = TRANSITIONS.get(action, {}).get(state)
    if to is None:
        return None
    if to == RESUME:
        return held_from if held_from in TRANSITIONS["suspend"] else None
    if action == "finish" and kind in NO_VISIT_KINDS:
        return "done"
    if action in ("visit", "rework") and kind in NO_VISIT_KINDS:
        return None
    return to


def allowed_actions(kind: str, state: str, held_from: str = "") -> list[str]:
    """The actions possible from ``state``, in the order the UI offers them."""
    return [a for a in TRANSITIONS if target(kind, state, a, held_from) is not None]


def check(kind: str, state: str, action: str, number: str, held_from: str = "") -> str:
    """The target state, or a Conflict saying what is possible instead."""
    to = target(kind, state, action, held_from)
    if to is None:
        possible = "、".join(ACTIONS[a] for a in allowed_actions(kind, state, held_from)) or "无"
        raise Conflict(
            f"工单 {number} 当前状态为“{STATES.get(state, state)}”，不能{ACTIONS.get(action, action)}；"
            f"可进行的操作：{possible}",
            f"work order {number} is {state}; cannot {action} "
            f"(possible: {', '.join(allowed_actions(kind, state, held_from)) or 'none'})")
    return to
