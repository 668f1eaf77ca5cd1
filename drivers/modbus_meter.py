"""Modbus RTU energy meters, through pymodbus (3.10+).

pymodbus does the RTU framing, CRC, device-id matching and retries; this
module adds register maps kept as data (:mod:`drivers.modbus_presets`), the
exact conversion of register values to ``Decimal``, and our errors.

Several meters share one bus: every call names the meter's device id
(1–247), and one :class:`ModbusMeterBus` serves them all.
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from pathlib import Path
from typing import Any, ClassVar, Final

from pymodbus.client import ModbusSerialClient
from pymodbus.exceptions import ModbusException, ModbusIOException

from drivers.errors import BadFrame, DeviceRejected, DeviceTimeout
from drivers.meter import MeterBus, Reading
from drivers.modbus_presets import PRESETS
from drivers.transport import SerialSettings, SerialTransport

#: type name → (registers, signed); ``None`` for IEEE-754 float.
TYPES: Final[dict[str, tuple[int, bool | None]]] = {
    "uint16": (1, False),
    "int16": (1, True),
    "uint32": (2, False),
    "int32": (2, True),
    "float32": (2, None),
}
FUNCTIONS: Final = ("input", "holding")

EXCEPTION_CODES: Final = {
    1: ("不支持的功能码", "illegal function"),
    2: ("寄存器地址无效", "illegal data address"),
    3: ("数据值无效", "illegal data value"),
    4: ("表内部故障", "device failure"),
    5: ("请求已接受，正在处理", "acknowledge"),
    6: ("表忙", "device busy"),
}


@dataclass(frozen=True)
class Register:
    """Where one quantity lives and how to read it."""

    name: str
    address: int
    type: str
    unit: str
    decimals: int

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"register {self.name}: unknown type {self.type!r}")
        if not 0 <= self.address <= 0xFFFF:
            raise ValueError(f"register {self.name}: address {self.address} out of range")
        if not 0 <= self.decimals <= 9:
            raise ValueError(f"register {self.name}: decimals must be 0-9")

    @property
    def count(self) -> int:
        return TYPES[self.type][0]


@dataclass(frozen=True)
class RegisterMap:
    """A meter model's register map (one preset)."""

    key: str
    name: str
    function: str
    word_order: str
    total: str
    registers: Mapping[str, Register]

    @classmethod
    def from_dict(cls, key: str, data: Mapping[str, Any]) -> RegisterMap:
        """Build from the preset shape of :mod:`drivers.modbus_presets`; raises ``ValueError``."""
        try:
            registers = {
                name: Register(name, int(r["address"]), r["type"], r.get("unit", ""), int(r["decimals"]))
                for name, r in data["registers"].items()
            }
            result = cls(
                key,
                data.get("name", key),
                data["function"],
                data.get("word_order", "big"),
                data["total"],
                registers,
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"preset {key}: missing or malformed field {exc}") from exc
        if result.function not in FUNCTIONS:
            raise ValueError(f"preset {key}: function must be one of {FUNCTIONS}")
        if result.word_order not in ("big", "little"):
            raise ValueError(f"preset {key}: word_order must be 'big' or 'little'")
        if result.total not in registers:
            raise ValueError(f"preset {key}: total {result.total!r} is not a register")
        return result

    def register(self, quantity: str) -> Register:
        try:
            return self.registers[quantity]
        except KeyError:
            raise ValueError(
                f"表型 {self.key} 没有“{quantity}”寄存器 (preset {self.key} has no {quantity!r}; "
                f"known: {', '.join(self.registers)})"
            ) from None


def preset(name: str) -> RegisterMap:
    """One of the built-in presets by key (see :func:`preset_names`)."""
    if name not in PRESETS:
        raise ValueError(f"未知的表型 {name!r} (unknown preset; known: {', '.join(PRESETS)})")
    return RegisterMap.from_dict(name, PRESETS[name])


def preset_names() -> list[str]:
    return sorted(PRESETS)


def load_presets(path: str | Path) -> dict[str, RegisterMap]:
    """Read extra presets from a JSON object ``{key: preset, ...}``."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object of presets")
    return {key: RegisterMap.from_dict(key, value) for key, value in data.items()}


# -- pure conversions ------------------------------------------------------------


def _ordered(registers: Sequence[int], word_order: str) -> bytes:
    words = list(registers) if word_order == "big" else list(reversed(registers))
    return b"".join(w.to_bytes(2, "big") for w in words)


def decode_value(register: Register, registers: Sequence[int], word_order: str = "big") -> Decimal:
    """Register contents → exact value. Raises :class:`BadFrame` on a wrong
    register count or a float that is not a number."""
    if len(registers) != register.count or any(not 0 <= r <= 0xFFFF for r in registers):
        raise BadFrame(
            f"{register.name} 寄存器数据长度错误：{list(registers)}",
            f"{register.name}: expected {register.count} registers, got {list(registers)}",
        )
    raw = _ordered(registers, word_order)
    signed = TYPES[register.type][1]
    if signed is None:
        return _float_to_decimal(register, struct.unpack(">f", raw)[0])
    return Decimal(int.from_bytes(raw, "big", signed=signed)).scaleb(-register.decimals)


def _float_to_decimal(register: Register, value: float) -> Decimal:
    # The float exists only as the wire format: round it once, here, to the
    # resolution the quantity is meaningful at (0.01 kWh, 0.1 V ...).
    if not math.isfinite(value):
        raise BadFrame(
            f"{register.name} 读数不是有效数字：{value}",
            f"{register.name}: the meter sent {value}",
        )
    with localcontext() as ctx:
        ctx.prec = 60  # float32 reaches 3.4e38: enough digits to quantize any of them
        exact = Decimal(value).quantize(Decimal(1).scaleb(-register.decimals), ROUND_HALF_EVEN)
    return exact.copy_abs() if exact.is_zero() else exact


def encode_value(register: Register, value: Decimal, word_order: str = "big") -> list[int]:
    """Value → register contents (what a meter would hold). Used by the simulator."""
    signed = TYPES[register.type][1]
    if signed is None:
        try:
            raw = struct.pack(">f", float(value))
        except OverflowError:
            raise ValueError(f"{value} does not fit in float32") from None
    else:
        scaled = value.scaleb(register.decimals)
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {register.decimals} decimals")
        try:
            raw = int(scaled).to_bytes(2 * register.count, "big", signed=signed)
        except OverflowError:
            raise ValueError(f"{value} does not fit in {register.type}") from None
    words = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
    return words if word_order == "big" else list(reversed(words))


def device_id(address: str | int) -> int:
    """A meter's Modbus address as given by a user (``"3"`` or ``3``) → 1..247."""
    try:
        unit = int(address)
    except (TypeError, ValueError):
        unit = 0
    if not 1 <= unit <= 247:
        raise ValueError(f"Modbus 地址应为 1–247：{address!r} (a Modbus address is 1-247)")
    return unit


# -- device -----------------------------------------------------------------------


class _TransportClient(ModbusSerialClient):
    """pymodbus' synchronous RTU client with its I/O routed through our transport.

    pymodbus keeps framing, CRC and retries; the port is opened, logged and
    error-mapped by :class:`SerialTransport` like every other device's, so
    PortBusy/PortNotFound and the frame log behave the same for Modbus meters.
    """

    def __init__(self, transport: SerialTransport, retries: int) -> None:
        s = transport.settings
        super().__init__(
            transport.port,
            baudrate=s.baudrate,
            bytesize=s.bytesize,
            parity=s.parity,
            stopbits=int(s.stopbits),
            timeout=s.timeout,
            retries=retries,
        )
        self._transport = transport

    @property
    def connected(self) -> bool:
        return self._transport.is_open

    def connect(self) -> bool:
        self._transport.open()
        return True

    def close(self) -> None:
        self._transport.close()

    def is_socket_open(self) -> bool:
        return self._transport.is_open

    def send(self, request: bytes, addr: tuple[str, int] | None = None) -> int:
        self._transport.drain()
        self._transport.write(request)
        return len(request)

    def recv(self, size: int | None) -> bytes:
        # pymodbus' framer collects partial frames itself: hand bytes over as they come.
        return self._transport.read_some(self.comm_params.timeout_connect, gap=0)


class ModbusMeterBus(MeterBus):
    """Modbus RTU meters of one or more models on one RS-485 line."""

    protocol: ClassVar[str] = "modbus"
    default_settings: ClassVar[SerialSettings] = SerialSettings(baudrate=9600)

    def __init__(
        self,
        transport: SerialTransport,
        *,
        preset: str | RegisterMap = "eastron_sdm",
        retries: int = 2,
    ) -> None:
        super().__init__(transport, retries=retries)
        self.register_map = _resolve(preset)
        self._client = _TransportClient(transport, retries)

    def read_total(self, address: str) -> Reading:
        """The preset's billed energy register (kWh)."""
        return self.read(address, self.register_map.total)

    def read(self, address: str | int, quantity: str, *, preset: str | RegisterMap | None = None) -> Reading:
        """Read one quantity (``"voltage"``, ``"import_energy"`` …) from meter ``address``.

        ``preset`` overrides the bus's register map for a meter of another model.
        """
        regmap = self.register_map if preset is None else _resolve(preset)
        register = regmap.register(quantity)
        unit = device_id(address)
        words = self._read_registers(unit, regmap.function, register)
        value = decode_value(register, words, regmap.word_order)
        raw = b"".join(w.to_bytes(2, "big") for w in words)
        return Reading(value, register.unit, str(unit), self.protocol, quantity, raw)

    def read_all(self, address: str | int, *, preset: str | RegisterMap | None = None) -> dict[str, Reading]:
        """Every quantity of the register map, one request each."""
        regmap = self.register_map if preset is None else _resolve(preset)
        return {q: self.read(address, q, preset=regmap) for q in regmap.registers}

    def _read_registers(self, unit: int, function: str, register: Register) -> list[int]:
        call = (
            self._client.read_input_registers if function == "input" else self._client.read_holding_registers
        )
        try:
            response = call(register.address, count=register.count, device_id=unit)
        except ModbusIOException as exc:
            raise DeviceTimeout(
                f"读取超时：Modbus 电表 {unit} 无应答（串口 {self.port}），请检查地址、波特率和接线",
                f"timeout: Modbus meter {unit} did not answer on {self.port}; "
                "check address, baud rate and wiring",
                port=self.port,
                address=str(unit),
            ) from exc
        except ModbusException as exc:
            raise BadFrame(
                f"Modbus 电表 {unit} 通信错误（串口 {self.port}）",
                f"Modbus error with meter {unit} on {self.port}: {exc}",
                port=self.port,
                address=str(unit),
            ) from exc
        if response.isError():
            raise self._rejected(unit, response.exception_code, register)
        words = list(response.registers)
        if len(words) != register.count:
            raise BadFrame(
                f"Modbus 电表 {unit} 返回的寄存器数量不符：{words}",
                f"Modbus meter {unit} returned {len(words)} registers, expected {register.count}",
                port=self.port,
                address=str(unit),
            )
        return words

    def _rejected(self, unit: int, code: int, register: Register) -> DeviceRejected:
        zh, en = EXCEPTION_CODES.get(code, (f"异常码 {code:02X}", f"exception {code:02X}"))
        where = f"0x{register.address:04X}"
        return DeviceRejected(
            f"Modbus 电表 {unit} 拒绝读取寄存器 {where}：{zh}（表型是否选错？）",
            f"Modbus meter {unit} refused register {where}: {en} (wrong meter model?)",
            code=code,
            port=self.port,
            address=str(unit),
        )


def _resolve(choice: str | RegisterMap) -> RegisterMap:
    return choice if isinstance(choice, RegisterMap) else preset(choice)
