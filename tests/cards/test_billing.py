"""Card money through billing and the cashier: fees become bill lines, deposits are taken
and paid back at the cashier as billing deposits."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from propdesk.errors import Conflict, PermissionDenied
from propdesk.models.billing import BillLine, FeeItem
from propdesk.models.cards import CardCharge
from propdesk.services import cards as svc
from propdesk.services import cards_billing as money
from propdesk.services.billing import ledger
from tests.cards.conftest import TODAY

UID = bytes.fromhex("A1B2C3D4")


@pytest.fixture
def issued(db, actor_for, place, site, card_sim, reader):
    """The front desk issues 张三丰 a card: deposit 50.00, card fee 20.00."""
    card_sim.place_card(UID)
    with db.session() as s:
        return svc.issue_card(s, actor_for("frontdesk"), reader, site, svc.IssueRequest(
            card_type="resident", room_id=place["room"], holder_name="张三丰", valid_until=dt.date(2026, 5, 31),
            deposit=D("50.00"), card_fee=D("20.00")), today=TODAY)


def test_card_fee_items_are_seeded(db):
    with db.session() as s:
        items = {i.code: (i.name, i.kind) for i in s.scalars(select(FeeItem).where(FeeItem.code.like("CARD%")))}
        assert items == {"CARDF": ("门禁卡工本费", "temporary"), "CARDR": ("补卡费", "temporary"),
                         "CARDD": ("门禁卡押金", "deposit")}
        assert s.scalar(select(FeeItem.id).where(FeeItem.code == "PARKM")) == \
            uuid.uuid5(uuid.UUID("6f1c2a52-6a3e-4f0e-9c55-2b7f0d6b1a10"), "fee_item:PARKM")


def test_fee_is_a_bill_line_the_cashier_collects(db, actor_for, place, issued):
    cashier = actor_for("cashier")
    with db.session() as s:
        items = ledger.outstanding(s, cashier, place["owner"], as_of=TODAY)
        assert [(i.fee_item, i.outstanding, i.target_code) for i in items] == [("门禁卡工本费", D("20.00"), "JD-01-1-0502")]
        charge = s.scalar(select(CardCharge).where(CardCharge.kind == "card_fee"))
        line = s.get(BillLine, uuid.UUID(charge.billing_ref))
        assert (line.kind, line.amount, line.customer_id) == ("temporary", D("20.00"), place["owner"])
        assert "A1B2C3D4" in line.reason


def test_deposit_taken_and_paid_back_at_the_cashier(db, admin, actor_for, place, site, reader, issued):
    cashier, supervisor = actor_for("cashier"), actor_for("supervisor")
    with db.session() as s:
        due = money.deposits_due(s, cashier, place["owner"])
        assert [(d.kind, d.amount, d.uid, d.target_code) for d in due] == [("deposit", D("50.00"), "A1B2C3D4",
                                                                            "JD-01-1-0502")]
        deposit = money.collect_deposit(s, cashier, due[0].charge_id, on=TODAY)
        assert (deposit.amount, deposit.target_code) == (D("50.00"), "JD-01-1-0502")
        assert ledger.balance(s, cashier, place["owner"]).deposits == D("50.00")
        assert money.deposits_due(s, cashier, place["owner"]) == []
    with pytest.raises(Conflict), db.session() as s:
        money.collect_deposit(s, cashier, due[0].charge_id, on=TODAY)

    with db.session() as s:  # the resident moves out and hands the card back
        svc.cancel_card(s, actor_for("frontdesk"), issued.card_id, card_io=reader, secrets=site, today=TODAY)
    with db.session() as s:
        due = money.deposits_due(s, cashier, place["owner"])
        assert [(d.kind, d.amount) for d in due] == [("deposit_refund", D("-50.00"))]
    with pytest.raises(PermissionDenied), db.session() as s:  # paying money back needs a supervisor
        money.refund_deposit(s, cashier, due[0].charge_id, on=TODAY)
    with db.session() as s:
        money.refund_deposit(s, supervisor, due[0].charge_id, on=TODAY)
        assert ledger.balance(s, cashier, place["owner"]).deposits == D("0")
        assert money.deposits_due(s, cashier, place["owner"]) == []


def test_deposit_moves_with_a_replacement_and_is_refunded_once(db, actor_for, place, site, card_sim, reader, issued):
    desk, cashier = actor_for("frontdesk"), actor_for("cashier")
    with db.session() as s:
        money.collect_deposit(s, cashier, money.deposits_due(s, cashier, place["owner"])[0].charge_id, on=TODAY)
        svc.report_lost(s, desk, issued.card_id)
    card_sim.place_card(bytes.fromhex("0A0B0C0D"))
    with db.session() as s:
        new = svc.replace_card(s, desk, reader, site, issued.card_id, fee=D("30"), today=TODAY)
        fees = [(i.fee_item, i.outstanding) for i in ledger.outstanding(s, cashier, place["owner"], as_of=TODAY)]
        assert sorted(fees) == [("补卡费", D("30.00")), ("门禁卡工本费", D("20.00"))]
        assert money.deposits_due(s, cashier, place["owner"]) == []  # no second deposit
    with db.session() as s:
        svc.cancel_card(s, desk, new.card_id, card_io=reader, secrets=site, today=TODAY)
    with db.session() as s:
        due = money.deposits_due(s, cashier, place["owner"])
        assert [(d.kind, d.amount, d.uid) for d in due] == [("deposit_refund", D("-50.00"), "0A0B0C0D")]
        money.refund_deposit(s, actor_for("supervisor"), due[0].charge_id, on=TODAY, reason="退卡")
        assert ledger.balance(s, cashier, place["owner"]).deposits == D("0")


def test_monthly_parking_is_charged_on_the_space(db, admin, place, site, card_sim, reader):
    card_sim.place_card(UID)
    with db.session() as s:
        result = svc.issue_card(s, admin, reader, site, svc.IssueRequest(
            card_type="vehicle", plate="粤B12345", monthly_fee=D("300"), months=2, deposit=D("0"),
            card_fee=D("0")), today=TODAY)
    with db.session() as s:
        items = ledger.outstanding(s, admin, place["owner"], as_of=TODAY)
        assert [(i.fee_item, i.outstanding, i.target_code) for i in items] == [("月卡停车费", D("600.00"), "JD-P1-001")]
    with db.session() as s:
        renewed = svc.renew_card(s, admin, reader, site, result.card_id, months=1, today=dt.date(2025, 7, 20))
    assert renewed.valid_until == dt.date(2025, 8, 31)
    with db.session() as s:
        amounts = sorted(i.outstanding for i in ledger.outstanding(s, admin, place["owner"], as_of=TODAY))
        assert amounts == [D("300.00"), D("600.00")]
