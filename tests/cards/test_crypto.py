"""Key diversification, the credential tag and the credential layout, against values
computed here directly with hmac/struct (not through the code under test)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.mifare import AccessConditions, SectorTrailer
from propdesk.cards import credential as cred
from propdesk.cards import crypto
from propdesk.cards.engine import CARD_ACCESS

MASTER = bytes(range(32))
MAC_KEY = bytes(range(32, 64))
UID = bytes.fromhex("A1B2C3D4")


def test_key_a_and_b_are_hmac_of_label_uid_and_sector():
    expected_a = hmac.new(MASTER, b"PDK1" + b"A" + UID + b"\x01", hashlib.sha256).digest()[:6]
    expected_b = hmac.new(MASTER, b"PDK1" + b"B" + UID + b"\x01", hashlib.sha256).digest()[:6]
    assert crypto.diversify_key(MASTER, "A", UID, 1) == expected_a
    assert crypto.card_keys(MASTER, UID, 1) == (expected_a, expected_b)
    assert expected_a != expected_b


def test_fixed_vector_of_key_a():
    # HMAC-SHA256(key 00..1F, "PDK1" "A" A1B2C3D4 01), computed outside Python with
    #   printf 50444B3141A1B2C3D401 | xxd -r -p | openssl dgst -sha256 -mac HMAC -macopt hexkey:0001…1f
    # = 2b97bb8dbd56cb1c…; pinned so that a changed derivation (which would make every
    # issued card unreadable) cannot go unnoticed.
    assert crypto.diversify_key(MASTER, "A", UID, 1) == bytes.fromhex("2b97bb8dbd56")


def test_keys_differ_per_card_and_per_sector():
    keys = {crypto.diversify_key(MASTER, "A", uid, sector)
            for uid in (UID, bytes.fromhex("A1B2C3D5"), bytes.fromhex("04112233445566")) for sector in (1, 2)}
    assert len(keys) == 6


def test_refuses_sector_zero_and_bad_uid():
    with pytest.raises(ValueError):
        crypto.diversify_key(MASTER, "A", UID, 0)
    with pytest.raises(ValueError):
        crypto.diversify_key(MASTER, "A", b"\x01\x02\x03", 1)


def test_tag_covers_uid_sector_and_body():
    body = bytes(range(32))
    expected = hmac.new(MAC_KEY, b"PDC1" + b"\x04" + UID + b"\x01" + body, hashlib.sha256).digest()[:16]
    assert crypto.credential_tag(MAC_KEY, UID, 1, body) == expected
    assert crypto.tag_ok(MAC_KEY, UID, 1, body, expected)
    assert not crypto.tag_ok(MAC_KEY, bytes.fromhex("A1B2C3D5"), 1, body, expected)
    assert not crypto.tag_ok(MAC_KEY, UID, 2, body, expected)


def test_credential_layout_by_hand():
    c = cred.Credential(0x0123456789ABCDEF, "vehicle", dt.date(2025, 1, 1), dt.date(2025, 12, 31),
                        holder_ref=0x1111111111111111, place_ref=0x2222222222222222)
    raw = c.encode(MAC_KEY, UID, 1)
    # 25 years of 365 days + 7 leap days (2000, 2004 … 2024) = 9132 = 0x23AC; +364 = 9496 = 0x2518
    body = bytes.fromhex("5044" "01" "02" "0123456789ABCDEF" "23AC" "2518"
                         "1111111111111111" "2222222222222222")
    assert raw[:32] == body
    assert raw[32:] == hmac.new(MAC_KEY, b"PDC1\x04" + UID + b"\x01" + body, hashlib.sha256).digest()[:16]
    assert cred.decode(raw) == (c, raw[32:])
    assert cred.verify(MAC_KEY, UID, 1, raw) == c


def test_one_changed_byte_anywhere_fails_the_tag():
    raw = cred.Credential(42, "resident", dt.date(2025, 1, 1), dt.date(2026, 1, 1), 7, 9).encode(MAC_KEY, UID, 1)
    for i in range(48):
        edited = bytearray(raw)
        edited[i] ^= 0x01
        assert cred.verify(MAC_KEY, UID, 1, bytes(edited)) is None, f"byte {i}"


def test_ref_is_low_64_bits_of_the_uuid():
    u = uuid.UUID("01890a5d-ac96-774b-bcce-b302099a8057")
    assert cred.ref_of(u) == 0xBCCEB302099A8057
    assert cred.ref_of(None) == 0


def test_decode_refuses_other_data():
    with pytest.raises(cred.CredentialFormatError):
        cred.decode(bytes(48))
    with pytest.raises(cred.CredentialFormatError):
        cred.decode(b"PD\x02" + bytes(45))
    with pytest.raises(cred.CredentialFormatError):
        cred.decode(b"PD\x01\x09" + bytes(44))


@given(serial=st.integers(1, 2**63 - 1), start=st.integers(0, 60000), length=st.integers(0, 5000),
       holder=st.integers(0, 2**64 - 1), place=st.integers(0, 2**64 - 1),
       card_type=st.sampled_from(sorted(cred.TYPE_CODES)))
def test_round_trip(serial, start, length, holder, place, card_type):
    c = cred.Credential(serial, card_type, cred.day_of(start), cred.day_of(min(start + length, 0xFFFF)), holder, place)
    assert cred.verify(MAC_KEY, UID, 3, c.encode(MAC_KEY, UID, 3)) == c


def test_card_access_bits_are_78_77_88_and_validated_by_the_drivers_codec():
    # Data blocks 100 (read A|B, write B), trailer 011: C1 = 0111, C2 = 1000, C3 = 1000
    # byte 6 = ~C2|~C1 = 0111 1000, byte 7 = C1|~C3 = 0111 0111, byte 8 = C3|C2 = 1000 1000
    assert CARD_ACCESS.to_bytes() == bytes.fromhex("787788")
    key_a, key_b = bytes.fromhex("112233445566"), bytes.fromhex("AABBCCDDEEFF")
    trailer = bytes.fromhex("112233445566" "787788" "69" "AABBCCDDEEFF")
    assert SectorTrailer(key_a, CARD_ACCESS, key_b).to_bytes() == trailer
    assert SectorTrailer.from_bytes(trailer).access == CARD_ACCESS
    assert AccessConditions.from_bytes(bytes.fromhex("787788")).blocks == (0b100, 0b100, 0b100, 0b011)
    assert not CARD_ACCESS.irreversible


def test_fingerprint_is_short_and_stable():
    fp = crypto.fingerprint(MASTER, MAC_KEY)
    digest = hmac.new(MASTER, b"PDF1" + MAC_KEY, hashlib.sha256).hexdigest()[:12].upper()
    assert fp == f"{digest[:4]}-{digest[4:8]}-{digest[8:]}"
