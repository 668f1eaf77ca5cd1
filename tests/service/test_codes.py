"""Every coded value fits the column that stores it (SQLite would not tell; PostgreSQL would)."""

from __future__ import annotations

import pytest

from propdesk.models.service import (
    Complaint, Equipment, EquipmentRecord, MaintenancePlan, StockMovement, WorkOrder,
    WorkOrderEvent,
)
from propdesk.services.service_desk import codes, complaints

CASES = [
    (codes.WORK_ORDER_KINDS, WorkOrder.kind), (codes.CATEGORIES, WorkOrder.category),
    (codes.SOURCES, WorkOrder.source), (codes.URGENCIES, WorkOrder.urgency),
    (codes.STATES, WorkOrder.state), (codes.STATES, WorkOrder.held_from),
    (codes.SATISFACTION, WorkOrder.satisfaction), (codes.CHARGE_STATES, WorkOrder.charge_state),
    (codes.ACTIONS, WorkOrderEvent.action), (codes.STATES, WorkOrderEvent.to_state),
    (codes.IDENTITIES, Complaint.identity), (codes.REPLY_METHODS, Complaint.reply_method),
    (codes.DEPARTMENTS, Complaint.department), (codes.COMPLAINT_STATES, Complaint.state),
    (codes.SATISFACTION, Complaint.satisfaction), (codes.EQUIPMENT_KINDS, Equipment.kind),
    (codes.EQUIPMENT_STATUSES, Equipment.status), (codes.RECORD_KINDS, EquipmentRecord.kind),
    (codes.FREQUENCIES, MaintenancePlan.frequency), (codes.MOVEMENT_KINDS, StockMovement.kind),
]


@pytest.mark.parametrize("mapping,column", CASES, ids=[str(c) for _, c in CASES])
def test_codes_fit_their_columns(mapping, column):
    length = column.property.columns[0].type.length
    assert max(len(code) for code in mapping) <= length


def test_complaint_actions_are_labelled():
    assert set(complaints.TRANSITIONS) == set(complaints.ACTIONS)


def test_overlong_text_is_refused_with_the_field_named(db, office):
    from propdesk.errors import ValidationFailed
    from propdesk.services.service_desk import complaints as cp, workorders as wo
    from tests.service.conftest import NOW

    with db.session() as s:
        with pytest.raises(ValidationFailed) as e:
            cp.create_complaint(s, office.frontdesk, complainant="张" * 65, content="x", now=NOW)
        assert e.value.problems[0].where == "投诉人" and "最多 64 个字" in e.value.problems[0].zh
        with pytest.raises(ValidationFailed) as e:
            wo.create_order(s, office.frontdesk, room_id=office.room_id, category="水电",
                            description="x", reporter="李" * 70, now=NOW)
        assert [p.where for p in e.value.problems] == ["报修人"]
        o = wo.create_order(s, office.frontdesk, room_id=office.room_id, category="水电",
                            description="x", now=NOW)
        with pytest.raises(ValidationFailed):
            wo.suspend(s, office.frontdesk, o.id, reason="等" * 300, now=NOW)
        assert o.state == "pending"
