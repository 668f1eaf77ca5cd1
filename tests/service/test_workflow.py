"""The work-order state machine, exhaustively: every (kind, state, action)."""

from __future__ import annotations

import itertools

import pytest

from propdesk.errors import Conflict, ValidationFailed
from propdesk.models.service import WorkOrder
from propdesk.services.service_desk import workflow, workorders as wo
from propdesk.services.service_desk.codes import STATES, WORK_ORDER_KINDS
from tests.service.conftest import NOW

ACTIONS = ["dispatch", "start", "finish", "visit", "rework", "suspend", "resume", "cancel"]

# Written out by hand from the issue: 待派工 → 已派工 → 处理中 → 待回访 → 已完成,
# 挂起 and 取消 from any open state, 改派 while dispatched or under way, 返修 after a
# failed return visit; public and maintenance work has no return visit.
REPAIR = {
    ("pending", "dispatch"): "dispatched",
    ("pending", "suspend"): "suspended",
    ("pending", "cancel"): "cancelled",
    ("dispatched", "dispatch"): "dispatched",
    ("dispatched", "start"): "in_progress",
    ("dispatched", "suspend"): "suspended",
    ("dispatched", "cancel"): "cancelled",
    ("in_progress", "dispatch"): "dispatched",
    ("in_progress", "finish"): "to_visit",
    ("in_progress", "suspend"): "suspended",
    ("in_progress", "cancel"): "cancelled",
    ("to_visit", "visit"): "done",
    ("to_visit", "rework"): "dispatched",
    ("suspended", "cancel"): "cancelled",
    # ("suspended", "resume") goes back to where it was: checked separately.
}
NO_VISIT = {k: v for k, v in REPAIR.items() if k[0] != "to_visit"}
NO_VISIT[("in_progress", "finish")] = "done"
EXPECTED = {"repair": REPAIR, "public": NO_VISIT, "maintenance": NO_VISIT}


@pytest.mark.parametrize("kind,state,action",
                         list(itertools.product(WORK_ORDER_KINDS, STATES, ACTIONS)))
def test_transition_table(kind, state, action):
    if (state, action) == ("suspended", "resume"):
        for held in ("pending", "dispatched", "in_progress"):
            assert workflow.target(kind, state, action, held) == held
        assert workflow.target(kind, state, action, "") is None
        return
    assert workflow.target(kind, state, action, "dispatched") == EXPECTED[kind].get((state, action))


def test_terminal_states_allow_nothing():
    for kind in WORK_ORDER_KINDS:
        assert workflow.allowed_actions(kind, "done") == []
        assert workflow.allowed_actions(kind, "cancelled") == []


def test_refusal_names_what_is_possible():
    with pytest.raises(Conflict) as e:
        workflow.check("repair", "pending", "finish", "BX-T01-20261123-0001")
    assert "待派工" in e.value.zh and "派工" in e.value.zh and "BX-T01-20261123-0001" in e.value.zh


# --- the same table, through the services on real orders --------------------------------

def _order_in(s, office, state: str, kind: str = "repair") -> WorkOrder:
    """A fresh order walked to ``state`` along the legal path."""
    sup = office.supervisor
    if kind == "repair":
        o = wo.create_order(s, office.frontdesk, room_id=office.room_id, category="水电",
                            description="厨房水龙头漏水", now=NOW)
    else:
        o = wo.create_order(s, office.frontdesk, kind=kind, location="3栋大堂", category="公共设施",
                            description="大堂灯不亮", now=NOW)
    eng = office.engineer.operator_id
    path = {
        "pending": [],
        "dispatched": [("dispatch", {"engineer_id": eng})],
        "in_progress": [("dispatch", {"engineer_id": eng}), ("start", {})],
        "to_visit": [("dispatch", {"engineer_id": eng}), ("start", {}),
                     ("finish", {"result": "更换阀芯"})],
        "done": [("dispatch", {"engineer_id": eng}), ("start", {}),
                 ("finish", {"result": "更换阀芯"})]
        + ([("visit", {"satisfaction": "满意"})] if kind == "repair" else []),
        "suspended": [("dispatch", {"engineer_id": eng}), ("suspend", {"reason": "等配件"})],
        "cancelled": [("cancel", {"reason": "业主撤回"})],
    }[state]
    for action, kw in path:
        wo.apply(s, sup, o.id, action, now=NOW, **kw)
    assert o.state == state or (kind != "repair" and state == "to_visit")
    return o


def _args(office, action: str) -> dict:
    return {
        "dispatch": {"engineer_id": office.engineer2.operator_id},
        "finish": {"result": "已修好"},
        "visit": {"satisfaction": "满意"},
        "rework": {"reason": "仍在滴水"},
        "suspend": {"reason": "等配件"},
        "cancel": {"reason": "业主撤回"},
    }.get(action, {})


@pytest.mark.parametrize("kind", ["repair", "maintenance"])
def test_services_follow_the_table(db, office, kind):
    states = [st for st in STATES if not (kind != "repair" and st == "to_visit")]
    with db.session() as s:
        for state, action in itertools.product(states, ACTIONS):
            o = _order_in(s, office, state, kind)
            expected = EXPECTED[kind].get((state, action))
            if (state, action) == ("suspended", "resume"):
                expected = "dispatched"
            if expected is None:
                with pytest.raises(Conflict):
                    wo.apply(s, office.supervisor, o.id, action, now=NOW, **_args(office, action))
                assert o.state == state
            else:
                wo.apply(s, office.supervisor, o.id, action, now=NOW, **_args(office, action))
                assert o.state == expected, (state, action)


def test_reasons_are_required(db, office):
    with db.session() as s:
        o = _order_in(s, office, "dispatched")
        for action in ("suspend", "cancel"):
            with pytest.raises(ValidationFailed) as e:
                wo.apply(s, office.supervisor, o.id, action, reason="  ", now=NOW)
            assert "原因" in e.value.problems[0].where
        assert o.state == "dispatched"
        o2 = _order_in(s, office, "to_visit")
        with pytest.raises(ValidationFailed):
            wo.rework(s, office.supervisor, o2.id, reason="", now=NOW)
        assert o2.state == "to_visit"
