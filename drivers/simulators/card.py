"""A simulated PN532 reader (HSU) with a MIFARE Classic 1K card that can be placed and lifted.

The card behaves like a real one where it matters for our driver:

* authentication checks the sector trailer's key A or key B and the UID;
* reads and writes need the sector authenticated and are checked against the
  access conditions (:func:`drivers.mifare.permitted`), including "key B
  readable → key B grants nothing"; block 0 is read-only;
* writing a trailer changes only the parts the key may write;
* inconsistent access bits, once written, lock the sector for ever;
* after any refusal the card drops its authentication and stays silent until
  it is selected again (InListPassiveTarget), as a real card returns to idle;
* :meth:`CardReaderSimulator.lift_card_after` takes the card away after N more
  card commands, to test removal in the middle of a write.

PN532 status codes answered: 0x14 wrong key, 0x13 refused by the card (the
status a PN53x reports for a card NAK), 0x01 no answer from the card.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from drivers import mifare, pn532
from drivers.errors import BadFrame
from drivers.mifare import AccessConditions, InvalidAccessBits, KeyType
from drivers.simulators.base import Simulator

OK: Final = 0x00
NO_ANSWER: Final = pn532.STATUS_TIMEOUT
REFUSED: Final = pn532.STATUS_INVALID_FRAME
WRONG_KEY: Final = pn532.STATUS_AUTH_ERROR
NO_TARGET: Final = 0x27

DEFAULT_FIRMWARE: Final = bytes([0x32, 0x01, 0x06, 0x07])  # PN532 v1.6, ISO 14443A/B + FeliCa


@dataclass
class SimulatedCard:
    """A MIFARE Classic 1K card: UID and 64 blocks of memory."""

    uid: bytes
    memory: list[bytearray] = field(default_factory=list)
    atqa: int = 0x0004
    sak: int = 0x08

    @classmethod
    def blank(cls, uid: bytes) -> SimulatedCard:
        """A factory-fresh card: transport keys and access bits, zeroed data."""
        if len(uid) != 4:
            raise ValueError("the simulated card has a 4-byte UID")
        bcc = uid[0] ^ uid[1] ^ uid[2] ^ uid[3]
        memory = [bytearray(mifare.BLOCK_SIZE) for _ in range(mifare.BLOCKS)]
        memory[0][:] = uid + bytes([bcc, 0x08, 0x04, 0x00]) + b"PROPDESK"
        for sector in range(mifare.SECTORS):
            memory[mifare.trailer_block(sector)][:] = mifare.blank_trailer()
        return cls(uid, memory)

    def trailer(self, sector: int) -> bytearray:
        return self.memory[mifare.trailer_block(sector)]

    def access(self, sector: int) -> AccessConditions | None:
        """The sector's conditions, or ``None`` if its access bits are broken (sector locked)."""
        try:
            return AccessConditions.from_bytes(bytes(self.trailer(sector)[6:9]))
        except InvalidAccessBits:
            return None


class CardReaderSimulator(Simulator):
    """A PN532 on HSU. Place a card with :meth:`place_card`."""

    kind = "card"

    def __init__(self, *, tcp_port: int | None = None, host: str = "127.0.0.1") -> None:
        super().__init__(tcp_port=tcp_port, host=host)
        self.firmware = DEFAULT_FIRMWARE
        self.card: SimulatedCard | None = None
        self._buf = bytearray()
        self._last_reply = b""
        self._listed = False  # a target is selected by InListPassiveTarget
        self._halted = False  # the card went idle after a refusal
        self._auth: tuple[int, KeyType] | None = None
        self._lift_after: int | None = None

    # -- state (any thread) ---------------------------------------------------------

    def place_card(
        self, uid: bytes = b"\x01\x02\x03\x04", memory: Sequence[bytes] | None = None
    ) -> SimulatedCard:
        """Put a card on the reader: blank, or with the given 64 blocks."""
        card = SimulatedCard.blank(uid)
        if memory is not None:
            if len(memory) != mifare.BLOCKS or any(len(b) != mifare.BLOCK_SIZE for b in memory):
                raise ValueError("memory is 64 blocks of 16 bytes")
            card.memory = [bytearray(b) for b in memory]
        with self.lock:
            self.card, self._listed, self._halted, self._auth, self._lift_after = (
                card,
                False,
                False,
                None,
                None,
            )
        return card

    def remove_card(self) -> None:
        with self.lock:
            self.card, self._listed, self._auth, self._lift_after = None, False, None, None

    def lift_card_after(self, commands: int) -> None:
        """Let ``commands`` more card commands succeed, then take the card away."""
        with self.lock:
            self._lift_after = commands

    def block(self, number: int) -> bytes:
        """Inspect the card's memory (tests)."""
        with self.lock:
            if self.card is None:
                raise RuntimeError("no card on the simulated reader")
            return bytes(self.card.memory[mifare.check_block(number)])

    # -- HSU (server thread) ------------------------------------------------------

    def reset_input(self) -> None:
        self._buf.clear()

    def feed(self, data: bytes) -> bytes:
        self._buf += data
        out = bytearray()
        while (raw := pn532.take_frame(self._buf)) is not None:
            try:
                frame = pn532.decode_frame(raw)
            except BadFrame:
                continue  # a corrupted command is not acknowledged
            if frame.kind == "nack":
                out += self._last_reply
            elif frame.kind == "information" and frame.tfi == pn532.TFI_HOST and frame.data:
                self._last_reply = self._command(frame.data[0], frame.data[1:])
                out += pn532.ACK + self._last_reply
        return bytes(out)

    def _command(self, command: int, params: bytes) -> bytes:
        if command == pn532.CMD_GET_FIRMWARE_VERSION:
            return pn532.encode_reply(command, self.firmware)
        if command in (pn532.CMD_SAM_CONFIGURATION, pn532.CMD_RF_CONFIGURATION):
            return pn532.encode_reply(command)
        if command == pn532.CMD_IN_LIST_PASSIVE_TARGET and params == b"\x01\x00":
            return pn532.encode_reply(command, self._list_target())
        if command == pn532.CMD_IN_DATA_EXCHANGE and len(params) >= 2:
            status, data = self._mifare(params[1:]) if params[0] == 1 else (NO_TARGET, b"")
            return pn532.encode_reply(command, bytes([status]) + data)
        if command == pn532.CMD_IN_RELEASE and len(params) == 1:
            self._listed, self._auth = False, None
            return pn532.encode_reply(command, b"\x00")
        return pn532.ERROR_FRAME

    def _list_target(self) -> bytes:
        card = self.card
        if card is None:
            return b"\x00"
        self._listed, self._halted, self._auth = True, False, None
        return bytes([1, 1]) + card.atqa.to_bytes(2, "big") + bytes([card.sak, len(card.uid)]) + card.uid

    # -- MIFARE Classic -----------------------------------------------------------

    def _mifare(self, payload: bytes) -> tuple[int, bytes]:
        if not self._listed:
            return NO_TARGET, b""
        if self._lift_after is not None:
            if self._lift_after == 0:
                self.card, self._lift_after = None, None
            else:
                self._lift_after -= 1
        if self.card is None or self._halted:
            return NO_ANSWER, b""
        command = payload[0]
        if command in (mifare.CMD_AUTH_A, mifare.CMD_AUTH_B) and len(payload) == 12:
            return self._authenticate(self.card, payload)
        if command == mifare.CMD_READ and len(payload) == 2 and payload[1] < mifare.BLOCKS:
            return self._read(self.card, payload[1])
        if command == mifare.CMD_WRITE and len(payload) == 18 and payload[1] < mifare.BLOCKS:
            return self._write(self.card, payload[1], payload[2:])
        return self._refuse()

    def _refuse(self, status: int = REFUSED) -> tuple[int, bytes]:
        self._halted, self._auth = True, None
        return status, b""

    def _authenticate(self, card: SimulatedCard, payload: bytes) -> tuple[int, bytes]:
        block, key, uid = payload[1], payload[2:8], payload[8:12]
        key_type: KeyType = "A" if payload[0] == mifare.CMD_AUTH_A else "B"
        sector = mifare.sector_of(block)
        trailer = card.trailer(sector)
        stored = trailer[0:6] if key_type == "A" else trailer[10:16]
        if uid != card.uid[-4:] or key != stored or card.access(sector) is None:
            return self._refuse(WRONG_KEY)
        self._auth = (sector, key_type)
        return OK, b""

    def _session(self, card: SimulatedCard, block: int) -> tuple[AccessConditions, int, KeyType] | None:
        """Conditions, index in sector and key of the current authentication, if it covers ``block``."""
        sector = mifare.sector_of(block)
        access = card.access(sector)
        if self._auth is None or self._auth[0] != sector or access is None:
            return None
        return access, block % mifare.BLOCKS_PER_SECTOR, self._auth[1]

    def _read(self, card: SimulatedCard, block: int) -> tuple[int, bytes]:
        session = self._session(card, block)
        if session is None:
            return self._refuse()
        access, index, key = session
        if not mifare.is_trailer(block):
            if not mifare.permitted(access, index, "read", key):
                return self._refuse()
            return OK, bytes(card.memory[block])
        stored = card.memory[block]
        view = bytearray(16)  # key A never reads back
        if mifare.permitted(access, index, "read_access", key):
            view[6:10] = stored[6:10]
        if mifare.permitted(access, index, "read_key_b", key):
            view[10:16] = stored[10:16]
        return OK, bytes(view)

    def _write(self, card: SimulatedCard, block: int, data: bytes) -> tuple[int, bytes]:
        session = self._session(card, block)
        if session is None or block == 0:
            return self._refuse()
        access, index, key = session
        if not mifare.is_trailer(block):
            if not mifare.permitted(access, index, "write", key):
                return self._refuse()
            card.memory[block][:] = data
            return OK, b""
        parts = (("write_key_a", slice(0, 6)), ("write_access", slice(6, 10)), ("write_key_b", slice(10, 16)))
        allowed = [span for operation, span in parts if mifare.permitted(access, index, operation, key)]
        if not allowed:
            return self._refuse()
        for span in allowed:  # a real card keeps the parts this key may not write
            card.memory[block][span] = data[span]
        return OK, b""
