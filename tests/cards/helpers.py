"""Small helpers shared by the card tests."""

from __future__ import annotations

import hashlib
import hmac

from drivers import mifare
from drivers.simulators import CardReaderSimulator
from drivers.simulators.card import SimulatedCard


def derived_keys(master: bytes, uid: bytes, sector: int) -> tuple[bytes, bytes]:
    """The documented derivation, written out again independently of propdesk.cards.crypto."""
    a = hmac.new(master, b"PDK1A" + uid + bytes([sector]), hashlib.sha256).digest()[:6]
    b = hmac.new(master, b"PDK1B" + uid + bytes([sector]), hashlib.sha256).digest()[:6]
    return a, b


def memory(card: SimulatedCard) -> list[bytes]:
    return [bytes(block) for block in card.memory]


def put_back(sim: CardReaderSimulator, card: SimulatedCard) -> SimulatedCard:
    """Place the same physical card (UID and memory as it is now) on the reader again."""
    return sim.place_card(card.uid, memory(card))


def blank_memory(uid: bytes) -> list[bytes]:
    return memory(SimulatedCard.blank(uid))


def sector_blocks(sim: CardReaderSimulator, sector: int) -> list[bytes]:
    start = mifare.first_block(sector)
    return [sim.block(b) for b in range(start, start + 4)]
