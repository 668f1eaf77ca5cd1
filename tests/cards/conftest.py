"""Fixtures for the gate-card tests: an in-memory key store, site secrets, and a
PN532 with a MIFARE Classic card simulator on a real pseudo-terminal."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from drivers.pn532 import PN532, MifareClassic
from drivers.simulators import CardReaderSimulator
from propdesk.cards import secrets as site_secrets


class MemoryKeyring(KeyringBackend):
    """A key store that lives in this process only (never the developer's real keyring)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


@pytest.fixture(autouse=True)
def keystore() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(previous)


@pytest.fixture
def site(keystore) -> site_secrets.SiteSecrets:
    """Site secrets created the way `propdesk card secrets init` creates them."""
    return site_secrets.initialise(sector=1)


@pytest.fixture
def card_sim() -> Iterator[CardReaderSimulator]:
    with CardReaderSimulator() as sim:
        yield sim


@pytest.fixture
def reader(card_sim) -> Iterator[MifareClassic]:
    """The drivers' MIFARE API over a PN532 opened by path on the simulator's pty."""
    pn532 = PN532.open(card_sim.port)
    try:
        pn532.begin()
        yield MifareClassic(pn532)
    finally:
        pn532.close()
