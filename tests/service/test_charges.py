"""有偿维修: labour plus materials, each line rounded once, handed to billing for the
room's owner; kept pending (never lost) while billing cannot take it."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from propdesk.errors import ValidationFailed
from propdesk.models import AuditLog
from propdesk.services.service_desk import charges, stock, workorders as wo
from propdesk.services.service_desk.stock import StockLine
from tests.service.conftest import NOW

D = Decimal


class FakeBilling:
    """Stands in for billing's one-off charge function: records each request."""

    def __init__(self):
        self.requests: list[charges.ChargeRequest] = []

    def __call__(self, session, actor, request):
        self.requests.append(request)
        return f"line-{len(self.requests)}"


def _chargeable_repair(s, office, admin):
    stock.stock_in(s, admin, [StockLine(office.pipe_id, D("20")), StockLine(office.valve_id, D("5"))])
    o = wo.create_order(s, office.frontdesk, room_id=office.room_id, category="水电",
                        description="卫生间角阀更换（业主自购房内设施，有偿）", chargeable=True,
                        now=NOW)
    wo.dispatch(s, office.frontdesk, o.id, office.engineer.operator_id, now=NOW)
    wo.start(s, office.engineer, o.id, now=NOW)
    # 2 角阀 × 25.00, 1.333 米水管 × 12.50 = 16.6625 → 16.66; one 角阀 comes back unused.
    wo.issue_materials(s, office.engineer, o.id, [StockLine(office.valve_id, D("2")),
                                                  StockLine(office.pipe_id, D("1.333"))])
    wo.return_materials(s, office.engineer, o.id, [StockLine(office.valve_id, D("1"))])
    return o


def test_charge_is_worked_out_and_posted_for_the_owner(db, office, admin):
    billing = FakeBilling()
    with db.session() as s:
        o = _chargeable_repair(s, office, admin)
        wo.finish(s, office.engineer, o.id, result="更换角阀一只、水管一段", labour_hours=D("1"),
                  labour_fee=D("30.00"), now=NOW, poster=billing)
        lines = charges.charge_lines(s, o)
        assert [(c.label, c.amount) for c in lines] == [
            ("人工费", D("30.00")), ("角阀", D("50.00")), ("PPR水管 20mm", D("16.66")),
            ("角阀（退料）", D("-25.00"))]
        # 30.00 + 50.00 + 16.66 − 25.00
        assert o.charge_amount == D("71.66")
        assert (o.charge_state, o.charge_ref) == ("posted", "line-1")
        (req,) = billing.requests
        assert (req.room_id, req.customer_id, req.amount, req.item_name, req.source_no) == (
            office.room_id, office.owner_id, D("71.66"), "有偿维修", o.number)
        assert req.description == f"{o.number} 人工费 30.00 + 材料费 41.66"
        rec = s.scalar(select(AuditLog).where(AuditLog.action == "charge"))
        assert json.loads(rec.after)["billing_line"] == "line-1"


def test_charge_waits_while_billing_cannot_take_it_and_is_posted_later(db, office, admin,
                                                                        monkeypatch):
    monkeypatch.setattr(charges, "billing_poster", lambda: None)  # billing not wired/available
    with db.session() as s:
        o = _chargeable_repair(s, office, admin)
        wo.finish(s, office.engineer, o.id, result="更换角阀", labour_fee=D("30.00"), now=NOW)
        assert (o.charge_state, o.charge_amount, o.charge_ref) == ("pending", D("71.66"), "")
        assert charges.post_pending(s, office.frontdesk) == []  # still nowhere to post
        billing = FakeBilling()
        assert charges.post_pending(s, office.frontdesk, poster=billing) == [o.number]
        assert (o.charge_state, o.charge_ref) == ("posted", "line-1")
        assert billing.requests[0].amount == D("71.66")
        assert charges.post_pending(s, office.frontdesk, poster=billing) == []


def test_free_repairs_post_nothing(db, office, admin):
    billing = FakeBilling()
    with db.session() as s:
        o = _chargeable_repair(s, office, admin)
        wo.set_chargeable(s, office.engineer, o.id, False)  # turned out to be under warranty
        wo.finish(s, office.engineer, o.id, result="保修范围内更换", now=NOW, poster=billing)
        assert (o.charge_state, o.charge_amount, billing.requests) == ("", D("0.00"), [])


def test_a_room_without_owner_cannot_be_charged(db, office, admin):
    with db.session() as s:
        o = wo.create_order(s, office.frontdesk, room_id=office.empty_room_id, category="门窗",
                            description="窗户把手坏", chargeable=True, now=NOW)
        wo.dispatch(s, office.frontdesk, o.id, office.engineer.operator_id, now=NOW)
        wo.start(s, office.engineer, o.id, now=NOW)
        with pytest.raises(ValidationFailed) as e:
            wo.finish(s, office.engineer, o.id, result="换把手", labour_fee=D("20"), now=NOW,
                      poster=FakeBilling())
        assert "JD-01-1-0601" in e.value.problems[0].zh and "业主" in e.value.problems[0].zh


def test_chargeable_repair_appears_at_the_cashier(db, office, admin):
    """Wired to billing for real: the owner's outstanding items list the repair."""
    from propdesk.services.billing import ledger

    with db.session() as s:
        o = _chargeable_repair(s, office, admin)
        # The engineer finishes; they hold no billing permission, yet the charge is posted.
        assert not office.engineer.can("bill.run")
        wo.finish(s, office.engineer, o.id, result="更换角阀", labour_fee=D("30.00"), now=NOW)
        assert o.charge_state == "posted"
        items = ledger.outstanding(s, office.cashier, office.owner_id, as_of=NOW.date())
        (item,) = [i for i in items if i.kind == "temporary"]
        assert (item.target_code, item.fee_item, item.outstanding) == (
            "JD-01-1-0502", "有偿服务费", D("71.66"))
        assert o.number in item.lines[0].reason
        assert str(item.lines[0].id) == o.charge_ref
        assert item.lines[0].operator_name == "刘工程"
        # A rework after the charge is the office's cost: nothing is posted twice.
        wo.rework(s, office.frontdesk, o.id, reason="业主反映仍有渗水", now=NOW)
        wo.start(s, office.engineer, o.id, now=NOW)
        wo.issue_materials(s, office.engineer, o.id, [StockLine(office.valve_id, D("1"))])
        wo.finish(s, office.engineer, o.id, result="重新安装角阀", now=NOW)
        items = ledger.outstanding(s, office.cashier, office.owner_id, as_of=NOW.date())
        assert [i.outstanding for i in items if i.kind == "temporary"] == [D("71.66")]
        assert o.charge_amount == D("71.66")
