"""What every meter protocol offers: a bus of meters read by address.

A *bus* is one serial line with any number of meters on it (RS-485 is a
multi-drop line); the address picks the meter. Each protocol module provides a
:class:`MeterBus` subclass; :func:`drivers.registry.open_meter` opens one by
protocol name so the app can read any meter without knowing its protocol.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

from drivers.errors import BadFrame, DeviceTimeout
from drivers.transport import FrameLog, SerialSettings, SerialTransport

T = TypeVar("T")
B = TypeVar("B", bound="MeterBus")


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


class MeterBus(ABC):
    """Meters of one protocol on one serial line.

    Subclasses set :attr:`protocol` and :attr:`default_settings` and implement
    :meth:`read_total`, the cumulative register that is billed: kWh for an
    electricity meter, m³ for water and gas, kWh/GJ for heat.
    """

    protocol: ClassVar[str]
    default_settings: ClassVar[SerialSettings]

    def __init__(self, transport: SerialTransport, *, retries: int = 2) -> None:
        if retries < 0:
            raise ValueError("retries must be >= 0")
        self.transport = transport
        self.retries = retries

    @classmethod
    def open(
        cls: type[B],
        port: str,
        settings: SerialSettings | None = None,
        *,
        log: FrameLog | None = None,
        **options: Any,
    ) -> B:
        """Open ``port`` with ``settings`` (default: the protocol's usual ones)."""
        transport = SerialTransport(port, settings or cls.default_settings, log=log).open()
        try:
            return cls(transport, **options)
        except BaseException:
            transport.close()
            raise

    @abstractmethod
    def read_total(self, address: str) -> Reading:
        """Read the meter's cumulative total (the value that is billed)."""

    def close(self) -> None:
        """Close the serial line."""
        self.transport.close()

    def __enter__(self: B) -> B:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def port(self) -> str:
        return self.transport.port

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
