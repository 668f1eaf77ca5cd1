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


# --- a small estate with people, a parking space and a vehicle ---------------------------------

import datetime as dt  # noqa: E402
from decimal import Decimal as D  # noqa: E402

from propdesk.models import ParkingLot, ParkingSpace  # noqa: E402
from propdesk.services import customers as C  # noqa: E402
from propdesk.services import property as P  # noqa: E402

TODAY = dt.date(2025, 6, 1)


@pytest.fixture
def place(db, admin) -> dict:
    """Estate JD: room JD-01-1-0502 (owner 张三丰, tenant 李四), space JD-P1-001, car 粤B12345."""
    with db.session() as s:
        co = P.create_company(s, admin, code="HX", name="华兴物业")
        rg = P.create_region(s, admin, co, code="SZ", name="深圳区域")
        es = P.create_estate(s, admin, rg, code="JD", name="锦都花园")
        b = P.create_building(s, admin, es, code="01", floors=6)
        P.generate_rooms(s, admin, P.RoomPlan(b.id, ["1"], (5, 6), 2,
                                              areas={1: (D("128.50"), D("101.20")), 2: (D("89.37"), D("70.15"))}))
        room = P.room_by_code(s, admin, "JD-01-1-0502")
        other = P.room_by_code(s, admin, "JD-01-1-0601")
        owner = C.create_customer(s, admin, name="张三丰", phone="13800138000")
        tenant = C.create_customer(s, admin, name="李四", phone="13900139000")
        neighbour = C.create_customer(s, admin, name="王五", phone="13700137000")
        C.move_in(s, admin, owner.id, role="owner", start=dt.date(2024, 1, 1), room_id=room.id)
        C.move_in(s, admin, tenant.id, role="tenant", start=dt.date(2024, 3, 1), room_id=room.id)
        C.move_in(s, admin, neighbour.id, role="owner", start=dt.date(2024, 1, 1), room_id=other.id)
        lot = ParkingLot(estate_id=es.id, code="P1", name="地下停车场")
        s.add(lot)
        s.flush()
        space = ParkingSpace(lot_id=lot.id, estate_id=es.id, code="JD-P1-001", number="001")
        s.add(space)
        s.flush()
        car = C.add_vehicle(s, admin, owner.id, plate="粤B12345", space_id=space.id)
        return {"estate": es.id, "room": room.id, "other_room": other.id, "owner": owner.id,
                "tenant": tenant.id, "neighbour": neighbour.id, "lot": lot.id, "space": space.id,
                "vehicle": car.id}
