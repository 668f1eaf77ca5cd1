"""Gate lists: versions as data, full and incremental exports, checksums, signature, CSV."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from propdesk.cards import lists
from propdesk.cards.lists import GateListError
from propdesk.errors import ValidationFailed
from propdesk.models.cards import CardListEntry, CardListVersion, GateCard
from propdesk.services import cards as svc
from propdesk.services import cards_lists
from tests.cards.conftest import TODAY

UIDS = [bytes.fromhex(h) for h in ("11111111", "22222222", "33333333")]


@pytest.fixture
def three_cards(db, admin, place, site, card_sim, reader):
    """张三丰 (until 2026-05-31), 李四 (until 2025-06-30), staff 刘强 (until 2025-12-31)."""
    requests = [
        svc.IssueRequest(card_type="resident", room_id=place["room"], holder_name="张三丰",
                         valid_until=dt.date(2026, 5, 31)),
        svc.IssueRequest(card_type="resident", room_id=place["room"], holder_name="李四",
                         valid_until=dt.date(2025, 6, 30)),
        svc.IssueRequest(card_type="staff", holder_name="刘强", valid_until=dt.date(2025, 12, 31)),
    ]
    ids = []
    for uid, req in zip(UIDS, requests):
        card_sim.place_card(uid)
        with db.session() as s:
            ids.append(svc.issue_card(s, admin, reader, site, req, today=TODAY).card_id)
    return ids


def export(db, admin, site, since=None, today=TODAY) -> dict:
    with db.session() as s:
        return cards_lists.export_document(s, admin, site, since=since, today=today)


def canonical(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def test_full_export_by_hand(db, admin, site, three_cards):
    doc = export(db, admin, site)
    assert (doc["version"], doc["kind"], doc["since"], doc["white_count"], doc["black_count"]) == (1, "full", None, 3, 0)
    with db.session() as s:
        serial = {c.uid: f"{c.serial:016X}" for c in s.scalars(select(GateCard))}
    assert doc["entries"][0]["list"] == "white"
    assert {(e["uid"], e["holder"], e["place"], e["until"]) for e in doc["entries"]} == {
        ("11111111", "张*丰", "JD-01-1-0502", "2026-05-31"), ("22222222", "李*", "JD-01-1-0502", "2025-06-30"),
        ("33333333", "刘*", "", "2025-12-31")}
    assert [e["serial"] for e in doc["entries"]] == sorted(serial.values())
    # checksums recomputed here with hashlib over the documented canonical form
    assert doc["checksum"] == hashlib.sha256(canonical(doc["entries"])).hexdigest()
    assert doc["state_checksum"] == doc["checksum"]  # a full list IS the state
    unsigned = {k: v for k, v in doc.items() if k != "signature"}
    import hmac
    list_key = hmac.new(site.mac_key, b"PDL1 gate list signing key", hashlib.sha256).digest()
    assert doc["signature"] == hmac.new(list_key, canonical(unsigned), hashlib.sha256).hexdigest()
    assert doc["site"] == site.fingerprint


def test_no_change_no_new_version(db, admin, site, three_cards):
    assert export(db, admin, site)["version"] == 1
    assert export(db, admin, site)["version"] == 1
    with db.session() as s:
        assert len(s.scalars(select(CardListVersion)).all()) == 1


def test_incremental_versions(db, admin, site, three_cards):
    full1 = export(db, admin, site)
    with db.session() as s:
        svc.report_lost(s, admin, three_cards[0])
    inc = export(db, admin, site, since=1)
    assert (inc["version"], inc["kind"], inc["since"]) == (2, "incremental", 1)
    assert [(e["list"], e["uid"]) for e in inc["entries"]] == [("black", "11111111")]
    # 李四's card expires after 2025-06-30: on 2025-07-01 it leaves the whitelist
    inc3 = export(db, admin, site, since=2, today=dt.date(2025, 7, 1))
    assert inc3["version"] == 3
    assert [(e["list"], e["uid"]) for e in inc3["entries"]] == [("none", "22222222")]
    assert set(inc3["entries"][0]) == {"list", "serial", "uid"}
    # a gate that had version 1 and applies 2 and 3 ends exactly where a full export of 3 is
    full3 = export(db, admin, site, today=dt.date(2025, 7, 1))
    gate = lists.load_chain([lists.to_json(d) for d in (full1, inc, inc3)], mac_key=site.mac_key)
    assert gate.version == 3 and gate.checksum == full3["state_checksum"] == inc3["state_checksum"]
    assert gate.entries == {e["serial"]: e for e in full3["entries"]}
    # and one increment straight from 1 to 3 does the same
    jump = export(db, admin, site, since=1, today=dt.date(2025, 7, 1))
    gate2 = lists.load_chain([lists.to_json(full1), lists.to_json(jump)])
    assert gate2.entries == gate.entries
    with db.session() as s:
        rows = s.scalars(select(CardListEntry).order_by(CardListEntry.version, CardListEntry.serial)).all()
        assert [(r.version, r.list_kind) for r in rows] == [(1, "white")] * 3 + [(2, "black"), (3, "none")]


def test_increment_on_the_wrong_version_is_refused(db, admin, site, three_cards):
    full1 = export(db, admin, site)
    with db.session() as s:
        svc.report_lost(s, admin, three_cards[0])
    export(db, admin, site)
    with db.session() as s:
        svc.report_lost(s, admin, three_cards[2])
    inc = export(db, admin, site, since=2)
    with pytest.raises(GateListError) as info:
        lists.load_chain([lists.to_json(full1), lists.to_json(inc)])
    assert "版本 2" in info.value.zh
    with pytest.raises(ValidationFailed):
        export(db, admin, site, since=9)


def test_tampering_is_detected(db, admin, site, three_cards):
    doc = export(db, admin, site)
    data = lists.to_json(doc)
    edited = json.loads(data)
    edited["entries"][0]["until"] = "2099-12-31"
    with pytest.raises(GateListError) as info:
        lists.load(json.dumps(edited).encode())
    assert "校验和" in info.value.zh
    # recomputing the checksum is not enough: the signature needs the site key
    edited["checksum"] = hashlib.sha256(canonical(edited["entries"])).hexdigest()
    tampered = json.dumps(edited).encode()
    lists.load(tampered)  # a controller without the site key can only check integrity
    with pytest.raises(GateListError) as info:
        lists.load(tampered, mac_key=site.mac_key)
    assert "签名" in info.value.zh
    with pytest.raises(GateListError):
        lists.load(data, site="0000-0000-0000")


def test_csv_export(db, admin, site, three_cards):
    with db.session() as s:
        svc.report_lost(s, admin, three_cards[1])
    doc = export(db, admin, site)
    data = lists.to_csv(doc)
    text = data.decode()
    head = [line for line in text.splitlines() if line.startswith("#")]
    body = text[text.index("list,serial"):]
    assert head[0] == "# propdesk-gate-list 1" and f"# version={doc['version']}" in head
    assert f"# checksum={hashlib.sha256(body.encode()).hexdigest()}" in head
    assert body.splitlines()[0] == "list,serial,uid,type,from,until,place,holder"
    assert [line.split(",")[0] for line in body.splitlines()[1:]] == ["white", "white", "black"]
    parsed = lists.load(data, mac_key=site.mac_key, site=site.fingerprint)  # same signature as JSON
    assert parsed["entries"] == doc["entries"]
    broken = data.replace(b"white", b"black", 1)
    with pytest.raises(GateListError):
        lists.load(broken)


def test_mask_name():
    assert [lists.mask_name(n) for n in ("张三丰", "李四", "王", "欧阳娜娜", "")] == ["张*丰", "李*", "王", "欧**娜", ""]


def test_charged_card_amounts_do_not_leak_into_lists(db, admin, place, site, card_sim, reader):
    card_sim.place_card(UIDS[0])
    with db.session() as s:
        svc.issue_card(s, admin, reader, site, svc.IssueRequest(
            card_type="resident", room_id=place["room"], holder_name="张三丰",
            valid_until=dt.date(2026, 1, 1), deposit=D("50")), today=TODAY)
    doc = export(db, admin, site)
    assert set(doc["entries"][0]) == {"list", "serial", "uid", "type", "from", "until", "place", "holder"}
