"""Simulated DL/T 645-2007 meters sharing one RS-485 line.

Each meter answers "read data" for total forward active energy and phase-A
voltage, and "read address" when it is alone on the line. Like a real meter
it stays silent on a bad checksum or another meter's address; it can also be
told to stay silent, to refuse with an error byte, or to garble its answer
(:class:`~drivers.simulators.base.Fault`). ``echo=True`` imitates an RS-485
adapter that hands the request back before the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from drivers import dlt645
from drivers.bcd import decimal_to_bcd
from drivers.errors import BadFrame
from drivers.simulators.base import Fault, Simulator, apply_fault


@dataclass
class SimulatedMeter:
    energy: Decimal = Decimal("0.00")
    voltage_a: Decimal = Decimal("220.0")
    silent: bool = False
    error_code: int | None = None
    fault: Fault | None = None

    def value(self, di: int) -> bytes | None:
        """Value bytes of a data identifier, or ``None`` if this meter has no such data."""
        if di == dlt645.DI_FORWARD_ACTIVE_TOTAL:
            return decimal_to_bcd(self.energy, 4, 2)
        if di == dlt645.DI_VOLTAGE_A:
            return decimal_to_bcd(self.voltage_a, 2, 1)
        return None


class DLT645Simulator(Simulator):
    kind = "dlt645"

    def __init__(self, *, echo: bool = False, tcp_port: int | None = None, host: str = "127.0.0.1") -> None:
        super().__init__(tcp_port=tcp_port, host=host)
        self.echo = echo
        self.meters: dict[str, SimulatedMeter] = {}
        self._buf = bytearray()

    def add_meter(
        self,
        address: str,
        *,
        energy: Decimal = Decimal("0.00"),
        voltage_a: Decimal = Decimal("220.0"),
    ) -> SimulatedMeter:
        meter = SimulatedMeter(energy=energy, voltage_a=voltage_a)
        key = dlt645.decode_address(dlt645.encode_address(address))
        with self.lock:
            self.meters[key] = meter
        return meter

    def meter(self, address: str) -> SimulatedMeter:
        return self.meters[dlt645.decode_address(dlt645.encode_address(address))]

    def set_energy(self, address: str, energy: Decimal) -> None:
        with self.lock:
            self.meter(address).energy = energy

    def reset_input(self) -> None:
        self._buf.clear()

    def feed(self, data: bytes) -> bytes:
        self._buf += data
        out = bytearray()
        while (raw := dlt645.take_frame(self._buf)) is not None:
            if self.echo:
                out += raw
            try:
                request = dlt645.decode_frame(raw)
            except BadFrame:
                continue  # a meter ignores a frame it cannot trust
            if not request.is_reply:
                out += self._answer(request)
        return bytes(out)

    def _answer(self, request: dlt645.Frame) -> bytes:
        if request.control == dlt645.C_READ_ADDRESS and request.address == dlt645.BROADCAST:
            return self._answer_read_address()
        meter = self.meters.get(request.address)
        if meter is None or meter.silent or request.control != dlt645.C_READ_DATA:
            return b""
        return apply_fault(self._read(request, meter), meter.fault)

    def _answer_read_address(self) -> bytes:
        talking = [(a, m) for a, m in self.meters.items() if not m.silent]
        if len(talking) != 1:
            return b""  # several meters at once would collide on a real line
        address, meter = talking[0]
        wire = dlt645.encode_address(address)
        reply = dlt645.encode_frame(address, dlt645.C_READ_ADDRESS | dlt645.REPLY_BIT, wire)
        return apply_fault(reply, meter.fault)

    def _read(self, request: dlt645.Frame, meter: SimulatedMeter) -> bytes:
        di = int.from_bytes(request.data[:4], "little")
        value = meter.value(di) if len(request.data) == 4 else None
        if meter.error_code is not None or value is None:
            code = meter.error_code if meter.error_code is not None else 0x02  # no such data
            control = dlt645.C_READ_DATA | dlt645.REPLY_BIT | dlt645.ERROR_BIT
            return dlt645.encode_frame(request.address, control, bytes([code]))
        control = dlt645.C_READ_DATA | dlt645.REPLY_BIT
        return dlt645.encode_frame(request.address, control, request.data[:4] + value)
