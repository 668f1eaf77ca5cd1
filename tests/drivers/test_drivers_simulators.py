"""The simulators themselves: TCP mode, the command line, and robustness against any input."""

from __future__ import annotations

import io
import re
import threading
import time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers import PN532, MifareClassic, ModbusMeterBus, ReceiptPrinter, open_meter
from drivers.escpos import EscPos
from drivers.simulators import (
    CardReaderSimulator,
    CJT188Simulator,
    DLT645Simulator,
    ModbusSimulator,
    PrinterSimulator,
    SimulatedFlowMeter,
    main,
)
from drivers.transport import SerialSettings

FAST = SerialSettings(baudrate=115200, timeout=0.5)
FUZZ = settings(deadline=None, max_examples=200)


def test_card_reader_over_tcp() -> None:
    with CardReaderSimulator(tcp_port=0) as sim:
        assert sim.port.startswith("socket://127.0.0.1:")
        sim.place_card(bytes.fromhex("11 22 33 44"))
        with PN532.open(sim.port, FAST) as reader:
            reader.begin()
            assert MifareClassic(reader).detect().uid_hex == "11223344"


def test_printer_over_tcp_like_a_network_printer() -> None:
    with PrinterSimulator(tcp_port=0) as sim, ReceiptPrinter.open(sim.port, FAST) as printer:
        printer.print(EscPos().init().line("网络打印机"))
        printer.status()
        assert sim.lines == ["网络打印机"]


def test_modbus_over_tcp_and_a_second_client() -> None:
    with ModbusSimulator(tcp_port=0) as sim:
        sim.add_meter(1, total_energy=Decimal("12.34"))
        for _ in range(2):  # the line is served again after the first client leaves
            with ModbusMeterBus.open(sim.port, FAST) as bus:
                assert bus.read_total(1).value == Decimal("12.34")


def test_simulator_lifecycle() -> None:
    sim = DLT645Simulator()
    with pytest.raises(RuntimeError):
        _ = sim.port
    sim.start()
    assert sim.start() is sim  # starting twice is harmless
    sim.stop()
    sim.stop()


def run_cli(argv: list[str]) -> tuple[str, threading.Event, threading.Thread, io.StringIO]:
    """Start ``main(argv)`` in a thread; return the port it printed."""
    out, stop = io.StringIO(), threading.Event()
    thread = threading.Thread(target=main, args=(argv,), kwargs={"out": out, "stop": stop}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while not (found := re.search(r"ready on: (\S+)", out.getvalue())) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert found, out.getvalue()
    return found.group(1), stop, thread, out


def test_cli_serves_meters_until_stopped() -> None:
    port, stop, thread, _ = run_cli(["dlt645", "--meter", "000000000001=2.50", "--meter", "2=3"])
    try:
        with open_meter("dlt645", port, parity="N", timeout=0.5) as bus:
            assert bus.read_total("1").value == Decimal("2.50")
            assert bus.read_total("000000000002").value == Decimal("3.00")
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive()


def test_cli_printer_echoes_what_it_prints() -> None:
    port, stop, thread, out = run_cli(["printer", "--tcp", "0"])
    try:
        assert port.startswith("socket://")
        with ReceiptPrinter.open(port, FAST) as printer:
            printer.print(EscPos().init().line("收据"))
            printer.status()
    finally:
        stop.set()
        thread.join(5)
    assert "  | 收据" in out.getvalue()


@pytest.mark.parametrize(
    "argv",
    [
        ["cjt188", "--type", "30", "--meter", "1=9.99"],
        ["modbus", "--preset", "hiking_dds238"],
        ["card", "--no-card"],
    ],
)
def test_cli_builds_every_kind(argv: list[str]) -> None:
    port, stop, thread, _ = run_cli(argv)
    stop.set()
    thread.join(5)
    assert port


def test_cli_rejects_bad_meter_specs() -> None:
    with pytest.raises(SystemExit):
        main(["dlt645", "--meter", "1=lots"], out=io.StringIO())
    with pytest.raises(SystemExit):
        main(["dlt645", "--meter", "1234567890123=1"], out=io.StringIO())


@FUZZ
@given(st.lists(st.binary(max_size=40), max_size=6))
def test_simulators_survive_any_bytes(chunks: list[bytes]) -> None:
    # feed() is called directly: the byte parsers must never raise, whatever arrives.
    dlt = DLT645Simulator()
    dlt.add_meter("1")
    cjt = CJT188Simulator()
    cjt.add_meter("1", SimulatedFlowMeter())
    modbus = ModbusSimulator()
    modbus.add_meter(1)
    card = CardReaderSimulator()
    card.place_card()
    sims = [dlt, cjt, modbus, card, PrinterSimulator()]
    for chunk in chunks:
        for sim in sims:
            assert isinstance(sim.feed(chunk), bytes)
