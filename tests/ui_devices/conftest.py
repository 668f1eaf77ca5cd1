"""Fixtures of the device UI tests: an app context, simulators on real ptys, a fresh hub."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from drivers.simulators import CardReaderSimulator, DLT645Simulator, PrinterSimulator
from ui.devices.worker import DeviceHub
from ui.context import AppContext
from tests.ui_support import chinese, contexts, role_actor  # noqa: F401  (fixtures)


@pytest.fixture
def hub(qapp) -> Iterator[DeviceHub]:
    """The application's hub, shut down after the test so no port thread outlives it."""
    h = DeviceHub.instance()
    yield h
    h.shutdown()


@pytest.fixture
def make_ctx(db, contexts):
    return lambda role="admin", database=None: contexts.make(database or db, role_actor(role))


@pytest.fixture
def ctx(make_ctx) -> AppContext:
    return make_ctx("admin")


@pytest.fixture
def printer_sim() -> Iterator[PrinterSimulator]:
    with PrinterSimulator() as sim:
        yield sim


@pytest.fixture
def card_sim() -> Iterator[CardReaderSimulator]:
    with CardReaderSimulator() as sim:
        sim.place_card(bytes.fromhex("DEADBEEF"))
        yield sim


@pytest.fixture
def meter_sim() -> Iterator[DLT645Simulator]:
    sim = DLT645Simulator().start()
    sim.add_meter("123456789012", energy=Decimal("1234.56"))
    yield sim
    sim.stop()
