"""Modbus RTU meters: register conversions by hand, pymodbus against an independent slave on a pty."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.errors import BadFrame, DeviceError, DeviceRejected, DeviceTimeout
from drivers.modbus_meter import (
    ModbusMeterBus,
    Register,
    decode_value,
    device_id,
    encode_value,
    load_presets,
    preset,
    preset_names,
)
from drivers.simulators import Fault, ModbusSimulator
from drivers.simulators.modbus import crc16
from drivers.transport import SerialSettings

FAST = SerialSettings(baudrate=9600, timeout=0.25)
FUZZ = settings(deadline=None, max_examples=300)

VOLTS = Register("voltage", 0x0000, "float32", "V", 1)
KWH = Register("total_energy", 0x0156, "float32", "kWh", 2)
DDS_KWH = Register("total_energy", 0x0000, "uint32", "kWh", 2)
DDS_POWER = Register("power", 0x000E, "int16", "W", 0)


def test_crc_matches_published_frames() -> None:
    # Eastron's manual: read 2 input registers from 0 of meter 1 → 01 04 00 00 00 02 71 CB.
    assert crc16(bytes.fromhex("01 04 00 00 00 02")).to_bytes(2, "little") == bytes.fromhex("71 CB")
    # The Modbus spec's classic: read 10 holding registers → 01 03 00 00 00 0A C5 CD.
    assert crc16(bytes.fromhex("01 03 00 00 00 0A")).to_bytes(2, "little") == bytes.fromhex("C5 CD")


def test_float32_by_hand() -> None:
    # 230.0 = 1.796875 × 2^7: sign 0, exponent 127 + 7 = 134 = 1000 0110,
    # fraction .796875 = .5 + .25 + .03125 + .015625 = 1100 1100 0…
    # → 0 10000110 1100110 0… = 0100 0011 0110 0110 0000… = 43 66 00 00
    assert decode_value(VOLTS, [0x4366, 0x0000]) == Decimal("230.0")
    # 1234.5 = 10011010010.1b = 1.00110100101b × 2^10: exponent 137 = 1000 1001,
    # fraction 0011 0100 101 → 0 10001001 00110100101 0… = 0100 0100 1001 1010 0101 0000… = 44 9A 50 00
    assert decode_value(KWH, [0x449A, 0x5000]) == Decimal("1234.50")
    assert encode_value(KWH, Decimal("1234.5")) == [0x449A, 0x5000]


def test_float_noise_is_rounded_once_to_the_quantitys_resolution() -> None:
    # 230.1 is not a float32: the nearest is 230.1000061…, sent as 43 66 19 9A.
    assert decode_value(VOLTS, [0x4366, 0x199A]) == Decimal("230.1")
    assert str(decode_value(KWH, [0x0000, 0x0000])) == "0.00"
    assert str(decode_value(KWH, [0x8000, 0x0000])) == "0.00"  # -0.0 reads as 0.00


def test_scaled_integers_are_exact() -> None:
    # DDS238: total energy in 1/100 kWh as an unsigned dword: 9876 = 0x0000 2694 → 98.76 kWh.
    assert decode_value(DDS_KWH, [0x0000, 0x2694]) == Decimal("98.76")
    # Active power as a signed word: 0xFF6A = 65386 - 65536 = -150 W (exporting).
    assert decode_value(DDS_POWER, [0xFF6A]) == Decimal("-150")
    assert encode_value(DDS_POWER, Decimal(-150)) == [0xFF6A]


def test_little_word_order() -> None:
    assert decode_value(DDS_KWH, [0x2694, 0x0000], "little") == Decimal("98.76")


@pytest.mark.parametrize("words", [[0x7FC0, 0x0000], [0x7F80, 0x0000]])
def test_nan_and_infinity_are_bad_frames(words: list[int]) -> None:
    with pytest.raises(BadFrame):
        decode_value(VOLTS, words)


@FUZZ
@given(st.lists(st.integers(-5, 70000), max_size=3), st.sampled_from([VOLTS, KWH, DDS_KWH, DDS_POWER]))
def test_decode_raises_only_driver_errors(words: list[int], register: Register) -> None:
    try:
        value = decode_value(register, words)
    except DeviceError:
        return
    assert value.as_tuple().exponent == -register.decimals


@FUZZ
@given(st.integers(0, 99_999_999))
def test_scaled_round_trip(hundredths: int) -> None:
    value = Decimal(hundredths).scaleb(-2)
    assert decode_value(DDS_KWH, encode_value(DDS_KWH, value)) == value


def test_presets_are_data_and_validated(tmp_path: Path) -> None:
    assert preset_names() == ["eastron_sdm", "hiking_dds238"]
    sdm = preset("eastron_sdm")
    assert (sdm.function, sdm.total, sdm.register("import_energy").address) == ("input", "total_energy", 0x48)
    custom = {
        "dds_custom": {
            "function": "holding",
            "total": "e",
            "registers": {"e": {"address": 256, "type": "uint32", "decimals": 1, "unit": "kWh"}},
        }
    }
    path = tmp_path / "presets.json"
    path.write_text(json.dumps(custom), encoding="utf-8")
    assert load_presets(path)["dds_custom"].register("e").address == 256
    path.write_text(json.dumps({"x": {"function": "coils", "total": "e", "registers": {}}}), encoding="utf-8")
    with pytest.raises(ValueError):
        load_presets(path)
    with pytest.raises(ValueError, match="unknown preset"):
        preset("nope")


@pytest.mark.parametrize("bad", ["0", "248", "x", -1, None])
def test_device_id_range(bad: object) -> None:
    with pytest.raises(ValueError, match="1-247"):
        device_id(bad)  # type: ignore[arg-type]


# -- over a pty -----------------------------------------------------------------------


def test_two_models_on_one_bus(modbus_sim: ModbusSimulator) -> None:
    modbus_sim.add_meter(1, "eastron_sdm", total_energy=Decimal("1234.56"), voltage=Decimal("230.1"))
    modbus_sim.add_meter(7, "hiking_dds238", total_energy=Decimal("98.76"), power=Decimal(-150))
    log: list[tuple[str, bytes]] = []
    with ModbusMeterBus.open(modbus_sim.port, FAST, log=lambda d, b: log.append((d, b))) as bus:
        total = bus.read_total("1")
        voltage = bus.read(1, "voltage")
        dds = bus.read(7, "total_energy", preset="hiking_dds238")
        power = bus.read(7, "power", preset="hiking_dds238")
    assert (total.value, total.unit, total.address, total.protocol) == (
        Decimal("1234.56"),
        "kWh",
        "1",
        "modbus",
    )
    assert voltage.value == Decimal("230.1")
    assert (dds.value, power.value) == (Decimal("98.76"), Decimal("-150"))
    assert ("tx", bytes.fromhex("01 04 00 00 00 02 71 CB")) in log  # the voltage request, byte for byte
    assert dds.raw == bytes.fromhex("00 00 26 94")


def test_read_all(modbus_sim: ModbusSimulator) -> None:
    modbus_sim.add_meter(2, "hiking_dds238", frequency=Decimal("50.01"), power_factor=Decimal("0.987"))
    with ModbusMeterBus.open(modbus_sim.port, FAST, preset="hiking_dds238") as bus:
        values = {k: r.value for k, r in bus.read_all(2).items()}
    assert values["frequency"] == Decimal("50.01") and values["power_factor"] == Decimal("0.987")
    assert set(values) == set(preset("hiking_dds238").registers)


def test_silent_meter_times_out(modbus_sim: ModbusSimulator) -> None:
    modbus_sim.add_meter(3).silent = True
    with ModbusMeterBus.open(modbus_sim.port, FAST, retries=0) as bus, pytest.raises(DeviceTimeout) as caught:
        bus.read_total(3)
    assert "Modbus 电表 3 无应答" in str(caught.value) and caught.value.address == "3"


def test_bad_crc_is_ignored_like_silence(modbus_sim: ModbusSimulator) -> None:
    modbus_sim.add_meter(3).fault = Fault.BAD_CHECKSUM
    with ModbusMeterBus.open(modbus_sim.port, FAST, retries=0) as bus, pytest.raises(DeviceTimeout):
        bus.read_total(3)


def test_exception_response_carries_its_code(modbus_sim: ModbusSimulator) -> None:
    modbus_sim.add_meter(4).exception = 0x06
    with ModbusMeterBus.open(modbus_sim.port, FAST) as bus, pytest.raises(DeviceRejected) as caught:
        bus.read_total(4)
    assert caught.value.code == 6 and "表忙" in str(caught.value)


def test_wrong_model_is_hinted(modbus_sim: ModbusSimulator) -> None:
    modbus_sim.add_meter(5, "hiking_dds238")
    with ModbusMeterBus.open(modbus_sim.port, FAST) as bus, pytest.raises(DeviceRejected) as caught:
        bus.read_total(5)  # SDM registers asked of a DDS238
    assert caught.value.code == 2 and "表型是否选错" in str(caught.value)


def test_retries_recover_from_one_lost_answer(modbus_sim: ModbusSimulator) -> None:
    meter = modbus_sim.add_meter(6, total_energy=Decimal("5.5"))
    meter.silent = True
    sent: list[bytes] = []

    def wake(direction: str, data: bytes) -> None:
        if direction == "tx":
            sent.append(data)
            if len(sent) == 2:
                meter.silent = False  # the meter answers the repeated request

    with ModbusMeterBus.open(modbus_sim.port, FAST, log=wake, retries=1) as bus:
        assert bus.read_total(6).value == Decimal("5.50")
    assert len(sent) == 2 and sent[0] == sent[1]
