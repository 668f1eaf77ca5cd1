"""Simulated CJ/T 188-2004 water, gas and heat meters sharing one line.

Meters answer "read data" (DI 90 1F) in the water/gas or the heat layout and
"read address" when alone on the line. ``di_order`` chooses the DI byte order
of the replies ("big" = 90 1F, "little" = 1F 90), since real meters differ.
Faults as for the DL/T 645 simulator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from drivers import cjt188
from drivers.bcd import decimal_to_bcd, int_to_bcd
from drivers.errors import BadFrame
from drivers.simulators.base import Fault, Simulator, apply_fault


def encode_clock(clock: datetime) -> bytes:
    """``ss mm hh DD MM YY YY``, BCD, low byte first."""
    return bytes(
        int_to_bcd(part, 1)[0] for part in (clock.second, clock.minute, clock.hour, clock.day, clock.month)
    ) + int_to_bcd(clock.year, 2)


@dataclass
class SimulatedFlowMeter:
    """A water (types 10–13) or gas (30) meter."""

    meter_type: int = 0x10
    current: Decimal = Decimal("0.00")
    settlement: Decimal = Decimal("0.00")
    unit: int = 0x2C
    clock: datetime = field(default_factory=lambda: datetime(2024, 1, 1, 8, 0, 0))
    status: bytes = b"\x00\x00"
    silent: bool = False
    error: bool = False
    fault: Fault | None = None

    def data(self) -> bytes:
        """Reply data after DI and SER."""
        return (
            decimal_to_bcd(self.current, 4, 2)
            + bytes([self.unit])
            + decimal_to_bcd(self.settlement, 4, 2)
            + bytes([self.unit])
            + encode_clock(self.clock)
            + self.status
        )


@dataclass
class SimulatedHeatMeter:
    """A heat meter (type 20)."""

    meter_type: int = 0x20
    settlement_heat: Decimal = Decimal("0.00")
    current_heat: Decimal = Decimal("0.00")
    heat_power: Decimal = Decimal("0.00")
    flow_rate: Decimal = Decimal("0.0000")
    cumulative_flow: Decimal = Decimal("0.00")
    supply_temperature: Decimal = Decimal("60.00")
    return_temperature: Decimal = Decimal("45.00")
    working_hours: int = 0
    heat_unit: int = 0x05  # kWh
    clock: datetime = field(default_factory=lambda: datetime(2024, 1, 1, 8, 0, 0))
    status: bytes = b"\x00\x00"
    silent: bool = False
    error: bool = False
    fault: Fault | None = None

    def data(self) -> bytes:
        return (
            decimal_to_bcd(self.settlement_heat, 4, 2)
            + bytes([self.heat_unit])
            + decimal_to_bcd(self.current_heat, 4, 2)
            + bytes([self.heat_unit])
            + decimal_to_bcd(self.heat_power, 4, 2)
            + b"\x17"  # kW
            + decimal_to_bcd(self.flow_rate, 4, 4)
            + b"\x35"  # m³/h
            + decimal_to_bcd(self.cumulative_flow, 4, 2)
            + b"\x2c"  # m³
            + decimal_to_bcd(self.supply_temperature, 3, 2)
            + decimal_to_bcd(self.return_temperature, 3, 2)
            + int_to_bcd(self.working_hours, 3)
            + encode_clock(self.clock)
            + self.status
        )


SimulatedCJT188Meter = SimulatedFlowMeter | SimulatedHeatMeter


class CJT188Simulator(Simulator):
    kind = "cjt188"

    def __init__(
        self, *, di_order: str = "big", tcp_port: int | None = None, host: str = "127.0.0.1"
    ) -> None:
        super().__init__(tcp_port=tcp_port, host=host)
        cjt188.encode_di(cjt188.DI_METER_DATA, di_order)  # validate
        self.di_order = di_order
        self.meters: dict[str, SimulatedCJT188Meter] = {}
        self._buf = bytearray()

    def add_meter(self, address: str, meter: SimulatedCJT188Meter | None = None) -> SimulatedCJT188Meter:
        meter = meter if meter is not None else SimulatedFlowMeter()
        with self.lock:
            self.meters[self._key(address)] = meter
        return meter

    def meter(self, address: str) -> SimulatedCJT188Meter:
        return self.meters[self._key(address)]

    @staticmethod
    def _key(address: str) -> str:
        return cjt188.decode_address(cjt188.encode_address(address))

    def reset_input(self) -> None:
        self._buf.clear()

    def feed(self, data: bytes) -> bytes:
        self._buf += data
        out = bytearray()
        while (raw := cjt188.take_frame(self._buf)) is not None:
            try:
                request = cjt188.decode_frame(raw)
            except BadFrame:
                continue
            if not request.is_reply:
                out += self._answer(request)
        return bytes(out)

    def _answer(self, request: cjt188.Frame) -> bytes:
        if len(request.data) != 3:
            return b""
        ser = request.data[2]
        if request.control == cjt188.C_READ_ADDRESS:
            return self._answer_read_address(request, ser)
        meter = self.meters.get(request.address)
        if (
            meter is None
            or meter.silent
            or request.control != cjt188.C_READ_DATA
            or request.meter_type not in (meter.meter_type, cjt188.TYPE_ANY)
            or not cjt188.di_matches(request.data, cjt188.DI_METER_DATA)
        ):
            return b""
        if meter.error:
            control = cjt188.C_READ_DATA | cjt188.ERROR_BIT
            return self._reply(meter, request.address, control, bytes([ser]) + meter.status)
        di = cjt188.encode_di(cjt188.DI_METER_DATA, self.di_order)
        return self._reply(meter, request.address, cjt188.C_READ_DATA, di + bytes([ser]) + meter.data())

    def _answer_read_address(self, request: cjt188.Frame, ser: int) -> bytes:
        talking = [(a, m) for a, m in self.meters.items() if not m.silent]
        if not cjt188.di_matches(request.data, cjt188.DI_READ_ADDRESS) or len(talking) != 1:
            return b""  # answers from several meters would collide
        address, meter = talking[0]
        di = cjt188.encode_di(cjt188.DI_READ_ADDRESS, self.di_order)
        return self._reply(meter, address, cjt188.C_READ_ADDRESS, di + bytes([ser]))

    @staticmethod
    def _reply(meter: SimulatedCJT188Meter, address: str, control: int, data: bytes) -> bytes:
        frame = cjt188.encode_frame(meter.meter_type, address, control | cjt188.REPLY_BIT, data)
        return apply_fault(frame, meter.fault)
