"""Device simulators speaking the same bytes as the real devices, on a pty or TCP port.

From code::

    from drivers.simulators import DLT645Simulator
    with DLT645Simulator() as sim:
        sim.add_meter("123456789012", energy=Decimal("1234.56"))
        ...  # open sim.port with the driver

From a shell (serves until Ctrl-C and prints the port to open)::

    python -m drivers.simulators dlt645 --meter 123456789012=1234.56
    python -m drivers.simulators printer --tcp 9100

Other programs (``propdesk simulate …``) call :func:`main` with their argv, or
build a simulator with :func:`create` and run it with :func:`serve`.
"""

from drivers.simulators.base import Fault, Simulator
from drivers.simulators.card import CardReaderSimulator, SimulatedCard
from drivers.simulators.cjt188 import (
    CJT188Simulator,
    SimulatedFlowMeter,
    SimulatedHeatMeter,
)
from drivers.simulators.cli import build_parser, create, main, serve
from drivers.simulators.dlt645 import DLT645Simulator, SimulatedMeter
from drivers.simulators.modbus import ModbusSimulator, SimulatedModbusMeter
from drivers.simulators.printer import PrinterSimulator

__all__ = [
    "CJT188Simulator",
    "CardReaderSimulator",
    "DLT645Simulator",
    "Fault",
    "ModbusSimulator",
    "PrinterSimulator",
    "SimulatedCard",
    "SimulatedFlowMeter",
    "SimulatedHeatMeter",
    "SimulatedMeter",
    "SimulatedModbusMeter",
    "Simulator",
    "build_parser",
    "create",
    "main",
    "serve",
]
