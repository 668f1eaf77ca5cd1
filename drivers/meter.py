"""What every meter protocol offers: a bus of meters read by address.

A *bus* is one serial line with any number of meters on it (RS-485 is a
multi-drop line); the address picks the meter. Each protocol module provides a
:class:`MeterBus` subclass; :func:`drivers.registry.open_meter` opens one by
protocol name so the app can read any meter without knowing its protocol.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, TypeVar

from drivers.device import SerialDevice
from drivers.errors import BadFrame, DeviceError, DeviceTimeout
from drivers.transport import SerialSettings, SerialTransport, hex_bytes

T = TypeVar("T")
F = TypeVar("F")


@dataclass(frozen=True)
class Reading:
    """One measured value, as read from a meter.

    ``value`` is exact (``Decimal``, never float). ``raw`` is the reply frame
    (or register bytes) it was decoded from, kept for audit and for the live
    frame log.
    """

    value: Decimal
    unit: str
    address: str
    protocol: str
    quantity: str
    raw: bytes


class MeterBus(SerialDevice, ABC):
    """Meters of one protocol on one serial line.

    Subclasses set :attr:`protocol` and :attr:`default_settings` and implement
    :meth:`read_total`, the cumulative register that is billed: kWh for an
    electricity meter, m³ for water and gas, kWh/GJ for heat.
    """

    protocol: ClassVar[str]
    default_settings: ClassVar[SerialSettings]
    #: First byte of a frame: its presence in unanswered bytes means a cut-off reply.
    frame_start: ClassVar[int] = 0x68
    #: What the user calls this kind of meter, in messages.
    device_name: ClassVar[str] = "表"

    def __init__(self, transport: SerialTransport, *, retries: int = 2) -> None:
        super().__init__(transport)
        if retries < 0:
            raise ValueError("retries must be >= 0")
        self.retries = retries

    @abstractmethod
    def read_total(self, address: str) -> Reading:
        """Read the meter's cumulative total (the value that is billed)."""

    def _with_retries(self, attempt: Callable[[], T]) -> T:
        """Run a read, repeating it on silence or a garbled answer.

        Only reads go through here: repeating them is harmless, and on RS-485
        a lost or corrupted frame is routine (line noise, a meter waking up).
        A refusal by the meter (:class:`DeviceRejected`) is final.
        """
        for remaining in range(self.retries, -1, -1):
            try:
                return attempt()
            except (DeviceTimeout, BadFrame):
                if remaining == 0:
                    raise
        raise AssertionError("unreachable")

    def _request(
        self,
        request: bytes,
        take: Callable[[bytearray], bytes | None],
        decode: Callable[[bytes], F],
        accept: Callable[[F], bool],
        address: str | None,
    ) -> F:
        """Send ``request`` and return the first decoded frame that ``accept`` takes.

        Frames ``accept`` refuses are skipped: RS-485 adapters without echo
        suppression hand our own request back, and a meter may answer an
        earlier, timed-out request late. The whole exchange shares one deadline.
        """
        self.transport.drain()
        self.transport.write(request)
        deadline = time.monotonic() + self.transport.settings.timeout
        buf = bytearray()
        while True:
            remaining = max(0.0, deadline - time.monotonic())
            raw = self.transport.receive(take, remaining, buffer=buf)
            if raw is None:
                raise self._no_answer(address, buf)
            try:
                frame = decode(raw)
            except DeviceError as exc:
                exc.port = exc.port or self.port
                raise
            if accept(frame):
                return frame

    def _no_answer(self, address: str | None, leftover: bytearray) -> BadFrame | DeviceTimeout:
        """The error for a request that got no complete answer."""
        who = f"{self.device_name} {address}" if address else self.device_name
        who_en = f"meter {address}" if address else "the meter"
        if self.frame_start in leftover:
            return BadFrame(
                f"{who} 应答不完整（串口 {self.port}）：{hex_bytes(leftover)}",
                f"truncated reply from {who_en} on {self.port}: {hex_bytes(leftover)}",
                port=self.port,
                address=address,
            )
        return DeviceTimeout(
            f"读取超时：{who} 无应答（串口 {self.port}），请检查表地址、接线和通信参数",
            f"timeout: {who_en} did not answer on {self.port}; check the address, wiring and line settings",
            port=self.port,
            address=address,
        )
