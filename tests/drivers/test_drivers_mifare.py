"""MIFARE Classic 1K layout and access bits, against configurations worked out by hand.

Encoding (datasheet MF1S50, §8.7): for block i of a sector (3 = trailer) the
condition is C1ᵢ C2ᵢ C3ᵢ; with the nibbles C1 = C1₃C1₂C1₁C1₀ etc.

    byte 6 = ~C2 << 4 | ~C1      byte 7 = C1 << 4 | ~C3      byte 8 = C3 << 4 | C2
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers import mifare
from drivers.mifare import AccessConditions, InvalidAccessBits, SectorTrailer

FUZZ = settings(deadline=None, max_examples=300)

HAND_WORKED = [
    # Transport configuration: data blocks 000, trailer 001.
    #   C1 = 0000, C2 = 0000, C3 = 1000 (only the trailer has C3 = 1)
    #   byte 6 = ~0 << 4 | ~0 = F F → FF;  byte 7 = 0 << 4 | ~8 (0111) = 07;  byte 8 = 8 << 4 | 0 = 80
    ((0b000, 0b000, 0b000, 0b001), "FF 07 80"),
    # Data blocks 100 (read A|B, write B), trailer 011 (keys and access bits written with B):
    #   C1 = 0111 (blocks 0–2), C2 = 1000 (trailer), C3 = 1000 (trailer)
    #   byte 6 = ~1000 (0111) << 4 | ~0111 (1000) = 78;  byte 7 = 7 << 4 | ~1000 (0111) = 77
    #   byte 8 = 8 << 4 | 8 = 88
    ((0b100, 0b100, 0b100, 0b011), "78 77 88"),
    # Value blocks 110 (read A|B, write/increment B, decrement A|B), trailer 011:
    #   C1 = 0111, C2 = 1111, C3 = 1000
    #   byte 6 = ~1111 (0000) << 4 | ~0111 (1000) = 08;  byte 7 = 7 << 4 | 7 = 77;  byte 8 = 8 << 4 | F = 8F
    ((0b110, 0b110, 0b110, 0b011), "08 77 8F"),
    # Mixed: block 0 = 000, block 1 = 010 (read-only), block 2 = 110 (value), trailer = 011:
    #   C1: b3 0, b2 1, b1 0, b0 0 → 0100 = 4
    #   C2: b3 1, b2 1, b1 1, b0 0 → 1110 = E
    #   C3: b3 1, b2 0, b1 0, b0 0 → 1000 = 8
    #   byte 6 = ~E (0001) << 4 | ~4 (1011) = 1B;  byte 7 = 4 << 4 | ~8 (0111) = 47;  byte 8 = 8 << 4 | E = 8E
    ((0b000, 0b010, 0b110, 0b011), "1B 47 8E"),
    # Data blocks 000, trailer 011 (a common "lock the keys with key B" setting):
    #   C1 = 0000, C2 = 1000, C3 = 1000 → byte 6 = 0111 1111 = 7F, byte 7 = 0 << 4 | 7 = 07, byte 8 = 88
    ((0b000, 0b000, 0b000, 0b011), "7F 07 88"),
]


@pytest.mark.parametrize(("conditions", "wire"), HAND_WORKED)
def test_access_bits_encode_as_worked_by_hand(conditions: tuple[int, int, int, int], wire: str) -> None:
    assert AccessConditions(conditions).to_bytes() == bytes.fromhex(wire)


@pytest.mark.parametrize(("conditions", "wire"), HAND_WORKED)
def test_access_bits_decode_as_worked_by_hand(conditions: tuple[int, int, int, int], wire: str) -> None:
    assert AccessConditions.from_bytes(bytes.fromhex(wire)).blocks == conditions


@pytest.mark.parametrize("wire", ["FF 07 81", "FF 0F 80", "7F 07 80", "00 00 00", "FF FF FF", "78 77 80"])
def test_inconsistent_access_bits_are_refused(wire: str) -> None:
    with pytest.raises(InvalidAccessBits):
        AccessConditions.from_bytes(bytes.fromhex(wire))


def test_conditions_out_of_range_are_refused() -> None:
    with pytest.raises(InvalidAccessBits):
        AccessConditions((0, 0, 0, 8))
    with pytest.raises(InvalidAccessBits):
        AccessConditions((0, 0, 1))  # type: ignore[arg-type]


conditions = st.tuples(*[st.integers(0, 7)] * 4)


@FUZZ
@given(conditions)
def test_every_configuration_round_trips(blocks: tuple[int, int, int, int]) -> None:
    assert AccessConditions.from_bytes(AccessConditions(blocks).to_bytes()).blocks == blocks


@FUZZ
@given(conditions, st.integers(0, 23))
def test_any_single_bit_error_is_caught(blocks: tuple[int, int, int, int], bit: int) -> None:
    # Every bit is stored twice (once inverted), so one flipped bit always breaks the pair.
    wire = bytearray(AccessConditions(blocks).to_bytes())
    wire[bit // 8] ^= 1 << (bit % 8)
    with pytest.raises(InvalidAccessBits):
        AccessConditions.from_bytes(bytes(wire))


def test_transport_trailer_bytes() -> None:
    assert mifare.blank_trailer() == bytes.fromhex("FF FF FF FF FF FF FF 07 80 69 FF FF FF FF FF FF")
    parsed = SectorTrailer.from_bytes(mifare.blank_trailer())
    assert parsed.access == mifare.TRANSPORT_ACCESS and parsed.user_byte == 0x69


def test_trailer_layout() -> None:
    trailer = SectorTrailer(bytes(range(6)), AccessConditions((4, 4, 4, 3)), bytes(range(10, 16)), 0x00)
    assert trailer.to_bytes() == bytes.fromhex("00 01 02 03 04 05 78 77 88 00 0A 0B 0C 0D 0E 0F")
    with pytest.raises(ValueError):
        SectorTrailer(b"\x00" * 5, mifare.TRANSPORT_ACCESS, b"\x00" * 6)


def test_block_and_sector_arithmetic() -> None:
    assert [mifare.sector_of(b) for b in (0, 3, 4, 63)] == [0, 0, 1, 15]
    assert [mifare.trailer_block(s) for s in (0, 1, 15)] == [3, 7, 63]
    assert mifare.is_trailer(7) and not mifare.is_trailer(6)
    assert mifare.data_blocks(0) == [1, 2]  # block 0 holds the UID
    assert mifare.data_blocks(1) == [4, 5, 6]
    for bad in (-1, 64):
        with pytest.raises(ValueError):
            mifare.sector_of(bad)
    with pytest.raises(ValueError):
        mifare.first_block(16)


def test_permissions_follow_the_datasheet_tables() -> None:
    transport = mifare.TRANSPORT_ACCESS
    # Transport: key B is readable, so it is data and grants nothing.
    assert mifare.key_b_readable(transport)
    assert mifare.permitted(transport, 0, "write", "A")
    assert not mifare.permitted(transport, 0, "read", "B")
    assert mifare.permitted(transport, 3, "write_access", "A")
    assert not mifare.permitted(transport, 3, "write_access", "B")

    secured = AccessConditions((0b100, 0b100, 0b100, 0b011))  # 78 77 88
    assert not mifare.key_b_readable(secured)
    assert mifare.permitted(secured, 1, "read", "A") and not mifare.permitted(secured, 1, "write", "A")
    assert mifare.permitted(secured, 1, "write", "B")
    assert mifare.permitted(secured, 3, "read_access", "A")
    assert not mifare.permitted(secured, 3, "write_key_a", "A")
    assert mifare.permitted(secured, 3, "write_key_a", "B")


def test_irreversible_configurations_are_flagged() -> None:
    assert not mifare.TRANSPORT_ACCESS.irreversible
    assert not AccessConditions((4, 4, 4, 0b011)).irreversible
    for trailer in (0b000, 0b010, 0b100, 0b110, 0b111):
        assert AccessConditions((0, 0, 0, trailer)).irreversible


def test_card_commands() -> None:
    uid = bytes.fromhex("04 33 18 EA 70 32 80")  # 7-byte UID: the last 4 bytes authenticate
    assert mifare.auth_command(4, mifare.DEFAULT_KEY, uid, "B") == bytes.fromhex(
        "61 04 FF FF FF FF FF FF EA 70 32 80"
    )
    assert mifare.read_command(63) == b"\x30\x3f"
    assert mifare.write_command(4, bytes(16)) == b"\xa0\x04" + bytes(16)
    with pytest.raises(ValueError):
        mifare.write_command(4, bytes(15))
