"""Issuing cards on the drivers' PN532 + MIFARE Classic simulator over a real pseudo-terminal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest
from sqlalchemy import func, select

from drivers import mifare
from propdesk.cards import credential as cred
from propdesk.cards import engine
from propdesk.cards.errors import CardIOError, CardRejected
from propdesk.errors import PermissionDenied, ValidationFailed
from propdesk.models import AuditLog
from propdesk.models.cards import CardCharge, GateCard, GateCardEvent
from propdesk.services import cards as svc
from tests.cards.conftest import TODAY
from tests.cards.helpers import blank_memory, derived_keys, put_back, sector_blocks

UID = bytes.fromhex("A1B2C3D4")


def resident(place, **kw) -> svc.IssueRequest:
    values = dict(card_type="resident", room_id=place["room"], holder_name="张三丰",
                  valid_until=dt.date(2026, 5, 31), deposit=D("50.00"), card_fee=D("20.00"))
    return svc.IssueRequest(**(values | kw))


def count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_issue_writes_credential_and_per_card_keys(db, admin, place, site, card_sim, reader):
    card_sim.place_card(UID)
    with db.session() as s:
        result = svc.issue_card(s, admin, reader, site, resident(place), today=TODAY)
    assert result.uid == "A1B2C3D4" and result.holder_name == "张三丰" and result.place_code == "JD-01-1-0502"
    assert result.valid_from == TODAY and result.status == "active" and not result.recovered

    key_a, key_b = derived_keys(site.master_key, UID, 1)
    trailer = card_sim.block(mifare.trailer_block(1))
    assert trailer == key_a + bytes.fromhex("787788") + b"\x69" + key_b  # never the transport keys
    raw = b"".join(sector_blocks(card_sim, 1)[:3])
    credential = cred.verify(site.mac_key, UID, 1, raw)
    assert credential is not None and credential.serial_hex == result.serial
    assert (credential.card_type, credential.valid_from, credential.valid_until) == \
        ("resident", TODAY, dt.date(2026, 5, 31))
    assert credential.holder_ref == cred.ref_of(place["owner"]) and credential.place_ref == cred.ref_of(place["room"])
    blank = blank_memory(UID)
    for block in range(mifare.BLOCKS):  # every other sector untouched
        if mifare.sector_of(block) != 1:
            assert card_sim.block(block) == blank[block], f"block {block}"

    with db.session() as s:
        card = s.get(GateCard, result.card_id)
        assert (card.status, card.deposit, card.deposit_state, card.sector) == ("active", D("50.00"), "held", 1)
        assert card.key_fingerprint == site.fingerprint
        events = s.scalars(select(GateCardEvent).where(GateCardEvent.card_id == card.id)).all()
        assert [(e.action, e.to_status, e.amount) for e in events] == [("issue", "active", D("70.00"))]
        charges = s.scalars(select(CardCharge).where(CardCharge.card_id == card.id).order_by(CardCharge.kind)).all()
        assert [(c.kind, c.amount, c.state, c.target_code) for c in charges] == [
            ("card_fee", D("20.00"), "posted", "JD-01-1-0502"), ("deposit", D("50.00"), "pending", "JD-01-1-0502")]
        assert s.scalar(select(AuditLog).where(AuditLog.entity == "gate_card", AuditLog.action == "issue"))


def test_secrets_never_reach_the_database(db, admin, place, site, card_sim, reader):
    card_sim.place_card(UID)
    with db.session() as s:
        svc.issue_card(s, admin, reader, site, resident(place), today=TODAY)
    db.dispose()
    path = Path(db.engine.url.database)
    blob = path.read_bytes() + b"".join(p.read_bytes() for p in path.parent.glob(path.name + "-*"))
    key_a, key_b = derived_keys(site.master_key, UID, 1)
    for secret in (site.master_key, site.mac_key, site.master_key.hex().encode(), key_a, key_b):
        assert secret not in blob


def test_wrong_holder_or_missing_room_is_refused_before_touching_the_card(db, admin, place, site, card_sim, reader):
    card_sim.place_card(UID)
    with pytest.raises(ValidationFailed) as info, db.session() as s:
        svc.issue_card(s, admin, reader, site, resident(place, holder_name="王五"), today=TODAY)
    assert "张三丰" in str(info.value) and "李四" in str(info.value)
    with pytest.raises(ValidationFailed), db.session() as s:
        svc.issue_card(s, admin, reader, site, resident(place, room_id=None), today=TODAY)
    with pytest.raises(ValidationFailed), db.session() as s:
        svc.issue_card(s, admin, reader, site, resident(place, valid_until=dt.date(2025, 5, 1)), today=TODAY)
    assert card_sim.block(mifare.trailer_block(1)) == mifare.blank_trailer()
    assert count(db, GateCard) == 0


def test_cashier_may_not_issue(db, actor_for, place, site, card_sim, reader):
    card_sim.place_card(UID)
    with pytest.raises(PermissionDenied), db.session() as s:
        svc.issue_card(s, actor_for("cashier"), reader, site, resident(place), today=TODAY)
    with db.session() as s:
        result = svc.issue_card(s, actor_for("frontdesk"), reader, site, resident(place, holder_name="李四"),
                                today=TODAY)
    assert result.holder_name == "李四"


def test_a_card_in_use_is_not_overwritten(db, admin, place, site, card_sim, reader):
    card_sim.place_card(UID)
    with db.session() as s:
        svc.issue_card(s, admin, reader, site, resident(place), today=TODAY)
    before = sector_blocks(card_sim, 1)
    with pytest.raises(CardRejected) as info, db.session() as s:
        svc.issue_card(s, admin, reader, site, resident(place, holder_name="李四"), today=TODAY)
    assert "已发给 张三丰" in info.value.zh
    assert sector_blocks(card_sim, 1) == before and count(db, GateCard) == 1


def test_a_card_locked_by_another_system_is_refused(db, admin, place, site, card_sim, reader):
    memory = blank_memory(UID)
    memory[mifare.trailer_block(1)] = bytes.fromhex("0102030405067F078869A0A1A2A3A4A5")
    card_sim.place_card(UID, memory)
    with pytest.raises(CardRejected) as info, db.session() as s:
        svc.issue_card(s, admin, reader, site, resident(place), today=TODAY)
    assert "其他系统" in info.value.zh and count(db, GateCard) == 0


def test_no_card_on_the_reader(db, admin, place, site, card_sim, reader):
    with pytest.raises(CardIOError) as info, db.session() as s:
        svc.issue_card(s, admin, reader, site, resident(place), today=TODAY)
    assert "没有卡片" in info.value.zh and count(db, GateCard) == 0


def issue_commands() -> int:
    """Card commands (InDataExchange) one issuance of a blank card takes: probe with the
    derived key (refused) and the transport key plus three reads, three writes, trailer
    auth/write/read-back, then verify with key B (auth + 3 reads) and key A (auth + read)."""
    return 1 + 1 + 3 + 1 + 3 + 3 + 4 + 2


@pytest.mark.parametrize("lift_after", range(issue_commands()))
def test_card_lifted_mid_issue_leaves_no_record_and_the_next_attempt_recovers(
        db, admin, place, site, card_sim, reader, lift_after):
    card = card_sim.place_card(UID)
    card_sim.lift_card_after(lift_after)
    with pytest.raises(CardIOError) as info, db.session() as s:
        svc.issue_card(s, admin, reader, site, resident(place), today=TODAY)
    message = info.value.zh
    assert "移开" in message or "没有卡片" in message, message
    assert "重" in message or "放" in message  # says what to do
    assert count(db, GateCard) == count(db, GateCardEvent) == count(db, CardCharge) == 0

    put_back(card_sim, card)  # the same card, in whatever state the interruption left it
    with db.session() as s:
        result = svc.issue_card(s, admin, reader, site, resident(place), today=TODAY)
    key_a, key_b = derived_keys(site.master_key, UID, 1)
    assert card_sim.block(mifare.trailer_block(1)) == key_a + bytes.fromhex("78778869") + key_b
    state = engine.probe(reader, site)
    assert state.credential is not None and state.credential.serial_hex == result.serial
    assert count(db, GateCard) == 1


def test_issue_takes_exactly_that_many_card_commands(db, admin, place, site, card_sim, reader):
    # With the card lifted only after the last command the issue succeeds: so the
    # interruptions above cover every command, up to the last read-back.
    card_sim.place_card(UID)
    card_sim.lift_card_after(issue_commands())
    with db.session() as s:
        svc.issue_card(s, admin, reader, site, resident(place), today=TODAY)
    assert count(db, GateCard) == 1


def test_vehicle_monthly_card_by_whole_months(db, admin, place, site, card_sim, reader):
    card_sim.place_card(UID)
    req = svc.IssueRequest(card_type="vehicle", plate="粤b12345", monthly_fee=D("300.00"), months=3,
                           deposit=D("0"), card_fee=D("0"), valid_from=dt.date(2025, 6, 15))
    with db.session() as s:
        result = svc.issue_card(s, admin, reader, site, req, today=TODAY)
        charges = s.scalars(select(CardCharge).where(CardCharge.card_id == result.card_id)).all()
    assert (result.place_code, result.valid_until) == ("JD-P1-001", dt.date(2025, 9, 14))
    assert [(c.kind, c.amount, c.target_kind, c.service_from, c.service_to) for c in charges] == [
        ("monthly", D("900.00"), "space", dt.date(2025, 6, 15), dt.date(2025, 9, 14))]
    credential = engine.probe(reader, site).credential
    assert credential.card_type == "vehicle" and credential.place_ref == cred.ref_of(place["space"])
    assert credential.holder_ref == cred.ref_of(place["vehicle"])
    card_sim.place_card(bytes.fromhex("B1B2C3D4"))
    with pytest.raises(ValidationFailed) as info, db.session() as s:
        svc.issue_card(s, admin, reader, site, svc.IssueRequest(card_type="vehicle", plate="粤B12345",
                                                                monthly_fee=D("300")), today=TODAY)
    assert "月数" in str(info.value)


def test_staff_card_without_charges(db, admin, place, site, card_sim, reader):
    card_sim.place_card(UID)
    with db.session() as s:
        result = svc.issue_card(s, admin, reader, site, svc.IssueRequest(
            card_type="staff", holder_name="保安 刘强", valid_until=dt.date(2025, 12, 31)), today=TODAY)
    assert result.charges == () and result.place_code == ""
    card_sim.place_card(bytes.fromhex("B1B2C3D4"))
    with pytest.raises(ValidationFailed) as info, db.session() as s:
        svc.issue_card(s, admin, reader, site, svc.IssueRequest(
            card_type="temporary", holder_name="访客", valid_until=dt.date(2025, 6, 2), deposit=D("10")),
            today=TODAY)
    assert "缴费客户" in str(info.value)


def test_tariff_supplies_the_default_amounts(db, admin, place, site, card_sim, reader):
    from propdesk.services.cards_parking import set_card_tariff

    with db.session() as s:
        set_card_tariff(s, admin, place["estate"], "resident", deposit=D("100"), card_fee=D("15"),
                        replace_fee=D("30"))
    card_sim.place_card(UID)
    with db.session() as s:
        result = svc.issue_card(s, admin, reader, site, resident(place, deposit=None, card_fee=None), today=TODAY)
    assert sorted((k, a) for k, a, _ in result.charges) == [("card_fee", D("15.00")), ("deposit", D("100.00"))]
