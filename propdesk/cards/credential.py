"""The credential: 48 bytes in the three data blocks of the card's dedicated sector.

::

    block  offset  size  field
    0       0      2     magic  "PD"
    0       2      1     format version (1)
    0       3      1     card type: 1 住户卡 resident, 2 车辆卡 vehicle, 3 员工卡 staff, 4 临时卡 temporary
    0       4      8     card serial (unsigned, big-endian; 1 … 2**63-1, random, unique per issuance)
    0      12      2     valid from  (days since 2000-01-01, big-endian)
    0      14      2     valid until (days since 2000-01-01, inclusive)
    1      16      8     holder reference (low 64 bits of the holder's UUID; 0 = none)
    1      24      8     place reference  (low 64 bits of the room's / space's UUID; 0 = none)
    2      32     16     tag = HMAC-SHA256(MAC key, "PDC1" | len(uid) | uid | sector | bytes 0-31)[:16]

The low 64 bits of a UUIDv7 are 62 random bits, so a reference identifies
its row as well as a random 62-bit number can.  Dates run to 2179.
"""

from __future__ import annotations

import datetime as dt
import struct
import uuid
from dataclasses import dataclass
from typing import Final

from propdesk.cards import crypto

MAGIC: Final = b"PD"
VERSION: Final = 1
SIZE: Final = 48
BODY_SIZE: Final = 32
EPOCH: Final = dt.date(2000, 1, 1)
MAX_SERIAL: Final = 2**63 - 1

CARD_TYPES: Final = {"resident": "住户卡", "vehicle": "车辆卡", "staff": "员工卡", "temporary": "临时卡"}
TYPE_CODES: Final = {"resident": 1, "vehicle": 2, "staff": 3, "temporary": 4}
_TYPE_NAMES: Final = {v: k for k, v in TYPE_CODES.items()}

_LAYOUT: Final = struct.Struct(">2sBBQHHQQ")  # 32 bytes: everything before the tag


class CredentialFormatError(ValueError):
    """The bytes are not a PropDesk credential (wrong magic, version or field)."""


def day_number(day: dt.date) -> int:
    n = (day - EPOCH).days
    if not 0 <= n <= 0xFFFF:
        raise ValueError(f"日期超出卡片可表示范围（2000-01-01 至 2179-06-06）：{day} (date out of range)")
    return n


def day_of(number: int) -> dt.date:
    return EPOCH + dt.timedelta(days=number)


def ref_of(value: uuid.UUID | None) -> int:
    """The 64-bit reference of a row id written on a card (0 for none)."""
    return 0 if value is None else int.from_bytes(value.bytes[8:], "big")


@dataclass(frozen=True)
class Credential:
    serial: int
    card_type: str
    valid_from: dt.date
    valid_until: dt.date
    holder_ref: int = 0
    place_ref: int = 0

    def __post_init__(self) -> None:
        if not 1 <= self.serial <= MAX_SERIAL:
            raise ValueError("card serial must be 1 .. 2**63-1")
        if self.card_type not in TYPE_CODES:
            raise ValueError(f"未知卡类型 {self.card_type} (unknown card type)")
        if self.valid_until < self.valid_from:
            raise ValueError("有效期截止日早于起始日 (validity ends before it starts)")
        day_number(self.valid_from), day_number(self.valid_until)
        for ref in (self.holder_ref, self.place_ref):
            if not 0 <= ref < 2**64:
                raise ValueError("references are 64-bit unsigned")

    @property
    def serial_hex(self) -> str:
        return serial_text(self.serial)

    def body(self) -> bytes:
        return _LAYOUT.pack(MAGIC, VERSION, TYPE_CODES[self.card_type], self.serial,
                            day_number(self.valid_from), day_number(self.valid_until),
                            self.holder_ref, self.place_ref)

    def encode(self, mac_key: bytes, uid: bytes, sector: int) -> bytes:
        """The 48 bytes to write (three blocks), tag included."""
        body = self.body()
        return body + crypto.credential_tag(mac_key, uid, sector, body)

    def blocks(self, mac_key: bytes, uid: bytes, sector: int) -> list[bytes]:
        raw = self.encode(mac_key, uid, sector)
        return [raw[i:i + 16] for i in range(0, SIZE, 16)]


def serial_text(serial: int) -> str:
    """How a card serial is shown: 16 upper-case hex digits."""
    return f"{serial:016X}"


def parse_serial(text: str) -> int:
    value = int(text.strip().replace(" ", ""), 16)
    if not 1 <= value <= MAX_SERIAL:
        raise ValueError("card serial out of range")
    return value


def looks_like_credential(raw: bytes) -> bool:
    """Do these bytes start like a PropDesk credential (magic and version)?"""
    return len(raw) >= 3 and raw[:2] == MAGIC and raw[2] == VERSION


def decode(raw: bytes) -> tuple[Credential, bytes]:
    """Split 48 bytes into a credential and its tag; the tag is NOT checked here."""
    if len(raw) != SIZE:
        raise CredentialFormatError(f"credential is {SIZE} bytes, got {len(raw)}")
    magic, version, type_code, serial, start, end, holder, place = _LAYOUT.unpack(raw[:BODY_SIZE])
    if magic != MAGIC:
        raise CredentialFormatError("扇区中没有本系统的凭证 (no PropDesk credential in the sector)")
    if version != VERSION:
        raise CredentialFormatError(f"凭证格式版本 {version} 不受支持 (unsupported credential version)")
    if type_code not in _TYPE_NAMES:
        raise CredentialFormatError(f"未知卡类型代码 {type_code} (unknown card type code)")
    try:
        credential = Credential(serial, _TYPE_NAMES[type_code], day_of(start), day_of(end), holder, place)
    except ValueError as exc:
        raise CredentialFormatError(str(exc)) from None
    return credential, bytes(raw[BODY_SIZE:])


def verify(mac_key: bytes, uid: bytes, sector: int, raw: bytes) -> Credential | None:
    """The credential if ``raw`` decodes and its tag is right for this UID and sector, else None."""
    try:
        credential, tag = decode(raw)
    except CredentialFormatError:
        return None
    return credential if crypto.tag_ok(mac_key, uid, sector, raw[:BODY_SIZE], tag) else None
