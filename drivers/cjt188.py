"""CJ/T 188-2004 water, gas and heat meters.

Frame::

    [FE FE]  68  T  A0 … A6  C  L  DATA…  CS  16

* T is the meter type (10–13 water, 20/21 heat, 30 gas); ``AA`` matches any;
* the address is 14 BCD digits, least significant byte first;
* no data offset (unlike DL/T 645); CS is the byte sum from 68 through DATA;
* read data: C=01, DATA = DI(2) SER with DI ``90 1F``. Sources disagree on
  the byte order of the DI, so requests use ``90 1F`` by default (configurable)
  and replies are accepted in either order. Reply C=81, error reply C=C1.

The reply layouts (water/gas meters, 22 bytes; heat meters, 46 bytes) and
the unit codes follow the standard's tables as implemented by meter firmware
(e.g. 2C = m³, 05 = kWh, 11 = GJ).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import ClassVar, Final

from drivers import framing
from drivers.bcd import InvalidBCD, bcd_to_decimal, bcd_to_int, digits_to_bcd, sum8
from drivers.errors import BadChecksum, BadFrame, DeviceRejected
from drivers.framing import END, START, FrameShape
from drivers.meter import MeterBus, Reading
from drivers.transport import SerialSettings, SerialTransport, hex_bytes

PREAMBLE: Final = b"\xfe\xfe"
MAX_DATA_LENGTH: Final = 100  # the longest reply defined is 46 bytes; beyond this is a false start

REPLY_BIT: Final = 0x80
ERROR_BIT: Final = 0x40
FUNCTION_MASK: Final = 0x3F

C_READ_DATA: Final = 0x01
C_READ_ADDRESS: Final = 0x03

DI_METER_DATA: Final = 0x901F
"""计量数据: cumulative flow (or heat), settlement-day value, clock, status."""
DI_READ_ADDRESS: Final = 0x810A

TYPE_ANY: Final = 0xAA
BROADCAST_ADDRESS: Final = "AAAAAAAAAAAAAA"

METER_TYPES: Final = {
    0x10: ("冷水水表", "cold water meter"),
    0x11: ("生活热水水表", "hot water meter"),
    0x12: ("直饮水水表", "drinking water meter"),
    0x13: ("中水水表", "reclaimed water meter"),
    0x20: ("热量表（计热量）", "heat meter (heating)"),
    0x21: ("热量表（计冷量）", "heat meter (cooling)"),
    0x30: ("燃气表", "gas meter"),
}
HEAT_TYPES: Final = frozenset({0x20, 0x21})

#: Unit code → (unit, multiplier). Codes ×100 are normalised to their base unit.
UNITS: Final[dict[int, tuple[str, int]]] = {
    0x01: ("J", 1),
    0x02: ("Wh", 1),
    0x05: ("kWh", 1),
    0x08: ("MWh", 1),
    0x0A: ("MWh", 100),
    0x0B: ("kJ", 1),
    0x0E: ("MJ", 1),
    0x11: ("GJ", 1),
    0x13: ("GJ", 100),
    0x14: ("W", 1),
    0x17: ("kW", 1),
    0x1A: ("MW", 1),
    0x29: ("L", 1),
    0x2C: ("m³", 1),
    0x32: ("L/h", 1),
    0x35: ("m³/h", 1),
}

VALVE_STATES: Final = {0b00: "open", 0b01: "closed", 0b11: "abnormal"}

FLOW_DATA_LENGTH: Final = 22
HEAT_DATA_LENGTH: Final = 46


@dataclass(frozen=True)
class Frame:
    meter_type: int
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


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: str


@dataclass(frozen=True)
class MeterStatus:
    """ST: first byte D0–D1 valve (00 open, 01 closed, 11 abnormal), D2 battery low."""

    raw: int
    valve: str
    battery_low: bool


@dataclass(frozen=True)
class FlowData:
    """Reply to 90 1F from a water or gas meter."""

    meter_type: int
    address: str
    current: Quantity
    settlement: Quantity
    clock: datetime | None
    status: MeterStatus
    raw: bytes

    @property
    def total(self) -> Quantity:
        return self.current


@dataclass(frozen=True)
class HeatData:
    """Reply to 90 1F from a heat meter."""

    meter_type: int
    address: str
    settlement_heat: Quantity
    current_heat: Quantity
    heat_power: Quantity
    flow_rate: Quantity
    cumulative_flow: Quantity
    supply_temperature: Decimal
    return_temperature: Decimal
    working_hours: int
    clock: datetime | None
    status: MeterStatus
    raw: bytes

    @property
    def total(self) -> Quantity:
        return self.current_heat


MeterData = FlowData | HeatData


# -- encoding -----------------------------------------------------------------


def encode_address(address: str) -> bytes:
    """``"12345678901234"`` → ``34 12 90 78 56 34 12``; ``AA``×7 for broadcast."""
    if address.upper() == BROADCAST_ADDRESS:
        return b"\xaa" * 7
    try:
        return digits_to_bcd(address, 7)
    except ValueError:
        raise ValueError(
            f"表地址应为不超过 14 位的数字：{address!r} (a meter address is up to 14 digits)"
        ) from None


def decode_address(wire: bytes) -> str:
    return wire[::-1].hex().upper()


def encode_di(di: int, order: str = "big") -> bytes:
    """DI on the wire: ``"big"`` gives ``90 1F``, ``"little"`` gives ``1F 90``."""
    if order not in ("big", "little"):
        raise ValueError("DI order is 'big' or 'little'")
    return di.to_bytes(2, order)  # type: ignore[arg-type]


def encode_frame(
    meter_type: int, address: str, control: int, data: bytes = b"", *, preamble: bool = True
) -> bytes:
    if len(data) > MAX_DATA_LENGTH:
        raise ValueError(f"CJ/T 188 data is at most {MAX_DATA_LENGTH} bytes")
    body = bytearray([START, meter_type, *encode_address(address), control, len(data)])
    body += data
    body += bytes([sum8(body), END])
    return (PREAMBLE if preamble else b"") + bytes(body)


def encode_read_data(
    meter_type: int,
    address: str,
    ser: int = 0,
    *,
    di_order: str = "big",
    preamble: bool = True,
) -> bytes:
    """Request "read meter data" (C=01, DI 90 1F) with sequence number ``ser``."""
    data = encode_di(DI_METER_DATA, di_order) + bytes([ser & 0xFF])
    return encode_frame(meter_type, address, C_READ_DATA, data, preamble=preamble)


def encode_read_address(ser: int = 0, *, di_order: str = "big", preamble: bool = True) -> bytes:
    """Request "read address" (C=03, DI 81 0A), broadcast: one meter on the line."""
    data = encode_di(DI_READ_ADDRESS, di_order) + bytes([ser & 0xFF])
    return encode_frame(TYPE_ANY, BROADCAST_ADDRESS, C_READ_ADDRESS, data, preamble=preamble)


# -- decoding -----------------------------------------------------------------


_SHAPE: Final = FrameShape(header=11, max_data=MAX_DATA_LENGTH)


def take_frame(buf: bytearray) -> bytes | None:
    """Remove and return the first complete frame in ``buf`` (see :mod:`drivers.framing`)."""
    return framing.take_frame(buf, _SHAPE)


def decode_frame(frame: bytes) -> Frame:
    """Check and decode one frame; raises :class:`BadFrame` / :class:`BadChecksum`."""
    if len(frame) < 13 or frame[0] != START or frame[-1] != END or len(frame) != 13 + frame[10]:
        raise BadFrame(
            f"表计应答格式错误：{hex_bytes(frame)}",
            f"malformed CJ/T 188 frame: {hex_bytes(frame)}",
        )
    address = decode_address(frame[2:9])
    if sum8(frame[:-2]) != frame[-2]:
        raise BadChecksum(
            f"表 {address} 应答校验和错误：{hex_bytes(frame)}",
            f"bad checksum from meter {address}: {hex_bytes(frame)}",
            address=address,
        )
    return Frame(frame[1], address, frame[9], frame[11:-2], frame)


def di_matches(data: bytes, di: int) -> bool:
    """True if ``data`` starts with ``di`` in either byte order."""
    return data[:2] in (di.to_bytes(2, "big"), di.to_bytes(2, "little"))


def decode_meter_data(frame: Frame) -> MeterData:
    """Decode a C=81 reply to DI 90 1F (water/gas or heat layout by meter type)."""
    if not di_matches(frame.data, DI_METER_DATA):
        raise _bad(frame, "数据标识不是 90 1F", "data identifier is not 90 1F")
    if frame.meter_type in HEAT_TYPES:
        return _decode_heat(frame)
    return _decode_flow(frame)


def _decode_flow(frame: Frame) -> FlowData:
    d = frame.data
    if len(d) != FLOW_DATA_LENGTH:
        raise _bad(frame, f"数据长度 {len(d)} 不是 22", f"data length {len(d)} is not 22")
    return FlowData(
        meter_type=frame.meter_type,
        address=frame.address,
        current=_quantity(frame, d[3:7], d[7], 2),
        settlement=_quantity(frame, d[8:12], d[12], 2),
        clock=decode_clock(d[13:20]),
        status=decode_status(d[20:22]),
        raw=frame.raw,
    )


def _decode_heat(frame: Frame) -> HeatData:
    d = frame.data
    if len(d) != HEAT_DATA_LENGTH:
        raise _bad(frame, f"数据长度 {len(d)} 不是 46", f"data length {len(d)} is not 46")
    return HeatData(
        meter_type=frame.meter_type,
        address=frame.address,
        settlement_heat=_quantity(frame, d[3:7], d[7], 2),
        current_heat=_quantity(frame, d[8:12], d[12], 2),
        heat_power=_quantity(frame, d[13:17], d[17], 2),
        flow_rate=_quantity(frame, d[18:22], d[22], 4),
        cumulative_flow=_quantity(frame, d[23:27], d[27], 2),
        supply_temperature=_bcd(frame, d[28:31], 2),
        return_temperature=_bcd(frame, d[31:34], 2),
        working_hours=int(_bcd(frame, d[34:37], 0)),
        clock=decode_clock(d[37:44]),
        status=decode_status(d[44:46]),
        raw=frame.raw,
    )


def decode_clock(data: bytes) -> datetime | None:
    """Real-time clock ``ss mm hh DD MM YY YY`` (BCD, low byte first).

    ``None`` when the meter sends no valid time: many battery meters send
    zeros, and a bad clock must not make the flow reading unusable.
    """
    try:
        ss, mm, hh, day, month = (bcd_to_int(data[i : i + 1]) for i in range(5))
        year = bcd_to_int(data[5:7])
        return datetime(year, month, day, hh, mm, ss)
    except ValueError:  # InvalidBCD is a ValueError, and so is a 31 February
        return None


def decode_status(data: bytes) -> MeterStatus:
    raw = int.from_bytes(data, "little")
    return MeterStatus(
        raw=raw,
        valve=VALVE_STATES.get(data[0] & 0b11, "unknown"),
        battery_low=bool(data[0] & 0b100),
    )


def _quantity(frame: Frame, value: bytes, unit_code: int, decimals: int) -> Quantity:
    if unit_code not in UNITS:
        raise _bad(frame, f"未知计量单位代码 {unit_code:02X}", f"unknown unit code {unit_code:02X}")
    unit, multiplier = UNITS[unit_code]
    return Quantity(_bcd(frame, value, decimals) * multiplier, unit)


def _bcd(frame: Frame, value: bytes, decimals: int) -> Decimal:
    try:
        return bcd_to_decimal(value, decimals)
    except InvalidBCD:
        raise _bad(frame, f"数据不是 BCD 码：{hex_bytes(value)}", f"not BCD: {hex_bytes(value)}") from None


def _bad(frame: Frame, zh: str, en: str) -> BadFrame:
    return BadFrame(
        f"表 {frame.address} 应答无法解析：{zh}",
        f"cannot decode reply of meter {frame.address}: {en}",
        address=frame.address,
    )


# -- device -------------------------------------------------------------------


class CJT188Bus(MeterBus):
    """CJ/T 188 meters on one line (usually 2400 baud, 8E1, through an M-Bus
    or RS-485 converter)."""

    protocol: ClassVar[str] = "cjt188"
    default_settings: ClassVar[SerialSettings] = SerialSettings(baudrate=2400, parity="E")

    def __init__(
        self,
        transport: SerialTransport,
        *,
        meter_type: int = 0x10,
        retries: int = 2,
        preamble: bool = True,
        di_order: str = "big",
    ) -> None:
        super().__init__(transport, retries=retries)
        encode_di(DI_METER_DATA, di_order)  # validate early
        self.meter_type = meter_type
        self.preamble = preamble
        self.di_order = di_order
        self._ser = 0

    def read_total(self, address: str) -> Reading:
        """Cumulative flow (water, gas) or current heat (heat meters)."""
        data = self.read_data(address)
        total = data.total
        quantity = "heat" if isinstance(data, HeatData) else "volume"
        return Reading(total.value, total.unit, data.address, self.protocol, quantity, data.raw)

    def read_data(self, address: str, meter_type: int | None = None) -> MeterData:
        """Read DI 90 1F from the meter at ``address``."""
        kind = self.meter_type if meter_type is None else meter_type
        wanted = decode_address(encode_address(address))

        def attempt() -> MeterData:
            request = encode_read_data(
                kind, address, self._next_ser(), di_order=self.di_order, preamble=self.preamble
            )
            frame = self._exchange(request, wanted, C_READ_DATA)
            return decode_meter_data(frame)

        return self._with_retries(attempt)

    def read_address(self) -> tuple[int, str]:
        """Ask the only meter on the line for its type and address."""

        def attempt() -> tuple[int, str]:
            request = encode_read_address(self._next_ser(), di_order=self.di_order, preamble=self.preamble)
            frame = self._exchange(request, None, C_READ_ADDRESS)
            return frame.meter_type, frame.address

        return self._with_retries(attempt)

    def _next_ser(self) -> int:
        self._ser = (self._ser + 1) & 0xFF
        return self._ser

    def _exchange(self, request: bytes, address: str | None, function: int) -> Frame:
        """Send ``request``; return the reply to ``function`` from ``address``
        (from any meter if ``None``), raising the meter's error reply."""

        def accept(frame: Frame) -> bool:
            return (
                frame.is_reply
                and frame.function == function
                and (address is None or frame.address == address)
            )

        frame = self._request(request, take_frame, decode_frame, accept, address)
        if frame.is_error:
            raise self._rejected(frame)
        return frame

    def _rejected(self, frame: Frame) -> DeviceRejected:
        # The error reply carries SER and the meter's status word, no error code.
        code = int.from_bytes(frame.data[-2:], "little") if len(frame.data) >= 2 else 0
        return DeviceRejected(
            f"表 {frame.address} 返回错误应答（状态字 {code:04X}，串口 {self.port}）",
            f"meter {frame.address} sent an error reply (status {code:04X}) on {self.port}",
            code=code,
            port=self.port,
            address=frame.address,
        )
