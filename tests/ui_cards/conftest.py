"""Fixtures for the gate-card UI tests: an app context, the estate, the key store and the
card reader simulator (the same ones the service tests use)."""

from __future__ import annotations

import threading

import pytest

from propdesk import devices
from tests.cards.conftest import card_sim, keystore, place, site  # noqa: F401  (fixtures)
from propdesk.security import Actor
from tests.ui_support import chinese, contexts  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def hub(qapp):
    """The application's device hub (one thread per port, shared by every screen), shut
    down after each test so no port thread or open reader outlives it."""
    from ui.devices.worker import DeviceHub

    h = DeviceHub.instance()
    yield h
    h.shutdown()


def open_reader(port: str):
    """(closeable, card_io): a PN532 on ``port`` opened directly, woken, outside the hub."""
    from drivers.pn532 import PN532, MifareClassic

    pn532 = PN532.open(port)
    try:
        pn532.begin()
    except BaseException:
        pn532.close()
        raise
    return pn532, MifareClassic(pn532)


@pytest.fixture
def make_ctx(db, contexts):
    """make_ctx(role) -> a context as that role; contexts of one role share their settings."""
    return lambda role="frontdesk": contexts.make(db, Actor.for_role(role, role, display_name=f"李{role}"),
                                                  settings=f"settings-{role}")


@pytest.fixture
def ctx(make_ctx, db, admin, card_sim):  # noqa: F811
    with db.session() as s:   # this terminal's card writer (终端设备)
        devices.save(s, admin, devices.defaults("card").with_changes(port=card_sim.port))
    return make_ctx("frontdesk")


class ThreadSpy:
    """Wraps the card API and records which threads touched the reader."""

    def __init__(self, io) -> None:
        self._io = io
        self.threads: set[int] = set()

    def __getattr__(self, name):
        attr = getattr(self._io, name)
        if not callable(attr):
            return attr

        def call(*args, **kwargs):
            self.threads.add(threading.get_ident())
            return attr(*args, **kwargs)
        return call


@pytest.fixture
def spy_opener():
    """An opener for CardStation that opens the real PN532 and spies on the thread."""
    spies: list[ThreadSpy] = []

    def opener(port: str):
        device, io = open_reader(port)
        spy = ThreadSpy(io)
        spy.threads.add(threading.get_ident())
        spies.append(spy)
        return device, spy
    opener.spies = spies
    return opener
