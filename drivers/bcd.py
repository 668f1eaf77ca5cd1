"""Packed BCD and the byte-sum checksum shared by DL/T 645 and CJ/T 188.

Both standards send numbers and addresses as packed BCD with the **least
significant byte first**: 12345.67 kWh in a 4-byte XXXXXX.XX field is the
integer 1234567, the digit pairs ``01 23 45 67``, sent as ``67 45 23 01``.
"""

from __future__ import annotations

from decimal import Decimal


class InvalidBCD(ValueError):
    """A nibble above 9 where a BCD digit was expected."""


def sum8(data: bytes | bytearray) -> int:
    """The checksum of both standards: the sum of the bytes modulo 256."""
    return sum(data) & 0xFF


def bcd_to_int(data: bytes) -> int:
    """Decode little-endian packed BCD (``b"\\x67\\x45\\x23\\x01"`` → 1234567)."""
    value = 0
    for byte in reversed(data):
        high, low = byte >> 4, byte & 0x0F
        if high > 9 or low > 9:
            raise InvalidBCD(f"not BCD: {data.hex(' ').upper()}")
        value = value * 100 + high * 10 + low
    return value


def int_to_bcd(value: int, length: int) -> bytes:
    """Encode a non-negative integer as ``length`` bytes of little-endian BCD."""
    if value < 0 or value >= 100**length:
        raise ValueError(f"{value} does not fit in {length} BCD bytes")
    out = bytearray()
    for _ in range(length):
        value, pair = divmod(value, 100)
        out.append((pair // 10) << 4 | pair % 10)
    return bytes(out)


def bcd_to_decimal(data: bytes, decimals: int) -> Decimal:
    """Decode BCD with an implied decimal point: ``decimals=2`` reads XXXXXX.XX."""
    return Decimal(bcd_to_int(data)).scaleb(-decimals)


def decimal_to_bcd(value: Decimal, length: int, decimals: int) -> bytes:
    """Encode a decimal with ``decimals`` places as little-endian BCD.

    Raises ``ValueError`` if the value is negative, has more places than the
    field holds, or is too large: a silent rounding would falsify a reading.
    """
    scaled = value.scaleb(decimals)
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{value} has more than {decimals} decimal places")
    return int_to_bcd(int(scaled), length)


def digits_to_bcd(digits: str, length: int) -> bytes:
    """An address written as decimal digits (most significant first) → wire bytes.

    ``"123456789012"`` with ``length=6`` → ``12 90 78 56 34 12``. Shorter
    strings are zero-padded on the left, as meter nameplates usually are.
    """
    if not digits.isdigit() or not digits.isascii() or len(digits) > 2 * length:
        raise ValueError(f"not an address of up to {2 * length} digits: {digits!r}")
    return int_to_bcd(int(digits), length)


def bcd_to_digits(data: bytes) -> str:
    """Wire bytes of an address → its digits, most significant first, zero-padded."""
    return str(bcd_to_int(data)).zfill(2 * len(data))
