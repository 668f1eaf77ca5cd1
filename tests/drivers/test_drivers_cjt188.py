"""CJ/T 188-2004: hand-worked frames for water and heat meters, and meters over a pty."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers import cjt188
from drivers.cjt188 import CJT188Bus, FlowData, HeatData
from drivers.errors import BadChecksum, BadFrame, DeviceError, DeviceRejected, DeviceTimeout
from drivers.simulators import CJT188Simulator, Fault, SimulatedFlowMeter, SimulatedHeatMeter
from drivers.transport import SerialSettings

FAST = SerialSettings(baudrate=9600, timeout=0.25)
FUZZ = settings(deadline=None, max_examples=300)
METER = "12345678901234"

# Read data from cold-water meter 12345678901234 (address 34 12 90 78 56 34 12), SER 01:
#   0x68 (104) + 0x10 (16) + [52 + 18 + 144 + 120 + 86 + 52 + 18 = 490] = 610
#   + C 0x01 + L 0x03 + DI 0x90 (144) + 0x1F (31) + SER 0x01 = 790; 790 - 3 × 256 = 22 = 0x16
# (the checksum happens to equal the end byte 16: a decoder must count, not search for 16).
READ_DATA = bytes.fromhex("FE FE 68 10 34 12 90 78 56 34 12 01 03 90 1F 01 16 16")

# Broadcast form seen in meter manuals: type 10, address AA×7, SER 00:
#   104 + 16 + 7 × 170 (1190) + 1 + 3 + 144 + 31 + 0 = 1489; 1489 - 5 × 256 = 209 = 0xD1
READ_BROADCAST = bytes.fromhex("68 10 AA AA AA AA AA AA AA 01 03 90 1F 00 D1 16")

# Reply C=81, L=0x16 (22): DI 90 1F, SER 01, current 56.78 m³ (78 56 00 00, unit 2C),
# settlement 12.34 m³ (34 12 00 00, 2C), clock 2024-01-15 09:30:45 (45 30 09 15 01 24 20),
# status 04 00 (valve open, battery low). Sum:
#   610 + 0x81 (129) + 0x16 (22) = 761
#   + 144 + 31 + 1                     = 937   (DI, SER)
#   + 120 + 86 + 0 + 0 + 44            = 1187  (current flow, unit)
#   + 52 + 18 + 0 + 0 + 44             = 1301  (settlement flow, unit)
#   + 69 + 48 + 9 + 21 + 1 + 36 + 32   = 1517  (clock)
#   + 4 + 0                            = 1521; 1521 - 5 × 256 = 241 = 0xF1
WATER_DATA = "78 56 00 00 2C 34 12 00 00 2C 45 30 09 15 01 24 20 04 00"
WATER_REPLY = bytes.fromhex(f"68 10 34 12 90 78 56 34 12 81 16 90 1F 01 {WATER_DATA} F1 16")
# The same reply from a meter that sends the DI as 1F 90: same bytes, same sum.
WATER_REPLY_DI_SWAPPED = bytes.fromhex(f"68 10 34 12 90 78 56 34 12 81 16 1F 90 01 {WATER_DATA} F1 16")

# Heat meter 00000000000001 (01 00 00 00 00 00 00), C=81, L=0x2E (46):
#   settlement heat 1234.56 kWh, current heat 2345.67 kWh, power 12.34 kW, flow 1.2345 m³/h,
#   cumulative 345.60 m³, supply 65.40 °C, return 45.20 °C, 1234 h, 2024-03-01 12:00:00, status 00 00.
#   104 + 32 + 1 + 129 + 46 = 312
#   + 144 + 31 + 0              = 487    DI SER
#   + 86 + 52 + 18 + 0 + 5      = 648    56 34 12 00 05
#   + 103 + 69 + 35 + 0 + 5     = 860    67 45 23 00 05
#   + 52 + 18 + 0 + 0 + 23      = 953    34 12 00 00 17
#   + 69 + 35 + 1 + 0 + 53      = 1111   45 23 01 00 35
#   + 96 + 69 + 3 + 0 + 44      = 1323   60 45 03 00 2C
#   + 64 + 101 + 0              = 1488   40 65 00
#   + 32 + 69 + 0               = 1589   20 45 00
#   + 52 + 18 + 0               = 1659   34 12 00
#   + 0 + 0 + 18 + 1 + 3 + 36 + 32 = 1749  00 00 12 01 03 24 20
#   + 0 + 0; 1749 - 6 × 256 = 213 = 0xD5
HEAT_REPLY = bytes.fromhex(
    "68 20 01 00 00 00 00 00 00 81 2E 90 1F 00"
    " 56 34 12 00 05 67 45 23 00 05 34 12 00 00 17 45 23 01 00 35 60 45 03 00 2C"
    " 40 65 00 20 45 00 34 12 00 00 00 12 01 03 24 20 00 00 D5 16"
)


def test_requests_match_hand_worked_frames() -> None:
    assert cjt188.encode_read_data(0x10, METER, 1) == READ_DATA
    assert cjt188.encode_read_data(0x10, cjt188.BROADCAST_ADDRESS, 0, preamble=False) == READ_BROADCAST
    little = cjt188.encode_read_data(0x10, METER, 1, di_order="little", preamble=False)
    assert little[11:13] == b"\x1f\x90" and little[-2] == 0x16  # same bytes, same sum


@pytest.mark.parametrize("reply", [WATER_REPLY, WATER_REPLY_DI_SWAPPED])
def test_water_reply_in_either_di_order(reply: bytes) -> None:
    data = cjt188.decode_meter_data(cjt188.decode_frame(reply))
    assert isinstance(data, FlowData)
    assert (data.meter_type, data.address) == (0x10, METER)
    assert data.current == cjt188.Quantity(Decimal("56.78"), "m³")
    assert data.settlement == cjt188.Quantity(Decimal("12.34"), "m³")
    assert data.clock == datetime(2024, 1, 15, 9, 30, 45)
    assert (data.status.valve, data.status.battery_low, data.status.raw) == ("open", True, 0x0004)
    assert data.total.value == Decimal("56.78")


def test_heat_reply() -> None:
    data = cjt188.decode_meter_data(cjt188.decode_frame(HEAT_REPLY))
    assert isinstance(data, HeatData)
    assert data.settlement_heat == cjt188.Quantity(Decimal("1234.56"), "kWh")
    assert data.current_heat == cjt188.Quantity(Decimal("2345.67"), "kWh")
    assert data.heat_power == cjt188.Quantity(Decimal("12.34"), "kW")
    assert data.flow_rate == cjt188.Quantity(Decimal("1.2345"), "m³/h")
    assert data.cumulative_flow == cjt188.Quantity(Decimal("345.60"), "m³")
    assert (data.supply_temperature, data.return_temperature) == (Decimal("65.40"), Decimal("45.20"))
    assert data.working_hours == 1234
    assert data.clock == datetime(2024, 3, 1, 12, 0, 0)
    assert data.total == data.current_heat


@pytest.mark.parametrize(
    ("code", "unit", "factor"),
    [
        (0x2C, "m³", 1),
        (0x29, "L", 1),
        (0x05, "kWh", 1),
        (0x11, "GJ", 1),
        (0x13, "GJ", 100),
        (0x0A, "MWh", 100),
    ],
)
def test_unit_codes(code: int, unit: str, factor: int) -> None:
    meter = SimulatedFlowMeter(current=Decimal("1.50"), unit=code)
    reply = cjt188.encode_frame(0x10, METER, 0x81, b"\x90\x1f\x00" + meter.data(), preamble=False)
    data = cjt188.decode_meter_data(cjt188.decode_frame(reply))
    assert data.total == cjt188.Quantity(Decimal("1.50") * factor, unit)


def test_unknown_unit_code_is_refused() -> None:
    meter = SimulatedFlowMeter(unit=0x99)
    reply = cjt188.encode_frame(0x10, METER, 0x81, b"\x90\x1f\x00" + meter.data(), preamble=False)
    with pytest.raises(BadFrame, match="unit code 99"):
        cjt188.decode_meter_data(cjt188.decode_frame(reply))


def test_invalid_clock_does_not_spoil_the_reading() -> None:
    assert cjt188.decode_clock(bytes(7)) is None
    assert cjt188.decode_clock(bytes.fromhex("00 00 00 31 02 24 20")) is None  # 31 February
    assert cjt188.decode_clock(bytes.fromhex("59 59 23 31 12 99 20")) == datetime(2099, 12, 31, 23, 59, 59)


def test_valve_states() -> None:
    assert cjt188.decode_status(b"\x01\x00").valve == "closed"
    assert cjt188.decode_status(b"\x03\x00").valve == "abnormal"
    assert cjt188.decode_status(b"\x02\x00").valve == "unknown"


def test_wrong_checksum() -> None:
    with pytest.raises(BadChecksum):
        cjt188.decode_frame(WATER_REPLY[:-2] + b"\xf2\x16")


def test_take_frame_counts_rather_than_searching_for_16() -> None:
    buf = bytearray(b"\x00\x16\xfe" + READ_DATA)
    frame = cjt188.take_frame(buf)
    assert frame == READ_DATA[2:] and not buf


@FUZZ
@given(st.binary(max_size=90), st.sampled_from([0x10, 0x20, 0x30]))
def test_decoders_raise_only_driver_errors(data: bytes, meter_type: int) -> None:
    buf = bytearray(data)
    while (raw := cjt188.take_frame(buf)) is not None:
        with suppress(DeviceError):
            cjt188.decode_meter_data(cjt188.decode_frame(raw))
    frame = cjt188.Frame(meter_type, METER, 0x81, data, data)
    with suppress(DeviceError):
        cjt188.decode_meter_data(frame)


# -- meters over a pty -------------------------------------------------------------


def test_water_meter_over_a_pty(cjt188_sim: CJT188Simulator) -> None:
    cjt188_sim.add_meter(METER, SimulatedFlowMeter(current=Decimal("56.78"), settlement=Decimal("50.00")))
    with CJT188Bus.open(cjt188_sim.port, FAST) as bus:
        reading = bus.read_total(METER)
        data = bus.read_data(METER)
    assert (reading.value, reading.unit, reading.protocol, reading.quantity) == (
        Decimal("56.78"),
        "m³",
        "cjt188",
        "volume",
    )
    assert isinstance(data, FlowData) and data.settlement.value == Decimal("50.00")


def test_heat_and_gas_meters_on_one_line(cjt188_sim: CJT188Simulator) -> None:
    cjt188_sim.add_meter("1", SimulatedHeatMeter(current_heat=Decimal("2345.67")))
    cjt188_sim.add_meter("2", SimulatedFlowMeter(meter_type=0x30, current=Decimal("8.90")))
    with CJT188Bus.open(cjt188_sim.port, FAST, meter_type=0x20) as bus:
        heat = bus.read_total("1")
        gas = bus.read_data("2", meter_type=0x30)
    assert (heat.value, heat.unit, heat.quantity) == (Decimal("2345.67"), "kWh", "heat")
    assert isinstance(gas, FlowData) and gas.total.value == Decimal("8.90")


def test_replies_with_swapped_di_are_accepted() -> None:
    with CJT188Simulator(di_order="little") as sim:
        sim.add_meter(METER, SimulatedFlowMeter(current=Decimal("3.21")))
        with CJT188Bus.open(sim.port, FAST) as bus:
            assert bus.read_total(METER).value == Decimal("3.21")


def test_wrong_meter_type_gets_no_answer(cjt188_sim: CJT188Simulator) -> None:
    cjt188_sim.add_meter(METER, SimulatedFlowMeter(meter_type=0x30))
    with (
        CJT188Bus.open(cjt188_sim.port, FAST, retries=0) as bus,
        pytest.raises(DeviceTimeout, match="无应答"),
    ):
        bus.read_total(METER)  # the bus asks for a cold-water meter (type 10)


def test_error_reply_carries_the_status_word(cjt188_sim: CJT188Simulator) -> None:
    meter = SimulatedFlowMeter(error=True, status=b"\x03\x00")
    cjt188_sim.add_meter(METER, meter)
    with CJT188Bus.open(cjt188_sim.port, FAST) as bus, pytest.raises(DeviceRejected) as caught:
        bus.read_total(METER)
    assert caught.value.code == 0x0003 and METER in str(caught.value)


@pytest.mark.parametrize(("fault", "error"), [(Fault.BAD_CHECKSUM, BadChecksum), (Fault.TRUNCATED, BadFrame)])
def test_garbled_replies(cjt188_sim: CJT188Simulator, fault: Fault, error: type[Exception]) -> None:
    cjt188_sim.add_meter(METER, SimulatedFlowMeter(fault=fault))
    with CJT188Bus.open(cjt188_sim.port, FAST, retries=0) as bus, pytest.raises(error):
        bus.read_total(METER)


def test_noise_before_the_reply(cjt188_sim: CJT188Simulator) -> None:
    cjt188_sim.add_meter(METER, SimulatedFlowMeter(current=Decimal("1.00"), fault=Fault.NOISE))
    with CJT188Bus.open(cjt188_sim.port, FAST) as bus:
        assert bus.read_total(METER).value == Decimal("1.00")


def test_read_address(cjt188_sim: CJT188Simulator) -> None:
    cjt188_sim.add_meter("00000012345678", SimulatedFlowMeter(meter_type=0x11))
    with CJT188Bus.open(cjt188_sim.port, FAST) as bus:
        assert bus.read_address() == (0x11, "00000012345678")
