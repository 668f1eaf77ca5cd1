"""DL/T 645-2007: hand-worked frames, tolerant decoding, and a bus over a real pty."""

from __future__ import annotations

from contextlib import suppress
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers import dlt645
from drivers.dlt645 import DLT645Bus
from drivers.errors import BadChecksum, BadFrame, DeviceError, DeviceRejected, DeviceTimeout
from drivers.simulators import DLT645Simulator, Fault
from drivers.transport import SerialSettings

FAST = SerialSettings(baudrate=9600, timeout=0.25)
FUZZ = settings(deadline=None, max_examples=300)
METER = "123456789012"

# Header 68 12 90 78 56 34 12 68 of meter 123456789012 (address low byte first):
#   0x68 + 0x12 + 0x90 + 0x78 + 0x56 + 0x34 + 0x12 + 0x68
#   = 104 + 18 + 144 + 120 + 86 + 52 + 18 + 104 = 646
#
# Read total forward active energy, DI 00 01 00 00 → sent 00 00 01 00 → +0x33 → 33 33 34 33:
#   646 + 0x11 (17) + 0x04 (4) + 51 + 51 + 52 + 51 = 872; 872 - 3 × 256 = 104 = 0x68
READ_ENERGY = bytes.fromhex("FE FE FE FE 68 12 90 78 56 34 12 68 11 04 33 33 34 33 68 16")

# Reply: 1234.56 kWh = BCD 00 12 34 56, low byte first 56 34 12 00, +0x33 → 89 67 45 33:
#   646 + 0x91 (145) + 0x08 (8) + 205 (DI) + 137 + 103 + 69 + 51 = 1364; 1364 - 5 × 256 = 84 = 0x54
ENERGY_REPLY = bytes.fromhex("68 12 90 78 56 34 12 68 91 08 33 33 34 33 89 67 45 33 54 16")

# Read phase-A voltage, DI 02 01 01 00 → sent 00 01 01 02 → +0x33 → 33 34 34 35:
#   646 + 17 + 4 + 51 + 52 + 52 + 53 = 875; 875 - 768 = 107 = 0x6B
READ_VOLTAGE = bytes.fromhex("FE FE FE FE 68 12 90 78 56 34 12 68 11 04 33 34 34 35 6B 16")

# Reply: 230.5 V = BCD 23 05, low byte first 05 23, +0x33 → 38 56:
#   646 + 145 + 6 + 208 (DI) + 56 + 86 = 1147; 1147 - 4 × 256 = 123 = 0x7B
VOLTAGE_REPLY = bytes.fromhex("68 12 90 78 56 34 12 68 91 06 33 34 34 35 38 56 7B 16")

# Broadcast read address (the frame printed in countless meter manuals):
#   0x68 × 2 (208) + 0xAA × 6 (1020) + 0x13 (19) + 0x00 = 1247; 1247 - 4 × 256 = 223 = 0xDF
READ_ADDRESS = bytes.fromhex("FE FE FE FE 68 AA AA AA AA AA AA 68 13 00 DF 16")

# Error reply D1 with error byte 02 (no such data) + 0x33 = 35:
#   646 + 0xD1 (209) + 0x01 + 0x35 (53) = 909; 909 - 768 = 141 = 0x8D
ERROR_REPLY = bytes.fromhex("68 12 90 78 56 34 12 68 D1 01 35 8D 16")


# -- encoding -------------------------------------------------------------------


def test_address_is_sent_low_byte_first() -> None:
    assert dlt645.encode_address(METER) == bytes.fromhex("12 90 78 56 34 12")
    assert dlt645.encode_address("1") == bytes.fromhex("01 00 00 00 00 00")
    assert dlt645.encode_address("aaaaaaaaaaaa") == b"\xaa" * 6


@pytest.mark.parametrize("bad", ["", "12345678901234", "12345678901x", "１２３"])
def test_bad_addresses_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="电表地址"):
        dlt645.encode_address(bad)


def test_read_requests_match_hand_worked_frames() -> None:
    assert dlt645.encode_read(METER, dlt645.DI_FORWARD_ACTIVE_TOTAL) == READ_ENERGY
    assert dlt645.encode_read(METER, dlt645.DI_VOLTAGE_A) == READ_VOLTAGE
    assert dlt645.encode_read_address() == READ_ADDRESS
    assert dlt645.encode_read_address(preamble=False) == READ_ADDRESS[4:]


# -- decoding --------------------------------------------------------------------


def test_energy_reply_decodes_to_exact_decimal() -> None:
    frame = dlt645.decode_frame(ENERGY_REPLY)
    assert (frame.address, frame.control, frame.is_reply) == (METER, 0x91, True)
    value = dlt645.reply_value(frame, dlt645.DI_FORWARD_ACTIVE_TOTAL)
    assert value == bytes.fromhex("56 34 12 00")
    assert dlt645.decode_energy(value) == Decimal("1234.56")


def test_voltage_reply_decodes() -> None:
    frame = dlt645.decode_frame(VOLTAGE_REPLY)
    assert dlt645.decode_voltage(dlt645.reply_value(frame, dlt645.DI_VOLTAGE_A)) == Decimal("230.5")


def test_reply_announcing_more_frames_is_still_a_reply() -> None:
    # C = B1 (normal reply, more frames follow): ENERGY_REPLY with 91 → B1 adds 0x20 to the sum:
    #   0x54 + 0x20 = 0x74
    frame = dlt645.decode_frame(ENERGY_REPLY[:8] + b"\xb1" + ENERGY_REPLY[9:-2] + b"\x74\x16")
    assert frame.control & dlt645.FOLLOWS_BIT
    assert dlt645.decode_energy(dlt645.reply_value(frame, dlt645.DI_FORWARD_ACTIVE_TOTAL)) == Decimal(
        "1234.56"
    )


def test_error_reply_raises_with_the_meters_code() -> None:
    frame = dlt645.decode_frame(ERROR_REPLY)
    with pytest.raises(DeviceRejected) as caught:
        dlt645.reply_value(frame, dlt645.DI_FORWARD_ACTIVE_TOTAL)
    assert caught.value.code == 0x02
    assert "无请求数据" in str(caught.value) and "no such data" in str(caught.value)


def test_error_bits_are_all_described() -> None:
    zh, en = dlt645.describe_error(0x05)
    assert zh == "其他错误、密码错误或未授权"
    assert en == "other error, wrong password or not authorised"
    assert "0x80" in dlt645.describe_error(0x80)[1]


def test_reply_to_another_identifier_is_a_bad_frame() -> None:
    frame = dlt645.decode_frame(ENERGY_REPLY)
    with pytest.raises(BadFrame):
        dlt645.reply_value(frame, dlt645.DI_VOLTAGE_A)


def test_wrong_checksum_is_detected() -> None:
    damaged = ENERGY_REPLY[:-2] + bytes([0x55, 0x16])
    with pytest.raises(BadChecksum):
        dlt645.decode_frame(damaged)


def test_non_bcd_value_is_a_bad_frame() -> None:
    with pytest.raises(BadFrame):
        dlt645.decode_energy(bytes.fromhex("5A 34 12 00"))


def test_take_frame_skips_preamble_garbage_and_false_starts() -> None:
    # FE wake-up, noise, a stray 68 whose 8th byte is not 68, then the frame, then the next frame's start.
    buf = bytearray(bytes.fromhex("FE FE 00 13 68 01 02") + ENERGY_REPLY + b"\x68\x12")
    assert dlt645.take_frame(buf) == ENERGY_REPLY
    assert buf == bytearray(b"\x68\x12")


def test_take_frame_waits_for_a_complete_frame() -> None:
    buf = bytearray(ENERGY_REPLY[:-3])
    assert dlt645.take_frame(buf) is None
    buf += ENERGY_REPLY[-3:]
    assert dlt645.take_frame(buf) == ENERGY_REPLY


def test_a_false_start_in_noise_does_not_hide_the_frame() -> None:
    # From the stray 68, the byte 7 further on is the real frame's 68 and the
    # "L" after it is 0x90 (144 bytes): a plausible frame that would need 156
    # bytes. The real frame inside it is complete with a right checksum: take it now.
    buf = bytearray(bytes.fromhex("68 00 E5 FE FE FE FE") + ENERGY_REPLY)
    assert dlt645.take_frame(buf) == ENERGY_REPLY
    assert not buf


def test_a_damaged_frame_is_handed_over_for_the_checksum_error() -> None:
    damaged = ENERGY_REPLY[:-2] + b"\x00\x16"
    buf = bytearray(b"\xfe\xfe" + damaged)
    assert dlt645.take_frame(buf) == damaged
    with pytest.raises(BadChecksum):
        dlt645.decode_frame(damaged)


@FUZZ
@given(st.binary(max_size=80))
def test_decoders_raise_only_driver_errors(data: bytes) -> None:
    buf = bytearray(data)
    while (raw := dlt645.take_frame(buf)) is not None:
        with suppress(DeviceError):
            frame = dlt645.decode_frame(raw)
            dlt645.decode_energy(dlt645.reply_value(frame, dlt645.DI_FORWARD_ACTIVE_TOTAL))
    with suppress(DeviceError):
        dlt645.decode_frame(data)


@FUZZ
@given(
    st.integers(0, 10**12 - 1).map(lambda n: str(n).zfill(12)),
    st.integers(0, 99_999_999),
    st.binary(max_size=20),
)
def test_any_reply_survives_leading_garbage(address: str, hundredths: int, noise: bytes) -> None:
    value = Decimal(hundredths).scaleb(-2)
    data = dlt645.encode_di(dlt645.DI_FORWARD_ACTIVE_TOTAL) + bytes.fromhex(f"{hundredths:08d}")[::-1]
    reply = dlt645.encode_frame(address, 0x91, data)
    buf = bytearray(noise.replace(b"\x68", b"") + reply)
    frame = dlt645.decode_frame(dlt645.take_frame(buf) or b"")
    assert frame.address == address
    assert dlt645.decode_energy(dlt645.reply_value(frame, dlt645.DI_FORWARD_ACTIVE_TOTAL)) == value


# -- the bus over a pty -------------------------------------------------------------------


def open_bus(sim: DLT645Simulator, **options: object) -> DLT645Bus:
    return DLT645Bus.open(sim.port, FAST, **options)  # type: ignore[arg-type]


def test_reads_energy_and_voltage_over_a_pty(dlt645_sim: DLT645Simulator) -> None:
    dlt645_sim.add_meter(METER, energy=Decimal("1234.56"), voltage_a=Decimal("230.5"))
    log: list[tuple[str, bytes]] = []
    with DLT645Bus.open(dlt645_sim.port, FAST, log=lambda d, b: log.append((d, b))) as bus:
        energy = bus.read_total(METER)
        voltage = bus.read_voltage_a(METER)
    assert (energy.value, energy.unit, energy.address, energy.protocol) == (
        Decimal("1234.56"),
        "kWh",
        METER,
        "dlt645",
    )
    assert energy.raw == ENERGY_REPLY
    assert (voltage.value, voltage.unit) == (Decimal("230.5"), "V")
    assert ("tx", READ_ENERGY) in log
    assert b"".join(b for d, b in log if d == "rx").endswith(VOLTAGE_REPLY)


def test_several_meters_on_one_bus(dlt645_sim: DLT645Simulator) -> None:
    for n in range(1, 4):
        dlt645_sim.add_meter(str(n), energy=Decimal(n) * Decimal("100.01"))
    with open_bus(dlt645_sim) as bus:
        readings = [bus.read_total(str(n)).value for n in range(1, 4)]
    assert readings == [Decimal("100.01"), Decimal("200.02"), Decimal("300.03")]


def test_read_address_of_the_only_meter(dlt645_sim: DLT645Simulator) -> None:
    dlt645_sim.add_meter("000012345678")
    with open_bus(dlt645_sim) as bus:
        assert bus.read_address() == "000012345678"


def test_silent_meter_times_out_with_a_useful_message(dlt645_sim: DLT645Simulator) -> None:
    dlt645_sim.add_meter(METER).silent = True
    with open_bus(dlt645_sim, retries=0) as bus, pytest.raises(DeviceTimeout) as caught:
        bus.read_total(METER)
    message = str(caught.value)
    assert message.startswith("读取超时：电表 123456789012 无应答")
    assert dlt645_sim.port in message and "did not answer" in message
    assert caught.value.address == METER and caught.value.port == dlt645_sim.port


def test_unknown_address_is_silence(dlt645_sim: DLT645Simulator) -> None:
    dlt645_sim.add_meter(METER)
    with open_bus(dlt645_sim, retries=0) as bus, pytest.raises(DeviceTimeout):
        bus.read_total("999999999999")


def test_meter_error_byte_is_reported(dlt645_sim: DLT645Simulator) -> None:
    dlt645_sim.add_meter(METER).error_code = 0x04
    with open_bus(dlt645_sim) as bus, pytest.raises(DeviceRejected) as caught:
        bus.read_total(METER)
    assert caught.value.code == 0x04 and "密码错误" in str(caught.value)


def test_bad_checksum_on_the_line(dlt645_sim: DLT645Simulator) -> None:
    dlt645_sim.add_meter(METER).fault = Fault.BAD_CHECKSUM
    with open_bus(dlt645_sim, retries=0) as bus, pytest.raises(BadChecksum):
        bus.read_total(METER)


def test_truncated_reply_is_reported_as_such(dlt645_sim: DLT645Simulator) -> None:
    dlt645_sim.add_meter(METER).fault = Fault.TRUNCATED
    with open_bus(dlt645_sim, retries=0) as bus, pytest.raises(BadFrame, match="应答不完整"):
        bus.read_total(METER)


def test_noise_before_the_reply_and_adapter_echo_are_tolerated() -> None:
    with DLT645Simulator(echo=True) as sim:
        sim.add_meter(METER, energy=Decimal("7.77")).fault = Fault.NOISE
        with open_bus(sim) as bus:
            assert bus.read_total(METER).value == Decimal("7.77")


def test_a_garbled_reply_is_retried(dlt645_sim: DLT645Simulator) -> None:
    meter = dlt645_sim.add_meter(METER, energy=Decimal("1.00"))
    meter.fault = Fault.BAD_CHECKSUM
    log: list[tuple[str, bytes]] = []

    def heal(direction: str, data: bytes) -> None:
        log.append((direction, data))
        if direction == "rx" and data.endswith(b"\x16"):
            meter.fault = None  # the line noise goes away after the first answer

    with DLT645Bus.open(dlt645_sim.port, FAST, log=heal, retries=1) as bus:
        assert bus.read_total(METER).value == Decimal("1.00")
    assert sum(1 for d, _ in log if d == "tx") == 2


def test_reading_changes_between_reads(dlt645_sim: DLT645Simulator) -> None:
    dlt645_sim.add_meter(METER, energy=Decimal("10.00"))
    with open_bus(dlt645_sim) as bus:
        first = bus.read_energy(METER).value
        dlt645_sim.set_energy(METER, Decimal("10.25"))
        assert bus.read_energy(METER).value - first == Decimal("0.25")


def test_even_parity_over_a_network_serial_server() -> None:
    # The real line settings (2400 8E1) cannot be set on a Linux pty but pass
    # through a socket:// serial server untouched.
    with DLT645Simulator(tcp_port=0) as sim:
        sim.add_meter(METER, energy=Decimal("42.00"))
        with DLT645Bus.open(sim.port, DLT645Bus.default_settings.with_changes(timeout=0.5)) as bus:
            assert bus.read_total(METER).value == Decimal("42.00")
