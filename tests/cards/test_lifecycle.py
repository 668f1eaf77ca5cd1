"""Verify, lost, expired, renew, replace, cancel — cards on the simulator, lists exported."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from drivers import mifare
from propdesk.cards import engine, lists
from propdesk.cards.errors import CardIOError, CardRejected
from propdesk.cards.verify import decide
from propdesk.errors import Conflict
from propdesk.models.cards import CardCharge, GateCard
from propdesk.services import cards as svc
from propdesk.services import cards_lists
from tests.cards.conftest import TODAY
from tests.cards.helpers import blank_memory, derived_keys, memory, put_back, sector_blocks

UID = bytes.fromhex("A1B2C3D4")
UID2 = bytes.fromhex("0A0B0C0D")


@pytest.fixture
def issued(db, admin, place, site, card_sim, reader):
    """A resident card for 张三丰 on the reader, valid 2025-06-01 … 2026-05-31, deposit 50."""
    card = card_sim.place_card(UID)
    with db.session() as s:
        result = svc.issue_card(s, admin, reader, site, svc.IssueRequest(
            card_type="resident", room_id=place["room"], customer_id=place["owner"],
            valid_until=dt.date(2026, 5, 31), deposit=D("50.00"), card_fee=D("0")), today=TODAY)
    return {"result": result, "card": card}


def gate_list(db, admin, site, today=TODAY) -> lists.GateList:
    """What a gate controller holds after loading a freshly exported, signed full list."""
    with db.session() as s:
        document = cards_lists.export_document(s, admin, site, today=today)
    return lists.load_chain([lists.to_json(document)], mac_key=site.mac_key, site=site.fingerprint)


def verdict(reader, site, gate=None, today=TODAY):
    return decide(engine.probe(reader, site), today, gate)


def test_issue_then_verify(db, admin, site, reader, issued):
    assert verdict(reader, site).code == "valid"
    v = verdict(reader, site, gate_list(db, admin, site))
    assert v.code == "valid" and v.accepted
    assert (v.place, v.holder) == ("JD-01-1-0502", "张*丰")
    assert v.as_dict()["valid_until"] == "2026-05-31"


def test_one_changed_byte_is_forged(db, admin, site, card_sim, reader, issued):
    for block in mifare.data_blocks(1):
        for offset in (0, 7, 15):
            mem = memory(issued["card"])
            edited = bytearray(mem[block])
            edited[offset] ^= 0x40
            mem[block] = bytes(edited)
            card_sim.place_card(UID, mem)
            v = verdict(reader, site)
            assert v.code == "forged" and not v.accepted, (block, offset)
    # the validity bytes in particular: a resident cannot extend their own card
    mem = memory(issued["card"])
    block4 = bytearray(mem[4])
    block4[14:16] = (0xFFFF).to_bytes(2, "big")
    mem[4] = bytes(block4)
    card_sim.place_card(UID, mem)
    assert verdict(reader, site).code == "forged"


def test_clone_onto_another_uid_is_forged(site, card_sim, reader, issued):
    original = memory(issued["card"])
    # 1. every block copied (keys included) onto a card with another UID: the keys are
    #    derived from the UID, so the copy does not even open with this UID's keys
    clone = list(original)
    clone[0] = blank_memory(UID2)[0]
    card_sim.place_card(UID2, clone)
    v = verdict(reader, site)
    assert v.code == "forged" and "密钥" in v.reason_zh
    # 2. the credential copied onto a blank card (transport keys), as a cheap copier does
    clone = blank_memory(UID2)
    for block in mifare.data_blocks(1):
        clone[block] = original[block]
    card_sim.place_card(UID2, clone)
    assert verdict(reader, site).code == "forged"
    # 3. even with the right keys for the new UID (an attacker who knew the master key
    #    but not the MAC key), the tag binds the credential to the original UID
    key_a, key_b = derived_keys(site.master_key, UID2, 1)
    clone[mifare.trailer_block(1)] = key_a + bytes.fromhex("78778869") + key_b
    card_sim.place_card(UID2, clone)
    v = verdict(reader, site)
    assert v.code == "forged" and "校验码" in v.reason_zh


def test_blank_card_is_unknown(site, card_sim, reader):
    card_sim.place_card(UID2)
    assert verdict(reader, site).code == "unknown"


def test_lost_card_is_rejected(db, admin, site, card_sim, reader, issued):
    gate_before = gate_list(db, admin, site)
    with db.session() as s:
        result = svc.report_lost(s, admin, issued["result"].card_id, note="业主电话挂失")
    assert result.status == "lost"
    with db.session() as s:  # blacklisted at once for every look-up in the office
        inspection = svc.inspect_card(s, admin, reader, site, today=TODAY)
        assert inspection.verdict.code == "blacklisted" and inspection.card.status == "lost"
        assert svc.holder_for_uid(s, admin, "A1B2C3D4", today=TODAY).status == "lost"
    gate = gate_list(db, admin, site)
    assert gate.version == gate_before.version + 1
    v = verdict(reader, site, gate)
    assert v.code == "blacklisted" and not v.accepted
    with pytest.raises(Conflict), db.session() as s:
        svc.report_lost(s, admin, issued["result"].card_id)


def test_expired_card_is_rejected(db, admin, site, reader, issued):
    after = dt.date(2026, 6, 1)
    assert verdict(reader, site, today=dt.date(2026, 5, 31)).code == "valid"
    v = verdict(reader, site, today=after)
    assert v.code == "expired" and "续期" in v.reason_zh
    assert verdict(reader, site, today=dt.date(2025, 5, 31)).code == "not_yet_valid"
    with db.session() as s:
        assert svc.holder_for_uid(s, admin, "A1B2C3D4", today=after).status == "expired"
        assert svc.search_cards(s, admin, status="expired", today=after)[0].uid == "A1B2C3D4"


def test_card_issued_after_the_list_is_unknown_at_the_gate(db, admin, place, site, card_sim, reader):
    card_sim.place_card(UID2)
    gate = gate_list(db, admin, site)  # exported before the card exists
    with db.session() as s:
        svc.issue_card(s, admin, reader, site, svc.IssueRequest(
            card_type="resident", room_id=place["room"], holder_name="李四",
            valid_until=dt.date(2025, 12, 31)), today=TODAY)
    v = verdict(reader, site, gate)
    assert v.code == "unknown" and "最新名单" in v.reason_zh
    assert verdict(reader, site, gate_list(db, admin, site)).code == "valid"


def test_renew_rewrites_validity(db, admin, site, card_sim, reader, issued):
    card_id = issued["result"].card_id
    with db.session() as s:
        result = svc.renew_card(s, admin, reader, site, card_id, valid_until=dt.date(2027, 5, 31), today=TODAY)
    assert result.valid_until == dt.date(2027, 5, 31)
    state = engine.probe(reader, site)
    assert state.credential.valid_until == dt.date(2027, 5, 31)
    assert state.credential.serial_hex == issued["result"].serial  # same card, same serial
    with db.session() as s:
        history = svc.card_history(s, admin, card_id)
    assert [(h.action, h.valid_until_before, h.valid_until_after) for h in history] == [
        ("issue", None, dt.date(2026, 5, 31)), ("renew", dt.date(2026, 5, 31), dt.date(2027, 5, 31))]


def test_renew_interrupted_keeps_the_record_and_can_be_redone(db, admin, site, card_sim, reader, issued):
    card_id = issued["result"].card_id
    card_sim.lift_card_after(4 + 1 + 1)  # probe (auth + 3 reads), auth B, one block written, lifted
    with pytest.raises(CardIOError) as info, db.session() as s:
        svc.renew_card(s, admin, reader, site, card_id, valid_until=dt.date(2027, 5, 31), today=TODAY)
    assert "放回" in info.value.zh
    with db.session() as s:
        assert s.get(GateCard, card_id).valid_until == dt.date(2026, 5, 31)
    card = card_sim.card or issued["card"]
    put_back(card_sim, card)
    assert verdict(reader, site).code == "forged"  # half-written: the gate refuses it until redone
    with db.session() as s:
        svc.renew_card(s, admin, reader, site, card_id, valid_until=dt.date(2027, 5, 31), today=TODAY)
    assert verdict(reader, site).credential.valid_until == dt.date(2027, 5, 31)


def test_renew_needs_the_same_card(db, admin, site, card_sim, reader, issued):
    card_sim.place_card(UID2)
    with pytest.raises(CardRejected), db.session() as s:
        svc.renew_card(s, admin, reader, site, issued["result"].card_id, valid_until=dt.date(2027, 1, 1),
                       today=TODAY)


def test_replace_blacklists_the_old_card(db, admin, site, card_sim, reader, issued):
    old_id = issued["result"].card_id
    with db.session() as s:
        svc.report_lost(s, admin, old_id)
    card_sim.place_card(UID)
    with pytest.raises(CardRejected), db.session() as s:  # the old card is not a replacement
        svc.replace_card(s, admin, reader, site, old_id, fee=D("20"), today=TODAY)
    card_sim.place_card(UID2)
    with db.session() as s:
        new = svc.replace_card(s, admin, reader, site, old_id, fee=D("20"), today=TODAY)
    assert (new.uid, new.holder_name, new.valid_until) == ("0A0B0C0D", "张三丰", dt.date(2026, 5, 31))
    assert [(k, a) for k, a, _ in new.charges] == [("replace_fee", D("20.00"))]
    gate = gate_list(db, admin, site)
    assert verdict(reader, site, gate).code == "valid"
    put_back(card_sim, issued["card"])
    assert verdict(reader, site, gate).code == "blacklisted"
    with db.session() as s:
        old, fresh = s.get(GateCard, old_id), s.get(GateCard, new.card_id)
        assert (old.status, old.end_reason, old.replaced_by_id, old.deposit_state) == \
            ("cancelled", "replaced", fresh.id, "transferred")
        assert (fresh.deposit, fresh.deposit_state) == (D("50.00"), "held")
        history = svc.card_history(s, admin, fresh.id)
    assert [h.action for h in history] == ["issue", "lost", "replace", "issue"]


def test_cancel_with_the_card_restores_transport_keys_and_refunds(db, admin, site, card_sim, reader, issued):
    card_id = issued["result"].card_id
    with db.session() as s:
        result = svc.cancel_card(s, admin, card_id, card_io=reader, secrets=site, today=TODAY)
    assert result.status == "cancelled"
    blank = blank_memory(UID)
    assert sector_blocks(card_sim, 1) == [bytes(16)] * 3 + [bytes.fromhex("FFFFFFFFFFFFFF078069FFFFFFFFFFFF")]
    assert [card_sim.block(b) for b in range(64)] == blank  # the card is a factory-fresh card again
    with db.session() as s:
        card = s.get(GateCard, card_id)
        assert (card.wiped, card.deposit_state, card.blacklisted) == (True, "refunded", False)
        charges = s.scalars(select(CardCharge).where(CardCharge.card_id == card_id)).all()
    # the deposit never reached billing (no poster yet), so it is withdrawn rather than refunded
    assert [(c.kind, c.state) for c in charges] == [("deposit", "void")]
    # a wiped card is simply a blank card again: it can be issued anew
    assert verdict(reader, site).code == "unknown"
    with pytest.raises(Conflict), db.session() as s:
        svc.cancel_card(s, admin, card_id, card_io=reader, secrets=site, today=TODAY)


def test_cancel_interrupted_is_resumed(db, admin, site, card_sim, reader, issued):
    card_sim.lift_card_after(4 + 1 + 2)  # probe, auth B, two of the three zero writes
    with pytest.raises(CardIOError), db.session() as s:
        svc.cancel_card(s, admin, issued["result"].card_id, card_io=reader, secrets=site, today=TODAY)
    with db.session() as s:
        assert s.get(GateCard, issued["result"].card_id).status == "active"
    put_back(card_sim, issued["card"])
    with db.session() as s:
        svc.cancel_card(s, admin, issued["result"].card_id, card_io=reader, secrets=site, today=TODAY)
    assert card_sim.block(mifare.trailer_block(1)) == mifare.blank_trailer()


def test_cancel_without_the_card_blacklists_it_and_keeps_the_deposit(db, admin, site, card_sim, reader, issued):
    card_id = issued["result"].card_id
    with db.session() as s:
        svc.cancel_card(s, admin, card_id, today=TODAY)
        card = s.get(GateCard, card_id)
        assert (card.status, card.wiped, card.deposit_state, card.blacklisted) == ("cancelled", False, "held", True)
    assert verdict(reader, site, gate_list(db, admin, site)).code == "blacklisted"
    # the card comes back later: wipe it and refund then
    with db.session() as s:
        svc.cancel_card(s, admin, card_id, card_io=reader, secrets=site, today=TODAY)
        assert s.get(GateCard, card_id).deposit_state == "refunded"
    assert card_sim.block(mifare.trailer_block(1)) == mifare.blank_trailer()


def test_holder_for_uid_for_the_cashier(db, admin, actor_for, place, issued):
    with db.session() as s:
        info = svc.holder_for_uid(s, actor_for("cashier"), "a1:b2:c3:d4", today=TODAY)
        assert svc.holder_for_uid(s, actor_for("cashier"), "DEADBEEF") is None
    assert (info.holder_name, info.customer_id, info.room_id, info.room_code) == \
        ("张三丰", place["owner"], place["room"], "JD-01-1-0502")
    assert (info.status, info.status_label, info.usable, info.deposit) == ("active", "有效", True, D("50.00"))


def test_room_and_customer_lists(db, admin, place, issued):
    with db.session() as s:
        rows = svc.cards_of_room(s, admin, place["room"], today=TODAY)
        assert [(r.uid, r.status, r.holder_name) for r in rows] == [("A1B2C3D4", "active", "张三丰")]
        assert svc.cards_of_room(s, admin, place["other_room"], today=TODAY) == []
        assert [r.uid for r in svc.cards_of_customer(s, admin, place["owner"], today=TODAY)] == ["A1B2C3D4"]
        assert [r.uid for r in svc.search_cards(s, admin, "0502", today=TODAY)] == ["A1B2C3D4"]
        assert [r.uid for r in svc.search_cards(s, admin, "张三", today=TODAY)] == ["A1B2C3D4"]
        assert svc.find_card(s, admin, issued["result"].serial).uid == "A1B2C3D4"
