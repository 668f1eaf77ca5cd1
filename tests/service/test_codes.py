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
