"""Print how fast the device drivers are: pure codecs, and round trips through the simulators on a pty.

    .venv/bin/python bench/bench_drivers.py

The round trips measure our own overhead (the simulator answers at once);
on a real 2400-baud line a DL/T 645 reading is dominated by the ~0.1 s the
bytes take on the wire and the meter's own reply delay.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drivers import cjt188, dlt645, pn532  # noqa: E402
from drivers.escpos import EscPos, ReceiptPrinter  # noqa: E402
from drivers.layout import PAPER_58MM, wrap  # noqa: E402
from drivers.mifare import DEFAULT_KEY  # noqa: E402
from drivers.modbus_meter import ModbusMeterBus  # noqa: E402
from drivers.pn532 import PN532, MifareClassic  # noqa: E402
from drivers.simulators import (  # noqa: E402
    CardReaderSimulator,
    CJT188Simulator,
    DLT645Simulator,
    ModbusSimulator,
    PrinterSimulator,
    SimulatedFlowMeter,
)
from drivers.transport import SerialSettings  # noqa: E402

LINE = SerialSettings(baudrate=115200, timeout=1.0)


def rate(name: str, action: Callable[[], object], seconds: float = 0.5) -> None:
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        action()
        count += 1
    per_second = count / (time.perf_counter() - started)
    print(f"  {name:<44} {per_second:>12,.0f} /s")


def latency(name: str, action: Callable[[], object], rounds: int = 50) -> None:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    median, worst = statistics.median(times) * 1000, max(times) * 1000
    print(f"  {name:<44} median {median:6.2f} ms   max {worst:6.2f} ms")


def codecs() -> None:
    print("pure codecs")
    energy = dlt645.encode_frame("123456789012", 0x91, dlt645.encode_di(0x00010000) + b"\x56\x34\x12\x00")
    rate(
        "DL/T 645 take + decode + value",
        lambda: dlt645.decode_energy(
            dlt645.reply_value(dlt645.decode_frame(dlt645.take_frame(bytearray(energy)) or b""), 0x00010000)
        ),
    )
    water = cjt188.encode_frame(0x10, "1", 0x81, b"\x90\x1f\x00" + SimulatedFlowMeter().data())
    rate(
        "CJ/T 188 take + decode + meter data",
        lambda: cjt188.decode_meter_data(cjt188.decode_frame(cjt188.take_frame(bytearray(water)) or b"")),
    )
    reply = pn532.encode_reply(0x40, b"\x00" + bytes(16))
    rate("PN532 take + decode", lambda: pn532.decode_frame(pn532.take_frame(bytearray(reply)) or b""))
    text = "物业管理费（2024年第一季度），含公共区域照明、电梯运行及绿化养护费用。" * 3
    rate("wrap 105 CJK characters to 32 columns", lambda: wrap(text, PAPER_58MM))
    rate(
        "build a 10-item receipt",
        lambda: [EscPos().init().item(f"项目{i}", "1", "￥9.99") for i in range(10)],
    )


def round_trips() -> None:
    print("round trips over a pty (simulators)")
    with DLT645Simulator() as sim:
        sim.add_meter("123456789012", energy=Decimal("1234.56"))
        with dlt645.DLT645Bus.open(sim.port, LINE) as bus:
            latency("DL/T 645 read energy", lambda: bus.read_total("123456789012"))
    with CJT188Simulator() as sim:
        sim.add_meter("1", SimulatedFlowMeter(current=Decimal("12.34")))
        with cjt188.CJT188Bus.open(sim.port, LINE) as bus:
            latency("CJ/T 188 read flow", lambda: bus.read_total("1"))
    with ModbusSimulator() as sim:
        sim.add_meter(1, total_energy=Decimal("1234.56"))
        with ModbusMeterBus.open(sim.port, LINE) as bus:
            latency("Modbus RTU read total (pymodbus)", lambda: bus.read_total("1"))
    with CardReaderSimulator() as sim:
        sim.place_card()
        with PN532.open(sim.port, LINE) as reader:
            reader.begin()
            card = MifareClassic(reader)
            card.detect()
            latency("PN532 auth + read a sector", lambda: card.read_sector(1, DEFAULT_KEY))
    with PrinterSimulator() as sim, ReceiptPrinter.open(sim.port, LINE) as printer:
        latency("printer status (DLE EOT 1, 2, 4)", printer.status)


if __name__ == "__main__":
    codecs()
    round_trips()
