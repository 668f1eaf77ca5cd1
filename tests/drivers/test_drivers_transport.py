"""The serial transport: opening by name or URL, errors, deadlines, the frame log; and open_meter."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import tty
from decimal import Decimal
from pathlib import Path

import pytest

import drivers
from drivers import DLT645Bus, ModbusMeterBus, meter_protocols, open_meter
from drivers.bcd import InvalidBCD, bcd_to_digits, bcd_to_int, decimal_to_bcd, digits_to_bcd, int_to_bcd
from drivers.errors import DeviceError, DeviceTimeout, PortBusy, PortNotFound
from drivers.simulators import DLT645Simulator
from drivers.transport import RX, TX, SerialSettings, SerialTransport, hex_bytes

FAST = SerialSettings(timeout=0.2)


def test_settings_are_validated() -> None:
    assert SerialSettings().with_changes(parity="E").parity == "E"
    for bad in ({"parity": "X"}, {"bytesize": 9}, {"stopbits": 3}, {"baudrate": 0}, {"timeout": 0}):
        with pytest.raises(ValueError):
            SerialSettings(**bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        SerialSettings().with_changes(speed=9600)


def test_char_time() -> None:
    assert SerialSettings(baudrate=9600).char_time == pytest.approx(10 / 9600)  # 8N1: 10 bits
    assert SerialSettings(baudrate=2400, parity="E").char_time == pytest.approx(11 / 2400)


def test_hex_bytes() -> None:
    assert hex_bytes(b"\x68\x12\xfe") == "68 12 FE"


def test_loop_url_round_trip_with_frame_log() -> None:
    log: list[tuple[str, bytes]] = []
    with SerialTransport("loop://", FAST, log=lambda d, b: log.append((d, b))) as port:
        port.write(b"\x68\x16")
        assert port.read_exact(2) == b"\x68\x16"
    assert log[0] == (TX, b"\x68\x16")
    assert b"".join(data for direction, data in log[1:] if direction == RX) == b"\x68\x16"


def test_a_broken_log_hook_does_not_break_io() -> None:
    def broken(direction: str, data: bytes) -> None:
        raise RuntimeError("display gone")

    with SerialTransport("loop://", FAST, log=broken) as port:
        port.write(b"ok")
        assert port.read_exact(2) == b"ok"


def test_receive_returns_none_at_the_deadline() -> None:
    with SerialTransport("loop://", FAST) as port:
        started = time.monotonic()
        assert port.receive(lambda buf: None, 0.1) is None
        assert 0.09 <= time.monotonic() - started < 0.5
        assert port.read_exact(3, 0.05) == b""


def test_drain_discards_stale_bytes() -> None:
    with SerialTransport("loop://", FAST) as port:
        port.write(b"late answer")
        time.sleep(0.02)
        assert port.drain() == b"late answer"
        assert port.read_some(0.05) == b""


def test_read_some_waits_for_a_quiet_line_or_hands_bytes_over_at_once() -> None:
    with SerialTransport("loop://", FAST) as port:
        port.write(b"abc")
        assert port.read_some(0.1) == b"abc"
        port.write(b"de")
        assert port.read_some(0.1, gap=0) == b"de"
        started = time.monotonic()
        assert port.read_some(0.05) == b""
        assert time.monotonic() - started >= 0.05


def test_missing_port() -> None:
    with pytest.raises(PortNotFound) as caught:
        SerialTransport("/dev/ttyPROPDESK_NONE").open()
    message = str(caught.value)
    assert message.startswith("找不到串口 /dev/ttyPROPDESK_NONE") and "not found" in message
    assert caught.value.port == "/dev/ttyPROPDESK_NONE"


def test_nothing_listening_on_a_network_port() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    with pytest.raises(PortNotFound):
        SerialTransport(f"socket://127.0.0.1:{free}").open()


def test_port_held_by_another_program() -> None:
    master, slave = os.openpty()
    tty.setraw(slave)
    path = os.ttyname(slave)
    try:
        with SerialTransport(path, FAST), pytest.raises(PortBusy, match="被占用"):
            SerialTransport(path, FAST).open()
    finally:
        os.close(master)
        os.close(slave)


def test_invalid_url() -> None:
    with pytest.raises(DeviceError, match="端口名称或参数无效"):
        SerialTransport("nosuch://x").open()


def test_io_on_a_closed_transport() -> None:
    with pytest.raises(DeviceError, match="未打开"):
        SerialTransport("loop://").write(b"x")


def test_bcd_helpers() -> None:
    assert int_to_bcd(1234567, 4) == bytes.fromhex("67 45 23 01")
    assert bcd_to_int(bytes.fromhex("67 45 23 01")) == 1234567
    assert decimal_to_bcd(Decimal("12345.67"), 4, 2) == bytes.fromhex("67 45 23 01")
    assert digits_to_bcd("123456789012", 6) == bytes.fromhex("12 90 78 56 34 12")
    assert bcd_to_digits(bytes.fromhex("01 00 00 00 00 00")) == "000000000001"
    with pytest.raises(InvalidBCD):
        bcd_to_int(b"\x1a")
    with pytest.raises(ValueError):
        decimal_to_bcd(Decimal("1.234"), 4, 2)  # would silently lose a digit
    with pytest.raises(ValueError):
        int_to_bcd(10**8, 4)


# -- open_meter ---------------------------------------------------------------------------------


def test_protocols() -> None:
    assert meter_protocols() == ["cjt188", "dlt645", "modbus"]


def test_open_meter_splits_line_settings_from_bus_options() -> None:
    with DLT645Simulator() as sim:
        sim.add_meter("1", energy=Decimal("3.00"))
        with open_meter("dlt645", sim.port, parity="N", timeout=0.2, retries=0) as bus:
            assert isinstance(bus, DLT645Bus)
            assert (bus.transport.settings.baudrate, bus.transport.settings.parity) == (2400, "N")
            assert bus.retries == 0
            assert bus.read_total("1").value == Decimal("3.00")


def test_open_meter_errors() -> None:
    with pytest.raises(ValueError, match="unknown meter protocol"):
        open_meter("mbus", "loop://")
    with pytest.raises(TypeError):
        open_meter("dlt645", "loop://", colour="red")
    with pytest.raises(PortNotFound):
        open_meter("modbus", "/dev/ttyPROPDESK_NONE")


def test_modbus_defaults() -> None:
    with open_meter("modbus", "loop://", preset="hiking_dds238") as bus:
        assert isinstance(bus, ModbusMeterBus) and bus.register_map.key == "hiking_dds238"
        assert bus.transport.settings.baudrate == 9600


def test_silence_on_loop_is_a_timeout() -> None:
    # loop:// hands our request back: it must be skipped as an echo, then time out.
    with open_meter("dlt645", "loop://", timeout=0.1, retries=0) as bus, pytest.raises(DeviceTimeout):
        bus.read_total("1")


def test_drivers_import_no_qt_and_no_app_code() -> None:
    code = (
        "import sys, drivers, drivers.simulators, drivers.registry;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'propdesk', 'ui')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    root = Path(drivers.__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=root
    )
    assert result.returncode == 0, result.stdout + result.stderr
