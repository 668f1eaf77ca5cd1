"""MIFARE Classic 1K: memory layout, access conditions, sector trailers, commands.

Pure functions and data only; the reader that sends these commands is in
:mod:`drivers.pn532`.

Memory: 16 sectors × 4 blocks × 16 bytes. Block 0 is the manufacturer block
(UID, read-only). The last block of each sector (4n+3) is its *sector
trailer*::

    key A (6) | access bits (3) | user byte (1) | key B (6)

The access bits give each of the sector's four blocks a 3-bit condition
C1C2C3, stored twice (once inverted) across bytes 6–8::

    byte 6:  ~C2₃ ~C2₂ ~C2₁ ~C2₀ | ~C1₃ ~C1₂ ~C1₁ ~C1₀
    byte 7:   C1₃  C1₂  C1₁  C1₀ | ~C3₃ ~C3₂ ~C3₁ ~C3₀
    byte 8:   C3₃  C3₂  C3₁  C3₀ |  C2₃  C2₂  C2₁  C2₀

A card accepts inconsistent access bits and then locks the sector for ever,
so :class:`AccessConditions` can only be built from valid conditions, and
parsing refuses bytes whose copies disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

BLOCK_SIZE: Final = 16
BLOCKS_PER_SECTOR: Final = 4
SECTORS: Final = 16
BLOCKS: Final = SECTORS * BLOCKS_PER_SECTOR
KEY_SIZE: Final = 6

DEFAULT_KEY: Final = b"\xff" * KEY_SIZE
DEFAULT_USER_BYTE: Final = 0x69

CMD_AUTH_A: Final = 0x60
CMD_AUTH_B: Final = 0x61
CMD_READ: Final = 0x30
CMD_WRITE: Final = 0xA0

KeyType = Literal["A", "B"]


class InvalidAccessBits(ValueError):
    """Access bits whose inverted copies disagree, or a condition out of range."""


# -- layout ----------------------------------------------------------------------


def check_block(block: int) -> int:
    if not 0 <= block < BLOCKS:
        raise ValueError(f"块号应为 0–{BLOCKS - 1}：{block} (block must be 0-{BLOCKS - 1})")
    return block


def check_sector(sector: int) -> int:
    if not 0 <= sector < SECTORS:
        raise ValueError(f"扇区号应为 0–{SECTORS - 1}：{sector} (sector must be 0-{SECTORS - 1})")
    return sector


def sector_of(block: int) -> int:
    return check_block(block) // BLOCKS_PER_SECTOR


def first_block(sector: int) -> int:
    return check_sector(sector) * BLOCKS_PER_SECTOR


def trailer_block(sector: int) -> int:
    return first_block(sector) + BLOCKS_PER_SECTOR - 1


def is_trailer(block: int) -> bool:
    return check_block(block) % BLOCKS_PER_SECTOR == BLOCKS_PER_SECTOR - 1


def data_blocks(sector: int) -> list[int]:
    """Blocks of ``sector`` that hold user data (not block 0, not the trailer)."""
    start = first_block(sector)
    return [b for b in range(start, start + BLOCKS_PER_SECTOR - 1) if b != 0]


# -- access conditions -----------------------------------------------------------------

_NEVER: Final = frozenset[str]()
_A: Final = frozenset("A")
_B: Final = frozenset("B")
_AB: Final = frozenset("AB")

#: Data block condition → keys allowed to (read, write, increment, decrement/transfer/restore).
DATA_PERMISSIONS: Final = {
    0b000: (_AB, _AB, _AB, _AB),
    0b010: (_AB, _NEVER, _NEVER, _NEVER),
    0b100: (_AB, _B, _NEVER, _NEVER),
    0b110: (_AB, _B, _B, _AB),
    0b001: (_AB, _NEVER, _NEVER, _AB),
    0b011: (_B, _B, _NEVER, _NEVER),
    0b101: (_B, _NEVER, _NEVER, _NEVER),
    0b111: (_NEVER, _NEVER, _NEVER, _NEVER),
}
DATA_OPERATIONS: Final = ("read", "write", "increment", "decrement")

#: Trailer condition → keys allowed to (write key A, read access bits,
#: write access bits, read key B, write key B). Key A is never readable.
TRAILER_PERMISSIONS: Final = {
    0b000: (_A, _A, _NEVER, _A, _A),
    0b010: (_NEVER, _A, _NEVER, _A, _NEVER),
    0b100: (_B, _AB, _NEVER, _NEVER, _B),
    0b110: (_NEVER, _AB, _NEVER, _NEVER, _NEVER),
    0b001: (_A, _A, _A, _A, _A),
    0b011: (_B, _AB, _B, _NEVER, _B),
    0b101: (_NEVER, _AB, _B, _NEVER, _NEVER),
    0b111: (_NEVER, _AB, _NEVER, _NEVER, _NEVER),
}
TRAILER_OPERATIONS: Final = ("write_key_a", "read_access", "write_access", "read_key_b", "write_key_b")


@dataclass(frozen=True)
class AccessConditions:
    """The four 3-bit conditions of a sector, written as in the datasheet:
    ``0b001`` means C1=0, C2=0, C3=1. ``blocks`` is (block 0, 1, 2, trailer)
    counted within the sector."""

    blocks: tuple[int, int, int, int]

    def __post_init__(self) -> None:
        if len(self.blocks) != 4 or any(not 0 <= c <= 7 for c in self.blocks):
            raise InvalidAccessBits(f"four conditions 0-7 expected, got {self.blocks}")

    @property
    def trailer(self) -> int:
        return self.blocks[3]

    def to_bytes(self) -> bytes:
        """Bytes 6–8 of the sector trailer."""
        c1 = c2 = c3 = 0
        for i, cond in enumerate(self.blocks):
            c1 |= (cond >> 2 & 1) << i
            c2 |= (cond >> 1 & 1) << i
            c3 |= (cond & 1) << i
        return bytes([(~c2 & 0xF) << 4 | (~c1 & 0xF), c1 << 4 | (~c3 & 0xF), c3 << 4 | c2])

    @classmethod
    def from_bytes(cls, data: bytes) -> AccessConditions:
        """Parse bytes 6–8; raises :class:`InvalidAccessBits` if the copies disagree."""
        if len(data) != 3:
            raise InvalidAccessBits("access bits are 3 bytes")
        b6, b7, b8 = data
        c1, c2, c3 = b7 >> 4, b8 & 0xF, b8 >> 4
        if (~c1 & 0xF) != b6 & 0xF or (~c2 & 0xF) != b6 >> 4 or (~c3 & 0xF) != b7 & 0xF:
            raise InvalidAccessBits(f"访问位自相矛盾：{data.hex(' ').upper()} (inconsistent access bits)")
        return cls(tuple((c1 >> i & 1) << 2 | (c2 >> i & 1) << 1 | (c3 >> i & 1) for i in range(4)))  # type: ignore[arg-type]

    @property
    def irreversible(self) -> bool:
        """True if, once written, these access bits can never be changed again."""
        return not TRAILER_PERMISSIONS[self.trailer][2]


TRANSPORT_ACCESS: Final = AccessConditions((0b000, 0b000, 0b000, 0b001))
"""Factory setting ``FF 07 80``: data blocks read/write with A or B, trailer 001."""


def key_b_readable(access: AccessConditions) -> bool:
    """Key B is readable (trailer conditions 000, 010, 001): it is then plain
    data and the card refuses every memory access after authenticating with it."""
    return bool(TRAILER_PERMISSIONS[access.trailer][3])


def permitted(access: AccessConditions, block_index: int, operation: str, key: KeyType) -> bool:
    """May ``key`` do ``operation`` on block ``block_index`` (0–3) of a sector with ``access``?

    Operations are :data:`DATA_OPERATIONS` for blocks 0–2 and
    :data:`TRAILER_OPERATIONS` for the trailer (index 3).
    """
    if key == "B" and key_b_readable(access):
        return False
    if block_index == BLOCKS_PER_SECTOR - 1:
        return key in TRAILER_PERMISSIONS[access.trailer][TRAILER_OPERATIONS.index(operation)]
    return key in DATA_PERMISSIONS[access.blocks[block_index]][DATA_OPERATIONS.index(operation)]


# -- sector trailer ----------------------------------------------------------------------


def _check_key(key: bytes, name: str) -> bytes:
    if len(key) != KEY_SIZE:
        raise ValueError(f"{name} 应为 6 字节 ({name} must be 6 bytes)")
    return bytes(key)


@dataclass(frozen=True)
class SectorTrailer:
    """The 16 bytes of a sector trailer.

    When *read* from a card, key A is always returned as zeros, and key B too
    unless the access conditions let it be read.
    """

    key_a: bytes
    access: AccessConditions
    key_b: bytes
    user_byte: int = DEFAULT_USER_BYTE

    def __post_init__(self) -> None:
        _check_key(self.key_a, "key A")
        _check_key(self.key_b, "key B")
        if not 0 <= self.user_byte <= 0xFF:
            raise ValueError("user byte is 0-255")

    def to_bytes(self) -> bytes:
        return self.key_a + self.access.to_bytes() + bytes([self.user_byte]) + self.key_b

    @classmethod
    def from_bytes(cls, data: bytes) -> SectorTrailer:
        if len(data) != BLOCK_SIZE:
            raise ValueError("a sector trailer is 16 bytes")
        return cls(data[0:6], AccessConditions.from_bytes(data[6:9]), data[10:16], data[9])


def blank_trailer() -> bytes:
    """A factory-fresh trailer: keys FF×6, access FF 07 80, user byte 69."""
    return SectorTrailer(DEFAULT_KEY, TRANSPORT_ACCESS, DEFAULT_KEY).to_bytes()


# -- commands (sent through the reader's InDataExchange) ---------------------------------------


def auth_command(block: int, key: bytes, uid: bytes, key_type: KeyType = "A") -> bytes:
    """``60|61 block key(6) uid(4)``. For 7-byte UIDs the last 4 bytes are used."""
    if key_type not in ("A", "B"):
        raise ValueError("key type is 'A' or 'B'")
    if len(uid) < 4:
        raise ValueError("UID must be at least 4 bytes")
    command = CMD_AUTH_A if key_type == "A" else CMD_AUTH_B
    return bytes([command, check_block(block)]) + _check_key(key, "key") + uid[-4:]


def read_command(block: int) -> bytes:
    return bytes([CMD_READ, check_block(block)])


def write_command(block: int, data: bytes) -> bytes:
    if len(data) != BLOCK_SIZE:
        raise ValueError(f"一个块为 16 字节，实际 {len(data)} (a block is 16 bytes)")
    return bytes([CMD_WRITE, check_block(block)]) + bytes(data)
