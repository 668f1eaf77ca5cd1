"""Fixtures of the device UI tests: an app context, simulators on real ptys, a fresh hub."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings

from drivers.simulators import CardReaderSimulator, DLT645Simulator, PrinterSimulator
from propdesk.security import Actor
from ui.context import AppContext, Settings
from ui.devices.worker import DeviceHub
from ui.i18n import set_language
from ui.tasks import TaskRunner


@pytest.fixture(autouse=True)
def chinese(qapp):
    set_language("zh")
    yield
    set_language("zh")


@pytest.fixture
def hub(qapp) -> Iterator[DeviceHub]:
    """The application's hub, shut down after the test so no port thread outlives it."""
    h = DeviceHub.instance()
    yield h
    h.shutdown()


@pytest.fixture
def make_ctx(db, tmp_path):
    made = []

    def make(role: str = "admin", database=None) -> AppContext:
        settings = Settings(QSettings(str(tmp_path / f"settings{len(made)}.ini"), QSettings.Format.IniFormat))
        d = database or db
        ctx = AppContext(db=d, tasks=TaskRunner(d), settings=settings)
        ctx.actor = Actor.for_role(role, role, display_name=role)
        made.append(ctx)
        return ctx
    yield make
    for ctx in made:
        ctx.tasks.shutdown()


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
