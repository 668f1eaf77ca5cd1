"""DL/T 645-2007 electricity meters (the national standard of Chinese kWh meters).

Frame::

    [FE FE FE FE]  68  A0 A1 A2 A3 A4 A5  68  C  L  DATA…  CS  16

* the address is 12 BCD digits, least significant byte first; ``AA``×6 is the
  broadcast address (only for commands every meter may answer, such as
  "read address" with a single meter on the line);
* every DATA byte carries +0x33 on the wire;
* CS is the byte sum, modulo 256, from the first 68 through DATA;
* data identifiers (DI) are 4 bytes sent least significant byte first.

The pure functions (``encode_*``, :func:`take_frame`, :func:`decode_frame`,
``decode_*``) do no I/O; :class:`DLT645Bus` adds the serial exchange.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, Final

from drivers import framing
from drivers.bcd import InvalidBCD, bcd_to_decimal, digits_to_bcd, sum8
from drivers.errors import BadChecksum, BadFrame, DeviceRejected
from drivers.framing import END, START, FrameShape
from drivers.meter import MeterBus, Reading
from drivers.transport import SerialSettings, SerialTransport, hex_bytes

PREAMBLE: Final = b"\xfe" * 4
DATA_OFFSET: Final = 0x33
BROADCAST: Final = "AAAAAAAAAAAA"
MAX_DATA_LENGTH: Final = 200  # the standard's limit on L; longer means a false start

# Control byte: D7 direction (1 = from the meter), D6 error reply, D5 more frames follow.
REPLY_BIT: Final = 0x80
ERROR_BIT: Final = 0x40
FOLLOWS_BIT: Final = 0x20
FUNCTION_MASK: Final = 0x1F

C_READ_DATA: Final = 0x11
C_READ_ADDRESS: Final = 0x13

DI_FORWARD_ACTIVE_TOTAL: Final = 0x00010000
"""(当前)正向有功总电能, 4 bytes BCD XXXXXX.XX kWh."""
DI_VOLTAGE_A: Final = 0x02010100
"""A 相电压, 2 bytes BCD XXX.X V."""

ERROR_BITS: Final = (
    (0x01, "其他错误", "other error"),
    (0x02, "无请求数据", "no such data"),
    (0x04, "密码错误或未授权", "wrong password or not authorised"),
    (0x08, "通信速率不能更改", "baud rate cannot be changed"),
    (0x10, "年时区数超限", "too many yearly time zones"),
    (0x20, "日时段数超限", "too many daily periods"),
    (0x40, "费率数超限", "too many tariffs"),
)


@dataclass(frozen=True)
class Frame:
    """A decoded frame. ``data`` has the 0x33 offset already removed."""

    address: str
    control: int
    data: bytes
    raw: bytes

    @property
    def is_reply(self) -> bool:
        return bool(self.control & REPLY_BIT)

    @property
    def is_error(self) -> bool:
        return bool(self.control & ERROR_BIT)

    @property
    def function(self) -> int:
        return self.control & FUNCTION_MASK


# -- encoding -----------------------------------------------------------------


def encode_address(address: str) -> bytes:
    """``"123456789012"`` → ``12 90 78 56 34 12``; :data:`BROADCAST` → ``AA``×6."""
    if address.upper() == BROADCAST:
        return b"\xaa" * 6
    try:
        return digits_to_bcd(address, 6)
    except ValueError:
        raise ValueError(
            f"电表地址应为不超过 12 位的数字：{address!r} (a meter address is up to 12 digits)"
        ) from None


def decode_address(wire: bytes) -> str:
    """Wire address → 12 characters, most significant first (``AA`` stays ``AA``)."""
    return wire[::-1].hex().upper()


def encode_frame(address: str, control: int, data: bytes = b"", *, preamble: bool = True) -> bytes:
    """Build a complete frame; ``data`` is given without the 0x33 offset."""
    if len(data) > MAX_DATA_LENGTH:
        raise ValueError(f"DL/T 645 data is at most {MAX_DATA_LENGTH} bytes")
    body = bytearray([START, *encode_address(address), START, control, len(data)])
    body += bytes((b + DATA_OFFSET) & 0xFF for b in data)
    body += bytes([sum8(body), END])
    return (PREAMBLE if preamble else b"") + bytes(body)


def encode_di(di: int) -> bytes:
    """A data identifier on the wire (before the offset): least significant byte first."""
    return di.to_bytes(4, "little")


def encode_read(address: str, di: int, *, preamble: bool = True) -> bytes:
    """Request "read data" (C=11) of identifier ``di`` from one meter."""
    return encode_frame(address, C_READ_DATA, encode_di(di), preamble=preamble)


def encode_read_address(*, preamble: bool = True) -> bytes:
    """Request "read address" (C=13), broadcast: only one meter may be on the line."""
    return encode_frame(BROADCAST, C_READ_ADDRESS, preamble=preamble)


# -- decoding -----------------------------------------------------------------


_SHAPE: Final = FrameShape(header=10, max_data=MAX_DATA_LENGTH, second_start=7)


def take_frame(buf: bytearray) -> bytes | None:
    """Remove and return the first complete frame in ``buf``, or ``None``.

    Wake-up ``FE`` bytes, line noise and false starts before the frame are
    dropped (see :mod:`drivers.framing`). Use :func:`decode_frame` on the result.
    """
    return framing.take_frame(buf, _SHAPE)


def decode_frame(frame: bytes) -> Frame:
    """Check and decode one frame as returned by :func:`take_frame`.

    Raises :class:`BadFrame` for a malformed frame, :class:`BadChecksum` for a
    wrong CS.
    """
    if len(frame) < 12 or frame[0] != START or frame[7] != START or frame[-1] != END:
        raise BadFrame(
            f"电表应答格式错误：{hex_bytes(frame)}",
            f"malformed DL/T 645 frame: {hex_bytes(frame)}",
        )
    if len(frame) != 12 + frame[9]:
        raise BadFrame(
            f"电表应答长度不符：{hex_bytes(frame)}",
            f"DL/T 645 frame length does not match L: {hex_bytes(frame)}",
        )
    address = decode_address(frame[1:7])
    if sum8(frame[:-2]) != frame[-2]:
        raise BadChecksum(
            f"电表 {address} 应答校验和错误：{hex_bytes(frame)}",
            f"bad checksum from meter {address}: {hex_bytes(frame)}",
            address=address,
        )
    data = bytes((b - DATA_OFFSET) & 0xFF for b in frame[10:-2])
    return Frame(address=address, control=frame[8], data=data, raw=frame)


def describe_error(code: int) -> tuple[str, str]:
    """The meter's error byte (C=D1 reply) in words, Chinese and English."""
    parts = [(zh, en) for bit, zh, en in ERROR_BITS if code & bit]
    if not parts:
        return (f"未知错误 0x{code:02X}", f"unknown error 0x{code:02X}")
    return ("、".join(zh for zh, _ in parts), ", ".join(en for _, en in parts))


def reply_value(frame: Frame, di: int) -> bytes:
    """The value bytes of a read-data reply, after checking it answers ``di``.

    Raises :class:`DeviceRejected` for an error reply, :class:`BadFrame` for an
    answer to another identifier or command.
    """
    if frame.function != C_READ_DATA or not frame.is_reply:
        raise BadFrame(
            f"电表 {frame.address} 应答的控制码不符：{frame.control:02X}",
            f"meter {frame.address} answered with control code {frame.control:02X}",
            address=frame.address,
        )
    if frame.is_error:
        code = frame.data[0] if frame.data else 0
        zh, en = describe_error(code)
        raise DeviceRejected(
            f"电表 {frame.address} 拒绝读取：{zh}",
            f"meter {frame.address} refused the read: {en}",
            code=code,
            address=frame.address,
        )
    if frame.data[:4] != encode_di(di):
        raise BadFrame(
            f"电表 {frame.address} 应答的数据标识不符：{hex_bytes(frame.data[:4])}",
            f"meter {frame.address} answered another data identifier: {hex_bytes(frame.data[:4])}",
            address=frame.address,
        )
    return frame.data[4:]


def decode_bcd_value(value: bytes, length: int, decimals: int, what: str) -> Decimal:
    """Decode a fixed-size BCD field, e.g. energy XXXXXX.XX (4 bytes, 2 decimals)."""
    if len(value) != length:
        raise BadFrame(
            f"{what}数据长度错误：{hex_bytes(value)}",
            f"{what}: expected {length} bytes, got {hex_bytes(value)}",
        )
    try:
        return bcd_to_decimal(value, decimals)
    except InvalidBCD:
        raise BadFrame(
            f"{what}数据不是有效的 BCD 码：{hex_bytes(value)}",
            f"{what}: not BCD: {hex_bytes(value)}",
        ) from None


def decode_energy(value: bytes) -> Decimal:
    """Energy XXXXXX.XX kWh from its 4 value bytes."""
    return decode_bcd_value(value, 4, 2, "电能")


def decode_voltage(value: bytes) -> Decimal:
    """Voltage XXX.X V from its 2 value bytes."""
    return decode_bcd_value(value, 2, 1, "电压")


# -- device -------------------------------------------------------------------


class DLT645Bus(MeterBus):
    """DL/T 645-2007 meters on one RS-485 line (usually 2400 baud, 8E1)."""

    protocol: ClassVar[str] = "dlt645"
    device_name: ClassVar[str] = "电表"
    default_settings: ClassVar[SerialSettings] = SerialSettings(baudrate=2400, parity="E")

    def __init__(self, transport: SerialTransport, *, retries: int = 2, preamble: bool = True) -> None:
        super().__init__(transport, retries=retries)
        self.preamble = preamble

    def read_total(self, address: str) -> Reading:
        """Total forward active energy (kWh): the register that is billed."""
        return self.read_energy(address)

    def read_energy(self, address: str) -> Reading:
        """(当前)正向有功总电能 in kWh."""
        value, frame = self.read_value(address, DI_FORWARD_ACTIVE_TOTAL)
        return self._reading(frame, decode_energy(value), "kWh", "energy")

    def read_voltage_a(self, address: str) -> Reading:
        """A 相电压 in V."""
        value, frame = self.read_value(address, DI_VOLTAGE_A)
        return self._reading(frame, decode_voltage(value), "V", "voltage")

    def read_value(self, address: str, di: int) -> tuple[bytes, Frame]:
        """Read identifier ``di``; returns the value bytes (offset removed, DI
        stripped) and the reply frame. Retried on silence or a garbled reply."""
        request = encode_read(address, di, preamble=self.preamble)
        wanted = decode_address(encode_address(address))

        def attempt() -> tuple[bytes, Frame]:
            frame = self._exchange(request, wanted, C_READ_DATA)
            return reply_value(frame, di), frame

        return self._with_retries(attempt)

    def read_address(self) -> str:
        """Ask the only meter on the line for its address (broadcast C=13).

        With several meters on the line their answers collide: wire them one
        at a time for this.
        """

        def attempt() -> str:
            request = encode_read_address(preamble=self.preamble)
            frame = self._exchange(request, None, C_READ_ADDRESS)
            if frame.is_error or len(frame.data) != 6:
                raise BadFrame(
                    f"读地址应答格式错误：{hex_bytes(frame.raw)}",
                    f"malformed read-address reply: {hex_bytes(frame.raw)}",
                    port=self.port,
                )
            return decode_address(frame.data)

        return self._with_retries(attempt)

    def _exchange(self, request: bytes, address: str | None, function: int) -> Frame:
        """Send ``request``; return the reply to ``function`` from ``address``
        (from any meter if ``None``)."""

        def accept(frame: Frame) -> bool:
            return (
                frame.is_reply
                and frame.function == function
                and (address is None or frame.address == address)
            )

        return self._request(request, take_frame, decode_frame, accept, address)

    def _reading(self, frame: Frame, value: Decimal, unit: str, quantity: str) -> Reading:
        return Reading(
            value=value,
            unit=unit,
            address=frame.address,
            protocol=self.protocol,
            quantity=quantity,
            raw=frame.raw,
        )
