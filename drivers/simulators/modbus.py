"""Simulated Modbus RTU energy meters (a small slave written from the spec, not pymodbus).

Being independent of pymodbus, it checks our use of pymodbus against the
protocol itself. It answers functions 03 (holding) and 04 (input registers)
for every meter on the line, with exception 02 for registers it does not
hold and 01 for other functions; broadcasts (unit 0) and frames with a bad
CRC get no answer, as on a real bus.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from drivers.modbus_meter import RegisterMap, encode_value, preset
from drivers.simulators.base import Fault, Simulator, apply_fault

READ_HOLDING: Final = 0x03
READ_INPUT: Final = 0x04
ILLEGAL_FUNCTION: Final = 0x01
ILLEGAL_ADDRESS: Final = 0x02
MAX_READ: Final = 125  # registers per request, by the standard


def crc16(data: bytes) -> int:
    """Modbus CRC-16 (polynomial 0xA001 reflected, initial 0xFFFF); sent low byte first."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def with_crc(body: bytes) -> bytes:
    return body + crc16(body).to_bytes(2, "little")


@dataclass
class SimulatedModbusMeter:
    """Register contents of one meter, by function (03 holding / 04 input)."""

    register_map: RegisterMap
    holding: dict[int, int] = field(default_factory=dict)
    input: dict[int, int] = field(default_factory=dict)
    silent: bool = False
    exception: int | None = None
    fault: Fault | None = None

    def set(self, quantity: str, value: Decimal) -> None:
        """Store ``value`` the way this meter model encodes ``quantity``."""
        register = self.register_map.register(quantity)
        table = self.input if self.register_map.function == "input" else self.holding
        words = encode_value(register, value, self.register_map.word_order)
        for offset, word in enumerate(words):
            table[register.address + offset] = word


class ModbusSimulator(Simulator):
    kind = "modbus"

    def __init__(self, *, tcp_port: int | None = None, host: str = "127.0.0.1") -> None:
        super().__init__(tcp_port=tcp_port, host=host)
        self.meters: dict[int, SimulatedModbusMeter] = {}
        self._buf = bytearray()

    def add_meter(
        self, unit: int, register_map: str | RegisterMap = "eastron_sdm", **values: Decimal
    ) -> SimulatedModbusMeter:
        """Add meter ``unit`` of a model; ``values`` sets quantities, e.g. ``total_energy=Decimal("12.5")``.

        Every quantity of the map starts at zero so that the whole map reads.
        """
        regmap = register_map if isinstance(register_map, RegisterMap) else preset(register_map)
        meter = SimulatedModbusMeter(regmap)
        for quantity in regmap.registers:
            meter.set(quantity, values.get(quantity, Decimal(0)))
        with self.lock:
            self.meters[unit] = meter
        return meter

    def set_value(self, unit: int, quantity: str, value: Decimal) -> None:
        with self.lock:
            self.meters[unit].set(quantity, value)

    def reset_input(self) -> None:
        self._buf.clear()

    def feed(self, data: bytes) -> bytes:
        # RTU frames are delimited by silence, which a byte stream does not
        # show; requests for 03/04 are always 8 bytes, so scan for a valid one.
        self._buf += data
        out = bytearray()
        while len(self._buf) >= 8:
            frame = bytes(self._buf[:8])
            if crc16(frame[:6]) != int.from_bytes(frame[6:8], "little"):
                del self._buf[0]
                continue
            del self._buf[:8]
            out += self._answer(frame)
        return bytes(out)

    def _answer(self, frame: bytes) -> bytes:
        unit, function = frame[0], frame[1]
        meter = self.meters.get(unit)
        if meter is None or meter.silent:
            return b""
        start, count = int.from_bytes(frame[2:4], "big"), int.from_bytes(frame[4:6], "big")
        table = {READ_HOLDING: meter.holding, READ_INPUT: meter.input}.get(function)
        if meter.exception is not None:
            return self._exception(meter, unit, function, meter.exception)
        if table is None:
            return self._exception(meter, unit, function, ILLEGAL_FUNCTION)
        addresses = range(start, start + count)
        if not 1 <= count <= MAX_READ or any(a not in table for a in addresses):
            return self._exception(meter, unit, function, ILLEGAL_ADDRESS)
        payload = b"".join(table[a].to_bytes(2, "big") for a in addresses)
        return apply_fault(with_crc(bytes([unit, function, len(payload)]) + payload), meter.fault)

    @staticmethod
    def _exception(meter: SimulatedModbusMeter, unit: int, function: int, code: int) -> bytes:
        return apply_fault(with_crc(bytes([unit, function | 0x80, code])), meter.fault)
