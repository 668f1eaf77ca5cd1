"""What every device class shares: one serial line, opened, closed and used as a context manager."""

from __future__ import annotations

from typing import Any, ClassVar, Self

from drivers.transport import FrameLog, SerialSettings, SerialTransport


class SerialDevice:
    """A device (or a bus of devices) on one :class:`SerialTransport`.

    Subclasses set :attr:`default_settings` to the line settings the device
    usually ships with, and take their own keyword options in ``__init__``.
    """

    default_settings: ClassVar[SerialSettings] = SerialSettings()

    def __init__(self, transport: SerialTransport) -> None:
        self.transport = transport

    @classmethod
    def open(
        cls,
        port: str,
        settings: SerialSettings | None = None,
        *,
        log: FrameLog | None = None,
        **options: Any,
    ) -> Self:
        """Open ``port`` (a name or pyserial URL) with ``settings``, default
        :attr:`default_settings`; ``log`` receives every frame in both directions."""
        transport = SerialTransport(port, settings or cls.default_settings, log=log).open()
        try:
            return cls(transport, **options)
        except BaseException:
            transport.close()
            raise

    @property
    def port(self) -> str:
        return self.transport.port

    def close(self) -> None:
        """Close the serial line (safe to call twice)."""
        self.transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
