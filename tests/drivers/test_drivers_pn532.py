"""PN532 HSU frames by hand, and MIFARE Classic card operations against the simulated reader on a pty."""

from __future__ import annotations

import os
import tty
from collections.abc import Iterator
from contextlib import suppress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers import mifare, pn532
from drivers.errors import (
    AuthError,
    BadChecksum,
    CardRemoved,
    DeviceError,
    DeviceRejected,
    DeviceTimeout,
    NoCard,
)
from drivers.mifare import DEFAULT_KEY, AccessConditions
from drivers.pn532 import PN532, MifareClassic
from drivers.simulators import CardReaderSimulator
from drivers.transport import SerialSettings

FAST = SerialSettings(baudrate=115200, timeout=0.25)
FUZZ = settings(deadline=None, max_examples=300)
UID = bytes.fromhex("DE AD BE EF")
KEY_A = bytes.fromhex("A0 A1 A2 A3 A4 A5")
KEY_B = bytes.fromhex("B0 B1 B2 B3 B4 B5")
SECURED = AccessConditions((0b100, 0b100, 0b100, 0b011))  # 78 77 88: read A|B, write B

# GetFirmwareVersion: LEN 02, LCS = 0x100 - 0x02 = FE; D4 + 02 = D6, DCS = 0x100 - 0xD6 = 2A.
GET_FIRMWARE = bytes.fromhex("00 00 FF 02 FE D4 02 2A 00")
# SAMConfiguration normal mode, timeout 0x14, IRQ: D4 14 01 14 01, LEN 05, LCS FB;
#   0xD4 + 0x14 + 0x01 + 0x14 + 0x01 = 212 + 20 + 1 + 20 + 1 = 254 = FE, DCS = 02.
SAM_CONFIGURATION = bytes.fromhex("00 00 FF 05 FB D4 14 01 14 01 02 00")
# InListPassiveTarget, 1 target, 106 kbps type A: D4 4A 01 00, LEN 04, LCS FC;
#   212 + 74 + 1 + 0 = 287 → 0x1F, DCS = 0x100 - 0x1F = E1.
LIST_TARGET = bytes.fromhex("00 00 FF 04 FC D4 4A 01 00 E1 00")
# Firmware reply IC 32, v1.6, support 07: D5 03 32 01 06 07, LEN 06, LCS FA;
#   213 + 3 + 50 + 1 + 6 + 7 = 280 → 0x18, DCS = E8.
FIRMWARE_REPLY = bytes.fromhex("00 00 FF 06 FA D5 03 32 01 06 07 E8 00")
# Target found: D5 4B 01 01 00 04 08 04 DE AD BE EF, LEN 0C, LCS F4;
#   213 + 75 + 1 + 1 + 0 + 4 + 8 + 4 + 222 + 173 + 190 + 239 = 1130 → 1130 - 1024 = 106 = 6A, DCS = 96.
TARGET_REPLY = bytes.fromhex("00 00 FF 0C F4 D5 4B 01 01 00 04 08 04 DE AD BE EF 96 00")
# Authenticate block 4 with key A FF×6 for UID DEADBEEF: D4 40 01 60 04 FF×6 DE AD BE EF, LEN 0F, LCS F1;
#   212 + 64 + 1 + 96 + 4 + 6 × 255 + 222 + 173 + 190 + 239 = 2731 → 2731 - 2560 = 171 = AB, DCS = 55.
AUTH_BLOCK_4 = bytes.fromhex("00 00 FF 0F F1 D4 40 01 60 04 FF FF FF FF FF FF DE AD BE EF 55 00")
# Authentication error: D5 41 14, LEN 03, LCS FD; 213 + 65 + 20 = 298 → 2A, DCS = D6.
AUTH_ERROR_REPLY = bytes.fromhex("00 00 FF 03 FD D5 41 14 D6 00")


def test_command_frames_match_hand_worked_bytes() -> None:
    assert pn532.encode_command(pn532.CMD_GET_FIRMWARE_VERSION) == GET_FIRMWARE
    assert (
        pn532.encode_command(pn532.CMD_SAM_CONFIGURATION, pn532.sam_configuration_params())
        == SAM_CONFIGURATION
    )
    assert (
        pn532.encode_command(pn532.CMD_IN_LIST_PASSIVE_TARGET, pn532.list_passive_target_params())
        == LIST_TARGET
    )
    auth = mifare.auth_command(4, DEFAULT_KEY, UID)
    assert pn532.encode_command(pn532.CMD_IN_DATA_EXCHANGE, b"\x01" + auth) == AUTH_BLOCK_4


def test_reply_frames_decode() -> None:
    firmware = pn532.decode_frame(pn532.take_frame(bytearray(FIRMWARE_REPLY)) or b"")
    assert firmware.kind == "information" and firmware.tfi == pn532.TFI_PN532
    assert str(pn532.decode_firmware_version(firmware.data[1:])) == "PN532 v1.6"
    target = pn532.decode_target(pn532.decode_frame(TARGET_REPLY[1:-1]).data[1:])
    assert target is not None
    assert (target.number, target.atqa, target.sak, target.uid_hex) == (1, 0x0004, 0x08, "DEADBEEF")
    assert pn532.decode_frame(AUTH_ERROR_REPLY[1:-1]).data == b"\x41\x14"
    assert pn532.decode_target(b"\x00") is None


def test_ack_nack_and_error_frames() -> None:
    buf = bytearray(pn532.ACK + pn532.NACK + pn532.ERROR_FRAME)
    kinds = []
    while (raw := pn532.take_frame(buf)) is not None:
        kinds.append(pn532.decode_frame(raw).kind)
    assert kinds == ["ack", "nack", "error"]


def test_take_frame_skips_wake_up_and_noise() -> None:
    buf = bytearray(b"\x55\x55\x00\x00\x00\x13\x00\xff\x07" + pn532.ACK + FIRMWARE_REPLY[:7])
    assert pn532.take_frame(buf) == pn532.ACK[1:5]
    assert pn532.take_frame(buf) is None  # the reply is not complete yet
    buf += FIRMWARE_REPLY[7:]
    assert pn532.take_frame(buf) == FIRMWARE_REPLY[1:-1]


def test_bad_data_checksum() -> None:
    damaged = FIRMWARE_REPLY[:-2] + b"\xe9\x00"
    with pytest.raises(BadChecksum):
        pn532.decode_frame(pn532.take_frame(bytearray(damaged)) or b"")


@FUZZ
@given(st.binary(max_size=64))
def test_decoders_raise_only_driver_errors(data: bytes) -> None:
    buf = bytearray(data)
    while (raw := pn532.take_frame(buf)) is not None:
        with suppress(DeviceError):
            frame = pn532.decode_frame(raw)
            pn532.decode_target(frame.data[1:])
            pn532.decode_firmware_version(frame.data[1:])
    for decode in (pn532.decode_frame, pn532.decode_target, pn532.decode_firmware_version):
        with suppress(DeviceError):
            decode(data)


# -- reader and card over a pty ------------------------------------------------------------


@pytest.fixture
def card(card_sim: CardReaderSimulator) -> Iterator[MifareClassic]:
    card_sim.place_card(UID)
    reader = PN532.open(card_sim.port, FAST)
    reader.begin()
    yield MifareClassic(reader)
    reader.close()


def test_begin_wakes_the_reader_and_reads_its_firmware(card_sim: CardReaderSimulator) -> None:
    log: list[tuple[str, bytes]] = []
    with PN532.open(card_sim.port, FAST, log=lambda d, b: log.append((d, b))) as reader:
        assert str(reader.begin()) == "PN532 v1.6"
    sent = b"".join(b for d, b in log if d == "tx")
    assert sent.startswith(pn532.WAKE_UP + SAM_CONFIGURATION)
    assert GET_FIRMWARE in sent


def test_detect_returns_uid_atqa_sak(card: MifareClassic) -> None:
    target = card.detect()
    assert (target.uid, target.atqa, target.sak) == (UID, 0x0004, 0x08)


def test_no_card(card: MifareClassic, card_sim: CardReaderSimulator) -> None:
    card_sim.remove_card()
    with pytest.raises(NoCard, match="读卡器上没有卡片"):
        card.detect()


def test_read_and_write_a_sector(card: MifareClassic, card_sim: CardReaderSimulator) -> None:
    card.detect()
    blocks = [bytes([n]) * 16 for n in (1, 2, 3)]
    card.write_sector(1, blocks, DEFAULT_KEY)
    assert card.read_sector(1, DEFAULT_KEY) == blocks
    assert card_sim.block(5) == bytes([2]) * 16


def test_sector_0_keeps_the_manufacturer_block(card: MifareClassic, card_sim: CardReaderSimulator) -> None:
    card.detect()
    card.write_sector(0, [b"x" * 16, b"y" * 16], DEFAULT_KEY)
    assert card_sim.block(0).startswith(UID)
    with pytest.raises(ValueError):
        card.write_block(0, bytes(16))
    with pytest.raises(ValueError):
        card.write_block(7, bytes(16))  # a trailer: only write_trailer may touch it


def test_wrong_key_then_right_key(card: MifareClassic) -> None:
    card.detect()
    with pytest.raises(AuthError) as caught:
        card.authenticate(4, KEY_A)
    assert "密钥不正确" in str(caught.value) and "DEADBEEF" in str(caught.value)
    # The card went idle after the failure; the next operation selects it again by itself.
    assert card.read_sector(1, DEFAULT_KEY) == [bytes(16)] * 3


def test_secure_a_sector_then_keys_and_access_bits_are_enforced(
    card: MifareClassic, card_sim: CardReaderSimulator
) -> None:
    card.detect()
    card.write_trailer(2, KEY_A, SECURED, KEY_B, key=DEFAULT_KEY)
    assert card_sim.block(11) == KEY_A + bytes.fromhex("78 77 88 69") + KEY_B

    trailer = card.read_trailer(2, KEY_A)
    assert trailer.access == SECURED and trailer.key_a == bytes(6) and trailer.key_b == bytes(6)

    assert card.read_sector(2, KEY_A) == [bytes(16)] * 3  # key A may read
    card.authenticate(8, KEY_A)
    with pytest.raises(DeviceRejected) as refused:
        card.write_block(8, b"A" * 16)  # ... but not write
    assert refused.value.code == pn532.STATUS_INVALID_FRAME and "拒绝" in str(refused.value)

    card.write_sector(2, [b"B" * 16] * 3, KEY_B, "B")  # key B may write
    assert card_sim.block(9) == b"B" * 16
    with pytest.raises(AuthError):
        card.read_sector(2, DEFAULT_KEY)  # the transport key no longer opens the sector


def test_transport_key_b_is_data_and_grants_nothing(card: MifareClassic) -> None:
    card.detect()
    card.authenticate(4, DEFAULT_KEY, "B")  # the card accepts key B ...
    with pytest.raises(DeviceRejected):
        card.read_block(4)  # ... but refuses any access with it


def test_irreversible_access_bits_need_explicit_consent(
    card: MifareClassic, card_sim: CardReaderSimulator
) -> None:
    card.detect()
    frozen = AccessConditions((0, 0, 0, 0b110))
    before = card_sim.block(7)
    with pytest.raises(ValueError, match="永久"):
        card.write_trailer(1, KEY_A, frozen, KEY_B, key=DEFAULT_KEY)
    assert card_sim.block(7) == before
    card.write_trailer(1, KEY_A, frozen, KEY_B, key=DEFAULT_KEY, allow_irreversible=True)
    assert card_sim.block(7)[6:9] == frozen.to_bytes()


def test_card_lifted_in_the_middle_of_a_sector_write(
    card: MifareClassic, card_sim: CardReaderSimulator
) -> None:
    card.detect()
    # auth + (write, verify) for block 4 succeed, then the card leaves during block 5.
    card_sim.lift_card_after(3)
    with pytest.raises(CardRemoved) as caught:
        card.write_sector(1, [b"1" * 16, b"2" * 16, b"3" * 16], DEFAULT_KEY)
    assert "写入第 5 块时卡片 DEADBEEF 被移开" in str(caught.value)
    with pytest.raises(CardRemoved, match="已被移开"):
        card.read_sector(1, DEFAULT_KEY)


def test_card_swapped_between_operations(card: MifareClassic, card_sim: CardReaderSimulator) -> None:
    card.detect()
    card.authenticate(4, DEFAULT_KEY)
    with pytest.raises(AuthError):
        card.authenticate(4, KEY_A)
    card_sim.place_card(bytes.fromhex("01 02 03 04"))
    with pytest.raises(CardRemoved, match="已被更换"):
        card.read_sector(1, DEFAULT_KEY)


def test_reading_without_authentication_is_a_programming_error(card: MifareClassic) -> None:
    card.detect()
    with pytest.raises(ValueError, match="authenticate sector 1"):
        card.read_block(4)


def test_simulated_card_locks_a_sector_written_with_broken_access_bits(
    card_sim: CardReaderSimulator,
) -> None:
    # What the driver refuses to do, done by hand, shows why: the sector is lost.
    card_sim.place_card(UID)
    with PN532.open(card_sim.port, FAST) as reader:
        reader.begin()
        assert reader.list_passive_target() is not None
        assert reader.data_exchange(1, mifare.auth_command(7, DEFAULT_KEY, UID))[0] == 0
        broken = DEFAULT_KEY + bytes.fromhex("FF 07 81 69") + DEFAULT_KEY
        assert reader.data_exchange(1, mifare.write_command(7, broken))[0] == 0
        reader.list_passive_target()
        assert reader.data_exchange(1, mifare.auth_command(4, DEFAULT_KEY, UID))[0] == pn532.STATUS_AUTH_ERROR


def test_silent_reader() -> None:
    # A pty whose other end nobody serves: a reader that is unpowered or on another port.
    master, slave = os.openpty()
    tty.setraw(slave)
    try:
        with (
            PN532.open(os.ttyname(slave), FAST, retries=1, ack_timeout=0.05) as reader,
            pytest.raises(DeviceTimeout, match="读卡器无应答"),
        ):
            reader.firmware_version()
    finally:
        os.close(master)
        os.close(slave)
