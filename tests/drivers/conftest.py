"""Fixtures for the driver tests: simulators on real pseudo-terminals.

Every device test opens the simulator's pty *by path* through pyserial, as the
app opens /dev/ttyUSB0. Lines are 8N1 on the pty (a Linux pty refuses parity
E, see PROTOCOLS.md); timeouts are short so that the silence tests stay fast.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drivers.simulators import (
    CardReaderSimulator,
    CJT188Simulator,
    DLT645Simulator,
    ModbusSimulator,
    PrinterSimulator,
)


@pytest.fixture
def dlt645_sim() -> Iterator[DLT645Simulator]:
    with DLT645Simulator() as sim:
        yield sim


@pytest.fixture
def cjt188_sim() -> Iterator[CJT188Simulator]:
    with CJT188Simulator() as sim:
        yield sim


@pytest.fixture
def modbus_sim() -> Iterator[ModbusSimulator]:
    with ModbusSimulator() as sim:
        yield sim


@pytest.fixture
def card_sim() -> Iterator[CardReaderSimulator]:
    with CardReaderSimulator() as sim:
        yield sim


@pytest.fixture
def printer_sim() -> Iterator[PrinterSimulator]:
    with PrinterSimulator() as sim:
        yield sim
